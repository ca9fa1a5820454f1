"""Bad input ends in our error, naming the message and the field, and a hold: malformed MT and
XML, unknown types, an XML bomb, a body over the limit, control characters; hypothesis fuzzes
messages (random text, and real samples cut and corrupted) and none escapes as another error."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paymentdata import SAMPLES

from sanctionwatch.exc import PaymentError
from sanctionwatch.payments import HOLD, Payment, PaymentScreener, read_payments

HEAD = "{1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}{4:\n"
BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf>
<CdtTrfTxInf><Cdtr><Nm>&lol2;</Nm></Cdtr></CdtTrfTxInf></FIToFICstmrCdtTrf></Document>"""
SAMPLE_FILES = sorted(p for p in SAMPLES.rglob("*") if p.is_file() and p.suffix != ".md") \
    if SAMPLES.is_dir() else []


def errors(data: bytes, name: str = "in") -> list[str]:
    return [str(e) for e in read_payments(data, name) if isinstance(e, PaymentError)]


@pytest.mark.parametrize(("data", "expected"), [
    (BOMB, "in: XML: a DOCTYPE or ENTITY declaration is refused"),
    (b"<Document><unclosed>", "in: XML line 1: malformed XML"),
    ((b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt/>'
     b"</Document>"), "in: Document/BkToCstmrStmt: not a payment message"),
    (b"<Other/>", "in: Other: no ISO 20022 Document element"),
    (b"hello", "in: start: neither a SWIFT MT message"),
    (b"", "in: start: the input is empty"),
    (b"{1:F01BANKBEBBAXXX0000000000}{2:I940BANKDEFFXXXXN}{4:\n:20:X\n-}",
     "in#1: {2:}: MT940 is not a payment message"),
    ((HEAD + ":20:X\n:32A:241231USD1,00\n").encode(), "in#1: {4:}: the text block has no end"),
    ((HEAD + ":20:X\x01\n-}").encode(), "in#1: :20: line 1: control character '\\x01'"),
    ((HEAD + ":20:X\n:57A:/123\nNOT A BIC\n-}").encode(),
     "in#1: :57A: option A needs a BIC, found 'NOT A BIC'"),
    ((HEAD + ":20:X\n:59F:1/NAME\nNUMBERLESS\n-}").encode(),
     "in#1: :59F: line 2: option F lines start with 1/ to 8/"),
    (b"{1:F01BANK\xff}", "in: byte 11: not UTF-8 text"),
])
def test_bad_input_is_our_error_naming_message_and_field(data: bytes, expected: str) -> None:
    found = errors(data)
    assert len(found) == 1 and found[0].startswith(expected), found


def test_body_over_the_limit_is_refused_before_parsing() -> None:
    (error,) = read_payments(b"<" + b" " * 100, "big", max_bytes=50)
    assert str(error) == "big: body: 101 bytes is over the 50-byte limit"


def test_xml_bomb_is_held(payment_screener: PaymentScreener) -> None:
    (result,) = payment_screener.screen_bytes(BOMB, "bomb.xml")
    assert result.verdict == HOLD and "DOCTYPE" in result.reasons[0]


def _check(data: bytes, screener: PaymentScreener) -> None:
    found = list(read_payments(data, "fuzz"))
    assert all(isinstance(p, Payment | PaymentError) for p in found)
    results = screener.screen_bytes(data, "fuzz")
    assert len(results) == len(found)
    for item, result in zip(found, results, strict=True):
        if isinstance(item, PaymentError):
            assert result.verdict == HOLD and result.error == str(item)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=300).map(lambda t: HEAD + t),
                 st.text(max_size=300).map(lambda t: "<Document>" + t),
                 st.binary(max_size=300)))
def test_fuzzed_messages_end_in_our_error_or_a_payment(payment_screener: PaymentScreener,
                                                       text: str | bytes) -> None:
    _check(text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text,
           payment_screener)


@pytest.mark.skipif(not SAMPLE_FILES, reason="../shared/data/payments is absent")
@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_cut_and_corrupted_samples_end_in_our_error_or_a_payment(
        payment_screener: PaymentScreener, data: st.DataObject) -> None:
    path = data.draw(st.sampled_from(SAMPLE_FILES))
    raw = bytearray(path.read_bytes())
    start = data.draw(st.integers(0, len(raw)))
    end = data.draw(st.integers(start, min(len(raw), start + 200)))
    junk = data.draw(st.binary(max_size=20))
    _check(bytes(raw[:start] + junk + raw[end:]), payment_screener)
