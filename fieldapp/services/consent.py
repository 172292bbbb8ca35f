"""Consent: whether a person may be called, texted or emailed, and how that changes.

The rules, in one place:

* A ``do_not_*`` flag changes only by an explicit opt-out or opt-in, recorded as
  a :class:`~fieldapp.core.models.ConsentChange` with who (volunteer), when
  (``recorded_at``) and where (``source``: form, walk-in, canvass, import, CLI;
  ``source_ref``: the event, attempt or file).
* An unticked box is "no answer": it records nothing and changes nothing.
* A person's flag for a channel follows their latest explicit record, ordered
  by ``recorded_at`` and then by clock: an opt-out stands until a *later*
  explicit opt-in, and nothing else (an edit of the flag that arrives by sync,
  an older opt-in, an unticked box) turns "do not text" into "may text".
  Records merge by set union, so every store that holds the same records
  derives the same flags; :func:`apply` runs after every bundle merge.
* A person with no records keeps the flag they have (older data and the demo).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from fieldapp.core.models import CONSENT_CHANNELS, CONSENT_SOURCES, ConsentChange, Person
from fieldapp.errors import InputError, NotFoundError

FLAG = {"call": "do_not_call", "text": "do_not_text", "email": "do_not_email"}


def _check(channel: str, choice: str, source: str) -> None:
    if channel not in CONSENT_CHANNELS:
        raise InputError(f"unknown channel {channel!r}: call, text or email", where="channel")
    if choice not in ("opt_out", "opt_in"):
        raise InputError(f"unknown consent choice {choice!r}: opt_out or opt_in", where="choice")
    if source not in CONSENT_SOURCES:
        raise InputError(f"unknown consent source {source!r}", where="source")


def record(
    session: Session,
    person_id: str,
    changes: dict[str, str],
    *,
    source: str,
    source_ref: str = "",
    by_volunteer_id: str | None = None,
    at: dt.datetime | None = None,
) -> list[ConsentChange]:
    """Record explicit choices (``{"text": "opt_out"}``) and update the flags.

    Channels left out of ``changes`` are not touched (a box nobody ticked).
    """
    person = session.get(Person, person_id)
    if person is None or person.deleted:
        raise NotFoundError(f"no person with id {person_id}")
    when = at or dt.datetime.now(dt.UTC)
    made = []
    for channel, choice in sorted(changes.items()):
        _check(channel, choice, source)
        made.append(ConsentChange(
            person_id=person_id, channel=channel, choice=choice, recorded_at=when,
            source=source, source_ref=source_ref[:200], by_volunteer_id=by_volunteer_id,
        ))
    session.add_all(made)
    session.flush()
    apply(session, [person_id])
    return made


def opt_outs(*, call: bool = False, text: bool = False, email: bool = False) -> dict[str, str]:
    """The changes a form's ticked "do not ..." boxes stand for (unticked: nothing)."""
    return {ch: "opt_out" for ch, on in (("call", call), ("text", text), ("email", email)) if on}


def derived(session: Session, person_ids: Iterable[str]) -> dict[str, dict[str, bool]]:
    """The flags each person's records give, for people that have records."""
    ids = sorted(set(person_ids))
    latest: dict[tuple[str, str], tuple[dt.datetime, int, str, str]] = {}
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        for pid, channel, choice, when, hlc, site in session.execute(
            select(ConsentChange.person_id, ConsentChange.channel, ConsentChange.choice,
                   ConsentChange.recorded_at, ConsentChange.hlc, ConsentChange.site_id)
            .where(ConsentChange.person_id.in_(chunk))
        ):
            key = (pid, channel)
            order = (when, hlc, site, choice)
            if key not in latest or order > latest[key]:
                latest[key] = order
    out: dict[str, dict[str, bool]] = {}
    for (pid, channel), (_, _, _, choice) in latest.items():
        out.setdefault(pid, {})[FLAG[channel]] = choice == "opt_out"
    return out


def apply(session: Session, person_ids: Iterable[str]) -> int:
    """Set the people's flags to what their records give; return how many changed.

    In a normal session the change is a stamped edit; in the sync merge (which
    writes rows with the clocks they carry) the value is set in place, the
    same on every store, since it follows only from the merged records.
    """
    wanted = derived(session, person_ids)
    if not wanted:
        return 0
    changed = 0
    merging = bool(session.info.get("merging"))
    for pid, flags in sorted(wanted.items()):
        if merging:
            result = session.execute(
                update(Person).where(Person.id == pid).values(**flags)
                .execution_options(synchronize_session=False)
            )
            changed += 1 if getattr(result, "rowcount", 0) else 0
            continue
        person = session.get(Person, pid)
        if person is None:
            continue
        for name, value in flags.items():
            if getattr(person, name) != value:
                setattr(person, name, value)
                changed += 1
    session.flush()
    return changed


def history(session: Session, person_id: str) -> list[ConsentChange]:
    """A person's consent records, oldest first (for a person's detail view)."""
    return list(session.scalars(
        select(ConsentChange).where(ConsentChange.person_id == person_id)
        .order_by(ConsentChange.recorded_at, ConsentChange.hlc)
    ))
