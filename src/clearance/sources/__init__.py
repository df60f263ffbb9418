"""Official sanctions list formats: detection from content, and streaming readers.

``open_list(path)`` finds the format of a file (or of a folder holding an OFAC CSV set) from
its content and returns a :class:`ListRead`. One module per publisher format owns its
parsing; this package only knows the registry.
"""

from __future__ import annotations

import importlib
from functools import cache
from pathlib import Path

from clearance.sources.base import ListFormat, ListRead, SourceError, head_bytes

__all__ = ["ListFormat", "ListRead", "SourceError", "formats", "open_list", "plan_reads"]

# Order matters only where two formats could both claim a file: the more specific first.
_FORMAT_MODULES = (
    "clearance.sources.ofac_advanced",
    "clearance.sources.ofac_xml",
    "clearance.sources.un_xml",
    "clearance.sources.eu_fsf",
    "clearance.sources.uk_sanctions_list",
    "clearance.sources.uk_ofsi_csv",
    "clearance.sources.ofac_csv",
    "clearance.sources.ftm_json",
)

# Files of an OFAC legacy CSV set that are read together with their main file.
OFAC_COMPANIONS = {
    "add.csv": "sdn.csv",
    "alt.csv": "sdn.csv",
    "sdn_comments.csv": "sdn.csv",
    "cons_add.csv": "cons_prim.csv",
    "cons_alt.csv": "cons_prim.csv",
    "cons_comments.csv": "cons_prim.csv",
}


@cache
def formats() -> tuple[ListFormat, ...]:
    """Every list format Clearance reads."""
    return tuple(importlib.import_module(name).FORMAT for name in _FORMAT_MODULES)


def format_named(name: str) -> ListFormat:
    for fmt in formats():
        if fmt.name == name:
            return fmt
    known = ", ".join(f.name for f in formats())
    raise SourceError(name, None, f"unknown format {name!r} (known: {known})")


def detect(path: Path) -> ListFormat:
    """The format of a list file, decided from its content."""
    if path.is_dir():
        return _detect_folder(path)
    if not path.exists():
        raise SourceError(path, None, "no such file")
    head = head_bytes(path)
    if not head.strip(b"\x00\x1a \r\n\t"):
        raise SourceError(path, 1, "the file is empty")
    for fmt in formats():
        if fmt.sniff(path, head):
            return fmt
    raise SourceError(path, 1, "unknown list format (not OFAC, UN, EU, UK or FollowTheMoney)")


def _detect_folder(folder: Path) -> ListFormat:
    names = {p.name.lower() for p in folder.iterdir()}
    if names & {"sdn.csv", "cons_prim.csv"}:
        return format_named("ofac-csv")
    raise SourceError(
        folder, None, "a folder is read only as an OFAC CSV set (sdn.csv or cons_prim.csv)"
    )


def plan_reads(paths: list[Path]) -> list[Path]:
    """The paths to read, with OFAC companion files folded into their set's main file.

    ``clearance lists load sdn.csv add.csv alt.csv sdn_comments.csv`` reads one set; a
    companion given without its main file is an error, since it is not a list on its own.
    """
    resolved = [p.expanduser().resolve() for p in paths]
    planned: list[Path] = []
    for path in resolved:
        main = OFAC_COMPANIONS.get(path.name.lower())
        if main is not None:
            main_path = _sibling(path, main)
            if main_path is None:
                raise SourceError(
                    path, None, f"this is part of an OFAC CSV set: load {main} (or its folder)"
                )
            if main_path in resolved or path.parent in resolved:
                continue
            path = main_path
        if path not in planned:
            planned.append(path)
    return planned


def _sibling(path: Path, name: str) -> Path | None:
    for candidate in path.parent.iterdir():
        if candidate.name.lower() == name:
            return candidate.resolve()
    return None


def open_list(path: Path, format_name: str | None = None) -> ListRead:
    """Open one list (a file, or a folder with an OFAC CSV set) for streaming."""
    fmt = format_named(format_name) if format_name else detect(path)
    return fmt.read(path)
