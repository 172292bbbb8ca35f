"""Finding 6: review decisions sync like any record, and conflicts have a CLI."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from fieldapp.cli import main
from fieldapp.core.models import Door, PossibleDuplicate, SyncConflict
from fieldapp.services.sync.merge import resolve_duplicate
from tests.services.sync.helpers import Site, connect
from tests.services.sync.test_merge import MINUTE, edit, export, imp, new_door, tick


def open_pairs(site: Site) -> list[PossibleDuplicate]:
    with site.store.session() as s:
        return list(s.scalars(select(PossibleDuplicate).where(PossibleDuplicate.status == "open")))


def test_keep_both_is_decided_once_for_every_store(make_site: Callable[..., Site],
                                                    tmp_path: Path) -> None:
    a, b, hq, office = make_site("a"), make_site("b"), make_site("hq"), make_site("office")
    fresh = make_site("fresh")
    connect(a, b, hq, office, fresh)
    new_door(a, address_key="12|main st|milwaukee|")
    new_door(b, address_key="12|main st|milwaukee|")
    ea, eb = export(a, tmp_path), export(b, tmp_path)
    for site in (hq, office):
        imp(site, ea)
        imp(site, eb)
    (pair,) = open_pairs(hq)
    assert len(open_pairs(office)) == 1
    resolve_duplicate(hq.store, pair.pk, "distinct")  # two flats, one address: keep both
    from_hq = export(hq, tmp_path)
    imp(office, from_hq)
    assert open_pairs(office) == []
    result = imp(fresh, from_hq)  # both doors and the decision arrive together
    assert result.duplicates == 0 and open_pairs(fresh) == []


def test_conflicts_cli_lists_shows_and_resolves(make_site: Callable[..., Site], tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    a, b, hq = make_site("a"), make_site("b"), make_site("hq")
    connect(a, b, hq)
    door = new_door(a)
    imp(b, export(a, tmp_path))
    imp(hq, export(a, tmp_path))
    tick(a, MINUTE)
    edit(a, Door, door, notes="dog in yard")
    tick(b, 2 * MINUTE)
    edit(b, Door, door, notes="beware of dog")
    imp(hq, export(a, tmp_path))
    imp(hq, export(b, tmp_path))
    base = ["--data-dir", str(hq.dir / "data"), "--db", str(hq.dir / "store.sqlite"), "conflicts"]
    assert main([*base, "list"]) == 0
    listing = capsys.readouterr().out
    with hq.store.session() as s:
        pk = s.scalar(select(SyncConflict.pk))
    assert f"#{pk}" in listing and "notes" in listing and "open" in listing
    assert main([*base, "show", str(pk)]) == 0
    shown = capsys.readouterr().out
    assert "'beware of dog'" in shown and "'dog in yard'" in shown
    assert main([*base, "resolve", str(pk), "--keep", "other"]) == 0
    capsys.readouterr()
    with hq.store.session() as s:
        assert s.get(Door, door).notes == "dog in yard"
        assert s.get(SyncConflict, pk).resolved
    assert main([*base, "list"]) == 0
    assert "No open conflicts." in capsys.readouterr().out
    assert main([*base, "show", "999"]) == 1
