"""Production settings pass Django's deployment checks with the documented environment."""

import os
import subprocess
import sys

from cryptography.fernet import Fernet
from django.conf import settings
from django.utils.crypto import get_random_string

# The variables docs/deployment.md tells an operator to set.
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": get_random_string(64),
    "DJANGO_ALLOWED_HOSTS": "harbour.example.org",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://harbour.example.org",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/harbour",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.org:587",
}


def manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_no_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_sqlite():
    result = manage("check", env={**PRODUCTION_ENV, "DATABASE_URL": "sqlite:////tmp/x.db"})
    assert result.returncode != 0
    assert "PostgreSQL" in result.stderr


def test_production_sends_hsts_and_keeps_cookies_to_https():
    shown = (
        "from django.conf import settings as s; print(s.SECURE_HSTS_SECONDS, "
        "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_NAME)"
    )
    result = manage("shell", "-c", shown, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    hsts, subdomains, redirect, session_secure, csrf_secure, httponly, name = (
        result.stdout.strip().splitlines()[-1].split()
    )
    assert int(hsts) >= 60 * 60 * 24 * 365 and subdomains == "True" and redirect == "True"
    assert session_secure == csrf_secure == httponly == "True"
    assert name.startswith("__Secure-")
