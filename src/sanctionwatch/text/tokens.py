"""Tokens and sentences of a document, with character offsets into the original text.

Every token carries a *key*: the form the gazetteer matches on. Keys are lower-case ASCII for
Latin, Cyrillic (BGN/PCGN romanisation, as the US lists write Russian names) and other
alphabets; Han and Hangul have no spaces between words, so each character is its own token and
keeps its own script as key (a name written in those scripts on a list is matched as such;
the linker reads Korean names through the names layer's Korean keys).

The same :func:`token_keys` turns list names into keys, so the document and the list always
agree on what a token is.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import accumulate, compress

import icu
from normality import ascii_text

#: a Han or Hangul character (one token each), else a run of letters and digits
_TOKEN = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
    r"|[\uac00-\ud7af]"
    r"|[^\W_\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+"
)
_SPLIT = re.compile(f"({_TOKEN.pattern})")
#: sentence ends: . ! ? (and CJK full stops) followed by space, a blank line, or a line break
#: before a capital (``wrap``: a sentence end only after a line that is not full, see below)
_SENTENCE_END = re.compile(
    r"(?<=[.!?。！？])[\"'”’)\]]*\s+|\n\s*\n|(?P<wrap>\n(?=\s*[A-Z\u0400-\u04ff]))")
#: a line at least this share of the text's longest line (and this long) is *full*: the text
#: is hard-wrapped there, and the sentence goes on on the next line ("... reisten nach" /
#: "Caracas. Beide ..."); a shorter line is a heading, a list item, a dateline
_FULL_LINE_SHARE = 0.7
_FULL_LINE_MIN = 40
#: words whose full stop does not end a sentence
_ABBREVIATIONS = frozenset(
    ["mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "gov", "sen", "rep", "prof", "jr", "sr", "inc", "ltd", "co", "corp", "no", "vs", "u.s", "u.k", "u.n", "e.g", "i.e", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
)
_CYRILLIC = icu.Transliterator.createInstance("Russian-Latin/BGN")

#: token shape codes
LOWER, TITLE, UPPER, UNCASED = 0, 1, 2, 3


@dataclass(frozen=True, slots=True)
class Tokens:
    """The tokens of one text as parallel lists (fast to build, fast to scan)."""

    text: str
    starts: list[int]
    ends: list[int]
    keys: list[str]
    #: LOWER / TITLE / UPPER / UNCASED (scripts without case: Han, Hangul, Arabic, ...)
    shapes: list[int]
    #: key -> positions of the tokens with that key not written in lower case (the only
    #: tokens that can open a name), in text order
    capitalised: dict[str, list[int]]

    def __len__(self) -> int:
        return len(self.keys)

    def surface(self, first: int, last: int) -> str:
        """The original text from token ``first`` to token ``last`` (inclusive)."""
        return self.text[self.starts[first] : self.ends[last]]

    def gap(self, left: int, right: int) -> str:
        """The original text between token ``left`` and token ``right``."""
        return self.text[self.ends[left] : self.starts[right]]


def tokenize(text: str) -> Tokens:
    """Split text into tokens with offsets, keys and shapes.

    A possessive ``'s`` is dropped; a token whose key is empty (a stray mark) is skipped.
    """
    parts = _SPLIT.split(text)  # gap, token, gap, token, ..., gap
    raws = parts[1::2]
    if not raws:
        return Tokens(text, [], [], [], [], {})
    offsets = list(accumulate(map(len, parts)))
    starts = offsets[0:-1:2]
    ends = offsets[1::2]
    keys, shapes = (list(x) for x in zip(*map(_token_info, raws), strict=True))
    gaps = parts[0::2]
    for j in positions_of(gaps, "-"):
        if 0 < j < len(keys) and shapes[j] == LOWER and shapes[j - 1] == TITLE:
            shapes[j] = TITLE  # "Jong-un" is one capitalised name part ("FIPS-compliant" not)
    drop = [j for j in positions_of(keys, "s") if j and gaps[j] in ("'", "’")]  # possessive 's
    drop.extend(positions_of(keys, ""))
    for j in sorted(drop, reverse=True):
        del starts[j], ends[j], keys[j], shapes[j]
    capitalised: dict[str, list[int]] = {}
    for i in compress(range(len(keys)), shapes):
        capitalised.setdefault(keys[i], []).append(i)
    return Tokens(text, starts, ends, keys, shapes, capitalised)


def positions_of(items: list[str], value: str) -> list[int]:
    """Every index of value in items (found by list.index, which runs in C)."""
    out: list[int] = []
    start = 0
    try:
        while True:
            start = items.index(value, start)
            out.append(start)
            start += 1
    except ValueError:
        return out


@lru_cache(maxsize=262144)
def _token_info(raw: str) -> tuple[str, int]:
    return token_key(raw), token_shape(raw)


@lru_cache(maxsize=262144)
def token_key(raw: str) -> str:
    """The matching key of one token (see the module docstring)."""
    if raw.isascii():
        return raw.lower()
    first = raw[0]
    if "\u3400" <= first <= "\u9fff" or "\uf900" <= first <= "\ufaff" or "\uac00" <= first <= "\ud7af":
        return raw
    if "\u0400" <= first <= "\u04ff":
        raw = _CYRILLIC.transliterate(raw)
    key = ascii_text(raw) or ""
    key = "".join(ch for ch in key.lower() if ch.isalnum())
    return key or unicodedata.normalize("NFKC", raw).casefold()


def token_keys(text: str) -> list[str]:
    """The keys of every token of a name or phrase."""
    return tokenize(text).keys


@lru_cache(maxsize=262144)
def token_shape(raw: str) -> int:
    """LOWER, TITLE, UPPER or UNCASED."""
    if raw.isdigit():
        return LOWER
    if raw.isupper():
        return UPPER if len(raw) > 1 else TITLE
    if raw[0].isupper():
        return TITLE
    if raw.islower():
        return LOWER
    return UNCASED


def is_hangul(key: str) -> bool:
    return len(key) == 1 and "\uac00" <= key <= "\ud7af"


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of the sentences of a text, in order, whitespace trimmed.

    A line break before a capital ends a sentence unless the line is full (hard-wrapped text:
    news agencies, mailing lists, plain-text exports wrap at a fixed width).
    """
    spans: list[tuple[int, int]] = []
    start = 0
    full = -1
    for match in _SENTENCE_END.finditer(text):
        end = match.start()
        if match.group("wrap"):
            if full < 0:
                longest = max(len(line.strip()) for line in text.split("\n"))
                full = max(_FULL_LINE_MIN, round(longest * _FULL_LINE_SHARE))
            if len(text[text.rfind("\n", 0, end) + 1 : end].strip()) >= full:
                continue  # a hard-wrapped line: the sentence goes on
        word = text[max(start, end - 8) : end].rsplit(None, 1)[-1:] if end > start else []
        is_break = "\n" in match.group()
        if word and not is_break and _is_abbreviation(word[0]):
            continue  # "Mr. Kim", "U.S. Treasury", an initial: "A. Mkrtychev"
        _add_span(text, start, end, spans)
        start = match.end()
    _add_span(text, start, len(text), spans)
    return spans


def _is_abbreviation(word: str) -> bool:
    if len(word) == 2 and word[0].isupper() and word[1] == ".":
        return True
    return word.rstrip(".").lower().lstrip("(\"'") in _ABBREVIATIONS


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def sentence_numbers(starts: list[int], offsets: list[int]) -> list[int]:
    """The sentence index of each offset (given the sentences' start offsets)."""
    return list(map(partial(bisect.bisect_right, starts[1:]), offsets))


def sentence_index(starts: list[int], offset: int) -> int:
    """The index of the sentence (given the sentences' start offsets) holding an offset."""
    return max(0, bisect.bisect_right(starts, offset) - 1)
