"""The main window's place: opened inside the screen, restored as it was left.

Saved in the settings file under ``"window"``: the window geometry (Qt's
``saveGeometry`` bytes, base64), the page shown, and the sizes of each page's
splitters (named ``<page key>.<n>``, in the order the page made them). A
geometry that no longer fits the screen (a laptop after a big monitor) is
shrunk and moved inside the screen's available area.
"""

from __future__ import annotations

import base64
import binascii
import logging
from typing import Any

from PySide6.QtCore import QByteArray, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QSplitter, QWidget

from fieldapp import settings as app_settings

log = logging.getLogger(__name__)

DEFAULT_SIZE = (1280, 820)
MARGIN = 24  # room left around a window opened for the first time


def saved() -> dict[str, Any]:
    value = app_settings.get("window")
    return dict(value) if isinstance(value, dict) else {}


def available_area(widget: QWidget) -> QRect:
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, *DEFAULT_SIZE)


def fit_inside(widget: QWidget) -> None:
    """Shrink and move ``widget`` (a window) so that its frame lies inside the available area."""
    area = available_area(widget)
    frame_extra_w = max(widget.frameGeometry().width() - widget.width(), 0)
    frame_extra_h = max(widget.frameGeometry().height() - widget.height(), 0)
    width = min(widget.width(), area.width() - frame_extra_w)
    height = min(widget.height(), area.height() - frame_extra_h)
    minimum = widget.minimumSize()
    widget.setMinimumSize(min(minimum.width(), width), min(minimum.height(), height))
    widget.resize(width, height)
    x = min(max(widget.x(), area.left()), area.right() - width - frame_extra_w + 1)
    y = min(max(widget.y(), area.top()), area.bottom() - height - frame_extra_h + 1)
    widget.move(max(x, area.left()), max(y, area.top()))


def place_new(widget: QWidget) -> None:
    """A first start: the default size, or less on a small screen, centred."""
    area = available_area(widget)
    width = min(DEFAULT_SIZE[0], area.width() - 2 * MARGIN)
    height = min(DEFAULT_SIZE[1], area.height() - 2 * MARGIN)
    widget.resize(width, height)
    widget.move(area.left() + (area.width() - width) // 2, area.top() + (area.height() - height) // 2)
    fit_inside(widget)


def restore_window(widget: QWidget) -> None:
    """Restore the saved geometry (kept inside the screen), or place the window anew."""
    state = saved()
    text = state.get("geometry")
    restored = False
    if isinstance(text, str) and text:
        try:
            restored = widget.restoreGeometry(QByteArray(base64.b64decode(text)))
        except (binascii.Error, ValueError):
            restored = False
    if restored:
        fit_inside(widget)
    else:
        place_new(widget)


def restore_splitters(page: QWidget, key: str) -> None:
    """Give ``page``'s splitters their saved sizes (sizes that no longer fit are left alone)."""
    sizes = saved().get("splitters", {})
    if not isinstance(sizes, dict):
        return
    for i, splitter in enumerate(page.findChildren(QSplitter)):
        value = sizes.get(f"{key}.{i}")
        if (isinstance(value, list) and len(value) == splitter.count()
                and all(isinstance(v, int) and v >= 0 for v in value) and sum(value) > 0):
            splitter.setSizes(value)


def save_window(widget: QWidget, page_key: str, pages: dict[str, QWidget]) -> None:
    """Remember the geometry, the page and every built page's splitter sizes."""
    state = saved()
    state["geometry"] = base64.b64encode(bytes(widget.saveGeometry().data())).decode("ascii")
    state["page"] = page_key
    splitters: dict[str, list[int]] = dict(state.get("splitters") or {})
    for key, page in pages.items():
        for i, splitter in enumerate(page.findChildren(QSplitter)):
            sizes = splitter.sizes()
            if sum(sizes) > 0:
                splitters[f"{key}.{i}"] = sizes
    state["splitters"] = splitters
    try:
        app_settings.set_value("window", state)
    except OSError as exc:  # a read-only settings folder must not stop the app from closing
        log.warning("could not save the window's place: %s", exc)
