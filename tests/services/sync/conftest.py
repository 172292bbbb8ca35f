from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from fieldapp.core.hlc import wall_ms
from tests.services.sync.helpers import FakeWall, Site


@pytest.fixture
def make_site(tmp_path: Path) -> Iterator[Callable[..., Site]]:
    """Make simulated sites (own keys, own store, own hand-moved wall clock)."""
    made: list[Site] = []
    start = wall_ms()  # every site's clock starts at the same moment

    def make(name: str) -> Site:
        site = Site(tmp_path / "sites", name)
        site.store.clock._wall = FakeWall(start)
        made.append(site)
        return site

    yield make
    for site in made:
        site.close()


@pytest.fixture
def hq(make_site: Callable[..., Site]) -> Site:
    return make_site("hq")
