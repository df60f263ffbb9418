"""The sample list set and customer file bundled in ``clearance/data/sample``.

Checks that the files ship in the package, that the lists are in OFAC's legacy CSV format
exactly (column counts, ``-0- ``, quoting, CRLF, trailing 0x1A), that the CAATSA case is
there with its measures, that every row is as OFAC published it (against the real files in
../shared/data when present), and that ``customers.csv`` matches its README.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import re
from functools import cache
from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path

import pytest

from clearance.model.dates import PartialDate
from conftest import shared_path

SAMPLE: Traversable = files("clearance") / "data" / "sample"

LIST_COLUMNS = {
    "sdn.csv": 12,
    "add.csv": 6,
    "alt.csv": 5,
    "sdn_comments.csv": 2,
    "cons_prim.csv": 12,
    "cons_add.csv": 6,
    "cons_alt.csv": 5,
}
NULL = "-0- "
SDN_COUNT = 45
CONS_COUNT = 8
CAATSA_PERSONS = {
    "27018": ("DEMIR, Ismail", "DOB 01 Apr 1960"),
    "30685": ("YIGIT, Faruk", "DOB 13 Mar 1962"),
    "30686": ("GENCOGLU, Serhat", "DOB 29 Oct 1970"),
    "30687": ("DENIZ, Mustafa Alper", "DOB 12 Mar 1985"),
}
PERSON_MEASURES = {"235(a)(7)", "235(a)(8)", "235(a)(9)", "235(a)(11)", "235(a)(12)"}
SSB_MEASURES = {
    "235(a)(2)": "EXPORT SANCTIONS",
    "235(a)(3)": "LOANS FROM UNITED STATES FINANCIAL INSTITUTIONS.",
    "235(a)(4)": "LOANS FROM INTERNATIONAL FINANCIAL INSTITUTIONS.",
    "235(a)(12)": "SANCTIONS ON PRINCIPAL EXECUTIVE OFFICERS.",
    "235(a)(1)": "EXPORT-IMPORT BANK ASSISTANCE FOR EXPORTS TO SANCTIONED PERSONS.",
}
CAATSA_ITEM = re.compile(
    r"^(?:alt\. )?CAATSA Section 235 Information: (?P<label>.+?) Sec\.? (?P<sec>235\(a\)\(\d+\))$"
)

# customers.csv: expected hits (customer id -> OFAC ent_nums) and near misses.
EXPECTED_HITS = {
    "C001": {"27018"},
    "C002": {"27018"},
    "C003": {"27018"},
    "C004": {"27018"},
    "C005": {"27016"},
    "C006": {"27016"},
    "C007": {"30685"},
    "C008": {"30686"},
    "C009": {"30687"},
    "C010": {"35096"},
    "C011": {"10481"},
    "C012": {"2686"},
    "C013": {"23627", "9639"},
    "C014": {"6861"},
    "C015": {"6365"},
    "C016": {"35173"},
    "C017": {"20157"},
    "C018": {"23343"},
    "C019": {"10114"},
    "C020": {"17927"},
    "C021": {"25019"},
    "C022": {"34737"},
    "C023": {"30947"},
    "C024": {"17248"},
    "C025": {"15036"},
}
NEAR_MISSES = [f"C{n:03d}" for n in range(26, 42)]
CUSTOMER_HEADER = [
    "id", "name", "schema", "birth_date", "nationality", "country", "id_number", "segment"
]  # fmt: skip


@cache
def raw(name: str) -> bytes:
    return (SAMPLE / name).read_bytes()


@cache
def ofac_rows(name: str) -> tuple[tuple[str, ...], ...]:
    """Parse one sample list file the plain way: strip the 0x1A, then the csv module."""
    text = raw(name).decode("ascii").removesuffix("\x1a")
    return tuple(tuple(row) for row in csv.reader(io.StringIO(text, newline="")))


def by_ent(name: str) -> dict[str, tuple[str, ...]]:
    return {row[0]: row for row in ofac_rows(name)}


def remarks(name: str, ent_num: str) -> str:
    """Remarks joined with their continuation in the comments file, as OFAC intends."""
    row = by_ent(name)[ent_num]
    comments = "sdn_comments.csv" if name == "sdn.csv" else "cons_comments.csv"
    tail = by_ent(comments).get(ent_num) if (SAMPLE / comments).is_file() else None
    return row[11] + (tail[1] if tail else "")


def caatsa_items(text: str) -> dict[str, str]:
    items = {}
    for item in text.rstrip(".").split("; "):
        if match := CAATSA_ITEM.match(item):
            items[match["sec"]] = match["label"]
    return items


@cache
def customers() -> tuple[dict[str, str], ...]:
    text = (SAMPLE / "customers.csv").read_text(encoding="utf-8")
    return tuple(csv.DictReader(io.StringIO(text, newline="")))


# --- files and format ---------------------------------------------------------------


@pytest.mark.parametrize("name", [*LIST_COLUMNS, "customers.csv", "README.md"])
def test_file_is_in_the_installed_package(name: str) -> None:
    assert (SAMPLE / name).is_file()
    with as_file(SAMPLE / name) as path:
        assert Path(path).stat().st_size > 0


def test_sample_is_small() -> None:
    total = sum(len(raw(name)) for name in [*LIST_COLUMNS, "customers.csv"])
    assert total < 60_000


@pytest.mark.parametrize("name", LIST_COLUMNS)
def test_list_file_has_ofac_framing(name: str) -> None:
    data = raw(name)
    assert data.endswith(b"\r\n\x1a")
    assert data.count(b"\x1a") == 1
    body = data[:-1]
    assert body.count(b"\n") == body.count(b"\r\n")  # CRLF only, no bare LF
    assert not data.startswith(b"ent_num")  # no header row
    assert b'"-0- "' not in data  # the null token is never quoted
    data.decode("ascii")


@pytest.mark.parametrize(("name", "columns"), LIST_COLUMNS.items())
def test_every_row_has_the_ofac_column_count(name: str, columns: int) -> None:
    rows = ofac_rows(name)
    assert rows
    for row in rows:
        assert len(row) == columns, row
        assert row[0].isdigit()
        assert all(row), row  # OFAC writes "-0- ", never an empty field
    if columns in (5, 6):
        assert all(row[1].isdigit() for row in rows)
        assert len({row[1] for row in rows}) == len(rows)  # add_num / alt_num unique


def test_entity_counts_and_no_overlap() -> None:
    sdn, cons = by_ent("sdn.csv"), by_ent("cons_prim.csv")
    assert len(sdn) == len(ofac_rows("sdn.csv")) == SDN_COUNT
    assert len(cons) == len(ofac_rows("cons_prim.csv")) == CONS_COUNT
    assert not set(sdn) & set(cons)


@pytest.mark.parametrize(
    ("main", "children"),
    [
        ("sdn.csv", ("add.csv", "alt.csv", "sdn_comments.csv")),
        ("cons_prim.csv", ("cons_add.csv", "cons_alt.csv")),
    ],
)
def test_child_rows_point_to_main_entities(main: str, children: tuple[str, ...]) -> None:
    entities = set(by_ent(main))
    for child in children:
        assert {row[0] for row in ofac_rows(child)} <= entities, child
    address_file = children[0]
    assert {row[0] for row in ofac_rows(address_file)} == entities  # OFAC: >= 1 row each


def test_alt_types_are_ofac_values() -> None:
    types = {row[2] for name in ("alt.csv", "cons_alt.csv") for row in ofac_rows(name)}
    assert types == {"aka", "fka"}


def test_comments_continue_truncated_remarks() -> None:
    sdn = by_ent("sdn.csv")
    for ent_num, _text in ofac_rows("sdn_comments.csv"):
        assert len(sdn[ent_num][11]) == 1000
    assert [r for r in sdn.values() if len(r[11]) >= 1000] == [sdn["28263"]]
    full = remarks("sdn.csv", "28263")
    assert sdn["28263"][11].endswith("a.k.a. 'snowsjo")
    assert full.endswith("a.k.a. 'snowsjohn'; Linked To: LAZARUS GROUP.")
    assert "Digital Currency Address - XBT 134r8iHv69xdT6p5qVKTsHrcUEuBVZAYak" in full
    assert all(len(row[11]) < 1000 for row in ofac_rows("cons_prim.csv"))


# --- contents -----------------------------------------------------------------------


def test_presidency_of_defense_industries() -> None:
    row = by_ent("cons_prim.csv")["27016"]
    assert row[1:5] == ("PRESIDENCY OF DEFENSE INDUSTRIES", NULL, "CAATSA - RUSSIA", NULL)
    text = remarks("cons_prim.csv", "27016")
    items = text.rstrip(".").split("; ")
    assert len(items) == 7
    assert caatsa_items(text) == SSB_MEASURES
    assert items[5:] == ["a.k.a. 'SSB'", "a.k.a. 'SSM'"]
    alts = {(r[2], r[3]) for r in ofac_rows("cons_alt.csv") if r[0] == "27016"}
    assert alts == {
        ("aka", "DEFENSE INDUSTRIES PRESIDENCY"),
        ("fka", "UNDERSECRETARIAT FOR DEFENSE INDUSTRIES"),
    }
    adds = [r[2:5] for r in ofac_rows("cons_add.csv") if r[0] == "27016"]
    assert adds == [(NULL, "Ankara", "Turkey")]


@pytest.mark.parametrize("ent_num", CAATSA_PERSONS)
def test_caatsa_persons_carry_their_measures(ent_num: str) -> None:
    name, dob = CAATSA_PERSONS[ent_num]
    row = by_ent("sdn.csv")[ent_num]
    assert row[1:4] == (name, "individual", "CAATSA - RUSSIA")
    text = remarks("sdn.csv", ent_num)
    assert text.startswith(dob + "; POB ")
    assert set(caatsa_items(text)) == PERSON_MEASURES
    assert text.endswith("Linked To: PRESIDENCY OF DEFENSE INDUSTRIES.")
    assert [r for r in ofac_rows("alt.csv") if r[0] == ent_num] == []


def test_caatsa_person_identifiers() -> None:
    sdn = by_ent("sdn.csv")
    assert sdn["27018"][4] == "SSB Chairman"
    assert "POB Elazig, Turkey" in sdn["27018"][11]
    assert "Turkish Identification Number 37435275130 (Turkey)" in sdn["27018"][11]
    assert "Passport S00499470 (Turkey) expires 15 Sep 2016" in sdn["30685"][11]
    assert "Passport S01001544 (Turkey) expires 28 Mar 2018" in sdn["30686"][11]
    assert "Passport Z00294883 (Turkey) expires 15 Dec 2015" in sdn["30687"][11]


def test_sample_covers_record_kinds() -> None:
    sdn = by_ent("sdn.csv")
    assert {r[2] for r in sdn.values()} == {"individual", NULL, "vessel", "aircraft"}
    all_remarks = " ".join(r[11] for r in sdn.values())
    for marker in ("SWIFT/BIC ", "Digital Currency Address - XBT", "IMO ", "MMSI ", "Passport "):
        assert marker in all_remarks, marker
    artavil = sdn["15036"]
    assert artavil[1:11] == (
        "ARTAVIL", "vessel", "IRAN", NULL, "T2EU4", "Crude/Oil Products Tanker",
        "99,144", "56,068", "Iran", NULL,
    )  # fmt: skip
    assert sdn["28263"][3] == "DPRK3] [CYBER2"  # several programs in one field
    programs = {r[3] for r in by_ent("cons_prim.csv").values()}
    for program in ("NS-PLC", "CMIC-EO13959", "561-Related", "UKRAINE-EO13662] [RUSSIA-EO14024"):
        assert program in programs, program
    countries = {r[4] for n in ("add.csv", "cons_add.csv") for r in ofac_rows(n)} - {NULL}
    assert {"Turkey", "Russia", "Iran", "China", "United Kingdom", "Korea, North"} <= countries
    assert len(countries) >= 15


SOURCES = {  # sample file -> (folder under shared/data/lists, file name, main sample file)
    "sdn.csv": ("ofac-sdn-2024", "sdn.csv", "sdn.csv"),
    "add.csv": ("ofac-sdn-2025-partial", "add.csv", "sdn.csv"),
    "alt.csv": ("ofac-sdn-2025-partial", "alt.csv", "sdn.csv"),
    "sdn_comments.csv": ("ofac-sdn-2025-partial", "sdn_comments.csv", "sdn.csv"),
    "cons_prim.csv": ("ofac-cons-2025", "cons_prim.csv", "cons_prim.csv"),
    "cons_add.csv": ("ofac-cons-2025", "cons_add.csv", "cons_prim.csv"),
    "cons_alt.csv": ("ofac-cons-2025", "cons_alt.csv", "cons_prim.csv"),
}


@pytest.mark.shared_data
@pytest.mark.parametrize("name", SOURCES)
def test_rows_are_as_ofac_published(name: str) -> None:
    """Each sampled file holds, for its entities, exactly the rows OFAC published."""
    folder, source, main = SOURCES[name]
    text = shared_path("lists", folder, source).read_bytes().decode("ascii").removesuffix("\x1a")
    entities = set(by_ent(main))
    published = {
        tuple(row)
        for row in csv.reader(io.StringIO(text, newline=""))
        if row and row[0] in entities
    }
    assert set(ofac_rows(name)) == published


@pytest.mark.shared_data
def test_caatsa_persons_read_the_same_in_2021() -> None:
    text = shared_path("lists", "ofac-sdn-2021", "sdn.csv").read_bytes().decode("ascii")
    rows = {
        r[0]: tuple(r) for r in csv.reader(io.StringIO(text.removesuffix("\x1a"), newline="")) if r
    }
    sdn = by_ent("sdn.csv")
    for ent_num in CAATSA_PERSONS:
        assert rows[ent_num] == sdn[ent_num]


# --- customers.csv ------------------------------------------------------------------


def test_customers_header_and_ids() -> None:
    text = (SAMPLE / "customers.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0].split(",") == CUSTOMER_HEADER
    rows = customers()
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids)) == 62
    assert all(re.fullmatch(r"C\d{3}", i) for i in ids)


def test_customer_fields_are_well_formed() -> None:
    for row in customers():
        assert row["name"].strip() == row["name"] != ""
        assert row["schema"] in {"Person", "Organization", "Company", "Vessel"}
        for field in ("nationality", "country"):
            assert re.fullmatch(r"([a-z]{2})?", row[field]), row
        if row["birth_date"]:
            assert row["schema"] == "Person"
            assert PartialDate.parse(row["birth_date"]) is not None
        assert row["segment"]
    schemas = [row["schema"] for row in customers()]
    assert schemas.count("Vessel") == 2


def test_expected_hits_point_to_sample_entities() -> None:
    known = set(by_ent("sdn.csv")) | set(by_ent("cons_prim.csv"))
    ids = {row["id"] for row in customers()}
    for customer, targets in EXPECTED_HITS.items():
        assert customer in ids
        assert targets <= known, customer
    assert set(NEAR_MISSES) <= ids
    assert not set(NEAR_MISSES) & set(EXPECTED_HITS)


def test_caatsa_customer_rows() -> None:
    rows = {row["id"]: row for row in customers()}
    assert rows["C001"]["name"] == "İsmail DEMİR"
    assert rows["C001"]["birth_date"] == "1960-04-01"
    assert rows["C001"]["nationality"] == "tr"
    assert rows["C005"]["schema"] == "Organization" and rows["C005"]["country"] == "tr"
    assert rows["C026"]["name"] == "Ismail Demir" and rows["C026"]["birth_date"][:4] == "1985"
    names = {row["name"] for row in customers()}
    assert {
        "DEMIR ISMAIL", "Исмаил Демир", "إسماعيل دمير", "Presidency of Defence Industries",
        "Savunma Sanayii Başkanlığı", "Faruk Yiğit", "Serhat Gençoğlu", "Mustafa Alper Deniz",
        "Faruk Yılmaz", "Defense Industries Consulting Ltd",
    } <= names  # fmt: skip


def test_readme_documents_every_expected_row() -> None:
    readme = (SAMPLE / "README.md").read_text(encoding="utf-8")
    for customer in [*EXPECTED_HITS, *NEAR_MISSES]:
        assert f"| {customer} " in readme or f"{customer}," in readme, customer
    for ent_num in {t for targets in EXPECTED_HITS.values() for t in targets}:
        assert ent_num in readme


# --- the OFAC CSV parser on the sample ----------------------------------------------


@pytest.mark.skipif(
    importlib.util.find_spec("clearance.sources.ofac_csv") is None,
    reason="clearance.sources.ofac_csv is not written yet",
)
def test_ofac_csv_parser_reads_the_sample() -> None:
    from clearance.sources import ofac_csv

    with as_file(SAMPLE / "sdn.csv") as sdn_path, as_file(SAMPLE / "cons_prim.csv") as cons_path:
        sdn = list(ofac_csv.FORMAT.read(Path(sdn_path)).entities)
        cons = list(ofac_csv.FORMAT.read(Path(cons_path)).entities)
    assert len(sdn) == SDN_COUNT
    assert len(cons) == CONS_COUNT
    ssb = next(e for e in cons if e.id == "ofac-27016")
    assert "NS-MBS" in ssb.lists
    codes = {m.code for d in ssb.designations for m in d.measures}
    assert codes == {f"CAATSA-{section}" for section in SSB_MEASURES}
    demir = next(e for e in sdn if e.id == "ofac-27018")
    assert "SDN" in demir.lists
