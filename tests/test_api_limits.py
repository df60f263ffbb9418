"""Bad input over HTTP is the caller's error, never the server's: malformed JSON, bodies over
the limit (declared or chunked), unknown fields, oversized batches and names, wrong types and
text no store can hold all answer 4xx with a body saying what is wrong (SQLite, and
PostgreSQL when CLEARANCE_TEST_PG_URL is set)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from tests.api_server import ApiServer, server_fixture

TWO_MB = 2_000_000


server = server_fixture("server", "api-limits")


@pytest.fixture(scope="module")
def client(server: ApiServer) -> Iterator[httpx.Client]:
    with server.client("root") as client:
        yield client


def _json_post(client: httpx.Client, path: str, text: str) -> httpx.Response:
    return client.post(path, content=text.encode(), headers={"content-type": "application/json"})


@pytest.mark.parametrize("path", ["/screen", "/decide", "/match/default"])
def test_malformed_json_is_400(client: httpx.Client, path: str) -> None:
    response = _json_post(client, path, '{"parties": [')
    assert response.status_code == 400
    assert response.json()["detail"].startswith("malformed JSON at character")


def test_a_declared_body_over_the_limit_is_413(client: httpx.Client) -> None:
    padding = "x" * TWO_MB
    response = _json_post(client, "/screen", f'{{"parties": [{{"name": "{padding}"}}]}}')
    assert response.status_code == 413 and "1000000 bytes" in response.json()["detail"]


def test_a_chunked_body_over_the_limit_is_413(server: ApiServer) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"parties": [{"name": "'
        for _ in range(TWO_MB // 65536 + 1):
            yield b"y" * 65536
        yield b'"}]}'

    with server.client("root") as client:
        response = client.post(
            "/screen", content=chunks(), headers={"content-type": "application/json"}
        )
    assert response.status_code == 413
    with server.client("root") as client:  # the server goes on serving
        assert client.get("/lists").status_code == 200


def test_unknown_fields_are_422_naming_them(client: httpx.Client) -> None:
    top = client.post("/screen", json={"parties": [{"name": "x"}], "treshold": 0.5})
    assert top.status_code == 422 and top.json()["field"] == "treshold"
    assert "treshold" in top.json()["detail"]
    nested = client.post("/screen", json={"parties": [{"nam": "Ismail Demir"}]})
    assert nested.status_code == 422 and nested.json()["field"] == "parties.0.nam"
    decide = client.post(
        "/decide", json={"context": "payment", "parties": [{"name": "x", "rol": "creditor"}]}
    )
    assert decide.status_code == 422 and decide.json()["field"] == "parties.0.rol"


def test_yente_requests_may_carry_unknown_top_level_keys(client: httpx.Client) -> None:
    body = {
        "queries": {"q": {"schema": "Person", "properties": {"name": ["Ismail Demir"]}}},
        "params": {"anything": True},
        "weights": {"name_literal": 0.5},
    }
    assert client.post("/match/default", json=body).status_code == 200
    wrong_type = {**body, "weights": {"name_literal": "heavy"}}
    assert client.post("/match/default", json=wrong_type).status_code == 422


def test_batches_over_the_limit_are_422_naming_it(client: httpx.Client) -> None:
    parties = [{"name": f"Person {n}"} for n in range(1001)]
    screen = client.post("/screen", json={"parties": parties})
    assert screen.status_code == 422 and "1000" in screen.json()["detail"]
    assert screen.json()["field"] == "parties"
    decide = client.post("/decide", json={"context": "payment", "parties": parties})
    assert decide.status_code == 422 and "1000" in decide.json()["detail"]
    example = {"schema": "Person", "properties": {"name": ["x"]}}
    queries = {f"q{n}": example for n in range(1001)}
    match = client.post("/match/default", json={"queries": queries})
    assert match.status_code == 422 and "1000" in match.json()["detail"]


def test_names_over_1000_characters_are_422(client: httpx.Client) -> None:
    response = client.post("/screen", json={"parties": [{"name": "a" * 1001}]})
    assert response.status_code == 422 and response.json()["field"] == "parties.0.name"
    assert client.post("/screen", json={"parties": [{"name": "a" * 1000}]}).status_code == 200
    search = client.get("/search/default", params={"q": "b" * 1001})
    assert search.status_code == 422


@pytest.mark.parametrize(
    ("method", "path", "payload"),
    [
        ("POST", "/screen", {"parties": "Ismail Demir"}),
        ("POST", "/screen", {"parties": []}),
        ("POST", "/screen", {"parties": [{"name": 42}]}),
        ("POST", "/screen", {"parties": [{"name": "x", "schema": "Planet"}]}),
        ("POST", "/screen", {"parties": [{"name": "x"}], "threshold": "high"}),
        ("POST", "/screen", {"parties": [{"name": "x"}], "limit": 0}),
        ("POST", "/screen", [1, 2, 3]),
        ("POST", "/screen", None),
        ("POST", "/decide", {"context": "payment", "parties": [{"name": "x"}], "amount": "lots"}),
        ("POST", "/decide", {"context": "payment", "parties": [{"name": "x"}], "amount": "NaN"}),
        ("POST", "/decide", {"context": "credit", "parties": [{"name": "x"}], "credit": {}}),
        ("POST", "/decide", {"context": 7, "parties": [{"name": "x"}]}),
        ("POST", "/match/default", {"queries": ["x"]}),
        ("POST", "/match/default", {"queries": {"q": {"properties": {"name": ["x"]}}}}),
        ("GET", "/cases/abc", None),
        ("GET", "/cases/0", None),
        ("GET", "/cases/99999999999999999999999", None),
        ("GET", "/cases/2147483648", None),
        ("GET", "/cases?limit=0", None),
        ("GET", "/cases?status=lost", None),
        ("GET", "/search/default", None),
        ("POST", "/cases/1/disposition", {"disposition": "maybe", "reason": "x"}),
    ],
)
def test_wrong_types_are_4xx(client: httpx.Client, method: str, path: str, payload: object) -> None:
    response = client.request(method, path, json=payload)
    assert 400 <= response.status_code < 500, response.text
    assert "detail" in response.json()


@pytest.mark.parametrize("bad", ["Ismail\u0000Demir", "Ismail \ud800 Demir"])
def test_text_no_store_can_hold_is_422(client: httpx.Client, bad: str) -> None:
    text = '{"parties": [{"id": "C9", "name": NAME}]}'.replace("NAME", _json_string(bad))
    response = _json_post(client, "/screen", text)
    assert response.status_code == 422 and response.json()["field"] == "parties.0.name"
    example = '{"queries": {"q": {"schema": "Person", "properties": {"name": [NAME]}}}}'
    example = example.replace("NAME", _json_string(bad))
    assert _json_post(client, "/match/default", example).status_code == 422
    assert client.get("/search/default", params={"q": "a\u0000b"}).status_code == 422


def _json_string(text: str) -> str:
    """A JSON string literal with every non-ASCII character escaped (a lone surrogate too)."""
    return '"' + "".join(c if " " <= c < "\x7f" else f"\\u{ord(c):04x}" for c in text) + '"'


def test_bad_requests_are_counted_in_the_metrics(client: httpx.Client) -> None:
    text = client.get("/metrics").text
    assert 'route="/screen",status="422"' in text
    assert 'route="/screen",status="400"' in text
    assert 'status="413"' in text
