"""What the two UK lists share: OFSI's ConList CSV and the FCDO's UK Sanctions List XML.

Owns the UK field grammars that :mod:`clearance.sources.uk_ofsi_csv` and
:mod:`clearance.sources.uk_sanctions_list` both read:

- identity documents in free text (``Passport No: 592667 (Qatari passport issued on 3 May
  2007)``, ``Tax Identification Number: INN 7707083893``): :func:`number_spans`,
  :func:`split_label`, :func:`document_numbers`, :func:`document_kind` and
  :func:`parse_documents`;
- dates ``24/10/1966``, ``00/00/1970``, ``dd/mm/1970`` at published precision
  (:func:`parse_uk_date`) and full calendar dates (:func:`calendar_date`);
- names: name types (``Prime Alias``, ``Primary name variation``, ``AKA`` ...:
  :func:`name_type`), ``Name 1``..``Name 6`` → :class:`Name` (:func:`build_name`), and the
  order both lists give an entity's names (:func:`primary_first`);
- the facts both read the same way once found: dates of birth (:func:`parse_birth_dates`),
  numbered nationality lists (:func:`nationality_codes`), address lines with postcode and
  country (:func:`address_of`) and MMSI numbers in free text (:func:`mmsi_numbers`).

Generic field helpers (:func:`~clearance.sources.fields.clean`, numbered lists, countries in
text) are :mod:`clearance.sources.fields`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date

from clearance.model import Address, Identifier, IdentifierKind, Name, NameKind, PartialDate
from clearance.model.scripts import non_latin_script
from clearance.sources.fields import (
    clean,
    dedupe,
    enumerated,
    resolve_country,
    split_numbered,
    text_country,
)

# ---------------------------------------------------------------------------------------------
# Identity documents ("Passport No: 592667 (Qatari passport issued on 3 May 2007)")
# ---------------------------------------------------------------------------------------------

_MONTH_WORD = r"[A-Za-z]{3,9}\.?"
_DATE = re.compile(
    rf"\b(?:\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_WORD},?\s+\d{{4}}"
    rf"|{_MONTH_WORD}\s+\d{{1,2}},\s+\d{{4}})\b"
)
_ISSUED = re.compile(r"\bissu|\bvalid(?: from)?\W*$", re.IGNORECASE)
_EXPIRES = re.compile(r"\bexpir|\bvalid (?:until|to|till)\b", re.IGNORECASE)
_HIJRI = re.compile(r"\bhijri\b", re.IGNORECASE)
_RANGE_TO = re.compile(r"^\s*(?:-|–|to|until|till)\s*$", re.IGNORECASE)
_PASSPORT_WORD = re.compile(r"\bpassport\b", re.IGNORECASE)
# A document number: letters (short with a separator, or up to 8 run together), then a digit,
# then digits/letters with inner . / - ; or digit groups "842 781".
_NUMBER = re.compile(
    r"(?<!\w)(?:\d{2,4}(?: \d{2,6})+(?!\w)"
    r"|(?:[A-Z]{1,3}[ /-](?=\d)|[A-Z]{1,8})?\d(?:[\dA-Z]|[./-](?=[\dA-Z]))*)"
)
_LABEL_PREFIX = re.compile(r"^(INN|OGRN|OGRNIP|KPP|TIN|NIN|PIN|ID|NO|NR|CR|IMO) (?=\d)")
_DATE_LIKE = re.compile(r"^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$")
_YEAR_LIKE = re.compile(r"^(?:19|20)\d\d(?:[-/](?:19|20)?\d\d)?$")
_NATIONAL_ID_WORDS = re.compile(
    r"national (?:identi|id\b)|identity card|\bid card|civil id|tazkira|identification (?:card|no)",
    re.IGNORECASE,
)
_DIPLOMATIC = re.compile(r"\bdiplomatic\b", re.IGNORECASE)


def number_spans(text: str) -> list[re.Match[str]]:
    """Document numbers in ``text``: tokens with 4+ digits, not dates or bare years."""
    blanked = _DATE.sub(lambda m: " " * len(m.group()), text)
    spans = []
    for match in _NUMBER.finditer(blanked):
        token = match.group()
        digits = sum(c.isdigit() for c in token)
        if digits < 4 or _DATE_LIKE.match(token) or _YEAR_LIKE.match(token):
            continue
        spans.append(match)
    return spans


def split_label(token: str) -> tuple[str | None, str]:
    """``INN 7707083893`` → (``INN``, ``7707083893``); other tokens have no label."""
    if m := _LABEL_PREFIX.match(token):
        return m.group(1), token[m.end() :]
    return None, token


def document_numbers(text: str) -> list[str]:
    """The document numbers in ``text`` (see :func:`parse_documents`)."""
    return [m.group() for m in number_spans(text)]


def _document_dates(text: str) -> tuple[PartialDate | None, PartialDate | None]:
    """Issue and expiry dates, each the first date after its keyword (Hijri dates skipped).

    ``valid 21/03/2016 - 20/03/2021`` and ``valid from X until Y`` read as issue and expiry.
    """
    issued = expires = None
    last = 0
    for match in _DATE.finditer(text):
        context = text[last : match.start()]
        last = match.end()
        parsed = PartialDate.parse(match.group())
        if parsed is None or _HIJRI.search(context):
            continue
        expiry_at = max((m.start() for m in _EXPIRES.finditer(context)), default=-1)
        issue_at = max((m.start() for m in _ISSUED.finditer(context)), default=-1)
        if expiry_at < 0 and issued is not None and _RANGE_TO.match(context):
            expiry_at = len(context)
        if expiry_at > issue_at and expires is None:
            expires = parsed
        elif issue_at > expiry_at and issued is None:
            issued = parsed
    return issued, expires


def document_kind(texts: Sequence[str], default: IdentifierKind) -> IdentifierKind:
    """National ID or passport as the first of ``texts`` to name one says, else ``default``."""
    if default is not IdentifierKind.PASSPORT:
        return default
    for text in texts:
        if _NATIONAL_ID_WORDS.search(text):
            return IdentifierKind.NATIONAL_ID
        if _PASSPORT_WORD.search(text):
            return IdentifierKind.PASSPORT
    return default


def parse_documents(text: str, kind: IdentifierKind, label: str | None = None) -> list[Identifier]:
    """Identifiers from free text such as ``(1) K929139 (Tunisian). Issued on 14 Feb 1995``.

    Each numbered item is read on its own; the preamble before the first marker
    (``Qatari passport number (a) ... (b) ...``) is context for all of them. Every number in
    an item becomes an identifier with the item's text as remarks. An item with one number
    gives it the item's country and issue/expiry dates; with several, each number takes them
    from the text that follows it (up to the next number), and its kind (passport or
    national ID) from the words just before it.
    """
    preamble, items = enumerated(text)
    if not items:
        items, preamble = [preamble], ""
    identifiers: list[Identifier] = []
    for item in items:
        context = f"{preamble} {item}".strip()
        spans = number_spans(item)
        for i, span in enumerate(spans):
            before = item[spans[i - 1].end() if i else 0 : span.start()]
            after = item[span.end() : spans[i + 1].start() if i + 1 < len(spans) else len(item)]
            own = context if len(spans) == 1 else after
            kind_of = document_kind((before, after, preamble), kind)
            identifiers.append(_document(span.group(), kind_of, label, own, before, context))
    return identifiers


def _document(
    token: str,
    kind: IdentifierKind,
    label: str | None,
    own: str,
    before: str,
    context: str,
) -> Identifier:
    """One identifier: ``own`` is the text whose dates, country and label are this number's."""
    prefix, number = split_label(token)
    label = label or prefix
    if kind is IdentifierKind.PASSPORT and _DIPLOMATIC.search(own):
        label = label or "Diplomatic passport"
    issued, expires = _document_dates(own)
    country = text_country(own) or (text_country(before) if own != context else None)
    return Identifier(
        kind=kind,
        number=number,
        country=country,
        label=label,
        issued=issued,
        expires=expires,
        remarks=context if context != number else None,
    )


