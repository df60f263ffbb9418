"""The OFAC remarks grammar: real remarks, hand-written edge cases, and grammar properties."""

from __future__ import annotations

import collections
import csv
import datetime
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clearance.model import (
    Gender,
    Identifier,
    IdentifierKind,
    Measure,
    NameKind,
    PartialDate,
    RelationKind,
)
from clearance.model.countries import country_code
from clearance.sources.ofac_remarks import (
    IDENTIFIER_HEADS,
    parse_remarks,
    split_items,
    strip_terminal_period,
)
from conftest import shared_path

# Remarks exactly as OFAC published them (ofac-sdn-2021 / ofac-cons-2025).
DEMIR = (
    "DOB 01 Apr 1960; POB Elazig, Turkey; CAATSA Section 235 Information: SANCTIONS ON "
    "PRINCIPAL EXECUTIVE OFFICERS. Sec 235(a)(12); alt. CAATSA Section 235 Information: "
    "BLOCKING PROPERTY AND INTERESTS IN PROPERTY. Sec 235(a)(9); alt. CAATSA Section 235 "
    "Information: FOREIGN EXCHANGE. Sec 235(a)(7); alt. CAATSA Section 235 Information: BANKING "
    "TRANSACTIONS. Sec 235(a)(8); alt. CAATSA Section 235 Information: EXCLUSION OF CORPORATE "
    "OFFICERS. Sec 235(a)(11); Turkish Identification Number 37435275130 (Turkey); SSB Chairman; "
    "Linked To: PRESIDENCY OF DEFENSE INDUSTRIES."
)
SSB = (
    "CAATSA Section 235 Information: EXPORT SANCTIONS Sec. 235(a)(2); alt. CAATSA Section 235 "
    "Information: LOANS FROM UNITED STATES FINANCIAL INSTITUTIONS. Sec. 235(a)(3); alt. CAATSA "
    "Section 235 Information: LOANS FROM INTERNATIONAL FINANCIAL INSTITUTIONS. Sec. 235(a)(4); "
    "alt. CAATSA Section 235 Information: SANCTIONS ON PRINCIPAL EXECUTIVE OFFICERS. Sec "
    "235(a)(12); alt. CAATSA Section 235 Information: EXPORT-IMPORT BANK ASSISTANCE FOR EXPORTS "
    "TO SANCTIONED PERSONS. Sec. 235(a)(1); a.k.a. 'SSB'; a.k.a. 'SSM'."
)


def test_demir_remarks() -> None:
    parsed = parse_remarks(DEMIR, titles=["SSB Chairman"])
    assert parsed.birth_dates == [PartialDate("1960-04-01")]
    assert parsed.birth_places == ["Elazig, Turkey"]
    assert parsed.identifiers == [
        Identifier(
            IdentifierKind.NATIONAL_ID,
            "37435275130",
            country="tr",
            label="Turkish Identification Number",
        )
    ]
    assert parsed.titles == ["SSB Chairman"]
    assert [(r.kind, r.target_name) for r in parsed.relationships] == [
        (RelationKind.LINKED_TO, "PRESIDENCY OF DEFENSE INDUSTRIES")
    ]
    assert [m.code for m in parsed.measures] == [
        "CAATSA-235(a)(12)",
        "CAATSA-235(a)(9)",
        "CAATSA-235(a)(7)",
        "CAATSA-235(a)(8)",
        "CAATSA-235(a)(11)",
    ]
    assert parsed.measures[2] == Measure(
        "CAATSA-235(a)(7)", "FOREIGN EXCHANGE", "CAATSA Sec. 235(a)(7)"
    )
    assert parsed.unparsed == [] and parsed.item_count == 10


