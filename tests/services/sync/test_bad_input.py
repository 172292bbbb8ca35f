"""Every kind of bad bundle: a message naming the file and the problem, exit 1,
and the store exactly as it was (its dump and its ledger)."""

from __future__ import annotations

import datetime as dt
import json
import stat
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select

from fieldapp.cli import main
from fieldapp.core.models import ContactAttempt, Door, SyncBundle
from fieldapp.services.sync import opening as opening_mod
from fieldapp.services.sync.bundle import export_bundle
from fieldapp.services.sync.merge import import_bundle
from tests.services.sync.helpers import Site, bundle_files, connect, craft_bundle, dump


@dataclass
class Lab:
    a: Site
    hq: Site
    stranger: Site
    good: Path
    files: dict[str, bytes]
    tmp: Path

    def craft(self, name: str, files: dict[str, bytes] | None = None, **kw: object) -> Path:
        kw.setdefault("recipients", [self.hq.keys.recipient])
        return craft_bundle(self.a, self.tmp / name, self.files if files is None else files, **kw)  # type: ignore[arg-type]

    def replace_line(self, member: str, line_no: int, new: bytes) -> dict[str, bytes]:
        lines = self.files[member].split(b"\n")
        lines[line_no - 1] = new
        return {**self.files, member: b"\n".join(lines)}

    def record(self, member: str, line_no: int = 1) -> dict[str, object]:
        return json.loads(self.files[member].split(b"\n")[line_no - 1])  # type: ignore[no-any-return]


@pytest.fixture
def lab(make_site: Callable[..., Site], tmp_path: Path) -> Lab:
    a, hq, stranger = make_site("a"), make_site("hq"), make_site("stranger")
    connect(a, hq)
    with a.store.transaction() as s:
        for n in range(3):
            door = Door(street_number=str(n), street_name="Oak St", address_key=f"{n} oak st")
            s.add(door)
            s.flush()
            s.add(ContactAttempt(door_id=door.id, attempted_at=dt.datetime.now(dt.UTC),
                                 result_code="not_home"))
    good = export_bundle(a.store, tmp_path / "out").path
    files = bundle_files(a, good)
    import_bundle(hq.store, good)  # the store is not empty: "unchanged" means something
    return Lab(a, hq, stranger, good, files, tmp_path)


