"""Shared fixtures: every test gets its own data folder; nothing touches the user's.

``FIELDAPP_TEST_ENCRYPTED=1`` runs the tests on SQLCipher-encrypted stores: every
store a test creates through :func:`open_store` (the ``store`` and ``demo_store``
fixtures, the CLI, the sync sites) is encrypted with one key from a key file.
Either way the credential store is a real keyring backend (keyrings.alt's file
backend) writing into the test's temporary folder.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyrings.alt.file import PlaintextKeyring

from fieldapp import paths
from fieldapp.core import cipher, db
from fieldapp.core.db import Store, open_store
from fieldapp.services import storekey
from tests.pgserver import pg_server, pg_url  # noqa: F401  (PostgreSQL fixtures)

DEMO_DAY = dt.date(2026, 11, 20)
ENCRYPTED = os.environ.get("FIELDAPP_TEST_ENCRYPTED", "") not in ("", "0")


def temp_keyring(folder: Path) -> PlaintextKeyring:
    """A real keyring backend that keeps its entries in a file under ``folder``."""
    backend = PlaintextKeyring()
    backend.file_path = str(folder / "keyring_pass.cfg")  # type: ignore[misc]
    return backend


@pytest.fixture(scope="session")
def session_key_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store-key") / "store.key"
    path.write_text(cipher.new_key() + "\n", encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def store_keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
               request: pytest.FixtureRequest) -> Iterator[None]:
    """Store keys as the app finds them: a temporary keyring; encrypted stores when asked."""
    before = keyring.get_keyring()
    keyring.set_keyring(temp_keyring(tmp_path / "keyring"))
    monkeypatch.delenv(storekey.KEY_FILE_ENV, raising=False)
    monkeypatch.setenv(storekey.ENCRYPT_ENV, "1" if ENCRYPTED else "0")
    if ENCRYPTED:
        monkeypatch.setenv(storekey.KEY_FILE_ENV, str(request.getfixturevalue("session_key_file")))
    storekey.install(None)
    yield
    db.set_key_resolver(None)
    keyring.set_keyring(before)


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private data folder for each test (store, keys, logs, caches)."""
    folder = tmp_path / "fieldapp-data"
    monkeypatch.setenv("FIELDAPP_DATA_DIR", str(folder))
    monkeypatch.delenv("FIELDAPP_DB", raising=False)
    paths.set_data_dir(None)
    yield folder
    paths.set_data_dir(None)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A new, empty SQLite store."""
    s = open_store(tmp_path / "store.sqlite")
    yield s
    s.close()


@pytest.fixture
def demo_store(tmp_path: Path) -> Iterator[Store]:
    """A store seeded with a small demo campaign (300 doors, seed 7, fixed day)."""
    from fieldapp.services.demo import seed_demo

    s = open_store(tmp_path / "demo.sqlite")
    seed_demo(s, doors=300, seed=7, today=DEMO_DAY)
    yield s
    s.close()


def pytest_report_header() -> str:
    return f"QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', '')} CI={os.environ.get('CI', '')}"
