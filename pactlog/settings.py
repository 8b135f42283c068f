"""Settings, read from the environment by the tiny helpers below (nothing else to configure).

Zero setup by default: SQLite under `var/` (or `$PACTLOG_DATA_DIR`), a secret key generated once
and kept beside it. `DATABASE_URL` switches to PostgreSQL.
"""

import importlib.util
import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent


def envbool(name: str, default: str) -> bool:
    return os.getenv(name, default).strip().lower() in ("1", "true", "yes", "on")


def envint(name: str, default: str) -> int:
    return int(os.getenv(name, default))


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


DATA_DIR = Path(os.getenv("PACTLOG_DATA_DIR", Path.cwd() / "var")).resolve()


def _secret_key() -> str:
    """Use SECRET_KEY if given, else one generated on first start and kept in the data dir."""
    if key := os.getenv("SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(50)
        path.write_text(key)
        path.chmod(0o600)
        return key


SECRET_KEY = _secret_key()
DEBUG = envbool("DEBUG", "False")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
SITE_NAME = os.getenv("SITE_NAME", "pactlog")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "pactlog.registry",
    "pactlog.importing",
    "pactlog.demo",
    "pactlog.groups",
    "pactlog.api",
    "pactlog.exports",
    "pactlog.site",
]

MIDDLEWARE = [
    # Front cache (docs/deploy.md): first, so it marks what nginx may keep from final headers.
    "pactlog.site.front.FrontCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "pactlog.registry.caching.RegistryVersionMiddleware",
    "pactlog.api.middleware.CorsMiddleware",
    "pactlog.api.middleware.RateLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "pactlog.urls"
WSGI_APPLICATION = "pactlog.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],  # django-ninja's templates are added below
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.getenv("DATABASE_URL", f"sqlite:///{DATA_DIR / 'pactlog.sqlite3'}"),
        conn_max_age=envint("DB_CONN_MAX_AGE", "0"),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while an import writes; IMMEDIATE avoids lock upgrades failing.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.getenv("STATIC_ROOT", DATA_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # `collectstatic` fills it for production
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Front-end libraries installed from the npm registry (package.json, `npm ci`), served as
# static files under vendor/: nothing is loaded from another host at run time.
NODE_MODULES = Path(os.getenv("PACTLOG_NODE_MODULES", BASE_DIR.parent / "node_modules"))
VENDOR_ASSETS = {
    "vendor/plot": "@observablehq/plot/dist",
    "vendor/d3": "d3/dist",
    "vendor/htmx": "htmx.org/dist",
    "vendor/world-atlas": "world-atlas",
    "vendor/topojson": "topojson-client/dist",
    "vendor/axe": "axe-core",
}
STATICFILES_DIRS = [
    (prefix, NODE_MODULES / folder)
    for prefix, folder in VENDOR_ASSETS.items()
    if (NODE_MODULES / folder).is_dir()
]
# The Swagger UI is served from django-ninja's own templates and static files, not a CDN. They
# are found without importing `ninja` (as an installed app it would be imported at every start,
# and with it pydantic: most of a command line's start-up for what only the API's pages use).
_ninja_spec = importlib.util.find_spec("ninja")
_NINJA = Path(str(_ninja_spec.origin if _ninja_spec else "")).parent
TEMPLATES[0]["DIRS"] = [_NINJA / "templates"]
STATICFILES_DIRS.append(("", _NINJA / "static"))
# Serve static files straight from their folders: no collectstatic step for the embedded default.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Files a front web server serves without Django (pactlog.site.publish); empty: off.
_publish_dir = os.getenv("PACTLOG_PUBLISH_DIR", str(DATA_DIR / "public"))
PUBLISH_DIR = Path(_publish_dir) if _publish_dir else None

X_FRAME_OPTIONS = "DENY"

# Behind TLS (nginx terminating HTTPS, docs/deploy.md): PACTLOG_HTTPS=true.
if envbool("PACTLOG_HTTPS", "False"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "31536000")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "WARNING")},
}

# The rendered counters and lists are cached per registry version (pactlog.registry.caching).
# One process: local memory. Several processes or machines: set REDIS_URL.
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
        if os.getenv("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "TIMEOUT": None}
    )
}

# Requests a minute per client IP on /api/ and /exports/ (0: no limit). The test suite sets 0
# (conftest.py), where one client makes every request, and tests that need it turn it on.
API_RATE_LIMIT = envint("API_RATE_LIMIT", "120")
