"""One sync run: join HQ on first contact, send the outbox, fetch and merge turf packets.

Used by ``fieldapp sync`` and by the GUI's background sender alike. A bundle leaves the
outbox only after HQ confirmed it stored it (or already had it). Being offline is not an
error of the run: the report says so and the outbox keeps waiting.

When HQ answers that this laptop is revoked, the run becomes the revoke flow
(:mod:`.revoke`): a last upload of anything unsent, then the wipe; ``report.revoked``
says what happened. The store is closed for good afterwards.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from fieldapp import paths
from fieldapp.core.db import Store
from fieldapp.core.site import SitePaths
from fieldapp.errors import FieldAppError
from fieldapp.services.campaign import outbox, revoke
from fieldapp.services.campaign.client import (
    PIECE_BYTES,
    HqClient,
    HqUnreachableError,
    RetryPolicy,
)
from fieldapp.services.campaign.state import (
    CampaignState,
    JoinRefusedError,
    RevokedError,
    load_state,
    now_text,
    save_state,
)
from fieldapp.services.progress import Progress, Text
from fieldapp.services.sync import keys
from fieldapp.services.sync.merge import import_bundle

log = logging.getLogger(__name__)


@dataclass
class SyncReport:
    online: bool = False
    server: str = ""
    sent: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    packets: list[str] = field(default_factory=list)
    waiting: int = 0
    message: str = ""
    revoked: revoke.RevokeReport | None = None
    purged: int | None = None  # details dropped by the automatic purge (None: it did not run)


def need_state(site: SitePaths | None = None) -> CampaignState:
    state = load_state(site)
    if state is None:
        raise FieldAppError("this laptop has joined no campaign: `fieldapp join FILE` with the "
                            "join file from HQ (USB and e-mail still work: `bundle export`)")
    return state


def _enrol(state: CampaignState, client: HqClient, store: Store) -> None:
    own = keys.ensure_keys(store.site)
    doc = own.public_document(store.site_id)
    try:
        _, secret = client.enrol(state.token, doc)
    except JoinRefusedError as exc:
        state.refused = str(exc)
        save_state(state, store.site)
        raise
    state.secret = secret
    state.enrolled_at = now_text()
    state.refused = None
    save_state(state, store.site)
    client.http.headers["Authorization"] = f"Bearer {secret}"
    log.info("enrolled with HQ as laptop %s", state.laptop_id)


def _send(client: HqClient, report: SyncReport, progress: Progress,
          step: Callable[[int, int], None], site: SitePaths | None) -> None:
    items = outbox.waiting(site)
    for n, item in enumerate(items, 1):
        progress.check()
        progress.update(n - 1, len(items), Text("Sending {n} of {m}", n=n, m=len(items)))
        try:
            client.upload(item.path, progress=step)
        except (HqUnreachableError, RevokedError):
            raise
        except FieldAppError as exc:  # refused for this file only (too large, say)
            report.failed[item.path.name] = str(exc)
            continue
        outbox.mark_sent(item.path, site)
        report.sent.append(item.path.name)


def _fetch(store: Store, state: CampaignState, client: HqClient, report: SyncReport,
           on_packet: Callable[[Path, str], object] | None) -> None:
    inbox = paths.ensure(paths.site_of(store).inbox, private=True)
    for packet in client.packets():
        pid = str(packet["id"])
        if pid in state.fetched_packets:
            continue
        target = inbox / f"packet-{pid}.fieldbundle"
        client.download(pid, target, str(packet["sha256"]))
        result = import_bundle(store, target)
        if on_packet is not None:  # e.g. the map layer keeps the basemap clip a packet carries
            on_packet(target, result.status)
        state.fetched_packets.append(pid)
        save_state(state, store.site)
        report.packets.append(f"{pid[:8]}: {result.status}")


def sync(store: Store, *, progress: Progress | None = None, policy: RetryPolicy | None = None,
         timeout: float = 30.0, piece_bytes: int | None = None,
         on_bytes: Callable[[int, int], None] | None = None,
         on_packet: Callable[[Path, str], object] | None = None) -> SyncReport:
    """Send what waits in the outbox and fetch new turf packets, from the first server that answers.

    ``on_packet(path, status)`` is called after each fetched packet is merged. A revoked
    laptop makes its last upload and is wiped (``report.revoked``).
    """
    progress = progress or Progress()
    site = store.site
    state = need_state(site)
    if state.wiped_at:
        raise RevokedError(f"HQ revoked this laptop and the campaign's data was removed from "
                           f"it on {state.wiped_at[:10]}; bundles left for HQ wait in "
                           f"{outbox.outbox_dir(site)}")
    report = SyncReport()
    state.last_try = now_text()
    save_state(state, site)
    errors: list[str] = []
    for server in state.servers:
        with HqClient(server, state.secret, timeout=timeout, policy=policy,
                      piece_bytes=piece_bytes or PIECE_BYTES) as client:
            try:
                if not state.enrolled:
                    _enrol(state, client, store)
                client.hello()
                if state.revoked:  # known from before, yet HQ answers: it was taken back
                    state.revoked = False
                    save_state(state, site)
                report.online, report.server = True, server
                _send(client, report, progress, on_bytes or (lambda done, total: None), site)
                _fetch(store, state, client, report, on_packet)
                if report.sent:  # HQ confirmed bundles: the retention setting may purge
                    _auto_purge(store, report)
            except HqUnreachableError as exc:
                errors.append(str(exc))
                if report.online:
                    break
                continue
            except RevokedError as exc:
                log.info("HQ answered that this laptop is revoked (final upload %s)",
                         "open" if exc.final_open else "closed")
                report.online, report.server = True, server
                report.revoked = revoke.finish(store, state, client, final_open=exc.final_open,
                                               progress=progress, on_bytes=on_bytes)
                return _revoked(report, site)
            break
    if state.revoked and not report.online:  # told before, and HQ is out of reach now
        report.revoked = revoke.finish(store, state, None, final_open=False, progress=progress)
        return _revoked(report, site)
    report.waiting = len(outbox.waiting(site))
    state = load_state(site) or state
    if report.online and not report.failed:
        state.last_ok, state.last_error = now_text(), None
    else:
        state.last_error = "; ".join(errors or list(report.failed.values()))[:500] or None
    save_state(state, site)
    report.message = state.last_error or ""
    return report


def _auto_purge(store: Store, report: SyncReport) -> None:
    from fieldapp.services import retention

    with store.transaction() as session:
        done = retention.auto_purge(session)
    if done is not None:
        report.purged = done.total


def _revoked(report: SyncReport, site: SitePaths | None) -> SyncReport:
    assert report.revoked is not None
    report.waiting = len(report.revoked.left)
    state = load_state(site)
    if state is not None:
        state.last_error = "revoked by HQ" + ("" if report.revoked.wiped else
                                              f": {report.revoked.problem}")
        save_state(state, site)
        report.message = state.last_error
    return report


@dataclass
class SyncStatus:
    campaign: str | None
    waiting: list[outbox.OutboxItem]
    last_try: str | None
    last_ok: str | None
    last_error: str | None
    enrolled: bool
    revoked: bool
    wiped_at: str | None = None


def status(site: SitePaths | None = None) -> SyncStatus:
    state = load_state(site)
    return SyncStatus(
        campaign=state.campaign if state else None, waiting=outbox.waiting(site),
        last_try=state.last_try if state else None, last_ok=state.last_ok if state else None,
        last_error=state.last_error if state else None,
        enrolled=bool(state and state.enrolled), revoked=bool(state and state.revoked),
        wiped_at=state.wiped_at if state else None)
