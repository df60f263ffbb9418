"""Who is calling, and whether their role allows what the route does.

Every route except the health checks declares the permission it needs with one of the
dependencies below (:data:`Screener`, :data:`CaseReader`, :data:`Disposer`, :data:`Approver`,
:data:`Admin`, or :data:`AnyKey` for any valid key). The key comes in ``Authorization:
ApiKey <key>`` or ``Authorization: Bearer <key>``; a missing, unknown or revoked key is 401
with a ``WWW-Authenticate`` challenge, a valid key whose role lacks the permission 403.
The key check is one indexed query; it runs on the event loop, which costs less than handing
it to a worker thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader

from clearance.api.errors import ApiError
from clearance.cases.principals import Principal
from clearance.cases.roles import Permission, allows
from clearance.cases.service import ClearanceService
from clearance.cases.workflow import Forbidden

CHALLENGE = 'ApiKey realm="clearance", Bearer realm="clearance"'
SCHEMES = ("apikey", "bearer")

authorization_header = APIKeyHeader(
    name="Authorization",
    scheme_name="ApiKey",
    description="`ApiKey <key>` or `Bearer <key>` (keys: `clearance keys create`).",
    auto_error=False,
)


def service_of(request: Request) -> ClearanceService:
    return request.app.state.service  # type: ignore[no-any-return]


async def _service_dependency(request: Request) -> ClearanceService:
    """The service, as a dependency that needs no worker thread."""
    return service_of(request)


def key_from_header(value: str | None) -> str | None:
    """The key of an ``ApiKey <key>`` or ``Bearer <key>`` header value, else None."""
    if not value:
        return None
    scheme, _, key = value.strip().partition(" ")
    if scheme.lower() not in SCHEMES:
        return None
    return key.strip() or None


def unauthorized(detail: str) -> ApiError:
    return ApiError(401, detail, headers={"WWW-Authenticate": CHALLENGE})


def authenticate(request: Request, header: str | None) -> Principal:
    key = key_from_header(header)
    if key is None:
        raise unauthorized("an API key is required: send 'Authorization: ApiKey <key>'")
    principal = service_of(request).principals.authenticate(key)
    if principal is None:
        raise unauthorized("the API key is unknown or revoked")
    request.state.principal = principal
    return principal


def caller(permission: Permission | None) -> Callable[..., Principal]:
    """A dependency returning the authenticated caller, whose role must allow ``permission``."""

    async def dependency(
        request: Request,
        authorization: Annotated[str | None, Security(authorization_header)] = None,
    ) -> Principal:
        principal = authenticate(request, authorization)
        if permission is not None and not allows(principal.role, permission):
            raise Forbidden(
                f"{principal.name} ({principal.role.value}) lacks the "
                f"{permission.value!r} permission this request needs"
            )
        return principal

    return dependency


AnyKey = Annotated[Principal, Depends(caller(None))]
Screener = Annotated[Principal, Depends(caller(Permission.SCREEN))]
CaseReader = Annotated[Principal, Depends(caller(Permission.READ_CASES))]
Disposer = Annotated[Principal, Depends(caller(Permission.DISPOSE))]
Approver = Annotated[Principal, Depends(caller(Permission.APPROVE))]
Admin = Annotated[Principal, Depends(caller(Permission.ADMIN))]
Service = Annotated[ClearanceService, Depends(_service_dependency)]
