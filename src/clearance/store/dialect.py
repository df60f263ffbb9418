"""The few statements that differ between SQLite and PostgreSQL.

Each dialect's module is imported when a statement is first built for it: PostgreSQL's
(with its drivers' modules) was a tenth of every command's start-up on a SQLite store."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection, Table
    from sqlalchemy.sql.dml import Insert


def insert_ignore(connection: Connection, table: Table) -> Insert:
    """INSERT that skips rows whose primary key already exists."""
    dialect = connection.dialect.name
    if dialect == "sqlite":
        from sqlalchemy.dialects import sqlite

        return sqlite.insert(table).on_conflict_do_nothing()
    if dialect == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table).on_conflict_do_nothing()
    raise NotImplementedError(f"unsupported database: {dialect}")
