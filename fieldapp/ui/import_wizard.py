"""The voter-file import wizard: pick a file, check the mapping, read the report.

Every step is a call into :mod:`fieldapp.services.importing`; the import itself
runs on the database worker through ``ctx.tasks`` (progress dialog, Cancel
leaves the store as it was).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from fieldapp.errors import FieldAppError
from fieldapp.services import importing
from fieldapp.services import turfs as turf_service  # assign_doors loads shapely on first use
from fieldapp.services.progress import Progress
from fieldapp.ui.context import AppContext

log = logging.getLogger(__name__)


def mapping_warning_texts(warnings: list[importing.MappingWarning]) -> list[str]:
    """The warnings in the interface language (in English, as the command line prints them)."""
    looks = {
        "unit": QCoreApplication.translate("MappingWarnings", "a unit/apartment"),
        "voter_id": QCoreApplication.translate("MappingWarnings", "a voter id"),
        "status": QCoreApplication.translate("MappingWarnings", "a registration status"),
        "birth": QCoreApplication.translate("MappingWarnings", "a birth date or year"),
        "party": QCoreApplication.translate("MappingWarnings", "a party"),
        "precinct": QCoreApplication.translate("MappingWarnings", "a precinct or ward"),
    }
    text = QCoreApplication.translate(
        "MappingWarnings",
        "column '{column}' looks like {what} and is not imported (map it to '{field}' to keep it)")
    return [text.format(column=w.column, what=looks[w.kind], field=w.suggest) for w in warnings]


class _Page(QWizardPage):
    """A wizard page that reaches its wizard through Qt, not a Python reference.

    A Python reference back to the wizard would make a cycle that the garbage
    collector breaks at a random moment, deleting widgets while Qt walks them.
    """

    @property
    def wiz(self) -> ImportWizard:
        wizard = self.wizard()
        assert isinstance(wizard, ImportWizard)
        return wizard


class FilePage(_Page):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Choose a voter file"))
        self.setSubTitle(self.tr(
            "A CSV or tab-separated file with one person per row. The encoding, the "
            "separator and most column names are recognised for you."))
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("Path to a .csv or .txt file"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        layout.addLayout(row)
        self.profile_combo = QComboBox()
        self.profile_combo.addItem(self.tr("Guess from the column names"), "")
        for name in importing.list_profiles():
            self.profile_combo.addItem(self.tr("Saved mapping: {name}").format(name=name), name)
        for known in importing.layouts().values():  # recognised anyway; this forces one
            self.profile_combo.addItem(self.tr("Layout: {title}").format(title=known.title),
                                       f"layout:{known.name}")
        form = QFormLayout()
        form.addRow(self.tr("Mapping:"), self.profile_combo)
        layout.addLayout(form)
        self.error_label = QLabel("")
        self.error_label.setObjectName("error")
        self.error_label.setWordWrap(True)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        self.path_edit.textChanged.connect(self.completeChanged)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a voter file"), "",
            self.tr("Voter files (*.csv *.tsv *.txt);;All files (*)"))
        if path:
            self.path_edit.setText(path)

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:
        path = Path(self.path_edit.text().strip())
        try:
            choice = str(self.profile_combo.currentData() or "")
            layout = choice.removeprefix("layout:") if choice.startswith("layout:") else None
            self.wiz.preview = importing.preview(path, rows=20, layout=layout)
            if choice and layout is None:
                self.wiz.preview.mapping.update(importing.load_profile(choice))
        except FieldAppError as exc:
            self.error_label.setText(str(exc))
            return False
        self.error_label.setText("")
        self.wiz.path = path
        return True


class MappingPage(_Page):
    """The first rows of the file and, for each column, the field it goes to."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Check the columns"))
        self.setSubTitle(self.tr(
            "Each column of the file goes to the field chosen below it. Change any "
            "that are wrong; choose 'not imported' to leave a column out."))
        layout = QVBoxLayout(self)
        self.info_label = QLabel("")
        self.info_label.setObjectName("muted")
        layout.addWidget(self.info_label)
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setDefaultSectionSize(130)
        layout.addWidget(self.table, 1)
        self.warnings_label = QLabel("")
        self.warnings_label.setObjectName("warning")
        self.warnings_label.setWordWrap(True)
        layout.addWidget(self.warnings_label)
        bottom = QHBoxLayout()
        self.dry_run = QCheckBox(self.tr("Dry run: show the report, write nothing"))
        self.assign_turfs = QCheckBox(self.tr("Place new doors in turfs"))
        self.assign_turfs.setToolTip(self.tr(
            "New doors with coordinates go into the turf whose area contains them, "
            "as the command line import does."))
        self.assign_turfs.setChecked(True)
        self.dry_run.toggled.connect(lambda on: self.assign_turfs.setEnabled(not on))
        self.save_name = QLineEdit()
        self.save_name.setPlaceholderText(self.tr("Save this mapping as… (optional)"))
        self.save_name.setMinimumWidth(  # the hint must show whole beside the check boxes
            self.save_name.fontMetrics().horizontalAdvance(self.save_name.placeholderText()) + 30)
        bottom.addWidget(self.dry_run)
        bottom.addWidget(self.assign_turfs)
        bottom.addStretch(1)
        bottom.addWidget(self.save_name)
        layout.addLayout(bottom)
        self.error_label = QLabel("")
        self.error_label.setObjectName("error")
        self.error_label.setWordWrap(True)
        layout.addWidget(self.error_label)
        self.combos: list[QComboBox] = []

    def initializePage(self) -> None:
        pv = self.wiz.preview
        assert pv is not None
        header = pv.format.header
        sep = self.tr("tab") if pv.format.delimiter == "\t" else repr(pv.format.delimiter)
        info = self.tr("{file}: {enc}, separated by {sep}, {n} columns").format(
            file=self.wiz.path.name if self.wiz.path else "", enc=pv.format.encoding, sep=sep,
            n=len(header))
        if pv.format.layout:
            layout = importing.get_layout(pv.format.layout)
            info += " · " + self.tr("layout: {title}").format(title=layout.title)
            if not pv.format.has_header:
                info += " " + self.tr("(no header row)")
        self.info_label.setText(info)
        self.table.clear()
        self.table.setColumnCount(len(header))
        self.table.setRowCount(len(pv.rows) + 1)
        self.table.setHorizontalHeaderLabels(header)
        self.table.setVerticalHeaderLabels([self.tr("Field")] + [str(i + 2) for i in range(len(pv.rows))])
        self.combos = []
        for col, name in enumerate(header):
            combo = QComboBox(self.table)
            for key, description in importing.FIELDS.items():
                label = self.tr("not imported") if key == "ignore" else key
                combo.addItem(label, key)
                combo.setItemData(combo.count() - 1, description, Qt.ItemDataRole.ToolTipRole)
            combo.setCurrentIndex(max(0, combo.findData(pv.mapping.get(name, "ignore"))))
            combo.currentIndexChanged.connect(self.show_warnings)
            self.table.setCellWidget(0, col, combo)
            self.combos.append(combo)
            for row, cells in enumerate(pv.rows, start=1):
                text = cells[col] if col < len(cells) else ""
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, col, item)
        self.table.setRowHeight(0, 30)
        self.show_warnings()

    def warning_texts(self) -> list[str]:
        """The mapping report's warnings: ignored columns that look like they matter."""
        pv = self.wiz.preview
        if pv is None or len(self.combos) != len(pv.format.header):
            return []
        return mapping_warning_texts(importing.mapping_warnings(pv.format.header, self.mapping()))

    def show_warnings(self) -> None:
        self.warnings_label.setText("\n".join(self.warning_texts()))

    def mapping(self) -> dict[str, str]:
        pv = self.wiz.preview
        assert pv is not None
        return {col: str(combo.currentData()) for col, combo in zip(pv.format.header, self.combos, strict=True)}

    def set_field(self, column: str, field: str) -> None:
        """Choose the field for a column (for keyboard users and tests)."""
        pv = self.wiz.preview
        assert pv is not None
        combo = self.combos[pv.format.header.index(column)]
        combo.setCurrentIndex(combo.findData(field))

    def validatePage(self) -> bool:
        pv = self.wiz.preview
        assert pv is not None and self.wiz.path is not None
        try:
            mapping = importing.resolve_mapping(self.wiz.path, pv.format.header, self.mapping(),
                                                pv.format.layout or None)
            if self.save_name.text().strip():
                importing.save_profile(self.save_name.text().strip(), mapping)
        except FieldAppError as exc:
            self.error_label.setText(str(exc))
            return False
        self.error_label.setText("")
        self.wiz.mapping = mapping
        self.wiz.dry_run = self.dry_run.isChecked()
        self.wiz.assign_turfs = self.assign_turfs.isChecked()
        return True


