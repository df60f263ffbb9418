"""OFAC legacy XML lists: ``sdn.xml`` and ``consolidated.xml`` (format ``ofac-xml``).

Both files share one layout (namespace ``http://tempuri.org/sdnList.xsd``; newer exports
use other namespaces, so elements are matched by local name): ``<sdnList>`` holds
``<publshInformation><Publish_Date>MM/DD/YYYY`` and one ``<sdnEntry>`` per listed party with
``uid``, ``lastName``/``firstName``, ``sdnType`` (``nspType`` in old consolidated files),
``title``, ``remarks``, ``programList``, ``akaList`` (``category`` weak → weak name),
``addressList``, ``idList``, ``dateOfBirthList``, ``placeOfBirthList``, ``nationalityList``,
``citizenshipList`` and ``vesselInfo``.

This module owns that layout, and :class:`FactsBuilder`, the per-party accumulator that
:mod:`clearance.sources.ofac_advanced` shares. Labelled items — a legacy ``idType`` /
``idNumber`` pair, an advanced feature — are read by the CSV remarks grammar
(:mod:`clearance.sources.ofac_remarks`) as the item ``"<label> <value>"``, so the XML and
CSV readers agree on identifier labels and kinds, measure codes (``CAATSA-235(a)(2)``,
``EO13662-DIRECTIVE-1``, ``SECONDARY-SANCTIONS-RISK`` ...), gender and ``Linked To``
relationships; the XML's structured country and dates stay on the identifiers. The
``<remarks>`` text goes through the same grammar, and designations are made by
:func:`clearance.sources.ofac_csv.designations` from programs and measures, as for CSV.

Which list a file is (``ofac-sdn`` or ``ofac-cons``): a pre-scan of at most the first
1,000 entries looks for consolidated-only signs (``nspType``; programs ``NS-PLC``,
``561List``/``561-Related``, ``FSE-*``, ``CMIC-*``, ``NS-ISA``); without one the file name
decides (``cons`` → consolidated), else SDN.

Streaming: ``lxml.etree.iterparse`` over ``sdnEntry`` elements, each cleared after use.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from lxml import etree

from clearance.model import (
    Address,
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
    Relationship,
    Schema,
)
from clearance.model.countries import country_code
from clearance.sources.base import ListFormat, ListRead, SourceError
from clearance.sources.fields import clean, dedupe
from clearance.sources.ofac_csv import designations as csv_designations
from clearance.sources.ofac_remarks import (
    IDENTIFIER_HEADS,
    DatedItem,
    RemarksParse,
    parse_item,
    parse_remarks,
)
from clearance.sources.xmlstream import iter_elements, local_name, xml_root

FORMAT_NAME = "ofac-xml"
SDN_SOURCE = "ofac-sdn"  # the same names as ofac_csv.SOURCE_SDN / SOURCE_CONS
CONS_SOURCE = "ofac-cons"
_SCAN_ENTRIES = 1000  # entries the pre-scan reads at most to tell SDN from consolidated

_CONS_ONLY_PROGRAM = re.compile(
    r"^(NS-PLC|561LIST|561-RELATED|FSE-.*|CMIC-.*|NS-ISA|NS-MBS)$", re.IGNORECASE
)
_ISA_REMARK = "prohibited from making loans or providing credits totaling more than $10,000,000"

# ---------------------------------------------------------------------------------------
# Shared helpers (also used by ofac_advanced)
# ---------------------------------------------------------------------------------------


def country_or_text(text: str | None) -> tuple[str | None, str | None]:
    """``(iso2, None)`` when the country is known, else ``(None, text)``."""
    value = clean(text)
    if value is None:
        return None, None
    code = country_code(value)
    return (code, None) if code else (None, value)


_ID_RULES: tuple[tuple[re.Pattern[str], IdentifierKind], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), kind)
    for pattern, kind in (
        (r"\bbik\b", IdentifierKind.OTHER),
        (r"passport", IdentifierKind.PASSPORT),
        (r"swift|\bbic\b", IdentifierKind.BIC),
        (r"vessel registration identification|^imo\b", IdentifierKind.IMO),
        (r"\bmmsi\b", IdentifierKind.MMSI),
        (r"call sign", IdentifierKind.CALL_SIGN),
        (r"digital currency address", IdentifierKind.CRYPTO_WALLET),
        (r"aircraft.*(serial|construction)", IdentifierKind.AIRCRAFT_SERIAL),
        (r"^previous aircraft tail", IdentifierKind.OTHER),
        (r"aircraft tail number", IdentifierKind.REGISTRATION),
        (r"legal entity number|\blei\b", IdentifierKind.LEI),
        (
            r"\btax\b|v\.?a\.?t\.?\b|\binn\b|\brfc\b|\bnit\b|c\.u\.i\.t|\bruc\b|\bkpp\b|"
            r"\bcuit\b|\bnif\b",
            IdentifierKind.TAX_ID,
        ),
        (
            r"registration|registry|regist|licen[cs]e|gazette|company number|business number"
            r"|\bogrn\b|\bokpo\b|chamber of commerce|\bumn\b|\bunified social credit",
            IdentifierKind.REGISTRATION,
        ),
        (
            r"national|identification|identity|\bid\b|id no|cedula|c[eé]dula|d\.?n\.?i|"
            r"c\.?u\.?r\.?p|\bssn\b|citizen|personal|electoral|residen|\bnie\b",
            IdentifierKind.NATIONAL_ID,
        ),
    )
)


def identifier_kind(label: str) -> IdentifierKind:
    """The identifier kind for an OFAC ``idType`` / ``IDRegDocType`` / feature label.

    The remarks grammar's table of published labels decides first (so both formats agree);
    unknown labels fall back to keyword rules.
    """
    known = IDENTIFIER_HEADS.get(" ".join(label.split()))
    if known is not None:
        return known
    for pattern, kind in _ID_RULES:
        if pattern.search(label):
            return kind
    return IdentifierKind.OTHER


_CAATSA = re.compile(r"235\s*\(\s*a\s*\)\s*\(\s*(\d+)\s*\)")
_CAATSA_LABEL_END = re.compile(r"\.?\s*Sec(?:tion)?\.?\s*235\s*\(.*$", re.IGNORECASE)
_EO_NUMBER = re.compile(r"executive order\s+(\d+)|\be\.?\s*o\.?\s*(\d{5})", re.IGNORECASE)
_DIRECTIVE = re.compile(r"directive\s+(\w+)", re.IGNORECASE)
_SECTION = re.compile(r"\bSec(?:tion)?\.?\s*(\d+[\w()]*)", re.IGNORECASE)


def caatsa_measure(text: str) -> Measure | None:
    """``EXPORT SANCTIONS Sec. 235(a)(2)`` → ``Measure("CAATSA-235(a)(2)", ...)``."""
    match = _CAATSA.search(text)
    if not match:
        return None
    number = match.group(1)
    label = _CAATSA_LABEL_END.sub("", text).strip().rstrip(".").strip() or text.strip()
    return Measure(f"CAATSA-235(a)({number})", label, f"CAATSA Sec. 235(a)({number})")


def directive_measure(eo: str, text: str) -> Measure | None:
    """A directive under an Executive Order (codes as the remarks grammar writes them)."""
    match = _DIRECTIVE.search(text)
    if not match:
        return None
    number = match.group(1)
    label = text.split(" - ", 1)[0].strip().rstrip(".:;") or text
    return Measure(f"EO{eo}-DIRECTIVE-{number}", label, f"E.O. {eo} Directive {number}")


def executive_order_measure(label: str, value: str) -> Measure | None:
    """``Executive Order 13645 Determination -`` items the remarks grammar leaves out."""
    match = _EO_NUMBER.search(label)
    if not match:
        return None
    eo = match.group(1) or match.group(2)
    if "directive" in label.lower() or "directive" in value.lower():
        return directive_measure(eo, value)
    if section := _SECTION.search(value):
        sec = section.group(1)
        text = re.sub(r"\.?\s*Sec(?:tion)?\b.*$", "", value, flags=re.IGNORECASE).strip()
        return Measure(f"EO{eo}-{sec}", text or value, f"E.O. {eo} Sec. {sec}")
    return Measure(f"EO{eo}-DETERMINATION", value, f"E.O. {eo}")


def labelled_measure(label: str, value: str) -> Measure | None:
    """Fallback for measure items the remarks grammar does not read."""
    key = _label_key(label)
    if key.startswith("caatsa section 235"):
        return caatsa_measure(value)
    if key.startswith("executive order"):
        return executive_order_measure(label, value)
    return None


def _label_key(label: str) -> str:
    return " ".join(label.split()).strip(" -:").lower()


def parse_item_safely(item: str) -> RemarksParse | None:
    """One remark item through the remarks grammar; ``None`` when it is not understood.

    An item the grammar only takes as a position (its fallback for unknown heads such as
    ``Executive Order 13645 Determination - ...``) counts as not understood here, since a
    labelled XML item is never a bare position.
    """
    parsed = RemarksParse()
    try:
        understood = parse_item(item, parsed)
    except (ValueError, IndexError):
        return None
    if not understood:
        return None
    if parsed.titles and not any(
        (
            parsed.identifiers,
            parsed.measures,
            parsed.relationships,
            parsed.notes,
            parsed.names,
            parsed.dated,
        )
    ):
        return None
    return parsed


# ---------------------------------------------------------------------------------------
# Entity accumulator shared by both OFAC XML formats
# ---------------------------------------------------------------------------------------

_OWN_KEYS = frozenset(
    (
        "birthdate",
        "date of birth",
        "place of birth",
        "nationality country",
        "citizenship country",
        "title",
        "vessel flag",
        "nationality of registration",
        "vessel owner",
        "vessel tonnage",
        "vessel gross registered tonnage",
        "vessel call sign",
    )
)
_CRAFT_KEYS = {
    "vessel owner": "owner",
    "vessel tonnage": "tonnage",
    "vessel gross registered tonnage": "gross_registered_tonnage",
}


@dataclass
class FactsBuilder:
    """Collects what one party's records say and builds the :class:`Entity`."""

    entity_id: str
    schema: Schema
    source: str
    source_ref: str
    names: list[Name] = field(default_factory=list)
    designations: list[Designation] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)  # party-level, merged into each
    dated: list[DatedItem] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    gender: Gender | None = None
    birth_dates: list[PartialDate] = field(default_factory=list)
    birth_places: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    citizenships: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    craft: dict[str, str] = field(default_factory=dict)
    relationships: list[Relationship] = field(default_factory=list)
    incorporation_dates: list[PartialDate] = field(default_factory=list)
    websites: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unparsed: list[str] = field(default_factory=list)

    def add_country_to(self, target: list[str], text: str | None) -> None:
        """Add a country (name, code or demonym) as ISO alpha-2, or the raw text if unknown."""
        value = clean(text)
        if value:
            _append(target, country_code(value) or value)

    def add_birth_date(self, text: str) -> None:
        parsed = PartialDate.parse(text)
        if parsed:
            _append(self.birth_dates, parsed)
        else:
            self.unparsed.append(f"DOB {text}")

    def add_measure(self, measure: Measure) -> None:
        if all(m.code != measure.code for m in self.measures):
            self.measures.append(measure)

    def add_flag(self, code: str | None, name: str | None) -> None:
        if code:
            self.craft.setdefault("flag", code)
        if name:
            self.craft.setdefault("flag_name", name)

    def add_labelled(
        self,
        label: str,
        value: str,
        *,
        country: str | None = None,
        country_text: str | None = None,
        issued: PartialDate | None = None,
        expires: PartialDate | None = None,
        unknown_as_identifier: bool = True,
    ) -> None:
        """Route one labelled item (legacy ``idType``/``idNumber``, advanced feature).

        Dates of birth, places, countries, titles and flags are taken as they are; every
        other item is read by the remarks grammar as the item ``"<label> <value>"`` would be
        in the CSV remarks, so both formats give the same identifiers, measures (codes such
        as ``CAATSA-235(a)(2)``, ``EO13662-DIRECTIVE-1``) and relationships. Identifiers
        keep the structured country and dates the XML gives.
        """
        label, value = " ".join(label.split()), " ".join(value.split())
        key = _label_key(label)
        if not value:
            return
        if key in _OWN_KEYS:
            self._add_own(key, value)
            return
        parsed = parse_item_safely(f"{label} {value}")
        if parsed is not None:
            self.merge(parsed, country=country, issued=issued, expires=expires)
            if not parsed.identifiers and country_text:
                self.notes.append(f"{label} {value} ({country_text})")
            return
        if (measure := labelled_measure(label, value)) is not None:
            self.add_measure(measure)
            return
        kind = identifier_kind(label)
        if kind is IdentifierKind.OTHER and not unknown_as_identifier:
            self.notes.append(f"{label}: {value}")
            return
        self.identifiers.append(
            Identifier(
                kind=kind,
                number=value,
                country=country,
                label=label,
                issued=issued,
                expires=expires,
                remarks=f"country: {country_text}" if country_text else None,
            )
        )

    def _add_own(self, key: str, value: str) -> None:
        if key in ("birthdate", "date of birth"):
            self.add_birth_date(value)
        elif key == "place of birth":
            _append(self.birth_places, value)
        elif key == "nationality country":
            self.add_country_to(self.nationalities, value)
        elif key == "citizenship country":
            self.add_country_to(self.citizenships, value)
        elif key == "title":
            _append(self.titles, value)
        elif key == "vessel flag":
            self.add_flag(*country_or_text(value))
            self.craft.setdefault("flag_name", value)
        elif key == "nationality of registration":
            self.add_country_to(self.countries, value)
        elif key == "vessel call sign":
            _append(
                self.identifiers, Identifier(IdentifierKind.CALL_SIGN, value, label="Call Sign")
            )
        elif attr := _CRAFT_KEYS.get(key):
            self.craft.setdefault(attr, value)

    def merge(
        self,
        parsed: RemarksParse,
        *,
        country: str | None = None,
        issued: PartialDate | None = None,
        expires: PartialDate | None = None,
    ) -> None:
        """Take over what the remarks grammar read; identifiers get the structured facts."""
        for identifier in parsed.identifiers:
            updated = replace(
                identifier,
                country=identifier.country or country,
                issued=identifier.issued or issued,
                expires=identifier.expires or expires,
            )
            _append(self.identifiers, updated)
        for measure in parsed.measures:
            self.add_measure(measure)
        self.dated.extend(d for d in parsed.dated if d not in self.dated)
        for target, values in (
            (self.names, parsed.names),
            (self.birth_dates, parsed.birth_dates),
            (self.birth_places, parsed.birth_places),
            (self.nationalities, parsed.nationalities),
            (self.citizenships, parsed.citizenships),
            (self.titles, parsed.titles),
            (self.relationships, parsed.relationships),
            (self.incorporation_dates, parsed.incorporation_dates),
            (self.websites, parsed.websites),
            (self.emails, parsed.emails),
            (self.phones, parsed.phones),
            (self.notes, parsed.notes),
            (self.unparsed, parsed.unparsed),
        ):
            for value in values:
                _append(target, value)
        self.gender = parsed.gender or self.gender
        for attr, name in (
            ("craft_type", "craft_type"),
            ("craft_build_year", "build_year"),
            ("craft_model", "model"),
            ("craft_operator", "operator"),
        ):
            if (value := getattr(parsed, attr)) is not None:
                self.craft.setdefault(name, value)
        if parsed.craft_flag:
            self.add_flag(*country_or_text(parsed.craft_flag))
            self.craft.setdefault("flag_name", parsed.craft_flag)

    def build(self) -> Entity:
        """The entity; party-level measures join each designation, dated items the notes."""
        designations = tuple(self._merged(d) for d in self.designations)
        craft = CraftParticulars(**self.craft) if self.craft else None
        notes = self.notes + [d.text for d in self.dated]
        return Entity(
            id=self.entity_id,
            schema=self.schema,
            names=dedupe(self.names),
            source=self.source,
            source_ref=self.source_ref,
            designations=designations,
            titles=dedupe(self.titles),
            gender=self.gender,
            birth_dates=dedupe(self.birth_dates),
            birth_places=dedupe(self.birth_places),
            nationalities=dedupe(self.nationalities),
            citizenships=dedupe(self.citizenships),
            countries=dedupe(self.countries),
            addresses=dedupe(self.addresses),
            identifiers=dedupe(self.identifiers),
            craft=craft,
            relationships=dedupe(self.relationships),
            incorporation_dates=dedupe(self.incorporation_dates),
            websites=dedupe(self.websites),
            emails=dedupe(self.emails),
            phones=dedupe(self.phones),
            notes=dedupe(notes),
            unparsed=dedupe(self.unparsed),
        )

    def _merged(self, designation: Designation) -> Designation:
        """A designation with the party-level measures it does not carry yet."""
        codes = {m.code for m in designation.measures}
        extra = tuple(m for m in self.measures if m.code not in codes)
        return replace(designation, measures=designation.measures + extra) if extra else designation


