"""Settings shared by every environment.

Everything that differs between machines comes from the environment here, in
one place. With no environment variables at all Harbour runs as the embedded
default: SQLite, an in-memory channel layer, eager Celery tasks and mail saved
to a local outbox.
"""

from pathlib import Path

import environ
from celery.schedules import crontab

from config.async_redis import OPTIONS as ASYNC_REDIS_OPTIONS
from config.settings.local_secrets import load_or_create

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()

# Local state of the embedded default: SQLite file, generated secrets, mail outbox.
VAR_DIR = Path(env("HARBOUR_VAR_DIR", default=str(BASE_DIR / "var")))

_local = None


def _local_secret(name):
    global _local
    if _local is None:
        _local = load_or_create(VAR_DIR / "local-secrets.json")
    return _local[name]


DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default=None) or _local_secret("SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

# Field-level encryption keys, newest first. Older keys still decrypt, so keys
# can be rotated without downtime (see `manage.py encryption_rotate`).
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS", default=[]) or _local_secret(
    "FIELD_ENCRYPTION_KEYS"
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_countries",
    "csp",
    "channels",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "accounts",
    "organisations",
    "community",
    "moderation",
    "chat",
    "selfcare",
    "privacy",
    "ops",
    "insights",
]

MIDDLEWARE = [
    "moderation.middleware.RequestIdMiddleware",  # first: the audit log names each request
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above the session: /help/ answers whatever fails below it (selfcare/crisis_fallback.py).
    "selfcare.crisis_fallback.CrisisHelpAlwaysMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "moderation.idle.IdleTimeoutMiddleware",  # before access: a timed-out session signs in again
    "accounts.middleware.AccessMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "community.context_processors.unread_notifications",
            ],
            "libraries": {"links": "config.links"},
        },
    }
]

# --- Data stores -----------------------------------------------------------

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'harbour.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and IMMEDIATE transactions keep the ASGI server from "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
elif env.bool("DATABASE_POOL", default=True):
    PREPARED_STATEMENTS = env.bool("DATABASE_PREPARED_STATEMENTS", default=True)
    # Under ASGI each request runs in a fresh thread, so persistent per-thread
    # connections never get reused: a pool hands connections across threads.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "pool": {
            "min_size": env.int("DATABASE_POOL_MIN", default=2),
            "max_size": env.int("DATABASE_POOL_MAX", default=20),
            "timeout": 10,
        },
        # Parameters bound on the server, and a statement run twice on a connection
        # prepared, so PostgreSQL stops planning it again: pooled connections live
        # on, so the hot pages' queries stay prepared (the thread page's query took
        # 0.57 ms, 0.18 ms prepared). Off behind a transaction-pooling PgBouncer.
        "server_side_binding": PREPARED_STATEMENTS,
        "prepare_threshold": 2 if PREPARED_STATEMENTS else None,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")

if REDIS_URL:
    CACHES = {
        "default": {
            # One pool per process; misses while Redis is unreachable (config/cache.py).
            "BACKEND": "config.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="harbour"),
            # An unreachable Redis costs a page at most this long, then is skipped.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                # Without redis-py's default 5 s socket timeout: see config/async_redis.py.
                "hosts": [{"address": REDIS_URL, **ASYNC_REDIS_OPTIONS}],
                "prefix": env("CHANNELS_PREFIX", default="harbour:asgi"),
            },
        }
    }
    CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)
    CELERY_TASK_ALWAYS_EAGER = False
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CELERY_BROKER_URL = "memory://"
    CELERY_TASK_ALWAYS_EAGER = True

CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Celery's Django fixup closes the database connections (in a prefork process, the
# whole pool) around every task unless told to keep them for this many tasks;
# config/celery.py gives the connection back to the pool after each task instead.
CELERY_DB_REUSE_MAX = 1000
# A new pool process loads the risk model before it reports for work (moderation/tasks.py),
# which takes several seconds on a busy machine: Celery's 4 s default would kill every
# replacement of a lost process before it was ready.
CELERY_WORKER_PROC_ALIVE_TIMEOUT = 60.0

# --- Accounts and authentication ------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "accounts.backends.ModelBackend",
    "accounts.backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Harbour: "
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
}
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Harbour"
MFA_ADAPTER = "allauth.mfa.adapter.DefaultMFAAdapter"
# Confirm it's you (password or second factor) before changing an email address or
# password, and before break-glass, export and erasure (accounts/reauth.py).
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 5 * 60

