"""What a real deployment meets: settings from the environment, the release step, public
media with DEBUG off, quiet logs for scanners, and files that crawlers and browsers ask for."""

import io
import json
import os
import subprocess
import sys

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from PIL import Image

from members.models import User
from projects.forms import AttachmentForm
from tests.factories import make_user, make_zone

pytestmark = pytest.mark.django_db


def settings_with(**environment):
    """The settings module as a fresh process reads it from `environment`."""
    code = (
        "import json, django; from django.conf import settings; django.setup();"
        "print(json.dumps({k: getattr(settings, k) for k in ["
        "'ALLAUTH_TRUSTED_PROXY_COUNT', 'ALLAUTH_TRUSTED_CLIENT_IP_HEADER', 'STORAGES',"
        "'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_HSTS_PRELOAD']}, default=str))"
    )
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "intersection.settings",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "portal.example.org",
        **environment,
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def test_the_proxy_settings_come_from_the_environment():
    assert settings_with()["ALLAUTH_TRUSTED_PROXY_COUNT"] == 0
    assert settings_with()["ALLAUTH_TRUSTED_CLIENT_IP_HEADER"] is None
    assert settings_with(TRUSTED_PROXY_COUNT="1")["ALLAUTH_TRUSTED_PROXY_COUNT"] == 1
    header = settings_with(TRUSTED_CLIENT_IP_HEADER="X-Real-IP")
    assert header["ALLAUTH_TRUSTED_CLIENT_IP_HEADER"] == "X-Real-IP"


def test_media_go_to_a_bucket_when_one_is_configured_and_to_a_volume_otherwise():
    local = settings_with()["STORAGES"]["default"]
    assert local["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    bucket = settings_with(S3_BUCKET="portal-media", S3_ENDPOINT_URL="https://s3.example.org")
    default = bucket["STORAGES"]["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    assert default["OPTIONS"]["bucket_name"] == "portal-media"
    assert default["OPTIONS"]["endpoint_url"] == "https://s3.example.org"


def test_hsts_sub_domains_and_preload_are_settable():
    assert settings_with()["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    narrow = settings_with(SECURE_HSTS_INCLUDE_SUBDOMAINS="0", SECURE_HSTS_PRELOAD="0")
    assert narrow["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False
    assert narrow["SECURE_HSTS_PRELOAD"] is False


@pytest.fixture
def database_cache(settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "release_test_cache",
        },
    }
    yield "release_test_cache"
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS release_test_cache")


def test_readyz_says_unavailable_until_the_release_step_created_the_cache_table(
    client, database_cache
):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["cache"] == "missing table"

    call_command("release", stdout=io.StringIO())

    assert database_cache in connection.introspection.table_names()
    assert client.get("/readyz").status_code == 200


def test_zone_logos_are_served_with_debug_off(client, settings, tmp_path):
    settings.DEBUG = False
    settings.MEDIA_ROOT = tmp_path
    zone = make_zone(name="Namur")
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buffer, "PNG")
    zone.logo.save("namur.png", ContentFile(buffer.getvalue()))

    response = client.get(zone.logo.url)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == buffer.getvalue()


@pytest.mark.parametrize(
    "path", ["/media/projects/attachments/report.pdf", "/media/zones/logos/../../settings.py"]
)
def test_only_public_media_are_served_by_address(client, settings, tmp_path, path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "projects" / "attachments").mkdir(parents=True)
    (tmp_path / "projects" / "attachments" / "report.pdf").write_bytes(b"%PDF-1.4")
    assert client.get(path).status_code == 404


def test_an_attachment_is_stored_under_a_generated_name_with_the_detected_extension():
    uploaded = SimpleUploadedFile("evil.html", b"%PDF-1.4\n<html><script>x</script>")
    form = AttachmentForm(data={"title": "Rapport"}, files={"file": uploaded})

    assert form.is_valid(), form.errors
    name = form.cleaned_data["file"].name
    assert name.endswith(".pdf")
    assert "evil" not in name


def test_a_request_with_a_foreign_host_is_refused_without_mailing_the_admins(client, settings):
    settings.ADMINS = [("Admin", "admin@intersection.example")]
    settings.DEBUG = False

    response = client.get("/", HTTP_HOST="scanner.example.net")

    assert response.status_code == 400
    assert mail.outbox == []


def test_robots_and_favicon_answer(client):
    robots = client.get("/robots.txt")
    assert robots.status_code == 200
    assert "Disallow: /admin/" in robots.content.decode()
    favicon = client.get("/favicon.ico")
    assert favicon.status_code == 200
    assert favicon["Content-Type"] == "image/svg+xml"


def test_seed_demo_refuses_a_database_with_real_accounts_whatever_debug_says(settings):
    settings.DEBUG = True
    make_user(email="officer@police.belgium.eu")

    with pytest.raises(CommandError, match="outside"):
        call_command("seed_demo", stdout=io.StringIO())

    assert User.objects.count() == 1


def test_static_files_are_also_compressed_with_brotli():
    from whitenoise.compress import Compressor

    assert Compressor(quiet=True).use_brotli


def test_gunicorn_takes_its_workers_from_web_concurrency():
    code = "import runpy; c = runpy.run_path('gunicorn.conf.py'); print(c['workers'], c['timeout'])"
    env = {"PATH": os.environ["PATH"], "WEB_CONCURRENCY": "5"}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["5", "60"]


def test_the_image_never_receives_tests_ci_files_or_secrets():
    with open(".dockerignore") as listing:
        ignored = {line.strip() for line in listing if line.strip()}
    assert {".env", ".git", ".venv", "tests", ".ci", "media", "db.sqlite3"} <= ignored
