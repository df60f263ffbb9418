"""OFAC's 50 percent rule: entities blocked because blocked persons own half of them or more.

Owns the rule (OFAC FAQ 398-402): an entity owned 50 % or more **in the aggregate**, directly
or indirectly, by one or more blocked persons is itself blocked. Indirect ownership counts only
through entities that are themselves blocked, so the rule is a fixed point: start from the
blocked set, block every asset whose blocked owners hold 50 % or more between them, and repeat
until nothing changes. Ownership only — control does not pass the rule on.

Only blocking designations pass down (:func:`is_blocking`): SDN listings and UN / EU / UK asset
freezes block; OFAC's non-blocking menu lists (NS-MBS, SSI, CAPTA, NS-PLC, CMIC, FSE, NS-ISA)
do not, except that the CAATSA §235(a)(9) measure "BLOCKING PROPERTY AND INTERESTS IN
PROPERTY" blocks wherever it appears.

Also owns reading ownership records (a CSV ``owner_id,asset_id,share_pct`` or FtM
``Ownership`` entities) and reporting data problems (cycles, shares over 100 %, self
ownership, duplicates). Pure functions over plain data: no database, no matching.
"""

from __future__ import annotations

import csv
import logging
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clearance.enforcement.measures import is_blocking as designations_block
from clearance.model import Designation, Entity
from clearance.sources.base import InputFileError

log = logging.getLogger(__name__)

THRESHOLD_PCT = 50.0
_EPSILON = 1e-9  # float sums such as 25.1 + 24.9 must still reach 50
MAX_PATHS = 50  # derivation paths kept per blocked entity

# --- what blocks ----------------------------------------------------------------------------
# One definition, the measure catalogue's: a designation blocks when any measure it imposes
# (named, or its list's default: SDN always, UN/EU/UK asset freezes) is a blocking one.


def is_blocking_designation(designation: Designation) -> bool:
    """Whether one designation blocks the party's property and interests in property."""
    return designations_block((designation,))


def is_blocking(entity: Entity) -> bool:
    """Whether the entity is a blocked person, whose ownership passes the 50 % rule on."""
    return designations_block(entity.designations)


# --- records --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OwnershipRecord:
    """``owner_id`` holds ``share_pct`` percent of ``asset_id``."""

    owner_id: str
    asset_id: str
    share_pct: float
    source: str | None = None  # where the record came from: "owners.csv:12", an FtM id


class OwnershipInputError(InputFileError, ValueError):
    """An ownership file that cannot be read: names the file and, where known, the line."""


CSV_COLUMNS = ("owner_id", "asset_id", "share_pct")


def parse_share(text: str) -> float:
    """``"50"``, ``"50.5"``, ``"50 %"`` → a percentage in [0, 100]; ValueError otherwise."""
    cleaned = text.strip().removesuffix("%").strip()
    if not cleaned:
        raise ValueError("share is empty")
    try:
        share = float(cleaned)
    except ValueError:
        raise ValueError(f"share {text.strip()!r} is not a number") from None
    if not math.isfinite(share):
        raise ValueError(f"share {text.strip()!r} is not a finite number")
    if share < 0:
        raise ValueError(f"share {text.strip()!r} is negative")
    if share > 100:
        raise ValueError(f"share {text.strip()!r} is over 100")
    return share


