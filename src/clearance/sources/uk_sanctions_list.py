"""FCDO UK Sanctions List XML (``UK_Sanctions_List.xml``) → entities.

Owns the ``uk-sanctions-list-xml`` format: the list the Foreign, Commonwealth & Development
Office publishes since 2022 (the only UK list since OFSI's Consolidated List was retired in
2026). Root ``<Designations>`` with ``<DateGenerated>`` (→ ``published``, read before the
first designation; ``dd/mm/yyyy`` or ISO) and one ``<Designation>`` per designated person,
entity or ship, streamed with ``iterparse`` and element clearing. Each becomes one entity
with id ``gb-fcdo-{UniqueID}`` (``RUS0001``), source ``uk-fcdo``. No published file was at
hand when this was written: the element names follow the FCDO's published schema as known,
and the reader is deliberately lenient about nesting so that small layout differences
(``PassportDetails/Passport`` vs ``PassportNumbers``, ``TonnageOfShip`` vs ``Tonnage``) read.
Dates are ``dd/mm/yyyy`` (``00``/``dd``/``mm`` for unknown parts) or ISO.

Elements read under ``<Designation>`` (any namespace; unknown elements are ignored and every
optional one may be missing):

- ``UniqueID`` (required), ``IndividualEntityShip`` (Individual → Person, Entity →
  Organization, Ship → Vessel; when missing, the details block present decides),
  ``RegimeName`` (program and legal basis), ``DateDesignated`` (``listed_on``),
  ``DesignationSource`` (UK/UN), ``UNReferenceNumber``, ``OFSIGroupID`` (kept in notes:
  the same target's ``gb-ofsi-{id}`` in :mod:`clearance.sources.uk_ofsi_csv`),
  ``UKStatementofReasons`` (designation remarks), ``OtherInformation`` (notes);
- ``SanctionsImposed`` (``Asset freeze|Travel Ban|...``) → one :class:`Measure` per item:
  code ``UK-ASSET-FREEZE``, ``UK-TRAVEL-BAN``, ``UK-TRUST-SERVICES``, ``UK-ARMS-EMBARGO``
  ... (unknown labels → ``UK-`` + the label in capitals), label as published, legal basis the
  regime; when absent, the ``SanctionsImposedIndicators`` children whose text is ``true``;
- ``Names/Name``: ``Name1`` given, ``Name2..5`` middle, ``Name6`` surname or whole name;
  ``NameType`` Primary Name → primary, Alias / Primary name variation → aka;
  ``AliasStrength`` "Low quality" → weak;
- ``NonLatinNames/NonLatinName``: ``NameNonLatinScript`` → original-script name, its script
  detected from its characters (else taken from ``NonLatinScriptType``: Cyrillic → ``Cyrl``),
  ``NonLatinScriptLanguage`` → ISO 639-1 language where known;
- ``Titles/Title``, ``Positions/Position`` → titles;
- ``Addresses/Address``: ``AddressLine1..6``, ``AddressPostalCode``, ``AddressCountry``;
  ``PhoneNumbers/PhoneNumber``, ``EmailAddresses/EmailAddress``, ``Websites/Website``;
- ``IndividualDetails/Individual``: ``DOBs/DOB`` (``24/10/1966``, ``00/00/1970``,
  ``dd/mm/1970`` at published precision), ``Nationalities/Nationality``, ``Genders/Gender``,
  ``BirthDetails/Location`` (``TownOfBirth``, ``CountryOfBirth``), ``PassportNumber`` with
  its sibling ``PassportAdditionalInformation`` and ``NationalIdentifierNumber`` with
  ``NationalIdentifierAdditionalInformation`` (wherever they are nested:
  ``PassportDetails/Passport`` or ``PassportNumbers``);
- ``EntityDetails/Entity``: ``TypeOfEntities/TypeOfEntity`` (notes),
  ``BusinessRegistrationNumbers/BusinessRegistrationNumber`` (registration or tax
  identifiers; free text is split like the OFSI passport details), ``ParentCompanies/
  ParentCompany`` → ``subsidiary_of`` and ``Subsidiaries/Subsidiary`` → ``owns``
  relationships by name;
- ``ShipDetails/Ship``: ``IMONumber`` (IMO identifier, "IMO" prefix dropped),
  ``CurrentOwnerOperator`` (craft owner and an ``owned_or_controlled_by`` relationship),
  ``CurrentBelievedFlagOfShip`` (flag), ``TypeOfShip``, ``TonnageOfShip``/``Tonnage``,
  ``YearBuilt``, an ``MMSI`` number in ``OtherInformation``; ``PreviousFlag``,
  ``PreviousOwnerOperator`` and ``LengthOfShip`` go to notes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from lxml import etree

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
    RelationKind,
    Relationship,
    Schema,
)
from clearance.model.scripts import detect_script, script_from_name
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
    mmsi_numbers,
    name_type,
    nationality_codes,
    number_spans,
    parse_birth_dates,
    parse_uk_date,
    primary_first,
    split_label,
)
from clearance.sources.xmlstream import (
    iter_elements,
    iter_events,
    local_name,
    root_attributes,
    xml_root,
)

FORMAT_NAME = "uk-sanctions-list-xml"
SOURCE = "uk-fcdo"
TITLE = "UK Sanctions List (FCDO)"
ROOT = "Designations"

_SCHEMAS = {"individual": Schema.PERSON, "entity": Schema.ORGANIZATION, "ship": Schema.VESSEL}

# Measures as the list names them (lower case) → Clearance measure codes.
MEASURE_CODES = {
    "asset freeze": "UK-ASSET-FREEZE",
    "travel ban": "UK-TRAVEL-BAN",
    "trust services sanctions": "UK-TRUST-SERVICES",
    "trust services": "UK-TRUST-SERVICES",
    "arms embargo": "UK-ARMS-EMBARGO",
    "targeted arms embargo": "UK-TARGETED-ARMS-EMBARGO",
    "prohibition of port entry": "UK-PORT-ENTRY-BAN",
    "port entry ban": "UK-PORT-ENTRY-BAN",
    "deflag": "UK-DEFLAG",
    "ship specification": "UK-SHIP-SPECIFICATION",
    "chartering of ships": "UK-CHARTERING-BAN",
    "prevention of chartering of ships": "UK-CHARTERING-BAN",
    "prevention of chartering of ships and aircraft": "UK-CHARTERING-BAN",
    "director disqualification sanction": "UK-DIRECTOR-DISQUALIFICATION",
    "prevention of business arrangements": "UK-BUSINESS-ARRANGEMENTS-BAN",
    "closure of representative offices": "UK-REPRESENTATIVE-OFFICES-CLOSURE",
    "crew servicing of ships and aircraft": "UK-CREW-SERVICING-BAN",
    "technical assistance related to aircraft": "UK-AIRCRAFT-TECHNICAL-ASSISTANCE-BAN",
}

# SanctionsImposedIndicators child elements → the label SanctionsImposed would give.
_INDICATOR_LABELS = {
    "AssetFreeze": "Asset freeze",
    "ArmsEmbargo": "Arms embargo",
    "TargetedArmsEmbargo": "Targeted arms embargo",
    "CharteringOfShips": "Chartering of ships",
    "ClosureOfRepresentativeOffices": "Closure of representative offices",
    "CrewServicingOfShipsAndAircraft": "Crew servicing of ships and aircraft",
    "Deflag": "Deflag",
    "PreventionOfBusinessArrangements": "Prevention of business arrangements",
    "ProhibitionOfPortEntry": "Prohibition of port entry",
    "TravelBan": "Travel Ban",
    "PreventionOfCharteringOfShips": "Prevention of chartering of ships",
    "PreventionOfCharteringOfShipsAndAircraft": "Prevention of chartering of ships and aircraft",
    "TechnicalAssistanceRelatedToAircraft": "Technical assistance related to aircraft",
    "TrustServicesSanctions": "Trust services sanctions",
    "DirectorDisqualificationSanction": "Director disqualification sanction",
}

_LANGUAGES = {
    "russian": "ru",
    "ukrainian": "uk",
    "belarusian": "be",
    "belarussian": "be",
    "arabic": "ar",
    "persian": "fa",
    "farsi": "fa",
    "chinese": "zh",
    "korean": "ko",
    "japanese": "ja",
    "burmese": "my",
    "georgian": "ka",
    "armenian": "hy",
    "hebrew": "he",
    "pashto": "ps",
    "dari": "fa",
    "urdu": "ur",
    "serbian": "sr",
    "bulgarian": "bg",
    "greek": "el",
}

_IMO_PREFIX = re.compile(r"^IMO\s*:?\s*", re.IGNORECASE)
_TAX_WORDS = re.compile(r"\b(?:INN|TIN|tax|KPP)\b", re.IGNORECASE)
_PUNCTUATION = " ;,:.-()[]"


def sniff(path: Path, head: bytes) -> bool:
    """A UK Sanctions List: root ``<Designations>`` with ``<Designation>``/``<DateGenerated>``."""
    root = xml_root(head)
    if root is None or root[0] != ROOT:
        return False
    return b"<Designation>" in head or b"DateGenerated>" in head or b"<Designation " in head


def read(path: Path) -> ListRead:
    path = Path(path)
    tag, _attributes = root_attributes(path)
    if tag != ROOT:
        raise SourceError(path, 1, f"not a UK Sanctions List: root element is <{tag}>")
    return ListRead(
        format=FORMAT_NAME,
        source=SOURCE,
        files=(path,),
        entities=_entities(path),
        published=_published(path),
        title=TITLE,
    )


def _published(path: Path) -> date | None:
    """``DateGenerated``, read up to the first ``Designation`` (``None`` if absent)."""
    try:
        for event, element in iter_events(path, ("start", "end")):
            name = local_name(element.tag)
            if name == "Designation":
                return None
            if event == "end" and name == "DateGenerated":
                return calendar_date(element.text)
    except SourceError:
        return None  # the entity stream reports the error with its line
    return None


def _entities(path: Path) -> Iterator[Entity]:
    for element in iter_elements(path, "{*}Designation"):
        yield _Designation(path, element).entity()


# ---------------------------------------------------------------------------------------------
# Element helpers (namespace-agnostic)
# ---------------------------------------------------------------------------------------------


def _child(element: etree._Element, tag: str) -> etree._Element | None:
    return next(element.iterchildren(f"{{*}}{tag}"), None)


def _text(element: etree._Element | None, tag: str) -> str | None:
    """Text of the first child ``tag`` of ``element``, whitespace collapsed."""
    if element is None:
        return None
    child = _child(element, tag)
    return clean(child.text) if child is not None else None


def _texts(element: etree._Element | None, tag: str) -> list[str]:
    """Texts of every ``tag`` below ``element`` (any depth), in document order."""
    if element is None:
        return []
    return [v for e in element.iter(f"{{*}}{tag}") if (v := clean(e.text))]


def measure_of(label: str, regime: str | None) -> Measure:
    """The measure a ``SanctionsImposed`` item names: ``Asset freeze`` → ``UK-ASSET-FREEZE``."""
    key = " ".join(label.lower().split())
    code = MEASURE_CODES.get(key) or "UK-" + re.sub(r"[^A-Z0-9]+", "-", key.upper()).strip("-")
    return Measure(code, label, regime)


# ---------------------------------------------------------------------------------------------
# One designation
# ---------------------------------------------------------------------------------------------


class _Designation:
    """Builds one :class:`Entity` from a ``<Designation>`` element."""

    def __init__(self, path: Path, element: etree._Element) -> None:
        self.path = path
        self.element = element
        self.line = element.sourceline
        self.notes: list[str] = []
        unique_id = _text(element, "UniqueID")
        if not unique_id:
            raise SourceError(path, self.line, "Designation without UniqueID")
        self.unique_id = unique_id
        self.regime = _text(element, "RegimeName")
        self.individual = _child_path(element, "IndividualDetails", "Individual")
        self.entity_details = _child_path(element, "EntityDetails", "Entity")
        self.ship = _child_path(element, "ShipDetails", "Ship")

    def entity(self) -> Entity:
        schema = self.schema()
        names = self.names()
        identifiers = [*self.documents(), *self.registrations(), *self.imo_numbers()]
        nationalities = self.nationalities()
        return Entity(
            id=f"gb-fcdo-{self.unique_id}",
            schema=schema,
            names=names,
            source=SOURCE,
            source_ref=self.unique_id,
            designations=(self.designation(),),
            titles=dedupe([*_texts(self.element, "Title"), *_texts(self.individual, "Position")]),
            gender=next(
                (g for v in _texts(self.individual, "Gender") if (g := gender_of(v))), None
            ),
            birth_dates=self.birth_dates(),
            birth_places=self.birth_places(),
            nationalities=nationalities,
            addresses=self.addresses(),
            identifiers=dedupe(identifiers),
            craft=self.craft(),
            relationships=self.relationships(),
            phones=dedupe(_texts(self.element, "PhoneNumber")),
            emails=dedupe(_texts(self.element, "EmailAddress")),
            websites=dedupe(_texts(self.element, "Website")),
            notes=dedupe([*self.header_notes(), *self.notes]),
        )

    def schema(self) -> Schema:
        value = _text(self.element, "IndividualEntityShip")
        if value is None:
            if self.individual is not None:
                return Schema.PERSON
            return Schema.VESSEL if self.ship is not None else Schema.ORGANIZATION
        schema = _SCHEMAS.get(value.lower())
        if schema is None:
            raise SourceError(self.path, self.line, f"unknown IndividualEntityShip {value!r}")
        return schema

    # names ------------------------------------------------------------------------------

    def names(self) -> tuple[Name, ...]:
        names: list[Name] = []
        for name in self.element.iterfind("{*}Names/{*}Name"):
            parts = [_text(name, f"Name{i}") for i in range(1, 7)]
            if not any(parts):
                continue
            name_kind = _text(name, "NameType") or "Alias"
            strength = _text(name, "AliasStrength") or ""
            kind = name_type(name_kind, strength)
            remarks = "; ".join(
                v for v in (name_kind if kind is not NameKind.PRIMARY else None, strength) if v
            )
            names.append(build_name(parts, kind, remarks or None))
        for original in self.element.iterfind("{*}NonLatinNames/{*}NonLatinName"):
            if name := self._original(original):
                names.append(name)
        ordered = primary_first(names)
        if not ordered:
            raise SourceError(self.path, self.line, f"{self.unique_id} has no name")
        return ordered

    @staticmethod
    def _original(element: etree._Element) -> Name | None:
        value = _text(element, "NameNonLatinScript")
        if value is None:
            return None
        script_type = _text(element, "NonLatinScriptType")
        language = _text(element, "NonLatinScriptLanguage")
        script = detect_script(value) or script_from_name(script_type)
        remarks = ", ".join(v for v in (script_type, language) if v) or None
        return Name(
            value,
            NameKind.ORIGINAL_SCRIPT,
            script=script,
            lang=_LANGUAGES.get((language or "").lower()),
            remarks=remarks,
        )

    # facts ------------------------------------------------------------------------------

    def birth_dates(self) -> tuple[PartialDate, ...]:
        return parse_birth_dates(_texts(self.individual, "DOB"), self.notes)

    def birth_places(self) -> tuple[str, ...]:
        places = []
        if self.individual is not None:
            for location in self.individual.iter("{*}Location"):
                parts = [_text(location, "TownOfBirth"), _text(location, "CountryOfBirth")]
                if place := ", ".join(p for p in parts if p):
                    places.append(place)
        return dedupe(places)

    def nationalities(self) -> tuple[str, ...]:
        return nationality_codes(_texts(self.individual, "Nationality"), self.notes)

    def addresses(self) -> tuple[Address, ...]:
        addresses = []
        for element in self.element.iterfind("{*}Addresses/{*}Address"):
            lines = [v for i in range(1, 7) if (v := _text(element, f"AddressLine{i}"))]
            postcode = _text(element, "AddressPostalCode")
            if address := address_of(lines, postcode, _text(element, "AddressCountry")):
                addresses.append(address)
        return dedupe(addresses)

    # identifiers ------------------------------------------------------------------------

    def documents(self) -> list[Identifier]:
        found: list[Identifier] = []
        for tag, info_tag, kind in (
            ("PassportNumber", "PassportAdditionalInformation", IdentifierKind.PASSPORT),
            (
                "NationalIdentifierNumber",
                "NationalIdentifierAdditionalInformation",
                IdentifierKind.NATIONAL_ID,
            ),
        ):
            if self.individual is None:
                continue
            for number_element in self.individual.iter(f"{{*}}{tag}"):
                number = clean(number_element.text)
                parent = number_element.getparent()
                info = _text(parent, info_tag) if parent is not None else None
                if number:
                    found.append(Identifier(kind, number, text_country(info or ""), remarks=info))
        return found

    def registrations(self) -> list[Identifier]:
        found: list[Identifier] = []
        for text in _texts(self.entity_details, "BusinessRegistrationNumber"):
            found += registrations(text)
        return found

    def imo_numbers(self) -> list[Identifier]:
        found = [
            Identifier(IdentifierKind.IMO, _IMO_PREFIX.sub("", value), label="IMO")
            for value in _texts(self.ship, "IMONumber")
        ]
        if self.ship is not None:
            other = _text(self.element, "OtherInformation") or ""
            found += [Identifier(IdentifierKind.MMSI, n) for n in mmsi_numbers(other)]
        return found

    # craft and relationships ------------------------------------------------------------

    def craft(self) -> CraftParticulars | None:
        if self.ship is None:
            return None
        flags = _texts(self.ship, "CurrentBelievedFlagOfShip")
        flag_text = flags[0] if flags else None
        flag = country_of(flag_text)
        owners = _texts(self.ship, "CurrentOwnerOperator")
        self.notes += [f"Previous flag: {v}" for v in _texts(self.ship, "PreviousFlag")]
        self.notes += [f"Flag: {v}" for v in flags[1:]]
        self.notes += [
            f"Previous owner/operator: {v}" for v in _texts(self.ship, "PreviousOwnerOperator")
        ]
        self.notes += [f"Length: {v}" for v in _texts(self.ship, "LengthOfShip")]
        tonnage = _texts(self.ship, "TonnageOfShip") or _texts(self.ship, "Tonnage")
        return CraftParticulars(
            craft_type=next(iter(_texts(self.ship, "TypeOfShip")), None),
            flag=flag,
            flag_name=None if flag else flag_text,
            tonnage=tonnage[0] if tonnage else None,
            owner="; ".join(owners) or None,
            build_year=next(iter(_texts(self.ship, "YearBuilt")), None),
        )

    def relationships(self) -> tuple[Relationship, ...]:
        found = [
            Relationship(RelationKind.SUBSIDIARY_OF, target_name=name, label="Parent company")
            for name in _texts(self.entity_details, "ParentCompany")
        ]
        found += [
            Relationship(RelationKind.OWNS, target_name=name, label="Subsidiary")
            for name in _texts(self.entity_details, "Subsidiary")
        ]
        found += [
            Relationship(
                RelationKind.OWNED_OR_CONTROLLED_BY,
                target_name=name,
                label="Current owner/operator",
            )
            for name in _texts(self.ship, "CurrentOwnerOperator")
        ]
        return dedupe(found)

    # designation ------------------------------------------------------------------------

    def designation(self) -> Designation:
        regime = self.regime
        return Designation(
            authority=Authority.UK,
            list_code=ListCode.UK_CONSOLIDATED,
            programs=(regime,) if regime else (),
            measures=dedupe(measure_of(label, regime) for label in self.sanction_labels()),
            listed_on=parse_uk_date(_text(self.element, "DateDesignated")),
            remarks=_text(self.element, "UKStatementofReasons"),
            source_ref=self.unique_id,
            legal_basis=(regime,) if regime else (),
        )

    def sanction_labels(self) -> list[str]:
        imposed = _text(self.element, "SanctionsImposed")
        if imposed:
            return [v for part in imposed.split("|") if (v := clean(part))]
        indicators = _child(self.element, "SanctionsImposedIndicators")
        if indicators is None:
            return []
        return [
            _INDICATOR_LABELS.get(local_name(child.tag), local_name(child.tag))
            for child in indicators
            if isinstance(child.tag, str) and (clean(child.text) or "").lower() == "true"
        ]

    def header_notes(self) -> list[str]:
        notes = []
        for tag, label in (
            ("DesignationSource", "Designation source"),
            ("UNReferenceNumber", "UN reference number"),
            ("OFSIGroupID", "OFSI Group ID"),
        ):
            if value := _text(self.element, tag):
                notes.append(f"{label}: {value}")
        notes += [f"Type of entity: {v}" for v in _texts(self.entity_details, "TypeOfEntity")]
        if other := _text(self.element, "OtherInformation"):
            notes.append(other)
        return notes


def _child_path(element: etree._Element, *tags: str) -> etree._Element | None:
    current: etree._Element | None = element
    for tag in tags:
        if current is None:
            return None
        current = _child(current, tag)
    return current


def registrations(text: str) -> list[Identifier]:
    """Registration and tax numbers from ``Tax Identification Number: INN 7707083893 ...``.

    Each number takes its label from the words just before it (or its own ``INN``/``OGRN``
    prefix), and is a tax number when those words (else the words after it) say tax/INN/TIN.
    """
    found = []
    for item in split_numbered(text):
        spans = number_spans(item)
        if not spans:
            found.append(Identifier(IdentifierKind.REGISTRATION, item))
            continue
        for i, span in enumerate(spans):
            before = item[spans[i - 1].end() if i else 0 : span.start()].strip(_PUNCTUATION)
            after = item[span.end() : spans[i + 1].start() if i + 1 < len(spans) else None]
            prefix, number = split_label(span.group())
            words = f"{before} {prefix or ''}".strip() or after.strip(_PUNCTUATION)
            kind = (
                IdentifierKind.TAX_ID if _TAX_WORDS.search(words) else IdentifierKind.REGISTRATION
            )
            label = " ".join(v for v in (before, prefix) if v) or None
            found.append(
                Identifier(
                    kind,
                    number,
                    label=label if label and len(label) <= 60 else prefix,
                    remarks=text if text != number else None,
                )
            )
    return found


FORMAT = ListFormat(
    name=FORMAT_NAME,
    description="FCDO UK Sanctions List XML (UK_Sanctions_List.xml, <Designations>)",
    sniff=sniff,
    read=read,
)
