"""Geocoding doors: online through geopy, or offline from a county address file.

Online providers are shared public services with usage policies: Nominatim
allows at most one request a second from an application that names itself in
its user agent, so every request goes through geopy's ``RateLimiter`` with the
provider's delay and a real user agent. Every answer, found or not, goes into
the ``geocode_cache`` table, so no address is ever asked twice. When the
network is down the queue waits (checking for cancel) and resumes where it
stopped; results are committed in small batches, so an interrupted run loses
nothing and a later run carries on.

Counties publish address points (a CSV of addresses with coordinates);
:func:`geocode_from_file` matches doors against such a file with no network.

Every door records where its coordinates came from (``geocode_source``) and
how good the match was (``geocode_quality``: rooftop, street, area, or the
provider's own score).
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp import __version__, settings
from fieldapp.core.db import Store
from fieldapp.core.models import Door, GeocodeCache
from fieldapp.core.stamping import bulk_update
from fieldapp.errors import FieldAppError, InputError
from fieldapp.services import turfs as turf_service  # assign_doors loads shapely on first use
from fieldapp.services.addresses import fold, normalize_street, split_street_line
from fieldapp.services.importing import (
    FileFormat,
    get_layout,
    mapping_lines,
    open_text,
    resolve_mapping,
    sniff,
)
from fieldapp.services.progress import Progress, Text

log = logging.getLogger(__name__)

PROVIDERS: dict[str, float] = {"nominatim": 1.0, "photon": 1.0, "arcgis": 0.5}
"""Each provider and the least time between two requests, in seconds."""

OFFLINE_WAITS = (5.0, 15.0, 30.0, 60.0, 120.0, 300.0)
COMMIT_EVERY = 20


def user_agent() -> str:
    """A real user agent, as Nominatim's usage policy asks; adds the contact if set."""
    contact = str(settings.get("geocoder_contact") or "").strip()
    base = f"FieldApp/{__version__} (offline-first field organizing app)"
    return f"{base} contact: {contact}" if contact else base


def make_geocoder(
    provider: str,
    *,
    domain: str | None = None,
    scheme: str | None = None,
    timeout: float = 10.0,
) -> Any:
    """A geopy geocoder for ``provider``; ``domain``/``scheme`` point at another server."""
    from geopy.geocoders import ArcGIS, Nominatim, Photon

    kwargs: dict[str, Any] = {"user_agent": user_agent(), "timeout": timeout}
    if domain:
        kwargs["domain"] = domain
    if scheme:
        kwargs["scheme"] = scheme
    if provider == "nominatim":
        return Nominatim(**kwargs)
    if provider == "photon":
        return Photon(**kwargs)
    if provider == "arcgis":
        return ArcGIS(**kwargs)
    raise InputError(f"unknown geocoding provider {provider!r}; use one of: " + ", ".join(PROVIDERS))


def query_for(number: str, street: str, city: str, state: str, zip_code: str) -> str:
    """The one-line address sent to a geocoder (units left out: one point a building)."""
    place = ", ".join(p for p in (city.strip(), f"{state.strip()} {zip_code.strip()}".strip()) if p)
    return ", ".join(p for p in (f"{number.strip()} {street.strip()}".strip(), place) if p)


def cache_key(query: str) -> str:
    return " ".join(query.lower().split())


def quality_of(provider: str, raw: dict[str, Any]) -> str:
    """How precise a provider's answer is, in the words a field organizer uses."""
    kind = ""
    if provider == "nominatim":
        kind = str(raw.get("addresstype") or raw.get("type") or "")
    elif provider == "photon":
        kind = str((raw.get("properties") or {}).get("type") or "")
    elif provider == "arcgis":
        score = raw.get("score")
        addr_type = str(raw.get("attributes", {}).get("Addr_type", "") if isinstance(raw.get("attributes"), dict) else "")
        if addr_type in ("PointAddress", "Subaddress"):
            return "rooftop"
        if addr_type in ("StreetAddress", "StreetInt"):
            return "street"
        return f"score {score}" if score is not None else "unknown"
    if kind in ("house", "building", "house_number", "residential", "apartments", "detached"):
        return "rooftop"
    if kind in ("street", "road", "highway"):
        return "street"
    return kind or "unknown"


