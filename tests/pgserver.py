"""A throwaway PostgreSQL server on 127.0.0.1 for the tests that need one.

Started once per test session from Debian's binaries (``/usr/lib/postgresql/
<version>/bin``) in a temp folder, on a free port, without fsync (it is thrown
away). ``initdb`` refuses to run as root, so as root (CI) the server runs as
the ``postgres`` system user. Each test gets its own database (``pg_url``).

When the server cannot start: with ``CI`` set the PostgreSQL tests FAIL (CI
must run them); on a developer machine without PostgreSQL they skip, saying why.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class PgServer:
    port: int
    folder: Path
    process: subprocess.Popen[bytes]

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type]


def _bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_postgres(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    runuser = shutil.which("runuser")
    if runuser is None:
        raise RuntimeError("running as root but runuser is missing")
    return [runuser, "-u", "postgres", "--", *cmd]


def start() -> PgServer:
    bindir = _bindir()
    if bindir is None:
        raise RuntimeError("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); "
                           "make system-test-deps installs it")
    folder = Path(tempfile.mkdtemp(prefix="fieldapp-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data = folder / "data"
    init = subprocess.run(
        _as_postgres([str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                      "-E", "UTF8", "--no-sync", "--locale=C.UTF-8"]),
        capture_output=True, text=True, check=False,
    )
    if init.returncode != 0:
        raise RuntimeError(f"initdb failed: {init.stderr.strip()[-500:]}")
    port = _free_port()
    log = (folder / "server.log").open("wb")
    process = subprocess.Popen(
        _as_postgres([str(bindir / "postgres"), "-D", str(data), "-h", "127.0.0.1", "-p", str(port),
                      "-k", str(folder), "-c", "fsync=off", "-c", "full_page_writes=off",
                      "-c", "synchronous_commit=off", "-c", "max_connections=60"]),
        stdout=log, stderr=subprocess.STDOUT,
    )
    server = PgServer(port, folder, process)
    deadline = time.monotonic() + 30
    while True:
        try:
            import psycopg

            with psycopg.connect(server.url(), connect_timeout=2):
                return server
        except Exception as exc:
            if process.poll() is not None or time.monotonic() > deadline:
                stop(server)
                text = (folder / "server.log").read_text(errors="replace")[-500:]
                raise RuntimeError(f"the PostgreSQL server did not start ({exc}): {text}") from None
            time.sleep(0.2)


def stop(server: PgServer) -> None:
    if server.process.poll() is None:
        server.process.terminate()
        try:
            server.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()
    shutil.rmtree(server.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """One PostgreSQL server for the whole session (fails under CI if it cannot start)."""
    try:
        server = start()
    except Exception as exc:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but the test PostgreSQL server could not start: {exc}")
        pytest.skip(f"no local PostgreSQL server for this test: {exc}")
    try:
        yield server
    finally:
        stop(server)


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """A fresh, empty database on the test server; dropped afterwards."""
    name = "t_" + uuid.uuid4().hex[:12]
    pg_server.admin(f"CREATE DATABASE {name}")
    yield pg_server.url(name)
    with contextlib.suppress(Exception):
        pg_server.admin(f"DROP DATABASE {name} WITH (FORCE)")
