"""gunicorn's settings for the container (the Dockerfile's CMD reads this file).

WEB_CONCURRENCY: worker processes (default: two per core, plus one). GUNICORN_TIMEOUT: seconds
before a stuck worker is replaced. The portal is server-rendered and quick; an upload of a
20 MB photo over a slow line is the longest request, hence the default of 60 s.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests, so a slow leak never grows for ever.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
# Behind the TLS proxy: trust its X-Forwarded-* headers only from the addresses it uses.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
