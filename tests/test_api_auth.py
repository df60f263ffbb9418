"""API keys and roles over HTTP: 401 without a valid key on every route but the health checks,
403 for a role that may not act, and the four-eyes case review (analyst proposes, a second
user approves or sends back), with allow-list suppression (SQLite and PostgreSQL)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute
from tests.api_server import ApiServer, server_fixture

from clearance.cases import Role

PUBLIC = {"/healthz", "/readyz"}
PATH_VALUES = {
    "dataset": "default",
    "entity_id": "ofac-27018",
    "case_id": "1",
    "source": "ofac-sdn",
}


server = server_fixture("server", "api-auth")


def _flat(routes: list[BaseRoute]) -> Iterator[APIRoute]:
    """Every API route, also inside included routers (newer FastAPI keeps them nested)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif hasattr(route, "original_router"):
            yield from _flat(route.original_router.routes)


def _api_routes(server: ApiServer) -> list[tuple[str, str]]:
    found = []
    for route in _flat(server.app.routes):
        if route.path not in PUBLIC:
            path = re.sub(r"\{(\w+)\}", lambda m: PATH_VALUES[m.group(1)], route.path)
            found.extend((method, path) for method in sorted(route.methods))
    return found


def _open_case(server: ApiServer, customer: str, name: str = "Ismail Demir") -> int:
    with server.client("gateway") as client:
        party = {"id": customer, "name": name, "schema": "Person", "birth_date": "1960-04-01"}
        response = client.post("/screen", json={"parties": [party]})
    assert response.status_code == 200, response.text
    [outcome] = response.json()["results"][0]["cases"]
    assert outcome["action"] == "opened"
    return int(outcome["case_id"])


def test_every_route_but_health_needs_a_key(server: ApiServer) -> None:
    routes = _api_routes(server)
    documented = server.app.openapi()["paths"]
    # Every documented route but the health checks, plus the OpenAPI document itself.
    assert len(routes) == sum(len(methods) for methods in documented.values()) - len(PUBLIC) + 1
    assert ("POST", "/match/default") in routes and ("GET", "/metrics") in routes
    assert ("GET", "/openapi.json") in routes
    with httpx.Client(base_url=server.url) as anonymous:
        for method, path in routes:
            response = anonymous.request(method, path, json={} if method == "POST" else None)
            assert response.status_code == 401, (method, path, response.text)
            assert "ApiKey" in response.headers["www-authenticate"], (method, path)
            assert "API key" in response.json()["detail"]
        for path in PUBLIC:
            assert anonymous.get(path).status_code in (200, 503)


def test_wrong_malformed_and_revoked_keys_are_401(server: ApiServer) -> None:
    with httpx.Client(base_url=server.url) as client:
        for header in ("ApiKey clr_not-a-key", "Bearer nothing", "Basic dXNlcjpwYXNz", "ApiKey"):
            response = client.get("/lists", headers={"Authorization": header})
            assert response.status_code == 401, header
        good = server.keys["gateway"]
        assert client.get("/lists", headers={"Authorization": f"Bearer {good}"}).status_code == 200
        secret, info = server.service.principals.create_key(Role.SCREENER, "leaver")
        assert (
            client.get("/lists", headers={"Authorization": f"ApiKey {secret}"}).status_code == 200
        )
        assert server.service.principals.revoke_key(info.prefix) == 1
        revoked = client.get("/lists", headers={"Authorization": f"ApiKey {secret}"})
        assert revoked.status_code == 401 and "revoked" in revoked.json()["detail"]


def test_a_screener_screens_but_cannot_touch_cases(server: ApiServer) -> None:
    case_id = _open_case(server, "AUTH-S1")
    with server.client("gateway") as screener:
        disposition = {"disposition": "false_positive", "reason": "not him"}
        refused = screener.post(f"/cases/{case_id}/disposition", json=disposition)
        assert refused.status_code == 403 and "dispose" in refused.json()["detail"]
        assert screener.get("/cases").status_code == 403
        assert screener.get(f"/cases/{case_id}").status_code == 403
        assert screener.get("/allow-list").status_code == 403


