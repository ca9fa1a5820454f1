"""Values read by their FollowTheMoney type: countries, genders and dates as users write them.

The spellings are real: OFAC, UN and EU write Russia, "Korea, North", "Iran (Islamic Republic
of)"; clients send ISO alpha-3 (RUS, PRK) and numeric (643, 408) codes, adjectives (Russian,
North Korean) and genders as M/F or in French and Russian.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sanctionwatch.model.values import (
    country_code,
    ftm_country,
    normalize_date,
    normalize_gender,
    normalize_properties,
)


@pytest.mark.parametrize(
    ("written", "code"),
    [("Russia", "ru"), ("RUS", "ru"), ("643", "ru"), ("ru", "ru"), ("Russian", "ru"),
     ("Russian Federation", "ru"), ("Россия", "ru"), ("North Korea", "kp"), ("PRK", "kp"),
     ("408", "kp"), ("North Korean", "kp"), ("Korea, North", "kp"), ("DPRK", "kp"),
     ("Democratic People's Republic of Korea", "kp"), ("Islamic Republic of Iran", "ir"),
     ("Iran (Islamic Republic of)", "ir"), ("Iranian", "ir"), ("364", "ir"), ("Burma", "mm"),
     ("former Soviet Union", "suhh")],
)
def test_country_names_codes_and_adjectives_give_one_code(written: str, code: str) -> None:
    assert country_code(written) == code


#: what the bundled lists write that the fast table does not know (OFAC's remarks and
#: addresses), and values only the text cleaning tells apart
FALLBACK_SPELLINGS = [
    "West Bank", "Palestinian", "possibly Palestinian;arrested 23 Apr 2002", "Bahamas, The",
    "Virgin Islands, British", "Hong Kong", "Gaza", "Netherlands Antilles", "Kafia Kingi",
    "Congo, Democratic Republic of the", "Cote d Ivoire", "None Identified", "Northern Mali",
    "Bogota", "Medellin", "Crimea", "North Macedonia, The Republic of", "Macau", "Cabo Verde",
    "St. Kitts & Nevis", "Man, Isle of", "Commonwealth of Independent States", "undetermined",
    "Sao Tome and Principe", "Côte d\u2019Ivoire", "Ro\u0308mania", " Iran\u200b", "\u00a0Peru",
    "Syria\x00", "\u200b", "", "Росси́я", "الأردن", "大韓民國", "ジョージア",
]


@pytest.mark.parametrize("written", FALLBACK_SPELLINGS)
def test_the_fallback_reads_a_country_as_followthemoney_does(written: str) -> None:
    from followthemoney.types import registry

    assert ftm_country(written) == registry.country.clean(written)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_the_fallback_agrees_with_followthemoney_on_any_text(written: str) -> None:
    from followthemoney.types import registry

    assert ftm_country(written) == registry.country.clean(written)


@pytest.mark.parametrize("written", ["Atlantis", "Narnia", "n/a", "-0-", "", "x" * 3000])
def test_what_is_no_country_gives_none(written: str) -> None:
    assert country_code(written) is None


@pytest.mark.parametrize(
    ("written", "gender"),
    [("M", "male"), ("m", "male"), ("Male", "male"), ("masculin", "male"), ("мужской", "male"),
     ("F", "female"), ("female", "female"), ("женский", "female"), ("féminin", "female")],
)
def test_genders_as_written_give_ftm_values(written: str, gender: str) -> None:
    assert normalize_gender(written) == gender


@pytest.mark.parametrize(
    ("written", "iso"),
    [("1966-05-07", "1966-05-07"), ("1966-5-7", "1966-05-07"), ("1966-05-07T10:00:00", "1966-05-07"),
     ("07.05.1966", "1966-05-07"), ("7/5/1966", "1966-05-07"), ("12/31/1990", "1990-12-31"),
     ("1982-26-09", "1982-09-26"), ("2001-02-30", "2001-02"), ("1966-13", "1966"), ("1966", "1966")],
)
def test_dates_as_written_give_iso_prefixes(written: str, iso: str) -> None:
    assert normalize_date(written) == iso


@pytest.mark.parametrize("written", ["circa 1970", "66", "May", "0000-01-01", "99999-01-01"])
def test_what_is_no_date_gives_none(written: str) -> None:
    assert normalize_date(written) is None


def test_unreadable_values_are_dropped_with_a_note_and_others_kept() -> None:
    props, notes = normalize_properties({
        "name": ("Vladimir Putin",), "nationality": ("Russian", "Atlantis", "RUS"),
        "gender": ("M",), "birthDate": ("circa 1952",), "passportNumber": ("123",),
    })
    assert props == {"name": ("Vladimir Putin",), "nationality": ("ru",), "gender": ("male",),
                     "passportNumber": ("123",)}
    assert notes == ("nationality 'Atlantis' is not a country: not compared",
                     "birthDate 'circa 1952' is not a date: not compared")


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["nationality", "country", "gender", "birthDate", "name"]),
                       st.lists(st.text(max_size=30), max_size=4).map(tuple), max_size=5))
def test_normalising_is_idempotent(props: dict[str, tuple[str, ...]]) -> None:
    once, _ = normalize_properties(props)
    twice, notes = normalize_properties(once)
    assert twice == once
    assert notes == ()


def test_the_property_type_table_is_followthemoneys() -> None:
    from followthemoney import model

    from sanctionwatch.model.values import PROPERTY_TYPES, TYPES

    types = {p.name: p.type.name for s in model.schemata.values()
             for p in s.properties.values() if p.type.name in TYPES}
    assert dict(PROPERTY_TYPES) == types


def test_a_lone_surrogate_is_dropped_with_a_note() -> None:
    props, notes = normalize_properties({"name": ("Kim \ud800Jong", "Kim Jong Un")})
    assert props == {"name": ("Kim Jong Un",)}
    assert notes == ("name 'Kim \\ud800Jong' is not valid Unicode: not compared",)
