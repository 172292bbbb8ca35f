"""Dashboard: the campaign at a glance (counts, what is coming up, door results)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from fieldapp.ui import labels, queries, theme
from fieldapp.ui.context import AppContext
from fieldapp.ui.widgets import PageHeader, RefreshingPage, SectionLabel, StatCard, page_layout


class Page(RefreshingPage):
    """Five stat cards, the next events and the door results so far."""

    key = "dashboard"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.ctx: AppContext = ctx
        layout = page_layout(self)
        self.header = PageHeader(self.title(), "")
        layout.addWidget(self.header)

        grid = QGridLayout()
        grid.setSpacing(14)
        self.cards = {
            "doors": StatCard(self.tr("Doors")),
            "people": StatCard(self.tr("People")),
            "turfs": StatCard(self.tr("Turfs")),
            "contacts": StatCard(self.tr("Conversations")),
            "events": StatCard(self.tr("Upcoming events")),
        }
        for i, card in enumerate(self.cards.values()):
            grid.addWidget(card, 0, i)
        layout.addLayout(grid)

        lower = QHBoxLayout()
        lower.setSpacing(14)
        self.events_box, self.events_label = self._card(self.tr("Coming up"))
        self.results_box, self.results_label = self._card(self.tr("Door results so far"))
        lower.addWidget(self.events_box, 3)
        lower.addWidget(self.results_box, 2)
        layout.addLayout(lower)
        layout.addStretch(1)

    def _card(self, caption: str) -> tuple[QFrame, QLabel]:
        box = QFrame()
        box.setObjectName("card")
        inner = QVBoxLayout(box)
        inner.setContentsMargins(18, 12, 18, 14)
        inner.addWidget(SectionLabel(caption))
        label = QLabel("")
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        inner.addWidget(label, 1)
        return box, label

    def title(self) -> str:
        return self.tr("Dashboard")

    def reload(self) -> None:
        store = self.ctx.store
        c = queries.counts(store)
        name = queries.campaign_name(store)
        self.header.set_subtitle(name)
        self.cards["doors"].set_value(c.doors, self.tr("{n:,} knocked at least once").format(
            n=c.doors_knocked) if c.doors else "")
        self.cards["people"].set_value(c.people)
        self.cards["turfs"].set_value(c.turfs)
        self.cards["contacts"].set_value(c.contacts, self.tr("{n:,} knocks in all").format(
            n=c.attempts) if c.attempts else "")
        self.cards["events"].set_value(c.upcoming_events)

        events = queries.upcoming_events(store, limit=5)
        if events:
            kinds = labels.event_kind_labels()
            rows = []
            for e in events:
                cap = f"{e.signups} / {e.capacity}" if e.capacity else str(e.signups)
                rows.append(
                    f"<tr><td style='padding:4px 14px 4px 0'><b>{escape(e.title)}</b><br>"
                    f"<span style='color:{theme.MUTED}'>"
                    f"{escape(labels.event_when(e.starts_at, e.ends_at, e.timezone))} · "
                    f"{escape(labels.label(kinds, e.kind))} · {escape(e.place)}</span></td>"
                    f"<td style='padding:4px 0' align='right'>{escape(cap)}<br>"
                    f"<span style='color:{theme.MUTED}'>{escape(self.tr('signed up'))}</span>"
                    f"</td></tr>"
                )
            self.events_label.setText("<table width='100%'>" + "".join(rows) + "</table>")
        else:
            self.events_label.setText(escape(self.tr("No upcoming events.")))

        results = queries.result_counts(store)
        total = sum(results.values())
        if total:
            names = labels.result_labels()
            rows = []
            for code, n in sorted(results.items(), key=lambda kv: -kv[1]):
                share = n / total
                bar = int(share * 160)
                rows.append(
                    f"<tr><td style='padding:2px 10px 2px 0'>{escape(labels.label(names, code))}"
                    f"</td><td style='padding:2px 8px 2px 0' align='right'>{n:,}</td>"
                    f"<td><table cellspacing='0' cellpadding='0'><tr>"
                    f"<td style='background:{theme.ACCENT}' width='{max(bar, 2)}' height='10'>"
                    f"</td></tr></table></td></tr>"
                )
            self.results_label.setText("<table>" + "".join(rows) + "</table>")
        else:
            self.results_label.setText(escape(self.tr("No doors knocked yet.")))
