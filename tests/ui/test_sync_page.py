"""The Sync page: export with progress, import by picker or drop, history,
conflicts with both values and who wrote them, duplicates, quarantine."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QPainter
from sqlalchemy import select

from fieldapp.core.models import Door
from fieldapp.services.sync import keys
from fieldapp.services.sync.bundle import export_bundle
from fieldapp.services.sync.merge import import_bundle
from fieldapp.ui import errordialog
from fieldapp.ui.accept_dialog import AcceptBundleBox
from tests.services.sync.helpers import FakeWall, Site


@pytest.fixture
def page(ctx, qtbot, monkeypatch):  # type: ignore[no-untyped-def]
    from fieldapp.ui.pages.sync import Page

    problems: list[str] = []
    monkeypatch.setattr(errordialog, "show_problem", lambda _p, e, title="": problems.append(str(e)))
    p = Page(ctx)
    p.problems = problems
    qtbot.addWidget(p)
    p.resize(1100, 700)
    p.show()
    qtbot.waitExposed(p)
    return p


def wait(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not ctx.tasks.busy, timeout=30_000)
    qtbot.wait(20)


@pytest.fixture
def laptop(ctx, tmp_path: Path) -> Site:  # type: ignore[no-untyped-def]
    """A second laptop that has the office's data, trusted both ways."""
    from fieldapp.core.hlc import wall_ms

    office = keys.ensure_keys()
    site = Site(tmp_path / "sites", "Laptop 7")
    site.store.clock._wall = FakeWall(wall_ms())
    keys.trust(keys.parse_public_document(json.dumps(site.public), "laptop.pub"), recipient=True)
    keys.trust(keys.parse_public_document(json.dumps(office.public_document(ctx.store.site_id)),
                                          "office.pub"), recipient=True, site=site.paths)
    first = export_bundle(ctx.store, tmp_path / "office")
    import_bundle(site.store, first.path)
    yield site
    site.close()


def first_door(store) -> str:  # type: ignore[no-untyped-def]
    with store.session() as s:
        return s.scalars(select(Door.id).where(Door.deleted.is_(False)).order_by(Door.id)).first()


def test_export_to_nobody_but_this_laptop_is_refused(page, ctx, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page.export_to(str(tmp_path / "usb"))
    wait(ctx, qtbot)
    assert any("nobody but this laptop" in p for p in page.problems)
    assert list((tmp_path / "usb").glob("*.fieldbundle")) == []


def test_export_and_history(page, ctx, qtbot, tmp_path: Path, shots_dir: Path) -> None:  # type: ignore[no-untyped-def]
    assert page.history_table.rowCount() == 0
    page.grab().save(str(shots_dir / "sync-empty.png"))
    office = Site(tmp_path / "sites", "Office")
    keys.trust(keys.parse_public_document(json.dumps(office.public), "office.pub"), recipient=True)
    office.close()
    page.export_to(str(tmp_path / "usb"))
    wait(ctx, qtbot)
    files = list((tmp_path / "usb").glob("*.fieldbundle"))
    assert len(files) == 1
    assert "Exported" in page.result_label.text() and str(files[0]) in page.result_label.text()
    assert page.history_table.rowCount() == 1
    assert page.history_table.item(0, 1).text() == "Out"
    assert "This laptop" in page.status_label.text()
    page.grab().save(str(shots_dir / "sync-exported.png"))


def test_import_shows_conflicts_and_duplicates_to_resolve(page, ctx, qtbot, laptop: Site, tmp_path: Path,
                                                           shots_dir: Path) -> None:  # type: ignore[no-untyped-def]
    door = first_door(ctx.store)
    with ctx.store.transaction() as s:
        s.get(Door, door).notes = "office note"
    laptop.store.clock._wall.ms += 60_000  # the laptop writes a minute later
    with laptop.store.transaction() as s:
        s.get(Door, door).notes = "dog in yard"
        twin = s.get(Door, first_door(laptop.store))
        s.add(Door(street_number=twin.street_number, street_name=twin.street_name, unit=twin.unit,
                   city=twin.city, address_key=twin.address_key))
    path = export_bundle(laptop.store, tmp_path / "usb").path

    page.import_files([str(path)])
    wait(ctx, qtbot)
    assert "1 conflicts" in page.result_label.text() and "1 possible duplicates" in page.result_label.text()
    assert page.tabs.tabText(1) == "Conflicts (1)"
    assert page.tabs.tabText(2) == "Possible duplicates (1)"
    t = page.conflict_table
    assert (t.item(0, 1).text(), t.item(0, 2).text(), t.item(0, 4).text()) == ("notes", "dog in yard", "office note")
    assert t.item(0, 3).text().startswith("Laptop 7") and "(this site)" in t.item(0, 5).text()
    page.tabs.setCurrentIndex(1)
    page.grab().save(str(shots_dir / "sync-conflicts.png"))
    page.tabs.setCurrentIndex(2)
    page.grab().save(str(shots_dir / "sync-duplicates.png"))
    page.tabs.setCurrentIndex(0)
    page.grab().save(str(shots_dir / "sync-history.png"))

    t.selectRow(0)
    page.resolve_selected_conflict("loser")
    wait(ctx, qtbot)
    with ctx.store.session() as s:
        assert s.get(Door, door).notes == "office note"  # written back as a new edit
    assert page.conflict_table.rowCount() == 0

    page.dup_table.selectRow(0)
    page.resolve_selected_duplicate("merge", "a")
    wait(ctx, qtbot)
    assert page.dup_table.rowCount() == 0
    with ctx.store.session() as s:
        merged = s.scalars(select(Door).where(Door.merged_into_id.is_not(None))).all()
    assert len(merged) == 1 and merged[0].deleted

    # Dropping the same file again: a reported no-op.
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    page.dropEvent(event)
    wait(ctx, qtbot)
    assert "already imported" in page.result_label.text()


def test_bad_file_is_reported_and_nothing_changes(page, ctx, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "broken.fieldbundle"
    bad.write_bytes(b"not a bundle at all")
    page.import_files([str(bad)])
    wait(ctx, qtbot)
    assert page.problems and "broken.fieldbundle" in page.problems[0] and "not a Field App bundle" in page.problems[0]
    assert page.history_table.rowCount() == 0


def test_quarantined_bundle_is_accepted_from_history(page, ctx, qtbot, laptop: Site, tmp_path: Path,
                                                      monkeypatch, shots_dir: Path) -> None:  # type: ignore[no-untyped-def]
    laptop.store.clock._wall.ms += 30 * 60_000
    with laptop.store.transaction() as s:
        s.get(Door, first_door(laptop.store)).notes = "from the future"
    path = export_bundle(laptop.store, tmp_path / "usb", since_last=True).path
    page.import_files([str(path)])
    wait(ctx, qtbot)
    # 30 minutes ahead when stamped, a little less by the time it is read on a busy machine
    ahead = re.search(r"([\d.]+) minutes ahead", page.result_label.text())
    assert ahead is not None and 28.0 <= float(ahead.group(1)) <= 30.0, page.result_label.text()
    row = next(i for i in range(page.history_table.rowCount())
               if page.history_table.item(i, 2).text() == "Quarantined")
    page.history_table.selectRow(row)
    assert page.accept_button.isEnabled()
    page.grab().save(str(shots_dir / "sync-quarantined.png"))
    asked: list[str] = []

    def say_yes(box: AcceptBundleBox) -> int:
        asked.append(box.text())
        box.merge_button.click()
        return 0

    monkeypatch.setattr(AcceptBundleBox, "exec", say_yes)
    page.accept_selected()
    assert len(asked) == 1
    said = re.fullmatch(r"This bundle's records are (\d+) minutes ahead of this computer's clock\.",
                        asked[0])
    assert said is not None and 28 <= int(said.group(1)) <= 30, asked
    wait(ctx, qtbot)
    with ctx.store.session() as s:
        assert s.get(Door, first_door(ctx.store)).notes == "from the future"
    assert all(page.history_table.item(i, 2).text() != "Quarantined" for i in range(page.history_table.rowCount()))


def test_open_bundle_from_the_welcome_screen_picks_and_imports(page, ctx, qtbot, laptop: Site, tmp_path: Path,
                                                                monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog

    with laptop.store.transaction() as s:
        s.get(Door, first_door(laptop.store)).notes = "packet note"
    path = export_bundle(laptop.store, tmp_path / "usb", since_last=True).path
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(path)], ""))
    page.open_bundle()
    wait(ctx, qtbot)
    with ctx.store.session() as s:
        assert s.get(Door, first_door(ctx.store)).notes == "packet note"