def _append(target: list, value: object) -> None:
    if value not in target:
        target.append(value)


# ---------------------------------------------------------------------------------------
# Legacy XML specifics
# ---------------------------------------------------------------------------------------

_SCHEMAS = {
    "individual": Schema.PERSON,
    "entity": Schema.ORGANIZATION,
    "vessel": Schema.VESSEL,
    "aircraft": Schema.AIRCRAFT,
}
_ALIAS_KINDS = {"a.k.a.": NameKind.AKA, "f.k.a.": NameKind.FKA, "n.k.a.": NameKind.NKA}


@dataclass(frozen=True)
class _Head:
    published: date | None
    consolidated: bool


def parse_publish_date(text: str | None) -> date | None:
    """``07/16/2014`` (MM/DD/YYYY) → ``date(2014, 7, 16)``; ISO dates are accepted too."""
    value = clean(text)
    if not value:
        return None
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", value):
        month, day, year = (int(g) for g in m.groups())
    elif m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2}).*", value):
        year, month, day = (int(g) for g in m.groups())
    else:
        return None
    if not (1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]):
        return None
    return date(year, month, day)


def _scan_head(path: Path) -> _Head:
    """Read the publish date and the first entries to tell SDN from consolidated."""
    published: date | None = None
    marker = False
    entries = 0
    for elem in iter_elements(path, "{*}Publish_Date", "{*}nspType", "{*}program", "{*}sdnEntry"):
        name = local_name(elem.tag)
        if name == "Publish_Date":
            published = parse_publish_date(elem.text)
        elif name == "nspType" or (
            name == "program" and _CONS_ONLY_PROGRAM.match((elem.text or "").strip())
        ):
            marker = True
        elif name == "sdnEntry":
            entries += 1
            if marker or entries >= _SCAN_ENTRIES:
                break
    consolidated = marker or "cons" in path.name.lower()
    return _Head(published, consolidated)


