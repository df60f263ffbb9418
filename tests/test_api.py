"""The HTTP API end to end over a real uvicorn server on the bundled CAATSA sample lists:
yente-compatible matching, screening with cases, decisions, payment messages, lists, health
and metrics (SQLite, and PostgreSQL when CLEARANCE_TEST_PG_URL is set)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from tests.api_server import ApiServer, running, server_fixture

from clearance.api import create_app
from clearance.cases import ClearanceService

DEMIR_EXAMPLE = {
    "schema": "Person",
    "properties": {"name": ["Ismail Demir"], "birthDate": ["1960-04-01"]},
}

PACS008_DEMIR = """<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">
  <FIToFICstmrCdtTrf>
    <GrpHdr>
      <MsgId>API-TEST-1</MsgId>
      <CreDtTm>2020-11-03T09:15:00Z</CreDtTm>
      <NbOfTxs>1</NbOfTxs>
      <SttlmInf><SttlmMtd>INDA</SttlmMtd></SttlmInf>
    </GrpHdr>
    <CdtTrfTxInf>
      <PmtId><EndToEndId>E2E-1</EndToEndId></PmtId>
      <IntrBkSttlmAmt Ccy="USD">50000.00</IntrBkSttlmAmt>
      <ChrgBr>SHAR</ChrgBr>
      <Dbtr><Nm>Hamburg Machine Parts GmbH</Nm></Dbtr>
      <DbtrAgt><FinInstnId><BICFI>DEUTDEFFXXX</BICFI></FinInstnId></DbtrAgt>
      <CdtrAgt><FinInstnId><BICFI>HALKTRISXXX</BICFI></FinInstnId></CdtrAgt>
      <Cdtr><Nm>Anatolia Trading Ltd</Nm></Cdtr>
      <UltmtCdtr><Nm>Ismail DEMIR</Nm></UltmtCdtr>
    </CdtTrfTxInf>
  </FIToFICstmrCdtTrf>
