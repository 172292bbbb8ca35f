"""trigram text indexes for the people and doors searches (SQLite stores only)

Revision ID: 0009
Revises: 0008

The people table's search matched each word with ``LIKE '%word%'`` over first
name, last name, e-mail and phone, which reads every row: 230 ms for the first
window and 370 ms for the count of a common name at 2,000,000 people. An FTS5
table with the trigram tokenizer finds the rows holding a piece of text of 3
characters or more from its index; the search then checks the same ``LIKE``
conditions on those rows alone, so it returns exactly the rows it did before
(``fieldapp.core.search``). The doors search does the same over address key and
ZIP.

Each index is contentless (it keeps no copy of the text) and keyed by a small
local table that gives each person or door a stable integer (an FTS row needs
one; a rowid of ``people`` may change on VACUUM). Triggers keep both right in
the same transaction as every write, like the rollups of 0007, and the bulk
insert of the voter import leaves its new rows to one pass at its end
(:mod:`fieldapp.core.rollups`). Derived data, built by each store from its own
rows: never synced, never in a bundle. PostgreSQL (HQ) keeps the ``LIKE`` path:
no table or trigger is made there.
"""

from __future__ import annotations

from alembic import op

from fieldapp.core.search import INDEXES, fill_sql, statements

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for base in INDEXES:
        tables, triggers = statements(base, as_written=True)
        for sql in tables:
            op.execute(sql)
        for sql in fill_sql(base, "1", as_written=True):
            op.execute(sql.replace(":after", "0"))
        for name, body in triggers.items():
            op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for base, (keys, _key, fts, _columns) in INDEXES.items():
        for name in statements(base, as_written=True)[1]:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(f"DROP TABLE IF EXISTS {fts}")
        op.execute(f"DROP TABLE IF EXISTS {keys}")