def test_ssb_caatsa_measures_and_weak_aliases() -> None:
    parsed = parse_remarks(SSB)
    assert {m.code: m.label for m in parsed.measures} == {
        "CAATSA-235(a)(2)": "EXPORT SANCTIONS",  # "Sec." and no period before it
        "CAATSA-235(a)(3)": "LOANS FROM UNITED STATES FINANCIAL INSTITUTIONS",
        "CAATSA-235(a)(4)": "LOANS FROM INTERNATIONAL FINANCIAL INSTITUTIONS",
        "CAATSA-235(a)(12)": "SANCTIONS ON PRINCIPAL EXECUTIVE OFFICERS",  # "Sec" no dot
        "CAATSA-235(a)(1)": "EXPORT-IMPORT BANK ASSISTANCE FOR EXPORTS TO SANCTIONED PERSONS",
    }
    assert all(m.legal_basis == f"CAATSA Sec. {m.code[7:]}" for m in parsed.measures)
    # Remarks aliases are OFAC's weak aliases (strong ones are in alt.csv).
    assert [(n.value, n.kind, n.remarks) for n in parsed.names] == [
        ("SSB", NameKind.WEAK, "a.k.a."),
        ("SSM", NameKind.WEAK, "a.k.a."),
    ]
    assert parsed.unparsed == []


def test_passport_with_dates_and_places() -> None:
    parsed = parse_remarks(
        "Passport S00499470 (Turkey) expires 15 Sep 2016; alt. Passport G 649385 (Iran) issued "
        "08 Sep 2006 expires 17 Jul 2011; Registration Number HRA 738077 (Stuttgart) (Germany); "
        "Matricula Mercantil No 57622 (Uraba); Diplomatic Passport 008827 (Iran) issued 1999."
    )
    first, second, registration, matricula, diplomatic = parsed.identifiers
    assert first == Identifier(
        IdentifierKind.PASSPORT,
        "S00499470",
        country="tr",
        label="Passport",
        expires=PartialDate("2016-09-15"),
    )
    assert (second.number, second.issued, second.expires) == (
        "G 649385",
        PartialDate("2006-09-08"),
        PartialDate("2011-07-17"),
    )
    assert (registration.number, registration.country, registration.remarks) == (
        "HRA 738077",
        "de",
        "Stuttgart",
    )
    assert (matricula.kind, matricula.country, matricula.remarks) == (
        IdentifierKind.REGISTRATION,
        None,
        "Uraba",
    )
    assert (diplomatic.kind, diplomatic.issued) == (IdentifierKind.PASSPORT, PartialDate("1999"))


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("DOB 10 Dec 1948", PartialDate("1948-12-10")),
        ("DOB circa 1951", PartialDate("1951", circa=True)),
        ("DOB 1960 to 1962", PartialDate("1960", "1962")),
        ("alt. DOB Mar 1945", PartialDate("1945-03")),
        ("DOB 01 Feb 1958 to 28 Feb 1958", PartialDate("1958-02-01", "1958-02-28")),
        ("DOB circa 1979-1982", PartialDate("1979", "1982", circa=True)),
        ("Alt. DOB: 10 October 1969", PartialDate("1969-10-10")),
    ],
)
def test_birth_dates(item: str, expected: PartialDate) -> None:
    assert parse_remarks(item).birth_dates == [expected]


