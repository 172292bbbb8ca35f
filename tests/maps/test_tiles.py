"""The tile cache: MBTiles layout, cache rules, offline reuse, bulk-download policy."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from fieldapp.errors import InputError
from fieldapp.maps import tiles
from fieldapp.maps.tiles import MBTiles, TileError, TileSourceStack
from tests.maps.conftest import PNG, FakeTileServer


def test_tiles_are_fetched_once_then_served_from_the_cache_with_the_server_gone(
    tile_server: FakeTileServer, data_dir: Path
) -> None:
    stack = TileSourceStack(template=tile_server.template)
    assert stack.tile(15, 8387, 11980) == PNG
    assert stack.tile(15, 8387, 11980) == PNG
    assert len(tile_server.requests) == 1
    path, headers = tile_server.requests[0]
    assert path == "/15/8387/11980.png"
    assert headers["User-Agent"].startswith("FieldApp/")
    # The cache is one MBTiles file in the user cache folder, rows in TMS order.
    assert tiles.cache_path().parent == data_dir / "cache"
    with sqlite3.connect(tiles.cache_path()) as db:
        rows = db.execute("SELECT zoom_level, tile_column, tile_row FROM tiles").fetchall()
    assert rows == [(15, 8387, (1 << 15) - 1 - 11980)]
    tile_server.stop()
    again = TileSourceStack(template=tile_server.template)
    assert again.tile(15, 8387, 11980) == PNG
    assert again.tile(15, 8387, 11981) is None  # never seen, server gone: no tile, no error


def test_a_stale_tile_is_revalidated_with_its_etag() -> None:
    server = FakeTileServer(cache_control="max-age=0")
    try:
        stack = TileSourceStack(template=server.template)
        assert stack.tile(3, 1, 2) == PNG
        assert stack.tile(3, 1, 2) == PNG
        assert len(server.requests) == 2
        assert server.requests[1][1].get("If-None-Match") == '"v1"'
        assert stack.fetched == 1  # the second answer was 304 Not Modified
    finally:
        server.stop()


def test_expiry_follows_the_server() -> None:
    assert tiles.expiry({"cache-control": "public, max-age=600"}, now=1000.0) == 1600.0
    assert tiles.expiry({"cache-control": "no-cache"}, now=1000.0) == 1000.0
    assert tiles.expiry({"expires": "Thu, 01 Jan 1970 00:30:00 GMT"}, now=5.0) == 1800.0
    assert tiles.expiry({}, now=0.0) == tiles.DEFAULT_MAX_AGE


def test_saving_an_area_is_refused_for_openstreetmap_org() -> None:
    stack = TileSourceStack(template="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
    with pytest.raises(TileError, match=r"openstreetmap\.org"):
        tiles.save_area(stack, (43.03, -87.95, 43.04, -87.94), 14, 15, provider_allows=True)
    assert stack.fetched == 0


def test_saving_an_area_needs_the_providers_permission_and_fills_the_cache(
    tile_server: FakeTileServer,
) -> None:
    stack = TileSourceStack(template=tile_server.template)
    box = (43.03, -87.95, 43.04, -87.94)
    with pytest.raises(TileError, match="usage policy"):
        tiles.save_area(stack, box, 14, 15, provider_allows=False)
    expected = tiles.count_area(*box, 14, 15)
    assert tiles.save_area(stack, box, 14, 15, provider_allows=True) == expected
    assert stack.cache.count() == expected == len(tile_server.requests)


def make_mbtiles(path: Path, fmt: str = "png") -> Path:
    with sqlite3.connect(path) as db:
        db.executescript(
            "CREATE TABLE metadata (name TEXT, value TEXT);"
            "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER,"
            " tile_data BLOB);"
        )
        db.executemany("INSERT INTO metadata VALUES (?, ?)",
                       [("name", "Milwaukee"), ("format", fmt), ("attribution", "Made here")])
        db.execute("INSERT INTO tiles VALUES (12, 1047, ?, ?)", ((1 << 12) - 1 - 1497, PNG))
    return path


def test_an_mbtiles_file_made_elsewhere_opens_and_serves_its_tiles(tmp_path: Path) -> None:
    opened = MBTiles(make_mbtiles(tmp_path / "area.mbtiles"), readonly=True)
    stack = TileSourceStack(template="", opened=opened)
    assert stack.has_tiles
    assert stack.tile(12, 1047, 1497) == PNG
    assert stack.zoom_range() == (12, 12)
    assert opened.metadata()["attribution"] == "Made here"


def test_bad_mbtiles_files_are_refused_with_a_reason(tmp_path: Path) -> None:
    junk = tmp_path / "junk.mbtiles"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(InputError, match=r"junk\.mbtiles: not an MBTiles file"):
        MBTiles(junk, readonly=True)
    with pytest.raises(InputError, match="vector tiles"):
        MBTiles(make_mbtiles(tmp_path / "vector.mbtiles", fmt="pbf"), readonly=True)
    with pytest.raises(InputError, match="no such MBTiles file"):
        MBTiles(tmp_path / "missing.mbtiles", readonly=True)


def test_no_tile_server_and_no_tiles_means_a_plain_background() -> None:
    assert not TileSourceStack(template="").has_tiles


def test_cli_saves_an_area_and_refuses_openstreetmap_org(
    tile_server: FakeTileServer, capsys: pytest.CaptureFixture[str]
) -> None:
    from fieldapp import settings
    from fieldapp.cli import main

    settings.set_value("tile_url", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
    args = ["tiles", "save-area", "--box", "43.03,-87.95,43.04,-87.94", "--zooms", "14-15",
            "--provider-allows-bulk"]
    assert main(args) == 1
    assert "openstreetmap.org's tile servers do not allow" in capsys.readouterr().err
    settings.set_value("tile_url", tile_server.template)
    assert main(args[:-1]) == 1  # no confirmation of the provider's policy
    assert main(args) == 0
    expected = tiles.count_area(43.03, -87.95, 43.04, -87.94, 14, 15)
    assert f"Saved {expected:,} tiles" in capsys.readouterr().out
    assert main(["tiles", "save-area", "--box", "43.04,-87.95,43.03,-87.94"]) == 1
    assert "--box: the area must have south < north" in capsys.readouterr().err
    assert main(["tiles", "info"]) == 0
    assert f"({expected:,} tiles)" in capsys.readouterr().out
