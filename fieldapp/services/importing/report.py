"""What an import did: counts, problems, and the lines the CLI and the wizard show."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from fieldapp.services.importing.fields import MAX_PROBLEMS_KEPT, norm_header
from fieldapp.services.voterstatus import OFF_LISTS, STATUSES

# Ignored columns that look like they matter: (kind, pattern over the folded name,
# the fields that would make it redundant, the field to suggest).
_MATTERS: tuple[tuple[str, re.Pattern[str], tuple[str, ...], str], ...] = (
    ("unit", re.compile(r"apt|unit|secondary|suite|address2|addr2|addressline2"), ("unit",), "unit"),
    ("voter_id", re.compile(r"voterid|vanid|regnum|registrationnumber|ncid|vuid|sosid|statevoter"),
     ("voter_id",), "voter_id"),
    ("status", re.compile(r"status"), ("status",), "status"),
    ("birth", re.compile(r"birth|dob|yob|age$"), ("birth_year", "birth_date", "age"), "birth_date"),
    ("party", re.compile(r"party"), ("party",), "party"),
    ("precinct", re.compile(r"precinct|ward"), ("precinct", "ward"), "precinct"),
)
LOOKS_LIKE: dict[str, str] = {
    "unit": "a unit/apartment", "voter_id": "a voter id", "status": "a registration status",
    "birth": "a birth date or year", "party": "a party", "precinct": "a precinct or ward",
}


@dataclass(frozen=True)
class MappingWarning:
    """An ignored column that looks like it matters."""

    column: str
    kind: str  # a key of LOOKS_LIKE
    suggest: str  # the field to map it to

    def text(self) -> str:
        return (f"column '{self.column}' looks like {LOOKS_LIKE[self.kind]} and is not imported "
                f"(map it to '{self.suggest}' to keep it)")


def mapping_warnings(header: list[str], mapping: dict[str, str]) -> list[MappingWarning]:
    """A warning for each ignored column that looks like it matters.

    Mailing-address columns are left alone (the residence is what is knocked),
    and so is a column whose field another column already fills.
    """
    mapped = {f for f in mapping.values() if f != "ignore"}
    out: list[MappingWarning] = []
    for column in header:
        if mapping.get(column, "ignore") != "ignore":
            continue
        folded = norm_header(column)
        if folded.startswith("mail") or (folded.startswith("m") and "address" in folded):
            continue
        for kind, pattern, covered, suggest in _MATTERS:
            if pattern.search(folded) and not mapped & set(covered):
                out.append(MappingWarning(column, kind, suggest))
                break
    return out


def mapping_lines(header: list[str], mapping: dict[str, str], layout: str = "") -> list[str]:
    """The mapping used, column by column, then the ignored columns."""
    out = [f"  layout: {layout}" if layout else "  layout: none (column names matched one by one)",
           "  columns imported:"]
    used = [(c, mapping[c]) for c in header if mapping.get(c, "ignore") != "ignore"]
    width = max((len(c) for c, _ in used), default=0)
    out += [f"    {c:{width}} -> {f}" for c, f in used]
    ignored = [c for c in header if mapping.get(c, "ignore") == "ignore"]
    if ignored:
        out.append(f"  columns ignored ({len(ignored)}): " + ", ".join(ignored))
    out += [f"  warning: {w.text()}" for w in mapping_warnings(header, mapping)]
    return out


@dataclass
class Problem:
    line: int
    field: str
    reason: str
    level: str = "rejected"  # or "warning"

    def describe(self, file_name: str) -> str:
        where = f"{file_name}:{self.line}" + (f" field '{self.field}'" if self.field else "")
        return f"{where}: {self.reason}"


@dataclass
class ImportReport:
    """What an import did (or would do, for a dry run)."""

    file: str
    encoding: str = ""
    delimiter: str = ","
    mapping: dict[str, str] = field(default_factory=dict)
    header: list[str] = field(default_factory=list)
    layout: str = ""
    dry_run: bool = False
    blank_lines: int = 0
    rows_read: int = 0
    doors_created: int = 0
    doors_updated: int = 0
    people_created: int = 0
    people_updated: int = 0
    people_unchanged: int = 0
    people_merged: int = 0
    people_moved: int = 0
    rows_skipped: int = 0
    rows_rejected: int = 0
    warnings: int = 0
    problems: list[Problem] = field(default_factory=list)
    problems_dropped: int = 0
    statuses: dict[str, int] = field(default_factory=dict)

    @property
    def accounted(self) -> int:
        """Rows the figures explain; always equal to ``rows_read``."""
        return (self.people_created + self.people_updated + self.people_unchanged
                + self.people_merged + self.rows_rejected + self.rows_skipped)

    def status_counts(self) -> list[tuple[str, int]]:
        """(status, people) in the order of ``STATUSES``, unknown codes after."""
        order = {s: i for i, s in enumerate(("", *STATUSES))}
        return sorted(self.statuses.items(), key=lambda kv: (order.get(kv[0], 99), kv[0]))

    @property
    def off_lists(self) -> int:
        return sum(n for s, n in self.statuses.items() if s in OFF_LISTS)

    def add(self, problem: Problem) -> None:
        if problem.level == "rejected":
            self.take(1, 0, [problem])
        else:
            self.take(0, 1, [problem])

    def take(self, rejected: int, warnings: int, problems: list[Problem], dropped: int = 0
             ) -> None:
        """Count problems found elsewhere (a batch from the reader process): ``dropped``
        of them not kept there; of ``problems``, those past the first
        ``MAX_PROBLEMS_KEPT`` of the report are counted, not kept."""
        self.rows_rejected += rejected
        self.warnings += warnings
        room = max(0, MAX_PROBLEMS_KEPT - len(self.problems))
        self.problems.extend(problems[:room])
        self.problems_dropped += dropped + max(0, len(problems) - room)

    def lines(self) -> list[str]:
        """The report as lines of text (the CLI prints them; the wizard shows them)."""
        name = Path(self.file).name
        head = "Dry run (nothing written)" if self.dry_run else "Imported"
        out = [
            f"{head}: {name} ({self.encoding}, "
            f"{'tab' if self.delimiter == chr(9) else repr(self.delimiter)}-separated)",
            *mapping_lines(self.header, self.mapping, self.layout),
            f"  rows read         {self.rows_read:>10,}",
            f"  people created    {self.people_created:>10,}",
            f"  people updated    {self.people_updated:>10,}"
            + (f"  ({self.people_moved:,} moved to a new address)" if self.people_moved else ""),
            f"  people unchanged  {self.people_unchanged:>10,}",
            f"  rows merged       {self.people_merged:>10,}  (the same voter again in the file)",
            f"  rows rejected     {self.rows_rejected:>10,}",
            f"  rows skipped      {self.rows_skipped:>10,}  (no name or voter id: door only)",
            f"  doors created     {self.doors_created:>10,}",
            f"  doors updated     {self.doors_updated:>10,}",
        ]
        if self.blank_lines:
            out.append(f"  blank lines       {self.blank_lines:>10,}  (not counted as rows)")
        if self.statuses:
            parts = ", ".join(f"{s or 'none'} {n:,}" for s, n in self.status_counts())
            out.append(f"  status: {parts}")
            if self.off_lists:
                out.append(f"  {self.off_lists:,} removed, cancelled or deceased voters are kept "
                           "but left off walk, canvass and call lists")
        if self.warnings:
            out.append(f"  warnings          {self.warnings:>10,}")
        for problem in self.problems:
            label = "rejected" if problem.level == "rejected" else "warning"
            out.append(f"  {label}: {problem.describe(name)}")
        if self.problems_dropped:
            out.append(f"  ... and {self.problems_dropped:,} more problems not listed")
        if self.rows_rejected:
            out.append(f"warning: {self.rows_rejected:,} of {self.rows_read:,} rows rejected "
                       "(listed above)")
        return out
