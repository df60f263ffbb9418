"""Field values as the list parsers find them: text clean-up, countries, genders, dates, lists.

Owns the small helpers that more than one publisher format needs for a single field value:

- :func:`clean` (whitespace collapsed, ``None`` when empty) and :func:`dedupe` (first-seen
  order, no repeats);
- countries: :data:`NULL_TOKENS` (placeholders such as ``na``, ``00``, ``unknown``),
  :func:`country_of` (a name, code or demonym → ISO alpha-2, placeholders → ``None``, with
  the UN's spellings the country table lacks), :func:`resolve_country` (a country with a
  qualifier: ``Afghanistan (since 2009)``) and :func:`text_country` (the first country named
  in free text);
- :func:`gender_of` (``Male``/``Female``) and :func:`published_date` (the calendar date of an
  ISO timestamp);
- numbered lists ``1) X 2) Y``, ``(a) X (b) Y``, ``(1)-(2) X (3) Y``: :func:`enumerated`,
  :func:`split_numbered` and its inverse :func:`join_numbered`.

Publisher-specific grammars stay with their format (or, for the two UK lists, in
:mod:`clearance.sources.uk_fields`); script detection is :mod:`clearance.model.scripts`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TypeVar

from clearance.model import Gender, parse_single_date
from clearance.model.countries import country_code

T = TypeVar("T")

# ---------------------------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------------------------


def clean(text: str | None) -> str | None:
    """Collapse whitespace (lists wrap long values over indented lines); ``None`` if empty."""
    if text is None:
        return None
    value = " ".join(text.split())
    return value or None


def dedupe(items: Iterable[T]) -> tuple[T, ...]:
    """Items in first-seen order without repeats."""
    return tuple(dict.fromkeys(items))


# ---------------------------------------------------------------------------------------------
# Countries
# ---------------------------------------------------------------------------------------------

NULL_TOKENS = frozenset({"", "na", "n/a", "none", "unknown", "-", "00", "null"})

# UN spellings that clearance.model.countries does not (yet) know.
_EXTRA_COUNTRIES = {
    "democratic republic of the congo": "cd",
    "state of palestine": "ps",
    "china, hong kong special administrative region": "hk",
}


def country_of(text: str | None) -> str | None:
    """ISO alpha-2 for a country name/code/demonym, ``None`` for unknowns and placeholders.

    ``"na"`` (not available) must not become Namibia, nor ``"00"`` anything.
    """
    value = clean(text)
    if value is None or value.lower() in NULL_TOKENS:
        return None
    return country_code(value) or _EXTRA_COUNTRIES.get(value.lower())


_QUALIFIER = re.compile(r"\s*\(.*?\)\s*|\s+(?:citizenship|nationality|by birth)\b.*$", re.I)


def resolve_country(text: str) -> tuple[str | None, str | None]:
    """(ISO code, qualifier) for ``Afghanistan (since 2009)``; (None, None) if no country."""
    value = clean(text)
    if not value:
        return None, None
    qualified = _QUALIFIER.search(value) is not None
    if code := country_of(value):
        return code, value if qualified else None
    stripped = clean(_QUALIFIER.sub(" ", value))
    if qualified and stripped and (code := country_of(stripped)):
        return code, value
    return None, None


_PARENS = re.compile(r"\(([^()]*)\)")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")


def text_country(text: str) -> str | None:
    """The first country named in ``text``: a whole parenthesis, else a run of 1-4 words.

    Words must make 4+ letters so that ``No``, ``ID`` or ``PS`` are not read as codes.
    """
    for inner in _PARENS.findall(text):
        if code := country_of(inner):
            return code
    words = _WORD.findall(text)
    for start in range(len(words)):
        for size in (4, 3, 2, 1):
            if start + size > len(words):
                continue
            phrase = " ".join(words[start : start + size])
            if len(phrase) >= 4 and (code := country_code(phrase)):
                return code
    return None


# ---------------------------------------------------------------------------------------------
# Genders and dates
# ---------------------------------------------------------------------------------------------


def gender_of(text: str | None) -> Gender | None:
    """``Male``/``Female`` in any case → :class:`Gender`; anything else ``None``."""
    return {"male": Gender.MALE, "female": Gender.FEMALE}.get((clean(text) or "").lower())


def published_date(value: str | None) -> date | None:
    """The calendar date of an ISO timestamp as published (``2026-02-27T00:00:09Z``)."""
    prefix = parse_single_date((value or "")[:10])
    return date.fromisoformat(prefix) if prefix and len(prefix) == 10 else None


# ---------------------------------------------------------------------------------------------
# Numbered lists: "1) X 2) Y", "(a) X (b) Y", "(1)-(2) X (3) Y"
# ---------------------------------------------------------------------------------------------

_MARK = r"\(?(?:\d{1,2}|[A-Za-z])\)"
_MARKER = re.compile(rf"(?<![\w(]){_MARK}(?:\s*(?:-|to)\s*{_MARK})?")
_FIRST_MARK = re.compile(r"^\(?(?:0?1|[aA])\)")
_SECOND_MARK = re.compile(r"^\(?(?:0?2|[bB])\)")
_EMPTY_ITEM = re.compile(r"^[\s\-,;.]*$")


def enumerated(text: str) -> tuple[str, list[str]]:
    """The preamble and the items of a numbered list; ``(text, [])`` when it is not one.

    A list starts with marker 1 or a (``1)``, ``(1)``, ``a)``, ``(a)``, also the ranges
    ``(1)-(2)`` and ``(1) to (6)``), or with marker 2 or b after unmarked first item
    (``X (b) Y``); items that are empty or only ``-`` are dropped.
    """
    marks = list(_MARKER.finditer(text))
    if not marks:
        return text.strip(), []
    preamble = text[: marks[0].start()].strip()
    items = []
    if not _FIRST_MARK.match(marks[0].group()):
        # "X (b) Y": a list whose first item has no marker
        if not (preamble and _SECOND_MARK.match(marks[0].group())):
            return text.strip(), []
        items.append(preamble)
        preamble = ""
    for mark, following in zip(marks, [*marks[1:], None], strict=True):
        end = following.start() if following else len(text)
        item = text[mark.end() : end].strip().strip(",;").strip()
        if not _EMPTY_ITEM.match(item):
            items.append(item)
    return preamble, items


def split_numbered(text: str) -> list[str]:
    """The items of ``1) Saudi Arabia 2) Qatar``; plain text is one item, empty text none."""
    preamble, items = enumerated(text)
    if not items:
        return [preamble] if preamble and not _EMPTY_ITEM.match(preamble) else []
    return [preamble, *items] if preamble else items


def join_numbered(items: Sequence[str]) -> str:
    """``(1) X (2) Y``: the inverse of :func:`split_numbered` for items without markers."""
    return " ".join(f"({i}) {item}" for i, item in enumerate(items, 1))
