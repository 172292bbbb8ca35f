"""HQ inbox: invited laptops, uploads and turf packets

Revision ID: 0004
Revises: 0001
Create Date: 2026-11-30 16:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import fieldapp.core.models


revision = '0004'
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('hq_laptops',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('turfs', sa.JSON(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_at', fieldapp.core.models.UTCDateTime(), nullable=False),
    sa.Column('joined_at', fieldapp.core.models.UTCDateTime(), nullable=True),
    sa.Column('revoked_at', fieldapp.core.models.UTCDateTime(), nullable=True),
    sa.Column('last_seen_at', fieldapp.core.models.UTCDateTime(), nullable=True),
    sa.Column('fingerprint', sa.String(length=32), nullable=True),
    sa.Column('site_id', sa.String(length=36), nullable=True),
    sa.Column('public_doc', sa.JSON(), nullable=True),
    sa.Column('secret_hash', sa.String(length=64), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hq_laptops')),
    sa.UniqueConstraint('secret_hash', name=op.f('uq_hq_laptops_secret_hash')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_hq_laptops_token_hash'))
    )
    with op.batch_alter_table('hq_laptops', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hq_laptops_fingerprint'), ['fingerprint'], unique=False)

    op.create_table('hq_packets',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('laptop_id', sa.String(length=36), nullable=False),
    sa.Column('file_name', sa.String(length=200), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('created_at', fieldapp.core.models.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hq_packets'))
    )
    with op.batch_alter_table('hq_packets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hq_packets_laptop_id'), ['laptop_id'], unique=False)

    op.create_table('hq_uploads',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('laptop_id', sa.String(length=36), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('file_name', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('bundle_id', sa.String(length=36), nullable=True),
    sa.Column('records', sa.Integer(), nullable=False),
    sa.Column('created_at', fieldapp.core.models.UTCDateTime(), nullable=False),
    sa.Column('stored_at', fieldapp.core.models.UTCDateTime(), nullable=True),
    sa.Column('claimed_at', fieldapp.core.models.UTCDateTime(), nullable=True),
    sa.Column('merged_at', fieldapp.core.models.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hq_uploads')),
    sa.UniqueConstraint('sha256', name=op.f('uq_hq_uploads_sha256'))
    )
    with op.batch_alter_table('hq_uploads', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hq_uploads_laptop_id'), ['laptop_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_hq_uploads_status'), ['status'], unique=False)


def downgrade() -> None:
    op.drop_table('hq_uploads')
    op.drop_table('hq_packets')
    op.drop_table('hq_laptops')
