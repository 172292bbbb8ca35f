"""Small reusable widgets for pages: header, search box, stat cards, tables.

Pages look alike when they are built from the same parts:

* :class:`PageHeader` -- the page title, a one-line subtitle and room for buttons.
* :class:`SearchBox` -- a line edit that emits :attr:`SearchBox.search_changed`
  a moment after typing stops (so a 100,000-row table is queried once, not per key).
* :class:`StatCard` -- a big number with a caption, for dashboards.
* :func:`make_table_view` -- a QTableView set up for a lazy model: whole-row
  selection, sorting in SQL, fixed row height (so Qt never measures every row).
* :class:`EmptyState` -- a friendly message where a table would be empty.
* :func:`count_footer` -- the muted "N rows" line under a table.
* :class:`SearchTableDetailPage` -- search box, lazy table and a detail pane side
  by side, with a count footer (the Doors and People pages).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QItemSelection, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.ui import theme
from fieldapp.ui.flowlayout import FlowLayout
from fieldapp.ui.tablemodel import IdRole, LazyTableModel, RowSource


class PageHeader(QWidget):
    """Title (large), subtitle (muted) and a row of action widgets on the right.

    The actions flow (a button that does not fit goes to the next line, never
    cut), and when title and actions do not fit side by side (a 1024-pixel
    laptop, longer Spanish labels) the actions move under the subtitle.
    """

    SUBTITLE_ROOM = 320  # what the subtitle keeps beside the actions before they move below

    def __init__(self, title: str, subtitle: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        layout = self._layout
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
        self.action_row = FlowLayout(spacing=8)
        layout.addLayout(self.action_row)

    def set_subtitle(self, text: str) -> None:
        self.subtitle_label.setText(text)
        self.subtitle_label.setVisible(bool(text))

    def add_action(self, widget: QWidget) -> None:
        self.action_row.addWidget(widget)
        self._arrange(self.width())

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(event.size().width())
        super().resizeEvent(event)

    def _arrange(self, width: int) -> None:
        side_by_side = (self.title_label.sizeHint().width() + self.SUBTITLE_ROOM
                        + self.action_row.sizeHint().width()) <= width
        wanted = QBoxLayout.Direction.LeftToRight if side_by_side else QBoxLayout.Direction.TopToBottom
        if self._layout.direction() != wanted:
            self._layout.setDirection(wanted)


class SearchBox(QLineEdit):
    """A search field; :attr:`search_changed` fires 250 ms after the last key."""

    search_changed = Signal(str)
    DELAY_MS = 250

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self.setObjectName("searchBox")
        # Wide enough for its hint (a cut-off example helps nobody), within reason.
        hint = self.fontMetrics().horizontalAdvance(placeholder) + 48
        self.setMinimumWidth(min(max(260, hint), 420))
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
        # Grows with its wrapped caption and detail (Spanish captions take two lines).
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(2)
        self.value_label = QLabel("–")
        self.value_label.setObjectName("statValue")
        self.caption_label = QLabel(caption)
        self.caption_label.setObjectName("statCaption")
        self.caption_label.setWordWrap(True)
        self.detail_label = QLabel("")
        self.detail_label.setObjectName("statDetail")
        self.detail_label.setWordWrap(True)
        layout.addWidget(self.value_label)
        layout.addWidget(self.caption_label)
        layout.addWidget(self.detail_label)

    def set_value(self, value: int | str, detail: str = "") -> None:
        # Numbers in the interface language: "2,000" in English, "2000" or "2.000" in Spanish.
        self.value_label.setText(QLocale().toString(value) if isinstance(value, int) else value)
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


def scrolling_page_layout(page: QWidget) -> QVBoxLayout:
    """Like :func:`page_layout`, inside a pane that scrolls up and down.

    For pages whose content (charts, cards) needs more height than a 768-pixel
    screen leaves: they scroll instead of drawing their parts over each other.
    """
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    scroll = QScrollArea(page)
    scroll.setObjectName("pageScroll")
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    inner = QWidget()
    inner.setObjectName("pageContent")
    scroll.setWidget(inner)
    outer.addWidget(scroll)
    return page_layout(inner)


def ok_cancel_buttons(dialog: QDialog) -> QDialogButtonBox:
    """OK and Cancel wired to ``dialog``'s accept and reject (the caller places them)."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def count_footer(layout: QVBoxLayout) -> QLabel:
    """Add the muted count line under a table to ``layout`` and return its label."""
    footer = QHBoxLayout()
    label = QLabel("")
    label.setObjectName("muted")
    footer.addWidget(label)
    footer.addStretch(1)
    layout.addLayout(footer)
    return label


