# carecenter: two commands do everything on a fresh machine.
#   make run    install, migrate, load reference and demo data, serve on http://127.0.0.1:8000
#   make test   install, lint, run every test
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
PYTEST_WORKERS ?= 2

.PHONY: install system-packages run test lint format fuzz bench messages fixtures clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

run: export DEBUG ?= 1
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@echo
	@echo "carecenter is starting on http://127.0.0.1:8000/"
	@echo "Demo logins (password for all: demo-Omsorg-2026):"
	@echo "  anna     omsorgspersonal, Hemtjänst Norr"
	@echo "  bertil   omsorgspersonal, Solgårdens särskilda boende"
	@echo "  cecilia  biståndshandläggare, Hemtjänst Norr och Solgården"
	@echo "  david    sjuksköterska (legitimerad personal), alla tre enheterna"
	@echo "  eva      enhetschef, Hemtjänst Norr och Solgården"
	@echo "  frida    systemförvaltare (admin på /admin/)"
	@echo "API-integrationer (ingen inloggning; skapa en token med manage.py create_api_token):"
	@echo "  region-integration  sjuksköterska (legitimerad personal), Hemtjänst Norr och Solgården"
	@echo "  kommun-integration  biståndshandläggare, Hemtjänst Norr och Solgården"
	@echo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# System packages from Debian: Chromium for the browser tests (Playwright downloads nothing),
# Pango/HarfBuzz and a font for the PDF of the care plan (WeasyPrint), GNU gettext for the
# translation catalogue (`make messages` and its tests).
SYSTEM_PACKAGES := chromium libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core gettext
system-packages:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages: $$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: install system-packages lint
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=carecenter.test_settings
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# Schemathesis for longer than `make test` does (200 examples per operation, 30 steps).
fuzz: install
	SCHEMATHESIS_MAX_EXAMPLES=200 SCHEMATHESIS_STATEFUL_STEPS=30 $(BIN)/pytest -n $(PYTEST_WORKERS) tests/fuzz

# Read-path benchmarks at scale vs. the raw-SQL floor (time and memory): see tools/bench.py.
bench: install
	$(BIN)/python tools/bench.py

# Update the English catalogue from the Swedish source strings, then compile it.
messages: install system-packages
	DEBUG=1 $(BIN)/python manage.py makemessages -l en --no-location --ignore=.venv --ignore=staticfiles --ignore=test-artifacts
	DEBUG=1 $(BIN)/python manage.py compilemessages -l en --ignore=.venv

fixtures: install
	$(BIN)/python tools/build_demo_fixture.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
