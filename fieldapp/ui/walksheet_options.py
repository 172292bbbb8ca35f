"""Before printing a walk list: which optional columns, and whether to list removed voters."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)


@dataclass
class WalkSheetOptions:
    """What :func:`fieldapp.services.walklists.write_walklist_pdf` is asked for."""

    columns: list[str] = field(default_factory=list)
    include_off_list: bool = False


class WalkSheetOptionsDialog(QDialog):
    """Party and status columns, and removed/cancelled/deceased voters (off by default)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Print walk list"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Show on the walk sheet:")))
        self.party = QCheckBox(self.tr("Party column"))
        self.status = QCheckBox(self.tr("Registration status column"))
        self.include_off_list = QCheckBox(self.tr(
            "List removed, cancelled and deceased voters too"))
        self.include_off_list.setToolTip(self.tr(
            "They are left off by default; inactive voters are always listed and marked."))
        for box in (self.party, self.status, self.include_off_list):
            layout.addWidget(box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def options(self) -> WalkSheetOptions:
        columns = [name for name, box in (("party", self.party), ("status", self.status))
                   if box.isChecked()]
        return WalkSheetOptions(columns=columns, include_off_list=self.include_off_list.isChecked())
