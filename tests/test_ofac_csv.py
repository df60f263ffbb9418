"""OFAC legacy CSV sets (SDN and consolidated): the real 2021/2024/2025 files and bad input."""

from __future__ import annotations

import collections
import time
from functools import cache
from pathlib import Path

import pytest

from clearance.model import (
    Address,
    Entity,
    IdentifierKind,
    ListCode,
    Measure,
    NameKind,
    PartialDate,
    RelationKind,
    Schema,
)
from clearance.model.codec import entity_from_json, entity_json
from clearance.sources import ofac_csv
from clearance.sources.base import ListRead, SourceError, head_bytes
from conftest import shared_path

pytestmark = pytest.mark.shared_data


@cache
def _read(*parts: str) -> tuple[ListRead, dict[str, Entity]]:
    result = ofac_csv.read(shared_path("lists", *parts))
    entities: dict[str, Entity] = {}
    for entity in result.entities:
        entities[entity.source_ref] = entity
    return result, entities


def sdn_2021() -> tuple[ListRead, dict[str, Entity]]:
    return _read("ofac-sdn-2021")


def cons_2025() -> tuple[ListRead, dict[str, Entity]]:
    return _read("ofac-cons-2025")


# --- the real files ------------------------------------------------------------------


def test_counts_sources_and_files() -> None:
    result, entities = sdn_2021()
    assert (result.format, result.source, len(entities)) == ("ofac-csv", "ofac-sdn", 8976)
    assert [f.name for f in result.files] == ["sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"]
    assert result.warnings == [] and result.published is None

    result, entities = cons_2025()
    assert (result.source, len(entities)) == ("ofac-cons", 442)
    assert [f.name for f in result.files] == [
        "cons_prim.csv",
        "cons_add.csv",
        "cons_alt.csv",
        "cons_comments.csv",
    ]
    assert len(result.content_hash()) == 64


def test_sdn_2024_primary_file_only_and_fast() -> None:
    path = shared_path("lists", "ofac-sdn-2024", "sdn.csv")
    started = time.perf_counter()
    result = ofac_csv.read(path)
    entities = list(result.entities)
    elapsed = time.perf_counter() - started
    assert (result.source, len(entities), result.files) == ("ofac-sdn", 14965, (path,))
    assert elapsed < 5.0  # about 1.3 s on 2 cores
    schemas = collections.Counter(e.schema for e in entities)
    assert schemas == {
        Schema.ORGANIZATION: 6884,
        Schema.PERSON: 6854,
        Schema.VESSEL: 851,
        Schema.AIRCRAFT: 376,
    }
    # 18 remarks reach 1,000 characters; 17 do not end with a period (cut mid-item) and,
    # with no sdn_comments.csv in this set, keep their last item unparsed.
    assert result.warnings == [
        "sdn.csv: 17 entries have Remarks cut at 1000 characters and no comments file to "
        "continue them; their last item is unparsed"
    ]
    items_unparsed = sum(len(e.unparsed) for e in entities)
    assert items_unparsed < 200  # measured: 143 of 61,088 items
    lists = collections.Counter(e.lists for e in entities)
    assert lists == {
        ("SDN",): 14890,
        ("SDN", "SSI"): 46,
        ("SDN", "NS-MBS"): 15,
        ("SDN", "SSI", "NS-MBS"): 14,
    }
    sberbank = next(e for e in entities if e.source_ref == "17018")
    assert sberbank.lists == ("SDN", "SSI", "NS-MBS")
    assert sberbank.unparsed == ("Listing Date (EO 14024 Directive 3)",)


