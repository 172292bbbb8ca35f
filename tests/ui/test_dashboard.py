"""The dashboard's figures and charts on the demo store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fieldapp.services import reports


def test_dashboard_cards_and_charts_match_the_report(ctx, qtbot, shots_dir: Path) -> None:
    from fieldapp.ui.pages.dashboard import TOP_N, Page

    ctx.tasks.dialog_delay_ms = 60_000
    page = Page(ctx)
    page.now = dt.datetime(2026, 11, 20, tzinfo=dt.UTC)
    qtbot.addWidget(page)
    page.resize(1280, 860)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: page.data is not None and not ctx.tasks.busy, timeout=10000)
    with ctx.store.session() as s:
        totals = reports.canvass_totals(s, tz="America/Chicago")
        days = reports.canvass_figures(s, "day", tz="America/Chicago")
        turfs = reports.canvass_figures(s, "turf", tz="America/Chicago")
    assert page.cards["knocked"].value_label.text() == f"{totals.doors_knocked:,}"
    assert page.cards["contacts"].value_label.text() == f"{totals.contacts:,}"
    assert page.cards["rate"].value_label.text() == f"{totals.contact_rate * 100:.1f}%"
    assert page.cards["supporters"].value_label.text() == f"{totals.supporters:,}"
    [day_series] = page.day_chart.series()
    knocked = day_series.barSets()[0]
    assert [knocked.at(i) for i in range(knocked.count())] == [f.doors_knocked for f in days]
    [group_series] = page.group_chart.series()
    assert group_series.barSets()[0].count() == min(len(turfs), TOP_N)
    qtbot.wait(300)  # charts lay out their axes and legends on the next event loop turn
    page.grab().save(str(shots_dir / "dashboard.png"))
    page.group_box.setCurrentIndex(page.group_box.findData("canvasser"))
    [group_series] = page.group_chart.series()
    with ctx.store.session() as s:
        canvassers = reports.canvass_figures(s, "canvasser", tz="America/Chicago")
    assert group_series.barSets()[0].count() == min(len(canvassers), TOP_N)
    [event_series] = page.event_chart.series()
    assert event_series.barSets()[0].count() == 5  # the demo's five events
    qtbot.wait(300)
    page.grab().save(str(shots_dir / "dashboard_canvassers.png"))
