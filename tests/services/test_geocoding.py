"""Geocoding through the real geopy client against a fake server on 127.0.0.1."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from sqlalchemy import func, select

from fieldapp.core.db import Store
from fieldapp.core.models import Door, GeocodeCache
from fieldapp.errors import CancelledError, InputError
from fieldapp.services.geocoding import (
    geocode_doors,
    geocode_from_file,
    make_geocoder,
    query_for,
)
from fieldapp.services.importing import import_doors
from fieldapp.services.progress import Progress
from tests import fake_geocoder
from tests.fake_geocoder import FakeNominatim

fake = fake_geocoder.fake  # the fake server on 127.0.0.1, as a fixture of this module


def _seed_doors(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    path.write_text(
        "voter_id,first_name,last_name,address,city,state,zip\n"
        "1,Ana,Ruiz,2417 W Vliet St,Milwaukee,WI,53205\n"
        "2,Bo,Ruiz,2417 W Vliet St,Milwaukee,WI,53205\n"
        "3,Cy,Lee,2420 W Vliet St Apt 1,Milwaukee,WI,53205\n"
        "4,Di,Lee,2420 W Vliet St Apt 2,Milwaukee,WI,53205\n"
        "5,Ed,Kay,99 Nowhere Rd,Milwaukee,WI,53205\n",
        encoding="utf-8",
    )
    import_doors(store, path)


def _nominatim(fake: FakeNominatim) -> object:
    return make_geocoder("nominatim", domain=fake.domain, scheme="http", timeout=5)


def _located(store: Store) -> dict[str, tuple[float | None, float | None, str, str]]:
    with store.session() as s:
        return {
            f"{d.street_number} {d.unit}".strip(): (d.lat, d.lon, d.geocode_source, d.geocode_quality)
            for d in s.scalars(select(Door))
        }


def test_geocodes_through_geopy_and_records_source_and_quality(
    store: Store, tmp_path: Path, fake: FakeNominatim
) -> None:
    _seed_doors(store, tmp_path)
    report = geocode_doors(store, geocoder=_nominatim(fake), min_delay=0)
    # units of one building are asked once: three addresses for four doors
    assert report.addresses_asked == 3
    assert report.doors_geocoded == 3
    assert report.not_found == ["99 Nowhere Rd, Milwaukee, WI 53205"]
    doors = _located(store)
    assert doors["2417"] == (43.0485, -87.947, "nominatim", "rooftop")
    assert doors["2420 Apt 1"][:2] == doors["2420 Apt 2"][:2] == (43.0482, -87.9472)
    assert doors["99"][0] is None
    assert all(agent.startswith("FieldApp/") for _, _, agent in fake.requests)


def test_no_address_is_ever_asked_twice(store: Store, tmp_path: Path, fake: FakeNominatim) -> None:
    _seed_doors(store, tmp_path)
    geocode_doors(store, geocoder=_nominatim(fake), min_delay=0)
    asked = len(fake.requests)
    again = geocode_doors(store, geocoder=_nominatim(fake), min_delay=0)
    assert len(fake.requests) == asked  # the miss is cached too
    assert again.addresses_asked == 0 and again.from_cache == 1
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(GeocodeCache)) == 3


def test_rate_limit_is_respected(store: Store, tmp_path: Path, fake: FakeNominatim) -> None:
    _seed_doors(store, tmp_path)
    geocode_doors(store, geocoder=_nominatim(fake), min_delay=0.25)
    times = [t for t, _, _ in fake.requests]
    gaps = [b - a for a, b in itertools.pairwise(times)]
    # Spaced at the limiter's pace (0.25 s; the server sees its requests a few ms apart from
    # when they were sent, so allow for that jitter), never back to back.
    assert len(gaps) == 2 and min(gaps) >= 0.2


def test_limit_counts_addresses(store: Store, tmp_path: Path, fake: FakeNominatim) -> None:
    _seed_doors(store, tmp_path)
    report = geocode_doors(store, geocoder=_nominatim(fake), min_delay=0, limit=1)
    assert report.addresses_asked == 1
    assert report.remaining == 3


def test_offline_queue_waits_and_resumes(store: Store, tmp_path: Path, fake: FakeNominatim) -> None:
    _seed_doors(store, tmp_path)
    fake.fail_next = 2  # the service is down for two requests
    slept: list[float] = []
    report = geocode_doors(store, geocoder=_nominatim(fake), min_delay=0, sleep=slept.append)
    assert report.waited_offline_s > 0 and sum(slept) == report.waited_offline_s
    assert report.doors_geocoded == 3 and not report.stopped_offline


def test_unreachable_server_stops_and_a_later_run_resumes(
    store: Store, tmp_path: Path, fake: FakeNominatim
) -> None:
    _seed_doors(store, tmp_path)
    fake.fail_next = 1000
    report = geocode_doors(store, geocoder=_nominatim(fake), min_delay=0, max_offline_wait=10,
                           sleep=lambda s: None)
    assert report.stopped_offline and report.doors_geocoded == 0
    fake.fail_next = 0
    report = geocode_doors(store, geocoder=_nominatim(fake), min_delay=0)
    assert report.doors_geocoded == 3


def test_cancel_while_offline_keeps_what_was_found(
    store: Store, tmp_path: Path, fake: FakeNominatim
) -> None:
    _seed_doors(store, tmp_path)
    progress = Progress()

    def sleep(_: float) -> None:
        progress.cancel()

    geocode_doors(store, geocoder=_nominatim(fake), min_delay=0, limit=1)
    fake.fail_next = 1000
    with pytest.raises(CancelledError):
        geocode_doors(store, geocoder=_nominatim(fake), min_delay=0, sleep=sleep, progress=progress)
    assert sum(1 for v in _located(store).values() if v[0] is not None) >= 1


def test_unknown_provider(store: Store) -> None:
    with pytest.raises(InputError, match="unknown geocoding provider 'google'"):
        geocode_doors(store, provider="google")


def test_query_leaves_units_out() -> None:
    assert query_for("2420", "W Vliet St", "Milwaukee", "WI", "53205") == (
        "2420 W Vliet St, Milwaukee, WI 53205"
    )


def test_address_file_geocodes_offline(store: Store, tmp_path: Path) -> None:
    _seed_doors(store, tmp_path)
    points = tmp_path / "county_points.csv"
    points.write_text(
        "ADDRESS,MUNICIPALITY,ZIP,POINT_X,POINT_Y\n"
        "2417 WEST VLIET STREET,MILWAUKEE,53205,-87.94701,43.04851\n"
        "2420 W VLIET ST,MILWAUKEE,53205,-87.94721,43.04821\n"
        "2420 W VLIET ST,WAUWATOSA,53213,-88.0,43.05\n"
        "99 NOWHERE RD,RACINE,53403,-87.8,42.7\n",
        encoding="utf-8",
    )
    report = geocode_from_file(store, points)
    assert report.points_read == 4
    assert report.doors_geocoded == 3
    doors = _located(store)
    assert doors["2417"][:3] == (43.04851, -87.94701, "file:county_points.csv")
    assert doors["2420 Apt 2"][:2] == (43.04821, -87.94721)  # the Milwaukee point, not Wauwatosa
    assert doors["99"][0] is None  # same street name in another city: no match
    assert report.remaining == 1


def test_address_file_without_coordinates_is_refused(store: Store, tmp_path: Path) -> None:
    points = tmp_path / "p.csv"
    points.write_text("address,city\n1 Main St,X\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"p.csv:1: an address file needs latitude and longitude"):
        geocode_from_file(store, points)
