"""Detail panes: a door with its household and history, a person with theirs.

Both are read-only views built from plain data (:mod:`fieldapp.services.lookup`),
rendered as simple HTML in a QTextBrowser so they print, copy and wrap well.
Links between them are signals: clicking a person in a door's household emits
:attr:`DoorDetailPane.person_activated`; the person pane's address emits
:attr:`PersonDetailPane.door_activated`.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from fieldapp.core.db import Store
from fieldapp.services import lookup as queries
from fieldapp.ui import labels, theme

CSS = f"""
<style>
 body {{ color: {theme.TEXT}; }}
 h2 {{ margin: 0 0 2px 0; font-size: 15pt; }}
 h3 {{ margin: 14px 0 4px 0; font-size: 11pt; color: {theme.TEXT}; }}
 .muted {{ color: {theme.MUTED}; }}
 .bad {{ color: {theme.BAD}; font-weight: 600; }}
 .good {{ color: {theme.GOOD}; }}
 table {{ border-collapse: collapse; }}
 td, th {{ padding: 3px 10px 3px 0; vertical-align: top; }}
 .nw {{ white-space: nowrap; }}
 th {{ text-align: left; color: {theme.MUTED}; font-weight: 600; }}
 a {{ color: {theme.ACCENT}; text-decoration: none; }}
