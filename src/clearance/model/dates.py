"""Dates exactly as precise as their publisher wrote them.

A sanctions list says "DOB 01 Apr 1960", "DOB Apr 1960", "DOB 1960", "DOB circa 1960" or
"DOB 1960 to 1962". :class:`PartialDate` keeps that precision: ``start`` is an ISO prefix
(``1960``, ``1960-04`` or ``1960-04-01``), ``end`` the last ISO prefix of a range, and
``circa`` marks an approximate date. Matching reads ``earliest``/``latest`` from it; nothing
here invents a day or a month that the list did not publish.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from clearance.model.pickling import pickled_by_fields

_ISO_PREFIX = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

MONTHS = (
    {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
    | {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
    | {"sept": 9}
)

_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[\s\-/.]+([A-Za-z]{3,9})\.?[\s\-/.,]+(\d{4})$")
_MONTH_YEAR = re.compile(r"^([A-Za-z]{3,9})\.?[\s\-/.,]+(\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")
_ISO_FULL = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:T.*)?$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_NUMERIC_DMY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_CIRCA = re.compile(r"^(?:circa|approximately|approx\.?|about|ca\.?|c\.)\s*", re.IGNORECASE)
_RANGE = re.compile(r"\s+(?:to|-|–|and)\s+", re.IGNORECASE)


def _valid(year: int, month: int | None = None, day: int | None = None) -> bool:
    if not 1 <= year <= 9999:
        return False
    if month is None:
        return True
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    return 1 <= day <= calendar.monthrange(year, month)[1]


def iso_prefix(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """The ISO prefix for the given parts, or ``None`` when they do not form a real date."""
    if not _valid(year, month, day):
        return None
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def parse_single_date(text: str) -> str | None:
    """Parse one date as lists write it into an ISO prefix, or ``None`` if it is not a date.

    Accepts ``01 Apr 1960``, ``Apr 1960``, ``1960``, ``1960-04-01``, ``1960-04``,
    ``April 1, 1960`` and day-first numeric dates (``01/04/1960``, as UK and EU lists
    write them). Zero parts (``00/00/1980``, as the UK list writes unknown parts) reduce the
    precision instead of failing.
    """
    value = text.strip().rstrip(".").strip()
    if not value:
        return None
    if m := _ISO_FULL.match(value):
        year, month, day = (int(g) for g in m.groups())
        if day == 0:
            return iso_prefix(year, month) if month else iso_prefix(year)
        return iso_prefix(year, month, day)
    if m := _ISO_MONTH.match(value):
        year, month = int(m.group(1)), int(m.group(2))
        return iso_prefix(year, month) if month else iso_prefix(year)
    if m := _YEAR.match(value):
        return iso_prefix(int(m.group(1)))
    if m := _DAY_MONTH_YEAR.match(value):
        month = MONTHS.get(m.group(2).lower())
        return iso_prefix(int(m.group(3)), month, int(m.group(1))) if month else None
    if m := _MONTH_YEAR.match(value):
        month = MONTHS.get(m.group(1).lower())
        return iso_prefix(int(m.group(2)), month) if month else None
    if m := _MONTH_DAY_YEAR.match(value):
        month = MONTHS.get(m.group(1).lower())
        return iso_prefix(int(m.group(3)), month, int(m.group(2))) if month else None
    if m := _NUMERIC_DMY.match(value):
        day, month, year = (int(g) for g in m.groups())
        if month == 0:
            return iso_prefix(year)
        if day == 0:
            return iso_prefix(year, month)
        return iso_prefix(year, month, day)
    return None


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class PartialDate:
    """A published date: an ISO prefix, optionally approximate or the start of a range."""

    start: str
    end: str | None = None
    circa: bool = False

    def __post_init__(self) -> None:
        if not _ISO_PREFIX.match(self.start):
            raise ValueError(f"not an ISO date prefix: {self.start!r}")
        if self.end is not None and not _ISO_PREFIX.match(self.end):
            raise ValueError(f"not an ISO date prefix: {self.end!r}")

    @property
    def precision(self) -> str:
        """``year``, ``month`` or ``day``: how much of the start the publisher gave."""
        return {4: "year", 7: "month", 10: "day"}[len(self.start)]

    @property
    def year(self) -> int:
        return int(self.start[:4])

    @property
    def earliest(self) -> str:
        """The first full ISO day this date can mean."""
        return _fill(self.start, first=True)

    @property
    def latest(self) -> str:
        """The last full ISO day this date can mean (the end of the range if there is one)."""
        return _fill(self.end or self.start, first=False)

    def __str__(self) -> str:
        text = self.start if self.end is None else f"{self.start} to {self.end}"
        return f"circa {text}" if self.circa else text

    @classmethod
    def parse(cls, text: str) -> PartialDate | None:
        """Parse ``circa 1960``, ``1960 to 1962``, ``01 Apr 1960`` ...; ``None`` if not a date."""
        value = text.strip()
        circa = False
        if m := _CIRCA.match(value):
            circa = True
            value = value[m.end() :]
        parts = _RANGE.split(value, maxsplit=1)
        if len(parts) == 2:
            start, end = parse_single_date(parts[0]), parse_single_date(parts[1])
            if start and end:
                if end < start:
                    start, end = end, start
                return cls(start, end, circa)
        single = parse_single_date(value)
        return cls(single, None, circa) if single else None


def _fill(prefix: str, *, first: bool) -> str:
    if len(prefix) == 10:
        return prefix
    year = int(prefix[:4])
    if len(prefix) == 7:
        month = int(prefix[5:7])
        day = 1 if first else calendar.monthrange(year, month)[1]
        return f"{prefix}-{day:02d}"
    return f"{prefix}-01-01" if first else f"{prefix}-12-31"
