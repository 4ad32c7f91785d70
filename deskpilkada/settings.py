"""Settings for Desk Pilkada, read from the environment.

With nothing set it runs for development on a SQLite file beside the code, so a fresh checkout
just works. ``DJANGO_ENV=production`` turns on the hardened mode; it refuses to start without a
real ``SECRET_KEY`` and ``ALLOWED_HOSTS``.
"""

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    value = os.environ.get(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from exc


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def envdate(name: str) -> dt.date | None:
    value = os.environ.get(name, "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a date written YYYY-MM-DD, not {value!r}") from exc


PRODUCTION = os.environ.get("DJANGO_ENV", "development").strip().lower() == "production"
DEBUG = envbool("DEBUG", "false" if PRODUCTION else "true")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when DJANGO_ENV=production")
    SECRET_KEY = "development-only-secret-key-not-for-production-use-0123456789"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DJANGO_ENV=production")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

# The demo's clock (deskpilkada.clock): the desk's "today" is this date, at the real time of day, so
# the demo's 18 November 2024 rakor reads as the current week (`make demo` sets it). Never in
# production, where a wrong date on a signed letter is a wrong letter.
DEMO_TODAY = envdate("DEMO_TODAY")
if PRODUCTION and DEMO_TODAY is not None:
    raise ImproperlyConfigured("DEMO_TODAY is for the demo only; unset it when DJANGO_ENV=production")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Named partials ({% partialdef %}, "page.html#partial"); the app puts its loader, over Django's
    # cached loader, in front of TEMPLATES' loaders.
    "template_partials",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "accounts.third_party.AxesConfig",
    "accounts.third_party.OTPConfig",
    "accounts.third_party.TOTPConfig",
    "csp",
    "regions",
    "reports",
    "accounts",
    "notifications",
    "incidents",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed for a phone on a weak signal (the operator's form: 42 kB → 8 kB). Static files
    # never reach it: WhiteNoise answers them, already compressed, above. Django's gzip pads each
    # response by a random length against BREACH, and the CSRF token is masked per response.
    "django.middleware.gzip.GZipMiddleware",
    "deskpilkada.caching.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "reports.language.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.AbsoluteSessionTimeoutMiddleware",
    "accounts.middleware.IdleSessionRenewalMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    "accounts.invitations.ForcedPasswordChangeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "deskpilkada.csp.DeskCSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "deskpilkada.urls"

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
                "csp.context_processors.nonce",
                "reports.context_processors.desk",
                "notifications.context_processors.unread_notices",
                "deskpilkada.icons.sprite_address",
            ],
            # {% icon "name" %} in every template (deskpilkada/icons.py).
            "builtins": ["deskpilkada.icons"],
        },
    },
]

WSGI_APPLICATION = "deskpilkada.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=envint("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = envint("DB_CONNECT_TIMEOUT", 3)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after an idle hour (the session and its cookie are renewed at most once a minute by
# accounts.middleware.IdleSessionRenewalMiddleware, not written on every request) and never outlive a
# working day; see accounts.middleware.AbsoluteSessionTimeoutMiddleware for the absolute limit.
SESSION_COOKIE_AGE = envint("SESSION_IDLE_SECONDS", 60 * 60)
SESSION_ABSOLUTE_SECONDS = envint("SESSION_ABSOLUTE_SECONDS", 12 * 60 * 60)
# Database sessions that carry their user id, so logging out ends the user's other sessions.
SESSION_ENGINE = "accounts.sessions"

# Two-factor login (TOTP) is optional for secretariat and admin accounts; the admin site requires it
# in production.
OTP_REQUIRED_FOR_ADMIN = envbool("OTP_REQUIRED_FOR_ADMIN", "true" if PRODUCTION else "false")
# Secretariat accounts must set up a TOTP device before any other page (accounts/middleware.py).
OTP_REQUIRED_FOR_DESK = envbool("OTP_REQUIRED_FOR_DESK", "true" if PRODUCTION else "false")
OTP_TOTP_ISSUER = "Desk Pilkada"
# Nobody reads another account's TOTP secret in the admin (it would be a copy of their second
# factor); each user enrols on their own two-factor page.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Makassar"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    BASE_DIR / "static",
]
# The address of this application as people outside it reach it: a letter's QR code links to
# SITE_URL/verifikasi/<kode>/, and the links in notifications start with it.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Uploaded files (the emblem of the letterhead); kept out of the repository.
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))


def incident_storage() -> dict:
    """Where incident attachments are kept: never under MEDIA_URL. Local files in a private folder
    by default (INCIDENT_FILES_ROOT); an S3-compatible bucket through django-storages when
    INCIDENT_S3_BUCKET is set (credentials from the usual AWS_* variables or the instance role)."""
    bucket = os.environ.get("INCIDENT_S3_BUCKET", "")
    if not bucket:
        return {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {
                "location": Path(os.environ.get("INCIDENT_FILES_ROOT", BASE_DIR / "private" / "incidents")),
                "base_url": None,
            },
        }
    options = {
        "bucket_name": bucket,
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
    }
    for option, variable in (
        ("endpoint_url", "INCIDENT_S3_ENDPOINT_URL"),
        ("region_name", "INCIDENT_S3_REGION"),
    ):
        if os.environ.get(variable):
            options[option] = os.environ[variable]
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "incidents": incident_storage(),
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Incident attachments: photos are re-encoded (longest side INCIDENT_PHOTO_MAX_SIDE pixels, no
# metadata); the original file is kept beside them only when the admin sets
# INCIDENT_KEEP_ORIGINAL_PHOTOS (it may carry the phone's location).
INCIDENT_KEEP_ORIGINAL_PHOTOS = envbool("INCIDENT_KEEP_ORIGINAL_PHOTOS", "false")
INCIDENT_PHOTO_MAX_SIDE = envint("INCIDENT_PHOTO_MAX_SIDE", 1600)
INCIDENT_MAX_UPLOAD_MB = envint("INCIDENT_MAX_UPLOAD_MB", 10)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "desk-pilkada@kaltimprov.go.id")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "false")
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 10)

