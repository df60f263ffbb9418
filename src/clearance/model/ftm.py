"""Conversion between Clearance entities and FollowTheMoney (FtM) entity dicts, both ways.

This module owns the mapping only (no I/O): :func:`entity_to_ftm` writes one
:class:`~clearance.model.Entity` as FtM entity dicts (``{"id", "schema", "properties":
{prop: [values]}}``), :func:`ftm_to_entity` reads a target entity back together with the
entities adjacent to it, and :func:`flatten_nested` turns OpenSanctions' nested form
(``targets.nested.json``, adjacent entities inlined as objects) into the flat form.

What :func:`entity_to_ftm` writes
    * the main entity: schema (``Aircraft`` → ``Airplane``), ``caption``, ``datasets:
      [source]``, ``target: true`` and, only when the publisher's record id differs from the
      entity id, a top-level ``source_ref`` key (not an FtM field; FtM readers ignore it).
      Names: primary and original-script → ``name``, aka/nka → ``alias``, fka →
      ``previousName``, weak → ``weakAlias``; for a Person the name parts →
      ``firstName``/``middleName``/``lastName``. Titles → ``position``. Dates → ISO prefixes.
      Countries → ``nationality``/``citizenship``/``country``. Identifiers → the flat number
      property of their kind (``passportNumber``, ``idNumber``, ``imoNumber`` ...).
      Craft → ``type``, ``flag``, ``tonnage``, ``grossRegisteredTonnage``, ``buildDate``,
      ``model``, ``owner``/``operator`` (ids of small ``LegalEntity`` entities named as
      published). ``unparsed`` remark items are appended to ``notes``.
    * one ``Sanction`` per designation: ``entity``, ``authority`` (the authority's full name;
      omitted for ``OTHER``), ``authorityId`` (designation source_ref), ``program``,
      ``programId`` (the list code, ``NS-MBS``, ``SDN`` ...), ``provisions`` (one per measure,
      see :func:`provision_text`), ``reason`` (legal bases), ``summary`` (remarks),
      ``listingDate``.
    * one ``Address`` entity per address (``full``, ``street``, ``city``, ``region``,
      ``postalCode``, ``country``, ``remarks``), referenced from ``addressEntity``.
    * an ``Identification`` (``Passport`` for passports) for every identifier of kind
      ``OTHER``, with details (country, label → ``type``, issued → ``startDate``, expires →
      ``endDate``, remarks → ``summary``) or whose number repeats within its kind, and a
      ``CryptoWallet`` (``publicKey``, label → ``summary``) for every wallet address; all
      with ``holder`` = the main entity and the id ``{entity id}-id-{kind}-{n}``, from which
      the kind reads back (a Colombian passport and cédula often share one number).
    * one edge per relationship: owns / owned by → ``Ownership`` (``percentage``, label →
      ``role``), leader of → ``Directorship``, family → ``Family``, associate →
      ``Associate``, every other kind → ``UnknownLink`` whose first ``role`` is the kind
      (``linked_to``) and second the publisher's label; source_ref → ``recordId``. The other
      end is the target id, or ``{entity id}-party-{n}`` when the target has no id; a small
      ``LegalEntity`` fragment carries the target's name when one is known (FtM merges
      fragments with the same id).

Text an FtM ``country``/``flag`` property cannot code (an address's ``country_name``, a
vessel's ``flag_name``, a nationality kept as text) is written as the raw text next to the
code; reading takes lower-case code-shaped values as codes and the rest as text.

What FtM cannot carry (``ftm_to_entity(entity_to_ftm(e))`` differs from ``e`` only here)
    * ``Name.lang`` and ``Name.remarks``; ``nka`` names come back as ``aka``. Of the
      ``name`` values, the caption comes back first and primary, the others primary when
      Latin and original-script otherwise; ``Name.script`` is detected from the text
      (:func:`clearance.model.scripts.non_latin_script`). Name parts exist for people only
      and are re-attached to every name that contains them as whole words (see
      :func:`name_part`). Names come back grouped by property (name, alias, previousName,
      weakAlias).
    * ``PartialDate.circa``; a range comes back as two dates, its start and its end (a
      single-date field keeps the start), or as one year or month when it spans exactly that.
    * identifier order: grouped by kind in :class:`IdentifierKind` order; a wallet's
      expiry date.
    * ``Relationship.share_pct`` except on ownership.
    * ``unparsed`` (comes back in ``notes``); an all-empty ``CraftParticulars`` (comes back
      ``None``); surrounding whitespace and empty strings (values are stripped, empties
      dropped). Measure codes must contain a hyphen or a digit and no space or colon (all
      Clearance codes do) and labels must not end in ``[legal basis: ...]``.

Reading OpenSanctions data also accepts ``title`` (→ titles, before positions),
``jurisdiction``/``mainCountry`` (→ countries), ``description``/``summary`` (→ notes after
``notes``), ``address`` strings, ``innCode``/``ogrnCode``/``vatCode``... (labelled
identifiers), ``startDate`` when a sanction has no ``listingDate``, ``PublicBody`` (→
Organization), and infers the authority and list code from text where no ``programId`` names
a list (:func:`authority_from_text`, :func:`list_code_for`). Not read: topics, referents,
``first_seen``/``last_seen``, ``sourceUrl``, ``secondName``/``fatherName``, ``birthCountry``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from clearance.model.dates import PartialDate
from clearance.model.designation import Authority, Designation, ListCode, Measure
from clearance.model.entity import (
    Address,
    CraftParticulars,
    Entity,
    Gender,
    Identifier,
    IdentifierKind,
    Name,
    NameKind,
    RelationKind,
    Relationship,
    Schema,
)
from clearance.model.scripts import non_latin_script

FtmDict = dict[str, Any]

# --- schemata -------------------------------------------------------------------------------

SCHEMA_TO_FTM: Mapping[Schema, str] = {
    Schema.PERSON: "Person",
    Schema.ORGANIZATION: "Organization",
    Schema.COMPANY: "Company",
    Schema.LEGAL_ENTITY: "LegalEntity",
    Schema.VESSEL: "Vessel",
    Schema.AIRCRAFT: "Airplane",
}

# FtM schemata that become Clearance entities (sanctions targets), and their schema here.
TARGET_SCHEMATA: Mapping[str, Schema] = {
    "Person": Schema.PERSON,
    "Organization": Schema.ORGANIZATION,
    "PublicBody": Schema.ORGANIZATION,
    "Company": Schema.COMPANY,
    "LegalEntity": Schema.LEGAL_ENTITY,
    "Vessel": Schema.VESSEL,
    "Airplane": Schema.AIRCRAFT,
    "Aircraft": Schema.AIRCRAFT,
}

# Schemata read as parts of a target (designations, addresses, documents, links).
SUPPORT_SCHEMATA = frozenset(
    {
        "Sanction",
        "Address",
        "Identification",
        "Passport",
        "CryptoWallet",
        "Ownership",
        "Directorship",
        "UnknownLink",
        "Family",
        "Associate",
    }
)

# Entity-typed properties: the ones whose values are ids of other entities.
REF_PROPERTIES = frozenset(
    {
        "entity",
        "holder",
        "owner",
        "asset",
        "director",
        "organization",
        "subject",
        "object",
        "person",
        "relative",
        "associate",
        "operator",
        "addressEntity",
        "parent",
    }
)

# Nested exports put adjacent entities under the reverse property's name; the nested entity
# points back through the forward property (which the export may leave out).
REVERSE_PROPERTIES: Mapping[str, str] = {
    "sanctions": "entity",
    "identification": "holder",
    "passport": "holder",
    "cryptoWallets": "holder",
    "ownershipOwner": "owner",
    "ownershipAsset": "asset",
    "directorshipDirector": "director",
    "directorshipOrganization": "organization",
    "unknownLinkSubject": "subject",
    "unknownLinkObject": "object",
    "familyPerson": "person",
    "familyRelative": "relative",
    "associates": "person",
    "associations": "associate",
}

# --- names ----------------------------------------------------------------------------------

_NAME_PROPERTIES = ("name", "alias", "previousName", "weakAlias")
_NAME_PROPERTY_OF_KIND = {
    NameKind.PRIMARY: "name",
    NameKind.ORIGINAL_SCRIPT: "name",
    NameKind.AKA: "alias",
    NameKind.NKA: "alias",
    NameKind.FKA: "previousName",
    NameKind.WEAK: "weakAlias",
}
_NAME_PARTS = (("firstName", "given"), ("middleName", "middle"), ("lastName", "family"))
_KIND_OF_NAME_PROPERTY = {
    "alias": NameKind.AKA,
    "previousName": NameKind.FKA,
    "weakAlias": NameKind.WEAK,
}


def _words(text: str, *, fold: bool) -> list[str]:
    return re.findall(r"\w+", text.casefold() if fold else text)


def _contains_words(haystack: Sequence[str], needle: Sequence[str]) -> bool:
    size = len(needle)
    return size > 0 and any(
        list(haystack[i : i + size]) == list(needle) for i in range(len(haystack) - size + 1)
    )


def name_part(value: str, candidates: Iterable[str], exclude: Iterable[str] = ()) -> str | None:
    """The name part (of ``candidates``) that ``value`` contains as whole words.

    A candidate spanning every word of a multi-word name, or equal to one of ``exclude``
    (the parts already chosen for the name), is not a part. Exact-case matches beat
    case-insensitive ones, then the shorter, then the first in sort order, so the choice does
    not depend on the order of ``candidates``.
    """
    exact_words, folded_words = _words(value, fold=False), _words(value, fold=True)
    taken = [_words(e, fold=True) for e in exclude]
    best: tuple[tuple[bool, int], str] | None = None
    for candidate in candidates:
        words = _words(candidate, fold=True)
        if not _contains_words(folded_words, words) or words in taken:
            continue
        if len(folded_words) > 1 and len(words) == len(folded_words):
            continue
        key = (_contains_words(exact_words, _words(candidate, fold=False)), -len(candidate))
        if best is None or key > best[0] or (key == best[0] and candidate < best[1]):
            best = (key, candidate)
    return best[1] if best else None


def _name_parts(value: str, parts: Mapping[str, list[str]]) -> dict[str, str | None]:
    given = name_part(value, parts["given"])
    family = name_part(value, parts["family"], [g for g in (given,) if g])
    middle = name_part(value, parts["middle"], [p for p in (given, family) if p])
    return {"given": given, "family": family, "middle": middle}


# --- small value helpers --------------------------------------------------------------------

_COUNTRY_CODE = re.compile(r"[a-z]{2}(?:-[a-z0-9]{1,8})?|[a-z]{4}")


def is_country_code(value: str) -> bool:
    """Whether an FtM ``country`` value is a code (``tr``, ``gb-sct``, ``suhh``) not a text."""
    return bool(_COUNTRY_CODE.fullmatch(value))


def _clean(value: Any) -> str | None:
    if value is None or isinstance(value, Mapping | list):
        return None
    text = str(value).strip()
    return text or None


def values(props: Mapping[str, Any], prop: str) -> list[str]:
    """The stripped, non-empty string values of one property (nested objects give their id)."""
    raw = props.get(prop)
    if raw is None:
        return []
    if not isinstance(raw, list):
        raw = [raw]
    out = []
    for item in raw:
        text = _clean(item.get("id")) if isinstance(item, Mapping) else _clean(item)
        if text:
            out.append(text)
    return out


def _first(props: Mapping[str, Any], prop: str) -> str | None:
    found = values(props, prop)
    return found[0] if found else None


def _put(props: FtmDict, prop: str, *items: str | None) -> None:
    for item in items:
        text = _clean(item)
        if text:
            props.setdefault(prop, []).append(text)


def _date_texts(date: PartialDate | None) -> list[str]:
    """ISO prefixes for a date: a range spanning exactly one year or month is that prefix
    (OFAC writes "2015" as 2015-01-01 to 2015-12-31), another range its start and end."""
    if date is None:
        return []
    if date.end is None:
        return [date.start]
    for prefix in {date.start[:4], date.start[:7]}:
        whole = PartialDate(prefix)
        if (whole.earliest, whole.latest) == (date.earliest, date.latest):
            return [prefix]
    return [date.start, date.end]


def _put_dates(props: FtmDict, prop: str, dates: Iterable[PartialDate | None]) -> None:
    for date in dates:
        _put(props, prop, *_date_texts(date))


def _dates(props: Mapping[str, Any], prop: str) -> tuple[PartialDate, ...]:
    out = []
    for text in values(props, prop):
        parsed = PartialDate.parse(text)
        if parsed is not None:
            out.append(parsed)
    return tuple(out)


def _first_date(props: Mapping[str, Any], *names: str) -> PartialDate | None:
    for prop in names:
        if found := _dates(props, prop):
            return found[0]
    return None


def _props(data: Mapping[str, Any]) -> Mapping[str, Any]:
    props = data.get("properties")
    return props if isinstance(props, Mapping) else {}


def caption_of(data: Mapping[str, Any]) -> str | None:
    """An FtM entity's display name: its ``caption``, else its first name."""
    return _clean(data.get("caption")) or _first(_props(data), "name")