# Roles whose every page requires a second factor verified in this session.
HARBOUR_MFA_ROLES = ["guide", "lead", "org_admin"]
HARBOUR_MINIMUM_AGE = env.int("HARBOUR_MINIMUM_AGE", default=16)
HARBOUR_MODEL_IMPROVEMENT_DEFAULT = False

# Sessions are read on every signed-in request: from the cache first, the database
# behind it (so a cache restart signs nobody out).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# --- Mail -----------------------------------------------------------------

DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Harbour <no-reply@harbour.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default=str(VAR_DIR / "outbox"))
if env("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    # Printed to the console and saved in the outbox folder, so a link can be followed.
    EMAIL_BACKEND = "config.mail.ConsoleAndFileBackend"

# --- Security headers -----------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # allauth shows the TOTP QR code as a data: URI image.
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Static files and i18n ---------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}
HARBOUR_SIGNUP_OPEN = env.bool("HARBOUR_SIGNUP_OPEN", default=True)

# Reports from this many different members take a published item out of view.
HARBOUR_REPORTS_TO_HOLD = env.int("HARBOUR_REPORTS_TO_HOLD", default=3)

# (how many, per how many seconds) for each member action.
HARBOUR_RATE_LIMITS = {
    "thread": (env.int("HARBOUR_THREADS_PER_HOUR", default=5), 3600),
    "reply": (env.int("HARBOUR_REPLIES_PER_HOUR", default=30), 3600),
    "hug": (env.int("HARBOUR_HUGS_PER_HOUR", default=60), 3600),
    "brick": (env.int("HARBOUR_BRICKS_PER_HOUR", default=10), 3600),
}
# New members' links show as plain text until their account is this many days old.
HARBOUR_LINKS_AFTER_DAYS = 14

# --- Risk check (moderation/classifier) -----------------------------------------
# Torch threads per process that runs the model (a moderation worker, or the batch
# command). With two, a short post takes about 7 ms and a 350-word one about 60 ms.
HARBOUR_RISK_TORCH_THREADS = env.int("HARBOUR_TORCH_THREADS", default=2)
# The trained head (weights, tuned thresholds, version); empty means the committed one.
HARBOUR_RISK_HEAD_PATH = env("HARBOUR_RISK_HEAD_PATH", default="")
# Per-label overrides of the head's tuned thresholds, e.g. "self_harm=0.3,spam=0.6".
# (django-environ's float cast reads "0.3" as 3.0 here, so values are converted below.)
HARBOUR_RISK_THRESHOLDS = {
    label: float(value) for label, value in env.dict("HARBOUR_RISK_THRESHOLDS", default={}).items()
}

# --- Risk pipeline (moderation/pipeline.py, moderation/tasks.py) -----------------
HARBOUR_RISK_BACKEND = env("HARBOUR_RISK_BACKEND", default="moderation.backends.ClassifierBackend")
# "on_commit" queues the check once the submission is committed (always, outside tests).
HARBOUR_RISK_DISPATCH = env("HARBOUR_RISK_DISPATCH", default="on_commit")
# A check that takes longer than this is treated as failed (and retried).
HARBOUR_RISK_TIME_LIMIT = env.float("HARBOUR_RISK_TIME_LIMIT", default=10.0)
# Attempts per revision before the item is held as "automatic check unavailable".
HARBOUR_RISK_MAX_ATTEMPTS = env.int("HARBOUR_RISK_MAX_ATTEMPTS", default=4)
# Items still PENDING after this many seconds are sent to the check again.
HARBOUR_RISK_PENDING_GRACE = env.int("HARBOUR_RISK_PENDING_GRACE", default=60)
CELERY_BEAT_SCHEDULE = {
    "moderation-pending-sweep": {
        "task": "moderation.tasks.pending_sweep",
        "schedule": env.float("HARBOUR_SWEEP_SECONDS", default=30.0),
    },
    "moderation-unavailable-recheck": {
        "task": "moderation.tasks.unavailable_recheck",
        "schedule": env.float("HARBOUR_RECHECK_SECONDS", default=120.0),
    },
}
# Seconds to wait before each retry of a failed check; after the last, the item is held.
HARBOUR_RISK_RETRY_DELAYS = [
    float(delay) for delay in env.list("HARBOUR_RISK_RETRY_DELAYS", default=["1", "4", "15"])
]

