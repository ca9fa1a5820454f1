"""Matching: score how likely two entities describe the same party, and say why.

:func:`compare` takes two :class:`~sanctionwatch.model.Entity` objects or FollowTheMoney entity
dicts of any schema and returns a :class:`~sanctionwatch.model.CompareResult`: a calibrated
score in [0, 1], whether it reaches the algorithm's threshold, and an explanation listing each
feature with its value, weight and the values compared. Algorithms are strategies registered
by ``NAME`` in :data:`ALGORITHMS`; :data:`DEFAULT_ALGORITHM` is the best we have measured.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sanctionwatch.exc import QueryError
from sanctionwatch.match.logic import Algorithm, LogicV1, NameBasic, default_algorithm
from sanctionwatch.match.names import NameScore, compare_forms, compare_names
from sanctionwatch.match.prepared import PreparedEntity, prepare
from sanctionwatch.model import CompareResult, Entity
from sanctionwatch.names.identifiers import normalize_id

_DEFAULT = default_algorithm()
#: every algorithm by NAME
ALGORITHMS: dict[str, Algorithm] = {_DEFAULT.NAME: _DEFAULT, NameBasic.NAME: NameBasic()}
DEFAULT_ALGORITHM: str = _DEFAULT.NAME
DEFAULT_THRESHOLD: float = _DEFAULT.threshold


def get_algorithm(name: str | None = None) -> Algorithm:
    """The algorithm registered under ``name`` (the default when None)."""
    algorithm = ALGORITHMS.get(name or DEFAULT_ALGORITHM)
    if algorithm is None:
        known = ", ".join(sorted(ALGORITHMS))
        raise QueryError(f"algorithm {name!r} is unknown; known: {known}")
    return algorithm


def compare(
    left: Entity | Mapping[str, Any],
    right: Entity | Mapping[str, Any],
    algorithm: str | None = None,
) -> CompareResult:
    """Score two entities (Entity objects or FollowTheMoney dicts) with an algorithm."""
    return get_algorithm(algorithm).compare(prepare(left), prepare(right))


__all__ = [
    "ALGORITHMS",
    "DEFAULT_ALGORITHM",
    "DEFAULT_THRESHOLD",
    "Algorithm",
    "LogicV1",
    "NameBasic",
    "NameScore",
    "PreparedEntity",
    "compare",
    "compare_forms",
    "compare_names",
    "get_algorithm",
    "normalize_id",
    "prepare",
]