def _split_country(found: Sequence[str]) -> tuple[str | None, str | None]:
    codes = [v for v in found if is_country_code(v)]
    texts = [v for v in found if not is_country_code(v)]
    return (codes[0] if codes else None), (texts[0] if texts else None)


# --- authorities, lists and measures --------------------------------------------------------

AUTHORITY_NAMES: Mapping[Authority, str] = {
    Authority.OFAC: "Office of Foreign Assets Control",
    Authority.UN_SC: "United Nations Security Council",
    Authority.EU: "European Union",
    Authority.UK: "Office of Financial Sanctions Implementation",
}

_AUTHORITY_PATTERNS = (
    (Authority.OFAC, re.compile(r"foreign assets control|\bofac\b|us treasury|u\.s\. treasury")),
    (Authority.UN_SC, re.compile(r"security council|united nations|\bunsc\b|\bun sc\b")),
    (Authority.EU, re.compile(r"european|\beu\b")),
    (
        Authority.UK,
        re.compile(
            r"financial sanctions implementation|\bofsi\b|hm treasury|majesty's treasury"
            r"|foreign, commonwealth|\bfcdo\b|united kingdom|\buk\b"
        ),
    ),
)


def authority_from_text(text: str | None) -> Authority:
    """``Office of Foreign Assets Control`` → OFAC, UN Security Council, EU, UK; else OTHER."""
    folded = (text or "").casefold()
    for authority, pattern in _AUTHORITY_PATTERNS:
        if pattern.search(folded):
            return authority
    return Authority.OTHER


