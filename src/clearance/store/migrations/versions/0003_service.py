"""The service's tables: principals and API keys, web sessions, the customer book and its
screening keys, cases and their events, the allow-list, the hash-chained audit log, and the
monitoring runs.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "principals",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("password_hash", sa.Text, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("disabled_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "api_keys",
        sa.Column("key_hash", sa.String(64), primary_key=True),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("principal", sa.String(100), sa.ForeignKey("principals.name"), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("label", sa.Text, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "web_sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("principal", sa.String(100), sa.ForeignKey("principals.name"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "customers",
        sa.Column("customer_id", sa.String(200), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("schema", sa.String(40), nullable=False),
        sa.Column("record", sa.Text, nullable=False),
        sa.Column("record_hash", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("screened_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "customer_keys",
        sa.Column("key", sa.String(120), primary_key=True),
        sa.Column(
            "customer_id",
            sa.String(200),
            sa.ForeignKey("customers.customer_id", ondelete="CASCADE"),
            primary_key=True,
        ),
    )
    op.create_index("ix_customer_keys_customer", "customer_keys", ["customer_id"])
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("customer_id", sa.String(200), nullable=False),
        sa.Column("customer_name", sa.Text, nullable=False),
        sa.Column("entity_id", sa.String(200), nullable=False),
        sa.Column("entity_caption", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("disposition", sa.String(20), nullable=True),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("lists", sa.Text, nullable=False),
        sa.Column("programs", sa.Text, nullable=False),
        sa.Column("explanation", sa.Text, nullable=False),
        sa.Column("snapshot_hash", sa.String(64), nullable=True),
        sa.Column("entity_hash", sa.String(64), nullable=True),
        sa.Column("customer_hash", sa.String(64), nullable=False),
        sa.Column("alert_count", sa.Integer, nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("proposed_disposition", sa.String(20), nullable=True),
        sa.Column("proposed_by", sa.String(100), nullable=True),
        sa.Column("proposed_reason", sa.Text, nullable=True),
        sa.Column("proposed_allow", sa.Boolean, nullable=True),
        sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("customer_id", "entity_id", name="uq_cases_customer_entity"),
    )
    op.create_index("ix_cases_status", "cases", ["status", "updated_at"])
    op.create_table(
        "case_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "case_id", sa.Integer, sa.ForeignKey("cases.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("disposition", sa.String(20), nullable=True),
        sa.Column("reason", sa.Text, nullable=True),
        sa.Column("data", sa.Text, nullable=True),
    )
    op.create_index("ix_case_events_case", "case_events", ["case_id", "id"])
    op.create_table(
        "allow_list",
        sa.Column("customer_id", sa.String(200), primary_key=True),
        sa.Column("entity_id", sa.String(200), primary_key=True),
        sa.Column("customer_hash", sa.String(64), nullable=False),
        sa.Column("entity_hash", sa.String(64), nullable=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=True),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.Column("approved_by", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("subject", sa.Text, nullable=True),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_table(
        "monitor_runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("snapshots", sa.Text, nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("monitor_runs")
    op.drop_table("audit_head")
    op.drop_table("audit_log")
    op.drop_table("allow_list")
    op.drop_table("case_events")
    op.drop_table("cases")
    op.drop_table("customer_keys")
    op.drop_table("customers")
    op.drop_table("web_sessions")
    op.drop_table("api_keys")
    op.drop_table("principals")
