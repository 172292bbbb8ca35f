"""Walking order: doors street by street, one side up and the other back.

Streets are chained by proximity: each street is entered and left at one of its
two ends (up-and-back walking starts and finishes at the same end), a
nearest-neighbour tour picks a first chain and 2-opt improves it. The search
uses a vectorised haversine (numpy) because geopy's geodesic is far too slow for
thousands of pairs; the walking distance that is *reported* uses geopy.

numpy is imported by the functions that compute, not with the module: the app's
pages import the walk-list services, and the first window should not wait for
numpy (issue 13).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fieldapp.services.addresses import normalize_street

if TYPE_CHECKING:
    import numpy as np

EARTH_RADIUS_M = 6_371_008.8


@dataclass(frozen=True)
class WalkDoor:
    """The fields the ordering needs, detached from the session."""

    id: str
    street_name: str
    street_number: str
    house_number: int | None
    unit: str
    city: str
    building_key: str
    lat: float | None
    lon: float | None
    do_not_knock: bool
    do_not_knock_reason: str


def walking_distance_m(points: Sequence[tuple[float | None, float | None]]) -> float:
    """Sum of geodesic distances between consecutive located points (geopy).

    Accurate but slow (about 80 µs a pair), so only for reporting a finished
    order, never inside a search.
    """
    from geopy.distance import geodesic

    located = [(lat, lon) for lat, lon in points if lat is not None and lon is not None]
    total = 0.0
    for a, b in itertools.pairwise(located):
        if a != b:
            total += geodesic(a, b).meters
    return total


def haversine_matrix(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Great-circle distances in metres between every row of ``a`` and of ``b``.

    Both are ``(n, 2)`` arrays of (lat, lon) in degrees.
    """
    import numpy as np

    lat1 = np.radians(a[:, 0])[:, None]
    lon1 = np.radians(a[:, 1])[:, None]
    lat2 = np.radians(b[:, 0])[None, :]
    lon2 = np.radians(b[:, 1])[None, :]
    h = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    result: np.ndarray = 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
    return result


_UNIT_PART = re.compile(r"(\d+)")


def _unit_key(unit: str) -> tuple[object, ...]:
    """Natural order for units: "Apt 2" before "Apt 10"; no unit first."""
    return tuple(
        (0, int(p)) if p.isdigit() else (1, p.lower()) for p in _UNIT_PART.split(unit) if p
    )


def _door_key(door: WalkDoor) -> tuple[object, ...]:
    number = door.house_number if door.house_number is not None else 1 << 40
    return (number, door.street_number.lower(), _unit_key(door.unit), door.id)


@dataclass
class _Street:
    key: tuple[str, str]
    doors: list[WalkDoor]
    ends: np.ndarray | None = None  # (2, 2): low end and high end (lat, lon)

    def sides(self) -> list[list[WalkDoor]]:
        """Odd side, even side, then doors with no house number; each ascending."""
        odd = [d for d in self.doors if d.house_number is not None and d.house_number % 2]
        even = [d for d in self.doors if d.house_number is not None and not d.house_number % 2]
        other = [d for d in self.doors if d.house_number is None]
        return [sorted(s, key=_door_key) for s in (odd, even, other) if s]


def _descending(side: list[WalkDoor]) -> list[WalkDoor]:
    """Buildings in descending number order, the units of each still ascending."""
    buildings: list[list[WalkDoor]] = []
    for door in side:
        if buildings and _building(buildings[-1][0]) == _building(door):
            buildings[-1].append(door)
        else:
            buildings.append([door])
    return [door for building in reversed(buildings) for door in building]


def _building(door: WalkDoor) -> tuple[object, ...]:
    return (door.house_number, door.street_number.lower(), door.building_key)


def _street_ends(doors: list[WalkDoor]) -> np.ndarray | None:
    import numpy as np

    located = sorted((d for d in doors if d.lat is not None and d.lon is not None), key=_door_key)
    if not located:
        return None
    low, high = located[0], located[-1]
    return np.array([[low.lat, low.lon], [high.lat, high.lon]], dtype=float)


def _path_cost(order: list[int], port: list[int], dist: np.ndarray) -> float:
    return float(
        sum(dist[2 * a + port[a], 2 * b + port[b]] for a, b in itertools.pairwise(order))
    )


