"""Designations: who listed a party, on which list, under which programs, with which measures.

A :class:`Designation` is one listing of one party by one authority. Measures are structured
codes (``CAATSA-235(a)(2)``) carrying the label the authority published (``EXPORT
SANCTIONS``) and the legal basis (``CAATSA Sec. 235(a)(2)``). Enforcement reads these; it never
re-parses remarks.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from clearance.model.dates import PartialDate
from clearance.model.pickling import pickled_by_fields


class Authority(StrEnum):
    """Sanctioning authorities whose lists Clearance reads."""

    OFAC = "OFAC"  # US Treasury, Office of Foreign Assets Control
    UN_SC = "UN SC"  # United Nations Security Council
    EU = "EU"  # European Union (Council, Financial Sanctions Files)
    UK = "UK"  # HM Treasury OFSI / FCDO
    OTHER = "OTHER"


class ListCode(StrEnum):
    """The lists a designation can sit on."""

    SDN = "SDN"  # OFAC Specially Designated Nationals and Blocked Persons
    NS_MBS = "NS-MBS"  # OFAC Non-SDN Menu-Based Sanctions (CAATSA §235 menu)
    SSI = "SSI"  # OFAC Sectoral Sanctions Identifications
    NS_PLC = "NS-PLC"  # OFAC Non-SDN Palestinian Legislative Council
    CAPTA = "CAPTA"  # OFAC Correspondent Account or Payable-Through Account Sanctions
    CMIC = "CMIC"  # OFAC Non-SDN Chinese Military-Industrial Complex Companies
    FSE = "FSE"  # OFAC Foreign Sanctions Evaders
    NS_ISA = "NS-ISA"  # OFAC Non-SDN Iran Sanctions Act
    OFAC_CONSOLIDATED = "OFAC-CONS"  # OFAC consolidated non-SDN, list not otherwise known
    UN_CONSOLIDATED = "UN-CONSOLIDATED"
    EU_FSF = "EU-FSF"
    UK_CONSOLIDATED = "UK-CONSOLIDATED"
    OTHER = "OTHER"

    @property
    def authority(self) -> Authority:
        if self is ListCode.UN_CONSOLIDATED:
            return Authority.UN_SC
        if self is ListCode.EU_FSF:
            return Authority.EU
        if self is ListCode.UK_CONSOLIDATED:
            return Authority.UK
        if self is ListCode.OTHER:
            return Authority.OTHER
        return Authority.OFAC


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Measure:
    """One restrictive measure a designation imposes."""

    code: str  # "CAATSA-235(a)(2)", "OFAC-SDN-BLOCKING", "SSI-DIRECTIVE-1" ...
    label: str  # as the authority published it: "EXPORT SANCTIONS"
    legal_basis: str | None = None  # "CAATSA Sec. 235(a)(2)", "E.O. 13662 Directive 1"


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Designation:
    """One listing of a party by one authority."""

    authority: Authority
    list_code: ListCode
    programs: tuple[str, ...] = ()  # as published: "CAATSA - RUSSIA", "SDGT", "DRC"
    measures: tuple[Measure, ...] = ()
    listed_on: PartialDate | None = None
    remarks: str | None = None
    source_ref: str | None = None  # publisher's id of the record or sanction entry
    legal_basis: tuple[str, ...] = ()  # regulations, resolutions, executive orders