# ---------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------

_PLACEHOLDER_DAY = re.compile(r"^(dd|00)(?=[/.-])", re.IGNORECASE)
_PLACEHOLDER_MONTH = re.compile(r"(?<=[/.-])(mm|00)(?=[/.-])", re.IGNORECASE)


def parse_uk_date(text: str | None) -> PartialDate | None:
    """``24/10/1966``, ``00/00/1970``, ``dd/mm/1970`` or ISO → a date at published precision."""
    value = clean(text)
    if not value:
        return None
    value = _PLACEHOLDER_MONTH.sub("00", _PLACEHOLDER_DAY.sub("00", value))
    return PartialDate.parse(value)


def calendar_date(text: str | None) -> date | None:
    """A full calendar date (``13/04/2018``, ``2024-01-05T00:00:00``), else ``None``."""
    value = clean(text)
    if not value:
        return None
    parsed = parse_uk_date(value[:10] if re.match(r"\d{4}-", value) else value)
    if parsed is None or parsed.precision != "day":
        return None
    return date.fromisoformat(parsed.start)


# ---------------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------------


def name_type(alias_type: str, quality: str = "") -> NameKind:
    """The name kind of an OFSI/FCDO name type (``Prime Alias``, ``AKA``, ``Primary name``...)."""
    value = " ".join(alias_type.lower().split())
    if "low" in quality.lower():
        return NameKind.WEAK
    if value in ("prime alias", "primary name", "primary"):
        return NameKind.PRIMARY
    if value in ("fka", "f.k.a.", "formerly known as"):
        return NameKind.FKA
    if value in ("nka", "n.k.a.", "now known as"):
        return NameKind.NKA
    return NameKind.AKA


