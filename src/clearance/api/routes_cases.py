"""Cases and the allow-list: the queue, one case with its events, and four-eyes review.

An analyst proposes a disposition (``POST /cases/{id}/disposition``); a different user with
the approver role confirms it (``/approve``) or sends it back (``/reject``). The rules (who
may approve what, which state allows which step) are the case workflow's; a step that does
not fit the case's state is 409.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from clearance.api.auth import Approver, CaseReader, Disposer, Service
from clearance.api.models import ApproveIn, DispositionIn, RejectIn, ShortText
from clearance.api.render import JSONBody
from clearance.api.responses import ERRORS, AllowList, CaseOut, CaseQueue

router = APIRouter(tags=["cases"])

MAX_ID = 2**31 - 1  # case ids are 32-bit integers in PostgreSQL
CaseId = Annotated[int, Path(ge=1, le=MAX_ID, description="The case id.")]
StatusFilter = Literal["active", "open", "pending", "escalated", "closed", "all"]


@router.get("/cases", summary="The case queue", response_model=CaseQueue, responses=ERRORS)
def queue(
    principal: CaseReader,
    service: Service,
    status: Annotated[
        StatusFilter, Query(description="`active` = open, pending or escalated; `all`.")
    ] = "active",
    min_score: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
    list_name: Annotated[ShortText | None, Query(alias="list", description="SDN, ...")] = None,
    q: Annotated[ShortText | None, Query(description="Customer or entity name or id.")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
) -> JSONBody:
    """Cases, best score first."""
    rows, total = service.cases.queue(
        None if status == "all" else status, min_score, list_name, q, limit, offset
    )
    return JSONBody({"cases": rows, "total": total, "limit": limit, "offset": offset})


@router.get("/cases/{case_id}", summary="One case", response_model=CaseOut, responses=ERRORS)
def case(principal: CaseReader, service: Service, case_id: CaseId) -> JSONBody:
    """The case with its events, its pending proposal and whether it is allow-listed."""
    return JSONBody(service.cases.get(case_id))


@router.post(
    "/cases/{case_id}/disposition",
    summary="Propose a disposition",
    response_model=CaseOut,
    responses={**ERRORS, 409: {"description": "The case does not take a disposition now"}},
)
def propose(
    principal: Disposer, service: Service, case_id: CaseId, body: DispositionIn
) -> JSONBody:
    """Propose true match, false positive (optionally allow-listed) or escalation; it takes
    effect when another user approves it."""
    return JSONBody(
        service.cases.propose(case_id, principal, body.disposition, body.reason, body.allow_list)
    )


@router.post(
    "/cases/{case_id}/approve",
    summary="Approve the pending disposition",
    response_model=CaseOut,
    responses={**ERRORS, 409: {"description": "Nothing pending, or you proposed it"}},
)
def approve(
    principal: Approver, service: Service, case_id: CaseId, body: ApproveIn | None = None
) -> JSONBody:
    """Confirm another user's proposal: the case closes (or is escalated)."""
    note = body.note if body is not None else None
    return JSONBody(service.cases.approve(case_id, principal, note))


@router.post(
    "/cases/{case_id}/reject",
    summary="Send the pending disposition back",
    response_model=CaseOut,
    responses={**ERRORS, 409: {"description": "Nothing pending, or you proposed it"}},
)
def reject(principal: Approver, service: Service, case_id: CaseId, body: RejectIn) -> JSONBody:
    """Send another user's proposal back with a reason: the case re-opens."""
    return JSONBody(service.cases.reject(case_id, principal, body.reason))


@router.get("/allow-list", summary="The allow-list", response_model=AllowList, responses=ERRORS)
def allow_list(principal: CaseReader, service: Service) -> JSONBody:
    """Approved false positives that suppress the same alert while nothing changes."""
    return JSONBody({"entries": service.cases.allow_list()})
