"""Joining a campaign and sending the outbox in the background, as the GUI shows them.

* :func:`pick_and_join`: the "Join a campaign" button (welcome screen, Sync page);
* :class:`BackgroundSync`: one per app (a child of the context): every few minutes, when
  the laptop joined a campaign, it exports new work to the outbox (a setting) and sends
  the outbox on the app's worker (:mod:`fieldapp.ui.tasks`), never on the window's thread;
* :class:`SyncIndicator`: the status-bar text (online / offline / sending n of m / last sync);
* :class:`OutboxPanel`: the Sync page's outbox list with Join and Send now;
* :func:`revoked_text` / :func:`show_revoked`: what a revoked laptop did (last upload,
  wipe, what is left for HQ), told in a dialog before the app closes.

All the work is :mod:`fieldapp.services.campaign`; nothing here talks HTTP or SQL.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp import settings
from fieldapp.errors import FieldAppError
from fieldapp.log import redact
from fieldapp.services.progress import Progress, Text
from fieldapp.ui import errordialog
from fieldapp.ui.context import AppContext

if TYPE_CHECKING:
    from fieldapp.services.campaign.client import RetryPolicy
    from fieldapp.services.campaign.revoke import RevokeReport
    from fieldapp.services.campaign.sync import SyncReport, SyncStatus

# The campaign services (bundles, keys, HTTP, basemaps: a fifth of a second to import)
# are imported where they are used: the main window makes its BackgroundSync before
# its first paint, and its first sync is minutes away.

log = logging.getLogger(__name__)

DEFAULT_MINUTES = 10


def gui_policy() -> RetryPolicy:
    """How the GUI's background sync retries (fewer, shorter waits than the command)."""
    from fieldapp.services.campaign.client import RetryPolicy

    return RetryPolicy(tries=3, base=1.0, cap=10.0)


def status() -> SyncStatus:
    """:func:`fieldapp.services.campaign.sync.status` (imported on first use)."""
    from fieldapp.services.campaign.sync import status as sync_status

    return sync_status()


def pick_and_join(parent: QWidget, ctx: AppContext | None = None) -> bool:
    """Ask for a join file, join, and start a first sync in the background."""
    path, _ = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("JoinCampaign", "Join a campaign"), "",
        QCoreApplication.translate("JoinCampaign", "Join files (*.fieldapp-join);;All files (*)"))
    if not path:
        return False
    return join_file(parent, path, ctx)


def join_file(parent: QWidget, path: str, ctx: AppContext | None = None) -> bool:
    from fieldapp.services.campaign import state

    try:
        joined = state.join(path)
    except FieldAppError as exc:
        errordialog.show_problem(parent, exc)
        return False
    log.info("joined a campaign from the GUI (laptop %s)", joined.laptop_id)
    if ctx is not None:
        sender = background_sync(ctx)
        sender.changed.emit()
        sender.sync_now()  # the first contact introduces this laptop to HQ
    return True


class _Relay(Progress):
    """Progress that reaches the GUI thread through a signal and cancels with the task."""

    def __init__(self, inner: Progress, emit: Callable[[int, int, str], None]) -> None:
        super().__init__()
        self.inner, self.emit = inner, emit

    def update(self, done: int, total: int | None = None, message: str = "") -> None:
        self.emit(done, total or 0, message)

    def check(self) -> None:
        self.inner.check()


