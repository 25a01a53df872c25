"""The site's settings for the HTTP benchmark (bench.http): the floor view's URL added, the
static files collected into a directory of the run. Everything else as in production."""

import os

from intersection.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
