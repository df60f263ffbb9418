"""EU Financial Sanctions Files XML 1.1: the real 2018 sample, a newer-style export, bad input."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from clearance.model import (
    Authority,
    Entity,
    Gender,
    IdentifierKind,
    ListCode,
    NameKind,
    PartialDate,
    Schema,
)
from clearance.model.codec import entity_from_json, entity_json
from clearance.sources import eu_fsf, un_xml
from clearance.sources.base import SourceError, head_bytes
from conftest import shared_path


@pytest.fixture(scope="module")
def sample() -> dict[str, Entity]:
    path = shared_path("formats", "eu_fsf_1_1_sample.xml")
    return {e.id: e for e in eu_fsf.read(path).entities}


def test_sample_header() -> None:
    path = shared_path("formats", "eu_fsf_1_1_sample.xml")
    listed = eu_fsf.read(path)
    assert (listed.format, listed.source) == ("eu-fsf", "eu-fsf")
    assert listed.published == date(2018, 12, 21)
    assert listed.title == "EU Financial Sanctions Files (FSF), file 118887"
    assert [e.id for e in listed.entities] == ["eu-EU.36.64", "eu-EU.3523.13"]
    assert eu_fsf.FORMAT.name == "eu-fsf"


def test_sample_person_mugabe(sample: dict[str, Entity]) -> None:
    entity = sample["eu-EU.36.64"]
    assert entity.schema is Schema.PERSON
    assert entity.source_ref == "EU.36.64"
    (name,) = entity.names
    assert name.kind is NameKind.PRIMARY
    assert (name.value, name.given, name.middle, name.family) == (
        "Robert Gabriel Mugabe",
        "Robert",
        "Gabriel",
        "Mugabe",
    )
    assert (name.lang, name.script) == (None, None)
    assert entity.gender is Gender.MALE
    assert entity.titles == ("Former President",)
    assert entity.birth_dates == (PartialDate("1924-02-21"),)
    assert entity.birth_places == ()  # countryIso2Code="00" UNKNOWN, no city
    (passport,) = entity.identifiers
    assert passport.kind is IdentifierKind.PASSPORT
    assert (passport.number, passport.country) == ("AD001095", None)
    assert (passport.label, passport.remarks) == ("National passport", "(passport)")
    (designation,) = entity.designations
    assert designation.authority is Authority.EU
    assert designation.list_code is ListCode.EU_FSF
    assert designation.programs == ("ZWE",)
    assert designation.legal_basis == ("2018/223 (OJ L43)",)
    assert designation.listed_on == PartialDate("2018-02-16")
    assert designation.measures == ()
    assert designation.remarks is None  # designationDetails=""
    assert entity.citizenships == entity.addresses == entity.notes == ()


def test_sample_enterprise_multilingual_names(sample: dict[str, Entity]) -> None:
    entity = sample["eu-EU.3523.13"]
    assert entity.schema is Schema.ORGANIZATION
    assert entity.caption == "İslami Büyük Doğu Akıncılar Cephesi"
    assert len(entity.names) == 19
    originals = {(n.value, n.script, n.lang) for n in entity.names_of(NameKind.ORIGINAL_SCRIPT)}
    assert originals == {
        ("Фронт на великите ислямски източни воини", "Cyrl", "bg"),
        ("Μέγα Ισλαµικό Μέτωπο των Πολεµιστών της Ανατολής", "Grek", "el"),
    }
    akas = {n.value: n.lang for n in entity.names_of(NameKind.AKA)}
    assert len(akas) == 16
    assert akas["Great Islamic Eastern Warriors Front"] is None
    assert akas["Front der islamischen Kämpfer des Großen Ostens"] == "de"
    assert akas["Front islamique des combattants du Grand Orient"] == "fr"
    assert akas["IBDA-C"] is None
    assert all(n.script is None for n in entity.names_of(NameKind.AKA))
    assert entity.gender is None
    assert entity.titles == ()
    (designation,) = entity.designations
    assert designation.programs == ("TERR",)
    assert designation.legal_basis == ("2018/468 (OJ L79)",)
    assert designation.listed_on == PartialDate("2018-03-22")


def test_sample_codec_round_trip(sample: dict[str, Entity]) -> None:
    for entity in sample.values():
        assert entity_from_json(entity_json(entity)) == entity


# --- a newer export: designationDate, extra attributes and elements ----------------------------

NEWER = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2026-08-05T16:47:04.449+02:00"
        globalFileId="184961" futureAttribute="x">
  <futureElement version="2"/>
  <sanctionEntity designationDate="2022-02-25" designationDetails="Leader of the group"
      unitedNationId="QDi.999" euReferenceNumber="EU.7001.1" logicalId="135909" newFlag="1">
    <remark>UNLI-25.2.2022</remark>
    <regulation regulationType="amendment" organisationType="council" publicationDate="2023-03-01"
        numberTitle="2023/429 (OJ L59)" programme="RUS" logicalId="2"/>
    <regulation regulationType="regulation" organisationType="council" publicationDate="2022-02-25"
        numberTitle="2022/332 (OJ L53)" programme="UKR" logicalId="1">
      <publicationUrl>https://eur-lex.europa.eu/x</publicationUrl>
    </regulation>
    <subjectType code="person" classificationCode="P"/>
    <nameAlias firstName="Ivan" middleName="" lastName="Petrov" wholeName="Ivan PETROV"
        function="Deputy Minister" gender="M" title="General" nameLanguage="" strong="true"
        regulationLanguage="en" logicalId="11" extra="y">
      <regulationSummary regulationType="amendment" publicationDate="2022-02-25"/>
      <unknownChild/>
    </nameAlias>
    <nameAlias wholeName="Иван ПЕТРОВ" nameLanguage="RU" strong="true" logicalId="12"/>
    <nameAlias wholeName="Vanya" strong="false" logicalId="13"><remark>nickname</remark></nameAlias>
    <nameAlias wholeName="伊万·彼得罗夫" nameLanguage="ZH" strong="true" logicalId="14"/>
    <birthdate circa="true" year="" yearRangeFrom="1960" yearRangeTo="1962" city=""
        countryIso2Code="00" countryDescription="UNKNOWN" logicalId="20"/>
    <birthdate circa="false" birthdate="" dayOfMonth="" monthOfYear="4" year="1961"
        city="Leningrad (now Saint-Petersburg)" region="" place=""
        countryIso2Code="RU" countryDescription="RUSSIAN FEDERATION" logicalId="21">
      <remark>ex USSR</remark>
    </birthdate>
    <citizenship region="" countryIso2Code="RU" countryDescription="RUSSIAN FEDERATION"/>
    <citizenship countryIso2Code="00" countryDescription="UNKNOWN"/>
    <address street="Tverskaya 1" city="Moscow" zipCode="125009" poBox="55" region="" place=""
        countryIso2Code="RU" countryDescription="RUSSIAN FEDERATION" asAtListingTime="true"
        logicalId="30">
      <remark>office</remark>
      <contactInfo key="PHONE" value="+7 000"/>
    </address>
    <identification diplomatic="true" knownExpired="false" knownFalse="false"
        reportedLost="false" revokedByIssuer="false" issuedBy="MFA" latinNumber=""
        nameOnDocument="" number="123456789" region="" countryIso2Code="RU"
        countryDescription="RUSSIAN FEDERATION" identificationTypeCode="passport"
        identificationTypeDescription="Diplomatic passport" validFrom="2019-01-02"
        validTo="2029-01-01" logicalId="40"/>
    <identification number="7701234567" countryIso2Code="RU" identificationTypeCode="regnumber"
        identificationTypeDescription="Registration number" logicalId="41"/>
    <identification number="-" identificationTypeCode="other" logicalId="42"/>
  </sanctionEntity>
  <sanctionEntity designationDetails="" unitedNationId="" euReferenceNumber="EU.7002.2"
      logicalId="2">
    <subjectType code="enterprise" classificationCode="E"/>
    <nameAlias wholeName="North Star Logistics LLC" strong="true"/>
    <address city="Dubai" countryIso2Code="AE" countryDescription="UNITED ARAB EMIRATES"/>
  </sanctionEntity>
</export>
"""


