"""Errors as HTTP responses: one body shape, ``{"detail": ..., "field"?: ...}``, for all.

Bad input is the caller's to fix and never a 5xx: malformed JSON is 400, a body that does not
fit the schema 422 naming the first field at fault (``parties.0.nam``), a request naming
something unknown 404. Domain errors map by kind: a role that may not act 403, an unknown
case 404, an action that does not fit the case's state 409, a decision or payment message
that cannot be decided 422. Anything else is logged and answered 500 without internals.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from clearance.cases.workflow import CaseNotFound, Forbidden, WorkflowError
from clearance.enforcement.decide import DecisionInputError
from clearance.screening.payment_model import PaymentMessageError
from clearance.store import DiffError

log = logging.getLogger("clearance.api")


class ApiError(HTTPException):
    """An error response naming the field at fault, when there is one."""

    def __init__(
        self,
        status_code: int,
        detail: str,
        field: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(status_code, detail, headers)
        self.field = field


def error_response(
    status: int, detail: Any, field: str | None = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    body: dict[str, Any] = {"detail": detail}
    if field is not None:
        body["field"] = field
    return JSONResponse(body, status_code=status, headers=headers)


def field_path(location: Sequence[Any]) -> str:
    """``("body", "parties", 0, "nam")`` → ``parties.0.nam``; query and path parameters by name."""
    parts = [str(p) for p in location]
    if parts and parts[0] in ("body", "query", "path", "header", "cookie") and len(parts) > 1:
        parts = parts[1:]
    return ".".join(parts)


def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = list(exc.errors())
    for error in errors:
        if error.get("type") == "json_invalid":
            position = error.get("loc", ("body", 0))[-1]
            reason = (error.get("ctx") or {}).get("error", "invalid JSON")
            return error_response(400, f"malformed JSON at character {position}: {reason}")
    # An unknown field explains the rest (a misspelt name is also a missing one): first.
    errors.sort(key=lambda e: e.get("type") != "extra_forbidden")
    listed = [
        {"field": field_path(e.get("loc", ())), "message": e.get("msg", ""), "type": e.get("type")}
        for e in errors
    ] or [{"field": "", "message": "invalid request", "type": None}]
    first = listed[0]
    detail = f"{first['field']}: {first['message']}" if first["field"] else first["message"]
    body = {"detail": detail, "field": first["field"] or None, "errors": listed}
    return JSONResponse(body, status_code=422)


def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    return error_response(
        exc.status_code, exc.detail, getattr(exc, "field", None), dict(exc.headers or {}) or None
    )


def _payment_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, PaymentMessageError)
    body: dict[str, Any] = {"detail": str(exc), "line": exc.line}
    if exc.field is not None:
        body["field"] = exc.field
    return JSONResponse(body, status_code=422)


def _status(status: int) -> Any:
    def handler(_: Request, exc: Exception) -> JSONResponse:
        return error_response(status, str(exc))

    return handler


def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, "internal error: the server could not answer this request")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Forbidden, _status(403))
    app.add_exception_handler(CaseNotFound, _status(404))
    app.add_exception_handler(WorkflowError, _status(409))
    app.add_exception_handler(DiffError, _status(409))
    app.add_exception_handler(DecisionInputError, _status(422))
    app.add_exception_handler(PaymentMessageError, _payment_error)
    app.add_exception_handler(Exception, _unexpected)
