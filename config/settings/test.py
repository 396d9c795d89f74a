"""Settings for the test suite: PostgreSQL and Redis on 127.0.0.1, like production."""

import os

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/harbour")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/1")
os.environ.setdefault("CHANNELS_PREFIX", "harbour-test:asgi")
os.environ.setdefault("CACHE_KEY_PREFIX", "harbour-test")
# The broker gets a Redis database of its own: tests clear the cache's database.
os.environ.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:6379/10")

from config.settings.base import *  # noqa: E402, F403
from config.settings.base import env  # noqa: E402

DEBUG = False
# Hashing with Argon2 costs ~50 ms a password; tests create many users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests read mail from memory unless a test server subprocess is told to write files.
if not env("EMAIL_FILE_PATH", default=""):
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
# The browser tests' server subprocess serves static files straight from the source.
WHITENOISE_USE_FINDERS = True

# Tests that are not about the classifier get a fixed verdict, at once (see
# tests/moderation/fakes.py); pipeline tests switch to the real check and queue.
HARBOUR_RISK_BACKEND = env(
    "HARBOUR_RISK_BACKEND", default="tests.moderation.fakes.FixedVerdictBackend"
)
HARBOUR_RISK_DISPATCH = env("HARBOUR_RISK_DISPATCH", default="immediate")
HARBOUR_FAKE_RISK_DECISION = env("HARBOUR_FAKE_RISK_DECISION", default="review")

# Every thread page served from the kept pages is rendered afresh too and compared
# (community.kept_pages): a page that could go stale fails the test that shows it.
HARBOUR_KEPT_PAGES_CHECK = env.bool("HARBOUR_KEPT_PAGES_CHECK", default=True)
