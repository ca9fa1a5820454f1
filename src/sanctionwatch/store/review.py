"""Review rules: who may decide what, and the four-eyes principle, as pure functions.

A match starts ``open``. An analyst records a verdict with a reason:

- ``true_match``: always needs a second, different reviewer to ``confirm`` (four eyes);
  until then the match is ``pending_true_match``.
- ``false_positive``: final at once when the score is below the policy's high-score line;
  at or above it, ``pending_false_positive`` until a second, different reviewer confirms.
  A final false positive is remembered (see ``cases.record_screening``).
- ``escalate``: hands the match to a reviewer; only reviewers decide escalated matches.

A reviewer (or admin) other than the proposer ``confirm``s or ``reject``s a pending verdict;
a rejected verdict sends the match back to ``open``. Decided matches are final.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from sanctionwatch.exc import Conflict, PermissionDenied


class Role(StrEnum):
    VIEWER = "viewer"
    ANALYST = "analyst"
    REVIEWER = "reviewer"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    def can(self, needed: Role) -> bool:
        """Whether this role includes ``needed`` (roles are ordered viewer < ... < admin)."""
        return self.rank >= needed.rank


class Verdict(StrEnum):
    TRUE_MATCH = "true_match"
    FALSE_POSITIVE = "false_positive"
    ESCALATE = "escalate"
    CONFIRM = "confirm"
    REJECT = "reject"


class MatchState(StrEnum):
    OPEN = "open"
    ESCALATED = "escalated"
    PENDING_TRUE_MATCH = "pending_true_match"
    PENDING_FALSE_POSITIVE = "pending_false_positive"
    TRUE_MATCH = "true_match"
    FALSE_POSITIVE = "false_positive"

    @property
    def is_pending(self) -> bool:
        return self in (MatchState.PENDING_TRUE_MATCH, MatchState.PENDING_FALSE_POSITIVE)

    @property
    def is_final(self) -> bool:
        return self in (MatchState.TRUE_MATCH, MatchState.FALSE_POSITIVE)


class AlertStatus(StrEnum):
    OPEN = "open"
    ESCALATED = "escalated"
    PENDING = "pending"
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class ReviewPolicy:
    """Clearing a match scoring at or above ``high_score`` needs a second reviewer."""

    high_score: float = 0.9


_CONFIRMED = {
    MatchState.PENDING_TRUE_MATCH: MatchState.TRUE_MATCH,
    MatchState.PENDING_FALSE_POSITIVE: MatchState.FALSE_POSITIVE,
}


def next_state(
    state: MatchState,
    verdict: Verdict,
    *,
    score: float,
    role: Role,
    user_id: int,
    proposer_id: int | None,
    policy: ReviewPolicy,
) -> MatchState:
    """The match's state after the verdict; PermissionDenied or Conflict when not allowed."""
    if not role.can(Role.ANALYST):
        raise PermissionDenied(f"role {role.value!r} may not record decisions")
    if state.is_final:
        raise Conflict(f"the match is already decided ({state.value}); decisions are final")
    if state.is_pending:
        return _second_review(state, verdict, role=role, user_id=user_id, proposer_id=proposer_id)
    if verdict in (Verdict.CONFIRM, Verdict.REJECT):
        raise Conflict(f"nothing to {verdict.value}: the match is {state.value}, not pending")
    if state is MatchState.ESCALATED:
        if not role.can(Role.REVIEWER):
            raise PermissionDenied("an escalated match is decided by a reviewer")
        if verdict is Verdict.ESCALATE:
            raise Conflict("the match is already escalated")
    if verdict is Verdict.ESCALATE:
        return MatchState.ESCALATED
    if verdict is Verdict.TRUE_MATCH:
        return MatchState.PENDING_TRUE_MATCH
    if score >= policy.high_score:
        return MatchState.PENDING_FALSE_POSITIVE
    return MatchState.FALSE_POSITIVE


def _second_review(
    state: MatchState, verdict: Verdict, *, role: Role, user_id: int, proposer_id: int | None
) -> MatchState:
    if verdict not in (Verdict.CONFIRM, Verdict.REJECT):
        raise Conflict(
            f"the match awaits a second reviewer ({state.value}); only confirm or reject apply"
        )
    if not role.can(Role.REVIEWER):
        raise PermissionDenied(f"only a reviewer may {verdict.value} a pending decision")
    if proposer_id == user_id:
        raise Conflict(
            f"four eyes: the decision must be {verdict.value}ed by a second, different reviewer"
        )
    if verdict is Verdict.REJECT:
        return MatchState.OPEN
    return _CONFIRMED[state]


def alert_status(states: Iterable[MatchState]) -> AlertStatus:
    """An alert is open while any match is undecided, then escalated, pending, closed."""
    found = set(states)
    if MatchState.OPEN in found:
        return AlertStatus.OPEN
    if MatchState.ESCALATED in found:
        return AlertStatus.ESCALATED
    if any(s.is_pending for s in found):
        return AlertStatus.PENDING
    return AlertStatus.CLOSED
