"""Real listings and helpers shared by the store tests."""

from __future__ import annotations

from sanctionwatch.model import Entity, Explanation, Feature, Match

KIM = Entity(
    id="un-KPi.033",
    schema="Person",
    properties={
        "name": ("Kim Jong Un",),
        "alias": ("김정은", "Ким Чен Ын"),
        "birthDate": ("1984-01-08",),
        "nationality": ("kp",),
    },
    datasets=("un_sc",),
)
KOMID = Entity(
    id="un-KPe.001",
    schema="Organization",
    properties={"name": ("Korea Mining Development Trading Corporation",), "alias": ("KOMID",)},
    datasets=("un_sc",),
)


def make_match(entity: Entity, score: float) -> Match:
    explanation = Explanation(
        summary=f"name agrees ({score:.2f})",
        features=(Feature("name", score, 1.0, ("Kim Jong-un",), entity.names()),),
    )
    return Match(entity, score, score >= 0.7, explanation, entity.datasets)


def subject_entity(name: str = "Kim Jong-un", **props: tuple[str, ...]) -> Entity:
    return Entity(id="query", schema="Person", properties={"name": (name,), **props})
