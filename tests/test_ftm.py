"""FollowTheMoney conversion (clearance.model.ftm) and the ftm-json reader (sources.ftm_json).

Real OpenSanctions samples from ../shared/data/formats, the hand-written nested CAATSA sample
in tests/samples/ftm, inline edge cases, and hypothesis round trips Entity → FtM → Entity.
"""

from __future__ import annotations

import dataclasses
import json
import random
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from clearance.model import (
    Address,
    Authority,
    CraftParticulars,
    Designation,
    Entity,
    Gender,
    Identifier,
    IdentifierKind,
    ListCode,
    Measure,
    Name,
    NameKind,
    PartialDate,
    RelationKind,
    Relationship,
    Schema,
)
from clearance.model.ftm import (
    UNCODED_MEASURE,
    authority_from_text,
    entity_to_ftm,
    flatten_nested,
    ftm_to_entity,
    is_country_code,
    list_code_for,
    measure_from_provision,
    provision_text,
    relation_kind_from_text,
)
from clearance.model.scripts import non_latin_script
from clearance.sources.base import SNIFF_BYTES, SourceError, head_bytes
from clearance.sources.ftm_json import FORMAT, read, sniff
from conftest import PROJECT_ROOT, shared_path

NESTED_SAMPLE = PROJECT_ROOT / "tests" / "samples" / "ftm" / "targets.nested.sample.json"


def _read_all(path: Path) -> tuple[object, dict[str, Entity]]:
    result = read(path)
    entities = {e.id: e for e in result.entities}
    return result, entities


def _round_trip(entity: Entity) -> Entity:
    main, *rest = entity_to_ftm(entity)
    return ftm_to_entity(main, {d["id"]: d for d in rest})


def _write_lines(path: Path, objects: list[dict]) -> Path:
    path.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objects), "utf-8")
    return path


# --- real samples ---------------------------------------------------------------------------


@pytest.mark.shared_data
def test_flat_sample_reads_three_targets_and_skips_the_address():
    path = shared_path("formats", "opensanctions_entities_ftm_sample.json")
    result, entities = _read_all(path)
    assert result.format == "ftm-json"
    assert result.source == "opensanctions-eu_fsf"
    assert result.published == date(2024, 6, 1)
    assert result.title == "OpenSanctions eu_fsf"
    assert sorted(entities) == [
        "NK-2GdmHtZTeNXjNVrBGEXZNj",
        "NK-2Ka3UvopqbpZmVDFjWd4LA",
        "NK-2KeUB68qUJtykm3BuAcazG",
    ]
    # Inter Tobacco's addressEntity is not among the file's four lines
    assert result.warnings == ["1 address reference(s) point to entities that are not in the file"]

    tobacco = entities["NK-2GdmHtZTeNXjNVrBGEXZNj"]
    assert tobacco.schema is Schema.ORGANIZATION
    assert tobacco.caption == "RAB „Inter Tobacco“"
    assert len(tobacco.names) == 12
    assert tobacco.source == "opensanctions-eu_fsf"
    assert tobacco.source_ref == "NK-2GdmHtZTeNXjNVrBGEXZNj"
    assert tobacco.countries == ("by",)
    assert tobacco.identifiers == (Identifier(IdentifierKind.REGISTRATION, "808000714"),)
    assert tobacco.notes == ("Belarus (Minsk Free Economic Zone)",)
    assert tobacco.addresses == ()
    scripts = {n.value: (n.kind, n.script) for n in tobacco.names}
    assert scripts["Общество с ограниченной ответственностью “Интер Тобако”"] == (
        NameKind.ORIGINAL_SCRIPT,
        "Cyrl",
    )
    assert scripts["Εταιρία περιορισμένης ευθύνης “Inter Tobacco”"][1] == "Grek"
    assert scripts["“Inter Tobacco” LLC"] == (NameKind.PRIMARY, None)

    kuzmenko = entities["NK-2Ka3UvopqbpZmVDFjWd4LA"]
    assert kuzmenko.schema is Schema.PERSON
    assert kuzmenko.gender is Gender.MALE
    assert kuzmenko.birth_dates == (PartialDate("1971-01-22"),)
    assert kuzmenko.nationalities == ("ru",)
    assert kuzmenko.titles == ("General Director of JSC 163 Armor Repair Plant",)
    assert kuzmenko.identifiers == (Identifier(IdentifierKind.TAX_ID, "366510784303"),)
    assert kuzmenko.names[0] == Name(
        "Vitaly Yurievich KUZMENKO", NameKind.PRIMARY, given="Vitaly", family="KUZMENKO"
    )
    cyrillic = next(n for n in kuzmenko.names if n.script == "Cyrl")
    assert (cyrillic.given, cyrillic.family) == ("Виталий", "КУЗЬМЕНКО")
    assert kuzmenko.designations == ()  # the sample holds no Sanction entities

    zhuravleva = entities["NK-2KeUB68qUJtykm3BuAcazG"]
    assert zhuravleva.gender is Gender.FEMALE
    assert zhuravleva.birth_dates == (PartialDate("1967-12-19"),)
    assert len(zhuravleva.names) == 5


