"""The data model (DESIGN.md section 3), as typed SQLAlchemy 2.0 models.

Two kinds of synced record:

* :class:`Mutable` records (doors, people, events...) merge field by field. Each
  keeps the clock of its birth (``born_hlc``, ``born_site``), the clock of every
  field written since (``clocks``: ``{field: "<hlc hex>:<site id>"}``, only the
  fields whose clock differs from the birth clock), and the clock of its latest
  write (``hlc``, ``site_id``). Deleting sets the ``deleted`` tombstone field;
  rows are never removed.
* :class:`Fact` records (contact attempts, check-ins) are append-only: written
  once, never changed; a correction is a new fact that ``supersedes`` the old.

Nobody stamps by hand: :mod:`fieldapp.core.stamping` stamps every flush.

Local tables (``store_meta``, the sync ledger, the geocode cache) are not
synced and carry no clocks.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from fieldapp.core.ids import new_id

RESULT_CODES: tuple[str, ...] = (
    "canvassed",
    "not_home",
    "refused",
    "moved",
    "deceased",
    "inaccessible",
    "hostile",
    "language_barrier",
    "come_back",
    "do_not_knock",
)
"""Door result codes, as the field already uses them."""

CONTACT_RESULTS: frozenset[str] = frozenset({"canvassed"})
"""Results that count as a contact made (someone answered and talked)."""

SIGNUP_STATUSES: tuple[str, ...] = (
    "invited",
    "scheduled",
    "confirmed",
    "completed",
    "no_show",
    "declined",
)
EVENT_KINDS: tuple[str, ...] = (
    "canvass_launch",
    "house_party",
    "phone_bank",
    "rally",
    "training",
    "summit",
)
VOLUNTEER_ROLES: tuple[str, ...] = ("captain", "canvasser", "staff")
TURF_STATUSES: tuple[str, ...] = ("open", "assigned", "in_progress", "done")
LANGUAGES: tuple[str, ...] = ("en", "es")
VOTER_STATUSES: tuple[str, ...] = ("active", "inactive", "removed", "cancelled", "confidential",
                                   "deceased")


def _fk(target: str) -> ForeignKey:
    """A foreign key checked at commit, so a bundle may write children first."""
    return ForeignKey(target, deferrable=True, initially="DEFERRED")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Aware UTC datetimes, stored naive in UTC on every database."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime given where UTC is needed: {value!r}")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC)


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dt.datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
        list[Any]: JSON(),
    }


# Columns that the sync machinery owns; everything else is a data field.
SYNC_COLUMNS: frozenset[str] = frozenset(
    {"id", "site_id", "hlc", "born_hlc", "born_site", "clocks"}
)


class Synced(Base):
    """A record that travels in sync bundles."""

    __abstract__ = True
    __sync_kind__: ClassVar[str] = ""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    site_id: Mapped[str] = mapped_column(String(36), default="")
    hlc: Mapped[int] = mapped_column(BigInteger, default=0, index=True)

    @classmethod
    def data_fields(cls) -> list[str]:
        """The data columns, in table order (sync columns left out)."""
        return [c.key for c in cls.__table__.columns if c.key not in SYNC_COLUMNS]


class Mutable(Synced):
    """A record merged field by field, last writer wins by (HLC, site id)."""

    __abstract__ = True
    __sync_kind__ = "mutable"

    born_hlc: Mapped[int] = mapped_column(BigInteger, default=0)
    born_site: Mapped[str] = mapped_column(String(36), default="")
    clocks: Mapped[dict[str, Any]] = mapped_column(default=dict)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)


class Fact(Synced):
    """An append-only record: written once, never changed, never deleted."""

    __abstract__ = True
    __sync_kind__ = "fact"


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
        Index("ix_people_name", "last_name", "first_name"),
        # The people table's sorts (column order, then id, deleted last).
        Index("ix_people_sort_name", "last_name", "first_name", "id", "deleted",
              "email", "phone"),  # + the searched columns: a search in name order reads the index alone
        Index("ix_people_sort_phone", "phone", "id", "deleted"),
        Index("ix_people_sort_email", "email", "id", "deleted"),
        Index("ix_people_sort_language", "language", "id", "deleted"),
    )

    door_id: Mapped[str | None] = mapped_column(_fk("doors.id"), index=True)
    first_name: Mapped[str] = mapped_column(String(100), default="")
    last_name: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(40), default="", index=True)
    email: Mapped[str] = mapped_column(String(200), default="", index=True)
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


# --------------------------------------------------------------------------- canvassing


class ContactAttempt(Fact):
    """One knock (or call): append-only. A correction ``supersedes`` an earlier one."""

    __tablename__ = "contact_attempts"
    __table_args__ = (
        CheckConstraint("support IS NULL OR (support >= 1 AND support <= 5)", name="support"),
        Index("ix_contact_attempts_door", "door_id", "attempted_at"),
    )

    campaign_id: Mapped[str | None] = mapped_column(_fk("campaigns.id"), index=True)
    door_id: Mapped[str] = mapped_column(_fk("doors.id"))
    person_id: Mapped[str | None] = mapped_column(_fk("people.id"), index=True)
    canvasser_id: Mapped[str | None] = mapped_column(_fk("volunteers.id"), index=True)
    turf_id: Mapped[str | None] = mapped_column(_fk("turfs.id"), index=True)
    attempted_at: Mapped[dt.datetime] = mapped_column()
    channel: Mapped[str] = mapped_column(String(10), default="door")
    result_code: Mapped[str] = mapped_column(String(40))
    support: Mapped[int | None] = mapped_column(Integer)
    answers: Mapped[dict[str, Any]] = mapped_column(default=dict)
    notes: Mapped[str] = mapped_column(Text, default="")
    organization_id: Mapped[str | None] = mapped_column(_fk("organizations.id"))
    supersedes_id: Mapped[str | None] = mapped_column(
        _fk("contact_attempts.id"), index=True
    )


# --------------------------------------------------------------------------- events


class Event(Mutable):
    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint(_in("kind", EVENT_KINDS), name="kind"),
        CheckConstraint("status IN ('scheduled', 'cancelled')", name="status"),
        Index("ix_events_starts_at", "starts_at"),
    )

    campaign_id: Mapped[str | None] = mapped_column(_fk("campaigns.id"))
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    starts_at: Mapped[dt.datetime] = mapped_column()
    ends_at: Mapped[dt.datetime] = mapped_column()
    timezone: Mapped[str] = mapped_column(String(60), default="UTC")
    place_name: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(400), default="")
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    capacity: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="scheduled")


class EventHost(Mutable):
    """A coalition organization co-hosting an event."""

    __tablename__ = "event_hosts"

    event_id: Mapped[str] = mapped_column(_fk("events.id"), index=True)
    organization_id: Mapped[str] = mapped_column(_fk("organizations.id"))


class Shift(Mutable):
    __tablename__ = "shifts"

    event_id: Mapped[str] = mapped_column(_fk("events.id"), index=True)
    starts_at: Mapped[dt.datetime] = mapped_column()
    ends_at: Mapped[dt.datetime] = mapped_column()
    role: Mapped[str] = mapped_column(String(60), default="volunteer")
    capacity: Mapped[int | None] = mapped_column(Integer)


class Signup(Mutable):
    __tablename__ = "signups"
    __table_args__ = (
        CheckConstraint(_in("status", SIGNUP_STATUSES), name="status"),
        Index("ix_signups_event", "event_id", "status"),
    )

    event_id: Mapped[str] = mapped_column(_fk("events.id"))
    shift_id: Mapped[str | None] = mapped_column(_fk("shifts.id"), index=True)
    person_id: Mapped[str] = mapped_column(_fk("people.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="scheduled")
    waitlisted: Mapped[bool] = mapped_column(Boolean, default=False)
    walk_in: Mapped[bool] = mapped_column(Boolean, default=False)
    organization_id: Mapped[str | None] = mapped_column(_fk("organizations.id"))
    signed_up_at: Mapped[dt.datetime | None] = mapped_column()


class CheckIn(Fact):
    """Someone arrived at an event: append-only, merged by union."""

    __tablename__ = "check_ins"

    event_id: Mapped[str] = mapped_column(_fk("events.id"), index=True)
    shift_id: Mapped[str | None] = mapped_column(_fk("shifts.id"))
    person_id: Mapped[str] = mapped_column(_fk("people.id"), index=True)
    signup_id: Mapped[str | None] = mapped_column(_fk("signups.id"))
    checked_in_at: Mapped[dt.datetime] = mapped_column()
    walk_in: Mapped[bool] = mapped_column(Boolean, default=False)
    by_volunteer_id: Mapped[str | None] = mapped_column(_fk("volunteers.id"))
    supersedes_id: Mapped[str | None] = mapped_column(_fk("check_ins.id"))


CONSENT_CHANNELS: tuple[str, ...] = ("call", "text", "email")
CONSENT_CHOICES: tuple[str, ...] = ("opt_out", "opt_in")
CONSENT_SOURCES: tuple[str, ...] = ("form", "walk_in", "canvass", "import", "cli", "merge")


class ConsentChange(Fact):
    """An explicit opt-out or opt-in for one channel: who, when and where.

    The ``do_not_*`` flags on a person follow these records only (see
    :mod:`fieldapp.services.consent`): an unticked box records nothing.
    """

    __tablename__ = "consent_changes"
    __table_args__ = (
        CheckConstraint(_in("channel", CONSENT_CHANNELS), name="channel"),
        CheckConstraint(_in("choice", CONSENT_CHOICES), name="choice"),
        CheckConstraint(_in("source", CONSENT_SOURCES), name="source"),
    )

    person_id: Mapped[str] = mapped_column(_fk("people.id"), index=True)
    channel: Mapped[str] = mapped_column(String(10))
    choice: Mapped[str] = mapped_column(String(10))
    recorded_at: Mapped[dt.datetime] = mapped_column()
    source: Mapped[str] = mapped_column(String(20))
    source_ref: Mapped[str] = mapped_column(String(200), default="")  # event, attempt, file
    by_volunteer_id: Mapped[str | None] = mapped_column(_fk("volunteers.id"))


class ReviewDecision(Fact):
    """A reviewer's decision on a conflict or a possible duplicate; synced like any record.

    ``subject`` names what was decided (see :mod:`fieldapp.services.sync.review`),
    so every store that logs the same conflict or pair finds the decision.
    """

    __tablename__ = "review_decisions"

    kind: Mapped[str] = mapped_column(String(20))  # "duplicate" or "conflict"
    subject: Mapped[str] = mapped_column(String(300), index=True)
    decision: Mapped[str] = mapped_column(String(20))  # distinct, merged, winner, loser
    decided_at: Mapped[dt.datetime] = mapped_column()


# --------------------------------------------------------------------------- local tables


class StoreMeta(Base):
    """Key/value facts about this store: site id, clock, created-at. Not synced."""

    __tablename__ = "store_meta"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SyncBundle(Base):
    """The ledger: every bundle this store wrote or imported. Not synced."""

    __tablename__ = "sync_bundles"
    __table_args__ = (UniqueConstraint("bundle_id", "direction", name="uq_sync_bundles_id_dir"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    bundle_id: Mapped[str] = mapped_column(String(36), index=True)
    direction: Mapped[str] = mapped_column(String(3))  # "in" or "out"
    sha256: Mapped[str] = mapped_column(String(64))
    site_id: Mapped[str] = mapped_column(String(36), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    prev_bundle_id: Mapped[str | None] = mapped_column(String(36))
    file_name: Mapped[str] = mapped_column(String(400), default="")
    created_at: Mapped[dt.datetime] = mapped_column()
    recorded_at: Mapped[dt.datetime] = mapped_column()
    hlc_min: Mapped[int] = mapped_column(BigInteger, default=0)
    hlc_max: Mapped[int] = mapped_column(BigInteger, default=0)
    status: Mapped[str] = mapped_column(String(20), default="merged")  # or "quarantined"
    summary: Mapped[dict[str, Any]] = mapped_column(default=dict)


class SyncConflict(Base):
    """A field where two writes disagreed: the winner is in the record, the loser here."""

    __tablename__ = "sync_conflicts"
    __table_args__ = (
        UniqueConstraint(
            "table_name", "record_id", "field", "loser_hlc", "loser_site", name="uq_sync_conflicts"
        ),
    )

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    table_name: Mapped[str] = mapped_column(String(60))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    field: Mapped[str] = mapped_column(String(60))
    winner_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    winner_hlc: Mapped[int] = mapped_column(BigInteger)
    winner_site: Mapped[str] = mapped_column(String(36))
    loser_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    loser_hlc: Mapped[int] = mapped_column(BigInteger)
    loser_site: Mapped[str] = mapped_column(String(36))
    bundle_id: Mapped[str | None] = mapped_column(String(36))
    detected_at: Mapped[dt.datetime] = mapped_column()
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)


class PossibleDuplicate(Base):
    """Two records that may be the same (the same address entered on two laptops)."""

    __tablename__ = "possible_duplicates"
    __table_args__ = (UniqueConstraint("table_name", "a_id", "b_id", name="uq_possible_duplicates"),)

    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    table_name: Mapped[str] = mapped_column(String(60))
    a_id: Mapped[str] = mapped_column(String(36))
    b_id: Mapped[str] = mapped_column(String(36))
    reason: Mapped[str] = mapped_column(String(200))
    detected_at: Mapped[dt.datetime] = mapped_column()
    status: Mapped[str] = mapped_column(String(20), default="open")  # open, merged, distinct


class GeocodeCache(Base):
    """Every answer a geocoder gave, so no address is ever asked twice. Not synced."""

    __tablename__ = "geocode_cache"

    provider: Mapped[str] = mapped_column(String(40), primary_key=True)
    query: Mapped[str] = mapped_column(String(400), primary_key=True)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    quality: Mapped[str] = mapped_column(String(40), default="")
    raw: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    fetched_at: Mapped[dt.datetime] = mapped_column()



class DoorRollup(Base):
    """A door's values from other tables, for sorting the doors table. Not synced.

    Kept by database triggers (migration 0007) in the same transaction as every
    write to doors, people, turfs and contact attempts; each store computes its
    own from its rows, so they never travel in a bundle.
    """

    __tablename__ = "door_rollups"
    __table_args__ = (
        Index("ix_door_rollups_people", "people_count", "door_id"),
        Index("ix_door_rollups_last_result", "last_result", "door_id"),
        Index("ix_door_rollups_turf_name", "turf_name", "door_id"),
    )

    door_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    people_count: Mapped[int] = mapped_column(Integer, server_default="0")
    """The door's live people."""
    last_result: Mapped[str | None] = mapped_column(String(40))
    """Its latest result (:func:`fieldapp.services.rules.door_latest_result_sql`)."""
    turf_name: Mapped[str | None] = mapped_column(String(200))


class PersonRollup(Base):
    """A person's door address as one sortable text, for the people table. Not synced.

    Kept by database triggers like :class:`DoorRollup`.
    """

    __tablename__ = "person_rollups"
    __table_args__ = (Index("ix_person_rollups_door_sort", "door_sort", "person_id"),)

    person_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    door_sort: Mapped[str | None] = mapped_column(String(600))

SYNCED_MODELS: tuple[type[Synced], ...] = (
    Organization,
    Campaign,
    SurveyQuestion,
    Turf,
    Door,
    Person,
    PersonOrganization,
    Volunteer,
    TurfAssignment,
    ContactAttempt,
    Event,
    EventHost,
    Shift,
    Signup,
    CheckIn,
    ConsentChange,
    ReviewDecision,
)
"""Every synced model, parents before children (the order to write and dump)."""

MODEL_BY_TABLE: dict[str, type[Synced]] = {m.__tablename__: m for m in SYNCED_MODELS}

# HQ's inbox tables share this metadata (imported last: they build on Base).
from fieldapp.core import hq_models  # noqa: E402, F401
