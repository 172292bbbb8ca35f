"""A fake Nominatim on 127.0.0.1, driven through the real geopy client.

Shared by the geocoding service tests and the GUI's geocode dialog tests: no
test touches the internet.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

KNOWN = {
    "2417 w vliet st, milwaukee, wi 53205": (43.0485, -87.9470, "house"),
    "2420 w vliet st, milwaukee, wi 53205": (43.0482, -87.9472, "house"),
    "10 elm st, madison, wi": (43.0700, -89.4000, "street"),
}


@dataclass
class FakeNominatim:
    """Answers /search like Nominatim; can pretend to be down for a while."""

    requests: list[tuple[float, str, str]] = field(default_factory=list)  # (time, q, agent)
    fail_next: int = 0
    server: ThreadingHTTPServer | None = None

    @property
    def domain(self) -> str:
        assert self.server is not None
        return f"127.0.0.1:{self.server.server_address[1]}"


@pytest.fixture
def fake() -> Iterator[FakeNominatim]:
    state = FakeNominatim()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            url = urlparse(self.path)
            q = parse_qs(url.query).get("q", [""])[0]
            state.requests.append((time.monotonic(), q, self.headers.get("User-Agent", "")))
            if state.fail_next > 0:
                state.fail_next -= 1
                self.send_response(503)
                self.end_headers()
                return
            hit = KNOWN.get(" ".join(q.lower().split()))
            body = []
            if url.path == "/search" and hit:
                lat, lon, kind = hit
                body = [{"lat": str(lat), "lon": str(lon), "display_name": q,
                         "type": kind, "addresstype": kind, "importance": 0.5}]
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.server = server
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()
