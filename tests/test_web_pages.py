"""The analyst pages end to end: a real server (uvicorn on 127.0.0.1) over a real SQLite store
with the bundled sample lists, driven by Debian's Chromium through Playwright.

The main scenario is the four-eyes review of the CAATSA alert on Ismail Demir: the analyst
finds it in the queue, compares both records side by side, proposes a false positive; the
approver confirms it and the case leaves the active queue. Around it: sign-in errors,
redirects without a session, CSRF refusals, the own-proposal rule, lists and dashboard.
Screenshots of the queue, the case and the dashboard go to tests/artifacts/.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from playwright.sync_api import Browser, Page, sync_playwright
from tests.conftest import free_port

from clearance.cases import ClearanceService, Customer, Role
from clearance.cases.statistics import opened_per_day
from clearance.cli.demo import sample_dir, sample_list_paths
from clearance.matching import Query
from clearance.sources import open_list
from clearance.store import Store
from clearance.web import build_router

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
ANALYST, ANALYST_PASSWORD = "alice", "alice-password-1"
APPROVER, APPROVER_PASSWORD = "bob", "bob-password-22"
DEMIR = Query(name="Ismail Demir", schema="Person", id="C1", birth_date="1960-04-01")
PDI = Query(name="Presidency of Defence Industries", schema="Organization", id="C2")
YIGIT = Query(name="Faruk Yigit", schema="Person", id="C3")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)",
)


@dataclass
class Site:
    url: str
    service: ClearanceService
    cases: dict[str, int]  # customer id -> case id


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    home = tmp_path_factory.mktemp("web")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CLEARANCE_HOME", str(home))
        store = Store(str(home / "clearance.db"))
        service = ClearanceService(store)
        admin_key, _ = service.principals.create_key(Role.ADMIN, "root")
        admin = service.principals.authenticate(admin_key)
        assert admin is not None
        # An older SDN snapshot without its first three entries, then the full one: a diff.
        older = home / "older"
        shutil.copytree(sample_dir(), older)
        rows = (older / "sdn.csv").read_text().splitlines(keepends=True)
        (older / "sdn.csv").write_text("".join(rows[3:]))
        service.load_lists(admin, [open_list(older / "sdn.csv")])
        service.load_lists(admin, [open_list(p) for p in sample_list_paths()])
        service.book.load([Customer("C1", DEMIR, {"segment": "corporate banking"})])
        service.principals.create_user(ANALYST, Role.ANALYST, ANALYST_PASSWORD)
        service.principals.create_user(APPROVER, Role.APPROVER, APPROVER_PASSWORD)
        gateway_key, _ = service.principals.create_key(Role.SCREENER, "gateway")
        gateway = service.principals.authenticate(gateway_key)
        assert gateway is not None
        answers = service.screen(gateway, [DEMIR, PDI, YIGIT])
        cases = {o.customer_id: o.case_id for _, outcomes in answers for o in outcomes}
        assert set(cases) == {"C1", "C2", "C3"}

        app = FastAPI()
        app.state.service = service
        app.include_router(build_router(lambda: service, secret=b"test-secret"))
        port = free_port()
        server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 15
        while not server.started:
            assert time.monotonic() < deadline, "the test server did not start"
            time.sleep(0.02)
        try:
            yield Site(f"http://127.0.0.1:{port}", service, cases)
        finally:
            server.should_exit = True
            thread.join(timeout=10)
            store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, site: Site) -> Iterator[Page]:
    context = browser.new_context(base_url=site.url, viewport={"width": 1360, "height": 900})
    outside: list[str] = []
    context.on(
        "request",
        lambda request: None if request.url.startswith(site.url) else outside.append(request.url),
    )
    page = context.new_page()
    yield page
    context.close()
    assert outside == [], f"the pages fetched something from elsewhere: {outside}"


def sign_in(page: Page, name: str, password: str) -> None:
    page.fill("#name", name)
    page.fill("#password", password)
    page.click("form.stacked button[type=submit]")
    page.wait_for_load_state()


def queue_case_ids(page: Page) -> list[int]:
    return [
        int(text.lstrip("#"))
        for text in page.locator("table.queue tbody td:first-child").all_inner_texts()
    ]


def session_client(page: Page, site: Site) -> httpx.Client:
    """An HTTP client carrying the browser's session cookie (for requests a form cannot make)."""
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    return httpx.Client(base_url=site.url, cookies=cookies, follow_redirects=False)


