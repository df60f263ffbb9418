"""Credit ledger for the CAATSA 235(a)(3) loan cap, with a lock row per lender and borrower.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "credit_ledger",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("lender", sa.String(200), nullable=False),
        sa.Column("borrower", sa.String(200), nullable=False),
        sa.Column("amount", sa.Numeric(20, 2), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("extended_on", sa.Date, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reference", sa.Text, nullable=True),
    )
    op.create_index("ix_credit_ledger_pair", "credit_ledger", ["lender", "borrower", "extended_on"])
    op.create_table(
        "ledger_locks",
        sa.Column("lender", sa.String(200), primary_key=True),
        sa.Column("borrower", sa.String(200), primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("ledger_locks")
    op.drop_table("credit_ledger")
