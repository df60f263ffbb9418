"""yente compatibility: the ``/match`` and ``/search`` shapes, and FtM examples → queries.

A yente client sends example entities (``{"schema": "Person", "properties": {"name": [...],
"birthDate": [...]}}``) keyed by its own correlation keys, and reads back scored FtM
entities per key. How an example becomes Clearance :class:`~clearance.matching.Query`
objects:

* schema: ``Person``, ``Organization``, ``Company``, ``LegalEntity``, ``Vessel``, ``Thing``
  as they are; ``PublicBody`` → Organization; ``Airplane`` → Aircraft; any other is a 400.
* names: every value of ``name``, ``alias`` and ``previousName`` (and, for a person without
  one, ``firstName middleName lastName`` joined) is screened on its own; each listed entity
  keeps its best score over the names.
* one value each of the rest, the first that is valid: ``birthDate`` (the first value that
  reads as a date), nationality (the first of ``nationality``/``citizenship`` that names a
  country), country (``country``, ``jurisdiction``, ``mainCountry``, ``addressCountry``),
  identifier (the first of ``idNumber``, ``passportNumber``, ``registrationNumber``,
  ``taxNumber``, ``leiCode``, ...), ``gender``. Other properties are accepted and ignored.

Results are FtM entities (``properties`` as published, ``datasets`` = the source) with
yente's ``score``, ``match`` (score at or above ``threshold``) and ``features`` (the name
model's feature values and each piece of evidence's log-odds), plus Clearance's ``lists``,
``programs`` and ``explanation``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from clearance.api.errors import ApiError
from clearance.api.models import MAX_NAME_LENGTH, storable
from clearance.matching import MatchResult, Query
from clearance.matching.coefficients import WEIGHTS
from clearance.model import PartialDate
from clearance.model.countries import country_code

QUERY_SCHEMAS = {
    "Person": "Person",
    "Organization": "Organization",
    "Company": "Company",
    "LegalEntity": "LegalEntity",
    "PublicBody": "Organization",
    "Vessel": "Vessel",
    "Airplane": "Aircraft",
    "Aircraft": "Aircraft",
    "Thing": "Thing",
}
NAME_PROPERTIES = ("name", "alias", "previousName")
NAME_PARTS = ("firstName", "middleName", "lastName")
NATIONALITY_PROPERTIES = ("nationality", "citizenship")
COUNTRY_PROPERTIES = ("country", "jurisdiction", "mainCountry", "addressCountry")
ID_PROPERTIES = (
    "idNumber",
    "passportNumber",
    "registrationNumber",
    "taxNumber",
    "leiCode",
    "innCode",
    "ogrnCode",
    "vatCode",
    "swiftBic",
    "imoNumber",
)
MAX_NAMES_PER_QUERY = 20
MAX_VALUE_LENGTH = 1000

FEATURE_DOCS = {
    "coverage_min": "Share of the rarer side's name weight that aligned",
    "coverage_max": "Share of the better-covered side's name weight that aligned",
    "weakest": "Similarity of the weakest aligned token pair",
    "exact_share": "Share of aligned tokens spelt the same",
    "out_of_order": "Aligned name parts appear in another order",
    "fuzzy_loss": "Weight lost to inexact spellings",
    "unaligned_query": "Query tokens left unaligned (at most 3)",
    "unaligned_name": "Listed-name tokens left unaligned (at most 3)",
    "single_token": "One side is a single token",
    "conflict": "Rare name parts unaligned on both sides (a substituted part)",
    "conflict_count": "How many parts conflict (at most 2)",
    "legal_form_conflict": "Organisations with different legal forms",
    "organisation": "The comparison is between organisations",
    "organisation_x_coverage_min": "Organisation × coverage_min",
    "organisation_x_unaligned": "Organisation × unaligned tokens",
}
EVIDENCE_DOCS = {
    "birth_date": "Log-odds from comparing birth dates",
    "country": "Log-odds from shared or differing countries",
    "gender": "Log-odds from gender",
    "identifier": "Log-odds from identifier numbers",
}


def _checked_key(value: str) -> str:
    storable(value)
    if not value or len(value) > 200:
        raise ValueError("a query key must have 1 to 200 characters")
    return value


QueryKey = Annotated[str, AfterValidator(_checked_key)]


class EntityExample(BaseModel):
    """An example entity to match, as yente takes it."""

    model_config = ConfigDict(
        extra="ignore",
        populate_by_name=True,
        title="EntityExample",
        json_schema_extra={
            "examples": [
                {
                    "schema": "Person",
                    "properties": {"name": ["Ismail Demir"], "birthDate": ["1960-04-01"]},
                }
            ]
        },
    )

    id: str | None = Field(None, max_length=200)
    schema_: str = Field(alias="schema", max_length=100, description="FtM schema name.")
    properties: dict[str, str | list[Any]] = Field(
        description="FtM property name → value or list of values."
    )

    @field_validator("properties")
    @classmethod
    def _values_as_text(cls, properties: dict[str, str | list[Any]]) -> dict[str, list[str]]:
        """Every value as text; nested entities and nulls, which yente allows, are skipped."""
        out: dict[str, list[str]] = {}
        for name, raw in properties.items():
            storable(name)
            values = [raw] if isinstance(raw, str) else raw
            texts = []
            for value in values:
                if isinstance(value, bool) or value is None or isinstance(value, dict | list):
                    continue
                text = storable(str(value)).strip()
                if text:
                    texts.append(text)
            out[name] = texts
        return out


class MatchRequest(BaseModel):
    """yente's ``EntityMatchQuery``: examples keyed by the caller's own keys. Other top-level
    keys yente clients send (``params``...) are ignored; ``weights`` and ``config`` are
    accepted for compatibility and not used (Clearance has one calibrated model)."""

    model_config = ConfigDict(
        extra="ignore",
        title="EntityMatchQuery",
        json_schema_extra={
            "examples": [
                {
                    "queries": {
                        "q1": {
                            "schema": "Person",
                            "properties": {
                                "name": ["Ismail Demir"],
                                "birthDate": ["1960-04-01"],
                            },
                        }
                    }
                }
            ]
        },
    )

    queries: dict[QueryKey, EntityExample | None] = Field(
        description="Your key → an example entity (null entries are skipped, as yente does)."
    )
    weights: dict[str, float] = Field(default_factory=dict)
    config: dict[str, Any] = Field(default_factory=dict)


class TotalSpec(BaseModel):
    model_config = ConfigDict(title="TotalSpec")

    value: int = Field(examples=[1])
    relation: str = Field("eq", examples=["eq"])


class ScoredEntity(BaseModel):
    """A listed entity as FtM, with its score against the query."""

    model_config = ConfigDict(extra="allow", populate_by_name=True, title="ScoredEntity")

    id: str = Field(examples=["ofac-27018"])
    caption: str = Field(examples=["DEMIR, Ismail"])
    schema_: str = Field(alias="schema", examples=["Person"])
    properties: dict[str, list[Any]] = Field(examples=[{"name": ["DEMIR, Ismail"]}])
    datasets: list[str] = Field(examples=[["ofac-sdn"]])
    referents: list[str] = Field(default_factory=list)
    target: bool = True
    first_seen: str | None = None
    last_seen: str | None = None
    last_change: str | None = None
    score: float = Field(examples=[0.97])
    match: bool
    features: dict[str, float]
    lists: list[str] = Field(default_factory=list, examples=[["SDN"]])
    programs: list[str] = Field(default_factory=list, examples=[["CAATSA - RUSSIA"]])
    explanation: dict[str, Any] | None = None


class EntityMatches(BaseModel):
    model_config = ConfigDict(title="EntityMatches")

    status: int = 200
    results: list[ScoredEntity]
    total: TotalSpec
    query: dict[str, Any]


class MatchResponse(BaseModel):
    model_config = ConfigDict(title="EntityMatchResponse")

    responses: dict[str, EntityMatches]
    matcher: dict[str, Any]
    limit: int


class SearchResponse(BaseModel):
    model_config = ConfigDict(title="SearchResponse")

    results: list[ScoredEntity]
    total: TotalSpec
    limit: int
    offset: int = 0
    facets: dict[str, Any] = Field(default_factory=dict)


def query_schema(schema: str, field: str) -> str:
    """The query schema for an FtM schema name; 400 naming ``field`` when there is none."""
    found = QUERY_SCHEMAS.get(schema)
    if found is None:
        known = ", ".join(QUERY_SCHEMAS)
        raise ApiError(400, f"{field}: cannot match schema {schema!r}; use one of {known}", field)
    return found


def _first(
    props: Mapping[str, list[str]], names: Sequence[str], valid: Callable[[str], str | None]
) -> str | None:
    """The first value of the first of ``names`` that ``valid`` accepts (as it returns it)."""
    for name in names:
        for value in props.get(name, ()):
            if len(value) <= MAX_VALUE_LENGTH and (found := valid(value)):
                return found
    return None


def _birth_date(value: str) -> str | None:
    return value if PartialDate.parse(value) is not None else None


def _names(props: Mapping[str, list[str]], schema: str) -> list[str]:
    names = [v for p in NAME_PROPERTIES for v in props.get(p, ())]
    if not names and schema == "Person":
        parts = [props[p][0] for p in NAME_PARTS if props.get(p)]
        if parts:
            names.append(" ".join(parts))
    return list(dict.fromkeys(names))


def example_queries(key: str, example: EntityExample) -> list[Query]:
    """The queries to screen for one example: one per name (see the module docstring)."""
    schema = query_schema(example.schema_, f"queries.{key}.schema")
    props: dict[str, list[str]] = example.properties  # type: ignore[assignment]
    names = _names(props, schema)
    field = f"queries.{key}.properties.name"
    if not names:
        raise ApiError(400, f"query {key!r} has no name to match", field)
    if len(names) > MAX_NAMES_PER_QUERY:
        raise ApiError(
            422, f"query {key!r} has {len(names)} names; at most {MAX_NAMES_PER_QUERY}", field
        )
    for name in names:
        if len(name) > MAX_NAME_LENGTH:
            raise ApiError(
                422, f"query {key!r}: a name is longer than {MAX_NAME_LENGTH} characters", field
            )
    known = {
        "birth_date": _first(props, ("birthDate",), _birth_date),
        "nationality": _first(props, NATIONALITY_PROPERTIES, country_code),
        "country": _first(props, COUNTRY_PROPERTIES, country_code),
        "id_number": _first(props, ID_PROPERTIES, lambda v: v if len(v) <= 200 else None),
        "gender": _first(props, ("gender",), lambda v: v),
    }
    return [Query(name=name, schema=schema, **known) for name in names]


def echo(example: EntityExample) -> dict[str, Any]:
    """The example as understood (values as lists of text), for the response's ``query``."""
    return {"id": example.id, "schema": example.schema_, "properties": example.properties}


