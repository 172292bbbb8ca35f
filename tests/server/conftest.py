"""HQ and laptops for the inbox tests: a real ``fieldapp hq serve`` (uvicorn) on 127.0.0.1,
a real store behind it (PostgreSQL from tests/pgserver.py, or SQLite), laptops that are
simulated sites with their own keys and stores, and a TCP proxy that misbehaves."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from fieldapp.core.db import Store, open_store
from fieldapp.core.site import SitePaths
from fieldapp.services.hq import laptops
from fieldapp.services.hq.joinfile import JoinFile
from tests.services.sync.helpers import Site


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Hq:
    """HQ's data folder (keys, trust store, spool) and store; runs server processes."""

    def __init__(self, root: Path, db: str) -> None:
        self.dir = root / "hq"
        self.db = db
        self.spool = self.dir / "spool"
        self.procs: list[subprocess.Popen[bytes]] = []
        self.paths = SitePaths.under(self.dir)  # what the server's `--data-dir` names
        self.store: Store = open_store(db, site=self.paths)
        from fieldapp.services.sync import keys

        keys.ensure_keys(self.paths)

    def serve(self, port: int | None = None, *extra: str) -> str:
        port = port or free_port()
        log = (self.dir / f"server-{port}.log").open("ab")
        proc = subprocess.Popen(
            [sys.executable, "-m", "fieldapp.cli", "--data-dir", str(self.dir), "--db", self.db,
             "hq", "serve", "--port", str(port), "--spool", str(self.spool), *extra],
            stdout=log, stderr=subprocess.STDOUT)
        self.procs.append(proc)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                    return url
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the server did not start: " + self.log(port))
            time.sleep(0.1)

    def log(self, port: int) -> str:
        return (self.dir / f"server-{port}.log").read_text(errors="replace")[-3000:]

    def kill(self, proc: subprocess.Popen[bytes], sig: int = signal.SIGKILL) -> None:
        os.kill(proc.pid, sig)
        proc.wait(timeout=30)

    def invite(self, name: str, servers: list[str], turfs: list[str] | None = None) -> JoinFile:
        return laptops.invite(self.store, name, servers, turfs=turfs)

    def close(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        self.store.close()


@pytest.fixture
def make_hq(tmp_path: Path) -> Iterator[Callable[[str], Hq]]:
    made: list[Hq] = []

    def make(db: str) -> Hq:
        hq = Hq(tmp_path, db)
        made.append(hq)
        return hq

    yield make
    for hq in made:
        hq.close()


@pytest.fixture
def make_laptop(tmp_path: Path) -> Iterator[Callable[[str], Site]]:
    made: list[Site] = []

    def make(name: str) -> Site:
        site = Site(tmp_path / "laptops", name)
        made.append(site)
        return site

    yield make
    for site in made:
        site.close()


def write_join(join: JoinFile, path: Path) -> Path:
    path.write_bytes(join.to_bytes())
    return path


class FaultyProxy:
    """A TCP proxy on 127.0.0.1 that, for its first ``faults`` connections, drops (or
    stalls) after ``after`` bytes from the client; later connections pass through."""

    def __init__(self, target_port: int, after: int, *, mode: str = "drop", faults: int = 1) -> None:
        self.target_port, self.after, self.mode, self.faults = target_port, after, mode, faults
        self.port = free_port()
        self.listener = socket.create_server(("127.0.0.1", self.port))
        self.listener.settimeout(0.2)
        self.stop = threading.Event()
        self.connections = 0
        self.faulted = 0
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        while not self.stop.is_set():
            try:
                client, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            faulty = self.faulted < self.faults
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            threading.Thread(target=self._pipe, args=(client, upstream, faulty), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client, False), daemon=True).start()

    def _pipe(self, src: socket.socket, dst: socket.socket, faulty: bool) -> None:
        sent = 0
        src.settimeout(0.5)
        try:
            while not self.stop.is_set():
                try:
                    data = src.recv(65536)
                except TimeoutError:
                    continue
                if not data:
                    break
                if faulty and sent + len(data) > self.after:
                    self.faulted += 1
                    dst.sendall(data[: self.after - sent])
                    if self.mode == "stall":  # keep both ends open, forward nothing more
                        while not self.stop.is_set() and self.stop.wait(0.2) is False:
                            pass
                    break
                dst.sendall(data)
                sent += len(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                with contextlib.suppress(OSError):
                    s.close()

    def close(self) -> None:
        self.stop.set()
        self.listener.close()
        self.thread.join(timeout=5)