@pytest.mark.parametrize(
    ("item", "kind", "number", "label"),
    [
        ("Vessel Registration Identification IMO 9187629", IdentifierKind.IMO, "9187629", None),
        ("Identification Number IMO 5342883", IdentifierKind.IMO, "5342883", None),
        ("Vessel Registration Identification 8606173", IdentifierKind.IMO, "8606173", None),
        ("MMSI 572469210", IdentifierKind.MMSI, "572469210", None),
        ("SWIFT/BIC VTBRRUMM", IdentifierKind.BIC, "VTBRRUMM", None),
        ("Legal Entity Number 253400V1H6ART1UQ0N98", IdentifierKind.LEI, None, None),
        ("BIK (RU) 044030707", IdentifierKind.OTHER, "044030707", "BIK (RU)"),
        (
            "Digital Currency Address - XBT 12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h",
            IdentifierKind.CRYPTO_WALLET,
            "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h",
            "Digital Currency Address - XBT",
        ),
        (
            "Aircraft Manufacturer's Serial Number (MSN) 1023409321",
            IdentifierKind.AIRCRAFT_SERIAL,
            "1023409321",
            None,
        ),
        ("Aircraft Tail Number RA-76842", IdentifierKind.REGISTRATION, "RA-76842", None),
        ("Other Vessel Call Sign 9LY2299", IdentifierKind.CALL_SIGN, "9LY2299", None),
        ("Cedula No. 6068015 (Colombia)", IdentifierKind.NATIONAL_ID, "6068015", None),
        ("C.U.R.P. ROAR670102HSRDLM05 (Mexico)", IdentifierKind.NATIONAL_ID, None, None),
        ("R.F.C. SAEA740214 (Mexico)", IdentifierKind.TAX_ID, "SAEA740214", None),
        ("NIT # 800018928-0 (Colombia)", IdentifierKind.TAX_ID, "800018928-0", None),
        ("RUC # 20108363101 (Peru)", IdentifierKind.TAX_ID, None, None),
        ("V.A.T. Number BG 121024920 (Bulgaria)", IdentifierKind.TAX_ID, "BG 121024920", None),
        (
            "Unified Social Credit Code (USCC) 9111000071093019X7 (China)",
            IdentifierKind.REGISTRATION,
            "9111000071093019X7",
            "Unified Social Credit Code (USCC)",
        ),
        ("Government Gazette Number 00032520 (Russia)", IdentifierKind.REGISTRATION, None, None),
        ("Equity Ticker CHA US", IdentifierKind.OTHER, "CHA US", "Equity Ticker"),
        ("ISIN US1694261033", IdentifierKind.OTHER, "US1694261033", "ISIN"),
        ("Afghan Money Service Provider License 021", IdentifierKind.OTHER, "021", None),
    ],
)
def test_identifier_items(
    item: str, kind: IdentifierKind, number: str | None, label: str | None
) -> None:
    parsed = parse_remarks(item)
    assert parsed.unparsed == []
    (identifier,) = parsed.identifiers
    assert identifier.kind is kind
    assert identifier.number == (number or item.rsplit(" (", 1)[0].split()[-1])
    if label:
        assert identifier.label == label