def sniff(path: Path, head: bytes) -> bool:
    """An OFAC legacy XML file: root ``<sdnList>`` (sdn.xml or consolidated.xml)."""
    root = xml_root(head)
    if root is None or root[0] != "sdnList":
        return False
    return b"sdnList.xsd" in head or b"<sdnEntry" in head or b"publshInformation" in head


def read(path: Path) -> ListRead:
    path = Path(path)
    head = _scan_head(path)
    source = CONS_SOURCE if head.consolidated else SDN_SOURCE
    title = (
        "OFAC Consolidated Sanctions List (non-SDN), legacy XML"
        if head.consolidated
        else "OFAC Specially Designated Nationals List, legacy XML"
    )
    return ListRead(
        format=FORMAT_NAME,
        source=source,
        files=(path,),
        entities=_entities(path, source),
        published=head.published,
        title=title,
    )


def _entities(path: Path, source: str) -> Iterator[Entity]:
    for elem in iter_elements(path, "{*}sdnEntry"):
        yield _entry(path, elem, source)


def _children(elem: etree._Element) -> dict[str, list[etree._Element]]:
    out: dict[str, list[etree._Element]] = {}
    for child in elem:
        out.setdefault(local_name(child.tag), []).append(child)
    return out


def _text(fields: dict[str, list[etree._Element]], name: str) -> str | None:
    items = fields.get(name)
    return clean(items[0].text) if items else None


