"""Walk lists: the order people walk a turf, and the paper sheet they carry.

Canvassers walk a street up one side and back down the other, in house-number
order, then move to the nearest street that is left. :func:`walk_order` gives
that order for a turf's live doors (merged and deleted doors left out);
do-not-knock doors are left off the list unless the caller asks for them, and
:func:`walk_plan` says how many were left off and why, so the printed sheet can
show it ("3 doors not listed: do not knock").

Streets are chained by proximity: each street is entered and left at one of its
two ends (up-and-back walking starts and finishes at the same end), a
nearest-neighbour tour picks a first chain and 2-opt improves it. The search
uses a vectorised haversine (numpy) because geopy's geodesic is far too slow for
thousands of pairs; the walking distance that is *reported* uses geopy.
"""

from __future__ import annotations

import itertools
import logging
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from fieldapp.core.db import Store
from fieldapp.core.files import atomic_path
from fieldapp.core.models import Door, Turf
from fieldapp.errors import InputError, NotFoundError
from fieldapp.services.addresses import normalize_street
from fieldapp.services.streetsketch import StreetLine, draw_on_sketch, street_lines
from fieldapp.services.voterstatus import listable

SHEET_COLUMNS: tuple[str, ...] = ("party", "status")
"""Optional walk-sheet columns (beside name and age)."""

log = logging.getLogger(__name__)

EARTH_RADIUS_M = 6_371_008.8


@dataclass(frozen=True)
class WalkDoor:
    """The fields the ordering needs, detached from the session."""

    id: str
    street_name: str
    street_number: str
    house_number: int | None
    unit: str
    city: str
    building_key: str
    lat: float | None
    lon: float | None
    do_not_knock: bool
    do_not_knock_reason: str


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


def walking_distance_m(points: Sequence[tuple[float | None, float | None]]) -> float:
    """Sum of geodesic distances between consecutive located points (geopy).

    Accurate but slow (about 80 µs a pair), so only for reporting a finished
    order, never inside a search.
    """
    from geopy.distance import geodesic

    located = [(lat, lon) for lat, lon in points if lat is not None and lon is not None]
    total = 0.0
    for a, b in itertools.pairwise(located):
        if a != b:
            total += geodesic(a, b).meters
    return total


