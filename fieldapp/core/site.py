"""Where one site (one installation of Field App) keeps its files.

A :class:`SitePaths` names every folder and file a site reads or writes
outside its store: private keys, the trust store, the outbox, the quarantine,
the campaign it joined, logs and caches. It is a plain value: nothing is
created until a service writes there (through ``fieldapp.paths.ensure``).

The site's identity is its store's ``site_id`` (written in the store when it
is created) together with the keys in :attr:`SitePaths.keys`; an open
:class:`fieldapp.core.db.Store` carries the ``SitePaths`` it was opened with,
so the sync services find that site's keys and folders from the store alone.
Several sites in one process (tests, a hub playing HQ and a laptop) are
several objects: nothing global is switched.

The process default (platformdirs, ``--data-dir``, ``FIELDAPP_DATA_DIR``) is
made in :mod:`fieldapp.paths`, outside the core.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

STORE_FILE = "fieldapp.sqlite"


@dataclass(frozen=True)
class SitePaths:
    data: Path
    config: Path
    logs: Path
    cache: Path
    store: str | None = None  # the store URL or file; None: ``data/fieldapp.sqlite``

    @classmethod
    def under(cls, root: str | Path, store: str | None = None) -> SitePaths:
        """Every folder under one root (``--data-dir DIR``, a test's site)."""
        base = Path(root).expanduser().resolve()
        return cls(base / "data", base / "config", base / "logs", base / "cache", store)

    def with_store(self, store: str | None) -> SitePaths:
        """The same folders, another store (``--db URL``); ``None`` keeps this one."""
        return self if store is None else replace(self, store=store)

    @property
    def store_target(self) -> str:
        """The store to open: the one given, else the file in the data folder."""
        return self.store or str(self.data / STORE_FILE)

    # private keys and what this site trusts (config)
    @property
    def keys(self) -> Path:
        return self.config / "keys"

    @property
    def trust_file(self) -> Path:
        return self.config / "trust.json"

    @property
    def campaign_file(self) -> Path:
        return self.config / "campaign.json"

    # bundles in and out (data)
    @property
    def outbox(self) -> Path:
        return self.data / "outbox"

    @property
    def sent(self) -> Path:
        return self.outbox / "sent"

    @property
    def inbox(self) -> Path:
        return self.data / "inbox"

    @property
    def hq_inbox(self) -> Path:
        return self.data / "hq-inbox"

    @property
    def quarantine(self) -> Path:
        return self.data / "quarantine"

    # scratch (cache)
    @property
    def tmp(self) -> Path:
        return self.cache / "tmp"
