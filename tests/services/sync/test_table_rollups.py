"""The tables' sort values kept by triggers (``door_rollups``, ``person_rollups``).

After every kind of write (new doors and people, knocks and corrections, a
person moved or deleted, a turf renamed, a door re-cut into another turf or
re-addressed, and bundles merged from other laptops) each door's rollup says
what the rules say: its live people, its latest result
(:func:`fieldapp.services.rules.latest_door_results`) and its turf's name; each
person's rollup sorts like the door's address. The rollups are local: they are
not in a bundle, and a store computes its own from the merged rows.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select, text, update

from fieldapp.core.db import Store
from fieldapp.core.models import (
    ContactAttempt,
    Door,
    DoorRollup,
    Person,
    PersonRollup,
    Turf,
)
from fieldapp.services import rules
from fieldapp.services.knocks import correct_knock
from tests.services.sync.helpers import Site, bundle_files, connect
from tests.services.sync.test_merge import export, imp, tick

NOW = dt.datetime(2026, 11, 20, 15, 0, tzinfo=dt.UTC)


def expected(store: Store) -> dict[str, tuple[int, str | None, str | None]]:
    with store.session() as s:
        latest = rules.latest_door_results(s)
        turfs = {row[0]: row[1] for row in s.execute(select(Turf.id, Turf.name))}
        people: dict[str, int] = {}
        for door_id, deleted in s.execute(select(Person.door_id, Person.deleted)):
            if door_id is not None and not deleted:
                people[door_id] = people.get(door_id, 0) + 1
        return {
            door_id: (people.get(door_id, 0),
                      latest[door_id].result_code if door_id in latest else None,
                      turfs.get(turf_id) if turf_id else None)
            for door_id, turf_id in s.execute(select(Door.id, Door.turf_id))
        }


def rollups(store: Store) -> dict[str, tuple[int, str | None, str | None]]:
    with store.session() as s:
        return {r.door_id: (r.people_count, r.last_result, r.turf_name)
                for r in s.scalars(select(DoorRollup))}


def assert_rollups_right(store: Store) -> None:
    assert rollups(store) == expected(store)
    with store.session() as s:
        by_rollup = s.execute(
            select(Person.id).join(PersonRollup, PersonRollup.person_id == Person.id)
            .join(Door, Door.id == Person.door_id)
            .order_by(PersonRollup.door_sort, Person.id)).scalars().all()
        by_address = s.execute(
            select(Person.id).join(Door, Door.id == Person.door_id)
            .order_by(Door.street_name, Door.house_number, Door.street_number, Door.unit,
                      Person.id)).scalars().all()
        assert by_rollup == by_address
        assert s.scalar(select(PersonRollup.door_sort).join(
            Person, Person.id == PersonRollup.person_id).where(Person.door_id.is_(None))) is None


def add_door(store: Store, street: str, number: int, turf_id: str | None = None) -> str:
    with store.transaction() as s:
        door = Door(street_number=str(number), house_number=number, street_name=street,
                    address_key=f"{number} {street}".lower(), turf_id=turf_id)
        s.add(door)
        s.flush()
        return door.id


def knock(store: Store, door_id: str, code: str, minutes: int, channel: str = "door") -> str:
    with store.transaction() as s:
        attempt = ContactAttempt(door_id=door_id, result_code=code, channel=channel,
                                 attempted_at=NOW + dt.timedelta(minutes=minutes))
        s.add(attempt)
        s.flush()
        return attempt.id


def test_rollups_follow_every_local_write(make_site: Callable[..., Site]) -> None:
    store = make_site("a").store
    with store.transaction() as s:
        turf = Turf(name="North 1")
        s.add(turf)
        s.flush()
        turf_id = turf.id
    d1 = add_door(store, "Main St", 12, turf_id)
    d2 = add_door(store, "Main St", 9)
    d3 = add_door(store, "Elm Ave", 300)
    with store.transaction() as s:
        ana, bo = Person(first_name="Ana", door_id=d1), Person(first_name="Bo", door_id=d1)
        s.add_all([ana, bo, Person(first_name="Cy", door_id=d2), Person(first_name="Walk-in")])
        s.flush()
        ana_id, bo_id = ana.id, bo.id
    assert rollups(store)[d1] == (2, None, "North 1")
    assert_rollups_right(store)

    first = knock(store, d1, "not_home", 0)
    knock(store, d1, "canvassed", 30)
    knock(store, d2, "refused", 5)
    knock(store, d2, "canvassed", 50, channel="phone")  # a call does not change the door's result
    assert rollups(store)[d1][1] == "canvassed" and rollups(store)[d2][1] == "refused"
    with store.transaction() as s:  # correct the earlier knock: still older than the last one
        correct_knock(s, first, result_code="hostile")
    late = knock(store, d3, "come_back", 90)
    with store.transaction() as s:  # correct the latest knock of d3: its result changes
        correct_knock(s, late, result_code="moved")
    assert rollups(store)[d3][1] == "moved"
    assert_rollups_right(store)

    with store.transaction() as s:
        s.get_one(Person, ana_id).deleted = True  # a deleted person no longer counts
        s.get_one(Person, bo_id).door_id = d3  # moved to another door
        s.get_one(Turf, turf_id).name = "North 1 (re-cut)"
        s.get_one(Door, d2).turf_id = turf_id
        s.get_one(Door, d3).street_name = "Aspen Ave"  # re-addressed: sorts first now
    assert rollups(store)[d1] == (0, "canvassed", "North 1 (re-cut)")
    assert rollups(store)[d2][2] == "North 1 (re-cut)"
    assert_rollups_right(store)

    with store.transaction() as s:  # a bulk write (the way imports and merges write)
        s.execute(update(Door).where(Door.id == d3).values(turf_id=turf_id))
    assert rollups(store)[d3][2] == "North 1 (re-cut)"
    assert_rollups_right(store)


def test_merged_bundles_leave_each_store_with_its_own_right_rollups(
    make_site: Callable[..., Site], tmp_path: Path
) -> None:
    a, b, hq = make_site("a"), make_site("b"), make_site("hq")
    connect(a, b, hq)
    door = add_door(a.store, "Main St", 12)
    other = add_door(a.store, "Oak St", 4)
    with a.store.transaction() as s:
        s.add_all([Person(first_name="Ana", door_id=door), Person(first_name="Bo", door_id=other)])
    imp(b, export(a, tmp_path / "a1"))
    knock(a.store, door, "not_home", 0)
    knock(b.store, door, "canvassed", 20)  # later, on the other laptop
    with b.store.transaction() as s:
        s.add(Person(first_name="Cy", door_id=door))
    tick(b, 1000)
    with b.store.transaction() as s:  # renamed on b
        s.get_one(Door, other).street_name = "Birch St"
    bundle_a, bundle_b = export(a, tmp_path / "a2"), export(b, tmp_path / "b1")
    for member in bundle_files(b, bundle_b):
        assert "rollup" not in member  # local values never travel
    for order in ((bundle_a, bundle_b), (bundle_b, bundle_a)):
        for path in order:
            imp(hq, path)
        assert rollups(hq.store)[door] == (2, "canvassed", None)
        assert_rollups_right(hq.store)
    imp(a, bundle_b)
    assert rollups(a.store) == rollups(hq.store)
    assert_rollups_right(a.store)
    files = bundle_files(b, bundle_b)
    doors_rows = [json.loads(line) for line in files.get("data/doors.ndjson", b"").splitlines()]
    assert doors_rows and all("people_count" not in row and "last_result" not in row
                              for row in doors_rows)



def test_postgresql_keeps_the_same_rollups(make_site: Callable[..., Site], tmp_path: Path,
                                           pg_url: str) -> None:
    """HQ's store on PostgreSQL keeps them with its own trigger functions."""
    from fieldapp.core.db import open_store

    a, reader = make_site("a"), make_site("hq")
    connect(a, reader)
    door = add_door(a.store, "Main St", 12)
    with a.store.transaction() as s:
        s.add(Person(first_name="Ana", door_id=door))
    knock(a.store, door, "not_home", 0)
    pg = open_store(pg_url)
    try:
        imp(reader, export(a, tmp_path / "a1"), store=pg)
        assert rollups(pg)[door] == (1, "not_home", None)
        with pg.transaction() as s:
            turf = Turf(name="South 2")
            s.add(turf)
            s.flush()
            s.get_one(Door, door).turf_id = turf.id
            s.add(Person(first_name="Bo", door_id=door))
        latest = knock(pg, door, "canvassed", 10)
        with pg.transaction() as s:
            correct_knock(s, latest, result_code="refused")
            s.get_one(Door, door).street_name = "Main Street"
        assert rollups(pg)[door] == (2, "refused", "South 2")
        assert_rollups_right(pg)
    finally:
        pg.close()


