"""Several simulated sites make random writes, import each other's bundles and
export at random moments (full or since-last). Every permutation, repetition
and staleness of all the bundles, merged into fresh stores, must give the same
dump, equal to a plain-Python join of what the sites held when they exported.

Sites also purge what they uploaded (retention) and get revoked (a last upload,
a wipe, and a new laptop in their place): neither may change what the bundles
merge to.

It runs twice: every site on SQLite, and with site 0 as HQ on a real PostgreSQL
server (tests/pgserver.py), where the first merge order is merged as well.
``FIELDAPP_SYNC_EXAMPLES=500`` makes both runs long."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import tempfile
import uuid
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    precondition,
    rule,
    run_state_machine_as_test,
)

from fieldapp.core.db import Store, open_store, sqlite_path
from fieldapp.core.hlc import stamp_ms, wall_ms
from fieldapp.core.models import SYNCED_MODELS, ContactAttempt, Door, Fact, Person
from fieldapp.services import retention
from fieldapp.services.campaign import revoke as revoke_flow
from fieldapp.services.campaign.state import CampaignState, now_text, save_state
from fieldapp.services.sync import keys
from fieldapp.services.sync.bundle import export_bundle
from fieldapp.services.sync.merge import import_bundle
from tests.pgserver import PgServer
from tests.services.sync.helpers import FakeWall, Site, connect, dump_tables

SITES = 3
FIELDS = {"doors": ["notes", "unit", "do_not_knock"], "people": ["first_name", "phone"]}
_TEMPLATE: Path | None = None


def fresh_store(path: Path) -> Store:
    """An empty store, copied from a migrated template (migrating each time is slow)."""
    global _TEMPLATE
    if _TEMPLATE is None:
        folder = Path(tempfile.mkdtemp(prefix="fieldapp-template-"))
        s = open_store(folder / "t.sqlite")
        with s.engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM store_meta")
        s.close()
        _TEMPLATE = folder / "t.sqlite"
    shutil.copyfile(_TEMPLATE, path)
    return open_store(path)


# --------------------------------------------------------------------------- the model


def _clock(row: dict[str, Any], field: str) -> tuple[str, str]:
    text = row["clocks"].get(field)
    if text:
        stamp, _, site = text.partition(":")
        return stamp, site
    return row["born_hlc"], row["born_site"]


def _canon(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def join_copies(fields: list[str], copies: list[dict[str, Any]]) -> dict[str, Any]:
    """What one mutable record must look like after merging all its copies."""
    born = max((c["born_hlc"], c["born_site"]) for c in copies)
    out: dict[str, Any] = {"id": copies[0]["id"]}
    clocks: dict[str, tuple[str, str]] = {}
    for f in fields:
        top = max(_clock(c, f) for c in copies)
        out[f] = min((c[f] for c in copies if _clock(c, f) == top), key=_canon)
        clocks[f] = top
    if out["deleted"] and any(c > clocks["deleted"] for f, c in clocks.items() if f != "deleted"):
        out["deleted"] = False  # an edit newer than the delete undeletes
    out["born_hlc"], out["born_site"] = born
    out["clocks"] = {f: f"{c[0]}:{c[1]}" for f, c in clocks.items() if c != born}
    out["hlc"], out["site_id"] = max([born, *clocks.values()])
    return out


def model_join(snapshots: list[dict[str, Any]]) -> dict[str, Any]:
    tables: dict[str, Any] = {}
    for model in SYNCED_MODELS:
        name = model.__tablename__
        by_id: dict[str, list[dict[str, Any]]] = {}
        for snap in snapshots:
            for row in snap[name]:
                by_id.setdefault(row["id"], []).append(row)
        rows = []
        for rid in sorted(by_id):
            copies = by_id[rid]
            if issubclass(model, Fact):
                assert all(c == copies[0] for c in copies), f"fact {rid} differs between sites"
                rows.append(copies[0])
            else:
                rows.append(join_copies(model.data_fields(), copies))
        tables[name] = rows
    return tables


# --------------------------------------------------------------------------- the machine


class SyncMachine(RuleBasedStateMachine):
    """The sites on SQLite; with ``pg``, site 0 is HQ on a real PostgreSQL server."""

    def __init__(self, pg: PgServer | None = None) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="fieldapp-sm-"))
        self.pg = pg
        self.pg_databases: list[str] = []
        start = wall_ms() - 3_600_000  # an hour ago: jumps never look like the future
        self.sites: list[Site] = []
        for i in range(SITES + 1):
            store = self._fresh_pg() if pg is not None and i == 0 else fresh_store(self.tmp / f"s{i}.sqlite")
            site = Site(self.tmp, f"s{i}", store)
            site.store.clock._wall = FakeWall(start)
            self.sites.append(site)
        self.reader = self.sites.pop()
        connect(*self.sites, self.reader)
        self.bundles: list[Path] = []
        self.latest: dict[int, dict[str, Any]] = {}
        # What a site held before a purge (it had uploaded it), and revoked sites'
        # last snapshots: still part of what the bundles must merge to.
        self.before_purge: dict[int, list[dict[str, Any]]] = {}
        self.retired: list[tuple[str, list[dict[str, Any]]]] = []
        self.revoked = 0
        self.joined = [0] * SITES  # a new laptop reads only bundles made after it joined
        self.facts: set[str] = set()
        self.rng = random.Random(0)
        # Durability is tested elsewhere; here fsync only makes the run slow.
        self._fsync = os.fsync
        os.fsync = lambda fd: None

    def _fresh_pg(self) -> Store:
        """An empty PostgreSQL store: a new database copied from a migrated template."""
        assert self.pg is not None
        name = "sm_" + uuid.uuid4().hex[:12]
        self.pg.admin(f"CREATE DATABASE {name} TEMPLATE {pg_template(self.pg)}")
        self.pg_databases.append(name)
        return open_store(self.pg.url(name))

    @initialize(seed=st.integers(0, 2**32))
    def seed(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def teardown(self) -> None:
        try:
            self.check_merges()
        finally:
            os.fsync = self._fsync
            for site in [*self.sites, self.reader]:
                site.close()
            shutil.rmtree(self.tmp, ignore_errors=True)
            for name in self.pg_databases:
                assert self.pg is not None
                self.pg.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    # helpers
    def _ids(self, i: int, table: str, *, deleted: bool | None = False) -> list[str]:
        t = {"doors": Door, "people": Person}[table].__table__
        with self.sites[i].store.session() as s:
            q = t.select().with_only_columns(t.c.id).order_by(t.c.id)
            if deleted is not None:
                q = q.where(t.c.deleted.is_(deleted))
            return list(s.execute(q).scalars())

    def _readable(self, i: int) -> list[Path]:
        return self.bundles[self.joined[i]:]

    def _tick(self, i: int, ms: int = 1) -> None:
        self.sites[i].store.clock._wall.ms += ms  # type: ignore[attr-defined]

    # rules
    @rule(i=st.integers(0, SITES - 1), notes=st.sampled_from(["", "dog", "gate code 12"]),
          key=st.sampled_from(["1 elm st", "2 elm st", "3 elm st"]))
    def create_door(self, i: int, notes: str, key: str) -> None:
        self._tick(i)
        with self.sites[i].store.transaction() as s:
            s.add(Door(street_name="Elm St", notes=notes, address_key=key))

    @rule(i=st.integers(0, SITES - 1), pick=st.integers(0, 99), name=st.sampled_from(["Ana", "Bo"]))
    def create_person(self, i: int, pick: int, name: str) -> None:
        doors = self._ids(i, "doors")
        if doors:
            self._tick(i)
            with self.sites[i].store.transaction() as s:
                s.add(Person(first_name=name, door_id=doors[pick % len(doors)]))

    @rule(i=st.integers(0, SITES - 1), table=st.sampled_from(["doors", "people"]),
          pick=st.integers(0, 99), which=st.integers(0, 2), value=st.integers(0, 3))
    def edit(self, i: int, table: str, pick: int, which: int, value: int) -> None:
        ids = self._ids(i, table)
        if not ids:
            return
        field = FIELDS[table][which % len(FIELDS[table])]
        new: Any = bool(value % 2) if field == "do_not_knock" else f"v{value}"
        self._tick(i, value)
        with self.sites[i].store.transaction() as s:
            obj = s.get({"doors": Door, "people": Person}[table], ids[pick % len(ids)])
            setattr(obj, field, new)

    @rule(i=st.integers(0, SITES - 1), table=st.sampled_from(["doors", "people"]),
          pick=st.integers(0, 99), undelete=st.booleans())
    def delete_or_undelete(self, i: int, table: str, pick: int, undelete: bool) -> None:
        ids = self._ids(i, table, deleted=undelete)
        if ids:
            self._tick(i)
            with self.sites[i].store.transaction() as s:
                s.get({"doors": Door, "people": Person}[table], ids[pick % len(ids)]).deleted = not undelete

    @rule(i=st.integers(0, SITES - 1), pick=st.integers(0, 99),
          code=st.sampled_from(["not_home", "canvassed", "refused"]))
    def contact(self, i: int, pick: int, code: str) -> None:
        doors = self._ids(i, "doors", deleted=None)
        if doors:
            self._tick(i)
            with self.sites[i].store.transaction() as s:
                fact = ContactAttempt(door_id=doors[pick % len(doors)], result_code=code,
                                      attempted_at=dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC))
                s.add(fact)
                s.flush()
                self.facts.add(fact.id)

    @rule(i=st.integers(0, SITES - 1), ms=st.integers(-120_000, 240_000))
    def clock_jump(self, i: int, ms: int) -> None:
        self._tick(i, ms)

    @rule(i=st.integers(0, SITES - 1), since_last=st.booleans())
    def export(self, i: int, since_last: bool) -> None:
        site = self.sites[i]
        result = export_bundle(site.store, self.tmp / "bundles", since_last=since_last)
        self.bundles.append(result.path)
        self.latest[i] = dump_tables(site.store)

    @rule(since_last=st.booleans())
    def gossip(self, since_last: bool) -> None:
        """Every site exports, then every site imports every bundle: records get shared."""
        for i in range(SITES):
            self.export(i, since_last)
        for i in range(SITES):
            for path in self.bundles[-SITES:]:
                if path not in self._readable(i):
                    continue
                import_bundle(self.sites[i].store, path)

    def _share(self) -> str | None:
        """A door that sites 0 and 1 both hold live (sharing it through bundles first)."""
        both = set(self._ids(0, "doors")) & set(self._ids(1, "doors"))
        if not both:
            self.gossip(True)
            both = set(self._ids(0, "doors")) & set(self._ids(1, "doors"))
        return min(both) if both else None

    def _after(self, i: int, j: int) -> None:
        """Move site i's wall past everything site j has stamped."""
        wall = self.sites[i].store.clock._wall
        wall.ms = max(wall.ms, stamp_ms(self.sites[j].store.clock.last)) + 1000  # type: ignore[attr-defined]

    @rule(edit_is_newer=st.booleans(), notes=st.sampled_from(["late", "early"]))
    def delete_edit_race(self, edit_is_newer: bool, notes: str) -> None:
        """Site 0 deletes a door while site 1, not knowing, edits it (before or after)."""
        door = self._share()
        if door is None:
            return
        if edit_is_newer:
            with self.sites[0].store.transaction() as s:
                s.get(Door, door).deleted = True
            self._after(1, 0)
        with self.sites[1].store.transaction() as s:
            s.get(Door, door).notes = notes
        if not edit_is_newer:
            self._after(0, 1)
            with self.sites[0].store.transaction() as s:
                s.get(Door, door).deleted = True

    @rule(i=st.integers(0, SITES - 1))
    def relay(self, i: int) -> None:
        """A hub far ahead in time merges older bundles, then exports since its last one."""
        self.export(i, False)
        self._tick(i, 300_000)
        self.create_door(i, "hub", "9 elm st")
        for path in self._readable(i):
            import_bundle(self.sites[i].store, path)
        self.export(i, True)

    @precondition(lambda self: bool(self.bundles))
    @rule(i=st.integers(0, SITES - 1), pick=st.integers(0, 99))
    def import_(self, i: int, pick: int) -> None:
        site, readable = self.sites[i], self._readable(i)
        if not readable:
            return
        result = import_bundle(site.store, readable[pick % len(readable)])
        if result.total().undeleted:
            _note("an import undeleted a record")
        if result.total().conflicts:
            _note("an import kept a conflict")

    @precondition(lambda self: bool(self.bundles))
    @rule(i=st.integers(0, SITES - 1), keep_some=st.booleans())
    def purge(self, i: int, keep_some: bool) -> None:
        """The site drops uploaded personal details (every export counts as confirmed)."""
        site = self.sites[i]
        before = dump_tables(site.store)
        with site.store.transaction() as s:
            doors = [d for d in self._ids(i, "doors") if keep_some][:1]
            kept = list(s.execute(Door.__table__.select().with_only_columns(Door.turf_id)
                                  .where(Door.id.in_(doors))).scalars()) if doors else []
            report = retention.purge_uploaded(s, retention.uploaded_bundle_ids(s),
                                              [t for t in kept if t])
        if report.total:
            _note("a purge cleared details")
            self.before_purge.setdefault(i, []).append(before)

    @precondition(lambda self: self.revoked < 2)
    @rule(i=st.integers(0, SITES - 1), uploaded_first=st.booleans())
    def revoke(self, i: int, uploaded_first: bool) -> None:
        """HQ revokes site i: the revoke flow (HQ out of reach: the unsent work is exported
        into the outbox and carried to HQ by hand), the wipe, and a new laptop in its place."""
        if self.pg is not None and i == 0:
            return  # HQ's PostgreSQL store is not a laptop: nobody revokes it
        site = self.sites[i]
        if uploaded_first:
            self.export(i, True)
        snapshot = dump_tables(site.store)
        path = sqlite_path(site.store.engine)
        assert path is not None and path.exists()
        told = CampaignState(campaign="C", laptop_name=site.name, laptop_id=site.name,
                             servers=[], token="", hq_name="hq", hq_fingerprint="",
                             joined_at=now_text(), secret="s", revoked=True)
        save_state(told, site.paths)
        report = revoke_flow.finish(site.store, told, None, final_open=False)
        assert report.wiped and report.final == "offline", report.problem
        assert not keys.keys_exist(site.paths)
        assert not path.exists()
        self.bundles.extend(report.left)  # the USB handover: HQ merges them like any bundle
        carried = [snapshot] if report.left else []
        earlier = [self.latest.pop(i)] if i in self.latest else []
        self.retired.append((site.store.site_id,
                             [*self.before_purge.pop(i, []), *earlier, *carried]))
        wall = site.store.clock._wall
        site.close()
        self.revoked += 1
        new = Site(self.tmp, f"s{i}r{self.revoked}",
                   fresh_store(self.tmp / f"s{i}r{self.revoked}.sqlite"))
        new.store.clock._wall = wall
        self.sites[i] = new
        self.joined[i] = len(self.bundles)
        connect(*self.sites, self.reader)
        _note("a site was revoked" + (" with work left to carry" if report.left else ""))

    # the check
    def check_merges(self) -> None:
        for i in range(SITES):  # the end of the day: every site exports what it has
            self.export(i, self.rng.random() < 0.5)
        history = [snap for snaps in self.before_purge.values() for snap in snaps]
        retired = [snap for _, snaps in self.retired for snap in snaps]
        expected = model_join([*self.latest.values(), *history, *retired])
        orders = [list(reversed(self.bundles))]
        shuffled = [*self.bundles, *self.rng.sample(self.bundles, k=min(3, len(self.bundles)))]
        self.rng.shuffle(shuffled)
        orders.append(shuffled)
        for n, order in enumerate(orders):
            # With PostgreSQL, the first order merges into a fresh PostgreSQL store too.
            store = self._fresh_pg() if self.pg is not None and n == 0 else fresh_store(self.tmp / f"merge{n}.sqlite")
            store.site = self.reader.paths  # merged as the reader: its keys open the bundles
            try:
                for path in order:
                    import_bundle(store, path)
                got = dump_tables(store)
            finally:
                store.close()
            assert got == expected, f"order {n} differs from the model"
        # Each site's own chain of bundles (full, then since-last) holds all it knew.
        chains = [(self.sites[i].store.site_id, [*self.before_purge.get(i, []), snapshot])
                  for i, snapshot in self.latest.items()]
        for n, (site_id, snapshots) in enumerate([*chains, *self.retired]):
            mine = [p for p in self.bundles if p.name.startswith(site_id[:8])]
            store = fresh_store(self.tmp / f"chain{n}.sqlite")
            store.site = self.reader.paths
            try:
                for path in mine:
                    import_bundle(store, path)
                assert dump_tables(store) == model_join(snapshots), f"site {n}'s bundles lose data"
            finally:
                store.close()
        _note(f"bundles: {min(len(self.bundles), 6)}")
        deleted = sum(r["deleted"] for r in expected["doors"] + expected["people"])
        _note(f"deleted records at the end: {min(deleted, 3)}")
        made = {r["id"] for r in expected["contact_attempts"]}
        exported = set().union(*({r["id"] for r in snap["contact_attempts"]} for snap in self.latest.values()))
        assert exported <= made


