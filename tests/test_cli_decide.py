"""``clearance decide`` as a user runs it, on the bundled sample lists."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from tests.conftest import run_clearance

from clearance.cli.demo import sample_dir


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("home")
    lists = (str(sample_dir() / "sdn.csv"), str(sample_dir() / "cons_prim.csv"))
    run_clearance("lists", "load", *lists, home=home, code=0)
    return home


def test_decide_seed_case(home: Path) -> None:
    ssb = run_clearance(
        "decide",
        "payment",
        "--party",
        "Presidency of Defence Industries",
        "--json",
        home=home,
        code=0,
    )
    assert json.loads(ssb.stdout)["decision"] == "CLEAR"
    demir = run_clearance(
        "decide",
        "payment",
        "--party",
        "İsmail Demir",
        "--schema",
        "Person",
        "--birth-date",
        "1960",
        home=home,
        code=1,
    )
    assert demir.stdout.startswith("BLOCK for payment")
    assert "CAATSA-235(a)(9)" in demir.stdout and "10 business days" in demir.stdout
    export = run_clearance(
        "decide",
        "export-licence",
        "--party",
        "PRESIDENCY OF DEFENSE INDUSTRIES",
        "--json",
        home=home,
        code=1,
    )
    out = json.loads(export.stdout)
    assert out["decision"] == "DENY"
    citation = out["binding"][0]
    assert citation["source"] == "ofac-cons" and len(citation["snapshot_hash"]) == 64
    assert citation["match"]["matched_name"] == "PRESIDENCY OF DEFENSE INDUSTRIES"
    assert [c["measure"]["code"] for c in out["binding"]] == ["CAATSA-235(a)(2)"]


def test_decide_bad_input(home: Path) -> None:
    result = run_clearance("decide", "wire", "--party", "x", home=home, code=2)
    assert "unknown context 'wire'" in result.stderr
    result = run_clearance(
        "decide", "credit", "--party", "SSB", "--amount", "-5", home=home, code=2
    )
    assert "must not be negative" in result.stderr


def test_decide_credit_uses_the_ledger(home: Path) -> None:
    def loan(lender: str, amount: str, day: str) -> dict:  # type: ignore[type-arg]
        result = run_clearance(
            "decide",
            "credit",
            "--party",
            "Presidency of Defense Industries",
            "--role",
            "borrower",
            "--lender",
            lender,
            "--amount",
            amount,
            "--date",
            day,
            "--json",
            home=home,
        )
        return json.loads(result.stdout)

    assert loan("US Bank A", "6000000", "2021-01-10")["decision"] == "LIMIT"
    second = loan("US Bank A", "5000000", "2021-06-01")
    assert second["decision"] == "DENY"
    assert Decimal(second["headroom"]) == Decimal("4000000")
    assert loan("US Bank B", "5000000", "2021-06-01")["decision"] == "LIMIT"


def test_decide_with_ownership(home: Path, tmp_path: Path) -> None:
    owners = tmp_path / "owners.csv"
    owners.write_text(
        "owner_id,asset_id,share_pct\nofac-27018,cust-acme,30\nofac-30685,cust-acme,25\n"
    )
    result = run_clearance(
        "decide",
        "payment",
        "--party",
        "Acme Savunma AS",
        "--party-id",
        "cust-acme",
        "--ownership",
        str(owners),
        "--json",
        home=home,
        code=1,
    )
    out = json.loads(result.stdout)
    assert out["decision"] == "BLOCK"
    assert len(out["binding"][0]["ownership_paths"]) == 2
    owners.write_text("owner_id,asset_id,share_pct\nofac-27018,cust-acme,abc\n")
    bad = run_clearance(
        "decide",
        "payment",
        "--party",
        "Acme",
        "--party-id",
        "cust-acme",
        "--ownership",
        str(owners),
        home=home,
        code=2,
    )
    assert "owners.csv line 2" in bad.stderr
