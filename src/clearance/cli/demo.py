"""``clearance demo``: the main job on the bundled sample data, with nothing to download.

Loads the sample OFAC lists shipped in the package (the 2020 CAATSA case and a few dozen
other real listed parties) into a demo store, screens the bundled sample customers against
them, and decides the seed case's contexts: a payment to SSB passes, a payment to its
president is blocked, SSB's export licence is denied.
"""

from __future__ import annotations

import csv
import io
import json
from importlib import resources
from pathlib import Path

from rich.markup import escape
from rich.table import Table

from clearance.cli.common import DbOption, console, open_store, user_errors
from clearance.cli.render import load_results_table
from clearance.sources import open_list
from clearance.store.engine import clearance_home

SEED_DECISIONS = (
    ("payment", "Presidency of Defence Industries", "Organization", None),
    ("payment", "İsmail Demir", "Person", "1960"),
    ("export-licence", "PRESIDENCY OF DEFENSE INDUSTRIES", "Organization", None),
    ("visa", "Faruk Yiğit", "Person", None),
)


def sample_dir() -> Path:
    """The folder of bundled sample files inside the installed package."""
    return Path(str(resources.files("clearance") / "data" / "sample"))


def sample_list_paths() -> list[Path]:
    """The sample list files to load: one OFAC SDN set and one consolidated set."""
    folder = sample_dir()
    return [folder / "sdn.csv", folder / "cons_prim.csv"]


def demo(db: DbOption = None) -> None:
    """Load the bundled sample lists, screen the sample customers, decide the CAATSA case."""
    from clearance.enforcement.decide import Party, decide, parse_context
    from clearance.matching import Matcher
    from clearance.screening.batch import screen_file

    store = open_store(db or str(clearance_home() / "demo.db"))
    with user_errors():
        results = store.load([open_list(path) for path in sample_list_paths()])
    console.print(load_results_table(results))
    matcher = Matcher.from_store(store)

    customers = sample_dir() / "customers.csv"
    output = io.StringIO()
    summary = screen_file(matcher, customers, output, threshold=0.5, workers=1)
    console.print(_alerts_table(output.getvalue(), customers))
    console.print(
        f"{summary.screened} customers screened, {summary.rows_with_alerts} with alerts "
        f"({customers})",
        highlight=False,
    )

    table = Table(title="The 2020 CAATSA case: decisions", title_justify="left")
    for column in ("context", "party", "decision", "because"):
        table.add_column(column)
    for context, name, schema, born in SEED_DECISIONS:
        party = Party(name, "party", schema, birth_date=born)
        decision = decide(matcher, parse_context(context), [party])
        reasons = [
            f"{c.list_code} {c.measure_code} {c.measure_label}" for c in decision.binding
        ] or [f"{n['list']} {n['measure']}: {n['reason']}" for n in decision.not_binding[:1]]
        table.add_row(context, escape(name), decision.verdict.value, escape("\n".join(reasons)))
    console.print(table)
    console.print("Next: `clearance screen --name NAME`, `clearance decide CONTEXT --party NAME`.")


def _alerts_table(jsonl: str, customers: Path) -> Table:
    with customers.open(encoding="utf-8", newline="") as handle:
        names = {row["id"]: row["name"] for row in csv.DictReader(handle)}
    table = Table(title="Sample customers with alerts", title_justify="left")
    for column in ("customer", "name", "listed party", "score", "lists"):
        table.add_column(column)
    for line in jsonl.splitlines():
        row = json.loads(line)
        if not row["alerts"]:
            continue
        top = row["alerts"][0]
        table.add_row(
            str(row["id"]),
            escape(names.get(str(row["id"]), "")),
            escape(f"{top['entity_id']} {top['name']}"),
            f"{top['score']:.2f}",
            ", ".join(top["lists"]),
        )
    return table