def _note(text: str) -> None:
    """A Hypothesis event, or nothing when the machine is driven by hand."""
    try:
        event(text)
    except InvalidArgument:
        pass


def test_purge_and_revoke_in_a_fixed_run_converge() -> None:
    """The steps Hypothesis draws rarely, in order: details uploaded, purged (some kept),
    edited and merged again, a laptop revoked and replaced; the bundles still merge
    to what the sites held."""
    m = SyncMachine()
    try:
        for key, notes in (("1 elm st", "dog"), ("2 elm st", "gate code 12"), ("3 elm st", "")):
            m.create_door(0, notes, key)
        m.create_person(0, 0, "Ana")
        m.create_person(0, 1, "Bo")
        m.edit(0, "people", 0, 1, 3)  # a phone number
        m.gossip(False)
        m.purge(0, False)
        assert all(r["notes"] == "" for r in dump_tables(m.sites[0].store)["doors"])
        m.edit(0, "people", 1, 0, 1)  # a purged person edited again
        m.purge(1, True)
        m.gossip(True)
        assert any(r["notes"] for r in dump_tables(m.sites[0].store)["doors"]), \
            "details sent back by another site come back"
        m.contact(2, 0, "canvassed")
        m.revoke(2, False)  # the knock was never exported: it leaves in the last bundle
        m.contact(1, 0, "refused")
        m.revoke(1, True)
        m.create_door(2, "new laptop", "1 elm st")
        m.gossip(True)
    finally:
        m.teardown()