def test_four_eyes_review_of_the_demir_alert(page: Page, site: Site) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    demir = site.cases["C1"]

    # Not signed in: the queue sends us to the sign-in page, which brings us back.
    page.goto("/ui/")
    assert page.url.startswith(f"{site.url}/ui/login?next=")
    sign_in(page, ANALYST, ANALYST_PASSWORD)
    assert page.url == f"{site.url}/ui/"
    assert page.inner_text("header .user") == ANALYST
    assert page.text_content("header .role") == "analyst"

    # The queue: three active cases, highest score first.
    assert sorted(queue_case_ids(page)) == sorted(site.cases.values())
    scores = [float(s) for s in page.locator("table.queue td.score").all_inner_texts()]
    assert scores == sorted(scores, reverse=True) and all(s >= 0.7 for s in scores)
    assert "Cases 1–3 of 3" in page.inner_text("p.summary")
    page.screenshot(path=str(ARTIFACTS / "queue.png"), full_page=True)

    # Filters: free text, list and minimum score.
    page.fill("input[name=q]", "demir")
    page.select_option("select[name=list]", "SDN")
    page.fill("input[name=min_score]", "0.9")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    assert "q=demir" in page.url and "list=SDN" in page.url
    assert queue_case_ids(page) == [demir]
    assert "DEMIR, Ismail" in page.inner_text("table.queue")
    page.fill("input[name=min_score]", "0.999")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    assert queue_case_ids(page) == []
    assert "No cases match" in page.inner_text("p.summary")
    page.goto("/ui/?list=NS-MBS")
    assert queue_case_ids(page) == [site.cases["C2"]]  # the consolidated (menu-based) list

    # The case: both records side by side, matched name parts marked.
    page.goto("/ui/?q=demir")
    page.click(f"a[href='/ui/cases/{demir}'] >> nth=0")
    page.wait_for_load_state()
    assert page.url == f"{site.url}/ui/cases/{demir}"
    headers = page.locator("table.side-by-side thead th").all_inner_texts()
    assert any(h.startswith("Customer") and "C1" in h for h in headers)
    assert any(h.startswith("Listed entity") and "ofac-27018" in h for h in headers)
    name_row = page.locator("table.side-by-side tbody tr", has_text="Name").first
    customer_cell, listed_cell = name_row.locator("td").all()
    assert sorted(customer_cell.locator("mark").all_inner_texts()) == ["Demir", "Ismail"]
    assert sorted(listed_cell.locator("mark").all_inner_texts()) == ["DEMIR", "Ismail"]
    birth_row = page.locator("table.side-by-side tbody tr", has_text="Birth date").inner_text()
    assert birth_row.count("1960-04-01") == 2  # the customer's and the listed one
    records = page.inner_text("table.side-by-side")
    assert "Turkish Identification Number: 37435275130 (TR)" in records
    assert "corporate banking" in records  # a pass-through column of the customer book
    measures = page.inner_text("table.measures")
    assert "CAATSA-235(a)(9)" in measures and "BLOCKING PROPERTY" in measures
    assert "CAATSA - RUSSIA" in measures
    features = page.inner_text("table.features")
    assert "coverage min" in features and "birth date" in features and "same day" in features
    assert "+2.443" in features  # the 'weakest' feature's weight and contribution
    assert page.locator("p.names-compared mark").count() == 4
    assert "opened" in page.inner_text("table.history")
    assert page.locator("#approve-form").count() == 0  # an analyst does not approve
    page.screenshot(path=str(ARTIFACTS / "case.png"), full_page=True)

    # A disposition without a reason comes back as a message from the service, not an error.
    page.check("input[value=false_positive]")
    page.fill("#reason", "   ")
    page.click("#dispose-form button[type=submit]")
    page.wait_for_load_state()
    assert "a disposition needs a reason" in page.inner_text(".flash-error")

    # Propose a false positive with an allow-list entry.
    page.check("input[value=false_positive]")
    page.fill("#reason", "Customer is a namesake: different father's name on file")
    page.check("input[name=allow]")
    page.click("#dispose-form button[type=submit]")
    page.wait_for_load_state()
    assert "pending approval" in page.inner_text(".flash-ok")
    assert page.inner_text(".page-head .status") == "pending approval"
    assert "You proposed this disposition" in page.inner_text(".case-actions")
    assert page.locator("#approve-form").count() == 0
    assert page.locator("#dispose-form").count() == 0
    assert site.service.cases.get(demir)["status"] == "pending"

    page.click("header button:has-text('Sign out')")
    page.wait_for_load_state()
    assert page.url == f"{site.url}/ui/login"
    assert "Signed out" in page.inner_text(".flash-ok")

    # The approver goes straight to the case (through the sign-in page) and approves it.
    page.goto(f"/ui/cases/{demir}")
    assert "/ui/login?next=" in page.url
    sign_in(page, APPROVER, APPROVER_PASSWORD)
    assert page.url == f"{site.url}/ui/cases/{demir}"
    assert page.text_content("header .role") == "approver"
    assert "false positive proposed by alice" in page.inner_text(".proposal")
    page.fill("#note", "Checked against the onboarding file")
    page.click("#approve-form button[type=submit]")
    page.wait_for_load_state()
    assert "Approved: the case is now closed" in page.inner_text(".flash-ok")
    assert page.inner_text(".page-head .status") == "closed"
    assert "allow-listed" in page.inner_text(".page-head")
    history = page.inner_text("table.history")
    assert "proposed" in history and "approved" in history and "onboarding file" in history

    # It has left the active queue and shows among the closed ones.
    page.goto("/ui/")
    assert demir not in queue_case_ids(page) and len(queue_case_ids(page)) == 2
    page.goto("/ui/?status=closed")
    assert queue_case_ids(page) == [demir]

    # The dashboard charts what happened: three opened today, two still active.
    page.goto("/ui/dashboard")
    charts = page.locator("svg.chart")
    assert charts.count() == 3
    volume = charts.nth(0)
    assert volume.locator("rect.bar").count() == 30
    assert volume.locator("rect.bar").last.get_attribute("data-value") == "3"
    active = charts.nth(1).locator("rect.bar")
    assert sum(int(active.nth(i).get_attribute("data-value")) for i in range(active.count())) == 2
    labels = page.locator("table.status-counts th").all_inner_texts()
    values = [int(v) for v in page.locator("table.status-counts td").all_inner_texts()]
    assert dict(zip(labels, values, strict=True)) == {
        "open": 2,
        "pending": 0,
        "escalated": 0,
        "closed": 1,
        "opened, last 30 days": 3,
    }
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)


