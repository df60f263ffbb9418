"""Response shapes of Clearance's own endpoints, for the OpenAPI schema.

The routes return plain dicts (see :mod:`clearance.api.render`); these models document them.
Nested records that the layers below define (explanations, citations, case events) are
documented as objects.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class ErrorBody(BaseModel):
    """Every error: what went wrong, and which field when one is to blame."""

    model_config = ConfigDict(title="Error")

    detail: Any
    field: str | None = None


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": text}
    for code, text in (
        (400, "Malformed request or query"),
        (401, "No valid API key"),
        (403, "The key's role may not do this"),
        (404, "Unknown dataset, entity, case or list"),
        (413, "Body too large"),
        (422, "Invalid request"),
    )
}


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ScreenMatch(_Open):
    model_config = ConfigDict(title="ScreenMatch")

    entity_id: str = Field(examples=["ofac-27018"])
    caption: str = Field(examples=["DEMIR, Ismail"])
    schema_: str = Field(alias="schema", examples=["Person"])
    score: float = Field(examples=[0.98])
    match: bool
    lists: list[str] = Field(examples=[["SDN"]])
    programs: list[str] = Field(examples=[["CAATSA - RUSSIA"]])
    source: str = Field(examples=["ofac-sdn"])
    snapshot_hash: str | None = None
    explanation: dict[str, Any] | None = None


class AlertOutcomeOut(_Open):
    model_config = ConfigDict(title="AlertOutcome")

    customer_id: str
    entity_id: str
    case_id: int | None
    action: str = Field(examples=["opened"], description="opened, joined, reopened, suppressed")


class ScreenedParty(_Open):
    model_config = ConfigDict(title="ScreenedParty")

    id: str | None
    name: str
    matches: list[ScreenMatch]
    cases: list[AlertOutcomeOut]


class ScreenResponse(_Open):
    model_config = ConfigDict(title="ScreenResponse")

    results: list[ScreenedParty]
    threshold: float
    snapshots: dict[str, str] = Field(description="source → content hash of the lists used")


class DecisionOut(_Open):
    model_config = ConfigDict(title="Decision")

    decision: str = Field(examples=["BLOCK"], description="BLOCK/REJECT/DENY/LIMIT/REVIEW/CLEAR")
    context: str = Field(examples=["payment"])
    binding: list[dict[str, Any]] = Field(description="Citations of the binding measures")
    not_binding: list[dict[str, Any]]
    reviews: list[dict[str, Any]]
    headroom: str | None = None
    notes: list[str]


class CaseOut(_Open):
    model_config = ConfigDict(title="Case")

    id: int
    customer_id: str
    customer_name: str
    entity_id: str
    entity_caption: str
    status: str = Field(examples=["open"])
    disposition: str | None
    score: float
    lists: list[str]
    programs: list[str]
    alert_count: int
    proposal: dict[str, Any] | None


class CaseQueue(_Open):
    model_config = ConfigDict(title="CaseQueue")

    cases: list[CaseOut]
    total: int
    limit: int
    offset: int


class AllowList(_Open):
    model_config = ConfigDict(title="AllowList")

    entries: list[dict[str, Any]]


class ListsOut(_Open):
    model_config = ConfigDict(title="Lists")

    lists: list[dict[str, Any]] = Field(description="The current snapshot of every source")


class Status(_Open):
    model_config = ConfigDict(title="Status")

    status: str = Field(examples=["ok"])
    detail: str | None = None