def haversine_matrix(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Great-circle distances in metres between every row of ``a`` and of ``b``.

    Both are ``(n, 2)`` arrays of (lat, lon) in degrees.
    """
    lat1 = np.radians(a[:, 0])[:, None]
    lon1 = np.radians(a[:, 1])[:, None]
    lat2 = np.radians(b[:, 0])[None, :]
    lon2 = np.radians(b[:, 1])[None, :]
    h = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    result: np.ndarray = 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
    return result


_UNIT_PART = re.compile(r"(\d+)")


def _unit_key(unit: str) -> tuple[object, ...]:
    """Natural order for units: "Apt 2" before "Apt 10"; no unit first."""
    return tuple(
        (0, int(p)) if p.isdigit() else (1, p.lower()) for p in _UNIT_PART.split(unit) if p
    )


def _door_key(door: WalkDoor) -> tuple[object, ...]:
    number = door.house_number if door.house_number is not None else 1 << 40
    return (number, door.street_number.lower(), _unit_key(door.unit), door.id)


@dataclass
class _Street:
    key: tuple[str, str]
    doors: list[WalkDoor]
    ends: np.ndarray | None = None  # (2, 2): low end and high end (lat, lon)

    def sides(self) -> list[list[WalkDoor]]:
        """Odd side, even side, then doors with no house number; each ascending."""
        odd = [d for d in self.doors if d.house_number is not None and d.house_number % 2]
        even = [d for d in self.doors if d.house_number is not None and not d.house_number % 2]
        other = [d for d in self.doors if d.house_number is None]
        return [sorted(s, key=_door_key) for s in (odd, even, other) if s]


def _descending(side: list[WalkDoor]) -> list[WalkDoor]:
    """Buildings in descending number order, the units of each still ascending."""
    buildings: list[list[WalkDoor]] = []
    for door in side:
        if buildings and _building(buildings[-1][0]) == _building(door):
            buildings[-1].append(door)
        else:
            buildings.append([door])
    return [door for building in reversed(buildings) for door in building]


def _building(door: WalkDoor) -> tuple[object, ...]:
    return (door.house_number, door.street_number.lower(), door.building_key)


def _street_ends(doors: list[WalkDoor]) -> np.ndarray | None:
    located = sorted((d for d in doors if d.lat is not None and d.lon is not None), key=_door_key)
    if not located:
        return None
    low, high = located[0], located[-1]
    return np.array([[low.lat, low.lon], [high.lat, high.lon]], dtype=float)


def _path_cost(order: list[int], port: list[int], dist: np.ndarray) -> float:
    return float(
        sum(dist[2 * a + port[a], 2 * b + port[b]] for a, b in itertools.pairwise(order))
    )


def _nearest_neighbour(n: int, start: int, dist: np.ndarray) -> tuple[list[int], list[int]]:
    """Greedy chain from port ``start``: always the nearest end of a street left."""
    order = [start // 2]
    port = [0] * n
    port[start // 2] = start % 2
    left = np.ones(2 * n, dtype=bool)
    left[2 * (start // 2) : 2 * (start // 2) + 2] = False
    current = start
    for _ in range(n - 1):
        row = np.where(left, dist[current], np.inf)
        nxt = int(np.argmin(row))
        street = nxt // 2
        order.append(street)
        port[street] = nxt % 2
        left[2 * street : 2 * street + 2] = False
        current = nxt
    return order, port


def _improve(order: list[int], port: list[int], dist: np.ndarray) -> None:
    """2-opt over the open chain, then choose each street's better end; repeat."""
    n = len(order)
    improved = True
    rounds = 0
    while improved and rounds < 50:
        improved = False
        rounds += 1
        pts = [2 * s + port[s] for s in order]
        for i in range(1, n - 1):
            for j in range(i + 1, n):
                # reverse order[i..j]: edges (i-1, i) and (j, j+1) change
                a, b = pts[i - 1], pts[i]
                c = pts[j]
                before = dist[a, b]
                after = dist[a, c]
                if j + 1 < n:
                    d = pts[j + 1]
                    before += dist[c, d]
                    after += dist[b, d]
                if after + 1e-6 < before:
                    order[i : j + 1] = reversed(order[i : j + 1])
                    pts[i : j + 1] = reversed(pts[i : j + 1])
                    improved = True
        # reversing the head of the chain (i == 0) is the same as starting elsewhere
        for j in range(1, n - 1):
            if dist[pts[j], pts[j + 1]] > dist[pts[0], pts[j + 1]] + 1e-6:
                order[0 : j + 1] = reversed(order[0 : j + 1])
                pts[0 : j + 1] = reversed(pts[0 : j + 1])
                improved = True
        for k, street in enumerate(order):
            best = port[street]
            best_cost = _port_cost(k, order, port, dist, best)
            other = 1 - best
            cost = _port_cost(k, order, port, dist, other)
            if cost + 1e-6 < best_cost:
                port[street] = other
                improved = True


def _port_cost(k: int, order: list[int], port: list[int], dist: np.ndarray, p: int) -> float:
    here = 2 * order[k] + p
    cost = 0.0
    if k > 0:
        cost += dist[2 * order[k - 1] + port[order[k - 1]], here]
    if k + 1 < len(order):
        cost += dist[here, 2 * order[k + 1] + port[order[k + 1]]]
    return float(cost)


def chain_streets(streets: list[_Street]) -> list[tuple[_Street, int]]:
    """Streets in walking order, each with the end it is walked from (0 low, 1 high)."""
    located = [s for s in streets if s.ends is not None]
    unlocated = sorted((s for s in streets if s.ends is None), key=lambda s: s.key)
    result: list[tuple[_Street, int]] = []
    if located:
        n = len(located)
        ports = np.vstack([s.ends for s in located if s.ends is not None])
        dist = haversine_matrix(ports, ports)
        if n == 1:
            order, port = [0], [0]
        else:
            # Try a few starting ends (all of them for small turfs); keep the best.
            starts = range(2 * n) if n <= 30 else np.linspace(0, 2 * n - 1, 30).astype(int)
            best: tuple[float, list[int], list[int]] | None = None
            for start in starts:
                o, p = _nearest_neighbour(n, int(start), dist)
                cost = _path_cost(o, p, dist)
                if best is None or cost < best[0]:
                    best = (cost, o, p)
            assert best is not None
            _, order, port = best
            _improve(order, port, dist)
        result = [(located[i], port[i]) for i in order]
    result += [(s, 0) for s in unlocated]
    return result


def order_doors(doors: Sequence[WalkDoor]) -> list[WalkDoor]:
    """Doors in walking order: street by street, one side up and the other back."""
    by_street: dict[tuple[str, str], list[WalkDoor]] = {}
    for door in doors:
        key = (normalize_street(door.street_name), door.city.strip().lower())
        by_street.setdefault(key, []).append(door)
    streets = [_Street(k, v, _street_ends(v)) for k, v in sorted(by_street.items())]
    ordered: list[WalkDoor] = []
    position: np.ndarray | None = None
    for street, end in chain_streets(streets):
        sides = street.sides()
        numbered = [s for s in sides if s[0].house_number is not None]
        rest = [s for s in sides if s[0].house_number is None]
        if len(numbered) == 2 and position is not None:
            # Start on the side whose first door is nearer to where we stand.
            firsts = [s[0] if end == 0 else s[-1] for s in numbered]
            if all(f.lat is not None and f.lon is not None for f in firsts):
                pts = np.array([[f.lat, f.lon] for f in firsts], dtype=float)
                d = haversine_matrix(position[None, :], pts)[0]
                if d[1] + 1e-6 < d[0]:
                    numbered.reverse()
        for k, side in enumerate(numbered):
            ascending = (k % 2 == 0) == (end == 0)
            ordered.extend(side if ascending else _descending(side))
        for side in rest:
            ordered.extend(side)
        if street.ends is not None:
            position = street.ends[end]
    return ordered


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


# --------------------------------------------------------------------------- the paper sheet

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "walk_list": "Walk list",
        "turf": "Turf",
        "doors": "doors",
        "people": "people",
        "captain": "Captain",
        "canvassers": "Canvassers",
        "printed": "Printed",
        "page": "Page",
        "name": "Name",
        "address": "Address",
        "age": "Age",
        "result": "Result (tick one)",
        "support": "Support 1-5",
        "notes": "Notes",
        "no_name": "(no name on file: ask who lives here)",
        "legend": "Result codes",
        "scale": "Support: 1 strong support ... 5 strong oppose",
        "questions": "Survey questions",
        "not_listed": "not listed",
        "do_not_knock": "do not knock",
        "walk": "Walk",
        "start": "start",
        "lang": "speaks Spanish",
        "unit": "",
        "party": "Party",
        "status": "Status",
        "inactive": "inactive",
        "off_list": "voters removed, cancelled or deceased",
        "st_active": "active", "st_inactive": "inactive", "st_removed": "removed",
        "st_cancelled": "cancelled", "st_confidential": "confid.", "st_deceased": "deceased",
    },
    "es": {
        "walk_list": "Lista de recorrido",
        "turf": "Zona",
        "doors": "puertas",
        "people": "personas",
        "captain": "Capitán",
        "canvassers": "Voluntarios",
        "printed": "Impreso",
        "page": "Página",
        "name": "Nombre",
        "address": "Dirección",
        "age": "Edad",
        "result": "Resultado (marque uno)",
        "support": "Apoyo 1-5",
        "notes": "Notas",
        "no_name": "(sin nombre: pregunte quién vive aquí)",
        "legend": "Códigos de resultado",
        "scale": "Apoyo: 1 apoyo fuerte ... 5 oposición fuerte",
        "questions": "Preguntas de la encuesta",
        "not_listed": "no listadas",
        "do_not_knock": "no tocar",
        "walk": "Recorrido",
        "start": "inicio",
        "lang": "habla español",
        "unit": "",
        "party": "Partido",
        "status": "Estado",
        "inactive": "inactivo",
        "off_list": "votantes dados de baja, cancelados o fallecidos",
        "st_active": "activo", "st_inactive": "inactivo", "st_removed": "de baja",
        "st_cancelled": "cancelado", "st_confidential": "confid.", "st_deceased": "fallecido",
    },
}

