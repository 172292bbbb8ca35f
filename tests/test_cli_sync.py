"""``fieldapp bundle`` and ``fieldapp keys`` as a captain and HQ use them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from fieldapp.cli import main
from fieldapp.core.db import open_store
from fieldapp.core.models import Door, Person, Signup, Turf, TurfAssignment, Volunteer
from fieldapp.services.sync import agefmt


class Machine:
    """One computer: its own data folder (keys) and store."""

    def __init__(self, root: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
        self.dir = root / name
        self.db = self.dir / "store.sqlite"
        self.capsys = capsys

    def run(self, *args: str, rc: int = 0) -> str:
        code = main(["--data-dir", str(self.dir), "--db", str(self.db), *args])
        out = self.capsys.readouterr()
        assert code == rc, out.err + out.out
        return out.out + out.err

    def dump(self) -> str:
        return self.run("dump")


@pytest.fixture
def laptop(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Machine:
    return Machine(tmp_path, "laptop", capsys)


@pytest.fixture
def hq(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Machine:
    return Machine(tmp_path, "hq", capsys)


def pair(laptop: Machine, hq: Machine, tmp_path: Path) -> None:
    assert "age recipient: age1" in laptop.run("keys", "init", "--name", "Laptop 3")
    hq.run("keys", "init", "--name", "HQ")
    laptop.run("keys", "export-public", "--out", str(tmp_path / "laptop.pub"))
    hq.run("keys", "export-public", "--out", str(tmp_path / "hq.pub"))
    assert "as signer and default recipient" in laptop.run("keys", "trust", str(tmp_path / "hq.pub"), "--recipient")
    assert "Trusted 'Laptop 3'" in hq.run("keys", "trust", str(tmp_path / "laptop.pub"))


def exported(text: str) -> Path:
    return Path(text.split("Wrote ", 1)[1].split("\n", 1)[0].strip())


def test_captain_exports_and_hq_imports(laptop: Machine, hq: Machine, tmp_path: Path) -> None:
    pair(laptop, hq, tmp_path)
    laptop.run("demo", "--doors", "60", "--seed", "4", "--today", "2026-11-20")
    text = laptop.run("bundle", "export", "--out", str(tmp_path / "usb"))
    path = exported(text)
    assert path.name.endswith(".fieldbundle") and "-00001-" in path.name
    assert "doors" in text and "total" in text
    listing = hq.run("bundle", "inspect", str(path))
    assert "Site:       Laptop 3" in listing and "Signer:" in listing and "(Laptop 3)" in listing
    assert json.loads(hq.run("bundle", "inspect", "--json", str(path)))["seq"] == 1

    empty = hq.dump()
    dry = hq.run("bundle", "import", "--dry-run", str(path))
    assert "dry run" in dry and "new" in dry
    assert hq.dump() == empty
    assert "merged:" in hq.run("bundle", "import", str(path))
    assert hq.dump() == laptop.dump()
    assert "already imported" in hq.run("bundle", "import", str(path))
    history = hq.run("bundle", "history")
    assert " in " in history and "merged" in history

    # HQ's edits travel back the same way (encrypted to the laptop with --to).
    store = open_store(hq.db)
    with store.transaction() as s:
        s.scalars(select(Door).order_by(Door.id)).first().notes = "call first"
    store.close()
    back = exported(hq.run("bundle", "export", "--since-last", "--to", "Laptop 3", "--out", str(tmp_path / "back")))
    assert "merged:" in laptop.run("bundle", "import", str(back))
    assert "call first" in laptop.dump()


def test_turf_packet_holds_only_that_turf_and_the_captains_events(laptop: Machine, hq: Machine, tmp_path: Path) -> None:
    pair(laptop, hq, tmp_path)
    hq.run("demo", "--doors", "80", "--seed", "4", "--today", "2026-11-20")
    store = open_store(hq.db)
    with store.session() as s:
        turf = s.scalars(select(Turf).order_by(Turf.name)).first()
        captain = s.scalar(select(Volunteer.person_id).join(TurfAssignment, TurfAssignment.volunteer_id == Volunteer.id)
                           .where(TurfAssignment.turf_id == turf.id, TurfAssignment.role == "captain"))
        turf_doors = {d for d in s.scalars(select(Door.id).where(Door.turf_id == turf.id))}
        events = set(s.scalars(select(Signup.event_id).where(Signup.person_id == captain)))
        turf_name = turf.name
    store.close()
    packet = exported(hq.run("bundle", "export", "--for", captain, "--turf", turf_name, "--to", "Laptop 3",
                             "--out", str(tmp_path / "packets")))
    laptop.run("bundle", "import", str(packet))
    got = json.loads(laptop.dump())["tables"]
    assert {d["id"] for d in got["doors"]} == turf_doors
    assert [t["name"] for t in got["turfs"]] == [turf_name]
    assert {e["id"] for e in got["events"]} == events
    assert got["survey_questions"] and got["campaigns"] and got["organizations"]
    assert all(p["door_id"] in turf_doors or p["id"] == captain for p in got["people"])


def test_passphrase_bundles(laptop: Machine, hq: Machine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(agefmt, "SCRYPT_LOG_N", 10)  # fast for the test
    pair(laptop, hq, tmp_path)
    laptop.run("demo", "--doors", "50", "--seed", "2", "--today", "2026-11-20")
    secret = tmp_path / "pass.txt"
    secret.write_text("field office 7\n")
    path = exported(laptop.run("bundle", "export", "--passphrase-file", str(secret), "--out", str(tmp_path)))
    assert "protected by a passphrase" in hq.run("bundle", "import", str(path), rc=1)
    assert "merged:" in hq.run("bundle", "import", "--passphrase-file", str(secret), str(path))


def test_untrusted_laptop_is_refused_until_trusted(laptop: Machine, hq: Machine, tmp_path: Path) -> None:
    hq.run("keys", "init", "--name", "HQ")
    hq.run("keys", "export-public", "--out", str(tmp_path / "hq.pub"))
    laptop.run("keys", "trust", "--recipient", str(tmp_path / "hq.pub"))
    laptop.run("demo", "--doors", "50", "--seed", "2", "--today", "2026-11-20")
    path = exported(laptop.run("bundle", "export", "--out", str(tmp_path)))  # keys made on first use
    before = hq.dump()
    err = hq.run("bundle", "import", str(path), rc=1)
    assert str(path) in err and "signed by an unknown key" in err
    assert hq.dump() == before
    laptop.run("keys", "export-public", "--out", str(tmp_path / "laptop.pub"))
    hq.run("keys", "trust", str(tmp_path / "laptop.pub"))
    assert "merged:" in hq.run("bundle", "import", str(path))
    assert "sites:" in hq.run("keys", "list")


def test_keys_init_refuses_to_overwrite_and_keys_are_private(laptop: Machine, tmp_path: Path) -> None:
    laptop.run("keys", "init")
    assert "already has keys" in laptop.run("keys", "init", rc=1)
    for f in (laptop.dir / "config" / "keys").iterdir():
        if f.name != "site.json":
            assert f.stat().st_mode & 0o077 == 0, f
    store = open_store(laptop.db)
    with store.session() as s:  # nothing secret in the store
        assert s.scalar(select(Person.id)) is None
    store.close()
    assert b"AGE-SECRET-KEY" not in laptop.db.read_bytes()
    public = laptop.run("keys", "export-public")
    assert "AGE-SECRET" not in public and "PRIVATE" not in public


def test_bad_usage_is_explained(laptop: Machine, tmp_path: Path) -> None:
    laptop.run("keys", "init")
    assert "needs --turf" in laptop.run("bundle", "export", "--for", "Ana", "--out", str(tmp_path), rc=1)
    assert "no trusted recipient called 'Nobody'" in laptop.run(
        "bundle", "export", "--to", "Nobody", "--out", str(tmp_path), rc=1)
    secret = tmp_path / "pw.txt"
    secret.write_text("x\n")
    assert "not both" in laptop.run("bundle", "export", "--to", "HQ", "--passphrase-file", str(secret),
                                    "--out", str(tmp_path), rc=1)
    assert "no such file" in laptop.run("bundle", "import", str(tmp_path / "missing.fieldbundle"), rc=1)
    assert "no imported bundle" in laptop.run("bundle", "accept", "0000", rc=1)
