"""Maps: turfs, doors and events on a folium/Leaflet map that works offline.

No Qt here (DESIGN.md section 5): :mod:`fieldapp.maps.data` queries the store,
:mod:`fieldapp.maps.build` renders the page with vendored assets,
:mod:`fieldapp.maps.tiles` is the MBTiles tile cache,
:mod:`fieldapp.maps.basemap` opens and clips PMTiles vector basemaps,
:mod:`fieldapp.maps.streets` caches the street sketch drawn from the doors,
:mod:`fieldapp.maps.geo` assigns doors to drawn turfs. The Qt side lives in ``fieldapp/ui/mapview.py``.
"""
