"""The 50 percent rule: blocking measures, fixed-point derivation, data issues, readers."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clearance.cli.demo import sample_list_paths
from clearance.enforcement.ownership import (
    MAX_PATHS,
    OwnershipInputError,
    OwnershipRecord,
    derive_blocked,
    is_blocking,
    is_blocking_designation,
    ownership_from_ftm,
    read_ownership_csv,
)
from clearance.model import Designation, Entity, ListCode, Measure
from clearance.sources import open_list

DEMIR = "ofac-27018"  # DEMIR, Ismail: SDN (CAATSA - RUSSIA), blocking
YIGIT = "ofac-30685"  # YIGIT, Faruk: SDN, blocking
SSB = "ofac-27016"  # PRESIDENCY OF DEFENSE INDUSTRIES: NS-MBS, not blocking


@pytest.fixture(scope="module")
def sample() -> dict[str, Entity]:
    entities: dict[str, Entity] = {}
    for path in sample_list_paths():
        for entity in open_list(path).entities:
            entities[entity.id] = entity
    return entities


@pytest.fixture(scope="module")
def blocked_ids(sample: dict[str, Entity]) -> frozenset[str]:
    return frozenset(i for i, e in sample.items() if is_blocking(e))


def rec(owner: str, asset: str, share: float) -> OwnershipRecord:
    return OwnershipRecord(owner, asset, share)


# --- is_blocking on the real sample ---------------------------------------------------------


def test_sample_blocking_status(sample: dict[str, Entity], blocked_ids: frozenset[str]) -> None:
    assert sample[DEMIR].names[0].value == "DEMIR, Ismail"
    assert is_blocking(sample[DEMIR]) is True
    assert is_blocking(sample[YIGIT]) is True
    assert sample[SSB].designations[0].list_code is ListCode.NS_MBS
    assert is_blocking(sample[SSB]) is False
    # every SDN entry of the sample blocks; the non-SDN lists do not
    sdn = {i for i, e in sample.items() if any(d.list_code is ListCode.SDN for d in e.designations)}
    assert sdn == blocked_ids
    assert len(sample) == 53 and len(blocked_ids) == 45


def test_non_blocking_lists_do_not_block(sample: dict[str, Entity]) -> None:
    codes = {ListCode.NS_MBS, ListCode.SSI, ListCode.CAPTA, ListCode.NS_PLC, ListCode.CMIC}
    non_sdn = [e for e in sample.values() if {d.list_code for d in e.designations} <= codes]
    assert {d.list_code for e in non_sdn for d in e.designations} == codes
    assert not any(is_blocking(e) for e in non_sdn)


def test_caatsa_235a9_blocks_on_any_list() -> None:
    nine = Measure("CAATSA-235(a)(9)", "BLOCKING PROPERTY AND INTERESTS IN PROPERTY")
    two = Measure("CAATSA-235(a)(2)", "EXPORT SANCTIONS")
    assert is_blocking_designation(
        Designation(ListCode.NS_MBS.authority, ListCode.NS_MBS, measures=(nine,))
    )
    assert not is_blocking_designation(
        Designation(ListCode.NS_MBS.authority, ListCode.NS_MBS, measures=(two,))
    )
    ssi = Designation(
        ListCode.SSI.authority,
        ListCode.SSI,
        measures=(Measure("EO13662-DIRECTIVE-1", "Directive 1"),),
    )
    assert not is_blocking_designation(ssi)


def test_asset_freezes_block() -> None:
    for code in (ListCode.UN_CONSOLIDATED, ListCode.EU_FSF, ListCode.UK_CONSOLIDATED):
        assert is_blocking_designation(Designation(code.authority, code))
    uk = ListCode.UK_CONSOLIDATED
    freeze = Measure("UK-ASSET-FREEZE", "Asset freeze")
    trust = Measure("UK-TRUST-SERVICES", "Trust services sanctions")
    assert is_blocking_designation(Designation(uk.authority, uk, measures=(trust, freeze)))
    assert not is_blocking_designation(Designation(uk.authority, uk, measures=(trust,)))
    un = ListCode.UN_CONSOLIDATED
    travel = Measure("UN-TRAVEL-BAN", "Travel ban")
    assert not is_blocking_designation(Designation(un.authority, un, measures=(travel,)))
    sdn = ListCode.SDN
    assert is_blocking_designation(Designation(sdn.authority, sdn, measures=(travel,)))
    for code in (ListCode.FSE, ListCode.NS_ISA, ListCode.OTHER):
        assert not is_blocking_designation(Designation(code.authority, code))


@pytest.mark.shared_data
@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("lists", "uk-ofsi-2018", "sanctionsconlist.csv"), {True: 2106}),
        (("lists", "un-2026", "UN_consolidated.xml"), {True: 1003}),
        (("lists", "ofac-cons-2025", "cons_prim.csv"), {False: 442}),
    ],
)
def test_real_lists_blocking(shared: type, parts: tuple[str, ...], expected: dict) -> None:
    """Asset-freeze lists block every entry; OFAC's consolidated non-SDN list none."""
    counts = Counter(is_blocking(e) for e in open_list(shared.path(*parts)).entities)
    assert dict(counts) == expected


