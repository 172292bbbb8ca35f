"""Finding 4 across sites: a later explicit opt-in wins over an opt-out, and
nothing else does (a plain edit of the flag, an older opt-in)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from fieldapp.core.models import Person
from fieldapp.services import consent
from tests.services.sync.helpers import Site, connect, dump
from tests.services.sync.test_merge import MINUTE, edit, export, imp, new_door, tick

T0 = dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)


def _person(site: Site) -> str:
    door = new_door(site)
    with site.store.transaction() as s:
        p = Person(first_name="Ana", last_name="Ruiz", door_id=door)
        s.add(p)
        s.flush()
        return p.id


def _flag(site: Site, pid: str) -> bool:
    with site.store.session() as s:
        return s.get(Person, pid).do_not_text


def _say(site: Site, pid: str, choice: str, at: dt.datetime) -> None:
    with site.store.transaction() as s:
        consent.record(s, pid, {"text": choice}, source="form", at=at)


def _three(make_site: Callable[..., Site], tmp_path: Path) -> tuple[Site, Site, Site, str]:
    a, b, hq = make_site("a"), make_site("b"), make_site("hq")
    connect(a, b, hq)
    pid = _person(a)
    imp(b, export(a, tmp_path))
    return a, b, hq, pid


def test_a_plain_edit_synced_later_does_not_undo_an_opt_out(make_site: Callable[..., Site],
                                                            tmp_path: Path) -> None:
    a, b, hq, pid = _three(make_site, tmp_path)
    _say(a, pid, "opt_out", T0)
    tick(b, MINUTE)
    edit(b, Person, pid, do_not_text=False, notes="x")  # a newer clock, but no opt-in
    for path in (export(a, tmp_path), export(b, tmp_path)):
        imp(hq, path)
    assert _flag(hq, pid)
    imp(a, export(b, tmp_path))
    imp(b, export(a, tmp_path))
    assert _flag(a, pid) and _flag(b, pid)


def test_a_later_explicit_opt_in_wins_and_an_earlier_one_does_not(
        make_site: Callable[..., Site], tmp_path: Path) -> None:
    a, b, hq, pid = _three(make_site, tmp_path)
    _say(a, pid, "opt_out", T0)
    _say(b, pid, "opt_in", T0 - dt.timedelta(days=1))  # said before the opt-out
    ea, eb = export(a, tmp_path), export(b, tmp_path)
    imp(hq, eb)
    imp(hq, ea)
    assert _flag(hq, pid)
    _say(b, pid, "opt_in", T0 + dt.timedelta(days=1))  # said after it: wins everywhere
    eb2 = export(b, tmp_path)
    for site in (hq, a):
        imp(site, eb2)
        assert not _flag(site, pid)
    imp(b, export(a, tmp_path))
    assert not _flag(b, pid)
    assert dump(a.store) == dump(b.store) == dump(hq.store)
