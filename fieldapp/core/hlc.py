"""Hybrid logical clock: 48-bit milliseconds and a 16-bit counter in one int.

A stamp orders every write in the system. It never goes backwards, even when
the wall clock does: the clock keeps the last stamp it issued and, when the
wall clock is behind it, counts up from that stamp instead. Receiving a remote
stamp moves the clock past it, so causality holds across sites.

Issuing never fails: a stamp is one more than the last one (or the wall
clock, when that is ahead), so when the 16-bit counter of a millisecond is
spent the next stamp is simply the next millisecond's first, as hybrid
logical clocks do. A burst of writes while the wall clock is behind a stamp
already seen (a bundle from a laptop five minutes fast) borrows milliseconds
from the future instead of stopping the app writing.

The clock a store uses is kept in the store (``store_meta.hlc_last``) and
advanced in the transaction that stamps (see :mod:`fieldapp.core.stamping`),
so two processes writing one store never issue the same stamp.

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
STAMP_MAX = (MS_MAX << COUNTER_BITS) | COUNTER_MAX
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
        return self.reserve(1)

    def reserve(self, n: int) -> int:
        """Reserve ``n`` consecutive stamps in one step; return the first.

        The stamps are ``first .. first + n - 1``, each greater than every
        stamp issued or seen before. For batches (an import stamps all its
        rows from one reservation). Never raises for a clock that only saw
        real stamps: the 47-bit millisecond range lasts until the year 6429.
        """
        if n < 0:
            raise ValueError(f"cannot reserve {n} stamps")
        with self._lock:
            wall = min(max(self._wall(), 0), MS_MAX)
            first = max(wall << COUNTER_BITS, self._last + 1)
            last = first + n - 1
            if last > STAMP_MAX:
                raise ClockError("the clock has reached the end of its range (year 6429)")
            self._last = max(self._last, last)
            return first

    def observe(self, remote: int) -> None:
        """Move the clock past a stamp received from elsewhere (or read from the store)."""
        with self._lock:
            if remote > self._last:
                self._last = min(remote, STAMP_MAX)
