"""Candidates: a span of tokens proposed as a mention of one listed party, and the helpers
every way of finding them shares (what joins two words into one name, fuzzy look-up, overlap
resolution)."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import JaroWinkler

#: the least Jaro-Winkler similarity between a written and a listed name token
MIN_TOKEN_SIMILARITY = 0.88
#: what may stand between two words of one name: spaces, a hyphen, an apostrophe, an initial's
#: full stop, and the quotes some presses put around a name (ЧВК «Вагнер», „Wagner“-Gruppe)
_JOINERS = " \t\r\n\xa0-'’.«»„“”‚‘\""


@dataclass(frozen=True, slots=True)
class Link:
    """A candidate (and, once kept, a mention): tokens first..last, the entity, how and how sure."""

    first: int
    last: int
    entity: int
    score: float
    method: str
    #: the name in the lists' form where the text bends it ("wagner group" for
    #: "Wagnergruppe"), what the matching engine scores; empty when written as listed
    read_as: str = ""


def joins(gap: str) -> bool:
    """Whether the text between two tokens keeps them in one name (space, hyphen, apostrophe,
    a possessive "'s", an initial's full stop, one line break)."""
    return gap.strip(_JOINERS) in ("", "s") and "\n\n" not in gap


def fuzzy_lookup(index: dict[str, tuple[str, ...]], key: str) -> list[str]:
    """Indexed words within about two edits of key (deletions on both sides), verified."""
    found: set[str] = set()
    deletes = [key] + [key[:i] + key[i + 1 :] for i in range(len(key))]
    if len(key) >= 7:
        deletes += [d[:i] + d[i + 1 :] for d in deletes[1:] for i in range(len(d))]
    for variant in deletes:
        found.update(index.get(variant, ()))
    return sorted(t for t in found
                  if JaroWinkler.normalized_similarity(key, t) >= MIN_TOKEN_SIMILARITY)


def resolve(candidates: list[Link]) -> list[Link]:
    """Keep the longest, best-scored candidate wherever candidates overlap."""
    order = sorted(candidates, key=lambda c: (c.first - c.last, -c.score, c.entity))
    taken: set[int] = set()
    kept: list[Link] = []
    for cand in order:
        span = range(cand.first, cand.last + 1)
        if any(i in taken for i in span):
            continue
        taken.update(span)
        kept.append(cand)
    return kept
