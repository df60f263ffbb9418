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
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
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

# --- the service: principals, customers, cases, allow-list, audit (migration 0003) ---

principals = Table(
    "principals",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("role", String(20), nullable=False),
    Column("password_hash", Text, nullable=True),  # None: API keys only, no page login
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("disabled_at", DateTime(timezone=True), nullable=True),
)

api_keys = Table(
    "api_keys",
    metadata,
    Column("key_hash", String(64), primary_key=True),  # SHA-256 of the key; the key is not kept
    Column("prefix", String(16), nullable=False),  # shown in listings to tell keys apart
    Column("principal", String(100), ForeignKey("principals.name"), nullable=False),
    Column("role", String(20), nullable=False),
    Column("label", Text, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
)

web_sessions = Table(
    "web_sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("principal", String(100), ForeignKey("principals.name"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)

customers = Table(
    "customers",
    metadata,
    Column("customer_id", String(200), primary_key=True),
    Column("name", Text, nullable=False),
    Column("schema", String(40), nullable=False),
    Column("record", Text, nullable=False),  # JSON: screening fields and pass-through columns
    Column("record_hash", String(64), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("screened_at", DateTime(timezone=True), nullable=True),
)

customer_keys = Table(
    "customer_keys",
    metadata,
    Column("key", String(120), primary_key=True),
    Column(
        "customer_id",
        String(200),
        ForeignKey("customers.customer_id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Index("ix_customer_keys_customer", "customer_id"),
)

cases = Table(
    "cases",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("customer_id", String(200), nullable=False),
    Column("customer_name", Text, nullable=False),
    Column("entity_id", String(200), nullable=False),
    Column("entity_caption", Text, nullable=False),
    Column("status", String(20), nullable=False),  # open / pending / escalated / closed
    Column("disposition", String(20), nullable=True),  # true_match / false_positive / escalate
    Column("score", Float, nullable=False),
    Column("lists", Text, nullable=False),  # JSON
    Column("programs", Text, nullable=False),  # JSON
    Column("explanation", Text, nullable=False),  # JSON, of the latest alert
    Column("snapshot_hash", String(64), nullable=True),
    Column("entity_hash", String(64), nullable=True),
    Column("customer_hash", String(64), nullable=False),
    Column("alert_count", Integer, nullable=False),
    Column("opened_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("proposed_disposition", String(20), nullable=True),
    Column("proposed_by", String(100), nullable=True),
    Column("proposed_reason", Text, nullable=True),
    Column("proposed_allow", Boolean, nullable=True),
    Column("proposed_at", DateTime(timezone=True), nullable=True),
    UniqueConstraint("customer_id", "entity_id", name="uq_cases_customer_entity"),
    Index("ix_cases_status", "status", "updated_at"),
)

case_events = Table(
    "case_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(100), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("disposition", String(20), nullable=True),
    Column("reason", Text, nullable=True),
    Column("data", Text, nullable=True),  # JSON
    Index("ix_case_events_case", "case_id", "id"),
)

allow_list = Table(
    "allow_list",
    metadata,
    Column("customer_id", String(200), primary_key=True),
    Column("entity_id", String(200), primary_key=True),
    Column("customer_hash", String(64), nullable=False),
    Column("entity_hash", String(64), nullable=True),
    Column("case_id", Integer, ForeignKey("cases.id"), nullable=True),
    Column("reason", Text, nullable=False),
    Column("created_by", String(100), nullable=False),
    Column("approved_by", String(100), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(100), nullable=False),
    Column("action", String(40), nullable=False),
    Column("subject", Text, nullable=True),
    Column("payload", Text, nullable=False),  # canonical JSON: inputs, snapshot hashes, outcome
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Index("ix_audit_log_at", "at"),
)

# One row: the newest record's seq and hash, updated with every append. Appends take it as a
# lock (serialising writers) and `audit verify` compares the chain's end with it, so deleting
# the newest records is detected as well as editing any.
audit_head = Table(
    "audit_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", Integer, nullable=False),
    Column("hash", String(64), nullable=False),
)

# Each monitoring run records the snapshot of every source it screened the book against, so
# the next run knows which lists changed since and re-screens only for their differences.
monitor_runs = Table(
    "monitor_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("snapshots", Text, nullable=False),  # JSON {source: snapshot id}
    Column("summary", Text, nullable=False),  # JSON
)
