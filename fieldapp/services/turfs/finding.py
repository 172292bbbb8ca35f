"""Finding a turf or a volunteer by name or id, and the default campaign for new turfs."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldapp.core.ids import is_uuid
from fieldapp.core.models import Person, Turf, Volunteer
from fieldapp.errors import NotFoundError


def find_turf(session: Session, text: str) -> Turf:
    """A live turf by id, exact name (any case) or unique name prefix."""
    live = (Turf.deleted.is_(False),)
    if is_uuid(text):
        turf = session.get(Turf, text)
        if turf is not None and not turf.deleted:
            return turf
    exact = list(session.scalars(select(Turf).where(func.lower(Turf.name) == text.lower(), *live)))
    if len(exact) == 1:
        return exact[0]
    prefix = list(
        session.scalars(select(Turf).where(func.lower(Turf.name).startswith(text.lower()), *live))
    )
    if len(prefix) == 1:
        return prefix[0]
    if len(exact) > 1 or len(prefix) > 1:
        names = ", ".join(sorted(t.name for t in (exact or prefix))[:8])
        raise NotFoundError(f"{text!r} matches several turfs: {names}; give the turf id")
    raise NotFoundError(f"no turf named {text!r} (see: fieldapp turf list)")


def find_volunteer(session: Session, text: str) -> Volunteer:
    """An active volunteer by id or by the person's name ("First Last")."""
    if is_uuid(text):
        vol = session.get(Volunteer, text)
        if vol is not None and not vol.deleted:
            return vol
    folded = " ".join(text.lower().split())
    rows = session.execute(
        select(Volunteer, Person)
        .join(Person, Person.id == Volunteer.person_id)
        .where(Volunteer.deleted.is_(False))
    ).all()
    matches = [v for v, p in rows if f"{p.first_name} {p.last_name}".lower() == folded]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise NotFoundError(f"several volunteers are named {text!r}; give the volunteer id")
    raise NotFoundError(f"no volunteer named {text!r}")



def _default_campaign(session: Session) -> str | None:
    from fieldapp.core.models import Campaign

    return session.scalar(
        select(Campaign.id).where(Campaign.deleted.is_(False)).order_by(Campaign.born_hlc.desc())
    )

