"""The built wheel works outside the checkout: offline map assets and Spanish included.

The wheel is built from this checkout, installed with ``--no-deps`` into a fresh
virtualenv in a temp folder, and run from there. The dependencies (PySide6, SQLAlchemy...)
are the project venv's, reached through a path entry; that entry does not run the
checkout's editable-install hook, so ``fieldapp`` itself can only come from the wheel,
which the test checks before anything else.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import textwrap
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel_env(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    work = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(work), str(ROOT)],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = work.glob("fieldapp-*.whl")
    target = work / "venv"
    venv.EnvBuilder(with_pip=False).create(target)
    bindir = target / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    # The project's dependencies, after the new venv's own site-packages.
    Path(site, "project-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
         str(wheel)],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert installed.returncode == 0, installed.stderr
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "FIELDAPP_DB")}
    env["FIELDAPP_DATA_DIR"] = str(work / "data")
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PATH"] = str(bindir) + os.pathsep + env.get("PATH", "")
    return bindir, env


def _run(bindir: Path, env: dict[str, str], cwd: Path, *args: str) -> str:
    proc = subprocess.run([*args], capture_output=True, text=True, env=env, cwd=cwd, timeout=300,
                          check=False)
    assert proc.returncode == 0, f"{args}: {proc.stderr}"
    return proc.stdout


def test_wheel_has_the_resources_and_runs_from_its_venv(
    wheel_env: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    bindir, env = wheel_env
    python = str(bindir / "python")
    where = _run(bindir, env, tmp_path, python, "-c",
                 "import fieldapp, fieldapp.paths as p; print(fieldapp.__file__); print(p.resources_dir())")
    module_file, resources = where.splitlines()
    assert Path(module_file).is_relative_to(bindir.parent), "fieldapp was not imported from the wheel"
    assert not Path(module_file).is_relative_to(ROOT)
    for rel in ("web/leaflet/leaflet.js", "web/leaflet-draw", "translations/fieldapp_es.qm",
                "icons/app.svg"):
        assert (Path(resources) / rel).exists(), rel


def test_wheel_draws_the_offline_map(wheel_env: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    bindir, env = wheel_env
    fieldapp = str(bindir / "fieldapp")
    _run(bindir, env, tmp_path, fieldapp, "demo", "--doors", "80", "--seed", "2", "--today", "2026-11-20")
    _run(bindir, env, tmp_path, fieldapp, "map", "--out", str(tmp_path / "map.html"))
    html = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert "Leaflet" in html and "L.map" in html  # the library is inlined, not fetched
    assert '<script src="http' not in html
    assert '<link rel="stylesheet" href="http' not in html


def test_wheel_loads_spanish(wheel_env: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    bindir, env = wheel_env
    code = textwrap.dedent("""
        from PySide6.QtCore import QCoreApplication
        from fieldapp.app import load_translations, make_app
        app = make_app(["fieldapp"])
        print(len(load_translations(app, "es")))
        print(QCoreApplication.translate("MainWindow", "No campaign yet"))
    """)
    count, text = _run(bindir, env, tmp_path, str(bindir / "python"), "-c", code).splitlines()[-2:]
    assert count == "2"  # Field App's translation and Qt's own
    assert text != "No campaign yet" and text.strip()
