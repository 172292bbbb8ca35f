"""A row of keyed options: a number key picks one (the canvass form's building block)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QFrame, QPushButton, QWidget

from fieldapp.ui import theme
from fieldapp.ui.flowlayout import FlowLayout

RESULT_KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"]
"""The key of each result code, in RESULT_CODES order."""


class KeyPicker(QFrame):
    """A row of options, each with its key; a key press picks one.

    Focusable (Tab reaches it); the picked option is highlighted. Backspace or
    Delete clears the pick. :attr:`picked` fires with the option's value.
    """

    picked = Signal(object)

    def __init__(self, options: list[tuple[Any, str, str]] | None = None, parent: QWidget | None = None,
                 columns: int = 5) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setObjectName("keyPicker")
        self._columns = columns
        self._options: list[tuple[Any, str, str]] = []
        self._buttons: list[QPushButton] = []
        self._value: Any = None
        self._grid = FlowLayout(self, spacing=4)
        self._grid.setContentsMargins(4, 4, 4, 4)
        self._style(False)
        self.set_options(options or [])

    def _style(self, focused: bool) -> None:
        border = theme.ACCENT if focused else theme.BORDER
        self.setStyleSheet(
            f"QFrame#keyPicker {{ border: 2px solid {border}; border-radius: 8px; background: white; }}"
            "QFrame#keyPicker QPushButton { padding: 4px 8px; text-align: left; }"
            f"QFrame#keyPicker QPushButton:checked {{ background: {theme.ACCENT}; color: white; "
            f"border: 1px solid {theme.ACCENT_DARK}; }}"
        )

    def set_options(self, options: list[tuple[Any, str, str]]) -> None:
        """``options``: (value, label, key) triples.

        The buttons flow and wrap to the pane's width (a narrow laptop or longer
        Spanish labels put a button on the next line instead of off the edge).
        """
        while self._grid.count():
            item = self._grid.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.deleteLater()
        self._options = list(options)
        self._buttons = []
        for value, label, key in self._options:
            button = QPushButton(f"{key}  {label}")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _c=False, v=value: self.pick(v))
            self._grid.addWidget(button)
            self._buttons.append(button)
        self._value = None
        self._sync()

    def value(self) -> Any:
        return self._value

    def options(self) -> list[tuple[Any, str, str]]:
        return list(self._options)

    def pick(self, value: Any, *, emit: bool = True) -> None:
        self._value = value
        self._sync()
        if emit:
            self.picked.emit(value)

    def clear(self) -> None:
        self._value = None
        self._sync()

    def _sync(self) -> None:
        for (value, _label, _key), button in zip(self._options, self._buttons, strict=True):
            button.setChecked(value == self._value and self._value is not None)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        for value, _label, key in self._options:
            if text and text.lower() == key.lower():
                self.pick(value)
                return
        if event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.clear()
            self.picked.emit(None)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._style(True)
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._style(False)
        super().focusOutEvent(event)

