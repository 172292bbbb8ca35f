from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldapp.core.hlc import (
    COUNTER_MAX,
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


def test_counter_overflow_raises() -> None:
    clock = HybridLogicalClock(last=pack(1_000, COUNTER_MAX - 1), wall=FakeWall(1_000))
    clock.now()  # takes the last counter value
    with pytest.raises(ClockError, match="overflow"):
        clock.now()


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
