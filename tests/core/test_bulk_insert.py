"""bulk_insert writes exactly what an ORM insert writes.

bulk_insert sends plain tuples to the database driver (for import speed), so it
converts values itself: JSON dumped, aware datetimes stored as naive UTC,
booleans, NULLs, column defaults. These tests insert the same values once
through ORM objects and once through bulk_insert and compare the stored rows
as the driver returns them (no SQLAlchemy type processing on the way back),
then as the ORM loads them. On SQLite always; on PostgreSQL with the test
server of tests/pgserver.py, where a batch of rows goes through COPY.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from fieldapp.core.db import Store, open_store
from fieldapp.core.fastinsert import COPY_MIN_ROWS
from fieldapp.core.ids import new_id
from fieldapp.core.models import Campaign, ContactAttempt, Door, Person, SurveyQuestion, Synced
from fieldapp.core.stamping import bulk_insert

CEST = dt.timezone(dt.timedelta(hours=2))

CAMPAIGN = {"name": "Spring push", "description": "", "organization_id": None,
            "result_codes": ["canvassed", "not_home"],
            "starts_on": dt.datetime(2026, 4, 1, 9, 30, 15, 250000, tzinfo=dt.UTC),
            "ends_on": None}
QUESTION = {"position": 2, "key": "support",
            "text": {"en": "Will you vote?", "es": "¿Votará usted? «sí»"},
            "choices": [{"value": "yes", "label": {"en": "Yes", "es": "Sí"}}, {"value": None}],
            "show_if_question_id": None, "show_if_answer": None}
DOOR = {"street_number": "2147", "house_number": 2147, "street_name": "W Kilbourn Ave",
        "unit": "Apt 3", "city": "Milwaukee", "state": "WI", "zip": "53233",
        "address_key": "k", "building_key": "b", "lat": 43.0412345678, "lon": -87.9456789012,
        "geocode_source": "file", "turf_id": None, "do_not_knock": True,
        "do_not_knock_reason": "dog", "merged_into_id": None,
        "notes": 'gate\tcode "4\\2"\nback door \\N, \\. or \u00e9'}
PERSON = {"first_name": "José", "last_name": "Ñúñez", "phone": "", "tags": ["vip", "es"],
          "birth_year": None, "voter_id": "V1", "do_not_call": False, "do_not_text": True,
          "merged_into_id": None}
ATTEMPT = {"attempted_at": dt.datetime(2026, 5, 2, 18, 5, 0, tzinfo=CEST), "channel": "door",
           "result_code": "canvassed", "support": None, "answers": {"support": "yes", "n": [1, 2.5]},
           "person_id": None}

# (model, values); parent ids are filled in by the test
CASES: list[tuple[type[Synced], dict[str, Any]]] = [
    (Campaign, CAMPAIGN), (SurveyQuestion, QUESTION), (Door, DOOR), (Person, PERSON),
    (ContactAttempt, ATTEMPT),
]
STAMPS = {"id", "hlc", "born_hlc"}  # differ between the two inserts by design


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request: pytest.FixtureRequest, tmp_path: Any) -> Store:
    if request.param == "sqlite":
        return open_store(tmp_path / "s.sqlite")
    return open_store(request.getfixturevalue("pg_url"))


def _raw(store: Store, model: type[Synced], record_id: str) -> dict[str, Any]:
    with store.engine.connect() as conn:
        row = conn.execute(text(f"SELECT * FROM {model.__tablename__} WHERE id = :id"),
                           {"id": record_id}).mappings().one()
    return {k: v for k, v in row.items() if k not in STAMPS}


def _loaded(store: Store, model: type[Synced], record_id: str) -> dict[str, Any]:
    with store.session() as s:
        obj = s.get(model, record_id)
        assert obj is not None
        return {c.key: getattr(obj, c.key) for c in model.__table__.columns if c.key not in STAMPS}


@pytest.mark.parametrize("batch", [1, COPY_MIN_ROWS], ids=["one row", "a batch"])
def test_bulk_inserted_rows_read_back_like_orm_inserted_ones(any_store: Store, batch: int) -> None:
    store = any_store
    ids: dict[str, tuple[str, str]] = {}
    with store.transaction() as s:
        parents: dict[str, Any] = {}
        for model, values in CASES:
            values = dict(values)
            if model is SurveyQuestion:
                values["campaign_id"] = parents["campaign"]
            if model is Person:
                values["door_id"] = parents["door"]
            if model is ContactAttempt:
                values.update(door_id=parents["door"], campaign_id=parents["campaign"])
            orm = model(**values)
            s.add(orm)
            s.flush()
            bulk_rows = [{"id": new_id(), **values} for _ in range(batch)]
            bulk_insert(s, model, bulk_rows)
            ids[model.__tablename__] = (orm.id, [r["id"] for r in bulk_rows])
            if model is Door:
                parents["door"] = orm.id
            if model is Campaign:
                parents["campaign"] = orm.id
    for model, _ in CASES:
        orm_id, bulk_ids = ids[model.__tablename__]
        for bulk_id in bulk_ids:
            assert _raw(store, model, bulk_id) == _raw(store, model, orm_id), model.__tablename__
            assert _loaded(store, model, bulk_id) == _loaded(store, model, orm_id), model.__tablename__
    attempt = _loaded(store, ContactAttempt, ids["contact_attempts"][1][-1])
    assert attempt["attempted_at"] == dt.datetime(2026, 5, 2, 16, 5, tzinfo=dt.UTC)
    store.close()


def test_rows_giving_different_keys_keep_their_values_and_get_defaults(any_store: Store) -> None:
    """One row with coordinates, one without, one with an unknown key: none is lost."""
    store = any_store
    rows = [{"street_name": "A St"},
            {"street_name": "B St", "lat": 43.1, "lon": -87.9, "do_not_knock": True},
            {"street_name": "C St", "lat": None, "not_a_column": 1}]
    with store.transaction() as s:
        bulk_insert(s, Door, rows)
    with store.session() as s:
        found = {d.street_name: d for d in s.scalars(select(Door))}
        assert (found["A St"].lat, found["A St"].lon) == (None, None)
        assert (found["B St"].lat, found["B St"].lon) == (43.1, -87.9)
        assert found["B St"].do_not_knock is True
        assert found["A St"].do_not_knock is False and found["A St"].clocks == {}
        assert found["C St"].notes == "" and found["C St"].deleted is False
        assert len({d.id for d in found.values()}) == 3
    store.close()


def test_a_batch_that_breaks_a_rule_raises_the_database_error_and_writes_nothing(
        any_store: Store) -> None:
    """A repeated id in a batch: the same IntegrityError as any insert (which the bundle
    import turns into its message), and none of the batch's rows stay."""
    store = any_store
    rows = [{**DOOR, "id": new_id(), "address_key": f"k{i}"} for i in range(COPY_MIN_ROWS)]
    rows[-1]["id"] = rows[0]["id"]
    with pytest.raises(IntegrityError), store.transaction() as s:
        bulk_insert(s, Door, rows)
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Door)) == 0
    store.close()


