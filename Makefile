# Masthead developer and CI entry points. `make help` lists the targets.
#
# Everything runs from the project's own virtualenv (.venv), which `setup` creates with
# the machine's python3 and fills from uv.lock; nothing is installed globally.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
# `make test` runs its steps in the order listed, even under -j (its suites run side by side
# through scripts/lanes.sh, not through make's -j).
.NOTPARALLEL:
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
PYTEST := $(VENV)/bin/pytest
RUFF := $(VENV)/bin/ruff
MYPY := $(VENV)/bin/mypy
# Stored inside the venv, so deleting .venv also forces a fresh `setup`.
SETUP_STAMP := $(VENV)/.make-setup.stamp
# Ghost's official Content API client, which content_api/tests/test_official_client.py runs.
CONTENT_API_JS := content_api/tests/js
CONTENT_API_CLIENT := $(CONTENT_API_JS)/node_modules/.package-lock.json
# The settings' own default; pytest-django then tests on an in-memory SQLite database.
SQLITE_URL := sqlite:///$(CURDIR)/db.sqlite3
# The uv that bootstraps the venv is the one uv.lock pins (dev group), so the two never drift.
UV_VERSION := $(shell sed -n '/^name = "uv"$$/{n;s/^version = "\(.*\)"$$/\1/p;}' uv.lock)

# uv installs into .venv rather than a venv of its own choosing, and never downloads a
# Python build (only PyPI is reachable here; the machine's python3 is the one to use).
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS := never

# CI sets REPORTS=DIR to get one JUnit XML file per pytest run (for .ci/run's total).
junit = $(if $(REPORTS),--junitxml=$(REPORTS)/$@.xml)

.PHONY: help setup run lint typecheck check test test-suites test-sqlite test-postgres test-browser clean

help:
	@echo "make setup          create/refresh .venv from uv.lock (fast when nothing changed)"
	@echo "make run            migrate, load demo content, ensure an admin, serve on :8000 + task worker"
	@echo "make lint           ruff check + ruff format --check"
	@echo "make typecheck      mypy on the services and selectors listed in pyproject.toml"
	@echo "make check          Django system checks + missing-migrations check"
	@echo "make test-sqlite    the pytest suite on SQLite"
	@echo "make test-postgres  the pytest suite on a throwaway PostgreSQL"
	@echo "make test-browser   the Playwright browser tests in e2e/ (Debian chromium)"
	@echo "make test           lint, typecheck, check, then SQLite + browser beside PostgreSQL"
	@echo "make clean          remove .venv, var/, the dev database and caches"
	@echo "make bench          HTTP load on SQLite + PostgreSQL, page cache off/on, Lighthouse"
	@echo "                    (a part: make bench BENCH_ARGS='--only sqlite --cache on --seconds 5')"

setup: $(SETUP_STAMP) $(CONTENT_API_CLIENT)

$(SETUP_STAMP): pyproject.toml uv.lock
	test -x $(PY) || python3 -m venv $(VENV)
	test -x $(VENV)/bin/uv || $(PY) -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(VENV)/bin/uv sync --frozen
	touch $@

# Installed again only when the lock changes (npm writes node_modules/.package-lock.json).
$(CONTENT_API_CLIENT): $(CONTENT_API_JS)/package-lock.json
	npm ci --prefix $(CONTENT_API_JS) --no-audit --no-fund
	touch $@

run: setup
	$(MANAGE) setup_demo  # migrate, load_demo, ensure_admin: one process, one start-up
	scripts/run.sh

lint: setup
	$(RUFF) check .
	$(RUFF) format --check .

# The files are listed in pyproject.toml ([tool.mypy] files); what they import is read, not judged.
typecheck: setup
	$(MYPY)

# The test settings, so that the checks see what the test suite runs with.
check: export DJANGO_SETTINGS_MODULE := masthead.settings.test
check: setup
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

# DATABASE_URL is pinned so that a developer's shell or .env cannot point these runs elsewhere.
test-sqlite: setup
	DATABASE_URL=$(SQLITE_URL) $(PYTEST) $(junit)

test-postgres: setup
	scripts/with-postgres.sh $(PYTEST) $(junit)

test-browser: setup
	DATABASE_URL=$(SQLITE_URL) $(PYTEST) e2e $(junit)

# Two lanes side by side, one per core (scripts/lanes.sh): SQLite then the browser tests, and
# PostgreSQL. Each suite keeps its own database, media and temporary folders. Sub-makes inherit
# --keep-going and REPORTS from the command line.
test-suites: setup
	scripts/lanes.sh \
	    sqlite+browser '$(MAKE) --no-print-directory test-sqlite test-browser' \
	    postgres '$(MAKE) --no-print-directory test-postgres'

test: setup lint typecheck check test-suites

clean:
	rm -rf $(VENV) var db.sqlite3 db.sqlite3-wal db.sqlite3-shm db.sqlite3-journal .ruff_cache .pytest_cache .mypy_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

# Benchmarks print figures; they are not part of `make test`. See docs/benchmarks.md.
# `make bench` runs the HTTP load on both databases with the page cache off and on, then
# Lighthouse; BENCH_ARGS passes its flags (--only sqlite|postgres, --cache on|off|both,
# --seconds N, --no-lighthouse). `make bench-http` is one database, the caller's cache setting.
BENCH_ARGS ?=
.PHONY: bench
bench: setup
	$(PY) bench/run_all.py $(BENCH_ARGS)

.PHONY: bench-http
bench-http: setup
	$(PY) bench/http_load.py

.PHONY: bench-narration
bench-narration: setup
	$(PY) bench/narration.py

.PHONY: bench-newsletter
bench-newsletter: setup
	$(PY) bench/newsletter_send.py
