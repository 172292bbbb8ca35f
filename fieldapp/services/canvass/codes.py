"""Result codes, their labels, and which results carry support and answers."""

from __future__ import annotations

from typing import Any

RESULT_LABELS: dict[str, str] = {
    "canvassed": "Canvassed",
    "not_home": "Not home",
    "refused": "Refused",
    "moved": "Moved",
    "deceased": "Deceased",
    "inaccessible": "Inaccessible",
    "hostile": "Hostile",
    "language_barrier": "Language barrier",
    "come_back": "Come back",
    "do_not_knock": "Do not knock",
}
"""English labels for the result codes (the GUI translates them)."""

SUPPORT_LABELS: dict[int, str] = {
    1: "Strong support",
    2: "Lean support",
    3: "Undecided",
    4: "Lean oppose",
    5: "Strong oppose",
}

RESULTS_WITH_SUPPORT: frozenset[str] = frozenset({"canvassed"})
"""Only a conversation can tell us where someone stands."""

_UNSET: Any = object()
"""Sentinel for "argument not given" (None is a real value for some fields)."""
