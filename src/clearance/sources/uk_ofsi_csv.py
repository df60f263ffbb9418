"""HM Treasury OFSI Consolidated List of Financial Sanctions Targets, CSV ("ConList") → entities.

Owns the ``uk-ofsi-csv`` format: the ``sanctionsconlist.csv`` / ``ConList.csv`` file OFSI
published until the list was retired in favour of the FCDO UK Sanctions List (see
:mod:`clearance.sources.uk_sanctions_list`), and the small text grammars of its free-text
columns (numbered lists, passport and national-ID details), which that module reuses.

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
be found (:func:`parse_documents`), with the published text in ``Identifier.remarks``; text
with no number goes to ``notes``. One UK designation per distinct ``Regime`` (program and
legal basis = the regime, ``listed_on`` = the earliest ``Listed On``), with the measure
``UK-ASSET-FREEZE``: every target on this list is a financial-sanctions (asset freeze) target.
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
    Gender,
    Identifier,
    IdentifierKind,
    ListCode,
    Measure,
    Name,
    NameKind,
    PartialDate,
    Schema,
)
from clearance.model.countries import country_code
from clearance.sources.base import ListFormat, ListRead, SourceError
from clearance.sources.un_xml import clean, country_of, dedupe, detect_script

FORMAT_NAME = "uk-ofsi-csv"
SOURCE = "uk-ofsi"
TITLE = "OFSI Consolidated List of Financial Sanctions Targets"

ASSET_FREEZE = "UK-ASSET-FREEZE"

# ---------------------------------------------------------------------------------------------
# Text grammar: numbered lists "1) X 2) Y", "(a) X (b) Y", "(1)-(2) X (3) Y"
# ---------------------------------------------------------------------------------------------

_MARK = r"\(?(?:\d{1,2}|[A-Za-z])\)"
_MARKER = re.compile(rf"(?<![\w(]){_MARK}(?:\s*(?:-|to)\s*{_MARK})?")
_FIRST_MARK = re.compile(r"^\(?(?:0?1|[aA])\)")
_SECOND_MARK = re.compile(r"^\(?(?:0?2|[bB])\)")
_EMPTY_ITEM = re.compile(r"^[\s\-,;.]*$")


def enumerated(text: str) -> tuple[str, list[str]]:
    """The preamble and the items of a numbered list; ``(text, [])`` when it is not one.

    A list starts with marker 1 or a (``1)``, ``(1)``, ``a)``, ``(a)``, also the ranges
    ``(1)-(2)`` and ``(1) to (6)``), or with marker 2 or b after unmarked first item
    (``X (b) Y``); items that are empty or only ``-`` are dropped.
    """
    marks = list(_MARKER.finditer(text))
    if not marks:
        return text.strip(), []
    preamble = text[: marks[0].start()].strip()
    items = []
    if not _FIRST_MARK.match(marks[0].group()):
        # "X (b) Y": a list whose first item has no marker
        if not (preamble and _SECOND_MARK.match(marks[0].group())):
            return text.strip(), []
        items.append(preamble)
        preamble = ""
    for mark, following in zip(marks, [*marks[1:], None], strict=True):
        end = following.start() if following else len(text)
        item = text[mark.end() : end].strip().strip(",;").strip()
        if not _EMPTY_ITEM.match(item):
            items.append(item)
    return preamble, items


def split_numbered(text: str) -> list[str]:
    """The items of ``1) Saudi Arabia 2) Qatar``; plain text is one item, empty text none."""
    preamble, items = enumerated(text)
    if not items:
        return [preamble] if preamble and not _EMPTY_ITEM.match(preamble) else []
    return [preamble, *items] if preamble else items


def join_numbered(items: Sequence[str]) -> str:
    """``(1) X (2) Y``: the inverse of :func:`split_numbered` for items without markers."""
    return " ".join(f"({i}) {item}" for i, item in enumerate(items, 1))


# ---------------------------------------------------------------------------------------------
# Text grammar: identity documents ("Passport No: 592667 (Qatari passport issued on 3 May 2007)")
# ---------------------------------------------------------------------------------------------

_MONTH_WORD = r"[A-Za-z]{3,9}\.?"
_DATE = re.compile(
    rf"\b(?:\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_WORD},?\s+\d{{4}}"
    rf"|{_MONTH_WORD}\s+\d{{1,2}},\s+\d{{4}})\b"
)
_ISSUED = re.compile(r"\bissu|\bvalid(?: from)?\W*$", re.IGNORECASE)
_EXPIRES = re.compile(r"\bexpir|\bvalid (?:until|to|till)\b", re.IGNORECASE)
_HIJRI = re.compile(r"\bhijri\b", re.IGNORECASE)
_RANGE_TO = re.compile(r"^\s*(?:-|–|to|until|till)\s*$", re.IGNORECASE)
_PASSPORT_WORD = re.compile(r"\bpassport\b", re.IGNORECASE)
# A document number: letters (short with a separator, or up to 8 run together), then a digit,
# then digits/letters with inner . / - ; or digit groups "842 781".
_NUMBER = re.compile(
    r"(?<!\w)(?:\d{2,4}(?: \d{2,6})+(?!\w)"
    r"|(?:[A-Z]{1,3}[ /-](?=\d)|[A-Z]{1,8})?\d(?:[\dA-Z]|[./-](?=[\dA-Z]))*)"
)
_LABEL_PREFIX = re.compile(r"^(INN|OGRN|OGRNIP|KPP|TIN|NIN|PIN|ID|NO|NR|CR|IMO) (?=\d)")
_DATE_LIKE = re.compile(r"^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$")
_YEAR_LIKE = re.compile(r"^(?:19|20)\d\d(?:[-/](?:19|20)?\d\d)?$")
_NATIONAL_ID_WORDS = re.compile(
    r"national (?:identi|id\b)|identity card|\bid card|civil id|tazkira|identification (?:card|no)",
    re.IGNORECASE,
)
_DIPLOMATIC = re.compile(r"\bdiplomatic\b", re.IGNORECASE)
_PARENS = re.compile(r"\(([^()]*)\)")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")


def number_spans(text: str) -> list[re.Match[str]]:
    """Document numbers in ``text``: tokens with 4+ digits, not dates or bare years."""
    blanked = _DATE.sub(lambda m: " " * len(m.group()), text)
    spans = []
    for match in _NUMBER.finditer(blanked):
        token = match.group()
        digits = sum(c.isdigit() for c in token)
        if digits < 4 or _DATE_LIKE.match(token) or _YEAR_LIKE.match(token):
            continue
        spans.append(match)
    return spans


def split_label(token: str) -> tuple[str | None, str]:
    """``INN 7707083893`` → (``INN``, ``7707083893``); other tokens have no label."""
    if m := _LABEL_PREFIX.match(token):
        return m.group(1), token[m.end() :]
    return None, token


def document_numbers(text: str) -> list[str]:
    """The document numbers in ``text`` (see :func:`parse_documents`)."""
    return [m.group() for m in number_spans(text)]


def text_country(text: str) -> str | None:
    """The first country named in ``text``: a whole parenthesis, else a run of 1-4 words.

    Words must make 4+ letters so that ``No``, ``ID`` or ``PS`` are not read as codes.
    """
    for inner in _PARENS.findall(text):
        if code := country_of(inner):
            return code
    words = _WORD.findall(text)
    for start in range(len(words)):
        for size in (4, 3, 2, 1):
            if start + size > len(words):
                continue
            phrase = " ".join(words[start : start + size])
            if len(phrase) >= 4 and (code := country_code(phrase)):
                return code
    return None


def _document_dates(text: str) -> tuple[PartialDate | None, PartialDate | None]:
    """Issue and expiry dates, each the first date after its keyword (Hijri dates skipped).

    ``valid 21/03/2016 - 20/03/2021`` and ``valid from X until Y`` read as issue and expiry.
    """
    issued = expires = None
    last = 0
    for match in _DATE.finditer(text):
        context = text[last : match.start()]
        last = match.end()
        parsed = PartialDate.parse(match.group())
        if parsed is None or _HIJRI.search(context):
            continue
        expiry_at = max((m.start() for m in _EXPIRES.finditer(context)), default=-1)
        issue_at = max((m.start() for m in _ISSUED.finditer(context)), default=-1)
        if expiry_at < 0 and issued is not None and _RANGE_TO.match(context):
            expiry_at = len(context)
        if expiry_at > issue_at and expires is None:
            expires = parsed
        elif issue_at > expiry_at and issued is None:
            issued = parsed
    return issued, expires


def _document_kind(texts: Sequence[str], default: IdentifierKind) -> IdentifierKind:
    """National ID or passport as the first of ``texts`` to name one says, else ``default``."""
    if default is not IdentifierKind.PASSPORT:
        return default
    for text in texts:
        if _NATIONAL_ID_WORDS.search(text):
            return IdentifierKind.NATIONAL_ID
        if _PASSPORT_WORD.search(text):
            return IdentifierKind.PASSPORT
    return default


def parse_documents(text: str, kind: IdentifierKind, label: str | None = None) -> list[Identifier]:
    """Identifiers from free text such as ``(1) K929139 (Tunisian). Issued on 14 Feb 1995``.

    Each numbered item is read on its own; the preamble before the first marker
    (``Qatari passport number (a) ... (b) ...``) is context for all of them. Every number in
    an item becomes an identifier with the item's text as remarks. An item with one number
    gives it the item's country and issue/expiry dates; with several, each number takes them
    from the text that follows it (up to the next number), and its kind (passport or
    national ID) from the words just before it.
    """
    preamble, items = enumerated(text)
    if not items:
        items, preamble = [preamble], ""
    identifiers: list[Identifier] = []
    for item in items:
        context = f"{preamble} {item}".strip()
        spans = number_spans(item)
        for i, span in enumerate(spans):
            before = item[spans[i - 1].end() if i else 0 : span.start()]
            after = item[span.end() : spans[i + 1].start() if i + 1 < len(spans) else len(item)]
            own = context if len(spans) == 1 else after
            kind_of = _document_kind((before, after, preamble), kind)
            identifiers.append(_document(span.group(), kind_of, label, own, before, context))
    return identifiers


def _document(
    token: str,
    kind: IdentifierKind,
    label: str | None,
    own: str,
    before: str,
    context: str,
) -> Identifier:
    """One identifier: ``own`` is the text whose dates, country and label are this number's."""
    prefix, number = split_label(token)
    label = label or prefix
    if kind is IdentifierKind.PASSPORT and _DIPLOMATIC.search(own):
        label = label or "Diplomatic passport"
    issued, expires = _document_dates(own)
    country = text_country(own) or (text_country(before) if own != context else None)
    return Identifier(
        kind=kind,
        number=number,
        country=country,
        label=label,
        issued=issued,
        expires=expires,
        remarks=context if context != number else None,
    )