def _sub(elem: etree._Element) -> dict[str, str]:
    """Child texts by local name (first of each)."""
    out: dict[str, str] = {}
    for child in elem:
        value = clean(child.text)
        if value is not None:
            out.setdefault(local_name(child.tag), value)
    return out


def _entry(path: Path, elem: etree._Element, source: str) -> Entity:
    fields = _children(elem)
    uid = _text(fields, "uid")
    if not uid:
        raise SourceError(path, elem.sourceline, "sdnEntry without uid")
    last, first = _text(fields, "lastName"), _text(fields, "firstName")
    if not last and not first:
        raise SourceError(path, elem.sourceline, f"sdnEntry {uid} without a name")
    type_text = (_text(fields, "sdnType") or _text(fields, "nspType") or "").lower()
    schema = _SCHEMAS.get(type_text, Schema.PERSON if first else Schema.ORGANIZATION)
    builder = FactsBuilder(f"ofac-{uid}", schema, source, uid)
    builder.names.append(_name(last, first, NameKind.PRIMARY, schema))
    remarks = _text(fields, "remarks")
    programs = tuple(
        p for item in fields.get("programList", []) for c in item if (p := clean(c.text))
    )
    _aliases(builder, fields, schema)
    _addresses(builder, fields)
    _ids(builder, fields)
    _personal(builder, fields)
    _vessel(builder, fields)
    if title := _text(fields, "title"):
        builder.titles.append(title)
    if remarks:
        text = remarks[1:-1] if remarks.startswith("(") and remarks.endswith(")") else remarks
        builder.merge(parse_remarks(text, titles=tuple(builder.titles)))
    builder.designations = _designations(builder, source, uid, list(programs), remarks)
    return builder.build()


