"""Payment messages in, parties and free text out, ready for screening.

Owns the entry points :func:`parse_payment` and :func:`parse_payment_file`: detect the message
type (ISO 20022 pacs.008 / pain.001, any version, bare or in an ``<AppHdr>`` / ``<BizMsgEnvlp>``
envelope; SWIFT MT103 in FIN block format) and hand it to :mod:`.iso20022` or :mod:`.mt103`.
The result is a :class:`PaymentMessage` whose parties (debtor, creditor, agents, sender and
receiver...) and free text (remittance information, purpose, instructions) the decision layer
screens. Any unreadable input raises :class:`PaymentMessageError` naming the file and the line
(XML) or field (MT); nothing else escapes.
"""

from __future__ import annotations

import re
from pathlib import Path

from clearance.screening.iso20022 import UNKNOWN, parse_iso20022
from clearance.screening.mt103 import looks_like_mt, parse_mt103
from clearance.screening.payment_model import (
    FreeText,
    PaymentMessage,
    PaymentMessageError,
    PaymentParty,
)

__all__ = [
    "FreeText",
    "PaymentMessage",
    "PaymentMessageError",
    "PaymentParty",
    "parse_payment",
    "parse_payment_file",
]

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_DECLARED_ENCODING = re.compile(r"^(\s*<\?xml[^>]*?\bencoding\s*=\s*)([\"'])[^\"']*\2")


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _is_xml(data: bytes) -> bool:
    head = data[:64]
    for bom in _BOMS:
        head = head.removeprefix(bom)
    if head[:4] in (b"<\x00?\x00", b"\x00<\x00?"):  # UTF-16 without BOM
        return True
    return head.lstrip().startswith(b"<")


def parse_payment(data: bytes | str, name: str = "<message>") -> PaymentMessage:
    """Parse one pacs.008, pain.001 or MT103 message; ``name`` is used in errors."""
    if isinstance(data, str):
        # the text is already decoded: make a declared encoding agree with the bytes we pass on
        data = _DECLARED_ENCODING.sub(r"\1\2UTF-8\2", data, count=1)
        raw = data.encode("utf-8", errors="replace")
    else:
        raw = bytes(data)
    if _is_xml(raw):
        return parse_iso20022(raw, name)
    text = _decode(raw)
    if looks_like_mt(text):
        return parse_mt103(text, name)
    raise PaymentMessageError(name, 1, UNKNOWN)


def parse_payment_file(path: Path) -> PaymentMessage:
    """Parse the payment message in ``path`` (errors name the file)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PaymentMessageError(str(path), None, f"cannot read: {exc.strerror}") from None
    return parse_payment(data, str(path))
