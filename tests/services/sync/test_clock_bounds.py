"""Finding 1: a bundle's clock claims cannot jam or drag the store's clock.

The store's clock moves only to the highest clock actually in a bundle's
records (never the manifest's claimed ``hlc_max``), and records more than 30
days ahead are refused even by ``accept``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from fieldapp.core.hlc import stamp_ms, wall_ms
from fieldapp.services.sync.bundle import BundleError
from fieldapp.services.sync.merge import accept_bundle
from tests.services.sync.helpers import Site, bundle_files, connect, craft_bundle, dump
from tests.services.sync.test_merge import MINUTE, export, imp, new_door, tick

DAY = 24 * 60 * MINUTE


def test_a_forged_hlc_max_does_not_move_the_store_clock(make_site: Callable[..., Site],
                                                        tmp_path: Path) -> None:
    a, hq = make_site("a"), make_site("hq")
    connect(a, hq)
    new_door(a)
    files = bundle_files(hq, export(a, tmp_path / "real"))
    forged = craft_bundle(a, tmp_path / "forged.fieldbundle", files,
                          manifest={"hlc_max": "7fffffffffff0000"}, recipients=[hq.keys.recipient])
    result = imp(hq, forged)
    if result.status == "quarantined":  # the old reader quarantined on the claim; accept it
        result = accept_bundle(hq.store, result.bundle_id)
    assert result.status == "merged"
    assert hq.store.clock.last < 0x7FFFFFFFFFFF0000
    assert int(hq.store.meta("hlc_last") or 0) == a.store.clock.last
    assert stamp_ms(hq.store.clock.now()) < wall_ms() + MINUTE


def test_records_a_month_ahead_are_refused_even_with_accept(make_site: Callable[..., Site],
                                                            tmp_path: Path) -> None:
    a, hq = make_site("a"), make_site("hq")
    connect(a, hq)
    tick(a, 31 * DAY)
    new_door(a)
    path = export(a, tmp_path)
    before = dump(hq.store)
    with pytest.raises(BundleError, match="days ahead"):
        imp(hq, path, accept_future=True)
    assert dump(hq.store) == before
    assert int(hq.store.meta("hlc_last") or 0) < int(a.store.meta("hlc_last") or 0)


def test_accepting_shows_how_far_ahead_and_moves_the_clock_to_the_records(
        make_site: Callable[..., Site], tmp_path: Path) -> None:
    a, hq = make_site("a"), make_site("hq")
    connect(a, hq)
    tick(a, 3 * DAY)
    new_door(a)
    result = imp(hq, export(a, tmp_path))
    assert result.status == "quarantined" and "minutes ahead" in result.message
    accepted = accept_bundle(hq.store, result.bundle_id)
    assert accepted.status == "merged" and "minutes ahead" in accepted.message
    assert int(hq.store.meta("hlc_last") or 0) == a.store.clock.last
