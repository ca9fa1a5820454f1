"""Hypothesis strategies: entities drawn from the whole FollowTheMoney model.

Every schema of followthemoney's model (abstract ones too: clients send ``Thing`` and
``LegalEntity``), any subset of its properties, and values chosen by the property's type, odd
ones included: empty, whitespace, 3,000 characters, 50 values, mixed scripts, right-to-left
text, invisible characters, impossible dates, unknown countries and genders, identifiers with
and without their prefixes. The names are real listed parties in their own scripts (Kim Jong
Un, 김정은, Ким Чен Ын, KOMID, Vladimir Putin in Arabic). Shared by every robustness test
(compare, make_query, screen, ``screen --input``, batch, ``/match``).
"""

from __future__ import annotations

import random
from typing import Any

from followthemoney import model
from hypothesis import strategies as st

SCHEMATA: tuple[str, ...] = tuple(sorted(model.schemata))
#: text that breaks naive code: empty, long, invisible, right-to-left, mixed scripts, controls
ODD_TEXT = (
    "", " ", "\u200b", "x" * 3000, "\u202eRTL override", "עברית ושם", "بوتين", "Ким Jong 은",
    "R\u0456m Y\u043eng", "\x00", "😀", "' OR 1=1 --", "<script>", "-0-", "null", "None", "123",
)
NAMES = (
    "Kim Jong Un", "KIM, Jong Un", "김정은", "金正恩", "Ким Чен Ын", "كيم جونغ أون", "KOMID",
    "Korea Mining Development Trading Corporation", "Vladimir Putin", "Путин Владимир",
    "MKRTYCHEV, Ashot", "Acme Trading (LLC)", "Co Ltd", "GmbH", "Ali", "FIDELITY BANK",
)
BY_TYPE: dict[str, tuple[str, ...]] = {
    "name": NAMES,
    "date": ("1966-05-07", "1966", "1966-05", "2001-02-30", "1966-13-45", "0000", "circa 1970",
             "07.05.1966", "31/13/1990", "1966-05-07T10:00:00", "99999-01-01", "May 1966"),
    "country": ("kp", "ru", "RU", "RUS", "643", "Russia", "Russian", "North Korean", "zz", "xx",
                "Atlantis", "suhh", "Korea, North", "Islamic Republic of Iran"),
    "gender": ("male", "female", "other", "M", "F", "x", "masculin", "мужской", "unknown"),
    "identifier": ("FIDQUS3B", "FIDQUS3F", "FIDQUS3BXXX", "IMO 9187629", "9187629", "7707083893",
                   "1027700132195", "770701001", "529900T8BM49AURSDO55", "AB123456", "-0-",
                   "0x1234abcd", "RU 7707083893", "12"),
    "email": ("a@b.c", "not an email"),
    "url": ("https://example.org", "javascript:alert(1)"),
    "number": ("12", "-1", "1e400", "NaN"),
}


def _value(type_name: str) -> st.SearchStrategy[str]:
    typed = BY_TYPE.get(type_name, NAMES)
    return st.one_of(
        st.sampled_from(typed),
        st.sampled_from(ODD_TEXT),
        st.text(max_size=30),
        st.builds(lambda a, b: f"{a}{b}", st.sampled_from(typed), st.sampled_from(ODD_TEXT)),
    )


def _values(type_name: str) -> st.SearchStrategy[list[str]]:
    return st.one_of(
        st.lists(_value(type_name), min_size=1, max_size=3),
        st.lists(_value(type_name), min_size=50, max_size=50),
    )


@st.composite
def ftm_entities(draw: st.DrawFn, schemata: tuple[str, ...] = SCHEMATA) -> dict[str, Any]:
    """A FollowTheMoney entity dict: a schema, any subset of its properties, odd values."""
    schema = model.get(draw(st.sampled_from(schemata)))
    assert schema is not None
    props = sorted((p for p in schema.properties.values() if not p.stub), key=lambda p: p.name)
    chosen = draw(st.lists(st.sampled_from(props), max_size=8, unique_by=lambda p: p.name)
                  if props else st.just([]))
    properties = {p.name: draw(_values(p.type.name)) for p in chosen}
    if schema.is_a("Thing") and draw(st.booleans()):
        properties["name"] = draw(_values("name"))
    return {"schema": schema.name, "properties": properties}


#: the party schemata a screening query names, and any schema at all
QUERY_SCHEMATA = ("Thing", "Person", "Organization", "Company", "LegalEntity", "Vessel",
                  "Airplane", "CryptoWallet", *SCHEMATA)


def ftm_queries() -> st.SearchStrategy[dict[str, Any]]:
    """Entities as clients send them to screen: party schemata most often, any schema too."""
    return ftm_entities(QUERY_SCHEMATA)


def random_entity(rng: random.Random, schemata: tuple[str, ...] = SCHEMATA) -> dict[str, Any]:
    """The same draw with a seeded ``random.Random``: hypothesis draws a few hundred entities
    a second, too slow for the 100,000 of benchmarks/bench_robust.py."""
    schema = model.get(rng.choice(schemata))
    assert schema is not None
    props = sorted((p for p in schema.properties.values() if not p.stub), key=lambda p: p.name)
    chosen = rng.sample(props, k=min(len(props), rng.randint(0, 8)))
    properties = {p.name: _random_values(rng, p.type.name) for p in chosen}
    if schema.is_a("Thing") and rng.random() < 0.5:
        properties["name"] = _random_values(rng, "name")
    return {"schema": schema.name, "properties": properties}


def _random_values(rng: random.Random, type_name: str) -> list[str]:
    typed = BY_TYPE.get(type_name, NAMES)
    count = 50 if rng.random() < 0.05 else rng.randint(1, 3)
    out = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.5:
            out.append(rng.choice(typed))
        elif roll < 0.7:
            out.append(rng.choice(ODD_TEXT))
        elif roll < 0.85:
            out.append("".join(chr(rng.randint(1, 0x2FFFF)) for _ in range(rng.randint(0, 30))))
        else:
            out.append(rng.choice(typed) + rng.choice(ODD_TEXT))
    return out
