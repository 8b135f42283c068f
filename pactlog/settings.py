"""Settings, read from the environment by the strict helpers of `pactlog.env` (nothing else
to configure): a value that is not understood stops the start, naming the variable.

Zero setup by default: SQLite in the data dir (`$PACTLOG_DATA_DIR`, else the checkout's `var/`,
else `~/.local/share/pactlog`), a secret key generated once and kept beside it. `DATABASE_URL`
switches to PostgreSQL. Importing this module creates no folder: the data dir is made when
something is first written there (the secret key file, the SQLite database, the log key, the
published files, e-mails written as files).
"""

import importlib.util
import warnings
from functools import cache
from pathlib import Path

import dj_database_url
from django.utils.functional import lazy

from pactlog import env
from pactlog.emailurl import EMAIL_SCHEMES, email_settings
from pactlog.keyfiles import read_or_create

BASE_DIR = Path(__file__).resolve().parent


def _data_dir() -> Path:
    """Resolved once, never from the current directory: a cron job started elsewhere must use
    the same database as the server. `$PACTLOG_DATA_DIR`; else `var/` of the source checkout
    (a clone with pyproject.toml); else `~/.local/share/pactlog` (an installed package)."""
    if configured := env.text("PACTLOG_DATA_DIR"):
        return Path(configured).expanduser().resolve()
    checkout = BASE_DIR.parent
    if (checkout / "pyproject.toml").is_file():
        return checkout / "var"
    return Path.home() / ".local" / "share" / "pactlog"


DATA_DIR = _data_dir()


@cache
def _stored_secret_key() -> str:
    """One generated on first use and kept in the data dir (created 0600 with O_EXCL: never
    readable by others, one key however many workers start)."""
    return read_or_create(DATA_DIR / "secret_key")


# SECRET_KEY if given; else the stored key, read (or made, with the data dir) when first used:
# a command that signs nothing creates nothing.
SECRET_KEY = env.text("SECRET_KEY") or lazy(_stored_secret_key, str)()
DEBUG = env.flag("DEBUG", False)
# Loopback only by default (Django's test client adds `testserver` itself); a deployment names
# its site (`pactlog check --deploy` fails otherwise).
ALLOWED_HOSTS = env.items("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.items("CSRF_TRUSTED_ORIGINS")
SITE_NAME = env.text("SITE_NAME", "pactlog")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "pactlog.web",
    "pactlog.registry",
    "pactlog.importing",
    "pactlog.demo",
    "pactlog.groups",
    "pactlog.claims",
    "pactlog.api",
    "pactlog.exports",
    "pactlog.joining",
    "pactlog.site",
    "pactlog.log",
    "pactlog.witness",
]

MIDDLEWARE = [
    # Front cache (docs/deploy.md): first, so it marks what nginx may keep from final headers.
    "pactlog.site.front.FrontCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "pactlog.web.headers.ContentSecurityPolicyMiddleware",
    "pactlog.registry.caching.RegistryVersionMiddleware",
    "pactlog.api.middleware.CorsMiddleware",
    "pactlog.api.middleware.RateLimitMiddleware",
    "pactlog.web.budget.PageBudgetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "pactlog.web.logins.LoginThrottleMiddleware",
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
                "pactlog.joining.context.moderation",
            ],
        },
    },
]

DATABASE_SCHEMES = ("sqlite", "postgres", "postgresql", "pgsql")
DATABASES = {
    "default": dj_database_url.parse(
        env.url("DATABASE_URL", f"sqlite:///{DATA_DIR / 'pactlog.sqlite3'}", DATABASE_SCHEMES),
        conn_max_age=env.integer("DB_CONN_MAX_AGE", 0, minimum=0),
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
# `collectstatic` makes and fills it for production; until then WhiteNoise serves the files from
# their folders (WHITENOISE_USE_FINDERS below), so its warning about the missing folder is noise.
STATIC_ROOT = env.path("STATIC_ROOT", DATA_DIR / "static")
warnings.filterwarnings("ignore", message="No directory at: ", module="whitenoise")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Front-end libraries installed from the npm registry (package.json, `npm ci`), served as
# static files under vendor/: nothing is loaded from another host at run time.
NODE_MODULES = env.path("PACTLOG_NODE_MODULES", BASE_DIR.parent / "node_modules")
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
PUBLISH_DIR = env.optional_path("PACTLOG_PUBLISH_DIR", DATA_DIR / "public")

X_FRAME_OPTIONS = "DENY"

# Behind TLS (nginx terminating HTTPS, docs/deploy.md): PACTLOG_HTTPS=true.
if env.flag("PACTLOG_HTTPS", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.integer("SECURE_HSTS_SECONDS", 31536000, minimum=0)
    # A registry has its own host name: HSTS for its subdomains too, and the `preload` token
    # (which does nothing until someone submits the domain to the browsers' list).
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env.flag("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# The level holds at the handler too: Django's own loggers log at INFO and propagate here.
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
LOG_LEVEL = env.choice("LOG_LEVEL", "WARNING", LOG_LEVELS)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler", "level": LOG_LEVEL}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}

# --- Hardening the public surface (pactlog.web): caches, client addresses, limits ---------
# The rendered counters, lists and pages are cached per registry version
# (pactlog.registry.caching) for at most CACHE_TIMEOUT seconds, so old versions expire.
# One process: local memory. Several processes or machines: set REDIS_URL. Rate-limit
# counters live in their own alias so that the page cache cannot evict them.
CACHE_TIMEOUT = env.integer("CACHE_TIMEOUT", 3600, minimum=1)
REDIS_URL = env.url("REDIS_URL", "", ("redis", "rediss", "unix")) if env.text("REDIS_URL") else ""
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "TIMEOUT": CACHE_TIMEOUT,
        }
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "TIMEOUT": CACHE_TIMEOUT,
            "OPTIONS": {"MAX_ENTRIES": env.integer("CACHE_MAX_ENTRIES", 1000, minimum=1)},
        }
    ),
    "ratelimit": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pactlog-ratelimit",
        }
    ),
}
# Peers whose X-Forwarded-For is believed (addresses or networks, comma-separated; default
# none). The documented nginx front on the same machine: PACTLOG_TRUSTED_PROXIES=127.0.0.1,::1
PACTLOG_TRUSTED_PROXIES = env.items("PACTLOG_TRUSTED_PROXIES")
# Failed sign-ins (admin, moderation) allowed per client address per window before a 429.
LOGIN_FAILURE_LIMIT = env.integer("LOGIN_FAILURE_LIMIT", 10, minimum=1)
LOGIN_FAILURE_WINDOW = env.integer("LOGIN_FAILURE_WINDOW", 900, minimum=1)
LOGIN_THROTTLE_PATHS = ("/admin/login/", "/moderation/login/")