_LIST_PATTERNS = (
    (ListCode.NS_MBS, re.compile(r"ns-mbs|menu-based")),
    (ListCode.NS_PLC, re.compile(r"ns-plc|palestinian legislative")),
    (ListCode.NS_ISA, re.compile(r"ns-isa|iran sanctions act")),
    (ListCode.SSI, re.compile(r"\bssi\b|sectoral sanctions")),
    (ListCode.CAPTA, re.compile(r"\bcapta\b|payable-through")),
    (ListCode.CMIC, re.compile(r"\bcmic\b|military-industrial")),
    (ListCode.FSE, re.compile(r"\bfse\b|foreign sanctions evader")),
    (ListCode.SDN, re.compile(r"(?<!non-)\bsdn\b|specially designated")),
    (ListCode.NS_MBS, re.compile(r"caatsa.*\b235\b|\b235\b.*caatsa", re.S)),
)
_LIST_OF_AUTHORITY = {
    Authority.UN_SC: ListCode.UN_CONSOLIDATED,
    Authority.EU: ListCode.EU_FSF,
    Authority.UK: ListCode.UK_CONSOLIDATED,
}
_LIST_CODES = {code.value.casefold(): code for code in ListCode}


def list_code_for(sanction: Mapping[str, Any], authority: Authority) -> ListCode:
    """The list of a Sanction: a ``programId`` naming a list code, else text clues, else the
    authority's one list (UN, EU, UK), else OTHER.

    Clues, in order: NS-MBS / Menu-Based, NS-PLC, NS-ISA, SSI, CAPTA, CMIC, FSE, then SDN /
    Specially Designated (not "Non-SDN"), then CAATSA §235 without an SDN clue → NS-MBS.
    """
    props = _props(sanction)
    for program_id in values(props, "programId"):
        if code := _LIST_CODES.get(program_id.casefold()):
            return code
    text = " ".join(
        v
        for prop in ("programId", "program", "provisions", "summary", "reason")
        for v in values(props, prop)
    ).casefold()
    for code, pattern in _LIST_PATTERNS:
        if pattern.search(text):
            return code
    return _LIST_OF_AUTHORITY.get(authority, ListCode.OTHER)


