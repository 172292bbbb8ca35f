"""Render the map page with folium, pointed at the vendored assets.

folium builds the page (map, tile layer, turf polygons, event pins, layer
control); the doors do not go through folium: they are written once as
compact JSON arrays that our own script (``fieldapp/resources/web/fieldapp/``) draws
as one layer on Leaflet's canvas renderer. folium's per-object output for
50,000 doors takes seconds of Python and seconds of painting; the arrays
take milliseconds.

Two ways to reference assets:

* ``"file"``: ``file://`` URLs into ``fieldapp/resources/web`` (the app loads the page
  from a file in the cache folder);
* ``"inline"``: every script, stylesheet and image inlined, so that one HTML
  file opens offline in any browser (``fieldapp map --out``).
"""

from __future__ import annotations

import base64
import html
import json
import logging
import mimetypes
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from fieldapp import paths
from fieldapp.core.files import write_text
from fieldapp.maps.data import CATEGORIES, PROGRESS_COLOURS, MapData, progress_colour
from fieldapp.maps.streets import sketch_payload
from fieldapp.services.streetsketch import StreetLine

log = logging.getLogger(__name__)

AssetMode = Literal["file", "inline"]

# Every asset a map page loads, by folder under fieldapp/resources/web.
LEAFLET_JS = "leaflet/leaflet.js"
LEAFLET_CSS = "leaflet/leaflet.css"
DRAW_JS = "leaflet-draw/leaflet.draw.js"
DRAW_CSS = "leaflet-draw/leaflet.draw.css"
OUR_JS = "fieldapp/fieldapp-map.js"
PROTOMAPS_JS = "protomaps-leaflet/protomaps-leaflet.js"
OUR_CSS = "fieldapp/fieldapp-map.css"
QWEBCHANNEL_JS = "qrc:///qtwebchannel/qwebchannel.js"

DEFAULT_LABELS: dict[str, str] = {
    "doors": "Doors",
    "turfs": "Turfs",
    "events": "Events",
    "basemap": "Basemap",
    "sketch": "Street sketch",
    "progress": "Turf progress (doors with a result)",
    "search": "Find an address",
    "unit": "Unit",
    "drawing": "A drawn shape",
    "mode_turf": "becomes a new turf",
    "mode_select": "selects doors",
    "turf": "Turf",
    "turf_progress": "Progress",
    "no_tiles": (
        "No basemap tiles here: turfs, doors and events are drawn on a plain background. "
        "To see streets, set a tile server or open an MBTiles or PMTiles file in the app's "
        "Map tiles menu."
    ),
    "no_tiles_sketch": (
        "Streets sketched from the doors' addresses. For a full street map, open a "
        "PMTiles file (Map tiles menu)."
    ),
}

# An event pin (SVG, inlined as a data URI so it works in every mode).
_PIN_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="26" height="38" viewBox="0 0 26 38">'
    '<path d="M13 37C13 37 1 21 1 13a12 12 0 0 1 24 0c0 8-12 24-12 24z" fill="#5b2a86" '
    'stroke="#ffffff" stroke-width="2"/>'
    '<path d="M13 6l2.1 4.6 5 .5-3.8 3.3 1.1 4.9L13 16.8l-4.4 2.5 1.1-4.9-3.8-3.3 5-.5z" '
    'fill="#ffffff"/></svg>'
)
PIN_DATA_URI = "data:image/svg+xml;base64," + base64.b64encode(_PIN_SVG.encode()).decode()


@dataclass(frozen=True)
class View:
    """Where the map looks: centre and zoom (kept across refreshes)."""

    lat: float
    lon: float
    zoom: int


@dataclass(frozen=True)
class Basemap:
    """A PMTiles vector basemap (Protomaps schema) the page draws with protomaps-leaflet.

    ``url`` is read with byte ranges: in the app, the tile scheme serves the
    opened file (``ui/mapview.py``); nothing comes from the network.
    """

    url: str
    lang: str = "en"
    attribution: str = ""
    max_data_zoom: int = 15
    bounds: tuple[float, float, float, float] | None = None  # south, west, north, east


@dataclass(frozen=True)
class TileSource:
    """A basemap the page can load: a URL template with {z}/{x}/{y}."""

    url: str
    attribution: str = ""
    min_zoom: int = 0
    max_zoom: int = 19


