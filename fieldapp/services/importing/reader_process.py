"""A big voter file going into an empty store is read in a second process.

Reading and parsing (``reading``) are about a third of a first import's time and
need nothing from the store. For a big file into an empty store the importing
process starts a reader process (:func:`in_reader_process`), a plain Python (or, in
the standalone build, its ``fieldapp`` program with :data:`READER_FLAG`), that runs
:func:`~fieldapp.services.importing.reading.read_batches`, makes the ids the batch's
new doors and people may take, and sends each batch, pickled, through a pipe, while
the importing process writes the batches before, on a second core. Both run with the
cyclic garbage collector paused (``core.gcpause``). At 1,000,000 voters on 2 cores
the rows are in after 15-16 s rather than 26-33 s in one process, and the reader
process holds about 46 MB.

The importing process takes up to :data:`READ_AHEAD` batches off the pipe before it
needs them (so neither process waits on the other's batch); beyond that the reader
waits, and memory stays flat. A cancel or an error in the importing process stops
the reader; a reader that stops before the end of the file (killed, out of memory)
fails the import, which then writes nothing; a row it rejects under ``strict``, or a
file it cannot decode, stops the import with the same message as in one process.

A store that already holds voters is read in the importing process: a re-import
looks each row's digest up in the store before parsing it (``digests``).
"""

from __future__ import annotations

import gc
import json
import logging
import os
import pickle
import queue
import struct
import subprocess
import sys
import tempfile
import threading
import traceback
from collections.abc import Generator
from pathlib import Path
from typing import IO, Any

from fieldapp.core.ids import new_ids
from fieldapp.errors import InputError
from fieldapp.services.importing.reading import Batch, ReadSpec, read_batches

log = logging.getLogger(__name__)

READER_FLAG = "--fieldapp-import-reader"
"""The first argument that makes the standalone build's programs a reader process."""
READER_ENV = "FIELDAPP_IMPORT_READER"
"""Where to read a file going into an empty store: "auto" (the default: in a reader
process when the file is big and the machine has a second core), "process" (always
there), "here" (always in the importing process)."""
WORKER_MIN_BYTES = 16_000_000
"""A file this big (about 150,000 voters) is worth a reader process; for a smaller one
starting it (0.3 s) costs more than it saves."""

READ_AHEAD = 3
"""Batches the importing process takes off the pipe before it needs them (a few MB)."""
_HEADER = struct.Struct("<Q")  # each item on the pipe: its pickled size, then the pickle
_ENDED = object()  # the pipe ended (the reader's own last item is None)

_START = ("import json, sys; sys.path[:0] = json.loads(sys.stdin.buffer.readline()); "
          "from fieldapp.services.importing.reader_process import serve; sys.exit(serve())")


def worth_a_worker(spec: ReadSpec) -> bool:
    """Whether to read ``spec``'s file in a reader process (into an empty store)."""
    choice = os.environ.get(READER_ENV, "").strip().lower() or "auto"
    if choice in ("process", "here"):
        return choice == "process"
    if choice != "auto":
        log.warning("%s=%r is not one of auto, process, here: auto", READER_ENV, choice)
    return (os.cpu_count() or 1) > 1 and spec.path.stat().st_size >= WORKER_MIN_BYTES


def _command() -> list[str]:
    if getattr(sys, "frozen", False):
        # the standalone build: its command-line program (a windowed program may have no
        # standard output to send batches on), else this program itself
        console = Path(sys.executable).with_name("fieldapp.exe" if os.name == "nt" else "fieldapp")
        return [str(console if console.exists() else sys.executable), READER_FLAG]
    return [sys.executable, "-c", _START]


