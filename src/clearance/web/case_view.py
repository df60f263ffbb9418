"""What the case page shows, gathered from the service: both records, measures, explanation.

:func:`case_page` reads the case, the customer from the book, the listed entity as held by
the current snapshots, and each designation's measures with their effects per context from
the enforcement catalogue. It shapes them into rows the template renders side by side; it
decides nothing (the effects shown are the catalogue's, not a decision).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from clearance.cases.book import Customer
from clearance.cases.service import ClearanceService
from clearance.enforcement.measures import Context, measures_of
from clearance.matching import coefficients
from clearance.model import Entity
from clearance.store import StoredEntity
from clearance.web.highlight import aligned_tokens, highlight


@dataclass
class ComparisonRow:
    label: str
    customer: list[str | Markup]
    listed: list[list[str | Markup]]  # one cell per stored version of the entity


@dataclass
class MeasureRow:
    authority: str
    list_code: str
    programs: str
    listed_on: str
    code: str
    label: str
    legal_basis: str
    first_of_designation: bool  # the list and programs are shown once per designation
    from_list_default: bool
    blocking: bool
    in_catalogue: bool
    onboarding: str  # "BLOCK: action" or "" when it does not bind onboarding
    report: str
    other_contexts: list[tuple[str, str]] = field(default_factory=list)  # (context, verdict)


@dataclass
class CasePage:
    case: dict[str, Any]
    customer: Customer | None
    stored: list[StoredEntity]
    comparison: list[ComparisonRow]
    measures: list[MeasureRow]
    features: list[dict[str, object]]
    evidence: list[dict[str, object]]
    aligned: list[dict[str, object]]
    explanation: dict[str, Any]
    query_marked: Markup
    matched_marked: Markup


def case_page(service: ClearanceService, case_id: int) -> CasePage:
    case = service.cases.get(case_id)
    explanation: dict[str, Any] = case.get("explanation") or {}  # type: ignore[assignment]
    customer = service.book.get(str(case["customer_id"]))
    stored = service.store.entity(str(case["entity_id"]))
    query_tokens = aligned_tokens(explanation, "query")
    name_tokens = aligned_tokens(explanation, "name")
    name_part: Mapping[str, Any] = explanation.get("name") or {}
    return CasePage(
        case=case,
        customer=customer,
        stored=stored,
        comparison=comparison_rows(
            customer, str(case["customer_name"]), stored, query_tokens, name_tokens
        ),
        measures=[row for s in stored for row in measure_rows(s.entity)],
        features=feature_rows(name_part),
        evidence=list(explanation.get("evidence") or []),
        aligned=list(name_part.get("aligned") or []),
        explanation=explanation,
        query_marked=highlight(str(name_part.get("query", "")), query_tokens),
        matched_marked=highlight(str(name_part.get("matched_name", "")), name_tokens),
    )


def comparison_rows(
    customer: Customer | None,
    customer_name: str,
    stored: list[StoredEntity],
    query_tokens: set[str],
    name_tokens: set[str],
) -> list[ComparisonRow]:
    """Customer facts and listed facts, field by field, matched name parts marked."""
    query = customer.query if customer else None
    entities = [s.entity for s in stored]

    def row(label: str, mine: list[str | Markup], theirs_of: Any) -> ComparisonRow:
        return ComparisonRow(label, mine, [theirs_of(e) for e in entities])

    def text(value: object) -> list[str | Markup]:
        return [str(value)] if value not in (None, "") else []

    rows = [
        row(
            "Name",
            [highlight(query.name if query else customer_name, query_tokens)],
            lambda e: [_name_line(n.value, n.kind.value, name_tokens) for n in e.names],
        ),
        row("Type", text(query.schema if query else None), lambda e: [e.schema.value]),
        row(
            "Birth date",
            text(query.birth_date if query else None),
            lambda e: [str(d) for d in e.birth_dates],
        ),
        row("Birth place", [], lambda e: list(e.birth_places)),
        row(
            "Nationality",
            text(query.nationality.upper() if query and query.nationality else None),
            lambda e: [c.upper() for c in (*e.nationalities, *e.citizenships)],
        ),
        row(
            "Country",
            text(query.country.upper() if query and query.country else None),
            lambda e: [c.upper() for c in e.countries],
        ),
        row(
            "Identifiers",
            text(query.id_number if query else None),
            lambda e: [_identifier_line(i) for i in e.identifiers],
        ),
        row("Gender", text(query.gender if query else None), lambda e: text(e.gender)),
        row("Addresses", [], lambda e: [a.text() for a in e.addresses]),
        row("Titles", [], lambda e: list(e.titles)),
    ]
    if customer:
        for key, value in sorted(customer.passthrough.items()):
            if value not in (None, ""):
                rows.append(row(key.replace("_", " ").capitalize(), [str(value)], lambda e: []))
    return [r for r in rows if r.customer or any(r.listed)]


def _name_line(value: str, kind: str, tokens: set[str]) -> Markup:
    marked = highlight(value, tokens)
    if kind == "primary":
        return marked
    return Markup('{} <span class="muted">({})</span>').format(marked, kind.replace("_", " "))


def _identifier_line(identifier: Any) -> str:
    label = identifier.label or identifier.kind.value.replace("_", " ")
    country = f" ({identifier.country.upper()})" if identifier.country else ""
    return f"{label}: {identifier.number}{country}"


def measure_rows(entity: Entity) -> list[MeasureRow]:
    """Each designation's measures (named and list defaults) with the catalogue's effects."""
    rows = []
    for designation in entity.designations:
        for position, binding in enumerate(measures_of(designation)):
            rule = binding.rule
            onboarding = rule.effect(Context.ONBOARDING) if rule else None
            others = []
            if rule:
                others = [
                    (context.value, effect.verdict.value)
                    for context, effect in rule.effects.items()
                    if context is not Context.ONBOARDING
                ]
            rows.append(
                MeasureRow(
                    authority=designation.authority.value,
                    list_code=designation.list_code.value,
                    programs=", ".join(designation.programs),
                    listed_on=str(designation.listed_on) if designation.listed_on else "",
                    code=binding.measure.code,
                    label=binding.measure.label,
                    legal_basis=binding.measure.legal_basis or (rule.legal_basis if rule else ""),
                    first_of_designation=position == 0,
                    from_list_default=binding.from_list_default,
                    blocking=bool(rule and rule.blocking),
                    in_catalogue=rule is not None,
                    onboarding=f"{onboarding.verdict.value}: {onboarding.action}"
                    if onboarding
                    else "",
                    report=(onboarding.report or "") if onboarding else "",
                    other_contexts=others,
                )
            )
    return rows


def feature_rows(name_part: Mapping[str, Any]) -> list[dict[str, object]]:
    """The name model's features: value, the model's weight, and the contribution."""
    features: Mapping[str, Any] = name_part.get("features") or {}
    rows = []
    for feature, numbers in features.items():
        rows.append(
            {
                "feature": feature.replace("_", " "),
                "value": numbers.get("value"),
                "weight": coefficients.WEIGHTS.get(feature),
                "contribution": numbers.get("contribution"),
            }
        )
    return rows


def intercept() -> float:
    return coefficients.INTERCEPT
