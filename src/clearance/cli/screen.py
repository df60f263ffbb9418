"""``clearance compare`` and ``clearance screen``: names against names, parties against lists."""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from clearance.cli.common import (
    EXIT_ALERTS,
    DbOption,
    JsonOption,
    console,
    err_console,
    fail,
    open_store,
    print_json,
)
from clearance.matching import DEFAULT_THRESHOLD, REVIEW_THRESHOLD

SchemaOption = Annotated[
    str,
    typer.Option(
        "--schema",
        help="FtM schema: Person, Organization, Company, LegalEntity (either), Vessel, Aircraft.",
    ),
]


def compare_command(
    name1: Annotated[str, typer.Argument(help="First name.")],
    name2: Annotated[str, typer.Argument(help="Second name.")],
    schema: SchemaOption = "LegalEntity",
    threshold: Annotated[float, typer.Option(help="Score that counts as a match.")] = (
        DEFAULT_THRESHOLD
    ),
    as_json: JsonOption = False,
) -> None:
    """Score how alike two names are (0–1) and explain why."""
    from clearance.matching import compare

    try:
        result = compare(name1, name2, schema=schema, threshold=threshold)
    except ValueError as exc:
        fail(str(exc))
    if as_json:
        print_json(
            {
                "score": round(result.score, 4),
                "match": result.match,
                "explanation": result.explanation,
            }
        )
        return
    verdict = "[bold green]match[/]" if result.match else "[dim]no match[/]"
    console.print(f"{result.score:.3f}  {verdict}  (threshold {threshold:.2f})")
    if "name" in result.explanation:
        console.print(_alignment_table(result.explanation["name"]))  # type: ignore[arg-type]


def _alignment_table(name: dict) -> Table:  # type: ignore[type-arg]
    table = Table(title=escape(f"aligned with {name['matched_name']!r}"), title_justify="left")
    table.add_column("query")
    table.add_column("listed")
    table.add_column("similarity", justify="right")
    table.add_column("how")
    for pair in name["aligned"]:
        table.add_row(pair["query"], pair["name"], f"{pair['similarity']:.2f}", pair["how"])
    for token in name["unaligned_query"]:
        table.add_row(token, "[dim]—[/]", "", "unaligned")
    for token in name["unaligned_name"]:
        table.add_row("[dim]—[/]", token, "", "unaligned")
    for token in name.get("omitted_patronymics", ()):
        in_query = token in name["query_tokens"]
        table.add_row(
            token if in_query else "[dim]—[/]",
            "[dim]—[/]" if in_query else token,
            "",
            "patronymic left out (not counted)",
        )
    return table


def load_matcher(store):  # type: ignore[no-untyped-def]
    """The matcher over ``store``'s current snapshots; a usage error when none is loaded."""
    from clearance.matching import Matcher

    if not store.current():
        fail(
            "no lists loaded: load some with `clearance lists load PATH` (or run `clearance demo`)"
        )
    with err_console.status("loading the index", spinner="dots"):
        matcher = Matcher.from_store(store)
    # Built once here, what the first query builds is inherited by forked batch workers.
    matcher.warm_up()
    # The index is millions of small objects that live as long as this command. Out of the
    # collector's reach, they are not traversed by every full collection (nor by the one at
    # exit, about 0.4 s), and forked batch workers do not copy the pages it would touch.
    gc.freeze()
    return matcher


