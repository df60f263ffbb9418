"""The measure catalogue: what each published measure binds, context by context, as data.

A designation carries measures as codes (``CAATSA-235(a)(2)``, ``EO13662-DIRECTIVE-1``,
``UK-ASSET-FREEZE``...; see :mod:`clearance.sources.ofac_remarks`). This module says, for each
code, which contexts it binds and what must happen there: the verdict, the action, the report
owed, and for the CAATSA §235(a)(3) loan cap its amount and window. Where a listing names no
measures, its list's defaults apply (an SDN listing always blocks, whatever else it names).

Verdicts, most severe first: BLOCK (freeze and report), REJECT (refuse and report), DENY (a
licence, visa, loan or assistance is not granted), LIMIT (allowed up to a cap), REVIEW (an
analyst must look), CLEAR. Decisions (``clearance.enforcement.decide``) take the most severe
verdict over every binding measure of every matched party.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from clearance.model import Designation, ListCode, Measure


class Verdict(StrEnum):
    CLEAR = "CLEAR"
    REVIEW = "REVIEW"
    LIMIT = "LIMIT"
    DENY = "DENY"
    REJECT = "REJECT"
    BLOCK = "BLOCK"

    @property
    def severity(self) -> int:
        return _SEVERITY[self]


_SEVERITY = {v: i for i, v in enumerate(Verdict)}


class Context(StrEnum):
    ONBOARDING = "onboarding"
    PAYMENT = "payment"
    CREDIT = "credit"
    EXPORT_LICENCE = "export-licence"
    EXIM_ASSISTANCE = "exim-assistance"
    IFI_LOAN = "ifi-loan"
    INVESTMENT = "investment"
    FX = "fx"
    PROCUREMENT = "procurement"
    VISA = "visa"


_ONBOARDING_PAYMENT = (Context.ONBOARDING, Context.PAYMENT)
FINANCIAL_CONTEXTS = (
    Context.ONBOARDING,
    Context.PAYMENT,
    Context.CREDIT,
    Context.INVESTMENT,
    Context.FX,
    Context.EXIM_ASSISTANCE,
    Context.IFI_LOAN,
    Context.PROCUREMENT,
    Context.EXPORT_LICENCE,
)

OFAC_BLOCKED_REPORT = "Blocked Property Report to OFAC within 10 business days (31 CFR 501.603)"
OFAC_REJECTED_REPORT = (
    "Rejected Transaction Report to OFAC within 10 business days (31 CFR 501.604)"
)
UK_REPORT = "Report to OFSI as soon as practicable (frozen assets and the suspected breach)"
EU_REPORT = "Report to the national competent authority (frozen funds, Art. 8 of the regulation)"
UN_REPORT = "Freeze and report under the national law implementing the UN resolution"


@dataclass(frozen=True)
class Effect:
    """What a measure requires in one context."""

    verdict: Verdict
    action: str
    report: str | None = None
    cap: Decimal | None = None  # LIMIT: the most that may be extended in the window
    cap_currency: str | None = None
    window_days: int | None = None


@dataclass(frozen=True)
class MeasureRule:
    """The catalogue entry for one measure code."""

    code: str
    name: str
    legal_basis: str
    blocking: bool  # passes down to owned entities under the 50% rule
    effects: Mapping[Context, Effect] = field(default_factory=dict)

    def effect(self, context: Context) -> Effect | None:
        return self.effects.get(context)


def _everywhere(verdict: Verdict, action: str, report: str | None) -> dict[Context, Effect]:
    return {context: Effect(verdict, action, report) for context in FINANCIAL_CONTEXTS}


def _review_in(action: str, contexts: Iterable[Context]) -> dict[Context, Effect]:
    return {context: Effect(Verdict.REVIEW, action) for context in contexts}


_SECONDARY = "Non-US persons dealing with it risk secondary sanctions"


def _caatsa(section: int, name: str, effects: dict[Context, Effect], blocking=False) -> MeasureRule:  # type: ignore[no-untyped-def]
    code = f"CAATSA-235(a)({section})"
    return MeasureRule(code, name, f"CAATSA Sec. 235(a)({section})", blocking, effects)


_SDN_BLOCKING = MeasureRule(
    "OFAC-SDN-BLOCKING",
    "SDN listing: all property and interests in property blocked",
    "31 CFR 501; the program's E.O. and regulations",
    True,
    {
        **_everywhere(
            Verdict.BLOCK,
            "Block (freeze) the funds or property; no transaction may proceed",
            OFAC_BLOCKED_REPORT,
        ),
        Context.VISA: Effect(
            Verdict.REVIEW,
            "SDN listing; visa ineligibility depends on the program (consult the program)",
        ),
    },
)

CAATSA_MEASURES = (
    _caatsa(
        1,
        "EXPORT-IMPORT BANK ASSISTANCE FOR EXPORTS TO SANCTIONED PERSONS",
        {
            Context.EXIM_ASSISTANCE: Effect(
                Verdict.DENY, "No Export-Import Bank guarantee, insurance or credit"
            )
        },
    ),
    _caatsa(
        2,
        "EXPORT SANCTIONS",
        {
            Context.EXPORT_LICENCE: Effect(
                Verdict.DENY, "No licence or authority for exports of US goods or technology"
            )
        },
    ),
    _caatsa(
        3,
        "LOANS FROM UNITED STATES FINANCIAL INSTITUTIONS",
        {
            Context.CREDIT: Effect(
                Verdict.LIMIT,
                "Loans from any one US financial institution capped at USD 10,000,000 in any "
                "12-month period, counted regardless of repayment (OFAC FAQ 870)",
                cap=Decimal("10000000"),
                cap_currency="USD",
                window_days=365,
            )
        },
    ),
    _caatsa(
        4,
        "LOANS FROM INTERNATIONAL FINANCIAL INSTITUTIONS",
        {
            Context.IFI_LOAN: Effect(
                Verdict.DENY, "The United States opposes any loan from an international lender"
            )
        },
    ),
    _caatsa(
        5,
        "PROHIBITIONS ON FINANCIAL INSTITUTIONS",
        {
            Context.ONBOARDING: Effect(
                Verdict.REVIEW,
                "May not be a primary dealer in US government debt or a repository of US funds",
            )
        },
    ),
    _caatsa(
        6,
        "PROCUREMENT SANCTION",
        {Context.PROCUREMENT: Effect(Verdict.DENY, "No US government procurement contract")},
    ),
    _caatsa(
        7,
        "FOREIGN EXCHANGE",
        {
            Context.FX: Effect(
                Verdict.REJECT,
                "No foreign exchange transaction subject to US jurisdiction in which the "
                "person has an interest",
                OFAC_REJECTED_REPORT,
            )
        },
    ),
    _caatsa(
        8,
        "BANKING TRANSACTIONS",
        {
            Context.PAYMENT: Effect(
                Verdict.REJECT,
                "No transfer of credit or payment through or to a US financial institution "
                "in which the person has an interest",
                OFAC_REJECTED_REPORT,
            )
        },
    ),
    _caatsa(
        9,
        "BLOCKING PROPERTY AND INTERESTS IN PROPERTY",
        _everywhere(
            Verdict.BLOCK,
            "Block all property and interests in property subject to US jurisdiction",
            OFAC_BLOCKED_REPORT,
        ),
        blocking=True,
    ),
    _caatsa(
        10,
        "BAN ON INVESTMENT IN EQUITY OR DEBT OF SANCTIONED PERSON",
        {
            Context.INVESTMENT: Effect(
                Verdict.REJECT,
                "No US person may invest in or purchase significant equity or debt",
                OFAC_REJECTED_REPORT,
            )
        },
    ),
    _caatsa(
        11,
        "EXCLUSION OF CORPORATE OFFICERS",
        {Context.VISA: Effect(Verdict.DENY, "Visa denied; the person is excluded from the US")},
    ),
    _caatsa(
        12,
        "SANCTIONS ON PRINCIPAL EXECUTIVE OFFICERS",
        {
            Context.ONBOARDING: Effect(
                Verdict.REVIEW,
                "The entity's principal executive officers are themselves sanctioned: screen them",
            )
        },
    ),
)

# Sectoral (SSI) and other OFAC directives: which transactions with the party are prohibited.
_DIRECTIVE_TERMS = {
    ("13662", "1"): "new debt of longer than 14 days maturity or new equity (financial sector)",
    ("13662", "2"): "new debt of longer than 60 days maturity (energy sector)",
    ("13662", "3"): "new debt of longer than 30 days maturity (defence sector)",
    ("13662", "4"): "goods, services or technology for deepwater, Arctic offshore or shale "
    "oil projects",
    ("14024", "1A"): "the secondary market for bonds issued after the effective date",
    ("14024", "2"): "opening or maintaining correspondent or payable-through accounts, "
    "processing transactions involving the institution",
    ("14024", "3"): "new debt of longer than 14 days maturity or new equity",
    ("14024", "4"): "any transaction involving the Central Bank, National Wealth Fund or "
    "Ministry of Finance of the Russian Federation",
    ("14014", "1"): "financial services to or for the benefit of the entity",
}


def _directive_rule(eo: str, directive: str) -> MeasureRule:
    terms = _DIRECTIVE_TERMS.get((eo, directive.upper()), f"the terms of Directive {directive}")
    code = f"EO{eo}-DIRECTIVE-{directive}"
    basis = f"E.O. {eo} Directive {directive}"
    action = f"Prohibited: {terms}"
    effects: dict[Context, Effect]
    if (eo, directive) == ("13662", "4"):
        effects = {Context.EXPORT_LICENCE: Effect(Verdict.DENY, action)}
    elif (eo, directive.upper()) in {("14024", "4"), ("14014", "1")}:
        effects = {
            c: Effect(Verdict.REJECT, action, OFAC_REJECTED_REPORT)
            for c in (Context.PAYMENT, Context.CREDIT, Context.INVESTMENT, Context.FX)
        }
    elif (eo, directive) == ("14024", "2"):
        effects = {Context.PAYMENT: Effect(Verdict.REJECT, action, OFAC_REJECTED_REPORT)}
    else:  # debt / equity directives: the instrument's maturity decides
        effects = {
            Context.CREDIT: Effect(Verdict.REVIEW, f"{action}: check the maturity"),
            Context.INVESTMENT: Effect(Verdict.REVIEW, f"{action}: check the instrument"),
        }
    return MeasureRule(code, f"Subject to Directive {directive}", basis, False, effects)


FIFTY_PERCENT_RULE = "OFAC-50-PERCENT-RULE"

_OTHER_RULES = (
    _SDN_BLOCKING,
    MeasureRule(
        FIFTY_PERCENT_RULE,
        "Owned 50% or more in the aggregate by blocked persons",
        "OFAC guidance on entities owned by blocked persons (2014), FAQs 398-402",
        True,
        dict(_SDN_BLOCKING.effects),
    ),
    MeasureRule(
        "OFAC-BLOCK",
        "Blocking (the Advanced XML's sanctions type Block)",
        "the program's E.O. and regulations",
        True,
        dict(_SDN_BLOCKING.effects),
    ),
    MeasureRule(
        "OFAC-REJECT",
        "Transactions to be rejected (the Advanced XML's sanctions type Reject)",
        "the program's E.O. and regulations",
        False,
        _everywhere(Verdict.REJECT, "Reject the transaction", OFAC_REJECTED_REPORT),
    ),
    MeasureRule(
        "CAPTA-CORRESPONDENT-ACCOUNT",
        "Correspondent or payable-through account prohibition (CAPTA list)",
        "31 CFR 561.201",
        False,
        {
            Context.ONBOARDING: Effect(
                Verdict.DENY, "No correspondent or payable-through account may be opened"
            ),
            Context.PAYMENT: Effect(
                Verdict.REJECT,
                "No payment through a correspondent or payable-through account for it",
                OFAC_REJECTED_REPORT,
            ),
        },
    ),
    MeasureRule(
        "CMIC-SECURITIES",
        "Chinese Military-Industrial Complex company: securities purchase prohibition",
        "E.O. 13959 as amended by E.O. 14032",
        False,
        {
            Context.INVESTMENT: Effect(
                Verdict.REJECT,
                "No purchase of its publicly traded securities (or derivatives of them)",
                OFAC_REJECTED_REPORT,
            )
        },
    ),
    MeasureRule(
        "NS-PLC-LISTING",
        "Non-SDN Palestinian Legislative Council listing",
        "31 CFR 594; OFAC general licences for the PLC",
        False,
        _review_in("Not blocked; check the general licence terms", _ONBOARDING_PAYMENT),
    ),
    MeasureRule(
        "NS-MBS-LISTING",
        "Non-SDN menu-based sanctions listing whose menu items are not published",
        "the program's statute or E.O.",
        False,
        _review_in("Menu-based sanctions: obtain the measures imposed", Context),
    ),
    MeasureRule(
        "SECONDARY-SANCTIONS-RISK",
        "Secondary sanctions risk for non-US persons",
        "as published",
        False,
        _review_in(_SECONDARY, _ONBOARDING_PAYMENT),
    ),
    MeasureRule(
        "SECONDARY-SANCTIONS",
        "Subject to secondary sanctions",
        "as published",
        False,
        _review_in(_SECONDARY, _ONBOARDING_PAYMENT),
    ),
    MeasureRule(
        "FI-OWNED-CONTROLLED-PROHIBITION",
        "Transactions prohibited for persons owned or controlled by US financial institutions",
        "as published",
        False,
        {
            Context.PAYMENT: Effect(
                Verdict.REJECT,
                "Foreign entities owned or controlled by a US financial institution may not "
                "deal with it",
                OFAC_REJECTED_REPORT,
            )
        },
    ),
    MeasureRule(
        "UN-ASSET-FREEZE",
        "UN Security Council asset freeze",
        "the regime's Security Council resolutions",
        True,
        _everywhere(
            Verdict.BLOCK, "Freeze funds and economic resources; make none available", UN_REPORT
        ),
    ),
    MeasureRule(
        "UN-TRAVEL-BAN",
        "UN Security Council travel ban",
        "the regime's Security Council resolutions",
        False,
        {Context.VISA: Effect(Verdict.DENY, "Entry or transit refused (UN travel ban)")},
    ),
    MeasureRule(
        "EU-ASSET-FREEZE",
        "EU asset freeze",
        "the regime's Council regulation",
        True,
        _everywhere(
            Verdict.BLOCK, "Freeze funds and economic resources; make none available", EU_REPORT
        ),
    ),
    MeasureRule(
        "UK-ASSET-FREEZE",
        "UK asset freeze",
        "the regime's regulations under SAMLA 2018",
        True,
        _everywhere(
            Verdict.BLOCK, "Freeze funds and economic resources; make none available", UK_REPORT
        ),
    ),
    MeasureRule(
        "UK-TRAVEL-BAN",
        "UK travel ban",
        "the regime's regulations under SAMLA 2018",
        False,
        {Context.VISA: Effect(Verdict.DENY, "Entry refused (UK immigration ban)")},
    ),
    MeasureRule(
        "UK-TRUST-SERVICES",
        "UK trust services sanctions",
        "the regime's regulations under SAMLA 2018",
        False,
        {Context.ONBOARDING: Effect(Verdict.DENY, "No trust services may be provided")},
    ),
)

CATALOGUE: dict[str, MeasureRule] = {rule.code: rule for rule in (*CAATSA_MEASURES, *_OTHER_RULES)}

# Measures a list imposes when a listing names none (OFAC SDN: always).
LIST_DEFAULTS: dict[ListCode, tuple[str, ...]] = {
    ListCode.SDN: ("OFAC-SDN-BLOCKING",),
    ListCode.FSE: (),
    ListCode.NS_MBS: ("NS-MBS-LISTING",),
    ListCode.CAPTA: ("CAPTA-CORRESPONDENT-ACCOUNT",),
    ListCode.CMIC: ("CMIC-SECURITIES",),
    ListCode.NS_PLC: ("NS-PLC-LISTING",),
    ListCode.UN_CONSOLIDATED: ("UN-ASSET-FREEZE", "UN-TRAVEL-BAN"),
    ListCode.EU_FSF: ("EU-ASSET-FREEZE",),
    ListCode.UK_CONSOLIDATED: ("UK-ASSET-FREEZE",),
}
ALWAYS: dict[ListCode, tuple[str, ...]] = {ListCode.SDN: ("OFAC-SDN-BLOCKING",)}

_DIRECTIVE = re.compile(r"^EO(?P<eo>\d+)-DIRECTIVE-(?P<d>\w+)$")


def rule_for(code: str) -> MeasureRule | None:
    """The catalogue entry for a measure code (directives are built from their table)."""
    rule = CATALOGUE.get(code)
    if rule is None and (m := _DIRECTIVE.match(code)):
        rule = _directive_rule(m.group("eo"), m.group("d"))
    return rule


# Other menu-based programs (E.O. 13846 Iran, E.O. 14059 narcotics, IFCA) publish the same
# menu items under their own section numbers: the published label says which item it is.
_MENU_LABELS = (
    ("LOANS FROM UNITED STATES FINANCIAL INSTITUTIONS", 3),
    ("FOREIGN EXCHANGE", 7),
    ("BANKING TRANSACTIONS", 8),
    ("BLOCKING PROPERTY", 9),
    ("INVESTMENT IN EQUITY OR DEBT", 10),
    ("EXCLUSION OF CORPORATE OFFICERS", 11),
    ("PRINCIPAL EXECUTIVE OFFICERS", 12),
    ("EXPORT SANCTIONS", 2),
)
_EO14059 = {
    "EO14059-FOREIGN-EXCHANGE": 7,
    "EO14059-EQUITY-DEBT": 10,
    "EO14059-BLOCKING": 9,
    "EO14059-EXPORT": 2,
}


def rule_for_measure(measure: Measure) -> MeasureRule | None:
    """The rule for a published measure: by code, else by the menu item its label names."""
    rule = rule_for(measure.code)
    if rule is not None:
        return rule
    basis = measure.legal_basis or measure.code
    if measure.code == "EO14059-LOANS":
        effect = Effect(Verdict.DENY, "No loan or credit from a US financial institution")
        return MeasureRule(measure.code, measure.label, basis, False, {Context.CREDIT: effect})
    section = _EO14059.get(measure.code)
    label = measure.label.upper()
    if section is None and measure.code.startswith("EO"):
        section = next((n for words, n in _MENU_LABELS if words in label), None)
    if section is not None:
        template = CATALOGUE[f"CAATSA-235(a)({section})"]
        return MeasureRule(measure.code, measure.label, basis, template.blocking, template.effects)
    if measure.code.startswith("EO") and "IMPORT" in label:
        effect = Effect(Verdict.REVIEW, "Imports of its goods, technology or services restricted")
        return MeasureRule(measure.code, measure.label, basis, False, {Context.PAYMENT: effect})
    if measure.code == "IFCA-DETERMINATION":
        action = f"IFCA determination ({measure.label}): secondary sanctions risk"
        effects = _review_in(action, _ONBOARDING_PAYMENT)
        return MeasureRule(measure.code, measure.label, basis, False, effects)
    return None


@dataclass(frozen=True)
class BindingMeasure:
    """A measure of a designation with its catalogue rule (None: not in the catalogue)."""

    measure: Measure
    rule: MeasureRule | None
    from_list_default: bool


def measures_of(designation: Designation) -> list[BindingMeasure]:
    """Every measure a designation imposes: those it names plus its list's defaults."""
    named = [BindingMeasure(m, rule_for_measure(m), False) for m in designation.measures]
    codes = {m.code for m in designation.measures}
    defaults = ALWAYS.get(designation.list_code, ())
    if not named:
        defaults = LIST_DEFAULTS.get(designation.list_code, ())
    for code in defaults:
        if code in codes:
            continue
        rule = CATALOGUE[code]
        named.append(BindingMeasure(Measure(code, rule.name, rule.legal_basis), rule, True))
    return named


def is_blocking(designations: Iterable[Designation]) -> bool:
    """Does any designation block property (and so pass down under the 50% rule)?"""
    return any(b.rule is not None and b.rule.blocking for d in designations for b in measures_of(d))