def test_directives_dates_and_other_measures() -> None:
    parsed = parse_remarks(
        "Executive Order 13662 Directive Determination - Subject to Directive 1; "
        "Executive Order 14024 Directive Information Subject to Directive 3 - All transactions "
        "in new debt are prohibited.; Listing Date (EO 14024 Directive 3): 24 Feb 2022; "
        "Effective Date (EO 14024 Directive 3): 26 Mar 2022; "
        "Executive Order 14014 Directive Information: Subject to Directive 1 - As of the "
        "effective date, financial services to MOGE are prohibited.; "
        "Executive Order 14024 Directive Information - For more information on directives, "
        "please visit the following link: https://home.treasury.gov/x#directives; "
        "Effective Date (CMIC) 02 Aug 2021; Purchase/Sales For Divestment Date (CMIC) "
        "03 Jun 2022; Listing Date (CMIC) 03 Jun 2021.; "
        "Secondary sanctions risk: See Section 11 of Executive Order 14024.; "
        "Additional Sanctions Information - Subject to Secondary Sanctions Pursuant to the "
        "Hizballah Financial Sanctions Regulations; Transactions Prohibited For Persons Owned or "
        "Controlled By U.S. Financial Institutions: North Korea Sanctions Regulations section "
        "510.214; Executive Order 13846 information: BANKING TRANSACTIONS.  Sec. 5(a)(iii); "
        "Executive Order 14059 information: Prohibition on any United States financial "
        "institution from making loans or providing credit to this target; "
        "IFCA Determination - Involved in the Shipping Sector; United States financial "
        "institutions are prohibited from opening or maintaining a correspondent account or a "
        "payable-through account for the foreign financial institution listed here, pursuant to "
        "31 C.F.R. section 561.201(c)."
    )
    assert parsed.unparsed == []
    measures = {m.code: m for m in parsed.measures}
    assert measures["EO13662-DIRECTIVE-1"] == Measure(
        "EO13662-DIRECTIVE-1", "Subject to Directive 1", "E.O. 13662 Directive 1"
    )
    assert measures["EO14024-DIRECTIVE-3"].label == (
        "Subject to Directive 3 - All transactions in new debt are prohibited"
    )
    assert measures["EO14014-DIRECTIVE-1"].legal_basis == "E.O. 14014 Directive 1"
    assert measures["SECONDARY-SANCTIONS-RISK"].legal_basis == (
        "See Section 11 of Executive Order 14024"
    )
    assert measures["SECONDARY-SANCTIONS"].legal_basis == (
        "Hizballah Financial Sanctions Regulations"
    )
    assert measures["FI-OWNED-CONTROLLED-PROHIBITION"].legal_basis == (
        "North Korea Sanctions Regulations section 510.214"
    )
    assert measures["EO13846-5(a)(iii)"] == Measure(
        "EO13846-5(a)(iii)", "BANKING TRANSACTIONS", "E.O. 13846 Sec. 5(a)(iii)"
    )
    assert "EO14059-LOANS" in measures
    assert measures["IFCA-DETERMINATION"].label == "Involved in the Shipping Sector"
    assert measures["CAPTA-CORRESPONDENT-ACCOUNT"].legal_basis == "31 C.F.R. 561.201(c)"
    dated = {(d.label, d.scope): d.date for d in parsed.dated}
    assert dated == {
        ("Listing Date", "EO 14024 Directive 3"): PartialDate("2022-02-24"),
        ("Effective Date", "EO 14024 Directive 3"): PartialDate("2022-03-26"),
        ("Effective Date", "CMIC"): PartialDate("2021-08-02"),
        ("Purchase/Sales For Divestment Date", "CMIC"): PartialDate("2022-06-03"),
        ("Listing Date", "CMIC"): PartialDate("2021-06-03"),
    }
    assert any(
        n.startswith("Executive Order 14024 Directive Information - For") for n in parsed.notes
    )


