"""Chinese names in Latin letters: pinyin, Cantonese, and organisations' words in English.

pypinyin reads characters in context (its phrase dictionary picks 重庆 chong qing, not zhong),
one token per character. A person's name is short and starts with the surname, whose reading
often differs from the character's everyday one (曾 is zeng as a surname, ceng in words; 单 is
shan, not dan): every reading of the first character gives a form of its own.

Hong Kong names are listed in their Cantonese spelling (李家超 LEE Ka Chiu, 曾國衞 TSANG Kwok-wai):
a person's name in traditional characters also gets its readings in the Hong Kong Government
Cantonese Romanisation (the ``cantonese-romanisation`` package's table of every character's
spellings).

A Chinese company is listed as its name in pinyin and its kind in English (沈忠國際海運, SHEN
ZHONG INTERNATIONAL SHIPPING): an organisation's name is also read with the generic words of
``resources/chinese.yml`` in English.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import yaml

from sanctionwatch.model.resources import read_yaml
from sanctionwatch.names.text import HAN, char_script, simplified_han, traditional_han

if TYPE_CHECKING:
    from cantoroman import Cantonese

CHINESE_YAML = "chinese.yml"
#: a Han name this short (in characters) may be a person's: surname readings are tried
PERSON_LENGTH = 4
#: at most this many other readings of the surname
SURNAME_READINGS = 2
#: at most this many Cantonese readings of a person's name (each is one more form to search
#: and compare: a Chinese name on a customer file costs that much more to screen)
CANTONESE_READINGS = 4
#: initials the Hong Kong Government romanisation does not write (it writes k, ch/ts, t, p):
#: a character's spellings with these are read only where it has no other
_OTHER_SYSTEMS = ("g", "j", "d", "b", "z")


@lru_cache(maxsize=1)
def load_words() -> tuple[tuple[str, str], ...]:
    """The generic words of resources/chinese.yml, longest first; a malformed file fails
    naming it."""
    try:
        raw = read_yaml(CHINESE_YAML)
        words = [(str(k), str(v)) for k, v in raw["words"].items()]
    except (yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"{CHINESE_YAML}: malformed Chinese words: {exc}") from exc
    return tuple(sorted(words, key=lambda kv: len(kv[0]), reverse=True))


@lru_cache(maxsize=1)
def _cantonese() -> Cantonese:
    # the tables (like pypinyin's dictionaries, about 0.3 s) load only for a name in Han
    from cantoroman import Cantonese

    return Cantonese()


def _is_person_length(chars: str) -> bool:
    return 2 <= len(chars) <= PERSON_LENGTH and all(char_script(c) == HAN for c in chars)


def pinyin_readings(text: str) -> list[str]:
    """The pinyin of a Han text (other characters kept), then its other surname readings."""
    # pypinyin loads its dictionaries on import (about 0.3 s): only a name in Han needs them
    from pypinyin import Style, lazy_pinyin, pinyin

    syllables = lazy_pinyin(text, style=Style.NORMAL, v_to_u=True)
    out = [" ".join(syllables)]
    if not _is_person_length(text.replace(" ", "")):
        return out
    readings = pinyin(text[0], style=Style.NORMAL, heteronym=True, v_to_u=True)[0]
    for reading in readings:
        if reading != syllables[0] and len(out) <= SURNAME_READINGS:
            out.append(" ".join([reading, *syllables[1:]]))
    return out


def translated_words(text: str) -> str | None:
    """The text with the generic words of chinese.yml in English (in simplified characters);
    None when it holds none."""
    simplified = simplified_han(text)
    out = simplified
    for word, english in load_words():
        if word in out:
            out = out.replace(word, f" {english} ")
    return None if out == simplified else out


def _hong_kong_spellings(spellings: list[str]) -> list[str]:
    preferred = [s for s in spellings if not s.startswith(_OTHER_SYSTEMS)]
    return preferred or spellings


def cantonese_readings(text: str) -> list[str]:
    """A person's name (two to four Han characters, none of them simplified: Hong Kong writes
    traditional characters, a name in simplified ones is the mainland's) in the Hong Kong
    Government Cantonese Romanisation: one reading per combination of its characters' spellings, the first
    CANTONESE_READINGS: the surname's spellings first (LEE, LI; CHANG, TSANG: they differ
    most), then each other character's; [] for another text or a character without a
    spelling."""
    chars = text.replace(" ", "")
    if not _is_person_length(chars) or traditional_han(chars) != chars:
        return []
    table = _cantonese()
    spellings: list[list[str]] = []
    for char in chars:
        found = table.getRoman(char)[0]
        if not found:
            return []
        spellings.append(_hong_kong_spellings(found))
    first = [found[0] for found in spellings]
    readings = [[surname, *first[1:]] for surname in spellings[0]]
    for at in range(1, len(spellings)):
        readings.extend([*first[:at], other, *first[at + 1 :]] for other in spellings[at][1:])
    return [" ".join(reading) for reading in readings[:CANTONESE_READINGS]]


def han_readings(text: str) -> list[str]:
    """Every Latin reading of a Han text: its pinyin (and surname readings), its pinyin with
    the generic words in English, its Cantonese readings."""
    from pypinyin import Style, lazy_pinyin

    out = pinyin_readings(text)
    translated = translated_words(text)
    if translated is not None:
        out.append(" ".join(lazy_pinyin(translated, style=Style.NORMAL, v_to_u=True)))
    return out + cantonese_readings(text)
