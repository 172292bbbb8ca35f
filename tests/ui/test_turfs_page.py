"""Turfs page actions: print walk list, cut, assign, import turfs."""

from __future__ import annotations

import json
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import select

from fieldapp.core.models import Person, Turf, TurfAssignment, Volunteer

SHOTS = Path("/tmp/shots/doors")


def _page(ctx, qtbot):  # type: ignore[no-untyped-def]
    from fieldapp.ui.pages.turfs import Page

    page = Page(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    page.refresh_now()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=5000)
    return page


def _wait(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not ctx.tasks.busy, timeout=20_000)


def test_print_walk_list_saves_a_pdf(ctx, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = _page(ctx, qtbot)
    page.table.selectRow(0)
    _turf_id, name = page.selected_turf()
    out = tmp_path / "walk.pdf"
    page.print_walklist(str(out), lang="es")
    _wait(ctx, qtbot)
    assert out.exists()
    text = PdfReader(str(out)).pages[0].extract_text()
    assert f"Lista de recorrido: {name}" in text
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.grab().save(str(SHOTS / "turfs-page.png"))


def test_cut_selected_turf(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _page(ctx, qtbot)
    before = page.model.rowCount()
    page.table.selectRow(0)
    turf_id, _ = page.selected_turf()
    page.cut_turfs(doors_per_turf=40, within=True)
    _wait(ctx, qtbot)
    qtbot.waitUntil(lambda: page.model.rowCount() > before, timeout=5000)
    with ctx.store.session() as s:
        old = s.get(Turf, turf_id)
        assert old is not None and old.deleted
    assert "Cut" in page.last_message


def test_assign_captain_and_canvasser(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _page(ctx, qtbot)
    page.table.selectRow(0)
    turf_id, _ = page.selected_turf()
    with ctx.store.session() as s:
        captain = s.scalars(select(Volunteer).where(Volunteer.role == "captain")).first()
        crew = s.scalars(select(Volunteer).where(Volunteer.role == "canvasser")).all()[-1]
        assert captain is not None
    page.assign(captain.id, [crew.id])
    _wait(ctx, qtbot)
    with ctx.store.session() as s:
        rows = s.scalars(select(TurfAssignment).where(
            TurfAssignment.turf_id == turf_id, TurfAssignment.deleted.is_(False))).all()
        assert {(r.volunteer_id, r.role) for r in rows} >= {(captain.id, "captain"), (crew.id, "canvasser")}
        person = s.get(Person, captain.person_id)
        assert person is not None
    assert person.last_name in page.last_message


def test_assign_dialog_lists_volunteers(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from fieldapp.ui.pages.turfs import AssignDialog

    page = _page(ctx, qtbot)
    page.table.selectRow(0)
    turf_id, _ = page.selected_turf()
    dialog = AssignDialog(ctx, turf_id, page)
    qtbot.addWidget(dialog)
    assert dialog.captain.count() > 1 and dialog.canvassers.count() > 5
    dialog.show()
    dialog.grab().save(str(SHOTS / "turfs-assign.png"))
    dialog.reject()


def test_import_turfs_and_bad_file_message(ctx, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = _page(ctx, qtbot)
    square = [[-87.95, 43.03], [-87.93, 43.03], [-87.93, 43.05], [-87.95, 43.05], [-87.95, 43.03]]
    path = tmp_path / "t.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Drawn by HQ"},
         "geometry": {"type": "Polygon", "coordinates": [square]}}]}))
    page.import_turfs(str(path))
    _wait(ctx, qtbot)
    assert "1 new" in page.last_message
    with ctx.store.session() as s:
        assert s.scalars(select(Turf).where(Turf.name == "Drawn by HQ")).first() is not None
    errors: list[BaseException] = []
    bad = tmp_path / "bad.geojson"
    bad.write_text("")
    from fieldapp.services import turfs as svc

    ctx.tasks.run(lambda p: svc.import_turfs(ctx.store, str(bad)), label="x",
                  on_error=errors.append)
    _wait(ctx, qtbot)
    assert errors and "bad.geojson: the turf file is empty" in str(errors[0])


def test_walk_sheet_options_add_party_and_status_columns(ctx, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from fieldapp.ui.walksheet_options import WalkSheetOptionsDialog

    dialog = WalkSheetOptionsDialog()
    qtbot.addWidget(dialog)
    assert dialog.options().columns == [] and not dialog.options().include_off_list
    dialog.party.setChecked(True)
    dialog.status.setChecked(True)
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.show()
    dialog.grab().save(str(SHOTS / "walk-sheet-options.png"))
    page = _page(ctx, qtbot)
    page.table.selectRow(0)
    out = tmp_path / "walk.pdf"
    page.print_walklist(str(out), lang="es", options=dialog.options())
    _wait(ctx, qtbot)
    text = PdfReader(str(out)).pages[0].extract_text()
    assert "Partido" in text and "Estado" in text
