"""The OFAC remarks grammar: one legacy-CSV ``Remarks`` field into structured facts.

OFAC writes everything its legacy CSV has no column for into the Remarks field as items
separated by ``; ``: ``DOB 01 Apr 1960; POB Elazig, Turkey; a.k.a. 'SSB'; Passport S00499470
(Turkey) expires 15 Sep 2016; Linked To: PRESIDENCY OF DEFENSE INDUSTRIES.`` An item starts
with a *head* (``DOB``, ``Passport``, ``Linked To:``) that says what it is; ``alt.`` in front
of a head marks another value of the same kind and is dropped. :func:`parse_remarks` is a
pure function from that text to a :class:`RemarksParse`; it never raises, and every item it
does not understand is kept verbatim in ``RemarksParse.unparsed``.

Heads are matched word by word against :data:`IDENTIFIER_HEADS` and the fact handlers
(longest head wins), so ``Identification Number IMO 1234567`` is an IMO number while
``Identification Number 2.194.575 (Paraguay)`` is an id number. Identifier items read
``<label> <number>[ (<place>)...][ issued <date>][ expires <date>]``; the last parenthesis is
the issuing country when it names one. Items with no head that look like positions
("Member of the State Duma ...", "SSB Chairman") are titles. ``a.k.a. 'SSB'`` items are
OFAC's *weak* aliases (the CSV puts strong ones in alt.csv): they become
``NameKind.WEAK`` names whose ``remarks`` keep the marker (``a.k.a.``, ``f.k.a.``,
``n.k.a.``). ``Linked To: X`` is a LINKED_TO relationship; ``wife of X`` a FAMILY_OF one.

Measures OFAC publishes in remarks, and the codes Clearance gives them
(item → ``code`` | ``label`` | ``legal_basis``):

- ``CAATSA Section 235 Information: EXPORT SANCTIONS Sec. 235(a)(2)`` (``Sec.`` or ``Sec``,
  label with or without a period; any section) → ``CAATSA-235(a)(2)`` |
  ``EXPORT SANCTIONS`` | ``CAATSA Sec. 235(a)(2)``. (No CAATSA §231 item occurs in the
  2021/2024/2025 files; 24837/24838, the 2018 §231 case, are published with §235 items.)
- ``Executive Order 13846 information: BANKING TRANSACTIONS.  Sec. 5(a)(iii)`` →
  ``EO13846-5(a)(iii)`` | ``BANKING TRANSACTIONS`` | ``E.O. 13846 Sec. 5(a)(iii)``.
- ``Executive Order 14059 information: Prohibition on ...`` (no section given) →
  ``EO14059-<KEY>`` with KEY from the text: FOREIGN-EXCHANGE, LOANS, EQUITY-DEBT, IMPORT,
  EXPORT, BLOCKING, else INFO | the text after the colon | ``E.O. 14059``.
- ``Executive Order 13662 Directive Determination - Subject to Directive 1`` →
  ``EO13662-DIRECTIVE-1`` | ``Subject to Directive 1`` | ``E.O. 13662 Directive 1``.
- ``Executive Order 14024 Directive Information Subject to Directive 3 - All transactions
  in ...`` (also EO 14014, also ``Information:``) → ``EO14024-DIRECTIVE-3`` |
  ``Subject to Directive 3 - All transactions in ...`` | ``E.O. 14024 Directive 3``.
- ``United States financial institutions are prohibited from opening or maintaining a
  correspondent account ... 31 C.F.R. section 561.201(c)`` (CAPTA) →
  ``CAPTA-CORRESPONDENT-ACCOUNT`` | the whole item | ``31 C.F.R. 561.201(c)``.
- ``Secondary sanctions risk: <basis>`` → ``SECONDARY-SANCTIONS-RISK`` |
  ``Secondary sanctions risk`` | ``<basis>`` as published.
- ``Additional Sanctions Information - Subject to Secondary Sanctions[ Pursuant to the
  <regulations>]`` → ``SECONDARY-SANCTIONS`` | the text after the dash |
  ``<regulations>`` or ``None``.
- ``Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions:
  <basis>`` → ``FI-OWNED-CONTROLLED-PROHIBITION`` | the text before the colon | ``<basis>``.
- ``IFCA Determination - Involved in the Shipping Sector`` → ``IFCA-DETERMINATION`` |
  ``Involved in the Shipping Sector`` | ``IFCA``.

Dated items — ``Listing Date (CMIC) 03 Jun 2021``, ``Effective Date (EO 14024 Directive 2):
26 Mar 2022``, ``Purchase/Sales For Divestment Date (CMIC) 03 Jun 2022`` — become
:class:`DatedItem` records (label, scope, date); the CSV reader turns the listing dates into
``Designation.listed_on`` and keeps the others in ``Designation.remarks``. A dated item
scoped to a directive (``(EO 14024 Directive 2)``) with no "Subject to Directive" item of
its own (13 consolidated entries list Directive 2 only this way) still says the party is
subject to it: it yields ``EO14024-DIRECTIVE-2`` | ``EO 14024 Directive 2`` (the scope as
published) | ``E.O. 14024 Directive 2``. OFAC publishes no CMIC measure text, so none is
invented. "For more information on directives ..." links,
``Organization Type:``, ``Target Type``, ``Issuer Name``, former/other vessel flags and
similar descriptive items go to ``notes`` verbatim.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from clearance.model import (
    Gender,
    Identifier,
    IdentifierKind,
    Measure,
    Name,
    NameKind,
    PartialDate,
    RelationKind,
    Relationship,
)
from clearance.model.countries import country_code


@dataclass(frozen=True, slots=True)
class DatedItem:
    """A dated remark such as ``Listing Date (EO 14024 Directive 2): 24 Feb 2022``."""

    label: str  # "Listing Date", "Effective Date", "Purchase/Sales For Divestment Date"
    scope: str  # "CMIC", "EO 14024 Directive 2"
    date: PartialDate | None
    text: str  # the item as published


@dataclass(slots=True)
class RemarksParse:
    """Everything one Remarks field says, by kind; ``unparsed`` keeps what was not understood."""

    names: list[Name] = field(default_factory=list)
    birth_dates: list[PartialDate] = field(default_factory=list)
    birth_places: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)  # ISO alpha-2
    citizenships: list[str] = field(default_factory=list)
    gender: Gender | None = None
    titles: list[str] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    dated: list[DatedItem] = field(default_factory=list)
    incorporation_dates: list[PartialDate] = field(default_factory=list)
    websites: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    craft_type: str | None = None
    craft_build_year: str | None = None
    craft_model: str | None = None
    craft_operator: str | None = None
    craft_flag: str | None = None  # "Vessel Flag" / "Nationality of Registration" as published
    notes: list[str] = field(default_factory=list)
    unparsed: list[str] = field(default_factory=list)
    item_count: int = 0

    @property
    def unparsed_ratio(self) -> float:
        return len(self.unparsed) / self.item_count if self.item_count else 0.0


# OFAC puts *weak* aliases (nicknames, short acronyms: FAQ 122/123) in the Remarks of its
# delimited files and strong ones in alt.csv; not one of the 2,441 remark aliases of the 2021
# SDN set is also in its alt.csv. So remark aliases are weak names.
REMARKS_ALIAS_KIND = NameKind.WEAK

# --------------------------------------------------------------------------------------
# Item splitting and clean-up

_SPLIT = re.compile(r"\s*;\s*")
_ALT = re.compile(r"^alt\.\s+", re.IGNORECASE)
# A final period that belongs to the name: "S.A.", "S. EN C.", "CO.", "LTD.", "LTDA.". OFAC
# does not double the period when an item ending in one is the last; which abbreviations
# keep it was measured on the "Linked To:" items of sdn-2024 against the primary names
# (6,248 of 6,375 targets then match a primary name exactly; "LLC", "JSC", "CORP" and
# "INC" names are mostly published without the period). Resolvers should still try both.
_ABBREVIATION_END = re.compile(r"(?:^|[\s.,])[A-Za-z]\.$|\b(?:CO|LTD|LTDA|Co|Ltd|Ltda)\.$")


def split_items(text: str) -> list[str]:
    """The items of a Remarks field, without empty ones."""
    return [item for item in _SPLIT.split(text.strip()) if item]


def strip_terminal_period(item: str) -> str:
    """Drop the full stop that ends an item unless it ends an abbreviation (``S.A.``)."""
    if item.endswith(".") and not item.endswith("..") and not _ABBREVIATION_END.search(item):
        return item[:-1].rstrip()
    return item


# --------------------------------------------------------------------------------------
# Identifier heads: label as OFAC writes it → kind

IDENTIFIER_HEADS: dict[str, IdentifierKind] = {
    "Passport": IdentifierKind.PASSPORT,
    "Diplomatic Passport": IdentifierKind.PASSPORT,
    "Official Passport": IdentifierKind.PASSPORT,
    "Service Passport": IdentifierKind.PASSPORT,
    "Stateless Person Passport": IdentifierKind.PASSPORT,
    "National ID No.": IdentifierKind.NATIONAL_ID,
    "National ID Number": IdentifierKind.NATIONAL_ID,
    "National Foreign ID Number": IdentifierKind.NATIONAL_ID,
    "Personal ID Card": IdentifierKind.NATIONAL_ID,
    "Identification Number": IdentifierKind.NATIONAL_ID,
    "Turkish Identification Number": IdentifierKind.NATIONAL_ID,
    "Cedula No.": IdentifierKind.NATIONAL_ID,
    "C.U.R.P.": IdentifierKind.NATIONAL_ID,
    "D.N.I.": IdentifierKind.NATIONAL_ID,
    "C.U.I.": IdentifierKind.NATIONAL_ID,
    "C.I.F.": IdentifierKind.TAX_ID,
    "N.I.E.": IdentifierKind.NATIONAL_ID,
    "LE Number": IdentifierKind.NATIONAL_ID,
    "SSN": IdentifierKind.NATIONAL_ID,
    "Kenyan ID No.": IdentifierKind.NATIONAL_ID,
    "Bosnian Personal ID No.": IdentifierKind.NATIONAL_ID,
    "Moroccan Personal ID No.": IdentifierKind.NATIONAL_ID,
    "Refugee ID Card": IdentifierKind.NATIONAL_ID,
    "Stateless Person ID Card": IdentifierKind.NATIONAL_ID,
    "Residency Number": IdentifierKind.NATIONAL_ID,
    "Electoral Registry No.": IdentifierKind.NATIONAL_ID,
    "Immigration No.": IdentifierKind.NATIONAL_ID,
    "Alien Registration": IdentifierKind.NATIONAL_ID,
    "Numero Unico de Identificacao Tributaria (NUIT)": IdentifierKind.TAX_ID,
    "Tax ID No.": IdentifierKind.TAX_ID,
    "R.F.C.": IdentifierKind.TAX_ID,
    "NIT #": IdentifierKind.TAX_ID,
    "RUC #": IdentifierKind.TAX_ID,
    "RIF #": IdentifierKind.TAX_ID,
    "RTN": IdentifierKind.TAX_ID,
    "C.U.I.T.": IdentifierKind.TAX_ID,
    "C.U.I.P.": IdentifierKind.TAX_ID,
    "US FEIN": IdentifierKind.TAX_ID,
    "V.A.T. Number": IdentifierKind.TAX_ID,
    "Italian Fiscal Code": IdentifierKind.TAX_ID,
    "Fiscal Code": IdentifierKind.TAX_ID,
    "Pasaporte": IdentifierKind.PASSPORT,
    "Registration Number": IdentifierKind.REGISTRATION,
    "Registration ID": IdentifierKind.REGISTRATION,
    "Business Registration Number": IdentifierKind.REGISTRATION,
    "Business Registration Document #": IdentifierKind.REGISTRATION,
    "Business Number": IdentifierKind.REGISTRATION,
    "Company Number": IdentifierKind.REGISTRATION,
    "UK Company Number": IdentifierKind.REGISTRATION,
    "Commercial Registry Number": IdentifierKind.REGISTRATION,
    "Public Registration Number": IdentifierKind.REGISTRATION,
    "Central Registration System Number": IdentifierKind.REGISTRATION,
    "Government Gazette Number": IdentifierKind.REGISTRATION,
    "Economic Register Number (CBLS)": IdentifierKind.REGISTRATION,
    "Chamber of Commerce Number": IdentifierKind.REGISTRATION,
    "Istanbul Chamber of Comm. No.": IdentifierKind.REGISTRATION,
    "Dubai Chamber of Commerce Membership No.": IdentifierKind.REGISTRATION,
    "Branch Unit Number": IdentifierKind.REGISTRATION,
    "Enterprise Number": IdentifierKind.REGISTRATION,
    "Registered Charity No.": IdentifierKind.REGISTRATION,
    "Trade License No.": IdentifierKind.REGISTRATION,
    "Folio Mercantil No.": IdentifierKind.REGISTRATION,
    "Matricula Mercantil No": IdentifierKind.REGISTRATION,
    "Matricula Mercantil No.": IdentifierKind.REGISTRATION,
    "C.R. No.": IdentifierKind.REGISTRATION,
    "Unified Social Credit Code (USCC)": IdentifierKind.REGISTRATION,
    "D-U-N-S Number": IdentifierKind.REGISTRATION,
    "Certificate of Incorporation Number": IdentifierKind.REGISTRATION,
    "Legal Entity Number": IdentifierKind.LEI,
    "SWIFT/BIC": IdentifierKind.BIC,
    "Vessel Registration Identification IMO": IdentifierKind.IMO,
    "Identification Number IMO": IdentifierKind.IMO,
    "Company Number IMO": IdentifierKind.IMO,
    "IMO": IdentifierKind.IMO,
    "MMSI": IdentifierKind.MMSI,
    "Other Vessel Call Sign": IdentifierKind.CALL_SIGN,
    "Vessel Call Sign": IdentifierKind.CALL_SIGN,
    "Aircraft Tail Number": IdentifierKind.REGISTRATION,
    "Previous Aircraft Tail Number": IdentifierKind.REGISTRATION,
    "Aircraft Manufacturer's Serial Number (MSN)": IdentifierKind.AIRCRAFT_SERIAL,
    "Aircraft Construction Number (also called L/N or S/N or F/N)": IdentifierKind.AIRCRAFT_SERIAL,
    "Aircraft Mode S Transponder Code": IdentifierKind.OTHER,
    "Digital Currency Address": IdentifierKind.CRYPTO_WALLET,
    "BIK (RU)": IdentifierKind.OTHER,
    "License": IdentifierKind.OTHER,
    "Equity Ticker": IdentifierKind.OTHER,
    "ISIN": IdentifierKind.OTHER,
    "Birth Certificate Number": IdentifierKind.OTHER,
    "Driver's License No.": IdentifierKind.OTHER,
    "Cartilla de Servicio Militar Nacional": IdentifierKind.OTHER,
    "Chinese Commercial Code": IdentifierKind.OTHER,
    "Credit Card": IdentifierKind.OTHER,
    "Travel Document Number": IdentifierKind.PASSPORT,
    "Military ID No.": IdentifierKind.OTHER,
    "Pilot License Number": IdentifierKind.OTHER,
    "Serial No.": IdentifierKind.OTHER,
    "International Maritime Organization No.": IdentifierKind.IMO,
    "Russian State Individual Business Registration Number": IdentifierKind.REGISTRATION,
    "MSB Registration Number": IdentifierKind.REGISTRATION,
    "Numero de Identidad": IdentifierKind.NATIONAL_ID,
    "Credencial electoral": IdentifierKind.NATIONAL_ID,
    "British National Overseas Passport": IdentifierKind.PASSPORT,
    "Aircraft Serial Identification": IdentifierKind.AIRCRAFT_SERIAL,
    "Paraguayan tax identification number": IdentifierKind.TAX_ID,
    "RFC": IdentifierKind.TAX_ID,
    "VisaNumberID": IdentifierKind.OTHER,
}

# Unknown heads that still read as "<some> Number <value>" become OTHER identifiers.
_GENERIC_IDENTIFIER = re.compile(
    r"^(?P<label>[A-Z][\w.'/&()\- ]{0,60}?\b(?:No\.?|Number|Num\.|#|ID|Code|Card|Certificate"
    r"|License|Licence|Permit))\s+(?P<rest>[\w(].*)$"
)
_ID_REST = re.compile(
    r"^(?P<number>.*?)(?P<places>(?:\s*\([^()]*\))*)"
    r"(?:\s+issued\s+(?P<issued>.+?))?(?:\s+expires\s+(?P<expires>.+?))?$"
)
_PLACE = re.compile(r"\(([^()]*)\)")


@lru_cache(maxsize=4096)
def _country(text: str) -> str | None:
    return country_code(text.strip())


def parse_identifier(label: str, kind: IdentifierKind, rest: str) -> Identifier | None:
    """``S00499470 (Turkey) expires 15 Sep 2016`` after the head ``Passport``."""
    if kind is IdentifierKind.CRYPTO_WALLET:  # "- XBT 1AbC..." → label carries the currency
        m = re.match(r"^-?\s*(\S+)\s+(\S.*)$", rest)
        if not m:
            return None
        return Identifier(kind, m.group(2).strip(), label=f"{label} - {m.group(1)}")
    m = _ID_REST.match(rest.strip())
    if not m:  # pragma: no cover - the pattern accepts any text
        return None
    number = m.group("number").strip().rstrip(",")
    places = _PLACE.findall(m.group("places") or "")
    country: str | None = None
    remarks: list[str] = []
    if places:
        country = _country(places[-1])
        remarks = places[:-1] if country else places
    if not number:
        if not places:
            return None
        number, remarks = places[0], places[1:]  # "(MSN)"-style labels left a bare value
    issued = PartialDate.parse(m.group("issued")) if m.group("issued") else None
    expires = PartialDate.parse(m.group("expires")) if m.group("expires") else None
    for word, raw, parsed in (
        ("issued", m.group("issued"), issued),
        ("expires", m.group("expires"), expires),
    ):
        if raw and parsed is None:
            remarks.append(f"{word} {raw}")
    return Identifier(
        kind=kind,
        number=number,
        country=country,
        label=label,
        issued=issued,
        expires=expires,
        remarks="; ".join(r.strip() for r in remarks if r.strip()) or None,
    )


# --------------------------------------------------------------------------------------
# Measures

_CAATSA = re.compile(
    r"^(?P<section>\d+) Information:\s*(?P<label>.*?)[.\s]*\bSec\.?\s*(?P=section)"
    r"(?P<sub>(?:\([0-9a-z]+\))+)\.?$"
)
_EO_SEC = re.compile(
    r"^(?P<eo>\d+) information:\s*(?P<label>.*?)[.\s]*\bSec\.?\s*"
    r"(?P<sub>\d+(?:\([0-9a-z]+\))+)\.?$",
    re.IGNORECASE,
)
_EO_INFO = re.compile(r"^(?P<eo>\d+) information:\s*(?P<label>.+)$", re.IGNORECASE)
_EO_DETERMINATION = re.compile(
    r"^(?P<eo>\d+) Directive Determination\s*-\s*(?P<label>Subject to Directive (?P<d>\w+))$"
)
_EO_DIRECTIVE = re.compile(
    r"^(?P<eo>\d+) Directive Information[:\s-]*"
    r"(?P<label>Subject to Directive (?P<d>\w+)(?:\s*-\s*.*)?)$",
    re.DOTALL,
)
_EO_DIRECTIVE_LINK = re.compile(r"^(?P<eo>\d+) Directive Information[:\s-]*For more information")
_INFO_KEYWORDS = (
    ("foreign exchange", "FOREIGN-EXCHANGE"),
    ("loans", "LOANS"),
    ("equity or debt", "EQUITY-DEBT"),
    ("import", "IMPORT"),
    ("export", "EXPORT"),
    ("block", "BLOCKING"),
)
_CFR = re.compile(r"(\d+)\s+C\.?F\.?R\.?\s+(?:section\s+|§\s*)?(\d+\.\d+(?:\([0-9a-z]+\))*)")


def _caatsa(rest: str) -> Measure | None:
    m = _CAATSA.match(rest)
    if not m:
        return None
    section = m.group("section") + m.group("sub")
    label = m.group("label").strip().rstrip(".").strip()
    return Measure(f"CAATSA-{section}", label, f"CAATSA Sec. {section}")


def _executive_order(rest: str, out: RemarksParse) -> bool:
    """``Executive Order ...`` items: directives, menu measures, directive links."""
    if m := _EO_DETERMINATION.match(rest):
        eo, directive = m.group("eo"), m.group("d")
        out.measures.append(
            Measure(
                f"EO{eo}-DIRECTIVE-{directive}",
                m.group("label"),
                f"E.O. {eo} Directive {directive}",
            )
        )
        return True
    if m := _EO_DIRECTIVE.match(rest):
        eo, directive = m.group("eo"), m.group("d")
        out.measures.append(
            Measure(
                f"EO{eo}-DIRECTIVE-{directive}",
                m.group("label").strip(),
                f"E.O. {eo} Directive {directive}",
            )
        )
        return True
    if _EO_DIRECTIVE_LINK.match(rest):
        out.notes.append(f"Executive Order {rest}")
        return True
    if m := _EO_SEC.match(rest):
        eo, sub = m.group("eo"), m.group("sub")
        label = m.group("label").strip().rstrip(".").strip()
        out.measures.append(Measure(f"EO{eo}-{sub}", label, f"E.O. {eo} Sec. {sub}"))
        return True
    if m := _EO_INFO.match(rest):
        eo, label = m.group("eo"), m.group("label").strip()
        lower = label.lower()
        suffix = next((code for word, code in _INFO_KEYWORDS if word in lower), "INFO")
        out.measures.append(Measure(f"EO{eo}-{suffix}", label, f"E.O. {eo}"))
        return True
    return False


def _capta(item: str) -> Measure:
    m = _CFR.search(item)
    basis = f"{m.group(1)} C.F.R. {m.group(2)}" if m else None
    return Measure("CAPTA-CORRESPONDENT-ACCOUNT", item, basis)


# --------------------------------------------------------------------------------------
# Handlers: (rest of the item after its head, the whole item, the parse) → understood?

Handler = Callable[[str, str, RemarksParse], bool]


_YEAR_DASH_YEAR = re.compile(r"^(.*\d{4})\s*-\s*(\d{4})$")


def _dob(rest: str, item: str, out: RemarksParse) -> bool:
    date = PartialDate.parse(_YEAR_DASH_YEAR.sub(r"\1 to \2", rest))
    if date is None:
        return False
    out.birth_dates.append(date)
    return True


def _pob(rest: str, item: str, out: RemarksParse) -> bool:
    if not rest:
        return False
    out.birth_places.append(rest)
    return True


def _country_list(attr: str, label: str) -> Handler:
    def handle(rest: str, item: str, out: RemarksParse) -> bool:
        if not rest:
            return False
        code = _country(rest)
        if code:
            values = getattr(out, attr)
            if code not in values:
                values.append(code)
        else:  # keep what the list says when no code can be derived
            out.notes.append(f"{label} {rest}")
        return True

    return handle


def _gender(rest: str, item: str, out: RemarksParse) -> bool:
    value = rest.strip().lower()
    if value in ("male", "female"):
        out.gender = Gender(value)
        return True
    return False


def _alias(marker: str) -> Handler:
    """``a.k.a. 'SSB'`` → a weak name; ``Name.remarks`` keeps the marker (a.k.a./f.k.a./n.k.a.)."""

    def handle(rest: str, item: str, out: RemarksParse) -> bool:
        value = rest.strip()
        if len(value) >= 2 and value[0] == "'" and value[-1] == "'":
            value = value[1:-1]
        elif value.startswith("'"):  # an unterminated quote (a cut remark)
            value = value[1:]
        value = value.strip()
        if not value:
            return False
        out.names.append(Name(value, REMARKS_ALIAS_KIND, remarks=marker))
        return True

    return handle


def _linked_to(rest: str, item: str, out: RemarksParse) -> bool:
    target = rest.strip()
    if not target:
        return False
    out.relationships.append(
        Relationship(RelationKind.LINKED_TO, target_name=target, label="Linked To")
    )
    return True


def _imo_check(number: str) -> bool:
    """The IMO check digit: the last of seven digits is the weighted sum of the others mod 10."""
    if len(number) != 7 or not number.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:6], range(7, 1, -1), strict=True))
    return total % 10 == int(number[6])


def _vessel_registration(rest: str, item: str, out: RemarksParse) -> bool:
    """``Vessel Registration Identification 8606173`` (no "IMO"): an IMO number if it checks."""
    number = rest.strip()
    if not number:
        return False
    kind = IdentifierKind.IMO if _imo_check(number) else IdentifierKind.OTHER
    identifier = parse_identifier("Vessel Registration Identification", kind, number)
    if identifier is None:
        return False
    out.identifiers.append(identifier)
    return True


_KINSHIP = re.compile(
    r"^(?P<label>(?:half-|step-)?(?:wife|husband|son|daughter|brother|sister|father|mother"
    r"|nephew|niece|cousin|uncle|aunt)(?:-in-law)?) of (?P<target>.+)$",
    re.IGNORECASE,
)


def _kinship(item: str, out: RemarksParse) -> bool:
    """``wife of Izzat Ibrahim Al-Duri`` → a family relationship."""
    m = _KINSHIP.match(item)
    if not m:
        return False
    out.relationships.append(
        Relationship(
            RelationKind.FAMILY_OF, target_name=m.group("target").strip(), label=m.group("label")
        )
    )
    return True


def _established(rest: str, item: str, out: RemarksParse) -> bool:
    date = PartialDate.parse(rest)
    if date is None:
        return False
    out.incorporation_dates.append(date)
    return True


def _note(rest: str, item: str, out: RemarksParse) -> bool:
    out.notes.append(item)
    return True


def _append(attr: str) -> Handler:
    def handle(rest: str, item: str, out: RemarksParse) -> bool:
        value = rest.strip()
        if not value:
            return False
        getattr(out, attr).append(value)
        return True

    return handle


def _craft(attr: str, *, date: bool = False) -> Handler:
    def handle(rest: str, item: str, out: RemarksParse) -> bool:
        value = rest.strip()
        if date:
            parsed = PartialDate.parse(value)
            if parsed is None:
                return False
            value = parsed.start
        if not value:
            return False
        if getattr(out, attr) is None:
            setattr(out, attr, value)
        else:
            out.notes.append(item)
        return True

    return handle


def _caatsa_handler(rest: str, item: str, out: RemarksParse) -> bool:
    measure = _caatsa(rest)
    if measure is None:
        return False
    out.measures.append(measure)
    return True


def _eo_handler(rest: str, item: str, out: RemarksParse) -> bool:
    return _executive_order(rest, out)


def _secondary_risk(rest: str, item: str, out: RemarksParse) -> bool:
    basis = rest.strip()
    out.measures.append(
        Measure("SECONDARY-SANCTIONS-RISK", "Secondary sanctions risk", basis or None)
    )
    return True


def _additional_info(rest: str, item: str, out: RemarksParse) -> bool:
    label = rest.lstrip("- ").strip()
    if not label:
        return False
    basis = label.split("Pursuant to the ", 1)[1] if "Pursuant to the " in label else None
    out.measures.append(Measure("SECONDARY-SANCTIONS", label, basis))
    return True


_FI_CODE = "FI-OWNED-CONTROLLED-PROHIBITION"
_FI_HEAD = "Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions"
_CAPTA_HEAD = "United States financial institutions are prohibited from opening or maintaining"


def _fi_prohibition(rest: str, item: str, out: RemarksParse) -> bool:
    out.measures.append(Measure(_FI_CODE, _FI_HEAD, rest.strip() or None))
    return True


def _ifca(rest: str, item: str, out: RemarksParse) -> bool:
    label = rest.lstrip("- ").strip()
    if not label:
        return False
    out.measures.append(Measure("IFCA-DETERMINATION", label, "IFCA"))
    return True


def _capta_handler(rest: str, item: str, out: RemarksParse) -> bool:
    out.measures.append(_capta(item))
    return True


_DATED = re.compile(r"^\((?P<scope>[^()]*)\):?\s*(?P<date>.+)$")


def _dated(label: str) -> Handler:
    def handle(rest: str, item: str, out: RemarksParse) -> bool:
        m = _DATED.match(rest)
        if not m:
            return False
        date = PartialDate.parse(m.group("date"))
        if date is None:
            return False
        out.dated.append(DatedItem(label, m.group("scope").strip(), date, item))
        return True

    return handle


def _title(rest: str, item: str, out: RemarksParse) -> bool:
    value = rest.strip()
    if not value:
        return False
    if value not in out.titles:
        out.titles.append(value)
    return True


HANDLERS: dict[str, Handler] = {
    "DOB": _dob,
    "POB": _pob,
    "nationality": _country_list("nationalities", "nationality"),
    "citizen": _country_list("citizenships", "citizen"),
    "Gender": _gender,
    "a.k.a.": _alias("a.k.a."),
    "f.k.a.": _alias("f.k.a."),
    "n.k.a.": _alias("n.k.a."),
    "Linked To": _linked_to,
    "Vessel Registration Identification": _vessel_registration,
    "Organization Established Date": _established,
    "Organization Type": _note,
    "Target Type": _note,
    "Issuer Name": _note,
    "Former Vessel Flag": _note,
    "Other Vessel Flag": _note,
    "Other Vessel Type": _note,
    "ICTY indictee": _note,
    "arrested": _note,
    "all offices worldwide": _note,
    "All Offices Worldwide": _note,
    "All offices worldwide": _note,
    "All Branches Worldwide": _note,
    "and all other offices worldwide": _note,
    "Vessel Year of Build": _craft("craft_build_year"),
    "Vessel Type": _craft("craft_type"),
    "Vessel Flag": _craft("craft_flag"),
    "Nationality of Registration": _craft("craft_flag"),
    "Aircraft Model": _craft("craft_model"),
    "Aircraft Operator": _craft("craft_operator"),
    "Aircraft Manufacture Date": _craft("craft_build_year", date=True),
    "Email Address": _append("emails"),
    "Email": _append("emails"),
    "Website": _append("websites"),
    "Phone Number": _append("phones"),
    "Telephone": _append("phones"),
    "Telephone Number": _append("phones"),
    "Phone": _append("phones"),
    "Fax": _append("phones"),
    "PHONE": _append("phones"),
    "FAX": _append("phones"),
    "Fax Number": _append("phones"),
    "Position": _title,
    "Title": _title,
    "CAATSA Section": _caatsa_handler,
    "Executive Order": _eo_handler,
    "Secondary sanctions risk": _secondary_risk,
    "Additional Sanctions Information": _additional_info,
    _FI_HEAD: _fi_prohibition,
    "IFCA Determination": _ifca,
    _CAPTA_HEAD: _capta_handler,
    "Listing Date": _dated("Listing Date"),
    "Effective Date": _dated("Effective Date"),
    "Purchase/Sales For Divestment Date": _dated("Purchase/Sales For Divestment Date"),
}


def _identifier_handler(label: str, kind: IdentifierKind) -> Handler:
    def handle(rest: str, item: str, out: RemarksParse) -> bool:
        if not rest.strip():
            return False
        identifier = parse_identifier(label, kind, rest)
        if identifier is None:
            return False
        out.identifiers.append(identifier)
        return True

    return handle


def _build_heads() -> tuple[dict[str, Handler], dict[str, tuple[int, ...]]]:
    """All heads (case as published) and, by first word, the word counts heads have."""
    heads: dict[str, Handler] = {}
    for label, kind in IDENTIFIER_HEADS.items():
        heads[label] = _identifier_handler(label, kind)
    heads.update(HANDLERS)
    lengths: dict[str, set[int]] = {}
    for head in heads:
        words = head.split()
        lengths.setdefault(words[0], set()).add(len(words))
    return heads, {w: tuple(sorted(n, reverse=True)) for w, n in lengths.items()}


_HEADS, _HEAD_LENGTHS = _build_heads()

# Position-like items without a head ("SSB Chairman", "Member of the State Duma ...").
_POSITION_WORDS = re.compile(
    r"\b(?:Member|Minister|Ministry|Chairman|Chairperson|Chair|Director|President|General"
    r"|Colonel|Commander|Governor|Deputy|Chief|Head|Official|Representative|Employee"
    r"|Ambassador|Officer|Advis[eo]r|Secretary|Judge|Magistrate|Senator|Mayor|Prosecutor"
    r"|Leader|Vice|Manager|Founder|Owner|CEO|Haji|Hajji|Sheikh|Shaykh|Imam|Mullah|Maulavi"
    r"|Mawlawi|Lieutenant|Major|Captain|Admiral|Brigadier|Marshal|Sergeant|Inspector|Rector"
    r"|Dean|Professor|Doctor|Dr|Executive|Treasurer|Financier|Coordinator|Spokesman|Emir|Amir"
    r"|Administrator|Shareholder|Partner|Attorney|Counsel|Consul|Diplomat|Delegate|Deputies"
    r"|Chancellor|Premier|Speaker|Councillor|Councilor|Assistant|Agent|Accountant|Engineer"
    r"|Businessman|Businesswoman|Militant|Facilitator|Operative|Courier|Supervisory|Board"
    r"|Commissioner|Superintendent|Regent|Prince|Princess|King|Queen|Minister's|Staff"
    r"|Hojjatoleslam|Ayatollah|Constituent|Lt|Col|Gen)\b",
    re.IGNORECASE,
)


def _match_head(item: str) -> tuple[Handler, str] | None:
    first = item.split(None, 1)[0]
    for candidate in (first, first.rstrip(":")):
        for count in _HEAD_LENGTHS.get(candidate, ()):
            parts = item.split(None, count)
            if len(parts) < count:
                continue
            head = " ".join(parts[:count])
            handler = _HEADS.get(head) or _HEADS.get(head.rstrip(":"))
            if handler is not None:
                rest = parts[count] if len(parts) > count else ""
                return handler, rest.lstrip(":").strip()
    return None


# Descriptive items kept verbatim as notes: links, and the party lists of NS-PLC members.
_NOTE_ITEM = re.compile(r"^(?:for more information\b|(?:HAMAS|PFLP|FATAH)(?: - .+)?$)", re.I)


def parse_item(item: str, out: RemarksParse, titles: Iterable[str] = ()) -> bool:
    """Parse one item into ``out``; ``False`` (and nothing recorded) when not understood."""
    item = strip_terminal_period(_ALT.sub("", item.strip()))
    if not item:
        return True
    if _NOTE_ITEM.match(item):
        out.notes.append(item)
        return True
    if matched := _match_head(item):
        handler, rest = matched
        if handler(rest, item, out):
            return True
    if item in titles:
        return _title(item, item, out)
    if _kinship(item, out):
        return True
    if m := _GENERIC_IDENTIFIER.match(item):
        label, rest = m.group("label").strip(), m.group("rest")
        if any(c.isdigit() for c in rest):
            identifier = parse_identifier(label, IdentifierKind.OTHER, rest)
            if identifier is not None:
                out.identifiers.append(identifier)
                return True
    if _looks_like_position(item):
        return _title(item, item, out)
    return False


def _looks_like_position(item: str) -> bool:
    if len(item) > 200 or any(c in item for c in ":<>@") or item[:1].isdigit():
        return False
    return bool(_POSITION_WORDS.search(item))


def parse_remarks(
    text: str | None, *, titles: Iterable[str] = (), truncated: bool = False
) -> RemarksParse:
    """Parse an OFAC Remarks field; never raises.

    ``titles`` are the entry's Title-column values: remarks repeat them as bare items.
    ``truncated`` says the field was cut (1,000 characters, no continuation row): its last
    item is then kept in ``unparsed`` rather than read as a complete value.
    """
    out = RemarksParse()
    if not text:
        return out
    text = text.strip()
    if text in ("-0-", ""):
        return out
    known_titles = frozenset(t.strip() for t in titles if t and t.strip())
    items = split_items(text)
    out.item_count = len(items)
    for index, item in enumerate(items):
        if truncated and index == len(items) - 1:
            out.unparsed.append(item)
            continue
        try:
            understood = parse_item(item, out, known_titles)
        except (ValueError, IndexError):  # a malformed value: keep the item verbatim
            understood = False
        if not understood:
            out.unparsed.append(item)
    _directives_from_dates(out)
    return out


_DIRECTIVE_SCOPE = re.compile(r"^EO (?P<eo>\d+) Directive (?P<d>\w+)$")


def _directives_from_dates(out: RemarksParse) -> None:
    """``Listing Date (EO 14024 Directive 2): ...`` alone still names a directive measure."""
    codes = {m.code for m in out.measures}
    for item in out.dated:
        m = _DIRECTIVE_SCOPE.match(item.scope)
        if not m:
            continue
        code = f"EO{m.group('eo')}-DIRECTIVE-{m.group('d')}"
        if code not in codes:
            codes.add(code)
            basis = f"E.O. {m.group('eo')} Directive {m.group('d')}"
            out.measures.append(Measure(code, item.scope, basis))
