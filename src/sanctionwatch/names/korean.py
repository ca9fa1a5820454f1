"""Korean names: Hangul and hanja to Latin syllables, and keys that make romanisations agree.

Hangul is romanised syllable by syllable with ICU (through rigour's ``ascii_text``), so that
김정은 gives the tokens ``gim jeong eun`` rather than one word. Names in hanja get their
Korean reading first (金正恩 -> 김정은): every hanja's reading from ``resources/hanja.yml``
(27,000 characters; simplified characters read through their traditional form with ICU's
Hans-Hant), the readings names use instead (金 김, not 금) from ``resources/korean.yml``.
:func:`korean_key` reduces a romanised syllable (or two) to a key shared by the South Korean,
North Korean and English spellings: ``kim``/``gim``, ``jong``/``jeong``/``chong``, ``un``/``eun``,
``ri``/``lee``/``yi``. A name written in a European press's own letters for Korean sounds
(Polish "Kim Jo Dzong", Czech "Kim Čong-un") is read in that spelling first
(:func:`press_korean_keys`).

Korean writes an organisation's name as one run of Hangul (남천강무역회사 for NAMCHONGANG
TRADING CORPORATION). :func:`hangul_word_readings` cuts such a run at the generic words of
``korean.yml`` (무역 trading, 회사 company, 은행 bank): the rest of the run is one word, as the
Latin spelling writes it (``namcheongang``), and the generic words are read as written
(``muyeog``, CHOSON TAESONG UNHAENG) and in English (``trading``). A word of up to four syllables
has a Korean key too, so ``namcheongang`` meets ``namchongang``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml
from rigour.text import ascii_text

from sanctionwatch.model.resources import read_yaml
from sanctionwatch.names.text import HAN, char_script, traditional_han

KOREAN_YAML = "korean.yml"
HANJA_YAML = "hanja.yml"
#: a token of at most this many syllables (and MAX_KEY_LENGTH letters) gets a Korean key: one
#: romanised word of an organisation's name (Namchongang, Ryonbong)
MAX_SYLLABLES = 4
MAX_KEY_LENGTH = 14
#: ... and a name part of one or two syllables at most this many
SHORT_KEY_LENGTH = 8

_ONSET = "(?:kk|tt|pp|ss|jj|tch|ch|ts|g|k|n|d|t|r|l|m|b|p|s|j|h|)"
_VOWEL = "(?:yae|yeo|wae|eo|eu|ae|ya|ye|yo|yu|wa|we|wo|wi|ui|oe|ou|oo|ee|a|e|i|o|u|y)"
_CODA = "(?:ng|k|g|n|t|d|l|r|m|p|b|)"
_SYLLABLE = _ONSET + _VOWEL + _CODA
_KOREAN_TOKEN = re.compile(f"(?:{_SYLLABLE}){{1,{MAX_SYLLABLES}}}")
_SHORT_TOKEN = re.compile(f"(?:{_SYLLABLE}){{1,2}}")
_HANGUL_RUN = re.compile("([\uac00-\ud7a3]+)")
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
    #: Han character -> its Hangul reading in names, where it differs from the dictionary's
    hanja_names: dict[str, str]
    #: the European press spellings of Korean sounds, in the file's order
    press: tuple[PressSpelling, ...] = ()
    #: generic words of organisation names -> their English word
    words: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PressSpelling:
    """How one language's press writes Korean sounds (``korean.yml``, ``press``)."""

    language: str
    #: letter groups that tell a name is in this spelling
    marks: tuple[str, ...]
    #: letter group -> the romanisations' letters
    letters: dict[str, str]
    #: the letter groups, longest first
    pattern: re.Pattern[str]

    def read(self, word: str) -> str:
        """The word (lower case, diacritics kept) in the romanisations' letters."""
        return self.pattern.sub(lambda m: self.letters[m.group()], word)


@lru_cache(maxsize=1)
def load_tables() -> KoreanTables:
    """Read resources/korean.yml once; a malformed file fails naming it."""
    try:
        raw = read_yaml(KOREAN_YAML)
        surnames = {
            str(v): str(key) for key, values in raw["surnames"].items() for v in values
        }
        cyrillic = {str(k): str(v) for k, v in raw["cyrillic"].items()}
        names = {str(k): str(v) for k, v in raw["hanja_names"].items()}
        press = tuple(_press(str(k), v) for k, v in raw["press"].items())
        words = {str(k): str(v) for k, v in raw["words"].items()}
    except (yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"{KOREAN_YAML}: malformed Korean name tables: {exc}") from exc
    return KoreanTables(surnames=surnames, cyrillic=cyrillic, hanja_names=names, press=press,
                        words=words)


