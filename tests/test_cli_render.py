"""The entity view prints list data as text: brackets in a published name or note are shown
as they are, never read as Rich markup (a name like "[bold]" must not vanish or restyle)."""

from __future__ import annotations

from datetime import UTC, datetime

from rich.console import Console

from clearance.cli.render import entity_view
from clearance.model import Entity, Name
from clearance.model.entity import Address, Schema
from clearance.store import StoredEntity
from clearance.store.snapshots import SnapshotInfo


def test_list_data_with_brackets_is_printed_literally() -> None:
    entity = Entity(
        id="test-1",
        schema=Schema.COMPANY,
        names=(Name("ACME [red]TRADING[/red] LLC"), Name("[bold]ACME[/]")),
        source="test",
        source_ref="1",
        addresses=(Address(full="Unit [3], Dubai"),),
        notes=("see [link=http://example.org]here[/link]",),
    )
    snapshot = SnapshotInfo(
        1, "test", "ofac-csv", "0" * 64, None, datetime.now(UTC), 1, {}, [], [], True
    )
    console = Console(record=True, width=160)
    console.print(entity_view(StoredEntity(entity, snapshot)))
    text = console.export_text()
    assert "ACME [red]TRADING[/red] LLC" in text
    assert "[bold]ACME[/]" in text
    assert "Unit [3], Dubai" in text
    assert "[link=http://example.org]here[/link]" in text
