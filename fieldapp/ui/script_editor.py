"""The survey script editor for staff: questions, choices, translations, order, branching.

Every button is one :mod:`fieldapp.services.canvass` call run on the database
worker; the service checks the rules (unique keys, English text, a branch
only on an earlier question and one of its answers) and a broken rule comes
back as a readable message.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FieldAppError
from fieldapp.services import canvass
from fieldapp.services.progress import Progress
from fieldapp.ui import theme
from fieldapp.ui.context import AppContext
from fieldapp.ui.widgets import SectionLabel

log = logging.getLogger(__name__)


class ScriptEditor(QDialog):
    """Edit one campaign's survey script."""

    def __init__(self, ctx: AppContext, campaign_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.campaign_id = campaign_id
        self.questions: list[canvass.Question] = []
        self.setWindowTitle(self.tr("Survey script"))
        self.resize(980, 600)
        outer = QHBoxLayout(self)
        outer.addLayout(self._build_question_list(), 2)
        outer.addLayout(self._build_question_form(), 3)

        self.list.currentRowChanged.connect(self._show)
        self.parent_box.currentIndexChanged.connect(self._fill_answers)
        self.new_button.clicked.connect(self.new_question)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.remove_button.clicked.connect(self._remove)
        self.add_choice.clicked.connect(lambda: self._add_choice_row("", "", ""))
        self.remove_choice.clicked.connect(
            lambda: self.choices.removeRow(self.choices.currentRow()) if self.choices.currentRow() >= 0 else None)
        self.save_button.clicked.connect(self.save)
        self.editing: str | None = None
        self.reload()

    def _build_question_list(self) -> QVBoxLayout:
        """The questions in order, with the buttons that add, move and remove them."""
        left = QVBoxLayout()
        left.addWidget(SectionLabel(self.tr("Questions, in the order they are asked")))
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.new_button = QPushButton(self.tr("New question"))
        self.up_button = QPushButton(self.tr("Move up"))
        self.down_button = QPushButton(self.tr("Move down"))
        self.remove_button = QPushButton(self.tr("Remove"))
        for b in (self.new_button, self.up_button, self.down_button, self.remove_button):
            row.addWidget(b)
        left.addLayout(row)
        return left

    def _build_question_form(self) -> QVBoxLayout:
        """The selected question: key, texts, branch, answer choices, Save and Close."""
        right = QVBoxLayout()
        right.addWidget(SectionLabel(self.tr("Question")))
        form = QFormLayout()
        self.key_edit = QLineEdit()
        self.key_edit.setPlaceholderText(self.tr("short_name (letters, digits, _)"))
        self.en_edit = QLineEdit()
        self.es_edit = QLineEdit()
        form.addRow(self.tr("Key"), self.key_edit)
        form.addRow(self.tr("English"), self.en_edit)
        form.addRow(self.tr("Spanish"), self.es_edit)
        self.parent_box = QComboBox()
        self.answer_box = QComboBox()
        self.answer_box.setEditable(True)
        branch = QHBoxLayout()
        branch.addWidget(self.parent_box, 2)
        branch.addWidget(QLabel(self.tr("is answered")))
        branch.addWidget(self.answer_box, 1)
        form.addRow(self.tr("Ask only if"), branch)
        right.addLayout(form)
        right.addWidget(SectionLabel(self.tr("Answer choices (none: free text)")))
        self.choices = QTableWidget(0, 3)
        self.choices.setHorizontalHeaderLabels([self.tr("Value"), self.tr("English"), self.tr("Spanish")])
        self.choices.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.choices.verticalHeader().setVisible(False)
        right.addWidget(self.choices, 1)
        crow = QHBoxLayout()
        self.add_choice = QPushButton(self.tr("Add choice"))
        self.remove_choice = QPushButton(self.tr("Remove choice"))
        crow.addWidget(self.add_choice)
        crow.addWidget(self.remove_choice)
        crow.addStretch(1)
        self.save_button = QPushButton(self.tr("Save question"))
        self.save_button.setObjectName("primary")
        crow.addWidget(self.save_button)
        right.addLayout(crow)
        self.message = QLabel("")
        self.message.setObjectName("muted")
        self.message.setWordWrap(True)
        right.addWidget(self.message)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        right.addWidget(close)
        return right

    # ------------------------------------------------------------------ data

    def reload(self, select_id: str | None = None) -> None:
        with self.ctx.store.session() as s:
            self.questions = canvass.script(s, self.campaign_id)
        by_id = {q.id: q for q in self.questions}
        self.list.blockSignals(True)
        self.list.clear()
        for i, q in enumerate(self.questions, 1):
            branch = ""
            parent = by_id.get(q.show_if_question_id or "")
            if parent is not None:
                branch = "   ↳ " + self.tr("if {key} = {answer}").format(key=parent.key, answer=q.show_if_answer)
            item = QListWidgetItem(f"{i}. {q.text_in('en')}\n     [{q.key}]{branch}")
            item.setData(Qt.ItemDataRole.UserRole, q.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        ids = [q.id for q in self.questions]
        target = select_id if select_id in ids else self.editing if self.editing in ids else None
        if target:
            self.list.setCurrentRow(ids.index(target))
        elif self.questions:
            self.list.setCurrentRow(0)
        else:
            self.new_question()

    def _current(self) -> canvass.Question | None:
        row = self.list.currentRow()
        return self.questions[row] if 0 <= row < len(self.questions) else None

    def _show(self, _row: int) -> None:
        q = self._current()
        if q is None:
            return
        self.editing = q.id
        self.key_edit.setText(q.key)
        self.en_edit.setText(q.text.get("en", ""))
        self.es_edit.setText(q.text.get("es", ""))
        self.choices.setRowCount(0)
        for c in q.choices:
            self._add_choice_row(c.value, c.label.get("en", ""), c.label.get("es", ""))
        self._fill_parents(q)
        self.message.setText("")

    def _fill_parents(self, q: canvass.Question | None) -> None:
        self.parent_box.blockSignals(True)
        self.parent_box.clear()
        self.parent_box.addItem(self.tr("(always ask)"), None)
        for other in self.questions:
            if q is not None and other.position >= q.position:
                break
            self.parent_box.addItem(f"{other.key}: {other.text_in('en')[:40]}", other.id)
        index = self.parent_box.findData(q.show_if_question_id) if q and q.show_if_question_id else 0
        self.parent_box.setCurrentIndex(max(index, 0))
        self.parent_box.blockSignals(False)
        self._fill_answers()
        if q is not None and q.show_if_answer:
            i = self.answer_box.findData(q.show_if_answer)
            if i >= 0:
                self.answer_box.setCurrentIndex(i)
            else:
                self.answer_box.setEditText(q.show_if_answer)

    def _fill_answers(self, _index: int = 0) -> None:
        self.answer_box.clear()
        parent_id = self.parent_box.currentData()
        parent = next((q for q in self.questions if q.id == parent_id), None)
        self.answer_box.setEnabled(parent is not None)
        if parent is not None:
            for c in parent.choices:
                self.answer_box.addItem(c.label_in("en"), c.value)

    def _add_choice_row(self, value: str, en: str, es: str) -> None:
        row = self.choices.rowCount()
        self.choices.insertRow(row)
        for col, text in enumerate((value, en, es)):
            self.choices.setItem(row, col, QTableWidgetItem(text))

    def new_question(self) -> None:
        self.editing = None
        self.list.clearSelection()
        self.key_edit.clear()
        self.en_edit.clear()
        self.es_edit.clear()
        self.choices.setRowCount(0)
        self._fill_parents(None)
        self.message.setText(self.tr("A new question goes at the end of the script."))
        self.key_edit.setFocus()

    # ------------------------------------------------------------------ writes

    def _form(self) -> dict[str, Any]:
        choices = []
        for row in range(self.choices.rowCount()):
            items = [self.choices.item(row, c) for c in range(3)]
            cells = [item.text().strip() if item is not None else "" for item in items]
            if not any(cells):
                continue
            choices.append({"value": cells[0], "label": {"en": cells[1] or cells[0], "es": cells[2]}})
        parent = self.parent_box.currentData()
        answer = (self.answer_box.currentData() or self.answer_box.currentText().strip()) if parent else None
        return {
            "key": self.key_edit.text().strip(),
            "text": {"en": self.en_edit.text(), "es": self.es_edit.text()},
            "choices": choices,
            "show_if_question_id": parent,
            "show_if_answer": answer or None,
        }

    def _run(self, fn: Callable[[Any], Any], select_id: str | None = None) -> None:
        store = self.ctx.store

        def work(progress: Progress) -> Any:
            with store.transaction() as s:
                return fn(s)

        def done(result: Any) -> None:
            self.ctx.notify_changed("survey_questions")
            self.reload(select_id or (result if isinstance(result, str) else None))
            self.message.setStyleSheet(f"color: {theme.GOOD};")
            self.message.setText(self.tr("Saved."))

        def failed(exc: BaseException) -> None:
            # Shown beside the form (not in a modal box) so the staff member can fix it right there.
            self.message.setStyleSheet(f"color: {theme.BAD};")
            self.message.setText(str(exc) if isinstance(exc, FieldAppError) else repr(exc))

        self.ctx.tasks.run(work, label=self.tr("Saving the script…"), on_done=done, on_error=failed, parent=self)

    def save(self) -> None:
        data = self._form()
        cid = self.campaign_id
        qid = self.editing
        if qid is None:
            self._run(lambda s: canvass.add_question(s, cid, **data))
        else:
            self._run(lambda s: canvass.edit_question(s, qid, **data), select_id=qid)

    def _move(self, delta: int) -> None:
        q = self._current()
        if q is not None:
            self._run(lambda s: canvass.move_question(s, q.id, delta), select_id=q.id)

    def _remove(self) -> None:
        q = self._current()
        if q is not None:
            self.editing = None
            self._run(lambda s: canvass.remove_question(s, q.id))
