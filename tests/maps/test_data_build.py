"""Map data, page building, turf edits and ``fieldapp map --out`` (no Qt needed)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from fieldapp.cli import main
from fieldapp.core.db import Store
from fieldapp.core.models import ContactAttempt, Door, Turf
from fieldapp.errors import InputError, NotFoundError
from fieldapp.maps import edit
from fieldapp.maps.build import build_map, external_references
from fieldapp.maps.data import CATEGORIES, CATEGORY_INDEX, door_category, load_map_data


def test_door_colours_follow_the_latest_result_and_support() -> None:
    assert door_category(None, None) == CATEGORY_INDEX["not_knocked"]
    assert door_category("canvassed", 1) == CATEGORY_INDEX["strong_support"]
    assert door_category("canvassed", 2) == CATEGORY_INDEX["lean_support"]
    assert door_category("canvassed", 3) == CATEGORY_INDEX["undecided"]
    assert door_category("canvassed", 5) == CATEGORY_INDEX["opposed"]
    assert door_category("canvassed", None) == CATEGORY_INDEX["talked"]
    assert door_category("come_back", None) == CATEGORY_INDEX["not_home"]
    assert door_category("hostile", None) == CATEGORY_INDEX["refused"]
    assert door_category(None, None, do_not_knock=True) == CATEGORY_INDEX["unreachable"]
    # Okabe-Ito plus a neutral grey: one distinct colour per category.
    assert len({c[2] for c in CATEGORIES}) == len(CATEGORIES)


def test_map_data_matches_the_store(demo_store: Store) -> None:
    data = load_map_data(demo_store)
    with demo_store.session() as s:
        doors = s.scalars(select(Door).where(Door.deleted.is_(False))).all()
        turfs = s.scalars(select(Turf).where(Turf.deleted.is_(False))).all()
        attempts = s.scalars(select(ContactAttempt)).all()
    assert len(data.doors) == len(doors) == 300
    assert {t.id for t in data.turfs} == {t.id for t in turfs}
    done = {a.door_id for a in attempts if a.channel == "door"}
    for turf in data.turfs:
        mine = [d for d in doors if d.turf_id == turf.id]
        assert turf.doors == len(mine)
        assert turf.done == sum(1 for d in mine if d.id in done)
    knocked = sum(1 for c in data.doors.cat if c != CATEGORY_INDEX["not_knocked"])
    assert knocked >= len(done & {d.id for d in doors if not d.do_not_knock})


def _expected_map(store: Store) -> tuple[dict[str, tuple[float, float, int, str, str, str, str]],
                                          dict[str, tuple[int, int]], int]:
    """What the map should show, worked out door by door through the ORM and the rules."""
    from fieldapp.services import rules

    with store.session() as s:
        doors = s.scalars(select(Door).where(Door.deleted.is_(False),
                                             Door.merged_into_id.is_(None))).all()
        turfs = {t.id: t.name for t in s.scalars(select(Turf).where(Turf.deleted.is_(False)))}
        latest = rules.latest_door_results(s)
    shown = {}
    progress = {name: [0, 0] for name in turfs.values()}
    for d in doors:
        if d.turf_id in turfs:
            progress[turfs[d.turf_id]][0] += 1
            progress[turfs[d.turf_id]][1] += d.id in latest
        if d.lat is None or d.lon is None:
            continue
        r = latest.get(d.id)
        cat = door_category(r.result_code if r else None, r.support if r else None,
                            d.do_not_knock)
        shown[d.id] = (round(d.lat, 6), round(d.lon, 6), cat, turfs.get(d.turf_id or "", ""),
                       d.street_number or "", d.street_name or "", d.unit or "")
    missing = sum(1 for d in doors if d.lat is None or d.lon is None)
    return shown, {k: (v[0], v[1]) for k, v in progress.items()}, missing


def _map_as_read(store: Store) -> tuple[dict[str, tuple[float, float, int, str, str, str, str]],
                                        dict[str, tuple[int, int]], int]:
    data = load_map_data(store)
    d = data.doors
    names = [t.name for t in data.turfs]
    shown = {d.ids[i]: (d.lat[i], d.lon[i], d.cat[i], names[d.turf[i]] if d.turf[i] >= 0 else "",
                        d.number[i], d.streets[d.street[i]], d.unit[i]) for i in range(len(d))}
    assert len(shown) == len(d) == len(d.lat6) == len(d.cat) == len(d.unit)
    return shown, {t.name: (t.doors, t.done) for t in data.turfs}, data.doors_without_location


def _unusual_doors(store: Store) -> None:
    """A door with no location, one not to knock that was knocked, a deleted one."""
    with store.transaction() as s:
        first, second, third = s.scalars(select(Door).order_by(Door.id).limit(3)).all()
        first.lat = None
        second.do_not_knock = True
        s.add(ContactAttempt(door_id=second.id, result_code="canvassed", support=1,
                             attempted_at=dt.datetime(2030, 1, 1, tzinfo=dt.UTC)))
        third.deleted = True


def test_map_data_is_each_doors_own_on_sqlite(demo_store: Store) -> None:
    _unusual_doors(demo_store)
    read = _map_as_read(demo_store)
    assert read == _expected_map(demo_store)
    assert read[2] == 1 and len(read[0]) == 298


def test_map_data_is_each_doors_own_on_postgresql(pg_url: str) -> None:
    from fieldapp.core.db import open_store
    from fieldapp.services.demo import seed_demo
    from tests.conftest import DEMO_DAY

    store = open_store(pg_url)
    try:
        seed_demo(store, doors=120, seed=3, today=DEMO_DAY)
        _unusual_doors(store)
        read = _map_as_read(store)
        assert read == _expected_map(store)
        assert read[2] == 1 and len(read[0]) == 118
    finally:
        store.close()


def test_the_latest_attempt_decides_and_a_correction_replaces_it(demo_store: Store) -> None:
    with demo_store.transaction() as s:
        door = s.scalars(select(Door).order_by(Door.id)).first()
        assert door is not None
        when = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
        first = ContactAttempt(door_id=door.id, attempted_at=when, result_code="canvassed",
                               support=1)
        s.add(first)
        s.flush()
        s.add(ContactAttempt(door_id=door.id, attempted_at=when, result_code="canvassed",
                             support=5, supersedes_id=first.id))
        door_id = door.id
    data = load_map_data(demo_store)
    i = data.doors.ids.index(door_id)
    assert data.doors.cat[i] == CATEGORY_INDEX["opposed"]


def test_one_turf_only(demo_store: Store) -> None:
    whole = load_map_data(demo_store)
    turf = whole.turfs[0]
    one = load_map_data(demo_store, turf=turf.name.upper())
    assert [t.id for t in one.turfs] == [turf.id]
    assert len(one.doors) == turf.doors and set(one.doors.turf) == {0}
    with pytest.raises(NotFoundError):
        load_map_data(demo_store, turf="no such turf")


def test_pages_load_nothing_from_other_machines(demo_store: Store) -> None:
    data = load_map_data(demo_store)
    app_page = build_map(data, interactive=True)
    assert external_references(app_page) == []
    assert re.findall(r'<script src="([^"]+)"', app_page)[-1].endswith("fieldapp-map.js")
    assert "qrc:///qtwebchannel/qwebchannel.js" in app_page
    exported = build_map(data, assets="inline")
    assert external_references(exported) == []
    assert "<script src=" not in exported and "<link rel=\"stylesheet\"" not in exported
    assert "file://" not in exported and "qwebchannel" not in exported
    # The detector does see an external reference.
    assert external_references('<img src="https://example.org/a.png">') == [
        "https://example.org/a.png"]


def _script_tags(page: str) -> int:
    from html.parser import HTMLParser

    count = [0]

    class Counter(HTMLParser):
        def handle_starttag(self, tag: str, attrs: object) -> None:
            count[0] += tag == "script"

    Counter().feed(page)
    return count[0]


@pytest.mark.parametrize("evil", ["</script><script>alert(1)</script>", "`${alert(1)}`"])
def test_names_cannot_break_the_page(store: Store, evil: str) -> None:
    square = {"type": "Polygon",
              "coordinates": [[[-87.9, 43.0], [-87.8, 43.0], [-87.8, 43.1], [-87.9, 43.0]]]}
    with store.transaction() as s:
        turf = Turf(name="Plain", polygon=square)
        s.add(turf)
    plain = build_map(load_map_data(store), assets="inline")
    with store.transaction() as s:
        row = s.get(Turf, turf.id)
        assert row is not None
        row.name = evil
    page = build_map(load_map_data(store), assets="inline")
    assert _script_tags(page) == _script_tags(plain)
    # Outside the JSON data (read with JSON.parse), the name is escaped text only.
    scripts = re.sub(r'<script type="application/json" id="fa-data">.*?</script>', "", page,
                     flags=re.S)
    assert "${alert" not in scripts and "<script>alert" not in scripts


SQUARE = {"type": "Polygon", "coordinates": [[[-88.0, 43.0], [-87.0, 43.0], [-87.0, 44.0],
                                              [-88.0, 44.0], [-88.0, 43.0]]]}


def test_drawn_turfs_are_checked(demo_store: Store) -> None:
    bow_tie = {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}
    with pytest.raises(InputError, match="crosses itself"):
        edit.create_turf(demo_store, "Bow tie", bow_tie)
    with pytest.raises(InputError, match="name"):
        edit.create_turf(demo_store, "  ", SQUARE)
    existing = load_map_data(demo_store).turfs[0].name
    with pytest.raises(InputError, match="already a turf"):
        edit.create_turf(demo_store, existing.lower(), SQUARE)
    before = len(load_map_data(demo_store).turfs)
    assert len(load_map_data(demo_store).turfs) == before  # nothing half-written


def test_create_reshape_and_move(demo_store: Store) -> None:
    made = edit.create_turf(demo_store, "Everything", SQUARE)
    assert made.doors_in == 300
    west = {"type": "Polygon", "coordinates": [[[-88.0, 43.0], [-87.95, 43.0], [-87.95, 44.0],
                                                [-88.0, 44.0], [-88.0, 43.0]]]}
    shrunk = edit.reshape_turf(demo_store, made.turf_id, west)
    with demo_store.session() as s:
        doors = s.execute(select(Door.id, Door.lon, Door.turf_id)).all()
    inside = [d for d in doors if d.lon <= -87.95]
    assert shrunk.doors_out == 300 - len(inside)
    assert all(d.turf_id == made.turf_id for d in inside)
    assert all(d.turf_id is None for d in doors if d.lon > -87.95)
    moved = edit.move_doors(demo_store, [d.id for d in inside[:3]], None)
    assert moved == 3


def test_cli_writes_one_offline_html_file(demo_store: Store, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    turf = load_map_data(demo_store).turfs[0]
    target = tmp_path / "turf.html"
    db = demo_store.url.replace("sqlite:///", "")
    assert main(["--db", db, "map", "--out", str(target), "--turf", turf.name]) == 0
    assert f"{turf.doors:,} doors" in capsys.readouterr().out
    page = target.read_text(encoding="utf-8")
    assert external_references(page) == []
    assert f'"n":{turf.doors},' in page
    assert main(["--db", db, "map", "--out", str(tmp_path / "x.html"), "--turf", "nope"]) == 1
    assert "no turf named 'nope'" in capsys.readouterr().err
    assert main(["--db", db, "map", "--out", str(tmp_path / "x.pdf")]) == 1


@pytest.mark.skipif(
    shutil.which("chromium") is None and not os.environ.get("CI"),
    reason="chromium is not installed (make test installs it; CI must run this)",
)
def test_the_exported_file_draws_in_headless_chromium_with_no_network(
    demo_store: Store, tmp_path: Path
) -> None:
    target = tmp_path / "map.html"
    target.write_text(build_map(load_map_data(demo_store), assets="inline"), encoding="utf-8")
    out = subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu",
         "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
         "--virtual-time-budget=5000", "--dump-dom", target.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert "<title>drawn:300</title>" in out.stdout, out.stderr[-2000:]
