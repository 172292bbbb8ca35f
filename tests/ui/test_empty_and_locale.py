"""A new campaign's pages say what to do first; numbers and plurals follow the interface language."""

from __future__ import annotations

from fieldapp import app as fieldapp_app
from fieldapp.services.newcampaign import create_campaign
from fieldapp.ui.firststeps import FirstSteps
from fieldapp.ui.main_window import MainWindow


def test_new_campaign_pages_teach_the_first_step(app, store, qtbot) -> None:
    from fieldapp.ui.context import AppContext

    create_campaign(store, "Clean Air 2027", "Southside Tenants Union")
    ctx = AppContext(store)
    try:
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.show()
        for key in ("dashboard", "map", "turfs", "doors", "canvass"):
            card = window.page(key).findChild(FirstSteps)
            assert card is not None and card.isVisibleTo(window.page(key)), key
            assert "voter file" in card.text.text()
            assert card.import_button.isVisibleTo(card) and card.join_button.isVisibleTo(card)
        opened: list[bool] = []
        doors = window.page("doors")
        doors.open_import_wizard = lambda: opened.append(True)  # the wizard has its own tests
        window.page("canvass").findChild(FirstSteps).import_button.click()
        assert opened == [True] and window.current_key() == "doors"
        window.page("dashboard").findChild(FirstSteps).join_button.click()
        assert window.current_key() == "sync"
        assert window.page("people").findChild(FirstSteps) is None
        window.close()
    finally:
        ctx.tasks.shutdown(wait=True)


def test_demo_campaign_shows_no_first_steps(window) -> None:
    for key in ("dashboard", "doors", "canvass"):
        card = window.page(key).findChild(FirstSteps)
        assert card is not None and not card.isVisibleTo(window.page(key))


def test_numbers_and_plurals_follow_the_language(app, qtbot) -> None:
    from PySide6.QtCore import QCoreApplication

    from fieldapp.ui.widgets import StatCard

    card = StatCard("Doors")
    qtbot.addWidget(card)
    fieldapp_app.load_translations(app, "en")
    card.set_value(2000)
    assert card.value_label.text() == "2,000"
    assert QCoreApplication.translate("Page", "%Ln door(s)", "", 1) == "1 door"
    assert QCoreApplication.translate("Page", "%Ln door(s)", "", 2000) == "2,000 doors"
    fieldapp_app.load_translations(app, "es")
    card.set_value(2000)
    assert card.value_label.text() in ("2000", "2.000", "2 000", "2\u00a0000")  # never "2,000"
    assert QCoreApplication.translate("Page", "%Ln door(s)", "", 1) == "1 puerta"
    assert QCoreApplication.translate("Page", "%Ln door(s)", "", 3) == "3 puertas"
