"""``clearance keys`` and ``clearance users``: API keys and page logins."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer
from rich.table import Table

from clearance.cases.principals import PrincipalError, Principals
from clearance.cases.roles import RoleError, parse_role
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

keys_app = typer.Typer(help="API keys: create (shown once), list, revoke.", no_args_is_help=True)
users_app = typer.Typer(help="Users who log in to the analyst pages.", no_args_is_help=True)

RoleOption = Annotated[
    str, typer.Option("--role", help="screener, analyst, approver or admin.", show_default=False)
]


@keys_app.command("create")
def create_key(
    role: RoleOption,
    user: Annotated[
        str | None, typer.Option(help="Who the key belongs to (created if new).")
    ] = None,
    label: Annotated[str | None, typer.Option(help="What the key is for.")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Create an API key. It is printed once and stored only as its hash."""
    try:
        parsed = parse_role(role)
    except RoleError as exc:
        fail(str(exc))
    people = Principals(open_store(db).engine)
    try:
        secret, info = people.create_key(parsed, user, label, actor=operator().name)
    except PrincipalError as exc:
        fail(str(exc))
    if as_json:
        print_json({"key": secret, **info.to_dict()})
        return
    sys.stdout.write(secret + "\n")
    err_console.print(
        f"key {info.prefix}… for {info.principal} ({info.role.value}); "
        "store it now: it cannot be shown again. Send it as 'Authorization: ApiKey KEY'.",
        highlight=False,
    )


@keys_app.command("list")
def list_keys(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Every key: prefix, owner, role, created, revoked."""
    infos = Principals(open_store(db).engine).list_keys()
    if as_json:
        print_json({"keys": [k.to_dict() for k in infos]})
        return
    table = Table(title="API keys", title_justify="left")
    for column in ("prefix", "user", "role", "label", "created", "revoked"):
        table.add_column(column)
    for key in infos:
        table.add_row(
            key.prefix,
            key.principal,
            key.role.value,
            key.label or "",
            key.created_at.strftime("%Y-%m-%d %H:%M"),
            key.revoked_at.strftime("%Y-%m-%d %H:%M") if key.revoked_at else "",
        )
    console.print(table)


@keys_app.command("revoke")
def revoke_key(
    prefix: Annotated[str, typer.Argument(help="The key's prefix, as `keys list` shows it.")],
    db: DbOption = None,
) -> None:
    """Revoke a key: its next use is refused."""
    if not Principals(open_store(db).engine).revoke_key(prefix, actor=operator().name):
        fail(f"no active key with prefix {prefix!r} (see `clearance keys list`)")
    console.print(f"revoked {prefix}")


@users_app.command("create")
def create_user(
    name: Annotated[str, typer.Argument(help="Login name.")],
    role: RoleOption,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Create a user who can log in to the analyst pages (asks for a password)."""
    try:
        parsed = parse_role(role)
    except RoleError as exc:
        fail(str(exc))
    password = _read_password(password_stdin)
    try:
        Principals(open_store(db).engine).create_user(name, parsed, password, operator().name)
    except PrincipalError as exc:
        fail(str(exc))
    console.print(f"created {name} ({parsed.value})")


@users_app.command("password")
def set_password(
    name: Annotated[str, typer.Argument(help="Login name.")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Set a user's page password."""
    password = _read_password(password_stdin)
    try:
        Principals(open_store(db).engine).set_password(name, password, operator().name)
    except PrincipalError as exc:
        fail(str(exc))
    console.print(f"password set for {name}")


def _read_password(from_stdin: bool) -> str:
    if from_stdin or not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    if not password:
        fail("empty password")
    if os.environ.get("CLEARANCE_ALLOW_WEAK_PASSWORD") is None and len(password) < 10:
        fail("a password needs at least 10 characters")
    return password
