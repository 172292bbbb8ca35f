"""A revoked laptop over HTTP, against a real ``hq serve`` on a real PostgreSQL: told at its
next sync, one final upload of what it still holds (held for review), then the wipe; and
a thief holding the laptop's secret gets nothing more in."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from fieldapp.cli import main
from fieldapp.core.hq_models import HqUpload
from fieldapp.core.models import ContactAttempt, Door
from fieldapp.services import canvass, storekey
from fieldapp.services.campaign import outbox, state
from fieldapp.services.campaign.client import RetryPolicy
from fieldapp.services.campaign.state import RevokedError
from fieldapp.services.campaign.sync import sync
from fieldapp.services.demo import seed_demo
from fieldapp.services.hq import inbox, laptops, revocation
from fieldapp.services.sync.merge import import_bundle
from tests.conftest import DEMO_DAY
from tests.server.conftest import write_join
from tests.server.test_inbox_flow import wait_merged

pytestmark = pytest.mark.postgres

FAST = RetryPolicy(tries=3, base=0.05, cap=0.2)


def _knock(store) -> None:  # type: ignore[no-untyped-def]
    with store.session() as s:
        door_id = s.scalars(select(Door.id).order_by(Door.id)).first()
    with store.transaction() as s:
        canvass.record_result(s, door_id=door_id, result_code="not_home")


def _joined(hq, make_laptop, url: str, tmp_path: Path, monkeypatch, name: str):  # type: ignore[no-untyped-def]
    """A laptop whose store is encrypted with its key in the (real, temporary) keyring."""
    monkeypatch.setenv(storekey.ENCRYPT_ENV, "1")
    monkeypatch.delenv(storekey.KEY_FILE_ENV, raising=False)
    laptop = make_laptop(name)
    state.join(write_join(hq.invite(name, [url]), tmp_path / f"{name}.join"), site=laptop.paths)
    seed_demo(laptop.store, doors=50, seed=7, today=DEMO_DAY)
    assert sync(laptop.store, policy=FAST).online  # enrolled, the seed sent nowhere yet
    return laptop


def test_revoked_laptop_sends_its_last_work_then_wipes(make_hq, make_laptop, pg_url,  # type: ignore[no-untyped-def]
                                                       tmp_path: Path, monkeypatch, capsys) -> None:
    hq = make_hq(pg_url)
    url = hq.serve()
    laptop = _joined(hq, make_laptop, url, tmp_path, monkeypatch, "rosa")
    store_file = laptop.dir / "store.sqlite"
    outbox.export_to_outbox(laptop.store)  # waits in the outbox
    _knock(laptop.store)  # and one knock not exported at all
    assert storekey.keyring_get(store_file) is not None
    secret = state.load_state(laptop.paths).secret  # type: ignore[union-attr]
    keys_dir = laptop.paths.keys
    assert (keys_dir / "age-identity.txt").exists()
    laptops.revoke(hq.store, "rosa")  # default: one final upload, held for review

    report = sync(laptop.store, policy=FAST)
    rev = report.revoked
    assert rev is not None and rev.final == "sent" and rev.wiped
    assert len(rev.sent) == 2 and rev.left == [] and rev.exit_code == 3
    assert not store_file.exists() and list(laptop.dir.glob("store*")) == []
    assert storekey.keyring_get(store_file) is None
    assert not keys_dir.exists()
    assert list(outbox.sent_dir(laptop.paths).iterdir()) == []
    after = state.load_state(laptop.paths)
    assert after is not None and after.wiped_at and after.secret is None and after.revoked
    with pytest.raises(RevokedError, match="removed"):
        sync(laptop.store, policy=FAST)

    # HQ holds both bundles for review; a person approves one and it merges.
    rows = wait_merged(hq, 2)
    assert [r.status for r in rows] == ["held", "held"]
    assert all("revoked laptop" in r.message for r in rows)
    with hq.store.session() as s:
        attempts = s.scalar(select(func.count()).select_from(ContactAttempt))
    assert attempts == 0  # nothing merged unseen
    for r in rows:
        inbox.retry(hq.store, r.id)
    rows = wait_merged(hq, 2)
    assert [r.status for r in rows] == ["merged", "merged"]
    with hq.store.session() as s:
        assert s.scalar(select(func.count()).select_from(ContactAttempt)) >= 1
    info = revocation.info(hq.store, laptops.find_laptop(hq.store, "rosa").id)
    assert info.wiped_at is not None and info.closed_at is not None and info.declared == 2
    capsys.readouterr()
    assert main(["--data-dir", str(hq.dir), "--db", pg_url, "hq", "laptops"]) == 0
    listing = capsys.readouterr().out
    assert "review, 2 bundle(s) declared, closed; wiped: 20" in listing

    # A thief with the old secret: the window is closed, nothing goes in, nothing comes out.
    auth = {"Authorization": f"Bearer {secret}"}
    junk = os.urandom(3000)
    sha = hashlib.sha256(junk).hexdigest()
    with httpx.Client(base_url=url, timeout=10, headers=auth) as http:
        hello = http.get("/v1/hello")
        assert hello.status_code == 403 and hello.json()["final_upload"] == "closed"
        for response in (http.post("/v1/final", json={"bundles": [{"sha256": sha}]}),
                         http.post("/v1/uploads", json={"sha256": sha, "size": 3000,
                                                        "name": "x.fieldbundle"}),
                         http.get("/v1/packets")):
            assert response.status_code == 403 and response.json()["error"] == "revoked"
    with hq.store.session() as s:
        assert s.scalar(select(func.count()).select_from(HqUpload)) == 2


def test_a_thief_gets_one_declared_batch_and_nothing_else(make_hq, make_laptop, pg_url,  # type: ignore[no-untyped-def]
                                                         tmp_path: Path, monkeypatch) -> None:
    """The final upload is bound to the list the laptop declares once, held for review."""
    hq = make_hq(pg_url)
    url = hq.serve()
    laptop = _joined(hq, make_laptop, url, tmp_path, monkeypatch, "tom")
    secret = state.load_state(laptop.paths).secret  # type: ignore[union-attr]
    laptops.revoke(hq.store, "tom")
    first, second = os.urandom(2000), os.urandom(2000)
    sha1, sha2 = (hashlib.sha256(b).hexdigest() for b in (first, second))
    with httpx.Client(base_url=url, timeout=10,
                      headers={"Authorization": f"Bearer {secret}"}) as http:
        hello = http.get("/v1/hello")
        assert hello.status_code == 403 and hello.json()["final_upload"] == "open"
        assert http.get("/v1/packets").status_code == 403  # never any data back
        undeclared = http.post("/v1/uploads", json={"sha256": sha1, "size": 2000, "name": "a"})
        assert undeclared.status_code == 403
        declared = http.post("/v1/final", json={"bundles": [{"sha256": sha1, "size": 2000}]})
        assert declared.status_code == 200 and declared.json()["accepted"] == [sha1]
        again = http.post("/v1/final", json={"bundles": [{"sha256": sha2, "size": 2000}]})
        assert again.status_code == 409 and again.json()["error"] == "final-declared"
        other = http.post("/v1/uploads", json={"sha256": sha2, "size": 2000, "name": "b"})
        assert other.status_code == 403
        too_many = http.post("/v1/final", json={"bundles": [{"sha256": sha1}] * 500})
        assert too_many.status_code == 400
        ok = http.post("/v1/uploads", json={"sha256": sha1, "size": 2000, "name": "a"})
        assert ok.status_code == 201  # the declared one may come (and is checked as usual)
    with hq.store.session() as s:
        rows = list(s.scalars(select(HqUpload)))
    assert [(r.sha256, r.review) for r in rows] == [(sha1, True)]


def test_revoked_with_no_final_upload_leaves_work_for_hq_only(make_hq, make_laptop, pg_url,  # type: ignore[no-untyped-def]
                                                              tmp_path: Path, monkeypatch,
                                                              capsys) -> None:
    """`hq revoke --final-upload none` (a lost laptop): the CLI sync wipes, exits 4 and names
    the outbox, whose bundle only HQ can open (a USB handover merges it)."""
    hq = make_hq(pg_url)
    url = hq.serve()
    laptop = _joined(hq, make_laptop, url, tmp_path, monkeypatch, "ana")
    assert main(["--data-dir", str(hq.dir), "--db", pg_url, "hq", "revoke", "ana",
                 "--final-upload", "none"]) == 0
    assert "No final upload" in capsys.readouterr().out
    _knock(laptop.store)
    db = str(laptop.dir / "store.sqlite")
    laptop.store.close()
    code = main(["--data-dir", str(laptop.dir / "data"), "--db", db, "sync"])
    out = capsys.readouterr().out
    assert code == 4, out
    left = [item.path for item in outbox.waiting(laptop.paths)]
    assert len(left) == 1 and str(outbox.outbox_dir(laptop.paths)) in out and "USB" in out
    assert not Path(db).exists()
    status = main(["--data-dir", str(laptop.dir / "data"), "sync", "--status"])
    assert status == 0 and "removed on" in capsys.readouterr().out
    from fieldapp.services.sync import keys

    assert not keys.keys_exist(laptop.paths)  # the laptop's own copy of the key is gone: HQ's only
    assert inbox.inbox(hq.store) == []
    # carried to HQ by hand: HQ opens it and merges it
    result = import_bundle(hq.store, left[0])
    assert result.status == "merged" and result.total().new >= 1


def test_a_laptop_that_knew_it_was_revoked_wipes_even_offline(make_laptop, tmp_path: Path) -> None:
    """Told at an earlier contact, then cut off: the next sync still exports and wipes."""
    from fieldapp.services.sync import keys

    laptop = make_laptop("offline")
    hq_site = make_laptop("hq-keys")
    laptop.trust(hq_site)  # HQ's key, as a join file brings it
    state.save_state(state.CampaignState(
        campaign="C", laptop_name="x", laptop_id="L1", servers=["http://127.0.0.1:9"],
        token="", hq_name="hq-keys", hq_fingerprint=hq_site.keys.fingerprint,
        joined_at=state.now_text(), secret="s", revoked=True), laptop.paths)
    seed_demo(laptop.store, doors=50, seed=1, today=DEMO_DAY)
    report = sync(laptop.store, policy=RetryPolicy(tries=1, base=0.01, cap=0.01), timeout=2)
    rev = report.revoked
    assert rev is not None and rev.final == "offline" and rev.wiped and rev.exit_code == 4
    assert len(rev.left) == 1 and not keys.keys_exist(laptop.paths)
    saved = json.loads(state.state_path(laptop.paths).read_text())
    assert saved["secret"] is None and saved["wiped_at"]
    hq_site.trust(laptop, recipient=False)
    # HQ's key opens what was left
    assert import_bundle(hq_site.store, rev.left[0]).status == "merged"