UNCODED_MEASURE = "FTM-PROVISION"  # code of a measure read from a plain provisions text
_PROVISION = re.compile(
    r"(?P<code>[^\s:]*[-\d][^\s:]*):(?: (?P<label>.*?))?(?: \[legal basis: (?P<basis>[^\]]*)\])?",
    re.S,
)


def provision_text(measure: Measure) -> str:
    """``CAATSA-235(a)(2): EXPORT SANCTIONS [legal basis: CAATSA Sec. 235(a)(2)]``.

    A measure read from a plain provisions text (code :data:`UNCODED_MEASURE`, no legal
    basis) is written back as that text alone.
    """
    if (
        measure.code == UNCODED_MEASURE
        and measure.legal_basis is None
        and not _PROVISION.fullmatch(measure.label)
    ):
        return measure.label
    text = f"{measure.code}: {measure.label}"
    return f"{text} [legal basis: {measure.legal_basis}]" if measure.legal_basis else text


def measure_from_provision(text: str) -> Measure:
    """Inverse of :func:`provision_text`; any other text is an uncoded measure labelled so."""
    match = _PROVISION.fullmatch(text)
    if match is None:
        return Measure(UNCODED_MEASURE, text)
    return Measure(match["code"], match["label"] or "", match["basis"])


# --- identifiers ----------------------------------------------------------------------------

# Flat identifier properties, in IdentifierKind order, with the label a property implies.
_IDENTIFIER_PROPERTIES: tuple[tuple[str, IdentifierKind, str | None], ...] = (
    ("passportNumber", IdentifierKind.PASSPORT, None),
    ("idNumber", IdentifierKind.NATIONAL_ID, None),
    ("socialSecurityNumber", IdentifierKind.NATIONAL_ID, "Social security number"),
    ("taxNumber", IdentifierKind.TAX_ID, None),
    ("innCode", IdentifierKind.TAX_ID, "INN"),
    ("vatCode", IdentifierKind.TAX_ID, "VAT"),
    ("registrationNumber", IdentifierKind.REGISTRATION, None),
    ("ogrnCode", IdentifierKind.REGISTRATION, "OGRN"),
    ("okpoCode", IdentifierKind.REGISTRATION, "OKPO"),
    ("dunsCode", IdentifierKind.REGISTRATION, "D-U-N-S"),
    ("imoNumber", IdentifierKind.IMO, None),
    ("mmsi", IdentifierKind.MMSI, None),
    ("callSign", IdentifierKind.CALL_SIGN, None),
    ("swiftBic", IdentifierKind.BIC, None),
    ("serialNumber", IdentifierKind.AIRCRAFT_SERIAL, None),
    ("leiCode", IdentifierKind.LEI, None),
)
_DOCUMENT_SCHEMATA = {"Identification", "Passport", "CryptoWallet"}
_DOC_ONLY_KINDS = (IdentifierKind.OTHER, IdentifierKind.CRYPTO_WALLET)


def _needs_document(identifier: Identifier) -> bool:
    return identifier.kind in _DOC_ONLY_KINDS or any(
        (
            identifier.country,
            identifier.label,
            identifier.issued,
            identifier.expires,
            identifier.remarks,
        )
    )


def _document_dict(entity_id: str, doc_id: str, identifier: Identifier) -> FtmDict:
    props: FtmDict = {"holder": [entity_id]}
    if identifier.kind is IdentifierKind.CRYPTO_WALLET:
        schema = "CryptoWallet"
        _put(props, "publicKey", identifier.number)
        _put(props, "summary", identifier.label)
        _put(props, "notes", identifier.remarks)
        _put(props, "country", identifier.country)
        _put_dates(props, "creationDate", [identifier.issued])
    else:
        schema = "Passport" if identifier.kind is IdentifierKind.PASSPORT else "Identification"
        _put(props, "number", identifier.number)
        _put(props, "type", identifier.label)
        _put(props, "country", identifier.country)
        _put_dates(props, "startDate", [identifier.issued])
        _put_dates(props, "endDate", [identifier.expires])
        _put(props, "summary", identifier.remarks)
    return {"id": doc_id, "schema": schema, "caption": identifier.number, "properties": props}


def _document_identifier(doc: Mapping[str, Any], kind: IdentifierKind, number: str) -> Identifier:
    props = _props(doc)
    if doc.get("schema") == "CryptoWallet":
        return Identifier(
            kind,
            number,
            country=_first(props, "country"),
            label=_first(props, "summary") or _first(props, "currency"),
            issued=_first_date(props, "creationDate"),
            remarks=_first(props, "notes"),
        )
    authority = _first(props, "authority")
    return Identifier(
        kind,
        number,
        country=_first(props, "country"),
        label=_first(props, "type"),
        issued=_first_date(props, "startDate"),
        expires=_first_date(props, "endDate"),
        remarks=_first(props, "summary") or (f"Issued by {authority}" if authority else None),
    )


def _document_kind(doc: Mapping[str, Any], entity_id: str) -> IdentifierKind | None:
    """The kind a document states: by schema, or by the id :func:`entity_to_ftm` gives it
    (``{entity id}-id-{kind}-{n}``); ``None`` for an Identification of unknown kind."""
    schema = doc.get("schema")
    if schema == "Passport":
        return IdentifierKind.PASSPORT
    if schema == "CryptoWallet":
        return IdentifierKind.CRYPTO_WALLET
    doc_id = str(doc.get("id") or "")
    prefix = f"{entity_id}-id-"
    if doc_id.startswith(prefix) and (match := _DOC_ID_KIND.fullmatch(doc_id[len(prefix) :])):
        return _IDENTIFIER_KINDS.get(match[1])
    return None


