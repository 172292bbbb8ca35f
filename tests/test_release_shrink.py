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


# --------------------------------------------------------------------------- ICU data

QT_ICU_CHECK = """
from PySide6.QtCore import QCollator, QLocale, QStringConverter, QTimeZone
words = ["ñandú", "nube", "Óscar", "oso", "llama", "luz", "Chávez", "chico", "10", "9", "ANA", "ana"]
for name in ("en_US", "es_ES", "es_MX"):
    collator = QCollator(QLocale(name))
    print(name, sorted(words, key=collator.sortKey))
    collator.setNumericMode(True)
    print(name, sorted(words, key=collator.sortKey))
    zone = QTimeZone(b"America/Chicago")
    for kind in (QTimeZone.TimeType.StandardTime, QTimeZone.TimeType.DaylightTime):
        print(name, zone.displayName(kind, QTimeZone.NameType.LongName, QLocale(name)))
print(len(QStringConverter.availableCodecs()), QLocale("es").toUpper("straße ñandú"))
"""


def _qt_icu_answers(icu_dir: Path | None) -> str:
    """Collation, time zone names, converters and case mapping from Qt in a fresh process,
    with libicudata taken from icu_dir (LD_LIBRARY_PATH comes before Qt's RUNPATH)."""
    env = {"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"}
    if icu_dir is not None:
        env["LD_LIBRARY_PATH"] = str(icu_dir)
    return subprocess.run([sys.executable, "-c", QT_ICU_CHECK], capture_output=True, text=True,
                          env=env, check=True).stdout


def _qt_icudata() -> Path:
    spec = importlib.util.find_spec("PySide6")
    assert spec is not None and spec.origin is not None
    libs = sorted((Path(spec.origin).parent / "Qt" / "lib").glob("libicudata.so.*"))
    assert libs, "PySide6's Linux wheel carries ICU"
    return libs[0]


def test_icu_items_kept_are_english_spanish_and_everything_not_a_locale() -> None:
    keep = lambda name: shrink.keep_icu_item(name, ("en", "es"))  # noqa: E731
    for name in ("icudt73l/coll/es.res", "icudt73l/coll/root.res", "icudt73l/es_419.res",
                 "icudt73l/en_US_POSIX.res", "icudt73l/zone/en.res", "icudt73l/coll/ucadata.icu",
                 "icudt73l/ibm-943_P15A-2003.cnv", "icudt73l/cnvalias.icu", "icudt73l/pool.res",
                 "icudt73l/zone/res_index.res", "icudt73l/metaZones.res", "icudt73l/nfkc.nrm",
                 "icudt73l/brkitr/line.brk"):
        assert keep(name), name
    for name in ("icudt73l/coll/zh.res", "icudt73l/fr_CA.res", "icudt73l/zone/de.res",
                 "icudt73l/coll/de__PHONEBOOK.res", "icudt73l/brkitr/cjdict.dict",
                 "icudt73l/brkitr/thaidict.dict", "icudt73l/et.res", "icudt73l/translit/root.res",
                 "icudt73l/translit/es.res"):
        assert not keep(name), name


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("cc") is None,
                    reason="Qt's ICU is a separate library on Linux only; needs a C compiler")
def test_trimmed_icu_data_keeps_what_qt_does_in_english_and_spanish(tmp_path: Path) -> None:
    original = _qt_icudata()
    out = tmp_path / original.name

    kept, total = shrink.trim_icu_data(original, out)

    assert 0 < kept < total / 2
    assert out.stat().st_size < original.stat().st_size / 2
    # The kept items are the original bytes, in the original (sorted) order.
    _, old_items = shrink.read_icu_package(shrink._package_of(original))
    _, new_items = shrink.read_icu_package(shrink._package_of(out))
    old = dict(old_items)
    assert [name for name, _ in new_items] == [n for n, _ in old_items if n in dict(new_items)]
    assert all(old[name] == data[:len(old[name])] for name, data in new_items)
    chinese = old_items[0][0].split("/")[0] + "/coll/zh.res"  # "icudt73l/coll/zh.res"
    assert chinese in old and chinese not in dict(new_items)
    # Qt answers the same with the trimmed data as with the whole.
    assert _qt_icu_answers(tmp_path) == _qt_icu_answers(None)


WEBENGINE_INTL_CHECK = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWebEngineCore import QWebEnginePage
from PySide6.QtWidgets import QApplication
app = QApplication([])
page = QWebEnginePage()
script = '''JSON.stringify([
  ["es", "en-US", "es-MX"].map(l => new Intl.DateTimeFormat(l, {dateStyle: "full", timeStyle: "long",
      timeZone: "America/Chicago"}).format(new Date(Date.UTC(2026, 10, 3, 15, 30)))),
  ["es", "en"].map(l => ["ñandú", "nube", "Óscar", "oso", "llama", "luz", "10", "9"].sort(
      new Intl.Collator(l, {numeric: true}).compare)),
  ["es", "en-US"].map(l => (1234567.891).toLocaleString(l, {style: "currency", currency: "USD"})),
  [...new Intl.Segmenter("es", {granularity: "word"}).segment("Calle Ñandú 12, apto. 3")].map(s => s.segment),
  new Intl.DisplayNames(["es"], {type: "region"}).of("US"),
  new Intl.PluralRules("es").select(1) + new Intl.RelativeTimeFormat("es").format(-2, "day"),
])'''
def done(ok):
    page.runJavaScript(script, 0, lambda result: (print(result), app.quit()))
