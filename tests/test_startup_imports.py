"""Start-up does not wait for modules the command does not need (issue 13).

``fieldapp --version`` answers before the store, SQLAlchemy, Alembic or Qt are
imported; ``fieldapp info`` on a SQLite store already at the newest schema reads it with
the plain driver, without SQLAlchemy, the models or Alembic (which is loaded
only when an upgrade is due), and without the GUI's or the maps' libraries. Each case runs in a fresh interpreter and reads
its ``sys.modules`` at the end.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CHILD = r"""
import sys
from fieldapp import cli
try:
    code = cli.main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
watched = ("sqlalchemy", "alembic", "PySide6", "numpy", "shapely", "folium", "httpx",
           "reportlab", "fieldapp.core.db", "fieldapp.clicmds")
sys.stderr.write("LOADED " + " ".join(m for m in watched if m in sys.modules) + "\n")
sys.exit(code or 0)
"""


def run_cli(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> tuple[str, set[str]]:
    full = dict(os.environ, FIELDAPP_DATA_DIR=str(tmp_path / "data"), FIELDAPP_STORE_ENCRYPT="0")
    full.pop("FIELDAPP_DB", None)
    full.pop("FIELDAPP_STORE_KEY_FILE", None)
    full.update(env or {})
    proc = subprocess.run([sys.executable, "-c", CHILD, *args], env=full, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    loaded = next(ln for ln in proc.stderr.splitlines() if ln.startswith("LOADED"))
    return proc.stdout, set(loaded.split()[1:])


def test_version_imports_nothing_heavy(tmp_path: Path) -> None:
    out, loaded = run_cli(tmp_path, "--version")
    assert out.startswith("fieldapp ")
    assert loaded == set(), loaded


def test_info_on_a_current_store_leaves_sqlalchemy_out(tmp_path: Path) -> None:
    store = str(tmp_path / "store.sqlite")
    first_out, first = run_cli(tmp_path, "--db", store, "info")
    assert "alembic" in first  # a new store is created by running the migrations
    out, loaded = run_cli(tmp_path, "--db", store, "info")
    assert out == first_out and "Schema:   " in out  # the same figures either way
    assert loaded.isdisjoint({"sqlalchemy", "fieldapp.core.db", "alembic", "PySide6", "numpy",
                              "shapely", "folium", "httpx", "reportlab", "fieldapp.clicmds"}), loaded


def test_info_on_a_current_encrypted_store_leaves_sqlalchemy_out(tmp_path: Path) -> None:
    from fieldapp.core import cipher

    key_file = tmp_path / "store.key"
    key_file.write_text(cipher.new_key(), encoding="utf-8")
    store = str(tmp_path / "enc.sqlite")
    env = {"FIELDAPP_STORE_ENCRYPT": "1", "FIELDAPP_STORE_KEY_FILE": str(key_file)}
    first_out, _first = run_cli(tmp_path, "--db", store, "info", env=env)
    assert cipher.file_state(Path(store)) == "encrypted"
    out, loaded = run_cli(tmp_path, "--db", store, "info", env=env)
    assert out == first_out
    assert loaded.isdisjoint({"sqlalchemy", "fieldapp.core.db", "alembic"}), loaded


def test_info_on_an_old_store_upgrades_it_with_alembic(tmp_path: Path) -> None:
    from fieldapp.core import migrations
    from fieldapp.core.db import make_engine, url_for

    store = tmp_path / "old.sqlite"
    engine = make_engine(url_for(store), None)
    cfg = migrations.alembic_config(engine)
    migrations.command.upgrade(cfg, "0001")
    engine.dispose()
    out, loaded = run_cli(tmp_path, "--db", str(store), "info")
    assert f"Schema:   {migrations.head_revision()}" in out
    assert "alembic" in loaded
