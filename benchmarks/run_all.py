"""Run every benchmark script in this folder, one process each (``make bench``).

Each script prints its own figures and targets; this only runs them in turn and
says which ones failed. Extra arguments are passed to every script.

``doubling.py`` (no quadratic path: doubling each input at most 2.5x the time) and
``hq_merge.py`` (100 bundles into a 1,000,000-door PostgreSQL store in under 60 s)
also exit non-zero when a target is missed, so they are listed here when they do.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    failed = []
    for script in sorted(HERE.glob("*.py")):
        if script.name == Path(__file__).name or script.name.startswith("_"):
            continue
        print(f"\n=== {script.name} ===", flush=True)
        code = subprocess.call([sys.executable, str(script), *sys.argv[1:]])
        if code:
            failed.append(f"{script.name} (exit {code})")
    if failed:
        print("\nfailed to run, or missed a target: " + ", ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
