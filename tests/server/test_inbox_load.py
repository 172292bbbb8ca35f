"""Laptops upload at once to two server processes on one PostgreSQL: every bundle is
merged exactly once, and HQ's store equals a one-by-one import of the same bundles.

The default suite runs 30 laptops with small bundles (20 contacts each): 100 took about
85 s on this 2-core machine, most of it setting the laptops up. ``FIELDAPP_LOAD_LAPTOPS=100``
runs the full hundred; the timed figure (1,000 contacts each) is ``benchmarks/hq_inbox.py``."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from fieldapp.core.db import open_store
from fieldapp.core.models import SyncBundle
from fieldapp.services.hq import inbox
from fieldapp.services.sync.merge import import_bundle
from tests.server.fleet import build_fleet, send_all
from tests.services.sync.helpers import dump

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

LAPTOPS = int(os.environ.get("FIELDAPP_LOAD_LAPTOPS", "30"))


def test_many_laptops_at_once_two_servers_one_postgresql(make_hq, pg_url, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    hq = make_hq(pg_url)
    servers = [hq.serve(), hq.serve()]
    fleet = build_fleet(tmp_path / "fleet", lambda name: hq.invite(name, servers).to_bytes(),
                        LAPTOPS, contacts=20)
    sent = send_all(fleet, servers, concurrency=16)
    assert sent.outcomes == ["stored"] * LAPTOPS
    deadline = time.monotonic() + 240
    while inbox.counts(hq.store)["merged"] < LAPTOPS:
        held = inbox.inbox(hq.store, statuses=("held",))
        assert not held, held[0].message
        assert time.monotonic() < deadline, inbox.counts(hq.store)
        time.sleep(0.3)
    with hq.store.session() as s:
        ledger = s.scalar(select(func.count()).select_from(SyncBundle)
                          .where(SyncBundle.direction == "in"))
    assert ledger == LAPTOPS
    one_by_one = open_store(tmp_path / "one-by-one.sqlite", site=hq.paths)
    try:
        for laptop in fleet:
            assert import_bundle(one_by_one, laptop.bundle).status == "merged"
        assert dump(hq.store) == dump(one_by_one)
    finally:
        one_by_one.close()
