"""Dashboard: the campaign's figures, drawn where people would rather look than read.

The figures come from :func:`fieldapp.services.reports.dashboard` (the same
definitions as ``fieldapp report``: superseded attempts left out, doors
knocked counted as door visits per day), computed on the database worker.
Charts use Qt Charts: knocks and contacts by day, the same by turf, canvasser
or organization, and RSVPs against arrivals for each event.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from typing import Any

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QLocale, QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QResizeEvent
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from fieldapp.services import lookup as queries
from fieldapp.services import reports
from fieldapp.services.progress import Progress
from fieldapp.ui import theme
from fieldapp.ui.context import AppContext
from fieldapp.ui.widgets import (
    PageHeader,
    RefreshingPage,
    SectionLabel,
    StatCard,
    scrolling_page_layout,
)

log = logging.getLogger(__name__)

KNOCKED = QColor(theme.ACCENT)
CONTACTS = QColor(theme.GOOD)
SUPPORTERS = QColor("#8e44ad")
RSVPS = QColor("#7a8ca3")
ATTENDED = QColor(theme.ACCENT_DARK)
TOP_N = 8
"""Groups drawn in the turf/canvasser/organization chart (the busiest first)."""


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    font = QFont(chart.titleFont())
    font.setPointSize(11)
    font.setBold(True)
    chart.setTitleFont(font)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setMargins(QMargins(6, 6, 6, 6))
    chart.setBackgroundRoundness(8)
    return chart


def _bar_set(name: str, color: QColor, values: list[float]) -> QBarSet:
    bars = QBarSet(name)
    bars.setColor(color)
    bars.setBorderColor(color)
    for v in values:
        bars.append(v)
    return bars


def _weekday(day: dt.date) -> str:
    """"Mon 23" with the weekday in the interface language ("lun 23" in Spanish)."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "ddd d")


def _short(text: str, n: int = 22) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


