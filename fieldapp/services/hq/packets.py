"""Turf packets HQ prepares for a joined laptop, waiting on the server to be fetched.

A packet is an ordinary bundle (``bundle export --turf ...``) encrypted to the laptop's
key; the laptop fetches it on its next sync and merges it like any bundle.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from fieldapp.core.db import Store
from fieldapp.core.hq_models import HqPacket
from fieldapp.core.ids import new_id
from fieldapp.errors import InputError
from fieldapp.services.hq.inbox import UploadError, spool_dir
from fieldapp.services.hq.laptops import ensure_trusted, find_laptop, laptop_keys
from fieldapp.services.progress import Progress
from fieldapp.services.sync.bundle import export_bundle

log = logging.getLogger(__name__)


def packets_dir(spool: Path) -> Path:
    folder = spool / "packets"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@dataclass
class PacketInfo:
    id: str
    file_name: str
    size: int
    sha256: str


def make_packet(store: Store, spool: Path | None, laptop: str, *, turfs: list[str] | None = None,
                for_person: str | None = None, progress: Progress | None = None,
                attachments: dict[str, Path] | None = None) -> PacketInfo:
    """Export a turf packet encrypted to one joined laptop and queue it for fetching.

    ``attachments`` (name -> file) ride inside the packet, e.g. the basemap clip of its turfs.
    """
    lap = find_laptop(store, laptop)
    known = laptop_keys(store, lap.id)
    if known is None or lap.status != "joined":
        raise InputError(f"laptop {lap.name!r} has not joined yet (or was revoked): "
                         "a packet needs its keys")
    ensure_trusted(*known, store.site)
    chosen = list(turfs or lap.turfs)
    if not chosen:
        raise InputError(f"which turfs? The invite for {lap.name!r} named none: give --turf NAME")
    folder = packets_dir(spool or spool_dir(site=store.site))
    result = export_bundle(store, folder, turfs=chosen, for_person=for_person,
                           to=[str(known[1]["fingerprint"])], progress=progress,
                           attachments=attachments)
    digest = hashlib.sha256(result.path.read_bytes()).hexdigest()
    info = PacketInfo(new_id(), result.path.name, result.path.stat().st_size, digest)
    with store.transaction() as session:
        session.add(HqPacket(id=info.id, laptop_id=lap.id, file_name=info.file_name,
                             sha256=digest, size=info.size, created_at=dt.datetime.now(dt.UTC)))
    log.info("packet %s for laptop %s (%d bytes)", info.id, lap.id, info.size)
    return info


def packets_for(store: Store, laptop_id: str) -> list[PacketInfo]:
    with store.session() as session:
        rows = session.scalars(select(HqPacket).where(HqPacket.laptop_id == laptop_id)
                               .order_by(HqPacket.created_at))
        return [PacketInfo(r.id, r.file_name, r.size, r.sha256) for r in rows]


def packet_path(store: Store, spool: Path, laptop_id: str, packet_id: str) -> Path:
    with store.session() as session:
        row = session.get(HqPacket, packet_id)
        if row is None or row.laptop_id != laptop_id:
            raise UploadError("no such packet", "not-found", 404)
        return packets_dir(spool) / row.file_name