def test_wrong_password_shows_the_form_again_with_401(page: Page, site: Site) -> None:
    page.goto("/ui/login")
    with page.expect_response(
        lambda r: r.url.endswith("/ui/login") and r.request.method == "POST"
    ) as answer:
        sign_in(page, ANALYST, "not-the-password")
    assert answer.value.status == 401
    assert "Wrong user name or password" in page.inner_text(".flash-error")
    assert page.input_value("#name") == ANALYST
    assert all(c["name"] != "clearance_session" for c in page.context.cookies())
    sign_in(page, ANALYST, ANALYST_PASSWORD)  # the same form still works
    assert page.url == f"{site.url}/ui/"
    [session] = [c for c in page.context.cookies() if c["name"] == "clearance_session"]
    assert session["httpOnly"] and session["sameSite"] == "Strict" and session["path"] == "/ui"


def test_pages_without_a_session_redirect_to_sign_in(page: Page, site: Site) -> None:
    with httpx.Client(base_url=site.url, follow_redirects=False) as client:
        for path in ("/ui/", "/ui/cases/1", "/ui/lists", "/ui/dashboard?x=1"):
            answer = client.get(path)
            assert answer.status_code == 303, path
            assert answer.headers["location"].startswith("/ui/login?next=%2Fui%2F"), path
        posted = client.post("/ui/cases/1/approve", data={"note": "x"})
        assert posted.status_code == 303 and posted.headers["location"].startswith("/ui/login")
        assert client.get("/ui").headers["location"] == "/ui/"
        assert client.get("/ui/static/clearance.css").status_code == 200  # no session needed
        assert client.get("/ui/static/..%2Fsession.py").status_code == 404
    with httpx.Client(
        base_url=site.url, cookies={"clearance_session": "not-a-session"}, follow_redirects=False
    ) as forged:
        assert forged.get("/ui/").status_code == 303
    page.goto("/ui/dashboard")
    assert page.url == f"{site.url}/ui/login?next=%2Fui%2Fdashboard"
    sign_in(page, ANALYST, ANALYST_PASSWORD)
    assert page.url == f"{site.url}/ui/dashboard"
    page.goto("/ui/login?next=https://elsewhere.example/")  # signed in: no open redirect
    assert page.url == f"{site.url}/ui/"


