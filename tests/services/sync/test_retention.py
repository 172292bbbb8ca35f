"""Retention: a laptop drops the personal details HQ already holds, outside the turfs
it keeps, and sync stays correct: HQ's store does not change, nothing unsent is lost,
and a packet from HQ brings the details back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select

from fieldapp.core.models import ContactAttempt, Door, Person, SyncConflict
from fieldapp.services import retention
from fieldapp.services.demo import seed_demo
from tests.conftest import DEMO_DAY
from tests.services.sync.helpers import Site, connect, dump
from tests.services.sync.test_merge import edit, export, imp, tick


def _details(site: Site) -> dict[str, tuple[str, str, str | None]]:
    """person id -> (phone, email, turf id)."""
    with site.store.session() as s:
        q = select(Person.id, Person.phone, Person.email, Door.turf_id).join(
            Door, Door.id == Person.door_id)
        return {r[0]: (r[1], r[2], r[3]) for r in s.execute(q)}


def _attempts_by_turf(site: Site) -> dict[str | None, int]:
    with site.store.session() as s:
        q = (select(Door.turf_id, func.count()).select_from(ContactAttempt)
             .join(Door, Door.id == ContactAttempt.door_id).group_by(Door.turf_id))
        return {r[0]: r[1] for r in s.execute(q)}


def test_purge_keeps_turf_details_and_leaves_hq_unchanged(
        make_site: Callable[..., Site], hq: Site, tmp_path: Path) -> None:
    laptop = make_site("laptop")
    seed_demo(laptop.store, doors=150, seed=7, today=DEMO_DAY)
    connect(laptop, hq)
    out = tmp_path / "out"
    with laptop.store.session() as s:
        assert retention.unsent_count(s) > 0
        nothing = retention.purge_uploaded(s, [], [])
    assert nothing.watermark is None and nothing.total == 0

    first = export(laptop, out)
    imp(hq, first)
    hq_before = dump(hq.store)
    before = _details(laptop)
    attempts_before = _attempts_by_turf(laptop)
    keep = next(t for t, n in attempts_before.items() if t and n)
    # A phone changed after the export is not uploaded yet: it must survive the purge.
    unsent_person = next(p for p, (_, _, t) in before.items() if t != keep)
    tick(laptop, 1000)
    edit(laptop, Person, unsent_person, phone="(414) 555-0199")

    with laptop.store.transaction() as s:
        assert retention.unsent_count(s) == 1
        report = retention.purge_uploaded(s, retention.uploaded_bundle_ids(s), [keep])
    assert report.fields_cleared["people"] > 0 and report.contact_attempts_removed > 0

    after = _details(laptop)
    assert after.keys() == before.keys()  # ids stay
    for pid, (phone, email, turf) in after.items():
        if pid == unsent_person:
            assert phone == "(414) 555-0199"
        elif turf == keep:
            assert (phone, email) == before[pid][:2]
        else:
            assert (phone, email) == ("", "")
    attempts_after = _attempts_by_turf(laptop)
    assert attempts_after[keep] == attempts_before[keep]
    assert sum(attempts_after.values()) < sum(attempts_before.values())

    # The purged laptop's next full export changes nothing at HQ but the one new phone.
    imp(hq, export(laptop, out))
    with hq.store.session() as s:
        # No conflict at all: the new phone is a later edit of a value HQ had seen (not a
        # concurrent one), and a purged blank with the floor clock loses without a conflict.
        conflicts = [(c.record_id, c.field, c.winner_value) for c in s.scalars(select(SyncConflict))]
        assert conflicts == []
        assert s.get(Person, unsent_person).phone == "(414) 555-0199"
    edit(hq, Person, unsent_person, phone=before[unsent_person][0])
    # HQ sends everything back: the details return to the laptop.
    imp(laptop, export(hq, out))
    restored = _details(laptop)
    assert {p: v[:2] for p, v in restored.items()} == {p: v[:2] for p, v in before.items()}
    assert len(hq_before) > 1000


def test_only_a_confirmed_unbroken_chain_counts(
        make_site: Callable[..., Site], hq: Site, tmp_path: Path) -> None:
    laptop = make_site("laptop")
    connect(laptop, hq)
    out = tmp_path / "out"
    a = export(laptop, out).name.split("-", 2)[2].removesuffix(".fieldbundle")
    edit_door = laptop.store
    with edit_door.transaction() as s:
        s.add(Door(street_name="Elm St", notes="dog", address_key="1 elm st"))
    tick(laptop, 1000)
    b = export(laptop, out, since_last=True).name.split("-", 2)[2].removesuffix(".fieldbundle")
    with laptop.store.transaction() as s:
        only_second = retention.confirmed_watermark(s, [b])
        both = retention.confirmed_watermark(s, [a, b])
        assert only_second is None  # the first link is missing: nothing is proven uploaded
        assert both is not None
        assert retention.purge_uploaded(s, [b], []).total == 0
        assert retention.purge_uploaded(s, [a, b], []).fields_cleared["doors"] == 1


def test_wipe_removes_store_backups_and_key_only_when_nothing_is_unsent(tmp_path: Path) -> None:
    import keyring
    import pytest

    from fieldapp.core import cipher
    from fieldapp.core.db import backup_sqlite, open_store
    from fieldapp.errors import InputError
    from fieldapp.services import storekey

    path = tmp_path / "laptop.sqlite"
    key = cipher.new_key()
    storekey.save_key(path, key)
    store = open_store(path, key=key)
    assert cipher.file_state(path) == "encrypted"
    backup = backup_sqlite(store.engine, "before-x")
    store.close()
    other = tmp_path / "other.sqlite"
    other.write_bytes(b"")
    with pytest.raises(InputError, match="not uploaded"):
        retention.wipe_store(path, unsent=3)
    assert path.exists()
    removed = retention.wipe_store(path, unsent=0)
    assert path in removed and backup in removed
    assert not path.exists() and backup is not None and not backup.exists()
    assert other.exists()
    assert keyring.get_password(storekey.SERVICE, str(path.resolve())) is None


def test_a_bundle_still_waiting_in_the_outbox_is_not_taken_as_uploaded(
        make_site: Callable[..., Site], hq: Site) -> None:
    """Purge --uploaded must never drop what HQ has not confirmed: a bundle in the
    outbox (written, not sent yet) does not count; once sent it does."""
    from fieldapp.services.campaign import outbox

    laptop = make_site("laptop")
    seed_demo(laptop.store, doors=60, seed=3, today=DEMO_DAY)
    connect(laptop, hq)
    result = outbox.export_to_outbox(laptop.store)
    with laptop.store.session() as s:
        assert result.manifest.bundle_id not in retention.uploaded_bundle_ids(s)
        nothing = retention.purge_uploaded(s, retention.uploaded_bundle_ids(s), [])
    assert nothing.total == 0
    outbox.mark_sent(result.path, laptop.paths)  # what sync does once HQ confirms it stored the bundle
    with laptop.store.session() as s:
        assert result.manifest.bundle_id in retention.uploaded_bundle_ids(s)