def web_dir() -> Path:
    return paths.resources_dir() / "web"


def asset_path(name: str) -> Path:
    return web_dir() / name


def asset_url(name: str) -> str:
    return asset_path(name).as_uri()


def _safe_text(text: str) -> str:
    """HTML-escaped text that is also safe inside a JS template literal."""
    return html.escape(text).replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")


def doors_payload(
    data: MapData, labels: Mapping[str, str], streets: list[StreetLine] | None = None
) -> dict[str, Any]:
    """The compact door arrays the page script reads (index i is one door).

    Coordinates go as whole micro-degrees (``lat6``, ``lon6``): integers write
    and parse several times faster than decimals, and the page divides them.
    """
    d = data.doors
    cat_labels = labels.get("categories")
    categories = [
        [key, (cat_labels or {}).get(key, label) if isinstance(cat_labels, dict) else label,
         colour]
        for key, label, colour in CATEGORIES
    ]
    step = 100 // len(PROGRESS_COLOURS)
    progress = [
        [f"{i * step}-{(i + 1) * step if i < len(PROGRESS_COLOURS) - 1 else 100}%", colour]
        for i, colour in enumerate(PROGRESS_COLOURS)
    ]
    return {
        "n": len(d),
        "lat6": d.lat6,
        "lon6": d.lon6,
        "cat": d.cat,
        "turf": d.turf,
        "num": d.number,
        "street": d.street,
        "unit": d.unit,
        "streets": d.streets,
        "turfNames": [t.name for t in data.turfs],
        "categories": categories,
        "progress": progress if data.turfs else [],
        "sketch": sketch_payload(streets or []),
    }


