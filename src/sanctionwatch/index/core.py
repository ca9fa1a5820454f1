"""The in-memory screening index and its candidate search.

Each listed name form gets a *name id*; blocking keys map to sorted arrays of name ids. A query
looks up its tokens' keys (exact, phonetic, Korean, skeleton, typo neighbours, joined pairs,
initials), weighs each hit by the token's rarity (inverse document frequency over the listed
names) and the kind of hit, and returns the best-scoring entities with the names that hit.
Identifiers are looked up exactly. No query ever walks the whole list of names.
"""

from __future__ import annotations

import heapq
import math
from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from operator import itemgetter

from rapidfuzz.distance import OSA

from sanctionwatch.index.keys import (
    MIN_FUZZY_LENGTH,
    ROMAN_QUALITY,
    SKELETON,
    deletions2,
    token_keys,
)
from sanctionwatch.model import Collection
from sanctionwatch.names import INITIAL_WEIGHT, SKELETON_SCRIPTS, NameForm
from sanctionwatch.names.forms import deletions

#: a key carried by more names than this is only used to rank candidates found otherwise
COMMON_KEY = 400
#: how many of a candidate's names (the best hits) are scored in full
NAMES_PER_CANDIDATE = 3
#: how many query tokens' look-ups are remembered (when full, the older half is forgotten)
TOKEN_CACHE = 20000
#: typo neighbours must be at least this similar (normalised Levenshtein)
FUZZY_CUTOFF = 0.75


def typo_quality(token: str, other: str) -> float:
    """What a hit of ``token`` on the listed ``other`` through the typo neighbourhood is worth:
    0.95 of their similarity, nothing under :data:`FUZZY_CUTOFF`."""
    return OSA.normalized_similarity(token, other, score_cutoff=FUZZY_CUTOFF) * 0.95


@dataclass(frozen=True, slots=True)
class TokenEntry:
    """What one query token contributes: its weight, its keys, the names its rare keys hit."""

    weight: float
    keys: tuple[tuple[str, float], ...]
    hits: dict[int, float]


@dataclass(frozen=True, slots=True)
class Candidate:
    """An entity the search proposes, with its rough score and the name ids that hit."""

    entity: int
    score: float
    names: tuple[int, ...]


