"""Events: schedule them, staff their shifts, manage signups, run the sign-in table.

The top table lists events (soonest first, each in its own time zone); the
lower half shows the selected event: its shifts, its signups (a lazy table
searched in SQL, so a summit's thousands of signups stay quick) and the
arrivals against RSVPs. Every button is one service call in
:mod:`fieldapp.services.events`, the same calls the ``fieldapp events`` CLI
makes.
"""

from __future__ import annotations

import logging
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.files import atomic_write
from fieldapp.core.models import SIGNUP_STATUSES
from fieldapp.errors import FieldAppError
from fieldapp.services import events as ev
from fieldapp.services.progress import Progress
from fieldapp.ui import labels, theme
from fieldapp.ui.checkin import CheckInDialog, SignupSource
from fieldapp.ui.context import AppContext
from fieldapp.ui.event_dialogs import AddSignupDialog, EventDialog, ShiftDialog
from fieldapp.ui.flowlayout import FlowLayout
from fieldapp.ui.sources import EventSource
from fieldapp.ui.tablemodel import LazyTableModel
from fieldapp.ui.widgets import (
    PageHeader,
    RefreshingPage,
    SearchBox,
    SectionLabel,
    make_table_view,
    page_layout,
)

log = logging.getLogger(__name__)


class Page(RefreshingPage):
    """Events with their shifts and signups, and the check-in mode."""

    key = "events"
    watches = frozenset({"events", "signups", "shifts", "event_hosts", "check_ins", "people"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.ctx: AppContext = ctx
        self.event_id: str | None = None
        self.shift_rows: list[ev.ShiftInfo] = []
        layout = page_layout(self)
        self._build_header(layout)
        layout.addLayout(self._build_actions())
        split = QSplitter(Qt.Orientation.Vertical)
        self.source = EventSource()
        self.model = LazyTableModel(ctx.store, self.source, self)
        self.table = make_table_view(self.model, self, widths=[250, 130, 280, 220])
        split.addWidget(self.table)
        split.addWidget(self._build_details())
        split.setChildrenCollapsible(False)
        split.setSizes([170, 500])
        layout.addWidget(split, 1)
        self._connect_signals()
        self._show_event(None)

    def _build_header(self, layout: QVBoxLayout) -> None:
        """The title, its description, the past-events box and the search."""
        self.header = PageHeader(self.title(), self.tr(
            "Canvass launches, house parties, phone banks and trainings. Times are in "
            "each event's own time zone."))
        self.past = QCheckBox(self.tr("Show past events"))
        self.search = SearchBox(self.tr("Search by title or place"))
        self.header.add_action(self.past)
        self.header.add_action(self.search)
        layout.addWidget(self.header)

    def _build_actions(self) -> FlowLayout:
        """The row of event buttons, the print-and-export menu and the count."""
        actions = FlowLayout(spacing=8)
        self.new_button = QPushButton(self.tr("New event…"))
        self.new_button.setObjectName("primary")
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.duplicate_button = QPushButton(self.tr("Duplicate"))
        self.cancel_button = QPushButton(self.tr("Cancel event"))
        self.checkin_button = QPushButton(self.tr("Check-in mode…"))
        self.export_button = QToolButton()
        self.export_button.setText(self.tr("Print and export"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        self.act_signin = menu.addAction(self.tr("Sign-in sheet (PDF)…"))
        self.act_calllist = menu.addAction(self.tr("Reminder call list (CSV)…"))
        self.act_ics = menu.addAction(self.tr("All events as a calendar file (ICS)…"))
        self.export_button.setMenu(menu)
        for w in (self.new_button, self.edit_button, self.duplicate_button, self.cancel_button,
                  self.checkin_button, self.export_button):
            actions.addWidget(w)
        self.count_label = QLabel("")
        self.count_label.setObjectName("muted")
        self.count_label.setMinimumWidth(160)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        actions.addWidget(self.count_label)
        return actions

    def _build_details(self) -> QScrollArea:
        """The selected event: summary and shifts on the left, signups on the right."""
        detail = QWidget()
        dl = QHBoxLayout(detail)
        dl.setContentsMargins(0, 6, 0, 0)
        dl.setSpacing(14)
        dl.addLayout(self._build_shift_pane(), 2)
        dl.addLayout(self._build_signup_pane(), 3)
        # On a 768-pixel screen the details scroll rather than squeeze the shifts to one row
        # or draw the summary over its neighbours.
        self.shift_table.setMinimumHeight(4 * theme.ROW_HEIGHT + 8)
        self.signup_table.setMinimumHeight(5 * theme.ROW_HEIGHT)
        self.table.setMinimumHeight(3 * theme.ROW_HEIGHT + 8)
        detail_scroll = QScrollArea()
        detail_scroll.setWidgetResizable(True)
        detail_scroll.setFrameShape(QFrame.Shape.NoFrame)
        detail_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        detail_scroll.setWidget(detail)
        return detail_scroll

    def _build_shift_pane(self) -> QVBoxLayout:
        """The event's summary card, its shifts and the shift buttons."""
        left = QVBoxLayout()
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setObjectName("card")
        self.summary.setStyleSheet(
            f"QLabel#card {{ background: {theme.CARD}; border: 1px solid {theme.BORDER}; "
            f"border-radius: 8px; padding: 10px; }}")
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary.setMinimumHeight(110)
        left.addWidget(self.summary)
        left.addWidget(SectionLabel(self.tr("Shifts")))
        self.shift_table = QTableWidget(0, 3)
        self.shift_table.setHorizontalHeaderLabels([self.tr("Role"), self.tr("Time"), self.tr("Taken")])
        self.shift_table.verticalHeader().setVisible(False)
        self.shift_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.shift_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.shift_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.shift_table.horizontalHeader().setStretchLastSection(True)
        self.shift_table.setColumnWidth(0, 120)
        self.shift_table.setColumnWidth(1, 130)
        left.addWidget(self.shift_table, 1)
        srow = FlowLayout(spacing=6)
        self.add_shift = QPushButton(self.tr("Add shift…"))
        self.edit_shift = QPushButton(self.tr("Edit shift…"))
        self.remove_shift = QPushButton(self.tr("Remove shift"))
        for b in (self.add_shift, self.edit_shift, self.remove_shift):
            srow.addWidget(b)
        left.addLayout(srow)
        return left

    def _build_signup_pane(self) -> QVBoxLayout:
        """The signups: search, arrivals against RSVPs, the table and status buttons."""
        right = QVBoxLayout()
        top = QHBoxLayout()
        top.addWidget(SectionLabel(self.tr("Signups")))
        top.addStretch(1)
        self.signup_search = SearchBox(self.tr("Name, phone or email"))
        self.signup_search.setMinimumWidth(200)
        top.addWidget(self.signup_search)
        right.addLayout(top)
        self.arrivals = QLabel("")
        self.arrivals.setObjectName("muted")
        self.arrivals.setWordWrap(True)
        right.addWidget(self.arrivals)
        self.signup_source = SignupSource(None)
        self.signup_model = LazyTableModel(self.ctx.store, self.signup_source, self)
        self.signup_table = make_table_view(self.signup_model, self, widths=[150, 105, 170, 110, 80, 50, 70],
                                            stretch=[2])  # names stay readable; e-mail gives way
        right.addWidget(self.signup_table, 1)
        urow = FlowLayout(spacing=6)
        self.add_signup = QPushButton(self.tr("Add signup…"))
        urow.addWidget(self.add_signup)
        urow.addWidget(QLabel(self.tr("Set status")))
        self.status_box = QComboBox()
        statuses = labels.signup_status_labels()
        for code in SIGNUP_STATUSES:
            self.status_box.addItem(labels.label(statuses, code), code)
        urow.addWidget(self.status_box)
        self.apply_status = QPushButton(self.tr("Apply"))
        urow.addWidget(self.apply_status)
        right.addLayout(urow)
        return right

    def _connect_signals(self) -> None:
        self.search.search_changed.connect(self._on_search)
        self.past.toggled.connect(self._on_past)
        self.model.modelReset.connect(self._update_count)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.new_button.clicked.connect(self.new_event)
        self.edit_button.clicked.connect(self.edit_event)
        self.table.doubleClicked.connect(lambda _i: self.edit_event())
        self.duplicate_button.clicked.connect(self.duplicate_event)
        self.cancel_button.clicked.connect(self.toggle_cancel)
        self.checkin_button.clicked.connect(self.open_checkin)
        self.act_signin.triggered.connect(self.export_signin)
        self.act_calllist.triggered.connect(self.export_calllist)
        self.act_ics.triggered.connect(self.export_ics)
        self.add_shift.clicked.connect(lambda: self._shift_dialog(None))
        self.edit_shift.clicked.connect(self._edit_selected_shift)
        self.shift_table.doubleClicked.connect(lambda _i: self._edit_selected_shift())
        self.remove_shift.clicked.connect(self._remove_shift)
        self.signup_search.search_changed.connect(self.signup_model.set_search)
        self.add_signup.clicked.connect(self._add_signup)
        self.apply_status.clicked.connect(self._apply_status)

    def title(self) -> str:
        return self.tr("Events")

    # ------------------------------------------------------------------ list

    def reload(self) -> None:
        keep = self.event_id
        self.model.refresh()
        if keep and self.model.row_of(keep) >= 0:
            self.select_event(keep)
        elif self.model.rowCount():
            self.table.selectRow(0)
        else:
            self._show_event(None)

    def select_event(self, event_id: str) -> None:
        row = self.model.row_of(event_id)
        if row >= 0:
            self.table.selectRow(row)
            self._show_event(event_id)

    def _on_search(self, text: str) -> None:
        self.model.set_search(text)
        self._stale = False

    def _on_past(self, checked: bool) -> None:
        self.source.include_past = checked
        self.reload()

    def _update_count(self) -> None:
        n = self.model.rowCount()
        if self.source.include_past:
            self.count_label.setText(self.tr("%Ln event(s)", "", n))
        else:
            self.count_label.setText(self.tr("%Ln upcoming event(s)", "", n))

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        self._show_event(self.model.id_at(rows[0].row()) if rows else None)

    # ------------------------------------------------------------------ detail

    def _show_event(self, event_id: str | None) -> None:
        self.event_id = event_id
        has = event_id is not None
        for w in (self.edit_button, self.duplicate_button, self.cancel_button, self.checkin_button,
                  self.add_shift, self.edit_shift, self.remove_shift, self.add_signup, self.apply_status,
                  self.act_signin, self.act_calllist):
            w.setEnabled(has)
        self.signup_source.event_id = event_id
        self.signup_model.refresh()
        if event_id is None:
            self.summary.setText(self.tr("Pick an event to see its shifts and signups."))
            self.shift_table.setRowCount(0)
            self.arrivals.setText("")
            return
        with self.ctx.store.session() as s:
            try:
                info = ev.event_info(s, event_id)
            except FieldAppError:
                self._show_event(None)
                return
            self.shift_rows = ev.shifts(s, event_id)
            counts = ev.arrival_counts(s, event_id)
        self.cancel_button.setText(self.tr("Reinstate event") if info.status == "cancelled"
                                   else self.tr("Cancel event"))
        self.checkin_button.setEnabled(info.status != "cancelled")
        kinds = labels.event_kind_labels()

        title = f"<b style='font-size:12pt'>{escape(info.title)}</b>"
        if info.status == "cancelled":
            cancelled = escape(self.tr("(cancelled)"))
            title += f" <span style='color:{theme.BAD}'>{cancelled}</span>"
        lines = [
            title,
            escape(f"{labels.label(kinds, info.kind)} · "
                   f"{labels.event_when(info.starts_at, info.ends_at, info.timezone)} ({info.timezone})"),
            escape(", ".join(p for p in (info.place_name, info.address) if p)),
        ]
        if info.host_names:
            lines.append(escape(self.tr("Hosted by {names}").format(names=", ".join(info.host_names))))
        cap = self.tr("capacity {n}").format(n=info.capacity) if info.capacity else self.tr("no capacity limit")
        lines.append(escape(cap))
        if info.description:
            lines.append(f"<span style='color:{theme.MUTED}'>{escape(info.description)}</span>")
        self.summary.setText("<br>".join(lines))
        self.shift_table.setRowCount(len(self.shift_rows))
        for row, sh in enumerate(self.shift_rows):
            taken = f"{sh.taken}/{sh.capacity}" if sh.capacity else str(sh.taken)
            if sh.waitlisted:
                taken += " " + self.tr("(+%Ln waitlisted)", "", sh.waitlisted)
            for col, text in enumerate((sh.role, f"{sh.starts_local:%H:%M}–{sh.ends_local:%H:%M}", taken)):
                self.shift_table.setItem(row, col, QTableWidgetItem(text))
        self.arrivals.setText(" · ".join((
            self.tr("%Ln RSVP(s)", "", counts.rsvps), self.tr("%Ln arrived", "", counts.arrived),
            self.tr("%Ln walk-in(s)", "", counts.walk_ins), self.tr("%Ln waitlisted", "", counts.waitlisted))))

    def _selected_shift(self) -> ev.ShiftInfo | None:
        rows = self.shift_table.selectionModel().selectedRows()
        return self.shift_rows[rows[0].row()] if rows and rows[0].row() < len(self.shift_rows) else None

    # ------------------------------------------------------------------ actions

    def _run(self, fn: Any, label: str, what: str, done: Any = None) -> None:
        store = self.ctx.store

        def work(progress: Progress) -> Any:
            with store.transaction() as s:
                return fn(s)

        def finished(result: Any) -> None:
            self.ctx.notify_changed(what)
            if done is not None:
                done(result)

        self.ctx.tasks.run(work, label=label, on_done=finished, parent=self)

    def new_event(self) -> None:
        dialog = EventDialog(self.ctx, None, self)
        if dialog.exec() and dialog.saved:
            self.reload()
            self.select_event(str(dialog.saved))

    def edit_event(self) -> None:
        if self.event_id:
            dialog = EventDialog(self.ctx, self.event_id, self)
            dialog.exec()

    def duplicate_event(self) -> None:
        if self.event_id:
            eid = self.event_id
            self._run(lambda s: ev.duplicate_event(s, eid), self.tr("Duplicating…"), "events",
                      lambda new_id: self.select_event(new_id))

    def toggle_cancel(self) -> None:
        if not self.event_id:
            return
        eid = self.event_id
        with self.ctx.store.session() as s:
            info = ev.event_info(s, eid)
        if info.status == "cancelled":
            self._run(lambda s: ev.cancel_event(s, eid, cancelled=False), self.tr("Reinstating…"), "events")
            return
        answer = QMessageBox.question(
            self, self.tr("Cancel event"),
            self.tr("Cancel {title}? Signups are kept so you can tell people.").format(title=info.title))
        if answer == QMessageBox.StandardButton.Yes:
            self._run(lambda s: ev.cancel_event(s, eid), self.tr("Cancelling…"), "events")

    def open_checkin(self) -> None:
        if self.event_id:
            dialog = CheckInDialog(self.ctx, self.event_id, self)
            dialog.exec()
            self.mark_stale()

    def _shift_dialog(self, shift: ev.ShiftInfo | None) -> None:
        if self.event_id:
            ShiftDialog(self.ctx, self.event_id, shift, self).exec()

    def _edit_selected_shift(self) -> None:
        shift = self._selected_shift()
        if shift is not None:
            self._shift_dialog(shift)

    def _remove_shift(self) -> None:
        shift = self._selected_shift()
        if shift is not None:
            self._run(lambda s: ev.remove_shift(s, shift.id), self.tr("Removing the shift…"), "shifts")

    def _add_signup(self) -> None:
        if self.event_id:
            dialog = AddSignupDialog(self.ctx, self.event_id, self)
            if dialog.exec() and isinstance(dialog.saved, ev.SignupResult) and dialog.saved.waitlisted:
                QMessageBox.information(self, self.tr("Waitlist"), self.tr(
                    "That shift is full: the person is on the waitlist and gets the first seat that opens."))

    def _apply_status(self) -> None:
        rows = self.signup_table.selectionModel().selectedRows()
        if not rows:
            return
        signup_id = self.signup_model.id_at(rows[0].row())
        status = str(self.status_box.currentData())
        if signup_id is None:
            return

        def done(promoted: str | None) -> None:
            if promoted:
                self.arrivals.setText(self.arrivals.text() + " · " + self.tr("one person moved up from the waitlist"))

        self._run(lambda s: ev.set_signup_status(s, signup_id, status), self.tr("Saving…"), "signups", done)

    # ------------------------------------------------------------------ exports

    def _save_path(self, caption: str, name: str, pattern: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self, caption, str(Path.home() / name), pattern)
        return Path(path) if path else None

    def export_signin(self) -> None:
        if not self.event_id:
            return
        eid = self.event_id
        path = self._save_path(self.tr("Save the sign-in sheet"), "sign-in.pdf", self.tr("PDF (*.pdf)"))
        if path is None:
            return
        store = self.ctx.store

        def work(progress: Progress) -> int:
            with store.session() as s:
                return ev.write_signin_pdf(s, eid, path)

        self.ctx.tasks.run(work, label=self.tr("Writing the sign-in sheet…"), parent=self,
                           on_done=lambda n: self._told(self.tr("Wrote {path} ({n} RSVPs).").format(path=path, n=n)))

    def export_calllist(self) -> None:
        if not self.event_id:
            return
        eid = self.event_id
        path = self._save_path(self.tr("Save the call list"), "call-list.csv", self.tr("CSV (*.csv)"))
        if path is None:
            return
        store = self.ctx.store

        def work(progress: Progress) -> tuple[int, int]:
            with store.session() as s, atomic_write(path, "w", encoding="utf-8", newline="") as fh:
                return ev.write_call_list(s, eid, fh)

        self.ctx.tasks.run(work, label=self.tr("Writing the call list…"), parent=self, on_done=lambda r: self._told(
            self.tr("Wrote {n} people to call to {path}; {left} left out (no phone, do not call or waitlisted).")
            .format(n=r[0], path=path, left=r[1])))

    def export_ics(self) -> None:
        path = self._save_path(self.tr("Save the calendar"), "events.ics", self.tr("iCalendar (*.ics)"))
        if path is None:
            return
        store = self.ctx.store

        def work(progress: Progress) -> int:
            with store.session() as s:
                return ev.write_ics(s, path)

        self.ctx.tasks.run(work, label=self.tr("Writing the calendar…"), parent=self,
                           on_done=lambda n: self._told(self.tr("Wrote {n} events to {path}.").format(n=n, path=path)))

    def _told(self, text: str) -> None:
        self.arrivals.setText(text)
        log.info("%s", text)

