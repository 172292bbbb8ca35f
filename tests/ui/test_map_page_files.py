"""The map page's HTML holds door addresses and results: owner-only, and gone with its
view (and pages a crashed run left behind are removed at the next start)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui


def test_stale_map_pages_of_dead_runs_are_removed(tmp_path: Path) -> None:
    from fieldapp.ui.mapview import remove_stale_pages

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    pages = {name: tmp_path / f"map-{name}-1.html" for name in
             (dead, str(os.getpid()), str(os.getppid()))}
    for page in pages.values():
        page.write_text("<html>4817 N Teutonia Ave</html>")
    assert remove_stale_pages(tmp_path) == 1
    assert not pages[dead].exists()
    assert pages[str(os.getpid())].exists() and pages[str(os.getppid())].exists()  # alive


def test_the_map_page_is_private_and_leaves_with_its_view(app, qtbot) -> None:  # type: ignore[no-untyped-def]
    from fieldapp.ui.mapview import MapView

    view = MapView()
    view.show_page("<html><body>4817 N Teutonia Ave</body></html>", [])
    page = view.page_file
    assert page.exists()
    assert page.stat().st_mode & 0o777 == 0o600 and page.parent.stat().st_mode & 0o777 == 0o700
    view.deleteLater()
    qtbot.waitUntil(lambda: not page.exists(), timeout=5000)
