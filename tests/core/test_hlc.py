from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldapp.core.hlc import (
    COUNTER_MAX,
    STAMP_MAX,
    HybridLogicalClock,
    format_hlc,
    pack,
    parse_hlc,
    unpack,
)
from fieldapp.errors import ClockError


class FakeWall:
    def __init__(self, ms: int) -> None:
        self.ms = ms

    def __call__(self) -> int:
        return self.ms


def test_stamps_follow_the_wall_clock_when_it_moves_forward() -> None:
    wall = FakeWall(1_000)
    clock = HybridLogicalClock(wall=wall)
    a = clock.now()
    wall.ms = 2_000
    b = clock.now()
    assert unpack(a) == (1_000, 0)
    assert unpack(b) == (2_000, 0)


def test_monotonic_when_the_wall_clock_jumps_back() -> None:
    wall = FakeWall(5_000)
    clock = HybridLogicalClock(wall=wall)
    first = clock.now()
    wall.ms = 1_000  # someone set the laptop's clock back
    later = [clock.now() for _ in range(5)]
    assert all(x < y for x, y in zip([first, *later], later, strict=False))
    assert unpack(later[-1]) == (5_000, 5)


def test_restart_from_persisted_stamp_stays_monotonic() -> None:
    wall = FakeWall(10_000)
    before = HybridLogicalClock(wall=wall)
    last = before.now()
    wall.ms = 9_000
    after = HybridLogicalClock(last=before.last, wall=wall)
    assert after.now() > last


def test_observing_a_remote_stamp_moves_past_it() -> None:
    clock = HybridLogicalClock(wall=FakeWall(1_000))
    remote = pack(50_000, 3)
    clock.observe(remote)
    assert clock.now() > remote


def test_a_spent_counter_moves_on_to_the_next_millisecond() -> None:
    clock = HybridLogicalClock(last=pack(1_000, COUNTER_MAX - 1), wall=FakeWall(1_000))
    assert unpack(clock.now()) == (1_000, COUNTER_MAX)
    assert unpack(clock.now()) == (1_001, 0)  # no error: the clock borrows the next ms


def test_100000_stamps_after_observing_a_clock_five_minutes_fast() -> None:
    wall = FakeWall(1_700_000_000_000)
    clock = HybridLogicalClock(wall=wall)
    clock.observe(pack(wall.ms + 5 * 60_000, 0))  # a bundle from a laptop 5 minutes fast
    stamps = [clock.now() for _ in range(100_000)]
    assert all(a < b for a, b in itertools.pairwise(stamps))
    assert stamps[0] > pack(wall.ms + 5 * 60_000, 0)


def test_a_reservation_is_a_run_of_fresh_stamps() -> None:
    wall = FakeWall(2_000)
    clock = HybridLogicalClock(last=pack(2_000, COUNTER_MAX - 3), wall=wall)
    first = clock.reserve(40_000)
    assert first == pack(2_000, COUNTER_MAX - 2)
    assert clock.last == first + 39_999
    assert clock.now() == first + 40_000
    assert clock.reserve(0) == clock.last + 1 and clock.now() == first + 40_001


def test_the_end_of_the_range_is_the_only_refusal() -> None:
    clock = HybridLogicalClock(wall=FakeWall(1_000))
    clock.observe(STAMP_MAX)
    with pytest.raises(ClockError):
        clock.now()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), st.integers(-600_000, 600_000),
                          st.integers(1, 70_000), st.booleans()), max_size=25))
def test_skewed_sites_exchanging_stamps_never_jam_and_never_go_back(
        steps: list[tuple[int, int, int, bool]]) -> None:
    """Three sites with skewed wall clocks write bursts and observe each other."""
    base = 1_700_000_000_000
    walls = [FakeWall(base), FakeWall(base + 300_000), FakeWall(base - 300_000)]
    clocks = [HybridLogicalClock(wall=w) for w in walls]
    seen = [0, 0, 0]
    for site, skew, burst, share in steps:
        walls[site].ms = max(0, walls[site].ms + skew)
        first = clocks[site].reserve(burst)
        assert first > seen[site]
        seen[site] = first + burst - 1
        assert clocks[site].last == seen[site]
        if share:  # the next site receives a bundle with this site's latest stamp
            other = (site + 1) % 3
            clocks[other].observe(seen[site])
            assert clocks[other].now() > seen[site]
            seen[other] = clocks[other].last


@given(st.integers(min_value=0, max_value=(1 << 47) - 1), st.integers(0, COUNTER_MAX))
def test_hex_form_round_trips_and_sorts_like_the_number(ms: int, counter: int) -> None:
    stamp = pack(ms, counter)
    text = format_hlc(stamp)
    assert parse_hlc(text) == stamp
    assert len(text) == 16


@pytest.mark.parametrize("bad", ["", "xyz", "0123456789ABCDEF", "1" * 15, 12, None, "f" * 16])
def test_malformed_stamps_are_rejected(bad: object) -> None:
    with pytest.raises(ValueError):
        parse_hlc(bad)
