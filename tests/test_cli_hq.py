"""``fieldapp hq ...``, ``fieldapp join`` and ``fieldapp sync`` at the command line, without a
network: invites, the export rule, the outbox status, the watch folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from fieldapp.services.hq.joinfile import parse_join
from tests.test_cli_sync import Machine


@pytest.fixture
def hq(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Machine:
    m = Machine(tmp_path, "hq", capsys)
    m.run("demo", "--doors", "60", "--today", "2026-11-20")
    return m


@pytest.fixture
def laptop(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Machine:
    return Machine(tmp_path, "laptop", capsys)


def test_export_never_encrypts_to_the_laptop_alone(laptop: Machine, tmp_path: Path) -> None:
    laptop.run("demo", "--doors", "50")
    err = laptop.run("bundle", "export", "--out", str(tmp_path / "usb"), rc=1)
    assert "nobody but this laptop could open the bundle" in err and "fieldapp join" in err
    assert not list((tmp_path / "usb").glob("*.fieldbundle"))
    phrase = tmp_path / "phrase.txt"
    phrase.write_text("correct horse battery\n")
    laptop.run("bundle", "export", "--out", str(tmp_path / "usb"), "--passphrase-file", str(phrase))
    assert len(list((tmp_path / "usb").glob("*.fieldbundle"))) == 1


def test_invite_join_and_outbox_status(hq: Machine, laptop: Machine, tmp_path: Path) -> None:
    join = tmp_path / "maria.fieldapp-join"
    text = hq.run("hq", "invite", "--name", "Maria Lopez", "--server", "https://hq.example.org:8443",
                  "--out", str(join))
    assert "Maria Lopez" in text
    doc = parse_join(join.read_bytes(), "test")
    assert doc.servers == ["https://hq.example.org:8443"] and doc.laptop_name == "Maria Lopez"
    assert join.stat().st_mode & 0o077 == 0  # the token is a secret until spent
    pdf = PdfReader(str(join.with_suffix(".pdf")))
    page = pdf.pages[0].extract_text()
    assert "Maria Lopez" in page and "hq.example.org" in page
    assert pdf.pages[0].images  # the QR code
    assert "invited" in hq.run("hq", "laptops")

    laptop.run("demo", "--doors", "50")
    assert "Joined" in laptop.run("join", str(join))
    laptop.run("bundle", "export")  # joined: lands in the outbox, encrypted to HQ
    status = laptop.run("sync", "--status")
    assert "1 bundle(s) waiting" in status and "Last try:   never" in status


def test_offline_sync_keeps_the_outbox(tmp_path: Path) -> None:
    from fieldapp.core.db import open_store
    from fieldapp.core.site import SitePaths
    from fieldapp.services.campaign import outbox, state
    from fieldapp.services.campaign.client import RetryPolicy
    from fieldapp.services.campaign.sync import sync
    from fieldapp.services.hq import laptops
    from tests.server.conftest import free_port

    hq_store = open_store(tmp_path / "hq.sqlite", site=SitePaths.under(tmp_path / "hq-data"))
    join = laptops.invite(hq_store, "Ana", [f"http://127.0.0.1:{free_port()}"])  # nobody listens
    laptop = SitePaths.under(tmp_path / "laptop-data")
    join_path = tmp_path / "ana.fieldapp-join"
    join_path.write_bytes(join.to_bytes())
    store = open_store(tmp_path / "laptop.sqlite", site=laptop)
    try:
        state.join(join_path, site=laptop)
        outbox.export_to_outbox(store)
        report = sync(store, policy=RetryPolicy(tries=2, base=0.01, cap=0.02))
        assert not report.online and report.waiting == 1
        st = state.load_state(laptop)
        assert st is not None and st.last_try and not st.last_ok and "could not be reached" in str(st.last_error)
    finally:
        store.close()
        hq_store.close()


def test_join_file_checks(laptop: Machine, tmp_path: Path) -> None:
    bad = tmp_path / "bad.fieldapp-join"
    bad.write_text(json.dumps({"format": "fieldapp-join/1", "servers": ["ftp://x"]}))
    assert "field 'laptop' is missing" in laptop.run("join", str(bad), rc=1)
    err = laptop.run("join", str(tmp_path / "missing.fieldapp-join"), rc=1)
    assert "cannot read the join file" in err
    bad.write_bytes(b"\x89PNG garbage")
    assert "not a join file" in laptop.run("join", str(bad), rc=1)


def test_watch_folder_imports_once_and_moves_aside(hq: Machine, laptop: Machine,
                                                   tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    hq_pub = tmp_path / "hq.pub"
    laptop_pub = tmp_path / "laptop.pub"
    laptop.run("demo", "--doors", "50")
    hq.run("keys", "init", "--name", "HQ")
    laptop.run("keys", "init", "--name", "Laptop")
    hq.run("keys", "export-public", "--out", str(hq_pub))
    laptop.run("keys", "export-public", "--out", str(laptop_pub))
    laptop.run("keys", "trust", str(hq_pub), "--recipient")
    hq.run("keys", "trust", str(laptop_pub))
    laptop.run("bundle", "export", "--out", str(shared))
    (shared / "junk.fieldbundle").write_bytes(b"not a bundle at all")
    out = hq.run("hq", "watch", str(shared), "--once", "--interval", "0.2")
    assert "2 bundle(s) taken" in out
    assert len(list((shared / "imported").glob("*.fieldbundle"))) == 1
    assert [p.name for p in (shared / "held").iterdir()] == sorted(
        ["junk.fieldbundle", "junk.fieldbundle.txt"])
    assert "not a Field App bundle" in (shared / "held" / "junk.fieldbundle.txt").read_text()
    assert "0 bundle(s) taken" in hq.run("hq", "watch", str(shared), "--once", "--interval", "0.2")


def test_automatic_export_only_when_there_is_new_work(tmp_path: Path) -> None:
    import json as _json

    from fieldapp.core.db import open_store
    from fieldapp.services.campaign import outbox
    from fieldapp.services.sync import keys
    from tests.services.sync.helpers import Site

    office = Site(tmp_path / "sites", "office")
    store = open_store(tmp_path / "laptop.sqlite")
    try:
        keys.trust(keys.parse_public_document(_json.dumps(office.public), "office"), recipient=True)
        assert outbox.export_new_work(store) is None  # an empty store: nothing to send
        from fieldapp.services.demo import seed_demo

        seed_demo(store, doors=50, seed=2)
        assert outbox.export_new_work(store) is not None
        assert outbox.export_new_work(store) is None  # nothing changed since
        assert len(outbox.waiting()) == 1
    finally:
        store.close()
        office.close()