def test_people_and_organisation_facts() -> None:
    parsed = parse_remarks(
        "nationality Turkey; citizen Iran; Gender Female; f.k.a. 'OLD NAME'; "
        "Organization Established Date 17 Oct 1990; Organization Type: Central banking; "
        "Target Type Financial Institution; Website www.vtb.com; Email Address a@b.ru; "
        "Phone Number 982188526300; Telephone: 0097282851500; Vessel Year of Build 1999; "
        "Aircraft Model IL-76; Aircraft Operator YAS AIR; Former Vessel Flag Malta; "
        "wife of Izzat Ibrahim Al-Duri; Member of the State Duma of the Federal Assembly of the "
        "Russian Federation; Linked To: HOTELES Y BIENES S.A.; Linked To: R D I S.A."
    )
    assert parsed.unparsed == []
    assert (parsed.nationalities, parsed.citizenships, parsed.gender) == (
        ["tr"],
        ["ir"],
        Gender.FEMALE,
    )
    assert [(n.value, n.kind, n.remarks) for n in parsed.names] == [
        ("OLD NAME", NameKind.WEAK, "f.k.a.")
    ]
    assert parsed.incorporation_dates == [PartialDate("1990-10-17")]
    assert parsed.websites == ["www.vtb.com"] and parsed.emails == ["a@b.ru"]
    assert parsed.phones == ["982188526300", "0097282851500"]
    assert (parsed.craft_build_year, parsed.craft_model, parsed.craft_operator) == (
        "1999",
        "IL-76",
        "YAS AIR",
    )
    assert "Former Vessel Flag Malta" in parsed.notes
    assert "Organization Type: Central banking" in parsed.notes
    assert parsed.titles == [
        "Member of the State Duma of the Federal Assembly of the Russian Federation"
    ]
    relations = [(r.kind, r.target_name, r.label) for r in parsed.relationships]
    assert relations == [
        (RelationKind.FAMILY_OF, "Izzat Ibrahim Al-Duri", "wife"),
        (RelationKind.LINKED_TO, "HOTELES Y BIENES S.A.", "Linked To"),
        (RelationKind.LINKED_TO, "R D I S.A.", "Linked To"),  # the period is the name's
    ]


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("Linked To: INTERNET RESEARCH AGENCY LLC.", "Linked To: INTERNET RESEARCH AGENCY LLC"),
        ("Linked To: R D I S.A.", "Linked To: R D I S.A."),
        ("Linked To: SAAVEDRA Y CIA. S. EN C.", "Linked To: SAAVEDRA Y CIA. S. EN C."),
        ("Linked To: ANGLO-CARIBBEAN CO., LTD.", "Linked To: ANGLO-CARIBBEAN CO., LTD."),
        ("a.k.a. 'BNC'.", "a.k.a. 'BNC'"),
        ("DOB 1962.", "DOB 1962"),
    ],
)
def test_terminal_period(item: str, expected: str) -> None:
    assert strip_terminal_period(item) == expected


def test_unknown_and_truncated_items_are_kept() -> None:
    parsed = parse_remarks("DOB 1962; Kurdish; Passport 12")
    assert parsed.unparsed == ["Kurdish"]
    assert parsed.identifiers[0].number == "12"
    cut = parse_remarks("DOB 1962; Kurdish; Passport 12", truncated=True)
    assert cut.unparsed == ["Kurdish", "Passport 12"] and cut.identifiers == []
    assert parse_remarks("-0- ").item_count == 0
    assert parse_remarks(None).unparsed == []
    assert split_items("a;b ;  c;;") == ["a", "b", "c"]


def _sdn_rows(path_parts: tuple[str, ...]) -> list[list[str]]:
    text = shared_path(*path_parts).read_text(encoding="utf-8").rstrip("\x1a")
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.shared_data
def test_unparsed_share_on_sdn_2024_is_small() -> None:
    rows = _sdn_rows(("lists", "ofac-sdn-2024", "sdn.csv"))
    items = unparsed = 0
    heads: collections.Counter[str] = collections.Counter()
    for row in rows:
        title = row[4].strip()
        parsed = parse_remarks(
            row[11],
            titles=[title] if title != "-0-" else [],
            truncated=len(row[11]) >= 1000 and not row[11].endswith("."),
        )
        items += parsed.item_count
        unparsed += len(parsed.unparsed)
        heads.update(" ".join(u.split()[:2]) for u in parsed.unparsed)
    assert items > 60_000
    assert unparsed / items < 0.005, heads.most_common(10)  # measured: 143 of 61,088


# --- properties ------------------------------------------------------------------------

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
COUNTRIES = ["Turkey", "Iran", "Syria", "Venezuela", "Germany", "China", "Colombia", "Mexico"]
dates = st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2099, 12, 31))


@st.composite
def dob_items(draw: st.DrawFn) -> tuple[str, PartialDate]:
    day = draw(dates)
    shape = draw(st.sampled_from(["day", "month", "year", "range"]))
    circa = draw(st.booleans())
    if shape == "day":
        text, expected = f"{day.day:02d} {MONTHS[day.month - 1]} {day.year}", day.isoformat()
        end = None
    elif shape == "month":
        text, expected, end = f"{MONTHS[day.month - 1]} {day.year}", day.isoformat()[:7], None
    elif shape == "year":
        text, expected, end = str(day.year), str(day.year), None
    else:
        last = day.year + draw(st.integers(1, 10))
        text, expected, end = f"{day.year} to {last}", str(day.year), str(last)
    prefix = "circa " if circa else ""
    return f"DOB {prefix}{text}", PartialDate(expected, end, circa)


