"""``fieldapp hq watch DIR``: import bundles that appear in a shared folder, once each.

For offices that already share a folder (Syncthing, a network drive, a cloud drive
client). A file is taken only once its size has stayed the same between two looks (a
sync client may still be writing it); after the import it moves to ``DIR/imported/``, or
to ``DIR/held/`` with a ``.txt`` beside it saying why, so it is never imported twice.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from fieldapp.core.db import Store
from fieldapp.errors import FieldAppError, InputError
from fieldapp.services.hq.joinfile import write_atomic
from fieldapp.services.sync.bundle import SUFFIX
from fieldapp.services.sync.merge import ImportResult, import_bundle

log = logging.getLogger(__name__)


@dataclass
class Watcher:
    folder: Path
    store: Store
    sizes: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.folder.is_dir():
            raise InputError("no such folder", where=str(self.folder))
        for sub in ("imported", "held"):
            (self.folder / sub).mkdir(exist_ok=True)

    def ready(self) -> list[Path]:
        """Bundles whose size did not change since the previous look."""
        seen: dict[str, int] = {}
        out = []
        for path in sorted(self.folder.glob(f"*{SUFFIX}")):
            try:
                size = path.stat().st_size
            except FileNotFoundError:
                continue
            seen[path.name] = size
            if self.sizes.get(path.name) == size:
                out.append(path)
        self.sizes = seen
        return out

    def take(self, path: Path) -> tuple[str, str]:
        """Import one file and move it aside; returns (where it went, what happened)."""
        try:
            result: ImportResult = import_bundle(self.store, path)
            ok = result.status in ("merged", "partial", "already")
            text = f"{result.status}: {result.message}".rstrip(": ")
        except FieldAppError as exc:
            ok, text = False, str(exc)
        target = self.folder / ("imported" if ok else "held") / path.name
        os.replace(path, target)  # atomic-exempt: a move between folders, not a write
        if not ok:
            write_atomic(target.with_name(target.name + ".txt"), (text + "\n").encode("utf-8"))
        self.sizes.pop(path.name, None)
        log.info("watch: %s -> %s", path.name, target.parent.name)
        return target.parent.name, text

    def scan(self) -> list[tuple[Path, str, str]]:
        return [(p, *self.take(p)) for p in self.ready()]


def watch(store: Store, folder: str | Path, *, interval: float = 5.0, rounds: int | None = None,
          report: Callable[[Path, str, str], None] | None = None) -> int:
    """Look every ``interval`` seconds (``rounds`` times, or until interrupted)."""
    watcher = Watcher(Path(folder), store)
    taken = 0
    n = 0
    while rounds is None or n < rounds:
        for path, where, text in watcher.scan():
            taken += 1
            if report:
                report(path, where, text)
        n += 1
        if rounds is None or n < rounds:
            time.sleep(interval)
    return taken
