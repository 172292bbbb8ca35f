"""The Geocode doors dialog, against the fake geocoder on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from fieldapp.core.db import Store
from fieldapp.core.models import Door, Turf
from fieldapp.services.importing import import_doors
from fieldapp.services.turfs import import_turfs
from tests import fake_geocoder
from tests.fake_geocoder import FakeNominatim

fake = fake_geocoder.fake  # the fake server, as a fixture of this module

SHOTS = Path("/tmp/shots/gaps")


def _shot(widget: object, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / name))  # type: ignore[attr-defined]


@pytest.fixture
def gctx(app, store: Store, tmp_path: Path, qtbot) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """An app context on a store of four doors without coordinates and one turf."""
    from fieldapp.ui.context import AppContext

    voters = tmp_path / "v.csv"
    voters.write_text(
        "voter_id,first_name,last_name,address,city,state,zip\n"
        "1,Ana,Ruiz,2417 W Vliet St,Milwaukee,WI,53205\n"
        "2,Bo,Ruiz,2417 W Vliet St,Milwaukee,WI,53205\n"
        "3,Cy,Lee,2420 W Vliet St Apt 1,Milwaukee,WI,53205\n"
        "4,Di,Lee,2420 W Vliet St Apt 2,Milwaukee,WI,53205\n"
        "5,Ed,Kay,99 Nowhere Rd,Milwaukee,WI,53205\n", encoding="utf-8")
    import_doors(store, voters)
    square = [[-87.95, 43.04], [-87.94, 43.04], [-87.94, 43.05], [-87.95, 43.05], [-87.95, 43.04]]
    turfs = tmp_path / "t.geojson"
    turfs.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Vliet"},
         "geometry": {"type": "Polygon", "coordinates": [square]}}]}))
    import_turfs(store, turfs)
    context = AppContext(store)
    yield context
    context.tasks.shutdown(wait=True)


def _dialog(ctx, qtbot):  # type: ignore[no-untyped-def]
    from fieldapp.ui.geocode_dialog import GeocodeDialog

    dialog = GeocodeDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _run(dialog, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert dialog.start() is not None
    qtbot.waitUntil(lambda: dialog.task is None, timeout=30_000)


def _doors(store: Store) -> dict[str, Door]:
    with store.session() as s:
        return {f"{d.street_number} {d.unit}".strip(): d for d in s.scalars(select(Door))}


def test_geocodes_through_the_provider_and_places_doors_in_turfs(gctx, qtbot, fake: FakeNominatim) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(gctx, qtbot)
    assert "4 doors have no coordinates" in dialog.count_label.text()
    assert dialog.provider_combo.currentData() == "nominatim"
    dialog.server_edit.setText(f"http://{fake.domain}")
    _run(dialog, qtbot)
    report = dialog.report_text.toPlainText()
    assert report.splitlines()[0] == (
        "Geocoded 3 doors with nominatim: 3 addresses asked, 0 from the cache")
    assert "not found (1):\n    99 Nowhere Rd, Milwaukee, WI 53205" in report
    assert "  3 doors placed in turfs" in report
    assert report.endswith("  1 doors still have no coordinates")
    assert "1 doors have no coordinates" in dialog.count_label.text()
    doors = _doors(gctx.store)
    assert (doors["2417"].lat, doors["2417"].lon, doors["2417"].geocode_source) == (
        43.0485, -87.947, "nominatim")
    with gctx.store.session() as s:
        turf = s.scalars(select(Turf).where(Turf.name == "Vliet")).one()
    assert doors["2417"].turf_id == doors["2420 Apt 2"].turf_id == turf.id
    assert doors["99"].turf_id is None
    assert all(agent.startswith("FieldApp/") for _, _, agent in fake.requests)
    _shot(dialog, "geocode-dialog-report.png")


def test_address_points_file_without_network(gctx, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    points = tmp_path / "county_points.csv"
    points.write_text("ADDRESS,MUNICIPALITY,ZIP,POINT_X,POINT_Y\n"
                      "2417 WEST VLIET STREET,MILWAUKEE,53205,-87.94701,43.04851\n", encoding="utf-8")
    dialog = _dialog(gctx, qtbot)
    dialog.file_radio.setChecked(True)
    assert not dialog.online_box.isEnabled() and dialog.file_box.isEnabled()
    dialog.path_edit.setText(str(points))
    dialog.assign_turfs.setChecked(False)
    _run(dialog, qtbot)
    report = dialog.report_text.toPlainText()
    assert report.startswith("Geocoded 1 doors from county_points.csv (1 address points read")
    assert "placed in turfs" not in report
    door = _doors(gctx.store)["2417"]
    assert door.lat == 43.04851 and door.turf_id is None  # left out of turfs, as asked


def test_a_bad_address_file_is_named_and_nothing_changes(gctx, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "p.csv"
    bad.write_text("address,city\n1 Main St,X\n", encoding="utf-8")
    dialog = _dialog(gctx, qtbot)
    dialog.file_radio.setChecked(True)
    assert dialog.start() is None  # no file chosen yet
    assert "Choose an address-points file" in dialog.error_label.text()
    dialog.path_edit.setText(str(bad))
    _run(dialog, qtbot)
    assert "p.csv:1: an address file needs latitude and longitude" in dialog.error_label.text()
    assert all(d.lat is None for d in _doors(gctx.store).values())


def test_cancel_while_offline_keeps_what_was_found(gctx, qtbot, fake: FakeNominatim) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(gctx, qtbot)
    dialog.server_edit.setText(f"http://{fake.domain}")
    dialog.limit_spin.setValue(1)
    _run(dialog, qtbot)
    assert "Geocoded 1 doors" in dialog.report_text.toPlainText()
    fake.fail_next = 1000  # the service goes down
    dialog.limit_spin.setValue(0)
    asked = len(fake.requests)
    assert dialog.start() is not None
    qtbot.waitUntil(lambda: len(fake.requests) > asked, timeout=10_000)
    dialog.cancel_run()  # what the progress dialog's Cancel does
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10_000)
    assert dialog.outcome is not None and dialog.outcome.cancelled
    assert dialog.status.text().startswith("Stopped.")
    assert "Stopped before the end" in dialog.report_text.toPlainText()
    assert sum(1 for d in _doors(gctx.store).values() if d.lat is not None) == 1
    assert dialog.run_button.isEnabled()


def test_turfs_and_doors_pages_open_the_dialog(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from fieldapp.ui.geocode_dialog import GeocodeButton, GeocodeDialog
    from fieldapp.ui.pages.doors import Page as DoorsPage
    from fieldapp.ui.pages.turfs import Page as TurfsPage

    for page_class, shot in ((TurfsPage, "turfs-toolbar.png"), (DoorsPage, "doors-toolbar.png")):
        page = page_class(ctx)
        qtbot.addWidget(page)
        page.resize(1280, 760)
        page.show()
        buttons = page.findChildren(GeocodeButton)
        assert len(buttons) == 1 and buttons[0].text() == "Geocode doors…"
        _shot(page, shot)
        buttons[0].click()
        dialogs = page.findChildren(GeocodeDialog)
        assert len(dialogs) == 1 and dialogs[0].isVisible()
        if page_class is TurfsPage:
            _shot(dialogs[0], "geocode-dialog.png")
        dialogs[0].reject()