def _designations(
    builder: FactsBuilder, source: str, uid: str, programs: list[str], remarks: str | None
) -> list[Designation]:
    """Designations exactly as the CSV reader makes them from the same facts.

    The builder's measures and dated items move into the designations they belong to
    (``EO13662-DIRECTIVE-*`` → SSI, ``CAATSA-*`` → NS-MBS in the consolidated file ...).
    2014 consolidated files list Iran Sanctions Act entries under program ``IRAN`` with
    the ISA loan prohibition in their remarks: those go on NS-ISA.
    """
    facts = RemarksParse(measures=list(builder.measures), dated=list(builder.dated))
    builder.measures.clear()
    builder.dated.clear()
    result = list(csv_designations(source, uid, programs, facts))
    if source == CONS_SOURCE and remarks and _ISA_REMARK in remarks:
        result = [
            replace(d, list_code=ListCode.NS_ISA)
            if d.list_code is ListCode.OFAC_CONSOLIDATED
            else d
            for d in result
        ]
    return result


def _name(last: str | None, first: str | None, kind: NameKind, schema: Schema) -> Name:
    if schema is Schema.PERSON and last and first:
        return Name(f"{last}, {first}", kind, given=first, family=last)
    if schema is Schema.PERSON:
        return Name(last or first or "", kind, given=first, family=last)
    value = " ".join(p for p in (first, last) if p)
    return Name(value, kind)


