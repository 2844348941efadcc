"""Django settings for theodoi, read from the environment (see ``.env.example``).

Embedded default: SQLite in the data folder (THEODOI_DATA_DIR). Production: PostgreSQL
through DATABASE_URL. ``THEODOI_DEBUG=0`` with a real THEODOI_SECRET_KEY and
THEODOI_ALLOWED_HOSTS passes ``manage.py check --deploy``.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from theodoi.env import data_dir, env_bool, env_float, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = data_dir()

DEBUG = env_bool("THEODOI_DEBUG", True)
_DEV_KEY = "theodoi-dev-only-not-secret-0123456789abcdefghijklmnopqrstuvwxyz"
SECRET_KEY = env_str("THEODOI_SECRET_KEY", _DEV_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("THEODOI_SECRET_KEY must be set when THEODOI_DEBUG=0")
ALLOWED_HOSTS = env_list("THEODOI_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("THEODOI_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "theodoi.core",
    "theodoi.directory",
    "theodoi.accounts",
    "theodoi.plans",
    "theodoi.tracking",
    "theodoi.evaluation",
    "theodoi.reports",
    "theodoi.web",
    "theodoi.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "theodoi.core.web_only.WebSessionMiddleware",  # not on /api/ (token requests)
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "theodoi.core.web_only.WebAuthenticationMiddleware",
    "theodoi.core.web_only.WebMessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "theodoi.urls"
WSGI_APPLICATION = "theodoi.wsgi.application"

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
    }
]

_default_db = f"sqlite:///{DATA_DIR / 'theodoi.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", _default_db), conn_max_age=env_int("THEODOI_DB_CONN_MAX_AGE", 60)
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the worker write while pages read; the timeout rides out short write locks.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"]["TEST"] = {"NAME": env_str("THEODOI_TEST_DATABASE_NAME", "") or None}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
FORMAT_MODULE_PATH = ["theodoi.formats"]  # dd/mm/yyyy instead of Django vi defaults
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns on every request when it is missing
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

EMAIL_BACKEND = env_str("THEODOI_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("THEODOI_FROM_EMAIL", "theodoi@localhost")
EMAIL_HOST = env_str("THEODOI_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("THEODOI_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("THEODOI_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("THEODOI_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("THEODOI_EMAIL_USE_TLS", False)

# Plan intake (theodoi.plans.drafts): largest upload, and the confidence under which a cell is "to check".
THEODOI_UPLOAD_MAX_BYTES = env_int("THEODOI_UPLOAD_MAX_BYTES", 50 * 1024 * 1024)
THEODOI_REVIEW_CONFIDENCE = env_float("THEODOI_REVIEW_CONFIDENCE", 0.75)

# Progress reporting (theodoi.tracking).
THEODOI_SITE_URL = env_str("THEODOI_SITE_URL", "http://127.0.0.1:8000")  # prefix of links in e-mails
TRACKING_HOLIDAYS = env_list("THEODOI_HOLIDAYS", [])  # ISO dates that move due dates; none by default
TRACKING_REMIND_DAYS_BEFORE = env_int("THEODOI_REMIND_DAYS_BEFORE", 3)
TRACKING_EVIDENCE_MAX_BYTES = env_int("THEODOI_EVIDENCE_MAX_BYTES", 20 * 1024 * 1024)

FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

SESSION_COOKIE_AGE = env_int("THEODOI_SESSION_AGE", 8 * 3600)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("THEODOI_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("THEODOI_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("THEODOI_LOG_LEVEL", "INFO")},
}

# --- REST API (theodoi.api): /api/v1/, per-agency tokens, errors as {code, detail} ---
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["theodoi.api.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "theodoi.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "theodoi.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API theodoi – theo dõi thực hiện Nghị quyết 57-NQ/TW",
    "DESCRIPTION": (
        "Kế hoạch đã công bố, nhóm nhiệm vụ, nhiệm vụ, chỉ tiêu, cơ quan, tỉnh và bảng mã tình trạng: "
        "đọc tự do, không cần đăng nhập. Báo cáo tiến độ: đọc và ghi bằng mã truy cập của một cơ quan "
        "(`Authorization: Token <mã>`), chỉ báo cáo của cơ quan đó.\n\n"
        "Dữ liệu mở (/api/v1/open-data/...) theo giấy phép Creative Commons Attribution 4.0 "
        "(CC BY 4.0, https://creativecommons.org/licenses/by/4.0/): được dùng lại, kể cả thương mại, "
        "khi ghi nguồn. Lỗi trả về JSON `{code, detail}`: `code` ổn định, `detail` bằng tiếng Việt."
    ),
    "VERSION": "1.0.0",
    "LICENSE": {"name": "Dữ liệu: CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "PlanLevelEnum": "theodoi.plans.models.PlanLevel.choices",
        "UnitLevelEnum": "theodoi.directory.models.UnitLevel.choices",
        "PublishedPlanStatusEnum": "theodoi.api.serializers.PUBLISHED_STATUS_CHOICES",
        "TaskStatusEnum": "theodoi.api.serializers.TASK_STATUS_CHOICES",
        "WorkStatusEnum": "theodoi.tracking.models.WorkStatus.choices",
        "ReportStatusEnum": "theodoi.tracking.models.ReportStatus.choices",
    },
}

# --- Security (theodoi.core.security): sign-in lockout (django-axes), CSP header ---
from datetime import timedelta  # noqa: E402

INSTALLED_APPS += ["axes"]
MIDDLEWARE.insert(1, "theodoi.core.security.RequestSizeLimitMiddleware")  # before anything reads the body
MIDDLEWARE += ["theodoi.core.security.ContentSecurityPolicyMiddleware", "axes.middleware.AxesMiddleware"]
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "theodoi.core.security.lockout_response"
