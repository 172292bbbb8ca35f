"""A realistic demo campaign, the same for the same seed and day.

Three coalition organizations run "Fair Rent Milwaukee" on the west side of
Milwaukee, Wisconsin: a street grid of east-west streets between numbered
north-south streets, houses on both sides in house-number order, duplexes and
small apartment buildings (units of one building share an address), people in
households, a bilingual survey script with a branch, turfs cut over the grid,
captains and canvassers, a week of contact history and upcoming events with
shifts and signups.

Every id comes from the seeded random generator and every write carries a
stamp from a fixed demo site and a clock anchored on the day, so the same seed
on the same day gives the same ``fieldapp dump``.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import random
import uuid
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, func, insert, select, text
from sqlalchemy.orm import Session

from fieldapp.core.db import Store
from fieldapp.core.hlc import COUNTER_BITS, format_hlc
from fieldapp.core.ids import stable_id
from fieldapp.core.models import (
    RESULT_CODES,
    SYNCED_MODELS,
    Campaign,
    CheckIn,
    ContactAttempt,
    Door,
    Event,
    EventHost,
    Organization,
    Person,
    PersonOrganization,
    Shift,
    Signup,
    StoreMeta,
    SurveyQuestion,
    Synced,
    Turf,
    TurfAssignment,
    Volunteer,
)
from fieldapp.core.stamping import persist_clock, stamp_row
from fieldapp.errors import FieldAppError
from fieldapp.services.addresses import address_key, building_key, house_number
from fieldapp.services.progress import Progress

log = logging.getLogger(__name__)

CITY, STATE = "Milwaukee", "WI"
ORIGIN_LAT, ORIGIN_LON = 43.0389, -87.9420  # W Wells St at N 20th St
ROW_SPACING = 0.00290  # degrees of latitude between east-west streets
COL_SPACING = 0.00265  # degrees of longitude between north-south streets
TIMEZONE = "America/Chicago"

EW_STREETS = [
    "W Wells St", "W Kilbourn Ave", "W State St", "W Highland Blvd", "W Juneau Ave",
    "W McKinley Blvd", "W Vliet St", "W Cherry St", "W Galena St", "W Walnut St",
    "W Lloyd St", "W Brown St", "W Garfield Ave", "W Lloyd Pl", "W North Ave",
    "W Meinecke Ave", "W Wright St", "W Clarke St", "W Center St", "W Locust St",
    "W Burleigh St", "W Auer Ave", "W Keefe Ave", "W Hadley St", "W Chambers St",
    "W Concordia Ave", "W Capitol Dr", "W Townsend St", "W Nash St", "W Hampton Ave",
]
FIRST_EN = [
    "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda",
    "David", "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica",
    "Thomas", "Sarah", "Charles", "Karen", "Marcus", "Keisha", "Andre", "Tanya",
    "Hmong", "Mai", "Tou", "Pa", "Kevin", "Aaliyah", "DeShawn", "Latoya",
]
FIRST_ES = [
    "José", "María", "Juan", "Guadalupe", "Luis", "Rosa", "Carlos", "Ana", "Jorge",
    "Carmen", "Miguel", "Lucía", "Alejandro", "Sofía", "Jesús", "Verónica",
]
LAST_EN = [
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson",
    "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "White", "Harris", "Thompson",
    "Schmidt", "Mueller", "Kowalski", "Nowak", "Vang", "Xiong", "Yang", "Lee",
    "Washington", "Robinson", "Walker", "Young",
]
LAST_ES = [
    "García", "Rodríguez", "Martínez", "Hernández", "López", "González", "Pérez",
    "Sánchez", "Ramírez", "Torres", "Flores", "Rivera", "Gómez", "Díaz", "Cruz",
]
RESULT_WEIGHTS = {
    "canvassed": 30, "not_home": 45, "refused": 8, "moved": 3, "deceased": 1,
    "inaccessible": 3, "hostile": 1, "language_barrier": 2, "come_back": 6, "do_not_knock": 1,
}
ORGANIZATIONS = [
    ("Riverwest Neighbors United", "RNU"),
    ("Healthcare Workers Local 88", "HCW88"),
    ("Lake Michigan Climate Action", "LMCA"),
]


@dataclass
class DemoSummary:
    seed: int
    counts: dict[str, int] = field(default_factory=dict)


class _Writer:
    """Stamps rows with the demo site's clock and inserts them in batches."""

    def __init__(self, session: Session, seed: int, today: dt.date) -> None:
        self.session = session
        self.site_id = stable_id("demo-site", str(seed))
        midnight = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
        self.base_ms = int(midnight.timestamp() * 1000) - 86_400_000
        self.n = 0
        self.counts: dict[str, int] = {}
        self.pending: dict[type[Synced], list[dict[str, Any]]] = {}

    def next_stamp(self) -> int:
        self.n += 1
        return ((self.base_ms + self.n // 1000) << COUNTER_BITS) | (self.n % 1000)

    def add(self, model: type[Synced], rows: list[dict[str, Any]]) -> None:
        self.pending.setdefault(model, []).extend(rows)

    def write(self, progress: Progress, done: int, total: int) -> None:
        """Insert everything, parents first, in batches."""
        for model in SYNCED_MODELS:
            rows = self.pending.pop(model, [])
            defaults = _column_defaults(model) if rows else {}
            table = cast(Table, model.__table__)
            sqlite = self.session.get_bind().dialect.name == "sqlite"
            raw = _RawInsert(self.session, table) if sqlite and rows else None
            for start in range(0, len(rows), 5000):
                batch = rows[start : start + 5000]
                for row in batch:
                    stamp_row(model, row, self.next_stamp(), self.site_id)
                # One executemany per batch, every row with every column (the ORM's bulk
                # path splits a batch by key set into thousands of statements).
                full = [{**defaults, **row} for row in batch]
                if raw is not None:
                    raw.execute(full)
                else:
                    self.session.execute(insert(table), full)
                done += len(batch)
                progress.update(min(done, total), total, "Seeding demo campaign")
                progress.check()
            self.counts[model.__tablename__] = len(rows)


class _RawInsert:
    """An INSERT run straight on the DB-API cursor, values converted by the column types.

    For SQLite the per-row parameter handling of SQLAlchemy costs as much as the
    insert itself; converting with each column's own bind processor keeps the
    stored values identical (the same seed still gives the same dump).
    """

    def __init__(self, session: Session, table: Table) -> None:
        self.session = session
        dialect = session.get_bind().dialect
        self.columns = list(table.columns)
        self.processors = [c.type._cached_bind_processor(dialect) for c in self.columns]
        quote = dialect.identifier_preparer.quote
        names = ", ".join(quote(c.name) for c in self.columns)
        marks = ", ".join("?" for _ in self.columns)
        self.sql = f"INSERT INTO {quote(table.name)} ({names}) VALUES ({marks})"

    def execute(self, rows: list[dict[str, Any]]) -> None:
        keys = [c.key for c in self.columns]
        pairs = list(zip(keys, self.processors, strict=True))
        values = [
            tuple(row[key] if proc is None else proc(row[key]) for key, proc in pairs)
            for row in rows
        ]
        self.session.connection().exec_driver_sql(self.sql, values)


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


def _column_defaults(model: type[Synced]) -> dict[str, Any]:
    """Python-side defaults of every column, so every row of a batch has every key."""
    defaults: dict[str, Any] = {}
    for column in model.__table__.columns:
        default = column.default
        if default is None:
            defaults[column.key] = None
        elif getattr(default, "is_scalar", False):
            defaults[column.key] = default.arg
        elif getattr(default, "is_callable", False):
            defaults[column.key] = default.arg(None)
        else:
            defaults[column.key] = None
    return defaults


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"N {n}{suffix} St"


def _ew_name(i: int) -> str:
    if i < len(EW_STREETS):
        return EW_STREETS[i]
    base = EW_STREETS[i % len(EW_STREETS)]
    return f"{base} {'I' * (i // len(EW_STREETS) + 1)}".replace(" St I", " St ").strip()


def _pick_weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def store_is_empty(session: Session) -> bool:
    return session.scalar(select(func.count()).select_from(Door)) == 0 and (
        session.scalar(select(func.count()).select_from(Campaign)) == 0
    )


def seed_demo(
    store: Store,
    *,
    doors: int = 2000,
    seed: int = 1,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """Seed the demo campaign into an empty store, in one transaction."""
    if doors < 50:
        raise FieldAppError(f"the demo needs at least 50 doors (asked for {doors})")
    progress = progress or Progress()
    today = today or dt.date.today()
    rng = random.Random(seed)
    with store.transaction() as session:
        if not store_is_empty(session):
            raise FieldAppError(
                "this store already has data; seed the demo into an empty store "
                "(use --data-dir or --db to choose another one)"
            )
        sqlite = session.get_bind().dialect.name == "sqlite"
        if sqlite:
            # Random UUID keys land all over each index: a bigger page cache for this
            # one transaction keeps the index pages in memory (about 3x faster at 100k).
            session.execute(text("PRAGMA cache_size=-131072"))
        w = _Writer(session, seed, today)
        try:
            _seed(session, w, rng, doors, today, progress)
        finally:
            if sqlite:
                session.execute(text("PRAGMA cache_size=-2000"))
        last = w.next_stamp()
        store.clock.observe(last)
        persist_clock(session, store)
        session.merge(StoreMeta(key="demo_seed", value=str(seed)))
    log.info("seeded demo: %s (last stamp %s)", w.counts, format_hlc(last))
    return DemoSummary(seed=seed, counts=w.counts)


def _seed(
    session: Session,
    w: _Writer,
    rng: random.Random,
    n_doors: int,
    today: dt.date,
    progress: Progress,
) -> None:
    total_steps = n_doors * 5
    progress.update(0, total_steps, "Seeding demo campaign")

    # ---- coalition, campaign, script
    orgs = [{"id": _uuid(rng), "name": n, "short_code": c} for n, c in ORGANIZATIONS]
    w.add(Organization, orgs)
    campaign_id = _uuid(rng)
    w.add(
        Campaign,
        [
            {
                "id": campaign_id,
                "name": "Fair Rent Milwaukee 2026",
                "description": "Door-to-door and phone outreach for a city rent "
                "stabilization ordinance, run by a coalition of neighbors, workers "
                "and climate groups.",
                "organization_id": orgs[0]["id"],
                "result_codes": list(RESULT_CODES),
                "starts_on": dt.datetime.combine(
                    today - dt.timedelta(days=30), dt.time(), tzinfo=dt.UTC
                ),
                "ends_on": dt.datetime.combine(
                    today + dt.timedelta(days=60), dt.time(), tzinfo=dt.UTC
                ),
            }
        ],
    )
    yes_no = [
        {"value": "yes", "label": {"en": "Yes", "es": "Sí"}},
        {"value": "no", "label": {"en": "No", "es": "No"}},
        {"value": "undecided", "label": {"en": "Undecided", "es": "Indeciso"}},
    ]
    q_support = _uuid(rng)
    q_volunteer = _uuid(rng)
    q_tenure = _uuid(rng)
    questions = [
        {
            "id": q_support, "campaign_id": campaign_id, "position": 1, "key": "rent_cap",
            "text": {
                "en": "Do you support capping yearly rent increases in Milwaukee?",
                "es": "¿Apoya limitar los aumentos anuales de renta en Milwaukee?",
            },
            "choices": yes_no,
        },
        {
            "id": q_volunteer, "campaign_id": campaign_id, "position": 2, "key": "volunteer",
            "text": {
                "en": "Would you volunteer a few hours to help pass it?",
                "es": "¿Dedicaría unas horas como voluntario para ayudar a aprobarlo?",
            },
            "choices": yes_no[:2],
            "show_if_question_id": q_support,
            "show_if_answer": "yes",
        },
        {
            "id": q_tenure, "campaign_id": campaign_id, "position": 3, "key": "tenure",
            "text": {"en": "Do you rent or own your home?", "es": "¿Renta o es dueño de su casa?"},
            "choices": [
                {"value": "rent", "label": {"en": "Rent", "es": "Renta"}},
                {"value": "own", "label": {"en": "Own", "es": "Dueño"}},
            ],
        },
    ]
    w.add(SurveyQuestion, questions)

    # ---- the street grid and its doors
    cols = max(4, math.ceil(math.sqrt(n_doors / 16)))  # north-south streets
    first_ns = 20
    door_rows: list[dict[str, Any]] = []
    cell_of: list[tuple[int, int]] = []  # (street row, segment) of each door
    row = 0
    while len(door_rows) < n_doors:
        street = _ew_name(row)
        lat0 = ORIGIN_LAT + row * ROW_SPACING
        for seg in range(cols - 1):
            block = (first_ns + seg) * 100
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
                                "id": _uuid(rng),
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
    rows_used = row

    # ---- turfs: rectangles of street rows x segments holding about 120 doors
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
                "id": _uuid(rng),
                "campaign_id": campaign_id,
                "name": f"T{len(turfs) + 1:03d} {_ew_name(tr)} / {_ordinal(first_ns + tc)}",
                "polygon": {"type": "Polygon", "coordinates": [ring]},
                "status": "open",
                "notes": "",
            }
    for door, (r_, s_) in zip(door_rows, cell_of, strict=True):
        door["turf_id"] = turfs[(r_ // turf_h, s_ // turf_w)]["id"]
    used_turfs = {d["turf_id"] for d in door_rows}
    turf_rows = [t for t in turfs.values() if t["id"] in used_turfs]
    w.add(Turf, turf_rows)
    w.add(Door, door_rows)

    # ---- people in households
    people: list[dict[str, Any]] = []
    door_people: dict[str, list[str]] = {}
    for door in door_rows:
        size = rng.choices((0, 1, 2, 3, 4), weights=(4, 40, 35, 14, 7))[0]
        hispanic = rng.random() < 0.3
        last = rng.choice(LAST_ES if hispanic else LAST_EN)
        for _ in range(size):
            first = rng.choice(FIRST_ES if hispanic else FIRST_EN)
            pid = _uuid(rng)
            phone = f"414-555-{rng.randint(0, 9999):04d}" if rng.random() < 0.7 else ""
            email = (
                f"{first.lower()}.{last.lower()}{rng.randint(1, 99)}@example.org"
                .encode("ascii", "ignore").decode()
                if rng.random() < 0.35
                else ""
            )
            people.append(
                {
                    "id": pid,
                    "door_id": door["id"],
                    "first_name": first,
                    "last_name": last,
                    "phone": phone,
                    "email": email,
                    "language": "es" if hispanic and rng.random() < 0.6 else "en",
                    "tags": [],
                    "birth_year": rng.randint(1940, 2006),
                    "party": rng.choice(("D", "R", "I", "", "")),
                    "voter_id": f"WI{rng.randint(10**9, 10**10 - 1)}",
                    "do_not_call": rng.random() < 0.03,
                    "do_not_text": rng.random() < 0.05,
                    "do_not_email": False,
                    "notes": "",
                }
            )
            door_people.setdefault(door["id"], []).append(pid)
    w.add(Person, people)
    affiliations = [
        {"id": _uuid(rng), "person_id": p["id"], "organization_id": rng.choice(orgs)["id"]}
        for p in people
        if rng.random() < 0.06
    ]
    w.add(PersonOrganization, affiliations)

    # ---- volunteers and turf assignments
    vol_people = rng.sample(people, k=min(len(people), 16))
    roles = ["staff"] + ["captain"] * 4 + ["canvasser"] * 11
    volunteers = [
        {
            "id": _uuid(rng),
            "person_id": p["id"],
            "role": role,
            "organization_id": orgs[i % len(orgs)]["id"],
            "active": True,
        }
        for i, (p, role) in enumerate(zip(vol_people, roles, strict=False))
    ]
    w.add(Volunteer, volunteers)
    captains = [v for v in volunteers if v["role"] == "captain"]
    canvassers = [v for v in volunteers if v["role"] == "canvasser"]
    assignments = []
    for i, turf in enumerate(turf_rows):
        if i % 3 == 2:
            continue  # some turfs are still unassigned
        turf["status"] = "assigned"
        assignments.append(
            {"id": _uuid(rng), "turf_id": turf["id"], "volunteer_id": captains[i % len(captains)]["id"], "role": "captain"}
        )
        if canvassers:
            assignments.append(
                {"id": _uuid(rng), "turf_id": turf["id"], "volunteer_id": canvassers[i % len(canvassers)]["id"], "role": "canvasser"}
            )
    w.add(TurfAssignment, assignments)

    # ---- a week of contact history in the assigned turfs
    assigned = {a["turf_id"] for a in assignments}
    attempts: list[dict[str, Any]] = []
    for door in door_rows:
        if door["turf_id"] not in assigned or rng.random() > 0.35:
            continue
        result = _pick_weighted(rng, RESULT_WEIGHTS)
        members = door_people.get(door["id"], [])
        day = today - dt.timedelta(days=rng.randint(1, 7))
        at = dt.datetime.combine(day, dt.time(15 + rng.randint(0, 4), rng.randint(0, 59)), tzinfo=dt.UTC)
        support = rng.choices((1, 2, 3, 4, 5), weights=(30, 25, 20, 12, 13))[0] if result == "canvassed" else None
        answers: dict[str, Any] = {}
        if result == "canvassed":
            answers[q_support] = "yes" if support and support <= 2 else rng.choice(("no", "undecided"))
            if answers[q_support] == "yes":
                answers[q_volunteer] = rng.choice(("yes", "no"))
            answers[q_tenure] = rng.choice(("rent", "rent", "own"))
        canvasser = rng.choice(canvassers or captains)
        attempts.append(
            {
                "id": _uuid(rng),
                "campaign_id": campaign_id,
                "door_id": door["id"],
                "person_id": members[0] if members and result == "canvassed" else None,
                "canvasser_id": canvasser["id"],
                "turf_id": door["turf_id"],
                "attempted_at": at,
                "channel": "door",
                "result_code": result,
                "support": support,
                "answers": answers,
                "notes": "",
                "organization_id": canvasser["organization_id"],
                "supersedes_id": None,
            }
        )
        if result == "do_not_knock":
            door["do_not_knock"] = True
            door["do_not_knock_reason"] = "asked at the door"
    attempts.sort(key=lambda a: (a["attempted_at"], a["id"]))
    w.add(ContactAttempt, attempts)
    progress.update(n_doors // 2, total_steps, "Seeding demo campaign")
    progress.check()

    # ---- upcoming events with shifts, hosts and signups
    def local(days: int, hour: int, minute: int = 0) -> dt.datetime:
        # Local Milwaukee time is UTC-6 in winter; stored in UTC.
        local = dt.datetime.combine(today + dt.timedelta(days=days), dt.time(hour, minute))
        return local.replace(tzinfo=dt.UTC) + dt.timedelta(hours=6)

    saturday = (5 - today.weekday()) % 7 or 7
    specs = [
        ("canvass_launch", "Saturday canvass launch", saturday, 10, 14, "Riverwest Co-op", "733 E Clarke St, Milwaukee, WI 53212", 43.0705, -87.8985, 60, [0, 1]),
        ("house_party", "House party at the Garcías", saturday + 2, 18, 20, "A supporter's home", "2417 W Vliet St, Milwaukee, WI 53205", 43.0485, -87.9470, 25, [0]),
        ("phone_bank", "Tuesday phone bank", saturday + 3, 17, 20, "Local 88 union hall", "1110 N Old World 3rd St, Milwaukee, WI 53203", 43.0447, -87.9138, 30, [1]),
        ("training", "Canvass training for new volunteers", saturday + 5, 18, 20, "Central Library", "814 W Wisconsin Ave, Milwaukee, WI 53233", 43.0389, -87.9219, 40, [0, 2]),
        ("summit", "Fair Rent Summit", saturday + 14, 9, 16, "Wisconsin Center", "400 W Wisconsin Ave, Milwaukee, WI 53203", 43.0388, -87.9165, 500, [0, 1, 2]),
    ]
    events, hosts, shifts, signups = [], [], [], []
    volunteer_people = [v["person_id"] for v in volunteers]
    for kind, title, days, h0, h1, place, address, lat, lon, cap, host_idx in specs:
        eid = _uuid(rng)
        events.append(
            {
                "id": eid, "campaign_id": campaign_id, "kind": kind, "title": title,
                "description": f"{title} for Fair Rent Milwaukee.", "starts_at": local(days, h0),
                "ends_at": local(days, h1), "timezone": TIMEZONE, "place_name": place,
                "address": address, "lat": lat, "lon": lon, "capacity": cap, "status": "scheduled",
            }
        )
        hosts += [{"id": _uuid(rng), "event_id": eid, "organization_id": orgs[i]["id"]} for i in host_idx]
        event_shifts = []
        if kind in ("canvass_launch", "phone_bank"):
            mid = (h0 + h1) // 2
            for s0, s1 in ((h0, mid), (mid, h1)):
                sid = _uuid(rng)
                event_shifts.append(sid)
                shifts.append(
                    {"id": sid, "event_id": eid, "starts_at": local(days, s0), "ends_at": local(days, s1),
                     "role": "canvasser" if kind == "canvass_launch" else "caller", "capacity": cap // 2}
                )
        n_signups = min(cap, 12 if cap < 100 else 180)
        pool = volunteer_people + [p["id"] for p in rng.sample(people, k=min(len(people), n_signups))]
        seen: set[str] = set()
        for pid in pool:
            if pid in seen or len(seen) >= n_signups:
                continue
            seen.add(pid)
            status = rng.choices(("scheduled", "confirmed", "invited", "declined"), weights=(45, 35, 12, 8))[0]
            signups.append(
                {
                    "id": _uuid(rng), "event_id": eid,
                    "shift_id": rng.choice(event_shifts) if event_shifts else None,
                    "person_id": pid, "status": status, "waitlisted": False, "walk_in": False,
                    "organization_id": orgs[host_idx[0]]["id"],
                    "signed_up_at": local(-rng.randint(1, 10), 12),
                }
            )
    w.add(Event, events)
    w.add(EventHost, hosts)
    w.add(Shift, shifts)
    w.add(Signup, signups)
    w.add(CheckIn, [])
    pending = sum(len(rows) for rows in w.pending.values())
    w.write(progress, n_doors // 2, n_doors // 2 + pending)
