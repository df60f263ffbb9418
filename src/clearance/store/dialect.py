"""The few statements that differ between SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.dml import Insert


def insert_ignore(connection: Connection, table: Table) -> Insert:
    """INSERT that skips rows whose primary key already exists."""
    dialect = connection.dialect.name
    if dialect == "sqlite":
        return sqlite.insert(table).on_conflict_do_nothing()
    if dialect == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing()
    raise NotImplementedError(f"unsupported database: {dialect}")
