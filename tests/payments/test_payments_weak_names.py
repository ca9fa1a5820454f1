"""Names that say too little on their own: a one-word name or a short Han/Hangul name holds
for a listed person only with a country the listing has too; a short listed name written
exactly as listed holds whatever the address.

The listed parties are taken from the bundled lists (a person with a one-word alias, a company
with a short name), not restated here; 김정은 is Kim Jong Un's name in Hangul.
"""

from __future__ import annotations

import pytest
from paymentdata import Sample
from test_payments_screening import MT103, PACS008, one, read

from sanctionwatch.model import Collection, Entity
from sanctionwatch.names import name_forms
from sanctionwatch.payments import HOLD, PASS, PaymentScreener
from sanctionwatch.payments.screening import _is_distinctive

#: held on their own (kp, ir, sy, cu), or the samples' own creditor country (es)
OTHER_RULES = {"kp", "ir", "sy", "cu", "es"}


def _one_word_alias(entity: Entity) -> str | None:
    for alias in entity.get("alias"):
        forms = name_forms(alias)
        if alias.isalpha() and len(alias) >= 5 and forms and len(forms[0].strong_tokens) == 1:
            return alias
    return None


@pytest.fixture(scope="module")
def person_with_one_word_alias(collection: Collection) -> tuple[Entity, str]:
    return next((e, alias) for e in collection if e.schema == "Person" and
                len(e.get("country")) == 1 and not OTHER_RULES & set(e.get("country")) and
                (alias := _one_word_alias(e)) is not None)


@pytest.fixture(scope="module")
def short_listed_company(collection: Collection) -> Entity:
    return next(e for e in collection if e.schema in ("Organization", "Company") and
                e.caption.isascii() and len(e.caption.split()) >= 2 and
                not _is_distinctive(e.caption) and e.get("country") and
                not OTHER_RULES & set(e.get("country")) and "gb" not in e.get("country"))


def _party_hits(screener: PaymentScreener, text: str, entity_id: str) -> list[str]:
    return [h.field for h in one(screener, text).hits
            if h.kind == "party" and h.entity is not None and h.entity.id == entity_id]


def test_one_word_alias_of_a_listed_person_needs_the_listing_country(
        samples: dict[int, Sample], payment_screener: PaymentScreener,
        person_with_one_word_alias: tuple[Entity, str]) -> None:
    person, alias = person_with_one_word_alias
    text = read(samples, MT103).replace("1/B Creditor Co", f"1/{alias}")
    assert _party_hits(payment_screener, text, person.id) == []
    country = person.get("country")[0].upper()
    text = text.replace("3/ES/Barcelona", f"3/{country}/Capital")
    assert _party_hits(payment_screener, text, person.id) == [":59F: line 1"]


def test_short_hangul_name_needs_the_listing_country(
        samples: dict[int, Sample], payment_screener: PaymentScreener) -> None:
    text = read(samples, PACS008).replace("<Nm>B Creditor Co</Nm>", "<Nm>김정은</Nm>")
    result = one(payment_screener, text)
    assert (result.verdict, result.hits) == (PASS, ())
    held = one(payment_screener, text.replace("<Ctry>ES</Ctry>", "<Ctry>KP</Ctry>"))
    hit = next(h for h in held.hits if h.kind == "party")
    assert held.verdict == HOLD and hit.value == "김정은"
    assert hit.entity is not None and "kp" in payment_screener.index.collection.entities[
        hit.entity.id].get("country")


def test_short_listed_name_written_as_listed_is_held_beside_another_country(
        samples: dict[int, Sample], payment_screener: PaymentScreener,
        short_listed_company: Entity) -> None:
    text = read(samples, MT103).replace("1/B Creditor Co", f"1/{short_listed_company.caption}")
    assert _party_hits(payment_screener, text, short_listed_company.id) == [":59F: line 1"]
