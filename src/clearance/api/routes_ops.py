"""Health and metrics: ``GET /healthz`` (alive), ``GET /readyz`` (ready to match) and
``GET /metrics`` (Prometheus text), and the OpenAPI document, ``GET /openapi.json``. Only the
health checks answer without a key; metrics need a key of any role unless the application
was created with ``metrics_public=True``; the OpenAPI document needs a key of any role."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Request, Security
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST
from sqlalchemy import text

from clearance.api.auth import AnyKey, Service, authenticate, authorization_header
from clearance.api.render import JSONBody
from clearance.api.responses import Status

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="The process is alive", response_model=Status)
def healthz() -> JSONBody:
    return JSONBody({"status": "ok"})


@router.get(
    "/readyz",
    summary="Ready to answer",
    response_model=Status,
    responses={503: {"model": Status, "description": "Not ready, with the reason"}},
)
def readyz(service: Service) -> JSONBody:
    """200 once the match index is loaded and the store answers; 503 with the reason before."""
    if not service.ready:
        return JSONBody(
            {"status": "starting", "detail": "the match index is still loading"}, status_code=503
        )
    try:
        with service.store.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as exc:
        reason = f"the store does not answer: {type(exc).__name__}"
        return JSONBody({"status": "unavailable", "detail": reason}, status_code=503)
    return JSONBody({"status": "ok"})


@router.get(
    "/metrics",
    summary="Prometheus metrics",
    response_class=Response,
    responses={200: {"content": {CONTENT_TYPE_LATEST: {"schema": {"type": "string"}}}}},
)
def metrics(
    request: Request,
    authorization: Annotated[str | None, Security(authorization_header)] = None,
) -> Response:
    """Request counts and latency per route, the index size and cases by status. Needs a
    key of any role unless the server publishes metrics."""
    if not request.app.state.metrics_public:
        authenticate(request, authorization)
    return Response(request.app.state.metrics.exposition(), media_type=CONTENT_TYPE_LATEST)


@router.get("/openapi.json", include_in_schema=False)
def openapi_document(request: Request, _: AnyKey) -> JSONBody:
    """The OpenAPI 3 document of this API (any valid key)."""
    return JSONBody(request.app.openapi())
