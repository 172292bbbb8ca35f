"""Files that ride inside a bundle beside the records: a turf packet's basemap clip.

An attachment is the zip member ``attachments/<name>``; its SHA-256 and size
are listed in the manifest's ``scope.attachments`` (so the manifest signature
covers them). Bundles without attachments are unchanged, so every bundle an
earlier version wrote still reads the same. Reading checks the name, the size
cap and the hash before a byte is written out.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path
from typing import Any

from fieldapp.errors import FieldAppError

PREFIX = "attachments/"
MAX_ATTACHMENT_BYTES = 512 * 1024 * 1024
_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,80}$")


class AttachmentError(FieldAppError):
    """An attachment is missing, too large or does not match its manifest entry."""


def is_attachment(member: str) -> bool:
    return member.startswith(PREFIX) and bool(_NAME_RE.match(member[len(PREFIX):]))


def write_attachments(zf: zipfile.ZipFile, files: dict[str, Path]) -> dict[str, dict[str, Any]]:
    """Add each file as ``attachments/<name>``; returns the manifest entries."""
    entries: dict[str, dict[str, Any]] = {}
    for name, path in sorted(files.items()):
        if not _NAME_RE.match(name):
            raise AttachmentError(f"attachment name {name!r} is not allowed")
        digest = hashlib.sha256()
        size = 0
        with path.open("rb") as src, zf.open(PREFIX + name, "w", force_zip64=True) as dst:  # atomic-exempt: a zip member
            while chunk := src.read(1 << 20):
                digest.update(chunk)
                dst.write(chunk)
                size += len(chunk)
        if size > MAX_ATTACHMENT_BYTES:
            raise AttachmentError(f"attachment {name!r} is larger than "
                                  f"{MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB")
        entries[name] = {"sha256": digest.hexdigest(), "size": size}
    return entries


def listed(scope: dict[str, Any]) -> dict[str, dict[str, Any]]:
    value = scope.get("attachments")
    return value if isinstance(value, dict) else {}


def extract(zip_path: Path, scope: dict[str, Any], name: str, target: Path) -> bool:
    """Write attachment ``name`` to ``target`` after checking it; False when not attached."""
    entry = listed(scope).get(name)
    if not isinstance(entry, dict):
        return False
    want, size = entry.get("sha256"), entry.get("size")
    if not isinstance(want, str) or not isinstance(size, int) or size > MAX_ATTACHMENT_BYTES:
        raise AttachmentError(f"attachment {name!r}: malformed manifest entry")
    digest = hashlib.sha256()
    got = 0
    with zipfile.ZipFile(zip_path) as zf:
        try:
            src = zf.open(PREFIX + name)
        except KeyError:
            raise AttachmentError(f"attachment {name!r} is listed but missing") from None
        with src, target.open("wb") as dst:  # atomic-exempt: a scratch copy, checked before use
            while chunk := src.read(1 << 20):
                got += len(chunk)
                if got > size:
                    break
                digest.update(chunk)
                dst.write(chunk)
    if got != size or digest.hexdigest() != want:
        target.unlink(missing_ok=True)
        raise AttachmentError(f"attachment {name!r} does not match its manifest entry")
    return True