def read_ownership_csv(path: Path) -> list[OwnershipRecord]:
    """Records from a CSV with the header ``owner_id,asset_id,share_pct`` (extra columns kept
    out); raises :class:`OwnershipInputError` naming the line of the first bad row."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return _read_csv_rows(path, csv.reader(handle))
    except UnicodeDecodeError as exc:
        raise OwnershipInputError(path, None, f"not UTF-8 text ({exc.reason})") from exc
    except csv.Error as exc:
        raise OwnershipInputError(path, None, f"broken CSV: {exc}") from exc
    except OSError as exc:
        raise OwnershipInputError(path, None, exc.strerror or str(exc)) from exc


def _read_csv_rows(path: Path, reader: Any) -> list[OwnershipRecord]:
    header = next(reader, None)
    if header is None:
        raise OwnershipInputError(
            path, 1, "empty file: expected the header " + ",".join(CSV_COLUMNS)
        )
    columns = [h.strip().lower() for h in header]
    missing = [c for c in CSV_COLUMNS if c not in columns]
    if missing:
        raise OwnershipInputError(path, 1, f"header lacks {', '.join(missing)}")
    index = {c: columns.index(c) for c in CSV_COLUMNS}
    out: list[OwnershipRecord] = []
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        out.append(_csv_record(path, line, row, index))
    return out


def _csv_record(path: Path, line: int, row: list[str], index: Mapping[str, int]) -> OwnershipRecord:
    values = {c: row[i].strip() if i < len(row) else "" for c, i in index.items()}
    for column in CSV_COLUMNS:
        if not values[column]:
            raise OwnershipInputError(path, line, f"missing {column}")
    try:
        share = parse_share(values["share_pct"])
    except ValueError as exc:
        raise OwnershipInputError(path, line, str(exc)) from None
    return OwnershipRecord(values["owner_id"], values["asset_id"], share, f"{path.name}:{line}")


def ownership_from_ftm(
    entities: Iterable[Mapping[str, Any]], skipped: list[Mapping[str, Any]] | None = None
) -> list[OwnershipRecord]:
    """Records from FtM ``Ownership`` entities (``owner``, ``asset``, ``percentage``).

    Other schemata are ignored. An Ownership without a usable percentage, owner or asset is
    skipped: logged, and appended to ``skipped`` when given."""
    out: list[OwnershipRecord] = []
    for entity in entities:
        if entity.get("schema") != "Ownership":
            continue
        record, reason = _ftm_record(entity)
        if record is None:
            log.warning("skipped FtM Ownership %s: %s", entity.get("id"), reason)
            if skipped is not None:
                skipped.append(entity)
            continue
        out.append(record)
    return out


def _ftm_record(entity: Mapping[str, Any]) -> tuple[OwnershipRecord | None, str]:
    props = entity.get("properties") or {}
    owner = _first_id(props.get("owner"))
    asset = _first_id(props.get("asset"))
    if owner is None or asset is None:
        return None, "no owner or no asset"
    texts = [str(v) for v in props.get("percentage") or () if str(v).strip()]
    if not texts:
        return None, "no percentage"
    try:
        share = parse_share(texts[0])
    except ValueError as exc:
        return None, str(exc)
    source = entity.get("id")
    return OwnershipRecord(owner, asset, share, str(source) if source else None), ""


def _first_id(values: Any) -> str | None:
    """The first id of an FtM entity property (plain ids or nested entity dicts)."""
    if isinstance(values, str | Mapping):
        values = [values]
    for value in values or ():
        if isinstance(value, Mapping):
            value = value.get("id")
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


# --- results --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OwnershipPath:
    """How blocking reaches an asset: ``(owner, asset, share)`` steps from a blocked root,
    each intermediate owner itself blocked."""

    steps: tuple[tuple[str, str, float], ...]

    @property
    def root(self) -> str:
        """The originally blocked person the path starts from."""
        return self.steps[0][0]

    @property
    def asset(self) -> str:
        return self.steps[-1][1]

    @property
    def owner(self) -> str:
        """The blocked direct owner of the asset."""
        return self.steps[-1][0]

    @property
    def contribution(self) -> float:
        """What the path adds to the asset's aggregate: the direct owner's whole share (a
        blocked intermediary's holding counts in full, it is not diluted)."""
        return self.steps[-1][2]

    @property
    def look_through_pct(self) -> float:
        """The root's economic share of the asset through this path (the product of shares),
        for information; the rule does not use it."""
        return math.prod(share / 100 for _, _, share in self.steps) * 100

    def ids(self) -> tuple[str, ...]:
        return (self.steps[0][0], *(asset for _, asset, _ in self.steps))


@dataclass(frozen=True, slots=True)
class DerivedBlock:
    """An entity blocked by the 50 % rule."""

    entity_id: str
    aggregate_pct: float  # sum of the shares its blocked direct owners hold
    paths: tuple[OwnershipPath, ...]  # how blocking reached it, from the blocked roots
    blocked_owners: tuple[str, ...]  # its blocked direct owners (roots or derived)


@dataclass(frozen=True, slots=True)
class OwnershipIssue:
    """A problem in the ownership data: ``cycle``, ``over_100``, ``self_owned``,
    ``duplicate`` or ``paths_truncated``."""

    kind: str
    entity_ids: tuple[str, ...]
    detail: str


@dataclass(frozen=True, slots=True)
class OwnershipResult:
    """Derived blocks by entity id (roots are not in it) and data issues, sorted."""

    blocked: dict[str, DerivedBlock]
    issues: tuple[OwnershipIssue, ...]

    def is_blocked(self, entity_id: str) -> bool:
        """Whether the rule blocks ``entity_id`` (the originally blocked are not included)."""
        return entity_id in self.blocked


# --- the rule -------------------------------------------------------------------------------

Holdings = dict[str, dict[str, float]]  # asset → owner → summed share


def derive_blocked(
    records: Iterable[OwnershipRecord], blocked_ids: Iterable[str]
) -> OwnershipResult:
    """Apply the 50 % rule to ``records`` from the blocked persons ``blocked_ids``."""
    records = list(records)
    roots = frozenset(blocked_ids)
    holdings, issues = _holdings(records)
    issues += _cycles(holdings)
    rank = _fixed_point(holdings, roots)
    blocked: dict[str, DerivedBlock] = {}
    paths_of: dict[str, tuple[OwnershipPath, ...]] = {}
    for asset in sorted(rank, key=lambda a: (rank[a], a)):
        if rank[asset] == 0:
            continue
        owners = {o: s for o, s in holdings[asset].items() if o in rank and s > 0}
        paths, truncated = _paths(asset, holdings[asset], rank, paths_of)
        paths_of[asset] = paths
        if truncated:
            detail = f"{asset}: only the first {MAX_PATHS} ownership paths are kept"
            issues.append(OwnershipIssue("paths_truncated", (asset,), detail))
        blocked[asset] = DerivedBlock(
            entity_id=asset,
            aggregate_pct=round(math.fsum(owners.values()), 9),
            paths=paths,
            blocked_owners=tuple(sorted(owners)),
        )
    ordered = dict(sorted(blocked.items()))
    return OwnershipResult(ordered, tuple(sorted(issues, key=_issue_key)))


def _issue_key(issue: OwnershipIssue) -> tuple[str, tuple[str, ...], str]:
    return (issue.kind, issue.entity_ids, issue.detail)


def _holdings(records: list[OwnershipRecord]) -> tuple[Holdings, list[OwnershipIssue]]:
    """Shares summed per (asset, owner), with self ownership, duplicates and over-100 totals
    reported. Self ownership never counts."""
    shares: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    issues: list[OwnershipIssue] = []
    for record in records:
        if record.owner_id == record.asset_id:
            detail = f"{record.asset_id} is recorded as owning {record.share_pct:g}% of itself"
            issues.append(OwnershipIssue("self_owned", (record.asset_id,), detail))
            continue
        shares[record.asset_id][record.owner_id].append(record.share_pct)
    # fsum is exact, so the result does not depend on the order of the records
    holdings = {a: {o: math.fsum(v) for o, v in owners.items()} for a, owners in shares.items()}
    for asset, owners in sorted(shares.items()):
        for owner, parts in sorted(owners.items()):
            if len(parts) > 1:
                share = holdings[asset][owner]
                detail = f"{owner} holds {asset} in {len(parts)} records, summed to {share:g}%"
                issues.append(OwnershipIssue("duplicate", (owner, asset), detail))
    for asset, owners in sorted(holdings.items()):
        total = math.fsum(owners.values())
        if total > 100 + _EPSILON:
            detail = f"owners of {asset} hold {total:g}% in total"
            issues.append(OwnershipIssue("over_100", (asset, *sorted(owners)), detail))
    return holdings, issues


def _fixed_point(holdings: Holdings, roots: frozenset[str]) -> dict[str, int]:
    """Every blocked id with the round it became blocked in (0 for the roots).

    Each round blocks the assets whose owners blocked before the round hold ≥ 50 % between
    them; the blocked set only grows and is bounded by the assets, so the loop terminates
    whatever cycles the data holds."""
    rank = dict.fromkeys(roots, 0)
    level = 0
    while True:
        level += 1
        joined = [
            asset
            for asset, owners in holdings.items()
            if asset not in rank
            and math.fsum(s for o, s in owners.items() if o in rank) >= THRESHOLD_PCT - _EPSILON
        ]
        if not joined:
            return rank
        for asset in joined:
            rank[asset] = level


def _paths(
    asset: str,
    owners: Mapping[str, float],
    rank: Mapping[str, int],
    paths_of: Mapping[str, tuple[OwnershipPath, ...]],
) -> tuple[tuple[OwnershipPath, ...], bool]:
    """Derivation paths of ``asset``: through its owners blocked in earlier rounds (so paths
    never loop), each extended by the owner's own paths."""
    found: list[OwnershipPath] = []
    for owner in sorted(owners):
        share = owners[owner]
        if owner not in rank or rank[owner] >= rank[asset] or share <= 0:
            continue
        step = (owner, asset, share)
        if rank[owner] == 0:
            found.append(OwnershipPath((step,)))
        else:
            found.extend(OwnershipPath((*p.steps, step)) for p in paths_of[owner])
    found.sort(key=lambda p: p.steps)
    return tuple(found[:MAX_PATHS]), len(found) > MAX_PATHS


def _cycles(holdings: Holdings) -> list[OwnershipIssue]:
    """One ``cycle`` issue per strongly connected group of entities owning each other."""
    graph: dict[str, list[str]] = defaultdict(list)
    for asset, owners in holdings.items():
        for owner in owners:
            graph[owner].append(asset)
    issues = []
    for component in _strongly_connected(graph):
        if len(component) > 1:
            ids = tuple(sorted(component))
            detail = "ownership cycle: " + " ↔ ".join(ids)
            issues.append(OwnershipIssue("cycle", ids, detail))
    return issues


def _strongly_connected(graph: Mapping[str, list[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative (ownership chains can be deep)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
    return components
