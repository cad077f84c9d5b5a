# cyberaide — `make run` to serve the site, `make test` to run every test.
# Both create .venv and install what they need; `make help` lists the other targets.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := cyberaide.settings

.DEFAULT_GOAL := help
.PHONY: help run test test-postgres bench lint format messages compilemessages migrate \
	system-packages gettext pdf-libraries browsers bench-tools postgres-packages clean \
	checker-runtimes a11y-tools

help:
	@echo "make run        serve the site on http://$(HOST):$(PORT)/ (development settings)"
	@echo "make test       run the whole test suite, browser tests included"
	@echo "make bench      run the benchmarks in bench/"
	@echo "make test-postgres  the suite again on a throwaway PostgreSQL server"
	@echo "make lint       ruff check and format check, mypy (with django-stubs)"
	@echo "make messages   update the fr and en catalogs from the code, then compile them"
	@echo "make system-packages  install Debian packages: gettext, chromium, java, node (needs root or sudo)"
	@echo "make a11y-tools install the Nu HTML checker and pa11y (npm, pinned) for the tests"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet .
	rm -rf build *.egg-info
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet ".[dev]"
	rm -rf build *.egg-info
	touch $@

# Debian packages: gettext compiles the catalogs; chromium runs the browser tests
# (never a browser downloaded by a test tool).
gettext:
	@command -v msgfmt >/dev/null || { $(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext; }

browsers:
	@[ -x /usr/bin/chromium ] || { $(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core; }

# wrk loads the server in bench/bench_guide_pages.py.
bench-tools:
	@command -v wrk >/dev/null || { $(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }

# The checkers the browser tests run (tests/browser/test_checkers.py): Debian's Java for
# the Nu HTML checker, Node.js and npm for pa11y; the checkers themselves come from npm,
# pinned with their hashes in tools/a11y/package-lock.json, and drive Debian's Chromium
# (puppeteer downloads no browser).
checker-runtimes:
	@{ command -v java && command -v node && command -v npm; } >/dev/null || { \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq default-jre-headless nodejs npm; }

A11Y_TOOLS := tools/a11y/node_modules/.installed
$(A11Y_TOOLS): tools/a11y/package.json tools/a11y/package-lock.json | checker-runtimes
	cd tools/a11y && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

a11y-tools: $(A11Y_TOOLS)

postgres-packages:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; }

# WeasyPrint renders the complaint PDF with Pango; the PDF uses the DejaVu fonts, and for
# every other script and the emoji a message may hold, Noto (core, CJK, color emoji) and
# Symbola (evidence/pdf/glyphs.py). poppler-utils reads PDFs back in the tests (pdffonts,
# pdftotext, pdftoppm) and renders the pages of PDF exhibits.
# openssl answers timestamp requests in the tests (tests/trust.py: openssl ts -reply) and
# checks the tokens (openssl ts -verify); pdfsig (poppler-utils) checks the seal.
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-noto-core \
	fonts-noto-cjk fonts-noto-color-emoji fonts-symbola poppler-utils openssl
pdf-libraries:
	@dpkg -s $(PDF_PACKAGES) >/dev/null 2>&1 || { \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq $(PDF_PACKAGES); }

system-packages: gettext pdf-libraries browsers checker-runtimes

compilemessages: gettext $(VENV)/.installed
	$(BIN)/python manage.py compilemessages --ignore=.venv -v 0

migrate: $(VENV)/.installed
	@mkdir -p var
	$(BIN)/python manage.py migrate --noinput -v 0

# The development storage key lives outside the repository (bin/dev-storage-key says where);
# a CYBERAIDE_STORAGE_KEY already set in the environment wins.
run: pdf-libraries $(VENV)/.installed compilemessages migrate
	@key="$${CYBERAIDE_STORAGE_KEY:-$$(bin/dev-storage-key)}" && \
		DJANGO_DEBUG=1 CYBERAIDE_STORAGE_KEY="$$key" $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: system-packages $(VENV)/.installed-dev compilemessages $(A11Y_TOOLS)
	$(BIN)/pytest $(PYTEST_ARGS)

# The same suite on PostgreSQL (a throwaway server), browser tests aside.
test-postgres: gettext pdf-libraries postgres-packages $(VENV)/.installed-dev compilemessages
	bin/with-postgres $(BIN)/pytest -m "not browser" $(PYTEST_ARGS)

bench: system-packages bench-tools $(VENV)/.installed-dev compilemessages
	$(BIN)/python -m bench

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: gettext $(VENV)/.installed
	$(BIN)/python manage.py makemessages -l fr --keep-pot --no-obsolete --ignore=.venv --ignore=var --ignore=tests --ignore=bench
	@# The msgids are English: the English catalog is made afresh from the template, each
	@# msgstr a copy of its msgid (msginit does that for English), so no stale fuzzy match
	@# can ever stand in for a string.
	msginit --no-translator --locale=en_GB.UTF-8 --input=locale/django.pot \
		--output-file=locale/en/LC_MESSAGES/django.po 2>/dev/null
	rm -f locale/django.pot
	$(BIN)/python manage.py compilemessages --ignore=.venv -v 0

clean:
	rm -rf $(VENV) build *.egg-info