# ---------------------------------------------------------------------------------------------
# Countries, names, dates
# ---------------------------------------------------------------------------------------------

_QUALIFIER = re.compile(r"\s*\(.*?\)\s*|\s+(?:citizenship|nationality|by birth)\b.*$", re.I)


def resolve_country(text: str) -> tuple[str | None, str | None]:
    """(ISO code, qualifier) for ``Afghanistan (since 2009)``; (None, None) if no country."""
    value = clean(text)
    if not value:
        return None, None
    qualified = _QUALIFIER.search(value) is not None
    if code := country_of(value):
        return code, value if qualified else None
    stripped = clean(_QUALIFIER.sub(" ", value))
    if qualified and stripped and (code := country_of(stripped)):
        return code, value
    return None, None


def name_type(alias_type: str, quality: str = "") -> NameKind:
    """The name kind of an OFSI/FCDO name type (``Prime Alias``, ``AKA``, ``Primary name``...)."""
    value = " ".join(alias_type.lower().split())
    if "low" in quality.lower():
        return NameKind.WEAK
    if value in ("prime alias", "primary name", "primary"):
        return NameKind.PRIMARY
    if value in ("fka", "f.k.a.", "formerly known as"):
        return NameKind.FKA
    if value in ("nka", "n.k.a.", "now known as"):
        return NameKind.NKA
    return NameKind.AKA


