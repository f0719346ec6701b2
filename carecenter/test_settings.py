"""Settings for the test suite: production settings plus a few test-only overrides."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("LOG_JSON", "0")

from carecenter.settings import *  # noqa: F403

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",  # fast; tests only
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",  # to check the demo fixture hashes
]
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# Static files are served from the app directories in tests; no collected STATIC_ROOT needed.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405
# On PostgreSQL, a test's commit need not wait for the disk (the test database is thrown away):
# transactional tests, the live server and Schemathesis commit thousands of times.
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    _pg_options = DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
    _pg_options["options"] = f"{_pg_options.get('options', '')} -c synchronous_commit=off".strip()
