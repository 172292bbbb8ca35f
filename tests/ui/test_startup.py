"""Start-up failures say why: missing Qt platform libraries (with packages), no display."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp.ui import startup


def _fake_library(tmp_path: Path, needs: str) -> Path:
    """A real shared library that links a library this system does not have."""
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None or shutil.which("ldd") is None:
        pytest.skip("needs a C compiler and ldd to build a library with a missing dependency")
    missing = tmp_path / needs
    subprocess.run([cc, "-shared", "-fPIC", "-x", "c", "-", "-o", str(missing), f"-Wl,-soname,{needs}"],
                   input="int f(void){return 1;}", text=True, check=True)
    lib = tmp_path / "libqxcb.so"
    subprocess.run([cc, "-shared", "-fPIC", "-o", str(lib), "-x", "c", "-", "-x", "none",
                    "-Wl,--no-as-needed", str(missing)],
                   input="int g(void){return 2;}", text=True, check=True)
    missing.unlink()  # now ldd says "not found"
    return lib


def test_missing_xcb_libraries_are_named_with_their_packages(tmp_path: Path, monkeypatch) -> None:
    # A library no system has, standing in for libxcb-icccm.so.4 (which may well be installed here).
    plugin = _fake_library(tmp_path, "libxcb-fieldapp-test.so.4")
    monkeypatch.setitem(startup.PACKAGES, "libxcb-fieldapp-test.so.4", ("libxcb-icccm4", "xcb-util-wm"))
    assert startup.missing_libraries(plugin) == ["libxcb-fieldapp-test.so.4"]
    problem = startup.platform_problem({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, plugin=plugin)
    assert problem is not None
    assert "libxcb-fieldapp-test.so.4" in problem
    assert "apt-get install libxcb-icccm4" in problem
    assert "dnf install xcb-util-wm" in problem


def test_install_hint_names_debian_and_fedora_packages() -> None:
    hint = startup.install_hint(["libxcb-icccm.so.4", "libxcb-keysyms.so.1"])
    assert "apt-get install libxcb-icccm4 libxcb-keysyms1" in hint
    assert "dnf install xcb-util-wm xcb-util-keysyms" in hint


def test_no_display_is_said(tmp_path: Path) -> None:
    plugin = tmp_path / "libqxcb.so"  # a plugin with nothing missing (ldd fails: no libraries named)
    plugin.write_bytes(b"")
    problem = startup.platform_problem({"QT_QPA_PLATFORM": "xcb"}, plugin=plugin)
    assert problem is not None and "DISPLAY is not set" in problem


def test_a_display_that_cannot_be_opened_is_said(tmp_path: Path) -> None:
    plugin = tmp_path / "libqxcb.so"
    plugin.write_bytes(b"")
    problem = startup.platform_problem({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":97"}, plugin=plugin)
    assert problem is not None and "':97' cannot be opened" in problem


def test_offscreen_and_wayland_are_not_checked() -> None:
    assert startup.platform_problem({"QT_QPA_PLATFORM": "offscreen"}) is None
    assert startup.platform_problem({"WAYLAND_DISPLAY": "wayland-0"}) is None


def test_gui_command_exits_1_with_the_reason_on_stderr(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "QT_QPA_PLATFORM": "xcb", "DISPLAY": ":97",
           "FIELDAPP_DATA_DIR": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "XDG_STATE_HOME": str(tmp_path / "state")}
    run = subprocess.run([sys.executable, "-m", "fieldapp", "--db", f"sqlite:///{tmp_path / 's.sqlite'}", "gui"],
                         capture_output=True, text=True, env=env, timeout=120, check=False)
    assert run.returncode == 1
    assert "cannot open its window" in run.stderr
    assert "reinstalling the application" not in run.stderr
