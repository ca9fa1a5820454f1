"""The language of a document and of a sentence, by py3langid (its model ships inside the
package: nothing is downloaded at run time).

py3langid reads byte n-grams in a loop of Python, so its cost grows with the text: a document's
language is read from a sample of it (its start, middle and end), and a sentence's only where
a mention needs it (:class:`SentenceLanguages` keeps each sentence's answer).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from py3langid.langid import MODEL_FILE, LanguageIdentifier

#: characters of a document read to tell its language (three pieces of a third each)
SAMPLE_CHARS = 1500
#: below this probability the language is reported as unknown
MIN_CONFIDENCE = 0.5
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
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> Language:
    """The language of a piece of text (``und`` for too few letters or an unsure answer)."""
    if sum(ch.isalpha() for ch in text[:200]) < MIN_LETTERS and (
        sum(ch.isalpha() for ch in text) < MIN_LETTERS
    ):
        return UNKNOWN_LANGUAGE
    code, confidence = _identifier().classify(text)
    if confidence < MIN_CONFIDENCE:
        return Language(UNKNOWN, float(confidence))
    return Language(str(code), float(confidence))


def document_language(text: str) -> Language:
    """The language of a whole document, read from its start, middle and end."""
    if len(text) <= SAMPLE_CHARS:
        return detect_language(text)
    third = SAMPLE_CHARS // 3
    middle = len(text) // 2
    sample = " ".join((text[:third], text[middle - third // 2 : middle + third // 2],
                       text[-third:]))
    return detect_language(sample)


class SentenceLanguages:
    """The language of each sentence of one document, read once when first asked for; a
    sentence too short to tell takes the document's language."""

    def __init__(self, text: str, spans: list[tuple[int, int]], document: Language) -> None:
        self.text = text
        self.spans = spans
        self.document = document
        self._known: dict[int, Language] = {}

    def __getitem__(self, index: int) -> Language:
        found = self._known.get(index)
        if found is None:
            if not self.spans:
                return self.document
            start, end = self.spans[index]
            found = detect_language(self.text[start:end])
            if found.code == UNKNOWN:
                found = self.document
            self._known[index] = found
        return found
