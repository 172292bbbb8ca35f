"""The canvass result form: result, who, support, survey questions, notes, consent.

:class:`CanvassForm` is the base of the canvass page: it builds the form pane
and runs its flow (branching questions, focus moving on as keys are picked).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fieldapp.core.models import RESULT_CODES
from fieldapp.services import canvass
from fieldapp.ui import labels, theme
from fieldapp.ui.context import AppContext
from fieldapp.ui.flowlayout import FlowLayout
from fieldapp.ui.pages.canvass.keypicker import RESULT_KEYS, KeyPicker
from fieldapp.ui.widgets import RefreshingPage, SectionLabel


class CanvassForm(RefreshingPage):
    """The form pane and its flow; the page adds the door list and saving."""

    lang_box: QComboBox

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.ctx: AppContext = ctx
        self.questions: list[canvass.Question] = []
        self.correcting: str | None = None  # attempt id being corrected
        self._question_widgets: dict[str, QWidget] = {}
        self._question_labels: dict[str, QLabel] = {}
        self._residents: list[str] = []  # ids of the people living at the door shown

    def save(self) -> None:  # pragma: no cover - the page defines it
        raise NotImplementedError

    # Texts with plurals live in the Page class: PySide's tr() looks in the context of the
    # object's class ("Page") first, and a plural it does not find there comes back with %n
    # filled in, so it would never reach a base class's context.
    def subtitle_text(self, counts: dict[str, int]) -> str:  # pragma: no cover - the page defines it
        raise NotImplementedError

    def household_label(self, people: int) -> str:  # pragma: no cover - the page defines it
        raise NotImplementedError

    def _build_form(self) -> QScrollArea:
        """The form in a pane that scrolls up and down."""
        form_box = QFrame()
        form_box.setObjectName("card")
        form = QVBoxLayout(form_box)
        form.setContentsMargins(18, 12, 18, 12)
        form.setSpacing(6)
        self.address_label = QLabel("")
        self.address_label.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.address_label.setWordWrap(True)
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
        self._build_form_footer(form)
        form.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(form_box)
        self.form_box, self.form_scroll = form_box, scroll
        self._fit_form()
        return scroll

    def _build_form_footer(self, form: QVBoxLayout) -> None:
        """Notes, the consent boxes, the status line and the buttons under the keys."""
        notes_row = QHBoxLayout()
        notes_row.addWidget(QLabel(self.tr("Notes")))
        self.notes = QLineEdit()
        self.notes.setPlaceholderText(self.tr("Anything worth knowing next time"))
        notes_row.addWidget(self.notes, 1)
        form.addLayout(notes_row)
        flags_row = FlowLayout(spacing=8)
        flags_row.addWidget(QLabel(self.tr("Asked us not to")))
        self.no_call = QCheckBox(self.tr("call"))
        self.no_text = QCheckBox(self.tr("text"))
        flags_row.addWidget(self.no_call)
        flags_row.addWidget(self.no_text)
        flags_row.addWidget(QLabel(self.tr("(applies to the people this result covers)")))
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


    def _fit_form(self) -> None:
        """Keep the form at least as wide as its widest key or field.

        The form scrolls only up and down; its rows of keys wrap to its width,
        so the splitter can give the door list its share on a narrow laptop
        while nothing runs off the right edge.
        """
        self.form_scroll.setMinimumWidth(min(self.form_box.minimumSizeHint().width() + 4, 420))


    def clear_form(self) -> None:
        self.result_picker.clear()
        self.support_picker.clear()
        self.who_picker.pick(self.default_who(), emit=False)
        for widget in self._question_widgets.values():
            if isinstance(widget, (KeyPicker, QLineEdit)):
                widget.clear()
        self.notes.clear()
        self.no_call.setChecked(False)
        self.no_text.setChecked(False)
        self._apply_branching()
        self.result_picker.setFocus()

    def default_who(self) -> str | None:
        """Who a result covers until a key says otherwise.

        A one-resident door chooses itself; otherwise the whole household,
        which is right for not home, refused, moved and the like. A
        conversation needs the person spoken with (:meth:`needs_person`).
        """
        return self._residents[0] if len(self._residents) == 1 else "household"

    def needs_person(self) -> bool:
        """A conversation at a door of several people, and nobody picked yet."""
        return (self.result_picker.value() in canvass.RESULTS_WITH_SUPPORT
                and len(self._residents) > 1 and self.who_picker.value() in (None, "household"))

    def _on_result(self, code: object) -> None:
        self._apply_branching()
        if code in canvass.RESULTS_WITH_SUPPORT:
            if self.needs_person():
                # Support and answers belong to one person: ask who, with one key.
                self.who_picker.clear()
                self.who_picker.setFocus()
            else:
                self.support_picker.setFocus()
        elif code is not None:
            if self.who_picker.value() is None:
                self.who_picker.pick(self.default_who(), emit=False)
            self.result_picker.setFocus()

    def _on_who(self, value: object) -> None:
        if value is not None and self.result_picker.value() in canvass.RESULTS_WITH_SUPPORT:
            self.support_picker.setFocus()

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

