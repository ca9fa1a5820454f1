"""Cleaning: full-width forms, invisible characters and homoglyphs undone; scripts detected."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sanctionwatch.names import clean_text, detect_script, normalize_name


def test_full_width_forms_fold_to_ascii() -> None:
    assert clean_text("ＫＯＭＩＤ") == "KOMID"


def test_zero_width_and_bidi_characters_vanish() -> None:
    assert clean_text("KO\u200bM\u200dI\u2060D\u200e") == "KOMID"
    assert clean_text("Kim\u00adJong") == "KimJong"


def test_cyrillic_and_greek_homoglyphs_inside_latin_words_become_latin() -> None:
    # Cyrillic К, о, а and Greek Ο inside Latin words
    assert clean_text("Кim Jоng Un") == "Kim Jong Un"
    assert clean_text("MKRTYCHEV Аshot") == "MKRTYCHEV Ashot"
    assert clean_text("ΚΟΜID") == "KOMID"


def test_words_wholly_in_another_script_are_kept() -> None:
    assert clean_text("Ким Чен Ын") == "Ким Чен Ын"


def test_detect_script() -> None:
    assert detect_script("Kim Jong Un") == "latin"
    assert detect_script("Ким Чен Ын") == "cyrillic"
    assert detect_script("김정은") == "hangul"
    assert detect_script("金正恩") == "han"
    assert detect_script("كيم جونغ أون") == "arabic"


@given(st.text(max_size=40))
def test_clean_text_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=30))
def test_normalize_name_is_idempotent(text: str) -> None:
    once = normalize_name(text)
    assert normalize_name(once) == once
