"""Ownership screening: the share of a company blocked parties hold, directly and through
chains (OFAC's 50 percent rule; the EU's and UK's ownership tests).

A customer comes with FollowTheMoney ``Ownership`` entities (``owner``, ``asset``,
``percentage``) beside its parties, by id. Given which parties screening found listed, each
company's *blocked share* is the sum of the shares its blocked owners hold; at ``threshold``
(default 0.5) or more the company is *blocked by ownership* and blocks, in turn, what it owns.
The blocked set only grows, so the computation reaches its fixed point in at most one round
per party: cycles terminate. Chains explain it: ``[listed owner, holding, ..., company]``,
each step through an owner blocked earlier than the company it owns.

Stated assumptions (each reported as a note, never a crash):

- ``percentage`` is in percent, as FtM writes it ("30", "30%", "30.5"); a value outside
  [0, 100] or not a number is an :class:`~sanctionwatch.exc.InputError` naming the ownership;
- a missing percentage counts 0 towards the share (a listed owner still raises an alert);
- holdings of one company adding up to more than 100% are used as given; the blocked share is
  capped at 1;
- an owner or asset that is not a party of the input is an InputError naming both ids.

Pure code: no I/O.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sanctionwatch.exc import InputError

__all__ = ["DEFAULT_THRESHOLD", "Holding", "OwnershipResult", "blocked_ownership",
           "read_holdings"]

#: the share of blocked owners that blocks a company (OFAC: 50 percent or more, in aggregate)
DEFAULT_THRESHOLD = 0.5
#: at most this many chains are listed for one company
MAX_CHAINS = 20
_PERCENT = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*%?\s*$")


@dataclass(frozen=True, slots=True)
class Holding:
    """One ownership: who holds what share (a fraction in [0, 1]; None when not stated)."""

    id: str
    owner: str
    asset: str
    share: float | None


@dataclass(frozen=True, slots=True)
class OwnershipResult:
    """A company's ownership verdict: the share blocked owners hold, whether that blocks it,
    the chains that prove it, and the assumptions made on the way."""

    asset: str
    blocked_share: float
    blocked: bool
    chains: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {"blocked_share": round(self.blocked_share, 4), "blocked": self.blocked,
                "chains": [list(c) for c in self.chains], "notes": list(self.notes)}


def _share(raw: Any, ownership_id: str) -> float | None:
    values = raw if isinstance(raw, list) else [raw]
    values = [v for v in values if v not in (None, "")]
    if not values:
        return None
    match = _PERCENT.match(str(values[0]))
    if match is None:
        raise InputError(f"ownership {ownership_id!r}: percentage {values[0]!r} is not a number "
                         "of percent (e.g. 30 or 30%)")
    percent = float(match.group(1).replace(",", "."))
    if percent > 100:
        raise InputError(f"ownership {ownership_id!r}: percentage {values[0]!r} is over 100%")
    return percent / 100


def read_holdings(ownerships: Iterable[Mapping[str, Any]], parties: Iterable[str]) -> list[Holding]:
    """Holdings from FtM ``Ownership`` entity dicts, checked against the parties' ids."""
    known = set(parties)
    out: list[Holding] = []
    for position, data in enumerate(ownerships, 1):
        ownership_id = str(data.get("id") or f"ownership #{position}")
        props = data.get("properties", {})
        if not isinstance(props, Mapping):
            raise InputError(f"ownership {ownership_id!r}: 'properties' must be an object")
        sides = []
        for prop in ("owner", "asset"):
            values = props.get(prop) or []
            value = values[0] if isinstance(values, list) and values else values
            if not isinstance(value, str) or not value:
                raise InputError(f"ownership {ownership_id!r}: give its {prop} (a party's id)")
            if value not in known:
                raise InputError(f"ownership {ownership_id!r}: its {prop} {value!r} is not the "
                                 "id of a party of the input")
            sides.append(value)
        out.append(Holding(ownership_id, sides[0], sides[1],
                           _share(props.get("percentage"), ownership_id)))
    return out


def _blocked_rounds(holdings: list[Holding], listed: set[str],
                    threshold: float) -> tuple[dict[str, int], dict[str, float]]:
    """Round in which each party became blocked (0: listed), and every asset's blocked share."""
    rounds = {party: 0 for party in listed}
    by_asset: dict[str, list[Holding]] = defaultdict(list)
    for holding in holdings:
        by_asset[holding.asset].append(holding)
    level = 0
    while True:
        level += 1
        shares = {asset: min(1.0, math.fsum(h.share or 0.0 for h in held if h.owner in rounds))
                  for asset, held in by_asset.items()}
        new = [a for a, s in shares.items() if s >= threshold and a not in rounds]
        if not new:
            return rounds, shares
        for asset in new:
            rounds[asset] = level


def _chains(asset: str, by_asset: Mapping[str, list[Holding]],
            rounds: Mapping[str, int]) -> list[tuple[str, ...]]:
    """Chains from listed owners to the asset, each step through an owner blocked earlier."""
    out: list[tuple[str, ...]] = []
    limit = rounds.get(asset, math.inf)
    for holding in sorted(by_asset.get(asset, ()), key=lambda h: (h.owner, h.id)):
        owner_round = rounds.get(holding.owner)
        if owner_round is None or owner_round >= limit or not holding.share:
            continue
        if owner_round == 0:
            out.append((holding.owner, asset))
        else:
            out.extend((*chain, asset) for chain in _chains(holding.owner, by_asset, rounds))
        if len(out) >= MAX_CHAINS:
            break
    return out[:MAX_CHAINS]


def _notes(asset: str, held: list[Holding], listed_owners: set[str]) -> tuple[str, ...]:
    notes = [f"{h.id}: the share of {h.owner} in {asset} is not stated; counted as 0"
             for h in held if h.share is None and h.owner in listed_owners]
    total = math.fsum(h.share or 0.0 for h in held)
    if total > 1.0 + 1e-9:
        notes.append(f"the holdings of {asset} add up to {total:.0%}; used as given, the "
                     "blocked share capped at 100%")
    return tuple(sorted(notes))


def blocked_ownership(holdings: Iterable[Holding], listed: Iterable[str],
                      threshold: float = DEFAULT_THRESHOLD) -> dict[str, OwnershipResult]:
    """Every company with a blocked owner (listed, or blocked by ownership): its blocked
    share, whether it reaches ``threshold`` (blocked by ownership), the chains and notes.
    Below the line a listed owner still shows: the caller raises an alert for review."""
    if not 0.0 < threshold <= 1.0:
        raise InputError(f"ownership threshold must lie in (0, 1], got {threshold}")
    held = list(holdings)
    rounds, shares = _blocked_rounds(held, set(listed), threshold)
    by_asset: dict[str, list[Holding]] = defaultdict(list)
    for holding in held:
        by_asset[holding.asset].append(holding)
    out: dict[str, OwnershipResult] = {}
    for asset in sorted(by_asset):
        owners = {h.owner for h in by_asset[asset] if h.owner in rounds}
        if not owners:
            continue
        share = shares[asset]
        out[asset] = OwnershipResult(
            asset=asset, blocked_share=share, blocked=share >= threshold,
            chains=tuple(sorted(_chains(asset, by_asset, rounds))),
            notes=_notes(asset, by_asset[asset], owners))
    return out
