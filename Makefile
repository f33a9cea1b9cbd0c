# Two commands do all set-up on a fresh machine with Python 3.11:
#   make run   — install, migrate, load the curated dataset, serve http://127.0.0.1:$(PORT)
#                as a visitor meets the site: gunicorn, DEBUG off (make dev: runserver, DEBUG)
#   make test  — install and run the whole test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# gunicorn's sync workers: two per core (a request waits on the database about half its
# time), measured in docs/benchmarks.md.
WORKERS ?= 4
SECRET_KEY_FILE := .secret_key
# What `make run` serves on: production settings, over plain HTTP on this machine (so the
# admin's cookies are not HTTPS-only), the uploaded images served by the site itself.
PRODUCTION := DJANGO_DEBUG=false DJANGO_SECRET_KEY="$$(cat $(SECRET_KEY_FILE))" \
	DJANGO_SECURE_COOKIES=false NKFILMS_SERVE_MEDIA=true

.PHONY: install prepare run dev test lint format check bench load screenshots lock

# pyproject.toml pins the direct dependencies; constraints.txt, every package they bring.
$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

install: $(VENV)/.installed

# A secret key made once for this checkout, kept out of git (.gitignore).
$(SECRET_KEY_FILE):
	umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

prepare: install $(SECRET_KEY_FILE)
	$(PRODUCTION) $(PY) manage.py migrate --noinput
	$(PRODUCTION) $(PY) manage.py collectstatic --noinput -v0
	$(PRODUCTION) $(PY) manage.py load_dataset --if-empty
	$(PRODUCTION) $(PY) manage.py rebuild_search_keys -v0
	$(PRODUCTION) $(PY) manage.py export_release -v0

run: prepare
	$(PRODUCTION) $(VENV)/bin/gunicorn nkfilms.wsgi:application --bind 127.0.0.1:$(PORT) \
		--workers $(WORKERS) --access-logfile - --error-logfile -

dev: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_dataset --if-empty
	$(PY) manage.py rebuild_search_keys -v0
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# The whole suite on every core, then the line coverage of the apps (files fully covered are
# left out of the table; TOTAL counts them). TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= auto
test: install
	$(PY) -m pytest -n $(TEST_WORKERS) --cov --cov-report=term

# The browser tests, saving their screenshots over the README's (they go to the git-ignored
# test-results/screenshots/ otherwise).
screenshots: install
	NKFILMS_SCREENSHOTS=docs/screenshots $(PY) -m pytest -m browser

# After changing a pin in pyproject.toml: install into a new, empty venv and record there
# the version of every package in constraints.txt.
lock:
	rm -rf $(VENV)-lock
	$(PYTHON) -m venv $(VENV)-lock
	$(VENV)-lock/bin/python -m pip install --quiet -e '.[dev,bench]'
	{ sed -n '/^#/p' constraints.txt; $(VENV)-lock/bin/python -m pip freeze --exclude-editable; } > constraints.txt.new
	mv constraints.txt.new constraints.txt
	rm -rf $(VENV)-lock

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: lint
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run

# Timings and query counts of the pages, on the curated data and on 2,000 more films
# (added in a transaction that is rolled back). Results: docs/benchmarks.md.
# The search at SIZE films (10000 or 100000), beside Datasette and raw SQL, on PostgreSQL
# (DATABASE_URL); each size is grown once into its own database. Results: docs/benchmarks.md.
SIZE ?= 10000
bench: install
	$(PY) -m pip install --quiet -c constraints.txt -e '.[bench]'
	$(PY) manage.py benchmark --size $(SIZE)

# 64 connections for 60 s on a mix of pages, against `make run`'s server.
load:
	benchmarks/load.sh http://127.0.0.1:$(PORT)
