"""The walk-list PDF: the sheet laid out on landscape letter pages with reportlab."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldapp.core.db import Store
from fieldapp.core.files import atomic_path
from fieldapp.services.streetsketch import draw_on_sketch
from fieldapp.services.walklists.labels import RESULT_LABELS
from fieldapp.services.walklists.sheet import SheetDoor, SheetPerson, WalkSheet, build_sheet

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Table


def write_walklist_pdf(store: Store, turf: str, out: str | Path, *, lang: str = "en",
                       today: object = None, columns: Sequence[str] = (),
                       include_off_list: bool = False) -> WalkSheet:
    """Write the walk-list PDF for a turf (name or id); returns what was printed."""
    from fieldapp.services.turfs import find_turf

    with store.session() as session:
        turf_id = find_turf(session, turf).id
        sheet = build_sheet(session, turf_id, lang=lang, today=today, columns=columns,
                            include_off_list=include_off_list)
    render_pdf(sheet, Path(out))
    return sheet


@dataclass
class _Layout:
    """Page geometry and the walk-sheet columns: widths and where each group starts."""

    page_w: float
    page_h: float
    margin: float
    top: float
    width: float
    codes: list[str]
    result_labels: dict[str, tuple[str, str]]
    short: list[str]
    q_cols: list[tuple[int, str]]
    extra: list[str]
    col_w: list[float]

    @property
    def n_cols(self) -> int:
        return len(self.col_w)

    @property
    def first_box(self) -> int:
        return 3 + len(self.extra)

    @property
    def first_support(self) -> int:
        return self.first_box + len(self.codes)

    @property
    def first_q(self) -> int:
        return self.first_support + 5

    @property
    def notes_col(self) -> int:
        return self.n_cols - 1


@dataclass
class _Styles:
    small: ParagraphStyle
    head: ParagraphStyle
    sub: ParagraphStyle
    addr: ParagraphStyle
    cell: ParagraphStyle
    colhead: ParagraphStyle
    colhead_left: ParagraphStyle


def render_pdf(sheet: WalkSheet, out: Path) -> None:
    """Lay the sheet out on landscape letter pages with reportlab."""
    from reportlab.lib.pagesizes import landscape, letter
    from reportlab.lib.units import inch
    from reportlab.platypus import KeepTogether, SimpleDocTemplate, Spacer

    lay = _layout(sheet)
    st = _styles()
    story: list[object] = [_top_table(sheet, lay, st), Spacer(1, 6), _column_header(sheet, lay, st)]
    for door in sheet.doors:
        story.append(KeepTogether([_door_table(sheet, door, lay, st)]))

    def decorate(canvas: object, doc: object, first: bool) -> None:
        _decorate(canvas, first, sheet, lay, st)

    doc = SimpleDocTemplate(
        str(out), pagesize=landscape(letter), leftMargin=lay.margin, rightMargin=lay.margin,
        topMargin=lay.top, bottomMargin=0.45 * inch,
        title=f"{sheet.label('walk_list')}: {sheet.turf_name}", author="Field App",
        subject=sheet.turf_id,
    )
    with atomic_path(out) as tmp:
        doc.filename = str(tmp)
        doc.build(story, onFirstPage=lambda c, d: decorate(c, d, True),
                  onLaterPages=lambda c, d: decorate(c, d, False))


def _layout(sheet: WalkSheet) -> _Layout:
    """The page and the column widths: fixed columns first, notes take what is left."""
    from reportlab.lib.pagesizes import landscape, letter
    from reportlab.lib.units import inch

    page_w, page_h = landscape(letter)
    margin = 0.4 * inch
    width = page_w - 2 * margin
    codes = sheet.result_codes
    rl = RESULT_LABELS.get(sheet.lang, RESULT_LABELS["en"])
    short = [rl.get(c, (c[:2].upper(), c))[0] for c in codes]
    q_cols = [(q.number, ch) for q in sheet.questions for ch in (q.choices or ["____"])]
    box = 0.22 * inch
    addr_w, name_w, age_w = 1.55 * inch, 1.55 * inch, 0.35 * inch
    extra = list(sheet.columns)
    extra_w = [0.55 * inch] * len(extra)
    q_w = [max(0.3 * inch, min(0.5 * inch, 0.055 * inch * len(ch) + 0.1 * inch)) for _, ch in q_cols]
    fixed = addr_w + name_w + age_w + sum(extra_w) + box * len(codes) + 0.2 * inch * 5 + sum(q_w)
    notes_w = max(0.9 * inch, width - fixed)
    col_w = ([addr_w, name_w, age_w] + extra_w + [box] * len(codes) + [0.2 * inch] * 5 + q_w
             + [notes_w])
    scale = min(1.0, width / sum(col_w))
    col_w = [w * scale for w in col_w]
    return _Layout(page_w=page_w, page_h=page_h, margin=margin, top=0.95 * inch, width=width,
                   codes=codes, result_labels=rl, short=short, q_cols=q_cols, extra=extra,
                   col_w=col_w)


def _styles() -> _Styles:
    from reportlab.lib.styles import ParagraphStyle

    colhead = ParagraphStyle("colhead", fontName="Helvetica-Bold", fontSize=6.5, leading=7.5,
                             alignment=1)
    return _Styles(
        small=ParagraphStyle("small", fontName="Helvetica", fontSize=8, leading=9.5),
        head=ParagraphStyle("head", fontName="Helvetica-Bold", fontSize=15, leading=18),
        sub=ParagraphStyle("sub", fontName="Helvetica", fontSize=9.5, leading=12),
        addr=ParagraphStyle("addr", fontName="Helvetica-Bold", fontSize=8.5, leading=9.5),
        cell=ParagraphStyle("cell", fontName="Helvetica", fontSize=8.5, leading=9.5),
        colhead=colhead,
        colhead_left=ParagraphStyle("colheadl", parent=colhead, alignment=0, fontSize=7.5),
    )


def _column_header(sheet: WalkSheet, lay: _Layout, st: _Styles) -> Table:
    """The row of column titles, on the first page and atop every later one."""
    from reportlab.lib import colors
    from reportlab.lib.units import inch
    from reportlab.platypus import Paragraph, Table, TableStyle

    labels: list[object] = [
        Paragraph(sheet.label("address"), st.colhead_left),
        Paragraph(sheet.label("name"), st.colhead_left),
        Paragraph(sheet.label("age"), st.colhead_left),
        *[Paragraph(sheet.label(x), st.colhead_left) for x in lay.extra],
        *[Paragraph(x, st.colhead) for x in lay.short],
        *[Paragraph(x, st.colhead) for x in ("1", "2", "3", "4", "5")],
        *[Paragraph(f"Q{n}<br/>{_esc(ch[:9])}", st.colhead) for n, ch in lay.q_cols],
        Paragraph(sheet.label("notes"), st.colhead_left),
    ]
    t = Table([labels], colWidths=lay.col_w, rowHeights=[0.3 * inch])
    t.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("BACKGROUND", (lay.first_box, 0), (lay.first_support - 1, 0), colors.Color(0.92, 0.92, 0.92)),
        ("BACKGROUND", (lay.first_q, 0), (lay.notes_col - 1, 0), colors.Color(0.92, 0.92, 0.92)),
        ("LEFTPADDING", (0, 0), (-1, -1), 1), ("RIGHTPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    return t


def _qr(sheet: WalkSheet, size: float) -> Drawing:
    """The turf id as a QR code, ``size`` points square."""
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    widget = QrCodeWidget(sheet.turf_id)
    x0, y0, x1, y1 = widget.getBounds()
    d = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    d.add(widget)
    return d


def _polygon_rings(sheet: WalkSheet) -> list[list[tuple[float, float]]]:
    """The outer ring of each part of the turf's (Multi)Polygon, as (lon, lat)."""
    rings: list[list[tuple[float, float]]] = []
    poly = sheet.polygon or {}
    coords = poly.get("coordinates") if isinstance(poly, dict) else None
    if isinstance(coords, list):
        parts = coords if poly.get("type") == "MultiPolygon" else [coords]
        for part in parts:
            if part:
                rings.append([(float(p[0]), float(p[1])) for p in part[0]])
    return rings


