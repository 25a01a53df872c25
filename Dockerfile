# Two stages: the first builds the wheels and collects the static files, the second runs
# gunicorn as an unprivileged user with only what it needs.

FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
COPY pyproject.toml README.md ./
RUN python -m venv /venv && /venv/bin/pip install --upgrade pip && /venv/bin/pip install '.[s3]'
# .dockerignore keeps tests, CI files, secrets and local state out of every layer.
COPY . .
# collectstatic needs settings, not secrets: a throwaway key for this one command.
RUN SECRET_KEY=collectstatic-only /venv/bin/python manage.py collectstatic --no-input

FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 PATH="/venv/bin:$PATH"
RUN useradd --system --create-home --uid 10001 portal
WORKDIR /app
COPY --from=build /venv /venv
COPY --from=build --chown=portal:portal /app /app
RUN mkdir -p /app/media && chown portal:portal /app/media
# Uploaded files on one host: mount a volume here (MEDIA_ROOT). On several hosts, set S3_BUCKET
# and the S3_* variables instead (README).
VOLUME ["/app/media"]
USER portal
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status != 200)"
# The release step runs once per release, not at every container start (README):
#   docker run --rm --env-file portal.env IMAGE python manage.py release
# Workers, timeout and bind address: gunicorn.conf.py (WEB_CONCURRENCY, GUNICORN_TIMEOUT).
CMD ["gunicorn", "intersection.wsgi", "--config", "gunicorn.conf.py"]
