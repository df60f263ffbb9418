"""The OpenAPI schema is valid and documents every route, and property-based requests drawn
from it (schemathesis, valid and invalid inputs, with an admin key) never get a 5xx
(SQLite, and PostgreSQL when CLEARANCE_TEST_PG_URL is set)."""

from __future__ import annotations

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from tests.api_server import ApiServer, server_fixture

EXAMPLES_PER_OPERATION = 12


api = server_fixture("api", "api-schema")


@pytest.fixture(scope="module")
def api_schema(api: ApiServer) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_url(f"{api.url}/openapi.json", headers=api.headers("root"))


def test_the_openapi_document_needs_a_key(api: ApiServer) -> None:
    assert httpx.get(f"{api.url}/openapi.json").status_code == 401
    served = httpx.get(f"{api.url}/openapi.json", headers=api.headers("root"))
    assert served.status_code == 200 and served.json()["info"]["title"] == "Clearance"


def test_openapi_documents_every_route_with_auth_and_examples(api: ApiServer) -> None:
    document = api.app.openapi()
    assert document["openapi"].startswith("3.")
    assert document["components"]["securitySchemes"]["ApiKey"] == {
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
        "description": "`ApiKey <key>` or `Bearer <key>` (keys: `clearance keys create`).",
    }
    paths = document["paths"]
    for path in ("/match/{dataset}", "/screen", "/decide", "/payments", "/cases/{case_id}"):
        assert path in paths
    assert "security" not in paths["/healthz"]["get"]
    assert paths["/screen"]["post"]["security"] == [{"ApiKey": []}]
    schemas = document["components"]["schemas"]
    assert schemas["MatchRequest"]["title"] == "EntityMatchQuery"
    assert schemas["MatchRequest"]["examples"][0]["queries"]["q1"]["schema"] == "Person"
    assert schemas["ScreenRequest"]["additionalProperties"] is False
    assert "application/xml" in paths["/payments"]["post"]["requestBody"]["content"]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_server_errors(
    api: ApiServer, api_schema: schemathesis.BaseSchema, mode: GenerationMode
) -> None:
    """Every operation, fed examples drawn from its schema (valid ones, then invalid ones)."""
    headers = api.headers("root")
    failures: dict[str, str] = {}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    documented = api.app.openapi()["paths"].values()
    assert len(operations) == sum(len(methods) for methods in documented) >= 19

    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            phases=[Phase.explicit, Phase.generate, Phase.shrink],
            suppress_health_check=list(HealthCheck),
        )
        def no_server_error(case: schemathesis.Case) -> None:
            case.call_and_validate(base_url=api.url, headers=headers, checks=[not_a_server_error])

        try:
            no_server_error()
        except Unsatisfiable:  # no parameters and no body: nothing to make invalid
            assert mode is GenerationMode.NEGATIVE and not operation.body
        except Exception as exc:  # collect every operation's failure, then report them all
            failures[operation.label] = f"{type(exc).__name__}: {exc}"[:2000]
    assert not failures, "\n\n".join(f"{label}\n{text}" for label, text in failures.items())
    with api.client("root") as client:  # the requests were authenticated and got answers
        metrics = client.get("/metrics").text
    answered = {
        line.split("status=")[1][1:4]
        for line in metrics.splitlines()
        if line.startswith("clearance_http_requests_total{") and 'route="/screen"' in line
    }
    assert ("200" if mode is GenerationMode.POSITIVE else "422") in answered
