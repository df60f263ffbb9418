"""The analyst pages' routes under ``/ui``: sign-in, alert queue, case, lists and dashboard.

Each handler checks the session and the role, reads the request, calls the service, and
renders a template; forms POST and redirect (303) back with a flash message. Errors of the
service (not allowed, wrong state, no such case) become messages on the page, not 500s.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from importlib import resources
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from starlette.responses import RedirectResponse, Response

from clearance.cases import statistics as dashboard_data
from clearance.cases.principals import SESSION_LIFETIME, Principal
from clearance.cases.roles import Permission, allows
from clearance.cases.service import ClearanceService
from clearance.cases.workflow import (
    CaseNotFound,
    CaseStatus,
    Forbidden,
    WorkflowError,
    parse_disposition,
)
from clearance.matching.score import WEAK_ALIAS_LOG_ODDS
from clearance.model import ListCode
from clearance.store import DiffError
from clearance.web.case_view import case_page, intercept
from clearance.web.charts import Bar, bar_chart
from clearance.web.render import Renderer
from clearance.web.session import (
    FLASH_COOKIE,
    LOGIN_COOKIE,
    PREFIX,
    SESSION_COOKIE,
    CsrfTokens,
    clear_cookie,
    decode_flash,
    encode_flash,
    login_url,
    new_nonce,
    safe_next,
    server_secret,
    set_cookie,
)

PAGE_SIZE = 25
DIFF_ITEMS = 50
STATUS_FILTERS = ("active", "open", "pending", "escalated", "closed", "all")
_STATIC_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*\.(css|js|svg)$")
_STATIC_TYPES = {"css": "text/css", "js": "text/javascript", "svg": "image/svg+xml"}

FormText = Annotated[str, Form()]


class SignedIn:
    def __init__(self, principal: Principal, token: str, csrf: str) -> None:
        self.principal = principal
        self.token = token
        self.csrf = csrf

    def can(self, permission: str) -> bool:
        return allows(self.principal.role, Permission(permission))


def build_router(
    get_service: Callable[[], ClearanceService], secret: bytes | str | None = None
) -> APIRouter:
    """The pages, mounted under ``/ui``. ``secret`` signs CSRF tokens (default: see
    :func:`clearance.web.session.server_secret`)."""
    router = APIRouter(prefix=PREFIX, include_in_schema=False)
    csrf = CsrfTokens(server_secret(secret))
    renderer = Renderer()

    # --- helpers ---

    def signed_in(request: Request) -> SignedIn | None:
        token = request.cookies.get(SESSION_COOKIE)
        if not token:
            return None
        principal = get_service().principals.session(token)
        if principal is None:
            return None
        return SignedIn(principal, token, csrf.for_session(token))

    def render(
        request: Request,
        template: str,
        user: SignedIn | None,
        status: int = 200,
        **context: Any,
    ) -> Response:
        flash = decode_flash(request.cookies.get(FLASH_COOKIE))
        response = renderer.page(
            template,
            {
                "user": user,
                "principal": user.principal if user else None,
                "csrf_token": user.csrf if user else "",
                "flash": flash,
                "prefix": PREFIX,
                "nav": "",
                **context,
            },
            status,
        )
        if flash:
            clear_cookie(response, request, FLASH_COOKIE)
        return response

    def error_page(request: Request, user: SignedIn | None, status: int, message: str) -> Response:
        titles = {403: "Not allowed", 404: "Not found", 409: "Conflict"}
        return render(
            request,
            "error.html",
            user,
            status,
            title=titles.get(status, "Error"),
            message=message,
        )

    def redirect(request: Request, target: str, flash: tuple[str, str] | None = None) -> Response:
        response = RedirectResponse(target, status_code=303)
        if flash:
            set_cookie(response, request, FLASH_COOKIE, encode_flash(*flash), max_age=60)
        return response

    def guard(request: Request, permission: Permission, what: str) -> SignedIn | Response:
        user = signed_in(request)
        if user is None:
            return RedirectResponse(login_url(request), status_code=303)
        if not allows(user.principal.role, permission):
            role = user.principal.role.value
            return error_page(request, user, 403, f"Your role ({role}) may not {what}.")
        return user

    def guard_post(
        request: Request, permission: Permission, what: str, token: str
    ) -> SignedIn | Response:
        user = signed_in(request)
        if user is None:
            return RedirectResponse(login_url(request), status_code=303)
        if not csrf.valid_for_session(user.token, token):
            return csrf_refused(request, user)
        if not allows(user.principal.role, permission):
            role = user.principal.role.value
            return error_page(request, user, 403, f"Your role ({role}) may not {what}.")
        return user

    def csrf_refused(request: Request, user: SignedIn | None) -> Response:
        return error_page(
            request,
            user,
            403,
            "This form did not come from a page of this site, or it has expired. "
            "Go back, reload the page and try again.",
        )

    # --- sign-in ---

    @router.get("")
    def root() -> Response:
        return RedirectResponse(f"{PREFIX}/", status_code=307)

    @router.get("/login")
    def login_form(
        request: Request, next_page: Annotated[str, Query(alias="next")] = ""
    ) -> Response:
        if signed_in(request):
            return RedirectResponse(safe_next(next_page), status_code=303)
        nonce = request.cookies.get(LOGIN_COOKIE) or new_nonce()  # other tabs' forms still work
        response = render(
            request,
            "login.html",
            None,
            title="Sign in",
            login_csrf=csrf.for_login(nonce),
            next=next_page,
            error=None,
        )
        set_cookie(response, request, LOGIN_COOKIE, nonce, max_age=3600)
        return response

    @router.post("/login")
    def login(
        request: Request,
        name: FormText = "",
        password: FormText = "",
        csrf_token: Annotated[str, Form(alias="csrf")] = "",
        next_page: Annotated[str, Form(alias="next")] = "",
    ) -> Response:
        nonce = request.cookies.get(LOGIN_COOKIE, "")
        if not csrf.valid_for_login(nonce, csrf_token):
            return csrf_refused(request, None)
        token = get_service().principals.login(name.strip(), password) if name.strip() else None
        if token is None:
            return render(
                request,
                "login.html",
                None,
                401,
                title="Sign in",
                login_csrf=csrf_token,
                next=next_page,
                error="Wrong user name or password.",
                name=name,
            )
        response = redirect(request, safe_next(next_page))
        set_cookie(
            response,
            request,
            SESSION_COOKIE,
            token,
            max_age=int(SESSION_LIFETIME.total_seconds()),
        )
        clear_cookie(response, request, LOGIN_COOKIE)
        return response

    @router.post("/logout")
    def logout(request: Request, csrf_token: Annotated[str, Form(alias="csrf")] = "") -> Response:
        user = signed_in(request)
        if user is None:
            return RedirectResponse(f"{PREFIX}/login", status_code=303)
        if not csrf.valid_for_session(user.token, csrf_token):
            return csrf_refused(request, user)
        get_service().principals.logout(user.token)
        response = redirect(request, f"{PREFIX}/login", ("ok", "Signed out."))
        clear_cookie(response, request, SESSION_COOKIE)
        return response

    # --- the alert queue ---

    @router.get("/")
    def queue(
        request: Request,
        status: str = "active",
        min_score: str = "",
        list_name: Annotated[str, Query(alias="list")] = "",
        q: str = "",
        page: str = "1",
    ) -> Response:
        user = guard(request, Permission.READ_CASES, "read cases")
        if isinstance(user, Response):
            return user
        problems = []
        if status not in STATUS_FILTERS:
            problems.append(f"Unknown status {status!r}; showing active cases.")
            status = "active"
        floor = _parse_score(min_score)
        if min_score.strip() and floor is None:
            problems.append("Minimum score must be a number from 0 to 1; filter ignored.")
        if list_name and list_name not in {c.value for c in ListCode}:
            problems.append(f"Unknown list {list_name!r}; filter ignored.")
            list_name = ""
        number = int(page) if page.isdigit() and int(page) > 0 else 1
        search = q.strip()[:200]
        rows, total = get_service().cases.queue(
            status=None if status == "all" else status,
            min_score=floor,
            list_name=list_name or None,
            search=search or None,
            limit=PAGE_SIZE,
            offset=(number - 1) * PAGE_SIZE,
        )
        pages = max(1, math.ceil(total / PAGE_SIZE))
        filters = {"status": status, "min_score": min_score.strip(), "list": list_name, "q": search}

        def page_link(target: int) -> str:
            kept = {k: v for k, v in filters.items() if v}
            return f"{PREFIX}/?" + urlencode({**kept, "page": target})

        return render(
            request,
            "queue.html",
            user,
            title="Alert queue",
            nav="queue",
            rows=rows,
            total=total,
            page=number,
            pages=pages,
            first=(number - 1) * PAGE_SIZE + 1 if rows else 0,
            last=(number - 1) * PAGE_SIZE + len(rows),
            previous_link=page_link(number - 1) if number > 1 else None,
            next_link=page_link(number + 1) if number < pages else None,
            filters=filters,
            statuses=STATUS_FILTERS,
            list_codes=[c.value for c in ListCode],
            problems=problems,
            counts=get_service().cases.counts(),
        )

    # --- one case ---

    @router.get("/cases/{case_id}")
    def case(request: Request, case_id: str) -> Response:
        user = guard(request, Permission.READ_CASES, "read cases")
        if isinstance(user, Response):
            return user
        if not case_id.isdigit():
            return error_page(request, user, 404, f"There is no case {case_id!r}.")
        try:
            view = case_page(get_service(), int(case_id))
        except CaseNotFound:
            return error_page(request, user, 404, f"There is no case {case_id}.")
        proposal = view.case.get("proposal")
        proposer = proposal.get("by") if isinstance(proposal, dict) else None
        status = view.case["status"]
        return render(
            request,
            "case.html",
            user,
            title=f"Case {case_id}",
            nav="queue",
            view=view,
            case=view.case,
            proposal=proposal,
            may_dispose=user.can(Permission.DISPOSE)
            and status in (CaseStatus.OPEN.value, CaseStatus.ESCALATED.value),
            may_review=user.can(Permission.APPROVE)
            and status == CaseStatus.PENDING.value
            and proposer is not None
            and proposer != user.principal.name,
            own_proposal=proposer == user.principal.name,
            intercept=intercept(),
            weak_alias_log_odds=WEAK_ALIAS_LOG_ODDS,
        )

    def case_action(
        request: Request,
        case_id: str,
        token: str,
        permission: Permission,
        what: str,
        act: Callable[[ClearanceService, int, Principal], str],
    ) -> Response:
        user = guard_post(request, permission, what, token)
        if isinstance(user, Response):
            return user
        if not case_id.isdigit():
            return error_page(request, user, 404, f"There is no case {case_id!r}.")
        target = f"{PREFIX}/cases/{case_id}"
        try:
            done = act(get_service(), int(case_id), user.principal)
        except CaseNotFound:
            return error_page(request, user, 404, f"There is no case {case_id}.")
        except (Forbidden, WorkflowError) as exc:
            return redirect(request, target, ("error", str(exc)))
        return redirect(request, target, ("ok", done))

    @router.post("/cases/{case_id}/dispose")
    def dispose(
        request: Request,
        case_id: str,
        disposition: FormText = "",
        reason: FormText = "",
        allow: FormText = "",
        csrf_token: Annotated[str, Form(alias="csrf")] = "",
    ) -> Response:
        def act(service: ClearanceService, number: int, principal: Principal) -> str:
            chosen = parse_disposition(disposition or "(none)")
            service.cases.propose(number, principal, chosen, reason.strip(), allow == "yes")
            listed = " with an allow-list entry" if allow == "yes" else ""
            return f"Proposed {chosen.value.replace('_', ' ')}{listed}: pending approval."

        return case_action(request, case_id, csrf_token, Permission.DISPOSE, "dispose", act)

    @router.post("/cases/{case_id}/approve")
    def approve(
        request: Request,
        case_id: str,
        note: FormText = "",
        csrf_token: Annotated[str, Form(alias="csrf")] = "",
    ) -> Response:
        def act(service: ClearanceService, number: int, principal: Principal) -> str:
            result = service.cases.approve(number, principal, note.strip() or None)
            return f"Approved: the case is now {result['status']}."

        return case_action(
            request, case_id, csrf_token, Permission.APPROVE, "approve dispositions", act
        )

    @router.post("/cases/{case_id}/reject")
    def reject(
        request: Request,
        case_id: str,
        reason: FormText = "",
        csrf_token: Annotated[str, Form(alias="csrf")] = "",
    ) -> Response:
        def act(service: ClearanceService, number: int, principal: Principal) -> str:
            result = service.cases.reject(number, principal, reason.strip())
            return f"Sent back: the case is {result['status']} again."

        return case_action(
            request, case_id, csrf_token, Permission.APPROVE, "send dispositions back", act
        )

    # --- lists ---

    @router.get("/lists")
    def lists(request: Request) -> Response:
        user = guard(request, Permission.SCREEN, "read the lists")
        if isinstance(user, Response):
            return user
        store = get_service().store
        sources = []
        for snapshot in store.current():
            try:
                diff = store.diff(snapshot.source)
            except DiffError:
                diff = None
            sources.append(
                {
                    "snapshot": snapshot,
                    "history": len(store.snapshots(snapshot.source)),
                    "diff": diff,
                }
            )
        return render(
            request,
            "lists.html",
            user,
            title="Lists",
            nav="lists",
            sources=sources,
            diff_items=DIFF_ITEMS,
        )

    # --- dashboard ---

    @router.get("/dashboard")
    def dashboard(request: Request) -> Response:
        user = guard(request, Permission.READ_CASES, "read cases")
        if isinstance(user, Response):
            return user
        service = get_service()
        engine = service.store.engine
        per_day = dashboard_data.opened_per_day(engine, days=30)
        bands = dashboard_data.score_bands(dashboard_data.active_scores(engine))
        counts = service.cases.counts()
        volume_chart = bar_chart(
            [
                Bar(day.strftime("%d %b"), count, f"{day.isoformat()}: {count} opened")
                for day, count in per_day
            ],
            title="Cases opened per day (last 30 days, UTC)",
            x_label="day",
            y_label="cases opened",
            label_every=5,
        )
        score_chart = bar_chart(
            [
                Bar(
                    f"{low:.2f}" if n else f"≤{low:.2f}",
                    count,
                    f"score {low:.2f}–{high:.2f}: {count} active case(s)",
                )
                for n, (low, high, count) in enumerate(bands)
            ],
            title="Scores of active cases",
            x_label="score band (lower bound)",
            y_label="active cases",
        )
        status_chart = bar_chart(
            [Bar(status, count) for status, count in counts.items()],
            title="Cases by status",
            x_label="status",
            y_label="cases",
            width=360,
        )
        return render(
            request,
            "dashboard.html",
            user,
            title="Dashboard",
            nav="dashboard",
            counts=counts,
            opened_total=sum(count for _, count in per_day),
            volume_chart=volume_chart,
            score_chart=score_chart,
            status_chart=status_chart,
        )

    # --- static files ---

    @router.get("/static/{name}")
    def static(name: str) -> Response:
        if not _STATIC_NAME.match(name):
            return Response("not found", status_code=404, media_type="text/plain")
        resource = resources.files("clearance.web").joinpath("static", name)
        if not resource.is_file():
            return Response("not found", status_code=404, media_type="text/plain")
        return Response(
            resource.read_bytes(),
            media_type=_STATIC_TYPES[name.rsplit(".", 1)[1]],
            headers={"Cache-Control": "max-age=3600", "X-Content-Type-Options": "nosniff"},
        )

    return router


def _parse_score(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if 0.0 <= value <= 1.0 else None
