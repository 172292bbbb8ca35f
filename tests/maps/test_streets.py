"""The street sketch: a named line per street and side, from the doors, cached."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from fieldapp.core.db import Store
from fieldapp.core.models import Door
from fieldapp.maps import streets as sketch
from fieldapp.maps.build import build_map
from fieldapp.maps.data import load_map_data
from fieldapp.services.streetsketch import house_number, street_lines
from tests.maps.street_store import STREETS, add_three_streets


def test_three_streets_draw_three_named_lines_per_side(store: Store) -> None:
    add_three_streets(store)
    data = load_map_data(store)
    lines = sketch.street_sketch(store, data)
    names = sorted({line.name for line in lines})
    assert names == sorted(name for name, _a, _b in STREETS)
    # one line per street and side, each from its lowest to its highest number
    assert sorted((line.name, line.side) for line in lines) == sorted(
        (name, side) for name, _a, _b in STREETS for side in ("even", "odd"))
    for line in lines:
        assert (line.low, line.high) == (("100", "114") if line.side == "even" else ("101", "115"))
        assert line.doors == 8
        assert len(line.points) > 8  # smoothed: corners cut into more points
    page = build_map(data, streets=lines)
    for name, _a, _b in STREETS:
        assert name in page


def test_lines_follow_house_number_order_not_table_order() -> None:
    # doors listed out of order; the line must run 2, 4, 6, 8 along the street
    lat = [0.0, 0.0, 0.0, 0.0]
    lon = [0.0030, 0.0010, 0.0020, 0.0]
    lines = street_lines(lat, lon, ["8", "4", "6", "2"], ["Main St"] * 4)
    assert len(lines) == 1
    pts = lines[0].points
    assert pts[0][1] == 0.0 and pts[-1][1] == 0.003
    assert all(a[1] <= b[1] for a, b in itertools.pairwise(pts))
    assert (lines[0].low, lines[0].high) == ("2", "8")


def test_far_apart_stretches_of_one_name_are_separate_lines() -> None:
    # the same street name 5 km away is another street, not one long line across town
    lat = [0.0, 0.0, 0.0, 0.0]
    lon = [0.0, 0.0005, 0.05, 0.0505]
    lines = street_lines(lat, lon, ["2", "4", "6", "8"], ["Main St"] * 4)
    assert [(s.low, s.high) for s in lines] == [("2", "4"), ("6", "8")]


def test_doors_without_number_street_or_place_are_left_out() -> None:
    assert house_number("12B") == 12 and house_number("") is None and house_number("PO 5") is None
    lines = street_lines([0.0, 0.0, None, 0.0], [0.0, 0.001, 0.002, 0.003],
                         ["2", "", "6", "8"], ["Main St", "Main St", "Main St", ""])
    assert lines == []  # one usable door is not a line


def test_sketch_is_cached_and_refreshed_after_an_import(store: Store) -> None:
    turf_id = add_three_streets(store)
    sketch.forget()
    first = sketch.street_sketch(store, load_map_data(store))
    again = sketch.street_sketch(store, load_map_data(store))
    assert again is first  # nothing changed: the cached sketch
    with store.session() as s, s.begin():  # an import adds doors on a new street
        for n in (2, 4, 6):
            s.add(Door(street_number=str(n), house_number=n, street_name="Birch Lane",
                       lat=39.951, lon=-75.161 + n * 0.0003, turf_id=turf_id))
    fresh = sketch.street_sketch(store, load_map_data(store))
    assert fresh is not first
    assert "Birch Lane" in {line.name for line in fresh}


def test_walk_sheet_pdf_names_the_streets(store: Store, tmp_path: Path) -> None:
    from pypdf import PdfReader

    from fieldapp.services.walklists import write_walklist_pdf

    add_three_streets(store)
    out = tmp_path / "walk.pdf"
    write_walklist_pdf(store, "Riverside", out)
    first_page = PdfReader(str(out)).pages[0].extract_text()
    for name, _a, _b in STREETS:
        # printed on the sketch, beyond the address rows that also hold the name
        rows = len(re.findall(rf"\d+ {name}", first_page))
        assert first_page.count(name) > rows, name


def test_exported_map_carries_the_sketch(store: Store, tmp_path: Path) -> None:
    from fieldapp.cli import main

    add_three_streets(store)
    out = tmp_path / "map.html"
    assert main(["--db", str(store.engine.url), "map", "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert '"Maple Court","even"' in page or '"Maple Court","odd"' in page
