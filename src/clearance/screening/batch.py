"""Batch screening of customer files: CSV, JSON lines or Parquet in, JSON lines out.

Rows are read as a stream, validated (a bad row is reported with its line number and skipped),
screened in chunks on every core (worker processes fork from the parent, inheriting the loaded
index copy-on-write), and written in input order, one output line per good row:
``{"id": ..., "alerts": [...], <pass-through columns>}``. At most a few chunks are in flight,
so memory stays constant however large the input.
"""

from __future__ import annotations

import csv
import gc
import json
import multiprocessing
import os
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from clearance.matching import Matcher, Query

COLUMNS = ("id", "name", "schema", "birth_date", "nationality", "country", "id_number", "gender")
MAX_NAME_LENGTH = 1000
CHUNK_ROWS = 256


class BatchInputError(Exception):
    """The input as a whole cannot be read (unknown format, no name column, unreadable file)."""


@dataclass
class BadRow:
    line: int
    reason: str


@dataclass
class BatchSummary:
    rows: int = 0
    screened: int = 0
    rows_with_alerts: int = 0
    alerts: int = 0
    bad_rows: list[BadRow] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.screened / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, object]:
        return {
            "rows": self.rows,
            "screened": self.screened,
            "rows_with_alerts": self.rows_with_alerts,
            "alerts": self.alerts,
            "bad_rows": [{"line": b.line, "reason": b.reason} for b in self.bad_rows],
            "seconds": round(self.seconds, 3),
            "rows_per_second": round(self.rate, 1),
        }


@dataclass(frozen=True)
class Row:
    line: int
    query: Query
    passthrough: dict[str, Any]


def detect_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if suffix in (".parquet", ".pq"):
        return "parquet"
    with path.open("rb") as handle:
        head = handle.read(4)
    if head == b"PAR1":
        return "parquet"
    if head.lstrip()[:1] == b"{":
        return "jsonl"
    return "csv"


