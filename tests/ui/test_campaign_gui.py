"""Join a campaign, the outbox list, the status-bar indicator and background sending, as a
person sees them (offscreen), against a real ``hq serve`` for the sending part."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldapp.services.campaign import outbox, state
from fieldapp.ui import errordialog
from tests.server.conftest import (
    make_hq,  # noqa: F401  (fixture)
    write_join,
)

pytestmark = pytest.mark.gui


@pytest.fixture
def problems(monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    seen: list[str] = []
    monkeypatch.setattr(errordialog, "show_problem", lambda _p, e, title="": seen.append(str(e)))
    return seen


def test_export_dialog_says_what_is_missing_without_an_office_key(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from fieldapp.ui.pages.sync import ExportDialog

    dialog = ExportDialog()
    qtbot.addWidget(dialog)
    assert dialog.recipients.count() == 0
    assert "nobody but this laptop" in dialog.no_office_note.text()
    assert dialog.use_passphrase.isChecked()  # the passphrase is offered, not a lonely export


def test_join_send_in_the_background_and_indicator(window, ctx, qtbot, make_hq, tmp_path: Path,  # type: ignore[no-untyped-def]  # noqa: F811
                                                   problems, shots_dir: Path) -> None:
    from fieldapp.ui.campaign import background_sync, join_file

    hq = make_hq(str(tmp_path / "hq.sqlite"))
    url = hq.serve()
    join_path = write_join(hq.invite("Maria Lopez", [url]), tmp_path / "maria.fieldapp-join")
    page = window.show_page("sync")
    panel = page.outbox_panel
    page.tabs.setCurrentWidget(panel)
    assert "joined no campaign" in panel.summary.text()
    assert "Not joined" in window.sync_indicator.text()

    sender = background_sync(ctx)
    assert join_file(window, str(join_path), ctx)
    assert window.sync_indicator.text() != "Not joined to a campaign"
    qtbot.waitUntil(lambda: not sender.running, timeout=60_000)  # the first contact
    assert state.load_state().enrolled  # type: ignore[union-attr]
    outbox.export_to_outbox(ctx.store)
    panel.reload()
    assert panel.table.rowCount() == 1 and not panel.join_button.isVisible()
    for size in ((1024, 768), (1366, 768)):
        window.resize(*size)
        qtbot.wait(50)
        window.grab().save(str(shots_dir / f"sync-outbox-{size[0]}.png"))

    sender.sync_now()
    assert sender.running
    qtbot.waitUntil(lambda: not sender.running, timeout=60_000)
    assert problems == []
    assert outbox.waiting() == [] and panel.table.rowCount() == 0
    assert window.sync_indicator.text().startswith("Online: last sync")
    window.grab().save(str(shots_dir / "sync-outbox-sent.png"))


def test_hq_inbox_tab_shows_held_uploads_and_retries(ctx, qtbot, make_hq, tmp_path: Path,  # type: ignore[no-untyped-def]  # noqa: F811
                                                      problems, shots_dir: Path) -> None:
    from fieldapp.core.hlc import wall_ms
    from fieldapp.core.models import Organization
    from fieldapp.services.campaign.client import RetryPolicy
    from fieldapp.services.campaign.sync import sync
    from fieldapp.services.hq import inbox
    from fieldapp.ui.pages.sync import Page
    from tests.services.sync.helpers import FakeWall, Site

    hq = make_hq(str(tmp_path / "demo.sqlite"))  # the GUI's own store is the HQ store
    url = hq.serve()
    laptop = Site(tmp_path / "laptops", "fast")
    laptop.store.clock._wall = FakeWall(wall_ms() + 3_600_000)
    try:
        state.join(write_join(hq.invite("Pat", [url]), tmp_path / "pat.join"), site=laptop.paths)
        with laptop.store.transaction() as s:
            s.add(Organization(name="Ahead", short_code="AH"))
        outbox.export_to_outbox(laptop.store)
        assert sync(laptop.store, policy=RetryPolicy(tries=3, base=0.05, cap=0.1)).sent
    finally:
        laptop.close()
    qtbot.waitUntil(lambda: inbox.counts(ctx.store)["held"] == 1, timeout=60_000)
    for proc in hq.procs:  # stop the server, so the retried upload stays in line
        proc.terminate()
        proc.wait(timeout=30)
    page = Page(ctx)
    qtbot.addWidget(page)
    page.resize(1024, 700)
    page.show()
    panel = page.inbox_panel
    page.tabs.setCurrentWidget(panel)
    assert "1 held" in panel.summary.text()
    assert panel.table.item(0, 2).text() == "held" and "ahead" in panel.table.item(0, 4).text()
    page.grab().save(str(shots_dir / "sync-hq-inbox.png"))
    panel.table.selectRow(0)
    panel.retry_selected()
    assert problems == [] and panel.table.item(0, 2).text() == "stored"