class SearchTableDetailPage(RefreshingPage):
    """A searchable lazy table with a detail pane beside it and a count below.

    Subclasses call :meth:`build` once with their source and detail pane, and
    implement :meth:`show_detail` (show one record's id, or ``None``) and
    :meth:`count_text`. :meth:`select_record` selects a record by id even when
    the current search hides it, which is how other pages jump here.
    """

    def build(self, *, subtitle: str, placeholder: str, source: RowSource, detail: QWidget,
              widths: list[int], stretch: list[int], sizes: list[int],
              detail_min_width: int) -> QVBoxLayout:
        ctx = self.ctx
        layout = page_layout(self)
        self.header = PageHeader(self.title(), subtitle)  # type: ignore[attr-defined]
        self.search = SearchBox(placeholder)
        self.header.add_action(self.search)
        layout.addWidget(self.header)

        self.model = LazyTableModel(ctx.store, source, self, tasks=ctx.tasks)  # type: ignore[attr-defined]
        self.table = make_table_view(self.model, self, widths=widths, stretch=stretch)
        detail.setMinimumWidth(detail_min_width)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes(sizes)
        layout.addWidget(splitter, 1)
        self.count_label = count_footer(layout)

        self.search.search_changed.connect(self._on_search)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)  # the count taken apart came in
        return layout

    # ------------------------------------------------------------ subclass hooks

    def show_detail(self, record_id: str | None) -> None:
        """Show ``record_id`` (or nothing) in the detail pane (override)."""

    def shown_id(self) -> str | None:
        """The id the detail pane shows, kept across a reload (override)."""
        return None

    def count_text(self, n: int, matching: bool) -> str:
        """The footer for ``n`` rows; ``matching`` when a search is on (override)."""
        return str(n)

    def record_selected(self, record_id: str) -> None:
        """The user picked ``record_id`` in the table (override to tell others)."""

    # ------------------------------------------------------------------ shared

    def reload(self) -> None:
        selected = self.shown_id()
        if selected:
            self.model.refresh(then=lambda: self.select_record(selected))
        else:
            self.model.refresh()

    def _on_search(self, text: str) -> None:
        self.model.set_search(text)
        self._stale = False

    def _update_count(self) -> None:
        if self.model.counting:
            return  # the first window is in, its count not yet: keep the footer until it is
        self.count_label.setText(self.count_text(self.model.rowCount(), bool(self.model.search_text)))

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        record_id = rows[0].data(IdRole) if rows else None
        self.show_detail(record_id)
        if record_id:
            self.record_selected(record_id)

    def select_record(self, record_id: str) -> bool:
        """Select and show ``record_id`` (clearing a search that hides it)."""
        if self._stale:
            self._stale = False
            self.model.refresh(wait=True)
        row = self.model.row_of(record_id)
        if row < 0 and self.model.search_text:
            self.search.blockSignals(True)
            self.search.setText("")
            self.search.blockSignals(False)
            self.model.set_search("", wait=True)
            row = self.model.row_of(record_id)
        if row < 0:
            self.show_detail(record_id)
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def open_on_page(self, page_key: str, method: str, record_id: str) -> None:
        """Switch the main window to ``page_key`` and call its ``method(record_id)``."""
        show = getattr(self.window(), "show_page", None)
        if show is None:
            return
        select = getattr(show(page_key), method, None)
        if select is not None:
            select(record_id)
