"""Walk order: street by street, one side up and the other back, in number order."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from sqlalchemy import select

from fieldapp.core.db import Store
from fieldapp.core.models import Door, Turf
from fieldapp.errors import NotFoundError
from fieldapp.services.walklists import (
    WalkDoor,
    haversine_matrix,
    order_doors,
    walk_order,
    walk_plan,
)


def _turfs(store: Store) -> list[Turf]:
    with store.session() as s:
        return list(s.scalars(select(Turf).order_by(Turf.name)))


def _doors(store: Store, ids: list[str]) -> list[Door]:
    with store.session() as s:
        by_id = {d.id: d for d in s.scalars(select(Door).where(Door.id.in_(ids)))}
    return [by_id[i] for i in ids]


def _runs(values: list[object]) -> list[object]:
    return [k for k, _ in itertools.groupby(values)]


def test_each_street_walked_once_one_side_then_the_other(demo_store: Store) -> None:
    for turf in _turfs(demo_store):
        with demo_store.session() as s:
            ids = walk_order(s, turf.id)
        doors = _doors(demo_store, ids)
        streets = _runs([d.street_name for d in doors])
        assert len(streets) == len(set(streets)), f"{turf.name}: a street is visited twice"
        for street in streets:
            on = [d for d in doors if d.street_name == street]
            sides = _runs([d.house_number % 2 for d in on if d.house_number is not None])
            assert len(sides) <= 2, f"{turf.name} {street}: sides interleave {sides}"
            for parity in (0, 1):
                numbers = _runs([d.house_number for d in on if d.house_number % 2 == parity])
                assert numbers == sorted(numbers) or numbers == sorted(numbers, reverse=True)
            # up one side and back the other: the two sides run in opposite directions
            if len(sides) == 2:
                first = [d.house_number for d in on if d.house_number % 2 == sides[0]]
                second = [d.house_number for d in on if d.house_number % 2 == sides[1]]
                if len(set(first)) > 1 and len(set(second)) > 1:
                    assert (first[0] < first[-1]) != (second[0] < second[-1])


def test_units_of_a_building_stay_together_in_natural_order(demo_store: Store) -> None:
    turf = _turfs(demo_store)[0]
    with demo_store.session() as s:
        doors = _doors(demo_store, walk_order(s, turf.id))
    buildings = _runs([d.building_key for d in doors])
    assert len(buildings) == len(set(buildings))
    apts = [d.unit for d in doors if d.unit.startswith("Apt")]
    assert apts, "the demo turf has apartment buildings"
    for _, group in itertools.groupby(doors, key=lambda d: d.building_key):
        units = [d.unit for d in group]
        if units[0].startswith("Apt"):
            assert units == sorted(units, key=lambda u: int(u.split()[1]))


def test_do_not_knock_left_off_with_a_count_and_reason(demo_store: Store) -> None:
    turf = _turfs(demo_store)[0]
    with demo_store.transaction() as s:
        doors = list(s.scalars(select(Door).where(Door.turf_id == turf.id).limit(4)))
        for d in doors[:3]:
            d.do_not_knock = True
            d.do_not_knock_reason = "asked at the door"
        dnk = {d.id for d in s.scalars(select(Door).where(Door.turf_id == turf.id, Door.do_not_knock))}
    with demo_store.session() as s:
        plan = walk_plan(s, turf.id)
        everything = walk_order(s, turf.id, include_suppressed=True)
    assert dnk.isdisjoint(plan.door_ids)
    assert {d.id for d in plan.suppressed} == dnk
    assert plan.suppressed_summary() == f"{len(dnk)} doors not listed: do not knock"
    assert set(everything) == set(plan.door_ids) | dnk
    assert len(everything) == len(plan.door_ids) + len(dnk)


def test_merged_and_deleted_doors_are_never_listed(demo_store: Store) -> None:
    turf = _turfs(demo_store)[0]
    with demo_store.transaction() as s:
        a, b, c = s.scalars(select(Door).where(Door.turf_id == turf.id).limit(3))
        a.deleted = True
        b.merged_into_id = c.id
        gone = {a.id, b.id}
    with demo_store.session() as s:
        ids = walk_order(s, turf.id, include_suppressed=True)
    assert gone.isdisjoint(ids)
    assert c.id in ids


def test_unknown_turf_is_a_clear_error(store: Store) -> None:
    with store.session() as s, pytest.raises(NotFoundError, match="no turf"):
        walk_order(s, "00000000-0000-4000-8000-000000000000")


def _door(i: int, street: str, number: int, lat: float, lon: float) -> WalkDoor:
    return WalkDoor(
        id=f"d{i}", street_name=street, street_number=str(number), house_number=number,
        unit="", city="X", building_key=f"{number}|{street}", lat=lat, lon=lon,
        do_not_knock=False, do_not_knock_reason="",
    )


def test_streets_are_chained_by_proximity() -> None:
    # Four parallel streets 100 m apart, given in a scrambled order: the walk
    # visits them as neighbours (never jumping two streets and coming back).
    lats = {"A St": 0.0, "B St": 0.0009, "C St": 0.0018, "D St": 0.0027}
    doors = []
    for i, street in enumerate(["C St", "A St", "D St", "B St"]):
        for n in range(100, 140, 2):
            side = 0.0001 if n % 4 else -0.0001
            doors.append(_door(len(doors), street, n + (n % 4 == 0), lats[street] + side, n * 1e-5))
        del i
    order = order_doors(doors)
    streets = _runs([d.street_name for d in order])
    assert streets in (["A St", "B St", "C St", "D St"], ["D St", "C St", "B St", "A St"])


def test_haversine_matches_geopy_closely() -> None:
    from geopy.distance import geodesic

    a = np.array([[43.0389, -87.942]])
    b = np.array([[43.0418, -87.947]])
    fast = haversine_matrix(a, b)[0, 0]
    assert fast == pytest.approx(geodesic(a[0], b[0]).meters, rel=0.005)


def test_ordering_a_thousand_door_turf_keeps_every_door() -> None:
    """Its speed is measured in benchmarks/doors.py (walk order of a 1,000-door turf)."""
    rng = np.random.default_rng(3)
    doors = []
    for s in range(40):
        for n in range(25):
            number = 100 + n * 2 + (n % 2)
            doors.append(
                _door(len(doors), f"Street {s}", number, 43 + s * 0.001 + rng.normal(0, 1e-5),
                      -87.9 + number * 1e-5)
            )
    order = order_doors(doors)
    assert sorted(d.id for d in order) == sorted(d.id for d in doors)


# ---- the printed sheet


def _pdf_pages(path: object) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(str(path)).pages]


def test_pdf_has_header_questions_and_every_person(demo_store: Store, tmp_path: object) -> None:
    import datetime as dt
    from pathlib import Path

    from fieldapp.services.walklists import write_walklist_pdf

    turf = _turfs(demo_store)[0]
    out = Path(str(tmp_path)) / "walk.pdf"
    sheet = write_walklist_pdf(demo_store, turf.name, out, today=dt.date(2026, 11, 20))
    pages = _pdf_pages(out)
    assert len(pages) > 1
    first = pages[0]
    assert f"Walk list: {turf.name}" in first
    assert "Fair Rent Milwaukee 2026" in first
    assert "Do you support capping yearly rent increases in Milwaukee?" in first
    assert "not listed: do not knock" in first
    assert all(f"Page {i}" in p for i, p in enumerate(pages, start=1))
    text = "\n".join(pages)
    names = [p.name for d in sheet.doors for p in d.people]
    assert names and all(n in text for n in names)


def test_pdf_never_splits_a_household_across_pages(demo_store: Store, tmp_path: object) -> None:
    from pathlib import Path

    from fieldapp.core.models import Person
    from fieldapp.services.walklists import write_walklist_pdf

    turf = _turfs(demo_store)[0]
    with demo_store.transaction() as s:  # unique names, so each can be found on its page
        for n, person in enumerate(s.scalars(select(Person).order_by(Person.id))):
            person.first_name, person.last_name = f"Zed{n:04d}", "Q"
    out = Path(str(tmp_path)) / "walk.pdf"
    sheet = write_walklist_pdf(demo_store, turf.id, out)
    # the table body of each page (the header names the captain, who may live in the turf)
    pages = [p.split("Notes", 1)[1] for p in _pdf_pages(out)]
    assert len(pages) > 3
    checked = 0
    for door in sheet.doors:
        on = {i for i, page in enumerate(pages) for p in door.people if p.name in page}
        assert len(on) <= 1, f"{door.address} is split over pages {on}"
        assert all(any(p.name in page for page in pages) for p in door.people)
        checked += len(door.people) > 1
    assert checked > 10  # plenty of multi-person households were checked


def test_pdf_in_spanish_uses_spanish_labels_and_questions(demo_store: Store, tmp_path: object) -> None:
    from pathlib import Path

    from fieldapp.services.walklists import write_walklist_pdf

    turf = _turfs(demo_store)[0]
    out = Path(str(tmp_path)) / "walk-es.pdf"
    write_walklist_pdf(demo_store, turf.id, out, lang="es")
    first = _pdf_pages(out)[0]
    assert "Lista de recorrido" in first
    assert "¿Apoya limitar los aumentos anuales de renta en Milwaukee?" in first
    assert "Nombre" in first and "Edad" in first and "Página 1" in first
    assert "Do you support" not in first


def test_pdf_carries_a_qr_code_with_the_turf_id(demo_store: Store, tmp_path: object) -> None:
    from pathlib import Path

    from pypdf import PdfReader

    from fieldapp.services.walklists import write_walklist_pdf

    turf = _turfs(demo_store)[0]
    out = Path(str(tmp_path)) / "walk.pdf"
    write_walklist_pdf(demo_store, turf.id, out)
    reader = PdfReader(str(out))
    assert reader.metadata is not None and reader.metadata.subject == turf.id
    # the QR code is drawn as many small filled squares on the first page
    content = reader.pages[0].get_contents()
    assert content is not None and content.get_data().count(b" re") > 200


def test_pdf_rows_grow_to_fit_a_long_address_or_name(demo_store: Store, tmp_path: object) -> None:
    """A wrapped address never runs into the next household's row (it did at three lines)."""
    from pathlib import Path

    from pypdf import PdfReader

    from fieldapp.core.models import Person
    from fieldapp.services.walklists import walk_order, write_walklist_pdf

    turf = _turfs(demo_store)[0]
    with demo_store.transaction() as s:
        order = walk_order(s, turf.id)
        alone = [i for i, d in enumerate(order[:12]) if len(s.scalars(
            select(Person).where(Person.door_id == d, Person.deleted.is_(False))).all()) == 1]
        first = order[alone[0]]  # a one-row household
        door = s.get(Door, first)
        assert door is not None
        door.street_name, door.unit = "North Martin Luther King Junior Drive", "Apartment Upper Rear"
        for person in s.scalars(select(Person).where(Person.door_id == first)):
            person.first_name = "Maria Guadalupe Concepcion de los Angeles"
    out = Path(str(tmp_path)) / "walk.pdf"
    write_walklist_pdf(demo_store, turf.id, out)
    lines: list[tuple[float, float, str]] = []  # (y, x, text) of each text run on page 1

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            lines.append((tm[5] * cm[3] + cm[5], tm[4] * cm[0] + cm[4], text.strip()))

    PdfReader(str(out)).pages[0].extract_text(visitor_text=visit)
    address_col = [(y, text) for y, x, text in lines if x < 100]  # the Address column
    ys = [y for y, text in address_col if any(w in text for w in ("Martin", "Junior", "Rear"))]
    assert len(ys) >= 3, address_col  # the long address wrapped over three lines or more
    below = [y for y, text in address_col if y < min(ys)]
    assert below, address_col
    # the next door's address (the street renamed, the door walks first on its own street)
    # starts at least a full line (9.5 pt) under the long address's last line
    assert min(ys) - max(below) >= 9.5
