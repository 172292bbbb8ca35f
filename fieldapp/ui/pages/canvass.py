"""Canvass entry: type a turf's walk sheets in at the speed of a stack of paper.

Keyboard first, mouse optional. The flow for one door:

* the **result** row has the focus: a number key picks the result
  (1 Canvassed, 2 Not home ... 0 Do not knock);
* after "Canvassed" the focus jumps to **support** (keys 1-5), then to each
  **survey question** in turn (a number key picks the answer; follow-up
  questions appear when their answer is given); Tab / Shift+Tab move freely,
  and **who** the result covers (0 the whole household, 1..n one person) sits
  between result and support;
* **Enter** saves and moves to the next door that may be knocked (do-not-knock
  doors are skipped but stay in the list with the reason);
* Page Down / Page Up move between doors without saving; Esc clears the form.

Saving is a :func:`fieldapp.services.canvass.record_result` call on the task
runner's database worker; a correction (pick an attempt in the history and
press "Correct") is a new attempt that supersedes the old one.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.models import RESULT_CODES, Door, Turf
from fieldapp.errors import FieldAppError
from fieldapp.services import canvass, knock, lookup
from fieldapp.services.progress import Progress
from fieldapp.ui import errordialog, labels, theme
from fieldapp.ui.context import AppContext
from fieldapp.ui.widgets import PageHeader, RefreshingPage, SectionLabel, page_layout

log = logging.getLogger(__name__)

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
        self._grid = QVBoxLayout(self)
        self._grid.setContentsMargins(4, 4, 4, 4)
        self._grid.setSpacing(4)
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
        """``options``: (value, label, key) triples."""
        while self._grid.count():
            item = self._grid.takeAt(0)
            row = item.layout() if item is not None else None
            if row is not None:
                while row.count():
                    inner = row.takeAt(0)
                    w = inner.widget() if inner is not None else None
                    if w is not None:
                        w.deleteLater()
        self._options = list(options)
        self._buttons = []
        row_layout: QHBoxLayout | None = None
        for i, (value, label, key) in enumerate(self._options):
            if i % self._columns == 0:
                row_layout = QHBoxLayout()
                row_layout.setSpacing(4)
                self._grid.addLayout(row_layout)
            button = QPushButton(f"{key}  {label}")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _c=False, v=value: self.pick(v))
            assert row_layout is not None
            row_layout.addWidget(button)
            self._buttons.append(button)
        if row_layout is not None and len(self._options) % self._columns:
            row_layout.addStretch(1)
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


@dataclass
class _Loaded:
    turf_id: str
    doors: list[canvass.EntryDoor]
    questions: list[canvass.Question]
    campaign_id: str | None
    parts: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # id -> number, street, unit


class Page(RefreshingPage):
    """Pick a turf; its doors in walk order; a keyboard-first result form."""

    key = "canvass"
    watches = frozenset({"contact_attempts", "doors", "people", "survey_questions", "turfs", "volunteers"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.ctx: AppContext = ctx
        self.doors: list[canvass.EntryDoor] = []
        self.door_parts: dict[str, tuple[str, str, str]] = {}
        self.questions: list[canvass.Question] = []
        self.campaign_id: str | None = None
        self.turf_id: str | None = None
        self.current = -1
        self.correcting: str | None = None  # attempt id being corrected
        self.saved_count = 0
        self._saving = False
        self._own_change = False
        self._flags_changed = False
        self._question_widgets: dict[str, QWidget] = {}
        self._question_labels: dict[str, QLabel] = {}

        layout = page_layout(self)
        self.header = PageHeader(self.title(), self.tr(
            "Enter walk sheets fast: number keys pick the result, support and answers; "
            "Enter saves and moves to the next door."))
        layout.addWidget(self.header)

        bar = QHBoxLayout()
        bar.setSpacing(8)
        bar.addWidget(QLabel(self.tr("Turf")))
        # Combo boxes sized by a typical entry, not by the longest one: the longest
        # turf or canvasser name pushed the bar wider than the page (labels overlapped).
        self.turf_box = QComboBox()
        self.turf_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.turf_box.setMinimumContentsLength(22)
        bar.addWidget(self.turf_box)
        bar.addWidget(QLabel(self.tr("Canvasser")))
        self.canvasser_box = QComboBox()
        self.canvasser_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.canvasser_box.setMinimumContentsLength(16)
        bar.addWidget(self.canvasser_box)
        bar.addWidget(QLabel(self.tr("Questions in")))
        self.lang_box = QComboBox()
        self.lang_box.addItem(self.tr("English"), "en")
        self.lang_box.addItem(self.tr("Spanish"), "es")
        # Questions start in the interface language (a Spanish-speaking team reads Spanish).
        self.lang_box.setCurrentIndex(max(0, self.lang_box.findData(QLocale().name().split("_")[0])))
        bar.addWidget(self.lang_box)
        bar.addStretch(1)
        self.script_button = QPushButton(self.tr("Edit script…"))
        bar.addWidget(self.script_button)
        layout.addLayout(bar)

        split = QSplitter(Qt.Orientation.Horizontal)
        # ---- the doors, in walk order
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
        self.correct_button = QPushButton(self.tr("Correct selected attempt"))
        self.correct_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.correct_button.setEnabled(False)
        hist_buttons.addWidget(self.correct_button)
        hist_layout.addLayout(hist_buttons)
        left.addWidget(hist_box)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 1)
        left.setSizes([480, 200])
        split.addWidget(left)

        # ---- the form
        form_box = QFrame()
        form_box.setObjectName("card")
        form = QVBoxLayout(form_box)
        form.setContentsMargins(18, 12, 18, 12)
        form.setSpacing(6)
        self.address_label = QLabel("")
        self.address_label.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.position_label = QLabel("")
        self.position_label.setObjectName("muted")
        top = QHBoxLayout()
        top.addWidget(self.address_label, 1)
        top.addWidget(self.position_label)
        form.addLayout(top)
        self.suppressed_label = QLabel("")
        self.suppressed_label.setWordWrap(True)
        self.suppressed_label.setStyleSheet(
            f"background: #fdecea; color: {theme.BAD}; border: 1px solid #f5c2c0; border-radius: 6px;"
            "padding: 6px 10px; font-weight: 600;")
        self.suppressed_label.hide()
        form.addWidget(self.suppressed_label)
        self.correct_label = QLabel("")
        self.correct_label.setStyleSheet(
            f"background: #fff4e5; color: {theme.WARN}; border-radius: 6px; padding: 6px 10px;")
        self.correct_label.hide()
        form.addWidget(self.correct_label)

        form.addWidget(SectionLabel(self.tr("Result")))
        names = labels.result_labels()
        self.result_picker = KeyPicker(
            [(code, names.get(code, code), key) for code, key in zip(RESULT_CODES, RESULT_KEYS, strict=True)])
        form.addWidget(self.result_picker)
        form.addWidget(SectionLabel(self.tr("Who")))
        self.who_picker = KeyPicker(columns=4)
        form.addWidget(self.who_picker)
        self.support_title = SectionLabel(self.tr("Support"))
        form.addWidget(self.support_title)
        self.support_picker = KeyPicker(
            [(n, labels.support_label(n).split(" ", 1)[1], str(n)) for n in range(1, 6)])
        form.addWidget(self.support_picker)
        self.survey_title = SectionLabel(self.tr("Survey"))
        form.addWidget(self.survey_title)
        self.survey_box = QWidget()
        self.survey_layout = QFormLayout(self.survey_box)
        self.survey_layout.setContentsMargins(0, 0, 0, 0)
        self.survey_layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addWidget(self.survey_box)
        notes_row = QHBoxLayout()
        notes_row.addWidget(QLabel(self.tr("Notes")))
        self.notes = QLineEdit()
        self.notes.setPlaceholderText(self.tr("Anything worth knowing next time"))
        notes_row.addWidget(self.notes, 1)
        form.addLayout(notes_row)
        flags_row = QHBoxLayout()
        flags_row.addWidget(QLabel(self.tr("Asked us not to")))
        self.no_call = QCheckBox(self.tr("call"))
        self.no_text = QCheckBox(self.tr("text"))
        flags_row.addWidget(self.no_call)
        flags_row.addWidget(self.no_text)
        flags_row.addWidget(QLabel(self.tr("(applies to the people this result covers)")))
        flags_row.addStretch(1)
        form.addLayout(flags_row)
        buttons = QHBoxLayout()
        self.status_label = QLabel("")
        self.status_label.setObjectName("muted")
        self.status_label.setWordWrap(True)
        buttons.addWidget(self.status_label, 1)
        self.skip_button = QPushButton(self.tr("Skip (PgDn)"))
        self.skip_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.save_button = QPushButton(self.tr("Save and next (Enter)"))
        self.save_button.setObjectName("primary")
        self.save_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.save_button)
        form.addLayout(buttons)

        form.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(form_box)
        self.form_box, self.form_scroll = form_box, scroll
        split.addWidget(scroll)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([380, 700])
        self._fit_form()
        layout.addWidget(split, 1)

        self.setTabOrder(self.result_picker, self.who_picker)
        self.setTabOrder(self.who_picker, self.support_picker)

        # ---- wiring
        self.turf_box.currentIndexChanged.connect(self._on_turf)
        self.lang_box.currentIndexChanged.connect(lambda _i: self._relabel_questions())
        self.result_picker.picked.connect(self._on_result)
        self.support_picker.picked.connect(self._on_support)
        self.door_table.itemSelectionChanged.connect(self._on_door_selected)
        self.save_button.clicked.connect(self.save)
        self.skip_button.clicked.connect(lambda: self.go(self.current + 1))
        self.notes.returnPressed.connect(self.save)
        self.history.itemSelectionChanged.connect(
            lambda: self.correct_button.setEnabled(bool(self.history.selectedItems())))
        self.correct_button.clicked.connect(self.start_correction)
        self.script_button.clicked.connect(self.open_script_editor)
        for seq, slot in (
            (QKeySequence(Qt.Key.Key_Return), self.save),
            (QKeySequence(Qt.Key.Key_Enter), self.save),
            (QKeySequence(Qt.Key.Key_PageDown), lambda: self.go(self.current + 1)),
            (QKeySequence(Qt.Key.Key_PageUp), lambda: self.go(self.current - 1)),
            (QKeySequence(Qt.Key.Key_Escape), self.clear_form),
        ):
            sc = QShortcut(seq, self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)
        self._enable_form(False)
        self._apply_branching()

    def title(self) -> str:
        return self.tr("Canvass")

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
        live = sum(1 for d in self.doors if d.suppressed is None)
        knocked = sum(1 for d in self.doors if d.last_result)
        self.header.set_subtitle(self.tr(
            "{n} doors in walk order · {live} to knock · {knocked} with a result · "
            "number keys pick, Enter saves and moves on").format(
                n=len(self.doors), live=live, knocked=knocked))

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

    # ------------------------------------------------------------------ questions

    def _build_questions(self) -> None:
        while self.survey_layout.rowCount():
            self.survey_layout.removeRow(0)
        self._question_widgets.clear()
        self._question_labels.clear()
        previous: QWidget = self.support_picker
        for q in self.questions:
            label = QLabel("")
            label.setWordWrap(True)
            widget: QWidget
            if q.free_text:
                edit = QLineEdit()
                edit.returnPressed.connect(self.save)
                widget = edit
            else:
                picker = KeyPicker(columns=4)
                picker.picked.connect(lambda _v, qid=q.id: self._on_answer(qid))
                widget = picker
            self.survey_layout.addRow(label, widget)
            self._question_widgets[q.id] = widget
            self._question_labels[q.id] = label
            self.setTabOrder(previous, widget)
            previous = widget
        self.setTabOrder(previous, self.notes)
        self.setTabOrder(self.notes, self.no_call)
        self.setTabOrder(self.no_call, self.no_text)
        self.survey_title.setVisible(bool(self.questions))
        self._relabel_questions()

    def _lang(self) -> str:
        return str(self.lang_box.currentData() or "en")

    def _relabel_questions(self) -> None:
        lang = self._lang()
        for q in self.questions:
            self._question_labels[q.id].setText(q.text_in(lang))
            widget = self._question_widgets[q.id]
            if isinstance(widget, KeyPicker):
                value = widget.value()
                widget.set_options([(c.value, c.label_in(lang), str(i)) for i, c in enumerate(q.choices, 1)])
                if value is not None:
                    widget.pick(value, emit=False)
        self._apply_branching()

    def answers(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for qid, widget in self._question_widgets.items():
            if isinstance(widget, KeyPicker):
                if widget.value() is not None:
                    out[qid] = str(widget.value())
            elif isinstance(widget, QLineEdit) and widget.text().strip():
                out[qid] = widget.text().strip()
        return out

    def visible_question_ids(self) -> list[str]:
        return [q.id for q in canvass.visible_questions(self.questions, self.answers())]

    def _apply_branching(self) -> None:
        # Hidden questions lose their answers, so a changed mind upstream never
        # saves an answer to a question that was not asked.
        for _ in range(len(self.questions) + 1):
            shown = set(self.visible_question_ids())
            changed = False
            for q in self.questions:
                widget = self._question_widgets[q.id]
                answered = (isinstance(widget, KeyPicker) and widget.value() is not None) or (
                    isinstance(widget, QLineEdit) and bool(widget.text()))
                if q.id not in shown and answered and isinstance(widget, (KeyPicker, QLineEdit)):
                    widget.clear()
                    changed = True
            if not changed:
                break
        shown = set(self.visible_question_ids())
        talking = self.result_picker.value() in canvass.RESULTS_WITH_SUPPORT
        for q in self.questions:
            visible = q.id in shown and talking
            self._question_widgets[q.id].setVisible(visible)
            self._question_labels[q.id].setVisible(visible)
        self.survey_title.setVisible(talking and bool(self.questions))
        self.support_title.setVisible(talking)
        self.support_picker.setVisible(talking)

    # ------------------------------------------------------------------ form flow

    def _enable_form(self, on: bool) -> None:
        for w in (self.result_picker, self.who_picker, self.support_picker, self.survey_box, self.notes,
                  self.save_button, self.skip_button):
            w.setEnabled(on)

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

    def _fit_form(self) -> None:
        """Keep the form at least as wide as its widest row of keys.

        The form scrolls only up and down, so a row of result or household
        buttons wider than the pane was cut off at the right (with "Save and
        next" half hidden); the splitter takes the room from the door list.
        """
        self.form_scroll.setMinimumWidth(self.form_box.minimumSizeHint().width() + 4)

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
        who = [("household", self.tr("Whole household ({n})").format(n=len(door.people)) if door.people
                else self.tr("The door (nobody known)"), "0")]
        for i, p in enumerate(door.people, 1):
            extra = " · ES" if p.language == "es" else ""
            if p.do_not_call:
                extra += " · " + self.tr("no calls")
            if p.do_not_text:
                extra += " · " + self.tr("no texts")
            who.append((p.id, p.name + extra, str(i)))
        self.who_picker.set_options(who)
        self._fit_form()
        self.clear_form()
        self._load_history(door.id)
        self.result_picker.setFocus()

    def clear_form(self) -> None:
        self.result_picker.clear()
        self.support_picker.clear()
        self.who_picker.pick("household", emit=False)
        for widget in self._question_widgets.values():
            if isinstance(widget, (KeyPicker, QLineEdit)):
                widget.clear()
        self.notes.clear()
        self.no_call.setChecked(False)
        self.no_text.setChecked(False)
        self._apply_branching()
        self.result_picker.setFocus()

    def _on_result(self, code: object) -> None:
        self._apply_branching()
        if code in canvass.RESULTS_WITH_SUPPORT:
            self.support_picker.setFocus()
        elif code is not None:
            self.result_picker.setFocus()

    def _on_support(self, _value: object) -> None:
        shown = self.visible_question_ids()
        if shown:
            self._question_widgets[shown[0]].setFocus()
        else:
            self.notes.setFocus()

    def _on_answer(self, qid: str) -> None:
        self._apply_branching()
        shown = self.visible_question_ids()
        if qid in shown and shown.index(qid) + 1 < len(shown):
            self._question_widgets[shown[shown.index(qid) + 1]].setFocus()
        else:
            self.notes.setFocus()

    def _load_history(self, door_id: str) -> None:
        with self.ctx.store.session() as s:
            items = canvass.door_history(s, door_id)
        names = labels.result_labels()
        self.history.clear()
        for h in items:
            when = h.attempted_at.astimezone().strftime("%Y-%m-%d %H:%M")
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
            when=h.attempted_at.astimezone().strftime("%Y-%m-%d %H:%M")))
        self.correct_label.show()
        self.result_picker.setFocus()

    # ------------------------------------------------------------------ saving

    def save(self) -> None:
        door = self.current_door()
        code = self.result_picker.value()
        if door is None or self._saving:
            return
        if code is None:
            self.status_label.setText(self.tr("Pick a result first (number keys 1-9, 0)."))
            self.result_picker.setFocus()
            return
        talking = code in canvass.RESULTS_WITH_SUPPORT
        who = self.who_picker.value()
        support = self.support_picker.value() if talking else None
        answers = self.answers() if talking else {}
        notes = self.notes.text()
        canvasser = self.canvasser_box.currentData()
        correcting = self.correcting
        store = self.ctx.store
        door_id = door.id
        no_call, no_text = self.no_call.isChecked(), self.no_text.isChecked()
        entry = knock.Knock(
            door_id=door_id, result_code=str(code),
            person_ids=[str(who)] if who not in (None, "household") else None,
            # "Not home" for a household is one door-level attempt, not one per person.
            whole_household=who == "household" and talking,
            support=support, answers=answers, notes=notes, canvasser_id=canvasser,
            attempted_at=dt.datetime.now(dt.UTC), correcting=correcting,
            no_call=no_call, no_text=no_text,
        )

        def work(progress: Progress) -> int:
            return len(knock.save_knock(store, entry))  # knock and consent in one transaction

        self._saving = True
        self._flags_changed = no_call or no_text
        self.ctx.tasks.run(work, label=self.tr("Saving…"),
                           on_done=lambda n: self._saved(door_id, str(code), n),
                           on_error=self._save_failed, parent=self)

    def _on_store_changed(self, what: str) -> None:
        if not self._own_change:
            super()._on_store_changed(what)

    def _save_failed(self, exc: BaseException) -> None:
        self._saving = False
        self.status_label.setText(str(exc))
        errordialog.show_problem(self, exc if isinstance(exc, FieldAppError) else str(exc))

    def _saved(self, door_id: str, code: str, n: int) -> None:
        self._saving = False
        self.saved_count += 1
        names = labels.result_labels()
        row = next((i for i, d in enumerate(self.doors) if d.id == door_id), -1)
        if row >= 0:
            old = self.doors[row]
            suppressed = old.suppressed
            if code == "do_not_knock":
                with self.ctx.store.session() as s:
                    door_row = s.get(Door, door_id)
                    suppressed = canvass.door_suppression(door_row) if door_row is not None else suppressed
            people = old.people
            if self._flags_changed:
                with self.ctx.store.session() as s:
                    people = tuple(
                        canvass.EntryPerson(p.id, f"{p.first_name} {p.last_name}".strip(), p.language,
                                            p.do_not_call, p.do_not_text)
                        for p in canvass.household(s, door_id))
            self.doors[row] = canvass.EntryDoor(old.id, old.address, people, suppressed, code,
                                                dt.datetime.now(dt.UTC))
            item = self.door_table.item(row, 3)
            if item is not None:
                item.setText(self.tr("Do not knock") if suppressed else labels.label(names, code))
            for col in range(4) if suppressed else ():
                cell = self.door_table.item(row, col)
                if cell is not None and suppressed:
                    cell.setForeground(QColor(theme.BAD if col == 3 else theme.MUTED))
                    cell.setToolTip(suppressed)
        self.status_label.setText(self.tr("Saved {address}: {result}. {n} doors entered this session.").format(
            address=self.doors[row].address if row >= 0 else "", result=labels.label(names, code),
            n=self.saved_count))
        self._update_subtitle()
        self._own_change = True  # the other pages refresh; this one is already up to date
        try:
            self.ctx.notify_changed("contact_attempts")
            if self._flags_changed:
                self.ctx.notify_changed("people")
        finally:
            self._own_change = False
        if row >= 0 and row + 1 < len(self.doors):
            self.go(row + 1, skip_suppressed=True)
        else:
            self._show_door()
            self.status_label.setText(self.status_label.text() + " " + self.tr("End of the turf."))

    # ------------------------------------------------------------------ script

    def open_script_editor(self) -> None:
        if not self.campaign_id:
            return
        from fieldapp.ui.script_editor import ScriptEditor

        dialog = ScriptEditor(self.ctx, self.campaign_id, self)
        dialog.exec()
        if self.turf_id:
            self.load_turf(self.turf_id, keep_position=True)
