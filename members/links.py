"""Absolute addresses for mails.

A mail is often sent with no request to take the host from (the events' housekeeping
command), so the site's address comes from the SITE_URL setting, or else from the first
allowed host.
"""

from django.conf import settings


def site_url():
    if settings.SITE_URL:
        return settings.SITE_URL.rstrip("/")
    if settings.DEBUG:
        return "http://127.0.0.1:8000"
    hosts = [host for host in settings.ALLOWED_HOSTS if host and not host.startswith(("*", "."))]
    return f"https://{hosts[0]}" if hosts else ""


def absolute_url(path):
    return f"{site_url()}{path}"
