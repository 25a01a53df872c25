"""Benchmark of the prize's results page: `python -m bench.awards` (or `make bench`).

On a separate PostgreSQL database (`intersection_bench_awards`, or BENCH_AWARDS_DATABASE_URL),
created, migrated and filled when missing: an edition whose jury prize has 60 entries, 12
jurors and the 8 default criteria, every juror having submitted a sheet for every entry (720
sheets, 5,760 values). Measures, side by side in one process through django.test.Client, the
floor (a view that does nothing) and the results page of the prize as staff read it: every
total, mean, standard deviation, min-max and the normalised view computed from the values on
each request (nothing is cached). Prints requests per second, p50 and p95, and the page's
throughput relative to the floor.

It is not a test and CI does not run it: figures depend on the machine.

    .venv/bin/python -m bench.awards [--seconds 8]
"""

import argparse
import datetime
import os
import random
import sys
import uuid

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/intersection_bench_awards"
YEAR = 2099
ENTRIES = 60
JURORS = 12


def configure_environment():
    url = os.environ.get("BENCH_AWARDS_DATABASE_URL") or DEFAULT_DATABASE_URL
    os.environ["DATABASE_URL"] = url
    os.environ["DEBUG"] = "0"
    os.environ["SECRET_KEY"] = f"bench-only-{uuid.uuid4().hex}{uuid.uuid4().hex}"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["SECURE_SSL_REDIRECT"] = "0"
    os.environ.pop("CACHE_URL", None)
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["DJANGO_SETTINGS_MODULE"] = "intersection.settings"
    return url


def fill():
    """The edition, its entries, jurors and sheets; made once."""
    from decimal import Decimal

    from django.db import transaction
    from django.utils import timezone

    from awards import services
    from awards.models import Edition, Entry, Juror, Prize, Score, Sheet
    from members.models import User, Zone
    from projects.models import Project

    rng = random.Random(YEAR)  # noqa: S311 - demo values
    now = timezone.now()
    day = datetime.timedelta(days=1)
    with transaction.atomic():
        edition = Edition.objects.create(
            year=YEAR,
            call_opens_at=now - 90 * day,
            call_closes_at=now - 60 * day,
            scoring_opens_at=now - 50 * day,
            scoring_closes_at=now - 10 * day,
            voting_opens_at=now + 10 * day,
            voting_closes_at=now + 11 * day,
        )
        prize = Prize.objects.create(
            edition=edition,
            kind=Prize.Kind.JURY,
            method=Prize.Method.JURY,
            name_fr="Prix du jury",
            name_nl="Juryprijs",
            name_en="Jury prize",
        )
        services.add_default_criteria(prize=prize)
        criteria = list(prize.criteria.all())
        author = User.objects.create_user(email="bench-author@intersection.bench")
        entries = []
        for n in range(ENTRIES):
            zone = Zone.objects.create(
                name=f"Zone du banc {n:02}", number=f"{8000 + n}", region="wallonia"
            )
            project = Project.objects.create(
                title=f"Projet du banc d'essai {n:02}",
                summary="Un projet pour mesurer la page des résultats.",
                owner_zone=zone,
                contact_email=f"bench{n}@police.belgium.eu",
                status=Project.Status.PUBLISHED,
                published_at=now - 100 * day,
                created_by=author,
            )
            entries.append(
                Entry.objects.create(
                    edition=edition,
                    project=project,
                    zone=zone,
                    statement="Banc d'essai.",
                    declares_evaluated=True,
                    declares_partnership=True,
                    declares_community=True,
                    declares_replicable=True,
                )
            )
        services.freeze_entries(edition=edition)
        for n in range(JURORS):
            user = User.objects.create_user(
                email=f"bench-juror{n}@intersection.bench", first_name="Juré", last_name=f"{n:02}"
            )
            juror = Juror.objects.create(prize=prize, user=user)
            sheets = Sheet.objects.bulk_create(
                Sheet(
                    juror=juror,
                    entry=entry,
                    status=Sheet.Status.SUBMITTED,
                    submitted_at=now - 20 * day,
                )
                for entry in entries
            )
            Score.objects.bulk_create(
                Score(sheet=sheet, criterion=criterion, value=Decimal(rng.randint(2, 10)))
                for sheet in sheets
                for criterion in criteria
            )
    return prize


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=8.0, help="time budget per page")
    args = parser.parse_args(argv)

    url = configure_environment()
    from bench.events import create_database_if_missing

    create_database_if_missing(url)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from awards.models import Prize, Score
    from bench.projects import Page, report_table, run, staff_client

    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    prize = Prize.objects.filter(edition__year=YEAR, kind=Prize.Kind.JURY).first()
    if prize is None:
        prize = fill()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # as autovacuum would, before measuring
    print(
        f"Prize results page: {prize.edition.entries.count()} entries,"
        f" {prize.jurors.count()} jurors, {prize.criteria.count()} criteria,"
        f" {Score.objects.filter(criterion__prize=prize).count()} values."
    )
    with override_settings(
        ROOT_URLCONF="bench.urls",
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    ):
        pages = [
            Page("floor (empty view)", ["/bench/floor/"], Client(raise_request_exception=False)),
            Page("prize results (60 x 12 x 8)", [f"/awards/prizes/{prize.pk}/results/"],
                 staff_client()),
        ]  # fmt: skip
        run(pages, args.seconds)
    print()
    print(report_table(pages))
    errors = sorted({error for page in pages for error in page.errors})
    for error in errors:
        print(f"ERROR: {error}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
