"""Settings for `make bench`: production-like stores on 127.0.0.1, without the TLS hardening.

The benchmark server adds a constant view to the URL map (benchmarks/urls.py) as the
baseline every page is compared with.
"""

import os

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/harbour_bench")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/2")
os.environ.setdefault("CHANNELS_PREFIX", "harbour-bench:asgi")
os.environ.setdefault("CACHE_KEY_PREFIX", "harbour-bench")
# A log line per request would cost the server more than some of the views measured.
os.environ.setdefault("LOG_LEVEL", "WARNING")

from config.settings.base import *  # noqa: E402, F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "benchmarks.urls"

# collectstatic is not run before a benchmark: serve and name static files from the source.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# Nothing is collected, so whitenoise need not index STATIC_ROOT (and warn that it is missing).
STATIC_ROOT = None
