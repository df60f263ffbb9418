"""List sources, versioned snapshots and content-addressed entity records.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("title", sa.Text, nullable=True),
        sa.Column("format", sa.String(50), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "snapshots",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source", sa.String(100), sa.ForeignKey("sources.name"), nullable=False),
        sa.Column("format", sa.String(50), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("published", sa.Date, nullable=True),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("entity_count", sa.Integer, nullable=False),
        sa.Column("schema_counts", sa.Text, nullable=False),
        sa.Column("files", sa.Text, nullable=False),
        sa.Column("warnings", sa.Text, nullable=False),
        sa.Column("current", sa.Boolean, nullable=False),
    )
    op.create_index("ix_snapshots_source", "snapshots", ["source", "id"])
    op.create_table(
        "entity_blobs",
        sa.Column("hash", sa.String(64), primary_key=True),
        sa.Column("data", sa.Text, nullable=False),
    )
    op.create_table(
        "snapshot_entities",
        sa.Column(
            "snapshot_id",
            sa.Integer,
            sa.ForeignKey("snapshots.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("entity_id", sa.String(200), primary_key=True),
        sa.Column("source_ref", sa.String(200), nullable=False),
        sa.Column("schema", sa.String(40), nullable=False),
        sa.Column("caption", sa.Text, nullable=False),
        sa.Column("entity_hash", sa.String(64), sa.ForeignKey("entity_blobs.hash"), nullable=False),
    )
    op.create_index("ix_snapshot_entities_entity", "snapshot_entities", ["entity_id"])
    op.create_index("ix_snapshot_entities_ref", "snapshot_entities", ["source_ref"])
    op.create_table(
        "snapshot_names",
        sa.Column(
            "snapshot_id",
            sa.Integer,
            sa.ForeignKey("snapshots.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("entity_id", sa.String(200), nullable=False),
        sa.Column("name_key", sa.Text, nullable=False),
    )
    op.create_index("ix_snapshot_names_key", "snapshot_names", ["name_key", "snapshot_id"])
    op.create_index("ix_snapshot_names_snapshot", "snapshot_names", ["snapshot_id"])


def downgrade() -> None:
    op.drop_table("snapshot_names")
    op.drop_table("snapshot_entities")
    op.drop_table("entity_blobs")
    op.drop_table("snapshots")
    op.drop_table("sources")
