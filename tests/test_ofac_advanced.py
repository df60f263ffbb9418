"""OFAC Advanced Sanctions Data Model XML: real samples, minified 2024 parts, edge cases."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

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
from clearance.sources import ofac_advanced
from clearance.sources.base import SourceError, head_bytes
from conftest import shared_path

UN_NS = "http://www.un.org/sanctions/1.0"
NEW_NS = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML"


def _cons_sample() -> Path:
    return shared_path("formats", "ofac_cons_advanced_sample.xml")


def _entities(path: Path) -> dict[str, Entity]:
    return {e.id: e for e in ofac_advanced.read(path).entities}


# --- the reduced cons_advanced.xml ------------------------------------------------------


def test_cons_sample_header() -> None:
    result = ofac_advanced.read(_cons_sample())
    assert result.format == "ofac-advanced"
    assert result.source == "ofac-cons"  # entries reference non-SDN lists
    assert result.published == date(2020, 3, 17)
    assert iter(result.entities) is result.entities  # a lazy generator
    assert [e.id for e in result.entities] == ["ofac-9639", "ofac-18299", "ofac-26182"]


def test_ns_plc_individual() -> None:
    haniya = _entities(_cons_sample())["ofac-9639"]
    assert haniya.schema is Schema.PERSON
    primary = haniya.names[0]
    assert (primary.value, primary.kind) == ("HANIYA, Ismail Abdul Salah", NameKind.PRIMARY)
    assert (primary.given, primary.family) == ("Ismail Abdul Salah", "HANIYA")
    assert [n.value for n in haniya.names_of(NameKind.AKA)] == [
        "HANIYA, Ismail",
        "HANIYYA, Ismaeel",
    ]
    assert haniya.birth_dates == (PartialDate("1962"),)  # 1962-01-01 .. 1962-12-31
    assert haniya.birth_places == ("Shati",)
    assert haniya.addresses == ()  # its only location is "undetermined"
    # the "Consolidated List" entry duplicates the NS-PLC one and is left out
    (designation,) = haniya.designations
    assert designation.list_code is ListCode.NS_PLC
    assert designation.programs == ("NS-PLC",)
    assert designation.listed_on == PartialDate("2006-04-12")
    assert designation.source_ref == "10009639"
    assert [m.code for m in designation.measures] == ["OFAC-REJECT"]
    assert designation.legal_basis == ("General License 4 Under EO 13224 (Terrorism)",)


def test_rosneft_trading_has_two_designations() -> None:
    rosneft = _entities(_cons_sample())["ofac-18299"]
    assert rosneft.schema is Schema.ORGANIZATION
    assert rosneft.caption == "ROSNEFT TRADING S.A."
    assert rosneft.lists == ("SDN", "SSI")
    sdn, ssi = rosneft.designations
    assert (sdn.source_ref, sdn.listed_on) == ("18299", PartialDate("2020-02-18"))
    assert (ssi.source_ref, ssi.listed_on) == ("50018299", PartialDate("2015-07-30"))
    assert ssi.programs == ("UKRAINE-EO13662", "VENEZUELA-EO13850")
    assert ssi.legal_basis == (
        "Executive Order 13662 (Ukraine)",
        "Executive Order 13850 (Venezuela)",
    )
    directives = {m.code: m for m in ssi.measures if m.code.startswith("EO13662-DIRECTIVE")}
    assert set(directives) == {"EO13662-DIRECTIVE-2", "EO13662-DIRECTIVE-4"}
    assert directives["EO13662-DIRECTIVE-2"].label == "13662 Sectoral Directive 2"
    assert directives["EO13662-DIRECTIVE-2"].legal_basis == "E.O. 13662 Directive 2"
    assert "OFAC-BLOCK" in {m.code for m in sdn.measures}
    # the directive features (Subject to Directive 2/4) add nothing new
    assert len(ssi.measures) == 3


def test_rosneft_trading_details_and_relationship() -> None:
    rosneft = _entities(_cons_sample())["ofac-18299"]
    ids = {i.label: i for i in rosneft.identifiers}
    assert ids["Tax ID No."].number == "CHE-309.842.573"
    assert ids["Tax ID No."].kind is IdentifierKind.TAX_ID
    assert ids["Tax ID No."].country == "ch"
    assert ids["Registration Number"].kind is IdentifierKind.REGISTRATION
    (address,) = rosneft.addresses
    assert (address.street, address.city, address.country) == (
        "Rue Place du Lac 2, 1204",
        "Geneva",
        "ch",
    )
    assert rosneft.websites == ("www.rosneft.com",)
    assert rosneft.notes[0].startswith("For more information on directives")
    (link,) = rosneft.relationships
    assert link.kind is RelationKind.OWNED_OR_CONTROLLED_BY
    assert (link.target_id, link.label, link.source_ref) == (
        "ofac-17022",
        "Owned or Controlled By",
        "2209",
    )
    assert link.target_name is None  # profile 17022 is not in the excerpt


def test_fse_individual() -> None:
    person = _entities(_cons_sample())["ofac-26182"]
    assert person.caption == "KAYAKIRAN, Evren"
    assert person.gender is Gender.MALE
    assert person.birth_dates == (PartialDate("1980-02-08"),)
    assert person.citizenships == ("tr",)  # a location whose only part reads "Turkey"
    (passport,) = person.identifiers
    assert (passport.kind, passport.number, passport.country) == (
        IdentifierKind.PASSPORT,
        "U00242309",
        "tr",
    )
    (designation,) = person.designations
    assert designation.list_code is ListCode.FSE
    assert designation.programs == ("FSE-IR",)
    assert designation.listed_on == PartialDate("2019-02-07")


def test_references_resolve_countries_and_scripts() -> None:
    tree = etree.parse(str(_cons_sample()))
    (sets,) = tree.getroot().iterfind(f"{{{UN_NS}}}ReferenceValueSets")
    refs = ofac_advanced.References.from_element(sets)
    assert refs.country("11171") == ("ru", "Russia")
    assert refs.country("11291") == (None, "undetermined")
    assert refs.area_country("11205") == ("tr", "Turkey")
    assert refs.script("215") == "Latn"  # ScriptCode="Latin" in the 2020 file
    assert refs.text("ListValues", "91507") == "Sectoral Sanctions Identifications List"


# --- the minified parts of sdn_advanced.xml (2024) ---------------------------------------


def _minified(part: str) -> etree._Element:
    path = shared_path("formats", f"ofac_sdn_advanced_2024_minified_{part}.xml")
    return etree.parse(str(path)).getroot()


def _sample_refs() -> ofac_advanced.References:
    root = etree.parse(str(_cons_sample())).getroot()
    (sets,) = root.iterfind(f"{{{UN_NS}}}ReferenceValueSets")
    return ofac_advanced.References.from_element(sets)


def _wrapped_sdn(tmp_path: Path) -> Path:
    """The cons sample's header and reference sets around the 2024 sdn_advanced parts."""
    root = etree.parse(str(_cons_sample())).getroot()
    sections = {etree.QName(child).localname: child for child in root}
    for section, part in (
        ("Locations", "Locations"),
        ("IDRegDocuments", "IDRegistrationNo"),
        ("ProfileRelationships", "ProfileRelationships"),
        ("SanctionsEntries", "SanctionsEntries"),
    ):
        target = sections[section]
        target[:] = [copy.deepcopy(child) for child in _minified(part)]
    sections["DistinctParties"][:] = [_minified("DistinctParties")]
    path = tmp_path / "sdn_advanced.xml"
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8"))
    return path


