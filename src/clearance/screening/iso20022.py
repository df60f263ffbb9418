"""ISO 20022 credit transfers: pacs.008 (FI to FI) and pain.001 (customer initiation).

Owns the XML side of :func:`clearance.screening.payments.parse_payment`. Any version of
``pacs.008.001.XX`` / ``pain.001.001.XX`` is read, bare or wrapped in a business application
header envelope (``<AppHdr>`` next to ``<Document>``, or ``<BizMsgEnvlp>``). Elements are
matched by local name so version differences in namespaces do not matter; older element names
(``BIC``, ``BICOrBEI``) are read alongside the current ones (``BICFI``, ``AnyBIC``).

The XML parser is defensive: no entity resolution, no network, no huge trees. Every error
carries the source line of the offending element.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from lxml import etree

from clearance.screening.payment_model import (
    FreeText,
    PaymentMessage,
    PaymentMessageError,
    PaymentParty,
    clean,
    parse_amount,
    parse_currency,
    party_schema,
    resolve_country,
    valid_bic,
)

_KIND = re.compile(r"urn:iso:std:iso:20022:tech:xsd:(pacs\.008|pain\.001)\.\d{3}\.\d{2}$")
_ROOTS = {"FIToFICstmrCdtTrf": "pacs.008", "CstmrCdtTrfInitn": "pain.001"}
UNKNOWN = "not a pacs.008, pain.001 or MT103 message"

# (element, role, account element) in document order of a pacs.008 / pain.001 transaction.
_TX_PARTIES = (
    ("PrvsInstgAgt1", "previous_instructing_agent_1", "PrvsInstgAgt1Acct"),
    ("PrvsInstgAgt2", "previous_instructing_agent_2", "PrvsInstgAgt2Acct"),
    ("PrvsInstgAgt3", "previous_instructing_agent_3", "PrvsInstgAgt3Acct"),
    ("InstgAgt", "instructing_agent", None),
    ("InstdAgt", "instructed_agent", None),
    ("IntrmyAgt1", "intermediary_agent_1", "IntrmyAgt1Acct"),
    ("IntrmyAgt2", "intermediary_agent_2", "IntrmyAgt2Acct"),
    ("IntrmyAgt3", "intermediary_agent_3", "IntrmyAgt3Acct"),
    ("UltmtDbtr", "ultimate_debtor", None),
    ("InitgPty", "initiating_party", None),
    ("Dbtr", "debtor", "DbtrAcct"),
    ("DbtrAgt", "debtor_agent", "DbtrAgtAcct"),
    ("CdtrAgt", "creditor_agent", "CdtrAgtAcct"),
    ("Cdtr", "creditor", "CdtrAcct"),
    ("UltmtCdtr", "ultimate_creditor", None),
)
_PMTINF_PARTIES = (
    ("Dbtr", "debtor", "DbtrAcct"),
    ("DbtrAgt", "debtor_agent", "DbtrAgtAcct"),
    ("UltmtDbtr", "ultimate_debtor", None),
)
_HDR_PARTIES = (
    ("InitgPty", "initiating_party", None),
    ("InstgAgt", "instructing_agent", None),
    ("InstdAgt", "instructed_agent", None),
)
_SETTLEMENT_AGENTS = (
    ("InstgRmbrsmntAgt", "instructing_reimbursement_agent", "InstgRmbrsmntAgtAcct"),
    ("InstdRmbrsmntAgt", "instructed_reimbursement_agent", "InstdRmbrsmntAgtAcct"),
)
_ADDRESS_PARTS = (
    "Dept",
    "SubDept",
    "StrtNm",
    "BldgNb",
    "BldgNm",
    "Flr",
    "PstBx",
    "Room",
    "PstCd",
    "TwnNm",
    "TwnLctnNm",
    "DstrctNm",
    "CtrySubDvsn",
)


def _local(el: etree._Element) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(el: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in el.iterchildren(etree.Element) if _local(c) == name]


def _child(el: etree._Element | None, *path: str) -> etree._Element | None:
    for name in path:
        if el is None:
            return None
        found = _children(el, name)
        el = found[0] if found else None
    return el


def _text(el: etree._Element | None, *path: str) -> str | None:
    found = _child(el, *path)
    return clean(found.text) if found is not None else None


def _texts(el: etree._Element | None) -> list[str]:
    """Every non-empty leaf text under ``el``, in document order."""
    if el is None:
        return []
    out = []
    for node in el.iter(etree.Element):
        if len(node) == 0:
            text = clean(node.text)
            if text:
                out.append(text)
    return out


class _Reader:
    """Reads one parsed ISO 20022 document; ``name`` is used in errors."""

    def __init__(self, name: str) -> None:
        self.name = name

    def fail(self, el: etree._Element | None, reason: str) -> PaymentMessageError:
        return PaymentMessageError(self.name, el.sourceline if el is not None else None, reason)

    # values -------------------------------------------------------------------------------

    def amount(self, el: etree._Element | None) -> tuple[Decimal, str] | None:
        if el is None:
            return None
        try:
            return parse_amount(el.text), parse_currency(el.get("Ccy"))
        except ValueError as exc:
            raise self.fail(el, f"<{_local(el)}>: {exc}") from None

    def date(self, el: etree._Element | None) -> date | None:
        if el is None:
            return None
        inner = _child(el, "Dt") if len(el) else None
        if inner is None and len(el):
            inner = _child(el, "DtTm")
        target = inner if inner is not None else el
        raw = clean(target.text) or ""
        try:
            return date.fromisoformat(raw[:10])
        except ValueError:
            raise self.fail(target, f"<{_local(target)}>: {raw!r} is not a date") from None

    # parties ------------------------------------------------------------------------------

    def account(self, acct: etree._Element | None) -> str | None:
        if acct is None:
            return None
        return _text(acct, "Id", "IBAN") or _text(acct, "Id", "Othr", "Id")

    def party(
        self, el: etree._Element, role: str, field: str, acct: etree._Element | None
    ) -> PaymentParty:
        fin = _child(el, "FinInstnId")
        body = fin if fin is not None else _child(el, "Pty")
        body = body if body is not None else el
        name = _text(body, "Nm")
        identifiers: list[str] = []
        person = organization = False
        bic = valid_bic(_text(body, "BICFI") or _text(body, "BIC"))
        if (lei := _text(body, "LEI")) is not None:
            identifiers.append(lei)
        if (member := _text(body, "ClrSysMmbId", "MmbId")) is not None:
            identifiers.append(member)
        if (other := _text(body, "Othr", "Id")) is not None:
            identifiers.append(other)
        ident = _child(body, "Id")
        org = _child(ident, "OrgId")
        prvt = _child(ident, "PrvtId")
        if org is not None:
            organization = True
            bic = bic or valid_bic(_text(org, "AnyBIC") or _text(org, "BICOrBEI"))
            if (lei := _text(org, "LEI")) is not None:
                identifiers.append(lei)
            identifiers.extend(t for o in _children(org, "Othr") if (t := _text(o, "Id")))
        if prvt is not None:
            person = True
            identifiers.extend(t for o in _children(prvt, "Othr") if (t := _text(o, "Id")))
        address, ctry = self.address(_child(body, "PstlAdr"))
        if name is None and not identifiers and bic is None and role in ("debtor", "creditor"):
            raise self.fail(el, f"<{_local(el)}> has no <Nm>")
        return PaymentParty(
            role=role,
            field=field,
            name=name,
            bic=bic,
            address=address,
            country=resolve_country((ctry, _text(body, "CtryOfRes")), bic, address),
            account=self.account(acct),
            identifiers=tuple(dict.fromkeys(identifiers)),
            schema=party_schema(role, person, organization or fin is not None),
        )

    def address(self, adr: etree._Element | None) -> tuple[tuple[str, ...], str | None]:
        if adr is None:
            return (), None
        lines = [t for line in _children(adr, "AdrLine") if (t := clean(line.text))]
        parts = [t for part in _ADDRESS_PARTS if (t := _text(adr, part))]
        if parts:
            lines.append(" ".join(parts))
        return tuple(lines), _text(adr, "Ctry")

    def parties_of(
        self,
        parent: etree._Element,
        prefix: str,
        spec: tuple[tuple[str, str, str | None], ...],
    ) -> Iterator[PaymentParty]:
        for tag, role, acct_tag in spec:
            for el in _children(parent, tag):
                acct = _child(parent, acct_tag) if acct_tag else None
                yield self.party(el, role, f"{prefix}/{tag}", acct)

    # free text ----------------------------------------------------------------------------

    def free_text(self, tx: etree._Element, prefix: str) -> Iterator[FreeText]:
        for rmt in _children(tx, "RmtInf"):
            for el in _children(rmt, "Ustrd"):
                if text := clean(el.text):
                    yield FreeText(f"{prefix}/RmtInf/Ustrd", text)
            for el in _children(rmt, "Strd"):
                if texts := _texts(el):
                    yield FreeText(f"{prefix}/RmtInf/Strd", " ".join(texts))
        for tag in (
            "Purp",
            "InstrForDbtrAgt",
            "InstrForCdtrAgt",
            "InstrForNxtAgt",
            "RgltryRptg",
            "RltdRmtInf",
        ):
            for el in _children(tx, tag):
                if texts := _texts(el):
                    yield FreeText(f"{prefix}/{tag}", " ".join(texts))

    # messages -----------------------------------------------------------------------------

    def header_parties(self, hdr: etree._Element | None) -> list[PaymentParty]:
        out = []
        for tag, role in (("Fr", "sender"), ("To", "receiver")):
            el = _child(hdr, tag)
            if el is None:
                continue
            fin = _child(el, "FIId")
            fin = fin if fin is not None else _child(el, "OrgId")
            if fin is not None:
                out.append(self.party(fin, role, f"AppHdr/{tag}", None))
        return out

    def transactions(self, root: etree._Element, kind: str) -> list[etree._Element]:
        if kind == "pacs.008":
            return _children(root, "CdtTrfTxInf")
        return [tx for pmt in _children(root, "PmtInf") for tx in _children(pmt, "CdtTrfTxInf")]

    def message(
        self, root: etree._Element, kind: str, hdr: etree._Element | None
    ) -> PaymentMessage:
        grp = _child(root, "GrpHdr")
        if grp is None:
            raise self.fail(root, f"<{_local(root)}> has no <GrpHdr>")
        txs = self.transactions(root, kind)
        if not txs:
            raise self.fail(root, f"{kind} message has no <CdtTrfTxInf>")
        parties = self.header_parties(hdr)
        parties.extend(self.parties_of(grp, "GrpHdr", _HDR_PARTIES))
        settlement = _child(grp, "SttlmInf")
        if settlement is not None:
            parties.extend(self.parties_of(settlement, "GrpHdr/SttlmInf", _SETTLEMENT_AGENTS))
        free: list[FreeText] = []
        amounts: list[tuple[Decimal, str]] = []
        dates: list[date | None] = [self.date(_child(grp, "IntrBkSttlmDt"))]
        if kind == "pacs.008":
            many = len(txs) > 1
            for index, tx in enumerate(txs, 1):
                prefix = f"CdtTrfTxInf[{index}]" if many else "CdtTrfTxInf"
                self.require_parties(tx)
                parties.extend(self.parties_of(tx, prefix, _TX_PARTIES))
                free.extend(self.free_text(tx, prefix))
                self.collect_amount(tx, ("IntrBkSttlmAmt", "InstdAmt"), amounts)
                dates.append(self.date(_child(tx, "IntrBkSttlmDt")))
        else:
            pmts = _children(root, "PmtInf")
            for p_index, pmt in enumerate(pmts, 1):
                p_prefix = f"PmtInf[{p_index}]" if len(pmts) > 1 else "PmtInf"
                parties.extend(self.parties_of(pmt, p_prefix, _PMTINF_PARTIES))
                dates.append(self.date(_child(pmt, "ReqdExctnDt")))
                p_txs = _children(pmt, "CdtTrfTxInf")
                for index, tx in enumerate(p_txs, 1):
                    prefix = f"{p_prefix}/CdtTrfTxInf" + (f"[{index}]" if len(p_txs) > 1 else "")
                    parties.extend(self.parties_of(tx, prefix, _TX_PARTIES))
                    free.extend(self.free_text(tx, prefix))
                    self.collect_amount(tx, ("Amt/InstdAmt",), amounts)
        total = self.amount(_child(grp, "TtlIntrBkSttlmAmt"))
        amount, currency = total if total else _sum(amounts)
        return PaymentMessage(
            kind=kind,
            message_id=_text(grp, "MsgId") or _text(hdr, "BizMsgIdr"),
            amount=amount,
            currency=currency,
            value_date=next((d for d in dates if d is not None), None),
            parties=tuple(parties),
            free_text=tuple(free),
            transactions=len(txs),
        )

    def require_parties(self, tx: etree._Element) -> None:
        for tag in ("Dbtr", "Cdtr"):
            if _child(tx, tag) is None:
                raise self.fail(tx, f"<CdtTrfTxInf> has no <{tag}>")

    def collect_amount(
        self, tx: etree._Element, paths: tuple[str, ...], out: list[tuple[Decimal, str]]
    ) -> None:
        for path in paths:
            found = self.amount(_child(tx, *path.split("/")))
            if found:
                out.append(found)
                return
        raise self.fail(tx, f"<CdtTrfTxInf> has no <{paths[0].rsplit('/', 1)[-1]}>")


def _sum(amounts: list[tuple[Decimal, str]]) -> tuple[Decimal | None, str | None]:
    currencies = {ccy for _, ccy in amounts}
    if len(currencies) != 1:
        return None, None
    return sum((a for a, _ in amounts), Decimal(0)), currencies.pop()


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )


def _find_document(top: etree._Element) -> tuple[etree._Element | None, str | None]:
    """The message root (FIToFICstmrCdtTrf / CstmrCdtTrfInitn) and its kind."""
    for el in top.iter(etree.Element):
        kind = _ROOTS.get(_local(el))
        if kind is None:
            continue
        parent = el.getparent()
        ns = etree.QName(el).namespace or (
            etree.QName(parent).namespace if parent is not None else None
        )
        match = _KIND.match(ns or "")
        if ns is None or (match and match.group(1) == kind):
            return el, kind
    return None, None


def parse_iso20022(data: bytes, name: str) -> PaymentMessage:
    """Parse a pacs.008 or pain.001 document (bare or in an envelope) from XML bytes."""
    try:
        top = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise PaymentMessageError(name, exc.lineno, f"malformed XML: {exc.msg}") from None
    except (etree.LxmlError, ValueError) as exc:
        raise PaymentMessageError(name, None, f"malformed XML: {exc}") from None
    if top is None:
        raise PaymentMessageError(name, 1, "malformed XML: no root element")
    root, kind = _find_document(top)
    if root is None or kind is None:
        raise PaymentMessageError(name, top.sourceline, UNKNOWN)
    hdr = next((el for el in top.iter(etree.Element) if _local(el) == "AppHdr"), None)
    return _Reader(name).message(root, kind, hdr)