def test_sidecar_rows_and_attached_totals_2021() -> None:
    files = ofac_csv.locate(shared_path("lists", "ofac-sdn-2021", "sdn.csv"))
    sidecars = ofac_csv.load_sidecars(files)
    stats = sidecars.stats
    # add.csv: 13,837 rows; 2,397 are OFAC's all "-0-" placeholder rows (entities without an
    # address), which are skipped, so 11,440 addresses are attached.
    assert (stats.address_rows, stats.empty_address_rows) == (13837, 2397)
    assert (stats.alias_rows, stats.comment_rows) == (11910, 5)
    _, entities = sdn_2021()
    assert sum(len(e.addresses) for e in entities.values()) == 13837 - 2397
    # alt.csv: 11,910 rows, every one attached; two rows repeat a name of the same entity and
    # kind (8407, 16448), so they give 11,908 distinct strong alias names.
    strong = [
        n
        for e in entities.values()
        for n in e.names
        if n.kind not in (NameKind.PRIMARY, NameKind.WEAK)
    ]
    assert len(strong) == 11908
    kinds = collections.Counter(n.kind for n in strong)
    assert kinds == {NameKind.AKA: 11521, NameKind.FKA: 369, NameKind.NKA: 18}
    for ent_num, aliases in sidecars.aliases.items():
        names = {(n.value, n.kind) for n in entities[ent_num].names}
        assert all((value, kind) in names for kind, value, _ in aliases)
    # The 2,441 a.k.a. items of the remarks are the weak aliases: none repeats alt.csv.
    weak = [n for e in entities.values() for n in e.names if n.kind is NameKind.WEAK]
    assert len(weak) == 2441


def test_remarks_continuation_is_joined() -> None:
    _, entities = sdn_2021()
    cifuentes = entities["12300"]  # remarks end "...PROMO RAI", comments go on "Z S.A.S.; ..."
    targets = [r.target_name for r in cifuentes.relationships]
    assert "PROMO RAIZ S.A.S." in targets
    assert targets[-1] == "R D I S.A."
    assert len(targets) == 25 and cifuentes.unparsed == ()
    wallet_owner = entities["29703"]  # continued mid-item: "...Address - ETH 0x8576..."
    wallets = [i for i in wallet_owner.identifiers if i.kind is IdentifierKind.CRYPTO_WALLET]
    assert ("Digital Currency Address - ETH", "0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c") in [
        (i.label, i.number) for i in wallets
    ]
    assert wallet_owner.identifiers[-1].label == "Passport"  # the last continued item
    continued = ("12300", "28263", "28264", "29703", "30518")  # the rows of sdn_comments.csv
    assert all(entities[ent_num].unparsed == () for ent_num in continued)


def test_presidency_of_defense_industries_cons() -> None:
    _, entities = cons_2025()
    ssb = entities["27016"]
    assert ssb.id == "ofac-27016" and ssb.schema is Schema.ORGANIZATION
    assert ssb.lists == ("NS-MBS",) and ssb.programs == ("CAATSA - RUSSIA",)
    (designation,) = ssb.designations
    assert designation.source_ref == "27016"
    assert {m.code: m.label for m in designation.measures} == {
        "CAATSA-235(a)(1)": "EXPORT-IMPORT BANK ASSISTANCE FOR EXPORTS TO SANCTIONED PERSONS",
        "CAATSA-235(a)(2)": "EXPORT SANCTIONS",
        "CAATSA-235(a)(3)": "LOANS FROM UNITED STATES FINANCIAL INSTITUTIONS",
        "CAATSA-235(a)(4)": "LOANS FROM INTERNATIONAL FINANCIAL INSTITUTIONS",
        "CAATSA-235(a)(12)": "SANCTIONS ON PRINCIPAL EXECUTIVE OFFICERS",
    }
    assert Measure("CAATSA-235(a)(2)", "EXPORT SANCTIONS", "CAATSA Sec. 235(a)(2)") in (
        designation.measures
    )
    names = [(n.value, n.kind) for n in ssb.names]
    assert names == [
        ("PRESIDENCY OF DEFENSE INDUSTRIES", NameKind.PRIMARY),
        ("DEFENSE INDUSTRIES PRESIDENCY", NameKind.AKA),
        ("UNDERSECRETARIAT FOR DEFENSE INDUSTRIES", NameKind.FKA),
        ("SSB", NameKind.WEAK),
        ("SSM", NameKind.WEAK),
    ]
    assert ssb.addresses == (Address(full="Ankara, Turkey", city="Ankara", country="tr"),)


