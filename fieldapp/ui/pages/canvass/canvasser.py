"""Who knocked: asked once per sitting, before the first save, and changeable with F4.

Canvasser reports are only as good as this field: left at "(not recorded)" by
default it stayed empty, so the page asks before the first save of a sitting.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)


class CanvasserDialog(QDialog):
    """A list of the canvassers in the page's box; Enter picks the highlighted one."""

    def __init__(self, box: QComboBox, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Who knocked on these doors?"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Pick the canvasser whose walk sheets you are entering. It is asked once "
                               "per sitting; F4 changes it."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        for i in range(box.count()):
            item = QListWidgetItem(box.itemText(i))
            item.setData(Qt.ItemDataRole.UserRole, box.itemData(i))
            self.list.addItem(item)
        # Start on the first real canvasser (row 0 is "(not recorded)"), or the current one.
        current = box.currentIndex()
        self.list.setCurrentRow(current if current > 0 else min(1, box.count() - 1))
        self.list.itemActivated.connect(lambda _item: self.accept())
        self.list.installEventFilter(self)  # the list keeps Enter to itself otherwise
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(420, 360)
        self.list.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.list and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.accept()
            return True
        return super().eventFilter(watched, event)

    def chosen_index(self) -> int:
        return self.list.currentRow()
