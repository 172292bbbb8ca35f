"""The import wizard: file, preview and mapping, then the report."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from fieldapp.core.models import Door, Person, Turf

SHOTS = Path("/tmp/shots/doors")

VOTERS = (
    "VANID\tLastName\tFirstName\tAddress\tCity\tState\tZip5\tCellPhone\tMystery\n"
    "9001\tGarcía\tMaría\t2417 W Vliet St\tMilwaukee\tWI\t53205\t414-555-0101\tx\n"
    "9002\tGarcía\tJosé\t2417 W Vliet St\tMilwaukee\tWI\t53205\t\ty\n"
    "9003\tLee\tPa\t2420 W Vliet St Apt 3\tMilwaukee\tWI\t53205\t\tz\n"
)


def _shot(widget: object, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / name))  # type: ignore[attr-defined]


def _people(ctx: object) -> int:
    with ctx.store.session() as s:  # type: ignore[attr-defined]
        return int(s.scalar(select(func.count()).select_from(Person)) or 0)


@pytest.fixture
def make_wizard(ctx, qtbot):  # type: ignore[no-untyped-def]
    """Wizards made by a test, destroyed by Qt at its end (not later by Python's GC)."""
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent

    from fieldapp.ui.import_wizard import ImportWizard

    made: list[ImportWizard] = []

    def make() -> ImportWizard:
        wizard = ImportWizard(ctx)
        made.append(wizard)
        wizard.show()
        return wizard

    yield make
    qtbot.waitUntil(lambda: not ctx.tasks.busy, timeout=10_000)
    for wizard in made:
        wizard.close()
        wizard.deleteLater()
    made.clear()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


@pytest.fixture
def voter_file(tmp_path: Path) -> Path:
    path = tmp_path / "voters.tsv"
    path.write_bytes(VOTERS.encode("utf-16"))
    return path


def test_wizard_guesses_mapping_imports_and_reports(ctx, qtbot, make_wizard, voter_file: Path) -> None:  # type: ignore[no-untyped-def]
    before = _people(ctx)
    wizard = make_wizard()
    wizard.file_page.path_edit.setText(str(voter_file))
    wizard.next()
    page = wizard.mapping_page
    assert wizard.currentPage() is page
    assert page.mapping()["Address"] == "address"
    assert page.mapping()["CellPhone"] == "phone"
    assert page.mapping()["Mystery"] == "ignore"
    assert page.table.item(1, 1).text() == "García"  # preview decoded from UTF-16
    assert "utf-16" in page.info_label.text()
    _shot(wizard, "import-wizard-mapping.png")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.report_page.finished, timeout=10_000)
    assert wizard.report is not None and wizard.report.people_created == 3
    assert "people created             3" in wizard.report_page.text.toPlainText()
    # In English the wizard's (translatable) report reads exactly as the CLI's
    # (which ends with the turf placement; these rows have no coordinates).
    assert wizard.report_page.text.toPlainText() == "\n".join(
        [*wizard.report.lines(), "  0 new doors placed in turfs"])
    assert _people(ctx) == before + 3
    _shot(wizard, "import-wizard-report.png")


def _point_in_a_turf(ctx) -> tuple[str, float, float]:  # type: ignore[no-untyped-def]
    from shapely.geometry import shape

    with ctx.store.session() as s:
        turf = s.scalars(select(Turf).where(Turf.deleted.is_(False), Turf.polygon.is_not(None))
                         .order_by(Turf.name)).first()
        assert turf is not None
        point = shape(turf.polygon).representative_point()
        return turf.id, point.y, point.x


def _located_voters(tmp_path: Path, lat: float, lon: float) -> Path:
    path = tmp_path / "located.csv"
    path.write_text(
        "VANID,FirstName,LastName,Address,City,State,Latitude,Longitude\n"
        f"7001,Rosa,Parks,9999 W Test Ave,Milwaukee,WI,{lat:.7f},{lon:.7f}\n", encoding="utf-8")
    return path


def _door_turf(ctx) -> str | None:  # type: ignore[no-untyped-def]
    with ctx.store.session() as s:
        door = s.scalars(select(Door).where(Door.street_name == "W Test Ave")).one()
        return door.turf_id


@pytest.mark.parametrize("place", [True, False])
def test_new_doors_go_into_turfs_unless_unticked(ctx, qtbot, make_wizard, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                 place: bool) -> None:
    turf_id, lat, lon = _point_in_a_turf(ctx)
    wizard = make_wizard()
    wizard.file_page.path_edit.setText(str(_located_voters(tmp_path, lat, lon)))
    wizard.next()
    assert wizard.mapping_page.assign_turfs.isChecked()  # on by default, as in the CLI
    wizard.mapping_page.assign_turfs.setChecked(place)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.report_page.finished, timeout=10_000)
    assert wizard.report is not None and wizard.report.doors_created == 1
    text = wizard.report_page.text.toPlainText()
    if place:
        assert _door_turf(ctx) == turf_id
        assert text.endswith("  1 new doors placed in turfs")
        _shot(wizard, "import-wizard-turfs.png")
    else:
        assert _door_turf(ctx) is None
        assert "placed in turfs" not in text


