"""``clearance lists``: load, show, diff and update the official lists."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from clearance.cases.audit import record_loads
from clearance.cli.common import (
    EXIT_UNREACHABLE,
    DbOption,
    JsonOption,
    console,
    err_console,
    fail,
    open_store,
    print_json,
    user_errors,
)
from clearance.cli.operator import operator
from clearance.cli.render import diff_view, load_results_table, snapshots_table
from clearance.sources import open_list, plan_reads
from clearance.sources.download import DownloadError, download_publisher
from clearance.sources.publishers import PUBLISHERS
from clearance.store import LoadResult, Store
from clearance.store.engine import clearance_home

app = typer.Typer(
    help="Official sanctions lists: load files, show snapshots, diff versions, update.",
    no_args_is_help=False,
    invoke_without_command=True,
)


@app.callback()
def show(
    ctx: typer.Context,
    db: DbOption = None,
    as_json: JsonOption = False,
    history: Annotated[
        bool, typer.Option("--all", help="Every snapshot, not only current.")
    ] = False,
) -> None:
    """Show every source's current snapshot (with --all, every snapshot)."""
    if ctx.invoked_subcommand is not None:
        return
    store = open_store(db)
    infos = store.snapshots() if history else store.current()
    if as_json:
        print_json({"sources": [info.to_dict() for info in infos]})
        return
    if not infos:
        console.print("No lists loaded yet. Load one with [bold]clearance lists load PATH[/].")
        return
    console.print(snapshots_table(infos, "All snapshots" if history else "Loaded lists"))


@app.command("load")
def load(
    paths: Annotated[list[Path], typer.Argument(help="List files, or folders of OFAC CSV sets.")],
    db: DbOption = None,
    format_name: Annotated[
        str | None, typer.Option("--format", help="Skip detection: read as this format.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Load list files into new snapshots, all or nothing (the format is detected)."""
    store = open_store(db)
    with user_errors():
        planned = plan_reads(paths)
        results = _load_paths(store, planned, format_name, quiet=as_json)
    _report_loads(results, as_json)


def _load_paths(
    store: Store, paths: list[Path], format_name: str | None, quiet: bool
) -> list[LoadResult]:
    reads = [open_list(path, format_name) for path in paths]
    with _progress(quiet) as progress:
        tasks: dict[str, int] = {}

        def advance(source: str, count: int) -> None:
            if source not in tasks:
                tasks[source] = progress.add_task(f"loading {source}", total=None)
            progress.advance(tasks[source], count)

        results = store.load(reads, advance)
    record_loads(store.engine, operator().name, results)
    return results


@contextmanager
def _progress(quiet: bool) -> Iterator[Progress]:
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed:,} entities"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=quiet or not err_console.is_terminal,
    )
    with progress:
        yield progress


def _report_loads(results: list[LoadResult], as_json: bool) -> None:
    if as_json:
        print_json({"loads": [r.to_dict() for r in results]})
        return
    console.print(load_results_table(results))
    for result in results:
        for warning in result.warnings[:20]:
            err_console.print(f"[yellow]warning[/] {result.source}: {warning}")


@app.command("diff")
def diff(
    source: Annotated[str | None, typer.Argument(help="Source name, e.g. ofac-sdn.")] = None,
    old_id: Annotated[int | None, typer.Option("--from", help="Older snapshot id.")] = None,
    new_id: Annotated[int | None, typer.Option("--to", help="Newer snapshot id.")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
    limit: Annotated[int, typer.Option(help="Rows shown per section (text output).")] = 50,
) -> None:
    """Compare two snapshots of a source (default: its last two)."""
    store = open_store(db)
    with user_errors():
        result = store.diff(source, old_id, new_id)
    if as_json:
        print_json(result.to_dict())
    else:
        console.print(diff_view(result, limit))


@app.command("update")
def update(
    sources: Annotated[
        list[str] | None,
        typer.Option("--source", "-s", help="Only these sources (repeatable). Default: all."),
    ] = None,
    mirror: Annotated[
        str | None,
        typer.Option(
            envvar="CLEARANCE_LIST_MIRROR",
            help="Fetch {mirror}/{source}/{file} instead of the publishers' URLs.",
        ),
    ] = None,
    timeout: Annotated[float, typer.Option(help="Seconds per request.")] = 60.0,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Download the official lists from their publishers and load what changed."""
    chosen = sources or list(PUBLISHERS)
    unknown = [s for s in chosen if s not in PUBLISHERS]
    if unknown:
        fail(f"unknown source {unknown[0]!r} (known: {', '.join(PUBLISHERS)})")
    store = open_store(db)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    downloads = clearance_home() / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{stamp}-", dir=downloads))
    folders: list[Path] = []
    for source in chosen:
        publisher = PUBLISHERS[source]
        try:
            folder = download_publisher(publisher, staging, mirror, timeout)
        except DownloadError as exc:
            fail(f"{source}: {exc} (nothing was loaded)", EXIT_UNREACHABLE)
        folders.append(_main_file(folder, publisher.required[0]))
    with user_errors():
        results = _load_paths(store, folders, None, quiet=as_json)
    _report_loads(results, as_json)


def _main_file(folder: Path, required: str) -> Path:
    path = folder / required
    return folder if path.name.endswith(".csv") and os.path.exists(path) else path
