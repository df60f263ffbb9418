"""EU Financial Sanctions Files (FSF) XML 1.1 → entities.

Owns the ``eu-fsf`` format: the ``<export>`` file in the namespace
``http://eu.europa.ec/fpi/fsd/export`` that the Commission's FSF service publishes
(``xmlFullSanctionsList_1_1``). Each ``sanctionEntity`` becomes one entity with id
``eu-{euReferenceNumber}``: ``person`` → ``Person``, ``enterprise`` → ``Organization``.
The designation carries the ``programme`` codes of its regulations, their ``numberTitle``
as legal basis and, as ``listed_on``, the ``designationDate`` when the file gives one (newer
exports) or else the earliest regulation ``publicationDate``; measures are left empty (an EU
asset freeze is the list's default).

Names: the first strong Latin-script ``nameAlias`` is the primary name, other strong ones
are aliases, ``strong="false"`` ones weak aliases, and names in another script (the
Bulgarian, Greek ... translations) ``original_script`` names with their ISO 15924 script and
the ``nameLanguage`` as language. Unknown attributes and elements are ignored, so newer
exports with extra fields read the same way. ``countryIso2Code="00"`` means unknown.
"""

from __future__ import annotations

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
    Schema,
    parse_single_date,
)
from clearance.model.dates import iso_prefix
from clearance.model.scripts import detect_script
from clearance.sources.base import ListFormat, ListRead, SourceError
from clearance.sources.fields import NULL_TOKENS, clean, country_of, dedupe, published_date
from clearance.sources.xmlstream import iter_elements, root_attributes, xml_root

FORMAT_NAME = "eu-fsf"
SOURCE = "eu-fsf"
TITLE = "EU Financial Sanctions Files (FSF)"
NAMESPACE = "http://eu.europa.ec/fpi/fsd/export"

_SCHEMA_OF_SUBJECT = {
    "person": Schema.PERSON,
    "p": Schema.PERSON,
    "enterprise": Schema.ORGANIZATION,
    "e": Schema.ORGANIZATION,
}

_IDENTIFIER_KINDS = {
    "passport": IdentifierKind.PASSPORT,
    "id": IdentifierKind.NATIONAL_ID,
    "ssn": IdentifierKind.NATIONAL_ID,
    "nationalid": IdentifierKind.NATIONAL_ID,
    "fiscalcode": IdentifierKind.TAX_ID,
    "tin": IdentifierKind.TAX_ID,
    "taxid": IdentifierKind.TAX_ID,
    "regnumber": IdentifierKind.REGISTRATION,
    "swiftbic": IdentifierKind.BIC,
    "imo": IdentifierKind.IMO,
    "lei": IdentifierKind.LEI,
}

_IDENTIFIER_FLAGS = {
    "diplomatic": "diplomatic",
    "knownExpired": "known expired",
    "knownFalse": "known false",
    "reportedLost": "reported lost",
    "revokedByIssuer": "revoked by issuer",
}


def sniff(path: Path, head: bytes) -> bool:
    """An FSF file has the root ``export`` in the FSF namespace (or ``sanctionEntity`` inside)."""
    root = xml_root(head)
    if root is None or root[0] != "export":
        return False
    return NAMESPACE.encode() in root[1] or b"<sanctionEntity" in head


def read(path: Path) -> ListRead:
    path = Path(path)
    tag, attributes = root_attributes(path)
    if tag != "export":
        raise SourceError(path, 1, f"not an EU FSF export: root element is <{tag}>")
    file_id = attributes.get("globalFileId")
    return ListRead(
        format=FORMAT_NAME,
        source=SOURCE,
        files=(path,),
        entities=_entities(path),
        published=published_date(attributes.get("generationDate")),
        title=f"{TITLE}, file {file_id}" if file_id else TITLE,
    )


def _entities(path: Path) -> Iterator[Entity]:
    for element in iter_elements(path, "{*}sanctionEntity"):
        yield _Record(path, element).entity()


def _attr(element: etree._Element, name: str) -> str | None:
    return clean(element.get(name))


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return list(element.iterchildren(f"{{*}}{name}"))


def _remarks(element: etree._Element) -> list[str]:
    return [text for r in _children(element, "remark") if (text := clean(r.text))]


def _country(element: etree._Element) -> tuple[str | None, str | None]:
    """(ISO code, published description when no code) of an element's country attributes."""
    code = (_attr(element, "countryIso2Code") or "").lower()
    description = _attr(element, "countryDescription")
    if code and code not in NULL_TOKENS and len(code) == 2 and code.isalpha():
        return code, None
    resolved = country_of(description)
    if resolved:
        return resolved, None
    if description and description.lower() not in NULL_TOKENS:
        return None, description
    return None, None