def test_demir_and_yigit_sdn_2021() -> None:
    _, entities = sdn_2021()
    demir = entities["27018"]
    assert demir.schema is Schema.PERSON
    primary = demir.names[0]
    assert (primary.value, primary.family, primary.given) == ("DEMIR, Ismail", "DEMIR", "Ismail")
    assert demir.birth_dates == (PartialDate("1960-04-01"),)
    assert demir.birth_places == ("Elazig, Turkey",)
    assert demir.titles == ("SSB Chairman",)
    (tin,) = demir.identifiers
    assert (tin.kind, tin.label, tin.number, tin.country) == (
        IdentifierKind.NATIONAL_ID,
        "Turkish Identification Number",
        "37435275130",
        "tr",
    )
    (designation,) = demir.designations
    assert (designation.list_code, designation.programs) == (ListCode.SDN, ("CAATSA - RUSSIA",))
    assert sorted(m.code for m in designation.measures) == sorted(
        f"CAATSA-235(a)({n})" for n in (7, 8, 9, 11, 12)
    )
    assert {m.code: m.label for m in designation.measures}["CAATSA-235(a)(9)"] == (
        "BLOCKING PROPERTY AND INTERESTS IN PROPERTY"
    )
    assert [(r.kind, r.target_name) for r in demir.relationships] == [
        (RelationKind.LINKED_TO, "PRESIDENCY OF DEFENSE INDUSTRIES")
    ]
    assert demir.addresses == ()  # 27018 has only an all "-0-" address row
    assert demir.unparsed == ()

    (passport,) = entities["30685"].identifiers
    assert (passport.kind, passport.number, passport.country, passport.expires) == (
        IdentifierKind.PASSPORT,
        "S00499470",
        "tr",
        PartialDate("2016-09-15"),
    )


def test_vessel_aircraft_and_crypto() -> None:
    _, entities = sdn_2021()
    artavil = entities["15036"]
    assert artavil.schema is Schema.VESSEL
    kinds = {(i.kind, i.number) for i in artavil.identifiers}
    assert {
        (IdentifierKind.CALL_SIGN, "T2EU4"),
        (IdentifierKind.IMO, "9187629"),
        (IdentifierKind.MMSI, "572469210"),
    } <= kinds
    assert artavil.craft is not None
    assert (artavil.craft.craft_type, artavil.craft.flag, artavil.craft.tonnage) == (
        "Crude/Oil Products Tanker",
        "ir",
        "99,144",
    )
    assert artavil.craft.gross_registered_tonnage == "56,068"
    assert [n.value for n in artavil.names_of(NameKind.FKA)] == ["ABADAN", "SHONA"]
    assert [(n.value, n.remarks) for n in artavil.names_of(NameKind.WEAK)] == [("ALPHA", "f.k.a.")]
    vessels_with_imo = [
        e
        for e in entities.values()
        if e.schema is Schema.VESSEL and any(i.kind is IdentifierKind.IMO for i in e.identifiers)
    ]
    assert len(vessels_with_imo) == 401

    aircraft = entities["15431"]
    assert aircraft.schema is Schema.AIRCRAFT and aircraft.craft is not None
    assert (aircraft.craft.model, aircraft.craft.operator, aircraft.craft.build_year) == (
        "IL76-TD",
        "YAS AIR",
        "1992",
    )
    assert (IdentifierKind.AIRCRAFT_SERIAL, "1023409321") in {
        (i.kind, i.number) for i in aircraft.identifiers
    }
    wallets = [i for i in entities["29703"].identifiers if i.kind is IdentifierKind.CRYPTO_WALLET]
    assert wallets[0].label == "Digital Currency Address - XBT"
    assert wallets[0].number == "1Fz29BQp82pE3vXXcsZoMNQ3KSHfMzfMe3"


