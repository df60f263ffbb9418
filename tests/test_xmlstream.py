"""The streaming XML helpers every XML list parser uses (clearance.sources.xmlstream)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clearance.sources import ofac_advanced, ofac_xml
from clearance.sources.base import SourceError
from clearance.sources.xmlstream import (
    iter_elements,
    iter_events,
    local_name,
    root_attributes,
    xml_root,
)
from conftest import shared_path


@pytest.mark.parametrize(
    ("head", "root"),
    [
        (b'<?xml version="1.0"?>\n<!-- c -->\n<sdnList xmlns="x">', "sdnList"),
        (b"\xef\xbb\xbf<ns:Sanctions xmlns:ns='u'>", "Sanctions"),
        ('<?xml version="1.0" encoding="UTF-16"?><export a="1">'.encode("utf-16"), "export"),
        (b"<!DOCTYPE x>\n  <CONSOLIDATED_LIST dateGenerated='2026'>", "CONSOLIDATED_LIST"),
        (b"not xml <sdnList>", None),
        (b"", None),
    ],
)
def test_xml_root(head: bytes, root: str | None) -> None:
    found = xml_root(head)
    assert (found[0] if found else None) == root


@settings(max_examples=200)
@given(st.binary(max_size=300))
def test_xml_root_never_crashes(head: bytes) -> None:
    found = xml_root(head)
    assert found is None or isinstance(found[0], str)


def test_iter_elements_streams_and_frees(tmp_path: Path) -> None:
    path = tmp_path / "list.xml"
    path.write_text(
        "<list><!-- skipped --><item n='1'><v>a</v></item><item n='2'/><other/>"
        "<x:item xmlns:x='urn:x' n='3'/></list>"
    )
    seen = []
    root = None
    for element in iter_elements(path, "{*}item"):
        seen.append((local_name(element.tag), element.get("n"), element.findtext("v")))
        root = element.getparent()
    assert seen == [("item", "1", "a"), ("item", "2", None), ("item", "3", None)]
    assert root is not None and len(root) == 1  # each element freed with the ones before it
    assert root_attributes(path) == ("list", {})


def test_errors_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "cut.xml"
    path.write_text("<list>\n<item/>\n<item>\n")
    with pytest.raises(SourceError) as error:
        list(iter_elements(path, "item"))
    assert error.value.line == 4
    assert error.value.reason.startswith("malformed XML: ")
    with pytest.raises(SourceError, match="cannot read"):
        list(iter_events(tmp_path / "missing.xml"))
    with pytest.raises(SourceError, match="cannot read"):
        root_attributes(tmp_path / "missing.xml")


def test_ofac_readers_report_bad_xml_as_source_errors(tmp_path: Path) -> None:
    """The OFAC formats go through the same helper: line numbers, and no raw OSError."""
    sample = shared_path("formats", "ofac_sdn_xml_sample.xml").read_bytes()
    cut = tmp_path / "sdn.xml"
    cut.write_bytes(sample[: len(sample) // 2])
    with pytest.raises(SourceError) as error:
        list(ofac_xml.read(cut).entities)
    assert error.value.line is not None and error.value.line > 1
    assert "malformed XML" in error.value.reason
    for reader in (ofac_xml.read, ofac_advanced.read):
        with pytest.raises(SourceError, match="cannot read"):
            reader(tmp_path / "missing.xml")
