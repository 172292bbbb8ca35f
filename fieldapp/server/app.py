"""The inbox's HTTP API (JSON, version 1). Every answer to a bad request is a 4xx with
``{"error": code, "message": text}``; nothing is written for a refused request.

=========================  ======================================================
``GET  /healthz``          the process is up and the store answers
``GET  /metrics``          Prometheus text: uploads, bytes, merges, held, merge seconds
``POST /v1/join``          ``{token, keys}``: spend a join token -> ``{laptop_id, secret}``
``GET  /v1/hello``         who am I (401 unknown, 403 ``revoked`` with ``final_upload``
                           "open" or "closed")
``POST /v1/final``         a revoked laptop names its final upload's bundles, once
``POST /v1/final/done``    ``{wiped, left}``: the laptop wiped; the window closes
``POST /v1/uploads``       ``{sha256, size, name}`` -> ``{id, offset, status}``
``GET  /v1/uploads/ID``    ``{offset, status}``: where to resume
``PATCH /v1/uploads/ID``   header ``Upload-Offset: N``, body: the bytes from N on
``GET  /v1/packets``       turf packets waiting for this laptop
``GET  /v1/packets/ID``    one packet's bytes
=========================  ======================================================

Laptops authenticate with ``Authorization: Bearer <secret>`` (the secret from the join).
A revoked laptop may only make its one final upload (uploads of the bundles it declared,
while the window is open); :mod:`fieldapp.services.hq.revocation` explains the bounds.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import text
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from fieldapp.core.db import Store, open_store
from fieldapp.server.metrics import Metrics
from fieldapp.services.hq import inbox, laptops, packets, revocation
from fieldapp.services.hq.laptops import EnrolError

log = logging.getLogger(__name__)

MAX_JSON_BYTES = 64 * 1024


@dataclass
class ServerConfig:
    db: str
    spool: Path
    max_bytes: int = inbox.DEFAULT_MAX_BYTES
    body_timeout: float = 30.0  # seconds a client may stay silent mid-body
    sweep_seconds: float = 5.0  # how often to look for uploads left by another process
    merge: bool = True


class MergeWorker:
    """One thread per process that merges stored uploads (and ones a dead process left)."""

    def __init__(self, store: Store, spool: Path, metrics: Metrics, sweep: float) -> None:
        self.store, self.spool, self.metrics, self.sweep = store, spool, metrics, sweep
        self.wake = threading.Event()
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.run, name="merge-worker", daemon=True)

    def run(self) -> None:
        import datetime as dt

        first = True
        while not self.stopping.is_set():
            # At start-up, uploads left "merging" by a killed process are taken back at once;
            # the ledger makes a second merge of the same bundle a no-op.
            reclaim = dt.datetime.now(dt.UTC) if first else None
            first = False
            try:
                while not self.stopping.is_set():
                    outcome = inbox.merge_next(self.store, self.spool, reclaim_before=reclaim)
                    if outcome is None:
                        break
                    self.metrics.merge(outcome.status, outcome.seconds, outcome.records)
            except Exception:
                log.exception("merge worker: unexpected error (will retry)")
            self.wake.wait(self.sweep)
            self.wake.clear()

    def stop(self) -> None:
        self.stopping.set()
        self.wake.set()
        self.thread.join(timeout=30)


def _error(exc: EnrolError) -> JSONResponse:
    return JSONResponse({**exc.detail, "error": exc.code, "message": str(exc)},
                        status_code=exc.status)


def _fail(code: str, message: str, status: int) -> JSONResponse:
    return JSONResponse({"error": code, "message": message}, status_code=status)


async def _json_body(request: Request) -> dict[str, Any]:
    length = request.headers.get("content-length")
    if length is not None and (not length.isdigit() or int(length) > MAX_JSON_BYTES):
        raise EnrolError("the request is too large", "too-large", 413)
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > MAX_JSON_BYTES:
            raise EnrolError("the request is too large", "too-large", 413)
    try:
        doc = json.loads(bytes(data).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise EnrolError("the request body is not JSON", "bad-request", 400) from None
    if not isinstance(doc, dict):
        raise EnrolError("the request body must be a JSON object", "bad-request", 400)
    return doc


def _secret(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    scheme, _, value = auth.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


class Inbox:
    """The request handlers, over one store and spool folder."""

    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self.metrics = Metrics()
        self.store: Store | None = None
        self.worker: MergeWorker | None = None

    @property
    def db(self) -> Store:
        assert self.store is not None
        return self.store

    @contextlib.asynccontextmanager
    async def lifespan(self, app: Starlette) -> AsyncIterator[None]:
        self.store = await run_in_threadpool(open_store, self.config.db)
        self.config.spool = inbox.spool_dir(self.config.spool)
        if self.config.merge:
            self.worker = MergeWorker(self.store, self.config.spool, self.metrics,
                                      self.config.sweep_seconds)
            self.worker.thread.start()
        log.info("inbox ready on %s (spool %s)", self.store.url, self.config.spool)
        try:
            yield
        finally:
            if self.worker is not None:
                await run_in_threadpool(self.worker.stop)
            self.store.close()

    async def laptop(self, request: Request, *, final: bool = False) -> laptops.Laptop:
        """The laptop sending ``request``; a revoked one only for ``final`` requests."""
        return await run_in_threadpool(lambda: laptops.authenticate(
            self.db, _secret(request), allow_revoked=final))

    async def final_piece(self, request: Request) -> laptops.Laptop:
        lap = await self.laptop(request, final=True)
        if lap.status == "revoked":
            await run_in_threadpool(revocation.check_final_piece, self.db, lap.id,
                                    request.path_params["upload_id"])
        return lap

    # ------------------------------------------------------------------ endpoints

    async def healthz(self, request: Request) -> Response:
        def check() -> None:
            with self.db.engine.connect() as conn:
                conn.execute(text("SELECT 1"))

        try:
            await run_in_threadpool(check)
        except Exception as exc:
            log.warning("health check: the store does not answer (%s)", type(exc).__name__)
            return _fail("store-down", "the store does not answer", 503)
        return JSONResponse({"status": "ok"})

    async def metrics_text(self, request: Request) -> Response:
        counts = await run_in_threadpool(inbox.counts, self.db)
        return PlainTextResponse(self.metrics.render(counts),
                                 media_type="text/plain; version=0.0.4")

    async def join(self, request: Request) -> Response:
        doc = await _json_body(request)
        laptop_id, secret = await run_in_threadpool(laptops.enrol, self.db, doc.get("token"),
                                                    doc.get("keys"))
        return JSONResponse({"laptop_id": laptop_id, "secret": secret})

    async def hello(self, request: Request) -> Response:
        lap = await self.laptop(request, final=True)
        await run_in_threadpool(laptops.touch, self.db, lap.id)  # staff see a revoked one call
        if lap.status == "revoked":
            await self.laptop(request)  # raises the "revoked" answer, with the window's state
        return JSONResponse({"laptop_id": lap.id, "name": lap.name, "status": lap.status})

    async def declare_final(self, request: Request) -> Response:
        lap = await self.laptop(request, final=True)
        if lap.status != "revoked":
            return _fail("not-revoked", "only a revoked laptop makes a final upload", 409)
        doc = await _json_body(request)
        accepted = await run_in_threadpool(revocation.declare_final, self.db, lap.id,
                                           doc.get("bundles"))
        return JSONResponse({"accepted": accepted})

    async def final_done(self, request: Request) -> Response:
        lap = await self.laptop(request, final=True)
        if lap.status != "revoked":
            return _fail("not-revoked", "only a revoked laptop reports a wipe", 409)
        doc = await _json_body(request)
        await run_in_threadpool(revocation.final_done, self.db, lap.id, doc)
        return JSONResponse({"status": "closed"})

    async def start_upload(self, request: Request) -> Response:
        lap = await self.laptop(request, final=True)
        doc = await _json_body(request)
        review = False
        if lap.status == "revoked":
            review = await run_in_threadpool(revocation.check_final_upload, self.db, lap.id,
                                             doc.get("sha256"))
        state, have = await run_in_threadpool(lambda: inbox.start(
            self.db, self.config.spool, lap.id, doc.get("sha256"), doc.get("size"),
            doc.get("name"), self.config.max_bytes, review=review))
        if have:
            self.metrics.upload("already")
        return JSONResponse({"id": state.id, "offset": state.offset, "status": state.status,
                             "already": have}, status_code=200 if have else 201)

    async def upload_state(self, request: Request) -> Response:
        lap = await self.final_piece(request)
        state = await run_in_threadpool(inbox.state, self.db, self.config.spool, lap.id,
                                        request.path_params["upload_id"])
        return JSONResponse({"id": state.id, "offset": state.offset, "status": state.status,
                             "message": state.message}, headers={"Upload-Offset": str(state.offset)})

    async def append(self, request: Request) -> Response:
        lap = await self.final_piece(request)
        upload_id = request.path_params["upload_id"]
        raw = request.headers.get("upload-offset", "")
        if not raw.isdigit():
            return _fail("bad-request", "header Upload-Offset (a byte count) is required", 400)
        state, allowed = await run_in_threadpool(inbox.begin_append, self.db, self.config.spool,
                                                 lap.id, upload_id, int(raw))
        received = await self._receive(request, upload_id, int(raw), allowed)
        if isinstance(received, Response):
            return received
        offset = int(raw) + received
        if offset < state.size:
            return JSONResponse({"id": upload_id, "offset": offset, "status": "receiving"},
                                headers={"Upload-Offset": str(offset)})
        done = await run_in_threadpool(inbox.finish, self.db, self.config.spool, lap.id, upload_id)
        self.metrics.upload("stored")
        if self.worker is not None:
            self.worker.wake.set()
        return JSONResponse({"id": upload_id, "offset": done.offset, "status": done.status},
                            headers={"Upload-Offset": str(done.offset)})

    async def _receive(self, request: Request, upload_id: str, start: int,
                       allowed: int) -> int | Response:
        """Stream the body onto the part file; keep what arrived if the client goes away."""
        received = 0
        with inbox._locked_part(self.config.spool, upload_id) as fd:
            stream = request.stream().__aiter__()
            try:
                while True:
                    try:
                        chunk = await asyncio.wait_for(stream.__anext__(), self.config.body_timeout)
                    except StopAsyncIteration:
                        break
                    if received + len(chunk) > allowed:
                        os.ftruncate(fd, start)
                        return _fail("too-large", "more bytes than the upload announced", 413)
                    inbox.write_piece(fd, chunk)
                    received += len(chunk)
                    self.metrics.received(len(chunk))
            except TimeoutError:
                await run_in_threadpool(os.fsync, fd)
                return _fail("too-slow", f"no data for {self.config.body_timeout:g} s: resume "
                             f"from byte {start + received}", 408)
            except ClientDisconnect:
                await run_in_threadpool(os.fsync, fd)
                log.info("upload %s: client went away after %d bytes (kept)", upload_id, received)
                return Response(status_code=400)
            await run_in_threadpool(os.fsync, fd)
        return received

    async def list_packets(self, request: Request) -> Response:
        lap = await self.laptop(request)
        found = await run_in_threadpool(packets.packets_for, self.db, lap.id)
        return JSONResponse({"packets": [p.__dict__ for p in found]})

    async def get_packet(self, request: Request) -> Response:
        lap = await self.laptop(request)
        path = await run_in_threadpool(packets.packet_path, self.db, self.config.spool, lap.id,
                                       request.path_params["packet_id"])
        if not path.exists():
            return _fail("not-found", "the packet file is gone from HQ", 404)
        return FileResponse(path, media_type="application/octet-stream")


Endpoint = Callable[[Request], Awaitable[Response]]


def _guard(handler: Endpoint) -> Endpoint:
    """Expected refusals become their 4xx; nothing else leaks a traceback."""

    async def wrapped(request: Request) -> Response:
        try:
            return await handler(request)
        except EnrolError as exc:
            return _error(exc)
        except ClientDisconnect:
            return Response(status_code=400)
        except Exception:
            log.exception("unexpected error in %s %s", request.method, request.url.path)
            return _fail("internal", "HQ had an unexpected error; it is in the server log", 500)

    return wrapped


def create_app(config: ServerConfig) -> Starlette:
    hq = Inbox(config)
    routes = [
        Route("/healthz", _guard(hq.healthz), methods=["GET"]),
        Route("/metrics", _guard(hq.metrics_text), methods=["GET"]),
        Route("/v1/join", _guard(hq.join), methods=["POST"]),
        Route("/v1/hello", _guard(hq.hello), methods=["GET"]),
        Route("/v1/final", _guard(hq.declare_final), methods=["POST"]),
        Route("/v1/final/done", _guard(hq.final_done), methods=["POST"]),
        Route("/v1/uploads", _guard(hq.start_upload), methods=["POST"]),
        Route("/v1/uploads/{upload_id:str}", _guard(hq.upload_state), methods=["GET"]),
        Route("/v1/uploads/{upload_id:str}", _guard(hq.append), methods=["PATCH"]),
        Route("/v1/packets", _guard(hq.list_packets), methods=["GET"]),
        Route("/v1/packets/{packet_id:str}", _guard(hq.get_packet), methods=["GET"]),
    ]
    app = Starlette(routes=routes, lifespan=hq.lifespan)
    app.state.inbox = hq
    return app


def serve(config: ServerConfig, host: str = "127.0.0.1", port: int = 8765, *,
          certfile: str | None = None, keyfile: str | None = None) -> None:
    """Run the inbox under uvicorn until interrupted."""
    import uvicorn

    uvicorn.run(create_app(config), host=host, port=port, ssl_certfile=certfile,
                ssl_keyfile=keyfile, log_level="info", timeout_keep_alive=15,
                proxy_headers=True)
