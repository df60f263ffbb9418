"""HM Treasury OFSI Consolidated List of Financial Sanctions Targets, CSV ("ConList") → entities.

Owns the ``uk-ofsi-csv`` format: the ``sanctionsconlist.csv`` / ``ConList.csv`` file OFSI
published until the list was retired in favour of the FCDO UK Sanctions List (see
:mod:`clearance.sources.uk_sanctions_list`): its file layout, decoding and row grouping. The
text grammars of its free-text columns (numbered lists, passport and national-ID details,
dates, name types), which the FCDO list shares, are :mod:`clearance.sources.uk_fields` and
:mod:`clearance.sources.fields`.

File layout. An optional first row ``Last Updated,13/04/2018,...`` (the list's publication
date), then the header row, then one row per *name* of a target: a target with three names
and two dates of birth has six rows (names x dates of birth x addresses), all with the same
``Group ID``. The rows of a group are not adjacent (the file is sorted by name), so the reader
buckets the rows of the whole file by ``Group ID`` (3.6 MB for the 2018 list; only the
columns it uses are kept) and then yields one entity per group, in order of first
appearance, with id ``gb-ofsi-{Group ID}``.

Columns are found by header name, so the later layout (``Name Non-Latin Script``, ``Passport
Number``, ``National Identification Number``, ``Alias Quality``, ``Gender`` ...) reads too;
unknown columns are ignored; a header without ``Name 6``, ``Group Type``, ``Regime`` or
``Group ID`` is a :class:`SourceError`.

Encoding: OFSI wrote the file in Windows-1252 (the 2018 file has cp1252 curly quotes, bytes
0x91-0x94) and later as UTF-8 with a BOM. The reader tries UTF-8 (BOM stripped) first and
falls back to cp1252; bytes that are neither (or NUL bytes, as in a UTF-16 file) raise
:class:`SourceError` with the line number.

Mapping. ``Group Type`` Individual → ``Person``, Entity → ``Organization``, Ship →
``Vessel``; the 2018 list files ships as ``Entity`` rows, so an Entity whose ``Other
Information`` gives an IMO number and whose name has no company word (LTD, CO, SHIPPING ...)
is read as a ``Vessel`` (IMO, MMSI and ``Flag State:`` are taken from that text). Names:
``Name 1`` is the given name, ``Name 2..5`` middle names, ``Name 6`` the surname (or the
whole name of an entity); ``Alias Type`` Prime Alias / Primary name → primary, FKA → fka,
anything else (AKA, Alias, Primary name variation) → aka, ``Alias Quality`` "Low quality" →
weak. Dates of birth ``00/00/1980`` keep their published precision. Nationality and birth
columns are numbered lists (``1) Saudi Arabia 2) Qatar``); countries that
:func:`clearance.model.countries.country_code` does not know stay as text in ``notes``.
``Passport Details`` and ``NI Number`` free text becomes identifiers wherever a number can
be found (:func:`~clearance.sources.uk_fields.parse_documents`), with the published text in
``Identifier.remarks``; text with no number goes to ``notes``. One UK designation per
distinct ``Regime`` (program and legal basis = the regime, ``listed_on`` = the earliest
``Listed On``), with the measure ``UK-ASSET-FREEZE``: every target on this list is a
financial-sanctions (asset freeze) target.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

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
    PartialDate,
    Schema,
)
from clearance.model.scripts import detect_script
from clearance.sources.base import ListFormat, ListRead, SourceError
from clearance.sources.fields import (
    clean,
    country_of,
    dedupe,
    gender_of,
    split_numbered,
    text_country,
)
from clearance.sources.uk_fields import (
    address_of,
    build_name,
    calendar_date,
    document_kind,
    document_numbers,
    mmsi_numbers,
    name_type,
    nationality_codes,
    parse_birth_dates,
    parse_documents,
    parse_uk_date,
    primary_first,
)

FORMAT_NAME = "uk-ofsi-csv"
SOURCE = "uk-ofsi"
TITLE = "OFSI Consolidated List of Financial Sanctions Targets"

ASSET_FREEZE = "UK-ASSET-FREEZE"

# ---------------------------------------------------------------------------------------------
# File decoding and header
# ---------------------------------------------------------------------------------------------

_NAME_COLUMNS = ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6")
REQUIRED_COLUMNS = ("Name 6", "Group Type", "Regime", "Group ID")
_COLUMNS = (
    *_NAME_COLUMNS,
    "Title",
    "Name Non-Latin Script",
    "Non-Latin Script Type",
    "Non-Latin Script Language",
    "DOB",
    "Town of Birth",
    "Country of Birth",
    "Nationality",
    "Passport Number",
    "Passport Details",
    "NI Number",
    "National Identification Number",
    "National Identification Details",
    "Position",
    "Address 1",
    "Address 2",
    "Address 3",
    "Address 4",
    "Address 5",
    "Address 6",
    "Post/Zip Code",
    "Country",
    "Other Information",
    "Group Type",
    "Alias Type",
    "Alias Quality",
    "Gender",
    "Regime",
    "Listed On",
    "Group ID",
)


def decode(path: Path, data: bytes) -> str:
    """The file's text: UTF-8 (BOM stripped) if it decodes, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        raise SourceError(path, 1, "the file is UTF-16 or binary, not a UTF-8/cp1252 CSV")
    if (nul := data.find(b"\x00")) >= 0:
        raise SourceError(path, data.count(b"\n", 0, nul) + 1, "NUL byte in the CSV file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        byte = data[exc.start : exc.start + 1].hex()
        raise SourceError(path, line, f"byte 0x{byte} is neither UTF-8 nor cp1252") from exc


def _head_text(head: bytes) -> str:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return ""
    return head.decode("utf-8", errors="replace").lstrip("\ufeff")


def _published(first_row: Sequence[str]) -> date | None:
    if first_row and first_row[0].strip().lower() == "last updated" and len(first_row) > 1:
        return calendar_date(first_row[1])
    return None


def sniff(path: Path, head: bytes) -> bool:
    """An OFSI ConList CSV: a header line with ``Name 6`` and ``Group ID`` near the top."""
    lines = _head_text(head).splitlines()[:3]
    return any(line.startswith("Name 6,") and "Group ID" in line for line in lines)


def read(path: Path) -> ListRead:
    path = Path(path)
    try:
        with path.open("rb") as handle:
            head = handle.readline(4096)
    except OSError as exc:
        raise SourceError(path, None, f"cannot read: {exc}") from exc
    first = next(csv.reader([_head_text(head).strip("\r\n")]), [])
    return ListRead(
        format=FORMAT_NAME,
        source=SOURCE,
        files=(path,),
        entities=_entities(path),
        published=_published(first),
        title=TITLE,
    )


@dataclass
class _Header:
    columns: dict[str, int]  # the columns this reader uses → their index
    width: int


def _header(path: Path, row: list[str], line: int) -> _Header:
    columns = {name.strip(): i for i, name in enumerate(row) if name.strip()}
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise SourceError(
            path, line, f"not an OFSI ConList header (missing {', '.join(missing)}): {row[:4]}"
        )
    return _Header({c: columns[c] for c in _COLUMNS if c in columns}, len(row))


def group_rows(path: Path) -> tuple[_Header, dict[str, list[tuple[int, dict[str, str]]]]]:
    """The header and the rows bucketed by Group ID (each row: its line, its used columns)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(path, None, f"cannot read: {exc}") from exc
    text = decode(path, data)
    del data
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    del text
    header: _Header | None = None
    groups: dict[str, list[tuple[int, dict[str, str]]]] = {}
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                if row[0].strip().lower() == "last updated" and reader.line_num == 1:
                    continue
                header = _header(path, row, line)
                continue
            if len(row) < header.width or any(c.strip() for c in row[header.width :]):
                raise SourceError(
                    path, line, f"row has {len(row)} fields, the header has {header.width}"
                )
            values = {c: row[i].strip() for c, i in header.columns.items() if row[i].strip()}
            group = values.get("Group ID")
            if not group:
                raise SourceError(path, line, "row without a Group ID")
            groups.setdefault(group, []).append((line, values))
    except csv.Error as exc:
        raise SourceError(path, reader.line_num, f"malformed CSV: {exc}") from exc
    if header is None:
        raise SourceError(path, 1, "no header row (Name 6, ..., Group ID)")
    return header, groups


def _entities(path: Path) -> Iterator[Entity]:
    _header_row, groups = group_rows(path)
    for group_id in list(groups):
        rows = groups.pop(group_id)
        yield _Group(path, group_id, rows).entity()


# ---------------------------------------------------------------------------------------------
# One group → one entity
# ---------------------------------------------------------------------------------------------

_SCHEMAS = {"individual": Schema.PERSON, "entity": Schema.ORGANIZATION, "ship": Schema.VESSEL}
_IMO = re.compile(r"\bIMO\b(?:\s+(?:number|no\.?))?\s*[:.]?\s*(\d{7})\b", re.IGNORECASE)
_FLAG = re.compile(r"\bFlag(?: State)?:\s*([^.;()]+)", re.IGNORECASE)
_ORG_WORDS = re.compile(
    r"\b(?:CO|COMPANY|CORP|CORPORATION|LTD|LIMITED|LLC|INC|SHIPPING|MANAGEMENT|GROUP|"
    r"TRADING|BANK|ORGANI[SZ]ATION|ENTERPRISES?|AGENCY|FIRM|MINISTRY|LINES?)\b",
    re.IGNORECASE,
)


_DOCUMENT_COLUMNS = (
    ("Passport Number", "Passport Details", IdentifierKind.PASSPORT),
    (
        "National Identification Number",
        "National Identification Details",
        IdentifierKind.NATIONAL_ID,
    ),
    (None, "NI Number", IdentifierKind.NATIONAL_ID),
)


def _numbered_documents(
    numbers: str, details: str | None, kind: IdentifierKind
) -> list[Identifier]:
    """Identifiers from a number column (later layout), its details column as remarks."""
    context = details or ""
    return [
        Identifier(document_kind((context,), kind), number, text_country(context), remarks=details)
        for item in split_numbered(numbers)
        for number in (document_numbers(item) or [item])
    ]


class _Group:
    """Merges the rows of one Group ID into one :class:`Entity`."""

    def __init__(self, path: Path, group_id: str, rows: list[tuple[int, dict[str, str]]]):
        self.path = path
        self.group_id = group_id
        self.rows = [values for _line, values in rows]
        self.line = rows[0][0]
        self.notes: list[str] = []

    def distinct(self, column: str) -> list[str]:
        return list(dedupe(v for row in self.rows if (v := clean(row.get(column)))))

    def entity(self) -> Entity:
        schema = self.schema()
        names = self.names()
        other = self.distinct("Other Information")
        identifiers = [*self.documents(), *self.craft_identifiers(schema, other)]
        nationalities = self.nationalities()
        birth_dates = self.birth_dates()
        return Entity(
            id=f"gb-ofsi-{self.group_id}",
            schema=schema,
            names=names,
            source=SOURCE,
            source_ref=self.group_id,
            designations=self.designations(),
            titles=self.titles(),
            gender=next((g for v in self.distinct("Gender") if (g := gender_of(v))), None),
            birth_dates=birth_dates,
            birth_places=self.birth_places(),
            nationalities=nationalities,
            addresses=self.addresses(),
            identifiers=dedupe(identifiers),
            craft=self.craft(schema, other),
            notes=dedupe([*other, *self.notes]),
        )

    def schema(self) -> Schema:
        value = (self.distinct("Group Type") or [""])[0]
        schema = _SCHEMAS.get(value.lower())
        if schema is None:
            raise SourceError(self.path, self.line, f"unknown Group Type {value!r}")
        if schema is Schema.ORGANIZATION and self._looks_like_vessel():
            return Schema.VESSEL
        return schema

    def _looks_like_vessel(self) -> bool:
        other = " ".join(self.distinct("Other Information"))
        if not _IMO.search(other):
            return False
        return not any(_ORG_WORDS.search(row.get("Name 6", "")) for row in self.rows)

    # names ------------------------------------------------------------------------------

    def names(self) -> tuple[Name, ...]:
        names: list[Name] = []
        for row in self.rows:
            alias_type = row.get("Alias Type", "")
            kind = name_type(alias_type, row.get("Alias Quality", ""))
            remarks = alias_type if alias_type.lower() == "primary name variation" else None
            parts = [row.get(c) for c in _NAME_COLUMNS]
            if any(parts):
                names.append(build_name(parts, kind, remarks))
            if original := clean(row.get("Name Non-Latin Script")):
                names.append(self._original(original, row))
        ordered = primary_first(names)
        if not ordered:
            raise SourceError(self.path, self.line, f"group {self.group_id} has no name")
        return ordered

    @staticmethod
    def _original(value: str, row: dict[str, str]) -> Name:
        described = ", ".join(
            v for c in ("Non-Latin Script Type", "Non-Latin Script Language") if (v := row.get(c))
        )
        return Name(
            value,
            NameKind.ORIGINAL_SCRIPT,
            script=detect_script(value),
            remarks=described or None,
        )

    def titles(self) -> tuple[str, ...]:
        titles = [t for v in self.distinct("Title") for t in split_numbered(v)]
        titles += [p for v in self.distinct("Position") for p in split_numbered(v)]
        return dedupe(titles)

    # facts ------------------------------------------------------------------------------

    def birth_dates(self) -> tuple[PartialDate, ...]:
        return parse_birth_dates(self.distinct("DOB"), self.notes)

    def birth_places(self) -> tuple[str, ...]:
        places: list[str] = []
        for row in self.rows:
            towns = split_numbered(row.get("Town of Birth", ""))
            countries = split_numbered(row.get("Country of Birth", ""))
            if len(towns) == len(countries):
                places += [f"{t}, {c}" for t, c in zip(towns, countries, strict=True)]
            else:
                places += towns + countries
        return dedupe(places)

    def nationalities(self) -> tuple[str, ...]:
        return nationality_codes(self.distinct("Nationality"), self.notes)

    def addresses(self) -> tuple[Address, ...]:
        addresses = []
        for row in self.rows:
            lines = [v for i in range(1, 7) if (v := clean(row.get(f"Address {i}")))]
            address = address_of(lines, clean(row.get("Post/Zip Code")), clean(row.get("Country")))
            if address is not None:
                addresses.append(address)
        return dedupe(addresses)

    def documents(self) -> list[Identifier]:
        identifiers: list[Identifier] = []
        for number_column, details_column, kind in _DOCUMENT_COLUMNS:
            pairs = dedupe(
                (clean(row.get(number_column or "")), clean(row.get(details_column)))
                for row in self.rows
            )
            for number, details in pairs:
                if number:
                    identifiers += _numbered_documents(number, details, kind)
                elif details:
                    parsed = parse_documents(details, kind)
                    identifiers += parsed
                    if not parsed:
                        self.notes.append(f"{details_column}: {details}")
        return identifiers

    # craft ------------------------------------------------------------------------------

    def craft_identifiers(self, schema: Schema, other: list[str]) -> list[Identifier]:
        text = " ".join(other)
        identifiers = []
        for match in _IMO.finditer(text):
            label = None if schema is Schema.VESSEL else "IMO company number"
            identifiers.append(Identifier(IdentifierKind.IMO, match.group(1), label=label))
        if schema is Schema.VESSEL:
            identifiers += [Identifier(IdentifierKind.MMSI, n) for n in mmsi_numbers(text)]
        return identifiers

    def craft(self, schema: Schema, other: list[str]) -> CraftParticulars | None:
        if schema is not Schema.VESSEL:
            return None
        match = _FLAG.search(" ".join(other))
        if match is None:
            return None
        flag_text = clean(match.group(1)) or ""
        code = country_of(flag_text)
        return CraftParticulars(flag=code, flag_name=None if code else flag_text)

    # designations -----------------------------------------------------------------------

    def designations(self) -> tuple[Designation, ...]:
        listed: dict[str, PartialDate | None] = {}
        for row in self.rows:
            regime = clean(row.get("Regime")) or ""
            when = parse_uk_date(row.get("Listed On"))
            current = listed.get(regime)
            if regime not in listed or (when and (current is None or when.start < current.start)):
                listed[regime] = when
        return tuple(
            Designation(
                authority=Authority.UK,
                list_code=ListCode.UK_CONSOLIDATED,
                programs=(regime,) if regime else (),
                measures=(Measure(ASSET_FREEZE, "Asset freeze", regime or None),),
                listed_on=when,
                source_ref=self.group_id,
                legal_basis=(regime,) if regime else (),
            )
            for regime, when in listed.items()
        )


FORMAT = ListFormat(
    name=FORMAT_NAME,
    description="HM Treasury OFSI Consolidated List CSV (ConList, 2018-2026; cp1252 or UTF-8)",
    sniff=sniff,
    read=read,
)