</Document>
"""


server = server_fixture("server", "api")


@pytest.fixture(scope="module")
def screener(server: ApiServer) -> Iterator[httpx.Client]:
    with server.client("gateway") as client:
        yield client


@pytest.fixture(scope="module")
def admin(server: ApiServer) -> Iterator[httpx.Client]:
    with server.client("root") as client:
        yield client


def _match(client: httpx.Client, dataset: str, example: dict, **params: object) -> httpx.Response:
    return client.post(f"/match/{dataset}", json={"queries": {"q1": example}}, params=params)


# --- yente-compatible ---


def test_yente_match_finds_demir_first_with_score_and_features(screener: httpx.Client) -> None:
    response = _match(screener, "default", DEMIR_EXAMPLE)
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"responses", "matcher", "limit"} and body["limit"] == 5
    answer = body["responses"]["q1"]
    assert answer["status"] == 200
    assert answer["query"]["schema"] == "Person"
    assert answer["query"]["properties"]["birthDate"] == ["1960-04-01"]
    top = answer["results"][0]
    assert top["id"] == "ofac-27018" and top["match"] is True
    assert top["score"] >= 0.9 and top["schema"] == "Person"
    assert top["datasets"] == ["ofac-sdn"] and top["target"] is True
    assert top["properties"]["birthDate"] == ["1960-04-01"]
    assert "DEMIR, Ismail" in top["properties"]["name"]
    assert top["features"]["coverage_min"] == 1.0 and top["features"]["birth_date"] > 0
    assert top["lists"] == ["SDN"] and top["explanation"]["name"]["aligned"]
    assert answer["total"] == {"value": len(answer["results"]), "relation": "eq"}
    assert body["matcher"]["threshold"] == 0.7 and "coverage_min" in body["matcher"]["features"]
    assert response.headers["x-batch-size"] == "1"


def test_yente_match_restricted_to_a_dataset(screener: httpx.Client) -> None:
    consolidated = _match(screener, "ofac-cons", DEMIR_EXAMPLE)
    assert consolidated.status_code == 200
    ids = [r["id"] for r in consolidated.json()["responses"]["q1"]["results"]]
    assert "ofac-27018" not in ids
    everything = _match(screener, "sanctions", DEMIR_EXAMPLE).json()
    assert everything["responses"]["q1"]["results"][0]["id"] == "ofac-27018"
    sdn = _match(screener, "ofac-sdn", DEMIR_EXAMPLE).json()
    assert sdn["responses"]["q1"]["results"][0]["id"] == "ofac-27018"
    unknown = _match(screener, "eu-fsf", DEMIR_EXAMPLE)
    assert unknown.status_code == 404 and "eu-fsf" in unknown.json()["detail"]


def test_yente_match_several_names_keep_the_best_score(screener: httpx.Client) -> None:
    example = {
        "schema": "Organization",
        "properties": {
            "name": ["Undersecretariat for Defense Industries", "Presidency of Defence Industries"],
            "country": ["Turkey"],
            "weakAlias": "ignored",
        },
    }
    body = {
        "queries": {"ssb": example, "demir": DEMIR_EXAMPLE, "skipped": None},
        "weights": {"x": 1.0},
    }
    response = screener.post("/match/default", json=body, params={"limit": 3, "explain": False})
    assert response.status_code == 200, response.text
    ssb = response.json()["responses"]["ssb"]["results"]
    assert [r["id"] for r in ssb].count("ofac-27016") == 1
    assert ssb[0]["id"] == "ofac-27016" and ssb[0]["datasets"] == ["ofac-cons"]
    assert ssb[0]["explanation"] is None and len(ssb) <= 3
    assert response.json()["responses"]["demir"]["results"][0]["id"] == "ofac-27018"
    assert set(response.json()["responses"]) == {"ssb", "demir"}


def test_yente_match_threshold_and_cutoff(screener: httpx.Client) -> None:
    strict = _match(screener, "default", DEMIR_EXAMPLE, threshold=0.99, cutoff=0.99).json()
    assert strict["responses"]["q1"]["results"] == []
    lenient = _match(screener, "default", DEMIR_EXAMPLE, threshold=0.99, cutoff=0.5).json()
    top = lenient["responses"]["q1"]["results"][0]
    assert top["id"] == "ofac-27018" and top["match"] is False


def test_yente_match_bad_examples(screener: httpx.Client) -> None:
    unknown = _match(screener, "default", {"schema": "Payment", "properties": {"name": ["x"]}})
    assert unknown.status_code == 400 and "queries.q1" in unknown.json()["detail"]
    assert unknown.json()["field"] == "queries.q1.schema"
    nameless = _match(screener, "default", {"schema": "Person", "properties": {"country": ["tr"]}})
    assert nameless.status_code == 400 and "no name" in nameless.json()["detail"]
    long_name = _match(
        screener, "default", {"schema": "Person", "properties": {"name": "x" * 1001}}
    )
    assert long_name.status_code == 422
    typed = _match(screener, "default", {"schema": "Person", "properties": ["Ismail"]})
    assert typed.status_code == 422 and typed.json()["field"].startswith("queries.q1.properties")
    empty = screener.post("/match/default", json={"queries": {}})
    assert empty.status_code == 400


def test_yente_search_and_entity(screener: httpx.Client) -> None:
    found = screener.get("/search/default", params={"q": "Ismail Demir", "schema": "Person"})
    assert found.status_code == 200
    body = found.json()
    assert body["results"][0]["id"] == "ofac-27018" and body["total"]["value"] >= 1
    assert screener.get("/search/nowhere", params={"q": "x"}).status_code == 404
    entity = screener.get("/entities/ofac-27018")
    assert entity.status_code == 200
    data = entity.json()
    assert data["id"] == "ofac-27018" and data["schema"] == "Person"
    assert data["datasets"] == ["ofac-sdn"] and data["lists"] == ["SDN"]
    codes = {m["code"] for d in data["designations"] for m in d["measures"]}
    assert "CAATSA-235(a)(9)" in codes
    assert any(a["schema"] == "Sanction" for a in data["adjacent"])
    by_reference = screener.get("/entities/27016").json()
    assert by_reference["id"] == "ofac-27016" and by_reference["lists"] == ["NS-MBS"]
    missing = screener.get("/entities/ofac-0")
    assert missing.status_code == 404 and "ofac-0" in missing.json()["detail"]


# --- screening, decisions, payments ---


def test_screen_a_batch_opens_cases_for_customers_only(screener: httpx.Client) -> None:
    parties = [
        {"id": "API-C1", "name": "Ismail Demir", "schema": "Person", "birth_date": "1960-04-01"},
        {"name": "Ismail Demir", "schema": "Person"},
        {"id": "API-C2", "name": "Hamburg Machine Parts GmbH", "schema": "Company"},
    ]
    response = screener.post("/screen", json={"parties": parties, "limit": 3})
    assert response.status_code == 200, response.text
    first, anonymous, clean = response.json()["results"]
    assert first["matches"][0]["entity_id"] == "ofac-27018" and first["matches"][0]["match"]
    assert first["matches"][0]["explanation"]["score"] == first["matches"][0]["score"]
    assert [c["action"] for c in first["cases"]] == ["opened"]
    assert anonymous["matches"] and anonymous["cases"] == []
    assert clean["matches"] == [] and clean["cases"] == []
    again = screener.post("/screen", json={"parties": parties[:1]}).json()
    assert again["results"][0]["cases"][0]["action"] == "joined"
    assert again["results"][0]["cases"][0]["case_id"] == first["cases"][0]["case_id"]
    assert set(again["snapshots"]) == {"ofac-sdn", "ofac-cons"}


def test_screen_rejects_a_bad_birth_date(screener: httpx.Client) -> None:
    response = screener.post(
        "/screen", json={"parties": [{"name": "Ismail Demir", "birth_date": "next tuesday"}]}
    )
    assert response.status_code == 422
    assert response.json()["field"] == "parties.0.birth_date"


def test_decide_the_caatsa_payments(screener: httpx.Client) -> None:
    ssb = screener.post(
        "/decide",
        json={
            "context": "payment",
            "parties": [
                {
                    "name": "Presidency of Defence Industries",
                    "role": "creditor",
                    "schema": "Organization",
                }
            ],
            "amount": "1250000.00",
        },
    )
    assert ssb.status_code == 200, ssb.text
    assert ssb.json()["decision"] == "CLEAR"
    assert any(n["list"] == "NS-MBS" for n in ssb.json()["not_binding"])
    demir = screener.post(
        "/decide",
        json={
            "context": "payment",
            "parties": [
                {
                    "name": "İsmail Demir",
                    "role": "creditor",
                    "schema": "Person",
                    "birth_date": "1960",
                }
            ],
        },
    )
    assert demir.status_code == 200
    decision = demir.json()
    assert decision["decision"] == "BLOCK"
    blocking = [c for c in decision["binding"] if c["verdict"] == "BLOCK"]
    assert blocking and all(c["entity_id"] == "ofac-27018" for c in blocking)
    assert all(c["list"] == "SDN" and c["snapshot_hash"] for c in blocking)
    assert any(c["measure"]["code"] == "CAATSA-235(a)(9)" for c in blocking)


def test_decide_bad_input_is_422(screener: httpx.Client) -> None:
    unknown = screener.post("/decide", json={"context": "barter", "parties": [{"name": "x"}]})
    assert unknown.status_code == 422 and unknown.json()["field"] == "context"
    assert "export-licence" in unknown.json()["detail"]
    blank = screener.post("/decide", json={"context": "payment", "parties": [{"name": "  "}]})
    assert blank.status_code == 422 and blank.json()["field"] == "parties.0"
    negative = screener.post(
        "/decide", json={"context": "payment", "parties": [{"name": "x"}], "amount": -5}
    )
    assert negative.status_code == 422


def test_payment_message_naming_demir_is_blocked(screener: httpx.Client) -> None:
    response = screener.post(
        "/payments", content=PACS008_DEMIR.encode(), headers={"content-type": "application/xml"}
    )
    assert response.status_code == 200, response.text
    decision = response.json()
    assert decision["decision"] == "BLOCK"
    roles = {c["party"]["role"] for c in decision["binding"] if c["entity_id"] == "ofac-27018"}
    assert any("ultimate_creditor" in role for role in roles)


def test_malformed_payment_messages_are_422_with_the_location(screener: httpx.Client) -> None:
    broken = screener.post("/payments", content=PACS008_DEMIR[:600].encode())
    assert broken.status_code == 422
    assert broken.json()["line"] is not None and "line" in broken.json()["detail"]
    mt = "{1:F01TCZBTR2AAXXX0000000000}{2:I103DEUTDEFFXXXXN}{4:\n:20:X\n:32A:notanamount\n-}"
    bad_field = screener.post("/payments", content=mt.encode())
    assert bad_field.status_code == 422 and bad_field.json()["detail"].startswith("message")
    assert screener.post("/payments", content=b"hello").status_code == 422
    assert screener.post("/payments", content=b"").status_code == 422


# --- lists, health, metrics ---


def test_lists_and_diffs(screener: httpx.Client) -> None:
    lists = screener.get("/lists").json()["lists"]
    assert {s["source"] for s in lists} == {"ofac-sdn", "ofac-cons"}
    assert all(s["entity_count"] > 0 and s["current"] for s in lists)
    one_snapshot = screener.get("/lists/ofac-sdn/diff")
    assert one_snapshot.status_code == 409 and "two" in one_snapshot.json()["detail"]
    assert screener.get("/lists/un-sc/diff").status_code == 404


def test_monitor_and_audit_need_admin(screener: httpx.Client, admin: httpx.Client) -> None:
    assert screener.post("/lists/monitor").status_code == 403
    run = admin.post("/lists/monitor")
    assert run.status_code == 200 and "screening" in run.json()
    assert screener.get("/audit/verify").status_code == 403
    verified = admin.get("/audit/verify").json()
    assert verified["ok"] is True and verified["records"] > 0


def test_health_ready_and_metrics(server: ApiServer, screener: httpx.Client) -> None:
    with httpx.Client(base_url=server.url) as anonymous:
        assert anonymous.get("/healthz").json() == {"status": "ok"}
        ready = anonymous.get("/readyz")
        assert ready.status_code == 200 and ready.json()["status"] == "ok"
        assert anonymous.get("/metrics").status_code == 401
    _match(screener, "default", DEMIR_EXAMPLE)
    screener.get("/entities/ofac-0")
    text = screener.get("/metrics").text
    assert (
        'clearance_http_requests_total{method="POST",route="/match/{dataset}",status="200"}' in text
    )
    assert 'route="/entities/{entity_id}",status="404"' in text
    assert 'clearance_http_request_seconds_bucket{le="0.1",method="POST",route="/match' in text
    entities = next(line for line in text.splitlines() if line.startswith("clearance_matcher_ent"))
    assert float(entities.split()[-1]) > 10
    assert 'clearance_cases{status="open"}' in text


def test_readyz_waits_for_the_index_and_metrics_can_be_public(server: ApiServer) -> None:
    fresh = ClearanceService(server.service.store)  # its index is not loaded yet
    app = create_app(fresh, preload=False, metrics_public=True)
    with running(app) as url, httpx.Client(base_url=url) as anonymous:
        starting = anonymous.get("/readyz")
        assert starting.status_code == 503 and "index" in starting.json()["detail"]
        assert "clearance_matcher_entities 0.0" in anonymous.get("/metrics").text
        assert fresh.matcher.index.entities  # loads it (from the saved index)
        assert anonymous.get("/readyz").status_code == 200
        assert anonymous.get("/lists").status_code == 401  # only metrics are public
