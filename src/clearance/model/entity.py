"""The listed party: names, identity facts, identifiers, designations and relationships.

Every parser produces :class:`Entity` records; every later layer (store, matching,
enforcement) reads them. They are frozen, hashable plain data. The vocabulary follows
FollowTheMoney: schema names are FtM schemata, identifier kinds map onto FtM properties
(``passportNumber``, ``idNumber``, ``imoNumber`` ...), countries are ISO 3166-1 alpha-2 codes
in lower case as FtM writes them (``tr``), and :mod:`clearance.model.ftm` converts both ways.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from clearance.model.dates import PartialDate
from clearance.model.designation import Designation


class Schema(StrEnum):
    """FollowTheMoney schemata a listed party can have."""

    PERSON = "Person"
    ORGANIZATION = "Organization"
    COMPANY = "Company"
    LEGAL_ENTITY = "LegalEntity"
    VESSEL = "Vessel"
    AIRCRAFT = "Aircraft"

    @property
    def is_party(self) -> bool:
        """People and organisations (not craft)."""
        return self not in (Schema.VESSEL, Schema.AIRCRAFT)

    @property
    def is_organisation(self) -> bool:
        return self in (Schema.ORGANIZATION, Schema.COMPANY, Schema.LEGAL_ENTITY)


class NameKind(StrEnum):
    """How the publisher presents a name."""

    PRIMARY = "primary"
    AKA = "aka"
    FKA = "fka"
    NKA = "nka"  # "now known as": a current name, recorded like an aka
    WEAK = "weak"  # low-quality alias: too short or generic to screen on alone
    ORIGINAL_SCRIPT = "original_script"


class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"
    OTHER = "other"


class IdentifierKind(StrEnum):
    """Identifier kinds, each mapped to the FollowTheMoney property that carries it."""

    PASSPORT = "passport"
    NATIONAL_ID = "national_id"
    TAX_ID = "tax_id"
    REGISTRATION = "registration"
    IMO = "imo"
    MMSI = "mmsi"
    CALL_SIGN = "call_sign"
    BIC = "bic"
    CRYPTO_WALLET = "crypto_wallet"
    AIRCRAFT_SERIAL = "aircraft_serial"
    LEI = "lei"
    OTHER = "other"

    @property
    def ftm_property(self) -> str:
        return _IDENTIFIER_FTM_PROPERTY[self]


_IDENTIFIER_FTM_PROPERTY = {
    IdentifierKind.PASSPORT: "passportNumber",
    IdentifierKind.NATIONAL_ID: "idNumber",
    IdentifierKind.TAX_ID: "taxNumber",
    IdentifierKind.REGISTRATION: "registrationNumber",
    IdentifierKind.IMO: "imoNumber",
    IdentifierKind.MMSI: "mmsi",
    IdentifierKind.CALL_SIGN: "callSign",
    IdentifierKind.BIC: "swiftBic",
    IdentifierKind.CRYPTO_WALLET: "publicKey",
    IdentifierKind.AIRCRAFT_SERIAL: "serialNumber",
    IdentifierKind.LEI: "leiCode",
    IdentifierKind.OTHER: "idNumber",
}


class RelationKind(StrEnum):
    """How a listed party relates to another party."""

    LINKED_TO = "linked_to"  # OFAC "Linked To:" — designated in connection with
    OWNED_BY = "owned_by"  # subject is owned by target (share where given)
    OWNS = "owns"  # subject owns target
    CONTROLLED_BY = "controlled_by"
    OWNED_OR_CONTROLLED_BY = "owned_or_controlled_by"
    SUBSIDIARY_OF = "subsidiary_of"
    ACTING_FOR = "acting_for"  # "acting for or on behalf of"
    LEADER_OF = "leader_of"
    ASSOCIATE_OF = "associate_of"
    FAMILY_OF = "family_of"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Name:
    """One name of a party as published."""

    value: str
    kind: NameKind = NameKind.PRIMARY
    script: str | None = None  # ISO 15924 code when known or detected: Latn, Cyrl, Arab...
    lang: str | None = None  # language of the name when the publisher says
    given: str | None = None  # name parts when the publisher gives them separately
    family: str | None = None
    middle: str | None = None
    remarks: str | None = None


@dataclass(frozen=True, slots=True)
class Address:
    """A postal address; ``full`` is the publisher's text, parts only where given."""

    full: str | None = None
    street: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None  # ISO alpha-2, lower case
    country_name: str | None = None  # as published, when no code could be derived
    remarks: str | None = None

    def text(self) -> str:
        """One-line rendering of the address."""
        if self.full:
            return self.full
        parts = [
            self.street,
            self.city,
            self.region,
            self.postal_code,
            self.country_name or (self.country.upper() if self.country else None),
        ]
        return ", ".join(p for p in parts if p)


