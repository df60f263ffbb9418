"""The lists and operations on them: ``GET /lists``, ``GET /lists/{source}/diff``,
``POST /lists/monitor`` and ``GET /audit/verify``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from clearance.api.auth import Admin, Screener, Service
from clearance.api.errors import ApiError
from clearance.api.models import ShortText
from clearance.api.render import JSONBody
from clearance.api.responses import ERRORS, ListsOut

router = APIRouter(tags=["lists and operations"])


@router.get("/lists", summary="The loaded lists", response_model=ListsOut, responses=ERRORS)
def lists(principal: Screener, service: Service) -> JSONBody:
    """The current snapshot of every source: publish date, content hash, counts."""
    return JSONBody({"lists": [s.to_dict() for s in service.store.current()]})


@router.get(
    "/lists/{source}/diff",
    summary="What the latest load of a list changed",
    responses={**ERRORS, 409: {"description": "The source has fewer than two snapshots"}},
)
def diff(
    principal: Screener,
    service: Service,
    source: Annotated[ShortText, Path(description="A source name: `ofac-sdn`.")],
) -> JSONBody:
    """Entities added, removed and changed (field by field) between the source's last two
    snapshots."""
    if not service.store.snapshots(source):
        raise ApiError(404, f"no list {source!r} has been loaded")
    return JSONBody(service.store.diff(source).to_dict())


@router.post("/lists/monitor", summary="Run continuous monitoring once", responses=ERRORS)
def monitor(
    principal: Admin,
    service: Service,
    full: Annotated[bool, Query(description="Re-screen the whole book.")] = False,
) -> JSONBody:
    """Re-screen the customers that list changes since the last run could affect (all with
    `full`). Runs in this process, one core."""
    return JSONBody(service.monitor(principal, full=full, workers=1).to_dict())


@router.get("/audit/verify", summary="Verify the audit chain", responses=ERRORS)
def verify_audit(principal: Admin, service: Service) -> JSONBody:
    """Walk the hash chain of the audit trail; the first break found is reported."""
    return JSONBody(service.audit.verify().to_dict())
