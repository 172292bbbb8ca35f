"""What a store has seen from each site, and when an edit is truly concurrent.

A store keeps, per site, the highest clock of that site's writes it has
merged (``store_meta`` key ``seen``, with its own clock for itself), and
ships it in every bundle's manifest. A merge then logs a conflict only for
edits where neither side had seen the other's write:

* the losing value is the record's birth value: whoever edited it had the
  record, so had seen that value (a one-sided edit of a field first written
  at another site);
* the local value lost to a write by the bundle's own site, and the bundle
  says that site had already merged the local write: it edited on top of it;
* the bundle's value lost, and this store had already merged that write
  before (a stale re-import): it was judged when it first arrived.

Everything else that loses to a different site's write is a conflict.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import Session

from fieldapp.core.models import StoreMeta

Clock = tuple[int, str]
KEY = "seen"


def load(session: Session) -> dict[str, int]:
    row = session.get(StoreMeta, KEY)
    if row is None:
        return {}
    try:
        doc = json.loads(row.value)
    except ValueError:
        return {}
    return {str(k): int(v) for k, v in doc.items()} if isinstance(doc, dict) else {}


def save(session: Session, seen: dict[str, int]) -> None:
    text = json.dumps(dict(sorted(seen.items())))
    row = session.get(StoreMeta, KEY)
    if row is None:
        session.add(StoreMeta(key=KEY, value=text))
    elif row.value != text:
        row.value = text


def vector(session: Session, site_id: str, own_clock: int) -> dict[str, int]:
    """What this store has seen, its own writes included (for a manifest)."""
    seen = load(session)
    seen[site_id] = max(seen.get(site_id, 0), own_clock)
    return seen


def note(seen: dict[str, int], rows: Iterable[dict[str, Any]]) -> None:
    """Add the clocks written in ``rows`` (row, birth and field clocks) to ``seen``."""
    for row in rows:
        clocks: list[Clock] = [(int(row["hlc"]), str(row["site_id"]))]
        if "born_hlc" in row:
            clocks.append((int(row["born_hlc"]), str(row["born_site"])))
            for text in (row.get("clocks") or {}).values():
                hexa, _, who = str(text).partition(":")
                clocks.append((int(hexa, 16), who))
        for stamp, site in clocks:
            if stamp > seen.get(site, -1):
                seen[site] = stamp


def truly_concurrent(loser: Clock, winner: Clock, born: Clock, *, local_lost: bool,
                     sender: str, sender_seen: dict[str, int] | None,
                     seen_before: dict[str, int]) -> bool:
    """Whether a losing write is a conflict worth a person's review (see the module)."""
    if loser == born:
        return False
    stamp, site = loser
    if local_lost:  # did the bundle's site edit on top of our value?
        return not (sender_seen is not None and winner[1] == sender
                    and sender_seen.get(site, -1) >= stamp)
    return seen_before.get(site, -1) < stamp
