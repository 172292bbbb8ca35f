"""Hybrid logical clock: 48-bit milliseconds and a 16-bit counter in one int.

A stamp orders every write in the system. It never goes backwards, even when
the wall clock does: the clock keeps the last stamp it issued and, when the
wall clock is behind it, counts up from that stamp instead. Receiving a remote
stamp moves the clock past it, so causality holds across sites.

Stamps travel as 16 lower-case hex digits (``format_hlc``), which sort the
same way as the integers.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable

from fieldapp.errors import ClockError

COUNTER_BITS = 16
COUNTER_MAX = (1 << COUNTER_BITS) - 1
MS_MAX = (1 << 47) - 1  # keeps the packed stamp inside a signed 64-bit column
_HEX_RE = re.compile(r"^[0-9a-f]{16}$")


def pack(ms: int, counter: int) -> int:
    if not 0 <= ms <= MS_MAX:
        raise ClockError(f"clock milliseconds out of range: {ms}")
    if not 0 <= counter <= COUNTER_MAX:
        raise ClockError(f"clock counter out of range: {counter}")
    return (ms << COUNTER_BITS) | counter


def unpack(stamp: int) -> tuple[int, int]:
    return stamp >> COUNTER_BITS, stamp & COUNTER_MAX


def format_hlc(stamp: int) -> str:
    return f"{stamp:016x}"


def parse_hlc(text: object) -> int:
    """Parse a 16-hex-digit stamp; raise ``ValueError`` with the reason."""
    if not isinstance(text, str) or not _HEX_RE.match(text):
        raise ValueError(f"not a clock stamp (16 lower-case hex digits): {text!r}")
    stamp = int(text, 16)
    if stamp >> COUNTER_BITS > MS_MAX:
        raise ValueError(f"clock stamp out of range: {text!r}")
    return stamp


def wall_ms() -> int:
    return time.time_ns() // 1_000_000


def stamp_ms(stamp: int) -> int:
    """The wall-clock milliseconds part of a stamp."""
    return stamp >> COUNTER_BITS


class HybridLogicalClock:
    """Issues strictly increasing stamps. Thread-safe.

    ``last`` is the last stamp issued or seen; pass the persisted value when a
    store is opened so that restarts stay monotonic too.
    """

    def __init__(self, last: int = 0, wall: Callable[[], int] = wall_ms) -> None:
        self._last = last
        self._wall = wall
        self._lock = threading.Lock()

    @property
    def last(self) -> int:
        return self._last

    def now(self) -> int:
        """A new stamp greater than every stamp issued or seen before."""
        with self._lock:
            last_ms, last_counter = unpack(self._last)
            ms = self._wall()
            if ms > last_ms:
                self._last = pack(ms, 0)
            else:
                if last_counter >= COUNTER_MAX:
                    raise ClockError(
                        "the clock counter overflowed: more than 65,535 writes in one "
                        "millisecond, or the wall clock is far behind a stamp already seen"
                    )
                self._last = pack(last_ms, last_counter + 1)
            return self._last

    def observe(self, remote: int) -> None:
        """Move the clock past a stamp received from elsewhere."""
        with self._lock:
            if remote > self._last:
                self._last = remote
