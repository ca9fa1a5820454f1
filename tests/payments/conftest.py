"""Fixtures of the payment tests: the samples of ../shared/data/payments (read by
``paymentdata``) and a payment screener over the bundled lists."""

from __future__ import annotations

import pytest
from paymentdata import SAMPLES, Sample, read_provenance

from sanctionwatch.index import Index
from sanctionwatch.payments import PaymentScreener
from sanctionwatch.text import TextScreener


@pytest.fixture(scope="session")
def samples() -> dict[int, Sample]:
    if not SAMPLES.is_dir():
        pytest.skip("../shared/data/payments is absent")
    return read_provenance()


@pytest.fixture(scope="session")
def payment_screener(index: Index, screener: TextScreener) -> PaymentScreener:
    return PaymentScreener(index, screener)