RESULT_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "en": {
        "canvassed": ("TK", "talked"), "not_home": ("NH", "not home"), "refused": ("RF", "refused"),
        "moved": ("MV", "moved"), "deceased": ("DC", "deceased"),
        "inaccessible": ("IN", "inaccessible"), "hostile": ("HS", "hostile"),
        "language_barrier": ("LB", "language barrier"), "come_back": ("CB", "come back"),
        "do_not_knock": ("DK", "do not knock"),
    },
    "es": {
        "canvassed": ("HB", "habló"), "not_home": ("NE", "no está"), "refused": ("RC", "rechazó"),
        "moved": ("MU", "se mudó"), "deceased": ("FA", "falleció"),
        "inaccessible": ("IN", "inaccesible"), "hostile": ("HO", "hostil"),
        "language_barrier": ("ID", "barrera de idioma"), "come_back": ("VR", "volver"),
        "do_not_knock": ("NT", "no tocar"),
    },
}


@dataclass
class SheetPerson:
    name: str
    age: int | None
    language: str
    party: str = ""
    status: str = ""


@dataclass
class SheetDoor:
    address: str
    notes: str
    people: list[SheetPerson]
    lat: float | None
    lon: float | None


@dataclass
class SheetQuestion:
    number: int
    text: str
    choices: list[str]


