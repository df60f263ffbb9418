"""Payment message parsing: pacs.008, pain.001 and MT103 samples, errors, robustness."""

from __future__ import annotations

import pickle
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clearance.screening.payments import (
    FreeText,
    PaymentMessage,
    PaymentMessageError,
    PaymentParty,
    parse_payment,
    parse_payment_file,
)

SAMPLES = Path(__file__).parent / "samples" / "payments"
CAATSA = SAMPLES / "pacs008_caatsa.xml"
CLEAN_DE = SAMPLES / "pacs008_clean_de.xml"
PAIN = SAMPLES / "pain001_two_tx.xml"
MT_50K = SAMPLES / "mt103_50k.txt"
MT_50F = SAMPLES / "mt103_50f.txt"
ALL = (CAATSA, CLEAN_DE, PAIN, MT_50K, MT_50F)


def parties(msg: PaymentMessage, role: str) -> list[PaymentParty]:
    return [p for p in msg.parties if p.role == role]


def one(msg: PaymentMessage, role: str) -> PaymentParty:
    found = parties(msg, role)
    assert len(found) == 1, (role, found)
    return found[0]


def error_of(data: bytes | str, name: str = "m.xml") -> PaymentMessageError:
    with pytest.raises(PaymentMessageError) as info:
        parse_payment(data, name)
    return info.value


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


# --- pacs.008: the CAATSA seed case ------------------------------------------------------


def test_caatsa_message_header() -> None:
    msg = parse_payment_file(CAATSA)
    assert msg.kind == "pacs.008"
    assert msg.message_id == "ZRT20201103-0042"
    assert msg.amount == Decimal("1250000.00")
    assert isinstance(msg.amount, Decimal)
    assert msg.currency == "USD"
    assert msg.value_date == date(2020, 11, 4)
    assert msg.transactions == 1


def test_caatsa_parties() -> None:
    msg = parse_payment_file(CAATSA)
    assert [p.role for p in msg.parties] == [
        "sender",
        "receiver",
        "instructing_agent",
        "instructed_agent",
        "debtor",
        "debtor_agent",
        "creditor_agent",
        "creditor",
        "ultimate_creditor",
    ]
    sender = one(msg, "sender")
    assert (sender.field, sender.bic, sender.country) == ("AppHdr/Fr", "TCZBTR2AXXX", "tr")
    assert one(msg, "receiver").bic == "HALKTRISXXX"
    debtor = one(msg, "debtor")
    assert debtor.name == "ASELSAN ELEKTRONIK SANAYI VE TICARET A.S."
    assert debtor.field == "CdtTrfTxInf/Dbtr"
    assert debtor.account == "TR330001000201234567890001"
    assert debtor.identifiers == ("789000TQ4NRGOQNRI470",)
    assert debtor.schema == "Organization"
    assert debtor.country == "tr"
    assert debtor.address == ("Mehmet Akif Ersoy Mahallesi 296. Cadde 16 06200 Ankara",)
    agent = one(msg, "debtor_agent")
    assert (agent.name, agent.bic, agent.schema) == (
        "T.C. ZIRAAT BANKASI A.S.",
        "TCZBTR2AXXX",
        "Organization",
    )
    creditor = one(msg, "creditor")
    assert creditor.name == "PRESIDENCY OF DEFENCE INDUSTRIES"
    assert creditor.country == "tr"
    assert creditor.account == "TR120001200945200058000002"
    assert creditor.address[:2] == (
        "Kizilirmak Mahallesi 1443. Cadde No:5",
        "06530 Cukurambar, Ankara",
    )
    assert creditor.schema == "LegalEntity"
    ultimate = one(msg, "ultimate_creditor")
    assert ultimate.name == "Ismail DEMIR"
    assert ultimate.field == "CdtTrfTxInf/UltmtCdtr"
    assert ultimate.schema == "Person"
    assert ultimate.identifiers == ("12345678901",)
    assert ultimate.country == "tr"


def test_caatsa_free_text() -> None:
    msg = parse_payment_file(CAATSA)
    assert msg.free_text == (
        FreeText("CdtTrfTxInf/RmtInf/Ustrd", "Invoice 2020-118 S-400 spare parts"),
        FreeText("CdtTrfTxInf/Purp", "GDDS"),
    )


def test_bare_document_and_str_input_give_the_same_result() -> None:
    text = CAATSA.read_text()
    start = text.index("<Document")
    end = text.index("</Document>") + len("</Document>")
    bare = parse_payment(text[start:end])
    assert bare.message_id == "ZRT20201103-0042"
    assert not parties(bare, "sender")  # no AppHdr, no sender/receiver
    assert parse_payment(text) == parse_payment(text.encode())


