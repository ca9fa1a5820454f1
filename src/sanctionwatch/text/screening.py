"""Screen a document: its mentions of listed parties, each with evidence and risk context.

:class:`TextScreener` is built once (from a :class:`~sanctionwatch.model.Collection`, or from a
cached :class:`~sanctionwatch.text.gazetteer.Gazetteer`) and then screens documents of any
length up to its limit, one at a time, without I/O. The linker decides what is a mention (its
context confidence against the threshold); each mention reports the matching engine's score of
its name as written against the listing (see :mod:`sanctionwatch.text.scoring`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sanctionwatch.exc import DocumentError
from sanctionwatch.model import Collection
from sanctionwatch.text.document import Document
from sanctionwatch.text.gazetteer import EntityInfo, Gazetteer, build_gazetteer
from sanctionwatch.text.language import (
    UNKNOWN_LANGUAGE,
    Language,
    SentenceLanguages,
)
from sanctionwatch.text.lexicon import (
    ContextWords,
    RiskLexicon,
    default_context_words,
    default_risk_terms,
)
from sanctionwatch.text.linker import Linker
from sanctionwatch.text.risk import Risk, document_risks, find_cues, risk_around, sentence_risks
from sanctionwatch.text.scoring import MentionScorer
from sanctionwatch.text.tokens import sentence_index, sentence_spans, tokenize

#: a mention the linker is less sure of than this (its context confidence) is not reported
DEFAULT_TEXT_THRESHOLD = 0.7
#: the most characters of text screened per document
MAX_TEXT_CHARS = 1_000_000


@dataclass(frozen=True, slots=True)
class Mention:
    """A name found in a text and the listed party it refers to."""

    text: str
    start: int
    end: int
    entity: EntityInfo
    #: the matching engine's score of the name as written against the listing, capped for a
    #: weak context (see :mod:`sanctionwatch.text.scoring`)
    score: float
    #: how it was found: exact, acronym, anchor, korean, partial, role
    method: str
    sentence: str
    risk: tuple[Risk, ...]
    #: the language of the sentence it is in
    language: Language = UNKNOWN_LANGUAGE

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "entity": {
                "id": self.entity.id,
                "caption": self.entity.caption,
                "schema": self.entity.schema,
                "datasets": list(self.entity.datasets),
            },
            "score": round(self.score, 4),
            "method": self.method,
            "risk": [r.to_dict() for r in self.risk],
            "sentence": self.sentence,
            "language": self.language.code,
        }


@dataclass(frozen=True, slots=True)
class TextResult:
    """One screened document: its mentions in text order, or the error that stopped it."""

    document: Document
    mentions: tuple[Mention, ...] = ()
    risk: tuple[Risk, ...] = ()
    error: str | None = None
    #: the language of the document as a whole (its sentences may differ: see each mention)
    language: Language = UNKNOWN_LANGUAGE

    @property
    def entity_ids(self) -> tuple[str, ...]:
        """Each linked party once (one id per cluster of listings), in order of appearance."""
        seen: dict[str, str] = {}
        for mention in self.mentions:
            seen.setdefault(mention.entity.cluster, mention.entity.id)
        return tuple(seen.values())

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "document": self.document.id,
            "title": self.document.title,
            "date": self.document.date,
            "url": self.document.url,
            "language": self.language.to_dict(),
            "mentions": [m.to_dict() for m in self.mentions],
            "risk": [r.to_dict() for r in self.risk],
        }
        if self.error is not None:
            data["error"] = self.error
        return data

    @classmethod
    def failed(cls, error: DocumentError, document_id: str) -> TextResult:
        return cls(Document(document_id, ""), error=str(error))


class TextScreener:
    """Finds listed parties in documents (see :mod:`sanctionwatch.text.linker`)."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        risk_terms: RiskLexicon | None = None,
        context: ContextWords | None = None,
        threshold: float = DEFAULT_TEXT_THRESHOLD,
        max_chars: int = MAX_TEXT_CHARS,
        algorithm: str | None = None,
    ) -> None:
        self.gazetteer = gazetteer
        self.scorer = MentionScorer(gazetteer, algorithm)
        self.risk_terms = risk_terms or default_risk_terms()
        self.linker = Linker(gazetteer, context or default_context_words())
        self.threshold = threshold
        self.max_chars = max_chars

    @classmethod
    def from_collection(cls, collection: Collection, threshold: float = DEFAULT_TEXT_THRESHOLD
                        ) -> TextScreener:
        return cls(build_gazetteer(collection), threshold=threshold)

    def screen(self, document: Document) -> TextResult:
        """The mentions in one document (an error result when it cannot be screened)."""
        text = document.text
        if len(text) > self.max_chars:
            error = DocumentError(f"{document.id}: {len(text):,} characters is over the "
                                  f"{self.max_chars:,}-character limit")
            return TextResult(document, error=str(error))
        tokens = tokenize(text)
        spans = sentence_spans(text)
        starts = [s for s, _ in spans]
        cues = find_cues(tokens, self.risk_terms)
        per_sentence = sentence_risks(cues, starts, self.risk_terms)
        cue_sentences = {i for i, risks in enumerate(per_sentence) if risks}
        languages = SentenceLanguages(text, spans)
        mentions: list[Mention] = []
        around: dict[int, tuple[Risk, ...]] = {}
        links = self.linker.link(tokens, starts, cue_sentences, lambda i: languages[i].code)
        written = [link.read_as or text[tokens.starts[link.first] : tokens.ends[link.last]]
                   for link in links]
        for link, score in zip(links, self.scorer.scores(links, written), strict=True):
            if link.score < self.threshold:
                continue  # the linker's context confidence decides; the engine's is reported
            start, end = tokens.starts[link.first], tokens.ends[link.last]
            index = sentence_index(starts, start) if spans else 0
            sentence = text[spans[index][0] : spans[index][1]] if spans else text
            mentions.append(Mention(
                text=text[start:end],
                start=start,
                end=end,
                entity=self.gazetteer.entities[link.entity],
                score=score,
                method=link.method,
                sentence=" ".join(sentence.split()),
                risk=around.setdefault(index, risk_around(per_sentence, index, self.risk_terms)),
                language=languages[index],
            ))
        return TextResult(document, tuple(mentions),
                          document_risks(per_sentence, self.risk_terms),
                          language=languages.document)

    def screen_text(self, text: str, document_id: str = "text") -> TextResult:
        """Screen a bare string."""
        return self.screen(Document(document_id, text))