# --- the rule, seeded with the sample's blocked set -----------------------------------------


def test_aggregate_of_two_blocked_owners(blocked_ids: frozenset[str]) -> None:
    result = derive_blocked([rec(DEMIR, "acme", 30), rec(YIGIT, "acme", 25)], blocked_ids)
    block = result.blocked["acme"]
    assert block.aggregate_pct == pytest.approx(55)
    assert block.blocked_owners == (DEMIR, YIGIT)
    assert [p.steps for p in block.paths] == [((DEMIR, "acme", 30.0),), ((YIGIT, "acme", 25.0),)]
    assert list(result.blocked) == ["acme"] and result.issues == ()


def test_non_blocking_owner_does_not_pass_down(blocked_ids: frozenset[str]) -> None:
    assert SSB not in blocked_ids
    result = derive_blocked([rec(SSB, "ssb-sub", 60)], blocked_ids)
    assert result.blocked == {}


def test_chain_through_blocked_holdco(blocked_ids: frozenset[str]) -> None:
    result = derive_blocked([rec(DEMIR, "holdco", 50), rec("holdco", "opco", 50)], blocked_ids)
    assert set(result.blocked) == {"holdco", "opco"}
    (path,) = result.blocked["opco"].paths
    assert path.ids() == (DEMIR, "holdco", "opco")
    assert path.root == DEMIR and path.owner == "holdco" and path.contribution == 50
    assert path.look_through_pct == pytest.approx(25)
    assert result.blocked["opco"].blocked_owners == ("holdco",)


def test_chain_through_40_percent_does_not_block(blocked_ids: frozenset[str]) -> None:
    result = derive_blocked([rec(DEMIR, "holdco", 40), rec("holdco", "opco", 100)], blocked_ids)
    assert result.blocked == {}


def test_direct_and_indirect_aggregate(blocked_ids: frozenset[str]) -> None:
    records = [rec(DEMIR, "holdco", 60), rec(DEMIR, "x", 30), rec("holdco", "x", 25)]
    result = derive_blocked(records, blocked_ids)
    block = result.blocked["x"]
    assert block.aggregate_pct == pytest.approx(55)
    assert block.blocked_owners == ("holdco", DEMIR)  # sorted ids
    assert sorted(p.ids() for p in block.paths) == [(DEMIR, "holdco", "x"), (DEMIR, "x")]


def test_threshold_is_inclusive(blocked_ids: frozenset[str]) -> None:
    below = derive_blocked([rec(DEMIR, "a", 49.99)], blocked_ids)
    assert below.blocked == {}
    exact = derive_blocked([rec(DEMIR, "a", 50)], blocked_ids)
    assert exact.blocked["a"].aggregate_pct == 50
    summed = derive_blocked([rec(DEMIR, "a", 25.1), rec(YIGIT, "a", 24.9)], blocked_ids)
    assert "a" in summed.blocked  # float sum 49.99999999999999 still reaches 50


