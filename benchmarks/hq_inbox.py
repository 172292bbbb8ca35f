"""HQ's inbox under load: laptops' end-of-day bundles uploaded at once to ``hq serve``
processes on one PostgreSQL, from first byte to merged.

Prints: set-up time (not measured), uploads per second, merged records per second at HQ,
and the time from the first byte sent to the last bundle merged. Default: 100 laptops,
1,000 contacts each, two server processes, 16 uploads at a time.
Run: ``.venv/bin/python benchmarks/hq_inbox.py [--laptops N] [--contacts N] [--servers N]``.
Needs PostgreSQL's binaries (``make system-test-deps``).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from fieldapp import paths  # noqa: E402
from fieldapp.core.models import ContactAttempt  # noqa: E402
from fieldapp.services.hq import inbox  # noqa: E402
from tests import pgserver  # noqa: E402
from tests.server.conftest import Hq  # noqa: E402
from tests.server.fleet import build_fleet, send_all  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--laptops", type=int, default=100)
    parser.add_argument("--contacts", type=int, default=1000)
    parser.add_argument("--servers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="fieldapp-hq-bench-"))
    os.environ["FIELDAPP_DATA_DIR"] = str(work / "default")
    paths.set_data_dir(None)
    pg = pgserver.start()
    hq = None
    try:
        pg.admin("CREATE DATABASE bench")
        hq = Hq(work, pg.url("bench"))
        servers = [hq.serve() for _ in range(args.servers)]
        t0 = time.perf_counter()
        fleet = build_fleet(work / "fleet", lambda name: hq.invite(name, servers).to_bytes(),
                            args.laptops, args.contacts)
        size = sum(f.bundle.stat().st_size for f in fleet)
        print(f"set-up: {args.laptops} laptops x {args.contacts:,} contacts, "
              f"{size / 1e6:.1f} MB of bundles ({time.perf_counter() - t0:.1f} s, not measured)")
        began = time.perf_counter()
        sent = send_all(fleet, servers, args.concurrency)
        while inbox.counts(hq.store)["merged"] + inbox.counts(hq.store)["held"] < args.laptops:
            time.sleep(0.2)
        total = time.perf_counter() - began
        counts = inbox.counts(hq.store)
        with hq.store.session() as s:
            records = s.scalar(select(func.count()).select_from(ContactAttempt)) or 0
        print(f"uploads: {args.laptops} in {sent.seconds:.1f} s = "
              f"{args.laptops / sent.seconds:.1f} uploads/s ({size / 1e6 / sent.seconds:.1f} MB/s)")
        print(f"merged:  {counts['merged']} merged, {counts['held']} held; {records:,} contacts "
              f"at HQ = {records / total:,.0f} merged records/s")
        print(f"first byte to last merge: {total:.1f} s "
              f"({args.servers} server processes, {args.concurrency} uploads at a time)")
        return 0 if counts["held"] == 0 else 1
    finally:
        if hq is not None:
            hq.close()
        pgserver.stop(pg)


if __name__ == "__main__":
    sys.exit(main())
