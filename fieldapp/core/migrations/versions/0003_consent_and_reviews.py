"""consent changes and review decisions (synced facts)

Revision ID: 0003
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import fieldapp.core.models

revision = '0003'
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('consent_changes',
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('channel', sa.String(length=10), nullable=False),
    sa.Column('choice', sa.String(length=10), nullable=False),
    sa.Column('recorded_at', fieldapp.core.models.UTCDateTime(), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('source_ref', sa.String(length=200), nullable=False),
    sa.Column('by_volunteer_id', sa.String(length=36), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('site_id', sa.String(length=36), nullable=False),
    sa.Column('hlc', sa.BigInteger(), nullable=False),
    sa.CheckConstraint("channel IN ('call', 'text', 'email')", name=op.f('ck_consent_changes_channel')),
    sa.CheckConstraint("choice IN ('opt_out', 'opt_in')", name=op.f('ck_consent_changes_choice')),
    sa.CheckConstraint("source IN ('form', 'walk_in', 'canvass', 'import', 'cli', 'merge')",
                       name=op.f('ck_consent_changes_source')),
    sa.ForeignKeyConstraint(['by_volunteer_id'], ['volunteers.id'], name=op.f('fk_consent_changes_by_volunteer_id_volunteers'), initially='DEFERRED', deferrable=True),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_consent_changes_person_id_people'), initially='DEFERRED', deferrable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consent_changes'))
    )
    with op.batch_alter_table('consent_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consent_changes_hlc'), ['hlc'], unique=False)
        batch_op.create_index(batch_op.f('ix_consent_changes_person_id'), ['person_id'], unique=False)

    op.create_table('review_decisions',
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('decision', sa.String(length=20), nullable=False),
    sa.Column('decided_at', fieldapp.core.models.UTCDateTime(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('site_id', sa.String(length=36), nullable=False),
    sa.Column('hlc', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_decisions'))
    )
    with op.batch_alter_table('review_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_decisions_hlc'), ['hlc'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_decisions_subject'), ['subject'], unique=False)


def downgrade() -> None:
    op.drop_table('review_decisions')
    op.drop_table('consent_changes')
