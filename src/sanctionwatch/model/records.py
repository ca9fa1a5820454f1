"""Our own records: what a screening returns and why.

A :class:`Match` is one scored candidate with its :class:`Explanation`: every feature that
contributed, its value, its weight and the query and candidate values it compared.
"""

from __future__ import annotations

from dataclasses import dataclass

from sanctionwatch.model.collection import SourceInfo
from sanctionwatch.model.entity import Entity
from sanctionwatch.model.relation import Related


@dataclass(frozen=True, slots=True)
class Feature:
    """One scoring feature as computed for one pair."""

    name: str
    #: the feature's value for this pair, in [-1, 1]: positive supports a match,
    #: negative speaks against (e.g. a conflicting birth date); 0 = no evidence
    value: float
    #: the weight the algorithm gives this feature
    weight: float
    query_values: tuple[str, ...] = ()
    candidate_values: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a pair scored what it did: a one-line summary and the features behind it."""

    summary: str
    features: tuple[Feature, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "summary": self.summary,
            "features": [
                {
                    "name": f.name,
                    "value": round(f.value, 4),
                    "weight": round(f.weight, 4),
                    "query": list(f.query_values),
                    "candidate": list(f.candidate_values),
                    "note": f.note,
                }
                for f in self.features
            ],
        }


@dataclass(frozen=True, slots=True)
class CompareResult:
    """The score of one pair of entities, whether it is a match, and why."""

    score: float
    match: bool
    explanation: Explanation
    algorithm: str


@dataclass(frozen=True, slots=True)
class Match:
    """One scored candidate of a screening."""

    entity: Entity
    score: float
    is_match: bool
    explanation: Explanation
    #: datasets of every listing of the party (cross-list links included)
    datasets: tuple[str, ...]
    #: ids of the other listings of the same party
    linked: tuple[str, ...] = ()
    #: the listed parties one step away (stated relationships), with the publisher's words
    related: tuple[Related, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.entity.id,
            "caption": self.entity.caption,
            "schema": self.entity.schema,
            "datasets": list(self.datasets),
            "linked": list(self.linked),
            "score": round(self.score, 4),
            "match": self.is_match,
            "explanation": self.explanation.to_dict(),
            "related": [r.to_dict() for r in self.related],
        }


@dataclass(frozen=True, slots=True)
class ScreeningResult:
    """A query and its ranked matches, best first."""

    query: Entity
    matches: tuple[Match, ...]
    threshold: float
    algorithm: str
    #: the lists screened against (each loaded complete): name, version, records
    lists: tuple[SourceInfo, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "query": {
                "schema": self.query.schema,
                "properties": {k: list(v) for k, v in self.query.properties.items()},
            },
            "threshold": self.threshold,
            "algorithm": self.algorithm,
            "lists": list_stamps(self.lists),
            "matches": [m.to_dict() for m in self.matches],
        }


def list_stamps(sources: tuple[SourceInfo, ...]) -> list[dict[str, object]]:
    """What a result says of the lists it was screened against: each one's name, version and
    records (a list is loaded complete or not at all)."""
    return [{"name": s.name, "version": s.version, "records": s.records} for s in sources]
