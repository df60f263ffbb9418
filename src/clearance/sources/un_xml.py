"""UN Security Council Consolidated List XML (``CONSOLIDATED_LIST``) → entities.

Owns the ``un-xml`` format: the list the UN publishes at
``scsanctions.un.org/resources/xml/en/consolidated.xml``. Every ``INDIVIDUAL`` becomes a
``Person`` and every ``ENTITY`` an ``Organization`` with id ``un-{REFERENCE_NUMBER}``, one
``UN SC`` designation (program = ``UN_LIST_TYPE``, ``listed_on`` = ``LISTED_ON``, remarks =
``COMMENTS1``; measures are left empty because the list does not name them per entry).

Name parts: the UN publishes individuals' names given-name first in ``FIRST_NAME`` ..
``FOURTH_NAME``; the primary name is those parts joined in published order. When there are
two or more parts, ``FIRST_NAME`` is taken as the given name, the last part as the family
name and the parts between as middle names — except on the DPRK list (``KPi.`` references),
where Korean names are published family name first (``KIM`` / ``SONG CHOL``), so
``FIRST_NAME`` is the family name and the rest the given name. A single part sets no parts.

Also here, because the EU FSF parser reuses them: small XML helpers (root sniffing,
streaming ``iterparse`` with element clearing and :class:`SourceError` on bad XML) and
Unicode script detection (:func:`detect_script`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TypeVar

from lxml import etree

from clearance.model import (
    Address,
    Authority,
    Designation,
    Entity,
    Gender,
    Identifier,
    IdentifierKind,
    ListCode,
    Name,
    NameKind,
    PartialDate,
    RelationKind,
    Relationship,
    Schema,
    parse_single_date,
)
from clearance.model.countries import country_code
from clearance.model.dates import MONTHS, iso_prefix
from clearance.sources.base import ListFormat, ListRead, SourceError

FORMAT_NAME = "un-xml"
SOURCE = "un-sc"
TITLE = "UN Security Council Consolidated List"

T = TypeVar("T")

# ---------------------------------------------------------------------------------------------
# Shared helpers: text, countries, scripts, XML streaming
# ---------------------------------------------------------------------------------------------

NULL_TOKENS = frozenset({"", "na", "n/a", "none", "unknown", "-", "00", "null"})


def clean(text: str | None) -> str | None:
    """Collapse whitespace (lists wrap long values over indented lines); ``None`` if empty."""
    if text is None:
        return None
    value = " ".join(text.split())
    return value or None


def country_of(text: str | None) -> str | None:
    """ISO alpha-2 for a country name/code/demonym, ``None`` for unknowns and placeholders.

    ``"na"`` (not available) must not become Namibia, nor ``"00"`` anything.
    """
    value = clean(text)
    if value is None or value.lower() in NULL_TOKENS:
        return None
    return country_code(value) or _EXTRA_COUNTRIES.get(value.lower())


# UN spellings that clearance.model.countries does not (yet) know.
_EXTRA_COUNTRIES = {
    "democratic republic of the congo": "cd",
    "state of palestine": "ps",
    "china, hong kong special administrative region": "hk",
}

_SCRIPT_OF_PREFIX = {
    "LATIN": "Latn",
    "CYRILLIC": "Cyrl",
    "ARABIC": "Arab",
    "GREEK": "Grek",
    "HEBREW": "Hebr",
    "CJK": "Hani",
    "HANGUL": "Hang",
    "HIRAGANA": "Hira",
    "KATAKANA": "Kana",
    "GEORGIAN": "Geor",
    "ARMENIAN": "Armn",
    "THAI": "Thai",
    "DEVANAGARI": "Deva",
    "BENGALI": "Beng",
    "GURMUKHI": "Guru",
    "GUJARATI": "Gujr",
    "TAMIL": "Taml",
    "SINHALA": "Sinh",
    "ETHIOPIC": "Ethi",
    "SYRIAC": "Syrc",
    "THAANA": "Thaa",
    "MYANMAR": "Mymr",
    "KHMER": "Khmr",
    "LAO": "Laoo",
    "TIBETAN": "Tibt",
    "MONGOLIAN": "Mong",
}


def _char_script(char: str) -> str | None:
    try:
        prefix = unicodedata.name(char).split(" ", 1)[0]
    except ValueError:
        return None
    return _SCRIPT_OF_PREFIX.get(prefix)


def _encodes(text: str, codec: str) -> bool:
    try:
        text.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def _han_variant(text: str) -> str:
    """``Hans``/``Hant`` when the characters are only in GB2312 / only in Big5, else ``Hani``."""
    han = "".join(c for c in text if _char_script(c) == "Hani")
    simplified, traditional = _encodes(han, "gb2312"), _encodes(han, "big5")
    if simplified and not traditional:
        return "Hans"
    if traditional and not simplified:
        return "Hant"
    return "Hani"


def detect_script(text: str) -> str | None:
    """ISO 15924 code of the script most letters of ``text`` are in; ``None`` if no letters.

    Han text is reported as ``Hans`` or ``Hant`` where the characters tell (simplified forms
    exist only in GB2312, traditional ones only in Big5), otherwise ``Hani``; Han mixed with
    kana is ``Jpan`` and with Hangul ``Kore``.
    """
    counts: Counter[str] = Counter()
    for char in text:
        if char.isalpha():
            script = _char_script(char)
            if script:
                counts[script] += 1
    if not counts:
        return None
    if "Hani" in counts and ({"Hira", "Kana"} & counts.keys()):
        return "Jpan"
    if "Hani" in counts and "Hang" in counts:
        return "Kore"
    script = counts.most_common(1)[0][0]
    return _han_variant(text) if script == "Hani" else script


def non_latin_script(text: str) -> str | None:
    """The script of ``text`` when it is not Latin (what ``Name.script`` records)."""
    script = detect_script(text)
    return None if script in (None, "Latn") else script


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


def _syntax_error(path: Path, exc: etree.XMLSyntaxError) -> SourceError:
    line = exc.lineno if exc.lineno else None
    message = (exc.msg or str(exc)).strip() or "malformed XML"
    return SourceError(path, line, f"malformed XML: {message}")


def root_attributes(path: Path) -> tuple[str, dict[str, str]]:
    """Local name and attributes of the root element, reading only the file's start."""
    try:
        events = etree.iterparse(
            str(path), events=("start",), resolve_entities=False, no_network=True
        )
        for _event, element in events:
            return etree.QName(element).localname, dict(element.attrib)
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(path, exc) from exc
    except OSError as exc:
        raise SourceError(path, None, f"cannot read: {exc}") from exc
    raise SourceError(path, None, "empty XML document")