class ReportPage(_Page):
    """Runs the import on the worker and shows the report."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Import report"))
        layout = QVBoxLayout(self)
        self.status = QLabel(self.tr("Importing…"))
        layout.addWidget(self.status)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        # The figures line up in columns, as in the terminal.
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        layout.addWidget(self.text, 1)
        self.finished = False

    def initializePage(self) -> None:
        self.finished = False
        self.text.clear()
        self.status.setText(self.tr("Importing…"))
        self.completeChanged.emit()
        self.wiz.start_import(self._done, self._failed)

    def _done(self, report: importing.ImportReport) -> None:
        self.wiz.report = report
        if report.dry_run:
            self.status.setText(self.tr("Dry run finished: nothing was written."))
        else:
            self.status.setText(self.tr("Import finished."))
        self.text.setPlainText("\n".join(self.report_lines(report)))
        self.finished = True
        self.completeChanged.emit()

    def report_lines(self, report: importing.ImportReport) -> list[str]:
        """The report in the interface language (the service's own lines are the CLI's).

        Each problem's text (file, line, field and what is wrong) stays as the
        service wrote it.
        """
        name = Path(report.file).name
        if report.delimiter == "\t":
            separated = self.tr("tab-separated")
        else:
            separated = self.tr("{sep}-separated").format(sep=repr(report.delimiter))
        head = (self.tr("Dry run (nothing written): {file} ({encoding}, {separated})") if report.dry_run
                else self.tr("Imported: {file} ({encoding}, {separated})"))
        lines = [head.format(file=name, encoding=report.encoding, separated=separated)]
        lines += self._mapping_lines(report)
        counts = [
            (self.tr("rows read"), report.rows_read, ""),
            (self.tr("people created"), report.people_created, ""),
            (self.tr("people updated"), report.people_updated,
             self.tr("({n:,} moved to a new address)").format(n=report.people_moved)
             if report.people_moved else ""),
            (self.tr("people unchanged"), report.people_unchanged, ""),
            (self.tr("rows merged"), report.people_merged,
             self.tr("(the same voter again in the file)")),
            (self.tr("rows rejected"), report.rows_rejected, ""),
            (self.tr("rows skipped"), report.rows_skipped,
             self.tr("(no name or voter id: door only)")),
            (self.tr("doors created"), report.doors_created, ""),
            (self.tr("doors updated"), report.doors_updated, ""),
        ]
        if report.blank_lines:
            counts.append((self.tr("blank lines"), report.blank_lines,
                           self.tr("(not counted as rows)")))
        lines += [f"  {label:<18}{n:>10,}" + (f"  {note}" if note else "")
                  for label, n, note in counts]
        lines += self._status_lines(report)
        if report.warnings:
            lines.append(f"  {self.tr('warnings'):<18}{report.warnings:>10,}")
        for problem in report.problems:
            kind = self.tr("rejected") if problem.level == "rejected" else self.tr("warning")
            lines.append(f"  {kind}: {problem.describe(name)}")
        if report.problems_dropped:
            lines.append("  " + self.tr("... and {n:,} more problems not listed").format(
                n=report.problems_dropped))
        if report.rows_rejected:
            lines.append(self.tr("warning: {n:,} of {total:,} rows rejected (listed above)").format(
                n=report.rows_rejected, total=report.rows_read))
        if self.wiz.placed is not None:
            lines.append("  " + self.tr("{n:,} new doors placed in turfs").format(n=self.wiz.placed))
        return lines

    def _status_lines(self, report: importing.ImportReport) -> list[str]:
        if not report.statuses:
            return []
        names = {"": self.tr("none"), "active": self.tr("active"), "inactive": self.tr("inactive"),
                 "removed": self.tr("removed"), "cancelled": self.tr("cancelled"),
                 "confidential": self.tr("confidential"), "deceased": self.tr("deceased")}
        parts = ", ".join(f"{names.get(s, s)} {n:,}" for s, n in report.status_counts())
        out = ["  " + self.tr("status: {counts}").format(counts=parts)]
        if report.off_lists:
            out.append("  " + self.tr(
                "{n:,} removed, cancelled or deceased voters are kept but left off walk, "
                "canvass and call lists").format(n=report.off_lists))
        return out

    def _mapping_lines(self, report: importing.ImportReport) -> list[str]:
        """The mapping used, column by column, the columns ignored, and their warnings."""
        out = ["  " + (self.tr("layout: {layout}").format(layout=report.layout) if report.layout
                       else self.tr("layout: none (column names matched one by one)")),
               "  " + self.tr("columns imported:")]
        used = [(c, report.mapping[c]) for c in report.header
                if report.mapping.get(c, "ignore") != "ignore"]
        width = max((len(c) for c, _ in used), default=0)
        out += [f"    {c:{width}} -> {f}" for c, f in used]
        ignored = [c for c in report.header if report.mapping.get(c, "ignore") == "ignore"]
        if ignored:
            out.append("  " + self.tr("columns ignored ({n}): {columns}").format(
                n=len(ignored), columns=", ".join(ignored)))
        warnings = importing.mapping_warnings(report.header, report.mapping)
        out += ["  " + self.tr("warning: {text}").format(text=t)
                for t in mapping_warning_texts(warnings)]
        return out

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(self.tr("Nothing was imported."))
        self.text.setPlainText(str(exc))
        self.finished = True
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.finished


class ImportWizard(QWizard):
    """File → mapping → report. ``report`` holds the result when done."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Import a voter file"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.resize(900, 600)
        self.path: Path | None = None
        self.preview: importing.Preview | None = None
        self.mapping: dict[str, str] = {}
        self.dry_run = False
        self.assign_turfs = True
        self.placed: int | None = None  # new doors put in turfs after the import, if asked
        self.report: importing.ImportReport | None = None
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.report_page = ReportPage(self)
        self.addPage(self.file_page)
        self.addPage(self.mapping_page)
        self.addPage(self.report_page)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)

    def start_import(self, on_done: object, on_error: object) -> None:
        path, mapping, dry_run = self.path, dict(self.mapping), self.dry_run
        layout = (self.preview.format.layout or None) if self.preview else None
        assign = self.assign_turfs and not dry_run
        store = self.ctx.store
        assert path is not None
        self.placed = None

        def work(progress: Progress) -> tuple[importing.ImportReport, int | None]:
            report = importing.import_doors(store, path, mapping=mapping, dry_run=dry_run,
                                            layout=layout, progress=progress)
            placed = None
            if assign and report.doors_created:
                # As `fieldapp import doors` does (unless --no-assign-turfs).
                with store.transaction() as session:
                    placed = turf_service.assign_doors(session, only_unassigned=True)
            return report, placed

        def done(result: tuple[importing.ImportReport, int | None]) -> None:
            report, self.placed = result
            if not report.dry_run:
                self.ctx.notify_changed("doors")
                self.ctx.notify_changed("people")
                if self.placed:
                    self.ctx.notify_changed("turfs")
            on_done(report)  # type: ignore[operator]

        self.ctx.tasks.run(work, label=self.tr("Importing {file}").format(file=path.name),
                           on_done=done, on_error=on_error,  # type: ignore[arg-type]
                           parent=self)
