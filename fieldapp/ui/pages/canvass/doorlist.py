"""The canvass page's door list: the turf's doors in walk order, loading, history."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.models import Turf
from fieldapp.services import canvass, lookup
from fieldapp.services.progress import Progress
from fieldapp.ui import labels, theme
from fieldapp.ui.context import AppContext
from fieldapp.ui.pages.canvass.form import CanvassForm
from fieldapp.ui.pages.canvass.keypicker import KeyPicker
from fieldapp.ui.widgets import PageHeader, SectionLabel


@dataclass
class _Loaded:
    turf_id: str
    doors: list[canvass.EntryDoor]
    questions: list[canvass.Question]
    campaign_id: str | None
    parts: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # id -> number, street, unit



class DoorList(CanvassForm):
    """The door list and contact history beside the form; loading a turf."""

    header: PageHeader
    turf_box: QComboBox
    canvasser_box: QComboBox

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.doors: list[canvass.EntryDoor] = []
        self.door_parts: dict[str, tuple[str, str, str]] = {}
        self.campaign_id: str | None = None
        self.turf_id: str | None = None
        self.current = -1

    def _build_door_list(self) -> QSplitter:
        """The doors (top) over the contact history of the current door (bottom)."""
        self.door_table = QTableWidget(0, 4)
        self.door_table.setHorizontalHeaderLabels(
            [self.tr("#"), self.tr("Address"), self.tr("People"), self.tr("Last result")])
        self.door_table.verticalHeader().setVisible(False)
        self.door_table.verticalHeader().setDefaultSectionSize(theme.ROW_HEIGHT)
        self.door_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.door_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.door_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.door_table.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.door_table.setColumnWidth(0, 38)
        # People and last result: as wide as their translated (bold) titles need, within
        # reason; the address takes what is left, so the list never scrolls sideways.
        # The address matters most (which unit is this?): a long result such as
        # "Language barrier" is cut rather than the address (its tooltip has it whole).
        header_font = QFont(self.door_table.horizontalHeader().font())
        header_font.setBold(True)
        header_metrics = QFontMetrics(header_font)
        for column, least, most in ((2, 40, 90), (3, 80, 110)):
            item = self.door_table.horizontalHeaderItem(column)
            needed = header_metrics.horizontalAdvance(item.text() if item else "") + 14
            self.door_table.setColumnWidth(column, max(least, min(needed, most)))
        self.door_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.door_table.setAlternatingRowColors(True)
        self.door_table.setShowGrid(False)
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.door_table)
        hist_box = QWidget()
        hist_layout = QVBoxLayout(hist_box)
        hist_layout.setContentsMargins(0, 0, 0, 0)
        hist_layout.setSpacing(4)
        hist_layout.addWidget(SectionLabel(self.tr("Contact history (newest first)")))
        self.history = QListWidget()
        self.history.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        hist_layout.addWidget(self.history)
        hist_buttons = QHBoxLayout()
        hist_buttons.addStretch(1)
        self.correct_button = QPushButton(self.tr("Correct selected attempt (F2)"))
        self.correct_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.correct_button.setEnabled(False)
        hist_buttons.addWidget(self.correct_button)
        hist_layout.addLayout(hist_buttons)
        left.addWidget(hist_box)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 1)
        left.setSizes([480, 200])
        return left

    # ------------------------------------------------------------------ loading

    def reload(self) -> None:
        """Fill the turf and canvasser lists (fast reads), then load the turf."""
        store = self.ctx.store
        with store.session() as s:
            turfs = lookup.turf_choices(s)
            vols = [(v.id, v.name, v.role) for v in lookup.active_volunteers(s)]
        current_turf = self.turf_box.currentData() or self.turf_id
        current_vol = self.canvasser_box.currentData()
        self.turf_box.blockSignals(True)
        self.turf_box.clear()
        for tid, name in turfs:
            self.turf_box.addItem(name, tid)
        i = self.turf_box.findData(current_turf) if current_turf else 0
        self.turf_box.setCurrentIndex(max(i, 0))
        self.turf_box.blockSignals(False)
        roles = labels.role_labels()
        self.canvasser_box.clear()
        self.canvasser_box.addItem(self.tr("(not recorded)"), None)
        for vid, name, role in vols:
            self.canvasser_box.addItem(f"{name} · {labels.label(roles, role)}", vid)
        if current_vol:
            self.canvasser_box.setCurrentIndex(max(self.canvasser_box.findData(current_vol), 0))
        if turfs:
            self.load_turf(self.turf_box.currentData(), keep_position=current_turf == self.turf_id)

    def _on_turf(self, _index: int) -> None:
        tid = self.turf_box.currentData()
        if tid:
            self.load_turf(tid)

    def load_turf(self, turf_id: str, keep_position: bool = False) -> None:
        store = self.ctx.store
        position = self.current if keep_position else 0

        def work(progress: Progress) -> _Loaded:
            with store.session() as s:
                doors = canvass.entry_doors(s, turf_id)
                turf = s.get(Turf, turf_id)
                campaign_id = turf.campaign_id if turf is not None else None
                questions = canvass.script(s, campaign_id) if campaign_id else []
                parts = lookup.door_address_parts(s, turf_id)
            return _Loaded(turf_id, doors, questions, campaign_id, parts)

        self.ctx.tasks.run(work, label=self.tr("Loading the turf…"),
                           on_done=lambda loaded: self._loaded(loaded, position), parent=self)

    def _loaded(self, loaded: _Loaded, position: int) -> None:
        self.turf_id = loaded.turf_id
        self.doors = loaded.doors
        self.door_parts = loaded.parts
        self.campaign_id = loaded.campaign_id
        if [q.id for q in loaded.questions] != [q.id for q in self.questions] or loaded.questions != self.questions:
            self.questions = loaded.questions
            self._build_questions()
        self._fill_door_table()
        self._update_subtitle()
        if self.doors:
            self.go(min(max(position, 0), len(self.doors) - 1), skip_suppressed=position == 0)
        else:
            self.current = -1
            self._enable_form(False)

    def _update_subtitle(self) -> None:
        self.header.set_subtitle(self.subtitle_text(self.counts()))

    def counts(self) -> dict[str, int]:
        """The subtitle's figures: doors, doors still to knock (no result yet), doors with a result."""
        return {
            "doors": len(self.doors),
            "to_knock": sum(1 for d in self.doors if d.suppressed is None and not d.last_result),
            "with_result": sum(1 for d in self.doors if d.last_result),
        }

    def _suppressed_text(self, reason: str) -> str:
        """The service's "Do not knock: <reason>" in the interface language."""
        prefix = "Do not knock"
        if reason.startswith(prefix):
            return self.tr("Do not knock") + reason[len(prefix):]
        return reason

    def _fill_door_table(self) -> None:
        names = labels.result_labels()
        table = self.door_table
        table.blockSignals(True)
        table.setRowCount(len(self.doors))
        for row, door in enumerate(self.doors):
            last = labels.label(names, door.last_result) if door.last_result else ""
            if door.suppressed:
                last = self.tr("Do not knock")
            cells = [str(row + 1), self.list_address(door), str(len(door.people)), last]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col in (1, 3):
                    item.setToolTip(door.address if col == 1 else text)
                if door.suppressed:
                    item.setForeground(QColor(theme.BAD if col == 3 else theme.MUTED))
                    item.setToolTip(self._suppressed_text(door.suppressed))
                if col in (0, 2):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                table.setItem(row, col, item)
        table.blockSignals(False)

    def list_address(self, door: canvass.EntryDoor) -> str:
        """A door as the list shows it: house number and unit first, then the street.

        The list is narrow beside the form; cut at its right edge, "2147 W Kilbourn
        Ave Apt 3" and "... Apt 4" looked the same. "2147 Apt 3 · W Kilbourn Ave"
        keeps what tells the units of a building apart in sight.
        """
        number, street, unit = self.door_parts.get(door.id, ("", "", ""))
        if not unit:
            return door.address
        return f"{number} {unit} · {street}".strip()


    def go(self, row: int, *, skip_suppressed: bool = False) -> None:
        """Show door ``row`` (skipping forward past do-not-knock doors if asked)."""
        if not self.doors:
            return
        row = max(0, min(row, len(self.doors) - 1))
        if skip_suppressed:
            start = row
            while row < len(self.doors) and self.doors[row].suppressed:
                row += 1
            if row >= len(self.doors):
                row = start
        self.current = row
        self.door_table.blockSignals(True)
        self.door_table.selectRow(row)
        self.door_table.blockSignals(False)
        first_cell = self.door_table.item(row, 0)
        if first_cell is not None:
            self.door_table.scrollToItem(first_cell, QAbstractItemView.ScrollHint.PositionAtCenter)
        self._show_door()

    def _on_door_selected(self) -> None:
        rows = {i.row() for i in self.door_table.selectedIndexes()}
        if rows and min(rows) != self.current:
            self.current = min(rows)
            self._show_door()

    def current_door(self) -> canvass.EntryDoor | None:
        return self.doors[self.current] if 0 <= self.current < len(self.doors) else None


    def _show_door(self) -> None:
        door = self.current_door()
        self.correcting = None
        self.correct_label.hide()
        if door is None:
            self._enable_form(False)
            return
        self._enable_form(True)
        self.address_label.setText(door.address)
        self.position_label.setText(self.tr("door {i} of {n}").format(i=self.current + 1, n=len(self.doors)))
        if door.suppressed:
            self.suppressed_label.setText(self._suppressed_text(door.suppressed))
            self.suppressed_label.show()
        else:
            self.suppressed_label.hide()
        # The people first (keys 1..n: the person spoken with), the whole household on 0.
        who: list[tuple[object, str, str]] = []
        for i, p in enumerate(door.people, 1):
            extra = " · ES" if p.language == "es" else ""
            if p.do_not_call:
                extra += " · " + self.tr("no calls")
            if p.do_not_text:
                extra += " · " + self.tr("no texts")
            who.append((p.id, p.name + extra, str(i)))
        who.append(("household", self.household_label(len(door.people)) if door.people
                    else self.tr("The door (nobody known)"), "0"))
        self._residents = [p.id for p in door.people]
        self.who_picker.set_options(who)
        self._fit_form()
        self.clear_form()
        self._load_history(door.id)
        self.result_picker.setFocus()


    def _load_history(self, door_id: str) -> None:
        with self.ctx.store.session() as s:
            items = canvass.door_history(s, door_id)
        names = labels.result_labels()
        self.history.clear()
        for h in items:
            when = labels.local_datetime(h.attempted_at)
            parts = [when, labels.label(names, h.result_code)]
            if h.support:
                parts.append(labels.support_label(h.support))
            if h.person_name:
                parts.append(h.person_name)
            parts.append(self.tr("by {who}").format(who=h.canvasser_name) if h.canvasser_name
                         else self.tr("canvasser not recorded"))
            if h.supersedes_id:
                parts.append(self.tr("(correction)"))
            item = QListWidgetItem(" · ".join(parts))
            item.setData(Qt.ItemDataRole.UserRole, h)
            self.history.addItem(item)
        if not items:
            self.history.addItem(QListWidgetItem(self.tr("No contact yet.")))
            self.history.item(0).setFlags(Qt.ItemFlag.NoItemFlags)

    def correct_by_key(self) -> None:
        """F2: correct the attempt picked in the history, or else the newest one (no mouse needed)."""
        if not self.history.selectedItems() and self.history.count():
            first = self.history.item(0)
            if first is not None and first.flags() & Qt.ItemFlag.ItemIsSelectable:
                self.history.setCurrentRow(0)
        self.start_correction()

    def start_correction(self) -> None:
        """Load the selected attempt into the form; saving writes a superseding attempt."""
        items = self.history.selectedItems()
        if not items:
            return
        h = items[0].data(Qt.ItemDataRole.UserRole)
        if not isinstance(h, canvass.HistoryEntry):
            return
        self.clear_form()
        self.result_picker.pick(h.result_code, emit=False)
        self._apply_branching()
        if h.support:
            self.support_picker.pick(h.support, emit=False)
        if h.person_id:
            self.who_picker.pick(h.person_id, emit=False)
        for q in self.questions:  # parents first, so follow-ups become visible
            value = h.answers.get(q.id)
            widget = self._question_widgets[q.id]
            if value is not None:
                if isinstance(widget, KeyPicker):
                    widget.pick(value, emit=False)
                elif isinstance(widget, QLineEdit):
                    widget.setText(value)
            self._apply_branching()
        self.notes.setText(h.notes)
        self.correcting = h.id
        self.correct_label.setText(self.tr("Correcting the attempt of {when}: saving adds a correction "
                                           "that replaces it (Esc to cancel).").format(
            when=labels.local_datetime(h.attempted_at)))
        self.correct_label.show()
        self.result_picker.setFocus()

