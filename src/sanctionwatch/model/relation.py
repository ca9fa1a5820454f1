"""Relationships the publishers state between listed parties, as FollowTheMoney entities.

A :class:`Relation` is one FtM relationship entity (``UnknownLink``, ``Ownership``,
``Directorship``, ``Employment``, ``Family``, ...) between two listed entities, with the
publisher's own words as its reason and the dataset that says so. ``source`` is the side that
states it (the subject, owner, director, employee, person), ``target`` the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

#: FtM relationship schema -> (property of the source side, property of the target side)
RELATION_PROPERTIES: dict[str, tuple[str, str]] = {
    "UnknownLink": ("subject", "object"),
    "Ownership": ("owner", "asset"),
    "Directorship": ("director", "organization"),
    "Employment": ("employee", "employer"),
    "Family": ("person", "relative"),
    "Associate": ("person", "associate"),
}

#: FtM relationship schema -> (the reverse property on the source side's entity, on the
#: target side's): an Ownership appears on its owner as ``ownershipOwner``
REVERSE_PROPERTIES: dict[str, tuple[str, str]] = {
    "UnknownLink": ("unknownLinkFrom", "unknownLinkTo"),
    "Ownership": ("ownershipOwner", "ownershipAsset"),
    "Directorship": ("directorshipDirector", "directorshipOrganization"),
    "Employment": ("employers", "employees"),
    "Family": ("familyPerson", "familyRelative"),
    "Associate": ("associates", "associations"),
}


class Relation(NamedTuple):
    """One stated relationship between two listed entities (a named tuple: the lists state
    thousands, and a new process unpickles them all from the index cache, five times faster
    than frozen dataclasses)."""

    id: str
    schema: str
    source: str
    target: str
    #: the publisher's words ("Linked To: PRIGOZHIN, Yevgeniy Viktorovich")
    reason: str
    dataset: str
    #: a short role in our words: "linked to", "owner", "operator", "official of", ...
    role: str = ""
    #: Ownership: the share held, in percent, where stated
    percentage: float | None = None

    def to_ftm(self) -> dict[str, Any]:
        """FollowTheMoney entity JSON of the relationship."""
        left, right = RELATION_PROPERTIES[self.schema]
        props: dict[str, list[str]] = {left: [self.source], right: [self.target]}
        if self.reason:
            props["description"] = [self.reason]
        if self.role:
            props["relationship" if self.schema in ("Family", "Associate") else "role"] = [
                self.role]
        if self.percentage is not None:
            props["percentage"] = [f"{self.percentage:g}"]
        # a caption as FtM gives an unnamed relationship (yente's clients require one)
        return {"id": self.id, "caption": self.role or self.schema, "schema": self.schema,
                "properties": props,
                "datasets": [self.dataset] if self.dataset else []}


@dataclass(frozen=True, slots=True)
class Related:
    """A listed party one step away from a match, and how it is related."""

    entity_id: str
    caption: str
    schema: str
    datasets: tuple[str, ...]
    relation: str
    role: str
    #: "outgoing" when the match states it (the match is subject/owner/employee), else
    #: "incoming"
    direction: str
    reason: str
    dataset: str
    relation_id: str

    def to_dict(self) -> dict[str, object]:
        return {"id": self.entity_id, "caption": self.caption, "schema": self.schema,
                "datasets": list(self.datasets), "relation": self.relation, "role": self.role,
                "direction": self.direction, "reason": self.reason, "source": self.dataset,
                "relation_id": self.relation_id}
