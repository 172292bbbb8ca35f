"""The demo's canvass history: a week of knocks in the assigned turfs."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from fieldapp.core.models import ContactAttempt
from fieldapp.services.demo.campaign import CampaignIds
from fieldapp.services.demo.writer import Writer, demo_uuid

RESULT_WEIGHTS = {
    "canvassed": 30, "not_home": 45, "refused": 8, "moved": 3, "deceased": 1,
    "inaccessible": 3, "hostile": 1, "language_barrier": 2, "come_back": 6, "do_not_knock": 1,
}


def _pick_weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def add_contact_history(
    w: Writer,
    rng: random.Random,
    today: dt.date,
    ids: CampaignIds,
    door_rows: list[dict[str, Any]],
    door_people: dict[str, list[str]],
    volunteers: list[dict[str, Any]],
    assignments: list[dict[str, Any]],
) -> None:
    """About a third of the doors of assigned turfs knocked in the last seven days, with
    answers to the script where someone talked; a do-not-knock answer marks the door."""
    campaign_id, q_support, q_volunteer, q_tenure = (
        ids.campaign_id, ids.q_support, ids.q_volunteer, ids.q_tenure
    )
    captains = [v for v in volunteers if v["role"] == "captain"]
    canvassers = [v for v in volunteers if v["role"] == "canvasser"]
    assigned = {a["turf_id"] for a in assignments}
    attempts: list[dict[str, Any]] = []
    for door in door_rows:
        if door["turf_id"] not in assigned or rng.random() > 0.35:
            continue
        result = _pick_weighted(rng, RESULT_WEIGHTS)
        members = door_people.get(door["id"], [])
        day = today - dt.timedelta(days=rng.randint(1, 7))
        at = dt.datetime.combine(day, dt.time(15 + rng.randint(0, 4), rng.randint(0, 59)), tzinfo=dt.UTC)
        support = rng.choices((1, 2, 3, 4, 5), weights=(30, 25, 20, 12, 13))[0] if result == "canvassed" else None
        answers: dict[str, Any] = {}
        if result == "canvassed":
            answers[q_support] = "yes" if support and support <= 2 else rng.choice(("no", "undecided"))
            if answers[q_support] == "yes":
                answers[q_volunteer] = rng.choice(("yes", "no"))
            answers[q_tenure] = rng.choice(("rent", "rent", "own"))
        canvasser = rng.choice(canvassers or captains)
        attempts.append(
            {
                "id": demo_uuid(rng),
                "campaign_id": campaign_id,
                "door_id": door["id"],
                "person_id": members[0] if members and result == "canvassed" else None,
                "canvasser_id": canvasser["id"],
                "turf_id": door["turf_id"],
                "attempted_at": at,
                "channel": "door",
                "result_code": result,
                "support": support,
                "answers": answers,
                "notes": "",
                "organization_id": canvasser["organization_id"],
                "supersedes_id": None,
            }
        )
        if result == "do_not_knock":
            door["do_not_knock"] = True
            door["do_not_knock_reason"] = "asked at the door"
    attempts.sort(key=lambda a: (a["attempted_at"], a["id"]))
    w.add(ContactAttempt, attempts)
