"""Settings for nkfilms, all driven by environment variables.

Each helper below reads one variable and fails loudly on a bad value, so a typo in
production configuration stops the process instead of silently running with a default.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    value = os.environ.get(name, default).strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: str) -> int:
    value = os.environ.get(name, default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def envbaseurl(name: str, default: str) -> str:
    """A site's address, scheme and host only (``https://nkfilms.org``), or "" for none."""
    value = os.environ.get(name, default).strip()
    if not value:
        return ""
    parts = urlsplit(value)
    if (
        parts.scheme not in {"http", "https"}
        or not parts.hostname
        or "@" in parts.netloc
        or parts.path not in {"", "/"}
        or parts.query
        or parts.fragment
    ):
        raise ImproperlyConfigured(
            f"{name} must be an http(s) address without a path, such as "
            f"https://nkfilms.org, not {value!r}"
        )
    return f"{parts.scheme}://{parts.netloc}"


def envpath(name: str, default: str) -> Path:
    """A file or folder; a relative path is taken in the project folder. Empty is refused: it
    would mean the project folder itself, and collectstatic would write into it."""
    value = os.environ.get(name, default).strip()
    if not value:
        raise ImproperlyConfigured(f"{name} must be a path, not empty.")
    return BASE_DIR / value


def envorigins(name: str, default: str) -> list[str]:
    """Origins with their scheme (``https://nkfilms.org``), as Django compares them."""
    origins = envlist(name, default)
    for origin in origins:
        if not origin.startswith(("http://", "https://")):
            raise ImproperlyConfigured(
                f"{name} must list origins with their scheme, such as https://nkfilms.org, "
                f"not {origin!r}"
            )
    return origins


DATABASE_ENGINES = {"django.db.backends.sqlite3", "django.db.backends.postgresql"}


def envdatabase(name: str, default: str, conn_max_age: int) -> dict:
    """A database from its URL, SQLite or PostgreSQL: the two the test suite runs on."""
    value = os.environ.get(name, default).strip()
    try:
        config = dj_database_url.parse(value, conn_max_age=conn_max_age)
    except ValueError:
        config = {}
    if config.get("ENGINE") not in DATABASE_ENGINES or not config.get("NAME"):
        # The value is not repeated: it may hold a password.
        raise ImproperlyConfigured(
            f"{name} must be sqlite:////path/to/file.sqlite3 or postgres://user@host:5432/name; "
            "the value set is neither."
        )
    return config


DEBUG = envbool("DJANGO_DEBUG", "true")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if SECRET_KEY and not SECRET_KEY.strip():
    raise ImproperlyConfigured("DJANGO_SECRET_KEY is only white space: set a long random value.")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production"

ALLOWED_HOSTS = envlist("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
if not ALLOWED_HOSTS and not DEBUG:
    # Django would answer every request with a 400: stop here with the reason instead.
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS must name the site's hosts when DJANGO_DEBUG is off."
    )
CSRF_TRUSTED_ORIGINS = envorigins("DJANGO_CSRF_TRUSTED_ORIGINS", "")

# Production (DJANGO_DEBUG=false) is served over HTTPS: cookies only travel encrypted, and
# browsers are told not to guess content types or frame the pages.
# DJANGO_SECURE_COOKIES=false is for a production-mode server on plain HTTP on this machine
# (`make run`), never for a public one.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = envbool(
    "DJANGO_SECURE_COOKIES", "false" if DEBUG else "true"
)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# HSTS is hard to take back (browsers remember it): off until the site is known to work over
# HTTPS, then e.g. 31536000 (a year).
SECURE_HSTS_SECONDS = envint("DJANGO_SECURE_HSTS_SECONDS", "0")
# Redirect http:// to https:// here, for a site that has no web server in front doing it.
SECURE_SSL_REDIRECT = envbool("DJANGO_SECURE_SSL_REDIRECT", "false")
# Behind a proxy that terminates TLS: trust its X-Forwarded-Proto header. Only when the proxy
# sets (and overwrites) that header, or anyone could claim a request was secure.
if envbool("DJANGO_SECURE_PROXY_SSL_HEADER", "false"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The project's apps in layers, each importing only from those below it (import-linter
# checks it: pyproject.toml): catalog → people, coproductions → search → front, api,
# curation. curation comes last: its roles are made once every other app's permissions are.
INSTALLED_APPS = [
    "curation.apps.CurationAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "nested_admin",
    "simple_history",
    "import_export",
    "catalog",
    "people",
    "coproductions",
    "search",
    "front",
    "api",
    "ninja",  # the API docs page's Swagger UI, served from its static files (no CDN)
    "csp",
    "benchmarks",
    "curation.apps.CurationConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "catalog.middleware.CachedPagesMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "nkfilms.urls"

# Django's cache framework: Redis when REDIS_URL is set (shared by every worker of the site),
# else each process's own memory. Public pages and API answers are kept there whole, under
# the data version they were made at (catalog/middleware.py), for this many seconds at most;
# 0 turns that off.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL and urlsplit(REDIS_URL).scheme not in ("redis", "rediss", "unix"):
    raise ImproperlyConfigured(f"REDIS_URL must be a redis:// address, not {REDIS_URL!r}")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {}}
    )
}
NKFILMS_PAGE_CACHE_SECONDS = envint("NKFILMS_PAGE_CACHE_SECONDS", "3600")

