"""A small store with three named streets in one turf (for the sketch and basemap tests)."""

from __future__ import annotations

from fieldapp.core.db import Store
from fieldapp.core.models import Door, Turf

# name, first door (lat, lon), step per house number pair (dlat, dlon), house numbers
STREETS = [
    ("Oak Street", (39.9500, -75.1700), (0.0, 0.0004)),
    ("Elm Avenue", (39.9465, -75.1660), (0.00035, 0.0)),
    ("Maple Court", (39.9530, -75.1690), (0.0002, 0.0003)),
]
TURF_BOX = (39.945, -75.172, 39.956, -75.158)  # south, west, north, east


def add_three_streets(store: Store, per_side: int = 8) -> str:
    """Doors on both sides of three streets, numbered 100, 101, 102...; returns the turf id."""
    s_, w, n, e = TURF_BOX
    with store.session() as s, s.begin():
        turf = Turf(name="Riverside", polygon={
            "type": "Polygon",
            "coordinates": [[[w, s_], [e, s_], [e, n], [w, n], [w, s_]]]})
        s.add(turf)
        s.flush()
        for name, (lat0, lon0), (dlat, dlon) in STREETS:
            for k in range(per_side):
                for side in (0, 1):  # even numbers on one side, odd across the street
                    number = 100 + 2 * k + side
                    off = 0.00012 if side else -0.00012
                    lat = lat0 + k * dlat + (off if dlon else 0)
                    lon = lon0 + k * dlon + (off if dlat and not dlon else 0)
                    s.add(Door(street_number=str(number), house_number=number, street_name=name,
                               city="Philadelphia", state="PA", lat=lat, lon=lon, turf_id=turf.id,
                               address_key=f"{number} {name.lower()}"))
        return turf.id
