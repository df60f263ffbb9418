"""OFAC legacy CSV file sets: the SDN list (sdn/add/alt/sdn_comments.csv) and the consolidated
non-SDN list (cons_prim/cons_add/cons_alt/cons_comments.csv).

The files have no header, CRLF line ends, ``-0-`` (often ``-0- ``) for an empty value, a
0x1A byte at the end, and are UTF-8 (in practice plain ASCII: every byte of the 2021, 2024
and 2025 files is below 0x80). A byte sequence that is not UTF-8 is a :class:`SourceError`
naming the line — we do not guess a code page, since a mis-decoded name is worse than a
refused file. The main file's Remarks column is cut at 1,000 characters and continues with
no separator in the comments file; the two are joined. Addresses and aliases (small) are
loaded into dicts keyed by entity number first; the main file is then streamed.

Mapping:

- ``ent_num`` → ``Entity.id`` ``ofac-{ent_num}`` and ``source_ref``.
- ``SDN_Type`` individual/vessel/aircraft → Person/Vessel/Aircraft; ``-0-`` → Organization.
  OFAC does not say whether a non-person party is a company, a government body or a
  group, so the generic FtM ``Organization`` is used, as FtM does for OFAC entities.
- ``SDN_Name`` → the primary name as published; for people ``family``/``given`` are split
  at the first comma (``DEMIR, Ismail``). alt.csv rows → aka/fka/nka names (two rows of
  the 2021 alt.csv repeat a name of the same entity and kind; names are kept once).
  ``a.k.a. '...'`` items of the Remarks are OFAC's weak aliases → ``NameKind.WEAK``.
- ``Title`` → ``titles``; vessel columns → :class:`CraftParticulars` and a call-sign
  identifier; Remarks → :func:`clearance.sources.ofac_remarks.parse_remarks`.
- add.csv → :class:`Address` (``city`` = the published "city/state/zip" text); rows whose
  fields are all ``-0-`` (OFAC writes one for entities without an address) are skipped and
  only counted in :class:`SidecarStats`.

Designations. In the SDN file every entry gets an ``SDN`` designation with all its programs.
In the consolidated file the list follows from the programs and remarks (table measured on
the 442 entries of the 2025 file):

=======================================================  =========  ============
Evidence                                                 List       Entries 2025
=======================================================  =========  ============
program ``UKRAINE-EO13662`` / EO 13662 directive items   SSI        286
program ``NS-PLC`` (also ``SDGT] [NS-PLC``)              NS-PLC     78
program ``CMIC-EO13959`` / dated items ``(CMIC)``        CMIC       68
EO 14024 directive items (text or dated)                 NS-MBS     25
program ``CAATSA - RUSSIA`` / CAATSA measures (27016)    NS-MBS     1
program ``BURMA-EO14014`` / EO 14014 directive (46072)   NS-MBS     1
program ``ILLICIT-DRUGS-EO14059`` / EO 14059 (50476)     NS-MBS     1
program ``561-Related`` / the CAPTA remark (15268)       CAPTA      1
program ``FSE-*`` (older files)                          FSE        0
nothing of the above                                     OFAC-CONS  0
=======================================================  =========  ============

19 entries are on both SSI and NS-MBS, so the 442 entries carry 461 designations.

``RUSSIA-EO14024`` on its own says nothing: most consolidated entries carry it because the
same party is also an SDN. An entry on several lists gets one designation per list (VTB:
SSI for EO 13662 Directive 1, and in the SDN file also SDN); directive measures go to the
designation of their list, other measures and unassigned programs to the first one. In the
SDN file, EO 13662 / EO 14024 / EO 14014 directive measures likewise make an SSI or NS-MBS
designation next to the SDN one, because the party is on that list too. ``Listing Date``
items give ``listed_on``; all dated items are kept verbatim in ``Designation.remarks``.
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from clearance.model import (
    Address,
    Authority,
    CraftParticulars,
    Designation,
    Entity,
    Identifier,
    IdentifierKind,
    ListCode,
    Measure,
    Name,
    NameKind,
    Schema,
)
from clearance.model.countries import country_code
from clearance.sources.base import SNIFF_BYTES, ListFormat, ListRead, SourceError, head_bytes
from clearance.sources.fields import dedupe
from clearance.sources.ofac_remarks import DatedItem, RemarksParse, parse_remarks

log = logging.getLogger(__name__)

FORMAT_NAME = "ofac-csv"
SOURCE_SDN = "ofac-sdn"
SOURCE_CONS = "ofac-cons"
EMPTY = "-0-"
REMARKS_CUT = 1000  # OFAC cuts Remarks here and continues in the comments file
MAIN_COLUMNS = 12
ADD_COLUMNS = 6
ALT_COLUMNS = 5
COMMENT_COLUMNS = 2

_SIBLINGS = {
    SOURCE_SDN: ("sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"),
    SOURCE_CONS: ("cons_prim.csv", "cons_add.csv", "cons_alt.csv", "cons_comments.csv"),
}
_TITLES = {
    SOURCE_SDN: "OFAC Specially Designated Nationals and Blocked Persons List (legacy CSV)",
    SOURCE_CONS: "OFAC Consolidated Sanctions List, non-SDN (legacy CSV)",
}
_SCHEMAS = {"individual": Schema.PERSON, "vessel": Schema.VESSEL, "aircraft": Schema.AIRCRAFT}
_NAME_KINDS = {"aka": NameKind.AKA, "fka": NameKind.FKA, "nka": NameKind.NKA}

# Programs that only the consolidated (non-SDN) list carries, and the list each means.
_CONS_PROGRAM_LISTS: dict[str, ListCode] = {
    "UKRAINE-EO13662": ListCode.SSI,
    "NS-PLC": ListCode.NS_PLC,
    "CMIC-EO13959": ListCode.CMIC,
    "CAATSA - RUSSIA": ListCode.NS_MBS,
    "BURMA-EO14014": ListCode.NS_MBS,
    "ILLICIT-DRUGS-EO14059": ListCode.NS_MBS,
    "561-Related": ListCode.CAPTA,
    "561List": ListCode.CAPTA,
    "FSE-IR": ListCode.FSE,
    "FSE-SY": ListCode.FSE,
    "FSE-WMD": ListCode.FSE,
    "FSE-SDGT": ListCode.FSE,
    "NS-ISA": ListCode.NS_ISA,
}
# Programs whose presence marks a file as the consolidated list (content sniffing).
_NON_SDN_PROGRAMS = frozenset(
    p
    for p in _CONS_PROGRAM_LISTS
    if p not in ("CAATSA - RUSSIA", "BURMA-EO14014", "ILLICIT-DRUGS-EO14059")
)
# Measure code prefix → (list, program) in any file; the second table only in the
# consolidated file (in the SDN file these menu measures are part of the SDN listing).
_MEASURE_LISTS: tuple[tuple[str, ListCode, str], ...] = (
    ("EO13662-DIRECTIVE-", ListCode.SSI, "UKRAINE-EO13662"),
    ("EO14024-DIRECTIVE-", ListCode.NS_MBS, "RUSSIA-EO14024"),
    ("EO14014-DIRECTIVE-", ListCode.NS_MBS, "BURMA-EO14014"),
    ("CAPTA-", ListCode.CAPTA, "561-Related"),
)
_CONS_MEASURE_LISTS: tuple[tuple[str, ListCode, str], ...] = (
    ("CAATSA-", ListCode.NS_MBS, "CAATSA - RUSSIA"),
    ("EO14059-", ListCode.NS_MBS, "ILLICIT-DRUGS-EO14059"),
)


# --------------------------------------------------------------------------------------
# Locating the file set


@dataclass(frozen=True)
class FileSet:
    """The files of one OFAC legacy CSV set; siblings are ``None`` when absent."""

    main: Path
    source: str
    add: Path | None = None
    alt: Path | None = None
    comments: Path | None = None
    warnings: tuple[str, ...] = ()

    @property
    def files(self) -> tuple[Path, ...]:
        return tuple(p for p in (self.main, self.add, self.alt, self.comments) if p)


def _listing(directory: Path) -> dict[str, Path]:
    """Files of a directory by lower-case name (OFAC also publishes ``SDN.CSV``)."""
    return {p.name.lower(): p for p in directory.iterdir() if p.is_file()}


def locate(path: Path | str) -> FileSet:
    """The file set of ``path``: a main file (sdn.csv, cons_prim.csv) or its directory."""
    path = Path(path)
    if not path.exists():
        raise SourceError(path, None, "no such file or directory")
    if path.is_dir():
        files = _listing(path)
        mains = [files[n] for n in ("sdn.csv", "cons_prim.csv") if n in files]
        if not mains:
            raise SourceError(path, None, "no sdn.csv or cons_prim.csv in this directory")
        if len(mains) > 1:
            raise SourceError(path, None, "holds both sdn.csv and cons_prim.csv: name the file")
        main = mains[0]
    else:
        main = path
    source, warnings = _decide_source(main)
    files = _listing(main.parent)
    _, add, alt, comments = _SIBLINGS[source]
    return FileSet(main, source, files.get(add), files.get(alt), files.get(comments), warnings)


def _source_from_name(name: str) -> str | None:
    lower = name.lower()
    if lower.startswith("cons"):
        return SOURCE_CONS
    if lower.startswith("sdn"):
        return SOURCE_SDN
    return None


def _source_from_content(head: bytes) -> str | None:
    """``ofac-cons`` when most sampled rows carry a non-SDN program, ``ofac-sdn`` when
    almost none do, ``None`` when the sample cannot tell."""
    rows = [row for row in _sample_rows(head, limit=300) if len(row) == MAIN_COLUMNS]
    if not rows:
        return None
    marked = sum(1 for row in rows if _programs(row[3]) & _NON_SDN_PROGRAMS)
    if marked >= len(rows) / 2:
        return SOURCE_CONS
    if marked <= len(rows) / 20:
        return SOURCE_SDN
    return None


def _decide_source(main: Path) -> tuple[str, tuple[str, ...]]:
    by_name = _source_from_name(main.name)
    try:
        by_content = _source_from_content(head_bytes(main, 1 << 16))
    except OSError as exc:
        raise SourceError(main, None, f"cannot read: {exc}") from exc
    if by_name and by_content and by_name != by_content:
        return by_content, (
            f"{main.name}: the name says {by_name} but the programs say {by_content}; "
            f"read as {by_content}",
        )
    if by_content or by_name:
        return by_content or by_name or SOURCE_SDN, ()
    return SOURCE_SDN, (f"{main.name}: cannot tell SDN from consolidated; read as SDN",)


# --------------------------------------------------------------------------------------
# Reading rows


def _decoded_lines(path: Path, handle: BinaryIO) -> Iterator[str]:
    for lineno, raw in enumerate(handle, 1):
        if b"\x1a" in raw:  # the end-of-file marker OFAC appends
            raw = raw.split(b"\x1a", 1)[0]
            if not raw.strip():
                return
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise SourceError(
                path,
                lineno,
                f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1}); "
                "OFAC CSV files are UTF-8",
            ) from None
        if lineno == 1:
            text = text.removeprefix("\ufeff")
        yield text


def iter_rows(path: Path, columns: int) -> Iterator[tuple[int, list[str]]]:
    """``(line, fields)`` for each record of an OFAC CSV file, checked for column count."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise SourceError(path, None, f"cannot open: {exc}") from exc
    with handle:
        reader = csv.reader(_decoded_lines(path, handle), strict=True)
        start = 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise SourceError(path, start, f"broken CSV record: {exc}") from None
            line, start = start, reader.line_num + 1
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            if len(row) != columns:
                raise SourceError(
                    path, line, f"expected {columns} columns, found {len(row)} (truncated row?)"
                )
            if not row[0].strip().isdigit():
                raise SourceError(path, line, f"entity number is not a number: {row[0]!r}")
            yield line, row


