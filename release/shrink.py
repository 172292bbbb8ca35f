"""Size cuts for the Linux standalone build, run by build.spec after PyInstaller collects it.

- ``strip_folder``: strips symbols and debug sections from the collected ELF libraries and
  extension modules (wheels ship many unstripped). A library that auditwheel rewrote with
  patchelf can come out of ``strip`` with a loadable segment whose file offset no longer
  matches its address modulo the page size ("ELF load command address/offset not
  page-aligned" at load time: numpy's OpenBLAS); ``strip`` is checked for that and such a
  file stays as it was.

`python release/shrink.py FOLDER` strips a collected folder's _internal as build.spec does.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
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


def main(argv: list[str]) -> int:
    for arg in argv:
        saved, kept = strip_folder(Path(arg) / "_internal")
        print(f"{arg}: strip saved {saved / 1e6:.1f} MB; left as they were: "
              + ", ".join(p.name for p in kept))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