def iter_elements(path: Path, *tags: str) -> Iterator[etree._Element]:
    """Stream the elements named ``tags`` (complete, at their end tag), freeing each after use."""
    try:
        events = etree.iterparse(
            str(path),
            events=("end",),
            tag=tags,
            resolve_entities=False,
            no_network=True,
            remove_comments=True,
        )
        for _event, element in events:
            yield element
            element.clear(keep_tail=False)
            parent = element.getparent()
            while parent is not None and element.getprevious() is not None:
                del parent[0]
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(path, exc) from exc
    except OSError as exc:
        raise SourceError(path, None, f"cannot read: {exc}") from exc


def published_date(value: str | None) -> date | None:
    """The calendar date of an ISO timestamp as published (``2026-02-27T00:00:09Z``)."""
    prefix = parse_single_date((value or "")[:10])
    return date.fromisoformat(prefix) if prefix and len(prefix) == 10 else None


def dedupe(items: Iterable[T]) -> tuple[T, ...]:
    """Items in first-seen order without repeats."""
    return tuple(dict.fromkeys(items))


# ---------------------------------------------------------------------------------------------
# Format
# ---------------------------------------------------------------------------------------------


def sniff(path: Path, head: bytes) -> bool:
    """A UN list has the root ``CONSOLIDATED_LIST`` (no namespace)."""
    root = xml_root(head)
    return root is not None and root[0] == "CONSOLIDATED_LIST"


def read(path: Path) -> ListRead:
    path = Path(path)
    tag, attributes = root_attributes(path)
    if tag != "CONSOLIDATED_LIST":
        raise SourceError(path, 1, f"not a UN consolidated list: root element is <{tag}>")
    warnings: list[str] = []
    return ListRead(
        format=FORMAT_NAME,
        source=SOURCE,
        files=(path,),
        entities=_entities(path, warnings),
        published=published_date(attributes.get("dateGenerated")),
        title=TITLE,
        warnings=warnings,
    )


def _entities(path: Path, warnings: list[str]) -> Iterator[Entity]:
    for element in iter_elements(path, "INDIVIDUAL", "ENTITY"):
        yield _Record(path, element, warnings).entity()


