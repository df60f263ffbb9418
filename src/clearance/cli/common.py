"""What every command shares: consoles, the store option, JSON output and error exits."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console

from clearance.sources.base import SourceError
from clearance.store import DiffError, Store, StoreError

EXIT_OK = 0
EXIT_ALERTS = 1
EXIT_BAD_INPUT = 2
EXIT_UNREACHABLE = 3

console = Console()
err_console = Console(stderr=True)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="CLEARANCE_DB",
        help="Store: a SQLite file path or a database URL (postgresql://...). "
        "Default: $CLEARANCE_HOME/clearance.db (~/.clearance).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for machines.")]


def fail(message: str, code: int = EXIT_BAD_INPUT) -> NoReturn:
    """Print a one-line error to stderr and exit with ``code``."""
    err_console.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn bad input and store problems into one-line errors with exit code 2."""
    try:
        yield
    except (SourceError, DiffError, StoreError) as exc:
        fail(str(exc))


def open_store(db: str | None) -> Store:
    with user_errors():
        return Store(db)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    sys.stdout.write("\n")