def test_biz_msg_envelope_and_older_version() -> None:
    text = CAATSA.read_text()
    start = text.index("<AppHdr")
    doc = text[text.index("<Document") : text.index("</Document>") + len("</Document>")]
    hdr = text[start : text.index("</AppHdr>") + len("</AppHdr>")]
    doc = doc.replace("pacs.008.001.08", "pacs.008.001.02").replace("BICFI>", "BIC>")
    wrapped = f"<BizMsgEnvlp><Hdr>{hdr}</Hdr><Doc>{doc}</Doc></BizMsgEnvlp>"
    msg = parse_payment(wrapped)
    assert msg.kind == "pacs.008"
    assert one(msg, "receiver").bic == "HALKTRISXXX"
    assert one(msg, "debtor_agent").bic == "TCZBTR2AXXX"


# --- pacs.008: the clean German payment ---------------------------------------------------


def test_clean_german_payment() -> None:
    msg = parse_payment_file(CLEAN_DE)
    assert (msg.kind, msg.message_id, msg.currency) == ("pacs.008", "DEUT-20240315-000917", "EUR")
    assert msg.amount == Decimal("48210.55")
    assert msg.value_date == date(2024, 3, 15)
    instg = one(msg, "instructing_agent")
    assert (instg.field, instg.bic, instg.country) == ("GrpHdr/InstgAgt", "DEUTDEFFXXX", "de")
    assert one(msg, "instructed_agent").bic == "COBADEFFXXX"
    debtor = one(msg, "debtor")
    assert debtor.name == "Muster Maschinenbau GmbH"
    assert debtor.country == "de"
    assert debtor.account == "DE89370400440532013000"
    creditor = one(msg, "creditor")
    assert creditor.name == "Beispiel Logistik AG"
    assert creditor.identifiers == ("HRB 123456",)
    assert creditor.schema == "Organization"
    # no <Ctry>: country from the address text "20457 Hamburg, Germany"
    assert creditor.country == "de"
    assert one(msg, "creditor_agent").bic == "COBADEFFXXX"
    assert msg.free_text == (
        FreeText("CdtTrfTxInf/RmtInf/Strd", "RE-2024-0311 Freight March 2024"),
    )


def test_bic_country_fallback() -> None:
    msg = parse_payment_file(CLEAN_DE)
    agent = one(msg, "debtor_agent")
    assert agent.address == () and agent.country == "de"  # from DEUT*DE*FF
    pain = parse_payment_file(PAIN)
    bics = {p.bic: p.country for p in parties(pain, "creditor_agent")}
    assert bics == {"BNPAFRPPXXX": "fr", "INGBNL2AXXX": "nl"}


# --- pain.001 with two transactions -------------------------------------------------------


def test_pain001_two_transactions_flattened() -> None:
    msg = parse_payment_file(PAIN)
    assert msg.kind == "pain.001"
    assert msg.message_id == "BATCH-2024-04-02-01"
    assert msg.transactions == 2
    assert msg.amount == Decimal("1750.25")
    assert msg.currency == "EUR"
    assert msg.value_date == date(2024, 4, 3)
    assert [(p.role, p.field) for p in msg.parties] == [
        ("initiating_party", "GrpHdr/InitgPty"),
        ("debtor", "PmtInf/Dbtr"),
        ("debtor_agent", "PmtInf/DbtrAgt"),
        ("creditor_agent", "PmtInf/CdtTrfTxInf[1]/CdtrAgt"),
        ("creditor", "PmtInf/CdtTrfTxInf[1]/Cdtr"),
        ("creditor_agent", "PmtInf/CdtTrfTxInf[2]/CdtrAgt"),
        ("creditor", "PmtInf/CdtTrfTxInf[2]/Cdtr"),
        ("ultimate_creditor", "PmtInf/CdtTrfTxInf[2]/UltmtCdtr"),
    ]
    first, second = parties(msg, "creditor")
    assert (first.name, first.account) == ("Atelier Dupont SARL", "FR7630006000011234567890189")
    assert (second.name, second.schema) == ("Jan de Vries", "Person")
    assert second.identifiers == ("NL-PASS-BX1234567",)
    assert one(msg, "ultimate_creditor").identifiers == ("724500VKKSH9QOLTFR81",)
    assert one(msg, "debtor").account == "DE89370400440532013000"
    assert [f.text for f in msg.free_text] == ["Facture 2024-77", "Consulting Q1 2024"]
    assert msg.free_text[1].field == "PmtInf/CdtTrfTxInf[2]/RmtInf/Ustrd"