class BackgroundSync(QObject):
    """Sends the outbox now and then; tells the indicator and the outbox list what happens."""

    changed = Signal()
    progress_step = Signal(int, int, object)  # object: a Text message keeps its template
    revoked = Signal(object)  # a RevokeReport: HQ revoked this laptop and it was wiped

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.ctx = ctx
        self.running = False
        self.online: bool | None = None
        self.sending: tuple[int, int] | None = None
        self.last_report: SyncReport | None = None
        self.progress_step.connect(self._on_progress)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        minutes = int(settings.get("sync_auto_minutes") or DEFAULT_MINUTES)
        self.timer.start(max(1, minutes) * 60_000)

    def tick(self) -> None:
        """The timer: export new work (if the setting says so) and send, when joined."""
        from fieldapp.services.campaign import state

        try:
            joined = state.load_state()
        except FieldAppError:
            return
        if joined is None or joined.revoked:
            return
        self.sync_now(export_first=bool(settings.get("sync_auto_export")))

    def sync_now(self, *, export_first: bool = False) -> None:
        if self.running:
            return
        self.running = True
        self.changed.emit()
        store = self.ctx.store

        from fieldapp.maps.basemap import keep_packet_basemap
        from fieldapp.services.campaign import outbox
        from fieldapp.services.campaign.sync import sync

        policy = gui_policy()

        def work(progress: Progress) -> SyncReport:
            relay = _Relay(progress, self.progress_step.emit)
            if export_first:
                outbox.export_new_work(store, progress=relay)
            # a fetched turf packet's basemap clip becomes this laptop's street map
            return sync(store, progress=relay, policy=policy, timeout=20,
                        on_packet=lambda path, st: keep_packet_basemap(store, path, st))

        self.ctx.tasks.run(work, label=self.tr("Sending to HQ"), on_done=self._done,
                           on_error=self._failed, show_progress=False)

    def _on_progress(self, done: int, total: int, message: str) -> None:
        if isinstance(message, Text) and message.template == "Sending {n} of {m}":
            self.sending = (done + 1, total)
            self.changed.emit()

    def _done(self, report: SyncReport) -> None:
        self.running, self.sending = False, None
        self.online = report.online
        self.last_report = report
        if report.revoked is not None:
            self.timer.stop()
            log.info("HQ revoked this laptop (wiped: %s)", report.revoked.wiped)
            self.changed.emit()
            self.revoked.emit(report.revoked)
            return
        if report.packets:
            self.ctx.notify_changed("")
        self.changed.emit()

    def _failed(self, exc: BaseException) -> None:
        self.running, self.sending = False, None
        self.online = False
        log.info("background sync failed: %s", redact(str(exc)))
        self.changed.emit()


def background_sync(ctx: AppContext) -> BackgroundSync:
    """The app's one background sender (made on first use)."""
    found = ctx.findChild(BackgroundSync)
    return found if found is not None else BackgroundSync(ctx)


def _when(text: str | None) -> str:
    if not text:
        return ""
    try:
        return dt.datetime.fromisoformat(text).astimezone().strftime("%H:%M")
    except ValueError:
        return text