@dataclass
class WalkSheet:
    """Everything printed on a walk list, as plain data in one language."""

    lang: str
    campaign: str
    turf_id: str
    turf_name: str
    polygon: dict[str, object] | None
    captain: str
    canvassers: list[str]
    result_codes: list[str]
    questions: list[SheetQuestion]
    doors: list[SheetDoor]
    not_listed: str
    distance_m: float
    printed_on: str
    columns: tuple[str, ...] = ()
    """Optional columns shown (see :data:`SHEET_COLUMNS`)."""
    streets: list[StreetLine] = field(default_factory=list)  # the map sketch's street lines

    def label(self, key: str) -> str:
        return LABELS.get(self.lang, LABELS["en"]).get(key, LABELS["en"].get(key, key))

    def cell(self, person: SheetPerson, column: str) -> str:
        """The text of an optional column for a person."""
        if column == "status":
            return self.label(f"st_{person.status}") if person.status else ""
        return person.party


def _address_line(door: Door) -> str:
    line = f"{door.street_number} {door.street_name}".strip()
    if door.unit:
        unit = door.unit
        if re.fullmatch(r"[\w-]{1,6}", unit) and not unit.isalpha():
            unit = f"#{unit}"
        line += f", {unit}"
    return line


def build_sheet(
    session: Session, turf_id: str, *, lang: str = "en", today: object = None,
    columns: Sequence[str] = (), include_off_list: bool = False,
) -> WalkSheet:
    """Gather a turf's walk sheet (doors in order, people, script) as plain data.

    Removed, cancelled and deceased voters are left off (with their doors when no
    one else lives there) unless ``include_off_list``; ``columns`` adds party
    and/or status columns.
    """
    import datetime as dt

    from fieldapp.core.models import (
        RESULT_CODES,
        Campaign,
        Person,
        SurveyQuestion,
        TurfAssignment,
        Volunteer,
    )

    if lang not in LABELS:
        raise InputError(f"no walk-list labels for language {lang!r}; use one of: "
                         + ", ".join(LABELS))
    unknown = [c for c in columns if c not in SHEET_COLUMNS]
    if unknown:
        raise InputError(f"no walk-sheet column {unknown[0]!r}; columns: " + ", ".join(SHEET_COLUMNS))
    day = today if isinstance(today, dt.date) else dt.date.today()
    plan = walk_plan(session, turf_id, include_off_list=include_off_list)
    turf = session.get(Turf, turf_id)
    assert turf is not None
    campaign = session.get(Campaign, turf.campaign_id) if turf.campaign_id else None
    codes = [c for c in (campaign.result_codes if campaign else RESULT_CODES) if isinstance(c, str)]
    questions: list[SheetQuestion] = []
    if campaign is not None:
        qs = session.scalars(
            select(SurveyQuestion)
            .where(SurveyQuestion.campaign_id == campaign.id, SurveyQuestion.deleted.is_(False))
            .order_by(SurveyQuestion.position)
        ).all()
        for i, q in enumerate(qs, start=1):
            text = str(q.text.get(lang) or q.text.get("en") or q.key)
            choices = [
                str((c.get("label") or {}).get(lang) or (c.get("label") or {}).get("en") or c.get("value"))
                for c in q.choices if isinstance(c, dict)
            ]
            questions.append(SheetQuestion(i, text, choices))
    ids = plan.door_ids
    doors_by_id: dict[str, Door] = {}
    people_by_door: dict[str, list[SheetPerson]] = {}
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        doors_by_id.update({d.id: d for d in session.scalars(select(Door).where(Door.id.in_(chunk)))})
        for p in session.scalars(
            select(Person)
            .where(Person.door_id.in_(chunk), Person.deleted.is_(False),
                   Person.merged_into_id.is_(None),
                   *(() if include_off_list else (listable(Person),)))
            .order_by(Person.last_name, Person.first_name, Person.id)
        ):
            age = day.year - p.birth_year if p.birth_year else None
            people_by_door.setdefault(p.door_id or "", []).append(
                SheetPerson(f"{p.first_name} {p.last_name}".strip(), age, p.language or "",
                            p.party or "", p.voter_status or "")
            )
    captain, crew = "", []
    for role, first, last in session.execute(
        select(TurfAssignment.role, Person.first_name, Person.last_name)
        .join(Volunteer, Volunteer.id == TurfAssignment.volunteer_id)
        .join(Person, Person.id == Volunteer.person_id)
        .where(TurfAssignment.turf_id == turf_id, TurfAssignment.deleted.is_(False))
        .order_by(Person.last_name)
    ):
        if role == "captain":
            captain = f"{first} {last}".strip()
        else:
            crew.append(f"{first} {last}".strip())
    not_listed = _not_listed(plan, lang)
    sheet_doors = [
        SheetDoor(
            address=_address_line(doors_by_id[i]),
            notes=doors_by_id[i].notes or "",
            people=people_by_door.get(i, []),
            lat=doors_by_id[i].lat,
            lon=doors_by_id[i].lon,
        )
        for i in ids
    ]
    return WalkSheet(
        lang=lang,
        campaign=campaign.name if campaign else "",
        turf_id=turf.id,
        turf_name=turf.name,
        polygon=turf.polygon,
        captain=captain,
        canvassers=crew,
        result_codes=codes,
        questions=questions,
        doors=sheet_doors,
        not_listed=not_listed,
        distance_m=plan.walking_distance_m(),
        printed_on=day.isoformat(),
        columns=tuple(columns),
        streets=street_lines([d.lat for d in plan.doors], [d.lon for d in plan.doors],
                             [d.street_number for d in plan.doors],
                             [d.street_name for d in plan.doors]),
    )