def test_pacs008_multi_transaction_prefix() -> None:
    text = CLEAN_DE.read_text()
    tx = text[text.index("<CdtTrfTxInf>") : text.index("</CdtTrfTxInf>") + len("</CdtTrfTxInf>")]
    two = text.replace(tx, tx + tx.replace("Beispiel Logistik AG", "Zweite Firma KG"))
    msg = parse_payment(two)
    assert msg.transactions == 2
    creditors = [(p.field, p.name) for p in parties(msg, "creditor")]
    assert creditors == [
        ("CdtTrfTxInf[1]/Cdtr", "Beispiel Logistik AG"),
        ("CdtTrfTxInf[2]/Cdtr", "Zweite Firma KG"),
    ]
    assert msg.amount == Decimal("48210.55")  # group header total wins


# --- MT103 ---------------------------------------------------------------------------------


def test_mt103_50k_59() -> None:
    msg = parse_payment_file(MT_50K)
    assert (msg.kind, msg.message_id, msg.transactions) == ("MT103", "ZRT2020118", 1)
    assert msg.amount == Decimal("125000.50")
    assert msg.currency == "USD"
    assert msg.value_date == date(2020, 11, 4)
    assert [(p.role, p.field) for p in msg.parties] == [
        ("sender", "{1:}"),
        ("receiver", "{2:}"),
        ("debtor", ":50K:"),
        ("ordering_institution", ":52A:"),
        ("intermediary_agent_1", ":56A:"),
        ("account_with_institution", ":57D:"),
        ("creditor", ":59:"),
    ]
    assert one(msg, "sender").bic == "TCZBTR2AXXX"
    assert one(msg, "receiver").bic == "DEUTDEFFXXX"
    debtor = one(msg, "debtor")
    assert debtor.name == "ASELSAN ELEKTRONIK SANAYI"
    assert debtor.account == "TR330001000201234567890001"
    assert debtor.address == ("MEHMET AKIF ERSOY MAH. 296 CAD 16", "ANKARA TURKEY")
    assert debtor.country == "tr"  # from the address text
    assert one(msg, "intermediary_agent_1").country == "us"
    awi = one(msg, "account_with_institution")
    assert (awi.name, awi.bic, awi.schema) == ("DEUTSCHE BANK AG", None, "Organization")
    creditor = one(msg, "creditor")
    assert creditor.name == "DEFENCE PARTS TRADING GMBH"
    assert creditor.account == "DE89370400440532013000"
    assert creditor.country == "de"
    assert msg.free_text == (
        FreeText(":70:", "INV 2020-118 ATTN ISMAIL DEMIR SPARE PARTS"),
        FreeText(":72:", "/ACC/PAY ON RECEIPT"),
    )
    assert any("ISMAIL DEMIR" in f.text for f in msg.free_text)


def test_mt103_50f_59f_output_message() -> None:
    msg = parse_payment_file(MT_50F)
    assert msg.amount == Decimal("48210.55")
    assert msg.value_date == date(2024, 3, 15)
    # output message: block 2 carries the sender, block 1 the receiver
    assert (one(msg, "sender").bic, one(msg, "sender").field) == ("DEUTDEFFXXX", "{2:}")
    assert (one(msg, "receiver").bic, one(msg, "receiver").field) == ("COBADEFFXXX", "{1:}")
    debtor = one(msg, "debtor")
    assert debtor.name == "MUSTER MASCHINENBAU GMBH"
    assert debtor.address == ("INDUSTRIESTRASSE 12", "70565 STUTTGART DE")
    assert (debtor.country, debtor.account) == ("de", "DE89370400440532013000")
    assert one(msg, "ordering_institution").bic == "DEUTDEFF"
    assert one(msg, "account_with_institution").bic == "COBADEFFXXX"
    creditor = one(msg, "creditor")
    assert (creditor.field, creditor.name) == (":59F:", "BEISPIEL LOGISTIK AG")
    assert creditor.account == "DE44500105175407324931"
    assert msg.free_text == (FreeText(":70:", "/INV/RE-2024-0311"),)


