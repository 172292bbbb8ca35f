"""What the map shows, read from the store in a few fast queries.

Doors come back as parallel lists (not ORM objects, not one dict each):
100,000 doors must be read, coloured and serialized in a fraction of a second,
and lists turn into compact JSON arrays that the page's own script draws.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Connection, text

from fieldapp.core.db import Store
from fieldapp.core.plainsql import json_array, plain_rows
from fieldapp.errors import NotFoundError
from fieldapp.services import rules

log = logging.getLogger(__name__)

# Door categories: index, key, English label, colour (Okabe-Ito, colour-blind safe).
CATEGORIES: tuple[tuple[str, str, str], ...] = (
    ("not_knocked", "Not knocked yet", "#999999"),
    ("strong_support", "Strong support (1)", "#0072B2"),
    ("lean_support", "Leaning support (2)", "#009E73"),
    ("undecided", "Undecided (3)", "#F0E442"),
    ("opposed", "Opposed (4-5)", "#D55E00"),
    ("talked", "Talked, no score", "#56B4E9"),
    ("not_home", "Not home / come back", "#E69F00"),
    ("refused", "Refused / hostile", "#CC79A7"),
    ("unreachable", "Do not knock / unreachable", "#000000"),
)
CATEGORY_INDEX = {key: i for i, (key, _label, _colour) in enumerate(CATEGORIES)}

# Turf fill by progress (share of doors with a result): ColorBrewer YlGnBu, 5 steps.
PROGRESS_COLOURS: tuple[str, ...] = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")

_RESULT_CATEGORY = {
    "not_home": "not_home",
    "come_back": "not_home",
    "refused": "refused",
    "hostile": "refused",
    "moved": "unreachable",
    "deceased": "unreachable",
    "inaccessible": "unreachable",
    "language_barrier": "unreachable",
    "do_not_knock": "unreachable",
}


def door_category(result: str | None, support: int | None, do_not_knock: bool = False) -> int:
    """The colour category of a door from its latest result and support score."""
    if do_not_knock:
        return CATEGORY_INDEX["unreachable"]
    if result is None:
        return CATEGORY_INDEX["not_knocked"]
    if result == "canvassed":
        if support is None:
            return CATEGORY_INDEX["talked"]
        if support <= 1:
            return CATEGORY_INDEX["strong_support"]
        if support == 2:
            return CATEGORY_INDEX["lean_support"]
        if support == 3:
            return CATEGORY_INDEX["undecided"]
        return CATEGORY_INDEX["opposed"]
    return CATEGORY_INDEX[_RESULT_CATEGORY.get(result, "talked")]


def progress_colour(share: float) -> str:
    """The turf fill for a share of doors with a result (0..1)."""
    step = min(len(PROGRESS_COLOURS) - 1, max(0, int(share * len(PROGRESS_COLOURS))))
    return PROGRESS_COLOURS[step]


@dataclass
class TurfInfo:
    id: str
    name: str
    status: str
    polygon: dict[str, Any] | None
    doors: int = 0
    done: int = 0

    @property
    def progress(self) -> float:
        return self.done / self.doors if self.doors else 0.0


@dataclass
class EventInfo:
    id: str
    title: str
    kind: str
    starts_at: str
    """When it starts, in the event's own zone, named: "2026-12-05 18:00 CST (America/Chicago)"."""
    place_name: str
    address: str
    lat: float
    lon: float