def _nearest_neighbour(n: int, start: int, dist: np.ndarray) -> tuple[list[int], list[int]]:
    """Greedy chain from port ``start``: always the nearest end of a street left."""
    import numpy as np

    order = [start // 2]
    port = [0] * n
    port[start // 2] = start % 2
    left = np.ones(2 * n, dtype=bool)
    left[2 * (start // 2) : 2 * (start // 2) + 2] = False
    current = start
    for _ in range(n - 1):
        row = np.where(left, dist[current], np.inf)
        nxt = int(np.argmin(row))
        street = nxt // 2
        order.append(street)
        port[street] = nxt % 2
        left[2 * street : 2 * street + 2] = False
        current = nxt
    return order, port


def _improve(order: list[int], port: list[int], dist: np.ndarray) -> None:
    """2-opt over the open chain, then choose each street's better end; repeat."""
    n = len(order)
    improved = True
    rounds = 0
    while improved and rounds < 50:
        improved = False
        rounds += 1
        pts = [2 * s + port[s] for s in order]
        for i in range(1, n - 1):
            for j in range(i + 1, n):
                # reverse order[i..j]: edges (i-1, i) and (j, j+1) change
                a, b = pts[i - 1], pts[i]
                c = pts[j]
                before = dist[a, b]
                after = dist[a, c]
                if j + 1 < n:
                    d = pts[j + 1]
                    before += dist[c, d]
                    after += dist[b, d]
                if after + 1e-6 < before:
                    order[i : j + 1] = reversed(order[i : j + 1])
                    pts[i : j + 1] = reversed(pts[i : j + 1])
                    improved = True
        # reversing the head of the chain (i == 0) is the same as starting elsewhere
        for j in range(1, n - 1):
            if dist[pts[j], pts[j + 1]] > dist[pts[0], pts[j + 1]] + 1e-6:
                order[0 : j + 1] = reversed(order[0 : j + 1])
                pts[0 : j + 1] = reversed(pts[0 : j + 1])
                improved = True
        for k, street in enumerate(order):
            best = port[street]
            best_cost = _port_cost(k, order, port, dist, best)
            other = 1 - best
            cost = _port_cost(k, order, port, dist, other)
            if cost + 1e-6 < best_cost:
                port[street] = other
                improved = True


def _port_cost(k: int, order: list[int], port: list[int], dist: np.ndarray, p: int) -> float:
    here = 2 * order[k] + p
    cost = 0.0
    if k > 0:
        cost += dist[2 * order[k - 1] + port[order[k - 1]], here]
    if k + 1 < len(order):
        cost += dist[here, 2 * order[k + 1] + port[order[k + 1]]]
    return float(cost)


def chain_streets(streets: list[_Street]) -> list[tuple[_Street, int]]:
    """Streets in walking order, each with the end it is walked from (0 low, 1 high)."""
    import numpy as np

    located = [s for s in streets if s.ends is not None]
    unlocated = sorted((s for s in streets if s.ends is None), key=lambda s: s.key)
    result: list[tuple[_Street, int]] = []
    if located:
        n = len(located)
        ports = np.vstack([s.ends for s in located if s.ends is not None])
        dist = haversine_matrix(ports, ports)
        if n == 1:
            order, port = [0], [0]
        else:
            # Try a few starting ends (all of them for small turfs); keep the best.
            starts = range(2 * n) if n <= 30 else np.linspace(0, 2 * n - 1, 30).astype(int)
            best: tuple[float, list[int], list[int]] | None = None
            for start in starts:
                o, p = _nearest_neighbour(n, int(start), dist)
                cost = _path_cost(o, p, dist)
                if best is None or cost < best[0]:
                    best = (cost, o, p)
            assert best is not None
            _, order, port = best
            _improve(order, port, dist)
        result = [(located[i], port[i]) for i in order]
    result += [(s, 0) for s in unlocated]
    return result


def order_doors(doors: Sequence[WalkDoor]) -> list[WalkDoor]:
    """Doors in walking order: street by street, one side up and the other back."""
    import numpy as np

    by_street: dict[tuple[str, str], list[WalkDoor]] = {}
    for door in doors:
        key = (normalize_street(door.street_name), door.city.strip().lower())
        by_street.setdefault(key, []).append(door)
    streets = [_Street(k, v, _street_ends(v)) for k, v in sorted(by_street.items())]
    ordered: list[WalkDoor] = []
    position: np.ndarray | None = None
    for street, end in chain_streets(streets):
        sides = street.sides()
        numbered = [s for s in sides if s[0].house_number is not None]
        rest = [s for s in sides if s[0].house_number is None]
        if len(numbered) == 2 and position is not None:
            # Start on the side whose first door is nearer to where we stand.
            firsts = [s[0] if end == 0 else s[-1] for s in numbered]
            if all(f.lat is not None and f.lon is not None for f in firsts):
                pts = np.array([[f.lat, f.lon] for f in firsts], dtype=float)
                d = haversine_matrix(position[None, :], pts)[0]
                if d[1] + 1e-6 < d[0]:
                    numbered.reverse()
        for k, side in enumerate(numbered):
            ascending = (k % 2 == 0) == (end == 0)
            ordered.extend(side if ascending else _descending(side))
        for side in rest:
            ordered.extend(side)
        if street.ends is not None:
            position = street.ends[end]
    return ordered
