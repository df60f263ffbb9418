"""Batch screening in process: each distinct party is screened once, rows keep their order."""

from __future__ import annotations

import dataclasses
import gc
import io
import json
from pathlib import Path

import pytest

from clearance.matching import Matcher, Query
from clearance.screening import batch


class CountingMatcher(Matcher):
    """The real matcher, counting the queries it is asked (one process: workers=1)."""

    def __init__(self, matcher: Matcher) -> None:
        super().__init__(matcher.index, matcher.threshold, matcher.snapshots)
        self.asked: list[Query] = []

    def match(self, query: Query, limit: int = 10, threshold: float | None = None):  # type: ignore[no-untyped-def]
        self.asked.append(query)
        return super().match(query, limit=limit, threshold=threshold)


def _batch(tmp_path: Path, names: list[str]) -> Path:
    path = tmp_path / "batch.csv"
    lines = ["id,name,schema"] + [f"r{i},{name},Person" for i, name in enumerate(names)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _screen(matcher: Matcher, path: Path, workers: int) -> list[dict]:  # type: ignore[type-arg]
    out = io.StringIO()
    summary = batch.screen_file(matcher, path, out, threshold=0.5, workers=workers)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert summary.screened == len(lines)
    return lines


def test_a_repeated_party_is_screened_once_across_chunks(
    sample_matcher: Matcher, tmp_path: Path
) -> None:
    parties = ["Ismail Demir", "Faruk Yigit", "Serhat Gencoglu", "Jane Quietly"]
    names = [parties[i % 4] for i in range(3 * batch.CHUNK_ROWS)]  # repeats in every chunk
    counting = CountingMatcher(sample_matcher)
    lines = _screen(counting, _batch(tmp_path, names), workers=1)
    assert sorted(q.name for q in counting.asked) == sorted(parties)
    assert [line["id"] for line in lines] == [f"r{i}" for i in range(len(names))]
    by_party = {name: json.dumps(line["alerts"]) for name, line in zip(names, lines, strict=True)}
    for name, line in zip(names, lines, strict=True):
        assert json.dumps(line["alerts"]) == by_party[name]
    assert lines[0]["alerts"][0]["entity_id"] == "ofac-27018"


def test_answers_forgotten_past_the_bound_are_screened_again(
    sample_matcher: Matcher, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Memory stays bounded: with room for few answers, a party met again long after is
    screened again, and every row still gets its own party's alerts."""
    monkeypatch.setattr(batch, "SEEN_QUERIES", 4)
    monkeypatch.setattr(batch, "CHUNK_ROWS", 8)
    distinct = [f"Person Number{chr(97 + i)}{chr(97 + j)}" for i in range(12) for j in range(10)]
    names = ["Ismail Demir", *distinct, "Ismail Demir"]
    counting = CountingMatcher(sample_matcher)
    lines = _screen(counting, _batch(tmp_path, names), workers=1)
    assert [q.name for q in counting.asked].count("Ismail Demir") == 2
    assert lines[0]["alerts"] == lines[-1]["alerts"] != []
    assert all(line["alerts"] == [] or line["id"] in ("r0", f"r{len(names) - 1}") for line in lines)


def test_two_workers_write_what_one_writes(sample_matcher: Matcher, tmp_path: Path) -> None:
    names = ["Ismail Demir", "SSB", "Mustafa Alper Deniz", "Nobody Special"] * 200
    path = _batch(tmp_path, names)
    assert _screen(sample_matcher, path, workers=2) == _screen(sample_matcher, path, workers=1)


def test_warm_up_builds_what_forked_workers_would_each_build(sample_matcher: Matcher) -> None:
    """Before workers fork, the parent runs a query of each kind, so what is built on first
    use (here: the schema masks) is inherited instead of built again in every worker."""
    sample_matcher.index.__dict__.pop("_schema_masks", None)
    sample_matcher.warm_up()
    assert {"Person", "LegalEntity"} <= set(sample_matcher.index.__dict__["_schema_masks"])


def test_a_row_is_screened_on_every_field_but_its_id() -> None:
    """The batch's answer memory keys a row by its query without the id; a field added to
    Query must not be left out of that key (nor of what the worker screens)."""
    every_field = {
        f.name: "Person" if f.name == "schema" else f"value of {f.name}"
        for f in dataclasses.fields(Query)
    }
    query = Query(**every_field)
    screened = batch._without_id(query)
    assert screened == dataclasses.replace(query, id=None)
    assert screened.id is None and screened.gender == "value of gender"
    assert batch._without_id(screened) is screened


def test_screening_leaves_no_cyclic_garbage(sample_matcher: Matcher) -> None:
    """Batch workers run with the cyclic collector off (batch._worker_started): screening
    must free everything it allocates by reference counting alone."""
    queries = [
        Query(name, schema=schema)
        for name in ["Ismail Demir", "İsmail DEMİR", "Исмаил Демир", "SSB", "Bank Melli", "X"]
        for schema in ("Person", "LegalEntity")
    ]
    batch._WORKER_MATCHER = sample_matcher
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        answers = batch._screen_queries((queries, 0.5))
        assert any(count for count, _ in answers)  # they do find something
        assert gc.collect() == 0
    finally:
        if enabled:
            gc.enable()
