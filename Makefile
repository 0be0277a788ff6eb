# Meldpunt: every command of the README is a target here.
#
#   make run           demo on http://127.0.0.1:8000/personeel/inloggen/ (SQLite, no services needed)
#   make test          the whole suite on PostgreSQL + Redis, plus ruff and the migrations check
#   make lint          ruff check and ruff format --check
#   make bench         every benchmarks/*.py, on its own database meldpunt_bench
#   make messages      update locale/en/LC_MESSAGES/django.po and compile it
#   make requirements  refresh the pins in requirements.txt and requirements-dev.txt

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
RUFF := $(VENV)/bin/ruff

# Test services; override on the command line or in the environment.
DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/meldpunt
CELERY_BROKER_URL ?= redis://127.0.0.1:6379/15
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/meldpunt_bench

# In CI the test database is always created anew, so a database left by an
# earlier run on the same machine cannot hide a migration problem
# (pyproject.toml sets --reuse-db for local speed). Two workers (pytest-xdist):
# the suite of about 1,700 tests, browser, load and fault tests included, takes
# about 8 minutes on this 2-core machine instead of about 15.
PYTEST_ARGS ?= -n 2 $(if $(filter true,$(CI)),--create-db)

TEST_ENV := DJANGO_SETTINGS_MODULE=config.settings.test DATABASE_URL=$(DATABASE_URL) CELERY_BROKER_URL=$(CELERY_BROKER_URL)

.PHONY: help run test lint bench messages requirements bootstrap

help:
	@sed -n '3,8p' Makefile | sed 's/^# \{0,1\}//'

## make run: bootstrap, migrate, demo data, then web + worker + beat in the foreground (Ctrl-C stops all).
run:
	@bash bin/bootstrap
	@exec bash bin/demo

## make test: services up, lint, migrations check, then the whole suite (pytest's result line comes last).
test:
	@bash bin/bootstrap --diensten
	@bash bin/create-database "$(DATABASE_URL)"
	$(RUFF) check .
	$(RUFF) format --check .
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(TEST_ENV) $(VENV)/bin/pytest $(PYTEST_ARGS)

lint:
	@bash bin/bootstrap
	$(RUFF) check .
	$(RUFF) format --check .

## make bench: every benchmarks/*.py with the test settings, on database meldpunt_bench.
bench:
	@bash bin/bootstrap --diensten
	@bash bin/create-database "$(BENCH_DATABASE_URL)"
	@shopt -s nullglob; scripts=(benchmarks/*.py); \
	if (( ! $${#scripts[@]} )); then echo "bench: no benchmarks/*.py yet"; exit 0; fi; \
	export $(TEST_ENV) DATABASE_URL=$(BENCH_DATABASE_URL) BENCH_DATABASE_URL=$(BENCH_DATABASE_URL) PYTHONPATH=$(CURDIR); \
	$(PY) manage.py migrate --noinput -v 0; \
	for script in "$${scripts[@]}"; do \
		echo "bench: $$script" >&2; \
		$(PY) "$$script"; \
	done

messages:
	@bash bin/bootstrap
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemessages -l en --no-obsolete \
		--ignore=.venv --ignore=var --ignore=staticfiles --ignore=node_modules
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py compilemessages --ignore=.venv

requirements:
	bash bin/update-requirements

bootstrap:
	bash bin/bootstrap
