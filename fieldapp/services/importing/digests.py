"""Row digests: a re-import passes over the file rows it has seen, unchanged.

A state voter file comes again every month or so, nearly all of it as before.
Reading a row again (parsing it, finding its door and person, comparing every
field) cost most of a re-import. So each person an import makes, or finds
unchanged, gets a row in ``import_rows`` (migration 0010): a 64-bit digest of
the file row it came from. Database triggers delete it, in the same transaction,
with any update of the person or of their door (an edit, a sync merge, a purge,
a duplicate merge, a later import's change). The digest is keyed by how the file is read (Field App's
version and parser, the address-key version, the header, the column mapping,
the layout, the year that turns ages into birth years), so the same cells read
another way never match.

A later row with a voter id is passed over when its digest is the one recorded
for the live person with that voter id (so neither the person nor their door was
written since), and neither has a namesake (another person with the voter id,
another door at the address, even a merged or deleted one: they are counted in
the index alone) that the full path could pick instead. Such a row would have changed nothing: it counts as unchanged. Rows
that gave a warning or an opt-out are always read again (their report lines and
consent records come from reading them), and so are repeats of a voter id.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from typing import TYPE_CHECKING

from fieldapp import __version__
from fieldapp.services.addresses import KEY_VERSION

if TYPE_CHECKING:  # (the import's reader process digests rows without SQLAlchemy)
    from sqlalchemy.orm import Session

PARSE_VERSION = 1
"""Bump when a change makes the same cells parse to other values."""


class Digester:
    """The digests of one file's rows, read one way.

    A row's digest is its cells' CRC-32 beside their Adler-32 (zlib's, both seeded
    with a key made of how the file is read): 64 bits, cheap enough for every row
    of a first import. It tells a row from the same voter's row of another month,
    not from a forger: CRC-32 alone catches any change within 4 bytes and misses
    others about once in 4 billion, and a change it misses must slip by Adler-32 too.
    """

    def __init__(self, header: list[str], mapping: dict[str, str], layout: str,
                 this_year: int, voter_id_at: int) -> None:
        reading = json.dumps([__version__, PARSE_VERSION, KEY_VERSION, header,
                              sorted(mapping.items()), layout, this_year], ensure_ascii=False)
        key = hashlib.blake2b(reading.encode("utf-8", "surrogatepass")).digest()
        self.crc, self.adler = zlib.crc32(key), zlib.adler32(key)
        self.voter_id_at = voter_id_at  # the voter id's cell

    def voter_id(self, cells: list[str]) -> str:
        return cells[self.voter_id_at].strip() if self.voter_id_at < len(cells) else ""

    def digest(self, cells: list[str]) -> int:
        data = "\x1f".join(cells).encode("utf-8", "surrogatepass")
        value = zlib.crc32(data, self.crc) << 32 | zlib.adler32(data, self.adler)
        return value - (1 << 64) if value >> 63 else value  # (a signed 64-bit integer)


_VALID = """SELECT p.voter_id, g.digest, p.id, p.voter_status FROM people p
    JOIN import_rows g ON g.person_id = p.id
    JOIN doors d ON d.id = p.door_id
    WHERE NOT p.deleted AND p.merged_into_id IS NULL AND p.born_hlc < {since}
      AND NOT d.deleted AND d.merged_into_id IS NULL
      AND (SELECT count(*) FROM people q WHERE q.voter_id = p.voter_id) = 1
      AND (SELECT count(*) FROM doors e WHERE e.address_key = d.address_key) = 1
      AND p.voter_id"""


def recorded(session: Session, voter_ids: list[str], since: int) -> dict[str, tuple[int, str, str]]:
    """Voter id -> (digest, person id, voter status) where a row of that voter id may
    be passed over (see the module's docstring); people born at or after ``since``
    (this import) are left out."""
    from fieldapp.services.importing.lookup import rows_in

    return {vid: (digest, pid, status) for vid, digest, pid, status
            in rows_in(session, _VALID.format(since=int(since)), voter_ids)}


def record(session: Session, rows: list[tuple[str, int]]) -> None:
    """Write (person id, digest) rows, each replacing the one its person had."""
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        sql = ("INSERT INTO import_rows (person_id, digest) VALUES (%s, %s) "
               "ON CONFLICT (person_id) DO UPDATE SET digest = excluded.digest")
    else:
        sql = "INSERT OR REPLACE INTO import_rows (person_id, digest) VALUES (?, ?)"
    cursor = connection.connection.cursor()
    try:
        cursor.executemany(sql, rows)
    finally:
        cursor.close()
