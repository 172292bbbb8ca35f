"""Release files: the lock, the icons, the Linux desktop entry and AppStream metainfo."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "release"))

import lock  # noqa: E402  (release/lock.py)


def test_committed_lock_matches_pyproject() -> None:
    assert lock.check() is None, "run `make lock` and commit requirements.lock"


def test_lock_pins_every_declared_package() -> None:
    declared = {lock._name(r) for reqs in lock.requirements().values() for r in reqs}
    assert declared <= lock.locked_names(lock.LOCK.read_text(encoding="utf-8"))


def test_a_new_dependency_makes_the_lock_stale(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    pyproject.write_text(text.replace('dependencies = [\n', 'dependencies = [\n  "fieldapp-new-dependency>=0.40",\n', 1),
                         encoding="utf-8")
    problem = lock.check(pyproject, lock.LOCK)
    assert problem is not None
    assert "fieldapp-new-dependency" in problem and "make lock" in problem


def test_make_refuses_a_stale_lock(tmp_path: Path) -> None:
    """`make test` and `make dist` start with check-lock: a stale lock stops them."""
    for name in ("Makefile", "requirements.lock"):
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / "release").mkdir()
    shutil.copy(ROOT / "release" / "lock.py", tmp_path / "release" / "lock.py")
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        text.replace('dependencies = [\n', 'dependencies = [\n  "fieldapp-new-dependency>=0.40",\n', 1), encoding="utf-8")
    proc = subprocess.run(["make", "-n", "--no-print-directory", "check-lock"], cwd=tmp_path,
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0  # the target exists
    proc = subprocess.run(["make", "--no-print-directory", "check-lock"], cwd=tmp_path,
                          capture_output=True, text=True, check=False)
    assert proc.returncode != 0
    assert "out of date" in proc.stderr and "make lock" in proc.stderr


@pytest.mark.gui
def test_icons_for_every_platform(tmp_path: Path) -> None:
    import make_icons
    from PIL import Image

    made = make_icons.make_icons(tmp_path)
    png48 = tmp_path / "hicolor" / "48x48" / "apps" / "org.fieldapp.FieldApp.png"
    assert png48 in made
    with Image.open(png48) as img:
        assert img.size == (48, 48)
        assert img.getpixel((24, 24))[3] == 255 and img.getpixel((0, 0))[3] == 0  # drawn, round corners
    with Image.open(tmp_path / "fieldapp.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    with Image.open(tmp_path / "fieldapp.icns") as icns:
        assert icns.format == "ICNS"
    assert (tmp_path / "hicolor" / "scalable" / "apps" / "org.fieldapp.FieldApp.svg").exists()


def test_desktop_entry_is_valid(tmp_path: Path) -> None:
    entry = (ROOT / "release" / "linux" / "org.fieldapp.FieldApp.desktop").read_text(encoding="utf-8")
    target = tmp_path / "org.fieldapp.FieldApp.desktop"
    target.write_text(entry.replace("@FIELDAPP_DIR@", "/opt/Field App"), encoding="utf-8")
    proc = subprocess.run(["desktop-file-validate", str(target)], capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 0 and not proc.stdout.strip(), proc.stdout + proc.stderr


def test_appstream_metainfo_is_valid() -> None:
    metainfo = ROOT / "release" / "linux" / "org.fieldapp.FieldApp.metainfo.xml"
    proc = subprocess.run(["appstreamcli", "validate", "--no-net", str(metainfo)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_install_desktop_for_a_user(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    dist.mkdir()
    for program in ("Field App", "fieldapp"):
        (dist / program).write_text("#!/bin/sh\n", encoding="utf-8")
        (dist / program).chmod(0o755)
    icons = tmp_path / "icons" / "hicolor" / "48x48" / "apps"
    icons.mkdir(parents=True)
    (icons / "org.fieldapp.FieldApp.png").write_bytes(b"png")
    prefix = tmp_path / "prefix"
    proc = subprocess.run(["bash", str(ROOT / "release" / "linux" / "install-desktop.sh"), str(dist),
                           str(tmp_path / "icons")], env={"PREFIX": str(prefix), "PATH": "/usr/bin:/bin"},
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    entry = (prefix / "share" / "applications" / "org.fieldapp.FieldApp.desktop").read_text(encoding="utf-8")
    assert f'Exec="{dist}/Field App"' in entry
    assert (prefix / "share" / "icons" / "hicolor" / "48x48" / "apps" / "org.fieldapp.FieldApp.png").exists()
    assert (prefix / "share" / "metainfo" / "org.fieldapp.FieldApp.metainfo.xml").exists()
    assert (prefix / "bin" / "fieldapp").resolve() == dist / "fieldapp"
