"""HQ: a revoked laptop's final upload window, and uploads held for staff review

Its declared bundles and deadline on hq_laptops; hq_uploads.review holds an upload.

Revision ID: 0008
Revises: 0007

HQ's own tables only (never synced): bundles and their schema are unchanged.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import fieldapp.core.models

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("hq_laptops", schema=None) as batch_op:
        batch_op.add_column(sa.Column("final_policy", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("final_until", fieldapp.core.models.UTCDateTime(),
                                      nullable=True))
        batch_op.add_column(sa.Column("final_list", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("final_closed_at", fieldapp.core.models.UTCDateTime(),
                                      nullable=True))
        batch_op.add_column(sa.Column("wiped_at", fieldapp.core.models.UTCDateTime(),
                                      nullable=True))
    with op.batch_alter_table("hq_uploads", schema=None) as batch_op:
        batch_op.add_column(sa.Column("review", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("hq_uploads", schema=None) as batch_op:
        batch_op.drop_column("review")
    with op.batch_alter_table("hq_laptops", schema=None) as batch_op:
        for name in ("wiped_at", "final_closed_at", "final_list", "final_until", "final_policy"):
            batch_op.drop_column(name)