def test_minified_sdn_parts_read_as_sdn(tmp_path: Path) -> None:
    result = ofac_advanced.read(_wrapped_sdn(tmp_path))
    assert result.source == "ofac-sdn"  # its only entry is on the SDN List
    (airline,) = list(result.entities)
    assert airline.id == "ofac-36"
    assert airline.schema is Schema.ORGANIZATION
    assert [(n.value, n.kind) for n in airline.names] == [
        ("AEROCARIBBEAN AIRLINES", NameKind.PRIMARY),
        ("AERO-CARIBBEAN", NameKind.AKA),
    ]
    (designation,) = airline.designations
    assert designation.list_code is ListCode.SDN
    assert designation.programs == ("CUBA",)
    assert designation.listed_on == PartialDate("1986-12-10")
    assert [m.code for m in designation.measures] == ["OFAC-BLOCK"]
    assert designation.legal_basis == ()  # LegalBasisID 1 is "Unknown"


def test_minified_location_and_documents() -> None:
    refs = _sample_refs()
    (location,) = list(_minified("Locations"))
    place = ofac_advanced.parse_location(location, refs)
    assert place.address is not None
    assert place.address.street == "Dai-Ichi Bldg. 6th Floor, 10-2 Nihombashi, 2-chome, Chuo-ku"
    assert (place.address.city, place.address.postal_code) == ("Tokyo", "103")
    first, second = list(_minified("IDRegistrationNo"))
    identity, passport = ofac_advanced.parse_id_document(second, refs)
    assert identity == "2327"
    assert (passport.kind, passport.number) == (IdentifierKind.PASSPORT, "484824")
    assert passport.issued == PartialDate("1984-01-18")
    _, unknown = ofac_advanced.parse_id_document(first, refs)
    assert (unknown.kind, unknown.number, unknown.label) == (IdentifierKind.OTHER, "1625525", None)


