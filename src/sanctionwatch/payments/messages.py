"""Read payment messages from bytes: SWIFT MT (one message or an RJE file) or ISO 20022 XML,
told apart by their first character, with the size limit and the text checks every door shares.
"""

from __future__ import annotations

from collections.abc import Iterator

from sanctionwatch.exc import PaymentError
from sanctionwatch.payments.iso20022 import parse_iso20022
from sanctionwatch.payments.model import Payment
from sanctionwatch.payments.mt import parse_mt

#: the most bytes one file or request of messages may hold
MAX_MESSAGE_BYTES = 5_000_000
_BOM = b"\xef\xbb\xbf"


def read_payments(data: bytes, source: str, max_bytes: int = MAX_MESSAGE_BYTES
                  ) -> Iterator[Payment | PaymentError]:
    """Every payment in ``data``, and a PaymentError in place of each message that cannot be
    read (never an exception)."""
    if len(data) > max_bytes:
        yield PaymentError(source, "body", f"{len(data):,} bytes is over the "
                           f"{max_bytes:,}-byte limit")
        return
    body = data.removeprefix(_BOM)
    first = body.lstrip()[:1]
    if first == b"<":
        yield from parse_iso20022(data, source)
        return
    if first != b"{":
        shown = body.lstrip()[:20].decode("utf-8", "replace")
        yield PaymentError(source, "start", "neither a SWIFT MT message ('{1:') nor ISO 20022 "
                           f"XML ('<'): starts with {shown!r}" if shown else "the input is empty")
        return
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        yield PaymentError(source, f"byte {exc.start + 1}", "not UTF-8 text (MT messages are "
                           "in the SWIFT X character set)")
        return
    yield from parse_mt(text, source)