def _value(text: str) -> str | None:
    value = text.strip()
    return None if not value or value == EMPTY else value


def _programs(text: str) -> frozenset[str]:
    return frozenset(_program_list(text))


def _program_list(text: str) -> list[str]:
    value = _value(text)
    if value is None:
        return []
    return [p.strip(" []") for p in value.split("] [") if p.strip(" []")]


def _sample_rows(head: bytes, limit: int) -> list[list[str]]:
    text = head.decode("utf-8", errors="replace").removeprefix("\ufeff")
    lines = text.split("\n")
    if len(lines) > 1 and not text.endswith("\n"):
        lines = lines[:-1]  # the last line may be cut by the sample
    rows = []
    try:
        for row in csv.reader(line.rstrip("\r\x1a") for line in lines[:limit] if line.strip()):
            rows.append(row)
    except csv.Error:
        return rows
    return rows


# --------------------------------------------------------------------------------------
# Sidecar files: addresses, aliases, remark continuations


@dataclass
class SidecarStats:
    """Row counts of the sidecar files, for checks and debugging."""

    address_rows: int = 0
    empty_address_rows: int = 0  # all-``-0-`` rows, skipped
    alias_rows: int = 0
    comment_rows: int = 0


@dataclass
class Sidecars:
    addresses: dict[str, list[Address]] = field(default_factory=dict)
    aliases: dict[str, list[tuple[NameKind, str, str | None]]] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict)
    stats: SidecarStats = field(default_factory=SidecarStats)


