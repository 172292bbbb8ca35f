"""Small reusable widgets for pages: header, search box, stat cards, tables.

Pages look alike when they are built from the same parts:

* :class:`PageHeader` -- the page title, a one-line subtitle and room for buttons.
* :class:`SearchBox` -- a line edit that emits :attr:`SearchBox.search_changed`
  a moment after typing stops (so a 100,000-row table is queried once, not per key).
* :class:`StatCard` -- a big number with a caption, for dashboards.
* :func:`make_table_view` -- a QTableView set up for a lazy model: whole-row
  selection, sorting in SQL, fixed row height (so Qt never measures every row).
* :class:`EmptyState` -- a friendly message where a table would be empty.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.ui import theme


class PageHeader(QWidget):
    """Title (large), subtitle (muted) and a row of action widgets on the right."""

    def __init__(self, title: str, subtitle: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        self.title_label = QLabel(title)
        self.title_label.setObjectName("pageTitle")
        self.subtitle_label = QLabel(subtitle)
        self.subtitle_label.setObjectName("pageSubtitle")
        self.subtitle_label.setWordWrap(True)
        self.subtitle_label.setVisible(bool(subtitle))
        texts.addWidget(self.title_label)
        texts.addWidget(self.subtitle_label)
        layout.addLayout(texts, 1)
        self.action_row = QHBoxLayout()
        self.action_row.setSpacing(8)
        layout.addLayout(self.action_row)

    def set_subtitle(self, text: str) -> None:
        self.subtitle_label.setText(text)
        self.subtitle_label.setVisible(bool(text))

    def add_action(self, widget: QWidget) -> None:
        self.action_row.addWidget(widget)


class SearchBox(QLineEdit):
    """A search field; :attr:`search_changed` fires 250 ms after the last key."""

    search_changed = Signal(str)
    DELAY_MS = 250

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self.setObjectName("searchBox")
        self.setMinimumWidth(260)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self.textChanged.connect(lambda _text: self._timer.start())
        self.returnPressed.connect(self.flush)

    def flush(self) -> None:
        """Emit now (Enter, or tests that do not want to wait)."""
        self._timer.stop()
        self.search_changed.emit(self.text())


class StatCard(QFrame):
    """A big figure with a caption and an optional detail line."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statCard")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(2)
        self.value_label = QLabel("–")
        self.value_label.setObjectName("statValue")
        self.caption_label = QLabel(caption)
        self.caption_label.setObjectName("statCaption")
        self.detail_label = QLabel("")
        self.detail_label.setObjectName("statDetail")
        self.detail_label.setWordWrap(True)
        layout.addWidget(self.value_label)
        layout.addWidget(self.caption_label)
        layout.addWidget(self.detail_label)

    def set_value(self, value: int | str, detail: str = "") -> None:
        self.value_label.setText(f"{value:,}" if isinstance(value, int) else value)
        # A blank detail keeps the card as tall as its neighbours.
        self.detail_label.setText(detail or " ")


class EmptyState(QLabel):
    """A centred, muted message for an empty list."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setObjectName("emptyState")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)


class SectionLabel(QLabel):
    """A small bold caption above a group of fields or a list."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setObjectName("sectionLabel")


def make_table_view(model: QAbstractItemModel, parent: QWidget | None = None,
                    widths: list[int] | None = None,
                    stretch: list[int] | None = None) -> QTableView:
    """A table view for a (lazy) model: rows selectable, SQL sorting, fixed heights.

    ``widths`` sets the columns' widths in pixels. The columns listed in
    ``stretch`` (or else the last column) share the remaining width, so a narrow
    window squeezes them instead of scrolling sideways.
    Never call ``resizeColumnsToContents`` on a lazy model: Qt would fetch up to
    1,000 rows to measure them.
    """
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    vheader = view.verticalHeader()
    vheader.setVisible(False)
    vheader.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vheader.setDefaultSectionSize(theme.ROW_HEIGHT)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    sort_column = getattr(model, "sort_column", None)
    if sort_column is not None:
        header.setSortIndicator(sort_column, model.sort_order)  # type: ignore[attr-defined]
    view.setSortingEnabled(True)
    for i, width in enumerate(widths or []):
        view.setColumnWidth(i, width)
    if stretch:
        header.setStretchLastSection(False)
    for i in stretch or []:
        header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
    header.setMinimumSectionSize(48)
    return view


class RefreshingPage(QWidget):
    """A page that reloads itself when the store changes, but only when seen.

    Subclasses set :attr:`watches` (table names whose changes matter; empty
    means every change) and implement :meth:`reload`. A change while the page
    is hidden only marks it stale; it reloads on its next ``showEvent``, so ten
    hidden pages do not all query the store after each write.
    """

    watches: frozenset[str] = frozenset()

    def __init__(self, ctx: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = True
        ctx.store_changed.connect(self._on_store_changed)  # type: ignore[attr-defined]

    def reload(self) -> None:
        """Read the store again and redraw (override)."""

    def mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh_now()

    def refresh_now(self) -> None:
        self._stale = False
        self.reload()

    def _on_store_changed(self, what: str) -> None:
        if not what or not self.watches or what in self.watches:
            self.mark_stale()

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        if self._stale:
            self.refresh_now()


def page_layout(page: QWidget) -> QVBoxLayout:
    """The standard margins and spacing of a page."""
    layout = QVBoxLayout(page)
    layout.setContentsMargins(28, 22, 28, 18)
    layout.setSpacing(12)
    return layout