@dataclass(frozen=True, slots=True)
class Identifier:
    """An identity document or registry number."""

    kind: IdentifierKind
    number: str
    country: str | None = None  # issuing country, ISO alpha-2 lower case
    label: str | None = None  # the publisher's type label, e.g. "Turkish Identification Number"
    issued: PartialDate | None = None
    expires: PartialDate | None = None
    remarks: str | None = None


@dataclass(frozen=True, slots=True)
class CraftParticulars:
    """Vessel and aircraft particulars."""

    craft_type: str | None = None  # "Crude Oil Tanker", "Boeing 747"
    flag: str | None = None  # ISO alpha-2 when derivable
    flag_name: str | None = None
    tonnage: str | None = None
    gross_registered_tonnage: str | None = None
    owner: str | None = None
    build_year: str | None = None
    model: str | None = None
    operator: str | None = None


@dataclass(frozen=True, slots=True)
class Relationship:
    """A link from this entity to another listed or named party."""

    kind: RelationKind
    target_name: str | None = None  # as published ("PRESIDENCY OF DEFENSE INDUSTRIES")
    target_id: str | None = None  # the other entity's id when it can be resolved
    share_pct: float | None = None
    label: str | None = None  # the publisher's wording of the relation
    source_ref: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """A listed party with everything its publishers say about it."""

    id: str  # stable, namespaced id: "ofac-27016", "un-TAi.008", "eu-EU.36.64"
    schema: Schema
    names: tuple[Name, ...]
    source: str  # the source this record came from: "ofac-sdn", "un-sc" ...
    source_ref: str  # the publisher's own record id: "27016", "TAi.008"
    designations: tuple[Designation, ...] = ()
    titles: tuple[str, ...] = ()  # titles and positions ("SSB Chairman")
    gender: Gender | None = None
    birth_dates: tuple[PartialDate, ...] = ()
    birth_places: tuple[str, ...] = ()
    death_dates: tuple[PartialDate, ...] = ()
    nationalities: tuple[str, ...] = ()  # ISO alpha-2 lower case
    citizenships: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()  # other country links (residence, jurisdiction...)
    addresses: tuple[Address, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    craft: CraftParticulars | None = None
    relationships: tuple[Relationship, ...] = ()
    incorporation_dates: tuple[PartialDate, ...] = ()
    websites: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # free-text remarks that no structured field took
    unparsed: tuple[str, ...] = field(default=(), compare=True)  # remark items not understood

    @property
    def caption(self) -> str:
        """The display name: the first primary name, or the first name at all."""
        for name in self.names:
            if name.kind is NameKind.PRIMARY:
                return name.value
        return self.names[0].value if self.names else self.id

    def names_of(self, *kinds: NameKind) -> tuple[Name, ...]:
        return tuple(n for n in self.names if n.kind in kinds)

    @property
    def programs(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for designation in self.designations:
            for program in designation.programs:
                seen.setdefault(program, None)
        return tuple(seen)

    @property
    def lists(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for designation in self.designations:
            seen.setdefault(designation.list_code, None)
        return tuple(seen)