def in_reader_process(spec: ReadSpec) -> Generator[Batch, None, None]:
    """:func:`read_batches` run in a reader process, its batches in order. Closing the
    iterator (an error or a cancel here) stops the process."""
    with tempfile.TemporaryFile() as errors:  # what the reader says if it dies
        process = subprocess.Popen(_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=errors,
                                   creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
        assert process.stdin is not None and process.stdout is not None
        ahead = _ReadAhead(process.stdout)
        try:
            try:
                process.stdin.write(json.dumps(sys.path).encode() + b"\n")
                pickle.dump(spec, process.stdin)
                process.stdin.close()
            except BrokenPipeError:
                pass  # it stopped at once: _next says how
            while (item := _next(process, errors, ahead)) is not None:
                if isinstance(item, Batch):
                    yield item
                elif item[0] == "input":
                    raise InputError(item[1], where=item[2])
                else:
                    raise RuntimeError(f"reading the file failed in the reader process:\n"
                                       f"{item[1]}")
        finally:
            if process.poll() is None:
                process.terminate()  # (its pipe ends: the read-ahead thread stops)
            ahead.stop()
            process.stdout.close()
            process.wait(10)


class _ReadAhead:
    """Reads the reader's frames off the pipe on a thread of this process, up to
    :data:`READ_AHEAD` batches ahead, so that neither process waits for the other's
    batch to be done (the pipe itself holds a fraction of one). The thread holds
    the GIL only to copy bytes; the batches are unpickled where they are used.

    Frames are read into a few buffers used again and again: with a new megabyte-sized
    bytes object for each batch the C allocator kept more heap (the importing process
    grew by 29 MB over a 1,000,000-voter load, against 19 MB with these buffers)."""

    def __init__(self, pipe: IO[bytes]) -> None:
        self.pipe = pipe
        self.frames: queue.Queue[tuple[bytearray, int] | None] = queue.Queue()
        self.free: queue.Queue[bytearray] = queue.Queue()
        for _ in range(READ_AHEAD):
            self.free.put(bytearray())
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, name="import-read-ahead", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            while (buffer := self._free_buffer()) is not None:
                frame = self._read(buffer)
                self.frames.put(frame)
                if frame is None:
                    return
        finally:
            self.frames.put(None)  # (after an end already said: never read)

    def _free_buffer(self) -> bytearray | None:
        """A buffer not in use (None when stopping): at most READ_AHEAD are read ahead."""
        while not self.stopping.is_set():
            try:
                return self.free.get(timeout=0.2)
            except queue.Empty:
                continue
        return None

    def _read(self, buffer: bytearray) -> tuple[bytearray, int] | None:
        """The next frame into ``buffer`` (or a bigger one); None at the pipe's end."""
        try:
            header = self.pipe.read(_HEADER.size)
            if len(header) != _HEADER.size:
                return None
            size = _HEADER.unpack(header)[0]
            if len(buffer) < size:
                buffer = bytearray(size + size // 4)  # (room for the next batches)
            got = 0
            with memoryview(buffer) as view:
                while got < size:
                    n = self.pipe.readinto(view[got:size])  # type: ignore[attr-defined]
                    if not n:
                        return None  # it ended mid-frame
                    got += n
        except (OSError, ValueError):
            return None
        return buffer, size

    def next(self) -> Any:
        """The next item unpickled; :data:`_ENDED` when the pipe ended (whole or
        mid-frame), or when the thread did for any other reason."""
        while True:
            try:
                frame = self.frames.get(timeout=1)
                break
            except queue.Empty:
                if not self.thread.is_alive() and self.frames.empty():
                    return _ENDED
        if frame is None:
            return _ENDED
        buffer, size = frame
        try:
            with memoryview(buffer) as view, view[:size] as data:
                return pickle.loads(data)
        finally:
            self.free.put(buffer)

    def stop(self) -> None:
        self.stopping.set()
        self.thread.join(10)


def _next(process: subprocess.Popen[bytes], errors: IO[bytes], ahead: _ReadAhead) -> Any:
    """The next item from the reader process."""
    try:
        item = ahead.next()
        if item is not _ENDED:
            return item
    except pickle.UnpicklingError:
        pass
    code = process.wait(10)  # it ended, maybe mid-batch
    errors.seek(0)
    said = errors.read().decode("utf-8", "replace").strip()[-2000:]
    raise RuntimeError(f"the reader process stopped (exit code {code}) before the end "
                       "of the file" + (f":\n{said}" if said else "")) from None


class _GoneError(Exception):
    """The importing process closed the pipe (a cancel, an error) or died."""


def _send(channel: IO[bytes], item: Any) -> None:
    frame = pickle.dumps(item, pickle.HIGHEST_PROTOCOL)
    try:
        channel.write(_HEADER.pack(len(frame)))
        channel.write(frame)
        channel.flush()
    except (BrokenPipeError, ConnectionResetError) as exc:
        raise _GoneError from exc


def serve() -> int:
    """The reader process: the spec from stdin, then every batch to stdout, then None
    (or the error that stopped it). Exit 0, or 1 when the importer has gone."""
    gc.disable()  # a process for this one job: its rows are freed by reference counting
    channel = sys.stdout.buffer
    sys.stdout = sys.stderr  # (a stray print must not land in the pipe)
    if getattr(sys, "frozen", False):  # (else the start-up line read the path already)
        sys.stdin.buffer.readline()
    spec = pickle.load(sys.stdin.buffer)
    try:
        try:
            for batch in read_batches(spec):
                # the ids its new doors and people may take (two a row: a door and a
                # person), made here, on the core that waits for the writer anyway
                batch.fresh_ids = new_ids(2 * len(batch.rows))
                _send(channel, batch)
            item: Any = None
        except InputError as exc:
            text = str(exc)
            prefix = f"{exc.where}: " if exc.where else ""
            item = ("input", text[len(prefix):] if text.startswith(prefix) else text, exc.where)
        except _GoneError:
            raise
        except Exception:
            item = ("failed", traceback.format_exc())
        _send(channel, item)
    except _GoneError:
        return 1
    return 0