@pytest.mark.shared_data
def test_delta_sample_applies_adds():
    path = shared_path("formats", "opensanctions_entities_delta_sample.json")
    result, entities = _read_all(path)
    assert result.source == "opensanctions"  # the entities name 22 and 19 datasets
    assert result.published == date(2024, 5, 30)
    assert result.warnings == []
    assert sorted(entities) == ["NK-2T3S8Hu29ktYnKSTgQp2wL", "NK-2sJaJRaPJcWUfMbHjTtWcL"]

    aqi = entities["NK-2T3S8Hu29ktYnKSTgQp2wL"]
    assert aqi.schema is Schema.ORGANIZATION
    assert aqi.caption == "AL-QAIDA IN IRAQ"
    assert aqi.countries == ("iq", "sy")
    counts = {kind: len(aqi.names_of(kind)) for kind in NameKind}
    assert counts[NameKind.PRIMARY] + counts[NameKind.ORIGINAL_SCRIPT] == 59
    assert counts[NameKind.AKA] == 113
    assert counts[NameKind.WEAK] == 34
    assert Name("تنظيم القاعدة في العراق", NameKind.AKA, script="Arab") in aqi.names
    assert "na" in aqi.notes  # the description comes after the notes

    agha = entities["NK-2sJaJRaPJcWUfMbHjTtWcL"]
    assert agha.caption == "Janan Agha"
    assert agha.birth_dates == (PartialDate("1953"), PartialDate("1958"))
    assert agha.nationalities == ("af",)
    assert agha.titles[:2] == ("Mullah", "Mullah （ムラー）")  # title first, then position
    assert "Tirin Kot City, Uruzgan Province" in agha.birth_places
    assert Name("ジャナン・アガ", NameKind.ORIGINAL_SCRIPT, script="Jpan") in agha.names
    first = agha.names[0]
    assert (first.given, first.middle, first.family) == ("Janan", None, "AGHA")
    upper = next(n for n in agha.names if n.value == "JANAN AGHA")
    assert (upper.given, upper.family) == ("JANAN", "AGHA")


def test_nested_sample_ssb_and_demir():
    result, entities = _read_all(NESTED_SAMPLE)
    assert result.source == "opensanctions"  # us_ofac_cons and us_ofac_sdn
    assert result.published == date(2024, 6, 1)
    assert sorted(entities) == ["ofac-27016", "ofac-27018"]

    ssb = entities["ofac-27016"]
    assert ssb.schema is Schema.ORGANIZATION  # PublicBody
    assert ssb.caption == "PRESIDENCY OF DEFENSE INDUSTRIES"
    assert [n.value for n in ssb.names_of(NameKind.FKA)] == [
        "UNDERSECRETARIAT FOR DEFENSE INDUSTRIES"
    ]
    assert {n.value for n in ssb.names_of(NameKind.AKA)} == {
        "DEFENSE INDUSTRIES PRESIDENCY",
        "SSB",
        "SSM",
    }
    assert ssb.addresses == (Address(full="Ankara, Turkey", city="Ankara", country="tr"),)
    assert ssb.relationships == ()  # SSB is the object end of Demir's links
    (designation,) = ssb.designations
    assert designation.authority is Authority.OFAC
    assert designation.list_code is ListCode.NS_MBS
    assert designation.programs == ("CAATSA - RUSSIA",)
    assert designation.listed_on == PartialDate("2020-12-14")
    assert designation.source_ref == "27016"
    assert designation.legal_basis == ("CAATSA Sec. 231",)
    assert [m.code for m in designation.measures] == [
        "CAATSA-235(a)(2)",
        "CAATSA-235(a)(3)",
        "CAATSA-235(a)(4)",
        "CAATSA-235(a)(12)",
        "CAATSA-235(a)(1)",
    ]
    assert designation.measures[0] == Measure(
        "CAATSA-235(a)(2)", "EXPORT SANCTIONS", "CAATSA Sec. 235(a)(2)"
    )

    demir = entities["ofac-27018"]
    assert demir.schema is Schema.PERSON
    assert demir.names[0] == Name("Ismail DEMIR", given="Ismail", family="DEMIR")
    assert demir.names[1] == Name("İsmail Demir", given="İsmail", family="Demir")
    assert demir.birth_dates == (PartialDate("1960-04-01"),)
    assert demir.birth_places == ("Elazig, Turkey",)
    assert demir.gender is Gender.MALE
    assert demir.titles == ("SSB Chairman",)
    assert demir.identifiers == (
        Identifier(
            IdentifierKind.NATIONAL_ID,
            "37435275130",
            country="tr",
            label="Turkish Identification Number",
        ),
    )
    (sdn,) = demir.designations
    assert (sdn.authority, sdn.list_code) == (Authority.OFAC, ListCode.SDN)
    assert {m.code for m in sdn.measures} == {f"CAATSA-235(a)({n})" for n in (7, 8, 9, 11, 12)}
    assert demir.relationships == (
        Relationship(
            RelationKind.LEADER_OF,
            target_name="PRESIDENCY OF DEFENSE INDUSTRIES",
            target_id="ofac-27016",
            label="SSB Chairman",
        ),
        Relationship(
            RelationKind.LINKED_TO,
            target_name="PRESIDENCY OF DEFENSE INDUSTRIES",
            target_id="ofac-27016",
            label="Linked To",
        ),
    )


