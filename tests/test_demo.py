"""The README's first command: ``clearance demo`` on the bundled sample, nothing downloaded."""

from __future__ import annotations

import csv
from pathlib import Path

from tests.conftest import run_clearance

from clearance.cli.demo import sample_dir


def test_demo_screens_the_sample_and_decides_the_seed_case(tmp_path: Path) -> None:
    result = run_clearance("demo", home=tmp_path / "home", code=0)
    out = result.stdout
    with (sample_dir() / "customers.csv").open(encoding="utf-8") as handle:
        total = sum(1 for _ in csv.DictReader(handle))
    assert f"{total} customers screened" in out
    for customer in ("C001", "C003", "C005", "C007"):  # Demir, Cyrillic Demir, SSB, Yigit
        assert customer in out
    assert "C026" not in out  # "Ismail Demir" born 1985: a namesake, not alerted
    assert "CLEAR" in out and "BLOCK" in out and "DENY" in out
    again = run_clearance("demo", home=tmp_path / "home", code=0)
    assert "unchanged" in again.stdout