def _address(row: list[str]) -> Address | None:
    street, city, country_text, remarks = (_value(v) for v in row[2:6])
    if not (street or city or country_text or remarks):
        return None
    code = country_code(country_text) if country_text else None
    full = ", ".join(p for p in (street, city, country_text) if p) or None
    return Address(
        full=full,
        street=street,
        city=city,
        country=code,
        country_name=None if code else country_text,
        remarks=remarks,
    )


def load_sidecars(files: FileSet) -> Sidecars:
    """Addresses, aliases and remark continuations of a file set, keyed by entity number."""
    out = Sidecars()
    if files.add:
        for _line, row in iter_rows(files.add, ADD_COLUMNS):
            out.stats.address_rows += 1
            address = _address(row)
            if address is None:
                out.stats.empty_address_rows += 1
                continue
            out.addresses.setdefault(row[0].strip(), []).append(address)
    if files.alt:
        for line, row in iter_rows(files.alt, ALT_COLUMNS):
            out.stats.alias_rows += 1
            kind_text, name, remarks = _value(row[2]), _value(row[3]), _value(row[4])
            if name is None:
                continue
            kind = _NAME_KINDS.get((kind_text or "aka").lower())
            if kind is None:
                raise SourceError(files.alt, line, f"unknown alias type {kind_text!r}")
            out.aliases.setdefault(row[0].strip(), []).append((kind, name, remarks))
    if files.comments:
        for _, row in iter_rows(files.comments, COMMENT_COLUMNS):
            out.stats.comment_rows += 1
            ent = row[0].strip()
            out.comments[ent] = out.comments.get(ent, "") + row[1]
    log.debug("OFAC sidecars of %s: %s", files.main, out.stats)
    return out


