# carecenter: two commands do everything on a fresh machine.
#   make run    install, migrate, load reference and demo data, serve on http://127.0.0.1:8000
#   make test   install, lint, run every test
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
PYTEST_WORKERS ?= 2

.PHONY: install browser run test lint format bench fixtures clean

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
	@echo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# Browser tests drive Debian's Chromium; no browser is downloaded by Playwright.
browser:
	@test -x /usr/bin/chromium || (echo "Installing Debian's chromium for the browser tests"; \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } \
		|| { sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; })

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: install browser lint
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=carecenter.test_settings
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

fixtures: install
	$(BIN)/python tools/build_demo_fixture.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
