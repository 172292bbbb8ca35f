"""The demo's places: a street grid of doors on Milwaukee's west side, and turfs cut over it."""

from __future__ import annotations

import math
import random
from typing import Any

from fieldapp.core.models import Door, Turf
from fieldapp.services.addresses import address_key, building_key, house_number
from fieldapp.services.demo.writer import Writer, demo_uuid

CITY, STATE = "Milwaukee", "WI"
ORIGIN_LAT, ORIGIN_LON = 43.0389, -87.9420  # W Wells St at N 20th St
ROW_SPACING = 0.00290  # degrees of latitude between east-west streets
COL_SPACING = 0.00265  # degrees of longitude between north-south streets

EW_STREETS = [
    "W Wells St", "W Kilbourn Ave", "W State St", "W Highland Blvd", "W Juneau Ave",
    "W McKinley Blvd", "W Vliet St", "W Cherry St", "W Galena St", "W Walnut St",
    "W Lloyd St", "W Brown St", "W Garfield Ave", "W Lloyd Pl", "W North Ave",
    "W Meinecke Ave", "W Wright St", "W Clarke St", "W Center St", "W Locust St",
    "W Burleigh St", "W Auer Ave", "W Keefe Ave", "W Hadley St", "W Chambers St",
    "W Concordia Ave", "W Capitol Dr", "W Townsend St", "W Nash St", "W Hampton Ave",
]
FIRST_NS = 20  # the first numbered north-south street (N 20th St)

_STREET_PART: dict[str, str] = {}
_UNIT_PART: dict[str, str] = {}


def _demo_building_key(number: str, street: str) -> str:
    """``building_key(number, street, CITY, STATE)``, with the street part computed once.

    Demo house numbers are plain digits, which the key keeps as they are.
    """
    part = _STREET_PART.get(street)
    if part is None:
        part = _STREET_PART[street] = building_key("0", street, CITY, STATE)[1:]
    return number + part


def _demo_unit(unit: str) -> str:
    part = _UNIT_PART.get(unit)
    if part is None:
        part = _UNIT_PART[unit] = address_key("0", "x", unit, CITY, STATE).rsplit("|", 1)[1]
    return part


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"N {n}{suffix} St"


def _ew_name(i: int) -> str:
    if i < len(EW_STREETS):
        return EW_STREETS[i]
    base = EW_STREETS[i % len(EW_STREETS)]
    return f"{base} {'I' * (i // len(EW_STREETS) + 1)}".replace(" St I", " St ").strip()


def add_doors_and_turfs(
    w: Writer, rng: random.Random, n_doors: int, campaign_id: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The doors of the grid, each in a turf; returns (doors, turfs with doors)."""
    cols = max(4, math.ceil(math.sqrt(n_doors / 16)))  # north-south streets
    door_rows, cell_of, rows_used = _street_doors(rng, n_doors, cols)
    turf_rows = _cut_turfs(rng, door_rows, cell_of, rows_used, cols, campaign_id)
    w.add(Turf, turf_rows)
    w.add(Door, door_rows)
    return door_rows, turf_rows


def _street_doors(
    rng: random.Random, n_doors: int, cols: int
) -> tuple[list[dict[str, Any]], list[tuple[int, int]], int]:
    """Doors along east-west streets, block by block; returns (doors, the (street row,
    segment) of each door, street rows used)."""
    door_rows: list[dict[str, Any]] = []
    cell_of: list[tuple[int, int]] = []  # (street row, segment) of each door
    row = 0
    while len(door_rows) < n_doors:
        street = _ew_name(row)
        lat0 = ORIGIN_LAT + row * ROW_SPACING
        for seg in range(cols - 1):
            block = (FIRST_NS + seg) * 100
            lon_a = ORIGIN_LON - seg * COL_SPACING
            for side in (1, 0):  # odd numbers on the north side
                number = block + side + 4
                while number < block + 96 and len(door_rows) < n_doors:
                    frac = (number - block) / 100
                    lon = lon_a - frac * COL_SPACING
                    lat = lat0 + (0.00011 if side else -0.00011)
                    r = rng.random()
                    units = [""] if r < 0.70 else (["Lower", "Upper"] if r < 0.92 else [
                        f"Apt {k}" for k in range(1, rng.randint(3, 8))
                    ])
                    num = str(number)
                    bkey = _demo_building_key(num, street)
                    for unit in units:
                        if len(door_rows) >= n_doors:
                            break
                        door_rows.append(
                            {
                                "id": demo_uuid(rng),
                                "street_number": num,
                                "house_number": house_number(num),
                                "street_name": street,
                                "unit": unit,
                                "city": CITY,
                                "state": STATE,
                                "zip": str(53205 + (row // 4) % 4),
                                "address_key": bkey + "|" + _demo_unit(unit),
                                "building_key": bkey,
                                "lat": round(lat, 6),
                                "lon": round(lon, 6),
                                "geocode_source": "demo",
                                "geocode_quality": "rooftop",
                                "do_not_knock": False,
                                "do_not_knock_reason": "",
                                "notes": "",
                            }
                        )
                        cell_of.append((row, seg))
                    number += rng.choice((4, 6, 8))
        row += 1
    return door_rows, cell_of, row


def _cut_turfs(
    rng: random.Random,
    door_rows: list[dict[str, Any]],
    cell_of: list[tuple[int, int]],
    rows_used: int,
    cols: int,
    campaign_id: str,
) -> list[dict[str, Any]]:
    """Rectangles of street rows x segments holding about 120 doors; sets each door's
    ``turf_id`` and returns the turfs that got doors."""
    n_doors = len(door_rows)
    per_cell = n_doors / max(1, rows_used * (cols - 1))
    cells_per_turf = max(1, round(120 / max(per_cell, 1)))
    turf_w = max(1, min(cols - 1, round(math.sqrt(cells_per_turf))))
    turf_h = max(1, math.ceil(cells_per_turf / turf_w))
    turfs: dict[tuple[int, int], dict[str, Any]] = {}
    for tr in range(0, rows_used, turf_h):
        for tc in range(0, cols - 1, turf_w):
            south = ORIGIN_LAT + (tr - 0.5) * ROW_SPACING
            north = ORIGIN_LAT + (min(tr + turf_h, rows_used) - 0.5) * ROW_SPACING
            east = ORIGIN_LON - tc * COL_SPACING
            west = ORIGIN_LON - min(tc + turf_w, cols - 1) * COL_SPACING
            ring = [
                [round(east, 6), round(south, 6)],
                [round(west, 6), round(south, 6)],
                [round(west, 6), round(north, 6)],
                [round(east, 6), round(north, 6)],
                [round(east, 6), round(south, 6)],
            ]
            turfs[(tr // turf_h, tc // turf_w)] = {
                "id": demo_uuid(rng),
                "campaign_id": campaign_id,
                "name": f"T{len(turfs) + 1:03d} {_ew_name(tr)} / {_ordinal(FIRST_NS + tc)}",
                "polygon": {"type": "Polygon", "coordinates": [ring]},
                "status": "open",
                "notes": "",
            }
    for door, (r_, s_) in zip(door_rows, cell_of, strict=True):
        door["turf_id"] = turfs[(r_ // turf_h, s_ // turf_w)]["id"]
    used_turfs = {d["turf_id"] for d in door_rows}
    return [t for t in turfs.values() if t["id"] in used_turfs]
