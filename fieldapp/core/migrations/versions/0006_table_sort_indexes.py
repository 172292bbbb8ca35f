"""indexes in the sort order of each column of the doors and people tables

Revision ID: 0006
Revises: 0001

The doors and people tables read a window of rows at a time in the order of
the column the user sorts by; with an index in that order (live rows first,
then the column, then id) a window of a million rows is read without sorting.
Indexes only: bundles and their schema are unchanged.
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0004"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_doors_sort_address": ("doors", ["street_name", "house_number", "street_number",
                                        "unit", "id", "deleted"]),
    "ix_doors_sort_unit": ("doors", ["unit", "id", "deleted"]),
    "ix_doors_sort_zip": ("doors", ["zip", "id", "deleted"]),
    "ix_people_sort_name": ("people", ["last_name", "first_name", "id", "deleted"]),
    "ix_people_sort_phone": ("people", ["phone", "id", "deleted"]),
    "ix_people_sort_email": ("people", ["email", "id", "deleted"]),
    "ix_people_sort_language": ("people", ["language", "id", "deleted"]),
}


def upgrade() -> None:
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, (table, _columns) in INDEXES.items():
        op.drop_index(name, table_name=table)