# --------------------------------------------------------------------------------------
# Entities


def _person_parts(name: str) -> tuple[str | None, str | None]:
    if "," not in name:
        return None, None
    family, given = (part.strip() for part in name.split(",", 1))
    return family or None, given or None


def _name(value: str, kind: NameKind, person: bool, remarks: str | None = None) -> Name:
    family, given = _person_parts(value) if person else (None, None)
    return Name(value, kind, family=family, given=given, remarks=remarks)


def _names(
    primary: str,
    schema: Schema,
    aliases: Iterable[tuple[NameKind, str, str | None]],
    parsed: RemarksParse,
) -> tuple[Name, ...]:
    person = schema is Schema.PERSON
    names = [_name(primary, NameKind.PRIMARY, person)]
    seen = {(primary, NameKind.PRIMARY)}
    for kind, value, remarks in aliases:
        if (value, kind) not in seen:
            seen.add((value, kind))
            names.append(_name(value, kind, person, remarks))
    for name in parsed.names:  # weak aliases from the remarks
        if (name.value, name.kind) not in seen:
            seen.add((name.value, name.kind))
            names.append(_name(name.value, name.kind, person, name.remarks))
    return tuple(names)


def _craft(row: list[str], parsed: RemarksParse) -> CraftParticulars | None:
    vess_type, tonnage, grt, flag_text, owner = (_value(row[i]) for i in (6, 7, 8, 9, 10))
    flag_text = flag_text or parsed.craft_flag
    craft = CraftParticulars(
        craft_type=vess_type or parsed.craft_type,
        flag=country_code(flag_text) if flag_text else None,
        flag_name=flag_text,
        tonnage=tonnage,
        gross_registered_tonnage=grt,
        owner=owner,
        build_year=parsed.craft_build_year,
        model=parsed.craft_model,
        operator=parsed.craft_operator,
    )
    return None if craft == CraftParticulars() else craft


