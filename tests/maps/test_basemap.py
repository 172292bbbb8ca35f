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


def test_turf_packet_carries_the_clip_and_the_laptop_gets_the_same_basemap(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sqlalchemy import select

    from fieldapp.core.db import open_store
    from fieldapp.core.models import Turf, TurfAssignment, Volunteer
    from fieldapp.maps.data import load_map_data
    from tests.test_cli_sync import Machine, exported, pair

    laptop, hq = Machine(tmp_path, "laptop", capsys), Machine(tmp_path, "hq", capsys)
    pair(laptop, hq, tmp_path)
    hq.run("demo", "--doors", "80", "--seed", "4", "--today", "2026-11-20")
    store = open_store(hq.db)
    with store.session() as s:
        turf = s.scalars(select(Turf).order_by(Turf.name)).first()
        assert turf is not None
        captain = s.scalar(select(Volunteer.person_id).join(
            TurfAssignment, TurfAssignment.volunteer_id == Volunteer.id).where(
            TurfAssignment.turf_id == turf.id, TurfAssignment.role == "captain"))
        name = turf.name
    box = load_map_data(store, turf=name).bounds()
    store.close()
    assert box is not None and captain
    s_, w, n, e = box
    mid_lat, mid_lon = (s_ + n) / 2, (w + e) / 2
    county = tmp_path / "county.pmtiles"
    write_pmtiles(county, [("Packet Street", [(w, mid_lat), (e, mid_lat)]),
                           ("Across Avenue", [(mid_lon, s_), (mid_lon, n)]),
                           ("Far Road", [(w + 0.3, n + 0.3), (w + 0.31, n + 0.3)])], (12, 15))
    hq.run("tiles", "open", str(county))
    text = hq.run("bundle", "export", "--for", captain, "--turf", name, "--to", "Laptop 3",
                  "--out", str(tmp_path / "packets"))
    assert "basemap clip:" in text
    packet = exported(text)

    assert "street map is now the maps' basemap" in laptop.run("bundle", "import", str(packet))
    info = laptop.run("tiles", "info")
    received = Path(info.split("PMTiles:", 1)[1].split("(", 1)[0].strip())
    assert received.is_file() and received.parent.name == "basemaps"
    # the laptop's basemap has exactly the tiles HQ clipped for that turf
    hq_clip = tmp_path / "hq-clip.pmtiles"
    hq.run("tiles", "clip", "--turf", name, "--zooms", "12-15", "--out", str(hq_clip))
    got = sorted(_tiles(received))
    assert got == sorted(_tiles(hq_clip)) and got
    assert len(got) < len(_tiles(county))
    with PMTilesFile(received) as a, PMTilesFile(hq_clip) as b:
        assert all(a.tile(*zxy) == b.tile(*zxy) for zxy in got)
