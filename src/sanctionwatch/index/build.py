"""Building the screening index from a loaded :class:`Collection`.

Every name of every entity becomes one or more name forms; each form is filed under its
blocking keys; every identifier is filed for exact look-up; every token of four letters or more
gets its one-deletion neighbourhood so that typos find it. ``progress(done, total)``, when
given, hears every :data:`PROGRESS_EVERY` entities how many are filed.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from sanctionwatch.index.core import Index
from sanctionwatch.index.keys import MIN_FUZZY_LENGTH, form_keys
from sanctionwatch.model import Collection, Entity
from sanctionwatch.names import NameForm, entity_name_forms
from sanctionwatch.names.forms import deletions
from sanctionwatch.names.identifiers import ID_PROPERTIES, MIN_ID_LENGTH, normalize_id

#: ``progress(done, total)``: entities filed so far, of how many
BuildProgress = Callable[[int, int], None]
#: how many entities are filed between two calls of the progress callback
PROGRESS_EVERY = 500


def _entity_forms(entity: Entity, shared: dict[tuple[object, ...], Any]) -> list[NameForm]:
    """The distinct forms of an entity's names; repeated flag tuples shared (smaller cache)."""
    return [
        form._replace(
            weak=shared.setdefault(form.weak, form.weak),
            korean=shared.setdefault(form.korean, form.korean),
        )
        for form in entity_name_forms(entity.names(), entity.schema == "Person")
    ]


def _neighbours(vocabulary: set[str]) -> dict[str, str]:
    table: dict[str, list[str]] = defaultdict(list)
    for token in vocabulary:
        if len(token) >= MIN_FUZZY_LENGTH and token.isalpha():
            for variant in deletions(token):
                table[variant].append(token)
    return {k: " ".join(sorted(v)) for k, v in table.items()}


def build_index(collection: Collection, progress: BuildProgress | None = None) -> Index:
    """File every name and identifier of the collection for candidate search."""
    entity_ids: list[str] = []
    name_entity: array[int] = array("I")
    forms: list[NameForm] = []
    entity_names: list[tuple[int, ...]] = []
    postings: dict[str, list[int]] = defaultdict(list)
    identifiers: dict[str, list[int]] = defaultdict(list)
    vocabulary: set[str] = set()
    shared: dict[tuple[object, ...], Any] = {}
    total = len(collection)
    for entity in collection:
        index = len(entity_ids)
        if progress is not None and index % PROGRESS_EVERY == 0:
            progress(index, total)
        entity_ids.append(entity.id)
        names: list[int] = []
        for form in _entity_forms(entity, shared):
            name_id = len(forms)
            forms.append(form)
            name_entity.append(index)
            names.append(name_id)
            vocabulary.update(form.tokens)
            for key in form_keys(form, acronym=entity.schema != "Person"):
                postings[key].append(name_id)
        entity_names.append(tuple(names))
        for prop in ID_PROPERTIES:
            for value in entity.get(prop):
                norm = normalize_id(value, prop)
                if len(norm) >= MIN_ID_LENGTH and index not in identifiers[norm]:
                    identifiers[norm].append(index)
    if progress is not None:
        progress(total, total)
    return Index(
        collection=collection,
        entity_ids=entity_ids,
        name_entity=name_entity,
        forms=forms,
        entity_names=entity_names,
        postings={k: array("I", v).tobytes() for k, v in postings.items()},
        neighbours=_neighbours(vocabulary),
        identifiers={k: tuple(v) for k, v in identifiers.items()},
    )