@dataclass
class _Group:
    programs: list[str] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    dated: list[DatedItem] = field(default_factory=list)

    def add_program(self, program: str) -> None:
        if program not in self.programs:
            self.programs.append(program)


def _measure_list(measure: Measure, source: str) -> tuple[ListCode, str] | None:
    tables = _MEASURE_LISTS + (_CONS_MEASURE_LISTS if source == SOURCE_CONS else ())
    for prefix, list_code, program in tables:
        if measure.code.startswith(prefix):
            return list_code, program
    return None


def _dated_list(item: DatedItem) -> ListCode | None:
    scope = item.scope.upper()
    if scope.startswith("CMIC"):
        return ListCode.CMIC
    if scope.startswith(("EO 14024", "EO 14014")):
        return ListCode.NS_MBS
    if scope.startswith("EO 13662"):
        return ListCode.SSI
    return None


def designations(
    source: str, ent_num: str, programs: list[str], parsed: RemarksParse
) -> tuple[Designation, ...]:
    """The designations of one entry: see the module docstring for the rules."""
    groups: dict[ListCode, _Group] = {}
    if source == SOURCE_SDN:
        groups[ListCode.SDN] = _Group(programs=list(programs))
    else:
        for program in programs:
            if (list_code := _CONS_PROGRAM_LISTS.get(program)) is not None:
                groups.setdefault(list_code, _Group()).add_program(program)
    loose_measures: list[Measure] = []
    for measure in parsed.measures:
        target = _measure_list(measure, source)
        if target is None:
            loose_measures.append(measure)
            continue
        group = groups.setdefault(target[0], _Group())
        if measure not in group.measures:
            group.measures.append(measure)
        if target[1] in programs:
            group.add_program(target[1])
    loose_dated: list[DatedItem] = []
    for item in parsed.dated:
        list_code = _dated_list(item)
        if list_code is None:
            loose_dated.append(item)
        else:
            groups.setdefault(list_code, _Group()).dated.append(item)
    if not groups:
        groups[ListCode.OFAC_CONSOLIDATED] = _Group()
    first = next(iter(groups.values()))
    assigned = {p for g in groups.values() for p in g.programs}
    first.programs = [p for p in programs if p in first.programs or p not in assigned]
    first.measures.extend(m for m in loose_measures if m not in first.measures)
    first.dated.extend(loose_dated)
    return tuple(_designation(list_code, group, ent_num) for list_code, group in groups.items())


def _designation(list_code: ListCode, group: _Group, ent_num: str) -> Designation:
    listed = [d.date for d in group.dated if d.label == "Listing Date" and d.date]
    return Designation(
        authority=Authority.OFAC,
        list_code=list_code,
        programs=tuple(group.programs),
        measures=tuple(group.measures),
        listed_on=min(listed, key=lambda d: d.earliest) if listed else None,
        remarks="; ".join(d.text for d in group.dated) or None,
        source_ref=ent_num,
    )


def _dedupe(values: Iterable[str]) -> tuple[str, ...]:
    """The non-empty texts, without repeats."""
    return dedupe(v for v in values if v)