def _sample_entities() -> list[Entity]:
    paths = [NESTED_SAMPLE]
    for name in (
        "opensanctions_entities_ftm_sample.json",
        "opensanctions_entities_delta_sample.json",
    ):
        path = shared_path("formats", name)
        paths.append(path)
    return [e for path in paths for e in read(path).entities]


@pytest.mark.shared_data
def test_every_sample_entity_round_trips_exactly():
    entities = _sample_entities()
    assert len(entities) == 7
    for entity in entities:
        assert _round_trip(entity) == entity, entity.id


def test_nested_and_flat_forms_read_the_same(tmp_path):
    """The nested sample flattened into entities.ftm.json lines, shuffled, reads the same."""
    nested = [json.loads(line) for line in NESTED_SAMPLE.read_text("utf-8").splitlines()]
    lines: dict[str, dict] = {}
    for target in nested:
        main, related = flatten_nested(target)
        lines[main["id"]] = main
        for entity_id, entity in related.items():
            if entity.get("target") is not True:
                lines.setdefault(entity_id, entity)
    shuffled = list(lines.values())
    random.Random(7).shuffle(shuffled)
    flat_path = _write_lines(tmp_path / "entities.ftm.json", shuffled)
    assert sniff(flat_path, head_bytes(flat_path))
    _, flat = _read_all(flat_path)
    _, from_nested = _read_all(NESTED_SAMPLE)
    assert flat == from_nested


def test_exported_entities_read_back_through_the_file_reader(tmp_path):
    _, entities = _read_all(NESTED_SAMPLE)
    exported = [d for e in entities.values() for d in entity_to_ftm(e)]
    path = _write_lines(tmp_path / "export.ftm.json", exported)
    result, back = _read_all(path)
    assert result.source == "opensanctions-opensanctions"  # every line names one dataset
    assert back == {k: dataclasses.replace(e, source=result.source) for k, e in entities.items()}


def test_entity_to_ftm_shapes():
    _, entities = _read_all(NESTED_SAMPLE)
    main, *rest = entity_to_ftm(entities["ofac-27018"])
    assert main["schema"] == "Person"
    assert main["target"] is True
    assert main["properties"]["idNumber"] == ["37435275130"]
    assert main["properties"]["firstName"] == ["Ismail", "İsmail"]
    by_schema = {d["schema"]: d for d in rest}
    sanction = by_schema["Sanction"]["properties"]
    assert sanction["entity"] == ["ofac-27018"]
    assert sanction["authority"] == ["Office of Foreign Assets Control"]
    assert sanction["programId"] == ["SDN"]
    assert sanction["provisions"][0] == (
        "CAATSA-235(a)(12): SANCTIONS ON PRINCIPAL EXECUTIVE OFFICERS "
        "[legal basis: CAATSA Sec. 235(a)(12)]"
    )
    assert by_schema["Identification"]["properties"]["type"] == ["Turkish Identification Number"]
    assert by_schema["Directorship"]["properties"]["organization"] == ["ofac-27016"]
    assert by_schema["UnknownLink"]["properties"]["role"] == ["linked_to", "Linked To"]
    fragment = by_schema["LegalEntity"]
    assert (fragment["id"], fragment["target"]) == ("ofac-27016", False)
    json.dumps([main, *rest])  # plain JSON


# --- inline edge cases ----------------------------------------------------------------------


def _target(entity_id: str, name: str, **props: list) -> dict:
    return {
        "id": entity_id,
        "schema": "Person",
        "properties": {"name": [name], **props},
        "datasets": ["test_ds"],
        "target": True,
    }


