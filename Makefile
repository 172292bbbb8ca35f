# Field App: `make run` opens the app on the demo campaign; `make test` runs every check.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
export QTWEBENGINE_CHROMIUM_FLAGS ?= --no-sandbox

LOCK := requirements.lock
VERSION = $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' fieldapp/__init__.py)
PLATFORM = $(shell $(PYTHON) -c 'import sys, platform; print(f"{sys.platform}-{platform.machine().lower()}")')
FROZEN := dist/fieldapp/fieldapp
TARBALL = dist/fieldapp-$(VERSION)-$(PLATFORM).tar.gz

.PHONY: run install install-test system-test-deps lint test test-encrypted bench translations screenshots clean \
	lock lock-upgrade check-lock wheel dist dist-test icons install-desktop

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# One virtualenv with exactly the versions in requirements.lock (every extra: the app, the
# tests, lint, PostgreSQL and the standalone build). A lock out of date with pyproject.toml
# stops here with the command that fixes it, instead of installing other versions.
check-lock:
	@$(PYTHON) release/lock.py --check

$(VENV)/.installed: pyproject.toml $(LOCK) | $(PY)
	@$(PYTHON) release/lock.py --check
	$(PIP) install --quiet --no-deps -r $(LOCK)
	$(PIP) install --quiet --no-deps -e .
	$(PIP) check
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	touch $@

install: check-lock $(VENV)/.installed

install-test: check-lock $(VENV)/.installed-test

# Regenerate requirements.lock after changing dependencies in pyproject.toml: versions
# already locked stay where they still fit. `make lock-upgrade` moves all to the newest.
# (uv comes with the build extra; a venv without it gets it here.)
lock: | $(PY)
	@test -x $(VENV)/bin/uv || $(PIP) install --quiet uv
	PATH="$(abspath $(VENV))/bin:$$PATH" $(PYTHON) release/lock.py

lock-upgrade: | $(PY)
	@test -x $(VENV)/bin/uv || $(PIP) install --quiet uv
	PATH="$(abspath $(VENV))/bin:$$PATH" $(PYTHON) release/lock.py --upgrade

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
	$(VENV)/bin/ruff check fieldapp tests release $(wildcard benchmarks)
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

test: check-lock install-test system-test-deps lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest
	$(MAKE) test-encrypted

# The same tests on SQLCipher-encrypted stores (every store the fixtures, the CLI and
# the sync sites make is encrypted): a focused subset, so CI time does not double.
# `make test-encrypted ENCRYPTED_TESTS=tests` runs the whole suite encrypted.
ENCRYPTED_TESTS ?= tests/test_cli.py tests/services/sync/test_merge.py \
	tests/services/test_importing.py tests/test_no_pii_in_logs.py tests/ui/test_store_security.py \
	tests/ui/test_shell_app.py tests/core/test_loadjournal.py
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
	$(VENV)/bin/pyside6-lupdate -no-obsolete -pluralonly $$(find fieldapp/ui fieldapp/app.py -name '*.py' | sort) \
		-ts resources/translations/fieldapp_en.ts
	$(VENV)/bin/pyside6-lrelease resources/translations/fieldapp_en.ts -qm fieldapp/resources/translations/fieldapp_en.qm

# Every page, English and Spanish, on 1024x768 and 1366x768 screens, into docs/screenshots/
# (offscreen); prints what the fit check finds. Look at the pictures.
screenshots: install-test
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.ui.screenshots --out docs/screenshots

# Releases. `make dist`: the wheel, the standalone folder dist/fieldapp (two programs:
# `fieldapp`, the console CLI, and `Field App`, the windowed app), a .tar.gz of it and
# SHA256SUMS. `make dist-test` runs the frozen build through release/smoke_test.py.
icons: install
	$(PY) release/make_icons.py build/icons

