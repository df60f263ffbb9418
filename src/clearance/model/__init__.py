"""The sanctions data model: entities, names, dates, identifiers, designations and measures.

Plain frozen dataclasses with FollowTheMoney vocabulary; no I/O. Everything else in Clearance
imports from here; this package imports nothing of Clearance's but itself.
"""

from clearance.model.dates import PartialDate, parse_single_date
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

__all__ = [
    "Address",
    "Authority",
    "CraftParticulars",
    "Designation",
    "Entity",
    "Gender",
    "Identifier",
    "IdentifierKind",
    "ListCode",
    "Measure",
    "Name",
    "NameKind",
    "PartialDate",
    "RelationKind",
    "Relationship",
    "Schema",
    "parse_single_date",
]
