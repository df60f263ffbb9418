"""OFSI Consolidated List CSV: the real 2018 list, hand-written edge cases, text grammars."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clearance.model import (
    Authority,
    Entity,
    IdentifierKind,
    ListCode,
    NameKind,
    PartialDate,
    Schema,
)
from clearance.model.codec import entity_from_json, entity_json
from clearance.sources import uk_ofsi_csv
from clearance.sources.base import SourceError, head_bytes
from clearance.sources.fields import join_numbered, split_numbered
from clearance.sources.uk_fields import parse_documents
from conftest import shared_path

SAMPLES = Path(__file__).parent / "samples" / "uk"


def ofsi_path() -> Path:
    return shared_path("lists", "uk-ofsi-2018", "sanctionsconlist.csv")


@pytest.fixture(scope="module")
def ofsi() -> dict[str, Entity]:
    return {e.source_ref: e for e in uk_ofsi_csv.read(ofsi_path()).entities}


def names(entity: Entity, kind: NameKind) -> list[str]:
    return [n.value for n in entity.names if n.kind is kind]


# --- the real 2018 list ----------------------------------------------------------------------


def test_list_header_counts_and_ids(ofsi: dict[str, Entity]) -> None:
    listed = uk_ofsi_csv.read(ofsi_path())
    assert (listed.format, listed.source) == ("uk-ofsi-csv", "uk-ofsi")
    assert listed.published == date(2018, 4, 13)
    assert len(ofsi) == 2106
    assert all(e.id == f"gb-ofsi-{ref}" for ref, e in ofsi.items())
    schemas = [e.schema for e in ofsi.values()]
    assert schemas.count(Schema.PERSON) == 1426
    assert schemas.count(Schema.ORGANIZATION) == 655
    assert schemas.count(Schema.VESSEL) == 25
    # every group has exactly one primary name once its rows (names x DOBs) are merged
    assert all(len(names(e, NameKind.PRIMARY)) == 1 for e in ofsi.values())
    assert sum(len(names(e, NameKind.FKA)) for e in ofsi.values()) == 9


def test_every_name_row_is_consumed() -> None:
    _header, groups = uk_ofsi_csv.group_rows(ofsi_path())
    assert len(groups) == 2106
    assert sum(len(rows) for rows in groups.values()) == 9487
    # the first data row (line 3) starts group 13349, which has 16 rows (8 names x 2 DOBs)
    assert groups["13349"][0][0] == 3
    assert len(groups["13349"]) == 16


def test_al_qahtani_group_is_merged(ofsi: dict[str, Entity]) -> None:
    entity = ofsi["13349"]
    assert entity.schema is Schema.PERSON
    assert entity.caption == "Nayef Salam Muhammad Ujaym AL-HABABI"
    primary = entity.names[0]
    assert (primary.given, primary.middle, primary.family) == (
        "Nayef",
        "Salam Muhammad Ujaym",
        "AL-HABABI",
    )
    akas = names(entity, NameKind.AKA)
    assert "Sheikh Farooq AL-QAHTANI" in akas
    assert "Farouq al-Qahtani AL QATARI" in akas
    assert len(akas) == 7
    assert entity.birth_dates == (PartialDate("1980"), PartialDate("1981"))
    assert entity.birth_dates[0].precision == "year"
    assert entity.nationalities == ("sa", "qa")
    assert entity.birth_places == ("Saudi Arabia",)
    (passport,) = entity.identifiers
    assert passport.kind is IdentifierKind.PASSPORT
    assert passport.number == "592667"
    assert passport.country == "qa"
    assert passport.issued == PartialDate("2007-05-03")
    assert "Qatari passport" in (passport.remarks or "")
    (address,) = entity.addresses
    assert address.country == "af"
    assert address.full == "Afghanistan (since 2009)"
    (designation,) = entity.designations
    assert designation.authority is Authority.UK
    assert designation.list_code is ListCode.UK_CONSOLIDATED
    assert designation.programs == ("The ISIL (Da'esh) and Al-Qaida organisations",)
    assert designation.listed_on == PartialDate("2016-04-01")
    assert [m.code for m in designation.measures] == ["UK-ASSET-FREEZE"]
    assert entity.notes[0].startswith("UN Ref QDe.004.")


def test_vessels_listed_as_entities(ofsi: dict[str, Entity]) -> None:
    tong_san = ofsi["13556"]
    assert tong_san.schema is Schema.VESSEL
    assert tong_san.caption == "TONG SAN 2"
    assert [(i.kind, i.number) for i in tong_san.identifiers] == [
        (IdentifierKind.IMO, "8937675"),
        (IdentifierKind.MMSI, "445539000"),
    ]
    lynn_s = ofsi["13520"]
    assert lynn_s.schema is Schema.VESSEL
    assert lynn_s.craft is not None and lynn_s.craft.flag == "vc"
    assert lynn_s.designations[0].programs == ("Libya",)
    # a shipping company's own IMO number does not make it a vessel
    company = ofsi["13637"]
    assert company.schema is Schema.ORGANIZATION
    assert company.identifiers[0].kind is IdentifierKind.IMO
    assert company.identifiers[0].number == "5434358"
    assert company.identifiers[0].label == "IMO company number"
    assert ofsi["13143"].schema is Schema.ORGANIZATION  # OCEAN MARITIME MANAGEMENT


def test_entity_with_addresses(ofsi: dict[str, Entity]) -> None:
    trust = ofsi["6968"]
    assert trust.schema is Schema.ORGANIZATION
    assert trust.caption == "AL RASHID TRUST"
    assert "AL AMIN WELFARE TRUST" in names(trust, NameKind.AKA)
    assert len(trust.addresses) == 11
    assert {a.country for a in trust.addresses} == {"pk"}
    assert trust.addresses[1].full == (
        "605 Landmark Plaza, 11 Chundrigar Road, Opposite Jang Building, Karachi, Pakistan"
    )
    london = ofsi["7818"].addresses[0]
    assert london.postal_code == "WC2A 1QU"
    assert london.country == "gb"
    assert london.full == "53/64 Chancery Lane, London, WC2A 1QU, United Kingdom"


def test_one_designation_per_regime(ofsi: dict[str, Entity]) -> None:
    jafari = ofsi["10638"]
    assert jafari.caption == "Mohammad Ali JAFARI"
    assert [(d.programs[0], str(d.listed_on)) for d in jafari.designations] == [
        ("Syria", "2011-06-24"),
        ("Iran (nuclear proliferation)", "2008-06-24"),
        ("Iran (human rights)", "2011-04-14"),
    ]


def test_free_text_documents_on_the_real_list(ofsi: dict[str, Entity]) -> None:
    identifiers = [i for e in ofsi.values() for i in e.identifiers]
    assert sum(i.kind is IdentifierKind.PASSPORT for i in identifiers) > 300
    assert sum(i.kind is IdentifierKind.NATIONAL_ID for i in identifiers) > 150
    # "(a) ... (b) ..." national ID details of an Iraqi, with issue dates
    by_number = {i.number: i for i in identifiers}
    assert by_number["00405771"].country == "iq"
    assert by_number["00405771"].issued == PartialDate("2013-05-20")
    assert by_number["5204893014"].expires == PartialDate("2005-10-05")


def test_entities_round_trip_through_json(ofsi: dict[str, Entity]) -> None:
    for ref in ("13349", "13556", "6968", "10638"):
        assert entity_from_json(entity_json(ofsi[ref])) == ofsi[ref]


def test_sniff() -> None:
    path = ofsi_path()
    assert uk_ofsi_csv.sniff(path, head_bytes(path))
    xml = SAMPLES / "uk_sanctions_list_russia.xml"
    assert not uk_ofsi_csv.sniff(xml, head_bytes(xml))
    assert not uk_ofsi_csv.sniff(path, b"ent_num,SDN_Name\n1,X\n")


# --- hand-written files: encodings, later layout, bad input ----------------------------------

HEADER_2018 = (
    "Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,DOB,Town of Birth,Country of Birth,"
    "Nationality,Passport Details,NI Number,Position,Address 1,Address 2,Address 3,Address 4,"
    "Address 5,Address 6,Post/Zip Code,Country,Other Information,Group Type,Alias Type,Regime,"
    "Listed On,Last Updated,Group ID"
)


def row_2018(**values: str) -> str:
    columns = HEADER_2018.split(",")
    cells = [values.get(c.replace(" ", "_").replace("/", "_"), "") for c in columns]
    return ",".join(f'"{c}"' if "," in c else c for c in cells)


def write(tmp_path: Path, text: str, encoding: str = "cp1252", name: str = "list.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


SHIP_ROWS = "\n".join(
    [
        "Last Updated,02/03/2021,,,",
        HEADER_2018,
        row_2018(
            Name_6="SAMPLE CARRIER “ONE”",
            Other_Information="IMO 9123456. Flag State: Panama.",
            Group_Type="Ship",
            Alias_Type="Primary name",
            Regime="Libya",
            Listed_On="01/02/2021",
            Group_ID="90001",
        ),
        row_2018(
            Name_6="EX CARRIER",
            Other_Information="IMO 9123456. Flag State: Panama.",
            Group_Type="Ship",
            Alias_Type="Primary name variation",
            Regime="Libya",
            Listed_On="01/02/2021",
            Group_ID="90001",
        ),
    ]
)


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig", "utf-8"])
def test_ship_group_in_every_encoding(tmp_path: Path, encoding: str) -> None:
    path = write(tmp_path, SHIP_ROWS + "\n", encoding)
    assert uk_ofsi_csv.sniff(path, head_bytes(path))
    listed = uk_ofsi_csv.read(path)
    assert listed.published == date(2021, 3, 2)
    (ship,) = list(listed.entities)
    assert ship.id == "gb-ofsi-90001"
    assert ship.schema is Schema.VESSEL
    assert ship.caption == "SAMPLE CARRIER “ONE”"  # cp1252 curly quotes decoded
    assert ship.names[1].kind is NameKind.AKA
    assert ship.names[1].remarks == "Primary name variation"
    assert ship.identifiers[0].number == "9123456"
    assert ship.craft is not None and ship.craft.flag == "pa"


def test_later_layout_columns(tmp_path: Path) -> None:
    header = (
        "Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,Name Non-Latin Script,"
        "Non-Latin Script Type,Non-Latin Script Language,DOB,Town of Birth,Country of Birth,"
        "Nationality,Passport Number,Passport Details,National Identification Number,"
        "National Identification Details,Position,Address 1,Address 2,Address 3,Address 4,"
        "Address 5,Address 6,Post/Zip Code,Country,Other Information,Group Type,Alias Type,"
        "Alias Quality,Regime,Listed On,UK Sanctions List Date Designated,Last Updated,Group ID"
    )
    base = [""] * len(header.split(","))
    col = {c: i for i, c in enumerate(header.split(","))}

    def row(**values: str) -> str:
        cells = list(base)
        for key, value in values.items():
            cells[col[key.replace("_", " ")]] = value
        return ",".join(f'"{c}"' if "," in c else c for c in cells)

    text = "\n".join(
        [
            "\ufeffLast Updated,10/01/2022",
            header,
            row(
                **{
                    "Name 6": "IVANOV",
                    "Name 1": "Ivan",
                    "Name Non-Latin Script": "Иван ИВАНОВ",
                    "Non-Latin Script Type": "Cyrillic",
                    "Non-Latin Script Language": "Russian",
                    "DOB": "dd/mm/1970",
                    "Nationality": "Russia",
                    "Passport Number": "(1) 720000001 (2) 720000002",
                    "Passport Details": "Russian foreign travel passports",
                    "National Identification Number": "4500000001",
                    "Group Type": "Individual",
                    "Alias Type": "Primary name",
                    "Regime": "Russia",
                    "Listed On": "15/03/2022",
                    "Group ID": "15000",
                }
            ),
            row(
                **{
                    "Name 6": "IVANOFF",
                    "Name 1": "I",
                    "Group Type": "Individual",
                    "Alias Type": "Alias",
                    "Alias Quality": "Low quality",
                    "Regime": "Russia",
                    "Listed On": "15/03/2022",
                    "Group ID": "15000",
                }
            ),
        ]
    )
    path = write(tmp_path, text, "utf-8")
    listed = uk_ofsi_csv.read(path)
    assert listed.published == date(2022, 1, 10)
    (person,) = list(listed.entities)
    assert person.birth_dates == (PartialDate("1970"),)
    original = person.names_of(NameKind.ORIGINAL_SCRIPT)[0]
    assert (original.value, original.script) == ("Иван ИВАНОВ", "Cyrl")
    assert names(person, NameKind.WEAK) == ["I IVANOFF"]
    assert [(i.kind, i.number, i.country) for i in person.identifiers] == [
        (IdentifierKind.PASSPORT, "720000001", "ru"),
        (IdentifierKind.PASSPORT, "720000002", "ru"),
        (IdentifierKind.NATIONAL_ID, "4500000001", None),
    ]


def real_head(lines: int) -> list[str]:
    with ofsi_path().open(encoding="cp1252", newline="") as handle:
        return [handle.readline() for _ in range(lines)]


def test_short_row_is_an_error_with_its_line(tmp_path: Path) -> None:
    head = real_head(6)
    head[4] = ",".join(head[4].split(",")[:10]) + "\r\n"  # cut the 5th line short
    path = write(tmp_path, "".join(head))
    with pytest.raises(SourceError) as error:
        list(uk_ofsi_csv.read(path).entities)
    assert error.value.line == 5
    assert "fields" in error.value.reason


def test_truncated_quoted_field_is_an_error(tmp_path: Path) -> None:
    head = "".join(real_head(9))
    cut = head.index('"UN REF:QE.A.146.14.') + 10  # inside a quoted field of line 5
    path = write(tmp_path, head[:cut])
    with pytest.raises(SourceError) as error:
        list(uk_ofsi_csv.read(path).entities)
    assert error.value.line == 5


def test_utf16_file_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "".join(real_head(5)), "utf-16")
    assert not uk_ofsi_csv.sniff(path, head_bytes(path))
    with pytest.raises(SourceError) as error:
        list(uk_ofsi_csv.read(path).entities)
    assert "UTF-16" in error.value.reason


def test_undecodable_byte_is_an_error_with_its_line(tmp_path: Path) -> None:
    text = "".join(real_head(5)).encode("cp1252")
    lines = text.split(b"\n")
    lines[3] = lines[3].replace(b"AL-QAHTANI", b"AL-QAHT\x81NI")  # 0x81: not in cp1252
    path = tmp_path / "bad.csv"
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(SourceError) as error:
        list(uk_ofsi_csv.read(path).entities)
    assert error.value.line == 4


def test_unknown_header_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "Last Updated,13/04/2018\nSurname,Forename,Group\nA,B,1\n")
    with pytest.raises(SourceError) as error:
        list(uk_ofsi_csv.read(path).entities)
    assert error.value.line == 2
    assert "Name 6" in error.value.reason


def test_unknown_group_type_is_an_error(tmp_path: Path) -> None:
    text = "\n".join([HEADER_2018, row_2018(Name_6="X", Group_Type="Aircraft", Group_ID="1")])
    with pytest.raises(SourceError, match="Group Type"):
        list(uk_ofsi_csv.read(write(tmp_path, text)).entities)


# --- text grammars ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("1) Saudi Arabia 2) Qatar", ["Saudi Arabia", "Qatar"]),
        ("(1) Afghan (2) Pakistani", ["Afghan", "Pakistani"]),
        ("a) French, b) Tunisian", ["French", "Tunisian"]),
        ("(1)-(2) Tunisia (3) Libya", ["Tunisia", "Libya"]),
        ("(1) to (6) Algeria (7) Morocco", ["Algeria", "Morocco"]),
        ("(1) Manzil Tmim (2)-(6) -", ["Manzil Tmim"]),
        ("a) General b)Major General", ["General", "Major General"]),
        ("Afghanistan", ["Afghanistan"]),
        ("Iran (Islamic Republic of.)", ["Iran (Islamic Republic of.)"]),
        ("", []),
    ],
)
def test_split_numbered(text: str, items: list[str]) -> None:
    assert split_numbered(text) == items


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Passport No: 592667 (Qatari passport issued on 3 May 2007).",
            [("592667", "qa", "2007-05-03", None)],
        ),
        (
            "(1) K929139 (Tunisian). Issued on 14 Feb 1995. Expired on 13 Feb 2000. "
            "(2) 00319547 (Tunisian) Issued on 8 December 1994.",
            [("K929139", "tn", "1995-02-14", "2000-02-13"), ("00319547", "tn", "1994-12-08", None)],
        ),
        (
            "Qatari passport number (a)01020802  (b)00754833 issued 20/05/2007",
            [("01020802", "qa", None, None), ("00754833", "qa", "2007-05-20", None)],
        ),
        (
            "F654645 (Saudi Arabian). Issued on 30 Apr 2005. Expired on 7 Mar 2010, , "
            "issue date in Hijri Calendar 24.06.1426",
            [("F654645", "sa", "2005-04-30", "2010-03-07")],
        ),
        (
            "DRC passport OP 0024910 (valid 21/03/2016 - expiry 20/03/2021)",
            [("OP 0024910", None, "2016-03-21", "2021-03-20")],
        ),
        ("Uganda Passport.", []),
    ],
)
def test_parse_passport_details(
    text: str, expected: list[tuple[str, str | None, str | None, str | None]]
) -> None:
    parsed = parse_documents(text, IdentifierKind.PASSPORT)
    assert [
        (
            i.number,
            i.country,
            i.issued.start if i.issued else None,
            i.expires.start if i.expires else None,
        )
        for i in parsed
    ] == expected


def test_parse_documents_kinds_and_labels() -> None:
    parsed = parse_documents(
        "Passport No: France number 12CP63882.3FRA, issued on 31.7.2012 (valid until 30.7.2022). "
        "National identification No: France national identity card 070275Q007873",
        IdentifierKind.PASSPORT,
    )
    assert [(i.kind, i.number) for i in parsed] == [
        (IdentifierKind.PASSPORT, "12CP63882.3FRA"),
        (IdentifierKind.NATIONAL_ID, "070275Q007873"),
    ]
    assert parsed[0].expires == PartialDate("2022-07-30")
    diplomatic = parse_documents("D0005788 (Diplomatic)", IdentifierKind.PASSPORT)
    assert diplomatic[0].label == "Diplomatic passport"
    (inn,) = parse_documents("INN 7707083893", IdentifierKind.NATIONAL_ID)
    assert (inn.label, inn.number) == ("INN", "7707083893")


_ITEM = (
    st.text(alphabet="abcdefghXYZ0123456789 .'-/", min_size=1, max_size=20)
    .map(str.strip)
    .filter(lambda s: re.search(r"[A-Za-z0-9]", s) is not None)
)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_grammars_never_crash(text: str) -> None:
    split_numbered(text)
    for identifier in parse_documents(text, IdentifierKind.PASSPORT):
        assert identifier.number


@settings(max_examples=200, deadline=None)
@given(st.lists(_ITEM, min_size=1, max_size=6))
def test_numbered_list_round_trip(items: list[str]) -> None:
    assert split_numbered(join_numbered(items)) == items


_NUMBER = st.from_regex(r"[A-Z]{0,2}[0-9]{5,9}", fullmatch=True)
_DAY_MONTH_YEAR = st.tuples(
    st.integers(1, 28),
    st.sampled_from(["Jan", "Mar", "June", "Sept", "Dec"]),
    st.integers(1950, 2030),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_NUMBER, min_size=1, max_size=4, unique=True), _DAY_MONTH_YEAR)
def test_document_numbers_round_trip(numbers: list[str], issued: tuple[int, str, int]) -> None:
    day, month, year = issued
    items = [f"{n} (Tunisian). Issued on {day} {month} {year}" for n in numbers]
    parsed = parse_documents(join_numbered(items), IdentifierKind.PASSPORT)
    assert [i.number for i in parsed] == numbers
    expected = PartialDate.parse(f"{day} {month} {year}")
    assert all(i.issued == expected and i.country == "tn" for i in parsed)
    (single,) = parse_documents(f"Passport No: {numbers[0]}.", IdentifierKind.PASSPORT)
    assert single.number == numbers[0]