def build_name(parts: Sequence[str | None], kind: NameKind, remarks: str | None = None) -> Name:
    """A name from Name 1..Name 6 (given, middles, surname); ``parts`` has those six values."""
    given, *middles, family = [clean(p) for p in parts]
    value = " ".join(p for p in (given, *middles, family) if p)
    middle = " ".join(m for m in middles if m) or None
    script = detect_script(value)
    split = sum(1 for p in (given, middle, family) if p) >= 2
    return Name(
        value,
        kind,
        script=script if script not in (None, "Latn") else None,
        given=given if split else None,
        middle=middle if split else None,
        family=family if split else None,
        remarks=remarks,
    )


_PLACEHOLDER_DAY = re.compile(r"^(dd|00)(?=[/.-])", re.IGNORECASE)
_PLACEHOLDER_MONTH = re.compile(r"(?<=[/.-])(mm|00)(?=[/.-])", re.IGNORECASE)


def parse_uk_date(text: str | None) -> PartialDate | None:
    """``24/10/1966``, ``00/00/1970``, ``dd/mm/1970`` or ISO → a date at published precision."""
    value = clean(text)
    if not value:
        return None
    value = _PLACEHOLDER_MONTH.sub("00", _PLACEHOLDER_DAY.sub("00", value))
    return PartialDate.parse(value)