def _is_true(value: str | None) -> bool:
    return (value or "").strip().lower() == "true"


class _Record:
    """Builds one :class:`Entity` from a ``sanctionEntity`` element."""

    def __init__(self, path: Path, element: etree._Element) -> None:
        self.path = path
        self.element = element
        self.notes: list[str] = []
        ref = _attr(element, "euReferenceNumber")
        if ref is None:
            raise SourceError(path, element.sourceline, "sanctionEntity without euReferenceNumber")
        self.ref = ref

    def entity(self) -> Entity:
        names, titles, gender = self.names()
        self.notes.extend(_remarks(self.element))
        if un_id := _attr(self.element, "unitedNationId"):
            self.notes.append(f"UN reference: {un_id}")
        birth_dates, birth_places = self.births()
        return Entity(
            id=f"eu-{self.ref}",
            schema=self.schema(),
            names=names,
            source=SOURCE,
            source_ref=self.ref,
            designations=(self.designation(),),
            titles=titles,
            gender=gender,
            birth_dates=birth_dates,
            birth_places=birth_places,
            citizenships=self.citizenships(),
            addresses=self.addresses(),
            identifiers=self.identifiers(),
            notes=dedupe(self.notes),
        )

    def schema(self) -> Schema:
        for subject in _children(self.element, "subjectType"):
            for key in ("code", "classificationCode"):
                if schema := _SCHEMA_OF_SUBJECT.get((_attr(subject, key) or "").lower()):
                    return schema
        return Schema.LEGAL_ENTITY

    # names -------------------------------------------------------------------------------

    def names(self) -> tuple[tuple[Name, ...], tuple[str, ...], Gender | None]:
        names: list[Name] = []
        titles: list[str] = []
        genders: list[Gender] = []
        for alias in _children(self.element, "nameAlias"):
            if name := self.name(
                alias, primary_taken=any(n.kind is NameKind.PRIMARY for n in names)
            ):
                names.append(name)
            titles.extend(t for key in ("title", "function") if (t := _attr(alias, key)))
            gender = {"m": Gender.MALE, "f": Gender.FEMALE}.get(
                (_attr(alias, "gender") or "").lower()
            )
            if gender:
                genders.append(gender)
        if not names:
            raise SourceError(self.path, self.element.sourceline, f"{self.ref} has no name")
        if not any(n.kind is NameKind.PRIMARY for n in names):
            first = names[0]
            names[0] = Name(
                first.value,
                NameKind.PRIMARY,
                first.script,
                first.lang,
                first.given,
                first.family,
                first.middle,
                first.remarks,
            )
        gender = genders[0] if genders and len(set(genders)) == 1 else None
        return dedupe(names), dedupe(titles), gender

    def name(self, alias: etree._Element, *, primary_taken: bool) -> Name | None:
        given, middle, family = (
            _attr(alias, "firstName"),
            _attr(alias, "middleName"),
            _attr(alias, "lastName"),
        )
        value = _attr(alias, "wholeName") or clean(
            " ".join(p for p in (given, middle, family) if p)
        )
        if value is None:
            return None
        script = detect_script(value)
        strong = (_attr(alias, "strong") or "true").lower() != "false"
        if script not in (None, "Latn"):
            kind = NameKind.ORIGINAL_SCRIPT
        elif not strong:
            kind = NameKind.WEAK
        elif not primary_taken:
            kind = NameKind.PRIMARY
        else:
            kind = NameKind.AKA
        lang = (_attr(alias, "nameLanguage") or "").lower() or None
        return Name(
            value,
            kind,
            script=None if script in (None, "Latn") else script,
            lang=lang,
            given=given,
            family=family,
            middle=middle,
            remarks="; ".join(_remarks(alias)) or None,
        )

    # facts -------------------------------------------------------------------------------

    def births(self) -> tuple[tuple[PartialDate, ...], tuple[str, ...]]:
        dates: list[PartialDate] = []
        places: list[str] = []
        for element in _children(self.element, "birthdate"):
            if parsed := birth_date(element):
                dates.append(parsed)
            code, _unknown = _country(element)
            description = _attr(element, "countryDescription")
            if description and description.lower() not in NULL_TOKENS:
                country = description
            else:
                country = code.upper() if code else None
            parts = [p for key in ("place", "city", "region") if (p := _attr(element, key))]
            if country:
                parts.append(country)
            if parts:
                places.append(", ".join(parts))
            self.notes.extend(f"Birth: {r}" for r in _remarks(element))
        return dedupe(dates), dedupe(places)

    def citizenships(self) -> tuple[str, ...]:
        codes = []
        for element in _children(self.element, "citizenship"):
            code, description = _country(element)
            if code:
                codes.append(code)
            elif description:
                self.notes.append(f"Citizenship: {description}")
            self.notes.extend(f"Citizenship: {r}" for r in _remarks(element))
        return dedupe(codes)

    def addresses(self) -> tuple[Address, ...]:
        addresses = []
        for element in _children(self.element, "address"):
            code, description = _country(element)
            street_parts = [_attr(element, "street")]
            if po_box := _attr(element, "poBox"):
                street_parts.append(f"P.O. Box {po_box}")
            city = _attr(element, "city")
            place = _attr(element, "place")
            remarks = _remarks(element)
            if place and city:
                remarks.insert(0, place)
            if _is_true(element.get("asAtListingTime")):
                remarks.append("as at listing time")
            address = Address(
                street=", ".join(p for p in street_parts if p) or None,
                city=city or place,
                region=_attr(element, "region"),
                postal_code=_attr(element, "zipCode"),
                country=code,
                country_name=description,
                remarks="; ".join(remarks) or None,
            )
            if address != Address():
                addresses.append(address)
        return dedupe(addresses)

    def identifiers(self) -> tuple[Identifier, ...]:
        identifiers = []
        for element in _children(self.element, "identification"):
            number = _attr(element, "number") or _attr(element, "latinNumber")
            if number is None or number in ("-", "—"):
                continue
            code, description = _country(element)
            type_code = (_attr(element, "identificationTypeCode") or "").lower()
            remarks = _remarks(element)
            if description:
                remarks.append(f"country: {description}")
            if issuer := _attr(element, "issuedBy"):
                remarks.append(f"issued by {issuer}")
            if holder := _attr(element, "nameOnDocument"):
                remarks.append(f"name on document: {holder}")
            remarks.extend(
                label for key, label in _IDENTIFIER_FLAGS.items() if _is_true(element.get(key))
            )
            issued = _first_date(element, "issueDate", "issuedDate", "dateOfIssue", "validFrom")
            expires = _first_date(element, "validTo", "expiryDate", "expirationDate")
            identifiers.append(
                Identifier(
                    kind=_IDENTIFIER_KINDS.get(type_code, IdentifierKind.OTHER),
                    number=number,
                    country=code,
                    label=_attr(element, "identificationTypeDescription") or type_code or None,
                    issued=issued,
                    expires=expires,
                    remarks="; ".join(remarks) or None,
                )
            )
        return dedupe(identifiers)

    # designation -------------------------------------------------------------------------

    def designation(self) -> Designation:
        regulations = _children(self.element, "regulation")
        programs = dedupe(p for r in regulations if (p := _attr(r, "programme")))
        legal_basis = dedupe(t for r in regulations if (t := _attr(r, "numberTitle")))
        published = sorted(
            d for r in regulations if (d := parse_single_date(_attr(r, "publicationDate") or ""))
        )
        designated = parse_single_date(_attr(self.element, "designationDate") or "")
        listed = designated or (published[0] if published else None)
        return Designation(
            authority=Authority.EU,
            list_code=ListCode.EU_FSF,
            programs=programs,
            listed_on=PartialDate(listed) if listed else None,
            remarks=_attr(self.element, "designationDetails"),
            source_ref=self.ref,
            legal_basis=legal_basis,
        )