_DOC_ID_KIND = re.compile(r"([a-z_]+)-\d+")
_IDENTIFIER_KINDS = {kind.value: kind for kind in IdentifierKind}

# A document waiting to be read: (document, its number, the kind it states or None).
_Pending = list[tuple[Mapping[str, Any], str, IdentifierKind | None]]


def _doc_number(doc: Mapping[str, Any]) -> str | None:
    props = _props(doc)
    return _first(props, "publicKey" if doc.get("schema") == "CryptoWallet" else "number")


def _read_identifiers(
    entity_id: str, props: Mapping[str, Any], docs: Sequence[Mapping[str, Any]]
) -> tuple[Identifier, ...]:
    pending: _Pending = [
        (doc, number, _document_kind(doc, entity_id))
        for doc in docs
        if (number := _doc_number(doc))
    ]
    out: list[Identifier] = []
    flat = [entry for entry in _IDENTIFIER_PROPERTIES if entry[0] in props]
    for kind in IdentifierKind:
        for prop, prop_kind, label in flat:
            if prop_kind is kind:
                out.extend(_flat_identifier(kind, n, label, pending) for n in values(props, prop))
        for entry in [p for p in pending if p[2] is kind]:
            pending.remove(entry)
            out.append(_document_identifier(entry[0], kind, entry[1]))
    out.extend(
        _document_identifier(doc, IdentifierKind.OTHER, number) for doc, number, _ in pending
    )
    return tuple(out)


def _flat_identifier(
    kind: IdentifierKind, number: str, label: str | None, pending: _Pending
) -> Identifier:
    """A flat number, with the details of the document of that number: one stating the same
    kind first, else one of unknown kind."""
    for wanted in (kind, None):
        for entry in pending:
            if entry[1] == number and entry[2] is wanted:
                pending.remove(entry)
                found = _document_identifier(entry[0], kind, number)
                return found if found.label or not label else _with_label(found, label)
    return Identifier(kind, number, label=label)


def _with_label(identifier: Identifier, label: str) -> Identifier:
    return Identifier(
        identifier.kind,
        identifier.number,
        identifier.country,
        label,
        identifier.issued,
        identifier.expires,
        identifier.remarks,
    )


# --- relationships --------------------------------------------------------------------------

_EDGE_OF_KIND: Mapping[RelationKind, tuple[str, str, str]] = {
    # kind: (schema, property of this entity, property of the other end)
    RelationKind.OWNS: ("Ownership", "owner", "asset"),
    RelationKind.OWNED_BY: ("Ownership", "asset", "owner"),
    RelationKind.LEADER_OF: ("Directorship", "director", "organization"),
    RelationKind.FAMILY_OF: ("Family", "person", "relative"),
    RelationKind.ASSOCIATE_OF: ("Associate", "person", "associate"),
}
# How each edge schema reads from one end: (this end, other end, kind or None for UnknownLink).
_EDGE_READS: Mapping[str, tuple[tuple[str, str, RelationKind | None], ...]] = {
    "Ownership": (
        ("owner", "asset", RelationKind.OWNS),
        ("asset", "owner", RelationKind.OWNED_BY),
    ),
    "Directorship": (("director", "organization", RelationKind.LEADER_OF),),
    "Family": (
        ("person", "relative", RelationKind.FAMILY_OF),
        ("relative", "person", RelationKind.FAMILY_OF),
    ),
    "Associate": (
        ("person", "associate", RelationKind.ASSOCIATE_OF),
        ("associate", "person", RelationKind.ASSOCIATE_OF),
    ),
    "UnknownLink": (("subject", "object", None),),
}
_LABEL_PROPERTY = {"Family": "relationship", "Associate": "relationship"}
_KIND_CLUES = (
    (RelationKind.OWNED_OR_CONTROLLED_BY, re.compile(r"owned or controlled|owned and controlled")),
    (RelationKind.CONTROLLED_BY, re.compile(r"controlled by")),
    (RelationKind.OWNED_BY, re.compile(r"owned by")),
    (RelationKind.SUBSIDIARY_OF, re.compile(r"subsidiar")),
    (RelationKind.ACTING_FOR, re.compile(r"acting for|on behalf of")),
    (RelationKind.LEADER_OF, re.compile(r"leader|official of|executive officer")),
    (RelationKind.FAMILY_OF, re.compile(r"family|relative")),
    (RelationKind.ASSOCIATE_OF, re.compile(r"associate")),
    (RelationKind.LINKED_TO, re.compile(r"linked")),
)
_RELATION_KINDS = {kind.value: kind for kind in RelationKind}


def relation_kind_from_text(text: str | None) -> RelationKind:
    """``Linked To`` → LINKED_TO, ``Owned or Controlled By`` → OWNED_OR_CONTROLLED_BY ..."""
    folded = (text or "").casefold().replace("_", " ")
    for kind, pattern in _KIND_CLUES:
        if pattern.search(folded):
            return kind
    return RelationKind.OTHER


def _party_prefix(entity_id: str) -> str:
    return f"{entity_id}-party-"