@st.composite
def passport_items(draw: st.DrawFn) -> tuple[str, dict[str, object]]:
    number = draw(st.from_regex(r"[A-Z]{0,2}[0-9]{5,10}", fullmatch=True))
    country = draw(st.sampled_from(COUNTRIES))
    text = f"Passport {number} ({country})"
    issued = expires = None
    if draw(st.booleans()):
        issued = draw(dates)
        text += f" issued {issued.day:02d} {MONTHS[issued.month - 1]} {issued.year}"
    if draw(st.booleans()):
        expires = draw(dates)
        text += f" expires {expires.day:02d} {MONTHS[expires.month - 1]} {expires.year}"
    return text, {
        "number": number,
        "country": country_code(country),
        "issued": PartialDate(issued.isoformat()) if issued else None,
        "expires": PartialDate(expires.isoformat()) if expires else None,
    }


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_never_raises_on_arbitrary_text(text: str) -> None:
    parsed = parse_remarks(text)
    assert len(parsed.unparsed) <= parsed.item_count


HEADS = [
    *sorted(IDENTIFIER_HEADS),
    *("DOB", "POB", "a.k.a.", "Linked To:", "Executive Order", "CAATSA Section"),
    *("Listing Date", "alt.", "nationality"),
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(HEADS), st.text(max_size=30)), max_size=6))
def test_never_raises_on_grammar_like_text(parts: list[tuple[str, str]]) -> None:
    text = "; ".join(f"{head} {tail}" for head, tail in parts)
    parsed = parse_remarks(text, truncated=True)
    assert len(parsed.unparsed) <= parsed.item_count


@settings(max_examples=200, deadline=None)
@given(st.lists(dob_items(), min_size=1, max_size=4))
def test_generated_dobs_parse_back(items: list[tuple[str, PartialDate]]) -> None:
    text = "; ".join(("alt. " if i else "") + t for i, (t, _) in enumerate(items)) + "."
    parsed = parse_remarks(text)
    assert parsed.unparsed == []
    assert parsed.birth_dates == [expected for _, expected in items]


@settings(max_examples=200, deadline=None)
@given(st.lists(passport_items(), min_size=1, max_size=3))
def test_generated_passports_parse_back(items: list[tuple[str, dict[str, object]]]) -> None:
    parsed = parse_remarks("; ".join(text for text, _ in items) + ".")
    assert parsed.unparsed == []
    got = [
        {"number": i.number, "country": i.country, "issued": i.issued, "expires": i.expires}
        for i in parsed.identifiers
    ]
    assert got == [expected for _, expected in items]
    assert all(
        i.kind is IdentifierKind.PASSPORT and i.label == "Passport" for i in parsed.identifiers
    )


IDENTIFIER_LABELS = sorted(
    label
    for label, kind in IDENTIFIER_HEADS.items()
    if kind is not IdentifierKind.CRYPTO_WALLET and not label.endswith(" IMO")
)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(IDENTIFIER_LABELS),
    st.from_regex(r"[A-Z0-9][A-Z0-9\-./]{2,14}[0-9]", fullmatch=True),
    st.sampled_from(COUNTRIES),
)
def test_generated_identifiers_parse_back(label: str, number: str, country: str) -> None:
    parsed = parse_remarks(f"{label} {number} ({country})")
    assert parsed.unparsed == []
    (identifier,) = parsed.identifiers
    assert (identifier.kind, identifier.label, identifier.number, identifier.country) == (
        IDENTIFIER_HEADS[label],
        label,
        number,
        country_code(country),
    )
