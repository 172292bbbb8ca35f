"""A street sketch from the doors themselves: one smoothed line per street and side.

Every located door has a street name, a house number and a position, so a
street can be drawn without any basemap:

* doors are grouped by street name (case and spacing folded) and side (odd or
  even house numbers, the way US streets are numbered);
* within a group, doors are put in house-number order; doors sharing a number
  (units of one building) become one point, at their average position;
* a gap longer than :data:`MAX_GAP_M` between two consecutive numbers starts a
  new segment (the same street name in another neighbourhood or town);
* each segment is smoothed (a moving average, then Chaikin corner cutting), so
  a line through slightly scattered geocodes reads as a street;
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
_NUMBER_RE = re.compile(r"^\s*(\d{1,7})")


@dataclass(frozen=True)
class StreetLine:
    """One side of one stretch of street, as a line through its doors."""

    name: str
    side: str  # "odd", "even" or "" (no usable house numbers)
    points: list[tuple[float, float]]  # (lat, lon), lowest house number first
    low: str  # house number at the first point
    high: str  # house number at the last point
    doors: int

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


def _smooth(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Moving average over 3 points (ends kept), then two rounds of Chaikin."""
    n = len(points)
    if n < 3:
        return points
    avg = [points[0]]
    for i in range(1, n - 1):
        a, b, c = points[i - 1], points[i], points[i + 1]
        avg.append(((a[0] + b[0] + c[0]) / 3, (a[1] + b[1] + c[1]) / 3))
    avg.append(points[-1])
    out = avg
    for _ in range(2):
        cut = [out[0]]
        for p, q in itertools.pairwise(out):
            cut.append((0.75 * p[0] + 0.25 * q[0], 0.75 * p[1] + 0.25 * q[1]))
            cut.append((0.25 * p[0] + 0.75 * q[0], 0.25 * p[1] + 0.75 * q[1]))
        cut.append(out[-1])
        out = cut
    return [(round(la, 6), round(lo, 6)) for la, lo in out]


def _thin(points: list[tuple[float, float]], limit: int) -> list[tuple[float, float]]:
    """At most ``limit`` points, evenly picked, ends kept (long streets stay light)."""
    if len(points) <= limit:
        return points
    step = (len(points) - 1) / (limit - 1)
    return [points[round(i * step)] for i in range(limit)]


def street_lines(
    lat: Sequence[float | None],
    lon: Sequence[float | None],
    numbers: Sequence[str],
    streets: Sequence[str],
    *,
    max_points: int = 40,
) -> list[StreetLine]:
    """Lines for every street and side, from parallel door lists (index i is one door).

    ``streets[i]`` is door i's street name. Doors with no street name or no
    position are left out; a street side needs two distinct house numbers to
    make a line.
    """
    # (street key, side) -> house number -> [sum lat, sum lon, count, number text]
    groups: dict[tuple[str, str], dict[int, list[float | str]]] = {}
    display: dict[str, str] = {}
    for la, lo, num, name in zip(lat, lon, numbers, streets, strict=True):
        if la is None or lo is None or not name:
            continue
        hn = house_number(num)
        if hn is None:
            continue
        key = " ".join(name.casefold().split())
        display.setdefault(key, " ".join(name.split()))
        side = "even" if hn % 2 == 0 else "odd"
        acc = groups.setdefault((key, side), {}).get(hn)
        if acc is None:
            groups[(key, side)][hn] = [la, lo, 1, num.strip()]
        else:
            acc[0] = float(acc[0]) + la
            acc[1] = float(acc[1]) + lo
            acc[2] = float(acc[2]) + 1
    lines: list[StreetLine] = []
    for (key, side), by_number in groups.items():
        ordered = sorted(by_number.items())
        segment: list[tuple[int, tuple[float, float], str, int]] = []
        for hn, (sla, slo, cnt, text) in ordered:
            c = float(cnt)
            point = (float(sla) / c, float(slo) / c)
            if segment and _metres(segment[-1][1], point) > MAX_GAP_M:
                _close(lines, display[key], side, segment, max_points)
                segment = []
            segment.append((hn, point, str(text), int(c)))
        _close(lines, display[key], side, segment, max_points)
    lines.sort(key=lambda s: (s.name.casefold(), s.side, s.low))
    return lines


def _close(
    lines: list[StreetLine],
    name: str,
    side: str,
    segment: list[tuple[int, tuple[float, float], str, int]],
    max_points: int,
) -> None:
    if len(segment) < 2:
        return
    points = _smooth(_thin([p for _hn, p, _t, _c in segment], max_points))
    lines.append(
        StreetLine(
            name=name,
            side=side,
            points=points,
            low=segment[0][2],
            high=segment[-1][2],
            doors=sum(c for *_rest, c in segment),
        )
    )


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
