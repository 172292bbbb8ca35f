"""Who and where: the coalition, the campaign and its script, turfs, doors, people
and volunteers.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, CheckConstraint, Float, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from fieldapp.core.models.base import (
    RESULT_CODES,
    TURF_STATUSES,
    VOLUNTEER_ROLES,
    Mutable,
    _fk,
    _in,
)

# --------------------------------------------------------------------------- coalition


class Organization(Mutable):
    __tablename__ = "organizations"

    name: Mapped[str] = mapped_column(String(200))
    short_code: Mapped[str] = mapped_column(String(20), index=True)


class Campaign(Mutable):
    __tablename__ = "campaigns"

    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    organization_id: Mapped[str | None] = mapped_column(_fk("organizations.id"))
    result_codes: Mapped[list[Any]] = mapped_column(default=lambda: list(RESULT_CODES))
    starts_on: Mapped[dt.datetime | None] = mapped_column()
    ends_on: Mapped[dt.datetime | None] = mapped_column()


class SurveyQuestion(Mutable):
    """One question of a campaign's script.

    ``text`` maps a language code to the question text; ``choices`` is a list of
    ``{"value": str, "label": {lang: text}}``; an empty list means free text.
    The question is shown only when ``show_if_question_id`` was answered with
    ``show_if_answer`` (when both are set).
    """

    __tablename__ = "survey_questions"

    campaign_id: Mapped[str] = mapped_column(_fk("campaigns.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    key: Mapped[str] = mapped_column(String(60))
    text: Mapped[dict[str, Any]] = mapped_column(default=dict)
    choices: Mapped[list[Any]] = mapped_column(default=list)
    show_if_question_id: Mapped[str | None] = mapped_column(_fk("survey_questions.id"))
    show_if_answer: Mapped[str | None] = mapped_column(String(100))


# --------------------------------------------------------------------------- places


class Turf(Mutable):
    """A named area to canvass; ``polygon`` is a GeoJSON Polygon or MultiPolygon."""

    __tablename__ = "turfs"
    __table_args__ = (CheckConstraint(_in("status", TURF_STATUSES), name="status"),)

    campaign_id: Mapped[str | None] = mapped_column(_fk("campaigns.id"), index=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    polygon: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20), default="open")
    notes: Mapped[str] = mapped_column(Text, default="")


class Door(Mutable):
    """A household or unit: one door to knock.

    ``address_key`` is the normalized address with the unit (one per door);
    ``building_key`` leaves the unit out, so the units of one building share it.
    ``house_number`` is the numeric part of ``street_number``, for walk order.
    """

    __tablename__ = "doors"
    __table_args__ = (
        Index("ix_doors_turf_walk", "turf_id", "street_name", "house_number", "unit"),
        # The doors table's sorts (column order, then id; deleted last so the
        # index covers the query and no lookup is tempted into it).
        Index("ix_doors_sort_address", "street_name", "house_number",
              "street_number", "unit", "id", "deleted", "address_key", "zip"),  # + searched
        Index("ix_doors_sort_unit", "unit", "id", "deleted"),
        Index("ix_doors_sort_zip", "zip", "id", "deleted"),
        CheckConstraint("lat IS NULL OR (lat >= -90 AND lat <= 90)", name="lat"),
        CheckConstraint("lon IS NULL OR (lon >= -180 AND lon <= 180)", name="lon"),
    )

    street_number: Mapped[str] = mapped_column(String(20), default="")
    house_number: Mapped[int | None] = mapped_column(Integer)
    street_name: Mapped[str] = mapped_column(String(200), default="")
    unit: Mapped[str] = mapped_column(String(40), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    state: Mapped[str] = mapped_column(String(40), default="")
    zip: Mapped[str] = mapped_column(String(20), default="")
    address_key: Mapped[str] = mapped_column(String(400), index=True, default="")
    building_key: Mapped[str] = mapped_column(String(400), index=True, default="")
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    geocode_source: Mapped[str] = mapped_column(String(40), default="")
    geocode_quality: Mapped[str] = mapped_column(String(40), default="")
    turf_id: Mapped[str | None] = mapped_column(_fk("turfs.id"))
    do_not_knock: Mapped[bool] = mapped_column(Boolean, default=False)
    do_not_knock_reason: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    merged_into_id: Mapped[str | None] = mapped_column(_fk("doors.id"))


class Person(Mutable):
    """Someone at a door. From a voter file: ``voter_id`` (the state's id, which
    matches re-imports), ``voter_status`` (one of ``VOTER_STATUSES``, or the
    file's own code when it is not one of them), registration date (ISO),
    precinct, ward and ``districts`` ({"congressional": "4", ...})."""

    __tablename__ = "people"
    __table_args__ = (
        # The people table's sorts (column order, then id, deleted last); lookups by
        # name, phone or e-mail use them too (migration 0012 dropped the narrower ones).
        Index("ix_people_sort_name", "last_name", "first_name", "id", "deleted",
              "email", "phone"),  # + the searched columns: a search in name order reads the index alone
        Index("ix_people_sort_phone", "phone", "id", "deleted"),
        Index("ix_people_sort_email", "email", "id", "deleted"),
        Index("ix_people_sort_language", "language", "id", "deleted"),
    )

    door_id: Mapped[str | None] = mapped_column(_fk("doors.id"), index=True)
    first_name: Mapped[str] = mapped_column(String(100), default="")
    last_name: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    language: Mapped[str] = mapped_column(String(10), default="en")
    tags: Mapped[list[Any]] = mapped_column(default=list)
    birth_year: Mapped[int | None] = mapped_column(Integer)
    party: Mapped[str] = mapped_column(String(40), default="")
    voter_id: Mapped[str] = mapped_column(String(60), default="", index=True)
    voter_status: Mapped[str] = mapped_column(String(20), default="")
    registration_date: Mapped[str] = mapped_column(String(10), default="")
    precinct: Mapped[str] = mapped_column(String(60), default="")
    ward: Mapped[str] = mapped_column(String(60), default="")
    districts: Mapped[dict[str, Any]] = mapped_column(default=dict)
    do_not_call: Mapped[bool] = mapped_column(Boolean, default=False)
    do_not_text: Mapped[bool] = mapped_column(Boolean, default=False)
    do_not_email: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    merged_into_id: Mapped[str | None] = mapped_column(_fk("people.id"))


class PersonOrganization(Mutable):
    """A person's affiliation with a coalition organization."""

    __tablename__ = "person_organizations"

    person_id: Mapped[str] = mapped_column(_fk("people.id"), index=True)
    organization_id: Mapped[str] = mapped_column(_fk("organizations.id"), index=True)


class Volunteer(Mutable):
    """A person who works for the campaign: captain, canvasser or staff."""

    __tablename__ = "volunteers"
    __table_args__ = (CheckConstraint(_in("role", VOLUNTEER_ROLES), name="role"),)

    person_id: Mapped[str] = mapped_column(_fk("people.id"), index=True)
    role: Mapped[str] = mapped_column(String(20), default="canvasser")
    organization_id: Mapped[str | None] = mapped_column(_fk("organizations.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class TurfAssignment(Mutable):
    """A volunteer assigned to a turf as captain or canvasser."""

    __tablename__ = "turf_assignments"
    __table_args__ = (CheckConstraint(_in("role", VOLUNTEER_ROLES), name="role"),)

    turf_id: Mapped[str] = mapped_column(_fk("turfs.id"), index=True)
    volunteer_id: Mapped[str] = mapped_column(_fk("volunteers.id"), index=True)
    role: Mapped[str] = mapped_column(String(20), default="canvasser")
