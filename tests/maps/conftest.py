"""Map test helpers: the tile scheme (registered before any QApplication), a fake
tile server on 127.0.0.1, a request interceptor that records every request a
page makes, and a waiter for runJavaScript results."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")

from fieldapp.ui.mapview import register_url_schemes

register_url_schemes()

def _png() -> bytes:
    """A valid 1x1 PNG (what the fake tile server serves)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xaa\xcc\xee")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


PNG = _png()
LOCAL_SCHEMES = {"file", "data", "qrc", "fieldapp-tile", "blob", "about"}


class FakeTileServer:
    """Serves PNG tiles on 127.0.0.1 and counts requests (with the headers sent)."""

    def __init__(self, cache_control: str = "max-age=86400", body: bytes | None = None) -> None:
        tile = body or PNG
        self.requests: list[tuple[str, dict[str, str]]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append((self.path, dict(self.headers.items())))
                if self.headers.get("If-None-Match") == '"v1"':
                    self.send_response(304)
                    self.send_header("Cache-Control", cache_control)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(tile)))
                self.send_header("Cache-Control", cache_control)
                self.send_header("ETag", '"v1"')
                self.end_headers()
                self.wfile.write(tile)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.template = f"http://127.0.0.1:{self.port}/{{z}}/{{x}}/{{y}}.png"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def tile_server() -> Iterator[FakeTileServer]:
    server = FakeTileServer()
    yield server
    try:
        server.stop()
    except OSError:
        pass


def run_js(qtbot: Any, view: Any, script: str, timeout: int = 20000) -> Any:
    """Run JavaScript in a view's page and wait for its result (passed through JSON)."""
    import json

    box: dict[str, Any] = {}
    wrapped = f"JSON.stringify((0, eval)({json.dumps(script)}))"
    view.page().runJavaScript(wrapped, 0, lambda r: box.setdefault("r", r))
    qtbot.waitUntil(lambda: "r" in box, timeout=timeout)
    return json.loads(box["r"]) if box["r"] else None
