"""Empty states that teach: on a new campaign, pages say what to do first, with the button to do it.

A new campaign has no doors and no turfs, and its Dashboard, Map, Turfs, Doors
and Canvass pages were empty boxes. :class:`FirstSteps` is a card the main
window puts at the top of those pages while the campaign lacks what the page
needs: doors (import a voter file, or join a campaign to receive a turf
packet) and then turfs (cut or import them).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from fieldapp.services.lookup import SetupState
from fieldapp.ui.flowlayout import FlowLayout

PAGES = ("dashboard", "map", "turfs", "doors", "canvass")


def _texts(key: str, state: SetupState) -> str | None:
    """What the page ``key`` says, or None when it has what it needs."""
    if not state.has_doors:
        texts = {
            "dashboard": QCoreApplication.translate(
                "FirstSteps", "Nothing to count yet. Start with the doors: import a voter file, or join a "
                "campaign your office runs to receive its turf packet."),
            "map": QCoreApplication.translate(
                "FirstSteps", "No doors to show yet. Import a voter file (the doors are placed on the map as "
                "they are geocoded), or join a campaign."),
            "turfs": QCoreApplication.translate(
                "FirstSteps", "Turfs are cut from doors, and there are none yet: import a voter file first, "
                "then cut or import turfs here."),
            "doors": QCoreApplication.translate(
                "FirstSteps", "No doors yet. Import a voter file (a CSV from your state or county) to bring in "
                "the doors and the people living there."),
            "canvass": QCoreApplication.translate(
                "FirstSteps", "Results are entered turf by turf, and there are no doors yet: import a voter "
                "file and make turfs, or join a campaign to receive a turf packet."),
        }
        return texts.get(key)
    if not state.has_turfs and key in ("turfs", "canvass", "dashboard"):
        return QCoreApplication.translate("FirstSteps", "The doors are in; next, cut them into turfs (or import turfs "
                                                         "drawn elsewhere) so that canvassers can walk them.")
    return None


class FirstSteps(QFrame):
    """A card with the next step and its buttons; hidden once the page has what it needs."""

    def __init__(self, key: str, go: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 12, 18, 12)
        self.text = QLabel("")
        self.text.setWordWrap(True)
        self.text.setObjectName("firstSteps")
        layout.addWidget(self.text)
        row = FlowLayout(spacing=8)
        self.import_button = QPushButton(QCoreApplication.translate("FirstSteps", "Import a voter file…"))
        self.import_button.setObjectName("primary")
        self.turfs_button = QPushButton(QCoreApplication.translate("FirstSteps", "Cut or import turfs…"))
        self.join_button = QPushButton(QCoreApplication.translate("FirstSteps", "Join a campaign…"))
        self.import_button.clicked.connect(lambda: go("import"))
        self.turfs_button.clicked.connect(lambda: go("turfs"))
        self.join_button.clicked.connect(lambda: go("join"))
        for button in (self.import_button, self.turfs_button, self.join_button):
            row.addWidget(button)
        layout.addLayout(row)
        self.hide()

    def update_state(self, state: SetupState) -> None:
        text = _texts(self.key, state)
        self.setVisible(text is not None)
        if text is None:
            return
        self.text.setText(text)
        self.import_button.setVisible(not state.has_doors)
        self.join_button.setVisible(not state.has_doors)
        self.turfs_button.setVisible(state.has_doors and not state.has_turfs)