</style>
"""


def _h3(text: str) -> str:
    return f"<h3>{escape(text)}</h3>"


def _muted(text: str) -> str:
    return f"<p class='muted'>{escape(text)}</p>"


class _DetailBrowser(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setObjectName("detail")
        self.document().setDocumentMargin(14)


class _Pane(QWidget):
    placeholder = ""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.current_id: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.browser = _DetailBrowser(self)
        self.browser.anchorClicked.connect(self._on_link)
        layout.addWidget(self.browser)
        self.clear()

    def clear(self) -> None:
        self.current_id = None
        self.browser.setHtml(CSS + _muted(self.placeholder_text()))

    def placeholder_text(self) -> str:
        return ""

    def html(self) -> str:
        return self.browser.toHtml()

    def text(self) -> str:
        return self.browser.toPlainText()

    def _on_link(self, url: QUrl) -> None:
        pass

    def _attempts_html(self, attempts: list[queries.AttemptLine], show_person: bool) -> str:
        """One short block per attempt (result and time, then who, then notes).

        Blocks rather than a six-column table: the pane is narrow, and a table
        there broke words letter by letter ("Not hom/e").
        """
        if not attempts:
            return _muted(self.tr("No contact yet."))
        results = labels.result_labels()
        blocks = []
        for a in attempts:
            when = labels.local_datetime(a.at)
            facts = []
            if a.support is not None:
                facts.append(labels.support_label(a.support))
            if show_person and a.person:
                facts.append(self.tr("spoke with {name}").format(name=a.person))
            if a.canvasser:
                by = a.canvasser + (f" ({a.organization})" if a.organization else "")
                facts.append(self.tr("by {name}").format(name=by))
            block = (f"<p style='margin: 0 0 8px 0'><b>{escape(labels.label(results, a.result))}</b>"
                     f" <span class='muted'>{escape(when)}</span>")
            if facts:
                block += f"<br><span class='muted'>{escape(' · '.join(facts))}</span>"
            if a.notes:
                block += f"<br>{escape(a.notes)}"
            blocks.append(block + "</p>")
        return "".join(blocks)


class DoorDetailPane(_Pane):
    """One door: address, turf, flags, household (with links) and contact history."""

    person_activated = Signal(str)

    def placeholder_text(self) -> str:
        return self.tr("Select a door to see its household and contact history.")

    def show_door(self, door_id: str | None) -> None:
        if door_id is None:
            self.clear()
            return
        d = queries.door_detail(self.store, door_id)
        if d is None:
            self.clear()
            return
        self.current_id = door_id
        parts = [CSS, f"<h2>{escape(d.address)}"]
        if d.unit:
            unit = self.tr("Unit {unit}").format(unit=d.unit)
            parts.append(f" <span class='muted'>{escape(unit)}</span>")
        parts.append("</h2>")
        parts.append(f"<div class='muted'>{escape(d.city_line)}</div>")
        facts = []
        if d.turf:
            facts.append(self.tr("Turf: {name}").format(name=d.turf))
        if d.building_units > 1:
            facts.append(self.tr("{n} units in this building").format(n=d.building_units))
        if facts:
            parts.append(f"<p>{escape(' · '.join(facts))}</p>")
        if d.do_not_knock:
            reason = f": {d.do_not_knock_reason}" if d.do_not_knock_reason else ""
            dnk = self.tr("Do not knock") + reason
            parts.append(f"<p class='bad'>{escape(dnk)}</p>")
        if d.notes:
            parts.append(f"<p>{escape(d.notes)}</p>")
        parts.append(_h3(self.tr("Household ({n})").format(n=len(d.people))))
        if d.people:
            langs = labels.language_labels()
            for p in d.people:
                short = " ".join(labels.label(labels.flag_labels(), f) for f in p.flags)
                flags = f" <span class='bad'>{escape(short)}</span>" if p.flags else ""
                known = " · ".join(escape(x) for x in (
                    p.phone, p.email, labels.label(langs, p.language), p.party,
                    labels.label(labels.voter_status_labels(), p.voter_status)
                    if p.voter_status else "") if x)
                parts.append(
                    f"<p style='margin: 0 0 6px 0'><a href='person:{escape(p.id)}'>"
                    f"<b>{escape(p.name)}</b></a>{flags}<br>"
                    f"<span class='muted'>{known}</span></p>"
                )
        else:
            parts.append(_muted(self.tr("Nobody is listed at this door.")))
        parts.append(_h3(self.tr("Contact history")))
        parts.append(self._attempts_html(d.attempts, show_person=True))
        self.browser.setHtml("".join(parts))

    def _on_link(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("person:"):
            self.person_activated.emit(text.split(":", 1)[1])


class PersonDetailPane(_Pane):
    """One person: contact details, consent flags, address, history, events."""

    door_activated = Signal(str)

    def placeholder_text(self) -> str:
        return self.tr("Select a person to see their details.")

    def _voter_rows(self, p: queries.PersonDetail) -> list[tuple[str, str]]:
        """What the voter file says: status, party, registration, precinct, districts."""
        rows: list[tuple[str, str]] = []
        if p.voter_status:
            status = escape(labels.label(labels.voter_status_labels(), p.voter_status))
            if p.voter_status in ("removed", "cancelled", "deceased"):
                status = f"<span class='bad'>{status}</span> " + escape(
                    self.tr("(left off walk and call lists)"))
            rows.append((self.tr("Registration"), status))
        if p.party:
            rows.append((self.tr("Party"), escape(p.party)))
        if p.registration_date:
            rows.append((self.tr("Registered"), escape(p.registration_date)))
        if p.precinct or p.ward:
            rows.append((self.tr("Precinct"), escape(" · ".join(
                x for x in (p.precinct, self.tr("ward {ward}").format(ward=p.ward) if p.ward else "")
                if x))))
        names = {"congressional": self.tr("Congress"), "state_senate": self.tr("State Senate"),
                 "state_house": self.tr("State House")}
        if p.districts:
            rows.append((self.tr("Districts"), escape(", ".join(
                f"{names.get(k, k)} {v}" for k, v in sorted(p.districts.items())))))
        return rows

    def show_person(self, person_id: str | None) -> None:
        if person_id is None:
            self.clear()
            return
        p = queries.person_detail(self.store, person_id)
        if p is None:
            self.clear()
            return
        self.current_id = person_id
        langs = labels.language_labels()
        roles = labels.role_labels()
        parts = [CSS, f"<h2>{escape(p.name)}</h2>"]
        if p.roles:
            parts.append("<div class='good'>" + escape(", ".join(
                labels.label(roles, r) for r in p.roles)) + "</div>")
        rows = [
            (self.tr("Phone"), escape(p.phone)),
            (self.tr("Email"), escape(p.email)),
            (self.tr("Language"), escape(labels.label(langs, p.language))),
        ]
        if p.door_id:
            rows.append((self.tr("Address"),
                         f"<a href='door:{escape(p.door_id)}'>{escape(p.address)}</a>"))
        if p.birth_year:
            rows.append((self.tr("Born"), str(p.birth_year)))
        if p.voter_id:
            rows.append((self.tr("Voter id"), escape(p.voter_id)))
        rows += self._voter_rows(p)
        if p.organizations:
            rows.append((self.tr("Organizations"), escape(", ".join(p.organizations))))
        if p.tags:
            rows.append((self.tr("Tags"), escape(", ".join(p.tags))))
        parts.append("<table>" + "".join(
            f"<tr><th>{escape(k)}</th><td>{v}</td></tr>" for k, v in rows if v) + "</table>")
        flag_names = {"DNC": self.tr("Do not call"), "DNT": self.tr("Do not text"),
                      "DNE": self.tr("Do not email")}
        if p.flags:
            parts.append("<p class='bad'>" + escape(" · ".join(flag_names[f] for f in p.flags))
                         + "</p>")
        if p.notes:
            parts.append(f"<p>{escape(p.notes)}</p>")
        parts.append(_h3(self.tr("Contact history")))
        parts.append(self._attempts_html(p.attempts, show_person=False))
        parts.append(_h3(self.tr("Events")))
        if p.signups:
            statuses = labels.signup_status_labels()
            parts.append("<table>" + "".join(
                f"<tr><td>{escape(labels.local_time(s.starts_at, s.timezone).strftime('%Y-%m-%d %H:%M'))}</td>"
                f"<td>{escape(s.event)}</td><td>{escape(labels.label(statuses, s.status))}</td></tr>"
                for s in p.signups) + "</table>")
        else:
            parts.append(_muted(self.tr("No event signups.")))
        self.browser.setHtml("".join(parts))

    def _on_link(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("door:"):
            self.door_activated.emit(text.split(":", 1)[1])
