"""The ``clearance`` application: wires the command groups together."""

from __future__ import annotations

from typing import Annotated

import typer

from clearance import __version__
from clearance.cli import access, audit, decide, demo, lists, monitoring, screen, serve
from clearance.cli.common import DbOption, JsonOption, console, fail, open_store, print_json
from clearance.cli.render import entity_view
from clearance.model.codec import to_dict

app = typer.Typer(
    name="clearance",
    help="Sanctions screening and enforcement: official lists, matching, decisions.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(lists.app, name="lists")
app.command("demo")(demo.demo)
app.command("compare")(screen.compare_command)
app.command("screen")(screen.screen_command)
app.command("decide")(decide.decide_command)
app.add_typer(monitoring.book_app, name="book")
app.command("monitor")(monitoring.monitor_command)
app.command("cases")(monitoring.cases_command)
app.add_typer(access.keys_app, name="keys")
app.add_typer(access.users_app, name="users")
app.add_typer(audit.app, name="audit")
app.command("serve")(serve.serve_command)


@app.command("entity")
def entity(
    ref: Annotated[str, typer.Argument(help="Entity id (ofac-27016) or publisher id (27016).")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show a listed entity as every loaded source publishes it."""
    store = open_store(db)
    found = store.entity(ref)
    if not found:
        fail(f"no entity {ref!r} in the loaded lists (see `clearance lists`)")
    if as_json:
        print_json(
            {
                "query": ref,
                "results": [
                    {
                        "source": item.snapshot.source,
                        "snapshot_id": item.snapshot.id,
                        "content_hash": item.snapshot.content_hash,
                        "caption": item.entity.caption,
                        "lists": list(item.entity.lists),
                        "programs": list(item.entity.programs),
                        "entity": to_dict(item.entity),
                    }
                    for item in found
                ],
            }
        )
        return
    for item in found:
        console.print(entity_view(item))


@app.command("version")
def version() -> None:
    """Print Clearance's version."""
    console.print(__version__)


def main() -> None:  # pragma: no cover - console script entry
    app()