def _sketch(sheet: WalkSheet, w: float, h: float) -> Drawing:
    """The turf map sketch: outline, streets, the route and the start."""
    from reportlab.graphics.shapes import Circle, Drawing, Polygon, PolyLine, Rect, String
    from reportlab.lib import colors

    d = Drawing(w, h)
    d.add(Rect(0, 0, w, h, strokeColor=colors.grey, fillColor=colors.Color(0.97, 0.97, 0.95),
               strokeWidth=0.5))
    rings = _polygon_rings(sheet)
    pts = [(dd.lon, dd.lat) for dd in sheet.doors if dd.lat is not None and dd.lon is not None]
    allpts = [p for r in rings for p in r] + pts
    if not allpts:
        return d
    xy = _projection(allpts, w, h)
    for ring in rings:
        flat = [v for p in ring for v in xy(*p)]
        d.add(Polygon(flat, strokeColor=colors.Color(0.2, 0.35, 0.7), strokeWidth=1.2,
                      fillColor=colors.Color(0.85, 0.9, 1.0)))
    draw_on_sketch(d, sheet.streets, xy)
    if len(pts) > 1:
        route = [v for p in pts for v in xy(*p)]
        d.add(PolyLine(route, strokeColor=colors.Color(0.75, 0.5, 0.2), strokeWidth=0.6))
    for p in pts:
        cx, cy = xy(*p)
        d.add(Circle(cx, cy, 1.4, fillColor=colors.black, strokeColor=None))
    if pts:
        cx, cy = xy(*pts[0])
        d.add(Circle(cx, cy, 3.5, fillColor=colors.Color(0.1, 0.6, 0.2), strokeColor=colors.white))
        d.add(String(cx + 5, cy + 3, sheet.label("start"), fontName="Helvetica-Bold", fontSize=7,
                     fillColor=colors.Color(0.1, 0.5, 0.2)))
    return d