page.loadFinished.connect(done)
page.setHtml("<p>intl</p>")
QTimer.singleShot(60000, lambda: (print("timeout"), app.exit(1)))
sys.exit(app.exec())
"""


def _webengine_intl_answers(resources: Path | None) -> str:
    """Dates, collation, numbers, word segmentation and display names from QtWebEngine's
    JavaScript Intl (Chromium's ICU), with its resources taken from ``resources``."""
    env = {"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8",
           "QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox --disable-gpu"}
    if resources is not None:
        env["QTWEBENGINE_RESOURCES_PATH"] = str(resources)
    done = subprocess.run([sys.executable, "-c", WEBENGINE_INTL_CHECK], capture_output=True,
                          text=True, env=env, timeout=180, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the build trims it on Linux")
def test_trimmed_webengine_icu_keeps_what_the_map_page_does_in_english_and_spanish(tmp_path: Path) -> None:
    resources = _qt_icudata().parent.parent / "resources"
    for item in resources.iterdir():
        if item.name != "icudtl.dat":
            (tmp_path / item.name).symlink_to(item)

    kept, total = shrink.trim_icu_file(resources / "icudtl.dat", tmp_path / "icudtl.dat")

    assert 0 < kept < total / 2
    assert (tmp_path / "icudtl.dat").stat().st_size < (resources / "icudtl.dat").stat().st_size / 2
    whole = _webengine_intl_answers(None)
    assert "ñandú" in whole and "2026" in whole
    assert _webengine_intl_answers(tmp_path) == whole


linux_with_cc = pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("cc") is None,
    reason="ELF libraries and a C compiler: the Linux build only")


def _shared_library(folder: Path, name: str, source: str, *flags: str) -> Path:
    c_file = folder / f"{name}.c"
    c_file.write_text(source, encoding="ascii")
    out = folder / name
    subprocess.run(["cc", "-shared", "-fPIC", "-o", str(out), str(c_file), *flags], check=True,
                   cwd=folder)
    return out


@linux_with_cc
def test_a_library_made_to_need_another_soname_loads_with_it(tmp_path: Path) -> None:
    """psycopg's libpq made to use Python's OpenSSL: a library built against
    libdep-0123abcd.so.3 (with versioned symbols, as OpenSSL has) loads with only
    libdep.so.3 beside it once its NEEDED name is rewritten."""
    build = tmp_path / "build"
    build.mkdir()
    (build / "dep.map").write_text("DEP_3.0.0 { global: dep_answer; local: *; };\n", encoding="ascii")
    dep_source = "int dep_answer(void) { return 42; }\n"
    _shared_library(build, "libdep-0123abcd.so.3", dep_source,
                    "-Wl,-soname,libdep-0123abcd.so.3", "-Wl,--version-script=dep.map")
    user = _shared_library(build, "libuser.so", "int dep_answer(void);\n"
                           "int user_answer(void) { return dep_answer() + 1; }\n",
                           "-L.", "-l:libdep-0123abcd.so.3", "-Wl,-rpath,$ORIGIN")
    run = tmp_path / "run"
    run.mkdir()
    _shared_library(run, "libdep.so.3", dep_source, "-Wl,-soname,libdep.so.3",
                    f"-Wl,--version-script={build / 'dep.map'}")
    assert "libdep-0123abcd.so.3" in shrink.needed_names(user)
    patched = run / "libuser.so"
    shutil.copyfile(user, patched)

    shrink.replace_needed(patched, "libdep-0123abcd.so.3", "libdep.so.3")

    assert "libdep.so.3" in shrink.needed_names(patched)
    assert "libdep-0123abcd.so.3" not in shrink.needed_names(patched)
    versions = subprocess.run(["readelf", "-V", str(run / "libuser.so")], capture_output=True,
                              text=True, check=True).stdout
    assert "File: libdep.so.3" in versions and "DEP_3.0.0" in versions
    answer = subprocess.run(
        [sys.executable, "-c", "import ctypes, sys; "
         "print(ctypes.CDLL(sys.argv[1]).user_answer())", str(run / "libuser.so")],
        capture_output=True, text=True, check=True).stdout
    assert answer.strip() == "43"
    # The unpatched library does not load there: the rewrite is what makes it load.
    shutil.copyfile(user, run / "unpatched.so")
    failed = subprocess.run([sys.executable, "-c", "import ctypes, sys; ctypes.CDLL(sys.argv[1])",
                             str(run / "unpatched.so")], capture_output=True, text=True, check=False)
    assert failed.returncode != 0 and "libdep-0123abcd.so.3" in failed.stderr


@linux_with_cc
def test_a_needed_name_the_library_lacks_is_refused(tmp_path: Path) -> None:
    lib = _shared_library(tmp_path, "libone.so", "#include <string.h>\n"
                          "size_t one(const char *s) { return strlen(s); }\n")
    before = lib.read_bytes()
    assert any(name.startswith("libc.so") for name in shrink.needed_names(lib))
    with pytest.raises(ValueError, match="does not need"):
        shrink.replace_needed(lib, "libabsent-0123abcd.so.3", "libabsent.so.3")
    assert lib.read_bytes() == before