@dataclass(repr=False)
class Index:
    """Blocking keys over every listed name and exact identifier look-ups. Picklable."""

    collection: Collection
    #: entity index -> entity id
    entity_ids: list[str]
    #: name id -> entity index, and name id -> its form
    name_entity: array[int]
    forms: Sequence[NameForm]
    #: entity index -> its name ids
    entity_names: list[tuple[int, ...]]
    #: blocking key -> sorted name ids, as the bytes of an unsigned-int array (compact, and
    #: fast to load: one bytes object per key); read them with :meth:`posting`
    postings: dict[str, bytes]
    #: typo neighbourhood: a token with one character deleted -> the vocabulary tokens it
    #: comes from, joined by spaces (one string per entry: compact and fast to load)
    neighbours: Mapping[str, str]
    #: normalised identifier -> entity indexes
    identifiers: dict[str, tuple[int, ...]]
    #: entity id -> its comparison record, filled by the screening layer (opaque here)
    prepared: dict[str, object] = field(default_factory=dict)
    #: key -> how many name forms carry it, and how many forms there are, in the index whose
    #: token weights this one borrows (a list change's small index weighs names as the whole
    #: list does); None: its own
    reference: dict[str, int] | None = None
    reference_size: int = 0
    _sets: dict[str, frozenset[int]] = field(default_factory=dict)
    _cache: dict[tuple[str, bool, str | None, frozenset[str]], TokenEntry] = field(
        default_factory=dict
    )

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state["_sets"] = {}
        state["_cache"] = {}
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._sets = {}
        self._cache = {}

    def __repr__(self) -> str:
        return f"<Index {len(self.entity_ids)} entities, {len(self.forms)} name forms>"

    def clear_caches(self) -> None:
        """Forget remembered token look-ups (benchmarks measure unseen queries with it)."""
        self._cache.clear()
        self._sets.clear()

    @property
    def size(self) -> int:
        """How many name forms the token weights are counted over."""
        return len(self.forms) if self.reference is None else self.reference_size

    def idf(self, key: str) -> float:
        """Inverse document frequency of a key over the listed name forms, in the smoothed form
        that stays positive: over a handful of names a token they all carry still counts (the
        plain ``log(N / n)`` would weigh it zero, and a small index would find nothing)."""
        count = self.count(key)
        return math.log(1.0 + (self.size - count + 0.5) / (count + 0.5))

    def token_weight(self, token: str) -> float:
        """A query token's weight in the search, reckoned from the token alone: its rarity
        (the most for a token not listed, which the search may weigh less by its keys); an
        initial weighs less."""
        weight = self.idf(token)
        return weight * INITIAL_WEIGHT if len(token) == 1 else weight

    def count(self, key: str) -> int:
        """How many name forms carry a key (in the reference index, where there is one)."""
        if self.reference is not None:
            return self.reference.get(key, 0)
        return len(self.postings.get(key, b"")) // 4

    def borrow_weights(self, other: Index) -> None:
        """Weigh tokens by their rarity in ``other`` from now on (see :attr:`reference`)."""
        self.reference = {k: len(v) // 4 for k, v in other.postings.items()}
        self.reference_size = other.size
        self._cache.clear()

    def posting(self, key: str) -> Sequence[int]:
        """The name ids filed under a key (empty when none)."""
        return memoryview(self.postings.get(key, b"")).cast("I")

    def _posting_set(self, key: str) -> frozenset[int]:
        found = self._sets.get(key)
        if found is None:
            found = frozenset(self.posting(key))
            self._sets[key] = found
        return found

    def typo_neighbours(self, token: str) -> dict[str, float]:
        """Listed tokens within two edits of ``token`` -> similarity."""
        if len(token) < MIN_FUZZY_LENGTH:
            return {}
        postings, get = self.postings, self.neighbours.get
        variants = deletions(token)
        # the listed tokens one deletion away, and those sharing a deletion: one string split
        found = set(" ".join([get(token, ""), *(get(v, "") for v in variants)]).split())
        found.update(filter(postings.__contains__, variants))
        if len(token) >= 7:
            found.update(filter(postings.__contains__, deletions2(token)))
        out: dict[str, float] = {}
        for other in found:
            if other != token and (quality := typo_quality(token, other)):
                out[other] = quality
        return out

    def _token_entry(self, form: NameForm, i: int) -> TokenEntry:
        """A query token's keys, its weight and the names its rare keys hit; remembered per
        token (tokens recur across queries: given names, common surnames)."""
        token = form.tokens[i]
        use_skeleton = form.script in SKELETON_SCRIPTS
        cache_key = (token, use_skeleton, form.korean[i], form.roman[i])
        entry = self._cache.get(cache_key)
        if entry is not None:
            return entry
        keys = [(k, q) for k, q in token_keys(form, i) if use_skeleton or k[0] != SKELETON]
        keys.extend((k, ROMAN_QUALITY) for k in form.roman[i] if k != token and k in self.postings)
        if token not in self.postings:
            keys.extend(self.typo_neighbours(token).items())
        # a token not listed is the rarest of its keys (it is one of them, carried by none)
        weight = self.idf(token)
        if len(token) == 1:
            weight *= INITIAL_WEIGHT
        entry = TokenEntry(weight, tuple(keys), self._hits(keys, rare_only=True))
        if len(self._cache) >= TOKEN_CACHE:
            for old in list(islice(self._cache, TOKEN_CACHE // 2)):
                del self._cache[old]
        self._cache[cache_key] = entry
        return entry

    def _hits(self, keys: Iterable[tuple[str, float]], rare_only: bool) -> dict[int, float]:
        hits: dict[int, float] = {}
        postings, reference = self.postings, self.reference
        for key, quality in keys:
            posting = postings.get(key)
            if posting is None or quality <= 0.0:
                continue
            if rare_only and (len(posting) // 4 if reference is None else reference.get(key, 0)
                              ) > COMMON_KEY:
                continue  # as self.count(key), without looking the key up again
            found = dict.fromkeys(memoryview(posting).cast("I"), quality)
            if not hits:
                hits = found
                continue
            # names hit already keep their place, raised to this quality; the others follow
            # in the posting's order
            for name in found.keys() & hits.keys():
                del found[name]
                hits[name] = max(hits[name], quality)
            hits.update(found)
        return hits

    def _positions(self, form: NameForm) -> list[TokenEntry]:
        """Per query token (weak ones skipped) its entry; names hit by the token joined with
        the next one (``jong un`` -> ``jongun``) count for it too."""
        strong = [i for i, weak in enumerate(form.weak) if not weak] or list(
            range(len(form.tokens))
        )
        out = []
        for pos, i in enumerate(strong):
            entry = self._token_entry(form, i)
            if pos + 1 < len(strong):
                joined = form.tokens[i] + form.tokens[strong[pos + 1]]
                if joined in self.postings:
                    hits = dict(entry.hits)
                    for name in self.posting(joined):
                        hits[name] = max(hits.get(name, 0.0), 0.95)
                    entry = TokenEntry(entry.weight, (*entry.keys, (joined, 0.95)), hits)
            out.append(entry)
        return out

    def search_form(
        self,
        form: NameForm,
        acc: dict[int, float],
        acronyms: bool = True,
        min_share: float = 0.0,
        floor: float = 0.0,
    ) -> None:
        """Add one query form's rough name scores (share of its token weight hit) to acc.

        Rare tokens are taken heaviest first; a name is not started by a hit that, with all the
        weight still to come, could not lift it to ``min_share`` (it could not qualify). Into
        an empty acc only names with at least ``floor`` of the share enter."""
        positions = self._positions(form)
        total = sum(e.weight for e in positions) or 1.0
        rare = sorted((e for e in positions if e.hits), key=lambda e: -e.weight)
        common = [e for e in positions
                  if not e.hits and any(k in self.postings for k, _ in e.keys)]
        to_come = sum(e.weight for e in rare) + sum(e.weight for e in common)
        needed = min_share * total
        scores: dict[int, float] = {}
        for entry in rare:
            weight = entry.weight
            to_come -= weight
            # the least hit quality with which a name first hit here can still reach the share
            lowest = (needed - to_come) / weight - 1e-9 if weight else 0.0
            if not scores:  # the first rare token starts the names it hits well enough
                scores = {name: weight * quality for name, quality in entry.hits.items()
                          if quality >= lowest}
            elif lowest <= 0.0:
                get = scores.get
                for name, quality in entry.hits.items():
                    scores[name] = get(name, 0.0) + weight * quality
            else:  # the names started are raised, hits good enough start others (in order)
                hits = entry.hits
                for name in hits.keys() & scores.keys():
                    scores[name] += weight * hits[name]
                scores.update({name: weight * quality for name, quality in hits.items()
                               if quality >= lowest and name not in scores})
        for entry in common:
            self._add_common(entry.weight, list(entry.keys), scores)
        acronym = form.acronym if acronyms and len(form.tokens) > 1 else ""
        if len(acronym) >= 3:
            for name in self.posting(acronym):
                scores[name] = max(scores.get(name, 0.0), 0.85 * total)
        if not acc:
            acc.update({name: share for name, value in scores.items()
                        if value > 0.0 and (share := value / total) >= floor})
            return
        for name, value in scores.items():
            share = value / total
            if share > acc.get(name, 0.0):
                acc[name] = share

    def _add_common(
        self, weight: float, keys: list[tuple[str, float]], scores: dict[int, float]
    ) -> None:
        """A token on many names: credit the names found already; if none, take them all."""
        if not scores:
            for name, quality in self._hits(keys, rare_only=False).items():
                scores[name] = weight * quality
            return
        for key, quality in keys:
            if key not in self.postings:
                continue
            for name in self._posting_set(key).intersection(scores):
                scores[name] += weight * quality
            break

    def search(
        self,
        forms: Sequence[NameForm],
        identifiers: Iterable[str],
        limit: int,
        acronyms: bool = True,
        min_share: float = 0.0,
    ) -> list[Candidate]:
        """The ``limit`` best entities for a query's name forms and normalised identifiers
        (``acronyms``: whether a name may also stand for its initials, not for people;
        ``min_share``: names with less of the query's token weight found are left out)."""
        acc: dict[int, float] = {}
        # one form (most queries): only the names that qualify enter acc; of several forms,
        # the first places every name (a name's place in acc breaks ties below)
        floor = min_share if len(forms) == 1 else 0.0
        for form in forms:
            self.search_form(form, acc, acronyms, min_share, floor)
        kept = [item for item in acc.items() if item[1] >= min_share]
        best_names = heapq.nlargest(limit * 8, kept, key=itemgetter(1))
        by_entity: dict[int, tuple[float, list[int]]] = {}
        for name, score in best_names:
            entity = self.name_entity[name]
            found = by_entity.get(entity)
            if found is None:
                by_entity[entity] = (score, [name])
            elif len(found[1]) < NAMES_PER_CANDIDATE:
                found[1].append(name)
        for value in identifiers:
            for entity in self.identifiers.get(value, ()):
                best, names = by_entity.get(entity, (0.0, []))
                by_entity[entity] = (best + 1.0, names)
        top = heapq.nlargest(limit, by_entity.items(), key=_entity_score)
        return [Candidate(e, score, tuple(names)) for e, (score, names) in top]


def _entity_score(item: tuple[int, tuple[float, list[int]]]) -> float:
    return item[1][0]
