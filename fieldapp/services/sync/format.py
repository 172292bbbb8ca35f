"""What is inside a bundle: the manifest and the canonical record lines.

A bundle's zip holds ``manifest.json``, ``manifest.sig`` (Ed25519 over the
manifest bytes, base64) and ``data/<table>.ndjson``: one record per line,
canonical JSON (UTF-8, sorted keys, no spaces), every column of the row as
:func:`fieldapp.core.serialize.to_plain` writes it. Rows are whole (never a
partial diff), so a bundle can always be merged on its own.

Everything read from a bundle is checked here before the merge sees it, and
every complaint names the field (and the caller adds file and line).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    Integer,
    String,
    Text,
    TypeDecorator,
)

from fieldapp import __version__
from fieldapp.core.hlc import format_hlc, parse_hlc
from fieldapp.core.ids import is_uuid
from fieldapp.core.models import MODEL_BY_TABLE, SYNCED_MODELS, Mutable, Synced
from fieldapp.core.serialize import canonical_json, format_dt, parse_dt

FORMAT_NAME = "fieldapp-bundle"
FORMAT_MAJOR = 1
FORMAT_MINOR = 0
FORMAT_VERSION = f"{FORMAT_MAJOR}.{FORMAT_MINOR}"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
DATA_PREFIX = "data/"
MAX_MANIFEST_BYTES = 1024 * 1024
MAX_SIGNATURE_BYTES = 1024
MAX_LINE_BYTES = 4 * 1024 * 1024
_FIELD_CLOCK_RE = re.compile(r"^([0-9a-f]{16}):([0-9a-f-]{36})$")


class RecordError(ValueError):
    """A record that cannot be merged; the message names the field."""


def data_member(table: str) -> str:
    return f"{DATA_PREFIX}{table}.ndjson"


DATA_MEMBERS: dict[str, str] = {data_member(m.__tablename__): m.__tablename__ for m in SYNCED_MODELS}


def record_line(model: type[Synced], plain: dict[str, Any]) -> bytes:
    return canonical_json(plain).encode("utf-8") + b"\n"


# --------------------------------------------------------------------------- manifest


@dataclass
class FileEntry:
    sha256: str
    size: int
    records: int


@dataclass
class Manifest:
    bundle_id: str
    site_id: str
    site_name: str
    seq: int
    prev_bundle_id: str | None
    created_at: dt.datetime
    hlc_min: int
    hlc_max: int
    scope: dict[str, Any]
    signer: str
    sign_key: bytes
    schema: str
    app_version: str = __version__
    format_version: str = FORMAT_VERSION
    files: dict[str, FileEntry] = field(default_factory=dict)
    # What the sending store had merged from each site (site id -> highest clock):
    # a receiver uses it to tell a truly concurrent edit from one made after seeing
    # the other. Optional: bundles without it are read as before.
    seen: dict[str, int] | None = None

    def to_bytes(self) -> bytes:
        import base64

        doc = {
            "format": FORMAT_NAME,
            "format_version": self.format_version,
            "schema": self.schema,
            "app_version": self.app_version,
            "bundle_id": self.bundle_id,
            "site_id": self.site_id,
            "site_name": self.site_name,
            "seq": self.seq,
            "prev_bundle_id": self.prev_bundle_id,
            "created_at": self.created_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            "hlc_min": format_hlc(self.hlc_min),
            "hlc_max": format_hlc(self.hlc_max),
            "scope": self.scope,
            "signer": {
                "fingerprint": self.signer,
                "public_key": base64.b64encode(self.sign_key).decode("ascii"),
            },
            "files": {
                name: {"sha256": e.sha256, "size": e.size, "records": e.records}
                for name, e in sorted(self.files.items())
            },
        }
        if self.seen is not None:
            doc["seen"] = {site: format_hlc(stamp) for site, stamp in sorted(self.seen.items())}
        return (json.dumps(doc, sort_keys=True, indent=1, ensure_ascii=False) + "\n").encode("utf-8")

    @property
    def newer_minor(self) -> bool:
        """Written by a newer 1.x: fields this version does not know are left out."""
        major, minor = (int(x) for x in self.format_version.split("."))
        return major == FORMAT_MAJOR and minor > FORMAT_MINOR

    @property
    def total_records(self) -> int:
        return sum(e.records for e in self.files.values())

    def counts(self) -> dict[str, int]:
        return {
            m.__tablename__: self.files[data_member(m.__tablename__)].records
            for m in SYNCED_MODELS
            if data_member(m.__tablename__) in self.files
        }


class ManifestError(ValueError):
    """A manifest field is missing or wrong; the message names the field."""


class NewerFormatError(ManifestError):
    """The bundle was written in a format this version cannot read."""


def _need(doc: dict[str, Any], key: str, kind: type | tuple[type, ...], *, nullable: bool = False) -> Any:
    if key not in doc:
        raise ManifestError(f"manifest field {key!r} is missing")
    value = doc[key]
    if value is None and nullable:
        return None
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ManifestError(f"manifest field {key!r} has the wrong type")
    return value


def parse_manifest(data: bytes) -> Manifest:
    """Read and check a manifest; raise :class:`ManifestError` naming the field."""
    doc = _manifest_doc(data)
    version, app_version = _format_versions(doc)
    site_id = _need(doc, "site_id", str)
    if not is_uuid(site_id):
        raise ManifestError("manifest field 'site_id' is not a UUID")
    seq = _need(doc, "seq", int)
    if seq < 1:
        raise ManifestError("manifest field 'seq' must be 1 or more")
    prev = _need(doc, "prev_bundle_id", str, nullable=True)
    if prev is not None and not is_uuid(prev):
        raise ManifestError("manifest field 'prev_bundle_id' is not a UUID")
    try:
        created = parse_dt(_need(doc, "created_at", str))
    except ValueError:
        raise ManifestError("manifest field 'created_at' is not a UTC date-time") from None
    hlc_min, hlc_max = _clock_span(doc)
    fp, sign_key = _signer(doc)
    return Manifest(
        seen=_parse_seen(doc.get("seen")), bundle_id=_bundle_id(doc), site_id=site_id,
        site_name=_need(doc, "site_name", str), seq=seq, prev_bundle_id=prev,
        created_at=created, hlc_min=hlc_min, hlc_max=hlc_max,
        scope=_need(doc, "scope", dict), signer=fp, sign_key=sign_key,
        schema=_need(doc, "schema", str), app_version=app_version, format_version=version,
        files=_file_entries(_need(doc, "files", dict)),
    )


def _manifest_doc(data: bytes) -> dict[str, Any]:
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ManifestError(f"the manifest is not JSON ({exc})") from None
    if not isinstance(doc, dict):
        raise ManifestError("the manifest is not a JSON object")
    if doc.get("format") != FORMAT_NAME:
        raise ManifestError(f"manifest field 'format' should be {FORMAT_NAME!r}")
    return doc


def _format_versions(doc: dict[str, Any]) -> tuple[str, str]:
    """The bundle's format version (one this app reads) and the app version that wrote it."""
    version = _need(doc, "format_version", str)
    m = re.match(r"^(\d+)\.(\d+)$", version)
    if not m:
        raise ManifestError("manifest field 'format_version' should look like 1.0")
    app_version = _need(doc, "app_version", str)
    if int(m.group(1)) > FORMAT_MAJOR:
        raise NewerFormatError(
            f"the bundle is in format {version}, newer than this Field App ({__version__}) reads "
            f"(format {FORMAT_MAJOR}.x): upgrade to Field App {app_version} or later"
        )
    return version, app_version


