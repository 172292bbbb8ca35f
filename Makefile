# Field App: `make run` opens the app on the demo campaign; `make test` runs every check.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
export QTWEBENGINE_CHROMIUM_FLAGS ?= --no-sandbox

.PHONY: run install install-test system-test-deps lint test bench translations screenshots clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PIP) install --quiet -e '.[test,dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

# On Debian/Ubuntu, installs the libraries Qt's X11 plugin loads when they are missing
# (as root; otherwise it names the packages), so the window opens instead of aborting.
run: install
	@bash .ci/desktop-deps.sh $(PY)
	$(VENV)/bin/fieldapp gui --demo-if-empty

# Debian packages the tests use: age (bundle interop), PostgreSQL (merge tests), and the
# libraries Qt needs offscreen. Installed only when missing; needs root, as on CI.
system-test-deps:
	@bash .ci/system-deps.sh

lint: install-test
	$(VENV)/bin/ruff check fieldapp tests $(wildcard benchmarks)
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

test: install-test system-test-deps lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

bench: install-test
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run_all.py

# Services report progress messages in English; the GUI translates them in context
# "Progress", so their texts are collected into a file lupdate can read.
translations: install
	$(PY) resources/translations/collect_progress_messages.py
	$(VENV)/bin/pyside6-lupdate -no-obsolete $$(find fieldapp/ui fieldapp/app.py -name '*.py' | sort) \
		resources/translations/progress_messages.py -ts resources/translations/fieldapp_es.ts
	$(VENV)/bin/pyside6-lrelease resources/translations/fieldapp_es.ts -qm fieldapp/resources/translations/fieldapp_es.qm
	$(VENV)/bin/pyside6-lupdate -no-obsolete -pluralonly $$(find fieldapp/ui fieldapp/app.py -name '*.py' | sort) \
		-ts resources/translations/fieldapp_en.ts
	$(VENV)/bin/pyside6-lrelease resources/translations/fieldapp_en.ts -qm fieldapp/resources/translations/fieldapp_en.qm

# Every page, English and Spanish, on 1024x768 and 1366x768 screens, into docs/screenshots/
# (offscreen); prints what the fit check finds. Look at the pictures.
screenshots: install-test
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.ui.screenshots --out docs/screenshots

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist *.egg-info