def test_mt103_50f_person_identifier_and_59a() -> None:
    text = (
        MT_50F.read_text()
        .replace(
            ":50F:/DE89370400440532013000\n1/MUSTER MASCHINENBAU GMBH",
            ":50F:NIDN/TR/12345678901\n1/ISMAIL\n8/DEMIR\n4/19550101",
        )
        .replace(":59F:/DE44500105175407324931\n1/BEISPIEL LOGISTIK AG", ":59A:/DE4450\nSSDMTR2I")
    )
    msg = parse_payment(text)
    debtor = one(msg, "debtor")
    assert (debtor.name, debtor.schema, debtor.identifiers) == (
        "ISMAIL DEMIR",
        "Person",
        ("12345678901",),
    )
    creditor = one(msg, "creditor")
    assert (creditor.bic, creditor.country, creditor.account) == ("SSDMTR2I", "tr", "DE4450")


# --- errors --------------------------------------------------------------------------------


def test_error_str_format() -> None:
    assert str(PaymentMessageError("pacs008.xml", 12, "<Cdtr> has no <Nm>")) == (
        "pacs008.xml line 12: <Cdtr> has no <Nm>"
    )
    assert str(PaymentMessageError("mt103.txt", ":59:", "no name", 7)) == (
        "mt103.txt field :59: (line 7): no name"
    )
    err = pickle.loads(pickle.dumps(PaymentMessageError("a", ":59:", "x", 3)))
    assert (err.path, err.field, err.line, err.reason) == ("a", ":59:", 3, "x")


def test_malformed_xml_names_file_and_line() -> None:
    text = CLEAN_DE.read_text().replace("</Dbtr>", "</Debtor>")
    err = error_of(text, "pacs008.xml")
    assert err.path == "pacs008.xml"
    assert err.line == line_of(text, "</Debtor>")
    assert "malformed XML" in str(err) and str(err).startswith(f"pacs008.xml line {err.line}:")


def test_file_errors_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "broken.xml"
    bad.write_text("<Document><unclosed>")
    with pytest.raises(PaymentMessageError) as info:
        parse_payment_file(bad)
    assert str(info.value).startswith(f"{bad} line 1: malformed XML")
    with pytest.raises(PaymentMessageError, match="cannot read"):
        parse_payment_file(tmp_path / "nope.xml")


def test_entities_are_not_expanded() -> None:
    text = (
        CLEAN_DE.read_text()
        .replace(
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
        )
        .replace("Beispiel Logistik AG", "&x;")
    )
    msg = parse_payment(text)
    assert one(msg, "creditor").name is None  # the external entity was not loaded


def test_pacs008_without_transactions() -> None:
    text = CLEAN_DE.read_text()
    start, end = text.index("<CdtTrfTxInf>"), text.index("</CdtTrfTxInf>") + 14
    err = error_of(text[:start] + text[end:])
    assert err.reason == "pacs.008 message has no <CdtTrfTxInf>"
    assert err.line == line_of(text, "<FIToFICstmrCdtTrf>")


@pytest.mark.parametrize(
    ("value", "reason"),
    [("12x.00", "is not a number"), ("-5.00", "negative amount"), ("", "is not a number")],
)
def test_bad_iso_amounts(value: str, reason: str) -> None:
    text = CAATSA.read_text().replace(">1250000.00<", f">{value}<")
    err = error_of(text, "pacs008.xml")
    assert reason in err.reason and "<IntrBkSttlmAmt>" in err.reason
    assert err.line == line_of(text, "<IntrBkSttlmAmt")


def test_bad_iso_date_and_missing_creditor() -> None:
    text = CAATSA.read_text().replace("2020-11-04", "2020-13-04")
    err = error_of(text)
    assert "is not a date" in err.reason and err.line == line_of(text, "<IntrBkSttlmDt>")
    text = CAATSA.read_text().replace("<Nm>PRESIDENCY OF DEFENCE INDUSTRIES</Nm>", "")
    err = error_of(text, "pacs008.xml")
    assert str(err) == f"pacs008.xml line {line_of(text, '<Cdtr>')}: <Cdtr> has no <Nm>"
    text = re.sub(r"<Cdtr>.*</Cdtr>", "", CAATSA.read_text(), flags=re.S)
    assert error_of(text).reason == "<CdtTrfTxInf> has no <Cdtr>"


def test_unknown_message_types() -> None:
    camt = (
        '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">'
        "<BkToCstmrStmt/></Document>"
    )
    err = error_of(camt)
    assert err.reason == "not a pacs.008, pain.001 or MT103 message" and err.line == 1
    assert error_of("hello world", "x.txt").reason == "not a pacs.008, pain.001 or MT103 message"
    mt202 = MT_50K.read_text().replace("{2:I103", "{2:I202")
    assert error_of(mt202).reason == "not a pacs.008, pain.001 or MT103 message"
    # a pacs.008 root element under a pain.001 namespace is not accepted
    wrong = CLEAN_DE.read_text().replace("pacs.008.001.08", "pain.001.001.09")
    assert "not a pacs.008" in error_of(wrong).reason