@dataclass
class GeocodeReport:
    provider: str
    doors_geocoded: int = 0
    addresses_asked: int = 0
    from_cache: int = 0
    not_found: list[str] = field(default_factory=list)
    waited_offline_s: float = 0.0
    stopped_offline: bool = False
    remaining: int = 0
    doors_placed: int = 0

    def lines(self) -> list[str]:
        out = [
            f"Geocoded {self.doors_geocoded:,} doors with {self.provider}: "
            f"{self.addresses_asked:,} addresses asked, {self.from_cache:,} from the cache",
        ]
        if self.not_found:
            out.append(f"  not found ({len(self.not_found)}):")
            out += [f"    {q}" for q in self.not_found[:50]]
            if len(self.not_found) > 50:
                out.append(f"    ... and {len(self.not_found) - 50} more")
        if self.waited_offline_s:
            out.append(f"  waited {self.waited_offline_s:.0f} s for the network")
        if self.stopped_offline:
            out.append("  stopped: the geocoder cannot be reached; run again later to resume")
        if self.doors_placed:
            out.append(f"  {self.doors_placed:,} doors placed in turfs")
        if self.remaining:
            out.append(f"  {self.remaining:,} doors still have no coordinates")
        return out


def _pending(session: Session, limit: int | None) -> dict[str, list[str]]:
    """Query -> door ids, for live doors without coordinates (units grouped)."""
    rows = session.execute(
        select(Door.id, Door.street_number, Door.street_name, Door.city, Door.state, Door.zip)
        .where(Door.deleted.is_(False), Door.merged_into_id.is_(None),
               (Door.lat.is_(None)) | (Door.lon.is_(None)))
        .order_by(Door.building_key, Door.id)
    ).all()
    queries: dict[str, list[str]] = {}
    for r in rows:
        q = query_for(r.street_number, r.street_name, r.city, r.state, r.zip)
        if not q:
            continue
        if q not in queries and limit is not None and len(queries) >= limit:
            continue
        queries.setdefault(q, []).append(r.id)
    return queries


def _remaining(session: Session) -> int:
    from sqlalchemy import func

    return int(session.scalar(
        select(func.count()).select_from(Door).where(
            Door.deleted.is_(False), Door.merged_into_id.is_(None),
            (Door.lat.is_(None)) | (Door.lon.is_(None)),
        )
    ) or 0)


_Answer = tuple[str, float | None, float | None, str, dict[str, Any] | None, bool]
"""One address's answer: (query, lat, lon, quality, the provider's raw answer, from the cache)."""


def geocode_doors(
    store: Store,
    *,
    provider: str = "nominatim",
    limit: int | None = None,
    geocoder: Any = None,
    min_delay: float | None = None,
    max_offline_wait: float | None = None,
    progress: Progress | None = None,
    sleep: Callable[[float], None] = time.sleep,
    place_in_turfs: bool = True,
) -> GeocodeReport:
    """Geocode doors that lack coordinates (at most ``limit`` addresses).

    ``geocoder`` is a geopy geocoder (default: :func:`make_geocoder`), used
    through geopy's RateLimiter at the provider's pace. While the provider
    cannot be reached the run waits and retries (for at most
    ``max_offline_wait`` seconds in total; ``None`` waits until cancelled).
    Doors that get coordinates are put in the turf that contains them
    (``place_in_turfs``), whatever order doors, turfs and geocoding came in.
    """
    from geopy import exc as gexc
    from geopy.extra.rate_limiter import RateLimiter

    if provider not in PROVIDERS:
        raise InputError(f"unknown geocoding provider {provider!r}; use one of: " + ", ".join(PROVIDERS))
    progress = progress or Progress()
    geocoder = geocoder or make_geocoder(provider)
    delay = PROVIDERS[provider] if min_delay is None else min_delay
    limited = RateLimiter(geocoder.geocode, min_delay_seconds=delay, max_retries=0,
                          swallow_exceptions=False)
    report = GeocodeReport(provider=provider)
    with store.session() as session:
        pending = _pending(session, limit)
    total = len(pending)
    progress.update(0, total, Text("Geocoding with {provider}", provider=provider))
    buffer: list[_Answer] = []
    done = 0
    try:
        for query in list(pending):
            progress.check()
            answer = _lookup(store, provider, query, limited, report, progress,
                             max_offline_wait, sleep, gexc)
            if answer is None:
                break
            buffer.append(answer)
            done += 1
            progress.update(done, total, Text("Geocoding with {provider}", provider=provider))
            if len(buffer) >= COMMIT_EVERY:
                _save_answers(store, provider, pending, buffer, report, place_in_turfs)
    finally:
        # keep what was found, even when cancelled
        _save_answers(store, provider, pending, buffer, report, place_in_turfs)
    with store.session() as session:
        report.remaining = _remaining(session)
    return report


_OFFLINE: Any = object()


