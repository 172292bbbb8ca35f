"""Turfs: import polygons, put doors in them, cut new ones, assign volunteers.

* :func:`read_turf_file` reads GeoJSON and KML polygons and multipolygons.
  A polygon that is invalid (self-intersecting, too few points, open ring) is
  reported by name and nothing is imported: a silently "fixed" turf sends
  canvassers to the wrong doors.
* :func:`assign_doors` puts each located door in the turf that contains it,
  with a shapely STRtree so a hundred thousand doors take a second.
* :func:`cut_turfs` cuts compact, contiguous turfs of about N doors by
  recursive weighted bisection of buildings (a building's units are never
  split), each with a polygon (the buffered hull of its doors, clipped to its
  cell so neighbours never overlap) and a generated name.
* :func:`assign_volunteer` records a captain or canvasser on a turf.

The package has one module per job; every name is re-exported here, so
``from fieldapp.services.turfs import cut_turfs`` works as before:
:mod:`.files` (reading turf files), :mod:`.finding` (a turf or volunteer by
name or id), :mod:`.importing` (assigning doors, importing turfs),
:mod:`.cutting` (cutting turfs) and :mod:`.people` (volunteers on turfs, the
turf list).

The modules that need shapely and numpy (``files``, ``importing``, ``cutting``)
are imported when one of their names is first used (issue 13: start-up).
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

from fieldapp.services.turfs.finding import _default_campaign, find_turf, find_volunteer
from fieldapp.services.turfs.people import (
    TurfSummary,
    assign_volunteer,
    list_turfs,
    unassign_volunteer,
)

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from fieldapp.services.turfs.cutting import (
        M_PER_DEG_LAT,
        TOLERANCE,
        CutReport,
        _project,
        choose_turf_count,
        cut_turfs,
        partition,
    )
    from fieldapp.services.turfs.files import (
        TurfShape,
        _feature_name,
        _geometry,
        _iter_local,
        _kml_coords,
        _kml_polygon,
        _merge_polys,
        _polygon,
        _read_geojson,
        _read_kml,
        _ring,
        read_turf_file,
    )
    from fieldapp.services.turfs.importing import (
        TurfImportReport,
        _swapped_hint,
        assign_doors,
        import_turfs,
    )

# Reading turf files, assigning doors and cutting turfs need shapely and numpy
# (a quarter of a second to import): those modules load when one of their
# names is first used, so the app's pages can import this package cheaply.
_LAZY = {
    "M_PER_DEG_LAT": "cutting",
    "TOLERANCE": "cutting",
    "CutReport": "cutting",
    "_project": "cutting",
    "choose_turf_count": "cutting",
    "cut_turfs": "cutting",
    "partition": "cutting",
    "TurfShape": "files",
    "_feature_name": "files",
    "_geometry": "files",
    "_iter_local": "files",
    "_kml_coords": "files",
    "_kml_polygon": "files",
    "_merge_polys": "files",
    "_polygon": "files",
    "_read_geojson": "files",
    "_read_kml": "files",
    "_ring": "files",
    "read_turf_file": "files",
    "TurfImportReport": "importing",
    "_swapped_hint": "importing",
    "assign_doors": "importing",
    "import_turfs": "importing",
}


def __getattr__(name: str) -> Any:
    """The names of the modules that need numpy and shapely, imported on first use."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value

__all__ = [
    "M_PER_DEG_LAT",
    "TOLERANCE",
    "CutReport",
    "TurfImportReport",
    "TurfShape",
    "TurfSummary",
    "_default_campaign",
    "_feature_name",
    "_geometry",
    "_iter_local",
    "_kml_coords",
    "_kml_polygon",
    "_merge_polys",
    "_polygon",
    "_project",
    "_read_geojson",
    "_read_kml",
    "_ring",
    "_swapped_hint",
    "assign_doors",
    "assign_volunteer",
    "choose_turf_count",
    "cut_turfs",
    "find_turf",
    "find_volunteer",
    "import_turfs",
    "list_turfs",
    "log",
    "partition",
    "read_turf_file",
    "unassign_volunteer",
]
