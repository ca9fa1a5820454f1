"""Every real sample parses into what its PROVENANCE.md says it holds.

The statements are read from PROVENANCE.md itself (not restated here): each quoted value (a
name, an address line, a remittance text) is found among the values parsed from the file, each
BIC it names among the parsed BICs, each ``Ctry XX`` among the countries, and a stated number of
messages or transactions is the number of payments read. The MT and ISO 20022 forms of one
UETR give the same parties, BICs and countries.
"""

from __future__ import annotations

import re

import pytest
from paymentdata import SAMPLES, Sample, read_pairs, read_provenance

from sanctionwatch.exc import PaymentError
from sanctionwatch.model.values import country_code
from sanctionwatch.payments import Payment, read_payments
from sanctionwatch.payments.model import clean, normalize_bic

NUMBERS = sorted(read_provenance()) if SAMPLES.is_dir() else []
PAIRS = read_pairs() if SAMPLES.is_dir() else []
_QUOTED = re.compile(r'"([^"]+)"')
#: a BIC as PROVENANCE.md names one: not after a ``/`` codeword, not inside a quote or a
#: ``{...}`` block (where BIC-shaped words such as BLOCKING or CUSTOMER are text)
_BIC = re.compile(r"(?<![/\w])[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?\b")
_TEXTUAL = re.compile(r'"[^"]*"|\{[^}]*\}')
_COUNT = re.compile(r"(\d+) (?:output MT103s|transactions)")
_CTRY = re.compile(r"`?Ctry ([A-Z]{2})`?")
#: bullets that tell where a file came from or what it is called, not what it holds
_ABOUT = ("**Origin:**", "**Pair:**", "Upstream", "**Type:**")


def parse(sample: Sample) -> list[Payment | PaymentError]:
    return list(read_payments(sample.path.read_bytes(), sample.path.name))


def payments_of(sample: Sample) -> list[Payment]:
    found = parse(sample)
    errors = [str(p) for p in found if isinstance(p, PaymentError)]
    assert errors == []
    return [p for p in found if isinstance(p, Payment)]


def values(payments: list[Payment]) -> set[str]:
    seen: set[str] = set()
    for payment in payments:
        for party in payment.parties:
            located = [party.name, party.bic, party.account, party.country_of_residence,
                       *party.identifiers, *(party.address.parts if party.address else ())]
            seen.update(v.value for v in located if v is not None)
        for text in payment.texts:
            seen.update(line.value for line in text.lines)
            seen.add(text.text)
    return {clean(v) for v in seen}


def statements(sample: Sample) -> str:
    return "\n".join(line for line in sample.statement.splitlines()
                     if not any(mark in line for mark in _ABOUT))


@pytest.mark.parametrize("number", NUMBERS)
def test_sample_holds_the_values_provenance_lists(samples: dict[int, Sample], number: int) -> None:
    sample = samples[number]
    if "Not a payment" in sample.statement:
        found = parse(sample)
        assert found and all(isinstance(p, PaymentError) for p in found)
        assert "is not a payment message" in str(found[0])
        return
    payments = payments_of(sample)
    assert payments
    seen = values(payments)
    quoted = {clean(q.replace("\\n", " ")) for q in _QUOTED.findall(statements(sample))}
    missing = [q for q in quoted if q and not any(q in v for v in seen)]
    assert missing == []


@pytest.mark.parametrize("number", NUMBERS)
def test_sample_has_the_bics_and_countries_provenance_lists(samples: dict[int, Sample],
                                                            number: int) -> None:
    sample = samples[number]
    if "Not a payment" in sample.statement:
        return
    payments = payments_of(sample)
    bics = {normalize_bic(p.bic.value) for pay in payments for p in pay.parties if p.bic}
    countries = {c.value for pay in payments for p in pay.parties for c in p.countries()}
    text = statements(sample)
    stated = {b for b in _BIC.findall(_TEXTUAL.sub(" ", text)) if country_code(b[4:6]) and b[4:6] != "XX"}
    assert {b for b in stated if b not in bics and b[:8] not in bics} == set()
    assert {c.lower() for c in _CTRY.findall(text)} - countries == set()


@pytest.mark.parametrize("number", NUMBERS)
def test_sample_holds_as_many_payments_as_provenance_states(samples: dict[int, Sample],
                                                            number: int) -> None:
    sample = samples[number]
    stated = _COUNT.search(sample.statement)
    if stated is None:
        return
    assert len(payments_of(sample)) == int(stated.group(1))


@pytest.mark.parametrize(("mt", "mx", "uetr"), PAIRS)
def test_mt_and_iso_forms_of_one_payment_give_the_same_parties(
        samples: dict[int, Sample], mt: int, mx: int, uetr: str) -> None:
    (left,), (right,) = payments_of(samples[mt]), payments_of(samples[mx])
    assert left.uetr == right.uetr == uetr
    assert left.is_cover == right.is_cover

    def customers(payment: Payment) -> set[tuple[str, str, bool]]:
        return {(p.role, p.name.value, p.is_underlying) for p in payment.parties
                if p.name is not None and not p.is_agent}

    def banks(payment: Payment) -> set[str | None]:
        return {p.bic8 for p in payment.parties if p.bic is not None}

    def countries(payment: Payment) -> set[str]:
        return {c.value for p in payment.parties for c in p.countries()}

    assert customers(left) == customers(right)
    assert banks(left) == banks(right)
    assert countries(left) == countries(right)
