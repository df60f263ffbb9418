"""Case statistics for the dashboard: cases opened per day and scores of the active cases.

Read-only queries over the case tables, shaped into plain series (one value per day, one
count per score band) that the analyst pages chart. Days are UTC days.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine, select

from clearance.cases.workflow import CaseStatus
from clearance.store.schema import case_events, cases

SCORE_FLOOR = 0.5  # scores below this share the lowest band
SCORE_BAND = 0.05


def opened_per_day(
    engine: Engine, days: int = 30, today: date | None = None
) -> list[tuple[date, int]]:
    """Cases opened (``opened`` events) per UTC day, for the ``days`` days ending ``today``."""
    today = today or datetime.now(UTC).date()
    first = today - timedelta(days=days - 1)
    since = datetime.combine(first, datetime.min.time(), tzinfo=UTC)
    with engine.connect() as connection:
        moments = connection.execute(
            select(case_events.c.at).where(
                case_events.c.kind == "opened", case_events.c.at >= since
            )
        ).scalars()
        per_day = Counter(_utc_day(moment) for moment in moments)
    span = [first + timedelta(days=n) for n in range(days)]
    return [(day, per_day.get(day, 0)) for day in span]


def active_scores(engine: Engine) -> list[float]:
    """Scores of the cases that are not closed."""
    with engine.connect() as connection:
        return list(
            connection.execute(
                select(cases.c.score).where(cases.c.status != CaseStatus.CLOSED.value)
            ).scalars()
        )


def score_bands(
    scores: Iterable[float], floor: float = SCORE_FLOOR, band: float = SCORE_BAND
) -> list[tuple[float, float, int]]:
    """(lower, upper, count) per band from ``floor`` to 1; the top band includes 1.0."""
    count = round((1.0 - floor) / band)
    tallies = [0] * count
    for score in scores:
        index = int((max(score, floor) - floor) / band + 1e-9)
        tallies[min(index, count - 1)] += 1
    return [
        (round(floor + n * band, 4), round(floor + (n + 1) * band, 4), tallies[n])
        for n in range(count)
    ]


def _utc_day(moment: datetime) -> date:
    if moment.tzinfo is None:  # SQLite hands back the stored UTC time without a zone
        return moment.date()
    return moment.astimezone(UTC).date()
