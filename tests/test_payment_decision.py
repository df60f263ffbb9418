"""Deciding whole payment messages on the bundled sample lists."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import run_clearance

from clearance.cli.demo import sample_dir
from clearance.enforcement.measures import Verdict
from clearance.matching import Matcher
from clearance.screening.payment_decision import decide_message
from clearance.screening.payments import parse_payment_file

SAMPLES = Path(__file__).parent / "samples" / "payments"


@pytest.fixture
def matcher(sample_matcher: Matcher) -> Matcher:
    return sample_matcher


def test_pacs008_with_a_listed_ultimate_creditor_is_blocked(matcher: Matcher) -> None:
    decision = decide_message(matcher, parse_payment_file(SAMPLES / "pacs008_caatsa.xml"))
    assert decision.verdict is Verdict.BLOCK
    blocking = [c for c in decision.binding if c.verdict is Verdict.BLOCK]
    assert {c.entity_id for c in blocking} == {"ofac-27018"}
    assert any(
        "ultimate_creditor" in c.party.role and "UltmtCdtr" in c.party.role for c in blocking
    )
    ssb = [n for n in decision.not_binding if n["entity_id"] == "ofac-27016"]
    assert ssb and all(n["list"] == "NS-MBS" for n in ssb)  # the creditor itself passes


def test_clean_payment_is_clear(matcher: Matcher) -> None:
    decision = decide_message(matcher, parse_payment_file(SAMPLES / "pacs008_clean_de.xml"))
    assert decision.verdict is Verdict.CLEAR and not decision.binding


def test_listed_name_in_free_text_is_found(matcher: Matcher) -> None:
    decision = decide_message(matcher, parse_payment_file(SAMPLES / "mt103_50k.txt"))
    assert decision.verdict is Verdict.BLOCK
    assert any(c.party.role.startswith("mentioned in :70:") for c in decision.binding)


def test_cli_message_and_bad_message(tmp_path: Path) -> None:
    home = tmp_path / "home"
    lists = (str(sample_dir() / "sdn.csv"), str(sample_dir() / "cons_prim.csv"))
    run_clearance("lists", "load", *lists, home=home, code=0)
    blocked = run_clearance(
        "decide", "--message", str(SAMPLES / "pacs008_caatsa.xml"), home=home, code=1
    )
    assert blocked.stdout.startswith("BLOCK for payment") and "UltmtCdtr" in blocked.stdout
    broken = tmp_path / "broken.xml"
    broken.write_text((SAMPLES / "pacs008_caatsa.xml").read_text()[:700])
    result = run_clearance("decide", "--message", str(broken), home=home, code=2)
    assert "broken.xml line" in result.stderr
