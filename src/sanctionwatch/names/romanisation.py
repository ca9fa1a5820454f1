"""Romanisations of Russian, Ukrainian and Belarusian names as each language's press writes them.

One Cyrillic name has a spelling per language: Евгений Пригожин is Yevgeniy Prigozhin in the
US and UK lists, Jewgeni Prigoschin in German, Evgueni Prigojine in French, Jewgienij Prigożyn
in Polish. ``resources/romanisation/*.yml`` hold each language's convention as data (Cyrillic
letter -> its Latin spellings; the English one read from ICU's BGN/PCGN transliterators).

Rather than spell every listed name in every language, each convention is read backwards: a
Latin token is cut into the spellings of that convention (longest first: ``schtsch`` before
``sch`` before ``s``) and each spelling replaced by the sound class of the Cyrillic letter it
stands for. The classes merge what the conventions themselves confuse (ж and ш are both
``sch`` in German; с and з both ``s``), so every romanisation of one Cyrillic name reaches the
same key: Prigozhin, Prigoschin, Prigojine, Prigożyn -> ``prigoSin``. A token gets one key per
convention (most coincide); two tokens agree when they share one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import icu
import yaml

FOLDER = "romanisation"
#: shorter tokens get no keys: their keys collide across unrelated names (Chen and Shen are one
#: Cyrillic name in French and English spelling, and two Chinese surnames)
MIN_LENGTH = 5
#: sound class of each Cyrillic letter: one letter per sound, what conventions confuse merged
CLASSES: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "e", "є": "e",
    "ж": "S", "з": "s", "и": "i", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ў": "u", "ф": "f",
    "х": "h", "ц": "c", "ч": "C", "ш": "S", "щ": "S", "ъ": "", "ы": "i", "ь": "", "э": "e",
    "ю": "iu", "я": "ia",
}
#: hushing consonants, after which ё is written o by some (Gorbatschow) and e by others
_HUSHING = frozenset("SC")
_NOT_LETTERS = str.maketrans("", "", "ʹʺ·'’")


class Spellings(dict[str, str]):
    """Latin spelling -> sound class; a letter no spelling covers reads as itself, folded."""

    def __missing__(self, key: str) -> str:
        return fold(key)


@dataclass(frozen=True, slots=True)
class Convention:
    """One language's romanisation, read backwards: Latin spelling -> sound class."""

    language: str
    spellings: Spellings
    endings: dict[str, str]
    #: cuts a token into its spellings, longest first at each position (one character where
    #: none fits): the alternatives are tried in order, longest first
    cutter: re.Pattern[str]


def fold(text: str) -> str:
    """Diacritics off (ë -> e), for letters a convention does not name."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def cyrillic_class(text: str) -> str:
    """The sound classes of a Cyrillic text (letters without a class pass through)."""
    return "".join(CLASSES.get(c, c) for c in text.lower())


def settle(key: str) -> str:
    """A key with doubled classes collapsed (ss, ii, nn) and ё after a hushing consonant
    written e (Gorbatschow, Gorbachev -> gorbaCev)."""
    out: list[str] = []
    for char in key:
        if out and out[-1] == char:
            continue
        if char == "o" and out and out[-1] in _HUSHING:
            char = "e"
            if out[-1] == char:
                continue
        out.append(char)
    return "".join(out)


def _spellings(raw: object) -> list[str]:
    values = raw if isinstance(raw, list) else [raw]
    return [str(v).lower() for v in values]


def _icu_letters(ids: list[str]) -> list[tuple[str, str]]:
    """(Cyrillic letter, Latin spelling) pairs read from ICU transliterators."""
    pairs: list[tuple[str, str]] = []
    for tid in ids:
        trans = icu.Transliterator.createInstance(tid)
        for letter in CLASSES:
            latin = str(trans.transliterate(letter)).translate(_NOT_LETTERS).lower()
            pairs.extend((letter, spelling) for spelling in dict.fromkeys((latin, fold(latin))))
    return pairs


def _add(table: dict[str, str], latin: str, cls: str, where: str, strict: bool) -> None:
    if not latin:
        return
    known = table.get(latin)
    if known is None:
        table[latin] = cls
    elif strict and settle(known) != settle(cls):
        raise ValueError(f"{where}: {latin!r} stands for two sounds ({known!r}, {cls!r})")


def parse_convention(raw: dict[str, object], where: str) -> Convention:
    """A convention from its YAML mapping; a malformed one fails naming the file."""
    try:
        language = str(raw["language"])
        letters = raw["letters"]
        if not isinstance(letters, dict):
            raise TypeError("letters must map Cyrillic letters to spellings")
        spellings = Spellings()
        for cyrillic, latin in letters.items():
            cls = cyrillic_class(str(cyrillic))
            for spelling in _spellings(latin):
                _add(spellings, spelling, cls, where, strict=True)
        icu_ids = raw.get("icu") or []
        if not isinstance(icu_ids, list):
            raise TypeError("icu must list transliterator ids")
        for cyrillic, spelling in _icu_letters([str(i) for i in icu_ids]):
            _add(spellings, spelling, CLASSES[cyrillic], where, strict=False)
        endings_raw = raw.get("endings") or {}
        if not isinstance(endings_raw, dict):
            raise TypeError("endings must map Latin endings to Cyrillic")
        endings = {str(k).lower(): cyrillic_class(str(v)) for k, v in endings_raw.items()}
    except (KeyError, TypeError, icu.ICUError) as exc:
        raise ValueError(f"{where}: malformed romanisation: {exc}") from exc
    longest_first = sorted(spellings, key=len, reverse=True)
    cutter = re.compile("|".join([*map(re.escape, longest_first), "."]), re.DOTALL)
    return Convention(language, spellings, endings, cutter)


@lru_cache(maxsize=1)
def load_conventions() -> tuple[Convention, ...]:
    """Every convention of resources/romanisation/, by file name."""
    folder = resources.files("sanctionwatch.resources").joinpath(FOLDER)
    out: list[Convention] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yml"):
            continue
        where = f"{FOLDER}/{entry.name}"
        try:
            raw = yaml.load(entry.read_text("utf-8"), Loader=getattr(yaml, "CSafeLoader",
                                                                     yaml.SafeLoader))
        except yaml.YAMLError as exc:
            raise ValueError(f"{where}: not YAML: {exc}") from exc
        out.append(parse_convention(raw if isinstance(raw, dict) else {}, where))
    return tuple(out)


def convention_key(token: str, convention: Convention) -> str:
    """A Latin token read backwards through one convention, as sound classes."""
    tail = ""
    for ending, cls in convention.endings.items():
        if token.endswith(ending) and len(token) > len(ending) + 1:
            token, tail = token[: -len(ending)], cls
            break
    classes = map(convention.spellings.__getitem__, convention.cutter.findall(token))
    return settle("".join(classes) + tail)


NO_KEYS: frozenset[str] = frozenset()


@lru_cache(maxsize=131072)
def romanisation_keys(token: str) -> frozenset[str]:
    """The keys of a name token under every convention (one for a Cyrillic token; none for a
    token of digits or under MIN_LENGTH letters). A set, one object per token: tokens agree
    when their sets meet."""
    if len(token) < MIN_LENGTH or not token.isalpha():
        return NO_KEYS
    if any("\u0400" <= c <= "\u04ff" for c in token):
        return frozenset((settle(cyrillic_class(token)),))
    return frozenset(convention_key(token, c) for c in load_conventions())