def test_consolidated_lists_follow_the_data() -> None:
    _, entities = cons_2025()
    lists = collections.Counter(e.lists for e in entities.values())
    assert lists == {
        ("SSI",): 267,
        ("NS-PLC",): 78,
        ("CMIC",): 68,
        ("SSI", "NS-MBS"): 19,
        ("NS-MBS",): 9,
        ("CAPTA",): 1,
    }
    vtb = entities["17013"]
    (ssi,) = vtb.designations
    assert ssi.list_code is ListCode.SSI
    assert ssi.programs == ("UKRAINE-EO13662", "RUSSIA-EO14024")
    assert ssi.measures[0] == Measure(
        "EO13662-DIRECTIVE-1", "Subject to Directive 1", "E.O. 13662 Directive 1"
    )
    nwf = entities["31693"]  # remarks continued in cons_comments.csv
    (mbs,) = nwf.designations
    assert mbs.list_code is ListCode.NS_MBS and mbs.listed_on == PartialDate("2022-02-22")
    assert [m.code for m in mbs.measures] == ["EO14024-DIRECTIVE-1a", "EO14024-DIRECTIVE-4"]
    assert mbs.measures[1].label.endswith("for or on behalf of such entities is prohibited")
    assert "Effective Date (EO 14024 Directive 1a): 01 Mar 2022" in (mbs.remarks or "")
    assert nwf.unparsed == ()

    telecom = entities["30882"].designations[0]
    assert (telecom.list_code, telecom.listed_on, telecom.measures) == (
        ListCode.CMIC,
        PartialDate("2021-06-03"),
        (),
    )
    assert "Purchase/Sales For Divestment Date (CMIC) 03 Jun 2022" in (telecom.remarks or "")

    (kunlun,) = entities["15268"].designations
    assert (kunlun.list_code, kunlun.programs) == (ListCode.CAPTA, ("561-Related",))
    assert kunlun.measures[0].legal_basis == "31 C.F.R. 561.201(c)"
    assert kunlun.measures[0].label.startswith("United States financial institutions")

    (zahhar,) = entities["9647"].designations
    assert (zahhar.list_code, zahhar.programs) == (ListCode.NS_PLC, ("SDGT", "NS-PLC"))
    assert zahhar.measures[0].code == "SECONDARY-SANCTIONS-RISK"

    both = entities["17018"]
    assert [d.list_code for d in both.designations] == [ListCode.SSI, ListCode.NS_MBS]
    assert both.designations[1].listed_on == PartialDate("2022-02-24")
    # Directive 2 appears only in dated items: the scope still names the measure.
    assert [m.code for m in both.designations[1].measures] == [
        "EO14024-DIRECTIVE-3",
        "EO14024-DIRECTIVE-2",
    ]
    (sber_capital,) = entities["18669"].designations[1].measures
    assert sber_capital == Measure(
        "EO14024-DIRECTIVE-2", "EO 14024 Directive 2", "E.O. 14024 Directive 2"
    )
    moge = entities["46072"].designations[0]
    assert (moge.list_code, moge.measures[0].code) == (ListCode.NS_MBS, "EO14014-DIRECTIVE-1")
    martelly = entities["50476"].designations[0]
    assert martelly.list_code is ListCode.NS_MBS
    assert {m.code for m in martelly.measures} == {
        "EO14059-FOREIGN-EXCHANGE",
        "EO14059-LOANS",
        "EO14059-EQUITY-DEBT",
    }
    assert sum(len(e.unparsed) for e in entities.values()) == 2


def test_entities_round_trip_through_json() -> None:
    _, entities = cons_2025()
    for ent_num in ("27016", "17013", "31693", "50476"):
        entity = entities[ent_num]
        assert entity_from_json(entity_json(entity)) == entity


