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

One module per job: :mod:`.writer` (seeded ids, stamps, batched inserts),
:mod:`.campaign` (coalition, campaign, script), :mod:`.places` (streets, doors,
turfs), :mod:`.people` (households, volunteers, assignments), :mod:`.history`
(canvass history), :mod:`.events` and :mod:`.seed` (the steps in order).
"""

from __future__ import annotations

from fieldapp.services.demo.campaign import ORGANIZATIONS
from fieldapp.services.demo.events import TIMEZONE
from fieldapp.services.demo.history import RESULT_WEIGHTS
from fieldapp.services.demo.people import FIRST_EN, FIRST_ES, LAST_EN, LAST_ES
from fieldapp.services.demo.places import (
    CITY,
    COL_SPACING,
    EW_STREETS,
    ORIGIN_LAT,
    ORIGIN_LON,
    ROW_SPACING,
    STATE,
)
from fieldapp.services.demo.seed import DemoSummary, seed_demo, store_is_empty

__all__ = [
    "CITY",
    "COL_SPACING",
    "EW_STREETS",
    "FIRST_EN",
    "FIRST_ES",
    "LAST_EN",
    "LAST_ES",
    "ORGANIZATIONS",
    "ORIGIN_LAT",
    "ORIGIN_LON",
    "RESULT_WEIGHTS",
    "ROW_SPACING",
    "STATE",
    "TIMEZONE",
    "DemoSummary",
    "seed_demo",
    "store_is_empty",
]
