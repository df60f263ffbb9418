"""OFAC legacy XML (sdn.xml / consolidated.xml): real samples, edge cases, grammar properties."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clearance.model import (
    Entity,
    Gender,
    IdentifierKind,
    ListCode,
    NameKind,
    PartialDate,
    RelationKind,
    Schema,
)
from clearance.model.codec import to_dict
from clearance.sources import ofac_advanced, ofac_xml
from clearance.sources.base import ListRead, SourceError, head_bytes
from conftest import shared_path

NS = "http://tempuri.org/sdnList.xsd"


def _sample(name: str) -> Path:
    return shared_path("formats", name)


def _by_id(path: Path) -> tuple[ListRead, dict[str, Entity]]:
    result = ofac_xml.read(path)
    return result, {e.id: e for e in result.entities}


def _doc(body: str, publish: str = "01/02/2024") -> str:
    return (
        '<?xml version="1.0" standalone="yes"?>\n'
        f'<sdnList xmlns="{NS}">\n'
        f"  <publshInformation><Publish_Date>{publish}</Publish_Date>"
        "<Record_Count>1</Record_Count></publshInformation>\n"
        f"{body}\n</sdnList>\n"
    )


# --- real samples ------------------------------------------------------------------------


def test_sdn_sample_header_and_counts() -> None:
    result, entities = _by_id(_sample("ofac_sdn_xml_sample.xml"))
    assert result.format == "ofac-xml"
    assert result.source == "ofac-sdn"
    assert result.published == date(2014, 7, 16)
    assert set(entities) == {"ofac-306", "ofac-6982", "ofac-11043", "ofac-521"}
    assert all(e.lists == ("SDN",) for e in entities.values())


def test_sdn_sample_bank_weak_aka_and_addresses() -> None:
    _, entities = _by_id(_sample("ofac_sdn_xml_sample.xml"))
    bank = entities["ofac-306"]
    assert bank.schema is Schema.ORGANIZATION
    assert bank.caption == "BANCO NACIONAL DE CUBA"
    assert [n.value for n in bank.names_of(NameKind.WEAK)] == ["BNC"]
    assert [n.value for n in bank.names_of(NameKind.AKA)] == ["NATIONAL BANK OF CUBA"]
    assert bank.programs == ("CUBA",)
    assert bank.source_ref == "306"
    assert [a.country for a in bank.addresses] == ["ch", "es", "jp", "pa"]
    assert bank.addresses[0].street == "Zweierstrasse 35"
    assert bank.addresses[0].postal_code == "CH-8022"


def test_sdn_sample_individual() -> None:
    _, entities = _by_id(_sample("ofac_sdn_xml_sample.xml"))
    person = entities["ofac-6982"]
    assert person.schema is Schema.PERSON
    primary = person.names[0]
    assert (primary.value, primary.kind) == ("JIM'ALE, Ahmed Nur Ali", NameKind.PRIMARY)
    assert (primary.given, primary.family) == ("Ahmed Nur Ali", "JIM'ALE")
    assert len(person.names_of(NameKind.AKA)) == 8
    assert person.birth_dates == (PartialDate("1954-05-20"), PartialDate("1954", circa=True))
    assert person.birth_places == ("Eilbur, Somalia",)
    assert person.nationalities == ("so",)
    assert person.citizenships == ("so", "dj")
    (passport,) = person.identifiers
    assert passport.kind is IdentifierKind.PASSPORT
    assert (passport.number, passport.country) == ("A0181988", "so")
    assert passport.issued == PartialDate("2001-10-01")
    assert passport.expires == PartialDate("2011-01-23")
    # free text the remarks grammar does not read is kept verbatim
    assert person.unparsed == ("Additional Djiboutian passport issued in 2010.",)
    assert person.programs == ("SDGT",)


def test_sdn_sample_vessel_and_title() -> None:
    _, entities = _by_id(_sample("ofac_sdn_xml_sample.xml"))
    vessel = entities["ofac-11043"]
    assert vessel.schema is Schema.VESSEL
    assert [n.value for n in vessel.names_of(NameKind.FKA)] == [
        "IRAN BRIGHTNESS",
        "BRIGHTNESS",
        "MARIGOLD",
    ]
    (imo,) = vessel.identifiers  # read as the CSV remarks item "... Identification IMO 9051648"
    assert (imo.kind, imo.number, imo.country) == (IdentifierKind.IMO, "9051648", "ir")
    assert imo.label == "Vessel Registration Identification IMO"
    assert vessel.craft is not None
    assert vessel.craft.craft_type == "General Cargo"
    assert (vessel.craft.flag, vessel.craft.owner) == ("ir", "IRISL")
    assert (vessel.craft.tonnage, vessel.craft.gross_registered_tonnage) == ("24065", "16621")
    chao = entities["ofac-521"]
    assert chao.titles == ("Executive Director, Havana International Bank",)
    assert chao.identifiers[0].country == "be"


def test_cons_sample_lists_and_measures() -> None:
    result, entities = _by_id(_sample("ofac_cons_legacy_xml_sample.xml"))
    assert result.source == "ofac-cons"
    assert result.published == date(2014, 12, 17)
    assert len(entities) == 16
    lists = {e.id: e.lists[0] for e in entities.values()}
    assert lists["ofac-9639"] == "NS-PLC"
    assert lists["ofac-15268"] == "CAPTA"  # program 561List
    assert lists["ofac-15987"] == "FSE"  # FSE-IR + EO13645
    assert lists["ofac-17013"] == "SSI"  # UKRAINE-EO13662
    assert lists["ofac-13042"] == "NS-ISA"  # program IRAN with the ISA loan remark
    counts: dict[str, int] = {}
    for code in lists.values():
        counts[code] = counts.get(code, 0) + 1
    assert counts == {"SSI": 4, "NS-PLC": 6, "CAPTA": 1, "NS-ISA": 2, "FSE": 3}
    vtb = entities["ofac-17013"]
    (designation,) = vtb.designations
    assert designation.programs == ("UKRAINE-EO13662",)
    (measure,) = designation.measures
    assert (measure.code, measure.label) == ("EO13662-DIRECTIVE-1", "Subject to Directive 1")
    assert measure.legal_basis == "E.O. 13662 Directive 1"
    kinds = {i.label: i.kind for i in vtb.identifiers}
    assert kinds["SWIFT/BIC"] is IdentifierKind.BIC
    assert kinds["Tax ID No."] is IdentifierKind.TAX_ID
    assert kinds["Registration ID"] is IdentifierKind.REGISTRATION
    assert vtb.websites == ("www.vtb.com",)
    assert not any(i.label and i.label.startswith("Executive Order") for i in vtb.identifiers)


def test_cons_sample_individuals_and_links() -> None:
    _, entities = _by_id(_sample("ofac_cons_legacy_xml_sample.xml"))
    haniya = entities["ofac-9639"]  # <nspType>Individual</nspType>
    assert haniya.schema is Schema.PERSON
    assert haniya.caption == "HANIYA, Ismail Abdul Salah"
    assert haniya.birth_dates == (PartialDate("1962"),)
    assert haniya.birth_places == ("Shati",)
    sokolenko = entities["ofac-16422"]
    assert sokolenko.titles == ("General Manager of Ferland Company Limited",)
    assert sokolenko.relationships[0].kind is RelationKind.LINKED_TO
    assert sokolenko.relationships[0].target_name == "FERLAND COMPANY LIMITED"
    (eo,) = sokolenko.designations[0].measures
    assert (eo.code, eo.label) == ("EO13645-DETERMINATION", "Material Support")
    assert [i.number for i in sokolenko.identifiers] == ["EH354160", "P0329907"]
    bank = entities["ofac-17017"]
    assert bank.emails == ("holmogorov_ss@mmbank.ru", "info@mmbank.ru")
    fal = entities["ofac-13043"]
    assert "97165029999" in fal.phones
    hosseinpour = entities["ofac-16531"]
    assert hosseinpour.identifiers[0].expires == PartialDate("2015-07-11")


def test_entities_round_trip_through_codec() -> None:
    _, entities = _by_id(_sample("ofac_cons_legacy_xml_sample.xml"))
    for entity in entities.values():
        encoded = to_dict(entity)
        assert encoded["id"] == entity.id and encoded["source"] == "ofac-cons"


# --- sniffing ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "legacy", "advanced"),
    [
        ("ofac_sdn_xml_sample.xml", True, False),
        ("ofac_cons_legacy_xml_sample.xml", True, False),
        ("ofac_cons_advanced_sample.xml", False, True),
        ("ofac_sdn_advanced.xsd", False, False),
        ("un_sc_consolidated_sample.xml", False, False),
        ("eu_fsf_1_1_sample.xml", False, False),
        ("ofac_sdn_excerpt.csv", False, False),
    ],
)
def test_sniff_tells_formats_apart(name: str, legacy: bool, advanced: bool) -> None:
    path = _sample(name)
    head = head_bytes(path)
    assert ofac_xml.sniff(path, head) is legacy
    assert ofac_advanced.sniff(path, head) is advanced


# --- bad and edge input ------------------------------------------------------------------


def test_truncated_file_raises_with_line(tmp_path: Path) -> None:
    data = _sample("ofac_sdn_xml_sample.xml").read_bytes()
    broken = tmp_path / "sdn.xml"
    broken.write_bytes(data[: len(data) // 2])
    with pytest.raises(SourceError) as info:
        list(ofac_xml.read(broken).entities)
    assert info.value.line is not None and info.value.line > 1
    assert "sdn.xml line" in str(info.value)


def test_caatsa_entry_measures(tmp_path: Path) -> None:
    body = """<sdnEntry><uid>27016</uid><lastName>PRESIDENCY OF DEFENSE INDUSTRIES</lastName>
    <sdnType>Entity</sdnType><programList><program>CAATSA - RUSSIA</program></programList>
    <idList>
    <id><uid>1</uid><idType>CAATSA Section 235 Information:</idType>
      <idNumber>EXPORT SANCTIONS Sec. 235(a)(2)</idNumber></id>
    <id><uid>2</uid><idType>CAATSA Section 235 Information:</idType>
      <idNumber>LOANS FROM UNITED STATES FINANCIAL INSTITUTIONS. Sec. 235(a)(3)</idNumber></id>
    </idList></sdnEntry>"""
    path = tmp_path / "cons.xml"
    path.write_text(_doc(body))
    (ssb,) = list(ofac_xml.read(path).entities)
    (designation,) = ssb.designations
    assert designation.list_code is ListCode.NS_MBS
    assert designation.programs == ("CAATSA - RUSSIA",)
    assert [(m.code, m.label, m.legal_basis) for m in designation.measures] == [
        ("CAATSA-235(a)(2)", "EXPORT SANCTIONS", "CAATSA Sec. 235(a)(2)"),
        (
            "CAATSA-235(a)(3)",
            "LOANS FROM UNITED STATES FINANCIAL INSTITUTIONS",
            "CAATSA Sec. 235(a)(3)",
        ),
    ]


def test_entry_without_uid_names_the_line(tmp_path: Path) -> None:
    body = (
        "  <sdnEntry><uid>1</uid><lastName>GOOD</lastName><sdnType>Entity</sdnType></sdnEntry>\n"
        "  <sdnEntry>\n    <lastName>NO UID</lastName><sdnType>Entity</sdnType>\n  </sdnEntry>"
    )
    path = tmp_path / "sdn.xml"
    path.write_text(_doc(body))
    result = ofac_xml.read(path)
    entities = iter(result.entities)
    assert next(entities).id == "ofac-1"
    with pytest.raises(SourceError) as info:
        next(entities)
    assert info.value.line == 5
    assert "without uid" in info.value.reason


def test_undecodable_bytes_raise_source_error(tmp_path: Path) -> None:
    path = tmp_path / "sdn.xml"
    path.write_bytes(
        _doc("<sdnEntry><uid>1</uid><lastName>X\xff</lastName></sdnEntry>").encode("latin-1")
    )
    with pytest.raises(SourceError):
        list(ofac_xml.read(path).entities)


def test_newer_remark_items_in_id_list(tmp_path: Path) -> None:
    """Newer sdn.xml writes remarks items as idList entries: Gender, CAATSA, Linked To ..."""
    body = """  <sdnEntry>
    <uid>27018</uid><firstName>Ismail</firstName><lastName>DEMIR</lastName>
    <title>SSB Chairman</title><sdnType>Individual</sdnType>
    <programList><program>CAATSA - RUSSIA</program></programList>
    <idList>
      <id><uid>1</uid><idType>Turkish Identification Number</idType>
          <idNumber>37435275130</idNumber><idCountry>Turkey</idCountry></id>
      <id><uid>2</uid><idType>Gender</idType><idNumber>Male</idNumber></id>
      <id><uid>3</uid><idType>CAATSA Section 235 Information:</idType>
          <idNumber>SANCTIONS ON PRINCIPAL EXECUTIVE OFFICERS. Sec 235(a)(12)</idNumber></id>
      <id><uid>4</uid><idType>CAATSA Section 235 Information:</idType>
          <idNumber>FOREIGN EXCHANGE. Sec 235(a)(7)</idNumber></id>
      <id><uid>5</uid><idType>Linked To:</idType>
          <idNumber>PRESIDENCY OF DEFENSE INDUSTRIES</idNumber></id>
      <id><uid>6</uid><idType>Secondary sanctions risk:</idType>
          <idNumber>Ukraine-/Russia-Related Sanctions Regulations, 31 CFR 589.201</idNumber></id>
      <id><uid>7</uid><idType>Digital Currency Address - XBT</idType>
          <idNumber>1AjZPMsnmpdK2Rv9KQNfMurTXinscVro9V</idNumber></id>
      <id><uid>8</uid><idType>Additional Sanctions Information -</idType>
          <idNumber>Subject to Secondary Sanctions</idNumber></id>
    </idList>
    <akaList><aka><uid>9</uid><type>a.k.a.</type><category>weak</category>
      <lastName>DEMIR</lastName></aka></akaList>
    <dateOfBirthList><dateOfBirthItem><uid>10</uid><dateOfBirth>01 Apr 1960</dateOfBirth>
      </dateOfBirthItem></dateOfBirthList>
  </sdnEntry>"""
    path = tmp_path / "sdn_new.xml"
    path.write_text(_doc(body, "05/03/2024"))
    result = ofac_xml.read(path)
    assert result.source == "ofac-sdn"
    assert result.published == date(2024, 5, 3)
    (demir,) = list(result.entities)
    assert demir.gender is Gender.MALE
    assert demir.titles == ("SSB Chairman",)
    assert demir.birth_dates == (PartialDate("1960-04-01"),)
    assert demir.names_of(NameKind.WEAK)[0].value == "DEMIR"
    (designation,) = demir.designations
    assert designation.list_code is ListCode.SDN
    codes = {m.code: m for m in designation.measures}
    assert codes["CAATSA-235(a)(12)"].label == "SANCTIONS ON PRINCIPAL EXECUTIVE OFFICERS"
    assert codes["CAATSA-235(a)(12)"].legal_basis == "CAATSA Sec. 235(a)(12)"
    assert codes["CAATSA-235(a)(7)"].label == "FOREIGN EXCHANGE"
    assert codes["SECONDARY-SANCTIONS-RISK"].legal_basis == (
        "Ukraine-/Russia-Related Sanctions Regulations, 31 CFR 589.201"
    )
    assert codes["SECONDARY-SANCTIONS"].label == "Subject to Secondary Sanctions"
    (link,) = demir.relationships
    assert (link.kind, link.target_name) == (
        RelationKind.LINKED_TO,
        "PRESIDENCY OF DEFENSE INDUSTRIES",
    )
    kinds = {i.kind: i for i in demir.identifiers}
    assert set(kinds) == {IdentifierKind.NATIONAL_ID, IdentifierKind.CRYPTO_WALLET}
    assert kinds[IdentifierKind.NATIONAL_ID].number == "37435275130"
    assert kinds[IdentifierKind.CRYPTO_WALLET].label == "Digital Currency Address - XBT"


def test_consolidated_list_codes_follow_programs_and_measures(tmp_path: Path) -> None:
    """Consolidated entries get the list of their programs, CAATSA §235 items → NS-MBS."""

    def entry(uid: int, programs: tuple[str, ...], ids: str = "") -> str:
        listed = "".join(f"<program>{p}</program>" for p in programs)
        return (
            f"<sdnEntry><uid>{uid}</uid><lastName>E{uid}</lastName><sdnType>Entity</sdnType>"
            f"<programList>{listed}</programList><idList>{ids}</idList></sdnEntry>"
        )

    caatsa = (
        "<id><uid>1</uid><idType>CAATSA Section 235 Information:</idType>"
        "<idNumber>EXPORT SANCTIONS Sec. 235(a)(2)</idNumber></id>"
    )
    body = "\n".join(
        (
            entry(1, ("NS-PLC",)),
            entry(2, ("561-Related",)),
            entry(3, ("FSE-SY",)),
            entry(4, ("UKRAINE-EO13662", "RUSSIA-EO14024")),
            entry(5, ("CAATSA - RUSSIA",), caatsa),
            entry(6, ("CMIC-EO13959",)),
            entry(7, ("NS-ISA",)),
            entry(8, ("SOMETHING-ELSE",)),
        )
    )
    path = tmp_path / "consolidated.xml"
    path.write_text(_doc(body))
    result = ofac_xml.read(path)
    assert result.source == "ofac-cons"
    lists = {e.source_ref: e.lists for e in result.entities}
    assert lists == {
        "1": ("NS-PLC",),
        "2": ("CAPTA",),
        "3": ("FSE",),
        "4": ("SSI",),
        "5": ("NS-MBS",),
        "6": ("CMIC",),
        "7": ("NS-ISA",),
        "8": ("OFAC-CONS",),
    }


def test_consolidated_decided_from_file_name_when_no_program_marks_it(tmp_path: Path) -> None:
    body = (
        "<sdnEntry><uid>17013</uid><lastName>VTB</lastName><sdnType>Entity</sdnType>"
        "<programList><program>UKRAINE-EO13662</program></programList></sdnEntry>"
    )
    cons = tmp_path / "consolidated.xml"
    cons.write_text(_doc(body))
    assert ofac_xml.read(cons).source == "ofac-cons"
    other = tmp_path / "list.xml"
    other.write_text(_doc(body))
    assert ofac_xml.read(other).source == "ofac-sdn"


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Passport", IdentifierKind.PASSPORT),
        ("Diplomatic Passport", IdentifierKind.PASSPORT),
        ("National ID No.", IdentifierKind.NATIONAL_ID),
        ("Cedula No.", IdentifierKind.NATIONAL_ID),
        ("SWIFT/BIC", IdentifierKind.BIC),
        ("BIK (RU)", IdentifierKind.OTHER),
        ("Vessel Registration Identification", IdentifierKind.IMO),
        ("MMSI", IdentifierKind.MMSI),
        ("Digital Currency Address - ETH", IdentifierKind.CRYPTO_WALLET),
        ("Tax ID No.", IdentifierKind.TAX_ID),
        ("V.A.T. Number", IdentifierKind.TAX_ID),
        ("Registration ID", IdentifierKind.REGISTRATION),
        ("Commercial Registry Number", IdentifierKind.REGISTRATION),
        ("Legal Entity Number", IdentifierKind.LEI),
        ("Aircraft Manufacturer's Serial Number (MSN)", IdentifierKind.AIRCRAFT_SERIAL),
        ("Equity Ticker", IdentifierKind.OTHER),
    ],
)
def test_identifier_kind(label: str, kind: IdentifierKind) -> None:
    assert ofac_xml.identifier_kind(label) is kind


def test_publish_date() -> None:
    assert ofac_xml.parse_publish_date("07/16/2014") == date(2014, 7, 16)
    assert ofac_xml.parse_publish_date("2024-05-03") == date(2024, 5, 3)
    assert ofac_xml.parse_publish_date("13/40/2014") is None
    assert ofac_xml.parse_publish_date("") is None


# --- properties of the text grammars -----------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.text(), st.text())
def test_labelled_items_never_crash(label: str, value: str) -> None:
    builder = ofac_xml.FactsBuilder("ofac-1", Schema.PERSON, "ofac-sdn", "1")
    builder.add_labelled(label, value)
    entity = builder.build()
    assert entity.id == "ofac-1"
    ofac_xml.identifier_kind(label)
    ofac_xml.labelled_measure(label, value)
    ofac_xml.parse_publish_date(value)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1, max_value=99),
    st.text(alphabet=st.characters(categories=["Lu", "Zs"]), max_size=40),
)
def test_caatsa_measure_reads_the_section_number(number: int, label: str) -> None:
    label = " ".join(label.split())
    measure = ofac_xml.caatsa_measure(f"{label}. Sec. 235(a)({number})")
    assert measure is not None
    assert measure.code == f"CAATSA-235(a)({number})"
    assert measure.legal_basis == f"CAATSA Sec. 235(a)({number})"
    assert measure.label == (label.rstrip(".").strip() or f"{label}. Sec. 235(a)({number})")
    again = ofac_xml.caatsa_measure(f"{measure.label} Sec. 235(a)({number})")
    assert again is not None and again.code == measure.code
