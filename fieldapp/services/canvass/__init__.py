"""Canvass results: recording knocks, corrections, contact history, suppression, scripts.

Everything here works on a Session the caller opened from a Store, so every
write is stamped by the flush hook. Contact attempts are append-only facts:
a correction is a *new* attempt whose ``supersedes_id`` points at the one it
replaces (the flush hook refuses edits), and every figure and history view
hides superseded attempts unless asked for them.

Suppression is a property of the data, not of a screen: a door with
``do_not_knock`` is left out of walk lists, a person with ``do_not_call`` is
left out of call lists, and :func:`door_suppression` / :func:`person_suppression`
say *why* so that the canvasser sees the reason instead of a silently missing
door.

The package has one module per job; every name is re-exported here, so
``from fieldapp.services import canvass`` and
``from fieldapp.services.canvass import record_result`` work as before:

* :mod:`.codes` - result codes, labels, which results carry support;
* :mod:`.questions` - the survey script as data, branching, answer checks;
* :mod:`.script_edit` - adding, editing, translating and reordering questions;
* :mod:`.doors` - a door, its household and its campaign;
* :mod:`.flags` - suppression reasons and the door/person flags;
* :mod:`.recording` - recording a knock (:func:`record_result`);
* :mod:`.corrections` - correcting an attempt;
* :mod:`.history` - door and person history;
* :mod:`.entry` - the doors of a turf for the Canvass page.
"""

from __future__ import annotations

from fieldapp.services.canvass.codes import (
    _UNSET,
    RESULT_LABELS,
    RESULTS_WITH_SUPPORT,
    SUPPORT_LABELS,
)
from fieldapp.services.canvass.corrections import correct_attempt
from fieldapp.services.canvass.doors import _campaign_for_door, _door, household
from fieldapp.services.canvass.entry import EntryDoor, EntryPerson, entry_doors, format_address
from fieldapp.services.canvass.flags import (
    door_suppression,
    person_suppression,
    set_door_do_not_knock,
    set_person_flags,
)
from fieldapp.services.canvass.history import (
    HistoryEntry,
    _history,
    door_history,
    live_attempts_clause,
    person_history,
)
from fieldapp.services.canvass.questions import (
    Choice,
    Question,
    _question,
    script,
    validate_answers,
    visible_questions,
)
from fieldapp.services.canvass.recording import Recorded, log, record_result
from fieldapp.services.canvass.script_edit import (
    _KEY_RE,
    _campaign,
    _check_branch,
    _clean_choices,
    _clean_text,
    add_question,
    edit_question,
    move_question,
    remove_question,
    reorder_questions,
    set_translation,
)

__all__ = [
    "RESULTS_WITH_SUPPORT",
    "RESULT_LABELS",
    "SUPPORT_LABELS",
    "_KEY_RE",
    "_UNSET",
    "Choice",
    "EntryDoor",
    "EntryPerson",
    "HistoryEntry",
    "Question",
    "Recorded",
    "_campaign",
    "_campaign_for_door",
    "_check_branch",
    "_clean_choices",
    "_clean_text",
    "_door",
    "_history",
    "_question",
    "add_question",
    "correct_attempt",
    "door_history",
    "door_suppression",
    "edit_question",
    "entry_doors",
    "format_address",
    "household",
    "live_attempts_clause",
    "log",
    "move_question",
    "person_history",
    "person_suppression",
    "record_result",
    "remove_question",
    "reorder_questions",
    "script",
    "set_door_do_not_knock",
    "set_person_flags",
    "set_translation",
    "validate_answers",
    "visible_questions",
]