class SyncIndicator(QLabel):
    """Status-bar text: no campaign / revoked / sending n of m / online / offline."""

    def __init__(self, sender: BackgroundSync, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sender_ = sender
        self.setObjectName("syncIndicator")
        sender.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        try:
            st = status()
        except FieldAppError:
            self.setText(self.tr("Sync: campaign file unreadable"))
            return
        waiting = len(st.waiting)
        last = _when(st.last_ok)
        if st.campaign is None:
            text = self.tr("Not joined to a campaign")
        elif st.wiped_at:
            text = self.tr("Revoked by HQ: campaign data removed")
        elif st.revoked:
            text = self.tr("Revoked by HQ: not sending")
        elif self.sender_.sending is not None:
            n, m = self.sender_.sending
            text = self.tr("Sending {n} of {m}…").format(n=n, m=m)
        elif self.sender_.running:
            text = self.tr("Syncing…")
        elif self.sender_.online is False:
            text = self.tr("Offline: {n} waiting").format(n=waiting)
        elif self.sender_.online:
            text = self.tr("Online: last sync {time}").format(time=last)
        else:
            text = (self.tr("Last sync {time}, {n} waiting").format(time=last, n=waiting) if last
                    else self.tr("Not synced yet, {n} waiting").format(n=waiting))
        self.setText(text)
        self.setToolTip(st.last_error or "")


class OutboxPanel(QWidget):
    """The Sync page's outbox: the campaign, what waits to go to HQ, Join and Send now."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.sender_ = background_sync(ctx)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Written"), self.tr("Size"), self.tr("File")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setColumnWidth(0, 150)
        self.table.setColumnWidth(1, 100)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.note = QLabel()
        self.note.setObjectName("muted")
        self.note.setWordWrap(True)
        self.join_button = QPushButton(self.tr("Join a campaign…"))
        self.send_button = QPushButton(self.tr("Send now"))
        self.join_button.clicked.connect(lambda: pick_and_join(self, ctx))
        self.send_button.clicked.connect(lambda: self.sender_.sync_now())
        row.addWidget(self.note, 1)
        row.addWidget(self.join_button)
        row.addWidget(self.send_button)
        layout.addLayout(row)
        self.sender_.changed.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        try:
            st = status()
        except FieldAppError as exc:
            self.summary.setText(str(exc))
            return
        if st.campaign is None:
            self.summary.setText(self.tr(
                "This laptop has joined no campaign. Join with the file or printed code from "
                "HQ; your exports then go to HQ by themselves when there is a connection."))
        elif st.wiped_at:
            self.summary.setText(self.tr(
                "HQ revoked this laptop and the campaign's data was removed from it. Bundles "
                "listed here could not be sent: only HQ can open them; hand them over on a "
                "USB stick ({folder}).").format(folder=str(_outbox_dir())))
        elif st.revoked:
            self.summary.setText(self.tr(
                "HQ revoked this laptop: the next sync sends what it can, then removes the "
                "campaign's data. Ask HQ staff."))
        else:
            self.summary.setText(self.tr("Joined {campaign}. Last sync: {time}.").format(
                campaign=st.campaign, time=_when(st.last_ok) or self.tr("never")))
        self.note.setText(st.last_error or self.tr(
            "Bundles wait here until HQ confirms it stored them."))
        self.table.setRowCount(len(st.waiting))
        for i, item in enumerate(st.waiting):
            when = item.written_at.astimezone().strftime("%Y-%m-%d %H:%M")
            self.table.setItem(i, 0, QTableWidgetItem(when))
            self.table.setItem(i, 1, QTableWidgetItem(f"{item.size / 1024:,.0f} KB"))
            self.table.setItem(i, 2, QTableWidgetItem(item.path.name))
        joined = st.campaign is not None
        self.join_button.setVisible(not joined)
        self.send_button.setEnabled(joined and not st.revoked and not self.sender_.running)


def _outbox_dir() -> Path:
    from fieldapp.services.campaign import outbox

    return outbox.outbox_dir()


class RevokedWords(QObject):
    """The words of the revoked dialog (a QObject for its translation context)."""

    def build(self, rev: RevokeReport) -> tuple[str, str]:
        title = self.tr("HQ revoked this laptop")
        parts = [self.tr("HQ revoked this laptop from the campaign {campaign}.").format(
            campaign=rev.campaign)]
        if rev.sent:
            parts.append(self.tr("Your last work was sent to HQ (%n bundle(s)).", "",
                            len(rev.sent)))
        elif rev.final == "nothing":
            parts.append(self.tr("Everything had already reached HQ."))
        if not rev.wiped:
            parts.append(self.tr("The campaign's data could NOT be removed from this "
                            "computer: {problem}. Ask HQ staff.").format(problem=rev.problem))
            return title, "\n\n".join(parts)
        parts.append(self.tr("The campaign's data was then removed from this computer: the "
                        "store, its backups and its key, and this laptop's keys."))
        if rev.left:
            why = (self.tr("HQ could not be reached") if rev.final == "offline"
                   else self.tr("HQ no longer accepts uploads from this laptop"))
            parts.append(self.tr("%n bundle(s) of work could not be sent ({why}). They stay "
                            "in {folder}, encrypted so that only HQ can open them: hand them to "
                            "HQ on a USB stick.", "", len(rev.left)).format(
                why=why, folder=str(rev.outbox)))
        parts.append(self.tr("Files you saved yourself (walk sheets, CSV exports) are not "
                        "touched: delete them too. Field App will now close."))
        return title, "\n\n".join(parts)


def revoked_text(rev: RevokeReport) -> tuple[str, str]:
    """The dialog's title and text for what the revoke flow did (counts, no personal data)."""
    return RevokedWords().build(rev)


def show_revoked(parent: QWidget | None, rev: RevokeReport) -> None:
    title, text = revoked_text(rev)
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                      parent)
    box.setObjectName("revokedDialog")
    box.exec()
