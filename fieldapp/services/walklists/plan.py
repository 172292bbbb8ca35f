"""A turf's walk plan: its live doors in walking order, and the doors left off and why."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from fieldapp.core.models import Door, Turf
from fieldapp.errors import NotFoundError
from fieldapp.services.voterstatus import listable
from fieldapp.services.walklists.order import WalkDoor, order_doors, walking_distance_m


@dataclass
class WalkPlan:
    """A turf's doors in walking order, plus the doors left off and why."""

    turf_id: str
    doors: list[WalkDoor] = field(default_factory=list)
    suppressed: list[WalkDoor] = field(default_factory=list)
    off_list: list[WalkDoor] = field(default_factory=list)
    """Doors left off because their every voter is removed, cancelled or deceased."""

    @property
    def door_ids(self) -> list[str]:
        return [d.id for d in self.doors]

    def suppressed_reasons(self) -> dict[str, int]:
        """How many doors were left off, by reason (``do not knock`` by default)."""
        count = sum(1 for door in self.suppressed if door.do_not_knock)
        reasons = {"do not knock": count} if count else {}
        if self.off_list:
            reasons["voters removed, cancelled or deceased"] = len(self.off_list)
        return reasons

    def suppressed_summary(self) -> str:
        """``"3 doors not listed: do not knock"`` (empty when nothing was left off)."""
        parts = []
        for reason, count in sorted(self.suppressed_reasons().items()):
            noun = "door" if count == 1 else "doors"
            parts.append(f"{count} {noun} not listed: {reason}")
        return "; ".join(parts)

    def walking_distance_m(self) -> float:
        """Walking distance from door to door in this order, in metres (geopy)."""
        return walking_distance_m([(d.lat, d.lon) for d in self.doors])


def _load_doors(session: Session, turf_id: str) -> list[WalkDoor]:
    rows = session.execute(
        select(
            Door.id,
            Door.street_name,
            Door.street_number,
            Door.house_number,
            Door.unit,
            Door.city,
            Door.building_key,
            Door.lat,
            Door.lon,
            Door.do_not_knock,
            Door.do_not_knock_reason,
        ).where(
            Door.turf_id == turf_id,
            Door.deleted.is_(False),
            Door.merged_into_id.is_(None),
        )
    ).all()
    return [
        WalkDoor(
            id=r.id,
            street_name=r.street_name or "",
            street_number=r.street_number or "",
            house_number=r.house_number,
            unit=r.unit or "",
            city=r.city or "",
            building_key=r.building_key or "",
            lat=r.lat,
            lon=r.lon,
            do_not_knock=bool(r.do_not_knock),
            do_not_knock_reason=r.do_not_knock_reason or "",
        )
        for r in rows
    ]


def walk_plan(session: Session, turf_id: str, *, include_suppressed: bool = False,
              include_off_list: bool = False) -> WalkPlan:
    """The turf's live doors in walking order, and the doors left off.

    Do-not-knock doors, and doors whose every voter is removed, cancelled or
    deceased (:mod:`fieldapp.services.voterstatus`), are left off. With
    ``include_suppressed`` the do-not-knock doors stay in the order (in their
    place on the street) and ``suppressed`` still lists them; with
    ``include_off_list`` the off-list doors stay too.
    """
    turf = session.get(Turf, turf_id)
    if turf is None or turf.deleted:
        raise NotFoundError(f"no turf with id {turf_id}")
    doors = _load_doors(session, turf_id)
    ordered = order_doors(doors)
    suppressed = [d for d in ordered if d.do_not_knock]
    listed = ordered if include_suppressed else [d for d in ordered if not d.do_not_knock]
    off_list: list[WalkDoor] = []
    if not include_off_list:
        off_ids = _off_list_doors(session, turf_id)
        off_list = [d for d in listed if d.id in off_ids]
        listed = [d for d in listed if d.id not in off_ids]
    return WalkPlan(turf_id=turf_id, doors=listed, suppressed=suppressed, off_list=off_list)


def _off_list_doors(session: Session, turf_id: str) -> set[str]:
    """The turf's doors with voters, every one of them off lists."""
    from fieldapp.core.models import Person

    listed = func.sum(case((listable(Person), 1), else_=0))
    rows = session.execute(
        select(Person.door_id)
        .join(Door, Door.id == Person.door_id)
        .where(Door.turf_id == turf_id, Person.deleted.is_(False), Person.merged_into_id.is_(None))
        .group_by(Person.door_id)
        .having(listed == 0)
    )
    return {door_id for (door_id,) in rows if door_id}


def walk_order(session: Session, turf_id: str, *, include_suppressed: bool = False) -> list[str]:
    """The ids of the turf's live doors in walking order.

    Merged and deleted doors are never included; do-not-knock doors only with
    ``include_suppressed=True`` (use :func:`walk_plan` for the count and reason).
    """
    return walk_plan(session, turf_id, include_suppressed=include_suppressed).door_ids
