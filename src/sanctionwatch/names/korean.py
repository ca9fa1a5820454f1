"""Korean names: Hangul and hanja to Latin syllables, and keys that make romanisations agree.

Hangul is romanised syllable by syllable with ICU (through rigour's ``ascii_text``), so that
김정은 gives the tokens ``gim jeong eun`` rather than one word. Names in hanja get their
Korean reading first (金正恩 -> 김정은) from the table in ``resources/korean.yml``.
:func:`korean_key` reduces a romanised syllable (or two) to a key shared by the South Korean,
North Korean and English spellings: ``kim``/``gim``, ``jong``/``jeong``/``chong``, ``un``/``eun``,
``ri``/``lee``/``yi``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from rigour.text import ascii_text

KOREAN_YAML = "korean.yml"

_ONSET = "(?:kk|tt|pp|ss|jj|tch|ch|ts|g|k|n|d|t|r|l|m|b|p|s|j|h|)"
_VOWEL = "(?:yae|yeo|wae|eo|eu|ae|ya|ye|yo|yu|wa|we|wo|wi|ui|oe|ou|oo|ee|a|e|i|o|u|y)"
_CODA = "(?:ng|k|g|n|t|d|l|r|m|p|b|)"
_SYLLABLE = _ONSET + _VOWEL + _CODA
_KOREAN_TOKEN = re.compile(f"(?:{_SYLLABLE}){{1,2}}")
_RULES: tuple[tuple[str, str], ...] = (
    ("ng", "N"),
    ("tch", "c"),
    ("ch", "c"),
    ("ts", "c"),
    ("jj", "c"),
    ("j", "c"),
    ("kk", "k"),
    ("g", "k"),
    ("tt", "t"),
    ("d", "t"),
    ("pp", "p"),
    ("b", "p"),
    ("ss", "s"),
    ("sh", "s"),
    ("eo", "o"),
    ("eu", "u"),
    ("oo", "u"),
    ("ae", "e"),
    ("r", "l"),
)


@dataclass(frozen=True, slots=True)
class KoreanTables:
    """The equivalence tables of resources/korean.yml."""

    surnames: dict[str, str]
    cyrillic: dict[str, str]
    hanja: dict[str, str]


@lru_cache(maxsize=1)
def load_tables() -> KoreanTables:
    """Read resources/korean.yml once; a malformed file fails naming it."""
    text = resources.files("sanctionwatch.resources").joinpath(KOREAN_YAML).read_text("utf-8")
    try:
        raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        surnames = {
            str(v): str(key) for key, values in raw["surnames"].items() for v in values
        }
        cyrillic = {str(k): str(v) for k, v in raw["cyrillic"].items()}
        hanja = {str(k): str(v) for k, v in raw["hanja"].items()}
    except (yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"{KOREAN_YAML}: malformed Korean name tables: {exc}") from exc
    return KoreanTables(surnames=surnames, cyrillic=cyrillic, hanja=hanja)


def is_hangul_syllable(char: str) -> bool:
    return "\uac00" <= char <= "\ud7a3"


def romanize_hangul(text: str) -> str:
    """Hangul to Latin, one token per syllable; other characters pass through ascii_text."""
    out: list[str] = []
    for char in text:
        if is_hangul_syllable(char):
            out.append(f" {ascii_text(char)} ")
        else:
            out.append(char)
    return ascii_text("".join(out))


def hanja_to_hangul(text: str) -> str | None:
    """The Korean reading of a name in hanja, or None when a character is not in the table."""
    table = load_tables().hanja
    out: list[str] = []
    for char in text:
        if char.isspace():
            out.append(" ")
        elif char in table:
            out.append(table[char])
        elif "\u4e00" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff":
            return None
        else:
            out.append(char)
    return "".join(out)


def cyrillic_korean(token: str) -> str:
    """A romanised-Russian spelling of a Korean syllable mapped to a romanisation (chen->jong)."""
    return load_tables().cyrillic.get(token, token)


@lru_cache(maxsize=65536)
def korean_key(token: str) -> str | None:
    """A key shared by the romanisations of a Korean syllable (or two); None if not Korean."""
    surname = load_tables().surnames.get(token)
    if surname is not None:
        return surname
    if len(token) > 8 or not _KOREAN_TOKEN.fullmatch(token):
        return None
    key = token
    if key[0] in "rl" and len(key) > 1 and key[1] in "iy":
        key = key[1:]
    for old, new in _RULES:
        key = key.replace(old, new)
    return key
