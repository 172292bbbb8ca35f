"""Walk lists: the order people walk a turf, and the paper sheet they carry.

Canvassers walk a street up one side and back down the other, in house-number
order, then move to the nearest street that is left. :func:`walk_order` gives
that order for a turf's live doors (merged and deleted doors left out);
do-not-knock doors are left off the list unless the caller asks for them, and
:func:`walk_plan` says how many were left off and why, so the printed sheet can
show it ("3 doors not listed: do not knock").

One module a job:

- :mod:`.order`: the walking order itself (streets chained by proximity, one
  side up and the other back), with no database;
- :mod:`.plan`: a turf's :class:`WalkPlan` from the store (doors left off and why);
- :mod:`.labels`: the sheet's printed words in each language;
- :mod:`.sheet`: :func:`build_sheet`, the sheet as plain data;
- :mod:`.pdf`: :func:`render_pdf` and :func:`write_walklist_pdf`.
"""

from __future__ import annotations

import logging

from fieldapp.services.walklists.labels import LABELS, RESULT_LABELS, SHEET_COLUMNS
from fieldapp.services.walklists.order import (
    EARTH_RADIUS_M,
    WalkDoor,
    chain_streets,
    haversine_matrix,
    order_doors,
    walking_distance_m,
)
from fieldapp.services.walklists.pdf import render_pdf, write_walklist_pdf
from fieldapp.services.walklists.plan import WalkPlan, walk_order, walk_plan
from fieldapp.services.walklists.sheet import (
    SheetDoor,
    SheetPerson,
    SheetQuestion,
    WalkSheet,
    build_sheet,
)

log = logging.getLogger(__name__)

__all__ = [
    "EARTH_RADIUS_M",
    "LABELS",
    "RESULT_LABELS",
    "SHEET_COLUMNS",
    "SheetDoor",
    "SheetPerson",
    "SheetQuestion",
    "WalkDoor",
    "WalkPlan",
    "WalkSheet",
    "build_sheet",
    "chain_streets",
    "haversine_matrix",
    "order_doors",
    "render_pdf",
    "walk_order",
    "walk_plan",
    "walking_distance_m",
    "write_walklist_pdf",
]