def _index_names(store: Store, table: str) -> set[str]:
    with store.engine.connect() as conn:
        return {row[0] for row in conn.exec_driver_sql(
            f"SELECT name FROM sqlite_master WHERE type='index' AND tbl_name='{table}'"
            " AND sql IS NOT NULL")}


def _door_rows(count: int, prefix: str) -> list[dict[str, Any]]:
    return [{**DOOR, "id": new_id(), "address_key": f"{prefix}{i}"} for i in range(count)]


def test_bulk_load_on_an_empty_store_builds_the_other_indexes_after_the_load(tmp_path: Any) -> None:
    from fieldapp.core.fastinsert import bulk_load

    store = open_store(tmp_path / "s.sqlite")
    doors = Door.__table__
    all_indexes = _index_names(store, "doors")
    seen_during: set[str] = set()
    with store.transaction() as session, bulk_load(
        session.connection(), [doors], lookups=[doors.c.address_key]
    ):
            bulk_insert(session, Door, _door_rows(50, "a"))
            seen_during = {row[0] for row in session.connection().exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type='index' AND tbl_name='doors'"
                " AND sql IS NOT NULL")}
    # the lookup index stays for the load; the others are back afterwards
    assert "ix_doors_address_key" in seen_during
    assert "ix_doors_hlc" not in seen_during
    assert _index_names(store, "doors") == all_indexes
    with store.engine.connect() as conn:
        plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT id FROM doors WHERE building_key = 'b'"))
        assert "ix_doors_building_key" in plan
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def test_bulk_load_into_a_store_with_rows_keeps_every_index(tmp_path: Any) -> None:
    from fieldapp.core.fastinsert import bulk_load

    store = open_store(tmp_path / "s.sqlite")
    doors = Door.__table__
    with store.transaction() as session:
        bulk_insert(session, Door, _door_rows(3, "old"))
    all_indexes = _index_names(store, "doors")
    with store.transaction() as session, bulk_load(
        session.connection(), [doors], lookups=[doors.c.address_key]
    ):
            bulk_insert(session, Door, _door_rows(5, "new"))
            assert {row[0] for row in session.connection().exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type='index' AND tbl_name='doors'"
                " AND sql IS NOT NULL")} == all_indexes


