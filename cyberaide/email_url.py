"""``EMAIL_URL``: the operator's outgoing mail in one variable, read into Django's e-mail
settings.

    smtp://user:password@mail.example.org:587     STARTTLS (the usual submission port)
    smtps://user:password@mail.example.org:465    TLS from the start
    smtp://localhost:25                           a local relay, no login

User and password are percent-encoded when they hold ``@``, ``:`` or ``/``.
"""

from urllib.parse import unquote, urlsplit

SCHEMES = {"smtp": {"EMAIL_USE_TLS": True}, "smtps": {"EMAIL_USE_SSL": True}}


def email_settings(url):
    """Django settings for ``url``; ``ValueError`` names what is wrong with it."""
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES:
        raise ValueError(f"EMAIL_URL must start with smtp:// or smtps://, not {parts.scheme}://")
    if not parts.hostname:
        raise ValueError("EMAIL_URL has no host name")
    local = parts.hostname in {"localhost", "127.0.0.1", "::1"} and not parts.username
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": parts.port or (465 if parts.scheme == "smtps" else 587),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": False if local else SCHEMES[parts.scheme].get("EMAIL_USE_TLS", False),
        "EMAIL_USE_SSL": SCHEMES[parts.scheme].get("EMAIL_USE_SSL", False),
    }
