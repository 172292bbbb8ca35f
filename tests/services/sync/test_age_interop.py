"""Bundles are standard age files: Debian's ``age`` opens them (X25519 identity
and passphrase), rage (pyrage) agrees, and damage is always caught."""

from __future__ import annotations

import io
import os
import pty
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pyrage
import pytest

from fieldapp import paths
from fieldapp.core.models import Door
from fieldapp.services.sync import agefmt
from fieldapp.services.sync.bundle import export_bundle
from tests.services.sync.helpers import Site

AGE = shutil.which("age")


@pytest.fixture
def age_tool() -> str:
    if AGE is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set but the age tool is missing (make system-test-deps installs it)")
        pytest.skip("the age tool is not installed")
    return AGE


@pytest.fixture
def site(make_site: Callable[..., Site]) -> Site:
    site = make_site("laptop")
    site.trust(make_site("office"))  # a laptop exports only when someone else can open it
    with site.store.transaction() as s:
        s.add(Door(street_number="7", street_name="Oak St"))
    return site


def _members(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return sorted(zf.namelist())


def test_age_opens_a_bundle_with_the_sites_identity_file(site: Site, age_tool: str, tmp_path: Path) -> None:
    path = export_bundle(site.store, tmp_path).path
    identity = paths.keys_dir(site.paths) / "age-identity.txt"
    assert identity.stat().st_mode & 0o077 == 0  # owner-only
    out = subprocess.run([age_tool, "-d", "-i", str(identity), str(path)], capture_output=True, check=True)
    assert "manifest.json" in _members(out.stdout)
    assert "data/doors.ndjson" in _members(out.stdout)


def test_age_opens_a_passphrase_bundle(site: Site, age_tool: str, tmp_path: Path) -> None:
    path = export_bundle(site.store, tmp_path, passphrase=b"correct horse", scrypt_log_n=12).path
    target = tmp_path / "plain.zip"
    # age reads a passphrase only from a terminal: give it one.
    pid, fd = pty.fork()
    if pid == 0:  # the child
        os.execv(age_tool, [age_tool, "-d", "-o", str(target), str(path)])
    seen = b""
    try:
        while b"passphrase" not in seen.lower():
            seen += os.read(fd, 1024)
        os.write(fd, b"correct horse\n")
        while True:
            try:
                if not os.read(fd, 1024):
                    break
            except OSError:
                break
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0, seen
    assert "manifest.json" in _members(target.read_bytes())


def test_files_from_age_and_rage_open_here(age_tool: str, tmp_path: Path) -> None:
    identity = agefmt.Identity.generate()
    data = os.urandom(200_000)
    src = tmp_path / "plain.bin"
    src.write_bytes(data)
    enc = tmp_path / "x.age"
    subprocess.run([age_tool, "-r", str(identity.recipient()), "-o", str(enc), str(src)], check=True)
    out = io.BytesIO()
    agefmt.decrypt(enc.open("rb"), out, identities=[identity])
    assert out.getvalue() == data
    out = io.BytesIO()
    agefmt.decrypt(io.BytesIO(pyrage.passphrase.encrypt(data, "pw")), out, passphrase=b"pw")
    assert out.getvalue() == data


@pytest.mark.parametrize("size", [0, 1, 65536, 65536 * 2, 100_000])
def test_round_trip_and_damage_is_caught(size: int) -> None:
    identity = agefmt.Identity.generate()
    data = os.urandom(size)
    enc = io.BytesIO()
    agefmt.encrypt(io.BytesIO(data), enc, recipients=[identity.recipient()])
    blob = enc.getvalue()
    assert pyrage.decrypt(blob, [pyrage.x25519.Identity.from_str(str(identity))]) == data
    out = io.BytesIO()
    agefmt.decrypt(io.BytesIO(blob), out, identities=[identity])
    assert out.getvalue() == data
    header_end = blob.index(b"\n---") + 49  # "\n--- " + 43 base64 + "\n"
    cuts = [len(blob) - 1, header_end + 16 + min(size, 65536) + 16]  # mid-block, and at a block end
    for cut in cuts:
        if cut < len(blob):
            with pytest.raises(agefmt.AgeError):
                agefmt.decrypt(io.BytesIO(blob[:cut]), io.BytesIO(), identities=[identity])
    flipped = bytearray(blob)
    flipped[-5] ^= 1
    with pytest.raises(agefmt.AgeError):
        agefmt.decrypt(io.BytesIO(bytes(flipped)), io.BytesIO(), identities=[identity])
    with pytest.raises(agefmt.NoIdentityError):
        agefmt.decrypt(io.BytesIO(blob), io.BytesIO(), identities=[agefmt.Identity.generate()])


def test_keys_match_age_keygen(age_tool: str, tmp_path: Path) -> None:
    keygen = shutil.which("age-keygen")
    assert keygen is not None
    key_file = tmp_path / "k.txt"
    subprocess.run([keygen, "-o", str(key_file)], check=True, capture_output=True)
    public = subprocess.run([keygen, "-y", str(key_file)], check=True, capture_output=True, text=True).stdout.strip()
    assert str(agefmt.Identity.parse(key_file.read_text()).recipient()) == public
