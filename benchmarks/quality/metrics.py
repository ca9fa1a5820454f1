"""Classification measures: confusion counts, precision, recall, F1, and a fair threshold."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Confusion:
    """Counts of a binary decision against labels."""

    tp: int = 0
    fp: int = 0
    tn: int = 0
    fn: int = 0

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.tn + self.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {
            "n": self.n,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "tn": self.tn,
            "fn": self.fn,
        }


def confusion(scores: Sequence[float], labels: Sequence[bool], threshold: float) -> Confusion:
    """Counts when ``score >= threshold`` is read as "match"."""
    tp = fp = tn = fn = 0
    for score, label in zip(scores, labels, strict=True):
        predicted = score >= threshold
        if predicted and label:
            tp += 1
        elif predicted:
            fp += 1
        elif label:
            fn += 1
        else:
            tn += 1
    return Confusion(tp=tp, fp=fp, tn=tn, fn=fn)


def best_threshold(scores: Sequence[float], labels: Sequence[bool]) -> tuple[float, Confusion]:
    """The threshold (one of the observed scores) that maximises F1, and its counts.

    Ties go to the higher threshold (fewer alerts for the same F1).
    """
    best: tuple[float, Confusion] = (1.0, confusion(scores, labels, 1.0))
    for threshold in sorted(set(scores), reverse=True):
        counts = confusion(scores, labels, threshold)
        if counts.f1 > best[1].f1:
            best = (threshold, counts)
    return best


def rate(hits: int, total: int) -> float:
    """A share, 0.0 for an empty total."""
    return hits / total if total else 0.0
