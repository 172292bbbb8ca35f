"""Address normalization: one key per door, one per building.

``address_key`` decides when two rows are the same household (same normalized
address and unit); ``building_key`` leaves the unit out, so the units of one
building stay together in turfs and walk lists.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from scourgify.address_constants import (
    DIRECTIONAL_REPLACEMENTS,
    OCCUPANCY_TYPE_ABBREVIATIONS,
    STREET_TYPE_ABBREVIATIONS,
)

# USPS Publication 28 tables, as the usaddress-scourgify normaliser keeps them: every
# spelling of a street suffix (C2), of a directional and of a secondary unit designator (C2).
SUFFIXES: dict[str, str] = {k.lower(): v.lower() for k, v in STREET_TYPE_ABBREVIATIONS.items()
                            if " " not in k}
DIRECTIONS: dict[str, str] = {k.lower(): v.lower() for k, v in DIRECTIONAL_REPLACEMENTS.items()}
DIRECTIONS.update({v.lower(): v.lower() for v in DIRECTIONAL_REPLACEMENTS.values()})
UNIT_DESIGNATORS: dict[str, str] = {k.lower(): v.lower()
                                    for k, v in OCCUPANCY_TYPE_ABBREVIATIONS.items()}
UNIT_DESIGNATORS.update({v.lower(): v.lower() for v in OCCUPANCY_TYPE_ABBREVIATIONS.values()})
UNIT_DESIGNATORS.update({"apt": "apt", "ste": "ste", "no": "#", "num": "#"})
KEY_VERSION = 2
"""How keys are computed; a change is an Alembic revision that recomputes them (0002)."""
_NUM_RE = re.compile(r"^\s*(\d+)")


_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    # Voter files repeat the same streets, cities and names: cached, with an ASCII fast path.
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SPACES.sub(" ", text.strip().lower())


def fold(text: str) -> str:
    """Lower case, accents and extra spaces removed: for matching, never for display."""
    return _fold(text)


@lru_cache(maxsize=65536)
def normalize_street(street: str) -> str:
    """The street for matching: USPS abbreviations ("Oak Trail" and "OAK TRL" agree)."""
    words = []
    for word in _PUNCT.sub(" ", _fold(street)).split():
        word = DIRECTIONS.get(word, word)
        word = SUFFIXES.get(word, word)
        words.append(word)
    return " ".join(words)


_PUNCT = re.compile(r"[.,;]")


@lru_cache(maxsize=4096)
def normalize_unit(unit: str) -> str:
    """The unit for matching: designators dropped before a number ("Apt 2" = "#2" = "2")."""
    words = _PUNCT.sub(" ", _fold(unit)).replace("#", " # ").split()
    if len(words) > 1:
        words = [w for w in words if w not in UNIT_DESIGNATORS]
    else:
        words = [UNIT_DESIGNATORS.get(w, w) for w in words]
    return " ".join(w.lstrip("0") or w for w in words if w != "#")


def house_number(street_number: str) -> int | None:
    """The numeric part of a street number ("1234B" -> 1234), for walk order."""
    match = _NUM_RE.match(street_number or "")
    return int(match.group(1)) if match else None


def building_key(number: str, street: str, city: str, state: str) -> str:
    return "|".join(
        (_fold(number), normalize_street(street), _fold(city), _fold(state))
    )


def address_key(number: str, street: str, unit: str, city: str, state: str) -> str:
    return building_key(number, street, city, state) + "|" + normalize_unit(unit)


_LINE_RE = re.compile(r"^\s*(\d+[A-Za-z]?(?:-\d+[A-Za-z]?)?(?:\s+\d/\d)?)\s+(.+?)\s*$")
_UNIT_RE = re.compile(
    r"(?:,\s*|\s+)((?:apt|apartment|unit|ste|suite|fl|floor|rm|room|lot|spc|space|bldg|building"
    r"|trlr|trailer|ph|penthouse|dept|ofc|office)\.?\s*#?\s*[\w-]+"
    r"|#\s*[\w-]+|(?:upper|lower|uppr|lowr|upstairs|downstairs|rear|front|frnt|bsmt|basement))\s*$",
    re.IGNORECASE,
)


@lru_cache(maxsize=65536)
def split_street_line(line: str) -> tuple[str, str, str]:
    """Split "1234 N 20th St Apt 3" into ("1234", "N 20th St", "Apt 3").

    Voter files often give the whole street line in one column; doors need the
    number (for walk order) apart from the street. A line with no leading
    number comes back as ("", line, unit).
    """
    text = re.sub(r"\s+", " ", line or "").strip()
    unit = ""
    match = _UNIT_RE.search(text)
    if match and match.start() > 0:
        rest = text[: match.start()].rstrip(" ,")
        if not re.fullmatch(r"[\d\w-]*", rest):  # keep "100 Front": a street, not a unit
            unit = match.group(1).strip()
            text = rest
    number_match = _LINE_RE.match(text)
    if number_match:
        return number_match.group(1), number_match.group(2), unit
    return "", text, unit


def fold_name(first: str, last: str) -> str:
    """A person's name folded for matching (case, accents and spacing ignored)."""
    return _fold(first) + "|" + _fold(last)
