"""Map event times: the tooltip shows the event's own wall-clock time and names the zone."""

from __future__ import annotations

import datetime as dt

from fieldapp.core.db import Store
from fieldapp.maps.build import build_map
from fieldapp.maps.data import event_local_time, load_map_data
from fieldapp.services import events


def test_chicago_evening_event_reads_in_chicago_time(demo_store: Store, tmp_path) -> None:
    with demo_store.transaction() as s:
        event_id = events.create_event(s, events.EventInput(
            kind="house_party", title="Tenant meeting", starts_local=dt.datetime(2026, 12, 3, 18, 0),
            ends_local=dt.datetime(2026, 12, 3, 20, 0), timezone="America/Chicago",
            place_name="Riverwest Co-op", lat=43.07, lon=-87.90))
    data = load_map_data(demo_store)
    ev = next(e for e in data.events if e.id == event_id)
    assert ev.starts_at == "2026-12-03 18:00 CST (America/Chicago)"  # stored as 2026-12-04 00:00 UTC
    html = build_map(data, assets="inline")
    assert "2026-12-03 18:00 CST (America/Chicago)" in html


def test_local_time_of_stored_utc_text_and_summer_time() -> None:
    assert event_local_time("2026-07-04 23:30:00.000000", "America/New_York") == \
        "2026-07-04 19:30 EDT (America/New_York)"
    assert event_local_time(dt.datetime(2026, 1, 1, 12, 0), "Nowhere/Else") == "2026-01-01 12:00 UTC (UTC)"