def test_wizard_refuses_a_bad_mapping_and_says_why(ctx, qtbot, make_wizard, voter_file: Path) -> None:  # type: ignore[no-untyped-def]
    wizard = make_wizard()
    wizard.file_page.path_edit.setText(str(voter_file))
    wizard.next()
    wizard.mapping_page.set_field("Address", "ignore")
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    assert "no address columns" in wizard.mapping_page.error_label.text()


def test_wizard_names_a_bad_file(ctx, qtbot, make_wizard, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]

    bad = tmp_path / "numbers.csv"
    bad.write_text("1,2,3\n4,5,6\n", encoding="utf-8")
    wizard = make_wizard()
    wizard.file_page.path_edit.setText(str(bad))
    wizard.next()
    assert wizard.currentPage() is wizard.file_page
    assert "numbers.csv:1: no header line" in wizard.file_page.error_label.text()


def test_dry_run_writes_nothing(ctx, qtbot, make_wizard, voter_file: Path) -> None:  # type: ignore[no-untyped-def]
    before = _people(ctx)
    wizard = make_wizard()
    wizard.file_page.path_edit.setText(str(voter_file))
    wizard.next()
    wizard.mapping_page.dry_run.setChecked(True)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.report_page.finished, timeout=10_000)
    assert "nothing was written" in wizard.report_page.status.text()
    assert _people(ctx) == before


def test_doors_page_opens_the_wizard(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from fieldapp.ui.import_wizard import ImportWizard
    from fieldapp.ui.pages.doors import Page

    page = Page(ctx)
    qtbot.addWidget(page)
    page.show()
    page.import_button.click()
    wizards = page.findChildren(ImportWizard)
    assert len(wizards) == 1 and wizards[0].isVisible()
    wizards[0].reject()


OHIO = (
    '"SOS_VOTERID","COUNTY_NUMBER","LAST_NAME","FIRST_NAME","DATE_OF_BIRTH","VOTER_STATUS",'
    '"PARTY_AFFILIATION","RESIDENTIAL_ADDRESS1","RESIDENTIAL_SECONDARY_ADDR","RESIDENTIAL_CITY",'
    '"RESIDENTIAL_STATE","RESIDENTIAL_ZIP","PRECINCT_NAME","WARD","CONGRESSIONAL_DISTRICT",'
    '"STATE_SENATE_DISTRICT","STATE_REPRESENTATIVE_DISTRICT","MAILING_ADDRESS1"\n'
    '"OH01","25","NÚÑEZ","ANA","1970-01-02","ACTIVE","D","500 N HIGH ST","APT 2","COLUMBUS",'
    '"OH","43215","1-A","1","3","15","25",""\n'
    '"OH02","25","KIM","SOO","1960-07-08","CONFIRMATION","R","500 N HIGH ST","APT 3","COLUMBUS",'
    '"OH","43215","1-A","1","3","15","25",""\n'
)


def test_wizard_shows_the_layout_and_warns_about_an_ignored_unit(  # type: ignore[no-untyped-def]
        ctx, qtbot, make_wizard, tmp_path: Path) -> None:
    path = tmp_path / "SWVF_1_22.txt"
    path.write_bytes(OHIO.encode("utf-8-sig"))
    wizard = make_wizard()
    wizard.resize(1024, 768)
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    page = wizard.mapping_page
    assert "layout: Ohio Secretary of State voter file" in page.info_label.text()
    assert page.mapping()["RESIDENTIAL_SECONDARY_ADDR"] == "unit"
    assert page.warnings_label.text() == ""
    page.set_field("RESIDENTIAL_SECONDARY_ADDR", "ignore")
    assert page.warnings_label.text() == (
        "column 'RESIDENTIAL_SECONDARY_ADDR' looks like a unit/apartment and is not imported "
        "(map it to 'unit' to keep it)")
    _shot(wizard, "import-wizard-mapping-warning.png")
    page.set_field("RESIDENTIAL_SECONDARY_ADDR", "unit")
    page.dry_run.setChecked(True)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.report_page.finished, timeout=10_000)
    text = wizard.report_page.text.toPlainText()
    assert text == "\n".join(wizard.report.lines())
    assert "  layout: oh_sos (Ohio Secretary of State voter file)" in text
    assert "  status: active 1, inactive 1" in text
    assert "columns ignored (2): COUNTY_NUMBER, MAILING_ADDRESS1" in text
    _shot(wizard, "import-wizard-report-layout.png")


def test_wizard_reads_a_headerless_file_in_a_chosen_layout(  # type: ignore[no-untyped-def]
        ctx, qtbot, make_wizard, tmp_path: Path) -> None:
    from tests.services.test_voter_layouts import _fl_file

    path = _fl_file(tmp_path)
    wizard = make_wizard()
    combo = wizard.file_page.profile_combo
    combo.setCurrentIndex(combo.findData("layout:fl_extract"))
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    page = wizard.mapping_page
    assert "(no header row)" in page.info_label.text()
    assert page.mapping()["Residence Address Line 2"] == "unit"
    assert page.table.item(1, 2).text() == "Peña"  # the first row is data, not a header
