"""The confidence reported for a mention: the matching engine's calibrated score.

The linker decides *whether* a span is a mention of a listed party (context rules, see
:mod:`sanctionwatch.text.linker`); its own confidence (``Link.score``) drives those decisions
and the screener's threshold, unchanged. The score a :class:`~sanctionwatch.text.Mention`
reports is the engine's instead (:mod:`sanctionwatch.match`, the default algorithm unless
another is named): the name as written in the text (spacing normalised), as a query entity of
the linked listing's schema with nothing else (the text gives no birth date or identifier
cheaply), compared with the listing's names. Combined with the context evidence simply:

- a link the linker holds for established (context confidence >= :data:`ESTABLISHED`, the
  level its own rules treat as established) reports the engine score as it is;
- a link it lowered for a weak context (a common two-word name without a risk cue, a generic
  organisation name outside its country, a short acronym never written in full, a misspelt
  name without a cue: 0.55 to 0.65) reports at most that lowered confidence;
- a **partial** name ("Putin", "Kim Jong" after the full name) reports the score of the full
  name it was resolved to — the best-scored full mention of the same listing in the document —
  since a surname alone says little to a name scorer; acronyms ("KOMID", "Komid") are scored
  by the engine as acronyms of the listed name.

Each listing is prepared once per gazetteer (:meth:`Gazetteer.prepared`), each written name
once per scorer, and each (written name, listing) pair compared once (bounded caches).
"""

from __future__ import annotations

from collections.abc import Sequence

from sanctionwatch.match import PreparedEntity, get_algorithm, prepare
from sanctionwatch.model import Entity
from sanctionwatch.text.candidates import Link
from sanctionwatch.text.gazetteer import Gazetteer

#: a context confidence at or above this is an established link; below, it caps the score
ESTABLISHED = 0.7
#: the most (name, listing) scores and prepared names kept
_CACHE_SIZE = 100_000


class MentionScorer:
    """Engine scores of written names against the listings they are linked to."""

    def __init__(self, gazetteer: Gazetteer, algorithm: str | None = None) -> None:
        self.gazetteer = gazetteer
        self.algorithm = get_algorithm(algorithm)
        self._queries: dict[tuple[str, str], PreparedEntity] = {}
        self._scores: dict[tuple[str, int], float] = {}

    def name_score(self, name: str, entity: int) -> float:
        """The engine's score of ``name`` (as written) against the listing at ``entity``."""
        name = " ".join(name.split())
        key = (name, entity)
        score = self._scores.get(key)
        if score is None:
            listed = self.gazetteer.prepared(entity)
            result = self.algorithm.compare(self._query(name, listed.schema), listed)
            if len(self._scores) >= _CACHE_SIZE:
                self._scores.clear()
            score = self._scores[key] = result.score
        return score

    def scores(self, links: Sequence[Link], texts: Sequence[str]) -> list[float]:
        """The reported score of each link (``texts``: each link's text as written)."""
        out = [self.name_score(text, link.entity) if link.method != "partial" else -1.0
               for link, text in zip(links, texts, strict=True)]
        full: dict[int, float] = {}
        for link, score in zip(links, out, strict=True):
            if link.method != "partial" and link.score >= ESTABLISHED:
                full[link.entity] = max(full.get(link.entity, 0.0), score)
        for n, (link, text) in enumerate(zip(links, texts, strict=True)):
            if link.method == "partial":
                found = full.get(link.entity)
                out[n] = found if found is not None else self.name_score(text, link.entity)
            if link.score < ESTABLISHED:
                out[n] = min(out[n], link.score)
        return out

    def _query(self, name: str, schema: str) -> PreparedEntity:
        key = (name, schema)
        query = self._queries.get(key)
        if query is None:
            if len(self._queries) >= _CACHE_SIZE:
                self._queries.clear()
            query = self._queries[key] = prepare(Entity("query", schema, {"name": (name,)}))
        return query


__all__ = ["ESTABLISHED", "MentionScorer"]
