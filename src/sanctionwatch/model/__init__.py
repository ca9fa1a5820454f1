"""The data model: FollowTheMoney-shaped entities and our screening records.

Everything above this layer speaks in these types: :class:`Entity` (a listed party or a query),
:class:`Collection` (the loaded lists with their cross-list links), and the records a screening
produces: :class:`Match`, :class:`Explanation`, :class:`Feature`, :class:`ScreeningResult`,
:class:`CompareResult`; and :func:`make_query`, which checks what a user asks to screen.
"""

from sanctionwatch.model.collection import Collection, Link, SourceInfo
from sanctionwatch.model.entity import NAME_PROPERTIES, Entity, Properties, make_properties
from sanctionwatch.model.query import check_date, make_query
from sanctionwatch.model.records import (
    CompareResult,
    Explanation,
    Feature,
    Match,
    ScreeningResult,
)
from sanctionwatch.model.relation import RELATION_PROPERTIES, Related, Relation

__all__ = [
    "NAME_PROPERTIES",
    "RELATION_PROPERTIES",
    "Collection",
    "CompareResult",
    "Entity",
    "Explanation",
    "Feature",
    "Link",
    "Match",
    "Properties",
    "Related",
    "Relation",
    "ScreeningResult",
    "SourceInfo",
    "check_date",
    "make_properties",
    "make_query",
]
