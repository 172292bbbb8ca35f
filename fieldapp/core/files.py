"""Every file Field App writes goes through here: all or nothing.

:func:`atomic_write` opens a temporary file in the target's own folder; when
the ``with`` block ends without error the data is fsynced, the file renamed
over the target and the folder fsynced, so after a crash or power cut the
target is either the old file or the whole new one. On any error (a full
disk, a cancelled export) the temporary file is removed and the target is
left as it was. :func:`atomic_path` does the same for libraries that want a
file name to write to (PDF builders, SQLite's backup, a copy).
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where folders cannot be opened)."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _temp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")


def _create(tmp: Path, private: bool) -> int:
    return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                   0o600 if private else 0o666)


def _finish(tmp: Path, path: Path) -> None:
    os.replace(tmp, path)
    fsync_dir(path.parent)


@contextlib.contextmanager
def atomic_write(path: str | Path, mode: str = "wb", *, encoding: str | None = None,
                 newline: str | None = None, private: bool = False) -> Iterator[Any]:
    """Open ``path`` for writing, all or nothing (see the module).

    ``mode`` is ``"wb"`` or ``"w"`` (text, with ``encoding`` and ``newline``);
    ``private`` makes the file owner-only from its first byte (keys).
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"atomic_write writes new files only, not mode {mode!r}")
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_name(target)
    fd = _create(tmp, private)
    try:
        if mode == "w":
            fh: IO[Any] = os.fdopen(fd, "w", encoding=encoding or "utf-8", newline=newline)
        else:
            fh = os.fdopen(fd, "wb")
        with fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        _finish(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


@contextlib.contextmanager
def atomic_path(path: str | Path, *, private: bool = False) -> Iterator[Path]:
    """A temporary path beside ``path`` for a library to write; renamed in on success."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_name(target)
    os.close(_create(tmp, private))
    try:
        yield tmp
        fd = os.open(tmp, os.O_RDWR)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        _finish(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def write_bytes(path: str | Path, data: bytes, *, private: bool = False) -> Path:
    with atomic_write(path, "wb", private=private) as fh:
        fh.write(data)
    return Path(path)


def write_text(path: str | Path, text: str, *, encoding: str = "utf-8",
               newline: str | None = None, private: bool = False) -> Path:
    with atomic_write(path, "w", encoding=encoding, newline=newline, private=private) as fh:
        fh.write(text)
    return Path(path)


def write_with(path: str | Path, writer: Callable[[Path], object], *, private: bool = False) -> Path:
    """Let ``writer(temp_path)`` make the file, then move it into place atomically."""
    with atomic_path(path, private=private) as tmp:
        writer(tmp)
    return Path(path)
