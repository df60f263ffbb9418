"""Readable Rich renderings of snapshots, load results, diffs and entities."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from clearance.model import Entity
from clearance.model.codec import to_dict
from clearance.model.countries import country_name
from clearance.store import LoadResult, SnapshotDiff, SnapshotInfo, StoredEntity


def _table(title: str, *columns: str, **options: Any) -> Table:
    """A table titled on the left with plain columns (``options`` go to :class:`Table`)."""
    table = Table(title=title, title_justify="left", **options)
    for column in columns:
        table.add_column(column)
    return table


def _lines_table(title: str, lines: Iterable[str]) -> Table:
    """A headerless one-column table, one line per row."""
    table = _table(title, "", show_header=False)
    for line in lines:
        table.add_row(escape(line))
    return table


def _more_caption(table: Table, shown: int, total: int) -> None:
    if total > shown:
        table.caption = f"… and {total - shown} more (use --json for all)"


def snapshots_table(infos: list[SnapshotInfo], title: str = "Loaded lists") -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("source", style="bold")
    table.add_column("snapshot", justify="right")
    table.add_column("entities", justify="right")
    table.add_column("by schema")
    table.add_column("published")
    table.add_column("loaded (UTC)")
    table.add_column("content hash")
    for info in infos:
        table.add_row(
            info.source,
            str(info.id) + ("" if info.current else " (old)"),
            f"{info.entity_count:,}",
            ", ".join(f"{k} {v:,}" for k, v in info.schema_counts.items()),
            info.published.isoformat() if info.published else "-",
            info.loaded_at.strftime("%Y-%m-%d %H:%M:%S"),
            info.content_hash[:12],
        )
    return table


def load_results_table(results: list[LoadResult]) -> Table:
    table = Table(title="Load", title_justify="left")
    table.add_column("source", style="bold")
    table.add_column("result")
    table.add_column("snapshot", justify="right")
    table.add_column("entities", justify="right")
    table.add_column("files")
    table.add_column("seconds", justify="right")
    for result in results:
        outcome = "[dim]unchanged[/]" if result.unchanged else "[green]loaded[/]"
        table.add_row(
            result.source,
            outcome,
            str(result.snapshot.id),
            f"{result.snapshot.entity_count:,}",
            ", ".join(result.snapshot.files),
            f"{result.seconds:.2f}",
        )
    return table


def diff_view(diff: SnapshotDiff, limit: int = 50) -> RenderableType:
    header = Text.assemble(
        (f"{diff.source}", "bold"),
        f": snapshot {diff.old.id} → {diff.new.id}   ",
        (f"+{len(diff.added)} added", "green"),
        "  ",
        (f"-{len(diff.removed)} removed", "red"),
        "  ",
        (f"~{len(diff.changed)} changed", "yellow"),
    )
    parts: list[RenderableType] = [header]
    if diff.added:
        parts.append(_id_table("added", diff.added, limit, "green"))
    if diff.removed:
        parts.append(_id_table("removed", diff.removed, limit, "red"))
    if diff.changed:
        table = _table("changed", "entity", "name", "changed fields", title_style="yellow")
        for change in diff.changed[:limit]:
            table.add_row(change.entity_id, change.caption, ", ".join(change.fields))
        _more_caption(table, limit, len(diff.changed))
        parts.append(table)
    return Group(*parts)


def _id_table(title: str, rows: list[tuple[str, str]], limit: int, style: str) -> Table:
    table = _table(title, "entity", "name", title_style=style)
    for entity_id, caption in rows[:limit]:
        table.add_row(entity_id, caption)
    _more_caption(table, limit, len(rows))
    return table


def _countries(codes: tuple[str, ...]) -> str:
    return ", ".join(f"{country_name(c)} ({c})" for c in codes)


def entity_view(stored: StoredEntity) -> Panel:
    entity, snapshot = stored.entity, stored.snapshot
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold dim")
    facts.add_column()
    facts.add_row(
        "id",
        escape(f"{entity.id}  ({entity.schema.value}, {entity.source} #{entity.source_ref})"),
    )
    facts.add_row(
        "snapshot", f"{snapshot.id} of {snapshot.source}, hash {snapshot.content_hash[:12]}"
    )
    _identity_rows(facts, entity)
    parts: list[RenderableType] = [facts, _names_table(entity)]
    if entity.designations:
        parts.append(_designations_table(entity))
    if entity.identifiers:
        parts.append(_identifiers_table(entity))
    if entity.addresses:
        parts.append(_lines_table("addresses", (a.text() for a in entity.addresses)))
    if entity.relationships:
        parts.append(_relationships_table(entity))
    if entity.notes or entity.unparsed:
        parts.append(_lines_table("notes", (*entity.notes, *entity.unparsed)))
    return Panel(Group(*parts), title=f"[bold]{escape(entity.caption)}[/]", title_align="left")


def _identity_rows(facts: Table, entity: Entity) -> None:
    rows = [
        ("titles", "; ".join(entity.titles)),
        ("gender", entity.gender.value if entity.gender else ""),
        ("born", ", ".join(str(d) for d in entity.birth_dates)),
        ("birth place", "; ".join(entity.birth_places)),
        ("nationality", _countries(entity.nationalities)),
        ("citizenship", _countries(entity.citizenships)),
        ("countries", _countries(entity.countries)),
    ]
    if entity.craft:
        craft = to_dict(entity.craft)
        rows.append(("craft", ", ".join(f"{k}: {v}" for k, v in craft.items())))
    for label, value in rows:
        if value:
            facts.add_row(label, escape(value))


def _names_table(entity: Entity) -> Table:
    table = _table("names", "kind", "name", "script / lang")
    for name in entity.names:
        table.add_row(
            name.kind.value,
            escape(name.value),
            " ".join(filter(None, [name.script, name.lang])),
        )
    return table


def _designations_table(entity: Entity) -> Table:
    table = _table("designations", "authority / list", "programs", "listed", "measures")
    for d in entity.designations:
        measures = "\n".join(
            escape(f"{m.code}  {m.label}")
            + (f"  [dim]({escape(m.legal_basis)})[/]" if m.legal_basis else "")
            for m in d.measures
        )
        table.add_row(
            f"{d.authority.value} {d.list_code.value}",
            escape("; ".join(d.programs)),
            str(d.listed_on) if d.listed_on else "",
            measures or "[dim]list default measures[/]",
        )
    return table


def _identifiers_table(entity: Entity) -> Table:
    table = _table("identifiers", "kind", "number", "country", "label / dates")
    for ident in entity.identifiers:
        dates = []
        if ident.issued:
            dates.append(f"issued {ident.issued}")
        if ident.expires:
            dates.append(f"expires {ident.expires}")
        table.add_row(
            ident.kind.value,
            escape(ident.number),
            ident.country or "",
            escape(" ".join(filter(None, [ident.label, *dates]))),
        )
    return table


def _relationships_table(entity: Entity) -> Table:
    table = _table("relationships", "relation", "party", "entity id")
    table.add_column("share", justify="right")
    for rel in entity.relationships:
        table.add_row(
            escape(rel.label or rel.kind.value),
            escape(rel.target_name or ""),
            rel.target_id or "[dim]not in loaded lists[/]",
            f"{rel.share_pct:g}%" if rel.share_pct is not None else "",
        )
    return table