def _aliases(builder: FactsBuilder, fields: dict, schema: Schema) -> None:
    for aka_list in fields.get("akaList", []):
        for aka in aka_list:
            parts = _sub(aka)
            last, first = parts.get("lastName"), parts.get("firstName")
            if not last and not first:
                continue
            if parts.get("category", "").lower() == "weak":
                kind = NameKind.WEAK
            else:
                kind = _ALIAS_KINDS.get(parts.get("type", "").lower(), NameKind.AKA)
            builder.names.append(_name(last, first, kind, schema))


def _addresses(builder: FactsBuilder, fields: dict) -> None:
    for address_list in fields.get("addressList", []):
        for item in address_list:
            parts = _sub(item)
            street = ", ".join(parts[k] for k in ("address1", "address2", "address3") if k in parts)
            code, text = country_or_text(parts.get("country"))
            address = Address(
                street=street or None,
                city=parts.get("city"),
                region=parts.get("stateOrProvince") or parts.get("region"),
                postal_code=parts.get("postalCode"),
                country=code,
                country_name=text,
            )
            if address != Address():
                builder.addresses.append(address)


def _ids(builder: FactsBuilder, fields: dict) -> None:
    for id_list in fields.get("idList", []):
        for item in id_list:
            parts = _sub(item)
            label, number = parts.get("idType"), parts.get("idNumber")
            if not label or not number:
                if label or number:
                    builder.unparsed.append(" ".join(p for p in (label, number) if p))
                continue
            code, text = country_or_text(parts.get("idCountry"))
            builder.add_labelled(
                label,
                number,
                country=code,
                country_text=text,
                issued=_date_or_note(builder, parts.get("issueDate")),
                expires=_date_or_note(builder, parts.get("expirationDate")),
            )


