"""``clearance decide``: what must happen for a context and its parties, with citations."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from clearance.cli.common import (
    EXIT_ALERTS,
    DbOption,
    JsonOption,
    console,
    fail,
    open_store,
    print_json,
)
from clearance.cli.screen import SchemaOption, load_matcher

VERDICT_STYLE = {
    "BLOCK": "bold red",
    "REJECT": "bold red",
    "DENY": "bold red",
    "LIMIT": "bold yellow",
    "REVIEW": "yellow",
    "CLEAR": "bold green",
}


def decide_command(
    context: Annotated[
        str | None,
        typer.Argument(
            help="onboarding, payment, credit, export-licence, exim-assistance, ifi-loan, "
            "investment, fx, procurement, visa (payment with --message)."
        ),
    ] = None,
    party: Annotated[list[str] | None, typer.Option(help="A party's name (repeatable).")] = None,
    party_id: Annotated[
        list[str] | None,
        typer.Option(help="Your own id of each --party, in order (for --ownership)."),
    ] = None,
    ownership: Annotated[
        Path | None,
        typer.Option(help="Ownership CSV owner_id,asset_id,share_pct: applies the 50% rule."),
    ] = None,
    message: Annotated[
        Path | None,
        typer.Option(help="A payment message to decide: ISO 20022 pacs.008 / pain.001, MT103."),
    ] = None,
    role: Annotated[str, typer.Option(help="The parties' role (creditor, applicant...).")] = (
        "party"
    ),
    schema: SchemaOption = "LegalEntity",
    birth_date: Annotated[str | None, typer.Option(help="Birth date of the party.")] = None,
    nationality: Annotated[str | None, typer.Option(help="Nationality.")] = None,
    country: Annotated[str | None, typer.Option(help="Country.")] = None,
    id_number: Annotated[str | None, typer.Option(help="Identifier number.")] = None,
    amount: Annotated[str | None, typer.Option(help="Amount (credit, payment).")] = None,
    currency: Annotated[str, typer.Option(help="Currency of the amount.")] = "USD",
    lender: Annotated[
        str | None, typer.Option(help="credit: the lending institution (loan-cap ledger).")
    ] = None,
    on: Annotated[
        str | None, typer.Option("--date", help="credit: day the credit is extended (ISO).")
    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Decide a context for its parties: BLOCK, REJECT, DENY, LIMIT, REVIEW or CLEAR.

    Exit code 1 unless the decision is CLEAR.
    """
    from clearance.cases.service import ClearanceService
    from clearance.cli.operator import operator
    from clearance.enforcement.decide import (
        CreditTerms,
        DecisionInputError,
        Party,
        parse_context,
    )

    if message is not None:
        _decide_message(message, context, db, as_json)
    if context is None or not party:
        fail("give a CONTEXT and at least one --party, or --message FILE")
    try:
        parsed_context = parse_context(context)
        value = _amount(amount)
        day = date.fromisoformat(on) if on else None
        ids = list(party_id or [])
        if ids and len(ids) != len(party):
            raise DecisionInputError("give one --party-id per --party")
        parties = [
            Party(name, role, schema, birth_date, nationality, country, id_number, own_id)
            for name, own_id in zip(party, ids or [None] * len(party), strict=True)
        ]
        for item in parties:
            item.query()  # validates name and schema before loading the index
    except (DecisionInputError, ValueError) as exc:
        fail(str(exc))
    store = open_store(db)
    matcher = load_matcher(store)
    credit = None
    if lender and value is not None:
        credit = CreditTerms(lender, value, currency, day)
    derived = _ownership(ownership, matcher) if ownership else None
    try:
        decision = ClearanceService(store, matcher).decide(
            operator(), parsed_context, parties, value, credit, derived
        )
    except DecisionInputError as exc:
        fail(str(exc))
    if as_json:
        print_json(decision.to_dict())
    else:
        _print(decision)
    raise typer.Exit(0 if decision.verdict.value == "CLEAR" else EXIT_ALERTS)


def _decide_message(path: Path, context: str | None, db: str | None, as_json: bool) -> None:
    from clearance.screening.payment_model import PaymentMessageError
    from clearance.screening.payments import parse_payment_file

    if context not in (None, "payment"):
        fail(f"--message decides the payment context, not {context!r}")
    if not path.exists():
        fail(f"{path}: no such file")
    try:
        parsed = parse_payment_file(path)
    except PaymentMessageError as exc:
        fail(str(exc))
    from clearance.cases.service import ClearanceService
    from clearance.cli.operator import operator

    store = open_store(db)
    decision = ClearanceService(store, load_matcher(store)).decide_payment(operator(), parsed)
    if as_json:
        print_json(decision.to_dict())
    else:
        _print(decision)
    raise typer.Exit(0 if decision.verdict.value == "CLEAR" else EXIT_ALERTS)


def _ownership(path: Path, matcher):  # type: ignore[no-untyped-def]
    from clearance.enforcement.measures import is_blocking
    from clearance.enforcement.ownership import (
        OwnershipInputError,
        derive_blocked,
        read_ownership_csv,
    )

    try:
        records = read_ownership_csv(path)
    except OwnershipInputError as exc:
        fail(str(exc))
    blocked = [e.id for e in matcher.index.entities if is_blocking(e.designations)]
    return derive_blocked(records, blocked)


def _amount(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        fail(f"--amount must be a number, not {text!r}")
    if value < 0:
        fail(f"--amount must not be negative, not {text}")
    return value


def _print(decision) -> None:  # type: ignore[no-untyped-def]
    verdict = decision.verdict.value
    headroom = f" (headroom {decision.headroom:,})" if decision.headroom is not None else ""
    console.print(
        f"[{VERDICT_STYLE[verdict]}]{verdict}[/] for {decision.context.value}{headroom}",
        highlight=False,
    )
    for note in decision.notes:
        console.print(f"  note: {note}", highlight=False)
    for citation in decision.binding:
        for path in citation.ownership_paths:
            console.print(f"  50% rule path: {escape(path)}", highlight=False)
        console.print(
            f"  {citation.verdict.value:6} {escape('[' + citation.party.role + ']')} "
            f"{citation.entity_id} {escape(citation.entity_name)}: "
            f"{citation.authority} {citation.list_code} {citation.measure_code} "
            f"{citation.measure_label} ({citation.legal_basis}) — {citation.action}"
            + (f"; {citation.report}" if citation.report else ""),
            highlight=False,
        )
    if decision.not_binding:
        table = Table(title="listed, not binding here", title_justify="left")
        for column in ("entity", "list", "measure", "why"):
            table.add_column(column)
        for item in decision.not_binding:
            table.add_row(
                item["entity_id"],
                item["list"],
                f"{item['measure']} {item['label']}",
                item["reason"],
            )
        console.print(table)
    for review in decision.reviews:
        console.print(
            f"  REVIEW {review['entity_id']} {review['entity_name']} "
            f"(score {review['score']}): {review['reason']}",
            highlight=False,
        )
