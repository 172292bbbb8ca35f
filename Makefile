# Field App: `make run` opens the app on the demo campaign; `make test` runs every check.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
export QTWEBENGINE_CHROMIUM_FLAGS ?= --no-sandbox

.PHONY: run install install-test system-test-deps lint test test-encrypted bench translations clean

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

run: install
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
	$(MAKE) test-encrypted

# The same tests on SQLCipher-encrypted stores (every store the fixtures, the CLI and
# the sync sites make is encrypted): a focused subset, so CI time does not double.
# `make test-encrypted ENCRYPTED_TESTS=tests` runs the whole suite encrypted.
ENCRYPTED_TESTS ?= tests/test_cli.py tests/services/sync/test_merge.py \
	tests/services/test_importing.py tests/test_no_pii_in_logs.py tests/ui/test_store_security.py \
	tests/ui/test_shell_app.py
test-encrypted: install-test
	FIELDAPP_TEST_ENCRYPTED=1 QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:randomly $(ENCRYPTED_TESTS)

bench: install-test
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run_all.py

# Services report progress messages in English; the GUI translates them in context
# "Progress", so their texts are collected into a file lupdate can read.
translations: install
	$(PY) resources/translations/collect_progress_messages.py
	$(VENV)/bin/pyside6-lupdate -no-obsolete $$(find fieldapp/ui fieldapp/app.py -name '*.py' | sort) \
		resources/translations/progress_messages.py -ts resources/translations/fieldapp_es.ts
	$(VENV)/bin/pyside6-lrelease resources/translations/fieldapp_es.ts -qm fieldapp/resources/translations/fieldapp_es.qm

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist *.egg-info