def _bundle_id(doc: dict[str, Any]) -> str:
    bundle_id: str = _need(doc, "bundle_id", str)
    if not is_uuid(bundle_id):
        raise ManifestError("manifest field 'bundle_id' is not a UUID")
    return bundle_id


def _clock_span(doc: dict[str, Any]) -> tuple[int, int]:
    stamps = []
    for name in ("hlc_min", "hlc_max"):
        try:
            stamps.append(parse_hlc(_need(doc, name, str)))
        except ValueError:
            raise ManifestError(f"manifest field '{name}' is not a clock stamp") from None
    if stamps[0] > stamps[1]:
        raise ManifestError("manifest field 'hlc_min' is after 'hlc_max'")
    return stamps[0], stamps[1]


def _signer(doc: dict[str, Any]) -> tuple[str, bytes]:
    """The signer's key fingerprint and Ed25519 public key."""
    import base64

    signer = _need(doc, "signer", dict)
    fp = signer.get("fingerprint")
    if not isinstance(fp, str) or not re.match(r"^[0-9a-f]{32}$", fp):
        raise ManifestError("manifest field 'signer.fingerprint' is missing or malformed")
    try:
        sign_key = base64.b64decode(str(signer.get("public_key", "")), validate=True)
    except ValueError:
        sign_key = b""
    if len(sign_key) != 32:
        raise ManifestError("manifest field 'signer.public_key' is not an Ed25519 key")
    return fp, sign_key