def _lookup(store: Store, provider: str, query: str, limited: Any, report: GeocodeReport,
            progress: Progress, max_offline_wait: float | None,
            sleep: Callable[[float], None], gexc: Any) -> _Answer | None:
    """The answer for one address: from the cache, else from the provider; ``None``
    when the provider stayed out of reach longer than the run may wait."""
    with store.session() as s:
        hit = s.get(GeocodeCache, (provider, cache_key(query)))
    if hit is not None:
        report.from_cache += 1
        if hit.lat is None:
            report.not_found.append(query)
        return (query, hit.lat, hit.lon, hit.quality, None, True)
    location = _ask(limited, query, report, progress, max_offline_wait, sleep, gexc)
    if location is _OFFLINE:
        report.stopped_offline = True
        return None
    report.addresses_asked += 1
    if location is None:
        report.not_found.append(query)
        return (query, None, None, "", None, False)
    raw = dict(getattr(location, "raw", {}) or {})
    return (query, float(location.latitude), float(location.longitude),
            quality_of(provider, raw), raw, False)


def _save_answers(store: Store, provider: str, pending: dict[str, list[str]],
                  buffer: list[_Answer], report: GeocodeReport, place_in_turfs: bool) -> None:
    """Write a batch of answers in one transaction (new answers into the cache, the
    coordinates onto the doors, located doors into turfs), then empty the batch."""
    if not buffer:
        return
    with store.transaction() as s:
        changes: dict[str, dict[str, Any]] = {}
        for query, lat, lon, quality, raw, cached in buffer:
            if not cached:
                s.merge(GeocodeCache(provider=provider, query=cache_key(query), lat=lat,
                                     lon=lon, quality=quality, raw=raw,
                                     fetched_at=dt.datetime.now(dt.UTC)))
            if lat is not None and lon is not None:
                for door_id in pending[query]:
                    changes[door_id] = {"lat": lat, "lon": lon, "geocode_source": provider,
                                        "geocode_quality": quality}
        report.doors_geocoded += bulk_update(s, Door, changes)
        if place_in_turfs and changes:
            report.doors_placed += turf_service.assign_doors(s, only_unassigned=True)
    buffer.clear()


def _ask(limited: Any, query: str, report: GeocodeReport, progress: Progress,
         max_wait: float | None, sleep: Callable[[float], None], gexc: Any) -> Any:
    """One lookup; waits and retries while the provider cannot be reached."""
    attempt = 0
    while True:
        try:
            return limited(query, exactly_one=True)
        except (gexc.GeocoderAuthenticationFailure, gexc.GeocoderInsufficientPrivileges,
                gexc.ConfigurationError) as exc:
            raise FieldAppError(f"the geocoder refused the request: {exc}") from exc
        except gexc.GeocoderQueryError as exc:
            # never the query: it is a voter's address
            log.info("geocoder rejected a query (%s)", type(exc).__name__)
            return None
        except (gexc.GeocoderUnavailable, gexc.GeocoderTimedOut, gexc.GeocoderServiceError,
                OSError) as exc:
            wait = OFFLINE_WAITS[min(attempt, len(OFFLINE_WAITS) - 1)]
            retry_after = getattr(exc, "retry_after", None)
            if retry_after:
                wait = max(wait, float(retry_after))
            if max_wait is not None and report.waited_offline_s + wait > max_wait:
                log.warning("geocoder unreachable, stopping: %s", exc)
                return _OFFLINE
            log.info("geocoder unreachable (%s); waiting %.0f s", exc, wait)
            progress.update(0, None, Text("Offline: retrying in {seconds} s", seconds=round(wait)))
            waited = 0.0
            while waited < wait:
                progress.check()
                step = min(1.0, wait - waited)
                sleep(step)
                waited += step
            report.waited_offline_s += wait
            attempt += 1


# --------------------------------------------------------------------------- address files


@dataclass
class AddressFileReport:
    file: str
    points_read: int = 0
    doors_geocoded: int = 0
    remaining: int = 0
    doors_placed: int = 0
    header: list[str] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)
    layout: str = ""

    def lines(self) -> list[str]:
        out = [
            f"Geocoded {self.doors_geocoded:,} doors from {Path(self.file).name} "
            f"({self.points_read:,} address points read, no network used)",
            *mapping_lines(self.header, self.mapping, self.layout),
        ]
        if self.doors_placed:
            out.append(f"  {self.doors_placed:,} doors placed in turfs")
        out.append(f"  {self.remaining:,} doors still have no coordinates")
        return out


def _point_key(number: str, street: str) -> tuple[str, str]:
    return fold(number), normalize_street(street)


