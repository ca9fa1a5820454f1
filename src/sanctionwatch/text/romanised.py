"""Names as each language's press romanises them, read back to the words the lists write.

A Russian, Ukrainian or Belarusian name has one spelling per press: the lists' Yevgeniy
Prigozhin is Jewgeni Prigoschin in German news, Evgueni Prigojine in French, Jewgienij
Prigożyn in Polish, Євген Пригожин in Ukrainian. Text screening reads them through the same keys
as name screening (:mod:`sanctionwatch.names.romanisation`):

- the gazetteer files every listed name word under its keys in every convention
  (:func:`roman_index`: ``prigoSin`` -> ``prigozhin``);
- :class:`RomanReader` keys each capitalised word of a document as written (diacritics and
  Cyrillic kept: ż and z are two sounds), in the convention of its sentence's language (every
  convention when the language has none or is not told: a short sentence may not tell), with
  and without a case ending of that language ("Prigożynem", "Вагнера"), and gives the listed
  words it may stand for.

The linker searches for a word that stands for one listed word as that word ("Prigoschin" as
``prigozhin``); a word that stands for several ("Вагнера": Vagner and Wagner, so "Група
Вагнера" meets the listed Wagner Group) is tried as each in turn (up to three), matches kept
only through it; in a person's name every word is verified against the listed name's, a
romanised word counting as its listed word ("Jewgeni" as Yevgeniy, Evgeniy or Yevgeny:
:mod:`sanctionwatch.text.persons`). A word the lists hold as written is never searched for as
another word.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from sanctionwatch.names.romanisation import (
    MIN_LENGTH,
    Convention,
    convention_key,
    cyrillic_class,
    load_conventions,
    romanisation_keys,
    settle,
)
from sanctionwatch.text.lexicon import ContextWords
from sanctionwatch.text.tokens import Tokens

#: the convention case endings are written in (BGN, as tokens' keys of Cyrillic words are)
DEFAULT_CONVENTION = "en"
#: the most listed words one written word is searched for as (Вагнер: Vagner and Wagner)
MAX_READINGS = 3
#: the Jaro-Winkler similarity a word read as a listed word counts for in a person's name
ROMAN_SIMILARITY = 0.95


@dataclass(frozen=True, slots=True)
class Reading:
    """The listed name words one written word may be romanised from."""

    words: tuple[str, ...]
    #: whether a case ending was taken off to read it ("Prigożynem")
    inflected: bool


def roman_index(words: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Romanisation key (every convention's) -> the listed name words that have it."""
    index: dict[str, set[str]] = defaultdict(set)
    for word in set(words):
        for key in romanisation_keys(word):
            index[key].add(word)
    return {k: tuple(sorted(v)) for k, v in index.items()}


class RomanReader:
    """Per document: the listed words each capitalised word may be a romanisation of."""

    def __init__(self, index: dict[str, tuple[str, ...]], context: ContextWords) -> None:
        self.index = index
        self.context = context
        self._conventions = {c.language: c for c in load_conventions()}
        self._cache: dict[tuple[str, str], Reading | None] = {}
        #: (language, convention) -> the language's case endings as keys of the convention
        self._tails: dict[tuple[str, str], tuple[str, ...]] = {}

    def read(self, tokens: Tokens, sentences: list[int],
             language_of: Callable[[int], str] | None = None) -> dict[int, Reading]:
        """Position -> its reading, for every capitalised word that has one
        (``language_of(sentence)``: the sentence's language)."""
        if not self.index:
            return {}
        out: dict[int, Reading] = {}
        cache, text, starts, ends = self._cache, tokens.text, tokens.starts, tokens.ends
        for key, positions in tokens.capitalised.items():
            if len(key) < MIN_LENGTH:
                continue
            for i in positions:
                language = language_of(sentences[i]) if language_of is not None else ""
                written = text[starts[i] : ends[i]].lower()
                reading = cache.get((written, language), _UNREAD)
                if reading is _UNREAD:
                    if len(cache) > 200_000:
                        cache.clear()
                    reading = cache[(written, language)] = self._read(written, language)
                if reading is not None and reading.words != (key,):  # not just itself
                    out[i] = reading
        return out

    def _read(self, written: str, language: str) -> Reading | None:
        """The listed words of the word's keys as written (all of them); failing those, of
        its first stem without a case ending that has any."""
        if not written.isalpha():
            return None
        found: dict[str, None] = {}
        for key, inflected in self._keys(written, language):
            if inflected and found:
                break
            words = self.index.get(key, ())
            if inflected and words:
                return Reading(words, True)
            found.update(dict.fromkeys(words))
        return Reading(tuple(sorted(found)), False) if found else None

    def _keys(self, written: str, language: str) -> Iterable[tuple[str, bool]]:
        """The word's keys (whether read without an ending): as written first, then without
        each case ending, longest first."""
        if any("\u0400" <= c <= "\u04ff" for c in written):
            key = settle(cyrillic_class(written))
            convention = self._conventions[DEFAULT_CONVENTION]  # the endings are in BGN
        elif language in self._conventions:
            convention = self._conventions[language]
            key = convention_key(written, convention)
        else:  # a language without a convention, or none told: every one, no endings
            yield from ((k, False) for k in sorted(romanisation_keys(written)))
            return
        yield key, False
        for tail in self._tails_of(language, convention):
            if key.endswith(tail) and len(key) - len(tail) >= MIN_LENGTH - 1:
                yield key[: -len(tail)], True

    def _tails_of(self, language: str, convention: Convention) -> tuple[str, ...]:
        found = self._tails.get((language, convention.language))
        if found is None:
            tails = (convention_key(e, convention) for e in self.context.endings_of(language))
            found = self._tails[(language, convention.language)] = tuple(
                dict.fromkeys(t for t in tails if t))
        return found


def read_romanised(
    written: list[str], keys: list[str], inflected: Collection[int], readings: dict[int, Reading],
    vocabulary: Collection[str],
) -> tuple[set[int], list[dict[int, str]]]:
    """Put the listed word a romanised word stands for in the search ``keys`` where it
    stands for one (and is not read as a listed word already). Returns the positions changed
    and, for the words that stand for several (or are read as another listed word already:
    "Вагнера" as Vagner), up to :data:`MAX_READINGS` alternative readings: position -> listed
    word. A word listed as written, or read as an organisation's head word or a compound
    (``keys`` unlike ``written`` and not ``inflected``), is left as it is."""
    changed: set[int] = set()
    others: list[dict[int, str]] = []
    for i, reading in readings.items():
        key = keys[i]
        words = [w for w in reading.words if w != key]
        if not words or written[i] in vocabulary or (key != written[i] and i not in inflected):
            continue
        if len(reading.words) == 1 and key == written[i]:
            keys[i] = words[0]
            changed.add(i)
            continue
        for n, word in enumerate(words[:MAX_READINGS]):
            if n == len(others):
                others.append({})
            others[n][i] = word
    return changed, others


#: a word not read yet (in the cache of words read)
_UNREAD = Reading((), False)