# --- Wall Guide console (moderation/claims.py, docs/moderation.md) ---------------
# How long a case may wait for a guide, by priority, counted from when it opened.
HARBOUR_SLA_SECONDS = {
    "urgent": env.int("HARBOUR_SLA_URGENT_SECONDS", default=5 * 60),
    "high": env.int("HARBOUR_SLA_HIGH_SECONDS", default=30 * 60),
    "normal": env.int("HARBOUR_SLA_NORMAL_SECONDS", default=4 * 60 * 60),
}
# A claimed case stays with its guide this long after their last look or action.
HARBOUR_CASE_LEASE_SECONDS = env.int("HARBOUR_CASE_LEASE_SECONDS", default=10 * 60)
HARBOUR_CASE_QUEUE_PAGE_SIZE = env.int("HARBOUR_CASE_QUEUE_PAGE_SIZE", default=50)
# "Hold their recent items too" takes back what the member published this recently.
HARBOUR_CASE_HOLD_RECENT_HOURS = env.int("HARBOUR_CASE_HOLD_RECENT_HOURS", default=24)

# --- Chat (chat/, docs/chat.md) ---------------------------------------------------
# A chat message's risk check runs in the web process: longer than this and it is held.
HARBOUR_CHAT_CHECK_TIMEOUT = env.float("HARBOUR_CHAT_CHECK_TIMEOUT", default=2.0)
# Threads per web process running chat checks (the tokenizer is not safe to share).
HARBOUR_CHAT_CHECK_THREADS = env.int("HARBOUR_CHAT_CHECK_THREADS", default=1)
# Load the model when the web server starts (its ASGI lifespan), before any message.
HARBOUR_CHAT_WARM_AT_START = env.bool("HARBOUR_CHAT_WARM_AT_START", default=True)
# Messages per member: a burst of this many, then this many a minute.
HARBOUR_CHAT_BURST = env.int("HARBOUR_CHAT_BURST", default=5)
HARBOUR_CHAT_PER_MINUTE = env.int("HARBOUR_CHAT_PER_MINUTE", default=20)
# Messages per page of history, and per page of a reconnecting client's replay.
HARBOUR_CHAT_PAGE_SIZE = env.int("HARBOUR_CHAT_PAGE_SIZE", default=50)
# Presence in group rooms (chat/presence.py): a connection renews its entry this often,
# and an entry not renewed for the TTL (a web process that died) is swept as gone.
HARBOUR_CHAT_PRESENCE_HEARTBEAT = env.float("HARBOUR_CHAT_PRESENCE_HEARTBEAT", default=15.0)
HARBOUR_CHAT_PRESENCE_TTL = env.float("HARBOUR_CHAT_PRESENCE_TTL", default=45.0)
# "X is typing…": relayed at most once per this many seconds per member and room, and
# shown for this long after the last one (keep it above the 3 s at which browsers
# repeat the notice while someone types, or the line flickers).
HARBOUR_CHAT_TYPING_INTERVAL = env.float("HARBOUR_CHAT_TYPING_INTERVAL", default=2.0)
HARBOUR_CHAT_TYPING_SHOWN = env.float("HARBOUR_CHAT_TYPING_SHOWN", default=6.0)

# --- Buddy matching (chat/matching.py) ----------------------------------------------
# Never propose buddies further apart in age than this many years (from birth years).
HARBOUR_BUDDY_MAX_AGE_GAP = env.int("HARBOUR_BUDDY_MAX_AGE_GAP", default=5)
# The most buddies a member may have at one time.
HARBOUR_BUDDY_MAX = 3
CELERY_BEAT_SCHEDULE["chat-buddy-matching"] = {
    "task": "chat.tasks.buddy_matching_run",
    "schedule": env.float("HARBOUR_BUDDY_MATCHING_SECONDS", default=6 * 3600.0),
}
# A week into a match, each buddy is asked privately how it is going (looked for hourly).
HARBOUR_BUDDY_CHECKIN_DAYS = env.int("HARBOUR_BUDDY_CHECKIN_DAYS", default=7)
CELERY_BEAT_SCHEDULE["chat-buddy-checkins"] = {
    "task": "chat.tasks.buddy_checkins_ask",
    "schedule": env.float("HARBOUR_BUDDY_CHECKIN_SECONDS", default=3600.0),
}

# --- Self-care (docs/selfcare.md) -------------------------------------------------
# Members who joined this many days ago are invited to the feedback survey.
HARBOUR_SELFCARE_FEEDBACK_AFTER_DAYS = env.int("HARBOUR_SELFCARE_FEEDBACK_AFTER_DAYS", default=30)