def _projection(
    allpts: list[tuple[float, float]], w: float, h: float,
) -> Callable[[float, float], tuple[float, float]]:
    """(lon, lat) to sketch points: the points fitted and centred in ``w`` x ``h``, 8 pt padding."""
    xs = [p[0] for p in allpts]
    ys = [p[1] for p in allpts]
    kx = math.cos(math.radians(sum(ys) / len(ys)))
    span_x = max((max(xs) - min(xs)) * kx, 1e-6)
    span_y = max(max(ys) - min(ys), 1e-6)
    pad = 8
    s = min((w - 2 * pad) / span_x, (h - 2 * pad) / span_y)
    ox = pad + ((w - 2 * pad) - span_x * s) / 2
    oy = pad + ((h - 2 * pad) - span_y * s) / 2

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return ox + (lon - min(xs)) * kx * s, oy + (lat - min(ys)) * s

    return xy


def _info(sheet: WalkSheet, lay: _Layout, st: _Styles) -> list[object]:
    """The first page's heading: turf, counts, crew, legend and survey questions."""
    from reportlab.platypus import Paragraph, Spacer

    people_total = sum(len(d.people) for d in sheet.doors)
    sub = st.sub
    info: list[object] = [
        Paragraph(f"{sheet.label('walk_list')}: {_esc(sheet.turf_name)}", st.head),
        Paragraph(_esc(sheet.campaign), sub),
        Paragraph(
            f"{len(sheet.doors)} {sheet.label('doors')} · {people_total} {sheet.label('people')} · "
            f"{sheet.label('walk')} ≈ {sheet.distance_m / 1000:.1f} km".replace("≈", "~"), sub),
    ]
    if sheet.not_listed:
        info.append(Paragraph(f"<b>{_esc(sheet.not_listed)}</b>", sub))
    if sheet.captain:
        info.append(Paragraph(f"{sheet.label('captain')}: {_esc(sheet.captain)}", sub))
    if sheet.canvassers:
        info.append(Paragraph(f"{sheet.label('canvassers')}: {_esc(', '.join(sheet.canvassers))}", sub))
    info.append(Paragraph(f"{sheet.label('printed')}: {sheet.printed_on}", sub))
    info.append(Spacer(1, 4))
    rl = lay.result_labels
    legend = ", ".join(f"<b>{s_}</b> {rl.get(c, (c, c))[1]}"
                       for s_, c in zip(lay.short, lay.codes, strict=True))
    info.append(Paragraph(f"{sheet.label('legend')}: {legend}. {sheet.label('scale')}.", st.small))
    if sheet.questions:
        info.append(Spacer(1, 3))
        info.append(Paragraph(f"<b>{sheet.label('questions')}</b>", st.small))
        for q in sheet.questions:
            choices = " / ".join(_esc(c) for c in q.choices) if q.choices else "____"
            info.append(Paragraph(f"<b>Q{q.number}</b> {_esc(q.text)} [{choices}]", st.small))
    return info


def _top_table(sheet: WalkSheet, lay: _Layout, st: _Styles) -> Table:
    """The heading beside the map sketch and the QR code."""
    from reportlab.lib.units import inch
    from reportlab.platypus import Table, TableStyle

    info = _info(sheet, lay, st)
    sketch_w, sketch_h = 3.3 * inch, 2.3 * inch
    top_table = Table(
        [[info, _sketch(sheet, sketch_w, sketch_h), _qr(sheet, 1.1 * inch)]],
        colWidths=[lay.width - sketch_w - 1.3 * inch, sketch_w + 0.1 * inch, 1.2 * inch],
    )
    top_table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return top_table