wheel: install
	rm -rf dist/*.whl
	$(PIP) wheel --quiet --no-deps -w dist .

DIST_SOURCES := build.spec $(LOCK) $(shell find fieldapp release -type f -not -path '*/__pycache__/*' 2>/dev/null)

# Linux: the standalone build carries a numpy built from its source with no BLAS/LAPACK and
# no CPU-specific variants (numpy's meson options below), the locked version: Field App's
# numpy work is element-wise (distances, point sampling, turf cutting) and never calls
# BLAS, and numpy's wheel brings OpenBLAS and gfortran (28 MB, which strip cannot shrink).
# The wheel is built once per machine (5 min of CPU: about 7 min on the 2 shared cores) into
# NUMPY_CACHE, one folder per numpy version, Python and option set, and installed into
# build/, which is put first on the path of the PyInstaller run only: the virtualenv, the
# tests and the wheel keep numpy's own wheel.
NUMPY_NOBLAS := build/numpy-noblas
NUMPY_CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/fieldapp-build/numpy-noblas
NUMPY_TOOLS := release/numpy-build-constraints.txt
NUMPY_SETUP := -Dblas=none -Dlapack=none -Dallow-noblas=true -Dcpu-dispatch=none \
	-Ddisable-svml=true -Ddisable-intel-sort=true -Ddisable-highway=true
ifeq ($(shell uname -s),Linux)
FROZEN_NUMPY := $(NUMPY_NOBLAS)/.installed
FROZEN_PATH := PYTHONPATH=$(abspath $(NUMPY_NOBLAS))/site
endif

$(NUMPY_NOBLAS)/.installed: $(LOCK) $(NUMPY_TOOLS) | $(VENV)/.installed
	rm -rf $(NUMPY_NOBLAS)
	@version=$$($(PY) -c 'import importlib.metadata as m; print(m.version("numpy"))'); \
	key=$$( (echo "$$version $$($(PY) -c 'import sys; print(sys.implementation.cache_tag)') $(NUMPY_SETUP)"; \
		cat $(NUMPY_TOOLS)) | sha256sum | cut -c1-16); \
	cached=$(NUMPY_CACHE)/$$version-$$key; \
	if [ -d "$$cached" ]; then echo "numpy $$version without BLAS: cached in $$cached"; else \
		echo "numpy $$version without BLAS: building (a few minutes) into $$cached"; \
		rm -rf "$$cached.tmp" && \
		$(PIP) wheel --quiet --no-cache-dir --no-deps --no-binary numpy -w "$$cached.tmp" \
			--build-constraint $(NUMPY_TOOLS) \
			numpy==$$version $(addprefix -Csetup-args=,$(NUMPY_SETUP)) && \
		mv "$$cached.tmp" "$$cached" || exit 1; fi; \
	$(PIP) install --quiet --no-deps --target $(NUMPY_NOBLAS)/site "$$cached"/numpy-$$version-*.whl
	touch $@

$(FROZEN): $(DIST_SOURCES) $(FROZEN_NUMPY) | check-lock $(VENV)/.installed
	$(PY) release/make_icons.py build/icons >/dev/null
	$(FROZEN_PATH) $(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller build.spec
	touch $@

dist: check-lock $(FROZEN) wheel
	rm -f dist/fieldapp-*.tar.gz dist/SHA256SUMS
	tar -C dist -czf $(TARBALL) fieldapp
	cd dist && sha256sum fieldapp-*.tar.gz *.whl > SHA256SUMS
	@du -sh dist/fieldapp $(TARBALL) | sed 's/^/size: /'
	@cat dist/SHA256SUMS

dist-test: check-lock $(FROZEN)
	$(PY) release/smoke_test.py dist/fieldapp

# The Linux desktop entry, AppStream metainfo and hicolor icons for this user, pointing at
# the standalone build in dist/fieldapp (PREFIX=~/.local by default).
install-desktop: icons
	bash release/linux/install-desktop.sh "$(abspath dist/fieldapp)" build/icons

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist *.egg-info