def _not_listed(plan: WalkPlan, lang: str) -> str:
    if lang == "en":
        return plan.suppressed_summary()
    lab = LABELS[lang]
    parts = []
    if plan.suppressed:
        parts.append(f"{len(plan.suppressed)} {lab['doors']} {lab['not_listed']}: {lab['do_not_knock']}")
    if plan.off_list:
        parts.append(f"{len(plan.off_list)} {lab['doors']} {lab['not_listed']}: {lab['off_list']}")
    return "; ".join(parts)


def write_walklist_pdf(store: Store, turf: str, out: str | Path, *, lang: str = "en",
                       today: object = None, columns: Sequence[str] = (),
                       include_off_list: bool = False) -> WalkSheet:
    """Write the walk-list PDF for a turf (name or id); returns what was printed."""
    from fieldapp.services.turfs import find_turf

    with store.session() as session:
        turf_id = find_turf(session, turf).id
        sheet = build_sheet(session, turf_id, lang=lang, today=today, columns=columns,
                            include_off_list=include_off_list)
    render_pdf(sheet, Path(out))
    return sheet


def render_pdf(sheet: WalkSheet, out: Path) -> None:
    """Lay the sheet out on landscape letter pages with reportlab."""
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Circle, Drawing, Polygon, PolyLine, Rect, String
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import landscape, letter
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import inch
    from reportlab.platypus import (
        KeepTogether,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    page_w, page_h = landscape(letter)
    margin = 0.4 * inch
    top = 0.95 * inch
    width = page_w - 2 * margin
    codes = sheet.result_codes
    rl = RESULT_LABELS.get(sheet.lang, RESULT_LABELS["en"])
    short = [rl.get(c, (c[:2].upper(), c))[0] for c in codes]
    q_cols = [(q.number, ch) for q in sheet.questions for ch in (q.choices or ["____"])]
    box = 0.22 * inch
    addr_w, name_w, age_w = 1.55 * inch, 1.55 * inch, 0.35 * inch
    extra = list(sheet.columns)
    extra_w = [0.55 * inch] * len(extra)
    q_w = [max(0.3 * inch, min(0.5 * inch, 0.055 * inch * len(ch) + 0.1 * inch)) for _, ch in q_cols]
    fixed = addr_w + name_w + age_w + sum(extra_w) + box * len(codes) + 0.2 * inch * 5 + sum(q_w)
    notes_w = max(0.9 * inch, width - fixed)
    col_w = ([addr_w, name_w, age_w] + extra_w + [box] * len(codes) + [0.2 * inch] * 5 + q_w
             + [notes_w])
    scale = min(1.0, width / sum(col_w))
    col_w = [w * scale for w in col_w]
    n_cols = len(col_w)
    first_box = 3 + len(extra)
    first_support = first_box + len(codes)
    first_q = first_support + 5
    notes_col = n_cols - 1

    small = ParagraphStyle("small", fontName="Helvetica", fontSize=8, leading=9.5)
    head = ParagraphStyle("head", fontName="Helvetica-Bold", fontSize=15, leading=18)
    sub = ParagraphStyle("sub", fontName="Helvetica", fontSize=9.5, leading=12)
    addr = ParagraphStyle("addr", fontName="Helvetica-Bold", fontSize=8.5, leading=9.5)
    cell = ParagraphStyle("cell", fontName="Helvetica", fontSize=8.5, leading=9.5)
    colhead = ParagraphStyle("colhead", fontName="Helvetica-Bold", fontSize=6.5, leading=7.5,
                             alignment=1)
    colhead_left = ParagraphStyle("colheadl", parent=colhead, alignment=0, fontSize=7.5)

    def column_header() -> Table:
        labels: list[object] = [
            Paragraph(sheet.label("address"), colhead_left),
            Paragraph(sheet.label("name"), colhead_left),
            Paragraph(sheet.label("age"), colhead_left),
            *[Paragraph(sheet.label(x), colhead_left) for x in extra],
            *[Paragraph(x, colhead) for x in short],
            *[Paragraph(x, colhead) for x in ("1", "2", "3", "4", "5")],
            *[Paragraph(f"Q{n}<br/>{_esc(ch[:9])}", colhead) for n, ch in q_cols],
            Paragraph(sheet.label("notes"), colhead_left),
        ]
        t = Table([labels], colWidths=col_w, rowHeights=[0.3 * inch])
        t.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
            ("BACKGROUND", (first_box, 0), (first_support - 1, 0), colors.Color(0.92, 0.92, 0.92)),
            ("BACKGROUND", (first_q, 0), (notes_col - 1, 0), colors.Color(0.92, 0.92, 0.92)),
            ("LEFTPADDING", (0, 0), (-1, -1), 1), ("RIGHTPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]))
        return t

    def qr(size: float) -> Drawing:
        widget = QrCodeWidget(sheet.turf_id)
        x0, y0, x1, y1 = widget.getBounds()
        d = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
        d.add(widget)
        return d

    def sketch(w: float, h: float) -> Drawing:
        d = Drawing(w, h)
        d.add(Rect(0, 0, w, h, strokeColor=colors.grey, fillColor=colors.Color(0.97, 0.97, 0.95),
                   strokeWidth=0.5))
        rings: list[list[tuple[float, float]]] = []
        poly = sheet.polygon or {}
        coords = poly.get("coordinates") if isinstance(poly, dict) else None
        if isinstance(coords, list):
            parts = coords if poly.get("type") == "MultiPolygon" else [coords]
            for part in parts:
                if part:
                    rings.append([(float(p[0]), float(p[1])) for p in part[0]])
        pts = [(dd.lon, dd.lat) for dd in sheet.doors if dd.lat is not None and dd.lon is not None]
        allpts = [p for r in rings for p in r] + pts
        if not allpts:
            return d
        xs = [p[0] for p in allpts]
        ys = [p[1] for p in allpts]
        kx = math.cos(math.radians(sum(ys) / len(ys)))
        span_x = max((max(xs) - min(xs)) * kx, 1e-6)
        span_y = max(max(ys) - min(ys), 1e-6)
        pad = 8
        s = min((w - 2 * pad) / span_x, (h - 2 * pad) / span_y)
        ox = pad + ((w - 2 * pad) - span_x * s) / 2
        oy = pad + ((h - 2 * pad) - span_y * s) / 2

        def xy(lon: float, lat: float) -> tuple[float, float]:
            return ox + (lon - min(xs)) * kx * s, oy + (lat - min(ys)) * s

        for ring in rings:
            flat = [v for p in ring for v in xy(*p)]
            d.add(Polygon(flat, strokeColor=colors.Color(0.2, 0.35, 0.7), strokeWidth=1.2,
                          fillColor=colors.Color(0.85, 0.9, 1.0)))
        draw_on_sketch(d, sheet.streets, xy)
        if len(pts) > 1:
            route = [v for p in pts for v in xy(*p)]
            d.add(PolyLine(route, strokeColor=colors.Color(0.75, 0.5, 0.2), strokeWidth=0.6))
        for p in pts:
            cx, cy = xy(*p)
            d.add(Circle(cx, cy, 1.4, fillColor=colors.black, strokeColor=None))
        if pts:
            cx, cy = xy(*pts[0])
            d.add(Circle(cx, cy, 3.5, fillColor=colors.Color(0.1, 0.6, 0.2), strokeColor=colors.white))
            d.add(String(cx + 5, cy + 3, sheet.label("start"), fontName="Helvetica-Bold", fontSize=7,
                         fillColor=colors.Color(0.1, 0.5, 0.2)))
        return d

    people_total = sum(len(d.people) for d in sheet.doors)
    story: list[object] = []
    info = [
        Paragraph(f"{sheet.label('walk_list')}: {_esc(sheet.turf_name)}", head),
        Paragraph(_esc(sheet.campaign), sub),
        Paragraph(
            f"{len(sheet.doors)} {sheet.label('doors')} · {people_total} {sheet.label('people')} · "
            f"{sheet.label('walk')} ≈ {sheet.distance_m / 1000:.1f} km".replace("≈", "~"), sub),
    ]
    if sheet.not_listed:
        info.append(Paragraph(f"<b>{_esc(sheet.not_listed)}</b>", sub))
    if sheet.captain:
        info.append(Paragraph(f"{sheet.label('captain')}: {_esc(sheet.captain)}", sub))
    if sheet.canvassers:
        info.append(Paragraph(f"{sheet.label('canvassers')}: {_esc(', '.join(sheet.canvassers))}", sub))
    info.append(Paragraph(f"{sheet.label('printed')}: {sheet.printed_on}", sub))
    info.append(Spacer(1, 4))
    legend = ", ".join(f"<b>{s_}</b> {rl.get(c, (c, c))[1]}" for s_, c in zip(short, codes, strict=True))
    info.append(Paragraph(f"{sheet.label('legend')}: {legend}. {sheet.label('scale')}.", small))
    if sheet.questions:
        info.append(Spacer(1, 3))
        info.append(Paragraph(f"<b>{sheet.label('questions')}</b>", small))
        for q in sheet.questions:
            choices = " / ".join(_esc(c) for c in q.choices) if q.choices else "____"
            info.append(Paragraph(f"<b>Q{q.number}</b> {_esc(q.text)} [{choices}]", small))
    sketch_w, sketch_h = 3.3 * inch, 2.3 * inch
    top_table = Table(
        [[info, sketch(sketch_w, sketch_h), qr(1.1 * inch)]],
        colWidths=[width - sketch_w - 1.3 * inch, sketch_w + 0.1 * inch, 1.2 * inch],
    )
    top_table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story += [top_table, Spacer(1, 6), column_header()]

    grid = colors.Color(0.45, 0.45, 0.45)
    row_h, wrapped_row_h = 0.27 * inch, 0.38 * inch
    for door in sheet.doors:
        note = f"<br/><font name='Helvetica' size=7>{_esc(door.notes)}</font>" if door.notes else ""
        members = door.people or [SheetPerson(sheet.label("no_name"), None, "")]
        rows: list[list[object]] = []
        address = Paragraph(f"{_esc(door.address)}{note}", addr)
        heights: list[float] = []
        for k, p in enumerate(members):
            name = _esc(p.name)
            if p.language == "es" and sheet.lang != "es":
                name += f" <font size=6.5>({sheet.label('lang')})</font>"
            if p.status == "inactive":
                name += f" <font size=6.5>({sheet.label('inactive')})</font>"
            name_cell = Paragraph(name, cell)
            rows.append([address if k == 0 else "", name_cell,
                         "" if p.age is None else str(p.age),
                         *[sheet.cell(p, x) for x in extra]]
                        + [""] * (n_cols - 3 - len(extra)))
            heights.append(max(row_h, _cell_height(name_cell, col_w[1])))
        # Rows are as tall as their wrapped text (a long address or name never runs
        # into the next household's row), with room to write when the address wraps.
        address_h = _cell_height(address, col_w[0])
        if address_h > row_h:
            address_h = max(address_h, wrapped_row_h)
        if address_h > sum(heights):
            heights[-1] += address_h - sum(heights)
        t = Table(rows, colWidths=col_w, rowHeights=heights)
        style = [
            ("FONT", (0, 0), (-1, -1), "Helvetica", 8.5),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("VALIGN", (0, 0), (0, -1), "TOP"),
            ("GRID", (first_box, 0), (notes_col - 1, -1), 0.5, grid),
            ("LINEABOVE", (0, 0), (-1, 0), 0.9, colors.black),
            ("LINEBELOW", (1, 0), (2 + len(extra), -1), 0.3, colors.lightgrey),
            ("LINEBELOW", (notes_col, 0), (notes_col, -1), 0.3, colors.lightgrey),
            ("BACKGROUND", (0, 0), (0, -1), colors.Color(0.93, 0.95, 0.98)),
            ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]
        if len(rows) > 1:
            style.append(("SPAN", (0, 0), (0, -1)))
        t.setStyle(TableStyle(style))
        story.append(KeepTogether([t]))

    def decorate(canvas: object, doc: object, first: bool) -> None:
        c: Any = canvas
        page = c.getPageNumber()
        c.saveState()
        c.setFont("Helvetica", 8)
        c.drawString(margin, page_h - 0.35 * inch,
                     f"{sheet.campaign} · {sheet.label('turf')}: {sheet.turf_name}")
        c.drawRightString(page_w - margin - 0.7 * inch, page_h - 0.35 * inch,
                          f"{sheet.label('page')} {page}")
        if not first:
            qr(0.55 * inch).drawOn(c, page_w - margin - 0.55 * inch, page_h - 0.62 * inch)
            hdr = column_header()
            hdr.wrapOn(c, width, 0.3 * inch)
            hdr.drawOn(c, margin, page_h - top + 0.02 * inch)
        c.restoreState()

    doc = SimpleDocTemplate(
        str(out), pagesize=landscape(letter), leftMargin=margin, rightMargin=margin,
        topMargin=top, bottomMargin=0.45 * inch,
        title=f"{sheet.label('walk_list')}: {sheet.turf_name}", author="Field App",
        subject=sheet.turf_id,
    )
    with atomic_path(out) as tmp:
        doc.filename = str(tmp)
        doc.build(story, onFirstPage=lambda c, d: decorate(c, d, True),
                  onLaterPages=lambda c, d: decorate(c, d, False))


def _cell_height(paragraph: Any, column_width: float) -> float:
    """The height a paragraph needs in a walk-sheet cell (2 pt side and 1 pt top/bottom padding)."""
    _w, h = paragraph.wrap(column_width - 4, 10_000)
    return float(h) + 2 + 0.5  # and half a point so the text never touches the rule


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
