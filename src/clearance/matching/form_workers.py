"""Name forms of many entities, parsed on every core.

Parsing names is most of an index build (a million listed parties: about two thirds of it)
and each name parses on its own, so a large build hands the names to forked worker processes
in chunks and keeps everything else (entity facts, postings) in the parent. Results come back
in input order, so the index is the same as a one-process build. A process running other
threads (a server re-indexing after a list load) builds in process instead: forking it could
copy a lock another thread holds. At most a few chunks are in flight, so memory does not grow
with the number of entities.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import threading
from collections.abc import Iterable, Iterator

from clearance.matching.forms import NameForm, forms_of
from clearance.names import parse_name

CHUNK = 4000  # entities per task
IN_FLIGHT = 4  # chunks per worker queued at most
PARALLEL_FROM = 5  # chunks: smaller builds cost more to fork and pickle than they save

# One entity's names: (schema, ((published name, name kind), ...)).
Names = tuple[str, tuple[tuple[str, str], ...]]


def entity_forms(schema: str, names: Iterable[tuple[str, str]]) -> list[NameForm]:
    """The distinct forms of one entity's names, in name order."""
    seen: set[tuple[str, ...]] = set()
    found: list[NameForm] = []
    for value, kind in names:
        for form in forms_of(parse_name(value, schema), kind):
            if form.tokens not in seen:
                seen.add(form.tokens)
                found.append(form)
    return found


def _chunk_forms(chunk: list[Names]) -> list[list[NameForm]]:
    return [entity_forms(schema, names) for schema, names in chunk]


def forms_in_order(
    entities: Iterable[Names], workers: int | None = None
) -> Iterator[list[NameForm]]:
    """Each entity's forms, in input order; parallel from PARALLEL_FROM chunks on."""
    chunks = _chunks(entities)
    head = list(itertools.islice(chunks, PARALLEL_FROM))
    workers = workers or os.cpu_count() or 1
    alone = threading.active_count() == 1
    if len(head) < PARALLEL_FROM or workers <= 1 or not alone:
        for chunk in itertools.chain(head, chunks):
            yield from _chunk_forms(chunk)
        return
    slots = threading.Semaphore(workers * IN_FLIGHT)

    def bounded() -> Iterator[list[Names]]:
        for chunk in itertools.chain(head, chunks):
            slots.acquire()
            yield chunk

    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for result in pool.imap(_chunk_forms, bounded()):
            slots.release()
            yield from result


def _chunks(entities: Iterable[Names]) -> Iterator[list[Names]]:
    chunk: list[Names] = []
    for item in entities:
        chunk.append(item)
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