def best_per_entity(answers: Iterable[list[MatchResult]]) -> list[MatchResult]:
    """Each listed entity once, with its best score over the answers, best first."""
    best: dict[tuple[str, str], MatchResult] = {}
    for results in answers:
        for result in results:
            key = (result.entity_id, result.source)
            kept = best.get(key)
            if kept is None or result.score > kept.score:
                best[key] = result
    return sorted(best.values(), key=lambda r: (-r.score, r.entity_id))


def features(explanation: Mapping[str, Any]) -> dict[str, float]:
    """The name model's feature values and each piece of evidence's log-odds."""
    name = explanation.get("name") or {}
    found = {k: float(v["value"]) for k, v in (name.get("features") or {}).items()}
    if "probability" in name:
        found["name_probability"] = float(name["probability"])
    for item in explanation.get("evidence") or ():
        found[item["feature"]] = float(item["log_odds"])
    return found


def scored_entity(
    result: MatchResult,
    view: Mapping[str, Any] | None,
    last_seen: str | None,
    threshold: float,
    explain: bool,
) -> dict[str, Any]:
    """One result in yente's shape (``view``: the entity's main FtM dict, when found)."""
    return {
        "id": result.entity_id,
        "caption": result.caption,
        "schema": view["schema"] if view else result.schema,
        "properties": view["properties"] if view else {"name": [result.caption]},
        "datasets": [result.source] if result.source else [],
        "referents": [],
        "target": True,
        "first_seen": None,
        "last_seen": last_seen,
        "last_change": None,
        "score": round(result.score, 4),
        "match": result.score >= threshold,
        "features": features(result.explanation),
        "lists": list(result.lists),
        "programs": list(result.programs),
        "explanation": result.explanation if explain else None,
    }


def matcher_docs(algorithm: str, threshold: float, cutoff: float) -> dict[str, Any]:
    """What yente reports as ``matcher``: the model, its thresholds and its features."""
    return {
        "name": "clearance-name-model",
        "algorithm": algorithm,
        "algorithm_used": "clearance-name-model",
        "threshold": threshold,
        "cutoff": cutoff,
        "features": {
            **{
                name: {"description": text, "coefficient": WEIGHTS.get(name)}
                for name, text in FEATURE_DOCS.items()
            },
            "name_probability": {"description": "The name model's probability alone"},
            **{name: {"description": text} for name, text in EVIDENCE_DOCS.items()},
        },
    }
