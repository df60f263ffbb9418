"""Screening and decisions: ``POST /screen``, ``POST /decide`` and ``POST /payments``.

``/screen`` takes one party or a batch; a party with an ``id`` is a customer whose alerts
open or join cases. ``/decide`` decides a context for its parties; ``/payments`` decides a
raw pacs.008 / pain.001 / MT103 message. All go through :class:`ClearanceService`, which
checks the role and audits the call.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool

from clearance.api.auth import Screener, Service
from clearance.api.errors import ApiError
from clearance.api.models import DecideRequest, ScreenRequest
from clearance.api.offload import run_sized
from clearance.api.render import JSONBody, match_dict
from clearance.api.responses import ERRORS, DecisionOut, ScreenResponse
from clearance.cases.principals import Principal
from clearance.cases.service import ClearanceService
from clearance.enforcement.decide import CreditTerms, Party
from clearance.matching import REVIEW_THRESHOLD
from clearance.matching import Query as MatchQuery
from clearance.model import PartialDate
from clearance.screening.payments import parse_payment

router = APIRouter(tags=["screening and decisions"])

PAYMENT_MEDIA_TYPES = ("application/xml", "text/xml", "text/plain")


def _check_batch(request: Request, size: int) -> None:
    limit: int = request.app.state.max_batch
    if size > limit:
        raise ApiError(422, f"{size} parties in one request; the limit is {limit}", "parties")


def _check_birth_date(value: str | None, field: str) -> None:
    if value is not None and PartialDate.parse(value) is None:
        raise ApiError(422, f"{field}: {value!r} is not a date", field)


def _checked(position: int, birth_date: str | None, build: Callable[[], MatchQuery]) -> MatchQuery:
    """The query ``build`` makes of party ``position``, or a 422 naming what is wrong."""
    _check_birth_date(birth_date, f"parties.{position}.birth_date")
    try:
        return build()
    except ValueError as exc:
        raise ApiError(422, f"parties.{position}: {exc}", f"parties.{position}") from None


def _screened(
    service: ClearanceService,
    principal: Principal,
    queries: list[MatchQuery],
    threshold: float | None,
    limit: int,
    explain: bool,
) -> JSONBody:
    answers = service.screen(principal, queries, threshold=threshold, limit=limit)
    results = [
        {
            "id": query.id,
            "name": query.name,
            "matches": [match_dict(m, explain) for m in matches],
            "cases": [o.to_dict() for o in outcomes],
        }
        for query, (matches, outcomes) in zip(queries, answers, strict=True)
    ]
    return JSONBody(
        {
            "results": results,
            "threshold": REVIEW_THRESHOLD if threshold is None else threshold,
            "snapshots": service.matcher.snapshots,
        }
    )


@router.post("/screen", summary="Screen parties", response_model=ScreenResponse, responses=ERRORS)
async def screen(
    request: Request,
    principal: Screener,
    service: Service,
    body: ScreenRequest,
    explain: Annotated[bool, Query(description="Include each match's explanation.")] = True,
) -> JSONBody:
    """Matches per party, best first. A party with an `id` is a customer: its alerts at or
    above the review threshold open or join cases, and allow-listed ones come back
    `suppressed` in `cases`."""
    _check_batch(request, len(body.parties))
    queries = []
    for position, party in enumerate(body.parties):
        fields = party.model_dump(by_alias=True)
        queries.append(_checked(position, party.birth_date, lambda f=fields: MatchQuery(**f)))
    work = partial(_screened, service, principal, queries, body.threshold, body.limit, explain)
    return await run_sized(work, len(queries), service.ready)


@router.post("/decide", summary="Decide a context", response_model=DecisionOut, responses=ERRORS)
def decide(
    request: Request, principal: Screener, service: Service, body: DecideRequest
) -> JSONBody:
    """BLOCK, REJECT, DENY, LIMIT, REVIEW or CLEAR for a context and its parties, with the
    citations (list, program, measure, legal basis, snapshot) of every binding measure."""
    _check_batch(request, len(body.parties))
    parties = []
    for position, item in enumerate(body.parties):
        party = Party(
            item.name,
            item.role,
            item.schema_,
            item.birth_date,
            item.nationality,
            item.country,
            item.id_number,
            item.id,
        )
        _checked(position, item.birth_date, party.query)
        parties.append(party)
    credit = None
    if body.credit is not None:
        terms = body.credit
        credit = CreditTerms(terms.lender, terms.amount, terms.currency, terms.on, terms.reference)
    decision = service.decide(principal, body.context, parties, body.amount, credit)
    return JSONBody(decision.to_dict())


def _nul_in(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_nul_in(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(_nul_in(v) for v in value)
    return False


@router.post(
    "/payments",
    summary="Decide a payment message",
    response_model=DecisionOut,
    responses=ERRORS,
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": "An ISO 20022 pacs.008 / pain.001 (XML) or SWIFT MT103 message.",
            "content": {media: {"schema": {"type": "string"}} for media in PAYMENT_MEDIA_TYPES},
        }
    },
)
async def payments(request: Request, principal: Screener, service: Service) -> JSONBody:
    """The `payment` decision for a whole message: every party and agent screened, free
    text scanned for listed names. A message that cannot be read is 422 naming the line
    (XML) or field (MT)."""
    data = await request.body()
    if not data.strip():
        raise ApiError(422, "the request body is empty: send the payment message")
    message = await run_in_threadpool(parse_payment, data, "message")
    if _nul_in(dataclasses.asdict(message)):
        raise ApiError(422, "the payment message contains NUL characters")
    decision = await run_in_threadpool(service.decide_payment, principal, message)
    return JSONBody(decision.to_dict())
