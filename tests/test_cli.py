"""The `fieldapp` command end to end, through a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str, data_dir: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("FIELDAPP_DB",)}
    env["FIELDAPP_DATA_DIR"] = str(data_dir)
    proc = subprocess.run(
        [sys.executable, "-m", "fieldapp.cli", *args],
        capture_output=True, text=True, env=env, timeout=300,
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"fieldapp {' '.join(args)} failed:\n{proc.stderr}")
    return proc


def test_import_cli_leaves_qt_out() -> None:
    code = "import sys, fieldapp.cli; fieldapp.cli.build_parser(); print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _modules_after(args: list[str], data_dir: Path) -> set[str]:
    """The modules a fresh ``fieldapp ARGS`` process had loaded when it finished."""
    code = (
        "import sys, atexit, fieldapp.cli\n"
        "atexit.register(lambda: sys.stderr.write('MODULES ' + ' '.join(sys.modules) + '\\n'))\n"
        f"sys.exit(fieldapp.cli.main({args!r}))\n"
    )
    env = dict(os.environ, FIELDAPP_DATA_DIR=str(data_dir))
    env.pop("FIELDAPP_DB", None)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    line = next(ln for ln in proc.stderr.splitlines() if ln.startswith("MODULES "))
    return set(line.split()[1:])


def test_version_loads_no_store_machinery(tmp_path: Path) -> None:
    loaded = _modules_after(["--version"], tmp_path)
    assert "fieldapp.cli" in loaded
    assert not {"sqlalchemy", "alembic", "fieldapp.core.db", "fieldapp.clicmds.sync"} & loaded


def test_info_on_a_current_store_leaves_alembic_and_command_modules_out(tmp_path: Path) -> None:
    run("info", data_dir=tmp_path)  # creates the store: this one runs Alembic
    loaded = _modules_after(["info"], tmp_path)
    assert "sqlalchemy" not in loaded  # a current SQLite store is read with the plain driver
    assert "alembic" not in loaded
    assert not any(name.startswith("fieldapp.clicmds.") for name in loaded)


def test_help_still_lists_the_command_modules(tmp_path: Path) -> None:
    out = run("--help", data_dir=tmp_path).stdout
    assert "sync" in out and "info" in out


def test_demo_info_dump_same_seed_same_dump(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    run("demo", "--doors", "400", "--seed", "3", "--today", "2026-11-20", data_dir=a)
    run("demo", "--doors", "400", "--seed", "3", "--today", "2026-11-20", data_dir=b)
    run("demo", "--doors", "400", "--seed", "4", "--today", "2026-11-20", data_dir=c)
    dump_a = run("dump", data_dir=a).stdout
    dump_b = run("dump", data_dir=b).stdout
    dump_c = run("dump", data_dir=c).stdout
    assert dump_a == dump_b
    assert dump_a != dump_c
    parsed = json.loads(dump_a)
    assert len(parsed["tables"]["doors"]) == 400
    # the two stores are different installations all the same
    info_a = json.loads(run("info", "--json", data_dir=a).stdout)
    info_b = json.loads(run("info", "--json", data_dir=b).stdout)
    assert info_a["site_id"] != info_b["site_id"]
    assert info_a["counts"]["doors"] == 400
    assert info_a["counts"]["organizations"] == 3


def test_dump_to_file(tmp_path: Path) -> None:
    run("demo", "--doors", "100", data_dir=tmp_path)
    out = tmp_path / "dump.json"
    run("dump", "--out", str(out), data_dir=tmp_path)
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == "fieldapp-dump/1"


def test_demo_refuses_a_store_with_data(tmp_path: Path) -> None:
    run("demo", "--doors", "100", data_dir=tmp_path)
    proc = run("demo", "--doors", "100", data_dir=tmp_path, check=False)
    assert proc.returncode == 1
    assert "already has data" in proc.stderr
    assert proc.stderr.count("\n") == 1  # one clear line, no traceback


def test_db_option_points_at_another_store(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.sqlite"
    run("--db", str(target), "demo", "--doors", "60", data_dir=tmp_path / "d")
    assert target.exists()
    info = json.loads(run("--db", str(target), "info", "--json", data_dir=tmp_path / "d").stdout)
    assert info["counts"]["doors"] == 60


@pytest.mark.parametrize(
    ("args", "code"),
    [(["demo", "--doors", "nope"], 2), (["no-such-command"], 2), (["demo", "--doors", "3"], 1)],
)
def test_bad_usage_exit_codes(tmp_path: Path, args: list[str], code: int) -> None:
    proc = run(*args, data_dir=tmp_path, check=False)
    assert proc.returncode == code
    assert "Traceback" not in proc.stderr


def test_unreachable_database_is_one_line(tmp_path: Path) -> None:
    proc = run("--db", "postgresql://nobody@127.0.0.1:1/none", "info", data_dir=tmp_path, check=False)
    assert proc.returncode == 1
    assert "cannot open the store" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_version(tmp_path: Path) -> None:
    proc = run("--version", data_dir=tmp_path)
    assert proc.stdout.startswith("fieldapp ")