def run_import(lab: Lab, path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    before = dump(lab.hq.store)
    with lab.hq.store.session() as s:
        ledger = s.scalar(select(func.count()).select_from(SyncBundle))
    rc = main(["--data-dir", str(lab.hq.dir / "data"), "--db", str(lab.hq.dir / "store.sqlite"),
               "bundle", "import", str(path), *extra])
    err = capsys.readouterr().err
    assert rc == 1, err
    assert str(path) in err, err
    assert dump(lab.hq.store) == before
    with lab.hq.store.session() as s:
        assert s.scalar(select(func.count()).select_from(SyncBundle)) == ledger
    return err


def flip(path: Path, at: int) -> Path:
    data = bytearray(path.read_bytes())
    data[at] ^= 0x01
    out = path.with_name("flipped.fieldbundle")
    out.write_bytes(bytes(data))
    return out


def member(name: str, *, mode: int = 0o100644) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = mode << 16
    return info


CASES: dict[str, tuple[Callable[[Lab], Path], str]] = {
    "zero bytes": (lambda lab: _write(lab, "empty.fieldbundle", b""), "empty (zero bytes)"),
    "not a bundle": (lambda lab: _write(lab, "notes.fieldbundle", b"just some text\n"),
                     "not a Field App bundle"),
    "truncated": (lambda lab: _write(lab, "cut.fieldbundle", lab.good.read_bytes()[:-40]),
                  "truncated or damaged"),
    "bit flipped": (lambda lab: flip(lab.good, lab.good.stat().st_size // 2), "damaged"),
    "bit flipped header": (lambda lab: flip(lab.good, 60), "damaged header"),
    "another recipient": (lambda lab: lab.craft("other.fieldbundle", recipients=[lab.stranger.keys.recipient]),
                          "encrypted for another recipient: an unknown key"),
    "dotdot member": (lambda lab: lab.craft("dd.fieldbundle", extra_members=[(member("data/../evil"), b"x")]),
                      "'data/../evil' has '..'"),
    "absolute member": (lambda lab: lab.craft("abs.fieldbundle", extra_members=[(member("/etc/passwd"), b"x")]),
                        "has an absolute path"),
    "drive letter member": (lambda lab: lab.craft("drv.fieldbundle", extra_members=[(member("C:evil"), b"x")]),
                            "has a drive letter"),
    "backslash member": (lambda lab: lab.craft("bs.fieldbundle", extra_members=[(member("data\\doors.ndjson"), b"x")]),
                         "has a backslash"),
    "link member": (lambda lab: lab.craft("ln.fieldbundle", extra_members=[
        (member("data/link.ndjson", mode=stat.S_IFLNK | 0o777), b"/etc/passwd")]), "is a link"),
    "missing member": (lambda lab: lab.craft("miss.fieldbundle", {k: v for k, v in lab.files.items() if k != "data/doors.ndjson"},
                                             manifest={"files": _entries(lab.files)}),
                       "member 'data/doors.ndjson' is missing"),
    "unknown member": (lambda lab: lab.craft("unk.fieldbundle", extra_members=[(member("data/evil.ndjson"), b"")]),
                       "unknown member 'data/evil.ndjson'"),
    "unlisted member": (lambda lab: lab.craft("unl.fieldbundle", manifest={"files": {
        k: v for k, v in _entries(lab.files).items() if k != "data/doors.ndjson"}}),
        "unknown member 'data/doors.ndjson' (not in the manifest)"),
    "duplicated member": (lambda lab: lab.craft("dup.fieldbundle", extra_members=[(member("data/doors.ndjson"), b"")]),
                          "'data/doors.ndjson' appears twice"),
    "high ratio member": (lambda lab: lab.craft("ratio.fieldbundle", {**lab.files, "data/doors.ndjson": b"\n" * 20_000_000}),
                          "expands too much"),
    "manifest not json": (lambda lab: lab.craft("mj.fieldbundle", manifest_bytes=b"{not json"),
                          "the manifest is not JSON"),
    "manifest field missing": (lambda lab: lab.craft("mf.fieldbundle", manifest_bytes=_manifest_without(lab, "seq")),
                               "manifest field 'seq' is missing"),
    "manifest field wrong": (lambda lab: lab.craft("mw.fieldbundle", manifest={"hlc_max": "soon"}),
                             "manifest field 'hlc_max' is not a clock stamp"),
    "unknown signer": (lambda lab: craft_bundle(lab.stranger, lab.tmp / "st.fieldbundle", lab.files,
                                                recipients=[lab.hq.keys.recipient]), "signed by an unknown key"),
    "bad signature": (lambda lab: lab.craft("sig.fieldbundle", signature=b"A" * 86 + b"=="), "bad signature"),
    "cloned laptop": (lambda lab: _clone(lab), "a cloned laptop"),
    "hash mismatch": (lambda lab: lab.craft("hash.fieldbundle", manifest={"files": {
        **_entries(lab.files), "data/doors.ndjson": {**_entries(lab.files)["data/doors.ndjson"], "sha256": "0" * 64}}}),
        "data/doors.ndjson: the SHA-256 does not match"),
    "count mismatch": (lambda lab: lab.craft("count.fieldbundle", manifest={"files": {
        **_entries(lab.files), "data/doors.ndjson": {**_entries(lab.files)["data/doors.ndjson"], "records": 99}}}),
        "data/doors.ndjson: 3 records, but the manifest says 99"),
    "newer major format": (lambda lab: lab.craft("new.fieldbundle", manifest={"format_version": "2.0", "app_version": "3.1.0"}),
                           "upgrade to Field App 3.1.0"),
    "malformed uuid": (lambda lab: lab.craft("uuid.fieldbundle", lab.replace_line(
        "data/doors.ndjson", 2, _json({**lab.record("data/doors.ndjson", 2), "id": "door-2"}))),
        "data/doors.ndjson line 2: field 'id' is not a UUID"),
    "malformed hlc": (lambda lab: lab.craft("hlc.fieldbundle", lab.replace_line(
        "data/doors.ndjson", 1, _json({**lab.record("data/doors.ndjson"), "hlc": "12:30"}))),
        "data/doors.ndjson line 1: field 'hlc'"),
    "duplicate id": (lambda lab: lab.craft("dupid.fieldbundle", lab.replace_line(
        "data/doors.ndjson", 2, lab.files["data/doors.ndjson"].split(b"\n")[0])),
        "data/doors.ndjson line 2: duplicate id"),
    "changed contact attempt": (lambda lab: lab.craft("ca.fieldbundle", lab.replace_line(
        "data/contact_attempts.ndjson", 1, _json({**lab.record("data/contact_attempts.ndjson"), "result_code": "refused"}))),
        "is already in the store with different content"),
    "value the store refuses": (lambda lab: lab.craft("enum.fieldbundle", {**lab.files, "data/contact_attempts.ndjson": _json(
        {**lab.record("data/contact_attempts.ndjson"), "id": "00000000-0000-4000-8000-000000000001", "support": 9}) + b"\n"}),
        "a record breaks a rule of the store (CHECK constraint failed: ck_contact_attempts_support)"),
    "not utf-8": (lambda lab: lab.craft("utf.fieldbundle", lab.replace_line("data/doors.ndjson", 3, b'{"id": "\xff"}')),
                  "data/doors.ndjson line 3: not UTF-8"),
    "broken json": (lambda lab: lab.craft("bj.fieldbundle", lab.replace_line("data/doors.ndjson", 2, b'{"id": ')),
                    "data/doors.ndjson line 2: broken JSON"),
}


def _write(lab: Lab, name: str, data: bytes) -> Path:
    path = lab.tmp / name
    path.write_bytes(data)
    return path


def _json(doc: object) -> bytes:
    return json.dumps(doc, sort_keys=True, separators=(",", ":")).encode()


def _entries(files: dict[str, bytes]) -> dict[str, dict[str, object]]:
    import hashlib

    return {n: {"sha256": hashlib.sha256(d).hexdigest(), "size": len(d), "records": d.count(b"\n")}
            for n, d in files.items()}


def _manifest_without(lab: Lab, field: str) -> bytes:
    probe = lab.craft("probe.fieldbundle")
    probe = lab.craft("probe.fieldbundle")
    import io

    from fieldapp.services.sync import agefmt
    from tests.services.sync.helpers import bundle_files as _  # noqa: F401

    plain = io.BytesIO()
    with probe.open("rb") as src:
        agefmt.decrypt(src, plain, identities=[lab.hq.keys.identity])
    with zipfile.ZipFile(plain) as zf:
        doc = json.loads(zf.read("manifest.json"))
    del doc[field]
    return json.dumps(doc).encode()


def _clone(lab: Lab) -> Path:
    # The clone has laptop A's store (same site id) but made its own keys, and HQ
    # was talked into trusting them.
    lab.hq.trust(lab.stranger, recipient=False)
    return craft_bundle(lab.a, lab.tmp / "clone.fieldbundle", lab.files, sign_with=lab.stranger.keys,
                        recipients=[lab.hq.keys.recipient])


@pytest.mark.filterwarnings("ignore:Duplicate name")
@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_bundle_is_refused_and_the_store_is_untouched(lab: Lab, case: str, capsys: pytest.CaptureFixture[str]) -> None:
    build, expected = CASES[case]
    path = build(lab)
    err = run_import(lab, path, capsys)
    assert expected in err


def test_wrong_passphrase(lab: Lab, capsys: pytest.CaptureFixture[str]) -> None:
    path = lab.craft("pw.fieldbundle", passphrase=b"right horse battery")
    wrong = lab.tmp / "wrong.txt"
    wrong.write_text("wrong horse\n")
    assert "wrong passphrase" in run_import(lab, path, capsys, "--passphrase-file", str(wrong))
    assert "protected by a passphrase" in run_import(lab, path, capsys)


def test_oversize_member(lab: Lab, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(opening_mod, "MAX_MEMBER_BYTES", 100)
    assert "'data/doors.ndjson' is too large" in run_import(lab, lab.craft("big.fieldbundle"), capsys)


def test_same_bundle_id_with_different_bytes(lab: Lab, capsys: pytest.CaptureFixture[str]) -> None:
    from fieldapp.core.ids import new_id

    bid = new_id()
    first = lab.craft("first.fieldbundle", manifest={"bundle_id": bid})
    assert import_bundle(lab.hq.store, first).status == "merged"
    changed = lab.replace_line("data/doors.ndjson", 1, _json({**lab.record("data/doors.ndjson"), "notes": "x"}))
    forged = lab.craft("forged.fieldbundle", changed, manifest={"bundle_id": bid})
    assert "a different bundle with the same id" in run_import(lab, forged, capsys)


def test_a_crash_mid_import_leaves_the_store_as_it_was_and_the_import_then_succeeds(
    lab: Lab, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldapp.services.sync import merge

    with lab.a.store.transaction() as s:
        s.get(Door, json.loads(lab.files["data/doors.ndjson"].split(b"\n")[0])["id"]).notes = "later"
        s.add(ContactAttempt(door_id=json.loads(lab.files["data/doors.ndjson"].split(b"\n")[0])["id"],
                             attempted_at=dt.datetime.now(dt.UTC), result_code="refused"))
    path = export_bundle(lab.a.store, lab.tmp / "out").path
    before = dump(lab.hq.store)
    real = merge.Merger.merge
    calls = []

    def dying(self: merge.Merger, table: str, rows: list[dict[str, object]]) -> None:
        real(self, table, rows)
        calls.append(table)
        if table == "contact_attempts":
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(merge.Merger, "merge", dying)
    with pytest.raises(OSError):
        import_bundle(lab.hq.store, path)
    assert "doors" in calls and dump(lab.hq.store) == before
    monkeypatch.setattr(merge.Merger, "merge", real)
    assert import_bundle(lab.hq.store, path).status == "merged"
    assert dump(lab.hq.store) == dump(lab.a.store)


def test_a_killed_export_leaves_no_file_under_the_final_name(lab: Lab, monkeypatch: pytest.MonkeyPatch) -> None:
    from fieldapp.services.sync import agefmt

    out = lab.tmp / "killed"

    def dying(src: object, dst: object, **kw: object) -> None:
        dst.write(b"age-encryption.org/v1\n partial")  # type: ignore[attr-defined]
        raise KeyboardInterrupt

    monkeypatch.setattr(agefmt, "encrypt", dying)
    with pytest.raises(KeyboardInterrupt):
        export_bundle(lab.a.store, out)
    assert list(out.iterdir()) == []
    with lab.a.store.session() as s:
        assert s.scalar(select(func.count()).select_from(SyncBundle).where(SyncBundle.direction == "out")) == 1


def test_a_newer_minor_format_is_read_leaving_out_fields_it_does_not_know(lab: Lab) -> None:
    from fieldapp.core.ids import new_id

    door = {**lab.record("data/doors.ndjson"), "id": new_id(), "notes": "newer", "solar_panels": True}
    files = lab.replace_line("data/doors.ndjson", 1, _json(door))
    path = lab.craft("minor.fieldbundle", files, manifest={"format_version": "1.7"})
    assert import_bundle(lab.hq.store, path).status == "merged"
    with lab.hq.store.session() as s:
        assert s.get(Door, door["id"]).notes == "newer"


def test_encrypted_for_another_trusted_site_names_it(lab: Lab, capsys: pytest.CaptureFixture[str]) -> None:
    lab.hq.trust(lab.stranger, recipient=False)
    path = lab.craft("theirs.fieldbundle", recipients=[lab.stranger.keys.recipient])
    assert "encrypted for another recipient: stranger; not for this site" in run_import(lab, path, capsys)


def test_an_import_killed_mid_merge_leaves_the_store_as_it_was(lab: Lab) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    with lab.a.store.transaction() as s:
        for n in range(50):
            s.add(Door(street_number=str(100 + n), street_name="Elm St"))
    path = export_bundle(lab.a.store, lab.tmp / "out").path
    marker = lab.tmp / "merging"
    args = ["--data-dir", str(lab.hq.dir / "data"), "--db", str(lab.hq.dir / "store.sqlite"),
            "bundle", "import", str(path)]
    script = f"""
import sys, time
from fieldapp.services.sync import merge
real = merge.Merger.merge
def slow(self, table, rows):
    real(self, table, rows)
    self.session.flush()
    if table == "doors":
        open({str(marker)!r}, "w").close()
        time.sleep(60)
merge.Merger.merge = slow
from fieldapp.cli import main
sys.exit(main({args!r}))
"""
    before = dump(lab.hq.store)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while not marker.exists():
            assert proc.poll() is None and time.monotonic() < deadline, "the import never started merging"
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(30)
    assert dump(lab.hq.store) == before
    assert import_bundle(lab.hq.store, path).status == "merged"
    assert dump(lab.hq.store) == dump(lab.a.store)
