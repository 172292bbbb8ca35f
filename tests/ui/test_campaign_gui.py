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


def test_a_revoked_laptop_says_what_happened_and_its_data_is_gone(window, ctx, qtbot, make_hq,  # type: ignore[no-untyped-def]  # noqa: F811
                                                                   tmp_path: Path, problems,
                                                                   shots_dir: Path) -> None:
    """The background sender meets a revoke: the last work goes to HQ, the store is wiped,
    the indicator says so and the dialog tells what happened, in English and Spanish."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from fieldapp import app as fieldapp_app
    from fieldapp.core.db import sqlite_path
    from fieldapp.services.hq import laptops
    from fieldapp.ui.campaign import background_sync, join_file, revoked_text

    store_file = sqlite_path(ctx.store.engine)
    assert store_file is not None and store_file.exists()
    hq = make_hq(str(tmp_path / "hq.sqlite"))
    url = hq.serve()
    sender = background_sync(ctx)
    assert join_file(window, str(write_join(hq.invite("Lee", [url]), tmp_path / "lee.join")), ctx)
    qtbot.waitUntil(lambda: not sender.running, timeout=60_000)
    laptops.revoke(hq.store, "Lee")
    seen: list[object] = []
    sender.revoked.connect(seen.append)
    sender.sync_now()
    qtbot.waitUntil(lambda: bool(seen), timeout=60_000)
    rev = seen[0]
    assert problems == []
    assert rev.wiped and rev.final == "sent" and len(rev.sent) == 1  # type: ignore[attr-defined]
    assert not store_file.exists()
    assert "campaign data removed" in window.sync_indicator.text()
    title, text = revoked_text(rev)  # type: ignore[arg-type]
    assert "sent to HQ (1 bundle)" in text and "removed from this computer" in text
    assert "will now close" in text
    rev.left = [Path("x.fieldbundle")]  # type: ignore[attr-defined]
    rev.final = "offline"  # type: ignore[attr-defined]
    for language in ("en", "es"):
        fieldapp_app.load_translations(QApplication.instance(), language)  # type: ignore[arg-type]
        title, text = revoked_text(rev)  # type: ignore[arg-type]
        assert str(rev.outbox) in text  # type: ignore[attr-defined]
        if language == "es":
            assert "USB" in text and "revocó" in title
        box = QMessageBox(QMessageBox.Icon.Warning, title, text)
        qtbot.addWidget(box)
        box.show()
        qtbot.waitExposed(box)
        assert box.width() <= 1024
        box.grab().save(str(shots_dir / f"revoked-{language}.png"))