def read_records(path: Path, mapping: dict[str, str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, record with columns renamed by ``mapping``) for every input row."""
    fmt = detect_format(path)
    if fmt == "csv":
        records = _read_csv(path)
    elif fmt == "jsonl":
        records = _read_jsonl(path)
    else:
        records = _read_parquet(path)
    for line, record in records:
        if isinstance(record, dict) and "__header__" in record:
            columns = [mapping.get(c, c) for c in record["__header__"]]
            if "name" not in columns:
                found = ", ".join(record["__header__"]) or "none"
                raise BatchInputError(
                    f"{path.name} line 1: no 'name' column (columns: {found}); "
                    "rename one with --map COLUMN=name"
                )
            continue
        if isinstance(record, dict) and mapping:
            record = {mapping.get(k, k): v for k, v in record.items()}
        yield line, record


def _read_csv(path: Path) -> Iterator[tuple[int, Any]]:
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise BatchInputError(f"{path}: {exc.strerror}") from exc
    with handle:
        sample = handle.read(4096)
        handle.seek(0)
        delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
        reader = csv.DictReader(handle, delimiter=delimiter)
        yield 1, {"__header__": reader.fieldnames or []}
        try:
            for record in reader:
                if None in record:
                    yield reader.line_num, "more fields than the header has"
                    continue
                yield reader.line_num, record
        except UnicodeDecodeError as exc:
            raise BatchInputError(
                f"{path.name} line {reader.line_num + 1}: not UTF-8 text ({exc.reason})"
            ) from exc
        except csv.Error as exc:
            raise BatchInputError(f"{path.name} line {reader.line_num}: {exc}") from exc


def _read_jsonl(path: Path) -> Iterator[tuple[int, Any]]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                yield number, f"not a JSON object ({exc})"
                continue
            yield number, record if isinstance(record, dict) else "not a JSON object"


def _read_parquet(path: Path) -> Iterator[tuple[int, Any]]:
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except Exception as exc:
        raise BatchInputError(f"{path.name}: not a readable Parquet file ({exc})") from exc
    yield 1, {"__header__": parquet.schema_arrow.names}
    number = 0
    for batch in parquet.iter_batches(batch_size=4096):
        for record in batch.to_pylist():
            number += 1
            yield number, record


def to_row(line: int, record: Any) -> Row | BadRow:
    """Validate one input record into a query, or say why it is bad."""
    if isinstance(record, str):
        return BadRow(line, record)
    name = record.get("name")
    if name is None or not str(name).strip():
        return BadRow(line, "name is empty")
    name = str(name)
    if len(name) > MAX_NAME_LENGTH:
        return BadRow(line, f"name is {len(name):,} characters (more than {MAX_NAME_LENGTH:,})")
    values = {k: _text(record.get(k)) for k in COLUMNS if k not in ("name", "schema")}
    schema = _text(record.get("schema")) or "LegalEntity"
    try:
        query = Query(name=name, schema=schema, **values)
    except ValueError as exc:
        return BadRow(line, str(exc))
    passthrough = {k: v for k, v in record.items() if k not in COLUMNS}
    return Row(line, query, passthrough)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


# --- parallel screening -------------------------------------------------------------------

_WORKER_MATCHER: Matcher | None = None

# Answers of the queries screened last, keyed by everything screened but the row id: batches
# repeat parties (a payment file names the same counterparties again and again), and the same
# question gets the same answer from the same index. The parent keeps them, so a party is
# screened once whichever worker would have met it again. Bounded (least recently used go
# first) so memory stays constant in the input's size.
SEEN_QUERIES = 5_000
CHUNKS_IN_FLIGHT_PER_WORKER = 2

Answer = tuple[int, str]  # (alert count, the alerts as JSON text)


def _worker_started() -> None:
    """A batch worker runs without the cyclic garbage collector: screening creates no
    reference cycles (a test holds it to that), its caches are bounded, and it ends with
    the batch; collections only re-traversed the growing caches (about 5% of its time)."""
    gc.disable()


def _screen_queries(chunk: tuple[list[Query], float]) -> list[Answer]:
    """Screen queries in a worker: (alert count, alerts as JSON) per query, so the parent
    only joins text."""
    assert _WORKER_MATCHER is not None
    queries, threshold = chunk
    answers = []
    for query in queries:
        results = _WORKER_MATCHER.match(query, limit=10, threshold=threshold)
        answers.append((len(results), _ALERTS_JSON.encode([_alert(r) for r in results])))
    return answers


# Built once: json.dumps builds an encoder per call when given any option.
_ALERTS_JSON = json.JSONEncoder(ensure_ascii=False)
_HEAD_JSON = json.JSONEncoder(ensure_ascii=False, default=str)


def _alert(result: Any) -> dict[str, object]:
    return {
        "entity_id": result.entity_id,
        "name": result.caption,
        "score": round(result.score, 4),
        "match": result.match,
        "lists": list(result.lists),
        "programs": list(result.programs),
        "explanation": result.explanation,
    }


@dataclass
class _Chunk:
    """Rows read together, and the queries among them no earlier row asked."""

    rows: list[Row]
    keys: list[Query]  # per row: its query without the row id
    asked: list[Query]  # the keys this chunk has screened, each once
    answers: Any = None  # the worker's answers to ``asked`` (a list, or an async result)


class _Answers:
    """The parent's memory of answered queries, and of those a chunk in flight will answer."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.known: OrderedDict[Query, Answer] = OrderedDict()
        self.asking: set[Query] = set()

    def plan(self, rows: list[Row]) -> _Chunk:
        keys = [_without_id(row.query) for row in rows]
        asked = []
        for key in keys:
            if key in self.known:
                self.known.move_to_end(key)
            elif key not in self.asking:
                self.asking.add(key)
                asked.append(key)
        return _Chunk(rows, keys, asked)

    def lines(self, chunk: _Chunk, answers: list[Answer]) -> list[tuple[int, str]]:
        """(alert count, output line) per row of ``chunk``, now that its own queries are
        answered (those it shares with earlier chunks were answered first: chunks are
        written in order)."""
        for key, answer in zip(chunk.asked, answers, strict=True):
            self.known[key] = answer
            self.asking.discard(key)
        while len(self.known) > self.size:
            self.known.popitem(last=False)
        out = []
        for row, key in zip(chunk.rows, chunk.keys, strict=True):
            count, alerts_json = self.known[key]
            head = {**row.passthrough, "id": row.query.id, "line": row.line}
            text = _HEAD_JSON.encode(head)  # "{...}": alerts go last
            out.append((count, f'{text[:-1]}, "alerts": {alerts_json}}}'))
        return out


def _without_id(query: Query) -> Query:
    """The query as screened: everything but the row's id (cheaper than dataclasses.replace,
    which looks the fields up again for every row)."""
    if query.id is None:
        return query
    return Query(
        query.name,
        query.schema,
        query.birth_date,
        query.nationality,
        query.country,
        query.id_number,
        query.gender,
    )


def screen_file(
    matcher: Matcher,
    source: Path,
    output: IO[str],
    *,
    threshold: float,
    mapping: dict[str, str] | None = None,
    workers: int | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> BatchSummary:
    """Screen every row of ``source`` and write one JSON line per good row to ``output``."""
    global _WORKER_MATCHER
    summary = BatchSummary()
    started = time.perf_counter()
    rows = _valid_rows(read_records(source, mapping or {}), summary)
    workers = workers or os.cpu_count() or 1
    _WORKER_MATCHER = matcher
    # Answers of another matcher or threshold do not carry over. Kept beyond SEEN_QUERIES by
    # thrice the rows in flight: a key a pending chunk relies on has at most twice that many
    # keys used after it before the chunk is written, so it is never the one dropped.
    in_flight_rows = (workers * CHUNKS_IN_FLIGHT_PER_WORKER + 1) * CHUNK_ROWS
    answers = _Answers(SEEN_QUERIES + 3 * in_flight_rows)
    chunks = (answers.plan(rows) for rows in _chunks(rows))
    if workers <= 1:
        for chunk in chunks:
            found = _screen_queries((chunk.asked, threshold))
            _write(output, answers.lines(chunk, found), summary, on_progress)
    else:
        context = multiprocessing.get_context("fork")
        with context.Pool(workers, initializer=_worker_started) as pool:
            pending: deque[_Chunk] = deque()

            def write_oldest() -> None:
                chunk = pending.popleft()
                _write(output, answers.lines(chunk, chunk.answers.get()), summary, on_progress)

            for chunk in chunks:
                chunk.answers = pool.apply_async(_screen_queries, ((chunk.asked, threshold),))
                pending.append(chunk)
                while len(pending) >= workers * CHUNKS_IN_FLIGHT_PER_WORKER:
                    write_oldest()
            while pending:
                write_oldest()
    summary.seconds = time.perf_counter() - started
    return summary


def _valid_rows(records: Iterator[tuple[int, Any]], summary: BatchSummary) -> Iterator[Row]:
    for line, record in records:
        summary.rows += 1
        row = to_row(line, record)
        if isinstance(row, BadRow):
            summary.bad_rows.append(row)
            continue
        yield row


def _chunks(rows: Iterator[Row]) -> Iterator[list[Row]]:
    chunk: list[Row] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= CHUNK_ROWS:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _write(
    output: IO[str],
    screened: list[tuple[int, str]],
    summary: BatchSummary,
    on_progress: Callable[[int], None] | None,
) -> None:
    for alert_count, line in screened:
        summary.screened += 1
        if alert_count:
            summary.rows_with_alerts += 1
            summary.alerts += alert_count
        output.write(line)
        output.write("\n")
    if on_progress:
        on_progress(len(screened))