# Requests a minute per client IP on /api/ and /exports/ (0: no limit). The test suite sets 0
# (conftest.py), where one client makes every request, and tests that need it turn it on.
API_RATE_LIMIT = env.integer("API_RATE_LIMIT", 120, minimum=0)
# Expensive HTML pages (pactlog.web.budget): requests a minute per client; 0 turns it off.
PAGE_BUDGET = env.integer("PAGE_BUDGET", 30, minimum=0)

# --- Joining (pactlog.joining): requests, e-mail, moderation, withdrawals -----------------
# smtp://user:pass@host:port, smtp+tls://..., console:, file:///path (.eml files); console
# when unset (`make demo` sets file:// under the data dir).
globals().update(email_settings(env.url("EMAIL_URL", "console:", EMAIL_SCHEMES)))
DEFAULT_FROM_EMAIL = env.text("DEFAULT_FROM_EMAIL", f"{SITE_NAME} <noreply@localhost>")
# Where people are told to write to reach the organisers (withdrawals without a contact...).
PACTLOG_ORGANISERS_EMAIL = env.text("PACTLOG_ORGANISERS_EMAIL")
PACTLOG_JOIN_TOKEN_DAYS = env.integer("PACTLOG_JOIN_TOKEN_DAYS", 7, minimum=1)
PACTLOG_JOIN_RETENTION_DAYS = env.integer("PACTLOG_JOIN_RETENTION_DAYS", 180, minimum=1)
# Abuse limits; PACTLOG_JOIN_LIMITS=off turns them all off (tests and benchmarks only).
PACTLOG_JOIN_LIMITS = env.flag("PACTLOG_JOIN_LIMITS", True)
PACTLOG_JOIN_PER_IP_MINUTE = env.integer("PACTLOG_JOIN_PER_IP_MINUTE", 1, minimum=1)
PACTLOG_JOIN_PER_IP_5_MINUTES = env.integer("PACTLOG_JOIN_PER_IP_5_MINUTES", 5, minimum=1)
PACTLOG_JOIN_PENDING_PER_EMAIL = env.integer("PACTLOG_JOIN_PENDING_PER_EMAIL", 3, minimum=1)
PACTLOG_JOIN_MIN_SECONDS = env.integer("PACTLOG_JOIN_MIN_SECONDS", 3, minimum=0)
# Rate-limit counters: the `ratelimit` cache alias above.
LOGIN_URL = "/moderation/login/"
LOGIN_REDIRECT_URL = "/moderation/"
# Links in e-mails are built on this, never on a request's Host header.
PACTLOG_BASE_URL = env.http_url("PACTLOG_BASE_URL", "http://127.0.0.1:8000")

# Verifiable log (docs/spec.md §9, pactlog.log): the signer key (PRIVATE+KEY+...) or, without it,
# a key generated once into the data directory; the origin names the log in its checkpoints.
LOG_KEY = env.text("PACTLOG_LOG_KEY")
LOG_KEY_FILE = DATA_DIR / "log_key"
_log_host = next((h.lstrip(".") for h in ALLOWED_HOSTS if h.strip("*.")), "localhost")
LOG_ORIGIN = env.text("PACTLOG_LOG_ORIGIN") or f"{_log_host}/pactlog"

# The stand-alone verifier's wheel served at /log/pactlog-verify/ (`make verifier-wheel`).
PACTLOG_VERIFY_DIST = env.path("PACTLOG_VERIFY_DIST", BASE_DIR.parent / "dist")
# Witnesses (docs/log.md): a tlog-policy file naming them and the quorum the published checkpoint
# must meet; each submission waits at most the timeout, and a witness gets at most one request
# per minimum interval (seconds).
LOG_POLICY = env.text("PACTLOG_LOG_POLICY")
LOG_WITNESS_TIMEOUT = float(env.text("PACTLOG_LOG_WITNESS_TIMEOUT", "1"))
LOG_WITNESS_MIN_INTERVAL = float(env.text("PACTLOG_LOG_WITNESS_MIN_INTERVAL", "0"))
LOG_WITNESS_AFTER_COMMIT = env.flag("PACTLOG_LOG_WITNESS_AFTER_COMMIT", True)
