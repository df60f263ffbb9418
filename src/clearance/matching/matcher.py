"""The matcher: screens a query against every loaded list and ranks what it finds.

``Matcher.from_store`` builds the index over the current snapshot of every source, or loads it
from ``$CLEARANCE_HOME/index/`` where it was saved for exactly those snapshots (the file name
is a hash of their content hashes and of the code that builds it), so start-up after the
first build is a file read.
"""

from __future__ import annotations

import gc
import hashlib
import math
import os
import pickle
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from clearance.matching.evidence import gather, most_support
from clearance.matching.forms import NameForm, name_forms
from clearance.matching.index import IndexedEntity, MatchIndex
from clearance.matching.query import Query
from clearance.matching.score import Score, best_pair, combine
from clearance.matching.stats import TokenStats
from clearance.matching.thresholds import DEFAULT_THRESHOLD, REVIEW_THRESHOLD
from clearance.model import Designation, Entity

INDEX_FORMAT = "clearance-index-1"
CANDIDATES = 20  # results a yente-style /match returns by default
KEEP_INDEXES = 4  # saved indexes kept in the cache folder (the most recently used)


@dataclass(frozen=True)
class MatchResult:
    entity_id: str
    caption: str
    schema: str
    score: float
    match: bool
    lists: tuple[str, ...]
    programs: tuple[str, ...]
    explanation: dict[str, object]
    designations: tuple[Designation, ...] = ()
    source: str = ""
    snapshot_hash: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "entity_id": self.entity_id,
            "name": self.caption,
            "schema": self.schema,
            "score": round(self.score, 4),
            "match": self.match,
            "lists": list(self.lists),
            "programs": list(self.programs),
            "source": self.source,
            "snapshot_hash": self.snapshot_hash,
            "explanation": self.explanation,
        }


class Matcher:
    """Screens queries against an index of listed entities."""

    def __init__(
        self,
        index: MatchIndex,
        threshold: float = DEFAULT_THRESHOLD,
        snapshots: dict[str, str] | None = None,
    ) -> None:
        self.index = index
        self.threshold = threshold
        self.snapshots = snapshots or {}  # source -> content hash of the snapshot indexed

    @property
    def stats(self) -> TokenStats:
        return self.index.stats

    @classmethod
    def from_entities(cls, entities: Iterable[Entity]) -> Matcher:
        return cls(MatchIndex.build(entities))

    @classmethod
    def from_store(cls, store, cache_dir: Path | None = None) -> Matcher:  # type: ignore[no-untyped-def]
        """Index the current snapshots of ``store`` (a :class:`clearance.store.Store`)."""
        return cls.from_snapshots(store, store.current(), cache_dir)

    @classmethod
    def from_snapshots(cls, store, snapshots, cache_dir: Path | None = None) -> Matcher:  # type: ignore[no-untyped-def]
        """Index the given snapshots of ``store`` (current or past: replaying a decision).

        The index is saved under a hash of the snapshots' content and of the matching code,
        so the next start-up with the same lists loads it instead of building it."""
        digest = hashlib.sha256(INDEX_FORMAT.encode())
        digest.update(_code_fingerprint().encode())
        for snapshot in sorted(snapshots, key=lambda s: s.source):
            digest.update(f"{snapshot.source}:{snapshot.content_hash}".encode())
        folder = cache_dir or _index_dir()
        path = folder / f"{digest.hexdigest()[:32]}.pickle"
        hashes = {s.source: s.content_hash for s in snapshots}
        if path.exists():
            os.utime(path)  # recently used: kept when older indexes are pruned
            with path.open("rb") as handle:
                enabled = gc.isenabled()
                gc.disable()  # unpickling allocates the whole index at once: nothing to collect
                try:
                    return cls(pickle.load(handle), snapshots=hashes)
                finally:
                    if enabled:
                        gc.enable()
        index = MatchIndex.build(store.iter_snapshot_entities([s.id for s in snapshots]))
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".tmp") as handle:
            pickle.dump(index, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
        _prune(folder, keep=path)
        return cls(index, snapshots=hashes)

    def match(
        self,
        query: Query,
        limit: int = 10,
        threshold: float | None = None,
    ) -> list[MatchResult]:
        """Listed entities scoring at or above ``threshold`` (default: the review threshold).

        Each candidate is scored on the pairs of forms the index says share keys, which is
        where the best alignment lies.
        """
        floor = REVIEW_THRESHOLD if threshold is None else threshold
        hopeless = name_floor(query, floor)
        query_forms = _query_forms(query)
        all_forms = self.index.forms
        results: list[MatchResult] = []
        candidates = self.index.candidates(query_forms, floor=hopeless, schema=query.schema)
        for position, pairs in candidates:
            name = best_pair([(query_forms[q], all_forms[f]) for f, q in pairs], self.index.stats)
            if name is None or name.log_odds < hopeless:
                continue
            entity = self.index.entities[position]
            scored = combine(name, gather(query, entity.facts, entity.schema))
            if scored.value >= floor:
                results.append(self._result(entity, scored))
        results.sort(key=lambda r: -r.score)
        return results[:limit]

    def warm_up(self) -> None:
        """Run a query of each kind of party through every stage, so that what is built on
        first use (romanisation tables, per-thread scratch arrays, schema masks) exists
        before worker processes fork from this one, or before a first customer waits."""
        for schema in ("Person", "LegalEntity"):
            self.index.forms_compatible(schema)
            self.match(Query("Wang Warm-Up", schema=schema))

    def _result(self, entity: IndexedEntity, scored: Score) -> MatchResult:
        return MatchResult(
            entity.id,
            entity.caption,
            entity.schema,
            scored.value,
            scored.value >= self.threshold,
            entity.lists,
            entity.programs,
            scored.explanation(self.threshold),
            entity.designations,
            entity.source,
            self.snapshots.get(entity.source),
        )


def _prune(folder: Path, keep: Path) -> None:
    """Delete all but the KEEP_INDEXES most recently used saved indexes: every list load
    or upgrade saves a new one, and the old ones would pile up (tens of MB each, GBs at a
    million entities). A pruned one is rebuilt if its snapshots are ever indexed again."""
    saved = []
    for path in folder.glob("*.pickle"):
        try:
            saved.append((path.stat().st_mtime, path))
        except FileNotFoundError:
            continue  # pruned meanwhile by another process
    saved.sort(reverse=True)
    for _, path in saved[KEEP_INDEXES:]:
        if path != keep:
            path.unlink(missing_ok=True)


def name_floor(query: Query, floor: float) -> float:
    """The name log-odds below which a listed entity cannot reach ``floor`` even if every
    piece of evidence the query carries agrees: its evidence is not gathered, and the
    candidate stage need not bring it (the results are the same)."""
    return _log_odds(floor) - most_support(query)


def _log_odds(probability: float) -> float:
    if probability <= 0.0:
        return -math.inf
    if probability >= 1.0:
        return math.inf
    return math.log(probability / (1.0 - probability))


def _query_forms(query: Query) -> list[NameForm]:
    return name_forms(query.name, query.schema)


@cache
def _code_fingerprint() -> str:
    """A hash of the code an index depends on, so a saved index never outlives its code."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for folder in ("names", "matching"):
        for path in sorted((package / folder).glob("*.py")):
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _index_dir() -> Path:
    home = os.environ.get("CLEARANCE_HOME") or Path.home() / ".clearance"
    return Path(home).expanduser() / "index"