def _door_table(sheet: WalkSheet, door: SheetDoor, lay: _Layout, st: _Styles) -> Table:
    """One household: the address spanning a row per person, boxes to tick, room for notes."""
    from reportlab.lib.units import inch
    from reportlab.platypus import Paragraph, Table, TableStyle

    row_h, wrapped_row_h = 0.27 * inch, 0.38 * inch
    extra = lay.extra
    note = f"<br/><font name='Helvetica' size=7>{_esc(door.notes)}</font>" if door.notes else ""
    members = door.people or [SheetPerson(sheet.label("no_name"), None, "")]
    rows: list[list[object]] = []
    address = Paragraph(f"{_esc(door.address)}{note}", st.addr)
    heights: list[float] = []
    for k, p in enumerate(members):
        name = _esc(p.name)
        if p.language == "es" and sheet.lang != "es":
            name += f" <font size=6.5>({sheet.label('lang')})</font>"
        if p.status == "inactive":
            name += f" <font size=6.5>({sheet.label('inactive')})</font>"
        name_cell = Paragraph(name, st.cell)
        rows.append([address if k == 0 else "", name_cell,
                     "" if p.age is None else str(p.age),
                     *[sheet.cell(p, x) for x in extra]]
                    + [""] * (lay.n_cols - 3 - len(extra)))
        heights.append(max(row_h, _cell_height(name_cell, lay.col_w[1])))
    # Rows are as tall as their wrapped text (a long address or name never runs
    # into the next household's row), with room to write when the address wraps.
    address_h = _cell_height(address, lay.col_w[0])
    if address_h > row_h:
        address_h = max(address_h, wrapped_row_h)
    if address_h > sum(heights):
        heights[-1] += address_h - sum(heights)
    t = Table(rows, colWidths=lay.col_w, rowHeights=heights)
    t.setStyle(TableStyle(_door_style(lay, len(rows))))
    return t


def _door_style(lay: _Layout, n_rows: int) -> list[tuple[object, ...]]:
    """A household table's rules, shading and padding."""
    from reportlab.lib import colors

    grid = colors.Color(0.45, 0.45, 0.45)
    notes_col = lay.notes_col
    style: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), "Helvetica", 8.5),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("VALIGN", (0, 0), (0, -1), "TOP"),
        ("GRID", (lay.first_box, 0), (notes_col - 1, -1), 0.5, grid),
        ("LINEABOVE", (0, 0), (-1, 0), 0.9, colors.black),
        ("LINEBELOW", (1, 0), (2 + len(lay.extra), -1), 0.3, colors.lightgrey),
        ("LINEBELOW", (notes_col, 0), (notes_col, -1), 0.3, colors.lightgrey),
        ("BACKGROUND", (0, 0), (0, -1), colors.Color(0.93, 0.95, 0.98)),
        ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]
    if n_rows > 1:
        style.append(("SPAN", (0, 0), (0, -1)))
    return style


def _decorate(canvas: object, first: bool, sheet: WalkSheet, lay: _Layout, st: _Styles) -> None:
    """Every page's running head; later pages repeat the QR code and the column titles."""
    from reportlab.lib.units import inch

    c: Any = canvas
    page = c.getPageNumber()
    page_w, page_h, margin = lay.page_w, lay.page_h, lay.margin
    c.saveState()
    c.setFont("Helvetica", 8)
    c.drawString(margin, page_h - 0.35 * inch,
                 f"{sheet.campaign} · {sheet.label('turf')}: {sheet.turf_name}")
    c.drawRightString(page_w - margin - 0.7 * inch, page_h - 0.35 * inch,
                      f"{sheet.label('page')} {page}")
    if not first:
        _qr(sheet, 0.55 * inch).drawOn(c, page_w - margin - 0.55 * inch, page_h - 0.62 * inch)
        hdr = _column_header(sheet, lay, st)
        hdr.wrapOn(c, lay.width, 0.3 * inch)
        hdr.drawOn(c, margin, page_h - lay.top + 0.02 * inch)
    c.restoreState()


def _cell_height(paragraph: Any, column_width: float) -> float:
    """The height a paragraph needs in a walk-sheet cell (2 pt side and 1 pt top/bottom padding)."""
    _w, h = paragraph.wrap(column_width - 4, 10_000)
    return float(h) + 2 + 0.5  # and half a point so the text never touches the rule


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