@pytest.fixture
def newer(tmp_path: Path) -> tuple[Path, dict[str, Entity]]:
    path = tmp_path / "export.xml"
    path.write_text(NEWER, encoding="utf-8")
    return path, {e.id: e for e in eu_fsf.read(path).entities}


def test_newer_export_header(newer: tuple[Path, dict[str, Entity]]) -> None:
    path, entities = newer
    assert eu_fsf.sniff(path, head_bytes(path))
    assert not un_xml.sniff(path, head_bytes(path))
    listed = eu_fsf.read(path)
    assert listed.published == date(2026, 8, 5)
    assert set(entities) == {"eu-EU.7001.1", "eu-EU.7002.2"}


def test_newer_export_person(newer: tuple[Path, dict[str, Entity]]) -> None:
    entity = newer[1]["eu-EU.7001.1"]
    assert entity.schema is Schema.PERSON
    assert [(n.value, n.kind, n.script, n.lang) for n in entity.names] == [
        ("Ivan PETROV", NameKind.PRIMARY, None, None),
        ("Иван ПЕТРОВ", NameKind.ORIGINAL_SCRIPT, "Cyrl", "ru"),
        ("Vanya", NameKind.WEAK, None, None),
        ("伊万·彼得罗夫", NameKind.ORIGINAL_SCRIPT, "Hans", "zh"),
    ]
    assert entity.names[0].given == "Ivan"
    assert entity.names[0].middle is None
    assert entity.names[2].remarks == "nickname"
    assert entity.titles == ("General", "Deputy Minister")
    assert entity.gender is Gender.MALE
    assert entity.birth_dates == (PartialDate("1960", "1962", circa=True), PartialDate("1961-04"))
    assert entity.birth_places == ("Leningrad (now Saint-Petersburg), RUSSIAN FEDERATION",)
    assert entity.citizenships == ("ru",)
    assert entity.notes == ("UNLI-25.2.2022", "UN reference: QDi.999", "Birth: ex USSR")
    (address,) = entity.addresses
    assert (address.street, address.city, address.postal_code, address.country) == (
        "Tverskaya 1, P.O. Box 55",
        "Moscow",
        "125009",
        "ru",
    )
    assert address.remarks == "office; as at listing time"
    passport, registration = entity.identifiers  # number "-" is no identifier
    assert (passport.kind, passport.number, passport.country) == (
        IdentifierKind.PASSPORT,
        "123456789",
        "ru",
    )
    assert passport.label == "Diplomatic passport"
    assert passport.issued == PartialDate("2019-01-02")
    assert passport.expires == PartialDate("2029-01-01")
    assert passport.remarks == "issued by MFA; diplomatic"
    assert (registration.kind, registration.number) == (IdentifierKind.REGISTRATION, "7701234567")
    (designation,) = entity.designations
    assert designation.programs == ("RUS", "UKR")
    assert designation.legal_basis == ("2023/429 (OJ L59)", "2022/332 (OJ L53)")
    assert designation.listed_on == PartialDate("2022-02-25")  # designationDate
    assert designation.remarks == "Leader of the group"