# --- Escalation, on-call, sanctions (moderation/oncall.py, escalation.py, sanctions.py) ---
# Where links in content-free emails (on-call pages) point.
HARBOUR_SITE_URL = env("HARBOUR_SITE_URL", default="http://localhost:8000")
# Leads enter and read the on-call rota in this time zone (stored in UTC).
HARBOUR_ONCALL_TIME_ZONE = env("HARBOUR_ONCALL_TIME_ZONE", default="Europe/London")
# How long the protocol waits for the member's reply before the next step.
HARBOUR_ESCALATION_WAIT_MINUTES = env.int("HARBOUR_ESCALATION_WAIT_MINUTES", default=15)
# The escalation checklist: (key, what the guide does), in order. "{minutes}" is the wait.
HARBOUR_ESCALATION_CHECKLIST = [
    ("message_member", "Message the member with support and crisis numbers"),
    ("wait_for_reply", "Wait {minutes} minutes for a reply"),
    (
        "reveal_and_contact",
        "If there is imminent risk and no response: reveal the safety details "
        "and contact local emergency services",
    ),
    ("record_outcome", "Record the outcome"),
]
# The console's tasks are not in a tasks.py module, so autodiscovery does not find them.
CELERY_IMPORTS = ["moderation.console_tasks", "moderation.oversight"]
# Urgent cases not yet paged (opened by the pipeline, say) are paged within this many seconds.
CELERY_BEAT_SCHEDULE["moderation-urgent-page"] = {
    "task": "moderation.console_tasks.urgent_cases_page",
    "schedule": env.float("HARBOUR_URGENT_PAGE_SECONDS", default=15.0),
}

# --- Console: SLA, oversight, wellbeing (moderation/sla.py, docs/moderation.md) ---------
# Blur possibly distressing excerpts in the queue until a guide hovers or focuses them.
HARBOUR_CONSOLE_BLUR_DISTRESSING = env.bool("HARBOUR_CONSOLE_BLUR_DISTRESSING", default=True)
# Open cases past their SLA are raised one priority and every lead told, this often.
CELERY_BEAT_SCHEDULE["moderation-sla-breaches"] = {
    "task": "moderation.console_tasks.sla_breaches_raise",
    "schedule": env.float("HARBOUR_SLA_CHECK_SECONDS", default=60.0),
}

# Guides, leads, organisation admins and staff are signed out after this long unused
# (moderation.idle); the last use is written to the session at most once a minute.
HARBOUR_IDLE_TIMEOUT_SECONDS = env.int("HARBOUR_IDLE_TIMEOUT_SECONDS", default=30 * 60)
HARBOUR_IDLE_TOUCH_SECONDS = 60
HARBOUR_IDLE_TIMEOUT_ROLES = ["guide", "lead", "org_admin", "staff"]

# Model oversight (moderation.oversight): this share of what the check published goes
# to the leads' oversight list, picked by a hash of the assessment id.
HARBOUR_OVERSIGHT_SAMPLE_RATE = env.float("HARBOUR_OVERSIGHT_SAMPLE_RATE", default=0.02)
HARBOUR_OVERSIGHT_LOOKBACK_HOURS = env.int("HARBOUR_OVERSIGHT_LOOKBACK_HOURS", default=48)
CELERY_BEAT_SCHEDULE["moderation-oversight-samples"] = {
    "task": "moderation.oversight.oversight_samples_take",
    "schedule": env.float("HARBOUR_OVERSIGHT_SAMPLE_SECONDS", default=15 * 60.0),
}

# --- Members' rights: export, erasure, pause, retention (privacy/, docs/privacy.md) -----
# What erasing an account does with what the member wrote (privacy.services.erasure):
#   "anonymise" - published forum posts in threads where others have written too stay,
#                 under the "former member" name, so others' replies keep their context;
#                 everything else is removed.
#   "remove"    - every text is removed; an opening post others replied to is replaced by
#                 a short notice, so its thread and the replies under it stay readable.
HARBOUR_ERASURE_POLICY = env("HARBOUR_ERASURE_POLICY", default="anonymise")
# A finished export is offered behind a signed link for this long, then deleted.
HARBOUR_EXPORT_HOURS = env.int("HARBOUR_EXPORT_HOURS", default=24)
# Removed or deleted posts, Bricks and messages lose their words this many days later
# (never while a case about them is open or an appeal waits).
HARBOUR_RETENTION_REMOVED_CONTENT_DAYS = env.int(
    "HARBOUR_RETENTION_REMOVED_CONTENT_DAYS", default=90
)
# Audit entries older than this are removed, only by the database function
# privacy_audit_purge (it records each run in the log).
HARBOUR_RETENTION_AUDIT_DAYS = env.int("HARBOUR_RETENTION_AUDIT_DAYS", default=6 * 365)
CELERY_BEAT_SCHEDULE["privacy-retention"] = {
    "task": "privacy.tasks.retention_enforce",
    "schedule": env.float("HARBOUR_RETENTION_SECONDS", default=24 * 3600.0),
}
CELERY_BEAT_SCHEDULE["privacy-exports-expire"] = {
    "task": "privacy.tasks.exports_expire",
    "schedule": env.float("HARBOUR_EXPORT_EXPIRE_SECONDS", default=15 * 60.0),
}

