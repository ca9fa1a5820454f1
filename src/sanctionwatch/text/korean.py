"""Korean names in Hangul, hanja, Cyrillic or another romanisation, read through the names
layer's Korean syllable keys (김정은, 金正恩, Ким Чен Ын, Gim Jeong-eun → KIM Jong Un).

Ukrainian writes the Russian ы of a Korean name as и and the Russian и as і (Кім Чен Ин), and
Russian and Ukrainian bend the name's last syllable (Ким Чен Ыном, Кім Чен Ином): a Cyrillic
name in a Ukrainian sentence is read in Russian letters, and the last syllable of a name is
also read without a case ending of the sentence's language. A name in a European press's
letters for Korean sounds (Polish "Kim Jo Dzong", Czech "Kim Jo-čong") is read in them first
(the names layer's ``press`` tables)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from sanctionwatch.names import hanja_to_hangul, korean_key, romanize_hangul
from sanctionwatch.names.korean import cyrillic_korean, press_spelling
from sanctionwatch.text.candidates import Link, joins
from sanctionwatch.text.gazetteer import Gazetteer
from sanctionwatch.text.lexicon import ContextWords
from sanctionwatch.text.tokens import LOWER, Tokens, is_hangul, token_keys

_CJK = re.compile(r"[\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
#: (tokens, sentences, first, last, is_person) -> whether an unlisted word continues the name
Extends = Callable[[Tokens, list[int], int, int, bool], bool]
#: Ukrainian letters as the Russian ones a Korean name is written with in Russian
_UKRAINIAN_AS_RUSSIAN = str.maketrans({"и": "ы", "і": "и", "ї": "йи", "є": "е", "ґ": "г",
                                       "И": "Ы", "І": "И", "Ї": "Йи", "Є": "Е", "Ґ": "Г"})


class KoreanFinder:
    """Links of listed Korean persons written in any script or romanisation."""

    def __init__(self, gazetteer: Gazetteer, extends: Extends, context: ContextWords) -> None:
        self.gazetteer = gazetteer
        self._extends = extends
        self.context = context
        #: Korean keys that may open a listed Korean name
        self._korean_first = {key[0] for key in gazetteer.korean}
        self._korean_starts: dict[str, bool] = {}

    def find(self, tokens: Tokens, sentences: list[int],
             language_of: Callable[[int], str] | None = None) -> Iterable[Link]:
        """Korean names in Hangul, hanja, Cyrillic or another romanisation
        (``language_of(sentence)``: the sentence's language)."""
        keys = tokens.keys
        index = self.gazetteer.korean
        if not index:
            return
        starts = self._korean_starts
        for key, positions in tokens.capitalised.items():
            is_start = starts.get(key)
            if is_start is None:
                is_start = starts[key] = self._may_start_korean(key)
            if is_start:
                for i in positions:
                    language = language_of(sentences[i]) if language_of is not None else ""
                    yield from self._korean_latin(tokens, sentences, i, language)
        if not _CJK.search(tokens.text):
            return
        i = 0
        while i < len(keys):
            if not _is_cjk(keys[i]):
                i += 1
                continue
            j = i
            while j + 1 < len(keys) and _is_cjk(keys[j + 1]) and not tokens.gap(j, j + 1):
                j += 1
            for start in range(i, j + 1):
                for size in (3, 4, 2):
                    if start + size - 1 > j:
                        continue
                    readings = _korean_readings("".join(keys[start : start + size]))
                    for entity in index.get(readings, ()) if readings else ():
                        yield Link(start, start + size - 1, entity, 0.88 if size > 2 else 0.65,
                                   "korean")
                if is_hangul(keys[start]):
                    break  # a Hangul name starts its word; later syllables are particles
            i = j + 1

    def _may_start_korean(self, key: str) -> bool:
        if len(key) > 6 or not key.isascii():
            return False
        return (korean_key(key) in self._korean_first
                or korean_key(cyrillic_korean(key)) in self._korean_first)

    def _korean_latin(self, tokens: Tokens, sentences: list[int], i: int, language: str
                      ) -> Iterable[Link]:
        cyrillic = "\u0400" <= tokens.text[tokens.starts[i]] <= "\u04ff"
        endings = self.context.endings_of(language)
        window = list(range(i, min(i + 4, len(tokens.keys))))
        for n, j in enumerate(window[1:], start=1):
            if (tokens.shapes[j] == LOWER or sentences[j] != sentences[i]
                    or not joins(tokens.gap(j - 1, j))):
                window = window[:n]
                break
        words = tuple(tokens.surface(j, j).lower() for j in window)
        press = None if cyrillic else press_spelling(words)
        parts: list[str] = []
        for j, word in zip(window, words, strict=True):
            key = tokens.keys[j]
            if cyrillic and language == "uk":
                key = "".join(token_keys(word.translate(_UKRAINIAN_AS_RUSSIAN)))
            elif press is not None:  # "Dzong", "Čong": a press's letters for Korean
                key = "".join(token_keys(press.read(word)))
            part = _syllable(key, cyrillic)
            # the last syllable may carry a case ending ("Ином", "Ыном", "Una")
            bent = [p for e in endings if j > i and key.endswith(e)
                    and (p := _syllable(key[: -len(e)], cyrillic))]
            for last in ([part] if part else []) + bent:
                if len(parts) >= 2:
                    for entity in self.gazetteer.korean.get((*parts, last), ()):
                        if not self._extends(tokens, sentences, i, j, True):
                            yield Link(i, j, entity, 0.86, "korean")
            if part is None:
                break
            parts.append(part)


def _syllable(key: str, cyrillic: bool) -> str | None:
    return korean_key(cyrillic_korean(key) if cyrillic else key) if key else None


def _is_cjk(key: str) -> bool:
    return len(key) == 1 and ("\u3400" <= key <= "\u9fff" or "\uac00" <= key <= "\ud7af"
                              or "\uf900" <= key <= "\ufaff")


@lru_cache(maxsize=65536)
def _korean_readings(chars: str) -> tuple[str, ...] | None:
    """Korean-key tuple of a name in Hangul or hanja (None when it cannot be read)."""
    hangul = chars if all(is_hangul(c) for c in chars) else hanja_to_hangul(chars)
    if not hangul:
        return None
    parts = [korean_key(p) for p in romanize_hangul(hangul).split()]
    if len(parts) != len(chars) or not all(parts):
        return None
    return tuple(p for p in parts if p)
