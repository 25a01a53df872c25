"""The site through gunicorn, as the Dockerfile runs it, under a bounded concurrent load:
`python -m bench.http` (or `make bench`, after bench.projects has filled the database).

gunicorn serves the bench database (see bench.projects) with DEBUG off and several workers
(gunicorn.conf.py, WEB_CONCURRENCY); a load generator of a few threads, each sending one
request after the other over its own connection, asks for each page in turn for a few
seconds. Prints requests per second, p50 and p95 latency and the ratio to the floor (a view
that does nothing) for the floor, the catalogue, a search, a fiche and the agenda.

It is not a test and CI does not run it: figures depend on the machine (the load generator
shares it with the server).

    .venv/bin/python -m bench.http [--seconds 5] [--clients 8] [--workers 5]
"""

import argparse
import datetime
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from urllib.parse import quote

from bench.projects import configure_environment, report_table

HOST = "127.0.0.1"
PORT = None  # a free port, chosen at start
EVENTS = 300  # upcoming events in the agenda: its time must not grow with them


class Page:
    def __init__(self, name, urls):
        self.name, self.urls = name, urls
        self.latencies, self.errors, self.elapsed = [], [], 0.0

    @property
    def rps(self):
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0

    def percentile(self, p):
        ordered = sorted(self.latencies) or [0.0]
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000


def _client(page, stop, lock, offset):
    n = offset
    while not stop.is_set():
        url = page.urls[n % len(page.urls)]
        n += 1
        connection = http.client.HTTPConnection(HOST, PORT, timeout=30)
        t0 = time.perf_counter()
        try:
            connection.request("GET", quote(url, safe="/?=&"), headers={"Host": "localhost"})
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as error:
            status = f"{type(error).__name__}"
        finally:
            connection.close()
        elapsed = time.perf_counter() - t0
        with lock:
            if stop.is_set():
                return
            page.latencies.append(elapsed)
            if status != 200:
                page.errors.append(f"{url} -> {status}")


def load(page, seconds, clients):
    """`clients` threads ask for the page's URLs one request after the other: at most
    `clients` requests are in flight at any time."""
    stop, lock = threading.Event(), threading.Lock()
    threads = [
        threading.Thread(target=_client, args=(page, stop, lock, i), daemon=True)
        for i in range(clients)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    with lock:
        stop.set()
        page.elapsed = time.perf_counter() - started
    for thread in threads:
        thread.join()


def ensure_events():
    """Upcoming events in the bench database, so that the agenda has many to list."""
    from django.utils import timezone

    from events.models import Event

    missing = EVENTS - Event.objects.upcoming().count()
    if missing <= 0:
        return
    start = timezone.now() + datetime.timedelta(days=7)
    Event.objects.bulk_create(
        Event(
            title=f"Midi de la proximité {n}",
            slug=f"bench-midi-{start:%Y%m%d}-{n}",
            kind=Event.Kind.MIDI,
            starts_at=start + datetime.timedelta(days=n),
            ends_at=start + datetime.timedelta(days=n, hours=2),
            place="Bruxelles",
            capacity=40,
        )
        for n in range(missing)
    )


def urls():
    from projects.models import Project

    slugs = list(
        Project.objects.published()
        .filter(visibility="public")
        .order_by("-published_at")
        .values_list("slug", flat=True)[:50]
    )
    return [
        Page("floor (empty view)", ["/bench/floor/"]),
        Page("fiche list", ["/projects/", "/projects/?page=2", "/projects/?theme=seniors"]),
        Page("search", ["/projects/?q=vélo", "/projects/?q=quartier", "/projects/?q=Chimay"]),
        Page("fiche page", [f"/projects/{slug}/" for slug in slugs]),
        Page("agenda (/events/)", ["/events/"]),
    ]


def wait_until_up(process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit("gunicorn stopped before serving: see its output above.")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{PORT}/healthz", timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    sys.exit("gunicorn did not answer within a minute.")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="load time per page")
    parser.add_argument("--clients", type=int, default=8, help="requests in flight at most")
    parser.add_argument("--workers", type=int, default=5, help="gunicorn worker processes")
    args = parser.parse_args(argv)

    global PORT
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        PORT = probe.getsockname()[1]
    configure_environment()
    os.environ["ALLOWED_HOSTS"] = "localhost"
    import django

    django.setup()
    from django.db import connection

    from projects.models import Project

    if Project.objects.published().count() == 0:
        sys.exit("The bench database is empty: run `python -m bench.projects` first.")
    ensure_events()
    pages = urls()
    connection.close()

    static_root = tempfile.mkdtemp(prefix="intersection-bench-static-")
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "BENCH_STATIC_ROOT": static_root,
        "WEB_CONCURRENCY": str(args.workers),
        "GUNICORN_BIND": f"{HOST}:{PORT}",
    }
    os.environ["BENCH_STATIC_ROOT"] = static_root
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        env=environment,
        check=True,
    )
    server = subprocess.Popen(  # noqa: S603 - gunicorn as the Dockerfile runs it
        [
            os.path.join(os.path.dirname(sys.executable), "gunicorn"),
            "intersection.wsgi",
            "--config",
            "gunicorn.conf.py",
            "--access-logfile",
            "/dev/null",
        ],
        env=environment,
    )
    try:
        wait_until_up(server)
        print(
            f"gunicorn: {args.workers} workers, DEBUG off; load: {args.clients} clients, "
            f"{args.seconds:g} s per page; {os.cpu_count()} cores, load average "
            f"{os.getloadavg()[0]:.1f}."
        )
        for page in pages:
            load(Page(page.name, page.urls), 1.0, args.clients)  # warm-up, not counted
            load(page, args.seconds, args.clients)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(static_root, ignore_errors=True)
    print("\nThrough gunicorn:\n")
    print(report_table(pages))
    errors = sorted({error for page in pages for error in page.errors})
    for error in errors[:20]:
        print(f"ERROR: {error}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
