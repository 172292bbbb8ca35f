"""Column mappings: saved profiles, --map options, and the checked mapping an import uses."""

from __future__ import annotations

import json
import re
from pathlib import Path

from fieldapp import paths
from fieldapp.core import files
from fieldapp.errors import InputError, NotFoundError
from fieldapp.services.importing.fields import FIELDS
from fieldapp.services.importing.sniffing import guess_mapping


def _profiles_dir() -> Path:
    return paths.dirs().config / "import_profiles"


def _profile_path(name: str) -> Path:
    if not re.fullmatch(r"[\w .-]{1,60}", name) or name.strip(". ") != name.strip():
        raise InputError(
            f"invalid profile name {name!r}: use letters, digits, spaces, '.', '-' or '_'"
        )
    return _profiles_dir() / f"{name.strip()}.json"


def save_profile(name: str, mapping: dict[str, str]) -> Path:
    """Save a column mapping under a name, in the config folder."""
    validate_mapping(mapping)
    path = _profile_path(name)
    paths.ensure(path.parent)
    files.write_text(path, json.dumps({"name": name, "mapping": mapping}, indent=2, sort_keys=True))
    return path


def load_profile(name: str) -> dict[str, str]:
    path = _profile_path(name)
    if not path.exists():
        known = ", ".join(list_profiles()) or "none saved yet"
        raise NotFoundError(f"no mapping profile named {name!r} (profiles: {known})")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        mapping = {str(k): str(v) for k, v in data["mapping"].items()}
    except (OSError, ValueError, KeyError, AttributeError) as exc:
        raise InputError(f"unreadable mapping profile: {exc}", where=str(path)) from exc
    validate_mapping(mapping)
    return mapping


def list_profiles() -> list[str]:
    folder = _profiles_dir()
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("*.json"))


def validate_mapping(mapping: dict[str, str], where: str | None = None) -> None:
    """Every target must be a known field, and no field may get two columns."""
    seen: dict[str, str] = {}
    for column, name in mapping.items():
        if name not in FIELDS:
            raise InputError(
                f"column {column!r} is mapped to unknown field {name!r}; fields are: "
                + ", ".join(FIELDS),
                where=where,
            )
        if name != "ignore" and name in seen:
            raise InputError(
                f"columns {seen[name]!r} and {column!r} are both mapped to {name!r}",
                where=where,
            )
        seen[name] = column


def parse_map_options(options: list[str]) -> dict[str, str]:
    """``["COLUMN=FIELD", ...]`` from the command line."""
    mapping: dict[str, str] = {}
    for option in options:
        column, sep, name = option.rpartition("=")
        if not sep or not column:
            raise InputError(f"--map {option!r}: write it as COLUMN=FIELD")
        mapping[column.strip()] = name.strip()
    return mapping


def resolve_mapping(
    path: Path, header: list[str], overrides: dict[str, str] | None,
    layout: str | None = None,
) -> dict[str, str]:
    """The guessed (or the layout's) mapping with the caller's changes; checks it can make doors."""
    mapping = guess_mapping(header, layout)
    if overrides:
        lookup = {h.strip().lower(): h for h in header}
        for column, name in overrides.items():
            real = lookup.get(column.strip().lower())
            if real is None:
                raise InputError(
                    f"--map names column {column!r}, which is not in the header "
                    f"(columns: {', '.join(header)})",
                    where=f"{path.name}:1",
                )
            mapping[real] = name
        # a column the caller mapped takes the field from a guessed one
        chosen = {lookup[c.strip().lower()] for c in overrides}
        claimed = {mapping[c] for c in chosen} - {"ignore"}
        for column in header:
            if column not in chosen and mapping.get(column) in claimed:
                mapping[column] = "ignore"
    validate_mapping(mapping, where=f"{path.name}:1")
    targets = set(mapping.values())
    if "address" not in targets and not {"street_number", "street_name"} <= targets:
        raise InputError(
            "no address columns: map a column to 'address' (the whole street line), "
            "or to 'street_number' and 'street_name' (columns found: "
            + ", ".join(header) + ")",
            where=f"{path.name}:1",
        )
    return mapping

