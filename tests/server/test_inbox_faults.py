"""Bad networks, killed servers, spent tokens, revoked laptops and hostile requests, against
a real ``hq serve`` on a real PostgreSQL."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import httpx
import psycopg
import pytest
from sqlalchemy import func, select

from fieldapp.cli import main
from fieldapp.core.hq_models import HqUpload
from fieldapp.core.models import ContactAttempt, Organization, SyncBundle
from fieldapp.services.campaign import outbox, state
from fieldapp.services.campaign.state import JoinRefusedError, RevokedError
from fieldapp.services.campaign.sync import sync
from fieldapp.services.demo import seed_demo
from fieldapp.services.hq import inbox, laptops
from fieldapp.services.sync.merge import PG_LOCK_KEY
from tests.conftest import DEMO_DAY
from tests.server.conftest import FaultyProxy, write_join
from tests.server.test_inbox_flow import FAST, wait_merged

pytestmark = pytest.mark.postgres


def joined_laptop(hq, make_laptop, url: str, tmp_path: Path, name: str = "lee", doors: int = 50):  # type: ignore[no-untyped-def]
    laptop = make_laptop(name)
    state.join(write_join(hq.invite(name, [url]), tmp_path / f"{name}.join"), site=laptop.paths)
    seed_demo(laptop.store, doors=doors, seed=11, today=DEMO_DAY)
    return laptop


def bytes_received(url: str) -> int:
    text = httpx.get(url + "/metrics").text
    line = next(ln for ln in text.splitlines() if ln.startswith("fieldapp_upload_bytes_total"))
    return int(line.split()[1])


@pytest.mark.parametrize("mode", ["drop", "stall"])
def test_upload_resumes_from_the_last_byte_received(mode, make_hq, make_laptop, pg_url,  # type: ignore[no-untyped-def]
                                                     tmp_path: Path) -> None:
    hq = make_hq(pg_url)
    direct = hq.serve(None, "--body-timeout", "1")
    port = int(direct.rsplit(":", 1)[1])
    proxy = FaultyProxy(port, after=12_000, mode=mode)
    try:
        laptop = joined_laptop(hq, make_laptop, proxy.url, tmp_path)
        path = outbox.export_to_outbox(laptop.store).path
        size = path.stat().st_size
        assert size > 20_000  # the fault lands mid-upload
        report = sync(laptop.store, policy=FAST, timeout=3, piece_bytes=8 * 1024)
        assert report.sent == [path.name] and outbox.waiting(laptop.paths) == []
        sent = (outbox.sent_dir(laptop.paths) / path.name).read_bytes()
        assert proxy.faulted == 1 and proxy.connections >= 2
        # Every byte crossed once: the retry went on from where HQ stood, not from zero.
        assert bytes_received(direct) == size
        rows = wait_merged(hq, 1)
        assert rows[0].status == "merged"
        stored = inbox.stored_path(hq.spool, rows[0].id).read_bytes()
        assert stored == sent
    finally:
        proxy.close()


def test_server_killed_mid_merge_merges_exactly_once_after_restart(  # type: ignore[no-untyped-def]
        make_hq, make_laptop, pg_url, tmp_path: Path) -> None:
    hq = make_hq(pg_url)
    url = hq.serve()
    laptop = joined_laptop(hq, make_laptop, url, tmp_path)
    outbox.export_to_outbox(laptop.store)
    with laptop.store.session() as s:
        attempts = s.scalar(select(func.count()).select_from(ContactAttempt))
    # Staff hold the store's merge lock, so the server's merge stops inside its transaction.
    blocker = psycopg.connect(pg_url, autocommit=True)
    blocker.execute("SELECT pg_advisory_lock(%s)", (PG_LOCK_KEY,))
    try:
        assert sync(laptop.store, policy=FAST).sent  # stored: out of the outbox
        deadline = time.monotonic() + 30
        while [r.status for r in inbox.inbox(hq.store)] != ["merging"]:
            assert time.monotonic() < deadline
            time.sleep(0.1)
        hq.kill(hq.procs[0])
    finally:
        blocker.close()
    assert [r.status for r in inbox.inbox(hq.store)] == ["merging"]
    with hq.store.session() as s:
        assert s.scalar(select(func.count()).select_from(SyncBundle)) == 0
    hq.serve()  # a new process takes the upload back and merges it
    rows = wait_merged(hq, 1)
    assert [r.status for r in rows] == ["merged"]
    hq.serve()  # and one more process finds nothing left to do
    with hq.store.session() as s:
        assert s.scalar(select(func.count()).select_from(SyncBundle)
                        .where(SyncBundle.direction == "in")) == 1
        assert s.scalar(select(func.count()).select_from(ContactAttempt)) == attempts
        assert s.scalar(select(func.count()).select_from(HqUpload)) == 1


def test_a_spent_join_file_is_refused(make_hq, make_laptop, pg_url, tmp_path: Path,  # type: ignore[no-untyped-def]
                                      capsys) -> None:
    hq = make_hq(pg_url)
    url = hq.serve()
    join_path = write_join(hq.invite("Sam", [url]), tmp_path / "sam.join")
    first, second = make_laptop("first"), make_laptop("second")
    state.join(join_path, site=first.paths)
    assert sync(first.store, policy=FAST).online
    state.join(join_path, site=second.paths)
    with pytest.raises(JoinRefusedError, match="already used"):
        sync(second.store, policy=FAST)
    code = main(["--data-dir", str(second.dir / "data"), "--db", str(second.dir / "store.sqlite"), "sync"])
    assert code == 1 and "already used" in capsys.readouterr().err
    assert [lap.status for lap in laptops.list_laptops(hq.store)] == ["joined"]


def test_a_revoked_laptop_is_refused_and_knows_it(make_hq, make_laptop, pg_url, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    hq = make_hq(pg_url)
    url = hq.serve()
    laptop = joined_laptop(hq, make_laptop, url, tmp_path)
    assert sync(laptop.store, policy=FAST).online and not state.is_revoked(laptop.paths)
    laptops.revoke(hq.store, "lee", final_upload="none")  # a lost laptop: nothing more in
    outbox.export_to_outbox(laptop.store)
    report = sync(laptop.store, policy=FAST)
    assert report.revoked is not None and report.revoked.final == "closed"
    assert state.is_revoked(laptop.paths) and len(outbox.waiting(laptop.paths)) == 1
    with pytest.raises(RevokedError):
        sync(laptop.store, policy=FAST)
    assert inbox.inbox(hq.store) == []


def test_hostile_requests_get_4xx_and_write_nothing(make_hq, make_laptop, pg_url,  # type: ignore[no-untyped-def]
                                                    tmp_path: Path) -> None:
    hq = make_hq(pg_url)
    url = hq.serve(None, "--max-mb", "1")
    laptop = joined_laptop(hq, make_laptop, url, tmp_path)
    assert sync(laptop.store, policy=FAST).online
    secret = state.load_state(laptop.paths).secret  # type: ignore[union-attr]
    auth = {"Authorization": f"Bearer {secret}"}
    garbage = os.urandom(5000)
    sha = hashlib.sha256(garbage).hexdigest()
    with httpx.Client(base_url=url, timeout=10) as http:
        answers = {
            "join garbage": http.post("/v1/join", content=b"\x00{not json"),
            "join unknown": http.post("/v1/join", json={"token": "x" * 32, "keys": {}}),
            "join huge": http.post("/v1/join", content=b"[" * 100_000),
            "no auth": http.post("/v1/uploads", json={"sha256": sha, "size": 5000, "name": "a"}),
            "bad auth": http.post("/v1/uploads", headers={"Authorization": "Bearer nope"},
                                  json={"sha256": sha, "size": 5000, "name": "a"}),
            "too large": http.post("/v1/uploads", headers=auth,
                                   json={"sha256": sha, "size": 2 * 1024**2, "name": "a"}),
            "bad sha": http.post("/v1/uploads", headers=auth,
                                 json={"sha256": "zz", "size": 10, "name": "a"}),
            "bad name": http.post("/v1/uploads", headers=auth,
                                  json={"sha256": sha, "size": 10, "name": "../../etc/passwd"}),
            "path id": http.get("/v1/uploads/..%2F..%2Fetc", headers=auth),
            "no packet": http.get("/v1/packets/nope", headers=auth),
        }
        upload = http.post("/v1/uploads", headers=auth,
                           json={"sha256": sha, "size": len(garbage), "name": "g.fieldbundle"})
        assert upload.status_code == 201
        uid = upload.json()["id"]
        answers["no offset"] = http.patch(f"/v1/uploads/{uid}", headers=auth, content=b"abc")
        answers["wrong offset"] = http.patch(f"/v1/uploads/{uid}", content=b"abc",
                                             headers={**auth, "Upload-Offset": "7"})
        answers["too many bytes"] = http.patch(f"/v1/uploads/{uid}", content=garbage + b"more",
                                               headers={**auth, "Upload-Offset": "0"})
        answers["garbage bundle"] = http.patch(f"/v1/uploads/{uid}", content=garbage,
                                               headers={**auth, "Upload-Offset": "0"})
    for what, response in answers.items():
        assert 400 <= response.status_code < 500, (what, response.status_code, response.text)
        assert "Traceback" not in response.text
    assert answers["too large"].status_code == 413
    assert answers["garbage bundle"].json()["error"] == "not-a-bundle"
    assert inbox.inbox(hq.store) == []
    assert [p.name for p in hq.spool.iterdir() if p.name != "packets"] == []
    with hq.store.session() as s:
        assert s.scalar(select(func.count()).select_from(SyncBundle)) == 0


def test_a_bundle_that_cannot_be_merged_is_held_for_staff(make_hq, make_laptop, pg_url,  # type: ignore[no-untyped-def]
                                                          tmp_path: Path, capsys) -> None:
    from fieldapp.core.hlc import wall_ms
    from tests.services.sync.helpers import FakeWall

    hq = make_hq(pg_url)
    url = hq.serve()
    laptop = make_laptop("fast-clock")
    laptop.store.clock._wall = FakeWall(wall_ms() + 3_600_000)  # an hour ahead
    state.join(write_join(hq.invite("Pat", [url]), tmp_path / "pat.join"), site=laptop.paths)
    with laptop.store.transaction() as s:  # written an hour "in the future"
        s.add(Organization(name="Fast clock group", short_code="FCG"))
    outbox.export_to_outbox(laptop.store)
    assert sync(laptop.store, policy=FAST).sent  # HQ stored it: it leaves the outbox
    rows = wait_merged(hq, 1)
    assert rows[0].status == "held" and "ahead" in rows[0].message, rows
    assert 'fieldapp_held_uploads 1' in httpx.get(url + "/metrics").text
    assert main(["--data-dir", str(hq.dir), "--db", pg_url, "hq", "inbox", "--held"]) == 0
    out = capsys.readouterr().out
    assert "held" in out and rows[0].id in out and "ahead" in out
    with hq.store.session() as s:
        assert s.scalar(select(func.count()).select_from(SyncBundle)
                        .where(SyncBundle.status == "merged")) == 0
        assert s.scalar(select(func.count()).select_from(Organization)) == 0