def test_minified_relationships() -> None:
    refs = _sample_refs()
    first, second = (
        ofac_advanced.parse_relationship(elem, refs, Path("x.xml"))
        for elem in _minified("ProfileRelationships")
    )
    assert (first.from_profile, first.to_profile, first.rel_id) == ("2686", "4697", "6659")
    assert (second.from_profile, second.to_profile) == ("4632", "4697")
    # RelationTypeIDs 15001/15002 are not in the 2020 reference sets: kept, kind unknown
    assert first.kind is RelationKind.OTHER and first.label is None


# --- hand-written documents for what the samples lack -----------------------------------

_REFS = """
  <ReferenceValueSets>
    <AliasTypeValues><AliasType ID="1400">A.K.A.</AliasType>
      <AliasType ID="1401">F.K.A.</AliasType><AliasType ID="1403">Name</AliasType>
    </AliasTypeValues>
    <CountryValues><Country ID="11171" ISO2="RU">Russia</Country></CountryValues>
    <DetailTypeValues><DetailType ID="1430">DATE</DetailType>
      <DetailType ID="1432">TEXT</DetailType></DetailTypeValues>
    <FeatureTypeValues><FeatureType ID="8">Birthdate</FeatureType>
      <FeatureType ID="10">Nationality Country</FeatureType>
      <FeatureType ID="26">Title</FeatureType>
      <FeatureType ID="600">CAATSA Section 235 Information:</FeatureType>
      <FeatureType ID="344">Digital Currency Address - XBT</FeatureType>
    </FeatureTypeValues>
    <LegalBasisValues><LegalBasis ID="9">CAATSA Section 231</LegalBasis></LegalBasisValues>
    <ListValues><List ID="1550">SDN List</List>
      <List ID="91990">Non-SDN Menu-Based Sanctions List (NS-MBS List)</List></ListValues>
    <NamePartTypeValues><NamePartType ID="1520">Last Name</NamePartType>
      <NamePartType ID="1521">First Name</NamePartType>
      <NamePartType ID="1522">Middle Name</NamePartType>
      <NamePartType ID="91708">Patronymic</NamePartType></NamePartTypeValues>
    <PartySubTypeValues><PartySubType ID="4" PartyTypeID="1">Unknown</PartySubType>
    </PartySubTypeValues>
    <PartyTypeValues><PartyType ID="1">Individual</PartyType></PartyTypeValues>
    <RelationTypeValues><RelationType ID="1555">Associate Of</RelationType>
      <RelationType ID="15004">Family member of</RelationType></RelationTypeValues>
    <SanctionsTypeValues><SanctionsType ID="1">Program</SanctionsType>
      <SanctionsType ID="1705">Block</SanctionsType></SanctionsTypeValues>
    <ScriptValues><Script ID="215" ScriptCode="Latn">Latin</Script>
      <Script ID="220" ScriptCode="Cyrl">Cyrillic</Script></ScriptValues>
  </ReferenceValueSets>"""