# ---------------------------------------------------------------------------------------------
# One record
# ---------------------------------------------------------------------------------------------

_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
_UN_REF = re.compile(r"\(([A-Z]{2}[ie]\.\d{3})\)")
_EXPIRES = re.compile(
    r"(?:expir(?:es|ed|ation date|y date|ation)?|valid until|date of expiration)\s*"
    r"(?:on|date)?\s*:?\s*"
    r"(\d{4}-\d{2}-\d{2}|\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2},\s+\d{4})",
    re.IGNORECASE,
)
_NUMBER_IN_LABEL = re.compile(r"^(.*?\bnumber)\s*:?\s*([A-Z0-9][A-Z0-9\-/]*\d[A-Z0-9]*)$", re.I)
_ORIGINAL_IN_NOTE = re.compile(r"(?:original script|in arabic(?: script)?)\s*:\s*(.+)$", re.I)
_FKA_NOTE = re.compile(r"^(?:previously|formerly) listed as", re.IGNORECASE)


class _Record:
    """Builds one :class:`Entity` from an ``INDIVIDUAL`` or ``ENTITY`` element."""

    def __init__(self, path: Path, element: etree._Element, warnings: list[str]) -> None:
        self.path = path
        self.element = element
        self.warnings = warnings
        self.is_person = element.tag == "INDIVIDUAL"
        self.notes: list[str] = []
        self.birth_dates: list[PartialDate] = []
        self.birth_places: list[str] = []
        ref = clean(element.findtext("REFERENCE_NUMBER"))
        if ref is None:
            raise SourceError(path, element.sourceline, f"{element.tag} without REFERENCE_NUMBER")
        self.ref = ref

    def text(self, tag: str, element: etree._Element | None = None) -> str | None:
        return clean((self.element if element is None else element).findtext(tag))

    def values(self, tag: str) -> list[str]:
        return [v for e in self.element.iterfind(f"{tag}/VALUE") if (v := clean(e.text))]

    def country(self, text: str | None) -> str | None:
        code = country_of(text)
        if code is None and text and text.lower() not in NULL_TOKENS:
            warning = f"unknown country {text!r}"
            if warning not in self.warnings:
                self.warnings.append(warning)
        return code

    def entity(self) -> Entity:
        # These collect birth facts and notes as they go, so they run before the build.
        self.read_births()
        names = self.names()
        nationalities = self.nationalities()
        identifiers = self.identifiers()
        return Entity(
            id=f"un-{self.ref}",
            schema=Schema.PERSON if self.is_person else Schema.ORGANIZATION,
            names=names,
            source=SOURCE,
            source_ref=self.ref,
            designations=(self.designation(),),
            titles=dedupe(self.values("TITLE") + self.values("DESIGNATION")),
            gender=self.gender(),
            birth_dates=dedupe(self.birth_dates),
            birth_places=dedupe(self.birth_places),
            nationalities=nationalities,
            addresses=self.addresses(),
            identifiers=identifiers,
            relationships=self.relationships(),
            notes=dedupe(self.notes),
        )

    # names -------------------------------------------------------------------------------

    def names(self) -> tuple[Name, ...]:
        parts = [p for tag in _NAME_PARTS if (p := self.text(tag))]
        if not parts:
            raise SourceError(self.path, self.element.sourceline, f"{self.ref} has no name")
        names = [self.primary_name(parts)]
        for element in self.element.iterfind("NAME_ORIGINAL_SCRIPT"):
            if value := clean(element.text):
                names.append(Name(value, NameKind.ORIGINAL_SCRIPT, script=detect_script(value)))
        alias_tag = "INDIVIDUAL_ALIAS" if self.is_person else "ENTITY_ALIAS"
        for element in self.element.iterfind(alias_tag):
            names.extend(self.alias(element))
        return dedupe(names)

    def primary_name(self, parts: list[str]) -> Name:
        value = " ".join(parts)
        script = non_latin_script(value)
        if not self.is_person or len(parts) < 2:
            return Name(value, NameKind.PRIMARY, script=script)
        if self.ref.startswith("KPi."):
            return Name(value, script=script, family=parts[0], given=" ".join(parts[1:]))
        middle = " ".join(parts[1:-1]) or None
        return Name(value, script=script, given=parts[0], middle=middle, family=parts[-1])

    def alias(self, element: etree._Element) -> list[Name]:
        """The alias, plus its original-script form when the note gives one."""
        value = self.text("ALIAS_NAME", element)
        if value is None:
            return []
        quality = (self.text("QUALITY", element) or "").lower()
        note = self.text("NOTE", element)
        if quality == "low":
            kind = NameKind.WEAK
        elif quality.startswith("f.k.a") or (note and _FKA_NOTE.match(note)):
            kind = NameKind.FKA
        else:
            kind = NameKind.AKA
        remarks = [note] if note else []
        if dob := self.text("DATE_OF_BIRTH", element):
            remarks.append(f"DOB {dob}")
            if parsed := PartialDate.parse(dob):
                self.birth_dates.append(parsed)
        place = ", ".join(
            p for tag in ("CITY_OF_BIRTH", "COUNTRY_OF_BIRTH") if (p := self.text(tag, element))
        )
        if place:
            remarks.append(f"POB {place}")
            self.birth_places.append(place)
        names = [
            Name(value, kind, script=non_latin_script(value), remarks="; ".join(remarks) or None)
        ]
        if note and (m := _ORIGINAL_IN_NOTE.search(note)):
            original = m.group(1).strip()
            if script := non_latin_script(original):
                original_kind = NameKind.WEAK if kind is NameKind.WEAK else NameKind.ORIGINAL_SCRIPT
                names.append(Name(original, original_kind, script=script, remarks=f"of {value}"))
        return names

    # facts -------------------------------------------------------------------------------

    def gender(self) -> Gender | None:
        value = (self.text("GENDER") or "").lower()
        return {"male": Gender.MALE, "female": Gender.FEMALE}.get(value)

    def nationalities(self) -> tuple[str, ...]:
        codes = []
        for value in self.values("NATIONALITY"):
            if code := self.country(value):
                codes.append(code)
            elif value.lower() not in NULL_TOKENS:
                self.notes.append(f"Nationality: {value}")
        return dedupe(codes)

    def addresses(self) -> tuple[Address, ...]:
        tag = "INDIVIDUAL_ADDRESS" if self.is_person else "ENTITY_ADDRESS"
        addresses = []
        for element in self.element.iterfind(tag):
            country_text = self.text("COUNTRY", element)
            code = self.country(country_text)
            address = Address(
                street=self.text("STREET", element),
                city=self.text("CITY", element),
                region=self.text("STATE_PROVINCE", element),
                postal_code=self.text("ZIP_CODE", element),
                country=code,
                country_name=None if code else country_text,
                remarks=self.text("NOTE", element),
            )
            if address != Address():
                addresses.append(address)
        return dedupe(addresses)

    def read_births(self) -> None:
        for element in self.element.iterfind("INDIVIDUAL_DATE_OF_BIRTH"):
            self.birth_date(element)
        for element in self.element.iterfind("INDIVIDUAL_PLACE_OF_BIRTH"):
            parts = [
                p
                for tag in ("STREET", "CITY", "STATE_PROVINCE", "COUNTRY")
                if (p := self.text(tag, element))
            ]
            if parts:
                self.birth_places.append(", ".join(parts))
            if note := self.text("NOTE", element):
                self.notes.append(f"POB: {note}")

    def birth_date(self, element: etree._Element) -> None:
        kind = (self.text("TYPE_OF_DATE", element) or "").upper()
        note = self.text("NOTE", element)
        circa = kind == "APPROXIMATELY" or bool(note and note.lower().startswith("approx"))
        parsed = parse_un_date(
            self.text("DATE", element),
            self.text("YEAR", element),
            self.text("FROM_YEAR", element),
            self.text("TO_YEAR", element),
            note,
            circa=circa,
        )
        if parsed is not None:
            date_value, note_used = parsed
            self.birth_dates.append(date_value)
            if note and not note_used and not note.lower().startswith("approx"):
                self.notes.append(f"DOB {date_value}: {note}")
        elif note:
            self.notes.append(f"DOB: {note}")

    def identifiers(self) -> tuple[Identifier, ...]:
        identifiers = []
        for element in self.element.iterfind("INDIVIDUAL_DOCUMENT"):
            if identifier := self.document(element):
                identifiers.append(identifier)
        return dedupe(identifiers)

    def document(self, element: etree._Element) -> Identifier | None:
        type_1 = self.text("TYPE_OF_DOCUMENT", element)
        type_2 = self.text("TYPE_OF_DOCUMENT2", element)
        number = self.text("NUMBER", element)
        note = self.text("NOTE", element)
        if number is None and type_2 and (m := _NUMBER_IN_LABEL.match(type_2)):
            type_2, number = m.group(1), m.group(2)
        label = type_2 or type_1
        if number is None:
            if note or label:
                self.notes.append(": ".join(p for p in (label or "Document", note) if p))
            return None
        country_text = self.text("ISSUING_COUNTRY", element) or self.text(
            "COUNTRY_OF_ISSUE", element
        )
        code = self.country(country_text)
        remarks = []
        if country_text and not code:
            remarks.append(f"issued by {country_text}")
        if city := self.text("CITY_OF_ISSUE", element):
            remarks.append(f"issued in {city}")
        if note:
            remarks.append(note)
        issued = self.text("DATE_OF_ISSUE", element)
        expires = _EXPIRES.search(note or "")
        return Identifier(
            kind=document_kind(type_1, type_2),
            number=number,
            country=code,
            label=label,
            issued=PartialDate.parse(issued) if issued else None,
            expires=PartialDate.parse(expires.group(1)) if expires else None,
            remarks="; ".join(remarks) or None,
        )

    # designation and links ---------------------------------------------------------------

    def designation(self) -> Designation:
        listed = parse_single_date((self.text("LISTED_ON") or "")[:10])
        program = self.text("UN_LIST_TYPE")
        return Designation(
            authority=Authority.UN_SC,
            list_code=ListCode.UN_CONSOLIDATED,
            programs=(program,) if program else (),
            listed_on=PartialDate(listed) if listed else None,
            remarks=self.text("COMMENTS1"),
            source_ref=self.ref,
        )

    def relationships(self) -> tuple[Relationship, ...]:
        """Links to other UN records that the narrative names by reference number."""
        comments = self.text("COMMENTS1") or ""
        links = []
        for sentence in re.split(r"(?<=[.;])\s+(?=[A-Z])", comments):
            for ref in _UN_REF.findall(sentence):
                if ref != self.ref:
                    links.append(
                        Relationship(
                            RelationKind.LINKED_TO,
                            target_id=f"un-{ref}",
                            label=sentence[:300],
                        )
                    )
        # one link per target: the first sentence that names it
        first: dict[str, Relationship] = {}
        for link in links:
            first.setdefault(link.target_id or "", link)
        return tuple(first.values())


