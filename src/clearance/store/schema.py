"""The store's tables (SQLAlchemy Core), shared by the code and the Alembic migrations.

Snapshots are content-addressed: an entity's canonical JSON is kept once in ``entity_blobs``
under its SHA-256, and each snapshot lists ``(entity_id, entity_hash)`` pairs. Loading a list
whose entities mostly did not change stores only the new versions, and a diff between two
snapshots is a join on ids comparing hashes.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
)

metadata = MetaData()

sources = Table(
    "sources",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("title", Text, nullable=True),
    Column("format", String(50), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

snapshots = Table(
    "snapshots",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", String(100), ForeignKey("sources.name"), nullable=False),
    Column("format", String(50), nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("published", Date, nullable=True),
    Column("loaded_at", DateTime(timezone=True), nullable=False),
    Column("entity_count", Integer, nullable=False),
    Column("schema_counts", Text, nullable=False),  # JSON {"Person": 10, ...}
    Column("files", Text, nullable=False),  # JSON [file names]
    Column("warnings", Text, nullable=False),  # JSON [text]
    Column("current", Boolean, nullable=False, default=False),
    Index("ix_snapshots_source", "source", "id"),
)

entity_blobs = Table(
    "entity_blobs",
    metadata,
    Column("hash", String(64), primary_key=True),
    Column("data", Text, nullable=False),
)

snapshot_entities = Table(
    "snapshot_entities",
    metadata,
    Column(
        "snapshot_id",
        Integer,
        ForeignKey("snapshots.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("entity_id", String(200), primary_key=True),
    Column("source_ref", String(200), nullable=False),
    Column("schema", String(40), nullable=False),
    Column("caption", Text, nullable=False),
    Column("entity_hash", String(64), ForeignKey("entity_blobs.hash"), nullable=False),
    Index("ix_snapshot_entities_entity", "entity_id"),
    Index("ix_snapshot_entities_ref", "source_ref"),
)

snapshot_names = Table(
    "snapshot_names",
    metadata,
    Column(
        "snapshot_id",
        Integer,
        ForeignKey("snapshots.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("entity_id", String(200), nullable=False),
    Column("name_key", Text, nullable=False),  # case-folded, punctuation-free name
    Index("ix_snapshot_names_key", "name_key", "snapshot_id"),
    Index("ix_snapshot_names_snapshot", "snapshot_id"),
)

credit_ledger = Table(
    "credit_ledger",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("lender", String(200), nullable=False),
    Column("borrower", String(200), nullable=False),  # listed entity id under CAATSA 235(a)(3)
    Column("amount", Numeric(20, 2), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("extended_on", Date, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("reference", Text, nullable=True),
    Index("ix_credit_ledger_pair", "lender", "borrower", "extended_on"),
)

ledger_locks = Table(
    "ledger_locks",
    metadata,
    Column("lender", String(200), primary_key=True),
    Column("borrower", String(200), primary_key=True),
    Column("version", Integer, nullable=False),
)