def test_flat_file_joins_entities_in_any_order(tmp_path):
    sanction = {
        "id": "s1",
        "schema": "Sanction",
        "properties": {
            "entity": ["p1"],
            "authority": ["Her Majesty's Treasury"],
            "program": ["Russia"],
            "provisions": ["Asset freeze"],
            "startDate": ["2022-03-15"],
        },
    }
    address = {"id": "a1", "schema": "Address", "properties": {"full": ["1 Main St, Riga"]}}
    passport = {
        "id": "d1",
        "schema": "Passport",
        "properties": {"holder": ["p1"], "number": ["AB123"], "country": ["lv"]},
    }
    owner = {
        "id": "o1",
        "schema": "Ownership",
        "properties": {"owner": ["c1"], "asset": ["p1"], "percentage": ["51%"]},
    }
    company = {
        "id": "c1",
        "schema": "Company",
        "properties": {"name": ["Holding SIA"]},
        "target": False,
    }
    person = _target("p1", "Jane Doe", addressEntity=["a1"], passportNumber=["AB123"])
    path = _write_lines(tmp_path / "f.json", [sanction, owner, person, passport, company, address])
    result, entities = _read_all(path)
    assert result.source == "opensanctions-test_ds"
    assert result.published is None
    assert list(entities) == ["p1"]  # the non-target Company is a link end only
    jane = entities["p1"]
    (designation,) = jane.designations
    assert designation.authority is Authority.UK
    assert designation.list_code is ListCode.UK_CONSOLIDATED
    assert designation.listed_on == PartialDate("2022-03-15")
    assert designation.measures == (Measure(UNCODED_MEASURE, "Asset freeze"),)
    assert jane.addresses == (Address(full="1 Main St, Riga"),)
    assert jane.identifiers == (Identifier(IdentifierKind.PASSPORT, "AB123", country="lv"),)
    assert jane.relationships == (
        Relationship(RelationKind.OWNED_BY, "Holding SIA", "c1", share_pct=51.0),
    )


def test_delta_mod_replaces_add_and_del_is_ignored_with_a_warning(tmp_path):
    lines = [
        {"op": "ADD", "entity": _target("p1", "Old Name")},
        {"op": "ADD", "entity": _target("p2", "Other")},
        {"op": "MOD", "entity": _target("p1", "New Name")},
        {"op": "DEL", "entity": _target("p2", "Other")},
    ]
    path = _write_lines(tmp_path / "entities.delta.json", lines)
    assert sniff(path, head_bytes(path))
    result, entities = _read_all(path)
    assert [n.value for n in entities["p1"].names] == ["New Name"]
    assert "p2" in entities  # DEL is not applied to a snapshot read
    assert len(result.warnings) == 1 and "1 DEL operation(s) ignored" in result.warnings[0]


def test_non_target_schemata_are_skipped_with_a_warning(tmp_path):
    lines = [
        _target("p1", "Jane Doe"),
        {"id": "x1", "schema": "Security", "properties": {"name": ["Bond"]}},
        {**_target("p2", "Unrelated"), "target": False},
    ]
    result, entities = _read_all(_write_lines(tmp_path / "f.json", lines))
    assert list(entities) == ["p1"]
    assert result.warnings == [
        "entities of schemata that are not screened were skipped: Security (1)"
    ]


def test_a_non_json_line_is_a_source_error_naming_its_line(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(_target("p1", "Jane")) + "\n\n{not json\n", "utf-8")
    with pytest.raises(SourceError) as err:
        list(read(path).entities)
    assert err.value.line == 3
    assert "bad.json line 3" in str(err.value)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ({"id": "p1", "properties": {"name": ["X"]}}, 'no "schema"'),
        ({"schema": "Person", "properties": {"name": ["X"]}}, 'no "id"'),
        ({"op": "RENAME", "entity": _target("p1", "X")}, "unknown delta op"),
        ({"op": "ADD"}, 'without an "entity"'),
        ({"id": "p1", "schema": "Person", "properties": ["X"]}, "not an object"),
        (["a", "list"], "not a JSON object"),
    ],
)
def test_malformed_lines_are_source_errors(tmp_path, line, reason):
    path = _write_lines(tmp_path / "bad.json", [_target("p0", "Fine"), line])
    with pytest.raises(SourceError, match=reason) as err:
        list(read(path).entities)
    assert err.value.line == 2


def test_undecodable_and_truncated_files_are_source_errors(tmp_path):
    good = json.dumps(_target("p1", "Jane")).encode()
    binary = tmp_path / "binary.json"
    binary.write_bytes(good + b"\n\xff\xfe\n")
    with pytest.raises(SourceError, match="not UTF-8") as err:
        read(binary)
    assert err.value.line == 2
    truncated = tmp_path / "truncated.json"
    truncated.write_bytes(good + b"\n" + good[:40])
    with pytest.raises(SourceError) as err:
        read(truncated)
    assert err.value.line == 2