def test_a_failed_bulk_load_leaves_no_rows_and_every_index(tmp_path: Any) -> None:
    from fieldapp.core.fastinsert import bulk_load

    store = open_store(tmp_path / "s.sqlite")
    doors = Door.__table__
    all_indexes = _index_names(store, "doors")
    with pytest.raises(RuntimeError), store.transaction() as session, bulk_load(
        session.connection(), [doors], lookups=[doors.c.address_key]
    ):
            bulk_insert(session, Door, _door_rows(5, "x"))
            raise RuntimeError("cancelled")
    assert _index_names(store, "doors") == all_indexes
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM doors").scalar() == 0


def test_one_bulk_insert_takes_its_stamps_in_one_reservation(tmp_path: Any) -> None:
    store = open_store(tmp_path / "s.sqlite")
    with store.transaction() as session:
        bulk_insert(session, Door, _door_rows(20, "a"))
    with store.transaction() as session:
        bulk_insert(session, Door, _door_rows(20, "b"))
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT address_key, hlc, born_hlc, site_id, born_site FROM doors").all()
    first = {r[1] for r in rows if r[0].startswith("a")}
    second = {r[1] for r in rows if r[0].startswith("b")}
    assert len(first) == 20 and len(second) == 20  # every record its own stamp
    assert max(first) < min(second)  # the clock moved on between the writes
    assert all(r[1] == r[2] and r[3] == r[4] == store.site_id for r in rows)
    assert int(store.meta("hlc_last") or 0) == max(second)


def test_bulk_load_builds_an_on_demand_index_when_asked_and_keeps_it(tmp_path: Any) -> None:
    from fieldapp.core.fastinsert import bulk_load

    store = open_store(tmp_path / "s.sqlite")
    doors = Door.__table__
    all_indexes = _index_names(store, "doors")

    def names(session: Any) -> set[str]:
        return {row[0] for row in session.connection().exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type='index' AND tbl_name='doors'"
            " AND sql IS NOT NULL")}

    with store.transaction() as session, bulk_load(
        session.connection(), [doors], lookups=[doors.c.address_key],
        on_demand=[doors.c.building_key],
    ) as deferred:
            assert deferred.empty
            bulk_insert(session, Door, _door_rows(20, "a"))
            assert "ix_doors_building_key" not in names(session)
            deferred.require(doors.c.building_key)
            assert "ix_doors_building_key" in names(session)
            deferred.require(doors.c.building_key)  # once is enough
            bulk_insert(session, Door, _door_rows(20, "b"))
    assert _index_names(store, "doors") == all_indexes
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert conn.exec_driver_sql(
            "SELECT count(*) FROM doors INDEXED BY ix_doors_building_key WHERE building_key > ''"
        ).scalar() == 40


@pytest.mark.parametrize("notes", ["", "O'Brien's \"gate\"; -- DROP TABLE doors", "a\x00b",
                                   "back\\slash ñ 中 '' ?"],
                         ids=["empty", "quotes", "nul", "marks"])
@pytest.mark.parametrize("lat", [None, 43.0412345678901], ids=["no float", "a float"])
def test_values_the_same_for_every_row_are_stored_as_given(any_store: Store, notes: str,
                                                           lat: float | None) -> None:
    """A batch's shared values (written into the statement on SQLite rather than bound
    per row, unless one is a float) come back exactly: quotes, NULs, question marks,
    floats, NULL, booleans."""
    from fieldapp.core.stamping import bulk_insert_tuples

    store = any_store
    same = {"notes": notes, "lat": lat, "lon": None, "do_not_knock": True,
            "geocode_quality": "rooftop?", "house_number": 7}
    if "\x00" in notes and store.engine.dialect.name == "postgresql":
        with pytest.raises(DBAPIError), store.transaction() as s:  # (its text holds no NUL)
            bulk_insert_tuples(s, Door, ("street_name",), [("A St",)] * COPY_MIN_ROWS, same)
        return
    with store.transaction() as s:
        bulk_insert_tuples(s, Door, ("street_name", "address_key"),
                           [(f"{n} St'", f"k{n}") for n in range(COPY_MIN_ROWS + 2)], same)
    with store.session() as s:
        doors = list(s.scalars(select(Door).order_by(Door.address_key)))
    assert len(doors) == COPY_MIN_ROWS + 2
    for door in doors:
        assert (door.notes, door.lat, door.lon, door.do_not_knock, door.geocode_quality,
                door.house_number, door.deleted) == (notes, lat, None, True,
                                                     "rooftop?", 7, False)
    assert {d.street_name for d in doors} == {f"{n} St'" for n in range(COPY_MIN_ROWS + 2)}
    store.close()
