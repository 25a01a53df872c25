# The two commands of the README are `make run` and `make test`; the others are for CI and
# for whoever changes the code. Every target creates the virtual environment when needed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=
# Development defaults for the commands run from here; production sets its own environment.
DEV_ENV := DEBUG=1

.PHONY: run test lint format migrations-check deploy-check messages bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Python 3.11 or newer is needed (found $$($(PYTHON) --version))."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(DEV_ENV) $(BIN)/python manage.py release
	$(DEV_ENV) $(BIN)/python manage.py seed_demo
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:8000

test: $(STAMP)
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: $(STAMP)
	$(DEV_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

# check --deploy with the environment of a production container.
deploy-check: $(STAMP)
	DEBUG=0 SECRET_KEY=deploy-check-$$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n') \
		ALLOWED_HOSTS=portal.example.org CSRF_TRUSTED_ORIGINS=https://portal.example.org \
		$(BIN)/python manage.py check --deploy --fail-level WARNING

# Regenerate the French and Dutch catalogues after changing user-visible text (needs GNU
# gettext). The compiled .mo files are committed, so running the site never needs gettext.
messages: $(STAMP)
	$(DEV_ENV) $(BIN)/python manage.py makemessages --locale fr --locale nl --no-obsolete --no-location \
		--ignore '.venv/*' --ignore 'staticfiles/*' --ignore 'tests/*'
	$(DEV_ENV) $(BIN)/python manage.py compilemessages --ignore '.venv/*'

# Not a test and not run by CI: fills a separate PostgreSQL database (intersection_bench, or
# BENCH_DATABASE_URL) once, then prints requests per second and latencies of the main pages,
# uncached and cached in one process, then through gunicorn under a concurrent load.
bench: $(STAMP)
	$(BIN)/python -m bench.projects
	$(BIN)/python -m bench.http
	if [ -f bench/events.py ]; then $(BIN)/python -m bench.events; fi
	$(BIN)/python -m bench.awards
	$(BIN)/python -m bench.indicators

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
