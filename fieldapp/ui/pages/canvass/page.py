"""The canvass page: the toolbar, the door list beside the form, saving, wiring."""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QWidget,
)

from fieldapp.core.models import Door
from fieldapp.errors import FieldAppError
from fieldapp.services import canvass, knocks
from fieldapp.services.progress import Progress
from fieldapp.ui import errordialog, labels, theme
from fieldapp.ui.context import AppContext
from fieldapp.ui.pages.canvass.canvasser import CanvasserDialog
from fieldapp.ui.pages.canvass.doorlist import DoorList
from fieldapp.ui.widgets import PageHeader, page_layout

log = logging.getLogger(__name__)


class Page(DoorList):
    """Pick a turf; its doors in walk order; a keyboard-first result form."""

    key = "canvass"
    watches = frozenset({"contact_attempts", "doors", "people", "survey_questions", "turfs", "volunteers"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.saved_count = 0
        self._saving = False
        self._own_change = False
        self._flags_changed = False
        self.canvasser_confirmed = False  # asked once per sitting, before the first save
        self.canvasser_dialog: CanvasserDialog | None = None
        self._shortcuts: list[QShortcut] = []

        layout = page_layout(self)
        self.header = PageHeader(self.title(), self.tr(
            "Enter walk sheets fast: number keys pick the result, support and answers; "
            "Enter saves and moves to the next door."))
        layout.addWidget(self.header)
        layout.addLayout(self._build_bar())
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self._build_door_list())
        split.addWidget(self._build_form())
        # The addresses want as much room as the form's wrapped keys leave them.
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        split.setSizes([460, 540])
        layout.addWidget(split, 1)

        self.setTabOrder(self.result_picker, self.who_picker)
        self.setTabOrder(self.who_picker, self.support_picker)

        self._wire()
        self._enable_form(False)
        self._apply_branching()

    def _build_bar(self) -> QHBoxLayout:
        """Turf, canvasser, question language, script editor."""
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
        return bar

    def _wire(self) -> None:
        self.turf_box.currentIndexChanged.connect(self._on_turf)
        self.lang_box.currentIndexChanged.connect(lambda _i: self._relabel_questions())
        self.result_picker.picked.connect(self._on_result)
        self.support_picker.picked.connect(self._on_support)
        self.who_picker.picked.connect(self._on_who)
        self.canvasser_box.activated.connect(lambda _i: setattr(self, "canvasser_confirmed", True))
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
            (QKeySequence(Qt.Key.Key_F4), lambda: self.ask_canvasser(then_save=False)),
            (QKeySequence(Qt.Key.Key_F2), self.correct_by_key),
        ):
            sc = QShortcut(seq, self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)
            self._shortcuts.append(sc)
        self._enable_form(False)

    def title(self) -> str:
        return self.tr("Canvass")

    def subtitle_text(self, counts: dict[str, int]) -> str:
        doors = self.tr("%n door(s) in walk order", "", counts["doors"])
        to_knock = self.tr("%n to knock", "", counts["to_knock"])
        with_result = self.tr("%n with a result", "", counts["with_result"])
        keys = self.tr("number keys pick, Enter saves and moves on")
        return " · ".join((doors, to_knock, with_result, keys))

    def household_label(self, people: int) -> str:
        return self.tr("Whole household (%n)", "", people)
    # ------------------------------------------------------------------ saving

    def ask_canvasser(self, *, then_save: bool) -> CanvasserDialog:
        """Ask who knocked (a window-modal list); with ``then_save``, save once answered."""
        if self.canvasser_dialog is not None:
            return self.canvasser_dialog
        dialog = CanvasserDialog(self.canvasser_box, self)
        self.canvasser_dialog = dialog
        for shortcut in self._shortcuts:  # Enter in the dialog is the dialog's, not "save"
            shortcut.setEnabled(False)

        def answered(result: int) -> None:
            self.canvasser_dialog = None
            for shortcut in self._shortcuts:
                shortcut.setEnabled(True)
            if result == QDialog.DialogCode.Accepted:
                self.canvasser_box.setCurrentIndex(max(dialog.chosen_index(), 0))
                self.canvasser_confirmed = True
                self._update_canvasser_hint()
                if then_save:
                    self.save()
            else:
                self.result_picker.setFocus()

        dialog.finished.connect(answered)
        dialog.open()
        return dialog

    def _update_canvasser_hint(self) -> None:
        self.canvasser_box.setToolTip(self.tr("Who knocked (F4 to change)"))

    def save(self) -> None:
        door = self.current_door()
        code = self.result_picker.value()
        if door is None or self._saving:
            return
        if code is None:
            self.status_label.setText(self.tr("Pick a result first (number keys 1-9, 0)."))
            self.result_picker.setFocus()
            return
        if self.needs_person():
            self.status_label.setText(self.tr(
                "Support and answers belong to the person you spoke with: pick who (keys 1-%n).",
                "", len(door.people)))
            self.who_picker.setFocus()
            return
        if not self.canvasser_confirmed and self.canvasser_box.count() > 1:
            self.ask_canvasser(then_save=True)
            return
        talking = code in canvass.RESULTS_WITH_SUPPORT
        who = self.who_picker.value()
        person = str(who) if who not in (None, "household") else None
        support = self.support_picker.value() if talking else None
        answers = self.answers() if talking else {}
        notes = self.notes.text()
        canvasser = self.canvasser_box.currentData()
        correcting = self.correcting
        store = self.ctx.store
        door_id = door.id
        no_call, no_text = self.no_call.isChecked(), self.no_text.isChecked()
        entry = knocks.Knock(
            door_id=door_id, result_code=str(code), person_ids=[person] if person else None,
            # The whole household ("not home", "moved"...) is one door-level attempt;
            # a conversation names the one person spoken with.
            whole_household=False,
            support=support, answers=answers, notes=notes, canvasser_id=canvasser,
            attempted_at=dt.datetime.now(dt.UTC), correcting=correcting,
            no_call=no_call, no_text=no_text,
        )

        def work(progress: Progress) -> int:
            # knock and consent in one transaction; a household correction fixes every record
            return len(knocks.save_knock(store, entry))

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
        self.status_label.setText(
            self.tr("Saved {address}: {result}.").format(
                address=self.doors[row].address if row >= 0 else "", result=labels.label(names, code))
            + " " + self.tr("%n door(s) entered this session.", "", self.saved_count))
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