# --- sniffing and locating -------------------------------------------------------------


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("lists", "ofac-sdn-2021", "sdn.csv"), True),
        (("lists", "ofac-sdn-2024", "sdn.csv"), True),
        (("lists", "ofac-cons-2025", "cons_prim.csv"), True),
        (("lists", "ofac-cons-2025"), True),
        (("formats", "ofac_sdn_excerpt.csv"), True),
        (("formats", "ofac_cons_prim_excerpt.csv"), True),
        (("lists", "ofac-sdn-2021", "add.csv"), False),
        (("lists", "ofac-sdn-2021", "alt.csv"), False),
        (("lists", "ofac-sdn-2021", "sdn_comments.csv"), False),
        (("lists", "uk-ofsi-2018", "sanctionsconlist.csv"), False),
        (("formats", "ofac_sdn_xml_sample.xml"), False),
    ],
)
def test_sniff_real_files(parts: tuple[str, ...], expected: bool) -> None:
    path = shared_path(*parts)
    head = b"" if path.is_dir() else head_bytes(path)
    assert ofac_csv.sniff(path, head) is expected
    assert ofac_csv.FORMAT.name == "ofac-csv"


def test_excerpts_are_read_by_content() -> None:
    sdn = ofac_csv.read(shared_path("formats", "ofac_sdn_excerpt.csv"))
    cons = ofac_csv.read(shared_path("formats", "ofac_cons_prim_excerpt.csv"))
    assert (sdn.source, cons.source) == ("ofac-sdn", "ofac-cons")
    assert {e.source_ref for e in sdn.entities} >= {"27018", "30685", "30686", "30687"}
    assert "27016" in {e.source_ref for e in cons.entities}


def _write(path: Path, rows: list[str], *, eof: bytes = b"\r\n\x1a") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes("\r\n".join(rows).encode("utf-8") + eof)
    return path


SDN_ROWS = [
    '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
    '306,"BANCO NACIONAL DE CUBA",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"a.k.a. \'BNC\'."',
]
CONS_ROWS = [
    '9639,"HANIYA, Ismail Abdul Salah","individual","NS-PLC",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
    '"DOB 1962; POB Shati."',
    '15268,"BANK OF KUNLUN CO LTD",-0- ,"561-Related",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
    '"SWIFT/BIC CKLBCNBJ."',
]


def test_upper_case_names_bom_and_missing_siblings(tmp_path: Path) -> None:
    main = _write(tmp_path / "SDN.CSV", SDN_ROWS)
    main.write_bytes(b"\xef\xbb\xbf" + main.read_bytes())
    _write(tmp_path / "ALT.CSV", ['306,220,"aka","NATIONAL BANK OF CUBA",-0- '])
    result = ofac_csv.read(tmp_path)
    assert [f.name for f in result.files] == ["SDN.CSV", "ALT.CSV"]
    entities = {e.source_ref: e for e in result.entities}
    assert [(n.value, n.kind) for n in entities["306"].names] == [
        ("BANCO NACIONAL DE CUBA", NameKind.PRIMARY),
        ("NATIONAL BANK OF CUBA", NameKind.AKA),
        ("BNC", NameKind.WEAK),
    ]
    assert entities["36"].designations[0].programs == ("CUBA",)


def test_source_is_decided_by_name_and_content(tmp_path: Path) -> None:
    plain = ofac_csv.read(_write(tmp_path / "a" / "list.csv", CONS_ROWS))
    assert plain.source == "ofac-cons" and plain.warnings == []
    misnamed = ofac_csv.read(_write(tmp_path / "b" / "sdn.csv", CONS_ROWS))
    assert misnamed.source == "ofac-cons"
    assert "the name says ofac-sdn but the programs say ofac-cons" in misnamed.warnings[0]
    entities = list(misnamed.entities)
    assert [e.lists for e in entities] == [("NS-PLC",), ("CAPTA",)]
    assert ofac_csv.read(_write(tmp_path / "c" / "cons_prim.csv", SDN_ROWS)).source == "ofac-sdn"


