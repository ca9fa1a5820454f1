"""Stories: group screened documents that cover the same event.

Two documents join one story when either

- one is a syndicated copy of the other: their word 5-shingles agree (MinHash, datasketch,
  estimated Jaccard >= ``copy_threshold``), whatever their dates; or
- they are rewrites or translations of one report: within ``window_days`` of each other (a
  document without a date fits any window), they name the same listed parties (most of the
  smaller set, at least two) and their words agree somewhat (TF-IDF cosine), combined as
  ``0.6 * party overlap * min(1, shared / 3) + 0.4 * cosine >= link_threshold``.

Stories are the connected groups; each lists its documents, its dates and the listed parties
named in it (with how many of its documents name each).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from datasketch import MinHash, MinHashLSH

from sanctionwatch.text.gazetteer import EntityInfo
from sanctionwatch.text.screening import TextResult
from sanctionwatch.text.tokens import tokenize

_NUM_PERM = 64
_SHINGLE = 5


@dataclass(frozen=True, slots=True)
class StoryConfig:
    window_days: int = 7
    copy_threshold: float = 0.5
    link_threshold: float = 0.5


@dataclass(frozen=True, slots=True)
class Story:
    """Documents about one event, and the listed parties they name."""

    id: str
    documents: tuple[TextResult, ...]
    #: (party, number of the story's documents naming it), most named first
    parties: tuple[tuple[EntityInfo, int], ...]
    #: why documents were joined: "copy" (syndicated) and/or "related" (same parties + words)
    reasons: tuple[str, ...]

    @property
    def dates(self) -> tuple[str, ...]:
        return tuple(sorted({d.document.date for d in self.documents if d.document.date}))

    def to_dict(self) -> dict[str, object]:
        return {
            "story": self.id,
            "dates": list(self.dates),
            "documents": [
                {"document": d.document.id, "title": d.document.title, "date": d.document.date}
                for d in self.documents
            ],
            "parties": [
                {"id": p.id, "caption": p.caption, "schema": p.schema,
                 "datasets": list(p.datasets), "documents": n}
                for p, n in self.parties
            ],
            "reasons": list(self.reasons),
        }


def group_stories(results: Sequence[TextResult], config: StoryConfig | None = None
                  ) -> list[Story]:
    """Group screened documents into stories (documents with errors are left out)."""
    config = config or StoryConfig()
    docs = [r for r in results if r.error is None and r.document.text.strip()]
    words = [_content_words(r.document.text) for r in docs]
    parent = list(range(len(docs)))
    reasons: dict[int, set[str]] = defaultdict(set)

    def union(a: int, b: int, reason: str) -> None:
        ra, rb = _find(parent, a), _find(parent, b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
        reasons[a].add(reason)
        reasons[b].add(reason)

    for a, b in _copies(words, config.copy_threshold):
        union(a, b, "copy")
    vectors = _tfidf(words)
    parties = [{m.entity.cluster for m in r.mentions} for r in docs]
    for a, b in _sharing_parties(parties):
        if not _within(docs[a].document.date, docs[b].document.date, config.window_days):
            continue
        shared = len(parties[a] & parties[b])
        overlap = shared / min(len(parties[a]), len(parties[b]))
        score = 0.6 * overlap * min(1.0, shared / 3) + 0.4 * _cosine(vectors[a], vectors[b])
        if shared >= 2 and score >= config.link_threshold:
            union(a, b, "related")
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(docs)):
        groups[_find(parent, i)].append(i)
    ordered = sorted(groups.values(), key=lambda g: (min(_sort_date(docs[i]) for i in g), g[0]))
    return [_story(f"story-{n}", [docs[i] for i in members],
                   sorted({r for i in members for r in reasons[i]}))
            for n, members in enumerate(ordered, start=1)]


def _story(story_id: str, docs: list[TextResult], reasons: list[str]) -> Story:
    counts: Counter[str] = Counter()
    info: dict[str, EntityInfo] = {}
    for doc in docs:
        for mention in doc.mentions:
            info.setdefault(mention.entity.cluster, mention.entity)
        counts.update({m.entity.cluster for m in doc.mentions})
    parties = tuple((info[c], n) for c, n in sorted(counts.items(), key=lambda x: (-x[1], x[0])))
    docs = sorted(docs, key=lambda d: (_sort_date(d), d.document.id))
    return Story(story_id, tuple(docs), parties, tuple(reasons))


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _content_words(text: str) -> list[str]:
    return [k for k in tokenize(text).keys if len(k) >= 3 and not k.isdigit()]


def _copies(words: list[list[str]], threshold: float) -> Iterable[tuple[int, int]]:
    lsh = MinHashLSH(threshold=threshold, num_perm=_NUM_PERM)
    hashes: list[MinHash] = []
    for i, doc in enumerate(words):
        minhash = MinHash(num_perm=_NUM_PERM, seed=7)
        shingles = {" ".join(doc[j : j + _SHINGLE]) for j in range(max(1, len(doc) - _SHINGLE + 1))}
        minhash.update_batch([s.encode("utf-8") for s in shingles])
        hashes.append(minhash)
        for other in lsh.query(minhash):
            if hashes[int(other)].jaccard(minhash) >= threshold:
                yield int(other), i
        lsh.insert(str(i), minhash)


def _tfidf(words: list[list[str]]) -> list[dict[str, float]]:
    df: Counter[str] = Counter()
    for doc in words:
        df.update(set(doc))
    total = len(words)
    vectors: list[dict[str, float]] = []
    for doc in words:
        tf = Counter(doc)
        vec = {w: (1 + math.log(n)) * math.log((1 + total) / (1 + df[w])) for w, n in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({w: v / norm for w, v in vec.items()})
    return vectors


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def _sharing_parties(parties: list[set[str]]) -> Iterable[tuple[int, int]]:
    """Pairs of documents that name at least one party in common (via an inverted index)."""
    by_party: dict[str, list[int]] = defaultdict(list)
    for i, found in enumerate(parties):
        for party in found:
            by_party[party].append(i)
    seen: set[tuple[int, int]] = set()
    for members in by_party.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                pair = (members[x], members[y])
                if pair not in seen:
                    seen.add(pair)
                    yield pair


def _within(left: str | None, right: str | None, days: int) -> bool:
    if not left or not right:
        return True
    try:
        return abs((date.fromisoformat(left[:10]) - date.fromisoformat(right[:10])).days) <= days
    except ValueError:
        return True


def _sort_date(result: TextResult) -> str:
    return result.document.date or "9999"