_PARTY = """
    <DistinctParty FixedRef="{pid}">
      <Profile ID="{pid}" PartySubTypeID="4">
        <Identity ID="{pid}1" FixedRef="{pid}" Primary="true" False="false">
          <Alias FixedRef="{pid}" AliasTypeID="1403" Primary="true" LowQuality="false">
            <DocumentedName ID="1" FixedRef="{pid}" DocNameStatusID="1">
              <DocumentedNamePart><NamePartValue NamePartGroupID="{pid}01" ScriptID="215"
                ScriptStatusID="1" Acronym="false">IVANOV</NamePartValue></DocumentedNamePart>
              <DocumentedNamePart><NamePartValue NamePartGroupID="{pid}02" ScriptID="215"
                ScriptStatusID="1" Acronym="false">Ivan</NamePartValue></DocumentedNamePart>
              <DocumentedNamePart><NamePartValue NamePartGroupID="{pid}03" ScriptID="215"
                ScriptStatusID="1" Acronym="false">Ivanovich</NamePartValue></DocumentedNamePart>
            </DocumentedName>
            <DocumentedName ID="2" FixedRef="{pid}" DocNameStatusID="2">
              <DocumentedNamePart><NamePartValue NamePartGroupID="{pid}01" ScriptID="220"
                ScriptStatusID="1" Acronym="false">ИВАНОВ</NamePartValue></DocumentedNamePart>
              <DocumentedNamePart><NamePartValue NamePartGroupID="{pid}02" ScriptID="220"
                ScriptStatusID="1" Acronym="false">Иван</NamePartValue></DocumentedNamePart>
            </DocumentedName>
          </Alias>
          <Alias FixedRef="{pid}" AliasTypeID="1400" Primary="false" LowQuality="true">
            <DocumentedName ID="3" FixedRef="{pid}" DocNameStatusID="2">
              <DocumentedNamePart><NamePartValue NamePartGroupID="{pid}01" ScriptID="215"
                ScriptStatusID="1" Acronym="false">VANYA</NamePartValue></DocumentedNamePart>
            </DocumentedName>
          </Alias>
          <Alias FixedRef="{pid}" AliasTypeID="1401" Primary="false" LowQuality="false">
            <DocumentedName ID="4" FixedRef="{pid}" DocNameStatusID="2">
              <DocumentedNamePart><NamePartValue NamePartGroupID="{pid}01" ScriptID="215"
                ScriptStatusID="1" Acronym="false">PETROV</NamePartValue></DocumentedNamePart>
            </DocumentedName>
          </Alias>
          <NamePartGroups>
            <MasterNamePartGroup><NamePartGroup ID="{pid}01" NamePartTypeID="1520"/>
            </MasterNamePartGroup>
            <MasterNamePartGroup><NamePartGroup ID="{pid}02" NamePartTypeID="1521"/>
            </MasterNamePartGroup>
            <MasterNamePartGroup><NamePartGroup ID="{pid}03" NamePartTypeID="91708"/>
            </MasterNamePartGroup>
          </NamePartGroups>
        </Identity>
        <Feature ID="1" FeatureTypeID="8"><FeatureVersion ID="1" ReliabilityID="1">
          <DatePeriod CalendarTypeID="1" YearFixed="false" MonthFixed="false" DayFixed="false">
            <Start Approximate="true" YearFixed="false" MonthFixed="false" DayFixed="false">
              <From><Year>1960</Year><Month>1</Month><Day>1</Day></From></Start>
            <End Approximate="true" YearFixed="false" MonthFixed="false" DayFixed="false">
              <To><Year>1962</Year><Month>12</Month><Day>31</Day></To></End>
          </DatePeriod><VersionDetail DetailTypeID="1430"/></FeatureVersion>
          <IdentityReference IdentityID="{pid}1" IdentityFeatureLinkTypeID="1"/></Feature>
        <Feature ID="2" FeatureTypeID="26"><FeatureVersion ID="2" ReliabilityID="1">
          <VersionDetail DetailTypeID="1432">Director General</VersionDetail></FeatureVersion>
          <IdentityReference IdentityID="{pid}1" IdentityFeatureLinkTypeID="1"/></Feature>
        <Feature ID="3" FeatureTypeID="600"><FeatureVersion ID="3" ReliabilityID="1">
          <VersionDetail DetailTypeID="1432">FOREIGN EXCHANGE. Sec. 235(a)(7)</VersionDetail>
          </FeatureVersion>
          <IdentityReference IdentityID="{pid}1" IdentityFeatureLinkTypeID="1"/></Feature>
        <Feature ID="4" FeatureTypeID="344"><FeatureVersion ID="4" ReliabilityID="1">
          <VersionDetail DetailTypeID="1432">1AjZPMsnmpdK2Rv9KQNfMurTXinscVro9V</VersionDetail>
          </FeatureVersion>
          <IdentityReference IdentityID="{pid}1" IdentityFeatureLinkTypeID="1"/></Feature>
      </Profile>
    </DistinctParty>"""

