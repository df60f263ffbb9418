"""UN Security Council consolidated list XML: the real 2026 list, the sample, and bad input."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clearance.model import (
    Authority,
    Entity,
    Gender,
    IdentifierKind,
    ListCode,
    NameKind,
    PartialDate,
    RelationKind,
    Schema,
)
from clearance.model.codec import entity_from_json, entity_json
from clearance.model.scripts import detect_script
from clearance.sources import eu_fsf, un_xml
from clearance.sources.base import SourceError, head_bytes
from conftest import shared_path


@pytest.fixture(scope="module")
def un_full() -> dict[str, Entity]:
    path = shared_path("lists", "un-2026", "UN_consolidated.xml")
    return {e.id: e for e in un_xml.read(path).entities}


@pytest.fixture(scope="module")
def un_sample() -> dict[str, Entity]:
    path = shared_path("formats", "un_sc_consolidated_sample.xml")
    return {e.id: e for e in un_xml.read(path).entities}


def names(entity: Entity, kind: NameKind) -> list[str]:
    return [n.value for n in entity.names if n.kind is kind]


# --- the full 2026 list ------------------------------------------------------------------------


def test_full_list_counts_and_header() -> None:
    path = shared_path("lists", "un-2026", "UN_consolidated.xml")
    listed = un_xml.read(path)
    assert listed.format == "un-xml"
    assert listed.source == "un-sc"
    assert listed.published == date(2026, 2, 27)
    assert listed.files == (path,)
    entities = list(listed.entities)
    assert len(entities) == 1003
    assert sum(e.schema is Schema.PERSON for e in entities) == 730
    assert sum(e.schema is Schema.ORGANIZATION for e in entities) == 273
    assert len({e.id for e in entities}) == 1003
    # Country spellings the country table does not know are reported, not fatal.
    assert all(w.startswith("unknown country ") for w in listed.warnings)


def test_every_record_has_one_un_designation(un_full: dict[str, Entity]) -> None:
    for entity in un_full.values():
        assert entity.id == f"un-{entity.source_ref}"
        assert entity.source == "un-sc"
        (designation,) = entity.designations
        assert designation.authority is Authority.UN_SC
        assert designation.list_code is ListCode.UN_CONSOLIDATED
        assert designation.measures == ()
        assert designation.listed_on is not None
        assert len(designation.programs) == 1
        assert entity.names[0].kind is NameKind.PRIMARY
    programs = {e.programs[0] for e in un_full.values()}
    assert programs == {
        "Al-Qaida", "DPRK", "Taliban", "Iran", "Iraq", "DRC", "Libya", "Somalia",
        "CAR", "Haiti", "Yemen", "GB", "Sudan", "SouthSudan",
    }  # fmt: skip


def test_full_list_name_kind_counts(un_full: dict[str, Entity]) -> None:
    kinds = [n.kind for e in un_full.values() for n in e.names]
    # 1,524 Good + 594 a.k.a. - 35 noted "previously/formerly listed as" = 2,083 aka;
    # 19 f.k.a. + those 35 = 54 fka; 615 Low + 18 low-quality Cyrillic originals = 633 weak.
    assert kinds.count(NameKind.PRIMARY) == 1003
    assert kinds.count(NameKind.AKA) == 2083
    assert kinds.count(NameKind.FKA) == 54
    assert kinds.count(NameKind.WEAK) == 633
    # 378 NAME_ORIGINAL_SCRIPT elements + 13 original-script forms given in alias notes
    assert kinds.count(NameKind.ORIGINAL_SCRIPT) == 391


def test_codec_round_trip_of_every_entity(un_full: dict[str, Entity]) -> None:
    for entity in un_full.values():
        assert entity_from_json(entity_json(entity)) == entity


def test_taliban_individual_with_titles_documents_and_original_script(
    un_full: dict[str, Entity], un_sample: dict[str, Entity]
) -> None:
    entity = un_full["un-TAi.008"]
    assert un_sample["un-TAi.008"] == entity
    assert entity.schema is Schema.PERSON
    primary = entity.names[0]
    assert primary.value == "SHAMS UR-RAHMAN ABDUL ZAHIR"
    assert (primary.given, primary.middle, primary.family) == ("SHAMS", "UR-RAHMAN", "ABDUL ZAHIR")
    (original,) = entity.names_of(NameKind.ORIGINAL_SCRIPT)
    assert (original.value, original.script) == ("شمس الرحمن عبد الظاهر", "Arab")
    assert names(entity, NameKind.AKA) == [
        "Shamsurrahman",
        "Shams-u-Rahman",
        "Shamsurrahman Abdurahman",
    ]
    assert names(entity, NameKind.WEAK) == ["Shams ur-Rahman Sher Alam"]
    assert entity.titles == (
        "Mullah",
        "Maulavi",
        "Deputy Minister of Agriculture under the Taliban regime",
    )
    assert entity.birth_dates == (PartialDate("1969"),)
    assert entity.birth_places == (
        "Waka Uzbin village, Sarobi District, Kabul Province, Afghanistan",
    )
    assert entity.nationalities == ("af",)
    assert [(i.kind, i.number) for i in entity.identifiers] == [
        (IdentifierKind.NATIONAL_ID, "2132370"),
        (IdentifierKind.NATIONAL_ID, "812673"),
    ]
    assert entity.identifiers[0].label == "Afghan national identification card (tazkira) number"
    assert entity.addresses == ()  # <INDIVIDUAL_ADDRESS><COUNTRY /></INDIVIDUAL_ADDRESS>
    designation = entity.designations[0]
    assert designation.programs == ("Taliban",)
    assert designation.listed_on == PartialDate("2001-02-23")
    assert designation.source_ref == "TAi.008"
    assert designation.remarks is not None
    assert "Belongs to Ghilzai tribe. Review pursuant" in designation.remarks  # lines joined


def test_drc_individual_with_birth_year_range(
    un_full: dict[str, Entity], un_sample: dict[str, Entity]
) -> None:
    entity = un_full["un-CDi.030"]
    assert un_sample["un-CDi.030"] == entity
    assert entity.caption == "BOSCO TAGANDA"
    assert entity.birth_dates == (PartialDate("1973", "1974"),)
    assert entity.birth_dates[0].latest == "1974-12-31"
    assert entity.birth_places == ("Bigogwe, Rwanda",)
    assert entity.gender is Gender.MALE
    assert entity.nationalities == ("cd",)
    (address,) = entity.addresses
    assert (address.country, address.remarks) == ("be", "As of 14 December 2022")
    assert names(entity, NameKind.AKA) == ["Bosco Ntaganda", "Bosco Ntagenda", "General Taganda"]
    weak = {n.value: n.remarks for n in entity.names_of(NameKind.WEAK)}
    assert weak == {
        "Lydia": "When he was part of APR.",
        "Terminator": None,
        "Tango Romeo": "Call sign",
        "Romeo": "Call sign",
        "Major": None,
    }
    assert entity.identifiers == ()  # <INDIVIDUAL_DOCUMENT />
    assert entity.programs == ("DRC",)


def test_iran_entity_with_addresses(un_full: dict[str, Entity]) -> None:
    entity = un_full["un-IRe.003"]
    assert entity.schema is Schema.ORGANIZATION
    assert entity.caption == "AMIN INDUSTRIAL COMPLEX"
    assert entity.names[0].given is None
    assert names(entity, NameKind.AKA) == ["Amin Industrial Compound", "Amin Industrial Company"]
    assert [(a.street, a.city, a.country) for a in entity.addresses] == [
        ("P.O. Box 91735-549", "Mashad", "ir"),
        ("Amin Industrial Estate, Khalage Rd., Seyedi District", "Mashad", "ir"),
        ("Kaveh Complex, Khalaj Rd., Seyedi St.", "Mashad", "ir"),
    ]
    assert entity.designations[0].listed_on == PartialDate("2010-06-09")
    assert entity.programs == ("Iran",)


@pytest.mark.parametrize(
    ("entity_id", "expected"),
    [
        ("un-IQi.004", ["circa 1957"]),  # APPROXIMATELY + YEAR
        ("un-TAi.002", ["circa 1955 to 1958", "circa 1945 to 1950"]),  # BETWEEN + "Approximately"
        ("un-QDi.395", ["1958-09"]),  # <YEAR>1958</YEAR><NOTE>Sep.</NOTE>
        ("un-CDi.004", ["1973-11"]),  # only <NOTE>Nov. 1973</NOTE>
        ("un-KPi.016", ["1957-04-15", "1958-02-22"]),  # second DOB from an alias
        ("un-QDi.062", ["1970-02-05", "1969-02-05"]),
    ],
)
def test_birth_dates(un_full: dict[str, Entity], entity_id: str, expected: list[str]) -> None:
    assert [str(d) for d in un_full[entity_id].birth_dates] == expected


def test_unparsed_birth_date_notes_are_kept(un_full: dict[str, Entity]) -> None:
    notes = [n for e in un_full.values() for n in e.notes if n.startswith("DOB")]
    assert "DOB: 30-35 years old" in notes
    assert "DOB: 24/06/1402 (Hijri Calendar)" in notes
    assert "DOB 1979-03-03: from false passport" in notes


def test_alias_with_birth_date_remark(un_full: dict[str, Entity]) -> None:
    entity = un_full["un-KPi.016"]
    alias = next(n for n in entity.names if n.value == "Jang Hyon U")
    assert (alias.kind, alias.remarks) == (NameKind.AKA, "DOB 1958-02-22")


def test_fka_from_quality_and_note(un_full: dict[str, Entity]) -> None:
    entity = un_full["un-QDi.062"]
    (fka,) = entity.names_of(NameKind.FKA)
    assert fka.value == "Mohamed Aouani"
    assert fka.remarks == "formerly listed as; DOB 1970-02-05; POB Tunis, Tunisia"


def test_name_parts(un_full: dict[str, Entity]) -> None:
    kevin = un_full["un-QDi.341"].names[0]
    assert kevin.value == "KEVIN JORDAN AXEL GUIAVARCH"
    assert (kevin.given, kevin.middle, kevin.family) == ("KEVIN", "JORDAN AXEL", "GUIAVARCH")
    korean = un_full["un-KPi.050"].names[0]  # DPRK list: family name first
    assert (korean.value, korean.family, korean.given) == ("PAK TO CHUN", "PAK", "TO CHUN")
    single = un_full["un-TAi.052"].names[0]
    assert (single.value, single.given, single.family) == ("MOHAMMAD YAQOUB", None, None)


def test_cyrillic_names_and_documents(un_full: dict[str, Entity]) -> None:
    entity = un_full["un-QDi.368"]
    originals = entity.names_of(NameKind.ORIGINAL_SCRIPT)
    assert [(n.value, n.script) for n in originals] == [
        ("Шамиль Магомедович Измайлов", "Cyrl"),
        ("Шамиль Магомедович Алиев", "Cyrl"),  # from the note "original script: ..."
    ]
    weak = entity.names_of(NameKind.WEAK)
    assert [(n.value, n.script) for n in weak] == [("Abu Hanifa", None), ("Абу Ханифа", "Cyrl")]
    first, second = entity.identifiers
    assert first.kind is IdentifierKind.PASSPORT
    assert first.country == "eg"  # COUNTRY_OF_ISSUE Egypt (issued at a consulate)
    assert first.issued == PartialDate("2010-09-08")
    assert (
        first.remarks
        == "issued in Alexandria; issued by Consulate General of the Russian Federation"
    )
    assert (second.number, second.country, second.label) == (
        "1200075689",
        "ru",
        "national passport",
    )


def test_passport_with_issue_and_expiry(un_full: dict[str, Entity]) -> None:
    (passport,) = un_full["un-GBi.001"].identifiers
    assert (passport.kind, passport.number, passport.country) == (
        IdentifierKind.PASSPORT,
        "AAID00437",
        "gw",
    )
    assert passport.issued == PartialDate("2010-02-18")
    assert passport.expires == PartialDate("2013-02-18")
    assert passport.remarks == "Expiration date 18 Feb. 2013"


def test_identifier_kinds_counts(un_full: dict[str, Entity]) -> None:
    kinds = [i.kind for e in un_full.values() for i in e.identifiers]
    assert kinds.count(IdentifierKind.PASSPORT) == 315
    assert kinds.count(IdentifierKind.NATIONAL_ID) == 141
    assert kinds.count(IdentifierKind.TAX_ID) == 1
    # the tazkira number written into the document type text
    tazkira = [i for i in un_full["un-TAi.071"].identifiers if i.number == "545167"]
    assert tazkira[0].label == "Afghan national identification card (tazkira) number"


def test_chinese_alias_scripts(un_full: dict[str, Entity]) -> None:
    (hant,) = [n for n in un_full["un-KPe.055"].names if n.script]
    assert (hant.value, hant.script, hant.kind) == ("長安海連技術有限公司", "Hant", NameKind.AKA)
    (hans,) = [n for n in un_full["un-KPe.016"].names if n.script]
    assert (hans.value, hans.script) == ("朝鲜联合机械贸易会社", "Hans")


def test_listed_on_with_timezone_suffix(un_full: dict[str, Entity]) -> None:
    # <LISTED_ON>2015-04-07-04:00</LISTED_ON>
    assert un_full["un-QDi.352"].designations[0].listed_on == PartialDate("2015-04-07")


def test_nationalities_placeholders_and_unknowns(un_full: dict[str, Entity]) -> None:
    assert un_full["un-SDi.001"].nationalities == ()  # "na" is not Namibia
    entity = un_full["un-QDi.290"]  # "Russian Federation", "former Soviet Union"
    assert entity.nationalities[0] == "ru"
    # the historical name is either coded by the country table or kept as a note
    assert len(entity.nationalities) == 2 or "Nationality: former Soviet Union" in entity.notes
    assert un_full["un-QDi.430"].nationalities == ("tt", "us")


def test_links_to_other_un_records(un_full: dict[str, Entity]) -> None:
    links = un_full["un-QDi.057"].relationships
    assert [r.target_id for r in links] == ["un-QDe.069", "un-QDe.070", "un-QDe.011"]
    assert all(r.kind is RelationKind.LINKED_TO for r in links)
    assert links[0].label is not None
    assert links[0].label.startswith("Associated with Afghan Support Committee (ASC) (QDe.069)")
    assert sum(len(e.relationships) for e in un_full.values()) == 502


# --- sniffing ----------------------------------------------------------------------------------


def test_sniff_tells_un_from_eu_and_ofac_xml() -> None:
    formats = shared_path("formats")
    results = {
        p.name: (un_xml.sniff(p, head_bytes(p)), eu_fsf.sniff(p, head_bytes(p)))
        for p in sorted(formats.glob("*.xml"))
    }
    assert results.pop("un_sc_consolidated_sample.xml") == (True, False)
    assert results.pop("eu_fsf_1_1_sample.xml") == (False, True)
    assert "ofac_sdn_xml_sample.xml" in results
    assert "ofac_cons_advanced_sample.xml" in results
    assert all(r == (False, False) for r in results.values()), results
    full = shared_path("lists", "un-2026", "UN_consolidated.xml")
    assert un_xml.sniff(full, head_bytes(full))
    assert un_xml.FORMAT.name == "un-xml"


# --- bad input ---------------------------------------------------------------------------------

_ONE_INDIVIDUAL = """<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09.554Z">
<INDIVIDUALS>
<INDIVIDUAL>
  <DATAID>1</DATAID>
  <FIRST_NAME>JOHN</FIRST_NAME>
  <SECOND_NAME>DOE</SECOND_NAME>
  <UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE>
  {ref}
  <LISTED_ON>2020-01-01</LISTED_ON>
