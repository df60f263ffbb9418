"""Cases end to end on the bundled CAATSA sample: alerts open cases, four-eyes dispositions,
the allow-list and its lapse, roles, and the audit trail of it all (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.conftest import fresh_store_url

from clearance.cases import (
    CaseNotFound,
    ClearanceService,
    Disposition,
    Forbidden,
    Principal,
    Role,
    WorkflowError,
)
from clearance.cli.demo import sample_list_paths
from clearance.enforcement.decide import Party
from clearance.enforcement.measures import Context
from clearance.matching import Query
from clearance.sources import open_list
from clearance.store import Store

DEMIR = Query(name="Ismail Demir", schema="Person", id="C1", birth_date="1960-04-01")


@pytest.fixture(params=["sqlite", "postgresql"])
def service(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[ClearanceService]:
    monkeypatch.setenv("CLEARANCE_HOME", str(tmp_path))
    store = Store(fresh_store_url(request.param, tmp_path))
    service = ClearanceService(store)
    admin = _principal(service, Role.ADMIN, "root")
    service.load_lists(admin, [open_list(p) for p in sample_list_paths()])
    yield service
    store.close()


def _principal(service: ClearanceService, role: Role, name: str) -> Principal:
    secret, _ = service.principals.create_key(role, name)
    principal = service.principals.authenticate(secret)
    assert principal is not None and principal.role is role
    return principal


def test_an_alert_opens_one_case_per_customer_and_entity(service: ClearanceService) -> None:
    screener = _principal(service, Role.SCREENER, "gateway")
    [(matches, outcomes)] = service.screen(screener, [DEMIR])
    assert matches[0].entity_id == "ofac-27018" and matches[0].match
    assert [o.action for o in outcomes] == ["opened"]
    [(_, again)] = service.screen(screener, [DEMIR])
    assert [o.action for o in again] == ["joined"]
    assert again[0].case_id == outcomes[0].case_id
    case = service.cases.get(outcomes[0].case_id)
    assert case["alert_count"] == 2 and case["status"] == "open"
    assert case["customer_id"] == "C1" and "SDN" in case["lists"]
    anonymous = Query(name="Ismail Demir", schema="Person")  # no customer id: no case
    [(found, none)] = service.screen(screener, [anonymous])
    assert found and none == []


def test_four_eyes_false_positive_with_allow_list(service: ClearanceService) -> None:
    screener = _principal(service, Role.SCREENER, "gateway")
    alice = _principal(service, Role.ANALYST, "alice")
    bob = _principal(service, Role.APPROVER, "bob")
    carol = _principal(service, Role.APPROVER, "carol")
    [(_, [opened])] = service.screen(screener, [DEMIR])
    case_id = opened.case_id
    assert case_id is not None
    with pytest.raises(Forbidden):
        service.cases.propose(case_id, screener, Disposition.FALSE_POSITIVE, "not him")
    with pytest.raises(WorkflowError, match="reason"):
        service.cases.propose(case_id, alice, Disposition.FALSE_POSITIVE, "  ")
    pending = service.cases.propose(
        case_id, alice, Disposition.FALSE_POSITIVE, "customer born 1990, passport differs", True
    )
    assert pending["status"] == "pending" and pending["proposal"]["by"] == "alice"
    with pytest.raises(Forbidden):
        service.cases.approve(case_id, alice)  # an analyst is not an approver
    # An approver who proposes cannot approve their own proposal.
    service.cases.reject(case_id, bob, "check the passport first")
    assert service.cases.get(case_id)["status"] == "open"
    service.cases.propose(case_id, bob, Disposition.FALSE_POSITIVE, "passport checked", True)
    with pytest.raises(WorkflowError, match="second user"):
        service.cases.approve(case_id, bob)
    closed = service.cases.approve(case_id, carol, "agreed")
    assert closed["status"] == "closed" and closed["disposition"] == "false_positive"
    assert closed["allow_listed"]
    assert [e["kind"] for e in closed["events"]] == [
        "opened",
        "proposed",
        "rejected",
        "proposed",
        "approved",
    ]
    with pytest.raises(WorkflowError):
        service.cases.approve(case_id, carol)  # nothing pending any more
    # The same alert is now suppressed; a changed customer record re-opens the case.
    [(_, [suppressed])] = service.screen(screener, [DEMIR])
    assert suppressed.action == "suppressed"
    moved = Query(name="Ismail Demir", schema="Person", id="C1", birth_date="1960-04-02")
    [(_, [reopened])] = service.screen(screener, [moved])
    assert reopened.action == "reopened" and reopened.case_id == case_id
    case = service.cases.get(case_id)
    assert case["status"] == "open" and not case["allow_listed"]
    assert "customer's record changed" in case["events"][-1]["reason"]


def test_true_match_and_escalation(service: ClearanceService) -> None:
    screener = _principal(service, Role.SCREENER, "gateway")
    alice = _principal(service, Role.ANALYST, "alice")
    bob = _principal(service, Role.APPROVER, "bob")
    [(_, [opened])] = service.screen(screener, [DEMIR])
    case_id = opened.case_id
    assert case_id is not None
    with pytest.raises(WorkflowError, match="allow-list"):
        service.cases.propose(case_id, alice, Disposition.TRUE_MATCH, "same person", True)
    service.cases.propose(case_id, alice, Disposition.ESCALATE, "needs the MLRO")
    assert service.cases.approve(case_id, bob)["status"] == "escalated"
    service.cases.propose(case_id, alice, Disposition.TRUE_MATCH, "MLRO confirmed identity")
    done = service.cases.approve(case_id, bob)
    assert done["status"] == "closed" and done["disposition"] == "true_match"
    # A closed true match is not re-opened by the same alert.
    [(_, [joined])] = service.screen(screener, [DEMIR])
    assert joined.action == "joined"
    assert service.cases.get(case_id)["status"] == "closed"
    with pytest.raises(CaseNotFound):
        service.cases.get(999_999)


def test_queue_filters(service: ClearanceService) -> None:
    screener = _principal(service, Role.SCREENER, "gateway")
    service.screen(
        screener,
        [
            DEMIR,
            Query(name="Presidency of Defence Industries", schema="Organization", id="C2"),
        ],
    )
    rows, total = service.cases.queue()
    assert total == 2 and rows[0]["score"] >= rows[1]["score"]
    rows, total = service.cases.queue(list_name="NS-MBS")
    assert total == 1 and rows[0]["entity_id"] == "ofac-27016"
    rows, total = service.cases.queue(search="demir")
    assert total == 1 and rows[0]["customer_id"] == "C1"
    assert service.cases.queue(status="closed")[1] == 0
    assert service.cases.counts()["open"] == 2


def test_everything_is_audited_and_a_decision_replays(service: ClearanceService) -> None:
    screener = _principal(service, Role.SCREENER, "gateway")
    alice = _principal(service, Role.ANALYST, "alice")
    bob = _principal(service, Role.APPROVER, "bob")
    admin = _principal(service, Role.ADMIN, "auditor")
    [(_, [opened])] = service.screen(screener, [DEMIR])
    assert opened.case_id is not None
    service.cases.propose(opened.case_id, alice, Disposition.TRUE_MATCH, "same person")
    service.cases.approve(opened.case_id, bob)
    decision = service.decide(
        screener, Context.PAYMENT, [Party("İsmail Demir", "creditor", "Person", "1960")]
    )
    assert decision.verdict.value == "BLOCK"
    actions = [r.action for r in service.audit.records()]
    for expected in ("lists.load", "key.create", "screen", "case.propose", "case.approve"):
        assert expected in actions
    assert actions[-1] == "decide"
    last = list(service.audit.records())[-1]
    assert last.actor == "gateway" and set(last.payload["snapshots"]) == {"ofac-sdn", "ofac-cons"}
    assert service.audit.verify().ok
    replay = service.replay(admin, last.seq)
    assert replay["same"] and replay["replayed"]["decision"] == "BLOCK"
    with pytest.raises(Forbidden):
        service.replay(screener, last.seq)


def test_a_new_alias_on_the_list_reopens_an_allow_listed_case(
    service: ClearanceService, tmp_path: Path
) -> None:
    import shutil

    from clearance.cases.book import Customer
    from clearance.cli.demo import sample_dir

    admin = _principal(service, Role.ADMIN, "lists-admin")
    alice = _principal(service, Role.ANALYST, "alice")
    bob = _principal(service, Role.APPROVER, "bob")
    service.book.load([Customer("C1", DEMIR, {})])
    first = service.monitor(admin, workers=1)
    [case_id] = first.screening.cases
    service.cases.propose(case_id, alice, Disposition.FALSE_POSITIVE, "other person", True)
    service.cases.approve(case_id, bob)
    assert service.cases.get(case_id)["allow_listed"]
    # The same list again, with one more alias for DEMIR: the entity's record changed.
    folder = tmp_path / "sdn-next"
    folder.mkdir()
    for name in ("sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"):
        shutil.copy(sample_dir() / name, folder / name)
    aliases = (folder / "alt.csv").read_bytes().rstrip(b"\x1a")  # OFAC's end-of-file byte
    alias = b'27018,99001,"aka","DEMIR, Ismail Hakki",-0- \r\n'
    (folder / "alt.csv").write_bytes(aliases + alias + b"\x1a")
    service.load_lists(admin, [open_list(folder / "sdn.csv")], monitor_after=False)
    run = service.monitor(admin, workers=1)
    assert not run.full and run.changed == 1
    assert run.screening.outcomes.get("reopened") == 1
    case = service.cases.get(case_id)
    assert case["status"] == "open" and not case["allow_listed"]
    assert "listed entity's record changed" in case["events"][-1]["reason"]
