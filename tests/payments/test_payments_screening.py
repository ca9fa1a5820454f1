"""Screening payments: edited copies of real samples are held with the right hit, the clean
samples and a South Korean look-alike pass, a stripped cover and an unreadable message are held.

The listed parties put into the copies are taken from the bundled lists (a North Korean bank
with a BIC, a vessel with an IMO number, a UN-listed company), not restated here.
"""

from __future__ import annotations

import pytest
from paymentdata import Sample
from test_payments_samples import NUMBERS

from sanctionwatch.model import Collection, Entity
from sanctionwatch.payments import HOLD, PASS, PaymentResult, PaymentScreener

MT103 = 25  # PROVENANCE.md's number of the MT103 with 50F/59F
PACS008 = 3  # the ISO form of the same payment
COVER = 26  # the MT202COV


def read(samples: dict[int, Sample], number: int) -> str:
    return samples[number].path.read_bytes().decode("utf-8")


def one(screener: PaymentScreener, text: str, name: str = "edited") -> PaymentResult:
    (result,) = screener.screen_bytes(text.encode("utf-8"), name)
    return result


@pytest.fixture(scope="module")
def listed_bank(collection: Collection) -> Entity:
    return next(e for e in collection if "kp" in e.get("country") and e.get("swiftBic"))


@pytest.fixture(scope="module")
def listed_vessel(collection: Collection) -> Entity:
    return next(e for e in collection if e.schema == "Vessel" and e.get("imoNumber"))


@pytest.fixture(scope="module")
def listed_company(collection: Collection) -> Entity:
    return next(e for e in collection if e.schema == "Organization" and "un_sc" in e.datasets
                and "kp" in e.get("country") and len(e.caption.split()) >= 4)


@pytest.mark.parametrize("number", NUMBERS)
def test_clean_samples_pass(samples: dict[int, Sample], payment_screener: PaymentScreener,
                            number: int) -> None:
    sample = samples[number]
    results = payment_screener.screen_bytes(sample.path.read_bytes(), sample.path.name)
    if "Not a payment" in sample.statement:
        assert [r.verdict for r in results] == [HOLD]
        assert results[0].reasons[0].startswith("unreadable message:")
        return
    assert [(r.index, r.verdict, r.reasons) for r in results] == \
        [(i, PASS, ()) for i in range(1, len(results) + 1)]


def test_listed_party_as_beneficiary_is_held(samples: dict[int, Sample],
                                             payment_screener: PaymentScreener,
                                             listed_company: Entity) -> None:
    text = read(samples, MT103).replace("1/B Creditor Co", f"1/{listed_company.caption}")
    result = one(payment_screener, text)
    assert result.verdict == HOLD
    hit = next(h for h in result.hits if h.kind == "party")
    assert (hit.field, hit.role, hit.value) == (":59F: line 1", "creditor",
                                                listed_company.caption)
    assert hit.entity is not None and hit.entity.caption == listed_company.caption
    assert hit.score is not None and hit.score >= 0.69 and hit.explanation


def test_listed_party_in_iso_creditor_name_is_held(samples: dict[int, Sample],
                                                   payment_screener: PaymentScreener,
                                                   listed_company: Entity) -> None:
    text = read(samples, PACS008).replace("<Nm>B Creditor Co</Nm>",
                                          f"<Nm>{listed_company.caption}</Nm>")
    hit = next(h for h in one(payment_screener, text).hits if h.kind == "party")
    assert (hit.field, hit.role) == ("CdtTrfTxInf/Cdtr/Nm", "creditor")


def test_homoglyph_disguised_name_is_held(samples: dict[int, Sample],
                                          payment_screener: PaymentScreener,
                                          listed_company: Entity) -> None:
    disguised = listed_company.caption.replace("O", "\u041e").replace("A", "\u0410")
    assert disguised != listed_company.caption
    text = read(samples, MT103).replace("1/B Creditor Co", f"1/{disguised}")
    hit = next(h for h in one(payment_screener, text).hits if h.kind == "party")
    assert hit.value == disguised
    assert hit.entity is not None and hit.entity.caption == listed_company.caption


def test_listed_bank_bic_and_its_branches_are_held(samples: dict[int, Sample],
                                                   payment_screener: PaymentScreener,
                                                   listed_bank: Entity) -> None:
    bic = listed_bank.get("swiftBic")[0]
    for written, how in ((f"{bic}XXX", "is listed"), (f"{bic}123", "branch of a listed bank")):
        text = read(samples, MT103).replace(":57A:BSCHGB2L", f":57A:{written}")
        result = one(payment_screener, text)
        hit = next(h for h in result.hits if h.kind == "bic")
        assert (hit.field, hit.role, hit.value) == (":57A: line 1", "creditor_agent", written)
        assert hit.entity is not None and hit.entity.id == listed_bank.id
        assert how in hit.explanation
        assert any(h.kind == "jurisdiction" and h.value == "KP" for h in result.hits)