def _relationship_dicts(entity: Entity) -> list[FtmDict]:
    out: list[FtmDict] = []
    for number, rel in enumerate(entity.relationships, 1):
        other = rel.target_id or f"{_party_prefix(entity.id)}{number}"
        schema, own_prop, other_prop = _EDGE_OF_KIND.get(
            rel.kind, ("UnknownLink", "subject", "object")
        )
        props: FtmDict = {own_prop: [entity.id], other_prop: [other]}
        if schema == "UnknownLink":
            _put(props, "role", rel.kind.value, rel.label)
        else:
            _put(props, _LABEL_PROPERTY.get(schema, "role"), rel.label)
        if schema == "Ownership" and rel.share_pct is not None:
            _put(props, "percentage", repr(rel.share_pct))
        _put(props, "recordId", rel.source_ref)
        out.append({"id": f"{entity.id}-rel-{number}", "schema": schema, "properties": props})
        if rel.target_name:
            out.append(_fragment(other, "LegalEntity", rel.target_name))
    return out


def _fragment(entity_id: str, schema: str, name: str) -> FtmDict:
    return {
        "id": entity_id,
        "schema": schema,
        "caption": name,
        "properties": {"name": [name]},
        "target": False,
    }


def _read_relationship(
    main_id: str, edge: Mapping[str, Any], related: Mapping[str, Mapping[str, Any]]
) -> Relationship | None:
    schema = str(edge.get("schema"))
    props = _props(edge)
    for own_prop, other_prop, kind in _EDGE_READS.get(schema, ()):
        if main_id not in values(props, own_prop):
            continue
        label_values = values(props, _LABEL_PROPERTY.get(schema, "role"))
        if kind is None:
            kind, label_values = _unknown_link_kind(label_values)
        others = values(props, other_prop)
        target_id = others[0] if others else None
        target = related.get(target_id) if target_id else None
        if target_id and target_id.startswith(_party_prefix(main_id)):
            target_id = None
        return Relationship(
            kind,
            target_name=caption_of(target) if target else None,
            target_id=target_id,
            share_pct=_percentage(props) if schema == "Ownership" else None,
            label=label_values[0] if label_values else None,
            source_ref=_first(props, "recordId"),
        )
    return None


def _unknown_link_kind(roles: list[str]) -> tuple[RelationKind, list[str]]:
    if roles and roles[0] in _RELATION_KINDS:
        return _RELATION_KINDS[roles[0]], roles[1:]
    return relation_kind_from_text(roles[0] if roles else None), roles


def _percentage(props: Mapping[str, Any]) -> float | None:
    text = _first(props, "percentage")
    if text is None:
        return None
    try:
        share = float(text.rstrip("%").strip())
    except ValueError:
        return None
    return share if math.isfinite(share) else None


# --- Entity → FtM ---------------------------------------------------------------------------


def entity_to_ftm(entity: Entity) -> list[FtmDict]:
    """The FtM entities for one Clearance entity: the main entity first, then its sanctions,
    addresses, documents, link edges and the name fragments of linked parties."""
    addresses = [
        {
            "id": f"{entity.id}-address-{number}",
            "schema": "Address",
            "caption": address.text() or None,
            "properties": _address_properties(address),
        }
        for number, address in enumerate(entity.addresses, 1)
    ]
    shared = Counter((i.kind, i.number) for i in entity.identifiers)
    documents = [
        _document_dict(entity.id, f"{entity.id}-id-{identifier.kind.value}-{number}", identifier)
        for number, identifier in enumerate(entity.identifiers, 1)
        if _needs_document(identifier) or shared[identifier.kind, identifier.number] > 1
    ]
    sanctions = [
        _sanction_dict(entity.id, f"{entity.id}-sanction-{number}", designation)
        for number, designation in enumerate(entity.designations, 1)
    ]
    main: FtmDict = {
        "id": entity.id,
        "schema": SCHEMA_TO_FTM[entity.schema],
        "caption": entity.caption,
        "properties": _main_properties(entity, [a["id"] for a in addresses]),
        "datasets": [entity.source],
        "target": True,
    }
    if entity.source_ref != entity.id:
        main["source_ref"] = entity.source_ref
    return [
        main,
        *sanctions,
        *addresses,
        *documents,
        *_relationship_dicts(entity),
        *_craft_fragments(entity),
    ]


def _main_properties(entity: Entity, address_ids: list[str]) -> FtmDict:
    props: FtmDict = {}
    for prop in _NAME_PROPERTIES:
        names = (n.value for n in entity.names if _NAME_PROPERTY_OF_KIND[n.kind] == prop)
        _put(props, prop, *names)
    if entity.schema is Schema.PERSON:
        for prop, attr in _NAME_PARTS:
            parts = (getattr(n, attr) for n in entity.names)
            _put(props, prop, *dict.fromkeys(p for p in parts if p))
    _put(props, "position", *entity.titles)
    _put(props, "gender", entity.gender.value if entity.gender else None)
    _put_dates(props, "birthDate", entity.birth_dates)
    _put(props, "birthPlace", *entity.birth_places)
    _put_dates(props, "deathDate", entity.death_dates)
    _put(props, "nationality", *entity.nationalities)
    _put(props, "citizenship", *entity.citizenships)
    _put(props, "country", *entity.countries)
    _put(props, "addressEntity", *address_ids)
    for identifier in entity.identifiers:
        if identifier.kind not in _DOC_ONLY_KINDS:
            _put(props, identifier.kind.ftm_property, identifier.number)
    _put_craft(props, entity)
    _put_dates(props, "incorporationDate", entity.incorporation_dates)
    _put(props, "website", *entity.websites)
    _put(props, "email", *entity.emails)
    _put(props, "phone", *entity.phones)
    _put(props, "notes", *entity.notes, *entity.unparsed)
    if entity.designations:
        _put(props, "topics", "sanction")
    return props


