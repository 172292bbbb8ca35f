from __future__ import annotations

import itertools
import uuid

from fieldapp.core.ids import id_stream, is_uuid, new_ids


def test_bulk_ids_are_distinct_canonical_version_4_uuids() -> None:
    ids = new_ids(5000) + list(itertools.islice(id_stream(chunk=7), 20))
    assert len(set(ids)) == len(ids)
    for text in ids:
        assert is_uuid(text), text
        parsed = uuid.UUID(text)
        assert parsed.version == 4 and parsed.variant == uuid.RFC_4122
        assert str(parsed) == text
    # every variant digit shows up: the random bits are not masked away
    assert {text[19] for text in ids} == set("89ab")