# --- bad input -------------------------------------------------------------------------


def _consume(path: Path) -> list[Entity]:
    return list(ofac_csv.read(path).entities)


def test_truncated_row_names_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "sdn.csv", [*SDN_ROWS, '424,"BOUTIQUE LA MAI'], eof=b"")
    with pytest.raises(SourceError) as error:
        _consume(path)
    assert (error.value.path.name, error.value.line) == ("sdn.csv", 3)
    assert str(error.value).startswith("sdn.csv line 3: broken CSV record")


def test_wrong_column_count_names_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "sdn.csv", [SDN_ROWS[0], '424,"BOUTIQUE LA MAISON",-0- ,"CUBA"'])
    with pytest.raises(SourceError, match=r"sdn.csv line 2: expected 12 columns, found 4"):
        _consume(path)


def test_sidecar_errors_name_the_sidecar(tmp_path: Path) -> None:
    _write(tmp_path / "sdn.csv", SDN_ROWS)
    _write(tmp_path / "add.csv", ["36,25,-0- ,-0- ,-0- ,-0- ", "306,26,-0- ,-0- "])
    with pytest.raises(SourceError, match=r"add.csv line 2: expected 6 columns, found 4"):
        _consume(tmp_path / "sdn.csv")
    _write(tmp_path / "add.csv", ["36,25,-0- ,-0- ,-0- ,-0- "])
    _write(tmp_path / "alt.csv", ['306,220,"bka","NATIONAL BANK OF CUBA",-0- '])
    with pytest.raises(SourceError, match=r"alt.csv line 1: unknown alias type 'bka'"):
        _consume(tmp_path / "sdn.csv")


def test_latin1_bytes_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "sdn.csv"
    row = '173,"CAF\xc9 CUBANO",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- '
    path.write_bytes("\r\n".join([*SDN_ROWS, row]).encode("latin-1") + b"\r\n\x1a")
    with pytest.raises(SourceError, match=r"sdn.csv line 3: not valid UTF-8 \(byte 0xc9"):
        _consume(path)


def test_utf16_file_fails_on_line_one(tmp_path: Path) -> None:
    path = tmp_path / "sdn.csv"
    path.write_bytes("\r\n".join(SDN_ROWS).encode("utf-16"))
    assert ofac_csv.sniff(path, head_bytes(path)) is False
    with pytest.raises(SourceError) as error:
        _consume(path)
    assert error.value.line == 1 and "UTF-8" in error.value.reason


def test_other_bad_input(tmp_path: Path) -> None:
    bad_number = _write(tmp_path / "a" / "sdn.csv", ['X36,"A",-0- ,"CUBA"' + ",-0- " * 8])
    with pytest.raises(SourceError, match="line 1: entity number is not a number"):
        _consume(bad_number)
    no_name = _write(tmp_path / "b" / "sdn.csv", ['36,-0- ,-0- ,"CUBA"' + ",-0- " * 8])
    with pytest.raises(SourceError, match="line 1: the entry has no name"):
        _consume(no_name)
    with pytest.raises(SourceError, match="no such file"):
        ofac_csv.read(tmp_path / "missing.csv")
    with pytest.raises(SourceError, match=r"no sdn\.csv or cons_prim\.csv"):
        ofac_csv.read(tmp_path / "a" / "..")
    _write(tmp_path / "c" / "sdn.csv", SDN_ROWS)
    _write(tmp_path / "c" / "cons_prim.csv", CONS_ROWS)
    with pytest.raises(SourceError, match=r"both sdn\.csv and cons_prim\.csv"):
        ofac_csv.read(tmp_path / "c")
    assert ofac_csv.sniff(tmp_path / "c", b"") is False
