"""Talking to HQ's inbox over HTTP (httpx): enrol, resumable uploads, packets.

Uploads are ranged: the laptop announces a bundle (hash and size), then sends pieces,
each starting at the offset HQ says it has (``Upload-Offset``). When a connection drops
or stalls, the next try asks HQ where it stands and goes on from the last byte HQ kept.
Every network failure is retried with exponential backoff and full jitter, within a
bounded number of tries; every request has a timeout.
"""

from __future__ import annotations

import hashlib
import logging
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldapp.core import files
from fieldapp.errors import FieldAppError
from fieldapp.services.campaign.state import JoinRefusedError, RevokedError

if TYPE_CHECKING:
    import httpx  # imported when a client is made: with its extras it weighs 0.1-0.4 s

log = logging.getLogger(__name__)

PIECE_BYTES = 8 * 1024 * 1024
READ_BLOCK = 256 * 1024


class HqUnreachableError(FieldAppError):
    """HQ could not be reached (offline, or every try failed): the outbox keeps waiting."""


class HqRefusedError(FieldAppError):
    """HQ answered with a refusal that trying again will not fix."""

    def __init__(self, message: str, code: str, status: int) -> None:
        super().__init__(message)
        self.code = code
        self.status = status


@dataclass
class RetryPolicy:
    tries: int = 6
    base: float = 0.5
    cap: float = 30.0
    sleep: Callable[[float], None] = time.sleep

    def delay(self, attempt: int) -> float:
        """Full jitter: anywhere between 0 and the exponential step (AWS's advice)."""
        return random.uniform(0, min(self.cap, self.base * 2**attempt))


class _RetryableError(Exception):
    pass


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _code(response: httpx.Response) -> str:
    try:
        return str(response.json().get("error", ""))
    except (ValueError, AttributeError):
        return ""


def _refusal(response: httpx.Response) -> FieldAppError:
    doc: Any = None
    try:
        doc = response.json()
        code, message = str(doc.get("error", "")), str(doc.get("message", ""))
    except (ValueError, AttributeError):
        code, message = "", response.text[:200]
    if code == "revoked":
        final_open = isinstance(doc, dict) and doc.get("final_upload") == "open"
        return RevokedError("HQ revoked this laptop: it can no longer send or fetch "
                            "(ask HQ staff)", final_open=final_open)
    if code in ("token-spent", "unknown-token"):
        return JoinRefusedError(f"HQ refused to join this laptop: {message}")
    return HqRefusedError(f"HQ refused ({response.status_code}): {message or code}", code,
                          response.status_code)


