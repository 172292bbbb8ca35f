"""The retention setting over HTTP: after a sync in which HQ confirmed bundles, the laptop
drops the personal details HQ holds, except for the people of its newest turf packet."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from fieldapp.cli import main
from fieldapp.core.models import Door, Person, Turf
from fieldapp.services import retention
from fieldapp.services.campaign import outbox, state
from fieldapp.services.campaign.client import RetryPolicy
from fieldapp.services.campaign.sync import sync
from fieldapp.services.demo import seed_demo
from fieldapp.services.hq.packets import make_packet
from tests.conftest import DEMO_DAY
from tests.server.conftest import write_join

pytestmark = pytest.mark.postgres

FAST = RetryPolicy(tries=3, base=0.05, cap=0.2)


def _phones_by_turf(store) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    with store.session() as s:
        rows = s.execute(select(Turf.name, Person.phone).join(Door, Person.door_id == Door.id)
                         .join(Turf, Door.turf_id == Turf.id)).all()
    out: dict[str, list[str]] = {}
    for name, phone in rows:
        out.setdefault(name, []).append(phone or "")
    return out


def test_sync_purges_what_hq_confirmed_outside_the_packet(make_hq, make_laptop, pg_url,  # type: ignore[no-untyped-def]
                                                          tmp_path: Path, capsys) -> None:
    hq = make_hq(pg_url)
    seed_demo(hq.store, doors=120, seed=3, today=DEMO_DAY)
    with hq.store.session() as s:
        names = list(s.scalars(select(Turf.name).order_by(Turf.name)))[:2]
    url = hq.serve()
    laptop = make_laptop("kim")
    state.join(write_join(hq.invite("Kim", [url], turfs=names), tmp_path / "kim.join"),
               site=laptop.paths)
    assert sync(laptop.store, policy=FAST).online
    make_packet(hq.store, hq.spool, "Kim")  # both turfs
    assert len(sync(laptop.store, policy=FAST).packets) == 1
    make_packet(hq.store, hq.spool, "Kim", turfs=[names[0]])  # the newest: one turf
    assert len(sync(laptop.store, policy=FAST).packets) == 1
    before = _phones_by_turf(laptop.store)
    assert all(any(before[n]) for n in names), "the demo gives people phones"

    outbox.export_to_outbox(laptop.store)
    off = sync(laptop.store, policy=FAST)  # the setting is off by default: nothing dropped
    assert off.sent and off.purged is None and _phones_by_turf(laptop.store) == before

    assert main(["--data-dir", str(laptop.dir / "data"), "store", "auto-purge", "on"]) == 0
    assert retention.auto_purge_enabled()
    assert "on" in capsys.readouterr().out
    outbox.export_to_outbox(laptop.store)
    db = str(laptop.dir / "store.sqlite")
    laptop.store.close()
    assert main(["--data-dir", str(laptop.dir / "data"), "--db", db, "sync"]) == 0
    assert "automatic purge" in capsys.readouterr().out
    after = _phones_by_turf(laptop.store)
    assert after[names[0]] == before[names[0]]  # the packet's people keep their details
    assert not any(after[names[1]])  # the others' phones are gone (HQ holds them)


def test_no_automatic_purge_without_a_turf_packet(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A laptop working from its own voter import has no packet: nothing is dropped."""
    from fieldapp.services.sync.bundle import export_bundle

    seed_demo(store, doors=50, seed=2, today=DEMO_DAY)
    retention.set_auto_purge(True)
    export_bundle(store, tmp_path, passphrase=b"correct horse battery")  # exported, "sent"
    with store.transaction() as session:
        assert retention.uploaded_bundle_ids(session)
        assert retention.auto_purge(session) is None
    retention.set_auto_purge(False)