def test_truncated_mt() -> None:
    text = MT_50F.read_text()
    cut = text[: text.index("-}")]
    err = error_of(cut, "mt103.txt")
    assert err.field == ":71A:"
    assert "truncated" in err.reason and "'-}'" in err.reason
    assert str(err).startswith("mt103.txt field :71A: (line ")


@pytest.mark.parametrize(
    ("old", "new", "field", "reason"),
    [
        (":32A:240315EUR48210,55", ":32A:240315EUR48X10,55", ":32A:", "is not a number"),
        (":32A:240315EUR48210,55", ":32A:240315EUR-48210,55", ":32A:", "negative amount"),
        (":32A:240315EUR48210,55", ":32A:241315EUR48210,55", ":32A:", "is not a date"),
        (":32A:240315EUR48210,55", ":32A:2403", ":32A:", "is not YYMMDD"),
        (":52A:DEUTDEFF", ":52A:NOT A BIC", ":52A:", "option A needs a BIC"),
        (":20:RE2024-0311", ":21:RE2024-0311", ":20:", "no :20:"),
    ],
)
def test_bad_mt_fields(old: str, new: str, field: str, reason: str) -> None:
    text = MT_50F.read_text().replace(old, new)
    err = error_of(text, "mt103.txt")
    assert err.field == field and reason in err.reason
    if new.startswith(field):
        assert err.line == line_of(text, new)
    assert str(err).startswith(f"mt103.txt field {field}")


def test_mt_missing_beneficiary() -> None:
    text = re.sub(r":59F:.*?(?=:70:)", "", MT_50F.read_text(), flags=re.S)
    err = error_of(text)
    assert err.reason == "MT103 has no beneficiary (:59a:)"


# --- robustness ----------------------------------------------------------------------------


def _parse_or_error(data: bytes) -> None:
    try:
        result = parse_payment(data, "fuzz")
    except PaymentMessageError as exc:
        assert exc.path == "fuzz"
    else:
        assert isinstance(result, PaymentMessage)


@pytest.mark.parametrize("sample", ALL, ids=lambda p: p.name)
def test_truncation_at_every_position(sample: Path) -> None:
    data = sample.read_bytes()
    step = 1 if len(data) < 3000 else 3
    for end in range(0, len(data), step):
        _parse_or_error(data[:end])


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes(data: bytes) -> None:
    _parse_or_error(data)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_mt_like_text(text: str) -> None:
    _parse_or_error(("{1:F01AAAABBCCXXXX}{2:I103}{4:\n:20:" + text).encode())
    _parse_or_error(("<Document>" + text).encode())


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(ALL),
    st.lists(
        st.tuples(st.floats(0, 1), st.integers(0, 3), st.binary(min_size=0, max_size=8)),
        min_size=1,
        max_size=4,
    ),
)
def test_random_mutations(sample: Path, edits: list[tuple[float, int, bytes]]) -> None:
    data = bytearray(sample.read_bytes())
    for where, delete, insert in edits:
        pos = int(where * len(data))
        data[pos : pos + delete] = insert
    _parse_or_error(bytes(data))


def test_encodings_and_residence_and_agent_instructions() -> None:
    text = (
        CLEAN_DE.read_text()
        .replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
        .replace("Beispiel Logistik AG", "Müller Logistik AG")
        .replace(
            "<Cdtr>\n        <Nm>",
            "<Cdtr>\n        <CtryOfRes>AT</CtryOfRes>\n        <Nm>",
        )
        .replace(
            "<RmtInf>", "<InstrForCdtrAgt><InstrInf>PHONE BEN</InstrInf></InstrForCdtrAgt><RmtInf>"
        )
    )
    for data in (
        text,
        text.encode("latin-1"),
        text.replace("ISO-8859-1", "UTF-16").encode("utf-16"),
    ):
        msg = parse_payment(data)
        creditor = one(msg, "creditor")
        assert creditor.name == "Müller Logistik AG"
        # address text says Germany, but no <Ctry>: the explicit residence wins
        assert creditor.country == "at"
        assert FreeText("CdtTrfTxInf/InstrForCdtrAgt", "PHONE BEN") in msg.free_text
