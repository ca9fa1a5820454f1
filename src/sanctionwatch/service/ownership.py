"""The 50% rule for ``POST /subjects``: the subject's owners screened, its blocked share.

A subject may come with ``parties`` (its owners and their owners, each with an id) and
``ownerships`` (FtM Ownership: ``owner``, ``asset``, ``percentage``), which name the subject by
``"subject"`` (or by its ``external_id``). Every party is screened against the lists; those with
a match are the listed owners, and networks/ownership.py computes the share they hold in the
subject, directly and through chains. A verdict other than clear opens (or extends) the
subject's alert with the listed owners' matches, the verdict stored as their explanation.
"""

from __future__ import annotations

from typing import Any

from sanctionwatch.exc import InputError
from sanctionwatch.index import Index
from sanctionwatch.model import Entity, Match, make_query
from sanctionwatch.networks.ownership import blocked_ownership, read_holdings
from sanctionwatch.screen import ScreeningConfig, screen
from sanctionwatch.service.schemas import OwnershipOut, SubjectIn
from sanctionwatch.store import OwnerHit

#: the id ownerships give the subject itself
SUBJECT = "subject"


def owner_parties(body: SubjectIn) -> dict[str, Entity]:
    """The parties beside the subject as checked queries, by id."""
    parties: dict[str, Entity] = {}
    for party in body.parties:
        if party.id in (SUBJECT, body.external_id) or party.id in parties:
            raise InputError(f"parties: the id {party.id!r} is the subject's or given twice")
        parties[party.id] = make_query(party.id, party.schema_, party.properties)
    return parties


def subject_ownership(index: Index, body: SubjectIn, parties: dict[str, Entity],
                      config: ScreeningConfig,
                      threshold: float) -> tuple[OwnershipOut, list[OwnerHit]]:
    """Screen every party and compute the subject's ownership verdict; with it, the listed
    owners' matches to alert on the subject (none when it is clear)."""
    found: dict[str, list[Match]] = {}
    for party_id, entity in parties.items():
        hits = [m for m in screen(index, entity, config).matches if m.is_match]
        if hits:
            found[party_id] = hits
    listed = {party: [m.entity.id for m in hits] for party, hits in found.items()}
    holdings = read_holdings([_ownership(o.id, o.properties, body.external_id, n)
                              for n, o in enumerate(body.ownerships, 1)], {SUBJECT, *parties})
    verdict = blocked_ownership(holdings, listed, threshold).get(SUBJECT)
    if verdict is None:
        return OwnershipOut(status="clear", blocked_share=0.0, blocked=False, chains=[],
                            notes=[], listed_owners=listed), []
    chains = [list(c) for c in verdict.chains]
    names = {SUBJECT: body.properties.get("name", [SUBJECT])[0],
             **{p: parties[p].caption for c in chains for p in c if p in parties}}
    out = OwnershipOut(
        status="blocked by ownership" if verdict.blocked else "alert: listed owner",
        blocked_share=round(verdict.blocked_share, 4), blocked=verdict.blocked,
        chains=chains, notes=list(verdict.notes), listed_owners=listed, names=names)
    owners = {c[0] for c in chains} or {h.owner for h in holdings if h.asset == SUBJECT}
    return out, [OwnerHit(m, {**out.model_dump(), "party": _party(party, parties[party])})
                 for party in sorted(owners & set(found)) for m in found[party]]


def _party(party_id: str, entity: Entity) -> dict[str, Any]:
    return {"id": party_id, "schema": entity.schema,
            "properties": {k: list(v) for k, v in entity.properties.items() if v}}


def _ownership(ownership_id: str | None, properties: dict[str, list[str]],
               external_id: str | None, position: int) -> dict[str, Any]:
    props = {k: [SUBJECT if external_id and v == external_id else v for v in values]
             for k, values in properties.items()}
    return {"id": ownership_id or f"ownerships[{position}]", "properties": props}
