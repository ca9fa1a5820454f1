"""The screening use case over the store: screen a subject against the index, record it.

Used by the API (``POST /subjects``, ``POST /subjects/{id}/screen``) and the analyst UI. After a
list update the subjects are screened again against only what changed: :mod:`sanctionwatch.monitor`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from sanctionwatch.match import DEFAULT_ALGORITHM, get_algorithm
from sanctionwatch.model import Entity
from sanctionwatch.screen import ScreeningConfig, screen
from sanctionwatch.store.cases import record_screening, save_subject
from sanctionwatch.store.database import Store
from sanctionwatch.store.reads import get_subject
from sanctionwatch.store.records import OwnerHit, ScreeningOutcome, User

if TYPE_CHECKING:
    from sanctionwatch.index import Index

#: candidates kept per screening of a subject
SUBJECT_LIMIT = 10


def screening_config(threshold: float | None = None, algorithm: str | None = None) -> ScreeningConfig:
    algo = get_algorithm(algorithm or DEFAULT_ALGORITHM)
    return ScreeningConfig(
        threshold=algo.threshold if threshold is None else threshold,
        limit=SUBJECT_LIMIT,
        algorithm=algo.NAME,
    )


def screen_subject(
    store: Store, index: Index, subject_id: int, user: User, config: ScreeningConfig,
    owners: Sequence[OwnerHit] = (),
) -> ScreeningOutcome:
    """Screen a stored subject now; opens an alert for new matches at the threshold and for
    the listed owners' matches (``owners``, from the ownership screening)."""
    subject = get_subject(store, subject_id)
    result = screen(index, subject.entity, config)
    return record_screening(store, subject_id, result.matches, threshold=config.threshold,
                            algorithm=config.algorithm, user=user, owners=owners)


def add_and_screen(
    store: Store, index: Index, entity: Entity, user: User, config: ScreeningConfig,
    external_id: str | None = None, owners: Sequence[OwnerHit] = (),
) -> ScreeningOutcome:
    """Store a subject and screen it at once: a new one, or the one already stored under
    ``external_id``, updated (``is_new_subject`` says which). Its matches already on its
    alerts do not alert again; new ones join its open alert, if it has one. ``owners``: its
    listed owners' matches with the ownership verdict, alerted beside its own."""
    subject, is_new = save_subject(store, entity, user, external_id=external_id)
    outcome = screen_subject(store, index, subject.id, user, config, owners)
    return replace(outcome, is_new_subject=is_new)
