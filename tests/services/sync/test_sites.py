"""Several sites in one process: each store carries its site's folders (SitePaths), the
sync services use them, and nothing global is switched or touched."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldapp import paths
from fieldapp.core.db import open_store
from fieldapp.core.models import Door
from fieldapp.core.site import SitePaths
from fieldapp.services.sync import keys
from fieldapp.services.sync.bundle import BundleError, export_bundle
from fieldapp.services.sync.merge import import_bundle
from tests.services.sync.helpers import Site, connect


def test_two_sites_in_one_process_use_their_own_keys(tmp_path: Path, data_dir: Path) -> None:
    a, b = Site(tmp_path, "a"), Site(tmp_path, "b")
    try:
        connect(a, b)
        with a.store.transaction() as s:
            s.add(Door(street_name="Elm St", notes="from a", address_key="1 elm st"))
        path = export_bundle(a.store, tmp_path / "out").path
        assert import_bundle(b.store, path).status == "merged"
        assert keys.load_keys(a.paths).fingerprint != keys.load_keys(b.paths).fingerprint
        assert [t.name for t in keys.load_trust(b.paths)] == ["a"]
        # The process's own site (the app's, the CLI's) was never used.
        assert not paths.default().keys.exists() and not (data_dir / "config").exists()
    finally:
        a.close()
        b.close()


def test_a_store_opened_for_another_site_imports_with_that_sites_trust(tmp_path: Path) -> None:
    a, b = Site(tmp_path, "a"), Site(tmp_path, "b")
    stranger = SitePaths.under(tmp_path / "stranger")
    keys.init_keys("stranger", site=stranger)
    try:
        connect(a, b)
        path = export_bundle(a.store, tmp_path / "out").path
        elsewhere = open_store(tmp_path / "elsewhere.sqlite", site=stranger)
        try:
            with pytest.raises(BundleError, match="encrypted for another recipient"):
                import_bundle(elsewhere, path)  # the stranger's keys cannot open it
        finally:
            elsewhere.close()
        again = b.open(tmp_path / "again.sqlite")  # b's keys and trust: it opens
        try:
            assert import_bundle(again, path).status == "merged"
        finally:
            again.close()
    finally:
        a.close()
        b.close()


def test_the_process_default_follows_the_environment_and_db(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIELDAPP_DATA_DIR", str(tmp_path / "here"))
    site = paths.default()
    assert site == SitePaths.under(tmp_path / "here")
    assert site.store_target == str(tmp_path / "here" / "data" / "fieldapp.sqlite")
    assert paths.default("postgresql://hq/db").store_target == "postgresql://hq/db"
    monkeypatch.setenv("FIELDAPP_DB", str(tmp_path / "other.sqlite"))
    assert paths.store_target() == str(tmp_path / "other.sqlite")
    assert paths.store_target("x.sqlite") == "x.sqlite"  # --db wins over FIELDAPP_DB
    store = open_store(tmp_path / "plain.sqlite")
    try:
        assert store.site is None and paths.site_of(store).keys == site.keys
    finally:
        store.close()
