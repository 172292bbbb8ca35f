"""The demo's people: households at the doors, affiliations, volunteers and turf assignments."""

from __future__ import annotations

import random
from typing import Any

from fieldapp.core.models import Person, PersonOrganization, TurfAssignment, Volunteer
from fieldapp.services.demo.writer import Writer, demo_uuid

FIRST_EN = [
    "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda",
    "David", "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica",
    "Thomas", "Sarah", "Charles", "Karen", "Marcus", "Keisha", "Andre", "Tanya",
    "Hmong", "Mai", "Tou", "Pa", "Kevin", "Aaliyah", "DeShawn", "Latoya",
]
FIRST_ES = [
    "José", "María", "Juan", "Guadalupe", "Luis", "Rosa", "Carlos", "Ana", "Jorge",
    "Carmen", "Miguel", "Lucía", "Alejandro", "Sofía", "Jesús", "Verónica",
]
LAST_EN = [
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson",
    "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "White", "Harris", "Thompson",
    "Schmidt", "Mueller", "Kowalski", "Nowak", "Vang", "Xiong", "Yang", "Lee",
    "Washington", "Robinson", "Walker", "Young",
]
LAST_ES = [
    "García", "Rodríguez", "Martínez", "Hernández", "López", "González", "Pérez",
    "Sánchez", "Ramírez", "Torres", "Flores", "Rivera", "Gómez", "Díaz", "Cruz",
]


def add_people(
    w: Writer, rng: random.Random, door_rows: list[dict[str, Any]], orgs: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], dict[str, list[str]]]:
    """Zero to four people per door, a few affiliated; returns (people, door id -> ids)."""
    people: list[dict[str, Any]] = []
    door_people: dict[str, list[str]] = {}
    for door in door_rows:
        size = rng.choices((0, 1, 2, 3, 4), weights=(4, 40, 35, 14, 7))[0]
        hispanic = rng.random() < 0.3
        last = rng.choice(LAST_ES if hispanic else LAST_EN)
        for _ in range(size):
            first = rng.choice(FIRST_ES if hispanic else FIRST_EN)
            pid = demo_uuid(rng)
            phone = f"414-555-{rng.randint(0, 9999):04d}" if rng.random() < 0.7 else ""
            email = (
                f"{first.lower()}.{last.lower()}{rng.randint(1, 99)}@example.org"
                .encode("ascii", "ignore").decode()
                if rng.random() < 0.35
                else ""
            )
            people.append(
                {
                    "id": pid,
                    "door_id": door["id"],
                    "first_name": first,
                    "last_name": last,
                    "phone": phone,
                    "email": email,
                    "language": "es" if hispanic and rng.random() < 0.6 else "en",
                    "tags": [],
                    "birth_year": rng.randint(1940, 2006),
                    "party": rng.choice(("D", "R", "I", "", "")),
                    "voter_id": f"WI{rng.randint(10**9, 10**10 - 1)}",
                    "do_not_call": rng.random() < 0.03,
                    "do_not_text": rng.random() < 0.05,
                    "do_not_email": False,
                    "notes": "",
                }
            )
            door_people.setdefault(door["id"], []).append(pid)
    w.add(Person, people)
    affiliations = [
        {"id": demo_uuid(rng), "person_id": p["id"], "organization_id": rng.choice(orgs)["id"]}
        for p in people
        if rng.random() < 0.06
    ]
    w.add(PersonOrganization, affiliations)
    return people, door_people


def add_volunteers(
    w: Writer,
    rng: random.Random,
    people: list[dict[str, Any]],
    turf_rows: list[dict[str, Any]],
    orgs: list[dict[str, Any]],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Staff, captains and canvassers, and two of every three turfs assigned (those turfs'
    status becomes ``assigned``); returns (volunteers, assignments)."""
    vol_people = rng.sample(people, k=min(len(people), 16))
    roles = ["staff"] + ["captain"] * 4 + ["canvasser"] * 11
    volunteers = [
        {
            "id": demo_uuid(rng),
            "person_id": p["id"],
            "role": role,
            "organization_id": orgs[i % len(orgs)]["id"],
            "active": True,
        }
        for i, (p, role) in enumerate(zip(vol_people, roles, strict=False))
    ]
    w.add(Volunteer, volunteers)
    captains = [v for v in volunteers if v["role"] == "captain"]
    canvassers = [v for v in volunteers if v["role"] == "canvasser"]
    assignments = []
    for i, turf in enumerate(turf_rows):
        if i % 3 == 2:
            continue  # some turfs are still unassigned
        turf["status"] = "assigned"
        assignments.append(
            {"id": demo_uuid(rng), "turf_id": turf["id"], "volunteer_id": captains[i % len(captains)]["id"], "role": "captain"}
        )
        if canvassers:
            assignments.append(
                {"id": demo_uuid(rng), "turf_id": turf["id"], "volunteer_id": canvassers[i % len(canvassers)]["id"], "role": "canvasser"}
            )
    w.add(TurfAssignment, assignments)
    return volunteers, assignments