_TAIL = """
  <ProfileRelationships>
    <ProfileRelationship ID="77" From-ProfileID="501" To-ProfileID="502" RelationTypeID="15004"
        RelationQualityID="1" Former="false" SanctionsEntryID="501">
      <Comment>holds 25.5% of the shares</Comment></ProfileRelationship>
  </ProfileRelationships>
  <SanctionsEntries>
    <SanctionsEntry ID="501" ProfileID="501" ListID="91990">
      <EntryEvent ID="501" EntryEventTypeID="1" LegalBasisID="9">
        <Date CalendarTypeID="1"><Year>2020</Year><Month>12</Month><Day>14</Day></Date>
      </EntryEvent>
      <SanctionsMeasure ID="1" SanctionsTypeID="1"><Comment>CAATSA - RUSSIA</Comment>
        <DatePeriod CalendarTypeID="1" YearFixed="true" MonthFixed="true" DayFixed="true"/>
      </SanctionsMeasure>
    </SanctionsEntry>
    <SanctionsEntry ID="502" ProfileID="502" ListID="1550">
      <EntryEvent ID="502" EntryEventTypeID="1">
        <Date CalendarTypeID="1"><Year>2021</Year><Month>1</Month><Day>2</Day></Date>
      </EntryEvent>
      <SanctionsMeasure ID="2" SanctionsTypeID="1705">
        <DatePeriod CalendarTypeID="1" YearFixed="true" MonthFixed="true" DayFixed="true"/>
      </SanctionsMeasure>
    </SanctionsEntry>
  </SanctionsEntries>
</Sanctions>
"""


def _inline(ns: str = NEW_NS, tail: str = _TAIL) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<Sanctions xmlns="{ns}">\n'
        '  <DateOfIssue CalendarTypeID="1"><Year>2024</Year><Month>3</Month><Day>6</Day>'
        "</DateOfIssue>"
        f"{_REFS}\n  <Locations/>\n  <IDRegDocuments/>\n  <DistinctParties>"
        f"{_PARTY.format(pid=501)}{_PARTY.format(pid=502)}\n  </DistinctParties>{tail}"
    )


