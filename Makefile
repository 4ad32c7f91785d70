# Desk Pilkada — the two set-up commands are `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup demo test serve lint format backup restore bench messages

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

demo: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo "Desk Pilkada berjalan di http://127.0.0.1:8000 (Ctrl+C untuk berhenti)"
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: setup
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

# Extract the strings into locale/en/LC_MESSAGES/django.po, then compile it; commit both files.
messages: setup
	$(BIN)/python manage.py makemessages --locale en
	$(BIN)/python manage.py compilemessages --locale en --ignore .venv --ignore node_modules

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
