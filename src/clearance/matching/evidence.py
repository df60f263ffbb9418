"""Secondary evidence beyond the name: birth date, country, gender, identifiers, schema.

Each piece of evidence is a signed log-odds adjustment with a sentence saying why, added to
the name model's log-odds. A clear birth-date conflict outweighs an identical name; the same
passport or national ID number is near conclusive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clearance.matching.query import Query
from clearance.model import Entity, IdentifierKind, PartialDate
from clearance.model.countries import country_codes_in
from clearance.model.pickling import pickled_by_fields

PERSON_SCHEMAS = frozenset({"Person"})
ORGANISATION_SCHEMAS = frozenset({"Organization", "Company", "LegalEntity"})
PARTY_SCHEMAS = PERSON_SCHEMAS | ORGANISATION_SCHEMAS

_COMPATIBLE: dict[str, frozenset[str]] = {
    "Person": frozenset({"Person", "LegalEntity"}),
    "Organization": frozenset({"Organization", "Company", "LegalEntity"}),
    "Company": frozenset({"Organization", "Company", "LegalEntity"}),
    "LegalEntity": PARTY_SCHEMAS,
    "Vessel": frozenset({"Vessel"}),
    "Aircraft": frozenset({"Aircraft"}),
    "Thing": PARTY_SCHEMAS | {"Vessel", "Aircraft"},
}

PERSONAL_ID_KINDS = frozenset({IdentifierKind.PASSPORT, IdentifierKind.NATIONAL_ID})

# The strongest support each kind of evidence can add, in log-odds (see most_support).
SAME_BIRTH_DAY = 1.5
SHARED_COUNTRY = 0.4
SAME_GENDER = 0.1
SAME_IDENTIFIER = 6.0
_NOT_ALNUM = re.compile(r"[^0-9A-Za-z]+")


def compatible(query_schema: str, entity_schema: str) -> bool:
    """Can a query of one schema denote a listed entity of another? (A person is never a vessel.)"""
    return entity_schema in _COMPATIBLE.get(query_schema, PARTY_SCHEMAS)


def normalise_id(number: str) -> str:
    return _NOT_ALNUM.sub("", number).upper()


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class EntityFacts:
    """What evidence needs of a listed entity, compact enough to keep for every entity."""

    birth_dates: tuple[PartialDate, ...]
    countries: frozenset[str]
    gender: str | None
    identifiers: tuple[tuple[str, str, str | None], ...]  # (normalised number, kind, country)

    @classmethod
    def of(cls, entity: Entity) -> EntityFacts:
        countries = set(entity.nationalities) | set(entity.citizenships) | set(entity.countries)
        countries.update(a.country for a in entity.addresses if a.country)
        countries.update(
            i.country for i in entity.identifiers if i.country and i.kind in PERSONAL_ID_KINDS
        )
        for place in entity.birth_places:
            countries.update(country_codes_in(place))
        return cls(
            birth_dates=entity.birth_dates,
            countries=frozenset(countries),
            gender=entity.gender.value if entity.gender else None,
            identifiers=tuple(
                (normalise_id(i.number), i.kind.value, i.country)
                for i in entity.identifiers
                if normalise_id(i.number)
            ),
        )


@dataclass(frozen=True, slots=True)
class Evidence:
    feature: str
    log_odds: float
    detail: str


def _years_apart(a: PartialDate, b: PartialDate) -> float:
    """Gap in years between two (possibly imprecise) dates; 0 when they can be the same day."""
    widen = 2 if a.circa else 0
    widen_b = 2 if b.circa else 0
    a_start, a_end = int(a.earliest[:4]) - widen, int(a.latest[:4]) + widen
    b_start, b_end = int(b.earliest[:4]) - widen_b, int(b.latest[:4]) + widen_b
    if a.earliest <= b.latest and b.earliest <= a.latest:
        return 0.0
    if a_end < b_start:
        return float(b_start - a_end)
    if b_end < a_start:
        return float(a_start - b_end)
    return 0.5  # same year range, different months/days


def birth_date_evidence(query: PartialDate, listed: tuple[PartialDate, ...]) -> Evidence | None:
    if not listed:
        return None
    gaps = [(_years_apart(query, d), d) for d in listed]
    gap, closest = min(gaps, key=lambda item: item[0])
    shown = f"query {query} vs listed {', '.join(str(d) for d in listed)}"
    if gap == 0:
        exact = query.precision == "day" and closest.precision == "day" and not closest.end
        if exact and query.start == closest.start:
            return Evidence("birth_date", SAME_BIRTH_DAY, f"{shown}: same day")
        return Evidence("birth_date", 0.6, f"{shown}: consistent")
    if gap < 2:
        return Evidence("birth_date", -0.8, f"{shown}: {gap:g} year(s) apart")
    if gap < 5:
        return Evidence("birth_date", -2.0, f"{shown}: {gap:g} years apart")
    if gap < 10:
        return Evidence("birth_date", -4.0, f"{shown}: {gap:g} years apart")
    return Evidence("birth_date", -7.0, f"{shown}: {gap:g} years apart (a different person)")


def country_evidence(query: frozenset[str], listed: frozenset[str], schema: str) -> Evidence | None:
    if not query or not listed:
        return None
    shared = query & listed
    if shared:
        return Evidence("country", SHARED_COUNTRY, f"shared country {', '.join(sorted(shared))}")
    penalty = -0.7 if schema == "Person" else -0.4
    return Evidence(
        "country",
        penalty,
        f"query {', '.join(sorted(query))} vs listed {', '.join(sorted(listed))}",
    )


def gender_evidence(query: str | None, listed: str | None) -> Evidence | None:
    if not query or not listed:
        return None
    wanted = query.strip().lower()[:1]
    if wanted not in ("m", "f"):
        return None
    if wanted == listed[:1]:
        return Evidence("gender", SAME_GENDER, f"both {listed}")
    return Evidence("gender", -2.0, f"query {query} vs listed {listed}")


def identifier_evidence(query: Query, facts: EntityFacts) -> Evidence | None:
    if not query.id_number or not facts.identifiers:
        return None
    wanted = normalise_id(query.id_number)
    if not wanted:
        return None
    for number, kind, country in facts.identifiers:
        if number == wanted:
            where = f" ({country})" if country else ""
            return Evidence("identifier", SAME_IDENTIFIER, f"same {kind} number {number}{where}")
    countries = query.countries
    personal = [
        (number, kind, country)
        for number, kind, country in facts.identifiers
        if kind in {k.value for k in PERSONAL_ID_KINDS} and country and country in countries
    ]
    if personal:
        number, kind, country = personal[0]
        return Evidence(
            "identifier", -1.5, f"listed {kind} {number} ({country}) differs from {wanted}"
        )
    return None


def most_support(query: Query) -> float:
    """The most log-odds that evidence can add for ``query``, whatever the entity: what the
    query gives (a birth date, countries, a gender, an identifier) all agreeing."""
    support = 0.0
    if query.birth is not None:
        support += SAME_BIRTH_DAY
    if query.countries:
        support += SHARED_COUNTRY
    if query.gender:
        support += SAME_GENDER
    if query.id_number:
        support += SAME_IDENTIFIER
    return support


def gather(query: Query, facts: EntityFacts, entity_schema: str) -> list[Evidence]:
    found: list[Evidence] = []
    birth = query.birth
    if birth is not None:
        item = birth_date_evidence(birth, facts.birth_dates)
        if item:
            found.append(item)
    for item in (
        country_evidence(query.countries, facts.countries, entity_schema),
        gender_evidence(query.gender, facts.gender),
        identifier_evidence(query, facts),
    ):
        if item:
            found.append(item)
    return found
