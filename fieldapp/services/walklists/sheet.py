"""The walk sheet as plain data: doors in order, the people at each, the script."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.core.models import Door, Turf
from fieldapp.errors import InputError
from fieldapp.services.streetsketch import StreetLine, street_lines
from fieldapp.services.voterstatus import listable
from fieldapp.services.walklists.labels import LABELS, SHEET_COLUMNS
from fieldapp.services.walklists.plan import WalkPlan, walk_plan


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

    from fieldapp.core.models import RESULT_CODES, Campaign

    _check_options(lang, columns)
    day = today if isinstance(today, dt.date) else dt.date.today()
    plan = walk_plan(session, turf_id, include_off_list=include_off_list)
    turf = session.get(Turf, turf_id)
    assert turf is not None
    campaign = session.get(Campaign, turf.campaign_id) if turf.campaign_id else None
    codes = [c for c in (campaign.result_codes if campaign else RESULT_CODES) if isinstance(c, str)]
    questions = _questions(session, campaign.id, lang) if campaign is not None else []
    ids = plan.door_ids
    doors_by_id, people_by_door = _doors_and_people(session, ids, day.year, include_off_list)
    captain, crew = _crew(session, turf_id)
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


def _check_options(lang: str, columns: Sequence[str]) -> None:
    """Refuse a language with no labels or an unknown optional column."""
    if lang not in LABELS:
        raise InputError(f"no walk-list labels for language {lang!r}; use one of: "
                         + ", ".join(LABELS))
    unknown = [c for c in columns if c not in SHEET_COLUMNS]
    if unknown:
        raise InputError(f"no walk-sheet column {unknown[0]!r}; columns: " + ", ".join(SHEET_COLUMNS))


def _questions(session: Session, campaign_id: str, lang: str) -> list[SheetQuestion]:
    """The campaign's live survey questions, numbered from 1, in ``lang`` (else English)."""
    from fieldapp.core.models import SurveyQuestion

    questions: list[SheetQuestion] = []
    qs = session.scalars(
        select(SurveyQuestion)
        .where(SurveyQuestion.campaign_id == campaign_id, SurveyQuestion.deleted.is_(False))
        .order_by(SurveyQuestion.position)
    ).all()
    for i, q in enumerate(qs, start=1):
        text = str(q.text.get(lang) or q.text.get("en") or q.key)
        choices = [
            str((c.get("label") or {}).get(lang) or (c.get("label") or {}).get("en") or c.get("value"))
            for c in q.choices if isinstance(c, dict)
        ]
        questions.append(SheetQuestion(i, text, choices))
    return questions


def _doors_and_people(
    session: Session, ids: list[str], year: int, include_off_list: bool,
) -> tuple[dict[str, Door], dict[str, list[SheetPerson]]]:
    """The doors by id and the people at each (in name order), read 900 ids at a time."""
    from fieldapp.core.models import Person

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
            age = year - p.birth_year if p.birth_year else None
            people_by_door.setdefault(p.door_id or "", []).append(
                SheetPerson(f"{p.first_name} {p.last_name}".strip(), age, p.language or "",
                            p.party or "", p.voter_status or "")
            )
    return doors_by_id, people_by_door


def _crew(session: Session, turf_id: str) -> tuple[str, list[str]]:
    """The turf's captain and its other canvassers (by last name)."""
    from fieldapp.core.models import Person, TurfAssignment, Volunteer

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
    return captain, crew


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
