"""Removed, cancelled and deceased voters stay off walk and canvass lists; inactive are marked."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from sqlalchemy import select

from fieldapp.core.db import Store
from fieldapp.core.models import Person, Turf
from fieldapp.services.canvass import entry_doors
from fieldapp.services.walklists import build_sheet, walk_plan, write_walklist_pdf


def _turf_and_doors(store: Store) -> tuple[str, list[str]]:
    with store.session() as s:
        turf = s.scalars(select(Turf).order_by(Turf.name)).first()
        assert turf is not None
        ids = walk_plan(s, turf.id).door_ids
    return turf.id, ids


def _set_status(store: Store, door_id: str, status: str, *, only_first: bool = False) -> list[str]:
    with store.transaction() as s:
        people = list(s.scalars(select(Person).where(Person.door_id == door_id).order_by(Person.id)))
        for n, p in enumerate(people):  # unique names, to be found on the sheet
            p.first_name, p.last_name = f"Zed{status}{n}", "Quux"
        for p in people[:1] if only_first else people:
            p.voter_status = status
            p.party = "DEM"
        return [f"{p.first_name} {p.last_name}".strip() for p in people]


def _door_with_people(store: Store, ids: list[str], at_least: int, skip: int = 0) -> str:
    with store.session() as s:
        found = [i for i in ids
                 if len(s.scalars(select(Person.id).where(Person.door_id == i)).all()) >= at_least]
    return found[skip]


def test_doors_of_only_removed_voters_leave_the_walk_list(demo_store: Store) -> None:
    turf_id, ids = _turf_and_doors(demo_store)
    gone = _door_with_people(demo_store, ids, 1)
    _set_status(demo_store, gone, "deceased")
    with demo_store.session() as s:
        plan = walk_plan(s, turf_id)
        assert gone not in plan.door_ids and len(plan.door_ids) == len(ids) - 1
        assert "1 door not listed: voters removed, cancelled or deceased" in plan.suppressed_summary()
        everyone = walk_plan(s, turf_id, include_off_list=True)
        assert gone in everyone.door_ids and "removed" not in everyone.suppressed_summary()


def test_sheet_and_entry_leave_out_removed_people_and_mark_inactive(demo_store: Store,
                                                                    tmp_path: Path) -> None:
    turf_id, ids = _turf_and_doors(demo_store)
    mixed = _door_with_people(demo_store, ids, 2)
    names = _set_status(demo_store, mixed, "removed", only_first=True)
    inactive_door = _door_with_people(demo_store, ids, 1, skip=1)
    inactive_names = _set_status(demo_store, inactive_door, "inactive")
    with demo_store.session() as s:
        sheet = build_sheet(s, turf_id, today=dt.date(2026, 11, 20))
        entry = {d.id: d for d in entry_doors(s, turf_id)}
    printed = [p.name for d in sheet.doors for p in d.people]
    assert names[0] not in printed and names[1] in printed
    assert names[0] not in [p.name for p in entry[mixed].people]
    out = tmp_path / "walk.pdf"
    write_walklist_pdf(demo_store, turf_id, out, columns=["party", "status"],
                       today=dt.date(2026, 11, 20))
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() for page in PdfReader(str(out)).pages)
    assert "Party" in text and "Status" in text
    flat = " ".join(text.split())
    assert re.search(re.escape(inactive_names[0]) + r" (\(speaks Spanish\) )?\(inactive\) \d+ DEM inactive",
                     flat)
    assert names[0] not in text
