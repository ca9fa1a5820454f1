"""Names: cleaning, transliteration and comparable forms of the names of people and companies.

Thin over rigour, normality-style ASCII folding and ICU: :func:`clean_text` undoes full-width
forms, invisible characters and homoglyphs; :func:`name_forms` turns a written name in any
script into :class:`NameForm` objects of lower-case Latin tokens, with weak tokens (legal forms,
stop-words, particles) marked and per-token keys (phonetic, Korean romanisation, consonant
skeleton) that let spelling variants agree.
"""

from sanctionwatch.names.forms import (
    INITIAL_WEIGHT,
    PATRONYMIC_ENDINGS,
    SKELETON_SCRIPTS,
    NameForm,
    consonant_skeleton,
    entity_name_forms,
    name_forms,
    normalize_name,
    surname_size,
    tokenize,
)
from sanctionwatch.names.korean import hanja_to_hangul, korean_key, romanize_hangul
from sanctionwatch.names.text import clean_text, detect_script

__all__ = [
    "INITIAL_WEIGHT",
    "PATRONYMIC_ENDINGS",
    "SKELETON_SCRIPTS",
    "NameForm",
    "clean_text",
    "consonant_skeleton",
    "detect_script",
    "entity_name_forms",
    "hanja_to_hangul",
    "korean_key",
    "name_forms",
    "normalize_name",
    "romanize_hangul",
    "surname_size",
    "tokenize",
]
