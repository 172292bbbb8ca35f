"""Does a page fit? Text cut in buttons and labels, widgets outside what can be seen or scrolled to.

Used by the fit test (every page at 1024x768, English and Spanish) and by
``make screenshots``, which prints what it finds next to the pictures.

What counts as a problem:

* a button whose text (with its icon and padding: its size hint) is wider
  than the button;
* a one-line label whose text is wider than the label (a label that wraps
  must be tall enough for its wrapped text);
* a visible widget that lies outside one of its parents (so part of it is cut
  off), except inside a scroll area's content, which can be scrolled to,
  unless that scroll area cannot scroll sideways and the content is wider.

Internal parts of compound widgets (a combo box's list, a line edit's clear
button, item views' editors, tab bars' scroll buttons, the web view) are not
checked.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
    QScrollArea,
    QScrollBar,
    QTabBar,
    QWidget,
)

SLACK = 2  # pixels of rounding forgiven


@dataclass(frozen=True)
class Problem:
    widget: str
    what: str

    def __str__(self) -> str:
        return f"{self.widget}: {self.what}"


def _name(w: QWidget) -> str:
    text = ""
    if isinstance(w, (QAbstractButton, QLabel)):
        text = w.text().replace("\n", " ")[:40]
    return f"{type(w).__name__}({w.objectName() or '-'}) {text!r}"


def _internal(w: QWidget, root: QWidget) -> bool:
    parent = w.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, (QAbstractItemView, QComboBox, QLineEdit, QAbstractSpinBox, QTabBar, QMenu)):
            return True
        if type(parent).__name__ in ("QWebEngineView", "MapView", "QCalendarWidget"):
            return True
        parent = parent.parentWidget()
    return isinstance(w, QScrollBar) or type(w).__name__.startswith("QWebEngine")


def _shown(w: QWidget, root: QWidget) -> bool:
    return w.isVisibleTo(root) and w.width() > 0 and w.height() > 0


def _text_problem(w: QWidget) -> str | None:
    if isinstance(w, QAbstractButton) and w.text():
        need = w.sizeHint().width()
        if need > w.width() + SLACK:
            return f"text needs {need}px, the button shows {w.width()}px"
    if isinstance(w, QLabel) and w.text() and w.pixmap().isNull():
        if w.textFormat() == Qt.TextFormat.RichText or "<" in w.text():
            return None  # rich text lays itself out
        margins = w.contentsMargins().left() + w.contentsMargins().right() + 2 * w.margin()
        if w.wordWrap():
            need_h = w.heightForWidth(w.width())
            if need_h > w.height() + SLACK:
                return f"wrapped text needs {need_h}px of height, the label has {w.height()}px"
            return None
        longest = max(w.fontMetrics().horizontalAdvance(line) for line in w.text().split("\n"))
        if longest + margins > w.width() + SLACK:
            return f"text needs {longest + margins}px, the label shows {w.width()}px"
    return None


def _placement_problem(w: QWidget, root: QWidget) -> str | None:
    rect = QRect(0, 0, w.width(), w.height())
    child: QWidget = w
    parent = w.parentWidget()
    while parent is not None:
        mapped = QRect(child.mapTo(parent, rect.topLeft()), rect.size())
        scroll = parent.parentWidget()  # parent is a scroll area's viewport when child is its content
        if isinstance(scroll, QScrollArea) and scroll.widget() is child:
            # scrolled content: reachable, unless it is wider than a pane that cannot scroll sideways
            if (scroll.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
                    and child.width() > parent.width() + SLACK):
                return f"the scroll area cannot scroll sideways but its content is {child.width()}px " \
                       f"in {parent.width()}px"
            return None
        bounds = parent.rect().adjusted(-SLACK, -SLACK, SLACK, SLACK)
        if not bounds.contains(mapped):
            return (f"lies at {mapped.x()},{mapped.y()} {mapped.width()}x{mapped.height()}, outside "
                    f"{type(parent).__name__}({parent.objectName() or '-'}) {parent.width()}x{parent.height()}")
        if parent is root:
            return None
        rect = mapped
        child = parent
        parent = parent.parentWidget()
    return None


def problems(root: QWidget) -> list[Problem]:
    """Everything cut or out of reach in ``root`` (a shown page or window)."""
    found: list[Problem] = []
    for w in root.findChildren(QWidget):
        if not _shown(w, root) or _internal(w, root):
            continue
        if not isinstance(w, (QAbstractButton, QLabel, QLineEdit, QComboBox, QAbstractItemView,
                              QAbstractSpinBox)):
            continue
        what = _text_problem(w) or _placement_problem(w, root)
        if what:
            found.append(Problem(_name(w), what))
    return found
