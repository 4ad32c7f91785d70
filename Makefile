# Desk Pilkada — the two set-up commands are `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The demo's address and date, unless the environment sets them: reminders, mails, the bell's links
# and the letter's QR code point to the port it runs on, and the desk's today is the demo's Monday
# (deskpilkada/clock.py).
DEMO_ENV = SITE_URL=$(or $(SITE_URL),http://127.0.0.1:$(PORT)) DEMO_TODAY=$(or $(DEMO_TODAY),2024-11-18)

.PHONY: runtime setup demo demo-reset test serve lint format backup restore bench messages

# What a server needs to run the desk: the venv with requirements.txt only (no test tools, no npm).
runtime: $(VENV)/.runtime

$(VENV)/.runtime: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

# A development checkout: the runtime, the test and lint tools, and the npm packages.
setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: $(VENV)/.runtime requirements-dev.txt
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

demo: setup
	$(DEMO_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEMO_ENV) $(BIN)/python manage.py seed_demo $(SEED_FLAGS)
	@echo "Desk Pilkada berjalan di http://127.0.0.1:$(PORT) (Ctrl+C untuk berhenti)"
	$(DEMO_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The demo from the start again: what was reported, signed, forwarded or notified is erased first.
demo-reset: SEED_FLAGS = --reset
demo-reset: demo

# On as many processes as the machine has cores (pytest-xdist); see README.md for a single test.
test: setup
	$(BIN)/python -m pytest -n auto

# Production mode on this machine: gunicorn + whitenoise at http://127.0.0.1:8000 (see gunicorn.conf.py),
# and beside it a Celery worker for the background work (PDF, mail), Redis on 127.0.0.1:6379 as the broker.
# Plain http is allowed locally (SECURE_SSL_REDIRECT=false); behind TLS set it to true and a real
# SECRET_KEY and ALLOWED_HOSTS. Without SECRET_KEY a local one is kept in .secret_key.
serve: export DJANGO_ENV = production
serve: export SECURE_SSL_REDIRECT ?= false
serve: export ALLOWED_HOSTS ?= 127.0.0.1,localhost
serve: export SECRET_KEY ?= $(shell test -s .secret_key || $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > .secret_key; cat .secret_key)
serve: export REDIS_URL ?= redis://127.0.0.1:6379/0
serve: setup
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/celery -A deskpilkada worker --loglevel INFO --concurrency 2 & worker=$$!; \
	trap 'kill $$worker; wait $$worker' EXIT INT TERM; \
	$(BIN)/gunicorn deskpilkada.wsgi

# Backup of the database named by DATABASE_URL (pg_dump -Fc, or a copy of the SQLite file) into
# backups/; `make restore FILE=backups/…` puts one back, replacing what is there. Both need only the
# runtime, so a server's cron or timer installs no development tools.
backup: runtime
	$(BIN)/python manage.py backup

restore: runtime
	@test -n "$(FILE)" || (echo "Pakai: make restore FILE=backups/deskpilkada-….dump" && exit 2)
	$(BIN)/python manage.py restore "$(FILE)"

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python manage.py makemigrations --check --dry-run

# Extract the strings into locale/en/LC_MESSAGES/django.po, then compile it; commit both files.
# locale/id holds only our corrections to Django's own Indonesian, edited by hand and compiled here too.
messages: setup
	$(BIN)/python manage.py makemessages --locale en
	$(BIN)/python manage.py compilemessages --locale en --locale id --ignore .venv --ignore node_modules

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Load test on PostgreSQL at Kaltim and national scale (needs wrk), then the operator's form on a
# throttled phone-sized Chromium (bench/light.py); see BENCHMARKS.md.
bench: setup
	$(BIN)/python bench/run.py
	$(BIN)/python bench/light.py