def screen_command(
    input_path: Annotated[
        Path | None, typer.Argument(help="Batch file: CSV, JSON lines or Parquet.")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="JSON lines out (default: stdout).")
    ] = None,
    name: Annotated[str | None, typer.Option(help="Screen one name.")] = None,
    schema: SchemaOption = "LegalEntity",
    birth_date: Annotated[str | None, typer.Option(help="1960-04-01, 1960-04 or 1960.")] = None,
    nationality: Annotated[str | None, typer.Option(help="Country name or code.")] = None,
    country: Annotated[str | None, typer.Option(help="Country of residence or address.")] = None,
    id_number: Annotated[
        str | None, typer.Option(help="Passport, national ID, registry...")
    ] = None,
    gender: Annotated[str | None, typer.Option(help="male / female.")] = None,
    threshold: Annotated[
        float, typer.Option(help="Lowest score reported (default: the review threshold).")
    ] = REVIEW_THRESHOLD,
    mapping: Annotated[
        list[str] | None,
        typer.Option("--map", help="Rename an input column: --map full_name=name (repeatable)."),
    ] = None,
    workers: Annotated[int | None, typer.Option(help="Processes (default: all cores).")] = None,
    limit: Annotated[int, typer.Option(help="Matches shown for --name.")] = 10,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Screen one party (--name) or a batch file against every loaded list.

    Exit code 1 when anything scored at or above the threshold, 0 when nothing did.
    """
    if (input_path is None) == (name is None):
        fail("give either --name NAME or an INPUT file")
    from clearance.matching import Query

    if name is not None:
        try:
            query = Query(
                name=name,
                schema=schema,
                birth_date=birth_date,
                nationality=nationality,
                country=country,
                id_number=id_number,
                gender=gender,
            )
        except ValueError as exc:
            fail(str(exc))
        from clearance.cases.service import ClearanceService
        from clearance.cli.operator import operator

        store = open_store(db)
        service = ClearanceService(store, load_matcher(store))
        [(results, _)] = service.screen(
            operator(), [query], threshold=threshold, limit=limit, record_cases=False
        )
        if as_json:
            print_json({"query": name, "results": [r.to_dict() for r in results]})
        else:
            _print_results(name, results)
        raise typer.Exit(EXIT_ALERTS if results else 0)
    assert input_path is not None
    if not input_path.exists():
        fail(f"{input_path}: no such file")
    renames = _parse_mapping(mapping or [])
    from clearance.cases.service import ClearanceService
    from clearance.cli.operator import operator

    store = open_store(db)
    matcher = load_matcher(store)
    summary = _screen_batch(matcher, input_path, output, threshold, renames, workers)
    ClearanceService(store, matcher).record_batch(operator(), input_path, summary, threshold)
    for bad in summary.bad_rows[:50]:
        err_console.print(f"[yellow]skipped[/] {input_path.name} line {bad.line}: {bad.reason}")
    if len(summary.bad_rows) > 50:
        err_console.print(f"[yellow]… and {len(summary.bad_rows) - 50} more bad rows[/]")
    err_console.print(
        f"{summary.rows:,} rows, {summary.screened:,} screened, "
        f"{len(summary.bad_rows):,} bad, {summary.rows_with_alerts:,} with alerts "
        f"({summary.alerts:,} alerts) in {summary.seconds:.1f} s ({summary.rate:,.0f} rows/s)",
        highlight=False,
    )
    raise typer.Exit(EXIT_ALERTS if summary.rows_with_alerts else 0)


def _parse_mapping(items: list[str]) -> dict[str, str]:
    renames = {}
    for item in items:
        source, sep, target = item.partition("=")
        if not sep or not source or not target:
            fail(f"--map takes SOURCE=TARGET, not {item!r}")
        renames[source] = target
    return renames


def _screen_batch(matcher, input_path, output, threshold, renames, workers):  # type: ignore[no-untyped-def]
    from clearance.screening.batch import BatchInputError, screen_file

    progress = Progress(
        TextColumn("screening"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("rows"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=not err_console.is_terminal,
    )
    handle = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        with progress:
            task = progress.add_task("screen", total=None)
            return screen_file(
                matcher,
                input_path,
                handle,
                threshold=threshold,
                mapping=renames,
                workers=workers,
                on_progress=lambda n: progress.advance(task, n),
            )
    except BatchInputError as exc:
        fail(str(exc))
    finally:
        if output:
            handle.close()


def _print_results(name: str, results) -> None:  # type: ignore[no-untyped-def]
    if not results:
        console.print(
            escape(f"No listed party scores at or above the threshold for {name!r}."),
            highlight=False,
        )
        return
    table = Table(title=escape(f"Matches for {name!r}"), title_justify="left")
    table.add_column("score", justify="right")
    table.add_column("entity")
    table.add_column("name")
    table.add_column("lists / programs")
    table.add_column("why")
    for result in results:
        explanation = result.explanation
        why = [f"matched {explanation['name']['matched_name']!r}"]
        why += [f"{e['feature']}: {e['detail']}" for e in explanation["evidence"]]
        style = "bold red" if result.match else "yellow"
        table.add_row(
            f"[{style}]{result.score:.3f}[/]",
            result.entity_id,
            escape(result.caption),
            escape(f"{', '.join(result.lists)}\n{'; '.join(result.programs)}"),
            escape("\n".join(why)),
        )
    console.print(table)
