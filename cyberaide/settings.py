"""Settings for cyberaide: one module, driven by environment variables.

The defaults run the project on a developer's machine (``make run``). A deployment sets the
variables listed in the README; with them, ``manage.py check --deploy`` is clean.
"""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=()):
    value = os.environ.get(name)
    if not value:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name)
    return int(value) if value else default


DEBUG = env_bool("DJANGO_DEBUG", default=False)
# The fallback key is only good for a developer's machine: `check --deploy` flags it.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or "django-insecure-development-key-only"
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

DATA_DIR = Path(os.environ.get("CYBERAIDE_DATA_DIR") or BASE_DIR / "var")

INSTALLED_APPS = [
    "accounts",
    "guidance",
    "evidence",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "crispy_forms",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cyberaide.middleware.content_security_policy",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "cyberaide.middleware.null_origin_from_our_own_pages",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "cyberaide.middleware.shared_computer_idle_limit",
    # Before any view or process_view (CSRF's reads the body): sizes and counts checked.
    "cyberaide.middleware.request_limits",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "cyberaide.middleware.private_pages_not_stored",
    "cyberaide.middleware.UnreadableDossierPage",
    # Last, as django-axes asks: it turns a locked-out login into our lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cyberaide.urls"
WSGI_APPLICATION = "cyberaide.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cyberaide.context_processors.site",
            ],
            # Site-wide tags that belong to no app (the project package is not one).
            "libraries": {"page_errors": "cyberaide.templatetags.page_errors"},
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{DATA_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work during a write; IMMEDIATE takes the write lock when a
    # transaction starts, so concurrent writers wait (busy timeout) instead of failing
    # with "database is locked" halfway through.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Tests use a file, not memory, so they exercise WAL and concurrent connections.
    DATABASES["default"]["TEST"] = {
        "NAME": os.path.join(tempfile.gettempdir(), f"cyberaide-test-{os.getpid()}.sqlite3")
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "cyberaide.User"

# Forms lay themselves out in Python (cyberaide/form_layout.py) and render through the
# project's own template pack, templates/cyberaide/: today's accessible markup, no CSS
# framework.
CRISPY_TEMPLATE_PACK = "cyberaide"
CRISPY_ALLOWED_TEMPLATE_PACKS = ("cyberaide",)

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out username and address before the check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "evidence:dossier_list"
LOGOUT_REDIRECT_URL = "guidance:home"

# Repeated failed logins lock out the username from that address for a while.
AXES_FAILURE_LIMIT = env_int("CYBERAIDE_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("CYBERAIDE_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# The person's address behind DJANGO_PROXY_COUNT reverse proxies (accounts.lockout):
# without it every request would seem to come from the proxy, and a few wrong passwords
# would lock a name out from everywhere.
CYBERAIDE_PROXY_COUNT = env_int("DJANGO_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_address"
AXES_USERNAME_FORM_FIELD = "username"
# Only what the lockout needs (accounts.lockout): no log of successful logins, no user
# agent or form data with the failures, which `manage.py purge_expired` deletes.
AXES_HANDLER = "accounts.lockout.LockoutOnlyHandler"
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False

# E-mail is optional: a pupil may have no address. When the operator configures outgoing
# mail (EMAIL_URL, cyberaide/email_url.py, or DJANGO_EMAIL_HOST and its companions),
# sign-up asks for an address and the login page offers a reset link by e-mail; without
# it neither is shown, and the recovery code (accounts/recovery.py) is the way back in.
if os.environ.get("EMAIL_URL"):
    from cyberaide.email_url import email_settings

    globals().update(email_settings(os.environ["EMAIL_URL"]))
elif os.environ.get("DJANGO_EMAIL_HOST"):
    EMAIL_HOST = os.environ["DJANGO_EMAIL_HOST"]
    EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", default=True)
CYBERAIDE_EMAIL_ENABLED = bool(os.environ.get("EMAIL_URL") or os.environ.get("DJANGO_EMAIL_HOST"))
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "webmaster@localhost")
# A password reset link works for an hour, not Django's three days.
PASSWORD_RESET_TIMEOUT = 60 * 60

# How long what grows is kept (`manage.py purge_expired`, daily from cron).
CYBERAIDE_TASK_RESULT_RETENTION_DAYS = env_int("CYBERAIDE_TASK_RESULT_RETENTION_DAYS", 7)
CYBERAIDE_SPENT_CODE_RETENTION_DAYS = env_int("CYBERAIDE_SPENT_CODE_RETENTION_DAYS", 30)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: French first; English msgids in the code.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Paris"
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Evidence files: never under a public URL; served only by views that check access.
    "evidence": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": DATA_DIR / "evidence",
            "base_url": None,
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Sessions end after 30 minutes without activity and when the browser closes: a victim
# may be on a shared family computer.
SESSION_COOKIE_AGE = env_int("CYBERAIDE_SESSION_IDLE_SECONDS", 30 * 60)
# When the person ticks "not my own computer" at login (cyberaide.middleware).
CYBERAIDE_SHARED_COMPUTER_IDLE_SECONDS = 5 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# A session cookie, as the session's own: nothing of a visit outlives the browser window
# (Django's default keeps csrftoken a year, and the quick exit could not clear it).
CSRF_COOKIE_AGE = None

# Headers sent on every response.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "no-referrer"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'"
)

# HTTPS: one switch for a deployment behind TLS.
HTTPS = env_bool("DJANGO_HTTPS", default=False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS and env_bool("DJANGO_HSTS_PRELOAD", default=True)
if env_bool("DJANGO_BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Evidence: limits, and the key that wraps every dossier's own encryption key
# (32 random bytes, URL-safe base64: `python -c "import base64,os;
# print(base64.urlsafe_b64encode(os.urandom(32)).decode())"`).
# 32 random bytes, URL-safe base64 (evidence/custody/keys.py): required, never derived from
# the secret key. `make run` makes a development key outside the repository.
CYBERAIDE_STORAGE_KEY = os.environ.get("CYBERAIDE_STORAGE_KEY", "")
# Older keys still accepted for reading, until `manage.py rotate_storage_key` has run.
CYBERAIDE_STORAGE_KEY_FALLBACKS = env_list("CYBERAIDE_STORAGE_KEY_FALLBACKS")
CYBERAIDE_MAX_FILE_BYTES = env_int("CYBERAIDE_MAX_FILE_MB", 25) * 1024 * 1024
CYBERAIDE_DOSSIER_QUOTA_BYTES = env_int("CYBERAIDE_DOSSIER_QUOTA_MB", 500) * 1024 * 1024
# All the dossiers of one account together (a staff member's unclaimed ones included).
CYBERAIDE_ACCOUNT_QUOTA_BYTES = env_int("CYBERAIDE_ACCOUNT_QUOTA_MB", 1500) * 1024 * 1024
CYBERAIDE_MAX_IMAGE_PIXELS = env_int("CYBERAIDE_MAX_IMAGE_MEGAPIXELS", 64) * 1_000_000
# What one picture may take once decoded (pixels × bytes per pixel: alpha and 16-bit
# count for more), and how long one upload's files may take to process before the rest
# are refused by name (below the web worker's own timeout).
CYBERAIDE_MAX_IMAGE_DECODED_BYTES = env_int("CYBERAIDE_MAX_IMAGE_DECODED_MB", 160) * 1024 * 1024
CYBERAIDE_UPLOAD_TIME_BUDGET_SECONDS = env_int("CYBERAIDE_UPLOAD_TIME_BUDGET_SECONDS", 20)
CYBERAIDE_MAX_FILES_PER_UPLOAD = 20
# All the files of one upload together (evidence.ingest.limits): past it, reading stops.
CYBERAIDE_MAX_UPLOAD_BYTES = env_int("CYBERAIDE_MAX_UPLOAD_MB", 100) * 1024 * 1024
CYBERAIDE_MAX_MESSAGE_CHARACTERS = 100_000
# What one PDF may cost (evidence.pdf): a render stopped after this long is marked failed;
# a document no worker took within the queue deadline too. One account may ask for this
# many PDFs an hour.
CYBERAIDE_PDF_TIMEOUT_SECONDS = env_int("CYBERAIDE_PDF_TIMEOUT_SECONDS", 180)
CYBERAIDE_PDF_QUEUE_DEADLINE_SECONDS = env_int("CYBERAIDE_PDF_QUEUE_DEADLINE_SECONDS", 1800)
CYBERAIDE_PDF_PER_HOUR = env_int("CYBERAIDE_PDF_PER_HOUR", 12)
# The page budget: an exhibit takes a page or more, so one PDF holds at most this many.
CYBERAIDE_PDF_MAX_EXHIBITS = env_int("CYBERAIDE_PDF_MAX_EXHIBITS", 400)
# A PDF sent as evidence is shown in the complaint as pictures of its first pages, rendered
# once on arrival by poppler in a limited process (evidence/ingest/pdf_pages.py).
CYBERAIDE_PDF_EXHIBIT_PAGES = env_int("CYBERAIDE_PDF_EXHIBIT_PAGES", 20)
CYBERAIDE_PDF_EXHIBIT_RENDER_SECONDS = env_int("CYBERAIDE_PDF_EXHIBIT_RENDER_SECONDS", 60)
# A message prints whole up to this many lines (and characters); the rest is in the
# original attached to the PDF. All the messages of one PDF share a budget of lines.
CYBERAIDE_PDF_MESSAGE_LINES = 300
CYBERAIDE_PDF_MESSAGE_CHARACTERS = 15_000
CYBERAIDE_PDF_TOTAL_MESSAGE_LINES = 3_000
# Trusted time and the seal (evidence.custody.timestamps, evidence.pdf.seal). With a
# timestamping authority (RFC 3161; a qualified one under eIDAS art. 41 gives a legal
# presumption of date and integrity), the journal's chain head is stamped after each change
# that adds evidence and every PDF carries a token; CYBERAIDE_TSA_CA_FILE holds the
# authority's root certificate(s), PEM, against which every token is checked on receipt.
# A stamp that fails is retried by the worker after CYBERAIDE_TSA_RETRY_SECONDS, doubled
# at each attempt, up to CYBERAIDE_TSA_ATTEMPTS times; `manage.py stamp_journals` catches up.
CYBERAIDE_TSA_URL = os.environ.get("CYBERAIDE_TSA_URL", "")
CYBERAIDE_TSA_CA_FILE = os.environ.get("CYBERAIDE_TSA_CA_FILE", "")
CYBERAIDE_TSA_TIMEOUT_SECONDS = env_int("CYBERAIDE_TSA_TIMEOUT_SECONDS", 10)
CYBERAIDE_TSA_RETRY_SECONDS = env_int("CYBERAIDE_TSA_RETRY_SECONDS", 60)
CYBERAIDE_TSA_ATTEMPTS = env_int("CYBERAIDE_TSA_ATTEMPTS", 8)
# With a signing certificate (PKCS#12 file and its password), every PDF is sealed (PAdES
# B-T when there is a timestamping authority, B-B otherwise). The verifier trusts the
# seal's own root (from the PKCS#12 file), the authority's, and CYBERAIDE_TRUSTED_CA_FILE.
CYBERAIDE_SIGNING_PKCS12 = os.environ.get("CYBERAIDE_SIGNING_PKCS12", "")
CYBERAIDE_SIGNING_PKCS12_PASSWORD = os.environ.get("CYBERAIDE_SIGNING_PKCS12_PASSWORD", "")
CYBERAIDE_TRUSTED_CA_FILE = os.environ.get("CYBERAIDE_TRUSTED_CA_FILE", "")
# The public verifier (/<lang>/verifier/): the largest PDF it reads, and how many PDFs one
# address may have checked an hour (counted in the cache: share it between web workers).
CYBERAIDE_VERIFY_MAX_BYTES = env_int("CYBERAIDE_VERIFY_MAX_MB", 600) * 1024 * 1024
CYBERAIDE_VERIFY_PER_HOUR = env_int("CYBERAIDE_VERIFY_PER_HOUR", 20)
# Helper invitations and the code a pupil uses to take over a dossier a staff member
# started: single use, valid this many days.
CYBERAIDE_CODE_VALID_DAYS = 7
# Files above this size wait on disk, not in memory, while the request is read.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = CYBERAIDE_MAX_FILES_PER_UPLOAD
# What is not a file: a pasted message of CYBERAIDE_MAX_MESSAGE_CHARACTERS, URL-encoded
# (up to 12 bytes a character for emoji), and the form around it.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200
# Every uploaded file passes through the limits first, then memory or the scratch folder.
FILE_UPLOAD_HANDLERS = [
    "evidence.ingest.limits.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_PERMISSIONS = 0o600
# Where an upload too large for memory is written while it arrives, and where PDFs and
# exports are assembled: under the data directory, owner-only, never the shared /tmp
# (evidence.custody.scratch; swept by `manage.py sweep_evidence_files`).
FILE_UPLOAD_TEMP_DIR = str(DATA_DIR / "tmp")

# Background tasks (PDF rendering): immediate by default; "database" in production, with
# `manage.py db_worker` running beside the web server.
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[os.environ.get("CYBERAIDE_TASKS_BACKEND", "immediate")]
    }
}

# Where the quick-exit button sends the visitor: a neutral, everyday site.
QUICK_EXIT_URL = os.environ.get("CYBERAIDE_QUICK_EXIT_URL") or "https://www.google.fr/"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
    # django-axes writes usernames and addresses into its warnings; logs must not carry
    # identities (the lockout itself is recorded in its database table).
    "loggers": {"axes": {"level": "ERROR"}},
}
