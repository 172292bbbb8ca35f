"""The reads behind the Dashboard and the door/person detail panes."""

from __future__ import annotations

from sqlalchemy import select

from fieldapp.core.models import ContactAttempt
from fieldapp.services import lookup
from fieldapp.services.canvass import correct_attempt


def test_a_corrected_attempt_leaves_history_and_counts(demo_store) -> None:
    with demo_store.session() as s:
        attempt = s.scalars(
            select(ContactAttempt).where(ContactAttempt.result_code == "not_home").limit(1)
        ).one()
    before = lookup.counts(demo_store)
    results_before = lookup.result_counts(demo_store)
    history_before = lookup.door_detail(demo_store, attempt.door_id).attempts

    with demo_store.transaction() as s:
        correct_attempt(s, attempt.id, result_code="refused", notes="was a refusal")

    after = lookup.counts(demo_store)
    results_after = lookup.result_counts(demo_store)
    history = lookup.door_detail(demo_store, attempt.door_id).attempts
    assert after.attempts == before.attempts  # one replaced by its correction
    assert results_after["not_home"] == results_before["not_home"] - 1
    assert results_after["refused"] == results_before.get("refused", 0) + 1
    assert len(history) == len(history_before)
    assert [a.result for a in history].count("not_home") == (
        [a.result for a in history_before].count("not_home") - 1
    )
    assert any(a.notes == "was a refusal" for a in history)