def test_names_scripts_dates_and_features_in_newer_namespace(tmp_path: Path) -> None:
    path = tmp_path / "sanctions.xml"
    path.write_text(_inline(), encoding="utf-8")
    assert ofac_advanced.sniff(path, head_bytes(path))
    result = ofac_advanced.read(path)
    assert result.published == date(2024, 3, 6)
    assert result.source == "ofac-cons"
    entities = {e.id: e for e in result.entities}
    person = entities["ofac-501"]
    primary = person.names[0]
    assert (primary.value, primary.kind) == ("IVANOV, Ivan Ivanovich", NameKind.PRIMARY)
    assert (primary.given, primary.middle, primary.family) == ("Ivan", "Ivanovich", "IVANOV")
    cyrillic = person.names_of(NameKind.ORIGINAL_SCRIPT)
    assert [(n.value, n.script) for n in cyrillic] == [("ИВАНОВ Иван", "Cyrl")]
    assert [n.value for n in person.names_of(NameKind.WEAK)] == ["VANYA"]
    assert [n.value for n in person.names_of(NameKind.FKA)] == ["PETROV"]
    assert person.birth_dates == (PartialDate("1960", "1962", circa=True),)
    assert person.titles == ("Director General",)
    (wallet,) = person.identifiers
    assert wallet.kind is IdentifierKind.CRYPTO_WALLET
    assert wallet.number == "1AjZPMsnmpdK2Rv9KQNfMurTXinscVro9V"
    (designation,) = person.designations
    assert designation.list_code is ListCode.NS_MBS
    assert designation.programs == ("CAATSA - RUSSIA",)
    assert designation.legal_basis == ("CAATSA Section 231",)
    assert [m.code for m in designation.measures] == ["CAATSA-235(a)(7)"]
    (family,) = person.relationships
    assert family.kind is RelationKind.FAMILY_OF
    assert (family.target_id, family.target_name) == ("ofac-502", "IVANOV, Ivan Ivanovich")
    assert family.share_pct == 25.5
    other = entities["ofac-502"]
    assert other.lists == ("SDN",)
    assert other.designations[0].listed_on == PartialDate("2021-01-02")


def test_truncated_file_raises_with_line(tmp_path: Path) -> None:
    data = _cons_sample().read_bytes()
    broken = tmp_path / "cons_advanced.xml"
    broken.write_bytes(data[: int(len(data) * 0.7)])
    with pytest.raises(SourceError) as info:
        list(ofac_advanced.read(broken).entities)
    assert info.value.line is not None and info.value.line > 100


def test_not_an_advanced_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as info:
        ofac_advanced.read(shared_path("formats", "un_sc_consolidated_sample.xml"))
    assert "not an OFAC advanced XML" in info.value.reason


def test_entry_without_profile_names_the_line(tmp_path: Path) -> None:
    tail = _TAIL.replace('<SanctionsEntry ID="502" ProfileID="502"', '<SanctionsEntry ID="502"')
    text = _inline(tail=tail)
    path = tmp_path / "bad.xml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as info:
        ofac_advanced.read(path)
    expected = text[: text.index('<SanctionsEntry ID="502"')].count("\n") + 1
    assert info.value.line == expected
    assert "without ProfileID" in info.value.reason


def test_profile_without_names(tmp_path: Path) -> None:
    text = _inline(UN_NS).replace(">IVANOV<", "><").replace(">Ivan<", "><")
    text = text.replace(">Ivanovich<", "><").replace(">VANYA<", "><").replace(">PETROV<", "><")
    text = text.replace(">ИВАНОВ<", "><").replace(">Иван<", "><")
    path = tmp_path / "noname.xml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as info:
        list(ofac_advanced.read(path).entities)
    assert "without a name" in info.value.reason
    assert info.value.line is not None


# --- small functions ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("SDN List", ListCode.SDN),
        ("SSI List", ListCode.SSI),
        ("Sectoral Sanctions Identifications List", ListCode.SSI),
        ("Non-SDN Menu-Based Sanctions List (NS-MBS List)", ListCode.NS_MBS),
        ("NS-PLC", ListCode.NS_PLC),
        ("Non-SDN Palestinian Legislative Council List", ListCode.NS_PLC),
        ("CAPTA List", ListCode.CAPTA),
        ("Non-SDN CMIC List", ListCode.CMIC),
        ("FSE List", ListCode.FSE),
        ("Non-SDN Iran Sanctions Act List (NS-ISA)", ListCode.NS_ISA),
        ("Consolidated List", ListCode.OFAC_CONSOLIDATED),
    ],
)
def test_list_code(text: str, code: ListCode) -> None:
    assert ofac_advanced.list_code(text) is code


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Owned or Controlled By", RelationKind.OWNED_OR_CONTROLLED_BY),
        ("Associate Of", RelationKind.ASSOCIATE_OF),
        ("Leader Of", RelationKind.LEADER_OF),
        ("Acting for or on behalf of", RelationKind.ACTING_FOR),
        ("Family member of", RelationKind.FAMILY_OF),
        ("Providing support to", RelationKind.OTHER),
    ],
)
def test_relation_kind(text: str, kind: RelationKind) -> None:
    assert ofac_advanced.relation_kind(text) is kind


