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

The tables live in one module per job (imported in this order, which is the order
the tables were always declared in): :mod:`.base` (vocabulary, column types, record
kinds), :mod:`.people`, :mod:`.canvass`, :mod:`.events`, :mod:`.consent` and
:mod:`.bookkeeping`. Every name is importable from ``fieldapp.core.models``.
"""

# ruff: noqa: I001
from __future__ import annotations

# Not sorted: the modules load in the order the tables were always declared in,
# which is the order of Base.metadata.tables.
from fieldapp.core.models.base import (
    CONTACT_RESULTS,
    EVENT_KINDS,
    LANGUAGES,
    NAMING,
    RESULT_CODES,
    SIGNUP_STATUSES,
    SYNC_COLUMNS,
    TURF_STATUSES,
    VOLUNTEER_ROLES,
    VOTER_STATUSES,
    Base,
    Fact,
    Mutable,
    Synced,
    UTCDateTime,
)
from fieldapp.core.models.people import (
    Campaign,
    Door,
    Organization,
    Person,
    PersonOrganization,
    SurveyQuestion,
    Turf,
    TurfAssignment,
    Volunteer,
)
from fieldapp.core.models.canvass import ContactAttempt
from fieldapp.core.models.events import CheckIn, Event, EventHost, Shift, Signup
from fieldapp.core.models.consent import (
    CONSENT_CHANNELS,
    CONSENT_CHOICES,
    CONSENT_SOURCES,
    ConsentChange,
)
from fieldapp.core.models.bookkeeping import (
    GeocodeCache,
    PossibleDuplicate,
    ReviewDecision,
    StoreMeta,
    SyncBundle,
    SyncConflict,
)
from fieldapp.core.models.rollups import DoorRollup, DoorSearchKey, PersonRollup, PersonSearchKey
from fieldapp.core.models.importrows import ImportRow

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

__all__ = [
    "CONSENT_CHANNELS",
    "CONSENT_CHOICES",
    "CONSENT_SOURCES",
    "CONTACT_RESULTS",
    "EVENT_KINDS",
    "LANGUAGES",
    "MODEL_BY_TABLE",
    "NAMING",
    "RESULT_CODES",
    "SIGNUP_STATUSES",
    "SYNCED_MODELS",
    "SYNC_COLUMNS",
    "TURF_STATUSES",
    "VOLUNTEER_ROLES",
    "VOTER_STATUSES",
    "Base",
    "Campaign",
    "CheckIn",
    "ConsentChange",
    "ContactAttempt",
    "Door",
    "DoorRollup",
    "DoorSearchKey",
    "Event",
    "EventHost",
    "Fact",
    "GeocodeCache",
    "ImportRow",
    "Mutable",
    "Organization",
    "Person",
    "PersonOrganization",
    "PersonRollup",
    "PersonSearchKey",
    "PossibleDuplicate",
    "ReviewDecision",
    "Shift",
    "Signup",
    "StoreMeta",
    "SurveyQuestion",
    "SyncBundle",
    "SyncConflict",
    "Synced",
    "Turf",
    "TurfAssignment",
    "UTCDateTime",
    "Volunteer",
]

# HQ's inbox tables share this metadata (imported last: they build on Base).
from fieldapp.core import hq_models  # noqa: E402, F401
