"""The measure catalogue on real designations: the 2020 CAATSA case and the other lists."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest
from tests.conftest import shared_path

from clearance.cli.demo import sample_list_paths
from clearance.enforcement.measures import (
    CATALOGUE,
    Context,
    Verdict,
    is_blocking,
    measures_of,
    rule_for,
    rule_for_measure,
)
from clearance.model import Entity, Measure
from clearance.sources import open_list


@pytest.fixture(scope="module")
def sample() -> dict[str, Entity]:
    entities: dict[str, Entity] = {}
    for path in sample_list_paths():
        entities.update((e.source_ref, e) for e in open_list(path).entities)
    return entities


def _effects(entity: Entity, context: Context) -> dict[str, Verdict]:
    found = {}
    for designation in entity.designations:
        for binding in measures_of(designation):
            effect = binding.rule.effect(context) if binding.rule else None
            if effect:
                found[binding.measure.code] = effect.verdict
    return found


def test_ssb_menu_measures_bind_only_their_contexts(sample: dict[str, Entity]) -> None:
    ssb = sample["27016"]
    (designation,) = ssb.designations
    codes = sorted(b.measure.code for b in measures_of(designation))
    assert codes == [f"CAATSA-235(a)({n})" for n in (1, 12, 2, 3, 4)]
    assert not is_blocking(ssb.designations)  # NS-MBS: a payment to SSB is not blocked
    assert _effects(ssb, Context.PAYMENT) == {}
    assert _effects(ssb, Context.EXPORT_LICENCE) == {"CAATSA-235(a)(2)": Verdict.DENY}
    assert _effects(ssb, Context.EXIM_ASSISTANCE) == {"CAATSA-235(a)(1)": Verdict.DENY}
    assert _effects(ssb, Context.IFI_LOAN) == {"CAATSA-235(a)(4)": Verdict.DENY}
    assert _effects(ssb, Context.CREDIT) == {"CAATSA-235(a)(3)": Verdict.LIMIT}
    cap = rule_for("CAATSA-235(a)(3)").effect(Context.CREDIT)
    assert (cap.cap, cap.cap_currency, cap.window_days) == (Decimal("10000000"), "USD", 365)


def test_demir_is_blocked_and_excluded(sample: dict[str, Entity]) -> None:
    demir = sample["27018"]
    assert is_blocking(demir.designations)
    payment = _effects(demir, Context.PAYMENT)
    assert payment["OFAC-SDN-BLOCKING"] is Verdict.BLOCK
    assert payment["CAATSA-235(a)(9)"] is Verdict.BLOCK
    assert payment["CAATSA-235(a)(8)"] is Verdict.REJECT
    block = rule_for("CAATSA-235(a)(9)").effect(Context.PAYMENT)
    assert "10 business days" in block.report
    assert _effects(sample["30685"], Context.VISA)["CAATSA-235(a)(11)"] is Verdict.DENY


def test_list_defaults_apply_when_no_measure_is_named(sample: dict[str, Entity]) -> None:
    plain_sdn = next(
        e
        for e in sample.values()
        if e.lists == ("SDN",) and not any(d.measures for d in e.designations)
    )
    (binding,) = measures_of(plain_sdn.designations[0])
    assert binding.from_list_default and binding.measure.code == "OFAC-SDN-BLOCKING"
    cmic = next(e for e in sample.values() if "CMIC" in e.lists)
    assert _effects(cmic, Context.INVESTMENT) == {"CMIC-SECURITIES": Verdict.REJECT}
    assert not is_blocking(cmic.designations)


def test_directives_are_read_from_their_codes() -> None:
    assert rule_for("EO13662-DIRECTIVE-4").effect(Context.EXPORT_LICENCE).verdict is Verdict.DENY
    assert rule_for("EO14024-DIRECTIVE-4").effect(Context.PAYMENT).verdict is Verdict.REJECT
    assert rule_for("EO13662-DIRECTIVE-1").effect(Context.CREDIT).verdict is Verdict.REVIEW
    assert rule_for("NO-SUCH-MEASURE") is None


def test_catalogue_is_well_formed() -> None:
    for code, rule in CATALOGUE.items():
        assert rule.code == code and rule.name and rule.legal_basis
        for context, effect in rule.effects.items():
            assert isinstance(context, Context) and effect.action
            if effect.verdict is Verdict.LIMIT:
                assert effect.cap and effect.window_days
    assert [v.severity for v in Verdict] == sorted(v.severity for v in Verdict)


def test_un_and_uk_freezes(shared) -> None:  # type: ignore[no-untyped-def]
    un = next(iter(open_list(shared.path("lists", "un-2026", "UN_consolidated.xml")).entities))
    assert is_blocking(un.designations)
    assert _effects(un, Context.VISA) == {"UN-TRAVEL-BAN": Verdict.DENY}
    uk_path = shared.path("lists", "uk-ofsi-2018", "sanctionsconlist.csv")
    uk = next(iter(open_list(uk_path).entities))
    assert _effects(uk, Context.PAYMENT) == {"UK-ASSET-FREEZE": Verdict.BLOCK}


def test_every_published_ofac_measure_has_a_rule() -> None:
    codes: Counter[Measure] = Counter()
    for parts in (("lists", "ofac-sdn-2024", "sdn.csv"), ("lists", "ofac-cons-2025")):
        for entity in open_list(shared_path(*parts)).entities:
            codes.update(m for d in entity.designations for m in d.measures)
    missing = {m.code: n for m, n in codes.items() if rule_for_measure(m) is None}
    assert not missing, missing
    iran_blocking = next(m for m in codes if m.code == "EO13846-5(a)(iv)")
    assert rule_for_measure(iran_blocking).blocking
