"""Finding 3: one bad key can never break every export; keys can be removed."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from fieldapp.core.db import open_store
from fieldapp.core.models import Door
from fieldapp.services.sync import agefmt, keys
from tests.test_cli_sync import Machine

ZERO_RECIPIENT = agefmt.bech32_encode("age", bytes(32))
# The identity point (y = 1) and a point of order 4 (y = 0): valid encodings, low order.
LOW_ORDER_SIGN_KEYS = [bytes(32), b"\x01" + bytes(31)]


@pytest.fixture
def laptop(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Machine:
    m = Machine(tmp_path, "laptop", capsys)
    m.run("keys", "init", "--name", "Laptop 3")
    return m


@pytest.fixture
def hq_pub(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    hq = Machine(tmp_path, "hq", capsys)
    hq.run("keys", "init", "--name", "HQ")
    hq.run("keys", "export-public", "--out", str(tmp_path / "hq.pub"))
    return tmp_path / "hq.pub"


def edited(pub: Path, tmp_path: Path, **fields: str) -> Path:
    doc = json.loads(pub.read_text())
    doc.update(fields)
    doc.pop("fingerprint", None)
    out = tmp_path / "edited.pub"
    out.write_text(json.dumps(doc))
    return out


def test_trust_refuses_an_all_zero_recipient(laptop: Machine, hq_pub: Path, tmp_path: Path) -> None:
    out = laptop.run("keys", "trust", str(edited(hq_pub, tmp_path, age_recipient=ZERO_RECIPIENT)),
                     "--recipient", rc=1)
    assert "age_recipient" in out and "low-order" in out
    assert "No trusted sites yet" in laptop.run("keys", "list")


@pytest.mark.parametrize("raw", LOW_ORDER_SIGN_KEYS, ids=["zero", "identity"])
def test_trust_refuses_a_low_order_signing_key(laptop: Machine, hq_pub: Path, tmp_path: Path,
                                               raw: bytes) -> None:
    bad = edited(hq_pub, tmp_path, sign_key=base64.b64encode(raw).decode())
    out = laptop.run("keys", "trust", str(bad), rc=1)
    assert "sign_key" in out and "low-order" in out


def test_real_keys_pass_the_checks() -> None:
    for _ in range(20):
        site_keys = keys.SiteKeys("x", keys.Ed25519PrivateKey.generate(), agefmt.Identity.generate())
        assert keys.sign_key_problem(site_keys.sign_public) is None
        agefmt.Recipient.parse(str(site_keys.recipient))


def test_a_bad_entry_in_the_trust_file_never_crashes_an_export(
        laptop: Machine, hq_pub: Path, tmp_path: Path) -> None:
    laptop.run("keys", "trust", str(hq_pub), "--recipient")
    store = open_store(laptop.db)
    with store.transaction() as s:
        s.add(Door(street_number="7", street_name="Oak St"))
    store.close()
    trust_file = laptop.dir / "config" / "trust.json"
    if not trust_file.exists():  # wherever --data-dir puts the config folder
        trust_file = next(laptop.dir.rglob("trust.json"))
    doc = json.loads(trust_file.read_text())
    doc["sites"][0]["age_recipient"] = ZERO_RECIPIENT  # an old version let this in
    trust_file.write_text(json.dumps(doc))
    # the only office key is unusable: the export is refused with the reason (never a
    # traceback, never a bundle only this laptop could open)
    out = laptop.run("bundle", "export", "--out", str(tmp_path / "out"), rc=1)
    assert "nobody but this laptop could open the bundle" in out
    assert not list((tmp_path / "out").glob("*.fieldbundle"))
    assert "UNUSABLE" in laptop.run("keys", "list")
    named = laptop.run("bundle", "export", "--out", str(tmp_path / "out"), "--to", "HQ", rc=1)
    assert "cannot be used" in named and "keys untrust" in named and "Traceback" not in out


def test_untrust_removes_a_site(laptop: Machine, hq_pub: Path) -> None:
    laptop.run("keys", "trust", str(hq_pub), "--recipient")
    assert "HQ" in laptop.run("keys", "list")
    assert "No longer trusted: 'HQ'" in laptop.run("keys", "untrust", "HQ")
    assert "No trusted sites yet" in laptop.run("keys", "list")
    assert "no trusted site called 'HQ'" in laptop.run("keys", "untrust", "HQ", rc=1)
