"""Where a request's work runs: on the event loop when it is small, in a worker thread when not.

Matching is CPU-bound Python and holds the GIL, so a worker thread buys no parallelism within
a process; what it costs is the hand-over, which for one query is about as much as the
query itself. Small requests (a few queries) therefore run on the event loop; batches run in
Starlette's thread pool, so one large batch does not hold up every other request. So does
every request while the match index is still loading (it would wait for it on the loop).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from starlette.concurrency import run_in_threadpool

INLINE_QUERIES = 4

T = TypeVar("T")


async def run_sized(work: Callable[[], T], queries: int, index_loaded: bool) -> T:
    """``work()``: on the event loop for up to :data:`INLINE_QUERIES` queries once the index
    is loaded, else in a worker thread."""
    if index_loaded and queries <= INLINE_QUERIES:
        return work()
    return await run_in_threadpool(work)
