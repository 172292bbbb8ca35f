"""The printable sign-in sheet (PDF): RSVPs by last name, then blank rows for walk-ins."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from fieldapp.core import files
from fieldapp.services.events.event_crud import event_info
from fieldapp.services.events.labels import RSVP_STATUSES
from fieldapp.services.events.roster import signup_rows


def write_signin_pdf(session: Session, event_id: str, path: Path, *, blank_rows: int = 15) -> int:
    """A printable sign-in sheet: the RSVPs by last name, then blank rows for walk-ins.

    Returns the number of RSVP rows printed. Declined and waitlisted signups
    are left off; a check box column marks who arrived.
    """
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import inch
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    ev = event_info(session, event_id)
    rows = [
        r for r in signup_rows(session, event_id, statuses=list(RSVP_STATUSES | {"invited"}))
        if not r.waitlisted
    ]
    styles = getSampleStyleSheet()
    start = ev.starts_local
    when = f"{start:%A %B} {start.day}, {start:%Y} · {start:%I:%M %p}".replace(" 0", " ")
    when += f" – {ev.ends_local:%I:%M %p}".replace(" 0", " ") + f" ({ev.timezone})"
    story: list[Any] = [
        Paragraph(_esc(ev.title) + (" (CANCELLED)" if ev.status == "cancelled" else ""), styles["Title"]),
        Paragraph(_esc(when), styles["Normal"]),
        Paragraph(_esc(", ".join(p for p in (ev.place_name, ev.address) if p)), styles["Normal"]),
    ]
    if ev.host_names:
        story.append(Paragraph(_esc("Hosted by " + ", ".join(ev.host_names)), styles["Normal"]))
    # The note goes above the table so a full sheet never spills a lone line onto a new page.
    story.append(Paragraph(
        _esc(f"{len(rows)} RSVPs. Walk-ins: please print your name, phone and email, and write "
             "\"no calls\" or \"no texts\" beside your number if you do not want us to contact you "
             "that way."), styles["Italic"]))
    story.append(Spacer(1, 0.12 * inch))
    header = ["In", "Name", "Phone", "Email", "Org", "Shift"]
    data: list[list[Any]] = [header]
    for r in rows:
        data.append(["", f"{r.last_name}, {r.first_name}", r.phone, r.email, r.organization, r.shift_role])
    data.append(["", "Walk-ins (please print)", "", "", "", ""])
    walk_row = len(data) - 1
    for _ in range(blank_rows):
        data.append(["", "", "", "", "", ""])
    widths = [0.4 * inch, 1.9 * inch, 1.2 * inch, 2.2 * inch, 0.7 * inch, 0.9 * inch]
    table = Table(data, colWidths=widths, repeatRows=1, rowHeights=[0.24 * inch] + [0.27 * inch] * (len(data) - 1))
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9),
                ("FONT", (0, 1), (-1, -1), "Helvetica", 9),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde4ee")),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("SPAN", (1, walk_row), (-1, walk_row)),
                ("BACKGROUND", (0, walk_row), (-1, walk_row), colors.HexColor("#eeeeee")),
                ("FONT", (0, walk_row), (-1, walk_row), "Helvetica-Bold", 9),
            ]
        )
    )
    story.append(table)

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(0.6 * inch, 0.45 * inch, f"{ev.title} · sign-in sheet")
        canvas.drawRightString(letter[0] - 0.6 * inch, 0.45 * inch, f"Page {doc.page}")
        canvas.restoreState()

    with files.atomic_path(path) as tmp:
        doc = SimpleDocTemplate(
            str(tmp), pagesize=letter, leftMargin=0.6 * inch, rightMargin=0.6 * inch,
            topMargin=0.6 * inch, bottomMargin=0.7 * inch, title=f"Sign-in: {ev.title}",
            author="Field App",
        )
        doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return len(rows)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
