"""``clearance audit``: verify the hash chain, export it for auditors, replay a decision."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Annotated

import typer

from clearance.cases.audit import AuditLog
from clearance.cli.common import DbOption, JsonOption, console, fail, open_store, print_json
from clearance.cli.operator import operator

app = typer.Typer(help="The tamper-evident audit trail.", no_args_is_help=True)


@app.command("verify")
def verify(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Check every record's hash and link; exit 1 naming the first record found wrong."""
    result = AuditLog(open_store(db).engine).verify()
    if as_json:
        print_json(result.to_dict())
    elif result.ok:
        console.print(f"[green]ok[/]: {result.records:,} records, the chain is intact")
    else:
        console.print(f"[bold red]broken[/]: {result.problem}", highlight=False)
    raise typer.Exit(0 if result.ok else 1)


@app.command("export")
def export(
    since: Annotated[
        str | None, typer.Option("--from", help="First day (ISO date or date-time, UTC).")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--to", help="Last day, included (ISO date or date-time).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="csv or jsonl.")] = "jsonl",
    action: Annotated[
        str | None, typer.Option(help="Only this action (decide, screen...).")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Write the audit records of a period as CSV or JSON lines, with their hashes."""
    if fmt not in ("csv", "jsonl"):
        fail(f"--format must be csv or jsonl, not {fmt!r}")
    start = _moment(since, "--from", end=False) if since else None
    stop = _moment(until, "--to", end=True) if until else None
    log = AuditLog(open_store(db).engine)
    chunks = log.export(log.records(start, stop, action), fmt)
    if output is None:
        for chunk in chunks:
            typer.echo(chunk, nl=False)
        return
    with output.open("w", encoding="utf-8", newline="") as handle:
        for chunk in chunks:
            handle.write(chunk)


@app.command("replay")
def replay(
    seq: Annotated[int, typer.Argument(help="The audit record of the decision.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Decide a recorded decision again against the snapshots it used; exit 1 if it differs."""
    from clearance.cases.service import ClearanceService, ReplayError

    service = ClearanceService(open_store(db))
    try:
        result = service.replay(operator(), seq)
    except ReplayError as exc:
        fail(str(exc))
    if as_json:
        print_json(result)
    else:
        recorded, replayed = result["recorded"], result["replayed"]
        verdict = "[green]same[/]" if result["same"] else "[bold red]different[/]"
        console.print(
            f"record {seq} ({result['at']}): recorded {recorded['decision']}, "  # type: ignore[index]
            f"replayed {replayed['decision']}: {verdict}",  # type: ignore[index]
            highlight=False,
        )
    raise typer.Exit(0 if result["same"] else 1)


def _moment(text: str, option: str, end: bool) -> datetime:
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            moment = datetime.combine(day, time(), tzinfo=UTC)
            return moment + timedelta(days=1) if end else moment
        parsed = datetime.fromisoformat(text)
    except ValueError:
        fail(f"{option} must be an ISO date (2026-11-23) or date-time, not {text!r}")
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
