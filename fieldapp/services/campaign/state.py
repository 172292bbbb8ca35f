"""The campaign this laptop joined, kept in ``campaign.json`` in the config folder.

It holds the join file's facts (campaign, HQ's key fingerprint, server addresses, the
one-time token), and once the laptop's first contact spent the token, the laptop's own
secret for HQ (owner-only file). It also remembers the last sync try and whether HQ
answered that this laptop is revoked: :func:`is_revoked` is the one place that says so.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from fieldapp import paths
from fieldapp.core.site import SitePaths
from fieldapp.errors import FieldAppError, InputError
from fieldapp.services.hq.joinfile import JoinFile, read_join, write_atomic
from fieldapp.services.sync import keys

log = logging.getLogger(__name__)

STATE_FORMAT = "fieldapp-campaign/1"


class RevokedError(FieldAppError):
    """HQ revoked this laptop: it may no longer send or fetch (except, once, a final
    upload while ``final_open``)."""

    def __init__(self, message: str, *, final_open: bool = False) -> None:
        super().__init__(message)
        self.final_open = final_open


class JoinRefusedError(FieldAppError):
    """HQ refused this laptop's join (a spent or unknown join file)."""


@dataclass
class CampaignState:
    campaign: str
    laptop_name: str
    laptop_id: str
    servers: list[str]
    token: str
    hq_name: str
    hq_fingerprint: str
    joined_at: str
    secret: str | None = None
    enrolled_at: str | None = None
    revoked: bool = False
    wiped_at: str | None = None
    refused: str | None = None
    last_try: str | None = None
    last_ok: str | None = None
    last_error: str | None = None
    fetched_packets: list[str] = field(default_factory=list)

    @property
    def enrolled(self) -> bool:
        return self.secret is not None


def state_path(site: SitePaths | None = None) -> Path:
    return paths.resolve(site).campaign_file


def now_text() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def load_state(site: SitePaths | None = None) -> CampaignState | None:
    """The joined campaign, or None when this laptop joined none."""
    path = state_path(site)
    if not path.exists():
        return None
    try:
        doc = json.loads(path.read_text("utf-8"))
        doc.pop("format", None)
        return CampaignState(**doc)
    except (OSError, ValueError, TypeError) as exc:
        raise InputError(f"the campaign file cannot be read ({exc})", where=str(path)) from None


def save_state(state: CampaignState, site: SitePaths | None = None) -> None:
    doc: dict[str, Any] = {"format": STATE_FORMAT, **asdict(state)}
    write_atomic(state_path(site), json.dumps(doc, indent=2, sort_keys=True).encode("utf-8"),
                 private=True)


def is_revoked(site: SitePaths | None = None) -> bool:
    """True once HQ answered that this laptop is revoked (the signal other features use)."""
    state = load_state(site)
    return bool(state and state.revoked)


def has_office_key(site: SitePaths | None = None) -> bool:
    """Whether exports have someone besides this laptop to encrypt to."""
    return any(s.recipient for s in keys.load_trust(site))


def join(path: str | Path, *, force: bool = False, site: SitePaths | None = None) -> CampaignState:
    """Join a campaign from its join file: trust HQ's keys and keep the address and token."""
    join_file = read_join(path)
    current = load_state(site)
    if current is not None and current.laptop_id != join_file.laptop_id and not force:
        raise InputError(f"this laptop already joined {current.campaign!r}; to join another "
                         "campaign instead, use --force", where=str(path))
    if current is not None and current.laptop_id == join_file.laptop_id:
        return current
    return _adopt(join_file, site)


def _adopt(join_file: JoinFile, site: SitePaths | None) -> CampaignState:
    keys.ensure_keys(site)
    hq = keys.trust(join_file.hq_site(), recipient=True, name=join_file.hq.get("name"), site=site)
    state = CampaignState(
        campaign=join_file.campaign, laptop_name=join_file.laptop_name,
        laptop_id=join_file.laptop_id, servers=list(join_file.servers), token=join_file.token,
        hq_name=hq.name, hq_fingerprint=hq.fingerprint, joined_at=now_text(),
    )
    save_state(state, site)
    log.info("joined campaign as laptop %s", state.laptop_id)
    return state
