"""The join file (``*.fieldapp-join``): what a laptop needs to join a campaign.

A small JSON document, also printed as a QR code on a PDF for the office wall:

* ``format``: ``fieldapp-join/1``;
* ``campaign``: the campaign's name, ``laptop``: who the invite is for (name, id);
* ``hq``: HQ's public keys (what ``keys export-public`` prints);
* ``servers``: the inbox server addresses, tried in order;
* ``token``: a one-time enrolment token, spent on the laptop's first contact.

The token is a secret until it is spent: anyone holding an unspent join file can join
once. HQ keeps only its hash.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fieldapp.core import files
from fieldapp.core.ids import is_uuid
from fieldapp.errors import InputError
from fieldapp.services.sync import keys

JOIN_FORMAT = "fieldapp-join/1"
JOIN_SUFFIX = ".fieldapp-join"
MAX_JOIN_BYTES = 64 * 1024


def write_atomic(path: Path, data: bytes, *, private: bool = False) -> None:
    """The app's one atomic write (``core.files``), owner-only from the first byte if private."""
    path.parent.mkdir(parents=True, exist_ok=True)
    files.write_bytes(path, data, private=private)


def check_server_url(url: str, where: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"server address {url!r} must look like https://host:port", where=where)
    return url.strip().rstrip("/")


@dataclass
class JoinFile:
    campaign: str
    laptop_name: str
    laptop_id: str
    hq: dict[str, Any]
    servers: list[str]
    token: str
    created_at: str = ""
    turfs: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": JOIN_FORMAT, "campaign": self.campaign,
            "laptop": {"name": self.laptop_name, "id": self.laptop_id, "turfs": self.turfs},
            "hq": self.hq, "servers": self.servers, "token": self.token,
            "created_at": self.created_at,
        }

    def to_bytes(self) -> bytes:
        return json.dumps(self.to_json(), indent=2, sort_keys=True).encode("utf-8") + b"\n"

    def compact(self) -> str:
        """The same document on one line, for the QR code."""
        return json.dumps(self.to_json(), separators=(",", ":"), sort_keys=True)

    def hq_site(self) -> keys.TrustedSite:
        return keys.parse_public_document(json.dumps(self.hq), "join file")


def parse_join(data: bytes, where: str) -> JoinFile:
    """Read a join file, checking every field (it may come from anywhere)."""
    if len(data) > MAX_JOIN_BYTES:
        raise InputError("not a join file (too large)", where=where)
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise InputError("not a join file (not JSON text)", where=where) from None
    if not isinstance(doc, dict) or doc.get("format") != JOIN_FORMAT:
        raise InputError(f"not a join file (format should be {JOIN_FORMAT!r})", where=where)
    laptop = doc.get("laptop")
    servers = doc.get("servers")
    if not isinstance(laptop, dict) or not is_uuid(str(laptop.get("id", ""))):
        raise InputError("field 'laptop' is missing or has no id", where=where)
    if not isinstance(servers, list) or not servers or not all(isinstance(s, str) for s in servers):
        raise InputError("field 'servers' must list at least one server address", where=where)
    token = doc.get("token")
    if not isinstance(token, str) or not 16 <= len(token) <= 200:
        raise InputError("field 'token' is missing or malformed", where=where)
    if not isinstance(doc.get("hq"), dict) or not isinstance(doc.get("campaign"), str):
        raise InputError("fields 'hq' and 'campaign' are required", where=where)
    join = JoinFile(
        campaign=doc["campaign"], laptop_name=str(laptop.get("name", "")), laptop_id=laptop["id"],
        hq=doc["hq"], servers=[check_server_url(s, where) for s in servers], token=token,
        created_at=str(doc.get("created_at", "")),
        turfs=[str(t) for t in laptop.get("turfs", []) if isinstance(t, str)],
    )
    join.hq_site()  # the keys must parse
    return join


def read_join(path: str | Path) -> JoinFile:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the join file ({exc.strerror})", where=str(p)) from None
    return parse_join(data, str(p))


def now_text() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def write_join_pdf(join: JoinFile, path: Path) -> None:
    """A printable page: who, which campaign, where, and the join file as a QR code."""
    import io

    import qrcode
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.units import inch
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_L, border=2)
    qr.add_data(join.compact())
    qr.make(fit=True)
    png = io.BytesIO()
    qr.make_image().save(png)
    png.seek(0)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    width, height = letter
    c.setTitle(f"Join {join.campaign}")
    c.setFont("Helvetica-Bold", 20)
    c.drawString(inch, height - inch, f"Join the campaign: {join.campaign}")
    c.setFont("Helvetica", 12)
    lines = [
        f"For: {join.laptop_name}",
        f"HQ: {join.hq.get('name', '')}  (key {str(join.hq.get('fingerprint', ''))[:16]})",
        *[f"Server: {s}" for s in join.servers],
        "In Field App: Sync > Join a campaign, or `fieldapp join FILE`.",
        "This code works once: keep it private until the laptop has joined.",
    ]
    for i, line in enumerate(lines):
        c.drawString(inch, height - 1.5 * inch - i * 18, line)
    size = 5.5 * inch
    c.drawImage(ImageReader(png), (width - size) / 2, 1.2 * inch, size, size)
    c.showPage()
    c.save()
    write_atomic(path, buf.getvalue(), private=True)
