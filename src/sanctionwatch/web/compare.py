"""The side-by-side view of a subject and a candidate: which values agree or conflict."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

#: properties shown first, in this order; others follow alphabetically
SHOWN_FIRST = ("name", "alias", "weakAlias", "previousName", "birthDate", "birthPlace",
               "nationality", "citizenship", "country", "jurisdiction", "gender", "idNumber",
               "passportNumber", "registrationNumber", "imoNumber", "address", "position")


@dataclass(frozen=True, slots=True)
class Cell:
    value: str
    #: "agree", "conflict" or "" (not compared)
    mark: str


@dataclass(frozen=True, slots=True)
class Row:
    prop: str
    subject: tuple[Cell, ...]
    candidate: tuple[Cell, ...]


def _marks(features: Sequence[Mapping[str, Any]], side: str) -> dict[str, str]:
    """value (folded) -> mark, from the features that compared it."""
    out: dict[str, str] = {}
    for feature in features:
        value = float(feature.get("value", 0.0))
        mark = "agree" if value > 0 else "conflict" if value < 0 else ""
        if not mark:
            continue
        for text in feature.get(side, ()):
            key = str(text).casefold()
            if out.get(key) != "agree":
                out[key] = mark
    return out


def _cells(values: Sequence[str], marks: Mapping[str, str]) -> tuple[Cell, ...]:
    return tuple(Cell(v, marks.get(v.casefold(), "")) for v in values)


def side_by_side(
    subject: Mapping[str, Sequence[str]],
    candidate: Mapping[str, Sequence[str]],
    explanation: Mapping[str, Any],
) -> list[Row]:
    """Rows of property, subject values, candidate values, each value marked."""
    features = list(explanation.get("features", ()))
    left, right = _marks(features, "query"), _marks(features, "candidate")
    props = [p for p in SHOWN_FIRST if p in subject or p in candidate]
    props += sorted((set(subject) | set(candidate)) - set(props))
    return [
        Row(p, _cells(subject.get(p, ()), left), _cells(candidate.get(p, ()), right))
        for p in props
    ]


def highlight(text: str, spans: Sequence[tuple[int, int, Any]]) -> list[tuple[str, Any]]:
    """Split text into (piece, mention-or-None) around non-overlapping spans, in order."""
    pieces: list[tuple[str, Any]] = []
    pos = 0
    for start, end, item in sorted(spans, key=lambda s: s[0]):
        if start < pos:
            continue
        if start > pos:
            pieces.append((text[pos:start], None))
        pieces.append((text[start:end], item))
        pos = end
    if pos < len(text):
        pieces.append((text[pos:], None))
    return pieces