def build_entity(
    source: str, row: list[str], sidecars: Sidecars, *, continuation: str | None = None
) -> tuple[Entity, bool]:
    """One main-file row (with its sidecar data) as an :class:`Entity`; also says whether
    its Remarks were cut with no continuation."""
    ent_num = row[0].strip()
    schema = _SCHEMAS.get((_value(row[2]) or "").lower(), Schema.ORGANIZATION)
    primary = _value(row[1])
    if primary is None:
        raise ValueError("the entry has no name")
    title = _value(row[4])
    raw_remarks = row[11] if _value(row[11]) else ""
    remarks = raw_remarks + (continuation or "")
    truncated = (
        continuation is None
        and len(raw_remarks) >= REMARKS_CUT
        and not raw_remarks.rstrip().endswith(".")
    )
    parsed = parse_remarks(remarks, titles=(title,) if title else (), truncated=truncated)
    identifiers: list[Identifier] = []
    if call_sign := _value(row[5]):
        identifiers.append(Identifier(IdentifierKind.CALL_SIGN, call_sign, label="Call Sign"))
    identifiers.extend(i for i in parsed.identifiers if i not in identifiers)
    programs = _program_list(row[3])
    entity = Entity(
        id=f"ofac-{ent_num}",
        schema=schema,
        names=_names(primary, schema, sidecars.aliases.get(ent_num, ()), parsed),
        source=source,
        source_ref=ent_num,
        designations=designations(source, ent_num, programs, parsed),
        titles=_dedupe([title or "", *parsed.titles]),
        gender=parsed.gender,
        birth_dates=dedupe(parsed.birth_dates),
        birth_places=_dedupe(parsed.birth_places),
        nationalities=_dedupe(parsed.nationalities),
        citizenships=_dedupe(parsed.citizenships),
        addresses=tuple(sidecars.addresses.get(ent_num, ())),
        identifiers=tuple(identifiers),
        craft=_craft(row, parsed),
        relationships=tuple(dict.fromkeys(parsed.relationships)),
        incorporation_dates=dedupe(parsed.incorporation_dates),
        websites=_dedupe(parsed.websites),
        emails=_dedupe(parsed.emails),
        phones=_dedupe(parsed.phones),
        notes=_dedupe(parsed.notes),
        unparsed=tuple(parsed.unparsed),
    )
    return entity, truncated


def _entities(files: FileSet, warnings: list[str]) -> Iterator[Entity]:
    sidecars = load_sidecars(files)
    seen: set[str] = set()
    truncated = 0
    for line, row in iter_rows(files.main, MAIN_COLUMNS):
        ent_num = row[0].strip()
        try:
            entity, cut = build_entity(
                files.source, row, sidecars, continuation=sidecars.comments.get(ent_num)
            )
        except ValueError as exc:
            raise SourceError(files.main, line, str(exc)) from None
        truncated += cut
        seen.add(ent_num)
        yield entity
    if truncated:
        warnings.append(
            f"{files.main.name}: {truncated} entries have Remarks cut at {REMARKS_CUT} "
            "characters and no comments file to continue them; their last item is unparsed"
        )
    for label, keys in (
        ("addresses", sidecars.addresses),
        ("aliases", sidecars.aliases),
        ("comments", sidecars.comments),
    ):
        orphans = len(set(keys) - seen)
        if orphans:
            warnings.append(
                f"{orphans} entity numbers have {label} but no entry in {files.main.name}"
            )


def read(path: Path | str) -> ListRead:
    """Read an OFAC legacy CSV set: ``path`` is sdn.csv / cons_prim.csv or its directory."""
    files = locate(path)
    warnings = list(files.warnings)
    return ListRead(
        format=FORMAT_NAME,
        source=files.source,
        files=files.files,
        entities=_entities(files, warnings),
        published=None,  # the legacy CSV carries no publication date
        title=_TITLES[files.source],
        warnings=warnings,
    )


_TYPES = frozenset(("individual", "vessel", "aircraft", EMPTY))


def sniff(path: Path, head: bytes) -> bool:
    """An OFAC main CSV file: numeric first field, 12 columns, ``-0-`` markers, OFAC types."""
    path = Path(path)
    if path.is_dir():
        try:
            main = locate(path).main
            head = head_bytes(main, SNIFF_BYTES)
        except (SourceError, OSError):
            return False
    if b"-0-" not in head:
        return False
    rows = _sample_rows(head, limit=50)
    if not rows:
        return False
    return all(
        len(row) == MAIN_COLUMNS and row[0].strip().isdigit() and row[2].strip() in _TYPES
        for row in rows
    )


FORMAT = ListFormat(
    name=FORMAT_NAME,
    description="OFAC legacy CSV (sdn.csv/add.csv/alt.csv/sdn_comments.csv and cons_*.csv)",
    sniff=sniff,
    read=read,
)