def _json_for_script(value: Any) -> str:
    """JSON that can sit inside a <script> element."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).replace("</", "<\\/")


class _Raw(Element):
    """Text put in the page as is: branca would compile a plain Element's text as a
    Jinja template, which takes half a second for the door arrays of 100,000 doors."""

    def __init__(self, text: str) -> None:
        super().__init__("")
        self._text = text

    def render(self, **kwargs: Any) -> str:
        return self._text


class _FieldAppInit(MacroElement):
    """Runs FA.init after folium has made the map, turfs, events and layer control."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        FA.init({{ this._parent.get_name() }}, {
            turfs: {{ this.turfs.get_name() if this.turfs else 'null' }},
            events: {{ this.events.get_name() if this.events else 'null' }},
            control: {{ this.control.get_name() }},
            interactive: {{ 'true' if this.interactive else 'false' }},
            note: {{ this.note_json }},
            basemap: {{ this.basemap_json }},
            rasterTiles: {{ 'true' if this.raster_tiles else 'false' }},
            fit: {{ this.fit_json }},
            labels: {{ this.labels_json }}
        });
        {% endmacro %}
        """
    )

    def __init__(
        self,
        *,
        turfs: folium.GeoJson | None,
        events: folium.FeatureGroup | None,
        control: folium.LayerControl,
        interactive: bool,
        note: str | None,
        labels: Mapping[str, Any],
        fit: list[list[float]] | None = None,
        basemap: Basemap | None = None,
        raster_tiles: bool = False,
    ) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "FieldAppInit"
        self.turfs = turfs
        self.events = events
        self.control = control
        self.interactive = interactive
        self.note_json = _json_for_script(note)
        self.fit_json = _json_for_script(fit)
        self.raster_tiles = raster_tiles
        self.basemap_json = _json_for_script(
            None if basemap is None else {
                "url": basemap.url, "lang": basemap.lang, "attribution": basemap.attribution,
                "maxDataZoom": basemap.max_data_zoom,
                "bounds": list(basemap.bounds) if basemap.bounds else None,
            }
        )
        self.labels_json = _json_for_script(
            {k: v for k, v in labels.items() if isinstance(v, str)}
        )


def _turf_collection(data: MapData, labels: Mapping[str, str]) -> dict[str, Any]:
    features = []
    for turf in data.turfs:
        if not turf.polygon:
            continue
        pct = round(turf.progress * 100)
        features.append(
            {
                "type": "Feature",
                "geometry": turf.polygon,
                "properties": {
                    "id": turf.id,
                    "name": _safe_text(turf.name),
                    "progress": _safe_text(f"{pct}% ({turf.done:,} / {turf.doors:,})"),
                    "fill": progress_colour(turf.progress),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def build_map(
    data: MapData,
    *,
    assets: AssetMode = "file",
    tiles: TileSource | None = None,
    view: View | None = None,
    interactive: bool = False,
    labels: Mapping[str, Any] | None = None,
    title: str = "Field App map",
    streets: list[StreetLine] | None = None,
    basemap: Basemap | None = None,
) -> str:
    """The whole map page as HTML text.

    ``interactive`` adds the draw tools and the Qt bridge script (the app's
    page); an exported map is for looking only. ``streets`` is the street
    sketch (:mod:`fieldapp.maps.streets`), drawn when no basemap covers the
    area; ``basemap`` a PMTiles vector basemap.
    """
    text: dict[str, Any] = {**DEFAULT_LABELS, **(labels or {})}
    bounds = data.bounds()
    fmap = _new_map(view, bounds, interactive=interactive, basemap=basemap)
    root: Any = fmap.get_root()  # a branca Figure (header, html, script)
    root.header.add_child(Element(f"<title>{html.escape(title)}</title>"), name="title")
    _add_background(fmap, root, tiles, basemap, text)
    turfs_layer = _turfs_layer(data, text)
    turfs_layer.add_to(fmap)
    events_layer = _events_layer(data, text)
    events_layer.add_to(fmap)
    control = folium.LayerControl(collapsed=False, position="topright")
    control.add_to(fmap)

    payload = doors_payload(data, text, streets)
    root.html.add_child(
        _Raw(f'<script type="application/json" id="fa-data">{_json_for_script(payload)}</script>'),
        name="fa_data",
    )
    fit = None
    if view is None and bounds is not None and (bounds[0] != bounds[2] or bounds[1] != bounds[3]):
        fit = [[bounds[0], bounds[1]], [bounds[2], bounds[3]]]
    fmap.add_child(
        _FieldAppInit(
            turfs=turfs_layer,
            events=events_layer,
            control=control,
            interactive=interactive,
            note=None if tiles is not None or basemap is not None
            else text["no_tiles_sketch"] if streets else text["no_tiles"],
            labels=text,
            fit=fit,
            basemap=basemap,
            raster_tiles=tiles is not None and basemap is None,
        )
    )
    page: str = root.render()
    if assets == "inline":
        page = inline_assets(page)
    return page


def _new_map(view: View | None, bounds: tuple[float, float, float, float] | None, *,
             interactive: bool, basemap: Basemap | None) -> folium.Map:
    """The folium map at its starting view, loading only Leaflet and our own files."""
    if view is not None:
        location, zoom = [view.lat, view.lon], view.zoom
    elif bounds is not None:
        location, zoom = [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2], 15
    else:
        location, zoom = [39.5, -98.35], 4  # nothing to show: the whole US
    fmap = folium.Map(
        location=location,
        zoom_start=zoom,
        tiles=None,
        prefer_canvas=True,
        control_scale=True,
        max_zoom=20,
    )
    # Only Leaflet and our files, in load order: folium's jQuery, Bootstrap and
    # awesome-markers are not used (and would come from a CDN).
    js = [("leaflet", asset_url(LEAFLET_JS))]
    css = [("leaflet_css", asset_url(LEAFLET_CSS))]
    if interactive:
        js += [("leaflet_draw", asset_url(DRAW_JS)), ("qwebchannel", QWEBCHANNEL_JS)]
        css += [("leaflet_draw_css", asset_url(DRAW_CSS))]
    if basemap is not None:
        js.append(("protomaps_leaflet", asset_url(PROTOMAPS_JS)))
    js.append(("fieldapp_map", asset_url(OUR_JS)))
    css.append(("fieldapp_map_css", asset_url(OUR_CSS)))
    fmap.default_js = js
    fmap.default_css = css
    return fmap


def _add_background(fmap: folium.Map, root: Any, tiles: TileSource | None,
                    basemap: Basemap | None, text: Mapping[str, Any]) -> None:
    """Raster tiles when there are some (and no vector basemap), else the plain background."""
    if tiles is not None and basemap is None:
        folium.TileLayer(
            tiles=tiles.url,
            attr=tiles.attribution or "&nbsp;",
            name=text["basemap"],
            min_zoom=tiles.min_zoom,
            max_zoom=20,
            max_native_zoom=tiles.max_zoom,
        ).add_to(fmap)
        return
    root.header.add_child(
        Element(
            "<script>document.addEventListener('DOMContentLoaded', function () {"
            "var m = document.querySelector('.folium-map');"
            " if (m) m.classList.add('fa-plain'); });</script>"
        ),
        name="fa_plain",
    )


def _turfs_layer(data: MapData, text: Mapping[str, Any]) -> folium.GeoJson:
    """Turf polygons filled by progress, with a name and progress tooltip."""
    collection = _turf_collection(data, text)
    return folium.GeoJson(
        collection,
        name=text["turfs"],
        style_function=lambda f: {
            "color": "#1b1b1b",
            "weight": 2,
            "fillColor": f["properties"]["fill"],
            "fillOpacity": 0.35,
        },
        highlight_function=lambda f: {"weight": 3.5},
        tooltip=folium.GeoJsonTooltip(
            fields=["name", "progress"],
            aliases=[_safe_text(text["turf"]), _safe_text(text["turf_progress"])],
        )
        if collection["features"]
        else None,
        zoom_on_click=False,
    )


def _events_layer(data: MapData, text: Mapping[str, Any]) -> folium.FeatureGroup:
    """One pin per event, its time in the event's own zone."""
    events_layer = folium.FeatureGroup(name=text["events"])
    for ev in data.events:
        tip = (
            f"<b>{_safe_text(ev.title)}</b><br>{_safe_text(ev.starts_at)}"
            f"<br>{_safe_text(ev.place_name)}<br>{_safe_text(ev.address)}"
        )
        folium.Marker(
            [ev.lat, ev.lon],
            tooltip=folium.Tooltip(tip),
            icon=folium.CustomIcon(PIN_DATA_URI, icon_size=(26, 38), icon_anchor=(13, 37)),
        ).add_to(events_layer)
    return events_layer


