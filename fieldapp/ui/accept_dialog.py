"""The question before a quarantined bundle is merged: how far ahead is its clock?

A bundle whose records are stamped more than ten minutes ahead of this
computer's clock is held back. Merging it moves this store's clock forward by
the same amount, and every later export carries that clock on to the other
sites, so the operator sees the lead (in minutes, hours or days) before saying
yes. The numbers come from :func:`fieldapp.services.sync.review.history`.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget


class AcceptBundleBox(QMessageBox):
    """Merge the quarantined bundle anyway, or cancel (the default)."""

    def __init__(self, parent: QWidget | None, ahead_ms: int | None) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("Accept bundle"))
        if ahead_ms is not None and ahead_ms > 0:
            self.setText(self.tr("This bundle's records are {ahead} ahead of this computer's "
                             "clock.").format(ahead=self.ahead_text(ahead_ms)))
            self.setInformativeText(self.tr(
                "Merging it moves this store's clock forward by as much, and every bundle "
                "exported from here afterwards carries that clock to the other sites. Check "
                "that the clocks of both computers are right before you merge it."))
        else:  # the lead was not recorded, or time has caught up with it
            self.setText(self.tr("This bundle's clock was ahead of this computer's when it "
                             "arrived."))
            self.setInformativeText(self.tr("Check that the clocks of both computers are right "
                                        "before you merge it."))
        self.merge_button: QAbstractButton = self.addButton(
            self.tr("Merge it anyway"), QMessageBox.ButtonRole.AcceptRole)
        cancel = self.addButton(QMessageBox.StandardButton.Cancel)
        self.setDefaultButton(cancel)
        self.setEscapeButton(cancel)

    def ahead_text(self, ahead_ms: int) -> str:
        """A lead as a person says it: "35 minutes", "5 hours", "12 days"."""
        minutes = ahead_ms / 60_000
        if minutes < 120:
            return self.tr("%Ln minute(s)", "", max(1, round(minutes)))
        hours = minutes / 60
        if hours < 48:
            return self.tr("%Ln hour(s)", "", round(hours))
        return self.tr("%Ln day(s)", "", round(hours / 24))

    def confirmed(self) -> bool:
        """Ask (modal); true when the operator chose to merge."""
        self.exec()
        return self.clickedButton() is self.merge_button