def test_cycle_terminates_and_is_reported(blocked_ids: frozenset[str]) -> None:
    records = [rec(DEMIR, "a", 50), rec("a", "b", 60), rec("b", "a", 30)]
    result = derive_blocked(records, blocked_ids)
    assert set(result.blocked) == {"a", "b"}
    assert result.blocked["a"].aggregate_pct == pytest.approx(80)  # Demir 50 + blocked b 30
    assert [p.ids() for p in result.blocked["a"].paths] == [(DEMIR, "a")]
    assert [p.ids() for p in result.blocked["b"].paths] == [(DEMIR, "a", "b")]
    (cycle,) = [i for i in result.issues if i.kind == "cycle"]
    assert cycle.entity_ids == ("a", "b")


def test_unblocked_cycle_blocks_nothing(blocked_ids: frozenset[str]) -> None:
    result = derive_blocked([rec("a", "b", 100), rec("b", "a", 100)], blocked_ids)
    assert result.blocked == {}
    assert [i.kind for i in result.issues] == ["cycle"]


def test_over_100_and_duplicates_reported(blocked_ids: frozenset[str]) -> None:
    records = [rec(DEMIR, "a", 40), rec(DEMIR, "a", 30), rec("other", "a", 45)]
    result = derive_blocked(records, blocked_ids)
    assert result.blocked["a"].aggregate_pct == pytest.approx(70)  # still computed
    kinds = {i.kind: i for i in result.issues}
    assert set(kinds) == {"duplicate", "over_100"}
    assert kinds["over_100"].entity_ids[0] == "a" and "115" in kinds["over_100"].detail
    assert kinds["duplicate"].entity_ids == (DEMIR, "a")


def test_self_ownership_is_reported_and_ignored() -> None:
    result = derive_blocked([rec("a", "a", 100)], ["a"])
    assert result.blocked == {}
    assert [(i.kind, i.entity_ids) for i in result.issues] == [("self_owned", ("a",))]


def test_roots_are_not_derived() -> None:
    result = derive_blocked([rec("a", "b", 100), rec("b", "c", 50)], ["a", "b"])
    assert list(result.blocked) == ["c"]
    assert [p.ids() for p in result.blocked["c"].paths] == [("b", "c")]


def test_long_chain_is_deterministic() -> None:
    chain = [rec(f"n{i:03}", f"n{i + 1:03}", 50) for i in range(300)]
    result = derive_blocked(reversed(chain), ["n000"])
    assert len(result.blocked) == 300
    assert len(result.blocked["n300"].paths[0].steps) == 300
    assert derive_blocked(chain, ["n000"]) == result


def test_many_paths_are_capped() -> None:
    """Seven layers of two companies, each half-owned by both of the layer above: 2^7 paths."""
    records = [rec("root", "l1a", 50), rec("root", "l1b", 50)]
    for layer in range(1, 7):
        for owner in ("a", "b"):
            for asset in ("a", "b"):
                records.append(rec(f"l{layer}{owner}", f"l{layer + 1}{asset}", 50))
    result = derive_blocked(records, ["root"])
    assert len(result.blocked) == 14
    assert result.blocked["l7a"].aggregate_pct == 100
    assert len(result.blocked["l7a"].paths) == MAX_PATHS
    assert len(result.blocked["l5a"].paths) == 16
    truncated = [i.entity_ids for i in result.issues if i.kind == "paths_truncated"]
    assert truncated == [("l7a",), ("l7b",)]


# --- readers --------------------------------------------------------------------------------


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "owners.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_reader(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        f"owner_id,asset_id,share_pct,note\n{DEMIR},holdco,50,x\n\nholdco,opco, 50.5% ,\n",
    )
    records = read_ownership_csv(path)
    assert records == [
        OwnershipRecord(DEMIR, "holdco", 50.0, "owners.csv:2"),
        OwnershipRecord("holdco", "opco", 50.5, "owners.csv:4"),
    ]


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("a,,10", "missing asset_id"),
        ("a,b", "missing share_pct"),
        ("a,b,ten", "not a number"),
        ("a,b,-5", "negative"),
        ("a,b,100.5", "over 100"),
        ("a,b,nan", "not a finite number"),
    ],
)
def test_csv_bad_rows_name_the_line(tmp_path: Path, row: str, reason: str) -> None:
    path = write(tmp_path, f"owner_id,asset_id,share_pct\na,b,10\n{row}\n")
    with pytest.raises(OwnershipInputError) as caught:
        read_ownership_csv(path)
    assert caught.value.line == 3
    assert reason in caught.value.reason
    assert str(caught.value).startswith("owners.csv line 3:")