# The JSON API's limit for anonymous clients: requests a minute from one address (django-ninja's
# throttling, counted in the cache above; answers served from the page cache are not counted,
# they cost nothing). 0 turns it off. Behind proxies that add the client's address to
# X-Forwarded-For, NKFILMS_NUM_PROXIES says how many: the address the nearest one saw is the
# client's; with 0 (no proxy) the header is ignored, so a client cannot pose as many.
NKFILMS_API_REQUESTS_PER_MINUTE = envint("NKFILMS_API_REQUESTS_PER_MINUTE", "1000")
NINJA_NUM_PROXIES = envint("NKFILMS_NUM_PROXIES", "0")
if NKFILMS_API_REQUESTS_PER_MINUTE < 0 or NINJA_NUM_PROXIES < 0:
    raise ImproperlyConfigured(
        "NKFILMS_API_REQUESTS_PER_MINUTE and NKFILMS_NUM_PROXIES must be 0 or more."
    )

# Content-Security-Policy on every answer (django-csp): scripts, styles, images and fonts
# from the site itself only (no CDN), nothing may frame it or be posted elsewhere. Inline
# style attributes stay allowed (the charts' sizes, the admin's own templates); scripts
# never run inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "nkfilms.wsgi.application"

# DATABASE_URL selects the database: an SQLite file by default, postgres://… for PostgreSQL.
DATABASES = {
    "default": envdatabase(
        "DATABASE_URL",
        f"sqlite:///{BASE_DIR / 'nkfilms.sqlite3'}",
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", "0"),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a lock instead of failing at once when two requests write together, and take
    # the write lock when a transaction begins: two simultaneous saves then run one after the
    # other (the second gets the lost-update message), never "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
else:
    # No JIT compilation: the facet queries are many small subplans, which PostgreSQL's JIT
    # takes seconds to compile for a few milliseconds of work (docs/benchmarks.md). A random
    # read costs about what a sequential one does on SSDs and cached data (1.1, the usual
    # setting for them, instead of 4): otherwise the planner reads all 160,000 people in
    # order to join the 2,000 credits of a prolific person's films (47 ms instead of 10).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off -c random_page_cost=1.1"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A curated film's admin page posts several hundred fields (its claims, citations and rows);
# the largest, about 600. Django's default of 1,000 left no room for growth.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5_000

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = envpath("STATIC_ROOT", "staticfiles")
# In production, collectstatic (run by `make run`) gives each file a name with its hash, so
# browsers may cache it for ever; pages then need the manifest collectstatic writes.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# In development WhiteNoise serves straight from the app and project static folders, looking
# again on each request; in production, the files collectstatic put in STATIC_ROOT.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

MEDIA_URL = "media/"
MEDIA_ROOT = envpath("MEDIA_ROOT", "media")
# Uploaded posters and stills are served by this process while debugging. In production the
# web server in front serves MEDIA_ROOT at /media/ (faster); a site without one sets this.
NKFILMS_SERVE_MEDIA = envbool("NKFILMS_SERVE_MEDIA", "true" if DEBUG else "false")

# The address pages cite as their permanent URL (cite this page, JSON-LD, sitemap.xml), such
# as https://nkfilms.org. Empty: the address the request came in on.
NKFILMS_BASE_URL = envbaseurl("NKFILMS_BASE_URL", "")

# The curated dataset that `make run` loads on first start.
NKFILMS_DATASET = envpath("NKFILMS_DATASET", "data/nkfilms.json")

# Bulk import in the admin: CSV or JSON, a dry run first, then all or nothing.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"  # curators import; imported records are drafts

# Warnings and errors go to the console (the server's log), a server error with its
# traceback. Django's own default prints them only while debugging.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    # Named to drop Django's own handlers (the console while debugging, mail to ADMINS): its
    # messages go up to the root's console, once.
    "loggers": {"django": {"level": "INFO"}},
}