@pytest.mark.shared_data
def test_sniff_accepts_ftm_and_rejects_csv_and_xml():
    formats = shared_path("formats")
    for path in sorted(formats.iterdir()):
        if path.suffix in (".csv", ".xml", ".xsd"):
            assert not sniff(path, head_bytes(path)), path.name
    delta = formats / "opensanctions_entities_delta_sample.json"
    assert len(delta.read_bytes().splitlines()[0]) > SNIFF_BYTES  # judged from a partial line
    for path in (delta, formats / "opensanctions_entities_ftm_sample.json", NESTED_SAMPLE):
        assert sniff(path, head_bytes(path)), path.name
    assert FORMAT.name == "ftm-json"


@pytest.mark.parametrize(
    "head",
    [b"", b"\n\n", b'{"id": "x", "properties": {}}\n', b"[1, 2]\n", b'{"a": 1}\n', b"id,name\n"],
)
def test_sniff_rejects_other_json_and_text(tmp_path, head):
    assert not sniff(tmp_path / "x.json", head)


def test_registry_detects_the_nested_sample():
    from clearance.sources import detect

    assert detect(NESTED_SAMPLE).name == "ftm-json"


# --- mapping helpers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "authority"),
    [
        ("Office of Foreign Assets Control", Authority.OFAC),
        ("US Treasury OFAC", Authority.OFAC),
        ("United Nations Security Council", Authority.UN_SC),
        ("Council of the European Union", Authority.EU),
        ("Office of Financial Sanctions Implementation", Authority.UK),
        ("Foreign, Commonwealth & Development Office", Authority.UK),
        ("State Secretariat for Economic Affairs", Authority.OTHER),
        ("", Authority.OTHER),
    ],
)
def test_authority_from_text(text, authority):
    assert authority_from_text(text) is authority


@pytest.mark.parametrize(
    ("props", "authority", "code"),
    [
        ({"programId": ["ns-mbs"]}, Authority.OFAC, ListCode.NS_MBS),
        ({"program": ["Non-SDN Menu-Based Sanctions List"]}, Authority.OFAC, ListCode.NS_MBS),
        ({"program": ["SDN List"]}, Authority.OFAC, ListCode.SDN),
        ({"summary": ["Specially Designated Nationals"]}, Authority.OFAC, ListCode.SDN),
        (
            {"program": ["CAATSA - RUSSIA"], "provisions": ["CAATSA Section 235 measures"]},
            Authority.OFAC,
            ListCode.NS_MBS,
        ),
        (
            {"programId": ["US-SDN"], "provisions": ["CAATSA Section 235(a)(9)"]},
            Authority.OFAC,
            ListCode.SDN,
        ),
        ({"program": ["Sectoral Sanctions Identifications List"]}, Authority.OFAC, ListCode.SSI),
        ({"program": ["DPRK"]}, Authority.UN_SC, ListCode.UN_CONSOLIDATED),
        ({"program": ["Russia"]}, Authority.EU, ListCode.EU_FSF),
        ({"program": ["SDGT"]}, Authority.OFAC, ListCode.OTHER),
    ],
)
def test_list_code_for(props, authority, code):
    assert list_code_for({"schema": "Sanction", "properties": props}, authority) is code


def test_provisions_encode_measures():
    measure = Measure("CAATSA-235(a)(2)", "EXPORT SANCTIONS", "CAATSA Sec. 235(a)(2)")
    text = provision_text(measure)
    assert text == "CAATSA-235(a)(2): EXPORT SANCTIONS [legal basis: CAATSA Sec. 235(a)(2)]"
    assert measure_from_provision(text) == measure
    assert measure_from_provision("OFAC-SDN-BLOCKING: Block") == Measure(
        "OFAC-SDN-BLOCKING", "Block"
    )
    assert measure_from_provision("Asset freeze: all funds") == Measure(
        UNCODED_MEASURE, "Asset freeze: all funds"
    )
    looks_coded = Measure(UNCODED_MEASURE, "EO-1: not a code")
    assert measure_from_provision(provision_text(looks_coded)) == looks_coded


def test_relation_kind_from_text_and_scripts():
    assert relation_kind_from_text("Owned or Controlled By") is RelationKind.OWNED_OR_CONTROLLED_BY
    assert relation_kind_from_text("Acting for or on behalf of") is RelationKind.ACTING_FOR
    assert relation_kind_from_text("Linked To") is RelationKind.LINKED_TO
    assert relation_kind_from_text("Providing support to") is RelationKind.OTHER
    assert non_latin_script("Ismail Demir") is None
    assert non_latin_script("Владимир") == "Cyrl"
    assert non_latin_script("习近平") == "Hans"
    assert non_latin_script("ジャナン・アガ") == "Jpan"
    assert non_latin_script("김정은") == "Hang"
    assert non_latin_script("1234") is None