def test_listed_vessel_imo_in_remittance_text_is_held_even_split(
        samples: dict[int, Sample], payment_screener: PaymentScreener,
        listed_vessel: Entity) -> None:
    imo = listed_vessel.get("imoNumber")[0].removeprefix("IMO").strip()
    remittance = f":70:/ROC/pacs008EndToEndId-001\r\nFREIGHT CARGO IMO {imo[:3]}\r\n{imo[3:]} DEM"
    text = read(samples, MT103).replace(":70:/ROC/pacs008EndToEndId-001", remittance)
    hit = next(h for h in one(payment_screener, text).hits if h.kind == "text")
    assert hit.entity is not None and hit.entity.id == listed_vessel.id
    assert hit.field.startswith(":70: line") and hit.role == "remittance"


def test_listed_name_split_across_remittance_lines_is_held(
        samples: dict[int, Sample], payment_screener: PaymentScreener,
        listed_company: Entity) -> None:
    name = f"/RFB/GOODS OF {listed_company.caption}"
    lines = [name[i:i + 35] for i in range(0, len(name), 35)]
    text = read(samples, MT103).replace(":70:/ROC/pacs008EndToEndId-001",
                                        ":70:" + "\r\n".join(lines))
    hits = [h for h in one(payment_screener, text).hits if h.kind == "text"]
    assert any(h.entity is not None and h.entity.caption == listed_company.caption for h in hits)


def test_pyongyang_address_is_held(samples: dict[int, Sample],
                                   payment_screener: PaymentScreener) -> None:
    text = read(samples, MT103).replace("2/Las Ramblas", "2/Kumsong Street, Pyongyang")
    result = one(payment_screener, text)
    assert result.verdict == HOLD
    (hit,) = result.hits
    assert (hit.kind, hit.field, hit.role) == ("jurisdiction", ":59F: line 2", "creditor")
    assert "North Korea" in hit.explanation and hit.entity is None and hit.score is None


def test_south_korean_bank_in_seoul_passes(samples: dict[int, Sample],
                                           payment_screener: PaymentScreener) -> None:
    text = read(samples, MT103).replace("1/B Creditor Co", "1/KOREA DEVELOPMENT BANK") \
        .replace("3/ES/Barcelona", "3/KR/Seoul").replace(":57A:BSCHGB2L", ":57A:KODBKRSE")
    assert one(payment_screener, text).verdict == PASS


def test_cover_without_underlying_customers_is_held(samples: dict[int, Sample],
                                                    payment_screener: PaymentScreener) -> None:
    text = read(samples, COVER)
    stripped = text[:text.index(":50F:")] + "-}"
    result = one(payment_screener, stripped)
    assert result.verdict == HOLD and result.hits == ()
    assert "stripping" in result.reasons[0]
    assert one(payment_screener, text).verdict == PASS


def test_unreadable_message_is_held_with_the_reason(payment_screener: PaymentScreener) -> None:
    result = one(payment_screener, "{1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}{4:\n"
                 ":20:X\n:32A:NOT AN AMOUNT\n-}", "broken.fin")
    assert result.verdict == HOLD
    assert result.reasons == (("unreadable message: broken.fin#1: :32A: not a currency and "
                              "amount: 'NOT AN AMOUNT'"),)
    assert result.to_dict()["message"] == {"file": "broken.fin", "index": 1, "type": None,
                                           "reference": None, "uetr": None}


PACS009_COV = 5  # the pacs.009 COV with its UndrlygCstmrCdtTrf


def test_iso_cover_without_underlying_customers_is_held(
        samples: dict[int, Sample], payment_screener: PaymentScreener) -> None:
    text = read(samples, PACS009_COV)
    start, end = text.index("<UndrlygCstmrCdtTrf>"), text.index("</UndrlygCstmrCdtTrf>")
    stripped = text[:start] + text[end + len("</UndrlygCstmrCdtTrf>"):]
    result = one(payment_screener, stripped)
    assert result.type == "pacs.009.001.11 COV"
    assert result.verdict == HOLD and "stripping" in result.reasons[0]


def test_crimean_town_and_iranian_iban_are_held(samples: dict[int, Sample],
                                                payment_screener: PaymentScreener) -> None:
    text = read(samples, PACS008).replace("<TwnNm>Barcelona</TwnNm>",
                                          "<TwnNm>Simferopol</TwnNm>")
    (hit,) = one(payment_screener, text).hits
    assert (hit.field, hit.role, hit.value) == ("CdtTrfTxInf/Cdtr/PstlAdr/TwnNm", "creditor",
                                                "Simferopol")
    assert "Crimea" in hit.explanation
    iban = "IR062960000000100324200001"
    text = read(samples, MT103).replace(":59F:1/B Creditor Co", f":59F:/{iban}\r\n1/B Creditor Co")
    hits = one(payment_screener, text).hits
    assert [(h.kind, h.field, h.value) for h in hits] == [("jurisdiction", ":59F: line 1", "IR")]
