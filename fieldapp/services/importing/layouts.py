"""Built-in layout profiles: the voter files states and VAN publish, kept as data.

Each layout is one TOML file in ``fieldapp/resources/layouts`` (with a comment naming
the public file-layout document it follows): its column list, which columns map to
which Field App field, how its status codes read, and for files without a header row
the column patterns that recognise it. A file with a header is matched by its header;
a headerless file by its column count and patterns.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

from fieldapp.errors import InputError
from fieldapp.services.importing.fields import FIELDS, norm_header

MIN_HEADER_SHARE = 0.6
MIN_MAPPED_SHARE = 0.75
"""A header matches a layout when it has this share of the layout's columns, or
this share of the columns the layout imports (and, either way, every column the
layout maps to an address field)."""


@dataclass(frozen=True)
class Layout:
    name: str
    title: str
    source: str  # the public document, from the file's leading comment
    kind: str  # "voters" (voter files) or "points" (address points for geocoding)
    header: bool
    delimiter: str | None
    columns: tuple[str, ...]
    fields: dict[str, str]
    patterns: dict[int, re.Pattern[str]] = field(default_factory=dict)
    statuses: dict[str, str] = field(default_factory=dict)

    def mapping_for(self, header: list[str]) -> dict[str, str]:
        """Column -> field for the columns of ``header`` (matched loosely by name)."""
        by_norm = {norm_header(c): f for c, f in self.fields.items()}
        return {col: by_norm.get(norm_header(col), "ignore") for col in header}

    def header_share(self, header: list[str]) -> float:
        have = {norm_header(h) for h in header}
        wanted = [norm_header(c) for c in self.columns]
        address = [norm_header(c) for c, f in self.fields.items()
                   if f in ("address", "street_name", "street_number")]
        if not all(a in have for a in address):
            return 0.0
        share = sum(1 for w in wanted if w in have) / len(wanted)
        mapped = [norm_header(c) for c in self.fields]
        mapped_share = sum(1 for m in mapped if m in have) / len(mapped)
        # a file cut down to the columns that matter still matches its layout
        return share if mapped_share < MIN_MAPPED_SHARE else max(share, mapped_share)

    def fits_rows(self, rows: list[list[str]]) -> bool:
        """A headerless file: every sample row has the column count and patterns."""
        if not rows:
            return False
        for row in rows:
            if len(row) != len(self.columns):
                return False
            for index, pattern in self.patterns.items():
                if not pattern.match(row[index].strip()):
                    return False
        return True


def _source(text: str) -> str:
    comment = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        comment.append(line.lstrip("# ").strip())
    return " ".join(comment)


def _load(name: str, text: str) -> Layout:
    data = tomllib.loads(text)
    columns = tuple(str(c) for c in data["columns"])
    fields = {str(k): str(v) for k, v in data.get("fields", {}).items()}
    for column, target in fields.items():
        if target not in FIELDS:
            raise ValueError(f"layout {name}: column {column!r} maps to unknown field {target!r}")
    return Layout(
        name=str(data.get("name", name)),
        title=str(data.get("title", name)),
        source=_source(text),
        kind=str(data.get("kind", "voters")),
        header=bool(data.get("header", True)),
        delimiter=data.get("delimiter"),
        columns=columns,
        fields=fields,
        patterns={int(k): re.compile(str(v)) for k, v in data.get("patterns", {}).items()},
        statuses={str(k).upper(): str(v) for k, v in data.get("status", {}).items()},
    )


def layouts(kind: str | None = "voters") -> dict[str, Layout]:
    """The built-in layouts of a kind ("voters", "points"; None: all) by name."""
    return {n: lay for n, lay in _all_layouts().items() if kind is None or lay.kind == kind}


@cache
def _all_layouts() -> dict[str, Layout]:
    folder = files("fieldapp") / "resources" / "layouts"
    found: dict[str, Layout] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            layout = _load(entry.name[:-5], entry.read_text(encoding="utf-8"))
            found[layout.name] = layout
    return found


def get_layout(name: str, kind: str | None = None) -> Layout:
    found = layouts(kind)
    try:
        return found[name]
    except KeyError:
        raise InputError(
            f"no layout named {name!r} (layouts: {', '.join(found)}; "
            "see: fieldapp import layouts)"
        ) from None


def match_header(header: list[str], kind: str = "voters") -> Layout | None:
    """The header layout that fits ``header`` best, if one fits well enough."""
    best: tuple[float, Layout] | None = None
    for layout in layouts(kind).values():
        if not layout.header:
            continue
        share = layout.header_share(header)
        if share >= MIN_HEADER_SHARE and (best is None or share > best[0]):
            best = (share, layout)
    return best[1] if best else None


def match_rows(rows: list[list[str]], kind: str = "voters") -> Layout | None:
    """The headerless layout whose column count and patterns fit every sample row."""
    for layout in layouts(kind).values():
        if not layout.header and layout.fits_rows(rows):
            return layout
    return None
