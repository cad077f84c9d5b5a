from django.conf import settings
from django.urls import translate_url


def site(request):
    """Links to the current page in each language, for the language switch, and whether
    the site sends e-mail (pages offer a reset by e-mail only then)."""
    path = request.get_full_path()
    return {
        "language_links": [
            {"code": code, "name": name, "url": translate_url(path, code)}
            for code, name in settings.LANGUAGES
        ],
        "email_enabled": settings.CYBERAIDE_EMAIL_ENABLED,
    }