def _file_entries(files_doc: dict[str, Any]) -> dict[str, FileEntry]:
    files: dict[str, FileEntry] = {}
    for name, entry in files_doc.items():
        if name not in DATA_MEMBERS:
            raise ManifestError(f"manifest field 'files' lists an unknown member {name!r}")
        if not isinstance(entry, dict):
            raise ManifestError(f"manifest field 'files.{name}' is not an object")
        sha = entry.get("sha256")
        size = entry.get("size")
        records = entry.get("records")
        if not isinstance(sha, str) or not re.match(r"^[0-9a-f]{64}$", sha):
            raise ManifestError(f"manifest field 'files.{name}.sha256' is malformed")
        for key, value in (("size", size), ("records", records)):
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ManifestError(f"manifest field 'files.{name}.{key}' is not a count")
        assert isinstance(size, int) and isinstance(records, int)
        files[name] = FileEntry(sha, size, records)
    return files


def _parse_seen(value: object) -> dict[str, int] | None:
    if value is None:
        return None
    if not isinstance(value, dict) or len(value) > 100_000:
        raise ManifestError("manifest field 'seen' is not an object of site clocks")
    out: dict[str, int] = {}
    for site, stamp in value.items():
        if not isinstance(site, str) or not is_uuid(site):
            raise ManifestError("manifest field 'seen' names something that is not a site id")
        try:
            out[site] = parse_hlc(stamp)
        except ValueError:
            raise ManifestError(f"manifest field 'seen.{site}' is not a clock stamp") from None
    return out


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    kind: str  # str, int, float, bool, json, datetime, clock, id, fk, site, clocks
    nullable: bool
    length: int | None
    target: str | None  # referenced table for a foreign key


def _kind(model: type[Synced], column: Any) -> str:
    key = column.key
    if key in ("hlc", "born_hlc"):
        return "clock"
    if key == "id":
        return "id"
    if key in ("site_id", "born_site"):
        return "site"
    if key == "clocks":
        return "clocks"
    if column.foreign_keys:
        return "fk"
    col_type = column.type
    if isinstance(col_type, TypeDecorator):
        col_type = col_type.impl_instance
    if isinstance(col_type, DateTime):
        return "datetime"
    if isinstance(col_type, Boolean):
        return "bool"
    if isinstance(col_type, (Integer, BigInteger)):
        return "int"
    if isinstance(col_type, Float):
        return "float"
    if isinstance(col_type, (String, Text)):
        return "str"
    if isinstance(col_type, JSON):
        return "json"
    raise TypeError(f"no sync rule for {model.__tablename__}.{key}")


def column_specs(model: type[Synced]) -> list[ColumnSpec]:
    specs = []
    for column in model.__table__.columns:
        target = None
        for fk in column.foreign_keys:
            target = fk.column.table.name
        length = getattr(column.type, "length", None)
        specs.append(ColumnSpec(column.key, _kind(model, column), bool(column.nullable),
                                length if isinstance(length, int) else None, target))
    return specs


