"""drop the people indexes that a sort index already starts with

Revision ID: 0012
Revises: 0011

``ix_people_name`` (last name, first name), ``ix_people_phone`` and ``ix_people_email``
are each the first columns of a sort index of 0006 (``ix_people_sort_name``,
``_sort_phone``, ``_sort_email``), which serves every lookup they served. Each cost a
voter import of 1,000,000 rows 0.4-1.4 s to build (2.2 s in all), every write to a
person its upkeep, and the store about 60 MB at that size. Indexes only: bundles and
their schema are unchanged.
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

DROPPED = {
    "ix_people_name": ["last_name", "first_name"],
    "ix_people_phone": ["phone"],
    "ix_people_email": ["email"],
}


def upgrade() -> None:
    for name in DROPPED:
        op.drop_index(name, table_name="people")


def downgrade() -> None:
    for name, columns in DROPPED.items():
        op.create_index(name, "people", columns)
