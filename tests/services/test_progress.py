"""The CLI's progress line: quiet for quick work, a line now and then for long work."""

from __future__ import annotations

import io

import pytest

from fieldapp.errors import CancelledError
from fieldapp.services import progress as progress_mod
from fieldapp.services.progress import LineProgress, Progress


def test_quick_work_prints_nothing() -> None:
    out = io.StringIO()
    p = LineProgress(out)
    p.update(0, 10, "Decrypting")
    p.update(10, 10, "Decrypting")
    assert out.getvalue() == ""


def test_long_work_prints_progress_and_the_final_line(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter([0.0, 1.0, 1.1, 2.0, 3.0])
    monkeypatch.setattr(progress_mod.time, "monotonic", lambda: next(clock))
    out = io.StringIO()
    p = LineProgress(out, interval=0.5)  # made at t=0
    p.update(100, 1000, "Importing")  # t=1.0: shown
    p.update(150, 1000, "Importing")  # t=1.1: too soon
    p.update(1000, 1000, "Importing")  # t=2.0: final
    assert out.getvalue().splitlines() == ["Importing 100/1,000", "Importing 1,000/1,000"]


def test_cancel_stops_work_at_the_next_check() -> None:
    p = Progress()
    p.check()
    p.cancel()
    with pytest.raises(CancelledError, match="nothing was written"):
        p.check()
