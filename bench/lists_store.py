"""The benchmarks' list store: every real list loaded once, reused across runs.

``all_lists_matcher(shared)`` loads OFAC SDN 2024, OFAC consolidated 2025, UN 2026 and UK 2018
into ``bench/results/lists.db`` (a no-op when already loaded) and returns a Matcher over them;
its index is cached next to the store.
"""

from __future__ import annotations

from pathlib import Path

from clearance.matching import Matcher
from clearance.sources import open_list
from clearance.store import Store

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
ALL_LISTS = (
    "lists/ofac-sdn-2024/sdn.csv",
    "lists/ofac-cons-2025",
    "lists/un-2026/UN_consolidated.xml",
    "lists/uk-ofsi-2018/sanctionsconlist.csv",
)


def all_lists_store(shared: Path) -> Store:
    missing = [p for p in ALL_LISTS if not (shared / p).exists()]
    if missing:
        raise SystemExit(f"skipped: {shared / missing[0]} not found (needs ../shared/data)")
    RESULTS.mkdir(parents=True, exist_ok=True)
    store = Store(str(RESULTS / "lists.db"))
    store.load([open_list(shared / p) for p in ALL_LISTS])
    return store


def all_lists_matcher(shared: Path) -> Matcher:
    return Matcher.from_store(all_lists_store(shared), cache_dir=RESULTS / "index")
