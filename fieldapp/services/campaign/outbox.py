"""The outbox: every export lands here first and waits until HQ confirms it stored it.

``<data>/outbox/*.fieldbundle``; a bundle HQ confirmed moves to ``outbox/sent/`` (kept,
so a USB stick can still carry it). With no connection, the files are ordinary bundles to
copy by hand.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from fieldapp import paths
from fieldapp.core.db import Store
from fieldapp.core.site import SitePaths
from fieldapp.services.progress import Progress
from fieldapp.services.sync.bundle import (
    SUFFIX,
    ExportResult,
    export_bundle,
    has_changes_since_last,
)


def outbox_dir(site: SitePaths | None = None) -> Path:
    return paths.ensure(paths.resolve(site).outbox, private=True)


def sent_dir(site: SitePaths | None = None) -> Path:
    return paths.ensure(paths.resolve(site).sent, private=True)


@dataclass
class OutboxItem:
    path: Path
    size: int
    written_at: dt.datetime


def waiting(site: SitePaths | None = None) -> list[OutboxItem]:
    """Bundles waiting to be sent, oldest first."""
    out = []
    for p in outbox_dir(site).glob(f"*{SUFFIX}"):
        st = p.stat()
        out.append(OutboxItem(p, st.st_size, dt.datetime.fromtimestamp(st.st_mtime, dt.UTC)))
    return sorted(out, key=lambda i: (i.written_at, i.path.name))


def mark_sent(path: Path, site: SitePaths | None = None) -> Path:
    target = sent_dir(site) / path.name
    os.replace(path, target)  # atomic-exempt: a move between folders, not a write
    return target


def export_to_outbox(store: Store, *, progress: Progress | None = None) -> ExportResult:
    """What changed since the last export, into the outbox (encrypted to HQ, signed)."""
    return export_bundle(store, outbox_dir(store.site), since_last=True, progress=progress)


def export_new_work(store: Store, *, progress: Progress | None = None) -> ExportResult | None:
    """Like :func:`export_to_outbox`, but only when there is new work (None otherwise):
    what the automatic export every N minutes and ``sync --export`` call."""
    if not has_changes_since_last(store):
        return None
    return export_to_outbox(store, progress=progress)
