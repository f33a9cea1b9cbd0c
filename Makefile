# Two commands do all set-up on a fresh machine with Python 3.11:
#   make run   — install, migrate, load the curated dataset, serve http://127.0.0.1:$(PORT)
#   make test  — install and run the whole test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: install run test lint format check bench

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_dataset --if-empty
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: lint
	$(PY) manage.py makemigrations --check --dry-run

# Timings and query counts of the pages, on the curated data and on 2,000 more films
# (added in a transaction that is rolled back). Results: docs/benchmarks.md.
bench: install
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py benchmark --output docs/benchmarks/$${BENCH_NAME:-sqlite}.json