def test_nested_entities_get_their_back_reference():
    main, related = flatten_nested(
        {
            "id": "p1",
            "schema": "Person",
            "properties": {
                "name": ["X"],
                "sanctions": [{"id": "s1", "schema": "Sanction", "properties": {}}],
            },
        }
    )
    assert main["properties"]["sanctions"] == ["s1"]
    assert related["s1"]["properties"]["entity"] == ["p1"]
    with pytest.raises(ValueError, match="without an id"):
        flatten_nested({"id": "p1", "properties": {"sanctions": [{"schema": "Sanction"}]}})


def test_ftm_to_entity_rejects_non_targets():
    with pytest.raises(ValueError, match="not a sanctions target"):
        ftm_to_entity({"id": "s1", "schema": "Sanction", "properties": {}})


def test_lossy_fields_are_the_documented_ones():
    entity = Entity(
        id="e-1",
        schema=Schema.PERSON,
        names=(
            Name("Ivan Petrov", lang="en", remarks="as spelled"),
            Name("Vanya", NameKind.NKA),
            Name("Иван Петров"),  # a non-caption Cyrillic name comes back original-script
        ),
        source="ofac-sdn",
        source_ref="123",
        birth_dates=(PartialDate("1960", "1962", circa=True),),
        relationships=(Relationship(RelationKind.LINKED_TO, "X", "x-1", share_pct=10.0),),
        craft=CraftParticulars(),
        unparsed=("odd remark",),
    )
    back = _round_trip(entity)
    assert back.names == (
        Name("Ivan Petrov"),
        Name("Иван Петров", NameKind.ORIGINAL_SCRIPT, script="Cyrl"),
        Name("Vanya", NameKind.AKA),
    )
    assert back.source_ref == "123"
    assert back.birth_dates == (PartialDate("1960"), PartialDate("1962"))
    whole_year = dataclasses.replace(
        entity, birth_dates=(PartialDate("2015-01-01", "2015-12-31"), PartialDate("1980-02"))
    )
    assert entity_to_ftm(whole_year)[0]["properties"]["birthDate"] == ["2015", "1980-02"]
    assert back.relationships == (Relationship(RelationKind.LINKED_TO, "X", "x-1"),)
    assert back.craft is None
    assert (back.notes, back.unparsed) == (("odd remark",), ())


def test_one_number_as_passport_and_national_id_keeps_both():
    """OFAC 6717: Colombian passport and cédula with the same number, details on each."""
    ids = (
        Identifier(IdentifierKind.NATIONAL_ID, "16215230", country="co", label="Cedula No."),
        Identifier(IdentifierKind.PASSPORT, "16215230", country="co", label="Passport"),
        Identifier(IdentifierKind.PASSPORT, "16215230"),
        Identifier(IdentifierKind.OTHER, "16215230", label="Business Number"),
    )
    entity = Entity("ofac-6717", Schema.PERSON, (Name("X"),), "ofac-sdn", "6717", identifiers=ids)
    main, *rest = entity_to_ftm(entity)
    assert main["properties"]["passportNumber"] == ["16215230", "16215230"]
    assert "ofac-6717-id-national_id-1" in {d["id"] for d in rest}
    back = ftm_to_entity(main, {d["id"]: d for d in rest})
    assert back.identifiers == (ids[1], ids[2], ids[0], ids[3])  # grouped by kind


# --- hypothesis -----------------------------------------------------------------------------

_LETTERS = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéüçşğñøå"
    "абвгджзклмнопрАБВГДЖЗКЛМ"
    "αβγδεζηθΑΒΓΔ"
    "中国人民阿里"
    "محمدعلي"
    "ジャナン"
    "김박"
)
_word = st.text(alphabet=_LETTERS, min_size=1, max_size=8)
_text = (
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=24)
    .map(str.strip)
    .filter(bool)
)
_plain = _text.filter(lambda t: "[" not in t and "]" not in t)
_code = st.from_regex(r"[A-Z]{2,6}-[0-9A-Za-z()]{1,8}", fullmatch=True)
_country = st.sampled_from(["tr", "ru", "us", "gb", "ir", "kp"])
_country_text = st.sampled_from(["Gaza", "West Bank", "Unknown Land", "Ex-Yugoslavia"])


@st.composite
def _partial_dates(draw) -> PartialDate:
    day = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 12, 31)))
    return PartialDate(day.isoformat()[: draw(st.sampled_from([4, 7, 10]))])


def _optional(strategy):
    return st.none() | strategy


@st.composite
def _measures(draw) -> Measure:
    if draw(st.booleans()):
        return Measure(UNCODED_MEASURE, draw(_plain))
    return Measure(draw(_code), draw(_plain), draw(_optional(_plain)))


