"""Where the store lives and how to connect to it.

The default is a SQLite file ``$CLEARANCE_HOME/clearance.db`` (``CLEARANCE_HOME`` defaults to
``~/.clearance``). ``--db`` or ``CLEARANCE_DB`` override it with a file path or any
SQLAlchemy URL; ``postgresql://`` URLs use the psycopg 3 driver. The schema is created and
upgraded by Alembic on first connection, so a new file or database needs no set-up step.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url

HEAD_REVISION = "0003"


class StoreError(Exception):
    """The store cannot be opened or used (bad URL, unreachable server, newer schema)."""


def clearance_home() -> Path:
    return Path(os.environ.get("CLEARANCE_HOME") or Path.home() / ".clearance").expanduser()


def resolve_url(db: str | None = None) -> str:
    """The SQLAlchemy URL for ``db`` (a URL or a file path), ``CLEARANCE_DB``, or the default."""
    value = db or os.environ.get("CLEARANCE_DB")
    if not value:
        return f"sqlite:///{clearance_home() / 'clearance.db'}"
    if "://" not in value:
        return f"sqlite:///{Path(value).expanduser().resolve()}"
    if value.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + value.split("://", 1)[1]
    return value


def create_store_engine(url: str) -> Engine:
    """An engine for ``url``, with SQLite tuned for a single writer and many readers."""
    try:
        parsed = make_url(url)
    except Exception as exc:
        raise StoreError(f"not a database URL: {url!r}") from exc
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    try:
        return create_engine(url, pool_pre_ping=True)
    except Exception as exc:  # e.g. the driver is not installed
        raise StoreError(
            f"cannot use {parsed.render_as_string(hide_password=True)}: {exc}"
        ) from exc


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (a no-op, without importing Alembic, if it is)."""
    try:
        with engine.connect() as connection:
            revision = _current_revision(connection)
    except Exception as exc:
        url = engine.url.render_as_string(hide_password=True)
        raise StoreError(f"cannot open the store at {url}: {exc}") from exc
    if revision == HEAD_REVISION:
        return
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("clearance.store") / "migrations")
    )
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _current_revision(connection) -> str | None:  # type: ignore[no-untyped-def]
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