def test_posts_without_the_csrf_token_are_refused(page: Page, site: Site) -> None:
    pdi = site.cases["C2"]
    with httpx.Client(base_url=site.url, follow_redirects=False) as client:
        no_nonce = client.post(
            "/ui/login", data={"name": ANALYST, "password": ANALYST_PASSWORD, "csrf": "x"}
        )
        assert no_nonce.status_code == 403 and "clearance_session" not in no_nonce.cookies
    page.goto("/ui/login")
    sign_in(page, ANALYST, ANALYST_PASSWORD)
    page.goto(f"/ui/cases/{pdi}")
    token = page.input_value("#dispose-form input[name=csrf]")
    assert token == page.input_value("header input[name=csrf]")
    form = {"disposition": "false_positive", "reason": "forged"}
    with session_client(page, site) as client:
        missing = client.post(f"/ui/cases/{pdi}/dispose", data=form)
        assert missing.status_code == 403
        assert "did not come from a page of this site" in missing.text
        wrong = client.post(f"/ui/cases/{pdi}/dispose", data={**form, "csrf": "0" * 64})
        assert wrong.status_code == 403
        assert client.post("/ui/logout").status_code == 403
        assert site.service.cases.get(pdi)["status"] == "open"  # nothing happened
        assert client.get("/ui/").status_code == 200  # and the session still works
        # The same request with the page's token goes through (then we send it back).
        done = client.post(f"/ui/cases/{pdi}/dispose", data={**form, "csrf": token})
        assert done.status_code == 303 and done.headers["location"] == f"/ui/cases/{pdi}"
    assert site.service.cases.get(pdi)["status"] == "pending"
    bob_session = site.service.principals.login(APPROVER, APPROVER_PASSWORD)
    bob = site.service.principals.session(bob_session) if bob_session else None
    assert bob is not None
    site.service.cases.reject(pdi, bob, "test over: forged-looking reason")
    assert site.service.cases.get(pdi)["status"] == "open"


