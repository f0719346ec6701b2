"""carecenter settings: everything comes from the environment (see README, "Configuration")."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from carecenter.env import env, envbool, envint, envlist, envsecret

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = envbool("DEBUG", False)
SECRET_KEY = envsecret("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (or SECRET_KEY_FILE).")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105

BEHIND_PROXY = envbool("BEHIND_PROXY", False)  # a reverse proxy sets X-Forwarded-For/-Proto
# How many reverse proxies append to X-Forwarded-For: the client's address is the entry this
# many places from the right (apps/core/client_address.py), for the access log and the lockout.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 1 if BEHIND_PROXY else 0)
BEHIND_PROXY = BEHIND_PROXY or TRUSTED_PROXY_COUNT > 0
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "drf_standardized_errors",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_htmx",
    "template_partials.apps.SimpleAppConfig",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "simple_history",
    "apps.core",
    "apps.accounts",
    "apps.organisations",
    "apps.catalogue",
    "apps.recipients",
    "apps.whatmatters",
    "apps.interventions",
    "apps.assessments",
    "apps.followups",
    "apps.plans",
    "apps.people",
    "apps.api",
    "apps.insights",
    "apps.audit",
    "apps.privacy",
    "apps.demo",
]

MIDDLEWARE = [
    "apps.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before the body limit, so that its 413/400 get the same headers as every response.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "apps.core.middleware.NoStoreMiddleware",
    "apps.core.middleware.ApiNotFoundMiddleware",
    "apps.core.middleware.BodySizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "apps.accounts.middleware.MfaMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "apps.accounts.middleware.IdleTimeoutMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "apps.audit.middleware.AccessLogMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "carecenter.urls"
CSRF_FAILURE_VIEW = "apps.core.views.csrf_failure_view"
WSGI_APPLICATION = "carecenter.wsgi.application"
ASGI_APPLICATION = "carecenter.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "apps.core.context_processors.back_here",
                "apps.organisations.context_processors.navigation",
            ],
            "builtins": ["template_partials.templatetags.partials"],
            "loaders": [
                (
                    "template_partials.loader.Loader",
                    [
                        (
                            "django.template.loaders.cached.Loader",
                            [
                                "django.template.loaders.filesystem.Loader",
                                "django.template.loaders.app_directories.Loader",
                            ],
                        )
                    ],
                )
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
# DATABASE_URL selects PostgreSQL (postgres://user:pass@host:port/name); unset means the
# embedded SQLite file, so a newcomer needs no server.
DATABASE_URL = envsecret("DATABASE_URL")
if DATABASE_URL:
    _db = dj_database_url.parse(DATABASE_URL, conn_max_age=0, conn_health_checks=False)
    if _db["ENGINE"] == "django.db.backends.postgresql":
        _db["ENGINE"] = "apps.core.db.postgresql"  # Django's, with date-times sent in UTC
        _options = _db.setdefault("OPTIONS", {})
        if envbool("DATABASE_POOL", True):
            _options["pool"] = {
                "min_size": envint("DATABASE_POOL_MIN", 2),
                "max_size": envint("DATABASE_POOL_MAX", 10),
                # Fail fast when the database is away: a 503 after 3 s, not a hang.
                "timeout": envint("DATABASE_POOL_TIMEOUT", 3),
            }
        _timeout_ms = envint("DATABASE_STATEMENT_TIMEOUT_MS", 30000)
        _options["options"] = f"-c statement_timeout={_timeout_ms}"
    DATABASES = {"default": _db}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

ACCESS_LOG_RETENTION_YEARS = envint("ACCESS_LOG_RETENTION_YEARS", 5)  # never below 5
# A unit whose last documented log check (logguppföljning) ended longer ago is flagged.
LOG_REVIEW_INTERVAL_DAYS = envint("LOG_REVIEW_INTERVAL_DAYS", 90)
MAX_REQUEST_BODY_BYTES = envint("MAX_REQUEST_BODY_BYTES", 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_REQUEST_BODY_BYTES
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# --- Users and login --------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # lockout after repeated failures (first)
    "django.contrib.auth.backends.ModelBackend",
]
# Lock the user name and, separately, the address after this many failures.
AXES_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", 5)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = timedelta(minutes=envint("LOGIN_LOCKOUT_MINUTES", 15))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_CLIENT_IP_CALLABLE = "apps.core.client_address.client_ip"  # the access log's, too
AXES_SENSITIVE_PARAMETERS = ["password"]

# Two-factor sign-in (TOTP): optional for everyone; required for managers, administrators
# and staff when MFA_REQUIRED is on.
MFA_REQUIRED = envbool("MFA_REQUIRED", False)
OTP_TOTP_ISSUER = "carecenter"
# The secret is shown only to its owner while enrolling; an administrator who could read it
# from the admin could copy someone's second factor.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Messages live in the server-side session, never in a cookie (a new token is shown in one).
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 8 * 60 * 60)  # absolute limit
SESSION_IDLE_TIMEOUT = envint("SESSION_IDLE_TIMEOUT", 30 * 60)  # idle limit
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG and envbool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Language and time -----------------------------------------------------------------------
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FIXTURE_DIRS = [BASE_DIR / "fixtures"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

# --- Static files -----------------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- Security headers -------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = not DEBUG and envbool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 0 if DEBUG else envint("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG and envbool("SECURE_HSTS_PRELOAD", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": ["'none'"],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": ["'none'"],
    }
}

# --- REST API ----------------------------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first: it decides the 401 challenge (WWW-Authenticate: Token) for integrations.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "apps.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["apps.api.permissions.IsAuthenticatedWithinTokenScope"],
    "DEFAULT_FILTER_BACKENDS": [
        "apps.api.filters.StrictDjangoFilterBackend",
        "apps.api.filters.StrictOrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "apps.api.pagination.CursorPagination",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # JSON only; duplicate keys and absurd nesting are a 400 (apps.api.parsers).
    "DEFAULT_PARSER_CLASSES": ["apps.api.parsers.StrictJSONParser"],
    "DEFAULT_SCHEMA_CLASS": "apps.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "apps.api.errors.problem_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DATETIME_FORMAT": "iso-8601",
    "COERCE_DECIMAL_TO_STRING": False,
    "DEFAULT_THROTTLE_RATES": {},
}
DRF_STANDARDIZED_ERRORS = {
    "EXCEPTION_FORMATTER_CLASS": "apps.api.errors.ProblemFormatter",
    "EXCEPTION_HANDLER_CLASS": "apps.api.errors.ProblemExceptionHandler",
    "ALLOWED_ERROR_STATUS_CODES": [
        "400",
        "401",
        "403",
        "404",
        "405",
        "406",
        "409",
        "412",
        "413",
        "415",
        "422",
        "428",
        "429",
        "500",
        "503",
    ],
}
# Our ApiToken replaces knox's own token model, so knox's migrations (which would create an
# unused knox_authtoken table that blocks TRUNCATE in tests) are switched off.
MIGRATION_MODULES = {"knox": None}
KNOX_TOKEN_MODEL = "accounts.ApiToken"  # noqa: S105 - a model name, not a secret
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=envint("API_TOKEN_TTL_DAYS", 90)),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "carecenter API",
    "DESCRIPTION": (
        "Personcentrerad planering: vad är viktigt för dig, mål, insatser, samtycken, "
        "bedömningar, uppföljningar och genomförandeplaner. Authenticate with "
        "`Authorization: Token <token>`. Errors are application/problem+json (RFC 9457). "
        'Changes need `If-Match: "v<version>"`; creates accept `Idempotency-Key`.'
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Each app's choices get their own enum name (several have "status" or "kind").
    "ENUM_NAME_OVERRIDES": {
        "AssessmentKindEnum": "apps.assessments.choices.AssessmentKind",
        "ProfessionEnum": "apps.assessments.choices.Profession",
        "AssessmentDecisionEnum": "apps.assessments.choices.AssessmentDecision",
        "LifeAreaSourceEnum": "apps.catalogue.choices.LifeAreaSource",
        "TechnologyCategoryEnum": "apps.catalogue.choices.TechnologyCategory",
        "LegalBasisEnum": "apps.catalogue.choices.LegalBasis",
        "FollowUpStatusEnum": "apps.followups.choices.FollowUpStatus",
        "StillMattersEnum": "apps.followups.choices.StillMatters",
        "GoalOutcomeEnum": "apps.followups.choices.GoalOutcome",
        "FollowUpDecisionEnum": "apps.followups.choices.FollowUpDecision",
        "InterventionStatusEnum": "apps.interventions.choices.InterventionStatus",
        "DeliveryEnum": "apps.interventions.choices.Delivery",
        "EndReasonEnum": "apps.interventions.choices.EndReason",
        "InterventionActionEnum": "apps.interventions.choices.InterventionAction",
        "ConsentGiverEnum": "apps.interventions.choices.ConsentGiver",
        "ConsentMethodEnum": "apps.interventions.choices.ConsentMethod",
        "PlanVersionStatusEnum": "apps.plans.choices.PlanVersionStatus",
        "RecipientStatusEnum": "apps.recipients.choices.RecipientStatus",
        "ContactKindEnum": "apps.recipients.choices.ContactKind",
        "ConversationLocationEnum": "apps.whatmatters.choices.ConversationLocation",
        "AnswerStatusEnum": "apps.whatmatters.choices.AnswerStatus",
        "GoalStatusEnum": "apps.whatmatters.choices.GoalStatus",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
    ],
}

# --- Change history -----------------------------------------------------------------------------
SIMPLE_HISTORY_REVERT_DISABLED = True  # changes go through the services, never a revert

# --- Background tasks --------------------------------------------------------------------------
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# --- Logging: ids only, never names or personal identity numbers ------------------------------
LOG_LEVEL = env("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
        },
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "filters": {"request_id": {"()": "apps.core.logging.RequestIdFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if envbool("LOG_JSON", not DEBUG) else "plain",
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # At DEBUG it logs every failed variable lookup with the template context (people's
        # names and personal identity numbers): kept at INFO whatever LOG_LEVEL says.
        "django.template": {"level": "INFO"},
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
