"""How the `fieldapp` command fails: the same way from a source run and the frozen build."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def _run(code: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "FIELDAPP_DB"}
    env["FIELDAPP_DATA_DIR"] = str(data_dir)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          timeout=120, check=False)


def test_unexpected_error_is_one_line_logged_exit_1(tmp_path: Path) -> None:
    """A bug (here: a store-reading function that breaks) prints one line, not a
    traceback; the traceback goes to the log file."""
    code = ("import sys, fieldapp.cli as c, fieldapp.services.inspect_store as i\n"
            "def broken(store):\n    raise KeyError('a bug')\n"
            "i.store_info = broken\n"
            "sys.exit(c.main(['info']))")
    proc = _run(code, tmp_path / "data")
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1, proc.stderr
    assert proc.stderr.startswith("fieldapp: unexpected error: KeyError")
    log_file = tmp_path / "data" / "logs" / "fieldapp.log"
    assert str(log_file) in proc.stderr
    logged = log_file.read_text(encoding="utf-8")
    assert "unexpected error in command info" in logged and "Traceback" in logged


def test_postgresql_without_its_driver_says_how_to_get_it(tmp_path: Path) -> None:
    """psycopg is the `postgres` extra: a laptop without it gets a clear message."""
    code = ("import sys; sys.modules['psycopg'] = None; import fieldapp.cli as c; "
            "sys.exit(c.main(['--db', 'postgresql://hq@127.0.0.1:1/field', 'info']))")
    proc = _run(code, tmp_path / "data")
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1, proc.stderr
    assert "driver (psycopg) is not installed" in proc.stderr
    assert "fieldapp[postgres]" in proc.stderr


def test_a_file_that_cannot_be_written_is_named_not_a_bug(tmp_path: Path) -> None:
    """Writing below a path that is a file: one line naming the file and the reason,
    exit 1, no partial output; the traceback is kept in the log file."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    target = blocker / "dump.json"
    code = f"import sys, fieldapp.cli as c; sys.exit(c.main(['dump', '--out', {str(target)!r}]))"
    proc = _run(code, tmp_path / "data")
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1, proc.stderr
    assert proc.stderr.startswith("fieldapp: error: cannot use ")
    assert str(blocker) in proc.stderr and "it is a file, where a folder is needed" in proc.stderr
    assert "unexpected" not in proc.stderr
    assert blocker.read_text(encoding="utf-8") == "not a folder\n"
    logged = (tmp_path / "data" / "logs" / "fieldapp.log").read_text(encoding="utf-8")
    assert "file error in command dump" in logged and "Traceback" in logged
