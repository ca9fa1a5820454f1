"""Cleaning name text before it is compared: the tricks used to slip past a filter undone.

``clean_text`` folds full-width and compatibility forms (NFKC), drops invisible characters
(zero-width spaces and joiners, bidi marks, soft hyphens, controls) and replaces Cyrillic and
Greek letters that sit inside Latin words by the Latin letters they imitate (ICU's confusable
skeletons decide what imitates what). ``detect_script`` names the dominant script of a text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import icu

#: scripts we tell apart; everything else is "other"
LATIN, CYRILLIC, GREEK, ARABIC, HEBREW, HAN, HANGUL, KANA, OTHER = (
    "latin",
    "cyrillic",
    "greek",
    "arabic",
    "hebrew",
    "han",
    "hangul",
    "kana",
    "other",
)

_SCRIPT_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0041, 0x024F, LATIN),
    (0x1E00, 0x1EFF, LATIN),
    (0x0370, 0x03FF, GREEK),
    (0x1F00, 0x1FFF, GREEK),
    (0x0400, 0x052F, CYRILLIC),
    (0x0590, 0x05FF, HEBREW),
    (0x0600, 0x06FF, ARABIC),
    (0x0750, 0x077F, ARABIC),
    (0xFB50, 0xFDFF, ARABIC),
    (0xFE70, 0xFEFF, ARABIC),
    (0x1100, 0x11FF, HANGUL),
    (0x3130, 0x318F, HANGUL),
    (0xAC00, 0xD7AF, HANGUL),
    (0x3040, 0x30FF, KANA),
    (0x3400, 0x4DBF, HAN),
    (0x4E00, 0x9FFF, HAN),
    (0xF900, 0xFAFF, HAN),
)

_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=16384)
def char_script(char: str) -> str:
    """The script of one letter (``other`` for digits, punctuation and unknown scripts)."""
    code = ord(char)
    if code < 0x41:
        return OTHER
    for low, high, script in _SCRIPT_RANGES:
        if low <= code <= high:
            return script if char.isalpha() else OTHER
    return OTHER


def detect_script(text: str) -> str:
    """The script most letters of ``text`` are written in (``latin`` for an empty text)."""
    if text.isascii():
        return LATIN
    counts: dict[str, int] = {}
    for char in text:
        script = char_script(char)
        if script != OTHER:
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return LATIN
    return max(counts.items(), key=lambda item: item[1])[0]


def _build_homoglyphs() -> dict[str, str]:
    """Cyrillic/Greek letter -> the ASCII letter it looks like, from ICU's skeletons."""
    checker = icu.SpoofChecker()
    table: dict[str, str] = {}
    for code in (*range(0x0370, 0x0400), *range(0x0400, 0x0530)):
        char = chr(code)
        if not char.isalpha():
            continue
        for probe in (char.lower(), char.upper()):
            skeleton = checker.getSkeleton(0, probe)
            if len(skeleton) == 1 and skeleton.isascii() and skeleton.isalpha():
                table[char] = skeleton.lower() if char.islower() else skeleton.upper()
                break
    return table


_HOMOGLYPHS = _build_homoglyphs()


def _is_invisible(char: str) -> bool:
    category = unicodedata.category(char)
    return category in ("Cf", "Cc", "Co", "Cn") and char not in "\t\n"


def _fold_word(word: str) -> str:
    """Replace look-alike Cyrillic/Greek letters in a mostly-Latin word by Latin ones."""
    latin = other = 0
    for char in word:
        script = char_script(char)
        if script == LATIN:
            latin += 1
        elif script in (CYRILLIC, GREEK):
            other += 1
    if not latin or not other:
        return word
    if not all(c in _HOMOGLYPHS for c in word if char_script(c) in (CYRILLIC, GREEK)):
        return word
    return "".join(_HOMOGLYPHS.get(c, c) for c in word)


@lru_cache(maxsize=65536)
def clean_text(text: str) -> str:
    """Undo full-width forms, invisible characters and homoglyphs; collapse white space.

    Idempotent: ``clean_text(clean_text(x)) == clean_text(x)``.
    """
    if text.isascii() and text.isprintable():
        return _SPACES.sub(" ", text).strip()
    text = unicodedata.normalize("NFKC", text)
    text = "".join(" " if c in "\t\n" else c for c in text if not _is_invisible(c))
    text = _SPACES.sub(" ", text).strip()
    if any(c in _HOMOGLYPHS for c in text):
        text = " ".join(_fold_word(w) for w in text.split(" "))
    return unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=2)
def _han_transliterator(tid: str) -> icu.Transliterator:
    return icu.Transliterator.createInstance(tid)


@lru_cache(maxsize=16384)
def traditional_han(text: str) -> str:
    """Han text in traditional characters (ICU's Hans-Hant): 国 -> 國."""
    return str(_han_transliterator("Hans-Hant").transliterate(text))


def simplified_han(text: str) -> str:
    """Han text in simplified characters (ICU's Hant-Hans): 國 -> 国."""
    return str(_han_transliterator("Hant-Hans").transliterate(text))
