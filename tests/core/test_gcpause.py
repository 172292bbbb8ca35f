"""Bulk work pauses the cyclic garbage collector and gives it back as it found it."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from fieldapp.core import gcpause


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    gc.enable()
    yield
    gc.enable()


def test_a_pause_turns_collection_off_and_back_on() -> None:
    with gcpause.paused():
        assert gcpause.is_paused() and not gc.isenabled()
    assert not gcpause.is_paused() and gc.isenabled()


def test_nested_and_concurrent_pauses_end_with_the_last() -> None:
    inside = threading.Event()
    leave = threading.Event()

    def other() -> None:
        with gcpause.paused():
            inside.set()
            leave.wait(5)

    thread = threading.Thread(target=other)
    with gcpause.paused():
        with gcpause.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
        thread.start()
        inside.wait(5)
    assert not gc.isenabled()  # the other thread's pause still holds
    leave.set()
    thread.join()
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    with gcpause.paused():
        pass
    assert not gc.isenabled()


def test_turning_collection_on_during_a_pause_waits_for_its_end() -> None:
    gc.disable()
    with gcpause.paused():
        gcpause.enable()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_pause_ends_on_an_error_too() -> None:
    with pytest.raises(ValueError), gcpause.paused():
        raise ValueError("stop")
    assert gc.isenabled() and not gcpause.is_paused()
