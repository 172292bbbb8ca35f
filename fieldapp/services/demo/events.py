"""The demo's upcoming events, with co-hosts, shifts and signups."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from fieldapp.core.models import CheckIn, Event, EventHost, Shift, Signup
from fieldapp.services.demo.campaign import CampaignIds
from fieldapp.services.demo.writer import Writer, demo_uuid

TIMEZONE = "America/Chicago"


def add_events(
    w: Writer,
    rng: random.Random,
    today: dt.date,
    ids: CampaignIds,
    people: list[dict[str, Any]],
    volunteers: list[dict[str, Any]],
) -> None:
    """Five events in the next three weeks (times in Milwaukee's zone), the volunteers
    and some residents signed up."""
    campaign_id, orgs = ids.campaign_id, ids.orgs

    def local(days: int, hour: int, minute: int = 0) -> dt.datetime:
        # Local Milwaukee time is UTC-6 in winter; stored in UTC.
        local = dt.datetime.combine(today + dt.timedelta(days=days), dt.time(hour, minute))
        return local.replace(tzinfo=dt.UTC) + dt.timedelta(hours=6)

    saturday = (5 - today.weekday()) % 7 or 7
    specs = [
        ("canvass_launch", "Saturday canvass launch", saturday, 10, 14, "Riverwest Co-op", "733 E Clarke St, Milwaukee, WI 53212", 43.0705, -87.8985, 60, [0, 1]),
        ("house_party", "House party at the Garcías", saturday + 2, 18, 20, "A supporter's home", "2417 W Vliet St, Milwaukee, WI 53205", 43.0485, -87.9470, 25, [0]),
        ("phone_bank", "Tuesday phone bank", saturday + 3, 17, 20, "Local 88 union hall", "1110 N Old World 3rd St, Milwaukee, WI 53203", 43.0447, -87.9138, 30, [1]),
        ("training", "Canvass training for new volunteers", saturday + 5, 18, 20, "Central Library", "814 W Wisconsin Ave, Milwaukee, WI 53233", 43.0389, -87.9219, 40, [0, 2]),
        ("summit", "Fair Rent Summit", saturday + 14, 9, 16, "Wisconsin Center", "400 W Wisconsin Ave, Milwaukee, WI 53203", 43.0388, -87.9165, 500, [0, 1, 2]),
    ]
    events, hosts, shifts, signups = [], [], [], []
    volunteer_people = [v["person_id"] for v in volunteers]
    for kind, title, days, h0, h1, place, address, lat, lon, cap, host_idx in specs:
        eid = demo_uuid(rng)
        events.append(
            {
                "id": eid, "campaign_id": campaign_id, "kind": kind, "title": title,
                "description": f"{title} for Fair Rent Milwaukee.", "starts_at": local(days, h0),
                "ends_at": local(days, h1), "timezone": TIMEZONE, "place_name": place,
                "address": address, "lat": lat, "lon": lon, "capacity": cap, "status": "scheduled",
            }
        )
        hosts += [{"id": demo_uuid(rng), "event_id": eid, "organization_id": orgs[i]["id"]} for i in host_idx]
        event_shifts = []
        if kind in ("canvass_launch", "phone_bank"):
            mid = (h0 + h1) // 2
            for s0, s1 in ((h0, mid), (mid, h1)):
                sid = demo_uuid(rng)
                event_shifts.append(sid)
                shifts.append(
                    {"id": sid, "event_id": eid, "starts_at": local(days, s0), "ends_at": local(days, s1),
                     "role": "canvasser" if kind == "canvass_launch" else "caller", "capacity": cap // 2}
                )
        n_signups = min(cap, 12 if cap < 100 else 180)
        pool = volunteer_people + [p["id"] for p in rng.sample(people, k=min(len(people), n_signups))]
        seen: set[str] = set()
        for pid in pool:
            if pid in seen or len(seen) >= n_signups:
                continue
            seen.add(pid)
            status = rng.choices(("scheduled", "confirmed", "invited", "declined"), weights=(45, 35, 12, 8))[0]
            signups.append(
                {
                    "id": demo_uuid(rng), "event_id": eid,
                    "shift_id": rng.choice(event_shifts) if event_shifts else None,
                    "person_id": pid, "status": status, "waitlisted": False, "walk_in": False,
                    "organization_id": orgs[host_idx[0]]["id"],
                    "signed_up_at": local(-rng.randint(1, 10), 12),
                }
            )
    w.add(Event, events)
    w.add(EventHost, hosts)
    w.add(Shift, shifts)
    w.add(Signup, signups)
    w.add(CheckIn, [])
