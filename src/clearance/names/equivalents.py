"""Name equivalences: nicknames and cross-language forms, and spelling classes.

Owns :func:`equivalent_forms` (a token's nicknames, short forms and other-language forms,
from :mod:`._nicknames`, plus its spelling class) and :func:`canonical_token` (one
representative of a VERY common spelling class — Arabic name words from the romanisation
table, ``abd``/``abdul``/``abdel``, Russian given-name transliterations, ``-skiy``/``-sky``
surnames — never a nickname).
"""

from __future__ import annotations

import re
from functools import lru_cache

from clearance.names import _nicknames
from clearance.names._arabic import SPELLING_CANONICAL

# Transliteration spelling classes of common Russian/Slavic given names (canonical first).
_RUSSIAN_SPELLINGS = """
yuriy yuri yury iurii jurij yurii
dmitriy dmitry dmitrii dmitri dmitrij
sergey sergei sergej serguei sergii
aleksey alexey alexei aleksei alexej aleksej oleksiy
aleksandr alexandr aleksander
andrey andrei andrej andrii
nikolay nikolai nikolaj
yevgeniy evgeny evgeniy yevgeny evgenii evgenij yevgenii
vasiliy vasily vasilii vasilij
grigoriy grigory grigorii grigorij
anatoliy anatoly anatolii anatolij
valeriy valery valerii valerij
gennadiy gennady gennadii gennadij
georgiy georgy georgii georgij
vitaliy vitaly vitalii vitalij
arkadiy arkady arkadii arkadij
mikhail mikhael mihail
ilya ilia ilja
pyotr petr
fyodor fedor feodor
semyon semen
artyom artem
yelena elena jelena
yekaterina ekaterina jekaterina
yuliya yulia iuliia julija
natalya natalia nataliya natalja
tatyana tatiana tatiana tatjana
mariya maria mariia marija
kseniya ksenia kseniia
anastasiya anastasia anastasiia
darya daria dariya
sofiya sofia sofya
olga olha
vladimir wladimir
vyacheslav viacheslav
yevgeniya evgenia evgeniya
"""

_EXTRA_SPELLINGS = """
abdul abd abdel abdal abdol abdoul abdu
bin ibn
abu abou abo
husayn hussein husain hussain hossein husein houssein hussien huseyn
muhammad mohammed mohamed mohammad mohamad muhamad muhammed mohamud mohd mukhammad mouhamed mohammod
uddin eddine eddin addin aldin uddeen
ullah allah ollah
"""

_SKIY = re.compile(r"(?<=[sz]k|ck)(?:iy|ii|ij|yy|yi)$")


def _spelling_classes() -> dict[str, str]:
    canonical = dict(SPELLING_CANONICAL)
    for block in (_RUSSIAN_SPELLINGS, _EXTRA_SPELLINGS):
        for line in block.strip().splitlines():
            words = line.split()
            for w in words:
                canonical[w] = words[0]
    return canonical


_CANONICAL = _spelling_classes()


def _groups() -> dict[str, frozenset[str]]:
    member: dict[str, set[str]] = {}
    for block in (
        _nicknames.ENGLISH,
        _nicknames.ENGLISH_MORE,
        _nicknames.RUSSIAN,
        _nicknames.CROSS,
    ):
        for line in block.strip().splitlines():
            words = set(line.split())
            for w in words:
                member.setdefault(w, set()).update(words)
    classes: dict[str, set[str]] = {}
    for token, head in _CANONICAL.items():
        classes.setdefault(head, set()).add(token)
    for head, spellings in classes.items():
        spellings.add(head)
        for w in spellings:
            member.setdefault(w, set()).update(spellings)
    return {k: frozenset(v) for k, v in member.items()}


_GROUPS = _groups()


@lru_cache(maxsize=65536)
def canonical_token(token: str) -> str:
    """One representative of ``token``'s spelling class (``mohammed`` → ``muhammad``,
    ``abdel`` → ``abdul``, ``hussein`` → ``husayn``, ``dmitry`` → ``dmitriy``,
    ``chaikovskiy`` → ``chaikovsky``); the token itself when it has none. Nicknames are not
    merged (``bill`` stays ``bill``)."""
    if token in _CANONICAL:
        return _CANONICAL[token]
    if len(token) > 5 and token[-1] in "iyj":
        stem = _SKIY.sub("y", token)
        if stem != token:
            return stem
    return token


@lru_cache(maxsize=65536)
def equivalent_forms(token: str) -> frozenset[str]:
    """Folded forms denoting the same given name: nicknames and short forms, other-language
    forms of common names and the token's spelling class; always includes ``token``."""
    forms = set(_GROUPS.get(token, ()))
    canon = canonical_token(token)
    if canon != token:
        forms.add(canon)
        forms.update(_GROUPS.get(canon, ()))
    forms.add(token)
    return frozenset(forms)
