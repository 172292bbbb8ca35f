"""The lock file: every package `make test`, `make dist` and CI install, at one version.

    python release/lock.py            regenerate requirements.lock from pyproject.toml (make lock)
    python release/lock.py --upgrade  the same, moving every package to its newest version
    python release/lock.py --check    exit 1, saying what to do, when the lock is out of date

uv resolves the project's dependencies with every extra for all platforms at once
(``--universal``: Windows- and macOS-only packages carry markers), so the Linux, Windows and
macOS builds install the same versions. The lock records a digest of the dependency lists it
was made from; when pyproject.toml's lists change (a merge, a new package), installing from
the lock is refused instead of quietly installing something else. Runs on the standard
library alone (the check runs before anything is installed); regenerating needs uv
(``pip install uv``, or the ``build`` extra).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
LOCK = ROOT / "requirements.lock"
STAMP = "# pyproject-dependencies-sha256: "
PYTHON_VERSION = "3.11"  # the oldest Python we support; newer ones get markers in the lock


def requirements(pyproject: Path = PYPROJECT) -> dict[str, list[str]]:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    found = {"": list(project.get("dependencies", []))}
    for extra, reqs in sorted(project.get("optional-dependencies", {}).items()):
        found[extra] = list(reqs)
    return found


def digest(reqs: dict[str, list[str]]) -> str:
    canonical = {k: sorted(" ".join(r.split()) for r in v) for k, v in reqs.items()}
    return hashlib.sha256(json.dumps(canonical, sort_keys=True).encode()).hexdigest()


def _name(req: str) -> str:
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", req)
    return re.sub(r"[-_.]+", "-", match.group(1)).lower() if match else req


def locked_names(lock_text: str) -> set[str]:
    return {_name(line) for line in lock_text.splitlines() if re.match(r"[A-Za-z0-9]", line)}


def check(pyproject: Path = PYPROJECT, lock: Path = LOCK) -> str | None:
    """Why the lock cannot be used with this pyproject.toml, or None when it can."""
    if not lock.exists():
        return f"{lock.name} is missing: run `make lock`"
    text = lock.read_text(encoding="utf-8")
    reqs = requirements(pyproject)
    stamp = next((ln[len(STAMP):].strip() for ln in text.splitlines() if ln.startswith(STAMP)), None)
    if stamp == digest(reqs):
        return None
    declared = {_name(r) for rs in reqs.values() for r in rs}
    missing = sorted(declared - locked_names(text))
    detail = f" (not in the lock: {', '.join(missing)})" if missing else ""
    return (f"{lock.name} is out of date with the dependencies in {pyproject.name}{detail}: "
            "run `make lock` and commit requirements.lock")


def regenerate(pyproject: Path = PYPROJECT, lock: Path = LOCK, *, upgrade: bool = False) -> None:
    """Resolve again. The versions already in the lock are kept where they still fit (uv
    prefers the pins of an existing output file), so adding a package after a merge changes
    nothing else; ``upgrade`` moves everything to the newest versions allowed."""
    uv = shutil.which("uv") or str(Path(sys.executable).parent / "uv")
    tmp = lock.with_name(lock.name + ".part")
    if lock.exists() and not upgrade:
        shutil.copyfile(lock, tmp)
    else:
        tmp.unlink(missing_ok=True)
    cmd = [uv, "pip", "compile", str(pyproject.name), "--all-extras", "--universal",
           "--python-version", PYTHON_VERSION, "--no-header", "--quiet", "-o", str(tmp),
           *(["--upgrade"] if upgrade else [])]
    subprocess.run(cmd, cwd=pyproject.parent, check=True)
    header = (
        "# Every package of Field App and all its extras, pinned: `make test`, `make dist` and CI\n"
        "# install exactly these (pip install --no-deps -r requirements.lock).\n"
        "# Made by `make lock` (release/lock.py, uv pip compile --universal --all-extras) from\n"
        "# pyproject.toml; do not edit by hand.\n"
        f"{STAMP}{digest(requirements(pyproject))}\n"
    )
    body = "\n".join(ln for ln in tmp.read_text(encoding="utf-8").splitlines()
                     if not ln.startswith("# ") or ln.startswith("#    "))
    tmp.write_text(header + body.lstrip("\n") + "\n", encoding="utf-8")
    tmp.replace(lock)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--check"]:
        problem = check()
        if problem:
            sys.stderr.write(f"error: {problem}\n")
            return 1
        return 0
    regenerate(upgrade=argv[:1] == ["--upgrade"])
    sys.stdout.write(f"wrote {LOCK.name}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
