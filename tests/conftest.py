"""Shared fixtures: every test gets its own data folder; nothing touches the user's."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldapp import paths
from fieldapp.core.db import Store, open_store
from tests.pgserver import pg_server, pg_url  # noqa: F401  (PostgreSQL fixtures)

DEMO_DAY = dt.date(2026, 11, 20)


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