def calendar_date(text: str | None) -> date | None:
    """A full calendar date (``13/04/2018``, ``2024-01-05T00:00:00``), else ``None``."""
    value = clean(text)
    if not value:
        return None
    parsed = parse_uk_date(value[:10] if re.match(r"\d{4}-", value) else value)
    if parsed is None or parsed.precision != "day":
        return None
    return date.fromisoformat(parsed.start)


def gender_of(text: str | None) -> Gender | None:
    return {"male": Gender.MALE, "female": Gender.FEMALE}.get((clean(text) or "").lower())


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
_MMSI = re.compile(r"\bMMSI\b(?:\s+(?:number|no\.?))?\s*[:.]?\s*(\d{9})\b", re.IGNORECASE)
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
        Identifier(_document_kind((context,), kind), number, text_country(context), remarks=details)
        for item in split_numbered(numbers)
        for number in (document_numbers(item) or [item])
    ]


def mmsi_numbers(text: str) -> list[str]:
    """MMSI numbers written ``MMSI: 445539000`` in free text."""
    return [m.group(1) for m in _MMSI.finditer(text)]


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
        names = list(dedupe(names))
        if not names:
            raise SourceError(self.path, self.line, f"group {self.group_id} has no name")
        names.sort(key=lambda n: n.kind is not NameKind.PRIMARY)
        return tuple(names)

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
        dates = []
        for value in self.distinct("DOB"):
            if parsed := parse_uk_date(value):
                dates.append(parsed)
            else:
                self.notes.append(f"DOB: {value}")
        return dedupe(dates)

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
        codes = []
        for value in self.distinct("Nationality"):
            for item in split_numbered(value):
                code, _qualifier = resolve_country(item)
                if code:
                    codes.append(code)
                else:
                    self.notes.append(f"Nationality: {item}")
        return dedupe(codes)

    def addresses(self) -> tuple[Address, ...]:
        addresses = []
        for row in self.rows:
            lines = [v for i in range(1, 7) if (v := clean(row.get(f"Address {i}")))]
            postcode = clean(row.get("Post/Zip Code"))
            country_text = clean(row.get("Country"))
            if not (lines or postcode or country_text):
                continue
            code, qualifier = resolve_country(country_text or "")
            full = ", ".join([*lines, *(p for p in (postcode, country_text) if p)])
            addresses.append(
                Address(
                    full=full,
                    postal_code=postcode,
                    country=code,
                    country_name=None if code else country_text,
                    remarks=qualifier,
                )
            )
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
