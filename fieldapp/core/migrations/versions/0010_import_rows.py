"""the voter import's row digests, so that a re-import skips the rows it has seen

Revision ID: 0010
Revises: 0009

A re-import of a state voter file parsed and compared every row again, though
nearly all are as they were. ``import_rows`` keeps, for each person an import
made or found unchanged, a digest of that file row; while the person and their
door are not written again, the row need not be read again
(``fieldapp.services.importing.digests``). Triggers retire a digest in the same
transaction as any update of its person or of the person's door: an edit, a
sync merge, a purge, a duplicate merge, the import's own updates. Local to each
store: never synced, never in a bundle. Nothing to fill: the next import of a
file writes the digests of its rows.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_PERSON = "DELETE FROM import_rows WHERE person_id = NEW.id;"
_DOOR = ("DELETE FROM import_rows WHERE person_id IN "
         "(SELECT p.id FROM people p WHERE p.door_id = NEW.id);")
SQLITE_TRIGGERS = {
    "tr_import_rows_person": f"AFTER UPDATE ON people BEGIN {_PERSON} END",
    "tr_import_rows_door": f"AFTER UPDATE ON doors BEGIN {_DOOR} END",
}
PG_FUNCTIONS = {
    "import_rows_person_changed": _PERSON,
    "import_rows_door_changed": _DOOR,
}
PG_TRIGGERS = {
    "tr_import_rows_person": ("people", "import_rows_person_changed"),
    "tr_import_rows_door": ("doors", "import_rows_door_changed"),
}


def upgrade() -> None:
    op.create_table(
        "import_rows",
        sa.Column("person_id", sa.String(36), primary_key=True),
        sa.Column("digest", sa.BigInteger(), nullable=False),
        sqlite_with_rowid=False,
    )
    if op.get_bind().dialect.name == "postgresql":
        for name, body in PG_FUNCTIONS.items():
            op.execute(f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$ "
                       f"BEGIN {body} RETURN NULL; END $$ LANGUAGE plpgsql")
        for name, (table, function) in PG_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} AFTER UPDATE ON {table} "
                       f"FOR EACH ROW EXECUTE FUNCTION {function}()")
    else:
        for name, body in SQLITE_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name, (table, _function) in PG_TRIGGERS.items():
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        for name in PG_FUNCTIONS:
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    else:
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("import_rows")
