"""Big blocks of memory go back to the system when freed (glibc).

glibc's allocator serves a block of 128 KB or more with its own memory mapping, which
it returns to the system on free, but it raises that threshold each time such a block
is freed, up to 32 MB. After a few freed megabyte blocks (a numpy array merged, a
batch's buffer) later big blocks come from the heap instead, between long-lived
small objects, and the heap keeps them when they are freed: a 5,000,000-voter import
held 40 MB more than it used (328 against 287 MB at its peak, and 268 against 180 MB
once its door map was let go). Fixing the threshold at its first value keeps big
blocks mapped, so freeing them frees them. Elsewhere (macOS, Windows, musl) this does
nothing: their allocators do not move the threshold that way.
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys

log = logging.getLogger(__name__)

M_MMAP_THRESHOLD = -3  # mallopt's parameter number (malloc.h)
MMAP_THRESHOLD = 128 * 1024
"""glibc's own starting value: blocks this big and more are mapped apart."""

_done = False


def keep_big_blocks_apart() -> bool:
    """Fix glibc's mapping threshold for this process (once); True when it is fixed."""
    global _done
    if _done:
        return True
    if not sys.platform.startswith("linux") or not _glibc():
        return False
    try:
        libc = ctypes.CDLL(None)
        _done = bool(libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD))
    except (OSError, AttributeError):
        return False
    log.debug("malloc: blocks of %d bytes and more mapped apart: %s", MMAP_THRESHOLD, _done)
    return _done


def _glibc() -> bool:
    try:
        return os.confstr("CS_GNU_LIBC_VERSION") is not None
    except (ValueError, OSError):
        return False
