"""Risk context: which categories of sanctions risk the words around a mention point to.

A cue ("sanctions", "artillery shells", "ship-to-ship", "laundering") found in a sentence puts
that sentence in the cue's category; a mention's risk is the union over its own sentence and
the sentences on either side, each category with the cue words that set it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from sanctionwatch.text.lexicon import Cue, RiskLexicon
from sanctionwatch.text.tokens import Tokens, sentence_index


@dataclass(frozen=True, slots=True)
class CueHit:
    """One cue found in a text."""

    category: str
    #: the words as written in the text
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Risk:
    """One category of risk around a mention, and the cue words that set it."""

    category: str
    label: str
    cues: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {"category": self.category, "label": self.label, "cues": list(self.cues)}


def find_cues(tokens: Tokens, lexicon: RiskLexicon) -> list[CueHit]:
    """Every cue in the text, in order."""
    hits: list[CueHit] = []
    keys = tokens.keys
    count = len(keys)
    starting = {k: c for k in set(keys) if (c := _cues_starting(lexicon, k))}
    if not starting:
        return hits
    for i, key in enumerate(keys):
        if key not in starting:
            continue
        for category, cue in starting[key]:
            end = i + len(cue.keys)
            if end > count:
                continue
            if len(cue.keys) > 1:
                tail = keys[end - 1]
                if not (tail.startswith(cue.keys[-1]) if cue.is_prefix else tail == cue.keys[-1]):
                    continue
                if any(keys[i + j] != cue.keys[j] for j in range(1, len(cue.keys) - 1)):
                    continue
            hits.append(CueHit(category, tokens.surface(i, end - 1), tokens.starts[i],
                               tokens.ends[end - 1]))
    return hits


@lru_cache(maxsize=131072)
def _cues_starting(lexicon: RiskLexicon, key: str) -> tuple[tuple[str, Cue], ...]:
    """The cues that may start at a token with this key (single-token cues fully checked)."""
    out: list[tuple[str, Cue]] = []
    for category, cue in lexicon.exact.get(key, ()):
        out.append((category, cue))
    for size in range(min(len(key), 16), 2, -1):
        out.extend(lexicon.prefixes.get(key[:size], ()))
    return tuple(out)


def sentence_risks(
    cues: Sequence[CueHit], sentence_starts: list[int], lexicon: RiskLexicon
) -> list[dict[str, list[str]]]:
    """Per sentence: category -> cue words (lower-cased, first-seen order)."""
    out: list[dict[str, list[str]]] = [{} for _ in sentence_starts]
    for cue in cues:
        if not out:
            break
        bucket = out[sentence_index(sentence_starts, cue.start)].setdefault(cue.category, [])
        word = cue.text.lower()
        if word not in bucket:
            bucket.append(word)
    return out


def risk_around(
    per_sentence: Sequence[dict[str, list[str]]], index: int, lexicon: RiskLexicon, window: int = 1
) -> tuple[Risk, ...]:
    """The risks of sentence ``index`` and its neighbours, in the lexicon's category order."""
    merged: dict[str, list[str]] = {}
    for i in range(max(0, index - window), min(len(per_sentence), index + window + 1)):
        for category, words in per_sentence[i].items():
            bucket = merged.setdefault(category, [])
            bucket.extend(w for w in words if w not in bucket)
    return tuple(
        Risk(c.key, c.label, tuple(merged[c.key])) for c in lexicon.categories if c.key in merged
    )


def document_risks(
    per_sentence: Sequence[dict[str, list[str]]], lexicon: RiskLexicon
) -> tuple[Risk, ...]:
    """Every risk category anywhere in the document."""
    return risk_around(per_sentence, 0, lexicon, window=len(per_sentence))
