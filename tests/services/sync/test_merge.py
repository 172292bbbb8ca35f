"""The merge rules a user relies on: last writer wins per field, losers kept,
deletes that stay deleted, undeletes by newer edits, facts by union, and the
same store whatever the order of the bundles."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from fieldapp.core.db import Store, open_store
from fieldapp.core.models import ContactAttempt, Door, Person, PossibleDuplicate, SyncConflict
from fieldapp.services.sync.bundle import export_bundle
from fieldapp.services.sync.merge import import_bundle, merge_rows, resolve_duplicate
from tests.services.sync.helpers import Site, connect, dump, dump_tables

MINUTE = 60_000


def new_door(site: Site, **values: object) -> str:
    with site.store.transaction() as s:
        door = Door(street_number="12", street_name="Main St", city="Milwaukee",
                    address_key=str(values.pop("address_key", "")), **values)
        s.add(door)
        s.flush()
        return door.id


def edit(site: Site, model: type, rid: str, **values: object) -> None:
    with site.store.transaction() as s:
        obj = s.get(model, rid)
        for k, v in values.items():
            setattr(obj, k, v)


def tick(site: Site, ms: int) -> None:
    site.store.clock._wall.ms += ms  # type: ignore[attr-defined]


def export(site: Site, out: Path, **kw: object) -> Path:
    return export_bundle(site.store, out, **kw).path  # type: ignore[arg-type]


def imp(site: Site, path: Path, store: Store | None = None, **kw: object):  # type: ignore[no-untyped-def]
    """Import as ``site`` (its keys and trust) into its store or into ``store``."""
    target = store or site.store
    target.site = site.paths
    return import_bundle(target, path, **kw)  # type: ignore[arg-type]


def fresh(tmp_path: Path, name: str) -> Store:
    """Another empty store (opened with a reader site's keys by ``imp``)."""
    return open_store(tmp_path / f"{name}.sqlite")


def test_last_writer_wins_per_field_and_the_loser_is_kept(make_site: Callable[..., Site], tmp_path: Path) -> None:
    a, b, hq = make_site("a"), make_site("b"), make_site("hq")
    connect(a, b, hq)
    door = new_door(a)
    imp(b, export(a, tmp_path))
    tick(a, 1000)
    edit(a, Door, door, notes="dog in yard", unit="A")
    tick(b, 5000)
    edit(b, Door, door, notes="beware of dog")  # later: wins on notes; unit untouched
    ba, bb = export(a, tmp_path), export(b, tmp_path)
    imp(hq, ba)
    result = imp(hq, bb)
    assert result.tables["doors"].updated == 1
    with hq.store.session() as s:
        row = s.get(Door, door)
        assert (row.notes, row.unit) == ("beware of dog", "A")
        conflicts = list(s.scalars(select(SyncConflict)))
    assert [(c.field, c.winner_value, c.loser_value) for c in conflicts] == [
        ("notes", "beware of dog", "dog in yard")]
    assert conflicts[0].loser_site == a.store.site_id
    assert conflicts[0].winner_site == b.store.site_id


def test_any_order_and_repetition_gives_the_same_dump(make_site: Callable[..., Site], tmp_path: Path) -> None:
    a, b, c, reader = make_site("a"), make_site("b"), make_site("c"), make_site("reader")
    connect(a, b, c, reader)
    d1 = new_door(a, notes="one")
    first = export(a, tmp_path)
    imp(b, first)
    imp(c, first)
    tick(b, 10)
    edit(b, Door, d1, notes="from b")
    tick(c, 20)
    edit(c, Door, d1, do_not_knock=True)
    with c.store.transaction() as s:
        s.add(ContactAttempt(door_id=d1, attempted_at=dt.datetime.now(dt.UTC), result_code="not_home"))
    tick(a, 30)
    edit(a, Door, d1, notes="from a")
    bundles = [first, export(a, tmp_path), export(b, tmp_path), export(c, tmp_path)]
    dumps = set()
    for n, order in enumerate(itertools.permutations(bundles)):
        if n % 3:
            continue
        target = fresh(tmp_path, f"t{n}")
        for path in [*order, order[0]]:  # a repeat too
            imp(reader, path, target)
        dumps.add(dump(target))
        target.close()
    assert len(dumps) == 1
    rows = json.loads(dumps.pop())["tables"]
    assert rows["doors"][0]["notes"] == "from a"
    assert rows["doors"][0]["do_not_knock"] is True
    assert len(rows["contact_attempts"]) == 1


def test_a_stale_edit_never_resurrects_but_a_newer_one_undeletes(make_site: Callable[..., Site], tmp_path: Path) -> None:
    a, b, hq = make_site("a"), make_site("b"), make_site("hq")
    connect(a, b, hq)
    door = new_door(a)
    imp(b, export(a, tmp_path))
    tick(b, 1000)
    edit(b, Door, door, notes="stale")  # before the delete
    tick(a, 2000)
    edit(a, Door, door, deleted=True)
    stale, deleted = export(b, tmp_path), export(a, tmp_path)
    imp(hq, deleted)
    assert imp(hq, stale).total().undeleted == 0
    with hq.store.session() as s:
        assert s.get(Door, door).deleted is True
        assert s.get(Door, door).notes == "stale"  # the edit is kept, the door stays deleted
    tick(b, 5000)
    edit(b, Door, door, notes="newer than the delete")
    result = imp(hq, export(b, tmp_path))
    assert result.total().undeleted == 1
    with hq.store.session() as s:
        assert s.get(Door, door).deleted is False
        undelete = s.scalars(select(SyncConflict).where(SyncConflict.field == "deleted")).one()
        assert (undelete.winner_value, undelete.loser_value) == (False, True)
        assert (undelete.winner_site, undelete.loser_site) == (b.store.site_id, a.store.site_id)
    other = fresh(tmp_path, "other")
    for path in sorted(tmp_path.glob("*.fieldbundle"), reverse=True):
        imp(hq, path, other)
    assert dump(other) == dump(hq.store)
    other.close()


def test_a_tombstone_for_a_record_never_seen_is_kept(make_site: Callable[..., Site], tmp_path: Path) -> None:
    a, hq = make_site("a"), make_site("hq")
    connect(a, hq)
    door = new_door(a)
    edit(a, Door, door, deleted=True)
    imp(hq, export(a, tmp_path))
    with hq.store.session() as s:
        assert s.get(Door, door).deleted is True


def test_merge_rows_is_a_join() -> None:
    site_a, site_b = "a" * 8 + "-0000-4000-8000-" + "0" * 12, "b" * 8 + "-0000-4000-8000-" + "0" * 12
    base = {f: None for f in Door.data_fields()}
    base.update(street_number="", street_name="", unit="", city="", state="", zip="", address_key="",
                building_key="", geocode_source="", geocode_quality="", do_not_knock=False,
                do_not_knock_reason="", notes="", deleted=False)
    born = {"id": "x", "born_hlc": 100, "born_site": site_a, "hlc": 100, "site_id": site_a, "clocks": {}}
    x = {**base, **born, "notes": "x", "clocks": {"notes": f"{200:016x}:{site_a}"}, "hlc": 200}
    y = {**base, **born, "notes": "y", "clocks": {"notes": f"{200:016x}:{site_b}"}, "hlc": 200, "site_id": site_b}
    z = {**base, **born, "deleted": True, "clocks": {"deleted": f"{150:016x}:{site_a}"}, "hlc": 150}
    for p, q in itertools.permutations([x, y, z], 2):
        pq, _, _ = merge_rows(Door, p, q)
        qp, _, _ = merge_rows(Door, q, p)
        assert pq == qp
    left, _, _ = merge_rows(Door, merge_rows(Door, x, y)[0], z)
    right, _, _ = merge_rows(Door, x, merge_rows(Door, y, z)[0])
    assert left == right
    assert left["notes"] == "y"  # equal HLC: the greater site id wins
    assert left["deleted"] is False  # the notes edits (200) are newer than the delete (150)
    assert merge_rows(Door, left, left)[0] == left


def test_contact_attempts_merge_by_union(make_site: Callable[..., Site], tmp_path: Path) -> None:
    a, b, hq = make_site("a"), make_site("b"), make_site("hq")
    connect(a, b, hq)
    door = new_door(a)
    imp(b, export(a, tmp_path))
    for site, code in ((a, "not_home"), (b, "canvassed"), (b, "refused")):
        with site.store.transaction() as s:
            s.add(ContactAttempt(door_id=door, attempted_at=dt.datetime.now(dt.UTC), result_code=code))
    imp(hq, export(a, tmp_path))
    imp(hq, export(b, tmp_path))
    imp(hq, export(a, tmp_path))
    codes = sorted(r["result_code"] for r in dump_tables(hq.store)["contact_attempts"])
    assert codes == ["canvassed", "not_home", "refused"]


def test_same_address_on_two_laptops_is_a_possible_duplicate_resolved_by_a_synced_write(
    make_site: Callable[..., Site], tmp_path: Path
) -> None:
    a, b, hq = make_site("a"), make_site("b"), make_site("hq")
    connect(a, b, hq)
    da = new_door(a, address_key="12 main st|milwaukee")
    db = new_door(b, address_key="12 main st|milwaukee")
    with b.store.transaction() as s:
        s.add(Person(first_name="Ana", door_id=db))
    imp(hq, export(a, tmp_path))
    result = imp(hq, export(b, tmp_path))
    assert result.duplicates == 1
    with hq.store.session() as s:
        dup = s.scalars(select(PossibleDuplicate)).one()
    resolve_duplicate(hq.store, dup.pk, "merge", keep_id=da)
    with hq.store.session() as s:
        assert s.get(Door, db).merged_into_id == da and s.get(Door, db).deleted
        assert s.scalars(select(Person)).one().door_id == da
    imp(b, export(hq, tmp_path))  # the resolution travels like any edit
    with b.store.session() as s:
        assert s.get(Door, db).deleted and s.scalars(select(Person)).one().door_id == da


def test_one_address_on_three_laptops_gives_each_pair_once_for_review(
    make_site: Callable[..., Site], tmp_path: Path
) -> None:
    a, b, c, hq = make_site("a"), make_site("b"), make_site("c"), make_site("hq")
    connect(a, b, c, hq)
    doors = sorted(new_door(site, address_key="12 main st|milwaukee") for site in (a, b, c))
    imp(hq, export(a, tmp_path / "a"))
    assert imp(hq, export(b, tmp_path / "b")).duplicates == 1
    assert imp(hq, export(c, tmp_path / "c")).duplicates == 2  # c pairs with a and with b
    # A fourth door there: three new pairs, the three known ones not again.
    doors = sorted([*doors, new_door(a, address_key="12 main st|milwaukee")])
    assert imp(hq, export(a, tmp_path / "a2", since_last=True)).duplicates == 3
    with hq.store.session() as s:
        pairs = [(d.table_name, d.a_id, d.b_id, d.reason, d.status)
                 for d in s.scalars(select(PossibleDuplicate).order_by(PossibleDuplicate.a_id,
                                                                        PossibleDuplicate.b_id))]
    reason = "same address: 12 main st|milwaukee"
    assert pairs == [("doors", x, y, reason, "open") for x, y in itertools.combinations(doors, 2)]


def test_a_child_without_its_parent_is_held_until_the_parent_arrives(
    make_site: Callable[..., Site], tmp_path: Path
) -> None:
    a, hq, other = make_site("a"), make_site("hq"), make_site("other")
    connect(a, hq, other)
    door = new_door(a)
    full = export(a, tmp_path / "1")
    with a.store.transaction() as s:
        s.add(Person(first_name="Ana", door_id=door))
    from tests.services.sync.helpers import bundle_files, craft_bundle

    files = bundle_files(a, export(a, tmp_path / "2", since_last=True))
    files["data/doors.ndjson"] = b""  # a bundle that lacks the parent (hand-made)
    child_only = craft_bundle(a, tmp_path / "child.fieldbundle", files, recipients=[hq.keys.recipient, other.keys.recipient],
                              manifest={"hlc_min": "0000000000000000"})
    result = imp(hq, child_only)
    assert result.status == "partial"
    assert result.tables["people"].held == 1 and "people" in result.message
    assert dump_tables(hq.store)["people"] == []
    imp(hq, full)  # the door arrives: the held person is merged
    assert len(dump_tables(hq.store)["people"]) == 1
    imp(other, full)
    imp(other, child_only)
    assert dump(other.store) == dump(hq.store) == dump(a.store)


def test_clock_far_ahead_is_quarantined_until_accepted(make_site: Callable[..., Site], tmp_path: Path) -> None:
    a, hq = make_site("a"), make_site("hq")
    connect(a, hq)
    tick(a, 20 * MINUTE)
    new_door(a)
    path = export(a, tmp_path)
    before = dump(hq.store)
    result = imp(hq, path)
    assert result.status == "quarantined"
    assert "20.0 minutes ahead" in result.message and "fieldapp bundle accept" in result.message
    assert dump(hq.store) == before
    assert imp(hq, path).status == "quarantined"
    from fieldapp.services.sync.merge import accept_bundle

    accepted = accept_bundle(hq.store, result.bundle_id[:8])
    assert accepted.status == "merged"
    assert dump(hq.store) == dump(a.store)
    assert hq.store.clock.last >= a.store.clock.last
