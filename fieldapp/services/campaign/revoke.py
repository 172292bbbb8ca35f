"""A laptop HQ revoked: a last upload of anything unsent, then the wipe.

What happens, in order, once HQ answers "revoked" (or when this laptop already knew):

1. **Export what is unsent** into the outbox: encrypted to HQ (and to this laptop's own
   key, which step 3 deletes, so afterwards only HQ can open it) and signed.
2. **The final upload**, when HQ keeps the window open: the laptop names the bundles
   waiting in its outbox once (HQ accepts those and nothing else), sends them, and each
   one HQ confirms moves out of the outbox as usual.
3. **The wipe**, whatever step 2 achieved: the store file with its WAL and backups, the
   store key in the credential store, this laptop's private keys and trust list, fetched
   turf packets, the copies of bundles already sent, the basemap clip a packet brought,
   map pages and decrypted scratch files in the cache, and the secret for HQ. Bundles that could not be sent stay in the outbox folder:
   encrypted to HQ's key, readable by HQ only, to hand over on a USB stick.
4. HQ is told the wipe happened (it closes the window for good).

Nothing here waits for a person: a revoked laptop does not keep the campaign's data
because nobody clicked. Files the user saved elsewhere (walk sheets, CSV exports) are
not this module's to find; the report says so.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine

from fieldapp import paths
from fieldapp.core.db import Store, sqlite_path
from fieldapp.core.site import SitePaths
from fieldapp.errors import FieldAppError, StoreError
from fieldapp.services import retention
from fieldapp.services.campaign import outbox
from fieldapp.services.campaign.client import HqClient, HqUnreachableError
from fieldapp.services.campaign.state import CampaignState, now_text, save_state
from fieldapp.services.progress import Progress, Text

log = logging.getLogger(__name__)


@dataclass
class RevokeReport:
    """What the revoke flow did; counts and file names only (no personal data)."""

    campaign: str
    final: str  # "sent" (all of it), "partial", "closed" (HQ took none), "offline", "nothing"
    exported: int = 0
    sent: list[str] = field(default_factory=list)
    left: list[Path] = field(default_factory=list)
    outbox: Path = field(default_factory=Path)
    removed: int = 0
    wiped: bool = False
    problem: str = ""

    @property
    def exit_code(self) -> int:
        """``fieldapp sync``'s exit code: 3 wiped with nothing left, 4 bundles left to carry,
        1 the wipe could not be done."""
        if not self.wiped:
            return 1
        return 4 if self.left else 3


def _export_unsent(store: Store, progress: Progress) -> int:
    result = outbox.export_new_work(store, progress=progress)
    return result.manifest.total_records if result is not None else 0


def _final_upload(client: HqClient, report: RevokeReport, progress: Progress,
                  step: Callable[[int, int], None], site: SitePaths) -> None:
    items = [item.path for item in outbox.waiting(site)]
    if not items:
        report.final = "nothing"
        return
    accepted = set(client.declare_final(items))
    from fieldapp.services.campaign.client import file_sha256

    for n, path in enumerate(items, 1):
        progress.update(n - 1, len(items), Text("Sending {n} of {m}", n=n, m=len(items)))
        if file_sha256(path) not in accepted:
            continue
        try:
            client.upload(path, progress=step)
        except HqUnreachableError:
            raise
        except FieldAppError as exc:
            log.info("final upload: %s refused (%s)", path.name, type(exc).__name__)
            continue
        outbox.mark_sent(path, site)
        report.sent.append(path.name)


def _retire(store: Store) -> Path:
    """Close the store for good; later use must not make a new file where it was."""
    path = sqlite_path(store.engine)
    if path is None:
        raise StoreError("only a laptop's own store file can be wiped (this one is on a "
                         "database server)")
    store.close()
    # A page that still asks the store something gets an empty in-memory database,
    # never a new file (and a new key) in the wiped store's place.
    store.engine = create_engine("sqlite://")
    return path


def wipe_laptop(store: Store, state: CampaignState) -> int:
    """Step 3: delete the campaign's data on this laptop; return how many files went."""
    with store.session() as session:
        unsent = retention.unsent_count(session)
    site = paths.site_of(store)
    path = _retire(store)
    removed = len(retention.wipe_store(path, unsent=unsent))
    for folder in (site.keys, site.inbox, site.sent, site.data / "basemaps",
                   site.cache / "maps", site.tmp):
        if folder.exists():
            removed += sum(1 for p in folder.rglob("*") if p.is_file())
            shutil.rmtree(folder)
    state.secret, state.token = None, ""
    state.revoked, state.wiped_at = True, now_text()
    save_state(state, site)
    log.info("revoked laptop wiped: %d files removed", removed)
    return removed


def finish(store: Store, state: CampaignState, client: HqClient | None, *, final_open: bool,
           progress: Progress | None = None,
           on_bytes: Callable[[int, int], None] | None = None) -> RevokeReport:
    """Steps 1 to 4 (``client`` None: HQ is out of reach, nothing is sent)."""
    progress = progress or Progress()
    site = paths.site_of(store)
    report = RevokeReport(campaign=state.campaign, final="offline" if client is None else "closed",
                          outbox=outbox.outbox_dir(site))
    state.revoked = True
    save_state(state, site)
    try:
        report.exported = _export_unsent(store, progress)
    except FieldAppError as exc:
        report.problem = f"the unsent work could not be exported: {exc}"
        return report  # nothing wiped: the work is not safe anywhere else yet
    if client is not None and final_open:
        try:
            _final_upload(client, report, progress, on_bytes or (lambda done, total: None), site)
            report.final = "sent"
        except HqUnreachableError:
            report.final = "offline"
        except FieldAppError as exc:
            log.info("final upload refused: %s", type(exc).__name__)
            report.final = "closed"
    report.left = [item.path for item in outbox.waiting(site)]
    if report.final == "sent" and report.left:
        report.final = "partial"
    try:
        report.removed = wipe_laptop(store, state)
        report.wiped = True
    except FieldAppError as exc:
        report.problem = str(exc)
        return report
    if client is not None:
        with contextlib.suppress(FieldAppError):
            client.final_done(wiped=True, left=len(report.left))
    return report