def test_a_proposer_never_sees_the_approve_form(page: Page, site: Site) -> None:
    yigit = site.cases["C3"]
    page.goto(f"/ui/cases/{yigit}")
    sign_in(page, APPROVER, APPROVER_PASSWORD)
    page.check("input[value=escalate]")
    page.fill("#reason", "Same surname and given name; needs the customer's birth date")
    page.click("#dispose-form button[type=submit]")
    page.wait_for_load_state()
    actions = page.inner_text(".case-actions")
    assert "You proposed this disposition: a second user" in actions
    assert page.locator("#approve-form").count() == 0
    assert page.locator("#reject-form").count() == 0
    # Forcing the approval anyway: the service refuses and the page says why (no 500).
    token = page.input_value("header input[name=csrf]")
    with session_client(page, site) as client:
        forced = client.post(f"/ui/cases/{yigit}/approve", data={"csrf": token})
        assert forced.status_code == 303
        shown = client.get(forced.headers["location"])  # the flash cookie came with the 303
    assert shown.status_code == 200
    assert "a second user must approve it" in shown.text
    assert site.service.cases.get(yigit)["status"] == "pending"
    # The analyst sees the proposal but no approve form either (wrong role).
    page.click("header button:has-text('Sign out')")
    page.wait_for_load_state()
    page.goto(f"/ui/cases/{yigit}")
    sign_in(page, ANALYST, ANALYST_PASSWORD)
    assert "escalate proposed by bob" in page.inner_text(".proposal")
    assert page.locator("#approve-form").count() == 0
    assert "Awaiting review" in page.inner_text(".case-actions")


def test_lists_page_shows_snapshots_and_the_latest_diff(page: Page, site: Site) -> None:
    page.goto("/ui/lists")
    sign_in(page, ANALYST, ANALYST_PASSWORD)
    assert page.url == f"{site.url}/ui/lists"
    current = {s.source: s for s in site.service.store.current()}
    table = page.inner_text("table.lists")
    for source, snapshot in current.items():
        row = page.locator("table.lists tbody tr", has_text=source).inner_text()
        assert str(snapshot.entity_count) in row and snapshot.content_hash[:12] in row
    assert "ofac-sdn" in table and "ofac-cons" in table
    sdn = page.inner_text("#diff-ofac-sdn")
    assert "3 added" in sdn and "0 removed" in sdn and "0 changed" in sdn
    assert "BANCO NACIONAL DE CUBA" in sdn and "ofac-306" in sdn
    assert "nothing to compare yet" in page.inner_text("#diff-ofac-cons")


def test_opened_per_day_counts_utc_days(site: Site) -> None:
    today = datetime.now(UTC).date()
    series = opened_per_day(site.service.store.engine, days=30, today=today)
    assert len(series) == 30 and series[-1] == (today, 3) and series[0][0] == today - timedelta(29)
    tomorrow = opened_per_day(site.service.store.engine, days=7, today=today + timedelta(1))
    assert [count for _, count in tomorrow] == [0, 0, 0, 0, 0, 3, 0]


def test_a_screener_may_not_read_cases(page: Page, site: Site) -> None:
    if site.service.principals.user("scout") is None:
        site.service.principals.create_user("scout", Role.SCREENER, "scout-password-3")
    page.goto("/ui/login")
    with page.expect_response(lambda r: r.url.endswith("/ui/")) as answer:
        sign_in(page, "scout", "scout-password-3")
    assert answer.value.status == 403
    assert "Your role (screener) may not read cases" in page.inner_text("main")
    page.goto("/ui/lists")  # but may read the lists
    assert page.locator("table.lists").count() == 1


def test_queue_pages_keep_their_filters_and_bad_filters_are_explained(
    page: Page, site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clearance.web import router

    monkeypatch.setattr(router, "PAGE_SIZE", 1)
    page.goto("/ui/?status=all&q=i")
    sign_in(page, ANALYST, ANALYST_PASSWORD)
    everything, _ = site.service.cases.queue(status=None, search="i")  # best first
    seen = []
    for number in range(1, len(everything) + 1):
        assert f"Page {number} of {len(everything)}" in page.inner_text("nav.pager")
        seen.extend(queue_case_ids(page))
        if number < len(everything):
            page.click("nav.pager a[rel=next]")
            page.wait_for_load_state()
            assert "status=all" in page.url and "q=i" in page.url
    assert seen == [c["id"] for c in everything] and len(seen) == 3
    page.goto("/ui/?status=bogus&min_score=abc&list=NOPE")
    problems = page.locator(".flash-error").all_inner_texts()
    assert len(problems) == 3 and "Minimum score must be a number" in problems[1]
    assert page.input_value("select[name=status]") == "active"
    assert page.locator("table.queue tbody tr").count() >= 1  # the filters were ignored
