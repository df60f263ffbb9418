"""FCDO UK Sanctions List XML: the hand-written samples, leniency, and bad input."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

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
from clearance.sources import uk_sanctions_list
from clearance.sources.base import SourceError, head_bytes
from clearance.sources.uk_sanctions_list import measure_of, registrations
from conftest import shared_path

SAMPLES = Path(__file__).parent / "samples" / "uk"
RUSSIA = SAMPLES / "uk_sanctions_list_russia.xml"
DPRK = SAMPLES / "uk_sanctions_list_dprk.xml"


def read_all(path: Path) -> dict[str, Entity]:
    return {e.id: e for e in uk_sanctions_list.read(path).entities}


@pytest.fixture(scope="module")
def russia() -> dict[str, Entity]:
    return read_all(RUSSIA)


@pytest.fixture(scope="module")
def dprk() -> dict[str, Entity]:
    return read_all(DPRK)


def names(entity: Entity, kind: NameKind) -> list[str]:
    return [n.value for n in entity.names if n.kind is kind]


def test_read_header() -> None:
    listed = uk_sanctions_list.read(RUSSIA)
    assert (listed.format, listed.source) == ("uk-sanctions-list-xml", "uk-fcdo")
    assert listed.published == date(2026, 1, 15)  # dd/mm/yyyy
    assert uk_sanctions_list.read(DPRK).published == date(2026, 1, 15)  # ISO timestamp
    assert listed.files == (RUSSIA,)


def test_person_with_cyrillic_name(russia: dict[str, Entity]) -> None:
    person = russia["gb-fcdo-RUS0255"]
    assert person.schema is Schema.PERSON
    assert person.source == "uk-fcdo"
    assert person.source_ref == "RUS0255"
    primary = person.names[0]
    assert (primary.value, primary.kind) == ("Roman Arkadyevich ABRAMOVICH", NameKind.PRIMARY)
    assert (primary.given, primary.middle, primary.family) == ("Roman", "Arkadyevich", "ABRAMOVICH")
    variation = person.names[1]
    assert (variation.value, variation.kind) == ("Roman Arkadievich ABRAMOVICH", NameKind.AKA)
    assert variation.remarks == "Primary name variation"
    assert names(person, NameKind.AKA)[1] == "Roman ABRAMOVICH"
    (original,) = person.names_of(NameKind.ORIGINAL_SCRIPT)
    assert original.value == "Роман Аркадьевич АБРАМОВИЧ"
    assert (original.script, original.lang) == ("Cyrl", "ru")
    assert person.birth_dates == (
        PartialDate("1966-10-24"),
        PartialDate("1966"),  # 00/00/1966
        PartialDate("1967"),  # dd/mm/1967
    )
    assert person.birth_places == ("Saratov, Russia",)
    assert person.nationalities == ("ru", "il", "pt")
    assert person.gender is Gender.MALE
    assert person.titles == ("Former Governor of the Chukotka Autonomous Okrug",)
    passport, national_id = person.identifiers
    assert (passport.kind, passport.number, passport.country) == (
        IdentifierKind.PASSPORT,
        "750000001",
        "ru",
    )
    assert passport.remarks == "Russian foreign travel passport (illustrative number)"
    assert (national_id.kind, national_id.number) == (IdentifierKind.NATIONAL_ID, "4500 000001")
    (address,) = person.addresses
    assert (address.full, address.country) == ("Moscow, Russia", "ru")
    (designation,) = person.designations
    assert designation.authority is Authority.UK
    assert designation.list_code is ListCode.UK_CONSOLIDATED
    assert designation.programs == ("Russia",)
    assert designation.legal_basis == ("Russia",)
    assert designation.listed_on == PartialDate("2022-03-10")
    assert designation.source_ref == "RUS0255"
    assert (designation.remarks or "").startswith("A prominent Russian businessman")
    assert [(m.code, m.label, m.legal_basis) for m in designation.measures] == [
        ("UK-ASSET-FREEZE", "Asset freeze", "Russia"),
        ("UK-TRAVEL-BAN", "Travel Ban", "Russia"),
        ("UK-TRUST-SERVICES", "Trust services sanctions", "Russia"),
    ]
    assert "OFSI Group ID: 14197" in person.notes
    assert "Designation source: UK" in person.notes


def test_entity_with_registrations_and_subsidiaries(russia: dict[str, Entity]) -> None:
    bank = russia["gb-fcdo-RUS1306"]
    assert bank.schema is Schema.ORGANIZATION
    assert bank.caption == "PUBLIC JOINT STOCK COMPANY SBERBANK OF RUSSIA"
    assert names(bank, NameKind.AKA) == ["SBERBANK"]
    assert names(bank, NameKind.WEAK) == ["SBER"]  # Low quality a.k.a
    originals = bank.names_of(NameKind.ORIGINAL_SCRIPT)
    assert [n.value for n in originals] == [
        "Публичное акционерное общество «Сбербанк России»",
        "ПАО Сбербанк",
    ]
    assert all(n.script == "Cyrl" for n in originals)
    assert originals[1].lang is None  # no NonLatinScriptLanguage given
    assert [(i.kind, i.number) for i in bank.identifiers] == [
        (IdentifierKind.REGISTRATION, "1027700132195"),
        (IdentifierKind.TAX_ID, "7707083893"),
    ]
    assert [(r.kind, r.target_name) for r in bank.relationships] == [
        (RelationKind.SUBSIDIARY_OF, "Ministry of Finance of the Russian Federation"),
        (RelationKind.OWNS, "Sberbank CIB"),
        (RelationKind.OWNS, "Sberbank Leasing JSC"),
    ]
    (address,) = bank.addresses
    assert address.full == "19 Vavilova Street, Moscow, 117997, Russia"
    assert (address.postal_code, address.country) == ("117997", "ru")
    assert bank.phones == ("+7 495 500 5550",)
    assert bank.emails == ("sbrf@sberbank.ru",)
    assert bank.websites == ("www.sberbank.ru",)
    assert "Type of entity: Public Joint Stock Company" in bank.notes
    assert [m.code for m in bank.designations[0].measures] == [
        "UK-ASSET-FREEZE",
        "UK-TRUST-SERVICES",
    ]
    assert bank.designations[0].listed_on == PartialDate("2022-04-06")


def test_ship(dprk: dict[str, Entity]) -> None:
    ship = dprk["gb-fcdo-DPR0075"]
    assert ship.schema is Schema.VESSEL
    assert ship.caption == "PETREL 8"
    assert names(ship, NameKind.AKA) == ["JAL VAHINI"]  # NameType "ALias"
    assert [(i.kind, i.number) for i in ship.identifiers] == [
        (IdentifierKind.IMO, "9562233"),
        (IdentifierKind.MMSI, "620233000"),
    ]
    craft = ship.craft
    assert craft is not None
    assert (craft.flag, craft.craft_type, craft.tonnage, craft.build_year) == (
        "km",
        "Bulk Carrier",
        "7078",
        "2001",
    )
    assert craft.owner == "Illustrative Shipping Co Ltd"
    (owner,) = ship.relationships
    assert owner.kind is RelationKind.OWNED_OR_CONTROLLED_BY
    assert owner.target_name == "Illustrative Shipping Co Ltd"
    assert "Previous flag: India" in ship.notes
    assert "Length: 118" in ship.notes
    assert [m.code for m in ship.designations[0].measures] == [
        "UK-PORT-ENTRY-BAN",
        "UK-DEFLAG",
        "UK-SHIP-SPECIFICATION",
    ]
    assert ship.designations[0].listed_on == PartialDate("2017-10-19")
    assert "Designation source: UN" in ship.notes


def test_person_with_hangul_name_and_indicators(dprk: dict[str, Entity]) -> None:
    person = dprk["gb-fcdo-DPR0010"]
    assert person.schema is Schema.PERSON
    (original,) = person.names_of(NameKind.ORIGINAL_SCRIPT)
    assert (original.value, original.script, original.lang) == ("장창하", "Hang", "ko")
    assert person.birth_dates == (PartialDate("1964-01-10"),)
    assert person.nationalities == ("kp",)
    # no SanctionsImposed: the indicators set to true give the measures
    assert [m.code for m in person.designations[0].measures] == ["UK-ASSET-FREEZE", "UK-TRAVEL-BAN"]
    assert "UN reference number: KPi.011" in person.notes
    assert "an element this reader does not know" not in " ".join(person.notes)


def test_sample_entities_round_trip_through_json(
    russia: dict[str, Entity], dprk: dict[str, Entity]
) -> None:
    for entity in [*russia.values(), *dprk.values()]:
        assert entity_from_json(entity_json(entity)) == entity


def test_sniff() -> None:
    for path in (RUSSIA, DPRK):
        assert uk_sanctions_list.sniff(path, head_bytes(path))
    un = shared_path("formats", "un_sc_consolidated_sample.xml")
    assert not uk_sanctions_list.sniff(un, head_bytes(un))
    ofsi = shared_path("lists", "uk-ofsi-2018", "sanctionsconlist.csv")
    assert not uk_sanctions_list.sniff(ofsi, head_bytes(ofsi))


def test_measure_codes() -> None:
    assert measure_of("Asset freeze", "Russia").code == "UK-ASSET-FREEZE"
    assert measure_of("Arms embargo", None).code == "UK-ARMS-EMBARGO"
    new = measure_of("Prohibition of new investment", "Russia")
    assert (new.code, new.label) == (
        "UK-PROHIBITION-OF-NEW-INVESTMENT",
        "Prohibition of new investment",
    )


def test_registrations_text() -> None:
    parsed = registrations("(1) 1027700003891 (2) 7705029012 (Tax Identification Number)")
    assert [(i.kind, i.number) for i in parsed] == [
        (IdentifierKind.REGISTRATION, "1027700003891"),
        (IdentifierKind.TAX_ID, "7705029012"),
    ]
    (plain,) = registrations("HRB 12345")  # a register prefix stays part of the number
    assert (plain.kind, plain.number, plain.label) == (
        IdentifierKind.REGISTRATION,
        "HRB 12345",
        None,
    )
    (ogrn,) = registrations("OGRN: 1027700132195")
    assert (ogrn.number, ogrn.label) == ("1027700132195", "OGRN")


# --- bad input -------------------------------------------------------------------------------


def test_truncated_xml_is_an_error_with_its_line(tmp_path: Path) -> None:
    text = RUSSIA.read_text(encoding="utf-8")
    cut = text.index("<UniqueID>RUS1306")  # inside the second designation
    path = tmp_path / "truncated.xml"
    path.write_text(text[:cut], encoding="utf-8")
    listed = uk_sanctions_list.read(path)
    with pytest.raises(SourceError) as error:
        list(listed.entities)
    assert error.value.line == text[:cut].count("\n") + 1
    assert "malformed XML" in error.value.reason


def test_missing_unique_id_is_an_error(tmp_path: Path) -> None:
    text = DPRK.read_text(encoding="utf-8")
    line = text[: text.index("<Designation>")].count("\n") + 1
    path = tmp_path / "no-id.xml"
    path.write_text(text.replace("<UniqueID>DPR0075</UniqueID>", ""), encoding="utf-8")
    with pytest.raises(SourceError) as error:
        list(uk_sanctions_list.read(path).entities)
    assert error.value.line == line
    assert "UniqueID" in error.value.reason


def test_unknown_designation_type_is_an_error(tmp_path: Path) -> None:
    text = DPRK.read_text(encoding="utf-8").replace(">Ship<", ">Aircraft<")
    path = tmp_path / "aircraft.xml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError, match="IndividualEntityShip"):
        list(uk_sanctions_list.read(path).entities)


def test_other_root_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "other.xml"
    path.write_text('<?xml version="1.0"?><CONSOLIDATED_LIST/>', encoding="utf-8")
    assert not uk_sanctions_list.sniff(path, head_bytes(path))
    with pytest.raises(SourceError, match="root element"):
        uk_sanctions_list.read(path)


def test_lenient_about_missing_optional_elements(tmp_path: Path) -> None:
    path = tmp_path / "minimal.xml"
    path.write_text(
        "<Designations><Designation><UniqueID>CYB0001</UniqueID>"
        "<Names><Name><Name6>SAMPLE GROUP</Name6></Name></Names>"
        "<EntityDetails><Entity/></EntityDetails></Designation></Designations>",
        encoding="utf-8",
    )
    listed = uk_sanctions_list.read(path)
    assert listed.published is None
    (entity,) = list(listed.entities)
    assert entity.id == "gb-fcdo-CYB0001"
    assert entity.schema is Schema.ORGANIZATION  # no IndividualEntityShip: details decide
    assert entity.names[0].kind is NameKind.AKA  # no NameType: an alias
    assert entity.designations[0].measures == ()
