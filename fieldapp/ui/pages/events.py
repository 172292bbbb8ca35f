"""Events: what is coming up, in each event's own time zone, with signups."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QWidget

from fieldapp.ui.context import AppContext
from fieldapp.ui.sources import EventSource
from fieldapp.ui.tablemodel import LazyTableModel
from fieldapp.ui.widgets import PageHeader, RefreshingPage, SearchBox, make_table_view, page_layout


class Page(RefreshingPage):
    """Upcoming events (or all of them), soonest first."""

    key = "events"
    watches = frozenset({"events", "signups", "shifts", "event_hosts"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.ctx: AppContext = ctx
        layout = page_layout(self)
        self.header = PageHeader(self.title(), self.tr(
            "Canvass launches, house parties, phone banks and trainings. Times are in "
            "each event's own time zone."))
        self.past = QCheckBox(self.tr("Show past events"))
        self.search = SearchBox(self.tr("Search by title or place"))
        self.header.add_action(self.past)
        self.header.add_action(self.search)
        layout.addWidget(self.header)

        self.source = EventSource()
        self.model = LazyTableModel(ctx.store, self.source, self)
        self.table = make_table_view(self.model, self, widths=[250, 130, 280, 220])
        layout.addWidget(self.table, 1)
        footer = QHBoxLayout()
        self.count_label = QLabel("")
        self.count_label.setObjectName("muted")
        footer.addWidget(self.count_label)
        footer.addStretch(1)
        layout.addLayout(footer)

        self.search.search_changed.connect(self._on_search)
        self.past.toggled.connect(self._on_past)
        self.model.modelReset.connect(self._update_count)

    def title(self) -> str:
        return self.tr("Events")

    def reload(self) -> None:
        self.model.refresh()

    def _on_search(self, text: str) -> None:
        self.model.set_search(text)
        self._stale = False

    def _on_past(self, checked: bool) -> None:
        self.source.include_past = checked
        self.model.refresh()

    def _update_count(self) -> None:
        n = self.model.rowCount()
        if self.source.include_past:
            self.count_label.setText(self.tr("{n:,} events").format(n=n))
        else:
            self.count_label.setText(self.tr("{n:,} upcoming events").format(n=n))