def build_name(parts: Sequence[str | None], kind: NameKind, remarks: str | None = None) -> Name:
    """A name from Name 1..Name 6 (given, middles, surname); ``parts`` has those six values."""
    given, *middles, family = [clean(p) for p in parts]
    value = " ".join(p for p in (given, *middles, family) if p)
    middle = " ".join(m for m in middles if m) or None
    split = sum(1 for p in (given, middle, family) if p) >= 2
    return Name(
        value,
        kind,
        script=non_latin_script(value),
        given=given if split else None,
        middle=middle if split else None,
        family=family if split else None,
        remarks=remarks,
    )


def primary_first(names: Iterable[Name]) -> tuple[Name, ...]:
    """Names without repeats, the primary ones first (otherwise in published order)."""
    ordered = list(dedupe(names))
    ordered.sort(key=lambda n: n.kind is not NameKind.PRIMARY)
    return tuple(ordered)


# ---------------------------------------------------------------------------------------------
# Facts both lists read the same way
# ---------------------------------------------------------------------------------------------

_MMSI = re.compile(r"\bMMSI\b(?:\s+(?:number|no\.?))?\s*[:.]?\s*(\d{9})\b", re.IGNORECASE)


def mmsi_numbers(text: str) -> list[str]:
    """MMSI numbers written ``MMSI: 445539000`` in free text."""
    return [m.group(1) for m in _MMSI.finditer(text)]


def parse_birth_dates(values: Iterable[str], notes: list[str]) -> tuple[PartialDate, ...]:
    """Dates of birth at published precision; a value that does not parse goes to ``notes``."""
    dates = []
    for value in values:
        if parsed := parse_uk_date(value):
            dates.append(parsed)
        else:
            notes.append(f"DOB: {value}")
    return dedupe(dates)


def nationality_codes(values: Iterable[str], notes: list[str]) -> tuple[str, ...]:
    """ISO codes of numbered nationality lists; countries not known go to ``notes``."""
    codes = []
    for value in values:
        for item in split_numbered(value):
            code, _qualifier = resolve_country(item)
            if code:
                codes.append(code)
            else:
                notes.append(f"Nationality: {item}")
    return dedupe(codes)


def address_of(
    lines: Sequence[str], postcode: str | None, country_text: str | None
) -> Address | None:
    """An address from its lines, postcode and country (a qualifier goes to remarks)."""
    if not (lines or postcode or country_text):
        return None
    code, qualifier = resolve_country(country_text or "")
    return Address(
        full=", ".join([*lines, *(p for p in (postcode, country_text) if p)]),
        postal_code=postcode,
        country=code,
        country_name=None if code else country_text,
        remarks=qualifier,
    )