@lru_cache(maxsize=1)
def hanja_readings() -> dict[str, str]:
    """Han character -> Hangul reading: resources/hanja.yml (27,000 characters, read only for
    a name in Han), the names' readings of korean.yml over it; a malformed file fails
    naming it."""
    try:
        hanja = {
            char: str(reading)
            for reading, chars in read_yaml(HANJA_YAML)["readings"].items()
            for char in str(chars)
        }
    except (yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"{HANJA_YAML}: malformed Korean name tables: {exc}") from exc
    return hanja | load_tables().hanja_names


def _press(language: str, raw: Any) -> PressSpelling:
    letters = {str(k): str(v) for k, v in raw["letters"].items()}
    groups = sorted(letters, key=len, reverse=True)
    return PressSpelling(language, tuple(str(m) for m in raw["marks"]), letters,
                         re.compile("|".join(map(re.escape, groups))))


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


def _cut_run(run: str, words: dict[str, str], longest: int) -> list[str]:
    """A run of Hangul syllables cut at the generic words (longest first at each position)."""
    pieces: list[str] = []
    start = i = 0
    while i < len(run):
        for size in range(min(longest, len(run) - i), 1, -1):
            if run[i : i + size] in words:
                pieces.extend(p for p in (run[start:i], run[i : i + size]) if p)
                i = start = i + size
                break
        else:
            i += 1
    if start < len(run):
        pieces.append(run[start:])
    return pieces


def hangul_word_readings(text: str) -> list[str]:
    """A name with runs of Hangul cut into words at the generic words of ``korean.yml``, read
    word by word: the words as written, then the generic words in English (남천강무역회사 ->
    ``namcheongang muyeog hoesa``, ``namcheongang trading company``); [] when it holds no
    generic word."""
    words = load_tables().words
    longest = max(map(len, words), default=0)
    written: list[str] = []
    english: list[str] = []
    for part in _HANGUL_RUN.split(text):
        if not is_hangul_syllable(part[:1]):
            written.append(part)
            english.append(part)
            continue
        for piece in _cut_run(part, words, longest):
            reading = f" {ascii_text(piece)} "
            written.append(reading)
            english.append(f" {words[piece]} " if piece in words else reading)
    if written == english:
        return []
    return [ascii_text("".join(written)), ascii_text("".join(english))]


def hanja_to_hangul(text: str) -> str | None:
    """The Korean reading of a name in hanja, a simplified character read as its traditional
    form (机 as 機 기, not as the traditional 机 궤), or None when a Han character has no
    reading."""
    table = hanja_readings()
    traditional = traditional_han(text)
    if len(traditional) != len(text):
        traditional = text
    out: list[str] = []
    for char, trad in zip(text, traditional, strict=True):
        reading = table.get(trad) or table.get(char)
        if char.isspace():
            out.append(" ")
        elif reading is not None:
            out.append(reading)
        elif char_script(char) == HAN:
            return None
        else:
            out.append(char)
    return "".join(out)


def cyrillic_korean(token: str) -> str:
    """A romanised-Russian spelling of a Korean syllable mapped to a romanisation (chen->jong)."""
    return load_tables().cyrillic.get(token, token)


@lru_cache(maxsize=65536)
def press_spelling(words: tuple[str, ...]) -> PressSpelling | None:
    """The press spelling a name's words (lower case, diacritics kept) are written in: one of
    its marks is in a word that it reads as a Korean syllable ("dzong": Polish, but not the
    Pashto "Ahmadzai"); None for the romanisations and English."""
    for spelling in load_tables().press:
        for word in words:
            if any(mark in word for mark in spelling.marks) and korean_key(
                    ascii_text(spelling.read(word)).lower()) is not None:
                return spelling
    return None


def press_korean_keys(words: tuple[str, ...]) -> tuple[str | None, ...] | None:
    """The Korean keys of a name written in a press spelling (Polish "Kim Jo Dzong" -> the
    keys of Kim Yo Jong), or None when the name is in no press spelling."""
    spelling = press_spelling(words)
    if spelling is None:
        return None
    return tuple(korean_key(ascii_text(spelling.read(word)).lower()) for word in words)


@lru_cache(maxsize=65536)
def is_one_syllable_or_two(token: str) -> bool:
    """Whether a token is short enough to be one or two Korean syllables (a name part), not a
    longer romanised word of an organisation's name (Namchongang)."""
    return len(token) <= SHORT_KEY_LENGTH and _SHORT_TOKEN.fullmatch(token) is not None


@lru_cache(maxsize=65536)
def korean_key(token: str) -> str | None:
    """A key shared by the romanisations of a Korean syllable (or two); None if not Korean."""
    surname = load_tables().surnames.get(token)
    if surname is not None:
        return surname
    if len(token) > MAX_KEY_LENGTH or not _KOREAN_TOKEN.fullmatch(token):
        return None
    key = token
    if key[0] in "rl" and len(key) > 1 and key[1] in "iy":
        key = key[1:]
    for old, new in _RULES:
        key = key.replace(old, new)
    return key