def parse_un_date(
    exact: str | None,
    year: str | None,
    from_year: str | None,
    to_year: str | None,
    note: str | None,
    *,
    circa: bool = False,
) -> tuple[PartialDate, bool] | None:
    """A UN ``*_DATE_OF_BIRTH`` as a :class:`PartialDate`, and whether ``note`` was used.

    ``DATE`` is ISO, ``YEAR`` a year (refined to a month when the note is only a month name,
    as in ``<YEAR>1958</YEAR><NOTE>Sep.</NOTE>``), ``FROM_YEAR``/``TO_YEAR`` a range; with
    none of them a date written in the note (``Nov. 1973``) is used.
    """
    if exact and (start := parse_single_date(exact)):
        return PartialDate(start, None, circa), False
    if from_year and to_year:
        start, end = parse_single_date(from_year), parse_single_date(to_year)
        if start and end:
            start, end = min(start, end), max(start, end)
            return PartialDate(start, None if start == end else end, circa), False
    if year and (start := parse_single_date(year)):
        month = MONTHS.get((note or "").lower().rstrip(".").strip())
        if month and (prefix := iso_prefix(int(start), month)):
            return PartialDate(prefix, None, circa), True
        return PartialDate(start, None, circa), False
    if note and (parsed := PartialDate.parse(note)):
        return PartialDate(parsed.start, parsed.end, circa or parsed.circa), True
    return None


def document_kind(type_1: str | None, type_2: str | None) -> IdentifierKind:
    """Identifier kind from the UN document type (and its free-text refinement)."""
    detail = (type_2 or "").lower()
    if "fiscal code" in detail or "tax" in detail:
        return IdentifierKind.TAX_ID
    if "passport" in detail:
        return IdentifierKind.PASSPORT
    main = (type_1 or "").lower()
    if any(w in main for w in ("passport", "passeport", "pasaporte")):
        return IdentifierKind.PASSPORT
    if any(w in main for w in ("identif", "identity", "national id")):
        return IdentifierKind.NATIONAL_ID
    return IdentifierKind.OTHER


FORMAT = ListFormat(
    name=FORMAT_NAME,
    description="UN Security Council Consolidated List XML (CONSOLIDATED_LIST)",
    sniff=sniff,
    read=read,
)