def _put_craft(props: FtmDict, entity: Entity) -> None:
    craft = entity.craft
    if craft is None:
        return
    _put(props, "type", craft.craft_type)
    _put(props, "flag", craft.flag, craft.flag_name)
    _put(props, "tonnage", craft.tonnage)
    _put(props, "grossRegisteredTonnage", craft.gross_registered_tonnage)
    _put(props, "buildDate", craft.build_year)
    _put(props, "model", craft.model)
    if craft.owner:
        _put(props, "owner", f"{entity.id}-owner")
    if craft.operator:
        _put(props, "operator", f"{entity.id}-operator")


def _craft_fragments(entity: Entity) -> list[FtmDict]:
    craft = entity.craft
    out = []
    for role, name in (("owner", craft and craft.owner), ("operator", craft and craft.operator)):
        if name:
            out.append(_fragment(f"{entity.id}-{role}", "LegalEntity", name))
    return out


def _address_properties(address: Address) -> FtmDict:
    props: FtmDict = {}
    _put(props, "full", address.full)
    _put(props, "street", address.street)
    _put(props, "city", address.city)
    _put(props, "region", address.region)
    _put(props, "postalCode", address.postal_code)
    _put(props, "country", address.country, address.country_name)
    _put(props, "remarks", address.remarks)
    return props


def _sanction_dict(entity_id: str, sanction_id: str, designation: Designation) -> FtmDict:
    props: FtmDict = {"entity": [entity_id]}
    _put(props, "authority", AUTHORITY_NAMES.get(designation.authority))
    _put(props, "authorityId", designation.source_ref)
    _put(props, "program", *designation.programs)
    _put(props, "programId", designation.list_code.value)
    _put(props, "provisions", *(provision_text(m) for m in designation.measures))
    _put(props, "reason", *designation.legal_basis)
    _put(props, "summary", designation.remarks)
    _put_dates(props, "listingDate", [designation.listed_on])
    caption = designation.programs[0] if designation.programs else designation.list_code.value
    return {"id": sanction_id, "schema": "Sanction", "caption": caption, "properties": props}


# --- FtM → Entity ---------------------------------------------------------------------------


def flatten_nested(data: Mapping[str, Any]) -> tuple[FtmDict, dict[str, FtmDict]]:
    """Split a nested FtM entity into its flat form and the flat entities nested in it.

    Nested objects are replaced by their ids; one nested under a reverse property
    (``sanctions``, ``ownershipOwner`` ...) is given the back reference to its parent when
    the export left it out. Raises ``ValueError`` for a nested object without an id.
    """
    related: dict[str, FtmDict] = {}
    main = _flatten(data, related, None)
    return main, related


def _flatten(
    data: Mapping[str, Any], related: dict[str, FtmDict], backref: tuple[str, str] | None
) -> FtmDict:
    entity_id = _clean(data.get("id"))
    if entity_id is None:
        raise ValueError(f"nested {data.get('schema') or 'entity'} without an id")
    props: FtmDict = {}
    for prop, raw in _props(data).items():
        items = raw if isinstance(raw, list) else [raw]
        out = []
        for item in items:
            if isinstance(item, Mapping):
                reverse = REVERSE_PROPERTIES.get(prop)
                child = _flatten(item, related, (reverse, entity_id) if reverse else None)
                related.setdefault(child["id"], child)
                out.append(child["id"])
            else:
                out.append(item)
        props[prop] = out
    if backref is not None:
        prop, parent = backref
        if parent not in values(props, prop):
            props[prop] = [*props.get(prop, []), parent]
    flat = {k: v for k, v in data.items() if k != "properties"}
    flat["id"] = entity_id
    flat["properties"] = props
    return flat


def _is_nested(data: Mapping[str, Any]) -> bool:
    return any(
        isinstance(item, Mapping)
        for raw in _props(data).values()
        if isinstance(raw, list)
        for item in raw
    )


def ftm_to_entity(
    main: Mapping[str, Any],
    related: Mapping[str, Mapping[str, Any]] | None = None,
    *,
    source: str | None = None,
) -> Entity:
    """Read an FtM target entity (flat or nested) into a Clearance :class:`Entity`.

    ``related`` maps ids to the flat entities adjacent to ``main``: its sanctions, addresses,
    documents, link edges and the entities at their other ends. ``source`` defaults to the
    entity's one dataset, else ``opensanctions``. Raises ``ValueError`` when ``main`` has no
    id or is not a target schema.
    """
    related = dict(related or {})
    if _is_nested(main):
        main, nested = flatten_nested(main)
        related = {**nested, **related}
    entity_id = _clean(main.get("id"))
    schema_name = main.get("schema")
    schema = TARGET_SCHEMATA.get(schema_name) if isinstance(schema_name, str) else None
    if entity_id is None:
        raise ValueError("entity has no id")
    if schema is None:
        raise ValueError(f"schema {schema_name!r} is not a sanctions target schema")
    props = _props(main)
    # An adjacent record without a schema name is not one we can read: skip it.
    adjacent = [
        r
        for key, r in related.items()
        if key != entity_id and isinstance(r, Mapping) and isinstance(r.get("schema"), str)
    ]
    return Entity(
        id=entity_id,
        schema=schema,
        names=_read_names(props, caption_of(main), schema),
        source=source or _default_source(main),
        source_ref=_clean(main.get("source_ref")) or entity_id,
        designations=tuple(
            _read_designation(r) for r in _pointing(adjacent, entity_id, {"Sanction"}, "entity")
        ),
        titles=(*values(props, "title"), *values(props, "position")),
        gender=_read_gender(props),
        birth_dates=_dates(props, "birthDate"),
        birth_places=tuple(values(props, "birthPlace")),
        death_dates=_dates(props, "deathDate"),
        nationalities=tuple(values(props, "nationality")),
        citizenships=tuple(values(props, "citizenship")),
        countries=_read_countries(props),
        addresses=_read_addresses(props, related),
        identifiers=_read_identifiers(
            entity_id,
            props,
            _pointing(adjacent, entity_id, _DOCUMENT_SCHEMATA, "holder"),
        ),
        craft=_read_craft(props, related),
        relationships=tuple(
            rel
            for edge in adjacent
            if edge.get("schema") in _EDGE_READS
            and (rel := _read_relationship(entity_id, edge, related)) is not None
        ),
        incorporation_dates=_dates(props, "incorporationDate"),
        websites=tuple(values(props, "website")),
        emails=tuple(values(props, "email")),
        phones=tuple(values(props, "phone")),
        notes=(*values(props, "notes"), *values(props, "description"), *values(props, "summary")),
    )