class Page(RefreshingPage):
    """Stat cards and three charts; regrouping by turf, canvasser or organization."""

    key = "dashboard"
    watches = frozenset()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.ctx: AppContext = ctx
        self.data: reports.Dashboard | None = None
        self.now: dt.datetime | None = None  # tests pin "now"
        layout = scrolling_page_layout(self)  # charts need more height than a 768-pixel screen has
        self.header = PageHeader(self.title(), "")
        layout.addWidget(self.header)

        cards = QGridLayout()
        cards.setSpacing(14)
        self.cards = {
            "knocked": StatCard(self.tr("Doors knocked")),
            "contacts": StatCard(self.tr("Contacts made")),
            "rate": StatCard(self.tr("Contact rate")),
            "supporters": StatCard(self.tr("Supporters identified (1-2)")),
            "events": StatCard(self.tr("Event RSVPs")),
        }
        self._card_grid = cards
        self._card_columns = 0
        self._arrange_cards(len(self.cards))
        layout.addLayout(cards)

        self.day_chart = _chart(self.tr("Doors knocked and contacts by day"))
        self.day_view = self._view(self.day_chart)
        self.group_chart = _chart("")
        self.group_view = self._view(self.group_chart)
        self.event_chart = _chart(self.tr("Events: RSVPs and arrivals"))
        self.event_view = self._view(self.event_chart)

        grid = QGridLayout()
        grid.setSpacing(14)
        grid.addWidget(self.day_view, 0, 0)
        right = QVBoxLayout()
        row = QHBoxLayout()
        row.addWidget(SectionLabel(self.tr("Group by")))
        self.group_box = QComboBox()
        self.group_box.addItem(self.tr("Turf"), "turf")
        self.group_box.addItem(self.tr("Canvasser"), "canvasser")
        self.group_box.addItem(self.tr("Organization"), "organization")
        row.addWidget(self.group_box)
        row.addStretch(1)
        right.addLayout(row)
        right.addWidget(self.group_view, 1)
        grid.addLayout(right, 0, 1)
        grid.addWidget(self.event_view, 1, 0, 1, 2)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)
        layout.addLayout(grid, 1)
        self.note = QLabel(self.tr(
            "Corrected attempts count once (the correction). A door knocked on two days counts twice; "
            "a household entered person by person counts once."))
        self.note.setObjectName("muted")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.group_box.currentIndexChanged.connect(lambda _i: self._draw_groups())

    def _view(self, chart: QChart) -> QChartView:
        view = QChartView(chart)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setMinimumHeight(220)
        view.setStyleSheet(f"background: {theme.CARD}; border: 1px solid {theme.BORDER}; border-radius: 10px;")
        return view

    CARD_WIDTH = 190  # below this a card's caption and figure no longer fit on their lines

    def _arrange_cards(self, columns: int) -> None:
        """Cards in ``columns`` columns (five in a row on a wide screen, fewer on a laptop)."""
        columns = max(1, min(columns, len(self.cards)))
        if columns == self._card_columns:
            return
        self._card_columns = columns
        for card in self.cards.values():
            self._card_grid.removeWidget(card)
        for i, card in enumerate(self.cards.values()):
            self._card_grid.addWidget(card, i // columns, i % columns)
        for column in range(len(self.cards)):
            self._card_grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        spacing = self._card_grid.spacing()
        fits = (event.size().width() + spacing) // (self.CARD_WIDTH + spacing)
        # Five in a row, else three over two (never four and one left alone), else two, else one.
        self._arrange_cards(next((n for n in (5, 3, 2) if fits >= n), 1))
        super().resizeEvent(event)

    def title(self) -> str:
        return self.tr("Dashboard")

    # ------------------------------------------------------------------ data

    def _zone(self) -> str:
        """Days are counted in the campaign's time zone (that of its events), else UTC."""
        with self.ctx.store.session() as s:
            return reports.campaign_zone(s)

    def reload(self) -> None:
        store = self.ctx.store
        zone = self._zone()
        now = self.now
        self.header.set_subtitle(queries.campaign_name(store))

        def work(progress: Progress) -> reports.Dashboard:
            with store.session() as s:
                return reports.dashboard(s, tz=zone, now=now)

        self.ctx.tasks.run(work, label=self.tr("Adding up the figures…"), on_done=self.show_data, parent=self)

    def show_data(self, data: reports.Dashboard) -> None:
        self.data = data
        t = data.totals
        self.cards["knocked"].set_value(t.doors_knocked, self.tr("%n attempt(s) recorded", "", t.attempts))
        self.cards["contacts"].set_value(t.contacts, self.tr("conversations at the door"))
        self.cards["rate"].set_value(QLocale().toString(t.contact_rate * 100, "f", 1) + "%", self.tr("contacts / doors knocked"))
        self.cards["supporters"].set_value(t.supporters, self.tr("rated 1 or 2 on the support scale"))
        now = self.now or dt.datetime.now(dt.UTC)
        upcoming = [e for e in data.events if e.starts_at >= now and e.status != "cancelled"]
        past = [e for e in data.events if e.no_show_rate is not None]
        rsvps = sum(e.rsvps for e in upcoming)
        detail = self.tr("for %n upcoming event(s)", "", len(upcoming))
        if past:
            shows = sum(e.no_shows or 0 for e in past)
            total = sum(e.rsvps for e in past)
            if total:
                detail += " · " + self.tr("no-show rate so far {rate:.0f}%").format(rate=100 * shows / total)
        self.cards["events"].set_value(rsvps, detail)
        self._draw_days()
        self._draw_groups()
        self._draw_events()

    # ------------------------------------------------------------------ charts

    @staticmethod
    def _reset(chart: QChart) -> None:
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)

    def _draw_days(self) -> None:
        chart = self.day_chart
        self._reset(chart)
        days = self.data.by_day if self.data else []
        if not days:
            chart.setTitle(self.tr("No doors knocked yet"))
            return
        chart.setTitle(self.tr("Doors knocked and contacts by day"))
        self._fill_bars(chart, QBarSeries(), days,
                        [_weekday(dt.date.fromisoformat(f.key)) for f in days])

    def _fill_bars(self, chart: QChart, series: QAbstractBarSeries, figures: Sequence[Any],
                   categories: list[str], *, horizontal: bool = False) -> QBarCategoryAxis:
        """Doors knocked, contacts and supporters per category, scaled to the doors.

        Returns the category axis (the names or days).
        """
        series.append(_bar_set(self.tr("Doors knocked"), KNOCKED, [f.doors_knocked for f in figures]))
        series.append(_bar_set(self.tr("Contacts"), CONTACTS, [f.contacts for f in figures]))
        series.append(_bar_set(self.tr("Supporters"), SUPPORTERS, [f.supporters for f in figures]))
        chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append(categories)
        small = QFont(names.labelsFont())  # a week of days or eight turf names must fit
        small.setPointSize(8)
        names.setLabelsFont(small)
        # Names are already short (_short); cut further, a narrow window showed only "...".
        names.setTruncateLabels(False)
        values = QValueAxis()
        values.setLabelFormat("%d")
        values.setRange(0, max(f.doors_knocked for f in figures) * 1.1 or 1)
        values.applyNiceNumbers()
        left, bottom = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignBottom
        chart.addAxis(names, left if horizontal else bottom)
        chart.addAxis(values, bottom if horizontal else left)
        series.attachAxis(names)
        series.attachAxis(values)
        return names

    def _draw_groups(self) -> None:
        chart = self.group_chart
        self._reset(chart)
        by = str(self.group_box.currentData())
        if self.data is None:
            return
        figures = {"turf": self.data.by_turf, "canvasser": self.data.by_canvasser,
                   "organization": self.data.by_organization}[by][:TOP_N]
        chart.setTitle(self.tr("{group}: the {n} busiest").format(group=self.group_box.currentText(), n=TOP_N))
        if not figures:
            return
        figures = list(reversed(figures))  # the biggest at the top of a horizontal chart
        self._fill_bars(chart, QHorizontalBarSeries(), figures,
                        [_short(f.label) for f in figures], horizontal=True)

    def _draw_events(self) -> None:
        chart = self.event_chart
        self._reset(chart)
        events = [e for e in (self.data.events if self.data else []) if e.status != "cancelled"]
        if not events:
            chart.setTitle(self.tr("No events yet"))
            return
        chart.setTitle(self.tr("Events: RSVPs and arrivals"))
        series = QBarSeries()
        series.append(_bar_set(self.tr("RSVPs"), RSVPS, [e.rsvps for e in events]))
        series.append(_bar_set(self.tr("Arrived"), ATTENDED, [e.attended for e in events]))
        series.setLabelsVisible(True)
        series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        names = []
        for e in events:
            label = _short(e.title, 26)
            if e.no_show_rate is not None:
                label += f" ({e.no_show_rate * 100:.0f}% no-show)"
            names.append(label)
        axis_x.append(names)
        axis_y = QValueAxis()
        axis_y.setLabelFormat("%d")
        axis_y.setRange(0, max(max(e.rsvps, e.attended) for e in events) * 1.2 or 1)
        axis_y.applyNiceNumbers()
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