def _first_date(element: etree._Element, *keys: str) -> PartialDate | None:
    for key in keys:
        if (value := _attr(element, key)) and (parsed := PartialDate.parse(value)):
            return parsed
    return None


def _int(value: str | None) -> int | None:
    value = clean(value)
    return int(value) if value and value.isascii() and value.isdigit() else None


def birth_date(element: etree._Element) -> PartialDate | None:
    """A ``birthdate`` element as a :class:`PartialDate` (full date, parts, or year range)."""
    circa = _is_true(element.get("circa"))
    if (full := _attr(element, "birthdate")) and (start := parse_single_date(full)):
        return PartialDate(start, None, circa)
    year, month, day = (_int(element.get(k)) for k in ("year", "monthOfYear", "dayOfMonth"))
    if year:
        prefix = (
            iso_prefix(year, month, day)
            or (iso_prefix(year, month) if month else None)
            or iso_prefix(year)
        )
        if prefix:
            return PartialDate(prefix, None, circa)
    low, high = _int(element.get("yearRangeFrom")), _int(element.get("yearRangeTo"))
    if (
        low
        and high
        and (start := iso_prefix(min(low, high)))
        and (end := iso_prefix(max(low, high)))
    ):
        return PartialDate(start, None if start == end else end, circa)
    return None


FORMAT = ListFormat(
    name=FORMAT_NAME,
    description="EU Financial Sanctions Files (FSF) XML 1.1 export",
    sniff=sniff,
    read=read,
)