</INDIVIDUAL>
</INDIVIDUALS>
<ENTITIES/>
</CONSOLIDATED_LIST>
"""


def test_inline_minimal_record(tmp_path: Path) -> None:
    path = tmp_path / "un.xml"
    path.write_text(_ONE_INDIVIDUAL.format(ref="<REFERENCE_NUMBER>QDi.999</REFERENCE_NUMBER>"))
    (entity,) = un_xml.read(path).entities
    assert entity.id == "un-QDi.999"
    assert (entity.caption, entity.names[0].given, entity.names[0].family) == (
        "JOHN DOE",
        "JOHN",
        "DOE",
    )


def test_individual_without_reference_number_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "un.xml"
    path.write_text(_ONE_INDIVIDUAL.format(ref=""))
    with pytest.raises(SourceError) as caught:
        list(un_xml.read(path).entities)
    assert caught.value.line == 4
    assert "REFERENCE_NUMBER" in str(caught.value)
    assert str(caught.value).startswith("un.xml line 4:")


def test_truncated_file_reports_line(tmp_path: Path) -> None:
    data = shared_path("lists", "un-2026", "UN_consolidated.xml").read_bytes()
    cut = data[: len(data) // 2]
    path = tmp_path / "truncated.xml"
    path.write_bytes(cut)
    listed = un_xml.read(path)
    assert listed.published == date(2026, 2, 27)
    with pytest.raises(SourceError) as caught:
        for _ in listed.entities:
            pass
    assert caught.value.line is not None
    assert abs(caught.value.line - (cut.count(b"\n") + 1)) <= 1


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.xml"
    path.write_bytes(b"")
    assert not un_xml.sniff(path, b"")
    with pytest.raises(SourceError):
        list(un_xml.read(path).entities)


def test_undecodable_bytes(tmp_path: Path) -> None:
    path = tmp_path / "bad.xml"
    text = _ONE_INDIVIDUAL.format(ref="<REFERENCE_NUMBER>QDi.999</REFERENCE_NUMBER>")
    path.write_bytes(text.replace("JOHN", "J\xffOHN").encode("latin-1"))
    with pytest.raises(SourceError) as caught:
        list(un_xml.read(path).entities)
    assert caught.value.line == 6  # the FIRST_NAME line


def test_other_root_is_refused() -> None:
    path = shared_path("formats", "eu_fsf_1_1_sample.xml")
    with pytest.raises(SourceError, match="not a UN consolidated list"):
        un_xml.read(path)


# --- helpers: properties -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Robert Mugabe", "Latn"),
        ("Шамиль", "Cyrl"),
        ("صدام حسين", "Arab"),
        ("Μέγα Ισλαµικό", "Grek"),
        ("习近平", "Hans"),
        ("習近平", "Hant"),
        ("金正恩", "Hani"),
        ("김정은", "Hang"),
        ("東京タワー", "Jpan"),
        ("123 -", None),
    ],
)
def test_detect_script(text: str, script: str | None) -> None:
    assert detect_script(text) == script


@settings(max_examples=200)
@given(st.text())
def test_detect_script_never_crashes(text: str) -> None:
    script = detect_script(text)
    assert script is None or (len(script) == 4 and script[0].isupper())


@settings(max_examples=200)
@given(st.binary(max_size=300))
def test_sniff_never_crashes_on_bytes(head: bytes) -> None:
    assert un_xml.sniff(Path("x.xml"), head) in (True, False)
    assert eu_fsf.sniff(Path("x.xml"), head) in (True, False)


_maybe = st.one_of(
    st.none(), st.text(max_size=20), st.from_regex(r"\d{4}(-\d{2}-\d{2})?", fullmatch=True)
)


@settings(max_examples=200)
@given(_maybe, _maybe, _maybe, _maybe, _maybe, st.booleans())
def test_parse_un_date_never_crashes(
    exact: str | None,
    year: str | None,
    low: str | None,
    high: str | None,
    note: str | None,
    circa: bool,
) -> None:
    result = un_xml.parse_un_date(exact, year, low, high, note, circa=circa)
    if result is not None:
        parsed, _used = result
        assert parsed.earliest <= parsed.latest
        assert PartialDate.parse(str(parsed)) == parsed