def _point_mapping(path: Path, fmt: FileFormat, mapping: dict[str, str] | None) -> dict[str, str]:
    header = fmt.header
    extra: dict[str, str] = {}
    if not fmt.layout:  # X/Y columns of a file in no known layout
        extra = {h: "lon" for h in header if h.strip().lower() in ("x", "point_x")}
        extra.update({h: "lat" for h in header if h.strip().lower() in ("y", "point_y")})
    resolved = resolve_mapping(path, header, {**extra, **(mapping or {})}, fmt.layout or None)
    if not {"lat", "lon"} <= set(resolved.values()):
        raise InputError(
            "an address file needs latitude and longitude columns (lat/lon, latitude/"
            "longitude, X/Y or POINT_X/POINT_Y)", where=f"{path.name}:1")
    return resolved


def _match_points(path: Path, fmt: FileFormat, resolved: dict[str, str],
                  wanted: dict[tuple[str, str], list[tuple[str, str, str]]],
                  report: AddressFileReport, progress: Progress) -> dict[str, tuple[float, float, int]]:
    """Door id -> (lat, lon, match rank) for the doors the file's points match."""
    cols = {name: fmt.header.index(col) for col, name in resolved.items() if name != "ignore"}
    found: dict[str, tuple[float, float, int]] = {}
    total = path.stat().st_size
    raw, text = open_text(path, fmt.encoding)
    with raw, text:
        reader = csv.reader(text, delimiter=fmt.delimiter)
        if fmt.has_header:
            next(reader, None)
        for cells in reader:
            report.points_read += 1
            if report.points_read % 5000 == 0:
                progress.update(raw.tell(), total, "Reading address points")
                progress.check()

            def cell(name: str, cells: list[str] = cells) -> str:
                i = cols.get(name)
                return cells[i].strip() if i is not None and i < len(cells) else ""

            number, street = cell("street_number"), cell("street_name")
            if not street and cell("address"):
                number, street, _ = split_street_line(cell("address"))
            doors = wanted.get(_point_key(number, street))
            if not doors:
                continue
            try:
                lat, lon = float(cell("lat")), float(cell("lon"))
            except ValueError:
                continue
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                continue
            city, zip_code = fold(cell("city")), cell("zip")[:5]
            for door_id, door_city, door_zip in doors:
                rank = 2 if (city and city == door_city) or (zip_code and zip_code == door_zip) else 1
                if (city and door_city and city != door_city) and not (zip_code and zip_code == door_zip):
                    continue
                if door_id not in found or rank > found[door_id][2]:
                    found[door_id] = (lat, lon, rank)
    return found


def geocode_from_file(
    store: Store,
    path: str | Path,
    *,
    mapping: dict[str, str] | None = None,
    layout: str | None = None,
    progress: Progress | None = None,
    place_in_turfs: bool = True,
) -> AddressFileReport:
    """Geocode doors from a local address-points CSV (address and coordinates).

    The file needs an address (``address`` or ``street_number`` and
    ``street_name``) and ``lat``/``lon`` columns (X/Y and POINT_X/POINT_Y are
    recognised too). A point matches a door with the same house number and
    normalized street, in the same city or ZIP code when both give one.
    Common address-point layouts (OpenAddresses, the National Address
    Database, county GIS exports) are recognised by their header; ``layout``
    forces one and ``mapping`` changes columns, as in the voter import.
    """
    path = Path(path)
    progress = progress or Progress()
    fmt = sniff(path, layout=layout, kind="points")
    resolved = _point_mapping(path, fmt, mapping)
    found_layout = get_layout(fmt.layout) if fmt.layout else None
    report = AddressFileReport(file=str(path), header=list(fmt.header), mapping=resolved,
                               layout=f"{found_layout.name} ({found_layout.title})"
                               if found_layout else "")
    with store.session() as session:
        wanted: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
        for r in session.execute(
            select(Door.id, Door.street_number, Door.street_name, Door.city, Door.zip)
            .where(Door.deleted.is_(False), Door.merged_into_id.is_(None),
                   (Door.lat.is_(None)) | (Door.lon.is_(None)))
        ):
            wanted.setdefault(_point_key(r.street_number, r.street_name), []).append(
                (r.id, fold(r.city), r.zip.strip()[:5]))
    total = path.stat().st_size
    found = _match_points(path, fmt, resolved, wanted, report, progress)
    source = f"file:{path.name}"[:40]
    changes = {
        door_id: {"lat": lat, "lon": lon, "geocode_source": source,
                  "geocode_quality": "address point" if rank == 2 else "address point (street only)"}
        for door_id, (lat, lon, rank) in found.items()
    }
    with store.transaction() as session:
        report.doors_geocoded = bulk_update(session, Door, changes)
        if place_in_turfs and changes:
            report.doors_placed = turf_service.assign_doors(session, only_unassigned=True)
        report.remaining = _remaining(session)
    progress.update(total, total, "Reading address points")
    return report