_designations = st.builds(
    Designation,
    authority=st.sampled_from(Authority),
    list_code=st.sampled_from(ListCode),
    programs=st.lists(_text, max_size=2).map(tuple),
    measures=st.lists(_measures(), max_size=4).map(tuple),
    listed_on=_optional(_partial_dates()),
    remarks=_optional(_text),
    source_ref=_optional(_text),
    legal_basis=st.lists(_text, max_size=2).map(tuple),
)


@st.composite
def _names(draw, person: bool) -> tuple[Name, ...]:
    words = draw(st.lists(_word, min_size=1, max_size=12, unique_by=str.casefold))
    assume(all(len(w.casefold().split()) == 1 and w.casefold().isalpha() for w in words))
    chunks, rest = [], list(words)
    while rest:
        size = draw(st.integers(1, min(3, len(rest))))
        chunks.append(rest[:size])
        rest = rest[size:]
    grouped: dict[str, list[Name]] = {"name": [], "aka": [], "fka": [], "weak": []}
    for index, chunk in enumerate(chunks):
        value = " ".join(chunk)
        group = "name" if index == 0 else draw(st.sampled_from(list(grouped)))
        kind = {"aka": NameKind.AKA, "fka": NameKind.FKA, "weak": NameKind.WEAK}.get(group)
        if kind is None:
            latin = non_latin_script(value) is None
            kind = NameKind.PRIMARY if not grouped["name"] or latin else NameKind.ORIGINAL_SCRIPT
        parts: dict[str, str] = {}
        if person and draw(st.booleans()):
            parts = {"given": chunk[0]}
            if len(chunk) > 1:
                parts["family"] = chunk[-1]
            if len(chunk) > 2:
                parts["middle"] = chunk[1]
        grouped[group].append(Name(value, kind, script=non_latin_script(value), **parts))
    return tuple(n for group in grouped.values() for n in group)


@st.composite
def _identifiers(draw) -> tuple[Identifier, ...]:
    numbers = draw(
        st.lists(
            st.sampled_from(["6067015", "AB123"])
            | st.from_regex(r"[A-Z0-9]{3,12}", fullmatch=True),
            max_size=6,
        )
    )
    out = []
    for number in numbers:
        kind = draw(st.sampled_from(IdentifierKind))
        detailed = draw(st.booleans())
        out.append(
            Identifier(
                kind,
                number,
                country=draw(_optional(_country | _country_text)) if detailed else None,
                label=draw(_optional(_text)) if detailed else None,
                issued=draw(_optional(_partial_dates())) if detailed else None,
                expires=(
                    draw(_optional(_partial_dates()))
                    if detailed and kind is not IdentifierKind.CRYPTO_WALLET
                    else None
                ),
                remarks=draw(_optional(_text)) if detailed else None,
            )
        )
    order = list(IdentifierKind)
    return tuple(sorted(out, key=lambda i: order.index(i.kind)))


@st.composite
def _relationships(draw) -> tuple[Relationship, ...]:
    targets = draw(
        st.lists(st.from_regex(r"x-[0-9]{1,4}", fullmatch=True), max_size=4, unique=True)
    )
    out = []
    for target in targets:
        kind = draw(st.sampled_from(RelationKind))
        owning = kind in (RelationKind.OWNS, RelationKind.OWNED_BY)
        out.append(
            Relationship(
                kind,
                target_name=draw(_optional(_text)),
                target_id=target if draw(st.booleans()) else None,
                share_pct=draw(_optional(st.floats(0, 100))) if owning else None,
                label=draw(_optional(_text)),
                source_ref=draw(_optional(_text)),
            )
        )
    return tuple(out)


_addresses = st.builds(
    Address,
    full=_optional(_text),
    street=_optional(_text),
    city=_optional(_text),
    region=_optional(_text),
    postal_code=_optional(_text),
    country=_optional(_country),
    country_name=_optional(_country_text),
    remarks=_optional(_text),
)
_crafts = st.builds(
    CraftParticulars,
    craft_type=_optional(_text),
    flag=_optional(_country),
    flag_name=_optional(_country_text),
    tonnage=_optional(_text),
    gross_registered_tonnage=_optional(_text),
    owner=_optional(_text),
    build_year=_optional(st.from_regex(r"(19|20)[0-9]{2}", fullmatch=True)),
    model=_optional(_text),
    operator=_optional(_text),
).filter(lambda c: c != CraftParticulars())
_texts = st.lists(_text, max_size=3).map(tuple)
_dates_list = st.lists(_partial_dates(), max_size=3).map(tuple)


