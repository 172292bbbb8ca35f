"""People: everyone in the store, searchable by name, phone or email, with detail."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from fieldapp.ui.context import AppContext
from fieldapp.ui.details import PersonDetailPane
from fieldapp.ui.sources import PersonSource
from fieldapp.ui.widgets import SearchTableDetailPage


class Page(SearchTableDetailPage):
    """A lazy table of people + a detail pane (history, events, affiliations)."""

    key = "people"
    watches = frozenset({"people", "doors", "contact_attempts", "signups", "volunteers",
                         "person_organizations"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.ctx: AppContext = ctx
        self.detail = PersonDetailPane(ctx.store, self)
        self.build(
            subtitle=self.tr("Residents, supporters and volunteers, with their consent flags."),
            placeholder=self.tr("Search by name, phone or email"),
            source=PersonSource(), detail=self.detail, widths=[160, 110, 200, 88, 170, 80],
            stretch=[2, 4], sizes=[780, 340], detail_min_width=260,
        )
        self.detail.door_activated.connect(
            lambda door_id: self.open_on_page("doors", "select_door", door_id))

    def title(self) -> str:
        return self.tr("People")

    def show_detail(self, record_id: str | None) -> None:
        self.detail.show_person(record_id)

    def shown_id(self) -> str | None:
        return self.detail.current_id

    def count_text(self, n: int, matching: bool) -> str:
        if matching:
            return self.tr("%Ln people match", "", n)
        return self.tr("%Ln people", "", n)

    def select_person(self, person_id: str) -> bool:
        """Select and show ``person_id`` (clearing a search that hides them)."""
        return self.select_record(person_id)
