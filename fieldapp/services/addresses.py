"""Address normalization: one key per door, one per building.

``address_key`` decides when two rows are the same household (same normalized
address and unit); ``building_key`` leaves the unit out, so the units of one
building stay together in turfs and walk lists.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

SUFFIXES = {
    "street": "st", "st.": "st", "avenue": "ave", "av": "ave", "ave.": "ave",
    "boulevard": "blvd", "blvd.": "blvd", "drive": "dr", "dr.": "dr", "road": "rd",
    "rd.": "rd", "place": "pl", "pl.": "pl", "court": "ct", "ct.": "ct", "lane": "ln",
    "ln.": "ln", "terrace": "ter", "parkway": "pkwy", "highway": "hwy", "circle": "cir",
    "square": "sq", "way": "way",
}
DIRECTIONS = {
    "north": "n", "south": "s", "east": "e", "west": "w", "n.": "n", "s.": "s",
    "e.": "e", "w.": "w", "northeast": "ne", "northwest": "nw", "southeast": "se",
    "southwest": "sw",
}
UNIT_WORDS = {"apartment": "", "apt": "", "apt.": "", "unit": "", "#": "", "suite": "", "ste": ""}
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
    words = []
    for word in _fold(street).replace(",", " ").split():
        word = DIRECTIONS.get(word, word)
        word = SUFFIXES.get(word, word)
        words.append(word.rstrip("."))
    return " ".join(words)


@lru_cache(maxsize=4096)
def normalize_unit(unit: str) -> str:
    words = [w for w in _fold(unit).replace("#", " # ").split() if w not in UNIT_WORDS]
    return " ".join(words)


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
    r"(?:,\s*|\s+)((?:apt|apartment|unit|ste|suite|fl|floor|rm|room|lot|spc|space)\.?\s*[\w-]+"
    r"|#\s*[\w-]+|(?:upper|lower|upstairs|downstairs|rear|front|bsmt|basement))\s*$",
    re.IGNORECASE,
)


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
