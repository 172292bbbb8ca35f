"""people search index: phones by their digits alone (SQLite stores only)

Revision ID: 0011
Revises: 0010

A search for the digits of a phone (``5550042``) did not find the phones written
with punctuation (``414-555-0042``): the search compared the phone as written.
The people search index (0009) now holds each phone without its punctuation
(``fieldapp.core.search.phone_digits_sql``), and the search compares the same
digits, so a phone is found whatever its punctuation, by the index and by the
``LIKE`` path alike. The index is contentless: its rows cannot be rewritten in
place, so it is built again from the people, keeping their keys; its triggers
are made again to write the digits. Derived, local data: bundles and the
people rows are unchanged. PostgreSQL (HQ) has no index; its search compares
the digits too, in SQL.
"""

from __future__ import annotations

from alembic import op

from fieldapp.core.search import INDEXES, fill_sql, statements

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def _rebuild(*, as_written: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    _keys, _key, fts, _columns = INDEXES["people"]
    tables, triggers = statements("people", as_written=as_written)
    for name in triggers:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute(f"DROP TABLE IF EXISTS {fts}")
    op.execute(tables[-1])  # the index itself; the keys stay as they are
    op.execute(fill_sql("people", "1", as_written=as_written)[1].replace(":after", "0"))
    for name, body in triggers.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def upgrade() -> None:
    _rebuild(as_written=False)


def downgrade() -> None:
    _rebuild(as_written=True)
