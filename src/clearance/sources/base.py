"""What every list parser provides: a format name, content sniffing, and a streaming read.

A parser module defines a :class:`ListFormat` instance. ``sniff`` looks at a file's first
bytes (and, for file sets such as OFAC's legacy CSV, its siblings) and says whether the file
is its format; ``read`` returns a :class:`ListRead` whose ``entities`` iterator streams
:class:`~clearance.model.Entity` records without holding the whole list in memory (beyond the
joins a format needs, such as OFAC addresses and aliases keyed by entity number).

Bad input raises :class:`SourceError` naming the file and line, never a bare traceback.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from clearance.model import Entity

SNIFF_BYTES = 8192


class InputFileError(Exception):
    """A file that cannot be read: names the file and, where known, the line."""

    def __init__(self, path: Path | str, line: int | None, reason: str) -> None:
        self.path = Path(path)
        self.line = line
        self.reason = reason
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path.name} line {self.line}" if self.line else self.path.name
        return f"{where}: {self.reason}"


class SourceError(InputFileError):
    """A list file that cannot be read: names the file and, where known, the line."""


@dataclass
class ListRead:
    """One list as a parser reads it: where it came from and its entities, streamed."""

    format: str  # "ofac-csv", "ofac-xml", "ofac-advanced", "un-xml", "eu-fsf", ...
    source: str  # the store's source name: "ofac-sdn", "ofac-cons", "un-sc", "eu-fsf" ...
    files: tuple[Path, ...]  # every file the read uses, for the content hash
    entities: Iterator[Entity] | Iterable[Entity]
    published: date | None = None
    title: str | None = None
    warnings: list[str] = field(default_factory=list)

    def content_hash(self) -> str:
        """SHA-256 over the bytes of all files of the read, in a stable order."""
        return files_hash(self.files)


@dataclass(frozen=True)
class ListFormat:
    """A list file format: how to recognise it and how to read it."""

    name: str
    description: str
    sniff: Callable[[Path, bytes], bool]
    read: Callable[[Path], ListRead]


def files_hash(paths: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths, key=lambda p: p.name):
        digest.update(path.name.encode())
        digest.update(b"\0")
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
        digest.update(b"\0")
    return digest.hexdigest()


def head_bytes(path: Path, size: int = SNIFF_BYTES) -> bytes:
    with path.open("rb") as handle:
        return handle.read(size)