TestSync = SyncMachine.TestCase
THOROUGH = os.environ.get("FIELDAPP_SYNC_EXAMPLES")  # e.g. 500 for a long run
TestSync.settings = settings(
    max_examples=int(THOROUGH or 20), stateful_step_count=20 if THOROUGH else 15, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


_PG_TEMPLATES: dict[int, str] = {}


def pg_template(server: PgServer) -> str:
    """A migrated, site-less PostgreSQL database that fresh stores are copied from."""
    if server.port not in _PG_TEMPLATES:
        name = "sm_template_" + uuid.uuid4().hex[:8]
        server.admin(f"CREATE DATABASE {name}")
        s = open_store(server.url(name))
        with s.engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM store_meta")
        s.close()
        _PG_TEMPLATES[server.port] = name
    return _PG_TEMPLATES[server.port]


@pytest.mark.postgres
def test_sync_machine_with_hq_on_postgresql(pg_server: PgServer) -> None:
    """The same machine with site 0 (HQ) on PostgreSQL: its writes, exports, imports,
    purges and the first merge order run there; the bundles still merge to the model.
    A smaller example budget than SQLite's keeps the suite's time in bounds."""
    run_state_machine_as_test(lambda: SyncMachine(pg_server), settings=settings(
        max_examples=int(THOROUGH or 8), stateful_step_count=20 if THOROUGH else 15, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    ))


def test_model_join_undeletes_only_for_newer_edits() -> None:
    site = "0" * 8 + "-0000-4000-8000-" + "0" * 12
    base = {"id": "d", "born_hlc": "0000000000000001", "born_site": site, "deleted": False, "notes": "",
            "clocks": {}, "hlc": "0000000000000001", "site_id": site}
    deleted = {**base, "deleted": True, "clocks": {"deleted": f"0000000000000005:{site}"}}
    stale = {**base, "notes": "x", "clocks": {"notes": f"0000000000000003:{site}"}}
    newer = {**base, "notes": "y", "clocks": {"notes": f"0000000000000007:{site}"}}
    assert join_copies(["deleted", "notes"], [deleted, stale])["deleted"] is True
    assert join_copies(["deleted", "notes"], [deleted, newer])["deleted"] is False