def test_script_codes() -> None:
    assert ofac_advanced.script_code("Latin", "Latin") == "Latn"
    assert ofac_advanced.script_code("Cyrl", "Cyrillic") == "Cyrl"
    assert ofac_advanced.script_code(None, "Chinese Simplified") == "Hans"
    assert ofac_advanced.script_code(None, "Klingon") is None


def test_sanctions_type_measures() -> None:
    directive = ofac_advanced.sanctions_type_measure("13662 Sectoral Directive 1", None)
    assert (directive.code, directive.legal_basis) == (
        "EO13662-DIRECTIVE-1",
        "E.O. 13662 Directive 1",
    )
    block = ofac_advanced.sanctions_type_measure("Block", "Executive Order 13224 (Terrorism)")
    assert (block.code, block.legal_basis) == ("OFAC-BLOCK", "Executive Order 13224 (Terrorism)")
    full = ofac_advanced.sanctions_type_measure("561 Full Restrictions", None)
    assert full.code == "OFAC-561-FULL-RESTRICTIONS"


def _period(first: date, last: date, approximate: bool = False) -> etree._Element:
    def point(tag: str, day: date) -> str:
        return (
            f"<{tag}><Year>{day.year}</Year><Month>{day.month}</Month><Day>{day.day}</Day></{tag}>"
        )

    flag = "true" if approximate else "false"
    return etree.fromstring(
        f'<DatePeriod xmlns="{UN_NS}"><Start Approximate="{flag}">{point("From", first)}'
        f'{point("To", first)}</Start><End Approximate="{flag}">{point("From", last)}'
        f"{point('To', last)}</End></DatePeriod>"
    )


def test_date_period_precisions() -> None:
    assert ofac_advanced.date_period(_period(date(1962, 1, 1), date(1962, 12, 31))) == (
        PartialDate("1962")
    )
    assert ofac_advanced.date_period(_period(date(1962, 4, 1), date(1962, 4, 30))) == (
        PartialDate("1962-04")
    )
    assert ofac_advanced.date_period(_period(date(1980, 2, 8), date(1980, 2, 8))) == (
        PartialDate("1980-02-08")
    )
    assert ofac_advanced.date_period(
        _period(date(1960, 1, 1), date(1962, 12, 31), approximate=True)
    ) == PartialDate("1960", "1962", circa=True)


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=date(1800, 1, 1), max_value=date(2100, 12, 31)),
    st.integers(min_value=0, max_value=4000),
    st.booleans(),
)
def test_date_period_keeps_its_bounds(first: date, span: int, approximate: bool) -> None:
    last = min(first + timedelta(days=span), date(2100, 12, 31))
    parsed = ofac_advanced.date_period(_period(first, last, approximate))
    assert parsed is not None
    assert parsed.earliest == first.isoformat()
    assert parsed.latest == last.isoformat()
    assert parsed.circa is approximate


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Last Name", "First Name", "Middle Name", "Patronymic", "Nickname"]),
            st.text(min_size=1, max_size=12).filter(str.strip),
        ),
        min_size=1,
        max_size=5,
    ),
    st.booleans(),
    st.booleans(),
)
def test_compose_name_keeps_every_part(
    parts: list[tuple[str, str]], latin: bool, personal: bool
) -> None:
    value, _given, _middle, family = ofac_advanced.compose_name(parts, latin, personal)
    for _, part in parts:
        assert part in value
    if latin and family and personal:
        assert value.startswith(family)


@settings(max_examples=200, deadline=None)
@given(st.text(), st.text())
def test_text_mappings_never_crash(text: str, other: str) -> None:
    ofac_advanced.list_code(text)
    ofac_advanced.relation_kind(text)
    ofac_advanced.script_code(text, other)
    measure = ofac_advanced.sanctions_type_measure(text, other or None)
    assert measure.code
