"""Geocode doors from the GUI: an online provider, or an offline address-points file.

The same two services as ``fieldapp geocode``: :func:`~fieldapp.services.geocoding.geocode_doors`
(geopy at the provider's pace, the persistent cache, waiting while offline)
and :func:`~fieldapp.services.geocoding.geocode_from_file`. The run goes
through ``ctx.tasks`` (progress dialog with Cancel); what was found before a
Cancel is kept. Newly located doors can be put in turfs right away, as the
voter-file import does. The report is built here with ``tr`` from the
services' figures, so it reads in the interface language.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldapp.core.models import Door
from fieldapp.errors import CancelledError, FieldAppError
from fieldapp.services import geocoding
from fieldapp.services import turfs as turf_service  # assign_doors loads shapely on first use
from fieldapp.services.progress import Progress
from fieldapp.ui.context import AppContext
from fieldapp.ui.tasks import Task

log = logging.getLogger(__name__)


@dataclass
class GeocodeOutcome:
    """What a run did, as plain data for the GUI thread."""

    online: geocoding.GeocodeReport | None = None
    from_file: geocoding.AddressFileReport | None = None
    placed: int | None = None  # doors put in turfs afterwards, when asked
    cancelled: bool = False
    remaining: int = 0


def doors_without_coordinates(session: Session) -> int:
    return int(session.scalar(
        select(func.count()).select_from(Door).where(
            Door.deleted.is_(False), Door.merged_into_id.is_(None),
            Door.lat.is_(None) | Door.lon.is_(None))) or 0)


def split_server(text: str) -> tuple[str | None, str | None]:
    """``"http://127.0.0.1:8080/"`` -> (domain, scheme); empty -> the provider's own."""
    text = text.strip().rstrip("/")
    if not text:
        return None, None
    scheme = None
    for prefix in ("http://", "https://"):
        if text.lower().startswith(prefix):
            scheme = prefix[:-3]
            text = text[len(prefix):]
    return text, scheme