# --------------------------------------------------------------------------- inlining

_SCRIPT_RE = re.compile(r'<script src="(file://[^"]+)"></script>')
_CSS_RE = re.compile(r'<link rel="stylesheet" href="(file://[^"]+)"\s*/?>')
_URL_RE = re.compile(r"url\((['\"]?)([^)'\"]+)\1\)")


def _file_for(url: str) -> Path:
    from urllib.parse import unquote, urlparse

    return Path(unquote(urlparse(url).path))


def _data_uri(path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode()}"


def _inline_css(path: Path) -> str:
    css = path.read_text(encoding="utf-8")

    def repl(m: re.Match[str]) -> str:
        ref = m.group(2)
        if ref.startswith(("data:", "#")):
            return m.group(0)
        target = (path.parent / ref).resolve()
        if not target.is_file():
            return m.group(0)
        return f'url("{_data_uri(target)}")'

    return _URL_RE.sub(repl, css)


def inline_assets(page: str) -> str:
    """Replace every file:// script and stylesheet with its contents.

    The qwebchannel script (Qt only) is dropped: an exported page has no bridge.
    """
    page = page.replace(f'<script src="{QWEBCHANNEL_JS}"></script>', "")

    def script(m: re.Match[str]) -> str:
        body = _file_for(m.group(1)).read_text(encoding="utf-8").replace("</script", "<\\/script")
        return f"<script>\n{body}\n</script>"

    def style(m: re.Match[str]) -> str:
        return f"<style>\n{_inline_css(_file_for(m.group(1)))}\n</style>"

    page = _SCRIPT_RE.sub(script, page)
    page = _CSS_RE.sub(style, page)
    return page


def external_references(page: str) -> list[str]:
    """Every resource a page would load from another machine (src, stylesheet href, url()).

    Plain links (``<a href>``) are not loads and are left out; script text is
    not parsed (a URL string inside a script loads nothing by itself).
    """
    from html.parser import HTMLParser

    found: list[str] = []

    class _Refs(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            values = dict(attrs)
            if values.get("src"):
                found.append(values["src"] or "")
            if tag == "link" and values.get("href"):
                found.append(values["href"] or "")

        def handle_data(self, data: str) -> None:
            if self.lasttag == "style":
                found.extend(m[1] for m in _URL_RE.findall(data))

    _Refs().feed(page)
    return [u for u in found if re.match(r"(?i)^\s*(https?:)?//", u)]


def write_map(page: str, target: Path) -> Path:
    """Write the page atomically (a half-written map never loads)."""
    return write_text(target, page)