SPECS: dict[str, list[ColumnSpec]] = {m.__tablename__: column_specs(m) for m in SYNCED_MODELS}
KEYS: dict[str, frozenset[str]] = {t: frozenset(s.key for s in specs) for t, specs in SPECS.items()}
FOREIGN_KEYS: dict[str, list[tuple[str, str]]] = {
    t: [(s.key, s.target) for s in specs if s.kind == "fk" and s.target] for t, specs in SPECS.items()
}
def _json_shape(model: type[Synced], key: str) -> type | None:
    annotation = model.__annotations__.get(key, "") if hasattr(model, "__annotations__") else ""
    text = str(annotation)
    if "dict[" in text:
        return dict
    if "list[" in text:
        return list
    return None


SHAPES: dict[str, dict[str, type | None]] = {
    m.__tablename__: {s.key: _json_shape(m, s.key) for s in SPECS[m.__tablename__] if s.kind == "json"}
    for m in SYNCED_MODELS
}


_ROWS: dict[str, list[tuple[str, str, bool, int | None]]] = {
    t: [(s.key, s.kind, s.nullable, s.length) for s in specs] for t, specs in SPECS.items()
}
_UUID_MATCH = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z").match


_PLAIN: dict[str, list[tuple[str, str]]] = {
    t: [(s.key, s.kind) for s in specs] for t, specs in SPECS.items()
}


