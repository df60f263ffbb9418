"""Streaming XML for the list parsers: root sniffing, ``iterparse`` with clearing, errors.

Owns how every XML list format (UN, EU FSF, UK Sanctions List, OFAC legacy and advanced)
touches lxml:

- :func:`xml_root`: the root element's local name and start tag from a file's first bytes,
  for ``sniff`` (skips a BOM, the XML declaration, comments and a DOCTYPE);
- :func:`iter_events`: ``lxml.etree.iterparse`` without entity resolution, network access
  or comments, its ``XMLSyntaxError`` raised as :class:`SourceError` with the line
  (``malformed XML: ...``) and an unreadable file as ``cannot read: ...``;
- :func:`iter_elements`: the complete elements with the given tags, each freed with
  :func:`release` (cleared, and its earlier siblings deleted) once the consumer moves on;
- :func:`root_attributes`: the root's local name and attributes, reading only the start;
- :func:`local_name`: ``{namespace}tag`` → ``tag`` (formats are matched by local name).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from clearance.sources.base import SourceError

_ROOT_TAG = re.compile(rb"<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)([^>]*)>?", re.DOTALL)
_PROLOG = re.compile(rb"\s*(<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)", re.DOTALL)


def xml_root(head: bytes) -> tuple[str, bytes] | None:
    """The root element's local name and the rest of its start tag, from a file's first bytes."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode()
    head = head.removeprefix(b"\xef\xbb\xbf")
    pos = 0
    while m := _PROLOG.match(head, pos):
        pos = m.end()
    while pos < len(head) and head[pos : pos + 1].isspace():
        pos += 1
    m = _ROOT_TAG.match(head, pos)
    if not m or head[pos : pos + 1] != b"<":
        return None
    return m.group(2).decode("ascii", errors="replace"), m.group(3)


_LOCAL_NAMES: dict[str, str] = {}


def local_name(tag: object) -> str:
    """The local name of an element tag (``{ns}sdnEntry`` → ``sdnEntry``); "" for comments."""
    if not isinstance(tag, str):
        return ""
    name = _LOCAL_NAMES.get(tag)
    if name is None:
        name = _LOCAL_NAMES[tag] = tag.rpartition("}")[2]
    return name


def _syntax_error(path: Path, exc: etree.XMLSyntaxError) -> SourceError:
    line = exc.lineno if exc.lineno else None
    message = (exc.msg or str(exc)).strip() or "malformed XML"
    return SourceError(path, line, f"malformed XML: {message}")


def iter_events(
    path: Path, events: tuple[str, ...] = ("end",), tags: tuple[str, ...] | None = None
) -> Iterator[tuple[str, etree._Element]]:
    """``(event, element)`` pairs of ``iterparse``; bad XML or I/O raise :class:`SourceError`.

    Nothing is freed here: callers that keep going through the file :func:`release` what they
    are done with (or use :func:`iter_elements`).
    """
    try:
        yield from etree.iterparse(
            str(path),
            events=events,
            tag=tags,
            resolve_entities=False,
            no_network=True,
            remove_comments=True,
        )
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(path, exc) from exc
    except OSError as exc:
        raise SourceError(path, None, f"cannot read: {exc}") from exc


def release(element: etree._Element) -> None:
    """Free a processed element and the siblings before it (the ``iterparse`` memory idiom)."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def iter_elements(path: Path, *tags: str) -> Iterator[etree._Element]:
    """Stream the elements named ``tags`` (complete, at their end tag), freeing each after use."""
    for _event, element in iter_events(path, ("end",), tags):
        yield element
        release(element)


def root_attributes(path: Path) -> tuple[str, dict[str, str]]:
    """Local name and attributes of the root element, reading only the file's start."""
    for _event, element in iter_events(path, ("start",)):
        return local_name(element.tag), dict(element.attrib)
    raise SourceError(path, None, "empty XML document")
