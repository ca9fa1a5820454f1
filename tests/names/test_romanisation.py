"""Russian names as each language's press romanises them: one key across the conventions of
resources/romanisation/ (German Duden, French, Spanish, Polish, Czech, Slovak, Italian, Dutch,
Portuguese, Turkish, English BGN/PCGN from ICU)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sanctionwatch.names.romanisation import (
    CLASSES,
    load_conventions,
    parse_convention,
    romanisation_keys,
)

#: (spelling in some press, spelling on the US/UK lists) of listed Russians and of others
SAME = [
    ("wladimir", "vladimir"),  # de, pl
    ("jewgeni", "yevgeniy"),  # de
    ("prigoschin", "prigozhin"),  # de
    ("evgueni", "yevgeniy"),  # fr
    ("prigojine", "prigozhin"),  # fr, -ine
    ("poutine", "putin"),  # fr
    ("jewgienij", "yevgeniy"),  # pl
    ("prigożyn", "prigozhin"),  # pl
    ("prigožin", "prigozhin"),  # cs
    ("gorbatschow", "gorbachev"),  # de, ё after ч
    ("gorbatchev", "gorbachev"),  # fr
    ("gorbaczow", "gorbachev"),  # pl
    ("gorbaciov", "gorbachev"),  # it
    ("gorbatsjov", "gorbachev"),  # nl
    ("gorbaçov", "gorbachev"),  # tr
    ("jruschov", "khrushchev"),  # es
    ("chruschtschow", "khrushchev"),  # de
    ("chruszczow", "khrushchev"),  # pl
    ("prigozjin", "prigozhin"),  # nl
    ("selenskyj", "zelenskiy"),  # de, Ukrainian
    ("пригожин", "prigozhin"),  # Cyrillic itself
    ("setschin", "sechin"),  # de
]


@pytest.mark.parametrize(("press", "listed"), SAME)
def test_one_name_in_two_romanisations_shares_a_key(press: str, listed: str) -> None:
    assert set(romanisation_keys(press)) & set(romanisation_keys(listed))


@pytest.mark.parametrize(("left", "right"), [("putin", "tyurin"), ("sechin", "sokolov"),
                                             ("rotenberg", "rosenberg"), ("ivanov", "ivanova")])
def test_different_names_do_not_share_a_key(left: str, right: str) -> None:
    assert not set(romanisation_keys(left)) & set(romanisation_keys(right))


def test_every_convention_spells_every_russian_letter() -> None:
    conventions = load_conventions()
    assert {c.language for c in conventions} >= {
        "en", "de", "fr", "es", "pl", "cs", "sk", "it", "nl", "pt", "tr"}
    russian = "абвгдежзийклмнопрстуфхцчшщыэюя"
    for convention in conventions:
        classes = set(convention.spellings.values())
        missing = [c for c in russian if CLASSES[c] and CLASSES[c] not in classes]
        assert not missing, (convention.language, missing)


def test_a_spelling_of_two_sounds_fails_naming_the_file() -> None:
    with pytest.raises(ValueError, match="xx.yml.*'s' stands for two sounds"):
        parse_convention({"language": "xx", "letters": {"с": "s", "ш": "s"}}, "xx.yml")
    with pytest.raises(ValueError, match="xx.yml: malformed"):
        parse_convention({"language": "xx"}, "xx.yml")


def test_short_tokens_get_no_keys() -> None:
    assert romanisation_keys("chen") == frozenset()
    assert romanisation_keys("12345") == frozenset()


@given(st.text(min_size=0, max_size=30))
def test_keys_of_any_token_are_non_empty_strings_and_stable(token: str) -> None:
    keys = romanisation_keys(token)
    assert all(isinstance(k, str) and k for k in keys)
    assert romanisation_keys(token) is keys
    if keys:
        assert len(token) >= 5