@pytest.mark.parametrize("language", ["en", "es"])
def test_accept_dialog_says_how_far_ahead_the_bundle_is(ctx, qtbot, app, laptop: Site, tmp_path: Path,
                                                        language: str, shots_dir: Path) -> None:  # type: ignore[no-untyped-def]
    from fieldapp import app as fieldapp_app
    from fieldapp.ui.pages.sync import Page

    laptop.store.clock._wall.ms += 3 * 3_600_000 + 60_000  # three hours (and a minute) fast
    with laptop.store.transaction() as s:
        s.get(Door, first_door(laptop.store)).notes = "from the future"
    path = export_bundle(laptop.store, tmp_path / "usb", since_last=True).path
    assert import_bundle(ctx.store, path).status == "quarantined"
    fieldapp_app.load_translations(app, language)
    page = Page(ctx)
    qtbot.addWidget(page)
    page.resize(1024, 700)  # a 1024x768 screen less a panel and a title bar
    page.show()
    page.reload()
    bundle_id = str(page.history_table.item(0, 0).data(Qt.ItemDataRole.UserRole))
    assert 3 * 3_600_000 < page._ahead[bundle_id] <= 3 * 3_600_000 + 60_000
    box = AcceptBundleBox(page, page._ahead[bundle_id])
    box.show()
    qtbot.waitExposed(box)
    hours = {"en": "3 hours", "es": "3 horas"}[language]
    assert hours in box.text() and box.defaultButton() is not box.merge_button
    assert box.width() <= 1024 and box.height() <= 700
    shot = page.grab()
    painter = QPainter(shot)
    picture = box.grab()
    painter.drawPixmap((shot.width() - picture.width()) // 2, (shot.height() - picture.height()) // 2, picture)
    painter.end()
    shot.save(str(shots_dir / f"sync-accept-{language}-1024.png"))
    # the lead in the words a person uses, whatever its size
    assert box.ahead_text(30 * 60_000) == {"en": "30 minutes", "es": "30 minutos"}[language]
    assert box.ahead_text(20_000) == {"en": "1 minute", "es": "1 minuto"}[language]
    assert box.ahead_text(12 * 86_400_000) == {"en": "12 days", "es": "12 días"}[language]
    box.close()
