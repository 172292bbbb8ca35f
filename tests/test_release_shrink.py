"""release/shrink.py: the size cuts build.spec makes to the Linux standalone build."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "release"))

import shrink  # noqa: E402  (release/shrink.py)

linux_with_strip = pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("strip") is None,
    reason="ELF libraries and binutils' strip: the Linux build only")


def _section_names(path: Path) -> str:
    return subprocess.run(["readelf", "-SW", str(path)], capture_output=True, text=True,
                          check=True).stdout


def _openblas() -> Path:
    """numpy's OpenBLAS: auditwheel rewrote it with patchelf, and strip breaks it."""
    spec = importlib.util.find_spec("numpy")
    assert spec is not None and spec.origin is not None
    libs = sorted((Path(spec.origin).parent.parent / "numpy.libs").glob("libscipy_openblas*.so"))
    assert libs, "numpy's wheel carries its OpenBLAS in numpy.libs"
    return libs[0]


@linux_with_strip
def test_an_extension_module_comes_out_stripped_and_still_imports(tmp_path: Path) -> None:
    spec = importlib.util.find_spec("_cffi_backend")
    assert spec is not None and spec.origin is not None
    module = tmp_path / Path(spec.origin).name
    shutil.copy(spec.origin, module)
    assert ".symtab" in _section_names(module)

    saved, kept = shrink.strip_folder(tmp_path)

    assert kept == [] and saved > 0
    assert module.stat().st_size < Path(spec.origin).stat().st_size
    assert ".symtab" not in _section_names(module)
    subprocess.run([sys.executable, "-c", "import _cffi_backend; _cffi_backend.FFI"],
                   cwd=tmp_path, env={"PYTHONPATH": str(tmp_path)}, check=True)


@linux_with_strip
def test_a_library_strip_would_break_is_left_as_it_was(tmp_path: Path) -> None:
    original = _openblas()
    stripped = tmp_path / "by-strip.so"
    subprocess.run(["strip", "--strip-unneeded", str(original), "-o", str(stripped)], check=True)
    assert shrink.misaligned_segments(stripped.read_bytes()), \
        "strip still breaks the patchelf'd OpenBLAS (the reason for the check)"
    assert shrink.misaligned_segments(original.read_bytes()) == []
    folder = tmp_path / "internal"
    folder.mkdir()
    copy = folder / original.name
    shutil.copy(original, copy)

    saved, kept = shrink.strip_folder(folder)

    assert kept == [copy] and saved == 0
    assert copy.read_bytes() == original.read_bytes()
    assert not (folder / (original.name + ".stripped")).exists()