def test_newer_export_listed_on_from_earliest_regulation(tmp_path: Path) -> None:
    text = NEWER.replace('designationDate="2022-02-25" ', "")
    path = tmp_path / "export.xml"
    path.write_text(text, encoding="utf-8")
    entity = next(iter(eu_fsf.read(path).entities))
    assert entity.designations[0].listed_on == PartialDate("2022-02-25")  # not 2023-03-01


def test_newer_export_enterprise(newer: tuple[Path, dict[str, Entity]]) -> None:
    entity = newer[1]["eu-EU.7002.2"]
    assert entity.schema is Schema.ORGANIZATION
    assert entity.caption == "North Star Logistics LLC"
    assert [(a.city, a.country) for a in entity.addresses] == [("Dubai", "ae")]
    assert entity.designations[0].programs == ()
    assert entity.designations[0].listed_on is None


# --- bad input ---------------------------------------------------------------------------------


def test_truncated_export_reports_line(tmp_path: Path) -> None:
    path = tmp_path / "export.xml"
    cut = NEWER[: NEWER.index("<citizenship region")]
    path.write_text(cut, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        list(eu_fsf.read(path).entities)
    assert caught.value.line == cut.count("\n") + 1


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "export.xml"
    path.write_bytes(b"")
    assert not eu_fsf.sniff(path, b"")
    with pytest.raises(SourceError):
        list(eu_fsf.read(path).entities)


def test_missing_reference_number_names_line(tmp_path: Path) -> None:
    path = tmp_path / "export.xml"
    path.write_text(NEWER.replace('euReferenceNumber="EU.7002.2"', ""), encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        list(eu_fsf.read(path).entities)
    # libxml2 reports the line where the (two-line) start tag ends
    start = NEWER[: NEWER.index('euReferenceNumber="EU.7002.2"')].count("\n") + 1
    assert caught.value.line in (start, start + 1)
    assert "euReferenceNumber" in caught.value.reason


def test_entity_without_any_name_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "export.xml"
    text = NEWER.replace('<nameAlias wholeName="North Star Logistics LLC" strong="true"/>', "")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError, match="no name"):
        list(eu_fsf.read(path).entities)


def test_un_file_is_refused() -> None:
    path = shared_path("formats", "un_sc_consolidated_sample.xml")
    assert not eu_fsf.sniff(path, head_bytes(path))
    with pytest.raises(SourceError, match="not an EU FSF export"):
        eu_fsf.read(path)


# --- birth date attributes: property -----------------------------------------------------------

_attr = st.one_of(st.none(), st.text(max_size=12), st.integers(-5, 3000).map(str))


@settings(max_examples=200)
@given(_attr, _attr, _attr, _attr, _attr, _attr, st.sampled_from(["true", "false", ""]))
def test_birth_date_never_crashes(
    full: str | None,
    year: str | None,
    month: str | None,
    day: str | None,
    low: str | None,
    high: str | None,
    circa: str,
) -> None:
    element = etree.Element("birthdate", circa=circa)
    for key, value in [
        ("birthdate", full),
        ("year", year),
        ("monthOfYear", month),
        ("dayOfMonth", day),
        ("yearRangeFrom", low),
        ("yearRangeTo", high),
    ]:
        if value is not None:
            try:
                element.set(key, value)
            except ValueError:  # text lxml refuses in attributes (control characters)
                continue
    parsed = eu_fsf.birth_date(element)
    if parsed is not None:
        assert parsed.earliest <= parsed.latest
        assert parsed.circa is (circa == "true")
