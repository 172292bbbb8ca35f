"""Join, export, sync, merge and a turf packet back, all through HTTP against a real
``hq serve`` (uvicorn) on a real PostgreSQL."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from fieldapp.cli import main
from fieldapp.core.models import ContactAttempt, Door, SyncBundle, Turf
from fieldapp.services import canvass
from fieldapp.services.campaign import outbox, state
from fieldapp.services.campaign.client import RetryPolicy
from fieldapp.services.campaign.sync import sync
from fieldapp.services.demo import seed_demo
from fieldapp.services.hq import inbox
from fieldapp.services.hq.packets import make_packet
from tests.conftest import DEMO_DAY
from tests.server.conftest import write_join

pytestmark = pytest.mark.postgres

FAST = RetryPolicy(tries=4, base=0.05, cap=0.2)


def wait_merged(hq, count: int) -> list[inbox.InboxRow]:  # type: ignore[no-untyped-def]
    """Poll HQ's inbox until ``count`` uploads are merged or held (bounded)."""
    deadline = time.monotonic() + 60
    while True:
        rows = inbox.inbox(hq.store)
        if sum(r.status in ("merged", "held") for r in rows) >= count:
            return rows
        assert time.monotonic() < deadline, f"not merged in time: {rows}"
        time.sleep(0.2)


def test_join_send_merge_and_packet_back(make_hq, make_laptop, pg_url, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    hq = make_hq(pg_url)
    seed_demo(hq.store, doors=120, seed=3, today=DEMO_DAY)
    with hq.store.session() as s:
        turf = s.scalars(select(Turf).order_by(Turf.name)).first()
        assert turf is not None
        turf_name = turf.name
        door_ids = select(Door.id).join(Turf, Door.turf_id == Turf.id).where(Turf.name == turf_name)
        before = s.scalar(select(func.count()).select_from(ContactAttempt)
                          .where(ContactAttempt.door_id.in_(door_ids))) or 0
    url = hq.serve()
    join = hq.invite("Maria Lopez", [url], turfs=[turf_name])
    laptop = make_laptop("maria")
    assert main(["--data-dir", str(laptop.dir / "data"), "join", str(write_join(join, tmp_path / "maria.fieldapp-join"))]) == 0
    joined = state.load_state(laptop.paths)
    assert joined is not None and not joined.enrolled
    first = sync(laptop.store, policy=FAST)  # first contact spends the token
    assert first.online and state.load_state(laptop.paths).enrolled  # type: ignore[union-attr]

    make_packet(hq.store, hq.spool, "Maria Lopez")
    got = sync(laptop.store, policy=FAST)
    assert len(got.packets) == 1 and got.packets[0].endswith("merged")
    with laptop.store.session() as s:
        door_id = s.scalars(select(Door.id).join(Turf, Door.turf_id == Turf.id)
                            .where(Turf.name == turf_name)).first()
    assert door_id is not None
    with laptop.store.transaction() as s:
        canvass.record_result(s, door_id=door_id, result_code="not_home")
    db = str(laptop.dir / "store.sqlite")
    assert main(["--data-dir", str(laptop.dir / "data"), "--db", db, "bundle", "export", "--since-last"]) == 0  # lands in the outbox
    assert len(outbox.waiting(laptop.paths)) == 1
    sent = sync(laptop.store, policy=FAST)
    assert sent.sent and outbox.waiting(laptop.paths) == []
    again = sync(laptop.store, policy=FAST)  # nothing new: nothing sent, nothing fetched
    assert again.sent == [] and again.packets == []

    rows = wait_merged(hq, 1)
    assert [r.status for r in rows] == ["merged"]
    metrics = httpx.get(url + "/metrics").text
    assert 'fieldapp_merges_total{status="merged"} 1' in metrics
    assert 'fieldapp_uploads_total{outcome="stored"} 1' in metrics
    assert "fieldapp_held_uploads 0" in metrics and "fieldapp_merge_seconds_count 1" in metrics
    with hq.store.session() as s:
        attempts = s.scalar(select(func.count()).select_from(ContactAttempt)
                            .where(ContactAttempt.door_id.in_(door_ids)))
        ledger = s.scalar(select(func.count()).select_from(SyncBundle)
                          .where(SyncBundle.direction == "in"))
    assert attempts == before + 1 and ledger == 1


def test_same_bundle_sent_twice_is_harmless(make_hq, make_laptop, pg_url, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    hq = make_hq(pg_url)
    url = hq.serve()
    laptop = make_laptop("ana")
    state.join(write_join(hq.invite("Ana", [url]), tmp_path / "a.join"), site=laptop.paths)
    seed_demo(laptop.store, doors=50, seed=5, today=DEMO_DAY)
    path = outbox.export_to_outbox(laptop.store).path
    copy = path.read_bytes()
    assert sync(laptop.store, policy=FAST).sent == [path.name]
    path.write_bytes(copy)  # the same file turns up in the outbox again
    report = sync(laptop.store, policy=FAST)
    assert report.sent == [path.name] and outbox.waiting(laptop.paths) == []
    rows = wait_merged(hq, 1)
    assert len(rows) == 1 and rows[0].status == "merged"


def test_a_packet_over_http_brings_the_turfs_street_map(make_hq, make_laptop, pg_url, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """HQ with a PMTiles basemap open: `hq packet` carries the turf's clip, and the laptop's
    `fieldapp sync` makes it the laptop's basemap (a laptop never online gets street maps)."""
    from fieldapp.maps.basemap import PMTilesFile, opened_path
    from fieldapp.maps.data import load_map_data
    from tests.maps.pmtiles_fixture import write_pmtiles

    hq = make_hq(pg_url)
    seed_demo(hq.store, doors=80, seed=4, today=DEMO_DAY)
    with hq.store.session() as s:
        turf_name = s.scalars(select(Turf.name).order_by(Turf.name)).first()
    assert turf_name
    south, west, north, east = load_map_data(hq.store, turf=turf_name).bounds()  # type: ignore[misc]
    county = tmp_path / "county.pmtiles"
    write_pmtiles(county, [("Packet Street", [(west, (south + north) / 2), (east, (south + north) / 2)]),
                           ("Far Road", [(west + 0.3, north + 0.3), (west + 0.31, north + 0.3)])], (12, 15))
    url = hq.serve()
    join = hq.invite("Maria Lopez", [url], turfs=[turf_name])
    laptop = make_laptop("maria")
    state.join(write_join(join, tmp_path / "maria.fieldapp-join"), site=laptop.paths)
    assert sync(laptop.store, policy=FAST).online  # enrols
    assert opened_path() is None
    assert main(["--data-dir", str(hq.dir), "--db", hq.db, "tiles", "open", str(county)]) == 0
    assert main(["--data-dir", str(hq.dir), "--db", hq.db, "hq", "packet", "Maria Lopez", "--spool", str(hq.spool)]) == 0
    assert main(["--data-dir", str(laptop.dir / "data"), "--db", str(laptop.dir / "store.sqlite"), "sync"]) == 0
    received = opened_path()
    assert received is not None and received.is_file() and received.parent.name == "basemaps"
    got, whole = _tiles(received), _tiles(county)
    assert got and set(got) < set(whole)  # the turf's area, not the county's far road
    with PMTilesFile(received) as a, PMTilesFile(county) as b:
        assert all(a.tile(*zxy) == b.tile(*zxy) for zxy in got)


def _tiles(path: Path) -> list[tuple[int, int, int]]:
    from pmtiles.reader import MmapSource, all_tiles

    with path.open("rb") as fh:
        return [zxy for zxy, _data in all_tiles(MmapSource(fh))]
