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
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

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
from clearance.model.dates import MONTHS, iso_prefix
from clearance.model.scripts import detect_script, non_latin_script
from clearance.sources.base import ListFormat, ListRead, SourceError
from clearance.sources.fields import (
    NULL_TOKENS,
    clean,
    country_of,
    dedupe,
    gender_of,
    published_date,
)
from clearance.sources.xmlstream import iter_elements, root_attributes, xml_root

FORMAT_NAME = "un-xml"
SOURCE = "un-sc"
TITLE = "UN Security Council Consolidated List"

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
        return gender_of(self.text("GENDER"))

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