def _date_or_note(builder: FactsBuilder, text: str | None) -> PartialDate | None:
    if not text:
        return None
    parsed = PartialDate.parse(text)
    if parsed is None:
        builder.unparsed.append(f"date {text}")
    return parsed


def _personal(builder: FactsBuilder, fields: dict) -> None:
    for dob_list in fields.get("dateOfBirthList", []):
        for item in dob_list:
            if dob := _sub(item).get("dateOfBirth"):
                builder.add_birth_date(dob)
    for pob_list in fields.get("placeOfBirthList", []):
        for item in pob_list:
            if pob := _sub(item).get("placeOfBirth"):
                _append(builder.birth_places, pob)
    for nat_list in fields.get("nationalityList", []):
        for item in nat_list:
            builder.add_country_to(builder.nationalities, _sub(item).get("country"))
    for cit_list in fields.get("citizenshipList", []):
        for item in cit_list:
            builder.add_country_to(builder.citizenships, _sub(item).get("country"))


_VESSEL_FIELDS = {
    "vesselType": "craft_type",
    "vesselOwner": "owner",
    "tonnage": "tonnage",
    "grossRegisteredTonnage": "gross_registered_tonnage",
}


def _vessel(builder: FactsBuilder, fields: dict) -> None:
    for info in fields.get("vesselInfo", []):
        for name, value in _sub(info).items():
            if attr := _VESSEL_FIELDS.get(name):
                builder.craft.setdefault(attr, value)
            elif name == "vesselFlag":
                builder.add_labelled("Vessel Flag", value)
            elif name == "callSign":
                builder.add_labelled("Vessel Call Sign", value)


FORMAT = ListFormat(
    name=FORMAT_NAME,
    description="OFAC legacy XML: sdn.xml (SDN list) and consolidated.xml (non-SDN lists)",
    sniff=sniff,
    read=read,
)