class HqClient:
    """One HQ server address, with retries, timeouts and the laptop's secret."""

    def __init__(self, base_url: str, secret: str | None = None, *, timeout: float = 30.0,
                 policy: RetryPolicy | None = None, piece_bytes: int = PIECE_BYTES,
                 verify: bool | str = True) -> None:
        import httpx

        self.policy = policy or RetryPolicy()
        self.piece_bytes = piece_bytes
        headers = {"Authorization": f"Bearer {secret}"} if secret else {}
        self.http = httpx.Client(base_url=base_url, headers=headers, verify=verify,
                                 timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)))

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> HqClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _call(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        """One request; network trouble and busy answers become retryable."""
        import httpx

        try:
            response = self.http.request(method, url, **kwargs)
        except httpx.TransportError as exc:
            raise _RetryableError(f"{type(exc).__name__}: {exc}") from None
        if response.status_code in (408, 429, 502, 503, 504) or response.status_code >= 500:
            raise _RetryableError(f"HQ answered {response.status_code}")
        if response.status_code == 409 and _code(response) in ("busy", "offset"):
            raise _RetryableError("HQ is still taking an earlier piece")
        if response.status_code >= 400:
            raise _refusal(response)
        return response

    def _retrying(self, what: str, step: Callable[[], Any]) -> Any:
        last = ""
        for attempt in range(self.policy.tries):
            try:
                return step()
            except _RetryableError as exc:
                last = str(exc)
                log.info("%s: try %d failed (%s)", what, attempt + 1, last)
                if attempt + 1 < self.policy.tries:
                    self.policy.sleep(self.policy.delay(attempt))
        raise HqUnreachableError(f"{what}: HQ could not be reached after "
                                 f"{self.policy.tries} tries ({last})")

    # ------------------------------------------------------------------ calls

    def enrol(self, token: str, public_doc: dict[str, Any]) -> tuple[str, str]:
        doc = self._retrying("joining", lambda: self._call(
            "POST", "/v1/join", json={"token": token, "keys": public_doc}).json())
        return str(doc["laptop_id"]), str(doc["secret"])

    def hello(self) -> dict[str, Any]:
        return dict(self._retrying("checking in", lambda: self._call("GET", "/v1/hello").json()))

    def declare_final(self, paths: list[Path]) -> list[str]:
        """A revoked laptop names the bundles of its one final upload; HQ's accepted hashes."""
        bundles = [{"sha256": file_sha256(p), "size": p.stat().st_size, "name": p.name}
                   for p in paths]
        doc = self._retrying("declaring the final upload", lambda: self._call(
            "POST", "/v1/final", json={"bundles": bundles}).json())
        return [str(h) for h in doc.get("accepted", [])]

    def final_done(self, *, wiped: bool, left: int) -> None:
        """Tell HQ the wipe happened (it closes the final-upload window for good)."""
        self._retrying("reporting the wipe", lambda: self._call(
            "POST", "/v1/final/done", json={"wiped": wiped, "left": left}))

    def upload(self, path: Path, *, progress: Callable[[int, int], None] | None = None) -> str:
        """Send one bundle until HQ says it is stored; returns "stored" or "already"."""
        size = path.stat().st_size
        sha = file_sha256(path)
        announce = {"sha256": sha, "size": size, "name": path.name}
        doc = self._retrying("announcing " + path.name,
                             lambda: self._call("POST", "/v1/uploads", json=announce).json())
        if doc.get("already"):
            return "already"
        upload_id, offset = str(doc["id"]), int(doc["offset"])

        def one_piece() -> dict[str, Any]:
            nonlocal offset
            try:
                return self._piece(path, upload_id, offset, size)
            except _RetryableError:
                state = self._call("GET", f"/v1/uploads/{upload_id}").json()
                offset = int(state["offset"])
                raise

        while True:
            answer = self._retrying(f"sending {path.name}", one_piece)
            offset = int(answer["offset"])
            if progress:
                progress(offset, size)
            if answer["status"] != "receiving":
                return "stored"

    def _piece(self, path: Path, upload_id: str, offset: int, size: int) -> dict[str, Any]:
        length = min(self.piece_bytes, size - offset)

        def body() -> Iterator[bytes]:
            with path.open("rb") as fh:
                fh.seek(offset)
                left = length
                while left > 0:
                    block = fh.read(min(READ_BLOCK, left))
                    if not block:
                        return
                    left -= len(block)
                    yield block

        response = self._call("PATCH", f"/v1/uploads/{upload_id}", content=body(), headers={
            "Upload-Offset": str(offset), "Content-Length": str(length),
            "Content-Type": "application/offset+octet-stream"})
        return dict(response.json())

    def packets(self) -> list[dict[str, Any]]:
        doc = self._retrying("listing packets", lambda: self._call("GET", "/v1/packets").json())
        return list(doc["packets"])

    def download(self, packet_id: str, target: Path, sha256: str) -> Path:
        """Fetch one packet into ``target`` (checked against its SHA-256)."""
        import httpx

        def fetch(part: Path) -> None:
            try:
                with self.http.stream("GET", f"/v1/packets/{packet_id}") as response:
                    if response.status_code >= 400:
                        response.read()
                        if response.status_code >= 500:
                            raise _RetryableError(f"HQ answered {response.status_code}")
                        raise _refusal(response)
                    with part.open("wb") as fh:  # atomic-exempt: files.atomic_path's temp file
                        for block in response.iter_bytes():
                            fh.write(block)
            except httpx.TransportError as exc:
                raise _RetryableError(str(exc)) from None
            if file_sha256(part) != sha256:
                raise _RetryableError("the packet arrived damaged")

        with files.atomic_path(target) as part:  # in place only once complete and checked
            self._retrying("fetching a turf packet", lambda: fetch(part))
        return target