def _default_source(main: Mapping[str, Any]) -> str:
    datasets = main.get("datasets")
    if isinstance(datasets, list) and len(datasets) == 1 and _clean(datasets[0]):
        return str(datasets[0]).strip()
    return "opensanctions"


def _pointing(
    entities: Iterable[Mapping[str, Any]], entity_id: str, schemata: set[str], prop: str
) -> list[Mapping[str, Any]]:
    return [
        e for e in entities if e.get("schema") in schemata and entity_id in values(_props(e), prop)
    ]


def _read_names(props: Mapping[str, Any], caption: str | None, schema: Schema) -> tuple[Name, ...]:
    primary = values(props, "name")
    if caption in primary:
        primary.remove(caption)
        primary.insert(0, caption)
    found: list[tuple[str, NameKind]] = []
    for index, value in enumerate(primary):
        latin = non_latin_script(value) is None
        found.append((value, NameKind.PRIMARY if index == 0 or latin else NameKind.ORIGINAL_SCRIPT))
    for prop, kind in _KIND_OF_NAME_PROPERTY.items():
        found.extend((value, kind) for value in values(props, prop))
    parts = {
        attr: values(props, prop) if schema is Schema.PERSON else [] for prop, attr in _NAME_PARTS
    }
    return tuple(
        Name(
            value,
            kind,
            script=non_latin_script(value),
            **_name_parts(value, parts),
        )
        for value, kind in found
    )


def _read_gender(props: Mapping[str, Any]) -> Gender | None:
    for value in values(props, "gender"):
        try:
            return Gender(value.casefold())
        except ValueError:
            continue
    return None


def _read_countries(props: Mapping[str, Any]) -> tuple[str, ...]:
    found = values(props, "country")
    for prop in ("jurisdiction", "mainCountry"):
        found.extend(v for v in values(props, prop) if v not in found)
    return tuple(found)


def _read_addresses(
    props: Mapping[str, Any], related: Mapping[str, Mapping[str, Any]]
) -> tuple[Address, ...]:
    out = []
    for address_id in values(props, "addressEntity"):
        data = related.get(address_id)
        if data is not None and data.get("schema") == "Address":
            out.append(_read_address(_props(data)))
    known = {a.full for a in out} | {a.text() for a in out}
    out.extend(Address(full=text) for text in values(props, "address") if text not in known)
    return tuple(out)


def _read_address(props: Mapping[str, Any]) -> Address:
    country, country_name = _split_country(values(props, "country"))
    streets = [*values(props, "street"), *values(props, "street2"), *values(props, "postOfficeBox")]
    return Address(
        full=_first(props, "full"),
        street=", ".join(streets) or None,
        city=_first(props, "city"),
        region=_first(props, "region") or _first(props, "state"),
        postal_code=_first(props, "postalCode"),
        country=country,
        country_name=country_name,
        remarks=_first(props, "remarks"),
    )


def _read_craft(
    props: Mapping[str, Any], related: Mapping[str, Mapping[str, Any]]
) -> CraftParticulars | None:
    flag, flag_name = _split_country(values(props, "flag"))
    craft = CraftParticulars(
        craft_type=_first(props, "type"),
        flag=flag,
        flag_name=flag_name,
        tonnage=_first(props, "tonnage"),
        gross_registered_tonnage=_first(props, "grossRegisteredTonnage"),
        owner=_party_name(props, "owner", related),
        build_year=_first(props, "buildDate"),
        model=_first(props, "model"),
        operator=_party_name(props, "operator", related),
    )
    return craft if craft != CraftParticulars() else None


def _party_name(
    props: Mapping[str, Any], prop: str, related: Mapping[str, Mapping[str, Any]]
) -> str | None:
    for party_id in values(props, prop):
        if (party := related.get(party_id)) is not None and (name := caption_of(party)):
            return name
    return None


def _read_designation(sanction: Mapping[str, Any]) -> Designation:
    props = _props(sanction)
    authority = authority_from_text(" ".join(values(props, "authority")))
    summaries = values(props, "summary")
    return Designation(
        authority=authority,
        list_code=list_code_for(sanction, authority),
        programs=tuple(values(props, "program")),
        measures=tuple(measure_from_provision(v) for v in values(props, "provisions")),
        listed_on=_first_date(props, "listingDate", "startDate"),
        remarks="\n".join(summaries) or None,
        source_ref=_first(props, "authorityId"),
        legal_basis=tuple(values(props, "reason")),
    )
