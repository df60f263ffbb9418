"""Small parts of the analyst pages: name highlighting, CSRF tokens, redirect targets, flash
messages, score bands, display filters and autoescaping of the real templates."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from clearance.cases.principals import Principal
from clearance.cases.roles import Role
from clearance.cases.statistics import score_bands
from clearance.web.highlight import aligned_tokens, highlight
from clearance.web.render import make_environment, signed, when, words
from clearance.web.session import (
    SECRET_ENV,
    CsrfTokens,
    decode_flash,
    encode_flash,
    safe_next,
    server_secret,
)

EXPLANATION = {
    "name": {
        "aligned": [
            {"query": "ismail", "name": "ismail", "similarity": 1.0, "how": "exact"},
            {"query": "demir", "name": "demir", "similarity": 1.0, "how": "exact"},
            {"query": "abu bakr", "name": "abubakr", "similarity": 0.97, "how": "compound"},
        ]
    }
}


def test_aligned_tokens_of_each_side() -> None:
    assert aligned_tokens(EXPLANATION, "query") == {"ismail", "demir", "abu", "bakr"}
    assert aligned_tokens(EXPLANATION, "name") == {"ismail", "demir", "abubakr"}
    assert aligned_tokens({}, "query") == set()
    assert aligned_tokens({"name": {"aligned": "garbage"}}, "name") == set()


def test_highlight_marks_the_published_words_of_aligned_tokens() -> None:
    tokens = aligned_tokens(EXPLANATION, "name")
    assert str(highlight("DEMIR, Ismail", tokens)) == "<mark>DEMIR</mark>, <mark>Ismail</mark>"
    assert str(highlight("İsmail Demirtaş", tokens)) == "<mark>İsmail</mark> Demirtaş"
    assert str(highlight("Abu Bakr", aligned_tokens(EXPLANATION, "query"))) == (
        "<mark>Abu</mark> <mark>Bakr</mark>"
    )


def test_highlight_follows_spelling_classes_and_scripts() -> None:
    marked = highlight("Presidency of Defence Industries", ["presidency", "defense"])
    assert str(marked) == "<mark>Presidency</mark> of <mark>Defence</mark> Industries"
    assert str(highlight("Mohammed Ali", ["muhammad"])) == "<mark>Mohammed</mark> Ali"
    assert str(highlight("ПУТИН Владимир", ["putin"])) == "<mark>ПУТИН</mark> Владимир"


def test_highlight_escapes_everything_else() -> None:
    marked = highlight('<img src=x onerror="demir()"> Demir & co', ["demir"])
    assert "<img" not in marked and "&lt;img" in marked and "&amp; co" in marked
    assert "<mark>Demir</mark>" in marked
    assert str(highlight("<b>x</b>", [])) == "&lt;b&gt;x&lt;/b&gt;"


def test_csrf_tokens_are_bound_to_the_session_and_the_secret() -> None:
    tokens = CsrfTokens(b"secret-one")
    token = tokens.for_session("session-a")
    assert tokens.valid_for_session("session-a", token)
    assert not tokens.valid_for_session("session-b", token)
    assert not tokens.valid_for_session("session-a", "")
    assert not CsrfTokens(b"secret-two").valid_for_session("session-a", token)
    login = tokens.for_login("nonce")
    assert tokens.valid_for_login("nonce", login)
    assert not tokens.valid_for_login("", tokens.for_login(""))  # no cookie, no login
    assert not tokens.valid_for_session("nonce", login)  # purposes do not mix


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/ui/cases/3", "/ui/cases/3"),
        ("/ui/?status=closed&q=x", "/ui/?status=closed&q=x"),
        ("https://elsewhere.example/ui/", "/ui/"),
        ("//elsewhere.example/ui", "/ui/"),
        ("/ui\\..\\x", "/ui/"),
        ("/api/keys", "/ui/"),
        ("/ui/login?next=/ui/", "/ui/"),
        ("", "/ui/"),
        (None, "/ui/"),
    ],
)
def test_only_local_pages_are_redirect_targets(target: str | None, expected: str) -> None:
    assert safe_next(target) == expected


def test_flash_messages_round_trip_and_reject_tampering() -> None:
    value = encode_flash("error", "case 3: a second user must approve it ✓")
    assert decode_flash(value) == {
        "kind": "error",
        "text": "case 3: a second user must approve it ✓",
    }
    assert decode_flash(encode_flash("script", "x")) is None
    assert decode_flash("%%%not-base64") is None
    assert decode_flash(None) is None


def test_score_bands_cover_the_floor_to_one() -> None:
    bands = score_bands([0.2, 0.5, 0.71, 0.74, 0.75, 0.999, 1.0])
    assert len(bands) == 10 and bands[0][:2] == (0.5, 0.55) and bands[-1][:2] == (0.95, 1.0)
    counts = {low: count for low, _, count in bands}
    assert counts[0.5] == 2  # 0.2 and 0.5 share the lowest band
    assert counts[0.7] == 2 and counts[0.75] == 1 and counts[0.95] == 2
    assert sum(counts.values()) == 7


def test_display_filters() -> None:
    assert when("2026-04-01T09:30:12.5+02:00") == "2026-04-01 07:30 UTC"
    assert when(datetime(2026, 4, 1, 9, 30)) == "2026-04-01 09:30 UTC"  # naive means UTC
    assert when(datetime(2026, 4, 1, 9, 30, tzinfo=UTC)) == "2026-04-01 09:30 UTC"
    assert when("not a date") == "not a date" and when(None) == ""
    assert [signed(v) for v in (1.0266, -0.21, 0.0, None)] == ["+1.027", "-0.210", "0", ""]
    assert words("false_positive") == "false positive"


def test_the_real_templates_autoescape() -> None:
    page = (
        make_environment()
        .get_template("error.html")
        .render(
            title="Not found",
            message='<script>alert("x")</script>',
            prefix="/ui",
            principal=Principal("eve<b>", Role.ANALYST, "session"),
            csrf_token='"><script>',
            flash={"kind": "error", "text": "<img src=x>"},
            nav="",
        )
    )
    assert "<script>" not in page and "<img" not in page and "eve<b>" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert "eve&lt;b&gt;" in page


def test_the_default_secret_is_shared_through_clearance_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLEARANCE_HOME", str(tmp_path))
    monkeypatch.delenv(SECRET_ENV, raising=False)
    first = server_secret()
    assert len(first) == 64 and server_secret() == first  # a second worker reads the same
    assert (tmp_path / "web-secret").stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["web-secret"]  # no drafts left behind
    monkeypatch.setenv(SECRET_ENV, "from-the-environment")
    assert server_secret() == b"from-the-environment"
    assert server_secret("given") == b"given"
