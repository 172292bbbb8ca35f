"""Finding 6: conflicts are logged only for truly concurrent edits, once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select

from fieldapp.core.models import Door, SyncConflict
from tests.services.sync.helpers import Site, connect
from tests.services.sync.test_merge import MINUTE, edit, export, imp, new_door, tick


def conflicts(site: Site) -> list[tuple[str, object, object]]:
    with site.store.session() as s:
        return [(c.field, c.winner_value, c.loser_value) for c in s.scalars(select(SyncConflict))]


def test_a_one_sided_edit_of_another_sites_field_is_not_a_conflict(
        make_site: Callable[..., Site], tmp_path: Path) -> None:
    a, b, hq = make_site("a"), make_site("b"), make_site("hq")
    connect(a, b, hq)
    door = new_door(a, notes="gate code 12")
    first = export(a, tmp_path)
    imp(b, first)
    imp(hq, first)
    tick(b, MINUTE)
    edit(b, Door, door, notes="gate code 21")  # B corrects A's note, having seen it
    from_b = export(b, tmp_path)
    imp(a, from_b)
    imp(hq, from_b)
    assert conflicts(a) == conflicts(hq) == []


def test_an_edit_made_on_top_of_a_seen_edit_is_not_a_conflict(
        make_site: Callable[..., Site], tmp_path: Path) -> None:
    a, b = make_site("a"), make_site("b")
    connect(a, b)
    door = new_door(a)
    imp(b, export(a, tmp_path))
    tick(a, MINUTE)
    edit(a, Door, door, notes="dog")
    imp(b, export(a, tmp_path))
    tick(b, MINUTE)
    edit(b, Door, door, notes="dog is friendly")  # B saw A's edit and refined it
    imp(a, export(b, tmp_path))
    assert conflicts(a) == []


def test_concurrent_edits_are_logged_once_and_stale_reimports_add_nothing(
        make_site: Callable[..., Site], tmp_path: Path) -> None:
    a, b, hq = make_site("a"), make_site("b"), make_site("hq")
    connect(a, b, hq)
    door = new_door(a)
    imp(b, export(a, tmp_path))
    imp(hq, export(a, tmp_path))
    tick(a, MINUTE)
    edit(a, Door, door, notes="dog in yard")
    tick(b, 2 * MINUTE)
    edit(b, Door, door, notes="beware of dog")  # neither has seen the other's
    stale_a = export(a, tmp_path)
    imp(hq, stale_a)
    result = imp(hq, export(b, tmp_path))
    assert result.total().conflicts == 1
    assert conflicts(hq) == [("notes", "beware of dog", "dog in yard")]
    # The same losing write arrives again in another bundle: nothing new, nothing counted.
    again = imp(hq, export(a, tmp_path))
    assert again.total().conflicts == 0
    with hq.store.session() as s:
        assert s.scalar(select(func.count()).select_from(SyncConflict)) == 1
