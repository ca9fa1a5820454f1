"""The language of a document and of a sentence, by py3langid (its model ships inside the
package: nothing is downloaded at run time).

py3langid reads byte n-grams in a loop of Python, so its cost grows with the text: a document's
language is read from two pieces of it (its start and its end). When they agree, and surely,
every sentence is taken to be in that language; otherwise (a mixed document, a short
one) a sentence's language is read on its own where a mention or a case ending needs it
(:class:`SentenceLanguages` keeps each sentence's answer).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from py3langid.langid import MODEL_FILE, LanguageIdentifier

#: characters of each of the two pieces of a document read to tell its language
SAMPLE_CHARS = 200
#: characters of a sentence read to tell its language (its start)
SENTENCE_CHARS = 240
#: pieces this sure of one language make the document one of that language
SURE = 0.9
#: a text this short is checked for letters first
SHORT_TEXT = 100
#: below this probability the language is reported as unknown, unless it is at least
#: MIN_LEADING_CONFIDENCE and LEAD times the next language's (a short sentence full of names:
#: "Russian Defence Minister Sergei Shoigu visited Pyongyang" is English at 0.47, next 0.20)
MIN_CONFIDENCE = 0.5
MIN_LEADING_CONFIDENCE = 0.3
LEAD = 2.0
#: fewer letters than this say nothing reliable about a language
MIN_LETTERS = 12
UNKNOWN = "und"


@dataclass(frozen=True, slots=True)
class Language:
    """An ISO 639-1 code (``und`` when unknown) and the model's probability for it."""

    code: str
    confidence: float

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "confidence": round(self.confidence, 3)}


UNKNOWN_LANGUAGE = Language(UNKNOWN, 0.0)


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """The shipped model, its tables widened to float32 once (they ship as float16, which
    numpy multiplies several times slower)."""
    shipped = LanguageIdentifier.from_model_file(MODEL_FILE)
    return LanguageIdentifier(
        np.asarray(shipped.nb_ptc, dtype=np.float32), np.asarray(shipped.nb_pc, np.float32),
        shipped.nb_classes, shipped.tk_nextmove, shipped.tk_output, norm_probs=True,
        tk_row=shipped.tk_row)


def detect_language(text: str) -> Language:
    """The language of a piece of text (``und`` for too few letters or an unsure answer)."""
    if len(text) < SHORT_TEXT and sum(ch.isalpha() for ch in text) < MIN_LETTERS:
        return UNKNOWN_LANGUAGE
    (code, confidence), (_, runner_up) = _identifier().rank(text)[:2]
    if confidence < MIN_CONFIDENCE and not (
            confidence >= MIN_LEADING_CONFIDENCE and confidence >= LEAD * runner_up):
        return Language(UNKNOWN, float(confidence))
    return Language(str(code), float(confidence))


def document_languages(text: str) -> tuple[Language, bool]:
    """The language of a whole document, and whether it is written in one language: read from
    a piece of its start and of its end; when they disagree (or the document is short, one
    piece) each sentence is read on its own."""
    if len(text) <= 2 * SAMPLE_CHARS:
        return detect_language(text), False
    pieces = [detect_language(text[:SAMPLE_CHARS]), detect_language(text[-SAMPLE_CHARS:])]
    codes = Counter(p.code for p in pieces if p.code != UNKNOWN)
    if not codes:
        return UNKNOWN_LANGUAGE, False
    code, votes = codes.most_common(1)[0]
    confidence = max(p.confidence for p in pieces if p.code == code)
    is_one = votes == len(pieces) and all(p.confidence >= SURE for p in pieces)
    return Language(code, confidence), is_one


class SentenceLanguages:
    """The language of each sentence of one document, read once when first asked for; a
    sentence too short to tell takes the document's language, and in a document written in
    one language every sentence does."""

    def __init__(self, text: str, spans: list[tuple[int, int]]) -> None:
        self.text = text
        self.spans = spans
        self.document, self.is_one_language = document_languages(text)
        self._known: dict[int, Language] = {}

    def __getitem__(self, index: int) -> Language:
        if self.is_one_language or not self.spans:
            return self.document
        found = self._known.get(index)
        if found is None:
            start, end = self.spans[index]
            found = detect_language(self.text[start : min(end, start + SENTENCE_CHARS)])
            if found.code == UNKNOWN:
                found = self.document
            self._known[index] = found
        return found
