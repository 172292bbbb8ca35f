"""Review decisions that sync: "keep both", "merged", "keep the winner/the other".

Conflicts and possible duplicates are logged by each store on its own (they
are found while merging), but a person's decision about one is a synced fact
(:class:`~fieldapp.core.models.ReviewDecision`) named by a *subject* every
store computes the same way. When a decision arrives, or a store later logs
the same pair or conflict, the entry is closed there too, so no other store
flags the same pair again.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from fieldapp.core.hlc import format_hlc
from fieldapp.core.models import PossibleDuplicate, ReviewDecision, SyncConflict


def pair_subject(table: str, a_id: str, b_id: str) -> str:
    lo, hi = sorted((a_id, b_id))
    return f"{table}:{lo}:{hi}"


def conflict_subject(c: SyncConflict) -> str:
    return f"{c.table_name}:{c.record_id}:{c.field}:{format_hlc(c.loser_hlc)}:{c.loser_site}"


def record(session: Session, kind: str, subject: str, decision: str) -> None:
    """Write a decision (a synced fact) in the caller's transaction."""
    session.add(ReviewDecision(kind=kind, subject=subject, decision=decision,
                               decided_at=dt.datetime.now(dt.UTC)))


def apply(session: Session, since: dt.datetime | None = None) -> int:
    """Close open duplicates and conflicts that have a decision; return how many
    duplicates found at or after ``since`` were closed (already decided elsewhere)."""
    decided = {(k, s): d for k, s, d in session.execute(
        select(ReviewDecision.kind, ReviewDecision.subject, ReviewDecision.decision)
        .order_by(ReviewDecision.decided_at, ReviewDecision.hlc))}
    if not decided:
        return 0
    closed_new = 0
    for dup in session.scalars(select(PossibleDuplicate).where(PossibleDuplicate.status == "open")):
        decision = decided.get(("duplicate", pair_subject(dup.table_name, dup.a_id, dup.b_id)))
        if decision is not None:
            dup.status = decision
            if since is not None and dup.detected_at >= since:
                closed_new += 1
    done = [c.pk for c in session.scalars(select(SyncConflict).where(SyncConflict.resolved.is_(False)))
            if ("conflict", conflict_subject(c)) in decided]
    if done:
        session.execute(update(SyncConflict).where(SyncConflict.pk.in_(done)).values(resolved=True))
    session.flush()
    return closed_new