# Notifications (notifications/channels.py): the channels in use, the optional HTTP gateway for a
# WhatsApp Business or SMS provider, and the address links in messages point to. Messages are sent
# by Celery when a broker is configured, else at once.
NOTIFY_CHANNELS = envlist("NOTIFY_CHANNELS", "aplikasi,email")
NOTIFY_GATEWAY: dict[str, Any] = {
    "URL": os.environ.get("NOTIFY_GATEWAY_URL", ""),
    "TOKEN": os.environ.get("NOTIFY_GATEWAY_TOKEN", ""),
    "TEMPLATE": os.environ.get("NOTIFY_GATEWAY_TEMPLATE", '{"to": "$phone", "message": "$message"}'),
    "TIMEOUT": envint("NOTIFY_GATEWAY_TIMEOUT", 10),
    "RETRIES": envint("NOTIFY_GATEWAY_RETRIES", 2),
    "BACKOFF": 1.0,
}
if unknown := set(NOTIFY_CHANNELS) - {"aplikasi", "email", "gateway"}:
    raise ImproperlyConfigured(f"NOTIFY_CHANNELS: unknown channel(s) {sorted(unknown)}")
if "gateway" in NOTIFY_CHANNELS and not NOTIFY_GATEWAY["URL"]:
    raise ImproperlyConfigured("NOTIFY_CHANNELS includes gateway but NOTIFY_GATEWAY_URL is not set")
try:
    json.loads(NOTIFY_GATEWAY["TEMPLATE"])
except ValueError as exc:
    raise ImproperlyConfigured(f"NOTIFY_GATEWAY_TEMPLATE must be JSON: {exc}") from exc
# Beat checks every five minutes whether a reminder slot has come (idempotent per slot), and hands
# notifications still pending after ten minutes to a worker again.
CELERY_BEAT_SCHEDULE = {
    "notifications-due-reminders": {"task": "notifications.send_due_reminders", "schedule": 300.0},
    "notifications-redispatch": {"task": "notifications.redispatch_stale", "schedule": 300.0},
}

# Background work (deskpilkada/celery.py): Redis as the broker in production; with no broker set
# (`make demo`, the tests) each task runs at once in the process that asked for it.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or os.environ.get("REDIS_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE

# Login throttling: a username from one address is locked after five failures for 15 minutes.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Also locked (accounts/throttle.py): an address that failed for this many other usernames, and an
# account that failed from this many other addresses, within the cool-off; never a username at an
# address where it signed in successfully within LOGIN_KNOWN_ADDRESS_DAYS.
AXES_HANDLER = "accounts.throttle.DeskAxesHandler"
LOGIN_USERNAMES_PER_ADDRESS = envint("LOGIN_USERNAMES_PER_ADDRESS", 10)
LOGIN_ADDRESSES_PER_ACCOUNT = envint("LOGIN_ADDRESSES_PER_ACCOUNT", 10)
LOGIN_KNOWN_ADDRESS_DAYS = envint("LOGIN_KNOWN_ADDRESS_DAYS", 90)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
# Axes' defaults, named here because accounts/ reads them: the login form's username field, and a
# locked login answers 429 Too Many Requests.
AXES_USERNAME_FORM_FIELD = "username"
AXES_HTTP_RESPONSE_CODE = 429
# The client's address (see deskpilkada/clientip.py): REMOTE_ADDR, or behind PROXY_COUNT reverse
# proxies the entry they appended to CLIENT_IP_HEADER (e.g. X-Forwarded-For). Axes, the audit trail
# and the access log all use it; django-ipware is not installed, so axes' AXES_IPWARE_* are unused.
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")
PROXY_COUNT = envint("PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "deskpilkada.clientip.client_ip"
AXES_USERNAME_CALLABLE = "accounts.login_names.attempted_username"

# The desk's province and office, as the pages name them. The letter's kop, addressee, copy list,
# number pattern, signer and initialling officials are kept in the admin (reports.LetterSettings).
DESK = {
    "PROVINCE": os.environ.get("DESK_PROVINCE", "Kalimantan Timur"),
    "OFFICE": os.environ.get("DESK_OFFICE", "Badan Kesatuan Bangsa dan Politik"),
    # Whom a locked-out user calls (the lock page names them).
    "HELPDESK": os.environ.get("DESK_HELPDESK", "admin TI Kesbangpol"),
}

# Content-Security-Policy: everything from this server, no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_HTTPONLY = True

if PRODUCTION:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "true")
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "deskpilkada.logging.JsonFormatter"},
    },
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}
    },
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},  # not a line per layout step of every PDF
        "pikepdf": {"level": "WARNING"},  # not a line each time an uploaded PDF is cleaned
    },
}