class GeocodeDialog(QDialog):
    """Choose a provider (or a file), run, read the report; stays open to run again."""

    PROVIDERS = (("nominatim", "Nominatim (OpenStreetMap)"), ("arcgis", "ArcGIS"),
                 ("photon", "Photon (komoot)"))

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.task: Task[GeocodeOutcome] | None = None
        self._close_when_stopped = False
        self.outcome: GeocodeOutcome | None = None
        self.setWindowTitle(self.tr("Geocode doors"))
        self.resize(640, 560)
        layout = QVBoxLayout(self)

        self.count_label = QLabel("")
        self.count_label.setWordWrap(True)
        layout.addWidget(self.count_label)

        self.online_radio = QRadioButton(self.tr("Ask an online geocoder"))
        self.file_radio = QRadioButton(self.tr("Use an address-points file (no network)"))
        group = QButtonGroup(self)
        group.addButton(self.online_radio)
        group.addButton(self.file_radio)
        self.online_radio.setChecked(True)

        layout.addWidget(self.online_radio)
        layout.addWidget(self._build_online_box())

        layout.addWidget(self.file_radio)
        layout.addWidget(self._build_file_box())

        self.assign_turfs = QCheckBox(self.tr("Place newly located doors in turfs"))
        self.assign_turfs.setChecked(True)
        layout.addWidget(self.assign_turfs)

        self._build_report_and_buttons(layout)

        self.online_radio.toggled.connect(self._sync_enabled)
        self._sync_enabled()
        self._show_count()

    def _build_online_box(self) -> QWidget:
        """The online geocoder's settings: provider, server, how many to ask."""
        self.online_box = QWidget()
        online_form = QFormLayout(self.online_box)
        online_form.setContentsMargins(24, 0, 0, 0)
        self.provider_combo = QComboBox()
        for key, label in self.PROVIDERS:
            self.provider_combo.addItem(label, key)
        online_form.addRow(self.tr("Provider:"), self.provider_combo)
        self.server_edit = QLineEdit()
        self.server_edit.setPlaceholderText(self.tr("the provider's own (or host:port of yours)"))
        online_form.addRow(self.tr("Server:"), self.server_edit)
        self.limit_spin = QSpinBox()
        self.limit_spin.setRange(0, 10_000_000)
        self.limit_spin.setSpecialValueText(self.tr("every address"))
        self.limit_spin.setSuffix(self.tr(" addresses"))
        online_form.addRow(self.tr("Ask at most:"), self.limit_spin)
        note = QLabel(self.tr(
            "Nominatim and Photon are asked at most once a second, ArcGIS twice; every "
            "answer is kept, so no address is asked twice. While the network is down the "
            "run waits and then goes on; Cancel keeps what was found."))
        note.setWordWrap(True)
        note.setObjectName("muted")
        online_form.addRow(note)
        return self.online_box

    def _build_file_box(self) -> QWidget:
        """The address-points file to read instead of asking a geocoder."""
        self.file_box = QWidget()
        file_layout = QVBoxLayout(self.file_box)
        file_layout.setContentsMargins(24, 0, 0, 0)
        row = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("A .csv of addresses with latitude and longitude"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        file_layout.addLayout(row)
        file_note = QLabel(self.tr(
            "Counties publish address points as CSV (address, city or ZIP, and X/Y or "
            "latitude/longitude columns)."))
        file_note.setWordWrap(True)
        file_note.setObjectName("muted")
        file_layout.addWidget(file_note)
        return self.file_box

    def _build_report_and_buttons(self, layout: QVBoxLayout) -> None:
        """The error and status lines, the report, and the Geocode and Close buttons."""
        self.error_label = QLabel("")
        self.error_label.setObjectName("error")
        self.error_label.setWordWrap(True)
        layout.addWidget(self.error_label)
        self.status = QLabel("")
        layout.addWidget(self.status)
        self.report_text = QPlainTextEdit()
        self.report_text.setReadOnly(True)
        self.report_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.report_text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.report_text.setPlaceholderText(self.tr("The report appears here."))
        layout.addWidget(self.report_text, 1)

        buttons = QDialogButtonBox()
        self.run_button = buttons.addButton(self.tr("Geocode"),
                                            QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(lambda: self.start())
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(buttons)

    # ------------------------------------------------------------------ inputs

    def _sync_enabled(self) -> None:
        online = self.online_radio.isChecked()
        self.online_box.setEnabled(online)
        self.file_box.setEnabled(not online)

    def _show_count(self) -> None:
        with self.ctx.store.session() as session:  # one indexed count: quick enough here
            n = doors_without_coordinates(session)
        self.count_label.setText(self.tr(
            "{n:,} doors have no coordinates. Doors need them to be placed in turfs, cut "
            "into turfs and shown on the map.").format(n=n))

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose an address-points file"), "",
            self.tr("CSV files (*.csv *.txt);;All files (*)"))
        if path:
            self.path_edit.setText(path)
            self.file_radio.setChecked(True)

    # ------------------------------------------------------------------ run

    def start(self) -> Task[GeocodeOutcome] | None:
        """Run with the choices shown; returns the task (None if a choice is wrong)."""
        if self.task is not None:
            return None
        self.error_label.setText("")
        store = self.ctx.store
        place = self.assign_turfs.isChecked()
        if self.file_radio.isChecked():
            text = self.path_edit.text().strip()
            if not text:
                self.error_label.setText(self.tr("Choose an address-points file first."))
                return None
            path = Path(text)
            label = self.tr("Geocoding from {file}").format(file=path.name)

            def run(progress: Progress) -> GeocodeOutcome:
                return GeocodeOutcome(from_file=geocoding.geocode_from_file(
                    store, path, progress=progress, place_in_turfs=False))
        else:
            provider = str(self.provider_combo.currentData())
            domain, scheme = split_server(self.server_edit.text())
            limit = self.limit_spin.value() or None
            label = self.tr("Geocoding with {provider}").format(
                provider=self.provider_combo.currentText())

            def run(progress: Progress) -> GeocodeOutcome:
                geocoder = geocoding.make_geocoder(provider, domain=domain, scheme=scheme)
                return GeocodeOutcome(online=geocoding.geocode_doors(
                    store, provider=provider, limit=limit, geocoder=geocoder, progress=progress,
                    place_in_turfs=False))

        def work(progress: Progress) -> GeocodeOutcome:
            try:
                outcome = run(progress)
            except CancelledError:
                # What was found before the Cancel is already saved.
                outcome = GeocodeOutcome(cancelled=True)
            if place:
                with store.transaction() as session:
                    outcome.placed = turf_service.assign_doors(session, only_unassigned=True)
            with store.session() as session:
                outcome.remaining = doors_without_coordinates(session)
            return outcome

        self.outcome = None
        self.report_text.clear()
        self.status.setText(self.tr("Geocoding…"))
        self.run_button.setEnabled(False)
        self.task = self.ctx.tasks.run(work, label=label, on_done=self._done,
                                       on_error=self._failed, parent=self)
        return self.task

    def cancel_run(self) -> None:
        """Stop the running geocode (as the progress dialog's Cancel does)."""
        if self.task is not None:
            self.task.cancel()

    def _done(self, outcome: GeocodeOutcome) -> None:
        self.task = None
        if self._close_when_stopped:
            self.ctx.notify_changed("doors")
            super().reject()
            return
        self.outcome = outcome
        self.run_button.setEnabled(True)
        self.ctx.notify_changed("doors")
        if outcome.placed:
            self.ctx.notify_changed("turfs")
        if outcome.cancelled:
            self.status.setText(self.tr("Stopped. The doors located so far are kept; run "
                                        "again to go on."))
        else:
            self.status.setText(self.tr("Geocoding finished."))
        self.report_text.setPlainText("\n".join(self.report_lines(outcome)))
        self._show_count()

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        if self._close_when_stopped:
            super().reject()
            return
        self.run_button.setEnabled(True)
        self.status.setText(self.tr("Geocoding stopped with a problem."))
        self.error_label.setText(str(exc) if isinstance(exc, FieldAppError) else repr(exc))
        self._show_count()

    def report_lines(self, outcome: GeocodeOutcome) -> list[str]:
        """The report in the interface language (the services' own lines are the CLI's)."""
        lines: list[str] = []
        online, from_file = outcome.online, outcome.from_file
        if online is not None:
            lines.append(self.tr("Geocoded {n:,} doors with {provider}: {asked:,} addresses "
                                 "asked, {cached:,} from the cache").format(
                n=online.doors_geocoded, provider=online.provider, asked=online.addresses_asked,
                cached=online.from_cache))
            if online.not_found:
                lines.append("  " + self.tr("not found ({n}):").format(n=len(online.not_found)))
                lines += [f"    {q}" for q in online.not_found[:50]]
                if len(online.not_found) > 50:
                    lines.append("    " + self.tr("... and {n} more").format(
                        n=len(online.not_found) - 50))
            if online.waited_offline_s:
                lines.append("  " + self.tr("waited {s:.0f} s for the network").format(
                    s=online.waited_offline_s))
            if online.stopped_offline:
                lines.append("  " + self.tr("stopped: the geocoder cannot be reached; run "
                                            "again later to resume"))
        if from_file is not None:
            lines.append(self.tr("Geocoded {n:,} doors from {file} ({points:,} address points "
                                 "read, no network used)").format(
                n=from_file.doors_geocoded, file=Path(from_file.file).name,
                points=from_file.points_read))
        if outcome.cancelled:
            lines.append(self.tr("Stopped before the end: the doors located so far are kept."))
        if outcome.placed is not None:
            lines.append("  " + self.tr("{n:,} doors placed in turfs").format(n=outcome.placed))
        lines.append("  " + self.tr("{n:,} doors still have no coordinates").format(
            n=outcome.remaining))
        return lines

    def reject(self) -> None:
        if self.task is not None:
            # Closing while it runs: stop it (found doors are kept) and close when it
            # has stopped, so the task never reports to a deleted dialog.
            self._close_when_stopped = True
            self.cancel_run()
            return
        super().reject()


def open_geocode_dialog(ctx: AppContext, parent: QWidget) -> GeocodeDialog:
    dialog = GeocodeDialog(ctx, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


class GeocodeButton(QPushButton):
    """A "Geocode doors…" toolbar button that opens the dialog over ``page``.

    One line adds it to a page: ``self.header.add_action(GeocodeButton(self))``
    (``page.ctx`` is the app context, as on every page).
    """

    def __init__(self, page: QWidget) -> None:
        super().__init__(page)
        self.setText(self.tr("Geocode doors…"))
        self.setToolTip(self.tr("Find coordinates for the doors that have none"))
        self.clicked.connect(lambda: open_geocode_dialog(page.ctx, page))  # type: ignore[attr-defined]
