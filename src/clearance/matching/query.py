"""What a screening asks about: a name and whatever else the customer record gives."""

from __future__ import annotations

from dataclasses import dataclass

from clearance.model import PartialDate
from clearance.model.countries import country_code

PARTY_SCHEMAS = ("Person", "Organization", "Company", "LegalEntity", "Vessel", "Aircraft", "Thing")


@dataclass(frozen=True, slots=True)
class Query:
    """One party to screen; ``schema`` is an FtM schema (LegalEntity: person or organisation)."""

    name: str
    schema: str = "LegalEntity"
    birth_date: str | None = None
    nationality: str | None = None
    country: str | None = None
    id_number: str | None = None
    gender: str | None = None
    id: str | None = None

    def __post_init__(self) -> None:
        if self.schema not in PARTY_SCHEMAS:
            raise ValueError(
                f"schema must be one of {', '.join(PARTY_SCHEMAS)}, not {self.schema!r}"
            )
        if not self.name or not self.name.strip():
            raise ValueError("name is empty")

    @property
    def birth(self) -> PartialDate | None:
        return PartialDate.parse(self.birth_date) if self.birth_date else None

    @property
    def countries(self) -> frozenset[str]:
        """Nationality and country as ISO codes (unknown spellings dropped)."""
        codes = {country_code(v) for v in (self.nationality, self.country) if v}
        return frozenset(c for c in codes if c)
