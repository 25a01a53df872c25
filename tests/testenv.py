"""Loaded by pytest before Django (see addopts in pyproject.toml): the settings refuse to
start without a SECRET_KEY when DEBUG is off, as the tests run."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# Tests speak plain HTTP to the test client and the live server.
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