def event_local_time(starts_at: dt.datetime | str, zone_name: str) -> str:
    """A stored start (UTC, naive or aware, or its text) as the event's wall-clock time, named.

    An 18:00 Chicago event reads "2026-12-05 18:00 CST (America/Chicago)", not
    the stored "2026-12-06 00:00" UTC. An unknown zone falls back to UTC.
    """
    when = dt.datetime.fromisoformat(starts_at) if isinstance(starts_at, str) else starts_at
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    try:
        tz = ZoneInfo(zone_name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        tz, zone_name = ZoneInfo("UTC"), "UTC"
    local = when.astimezone(tz)
    return f"{local:%Y-%m-%d %H:%M} {local.tzname() or ''} ({zone_name or 'UTC'})".replace("  ", " ")


@dataclass
class DoorArrays:
    """Doors as parallel lists; index ``i`` is one door everywhere."""

    ids: list[str] = field(default_factory=list)
    # Coordinates in whole micro-degrees (6 decimals, about 10 cm), as the page gets them.
    lat6: list[int] = field(default_factory=list)
    lon6: list[int] = field(default_factory=list)
    cat: list[int] = field(default_factory=list)
    turf: list[int] = field(default_factory=list)  # index into MapData.turfs, -1 for none
    number: list[str] = field(default_factory=list)
    street: list[int] = field(default_factory=list)  # index into streets
    unit: list[str] = field(default_factory=list)
    streets: list[str] = field(default_factory=list)

    @cached_property
    def lat(self) -> list[float]:
        """Latitudes in degrees (made when first asked for: the page needs none)."""
        return [v / 1e6 for v in self.lat6]

    @cached_property
    def lon(self) -> list[float]:
        return [v / 1e6 for v in self.lon6]

    def __len__(self) -> int:
        return len(self.ids)


@dataclass
class MapData:
    turfs: list[TurfInfo]
    doors: DoorArrays
    events: list[EventInfo]
    doors_without_location: int = 0

    def bounds(self) -> tuple[float, float, float, float] | None:
        """(south, west, north, east) around doors, turfs and the events near them.

        None when there is nothing to show.
        """
        lats: list[float] = []
        lons: list[float] = []
        if self.doors.lat6:
            lats += [min(self.doors.lat6) / 1e6, max(self.doors.lat6) / 1e6]
            lons += [min(self.doors.lon6) / 1e6, max(self.doors.lon6) / 1e6]
        for turf in self.turfs:
            for lon, lat in _coords(turf.polygon):
                lats.append(lat)
                lons.append(lon)
        if lats:
            s, w, n, e = min(lats), min(lons), max(lats), max(lons)
            # Events close to the doors are shown too, if they barely widen the view.
            near = max(0.005, 0.25 * max(n - s, e - w))
            for ev in self.events:
                if s - near <= ev.lat <= n + near and w - near <= ev.lon <= e + near:
                    lats.append(ev.lat)
                    lons.append(ev.lon)
        else:
            for ev in self.events:
                lats.append(ev.lat)
                lons.append(ev.lon)
        if not lats:
            return None
        return min(lats), min(lons), max(lats), max(lons)


def _coords(geometry: dict[str, Any] | None) -> list[tuple[float, float]]:
    if not geometry:
        return []
    kind = geometry.get("type")
    coords = geometry.get("coordinates") or []
    if kind == "Polygon":
        return [(float(p[0]), float(p[1])) for ring in coords for p in ring]
    if kind == "MultiPolygon":
        return [(float(p[0]), float(p[1])) for poly in coords for ring in poly for p in ring]
    return []


def load_map_data(store: Store, *, turf: str | None = None) -> MapData:
    """Turfs with progress, located doors with their colour category, and events.

    ``turf`` (a name or id) keeps one turf and its doors only. Doors merged into
    another, deleted doors and cancelled or deleted events are left out.
    """
    with store.engine.connect() as conn:
        turfs, only = _load_turfs(conn, turf)
        doors, missing = _load_doors(conn, turfs, only)
        events = _load_events(conn)
    if only is not None:
        box = MapData(turfs, doors, []).bounds()
        if box is not None:
            s, w, n, e = box
            pad = 0.01
            events = [
                ev for ev in events
                if s - pad <= ev.lat <= n + pad and w - pad <= ev.lon <= e + pad
            ]
    log.debug("map data: %d turfs, %d doors (%d without location), %d events",
              len(turfs), len(doors), missing, len(events))
    return MapData(turfs=turfs, doors=doors, events=events, doors_without_location=missing)


def _load_turfs(conn: Connection, turf: str | None) -> tuple[list[TurfInfo], str | None]:
    """Every live turf by name, or only the one ``turf`` names (a name or id) and its id."""
    turf_rows = conn.execute(
        text("SELECT id, name, status, polygon FROM turfs WHERE deleted = :f ORDER BY name"),
        {"f": False},
    ).all()
    turfs = [TurfInfo(id=r[0], name=r[1], status=r[2], polygon=_json(r[3])) for r in turf_rows]
    if turf is None:
        return turfs, None
    match = [t for t in turfs if t.id == turf] or [
        t for t in turfs if t.name.casefold() == turf.casefold()
    ]
    if not match:
        raise NotFoundError(f"no turf named {turf!r}")
    return match[:1], match[0].id


def _load_doors(conn: Connection, turfs: list[TurfInfo], only: str | None
                ) -> tuple[DoorArrays, int]:
    """The located doors as columns (and how many have no location); counts turf progress.

    One pass of the doors table makes each column as the text of one JSON
    array (``plainsql.json_array``): no row object, not even a tuple, per
    door; the texts decode in C. Coordinates come as whole micro-degrees
    (6 decimals, about 10 cm).
    """
    located = "d.lat IS NOT NULL AND d.lon IS NOT NULL"

    unreachable = CATEGORY_INDEX["unreachable"]
    exprs = ("d.id", "CAST(round(d.lat * 1000000) AS BIGINT)",
             "CAST(round(d.lon * 1000000) AS BIGINT)", "d.turf_id",
             "COALESCE(d.street_number, '')", "COALESCE(d.street_name, '')",
             "COALESCE(d.unit, '')",
             f"CASE WHEN d.do_not_knock THEN {unreachable} ELSE {CATEGORY_INDEX['not_knocked']} END")
    columns = [json_array(conn, e, where=located, order="d.id") for e in exprs]
    # Doors with no location are not drawn, but count in their turf's progress.
    columns += [json_array(conn, e, where=f"NOT ({located})", order="d.id")
                for e in ("d.id", "d.turf_id")]
    sql = (f"SELECT {', '.join(columns)} "
           "FROM doors d WHERE d.deleted = ? AND d.merged_into_id IS NULL")
    params: tuple[Any, ...] = (False,)
    if only is not None:
        sql += " AND d.turf_id = ?"
        params += (only,)
    (ids, lat6, lon6, turf_ids, numbers, street_names, units, cats, lost_ids, lost_turfs
     ) = (json.loads(t) for t in plain_rows(conn, sql, params)[0])
    # The latest result of each door (a correction replaces what it supersedes) colours
    # it, unless the door is not to be knocked; turf progress counts the doors with one.
    latest = rules.latest_door_codes(conn)
    at = dict(zip(ids, range(len(ids)), strict=True))
    lost = dict(zip(lost_ids, lost_turfs, strict=True))
    knocked_turfs = []
    for door, (code, support) in latest.items():
        i = at.get(door)
        if i is not None:
            knocked_turfs.append(turf_ids[i])
            if cats[i] != unreachable:
                cats[i] = door_category(code, support)
        elif door in lost:
            knocked_turfs.append(lost[door])
    every, done = Counter(turf_ids), Counter(knocked_turfs)
    every.update(lost_turfs)
    for turf in turfs:
        turf.doors, turf.done = every[turf.id], done[turf.id]
    # Indexes looked up through dict methods mapped in C: no Python step per door.
    turf_index: defaultdict[str | None, int] = defaultdict(lambda: -1)
    turf_index.update((t.id, i) for i, t in enumerate(turfs))
    street_index = {name: i for i, name in enumerate(dict.fromkeys(street_names))}
    doors = DoorArrays(
        ids=ids, lat6=lat6, lon6=lon6, cat=cats, turf=list(map(turf_index.__getitem__, turf_ids)),
        number=numbers, street=list(map(street_index.__getitem__, street_names)), unit=units,
        streets=list(street_index),
    )
    return doors, len(lost_ids)


def _load_events(conn: Connection) -> list[EventInfo]:
    """Located, live events in start order, their times in each event's own zone."""
    event_rows = conn.execute(
        text(
            "SELECT id, title, kind, starts_at, place_name, address, lat, lon, timezone FROM events "
            "WHERE deleted = :f AND status != 'cancelled' AND lat IS NOT NULL "
            "AND lon IS NOT NULL ORDER BY starts_at"
        ),
        {"f": False},
    ).all()
    return [
        EventInfo(
            id=r[0], title=r[1], kind=r[2], starts_at=event_local_time(r[3], r[8] or "UTC"), place_name=r[4] or "",
            address=r[5] or "", lat=float(r[6]), lon=float(r[7]),
        )
        for r in event_rows
    ]


def _json(value: Any) -> dict[str, Any] | None:
    """JSON columns come back as text from a raw SQLite query."""
    if value is None or isinstance(value, dict):
        return value
    parsed = json.loads(value)
    return parsed if isinstance(parsed, dict) else None