# --- Organisation portal (organisations/, docs/organisations.md) ----------------------
# After a licence ends, members who joined through the organisation keep full access
# this many days; then they can still read, export and erase, but not post or chat.
HARBOUR_LICENCE_GRACE_DAYS = env.int("HARBOUR_LICENCE_GRACE_DAYS", default=30)
# Organisation admins are emailed this many days before their licence ends.
HARBOUR_LICENCE_REMINDER_DAYS = [30, 7]
# An invitation to become an organisation admin works for this many days.
HARBOUR_ORG_ADMIN_INVITE_DAYS = 7
# Largest logo file an organisation may upload (it is redrawn smaller).
HARBOUR_LOGO_MAX_BYTES = 1024 * 1024
CELERY_BEAT_SCHEDULE["organisations-licence-reminders"] = {
    "task": "organisations.tasks.licence_reminders_send",
    "schedule": 24 * 3600.0,
}
TEMPLATES[0]["OPTIONS"]["context_processors"].append(
    "organisations.context_processors.member_organisation"
)

# --- Operations: health, readiness, metrics (ops/, docs/operations.md) -------------
# Each queue's worker writes a heartbeat to Redis this often; /readyz fails once the
# newest is older than the max age (the moderation queue's also says whether the model answered).
HARBOUR_HEARTBEAT_SECONDS = env.float("HARBOUR_HEARTBEAT_SECONDS", default=15.0)
HARBOUR_HEARTBEAT_MAX_AGE_SECONDS = env.float("HARBOUR_HEARTBEAT_MAX_AGE_SECONDS", default=60.0)
HARBOUR_HEARTBEAT_QUEUES = ["moderation", "default"]
HARBOUR_HEARTBEAT_KEY = env("CACHE_KEY_PREFIX", default="harbour") + ":ops:heartbeat"
for _queue in HARBOUR_HEARTBEAT_QUEUES:
    CELERY_BEAT_SCHEDULE[f"ops-heartbeat-{_queue}"] = {
        "task": "ops.tasks.worker_heartbeat",
        "schedule": HARBOUR_HEARTBEAT_SECONDS,
        "args": (_queue,),
        "options": {"queue": _queue, "expires": HARBOUR_HEARTBEAT_MAX_AGE_SECONDS},
    }
# Prometheus scrapes /metrics with "Authorization: Bearer <token>"; unset, only staff can.
HARBOUR_METRICS_TOKEN = env("HARBOUR_METRICS_TOKEN", default="")
HARBOUR_METRICS_RATE_WINDOW_SECONDS = env.int("HARBOUR_METRICS_RATE_WINDOW_SECONDS", default=300)

# A file to note every item shown to a member other than its author (moderation.served),
# for the fault suite; empty (the default) writes nothing.
HARBOUR_SERVED_LOG = env("HARBOUR_SERVED_LOG", default="")

# Serve each thread page kept from the reader's last visit and also render it afresh,
# failing if they differ (community.kept_pages): on in the test settings.
HARBOUR_KEPT_PAGES_CHECK = env.bool("HARBOUR_KEPT_PAGES_CHECK", default=False)

# --- Organisation reports (insights) -------------------------------------------
# Yesterday's figures (and the days before it, so late decisions settle) are built
# each night; `manage.py aggregate_insights` does the same by hand.
CELERY_BEAT_SCHEDULE["insights-daily-aggregation"] = {
    "task": "insights.tasks.daily_aggregation_run",
    "schedule": crontab(hour=2, minute=15),
}
# How many days before yesterday are rebuilt each night: a post held for a Wall
# Guide counts on the day it was written, once it is published.
HARBOUR_INSIGHTS_SETTLE_DAYS = env.int("HARBOUR_INSIGHTS_SETTLE_DAYS", default=7)
