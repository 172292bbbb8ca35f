"""Many simulated laptops for the load test and the HQ benchmark.

Each laptop has its own keys, store and join file; its end-of-day bundle waits in its
outbox. :func:`send_all` then has them all enrol and upload at once (bounded
concurrency) through the real client code, spread over HQ's server processes.

Setting up: every laptop's store is a copy of one migrated template with a new site id
(a fresh Alembic upgrade per laptop would take most of the run).
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import sqlite3
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldapp.core.db import open_store
from fieldapp.core.ids import new_id
from fieldapp.core.models import ContactAttempt, Door, Turf
from fieldapp.core.site import SitePaths
from fieldapp.core.stamping import bulk_insert
from fieldapp.services.campaign import outbox, state
from fieldapp.services.campaign.client import HqClient, RetryPolicy
from fieldapp.services.sync import keys

CODES = ["not_home", "canvassed", "refused", "come_back", "moved"]


@dataclass
class FleetLaptop:
    name: str
    token: str
    public_doc: dict[str, Any]
    bundle: Path


def _laptop_store(template: Path, target: Path) -> Path:
    shutil.copyfile(template, target)
    conn = sqlite3.connect(target)
    conn.execute("UPDATE store_meta SET value = ? WHERE key = 'site_id'", (new_id(),))
    conn.commit()
    conn.close()
    return target


def _day_of_work(store: Any, contacts: int, rng: random.Random, doors: int = 25) -> None:
    day = dt.datetime(2026, 11, 20, 14, tzinfo=dt.UTC)
    with store.transaction() as s:
        turf = Turf(name=f"Turf {rng.randrange(10**6)}")
        s.add(turf)
        s.flush()
        door_rows = [{"id": new_id(), "street_number": str(i), "house_number": i,
                      "street_name": "N 20th St", "city": "Milwaukee", "state": "WI",
                      "address_key": f"{i} n 20th st {turf.id[:8]}", "turf_id": turf.id}
                     for i in range(doors)]
        bulk_insert(s, Door, door_rows)
        bulk_insert(s, ContactAttempt, [
            {"id": new_id(), "door_id": rng.choice(door_rows)["id"], "result_code": rng.choice(CODES),
             "attempted_at": day + dt.timedelta(seconds=rng.randrange(86400)),
             "support": rng.choice([None, 1, 2, 3, 4, 5]), "notes": "", "channel": "door"}
            for _ in range(contacts)])


def build_fleet(root: Path, invite: Callable[[str], bytes], count: int, contacts: int,
                seed: int = 1) -> list[FleetLaptop]:
    """``count`` laptops, each joined (``invite(name)`` gives its join file) with one bundle."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    template = root / "template.sqlite"
    open_store(template).close()
    fleet = []
    for i in range(count):
        name = f"laptop-{i:03d}"
        folder = root / name
        folder.mkdir()
        join_path = folder / "join.fieldapp-join"
        join_path.write_bytes(invite(name))
        site = SitePaths.under(folder / "data")
        store = open_store(_laptop_store(template, folder / "store.sqlite"), site=site)
        try:
            own = keys.init_keys(name, site=site)
            joined = state.join(join_path, site=site)
            _day_of_work(store, contacts, rng)
            bundle = outbox.export_to_outbox(store).path
            fleet.append(FleetLaptop(name, joined.token, own.public_document(store.site_id),
                                     bundle))
        finally:
            store.close()
    return fleet


@dataclass
class SendResult:
    seconds: float
    outcomes: list[str]


def send_all(fleet: list[FleetLaptop], servers: list[str], concurrency: int = 16) -> SendResult:
    """Every laptop enrols and uploads its bundle at once, at most ``concurrency`` at a time."""
    policy = RetryPolicy(tries=8, base=0.1, cap=2.0)

    def one(i: int) -> str:
        laptop = fleet[i]
        server = servers[i % len(servers)]
        with HqClient(server, policy=policy, timeout=60) as client:
            _, secret = client.enrol(laptop.token, laptop.public_doc)
        with HqClient(server, secret, policy=policy, timeout=60) as client:
            return client.upload(laptop.bundle)

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        outcomes = list(pool.map(one, range(len(fleet))))
    return SendResult(time.perf_counter() - began, outcomes)
