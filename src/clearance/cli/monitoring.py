"""``clearance book`` and ``clearance monitor``: the customer book and its re-screening;
``clearance cases``: the alert queue for people at a terminal."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from clearance.cli.common import (
    DbOption,
    JsonOption,
    console,
    err_console,
    fail,
    open_store,
    print_json,
)
from clearance.cli.operator import operator
from clearance.cli.screen import _parse_mapping, load_matcher

book_app = typer.Typer(help="The customer book that monitoring keeps screening.")


@book_app.callback(invoke_without_command=True)
def book_summary(ctx: typer.Context, db: DbOption = None, as_json: JsonOption = False) -> None:
    """How many customers the book holds."""
    if ctx.invoked_subcommand is not None:
        return
    from clearance.cases.book import CustomerBook

    book = CustomerBook(open_store(db).engine)
    count, waiting = book.count(), len(book.unscreened())
    if as_json:
        print_json({"customers": count, "unscreened": waiting})
        return
    console.print(f"{count:,} customers in the book, {waiting:,} not screened since loaded")


@book_app.command("load")
def book_load(
    input_path: Annotated[Path, typer.Argument(help="CSV, JSON lines or Parquet, as `screen`.")],
    mapping: Annotated[
        list[str] | None, typer.Option("--map", help="Rename a column: SOURCE=TARGET.")
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Add or update customers (rows need an id); they are screened by the next monitor run."""
    from clearance.cases.book import CustomerBook, read_book
    from clearance.screening.batch import BatchInputError

    if not input_path.exists():
        fail(f"{input_path}: no such file")
    book = CustomerBook(open_store(db).engine)
    try:
        with _progress("loading", as_json) as progress:
            task = progress.add_task("loading", total=None)
            result = book.load(
                read_book(input_path, _parse_mapping(mapping or [])),
                lambda n: progress.advance(task, n),
            )
    except BatchInputError as exc:
        fail(str(exc))
    for bad in result.bad_rows[:50]:
        err_console.print(f"[yellow]skipped[/] {input_path.name} line {bad.line}: {bad.reason}")
    if as_json:
        print_json(result.to_dict())
        return
    console.print(
        f"{result.rows:,} rows: {len(result.added):,} added, {len(result.changed):,} changed, "
        f"{result.unchanged:,} unchanged, {len(result.bad_rows):,} bad"
    )


def monitor_command(
    full: Annotated[bool, typer.Option("--full", help="Re-screen the whole book.")] = False,
    workers: Annotated[int | None, typer.Option(help="Processes (default: every core).")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Re-screen the customers that list changes since the last run could affect.

    New alerts open cases. Exit code 1 when the run opened or re-opened any case."""
    from clearance.cases.service import ClearanceService

    store = open_store(db)
    service = ClearanceService(store, load_matcher(store))
    with _progress("screening", as_json) as progress:
        task = progress.add_task("screening", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, total=total)
            progress.advance(task, done)

        run = service.monitor(operator(), full=full, workers=workers, on_progress=advance)
    summary = run.to_dict()
    if as_json:
        print_json(summary)
    else:
        entities = summary["entities"]
        console.print(
            f"{'full' if run.full else 'selective'} run over {run.book_size:,} customers; "
            f"changed lists: {', '.join(run.changed_sources) or 'none'} "
            f"(+{entities['added']:,} ~{entities['changed']:,} -{entities['removed']:,})",  # type: ignore[index]
            highlight=False,
        )
        console.print(
            f"screened {run.screening.screened:,} customers in {run.seconds:.1f} s: "
            f"{run.screening.alerts:,} alerts, {len(run.screening.cases):,} cases opened or "
            f"re-opened, {run.delisted_cases:,} cases of delisted entities flagged",
            highlight=False,
        )
    raise typer.Exit(1 if run.screening.cases else 0)


def cases_command(
    status: Annotated[
        str, typer.Option(help="active, open, pending, escalated or closed.")
    ] = "active",
    limit: Annotated[int, typer.Option(help="Rows to show.")] = 50,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """The alert queue: cases best score first."""
    from clearance.cases.workflow import Cases

    if status not in ("active", "open", "pending", "escalated", "closed"):
        fail(f"--status must be active, open, pending, escalated or closed, not {status!r}")
    rows, total = Cases(open_store(db).engine).queue(status=status, limit=limit)
    if as_json:
        print_json({"total": total, "cases": rows})
        return
    table = Table(title=f"{total:,} {status} cases", title_justify="left")
    for column in ("case", "customer", "listed entity", "lists", "score", "status", "alerts"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            str(row["id"]),
            escape(f"{row['customer_id']} {row['customer_name']}"),
            escape(f"{row['entity_id']} {row['entity_caption']}"),
            ", ".join(row["lists"]),  # type: ignore[arg-type]
            f"{row['score']:.3f}",
            str(row["status"]),
            str(row["alert_count"]),
        )
    console.print(table)


def _progress(label: str, quiet: bool) -> Progress:
    return Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=quiet or not err_console.is_terminal,
    )