@st.composite
def canonical_entities(draw) -> Entity:
    """Entities holding only what FtM carries, in the order FtM gives it back."""
    schema = draw(st.sampled_from(Schema))
    entity_id = draw(st.from_regex(r"e-[a-z0-9]{1,8}", fullmatch=True))
    return Entity(
        id=entity_id,
        schema=schema,
        names=draw(_names(schema is Schema.PERSON)),
        source=draw(st.sampled_from(["ofac-sdn", "un-sc", "opensanctions-eu_fsf"])),
        source_ref=draw(st.sampled_from([entity_id, "27016", "TAi.008"])),
        designations=tuple(draw(st.lists(_designations, max_size=2))),
        titles=draw(_texts),
        gender=draw(_optional(st.sampled_from(Gender))),
        birth_dates=draw(_dates_list),
        birth_places=draw(_texts),
        death_dates=draw(_dates_list),
        nationalities=tuple(draw(st.lists(_country | _country_text, max_size=2))),
        citizenships=tuple(draw(st.lists(_country, max_size=2))),
        countries=tuple(draw(st.lists(_country, max_size=2))),
        addresses=tuple(draw(st.lists(_addresses, max_size=2))),
        identifiers=draw(_identifiers()),
        craft=draw(_optional(_crafts)),
        relationships=draw(_relationships()),
        incorporation_dates=draw(_dates_list),
        websites=draw(_texts),
        emails=draw(_texts),
        phones=draw(_texts),
        notes=draw(_texts),
    )


_SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(canonical_entities())
def test_round_trip_is_exact_for_what_ftm_carries(entity):
    output = entity_to_ftm(entity)
    json.loads(json.dumps(output, ensure_ascii=False))
    assert _round_trip(entity) == entity


@st.composite
def lossy_entities(draw) -> Entity:
    """Canonical entities with the things FtM drops or reorders added back in."""
    entity = draw(canonical_entities())
    names = list(entity.names)
    draw(st.randoms()).shuffle(names)
    names = [
        dataclasses.replace(
            n,
            kind=draw(st.sampled_from(NameKind)),
            lang=draw(_optional(st.sampled_from(["en", "ru"]))),
            remarks=draw(_optional(_text)),
            script=draw(_optional(st.sampled_from(["Latn", "Cyrl"]))),
        )
        for n in names
    ]
    ranges = [
        PartialDate(d.start, draw(_optional(st.just("2031"))), draw(st.booleans()))
        for d in entity.birth_dates
    ]
    return dataclasses.replace(
        entity,
        names=tuple(names),
        birth_dates=tuple(ranges),
        identifiers=tuple(reversed(entity.identifiers)),
        unparsed=draw(_texts),
        craft=draw(st.sampled_from([entity.craft, CraftParticulars()])),
    )


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lossy_entities())
def test_round_trip_of_anything_is_stable_and_keeps_the_content(entity):
    once = _round_trip(entity)
    assert _round_trip(once) == once
    assert sorted(n.value for n in once.names) == sorted(n.value for n in entity.names)
    assert sorted(i.number for i in once.identifiers) == sorted(
        i.number for i in entity.identifiers
    )
    assert once.designations == entity.designations
    assert once.notes == entity.notes + entity.unparsed
    assert {d.start for d in once.birth_dates} >= {d.start for d in entity.birth_dates}


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(max_size=40), min_size=1, max_size=4))
def test_reader_never_crashes_on_arbitrary_lines(tmp_path_factory, lines):
    path = tmp_path_factory.mktemp("fuzz") / "x.json"
    path.write_text("\n".join(lines), "utf-8")
    sniff(path, head_bytes(path))
    try:
        list(read(path).entities)
    except SourceError as exc:
        assert exc.line is not None


def test_country_codes_versus_texts():
    assert is_country_code("tr") and is_country_code("gb-sct") and is_country_code("suhh")
    assert not is_country_code("Gaza") and not is_country_code("TR")


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=6),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["id", "schema", "properties", "name"]), inner, max_size=3
        )
    ),
    max_leaves=10,
)
_ftm_like = st.fixed_dictionaries(
    {
        "id": st.text(max_size=4),
        "schema": st.sampled_from(["Person", "Company", "Sanction", "Address", "Ownership", "Foo"]),
    },
    optional={
        "properties": st.dictionaries(
            st.sampled_from(
                [
                    "name",
                    "entity",
                    "owner",
                    "asset",
                    "birthDate",
                    "addressEntity",
                    "sanctions",
                    "country",
                    "provisions",
                    "percentage",
                    "gender",
                    "idNumber",
                ]
            ),
            _json_values,
            max_size=5,
        ),
        "target": st.booleans(),
        "caption": _json_values,
        "datasets": _json_values,
        "last_seen": _json_values,
    },
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_ftm_like, min_size=1, max_size=5))
def test_reader_never_crashes_on_arbitrary_ftm_shaped_lines(tmp_path_factory, lines):
    path = _write_lines(tmp_path_factory.mktemp("fuzz") / "x.json", lines)
    try:
        for entity in read(path).entities:
            assert entity.id
    except SourceError as exc:
        assert exc.line is not None
