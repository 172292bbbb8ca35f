"""the voter import's row digests, so that a re-import skips the rows it has seen

Revision ID: 0010
Revises: 0009

A re-import of a state voter file parsed and compared every row again, though
nearly all are as they were. ``import_rows`` keeps, for each person an import
made or found unchanged, a digest of that file row with the clocks of the person
and of their door at that moment; while both clocks are unchanged the row need
not be read again (``fieldapp.services.importing.digests``). Local to each
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


def upgrade() -> None:
    op.create_table(
        "import_rows",
        sa.Column("person_id", sa.String(36), primary_key=True),
        sa.Column("digest", sa.BigInteger(), nullable=False),
        sa.Column("person_hlc", sa.BigInteger(), nullable=False),
        sa.Column("door_hlc", sa.BigInteger(), nullable=False),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("import_rows")
