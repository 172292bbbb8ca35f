"""What an import did: counts, problems, and the lines the CLI and the wizard show."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fieldapp.services.importing.fields import MAX_PROBLEMS_KEPT


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
    dry_run: bool = False
    rows_read: int = 0
    doors_created: int = 0
    doors_updated: int = 0
    people_created: int = 0
    people_updated: int = 0
    people_unchanged: int = 0
    rows_skipped: int = 0
    rows_rejected: int = 0
    warnings: int = 0
    problems: list[Problem] = field(default_factory=list)
    problems_dropped: int = 0

    def add(self, problem: Problem) -> None:
        if problem.level == "rejected":
            self.rows_rejected += 1
        else:
            self.warnings += 1
        if len(self.problems) < MAX_PROBLEMS_KEPT:
            self.problems.append(problem)
        else:
            self.problems_dropped += 1

    def lines(self) -> list[str]:
        """The report as lines of text (the CLI prints them; the wizard shows them)."""
        name = Path(self.file).name
        head = "Dry run (nothing written)" if self.dry_run else "Imported"
        out = [
            f"{head}: {name} ({self.encoding}, "
            f"{'tab' if self.delimiter == chr(9) else repr(self.delimiter)}-separated)",
            f"  rows read         {self.rows_read:>10,}",
            f"  doors created     {self.doors_created:>10,}",
            f"  doors updated     {self.doors_updated:>10,}",
            f"  people created    {self.people_created:>10,}",
            f"  people updated    {self.people_updated:>10,}",
            f"  people unchanged  {self.people_unchanged:>10,}",
            f"  rows skipped      {self.rows_skipped:>10,}  (blank)",
            f"  rows rejected     {self.rows_rejected:>10,}",
        ]
        if self.warnings:
            out.append(f"  warnings          {self.warnings:>10,}")
        for problem in self.problems:
            label = "rejected" if problem.level == "rejected" else "warning"
            out.append(f"  {label}: {problem.describe(name)}")
        if self.problems_dropped:
            out.append(f"  ... and {self.problems_dropped:,} more problems not listed")
        return out

