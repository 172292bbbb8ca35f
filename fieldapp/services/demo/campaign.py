"""The demo's coalition, its campaign and the bilingual survey script (with a branch)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from fieldapp.core.models import RESULT_CODES, Campaign, Organization, SurveyQuestion
from fieldapp.services.demo.writer import Writer, demo_uuid

ORGANIZATIONS = [
    ("Riverwest Neighbors United", "RNU"),
    ("Healthcare Workers Local 88", "HCW88"),
    ("Lake Michigan Climate Action", "LMCA"),
]


@dataclass
class CampaignIds:
    """What the later steps refer to: the organizations, the campaign and its questions."""

    orgs: list[dict[str, Any]]
    campaign_id: str
    q_support: str
    q_volunteer: str
    q_tenure: str


def add_campaign(w: Writer, rng: random.Random, today: dt.date) -> CampaignIds:
    """Three organizations, the campaign (a month ago to two months ahead) and its script."""
    orgs = [{"id": demo_uuid(rng), "name": n, "short_code": c} for n, c in ORGANIZATIONS]
    w.add(Organization, orgs)
    campaign_id = demo_uuid(rng)
    w.add(
        Campaign,
        [
            {
                "id": campaign_id,
                "name": "Fair Rent Milwaukee 2026",
                "description": "Door-to-door and phone outreach for a city rent "
                "stabilization ordinance, run by a coalition of neighbors, workers "
                "and climate groups.",
                "organization_id": orgs[0]["id"],
                "result_codes": list(RESULT_CODES),
                "starts_on": dt.datetime.combine(
                    today - dt.timedelta(days=30), dt.time(), tzinfo=dt.UTC
                ),
                "ends_on": dt.datetime.combine(
                    today + dt.timedelta(days=60), dt.time(), tzinfo=dt.UTC
                ),
            }
        ],
    )
    yes_no = [
        {"value": "yes", "label": {"en": "Yes", "es": "Sí"}},
        {"value": "no", "label": {"en": "No", "es": "No"}},
        {"value": "undecided", "label": {"en": "Undecided", "es": "Indeciso"}},
    ]
    q_support = demo_uuid(rng)
    q_volunteer = demo_uuid(rng)
    q_tenure = demo_uuid(rng)
    questions = [
        {
            "id": q_support, "campaign_id": campaign_id, "position": 1, "key": "rent_cap",
            "text": {
                "en": "Do you support capping yearly rent increases in Milwaukee?",
                "es": "¿Apoya limitar los aumentos anuales de renta en Milwaukee?",
            },
            "choices": yes_no,
        },
        {
            "id": q_volunteer, "campaign_id": campaign_id, "position": 2, "key": "volunteer",
            "text": {
                "en": "Would you volunteer a few hours to help pass it?",
                "es": "¿Dedicaría unas horas como voluntario para ayudar a aprobarlo?",
            },
            "choices": yes_no[:2],
            "show_if_question_id": q_support,
            "show_if_answer": "yes",
        },
        {
            "id": q_tenure, "campaign_id": campaign_id, "position": 3, "key": "tenure",
            "text": {"en": "Do you rent or own your home?", "es": "¿Renta o es dueño de su casa?"},
            "choices": [
                {"value": "rent", "label": {"en": "Rent", "es": "Renta"}},
                {"value": "own", "label": {"en": "Own", "es": "Dueño"}},
            ],
        },
    ]
    w.add(SurveyQuestion, questions)
    return CampaignIds(orgs, campaign_id, q_support, q_volunteer, q_tenure)