def test_four_eyes_approval_closes_a_case(server: ApiServer) -> None:
    case_id = _open_case(server, "AUTH-C1")
    proposal = {"disposition": "true_match", "reason": "same person: name and birth date"}
    with (
        server.client("alice") as alice,
        server.client("bob") as bob,
        server.client("carol") as carol,
    ):
        queue = alice.get("/cases", params={"status": "open", "q": "AUTH-C1"}).json()
        assert [c["id"] for c in queue["cases"]] == [case_id] and queue["total"] == 1
        pending = alice.post(f"/cases/{case_id}/disposition", json=proposal)
        assert pending.status_code == 200, pending.text
        assert pending.json()["status"] == "pending"
        assert pending.json()["proposal"]["by"] == "alice"
        own = alice.post(f"/cases/{case_id}/approve", json={})
        assert own.status_code == 403  # an analyst's role cannot approve at all
        again = alice.post(f"/cases/{case_id}/disposition", json=proposal)
        assert again.status_code == 409  # pending: no second proposal
        closed = bob.post(f"/cases/{case_id}/approve", json={"note": "agreed"})
        assert closed.status_code == 200 and closed.json()["status"] == "closed"
        assert closed.json()["disposition"] == "true_match"
        assert [e["kind"] for e in closed.json()["events"]] == [
            "opened",
            "proposed",
            "approved",
        ]
        late = carol.post(f"/cases/{case_id}/approve")
        assert late.status_code == 409  # nothing pending any more
    assert server.service.audit.verify().ok


def test_an_approver_cannot_approve_their_own_proposal(server: ApiServer) -> None:
    case_id = _open_case(server, "AUTH-C2")
    with server.client("bob") as bob, server.client("carol") as carol:
        proposal = {"disposition": "escalate", "reason": "needs the MLRO"}
        assert bob.post(f"/cases/{case_id}/disposition", json=proposal).status_code == 200
        own = bob.post(f"/cases/{case_id}/approve")
        assert own.status_code == 409 and "second user" in own.json()["detail"]
        escalated = carol.post(f"/cases/{case_id}/approve")
        assert escalated.status_code == 200 and escalated.json()["status"] == "escalated"


def test_reject_sends_a_proposal_back(server: ApiServer) -> None:
    case_id = _open_case(server, "AUTH-C3")
    with server.client("alice") as alice, server.client("bob") as bob:
        proposal = {"disposition": "false_positive", "reason": "different person"}
        assert alice.post(f"/cases/{case_id}/disposition", json=proposal).status_code == 200
        assert bob.post(f"/cases/{case_id}/reject", json={}).status_code == 422
        assert bob.post(f"/cases/{case_id}/reject", json={"reason": " "}).status_code == 422
        back = bob.post(f"/cases/{case_id}/reject", json={"reason": "birth date matches exactly"})
        assert back.status_code == 200 and back.json()["status"] == "open"
        assert back.json()["proposal"] is None
        assert back.json()["events"][-1]["kind"] == "rejected"
        assert bob.get("/cases/999999").status_code == 404


def test_an_approved_false_positive_is_suppressed_on_the_next_screening(
    server: ApiServer,
) -> None:
    case_id = _open_case(server, "AUTH-C4")
    proposal = {"disposition": "false_positive", "reason": "another Demir", "allow_list": True}
    with server.client("dave") as dave, server.client("carol") as carol:
        assert dave.post(f"/cases/{case_id}/disposition", json=proposal).status_code == 200
        approved = carol.post(f"/cases/{case_id}/approve")
        assert approved.status_code == 200 and approved.json()["allow_listed"] is True
        entries = dave.get("/allow-list").json()["entries"]
        assert any(e["customer_id"] == "AUTH-C4" and e["case_id"] == case_id for e in entries)
    with server.client("gateway") as screener:
        party = {
            "id": "AUTH-C4",
            "name": "Ismail Demir",
            "schema": "Person",
            "birth_date": "1960-04-01",
        }
        again = screener.post("/screen", json={"parties": [party]}).json()["results"][0]
    assert again["matches"][0]["entity_id"] == "ofac-27018"
    assert again["cases"] == [
        {
            "customer_id": "AUTH-C4",
            "entity_id": "ofac-27018",
            "case_id": case_id,
            "action": "suppressed",
        }
    ]