def plain_row(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """A stored row as bundle JSON values; the same as ``serialize.to_plain``, faster.

    (Column facts are looked up once per table, not once per row: an export of
    100,000 records spends its time here.)
    """
    out: dict[str, Any] = {}
    for key, kind in _PLAIN[table]:
        value = row[key]
        if value is None:
            out[key] = None
        elif kind == "clock":
            out[key] = format_hlc(int(value))
        elif kind == "datetime":
            out[key] = format_dt(value)
        else:
            out[key] = value
    return out


def parse_field_clock(text: object, what: str) -> tuple[int, str]:
    if not isinstance(text, str):
        raise RecordError(f"{what} is not a clock")
    m = _FIELD_CLOCK_RE.match(text)
    if not m or not is_uuid(m.group(2)):
        raise RecordError(f"{what} is not a clock ('<16 hex>:<site id>'): {text!r}")
    try:
        return parse_hlc(m.group(1)), m.group(2)
    except ValueError as exc:
        raise RecordError(f"{what}: {exc}") from None


def check_record(table: str, record: object, *, lenient: bool = False) -> dict[str, Any]:
    """Check one record from a bundle; return the column values ready to write.

    Every column must be present with the right type (a bundle from format
    1.x carries them all); clocks must be consistent: the row clock is the
    latest of the birth and field clocks.
    """
    record = _known_fields(table, record, lenient)
    model = MODEL_BY_TABLE[table]
    out: dict[str, Any] = {}
    for name, kind, nullable, length in _ROWS[table]:
        value = record[name]
        if value is None:
            if not nullable:
                raise RecordError(f"field {name!r} must not be null")
            out[name] = None
        elif kind == "str" and type(value) is str and (length is None or len(value) <= length) \
                and "\x00" not in value:
            out[name] = value  # the common case, checked in one go
        else:
            out[name] = _check_value(table, model, name, kind, length, value)
    if issubclass(model, Mutable):
        born = (out["born_hlc"], out["born_site"])
        latest = max([born, *(parse_field_clock(c, "clock") for c in out["clocks"].values())])
        if (out["hlc"], out["site_id"]) != latest:
            raise RecordError("fields 'hlc'/'site_id' are not the latest of the record's clocks")
    return out


def _known_fields(table: str, record: object, lenient: bool) -> dict[str, Any]:
    """The record as a dict holding exactly the table's fields (fields added in a later
    1.x filled in with their defaults; unknown ones dropped only when ``lenient``)."""
    if not isinstance(record, dict):
        raise RecordError("the line is not a JSON object")
    keys = KEYS[table]
    extra = set(record) - keys
    if extra:
        if not lenient:
            raise RecordError(f"unknown field {sorted(extra)[0]!r}")
        record = {k: v for k, v in record.items() if k in keys}
    missing = keys - set(record)
    if missing and missing <= ADDED_LATER.get(table, {}).keys():
        record = _with_added_fields(table, record)
        missing = frozenset()
    if missing:
        raise RecordError(f"field {sorted(missing)[0]!r} is missing")
    return record


def _check_value(table: str, model: type[Synced], name: str, kind: str, length: int | None,
                 value: Any) -> Any:
    """One non-null field's value checked against its column kind; returns what to write."""
    if kind in ("id", "fk", "site"):
        if type(value) is not str or _UUID_MATCH(value) is None:
            what = "a site id" if kind == "site" else "a UUID"
            raise RecordError(f"field {name!r} is not {what}: {str(value)[:60]!r}")
        return value
    if kind == "clock":
        try:
            return parse_hlc(value)
        except ValueError as exc:
            raise RecordError(f"field {name!r}: {exc}") from None
    if kind == "clocks":
        if not isinstance(value, dict):
            raise RecordError("field 'clocks' is not an object")
        data_keys = set(model.data_fields())
        for fkey, ftext in value.items():
            if fkey not in data_keys:
                raise RecordError(f"field 'clocks' names an unknown field {fkey!r}")
            parse_field_clock(ftext, f"field 'clocks.{fkey}'")
        return value
    if kind == "datetime":
        try:
            return parse_dt(value)
        except (ValueError, TypeError):
            raise RecordError(f"field {name!r} is not a UTC date-time: {str(value)[:60]!r}") from None
    if kind == "bool":
        if not isinstance(value, bool):
            raise RecordError(f"field {name!r} is not true or false")
        return value
    if kind == "int":
        if not isinstance(value, int) or isinstance(value, bool) or abs(value) >= 2**63:
            raise RecordError(f"field {name!r} is not a whole number")
        return value
    if kind == "float":
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise RecordError(f"field {name!r} is not a number")
        if value != value or value in (float("inf"), float("-inf")):
            raise RecordError(f"field {name!r} is not a finite number")
        return float(value)
    if kind == "str":
        if not isinstance(value, str):
            raise RecordError(f"field {name!r} is not text")
        if length is not None and len(value) > length:
            raise RecordError(f"field {name!r} is longer than {length} characters")
        if "\x00" in value:
            raise RecordError(f"field {name!r} holds a NUL character")
        return value
    shape = SHAPES[table].get(name)  # json
    if shape is not None and not isinstance(value, shape):
        raise RecordError(f"field {name!r} should be a JSON {shape.__name__}")
    return value


ADDED_LATER: dict[str, dict[str, Any]] = {
    "people": {"voter_status": "", "registration_date": "", "precinct": "", "ward": "",
               "districts": {}},
}
"""Fields added after format 1.0 (schema 0002, voter files): a bundle written by a
store of the earlier schema lacks them and gets these values, at the record's birth."""


def _with_added_fields(table: str, record: dict[str, Any]) -> dict[str, Any]:
    added = ADDED_LATER.get(table)
    if not added or added.keys() <= record.keys():
        return record
    out = dict(record)
    for key, value in added.items():
        out.setdefault(key, json.loads(json.dumps(value)))
    return out


_CONVERT: dict[str, list[tuple[str, str]]] = {
    t: [(s.key, s.kind) for s in specs if s.kind in ("clock", "datetime", "float")]
    for t, specs in SPECS.items()
}


def convert_record(table: str, record: dict[str, Any], *, lenient: bool = False) -> dict[str, Any]:
    """Column values of a record that :func:`check_record` already passed.

    The merge pass reads the same (hash-checked) bytes again; converting
    without re-checking halves the cost of an import.
    """
    if lenient and len(record) != len(KEYS[table]):
        record = {k: v for k, v in record.items() if k in KEYS[table]}
    record = _with_added_fields(table, record)
    for key, kind in _CONVERT[table]:
        value = record[key]
        if value is None:
            continue
        if kind == "clock":
            record[key] = int(value, 16)
        elif kind == "datetime":
            record[key] = parse_dt(value)
        else:
            record[key] = float(value)
    return record


_DECODE = json.JSONDecoder().decode


def parse_line(raw: bytes) -> Any:
    """Decode one ndjson line; raise :class:`RecordError` saying what is wrong."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RecordError(f"not UTF-8 text (byte {exc.start})") from None
    try:
        return _DECODE(text)
    except json.JSONDecodeError as exc:
        raise RecordError(f"broken JSON ({exc.msg} at column {exc.colno})") from None
