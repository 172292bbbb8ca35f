"""A street sketch from the doors themselves: one smoothed line per street and side.

Every located door has a street name, a house number and a position, so a
street can be drawn without any basemap:

* doors are grouped by street name (case and spacing folded) and side (odd or
  even house numbers, the way US streets are numbered);
* within a group, doors are put in house-number order; doors sharing a number
  (units of one building) become one point, at their average position;
* a gap longer than :data:`MAX_GAP_M` between two consecutive numbers starts a
  new segment (the same street name in another neighbourhood or town);
* each segment is thinned to at most :data:`MAX_POINTS` points and smoothed (a
  moving average, then Chaikin corner cutting), so a line through slightly
  scattered geocodes reads as a street and a county's streets stay light;
* each segment keeps its lowest and highest house number, printed at its ends.

Pure functions over plain lists: the map page (:mod:`fieldapp.maps.streets`,
which caches the result) and the walk sheet's map sketch both call
:func:`street_lines`.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

MAX_GAP_M = 400.0  # consecutive doors further apart than this are not one street
MAX_POINTS = 16  # per line, before smoothing
_NUMBER_RE = re.compile(r"^\s*(\d{1,7})")


@dataclass(slots=True)
class StreetLine:
    """One side of one stretch of street, as a line through its doors."""

    name: str
    side: str  # "odd" or "even"
    coords: list[float]  # lat, lon, lat, lon, ... lowest house number first
    low: str  # house number at the first point
    high: str  # house number at the last point
    doors: int

    @property
    def points(self) -> list[tuple[float, float]]:
        """(lat, lon) pairs along the line."""
        c = self.coords
        return list(zip(c[0::2], c[1::2], strict=True))

    def length_m(self) -> float:
        return sum(_metres(a, b) for a, b in itertools.pairwise(self.points))


def house_number(text: str) -> int | None:
    """The leading integer of a house number ("123A" -> 123), or None."""
    m = _NUMBER_RE.match(text or "")
    return int(m.group(1)) if m else None


def _metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    k = math.cos(math.radians((a[0] + b[0]) / 2))
    dy = (a[0] - b[0]) * 111_195.0
    dx = (a[1] - b[1]) * 111_195.0 * k
    return math.hypot(dx, dy)


def _thin(lat: Any, lon: Any, seg: Any, limit: int) -> tuple[Any, Any, Any]:
    """At most about ``limit`` points per segment, evenly picked, ends kept (numpy arrays)."""
    import numpy as np

    n = len(seg)
    start = np.r_[True, seg[1:] != seg[:-1]]
    first = np.maximum.accumulate(np.where(start, np.arange(n), 0))
    rank = np.arange(n) - first
    length = np.bincount(seg)[seg]
    last = rank == length - 1
    long = length > limit
    step = (limit - 1) / np.maximum(length - 1, 1)
    bucket = np.floor(rank * step)
    prev_bucket = np.floor((rank - 1) * step)
    keep = ~long | start | last | (bucket != prev_bucket)
    return lat[keep], lon[keep], seg[keep]


def _smooth(lat: Any, lon: Any, seg: Any, rounds: int = 1) -> tuple[Any, Any, Any]:
    """Every segment at once: a 3-point moving average (ends kept), then Chaikin
    corner cutting, rounded to 5 decimals (about a metre). ``seg`` numbers each point's segment; points of one
    segment are consecutive, in order."""
    import numpy as np

    same_prev = np.r_[False, seg[1:] == seg[:-1]]
    same_next = np.r_[seg[1:] == seg[:-1], False]
    inner = same_prev & same_next
    for arr in (lat, lon):
        avg = arr.copy()
        avg[1:-1] = (arr[:-2] + arr[1:-1] + arr[2:]) / 3
        arr[inner] = avg[inner]
    for _ in range(rounds):
        pair = np.nonzero(seg[:-1] == seg[1:])[0]  # point j and j+1 in one segment
        ends = np.nonzero(~same_prev | ~same_next)[0]  # first and last points stay
        keys = np.concatenate((np.where(~same_prev[ends], 2 * ends, 2 * ends + 1),
                               2 * pair + 1, 2 * pair + 2))
        new_lat = np.concatenate((lat[ends], 0.75 * lat[pair] + 0.25 * lat[pair + 1],
                                  0.25 * lat[pair] + 0.75 * lat[pair + 1]))
        new_lon = np.concatenate((lon[ends], 0.75 * lon[pair] + 0.25 * lon[pair + 1],
                                  0.25 * lon[pair] + 0.75 * lon[pair + 1]))
        new_seg = np.concatenate((seg[ends], seg[pair], seg[pair]))
        # a one-point segment is both first and last: keep it once
        order = np.argsort(keys, kind="stable")
        keys = keys[order]
        unique = np.r_[True, keys[1:] != keys[:-1]]
        lat, lon, seg = new_lat[order][unique], new_lon[order][unique], new_seg[order][unique]
        same_prev = np.r_[False, seg[1:] == seg[:-1]]
        same_next = np.r_[seg[1:] == seg[:-1], False]
    return np.round(lat, 5), np.round(lon, 5), seg


def street_lines(
    lat: Sequence[float | None],
    lon: Sequence[float | None],
    numbers: Sequence[str],
    streets: Sequence[str],
    *,
    max_points: int = MAX_POINTS,
) -> list[StreetLine]:
    """Lines for every street and side, from parallel door lists (index i is one door).

    ``streets[i]`` is door i's street name. Doors with no street name or no
    position are left out; a street side needs two distinct house numbers to
    make a line.
    """
    index: dict[str, int] = {}
    ix = [index.setdefault(name or "", len(index)) for name in streets]
    return street_lines_indexed(lat, lon, numbers, ix, list(index), max_points=max_points)


def street_lines_indexed(
    lat: Sequence[float | None],
    lon: Sequence[float | None],
    numbers: Sequence[str],
    street_index: Sequence[int],
    street_names: Sequence[str],
    *,
    max_points: int = MAX_POINTS,
) -> list[StreetLine]:
    """:func:`street_lines` with each door's street given as an index into ``street_names``.

    The map's door arrays come this way; grouping, ordering and averaging run in
    numpy (100,000 doors in a few hundredths of a second), and only the
    segments are walked in Python.
    """
    import numpy as np

    if not len(street_index):
        return []
    names, name_key = _fold_street_names(street_names)
    keys = name_key[np.asarray(street_index, dtype=np.int64)]
    hns = _house_numbers(numbers)
    la = np.asarray(lat, dtype=np.float64)  # None becomes nan
    lo = np.asarray(lon, dtype=np.float64)
    idx = np.nonzero((keys >= 0) & (hns >= 0) & ~np.isnan(la) & ~np.isnan(lo))[0]
    if not len(idx):
        return []
    # One point per (street, side, house number): the average of its doors.
    group = (keys[idx] * 2 + hns[idx] % 2) * 10_000_000 + hns[idx]
    uniq, first, inverse, counts = np.unique(group, return_index=True, return_inverse=True,
                                             return_counts=True)
    plat = np.bincount(inverse, weights=la[idx]) / counts
    plon = np.bincount(inverse, weights=lo[idx]) / counts
    side_key = uniq // 10_000_000  # sorted by (street, side), then house number
    # A new segment where the street side changes or consecutive doors are far apart.
    kx = np.cos(np.radians(plat[1:]))
    gap = np.hypot(np.diff(plat) * 111_195.0, np.diff(plon) * 111_195.0 * kx)
    breaks = np.nonzero((np.diff(side_key) != 0) | (gap > MAX_GAP_M))[0] + 1
    seg = np.cumsum(np.r_[0, np.isin(np.arange(1, len(uniq)), breaks)])
    sizes = np.bincount(seg)
    starts = np.r_[0, np.cumsum(sizes)[:-1]]
    ends = starts + sizes
    # Lines need two house numbers: drop one-point segments before smoothing.
    keep = sizes[seg] >= 2
    if not keep.any():
        return []
    slat, slon, sseg = _smooth(*_thin(plat[keep], plon[keep], seg[keep], max_points))
    cut = np.r_[0, np.nonzero(sseg[1:] != sseg[:-1])[0] + 1, len(sseg)].tolist()
    flat = np.column_stack((slat, slon)).ravel().tolist()
    line_seg = sseg[cut[:-1]]
    g_start, g_end = starts[line_seg], ends[line_seg] - 1
    g_side = side_key[g_start].tolist()
    low_door, high_door = idx[first[g_start]].tolist(), idx[first[g_end]].tolist()
    door_sum = np.r_[0, np.cumsum(counts)]
    g_doors = (door_sum[g_end + 1] - door_sum[g_start]).tolist()
    lines: list[StreetLine] = []
    for k, (a, b) in enumerate(itertools.pairwise(cut)):
        sk = g_side[k]
        lines.append(StreetLine(
            name=names[sk // 2],
            side="odd" if sk % 2 else "even",
            coords=flat[2 * a:2 * b],
            low=str(numbers[low_door[k]]).strip(),
            high=str(numbers[high_door[k]]).strip(),
            doors=g_doors[k],
        ))
    lines.sort(key=lambda s: (s.name.casefold(), s.side, s.low))
    return lines


def _fold_street_names(street_names: Sequence[str]) -> tuple[list[str], Any]:
    """Names that fold to the same text ("Oak  St", "oak st") are one street: returns the
    streets' names and, for each given name, its street's number (-1 for no name)."""
    import numpy as np

    folded: dict[str, int] = {}
    names: list[str] = []
    name_key = np.full(len(street_names) + 1, -1, dtype=np.int64)
    for j, name in enumerate(street_names):
        f = " ".join((name or "").casefold().split())
        if f:
            if f not in folded:
                folded[f] = len(names)
                names.append(" ".join(name.split()))
            name_key[j] = folded[f]
    return names, name_key


def _house_numbers(numbers: Sequence[str]) -> Any:
    """Each door's house number, -1 where there is none (each distinct text parsed once:
    house numbers repeat)."""
    import numpy as np

    texts, text_ix = np.unique(np.asarray(numbers, dtype=str), return_inverse=True)
    parsed = np.array([-1 if (v := house_number(str(t))) is None else v for t in texts],
                      dtype=np.int64)
    return parsed[text_ix]


def draw_on_sketch(
    drawing: Any, lines: Sequence[StreetLine], xy: Callable[[float, float], tuple[float, float]]
) -> None:
    """Draw the lines and their names on a reportlab Drawing (the walk sheet's map sketch).

    ``xy(lon, lat)`` maps a position to drawing points. Each street's name is
    printed once, along its longest side, when the line is long enough to hold it.
    """
    from reportlab.graphics.shapes import Group, PolyLine, String
    from reportlab.lib import colors
    from reportlab.pdfbase.pdfmetrics import stringWidth

    casing, fill, ink = colors.Color(0.72, 0.70, 0.65), colors.white, colors.Color(0.2, 0.18, 0.14)
    projected = [[xy(lon, lat) for lat, lon in s.points] for s in lines]
    for width, colour in ((4.2, casing), (3.0, fill)):
        for pts in projected:
            drawing.add(PolyLine([v for p in pts for v in p], strokeColor=colour,
                                 strokeWidth=width, strokeLineCap=1, strokeLineJoin=1))
    longest: dict[str, tuple[float, list[tuple[float, float]]]] = {}
    for s, pts in zip(lines, projected, strict=True):
        length = sum(math.dist(a, b) for a, b in itertools.pairwise(pts))
        if length > longest.get(s.name, (0.0, []))[0]:
            longest[s.name] = (length, pts)
    for name, (length, pts) in longest.items():
        size = 6.5
        if length < stringWidth(name, "Helvetica-Bold", size) * 0.8:
            size = 5.0
        (x0, y0), (x1, y1) = pts[0], pts[-1]
        angle = math.degrees(math.atan2(y1 - y0, x1 - x0))
        if angle > 90:
            angle -= 180
        elif angle < -90:
            angle += 180
        mx, my = pts[len(pts) // 2]
        rad = math.radians(angle)
        group = Group(String(0, 5.5, name, fontName="Helvetica-Bold", fontSize=size,
                             fillColor=ink, textAnchor="middle"))
        group.transform = (math.cos(rad), math.sin(rad), -math.sin(rad), math.cos(rad), mx, my)
        drawing.add(group)