def test_csv_bad_header_and_encoding(tmp_path: Path) -> None:
    with pytest.raises(OwnershipInputError, match="header lacks share_pct"):
        read_ownership_csv(write(tmp_path, "owner_id,asset_id\na,b\n"))
    with pytest.raises(OwnershipInputError, match="empty file"):
        read_ownership_csv(write(tmp_path, ""))
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"owner_id,asset_id,share_pct\n\xff\xfe,b,1\n")
    with pytest.raises(OwnershipInputError, match="not UTF-8"):
        read_ownership_csv(bad)


def ownership(entity_id: str, **props: list) -> dict:
    return {"id": entity_id, "schema": "Ownership", "properties": props}


def test_ownership_from_ftm() -> None:
    entities = [
        ownership("own-1", owner=[DEMIR], asset=["holdco"], percentage=["50%"]),
        ownership("own-2", owner=[{"id": "holdco"}], asset=["opco"], percentage=["50.5"]),
        ownership("own-3", owner=["x"], asset=["y"]),
        ownership("own-4", owner=["x"], asset=["y"], percentage=["lots"]),
        ownership("own-5", asset=["y"], percentage=["10"]),
        {"id": "dir-1", "schema": "Directorship", "properties": {"director": ["x"]}},
    ]
    skipped: list = []
    records = ownership_from_ftm(entities, skipped=skipped)
    assert records == [
        OwnershipRecord(DEMIR, "holdco", 50.0, "own-1"),
        OwnershipRecord("holdco", "opco", 50.5, "own-2"),
    ]
    assert [e["id"] for e in skipped] == ["own-3", "own-4", "own-5"]
    assert set(derive_blocked(records, [DEMIR]).blocked) == {"holdco", "opco"}


# --- properties -----------------------------------------------------------------------------

IDS = st.sampled_from("abcdefgh")
RECORDS = st.lists(
    st.builds(OwnershipRecord, IDS, IDS, st.floats(0, 100, allow_nan=False)), max_size=25
)


@settings(max_examples=200, deadline=None)
@given(RECORDS, st.frozensets(IDS, max_size=4), IDS)
def test_rule_properties(records: list[OwnershipRecord], roots: frozenset[str], extra: str) -> None:
    result = derive_blocked(records, roots)
    blocked = roots | set(result.blocked)
    for entity_id, block in result.blocked.items():
        assert entity_id not in roots
        assert block.aggregate_pct >= 50 - 1e-6
        assert set(block.blocked_owners) <= blocked
        assert block.paths, entity_id
        for path in block.paths:
            assert path.root in roots and path.asset == entity_id
            assert set(path.ids()[1:-1]) <= set(result.blocked)  # only via derived blocks
            assert len(set(path.ids())) == len(path.ids())  # no loops
        owned = sum(
            r.share_pct
            for r in records
            if r.asset_id == entity_id and r.owner_id in block.blocked_owners
        )
        assert owned == pytest.approx(block.aggregate_pct)
    # every unblocked asset is short of 50 from blocked owners: the result is a fixed point
    for asset in {r.asset_id for r in records} - blocked:
        held = sum(
            r.share_pct
            for r in records
            if r.asset_id == asset and r.owner_id in blocked and r.owner_id != asset
        )
        assert held < 50
    # monotone: one more blocked person never unblocks anything
    more = derive_blocked(records, roots | {extra})
    assert blocked <= roots | {extra} | set(more.blocked)
    assert derive_blocked(list(reversed(records)), roots) == result