def _triggers(store: Store) -> list[tuple[str, str]]:
    with store.session() as s:
        return sorted((str(n), str(q)) for n, q in s.execute(
            text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")))


VOTERS = ("VANID,FirstName,LastName,StreetNo,StreetName,AptNo,City,State,Zip5\n"
          "V1,Ana,Lee,12,Main St,,Springfield,WI,53205\n"
          "V2,Bo,Lee,12,Main St,,Springfield,WI,53205\n"
          "V3,Cy,Ruiz,9,Main St,Apt 2,Springfield,WI,53205\n"
          "V4,Di,Kay,300,Elm Ave,,Springfield,WI,53205\n")


def _store_and_file(make_site: Callable[..., Site], tmp_path: Path) -> tuple[Store, Path]:
    """A new site's store and the voter file :data:`VOTERS`."""
    voters = tmp_path / "voters.csv"
    voters.write_text(VOTERS, encoding="utf-8")
    return make_site("a").store, voters


def test_a_voter_import_computes_the_rollups_of_what_it_inserted_once(
    make_site: Callable[..., Site], tmp_path: Path
) -> None:
    from fieldapp.core.models import StoreMeta
    from fieldapp.services.importing import import_doors

    store, first = _store_and_file(make_site, tmp_path)
    triggers_before = _triggers(store)
    assert len([t for t in triggers_before if "rollups_paused" in t[1]]) == 4
    import_doors(store, first)  # into an empty store (indexes built after the load)
    assert _triggers(store) == triggers_before  # dropped for the load, made again
    assert sorted(count for count, _, _ in rollups(store).values()) == [1, 1, 2]
    assert_rollups_right(store)
    knock(store, next(iter(rollups(store))), "canvassed", 0)
    again = tmp_path / "more.csv"  # V2 moved to a new door, V5 new at an old one
    again.write_text(VOTERS.replace("V2,Bo,Lee,12,Main St", "V2,Bo,Lee,14,Main St")
                     + "V5,Eve,Kay,300,Elm Ave,,Springfield,WI,53205\n", encoding="utf-8")
    import_doors(store, again)
    assert sorted(count for count, _, _ in rollups(store).values()) == [1, 1, 1, 2]
    assert_rollups_right(store)
    with store.session() as s:
        assert s.get(StoreMeta, "rollups_paused") is None  # the pause ends with the import
    with store.transaction() as s:  # and the triggers work again afterwards
        s.add(Person(first_name="Fay", door_id=next(iter(rollups(store)))))
    assert_rollups_right(store)


def test_an_import_that_stops_leaves_the_insert_triggers_as_they_were(
    make_site: Callable[..., Site], tmp_path: Path
) -> None:
    import pytest

    from fieldapp.errors import CancelledError
    from fieldapp.services.importing import import_doors
    from fieldapp.services.progress import Progress

    store, voters = _store_and_file(make_site, tmp_path)
    before = _triggers(store)

    class Cancel(Progress):
        def check(self) -> None:
            self.cancel()
            super().check()

    with pytest.raises(CancelledError):
        import_doors(store, voters, progress=Cancel())
    assert _triggers(store) == before
    import_doors(store, voters, dry_run=True)
    assert _triggers(store) == before
    with store.transaction() as s:  # the insert triggers keep the rollups and search right
        door = Door(street_number="5", street_name="Oak St", city="Springfield", state="WI",
                    address_key="5|oak st|springfield|wi|")
        s.add(door)
        s.flush()
        s.add(Person(first_name="Fay", last_name="Oakley", door_id=door.id))
    assert_rollups_right(store)
    assert rollups(store)[door.id][0] == 1
    with store.session() as s:  # (the search index, too)
        from fieldapp.core.search import found_ids

        assert found_ids(s.connection(), "people", '"oakley"', 10) == [s.scalar(
            select(Person.id).where(Person.last_name == "Oakley"))]
        assert found_ids(s.connection(), "doors", '"oak st"', 10) == [door.id]
