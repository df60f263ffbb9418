"""``clearance demo``: the main job on the bundled sample data, with nothing to download.

Loads the sample OFAC lists shipped in the package (the 2020 CAATSA case and a few dozen
other real listed parties) into a demo store and shows what was loaded and the CAATSA parties.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from clearance.cli.common import DbOption, console, open_store, user_errors
from clearance.cli.render import entity_view, load_results_table, snapshots_table
from clearance.sources import open_list
from clearance.store.engine import clearance_home

CAATSA_PARTIES = ("27016", "27018")


def sample_dir() -> Path:
    """The folder of bundled sample files inside the installed package."""
    return Path(str(resources.files("clearance") / "data" / "sample"))


def sample_list_paths() -> list[Path]:
    """The sample list files to load: one OFAC SDN set and one consolidated set."""
    folder = sample_dir()
    return [folder / "sdn.csv", folder / "cons_prim.csv"]


def demo(db: DbOption = None) -> None:
    """Load the bundled sample lists and show the 2020 CAATSA (S-400) parties."""
    store = open_store(db or str(clearance_home() / "demo.db"))
    with user_errors():
        results = store.load([open_list(path) for path in sample_list_paths()])
    console.print(load_results_table(results))
    console.print(snapshots_table(store.current()))
    for ref in CAATSA_PARTIES:
        for item in store.entity(ref):
            console.print(entity_view(item))
    console.print(
        f"Sample customers for batch screening: {sample_dir() / 'customers.csv'}",
        highlight=False,
    )
