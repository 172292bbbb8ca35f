from __future__ import annotations

import itertools
import time
import uuid

from fieldapp.core.ids import id_stream, is_uuid, new_id, new_ids


def test_bulk_ids_are_distinct_canonical_version_7_uuids() -> None:
    ids = new_ids(5000) + list(itertools.islice(id_stream(chunk=7), 20))
    assert len(set(ids)) == len(ids)
    for text in ids:
        assert is_uuid(text), text
        parsed = uuid.UUID(text)
        assert parsed.version == 7 and parsed.variant == uuid.RFC_4122
        assert str(parsed) == text


def test_ids_sort_in_the_order_they_were_made() -> None:
    made = [new_id(), *new_ids(3000), new_id(), *itertools.islice(id_stream(chunk=5), 12)]
    assert made == sorted(made)
    assert len(set(made)) == len(made)


def test_id_carries_the_time_it_was_made() -> None:
    before = time.time_ns() // 1_000_000
    made_ms = uuid.UUID(new_id()).int >> 80
    after = time.time_ns() // 1_000_000
    assert before <= made_ms <= after + 1


def test_ids_stay_random_within_a_millisecond() -> None:
    # two processes' ids must not collide: the last 32 bits and the counter's start are random
    tails = {text[-8:] for text in new_ids(2000)}
    assert len(tails) > 1990


def test_version_4_ids_from_before_stay_valid() -> None:
    old = str(uuid.uuid4())
    assert is_uuid(old)
