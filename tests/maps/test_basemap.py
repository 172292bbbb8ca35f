"""PMTiles basemaps: open, clip around turfs, and carry the clip in a turf packet."""

from __future__ import annotations

from pathlib import Path

import pytest
from pmtiles.reader import MmapSource, all_tiles

from fieldapp.cli import main
from fieldapp.core.db import Store
from fieldapp.errors import InputError
from fieldapp.maps.basemap import PMTilesFile, clip, open_basemap, opened_path, turf_box
from tests.maps.pmtiles_fixture import tile_bounds, write_pmtiles
from tests.maps.street_store import TURF_BOX, add_three_streets

# Streets around the turf and one far away (another part of the county).
NEAR = [("Oak Street", [(-75.1705, 39.9500), (-75.1665, 39.9500)]),
        ("Elm Avenue", [(-75.1660, 39.9460), (-75.1660, 39.9495)])]
FAR = [("Distant Road", [(-75.3000, 40.0500), (-75.2900, 40.0510)])]


def _tiles(path: Path) -> list[tuple[int, int, int]]:
    with path.open("rb") as fh:
        return [zxy for zxy, _data in all_tiles(MmapSource(fh))]


def test_clip_keeps_the_tiles_inside_the_turf_and_drops_the_rest(
    store: Store, tmp_path: Path
) -> None:
    add_three_streets(store)
    county = tmp_path / "county.pmtiles"
    write_pmtiles(county, NEAR + FAR, (12, 15))
    box = turf_box(store, ["Riverside"])
    assert box[0] < TURF_BOX[0] and box[3] > TURF_BOX[3]  # with a margin
    result = clip(county, tmp_path / "clip.pmtiles", box, (12, 15))
    kept = _tiles(result.path)
    assert kept and result.tiles == len(kept)
    assert len(kept) < len(_tiles(county))
    s, w, n, e = box
    for z, x, y in kept:
        tw, ts, te, tn = tile_bounds(z, x, y)
        assert tw <= e and te >= w and ts <= n and tn >= s, (z, x, y)
    # every source tile over the turf is kept, every other one dropped
    with PMTilesFile(result.path) as f:
        assert f.zooms == (12, 15)
        outside = 0
        for z, x, y in _tiles(county):
            tw, ts, te, tn = tile_bounds(z, x, y)
            inside = tw <= e and te >= w and ts <= n and tn >= s
            assert (f.tile(z, x, y) is not None) == inside
            outside += not inside
        assert outside > 0  # the far street's tiles were there to drop


def test_cli_clip_and_open(store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_three_streets(store)
    county = tmp_path / "county.pmtiles"
    write_pmtiles(county, NEAR + FAR, (12, 15))
    db = ["--db", str(store.engine.url)]
    out = tmp_path / "riverside.pmtiles"
    assert main([*db, "tiles", "clip", "--turf", "Riverside", "--zooms", "13-15",
                 "--from", str(county), "--out", str(out)]) == 0
    assert "tiles, zoom 13-15" in capsys.readouterr().out
    assert main([*db, "tiles", "open", str(out)]) == 0
    assert opened_path() == out.resolve()
    assert main([*db, "tiles", "open", "--stop"]) == 0
    assert opened_path() is None


def test_a_file_that_is_not_pmtiles_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pmtiles"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(InputError, match="not a PMTiles file"):
        open_basemap(bad)
    assert opened_path() is None
