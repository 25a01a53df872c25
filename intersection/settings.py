"""Settings of the portal: one file, every deploy-time value read from the environment.

Defaults are safe for development; production sets DEBUG off (the default), SECRET_KEY,
ALLOWED_HOSTS, DATABASE_URL and the mail settings. See the README for the full list.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def cache_from_url(url, table="django_cache"):
    """CACHE_URL: redis://host:port/db, locmem://, or absent for the database cache.

    The database cache is the default so that allauth's rate limits are counted once for
    all gunicorn workers (a local-memory cache would count each worker alone).
    """
    if not url:
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": table,
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    scheme = urlsplit(url).scheme
    if scheme in {"redis", "rediss"}:
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": table,
        }
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": table}
    raise ImproperlyConfigured(f"CACHE_URL scheme not supported: {scheme!r}")


DEBUG = env_bool("DEBUG")

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "development-only-key-never-used-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The site's address in mails sent without a request (the events' housekeeping command).
# Empty: http://127.0.0.1:8000 in development, https:// and the first allowed host otherwise.
SITE_URL = env("SITE_URL")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "django_filters",
    "csp",
    "intersection",
    "members",
    "events",
    "projects",
    "awards",
    "indicators",
]

MIDDLEWARE = [
    "intersection.middleware.ProbeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "members.middleware.StaffSecondFactorMiddleware",
]

ROOT_URLCONF = "intersection.urls"
WSGI_APPLICATION = "intersection.wsgi.application"

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
                "members.context_processors.association",
            ],
        },
    },
]

# Database: PostgreSQL through DATABASE_URL in production and CI, a SQLite file otherwise.
# Persistent connections with health checks roughly triple the throughput of pages that query.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(env("CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": cache_from_url(env("CACHE_URL")),
}

SESSION_ENGINE = "django.contrib.sessions.backends.db"

AUTH_USER_MODEL = "members.User"
# One backend: allauth's, loading request.user with its zone's membership (members.backends).
AUTHENTICATION_BACKENDS = ["members.backends.MembershipAwareBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# allauth: the e-mail address is the login; it must be verified before the first sign-in.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "members.forms.SignupForm"
# Plain labels on the account pages (members.account_forms).
ACCOUNT_FORMS = {
    "login": "members.account_forms.LoginForm",
    "signup": "members.account_forms.SignupForm",
    "reset_password": "members.account_forms.ResetPasswordForm",
    "reset_password_from_key": "members.account_forms.ResetPasswordKeyForm",
}
MFA_FORMS = {"authenticate": "members.account_forms.AuthenticateForm"}
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SIGNUP_REDIRECT_URL = "members:join"
# Every mail of the portal (members.mail) and of allauth (members.adapter) starts its subject
# with this, comes from the association's name, and is written in the recipient's language.
MAIL_SUBJECT_PREFIX = "[Réseau Intersection] "
MAIL_SENDER_NAME = "Réseau Intersection"
ACCOUNT_EMAIL_SUBJECT_PREFIX = MAIL_SUBJECT_PREFIX
ACCOUNT_ADAPTER = "members.adapter.AccountAdapter"
# Tell people by mail when their password, addresses or second factor change.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
# Behind a load balancer every request comes from the balancer's address: the client's own
# comes from the proxy's header, read by allauth's rate limits and by ours
# (members.http.client_ip). TRUSTED_PROXY_COUNT: how many proxies append to X-Forwarded-For
# (the client address is the one that many places from the end); or TRUSTED_CLIENT_IP_HEADER:
# a header that the proxy sets alone (for example X-Real-IP). Unset, the connecting address
# counts and any forwarded header is ignored.
ALLAUTH_TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env("TRUSTED_CLIENT_IP_HEADER") or None
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Réseau Intersection"
USERSESSIONS_TRACK_ACTIVITY = False

# How long personal data is kept, in days; each period can be overridden by the environment.
# The housekeeping command applies this table and the privacy notice (/privacy/) is written
# from it, so the notice and the code cannot disagree.
RETENTION_DAYS = {
    # Accounts whose address was never verified are deleted.
    "unverified_accounts": int(env("RETENTION_UNVERIFIED_ACCOUNTS_DAYS", "30")),
    # Declined or withdrawn join requests lose their free text.
    "join_request_texts": int(env("RETENTION_JOIN_REQUEST_TEXTS_DAYS", "365")),
    # Dietary and accessibility needs are erased after the event.
    "event_needs": int(env("RETENTION_EVENT_NEEDS_DAYS", "7")),
    # Partner guests' name, organisation and address are anonymised after their event.
    "partner_guests": int(env("RETENTION_PARTNER_GUESTS_DAYS", "365")),
    # The record of who downloaded personal data is kept this long.
    "data_access_log": int(env("RETENTION_DATA_ACCESS_LOG_DAYS", str(3 * 365))),
}

# Internationalisation: French first, Dutch and English beside it.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))


def media_storage():
    """Uploaded files: a local folder (a volume) on one host; an S3-compatible bucket, through
    django-storages (the `s3` extra), when S3_BUCKET is set, so that several hosts share them.
    Photos and attachments are read through views that check who may see them; zone logos
    are public (intersection.views.public_media, or the bucket's own address)."""
    bucket = env("S3_BUCKET")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    options = {
        "bucket_name": bucket,
        "endpoint_url": env("S3_ENDPOINT_URL") or None,
        "region_name": env("S3_REGION") or None,
        "access_key": env("S3_ACCESS_KEY_ID") or None,
        "secret_key": env("S3_SECRET_ACCESS_KEY") or None,
        "default_acl": None,
        "file_overwrite": False,
        "querystring_auth": True,
    }
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {key: value for key, value in options.items() if value is not None},
    }


STORAGES = {
    "default": media_storage(),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Mail: the console in development; SMTP when EMAIL_HOST is set.
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Réseau Intersection <noreply@intersection.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The association's contact, shown in the site's footer, in every mail and on the notices.
CONTACT_EMAIL = env("CONTACT_EMAIL", "contact@intersection.invalid")
EMAIL_HOST = env("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(env("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = env("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Security. The liveness and readiness probes stay reachable over plain HTTP inside the cluster.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 0 if DEBUG else int(env("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
# Sub-domains and preload commit every host of the domain to HTTPS for a year: settable, so
# that a portal on a sub-domain of a wider organisation does not decide for its siblings.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SECURE = not DEBUG
# The language switch, and signing in (the profile's language), are remembered for a year.
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Content-Security-Policy: our own files only, no inline script. Images may be data: URIs
# because the TOTP enrolment page shows its QR code that way.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "null": {"class": "logging.NullHandler"},
    },
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Internet scanners send many requests with foreign Host headers: answered 400,
        # never mailed to the admins nor logged as errors.
        "django.security.DisallowedHost": {"handlers": ["null"], "propagate": False},
    },
}

ADMINS = [
    (address, address) for address in env_list("ADMINS") if "@" in address
]  # who receives the reports of server errors
