"""Voter-file import in three published state layouts.

Run: ``.venv/bin/python benchmarks/voter_layouts.py [--rows 1000000]``. Writes a file
of ``--rows`` voters in each of three layouts and imports each into a new store:

* North Carolina ``ncvoter`` (67 columns, tab separated, every field quoted, cp1252,
  CRLF, the unit inside the street line);
* Ohio SOS statewide (46 columns plus election history, comma separated, quoted,
  UTF-8 with a BOM, a secondary-address column);
* Florida voter extract (38 columns, tab separated, no header row).

Prints rows/s for each, beside the generic VAN-style file of ``benchmarks/doors.py``
at the same size, so a slower layout path shows up as a ratio.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from doors import make_voter_file

from fieldapp.core.db import open_store
from fieldapp.services.importing import get_layout, import_doors

FIRST = ["JOSÉ", "ANA", "BO", "CY", "DI", "ED", "FLO", "GUS", "IDA", "JO", "KIM", "LUCÍA"]
LAST = ["NÚÑEZ", "LEE", "RUIZ", "KAY", "NOWAK", "VANG", "SMITH", "GARCÍA", "BROWN", "YANG"]
STATUSES = ["ACTIVE"] * 8 + ["INACTIVE", "REMOVED"]


def _voter(i: int, rng: random.Random) -> dict[str, str]:
    house = i // 2
    street = house // 400
    number = 100 + (house % 400) * 2
    return {"id": f"{i:09d}", "first": rng.choice(FIRST), "last": rng.choice(LAST),
            "number": str(number), "street": f"OAK {street} TRAIL",
            "unit": f"APT {rng.randint(1, 6)}" if house % 7 == 0 else "",
            "status": rng.choice(STATUSES), "year": str(1940 + i % 60),
            "phone": f"919555{i % 10000:04d}"}


def write_nc(path: Path, rows: int) -> None:
    columns = list(get_layout("nc_ncvoter").columns)
    rng = random.Random(1)
    with path.open("w", encoding="cp1252", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        w.writerow(columns)
        for i in range(rows):
            v = _voter(i, rng)
            line = f"{v['number']} {v['street']} {v['unit']}".strip()
            values = {"ncid": f"AA{v['id']}", "last_name": v["last"], "first_name": v["first"],
                      "res_street_address": line, "res_city_desc": "RALEIGH", "state_cd": "NC",
                      "zip_code": "27601", "full_phone_number": v["phone"],
                      "voter_status_desc": v["status"], "party_cd": "UNA",
                      "birth_year": v["year"], "registr_dt": "03/15/2004",
                      "precinct_desc": "01-07"}
            w.writerow([values.get(c, "") for c in columns])


def write_oh(path: Path, rows: int) -> None:
    columns = [*get_layout("oh_sos").columns, "PRIMARY-05/03/2022", "GENERAL-11/08/2022"]
    rng = random.Random(2)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, quoting=csv.QUOTE_ALL, lineterminator="\n")
        w.writerow(columns)
        for i in range(rows):
            v = _voter(i, rng)
            values = {"SOS_VOTERID": f"OH{v['id']}", "LAST_NAME": v["last"],
                      "FIRST_NAME": v["first"], "DATE_OF_BIRTH": f"{v['year']}-01-02",
                      "VOTER_STATUS": "ACTIVE", "RESIDENTIAL_ADDRESS1": f"{v['number']} {v['street']}",
                      "RESIDENTIAL_SECONDARY_ADDR": v["unit"], "RESIDENTIAL_CITY": "COLUMBUS",
                      "RESIDENTIAL_STATE": "OH", "RESIDENTIAL_ZIP": "43215", "WARD": "1"}
            w.writerow([values.get(c, "") for c in columns])


def write_fl(path: Path, rows: int) -> None:
    width = len(get_layout("fl_extract").columns)
    rng = random.Random(3)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        for i in range(rows):
            v = _voter(i, rng)
            row = [""] * width
            row[0], row[1], row[2], row[4] = "ALA", v["id"], v["last"], v["first"]
            row[7], row[8] = f"{v['number']} {v['street']}", v["unit"]
            row[9], row[10], row[11] = "GAINESVILLE", "FL", "32601"
            row[21], row[22], row[28] = "01/02/1980", "05/06/2012", "ACT"
            row[34], row[35] = "352", v["phone"][3:]
            w.writerow(row)


def bench(name: str, write: Callable[[Path, int], None], rows: int, tmp: Path) -> float:
    path = tmp / f"{name}.txt"
    write(path, rows)
    store = open_store(tmp / f"{name}.sqlite")
    t0 = time.perf_counter()
    report = import_doors(store, path)
    elapsed = time.perf_counter() - t0
    store.close()
    print(f"{name:10} {elapsed:7.1f} s  {rows / elapsed:10,.0f} rows/s  layout "
          f"{report.layout.split(' ')[0] or 'generic'}, people {report.people_created:,}, "
          f"doors {report.doors_created:,}, rejected {report.rows_rejected}")
    path.unlink()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        base = bench("generic", lambda p, n: make_voter_file(p, n), args.rows, tmp)
        for name, write in (("nc_ncvoter", write_nc), ("oh_sos", write_oh), ("fl_extract", write_fl)):
            elapsed = bench(name, write, args.rows, tmp)
            print(f"{'':10} {elapsed / base:.2f}x the generic file's time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
