"""keyring's backend choice is remembered, so start-up does not probe every backend again.

keyring finds its backend by importing and probing each one it knows; the
app keeps the class it chose in the cache folder and loads it directly on the
next start. A remembered backend that no longer loads is probed for again, and
a backend chosen already (by keyring's configuration or a caller) is left alone.
"""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import keyring.backend
import keyring.core
import pytest

from fieldapp import paths
from fieldapp.services import storekey


@pytest.fixture
def fresh_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    before = keyring.get_keyring()
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setattr(keyring.core, "load_config", lambda: None)
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    monkeypatch.setattr(storekey, "_backend_ready", False)
    yield
    keyring.set_keyring(before)


def test_the_backend_is_probed_once_then_loaded_by_name(fresh_keyring: None,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    cache = paths.dirs().cache / storekey.BACKEND_CACHE
    assert not cache.exists()
    storekey.credential_store_available()
    chosen = keyring.get_keyring()
    name = type(chosen).__module__ + "." + type(chosen).__qualname__
    assert cache.read_text(encoding="utf-8").strip() == name

    def no_probing() -> list[object]:
        raise AssertionError("every backend was probed again")

    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    monkeypatch.setattr(storekey, "_backend_ready", False)
    monkeypatch.setattr(keyring.backend, "get_all_keyring", no_probing)
    storekey.credential_store_available()
    assert type(keyring.get_keyring()) is type(chosen)


def test_a_remembered_backend_that_is_gone_is_probed_for_again(fresh_keyring: None) -> None:
    cache = paths.ensure(paths.dirs().cache) / storekey.BACKEND_CACHE
    cache.write_text("no.such.module.Keyring\n", encoding="utf-8")
    storekey.credential_store_available()
    chosen = keyring.get_keyring()
    assert cache.read_text(encoding="utf-8").strip() == (
        type(chosen).__module__ + "." + type(chosen).__qualname__)


def test_a_backend_chosen_already_is_left_alone(fresh_keyring: None) -> None:
    from keyrings.alt.file import PlaintextKeyring

    mine = PlaintextKeyring()
    keyring.set_keyring(mine)
    cache = paths.ensure(paths.dirs().cache) / storekey.BACKEND_CACHE
    cache.write_text("keyring.backends.fail.Keyring\n", encoding="utf-8")
    storekey.credential_store_available()
    assert keyring.get_keyring() is mine
