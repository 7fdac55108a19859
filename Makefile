# Equal Footing: two commands set everything up on a fresh machine (see README.md).
#   make serve   install, build, serve the site on http://127.0.0.1:8000
#   make test    install (plus Debian's Chromium), then every test
# Other targets: build, dist, lint, format, bench, clean.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help serve test build dist lint format bench clean setup browser system

help:
	@echo "make serve  - set up, build, serve on http://127.0.0.1:$(PORT)"
	@echo "make test   - set up, then run every test (unit, build, browser, privacy)"
	@echo "make bench  - measure page weight and Python start-up in Chromium"
	@echo "make dist   - build, then pack the site for any static host into dist/"

# -- Set-up: each step re-runs only when what it depends on changed ---------------------------

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; }
	npm ci --no-audit --no-fund
	touch $@

setup: system $(VENV)/.installed node_modules/.installed

# WeasyPrint's libraries and a font (with no font at all it crashes) for the PDF templates,
# and poppler-utils, whose pdftoppm renders them for the tests.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core poppler-utils
system:
	@dpkg -s $(SYSTEM_PACKAGES) >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES); }

# Debian's Chromium drives the browser tests (Playwright cannot download its own here), and
# WebKitGTK's WebKitWebDriver and MiniBrowser, under Xvfb, the WebKit ones (tests/webkit/).
WEBKIT_PACKAGES := webkit2gtk-driver xvfb
browser:
	@test -x $(CHROMIUM) || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core; }
	@dpkg -s $(WEBKIT_PACKAGES) >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(WEBKIT_PACKAGES); }

# -- Build and serve --------------------------------------------------------------------------

build: setup
	$(BIN)/mkdocs build --strict

serve: build
	$(BIN)/python -m site_build.serve site --port $(PORT)

# The built site as dist/equal-footing-<version>-<commit>.tar.gz, with .gz and .br copies of
# its large text files for hosts that serve them (README: "Publish your own copy").
dist: build
	$(BIN)/python -m site_build.dist --site site --out-dir dist

# -- Quality ----------------------------------------------------------------------------------

test: setup browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

# mypy reads what to check, strictly, from pyproject.toml ([tool.mypy]).
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: build browser
	$(BIN)/python -m site_build.bench --site site --out BENCHMARKS.md

clean:
	rm -rf site dist .pytest_cache .hypothesis .mypy_cache
