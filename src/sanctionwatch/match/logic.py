"""Matching algorithms: each has a NAME, ``compare()`` and ``explain()``.

``sw-logic-v1`` (the default) combines the name agreement with identifiers, birth dates,
countries, gender, schema and position in a logistic model fitted on labelled pairs from the
bundled lists (resources/match_weights.yml): matching secondary data raises the score,
conflicting data lowers it, and no single feature can push it to 1.0.
``name-basic`` is a baseline: the best rapidfuzz token-sort ratio between any two names.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Protocol

from rapidfuzz import fuzz

from sanctionwatch.match.features import NAME_FEATURES, NONE, SECONDARY, FeatureValue
from sanctionwatch.match.names import NameScore, compare_names
from sanctionwatch.match.prepared import PreparedEntity
from sanctionwatch.match.weights import Weights, load_rarity, load_weights
from sanctionwatch.model import CompareResult, Explanation, Feature
from sanctionwatch.names import NameForm

#: for organisations, the name feature leans on the less covered side by this share
ORG_MIN_SHARE = 0.6


class Algorithm(Protocol):
    """A matching algorithm."""

    NAME: str
    threshold: float

    def compare(
        self,
        left: PreparedEntity,
        right: PreparedEntity,
        right_forms: Sequence[NameForm] | None = None,
    ) -> CompareResult: ...

    def compare_above(
        self,
        left: PreparedEntity,
        right: PreparedEntity,
        right_forms: Sequence[NameForm] | None,
        cutoff: float,
    ) -> CompareResult | None:
        """The comparison, or None when the pair cannot score ``cutoff`` (an algorithm may
        tell that without comparing everything)."""
        ...

    def explain(self) -> dict[str, object]: ...


def _sigmoid(z: float) -> float:
    if z < -40:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


def _name_summary(ns: NameScore) -> str:
    if ns.left is None or ns.right is None:
        return "no name"
    how = " (acronym)" if ns.note == "acronym" else ""
    return f"name {ns.score:.2f} {ns.left.text!r}~{ns.right.text!r}{how}"


def written_alike(left: str, right: str) -> float:
    """How alike two names are as written (order, punctuation, case aside): a faint signal
    that tells "KIM NAM UNG" written as the query was from "KIM, Nam Ung"."""
    return float(fuzz.ratio(left.casefold(), right.casefold())) / 100.0


def _unread(left: PreparedEntity, right: PreparedEntity) -> list[str]:
    """The values either side dropped because they could not be read."""
    return [f"query {n}" for n in left.notes] + [f"candidate {n}" for n in right.notes]


def _is_single_token(ns: NameScore) -> bool:
    if ns.left is None or ns.right is None or ns.note == "acronym":
        return False
    sizes = sorted((len(ns.left.strong_tokens), len(ns.right.strong_tokens)))
    return sizes[0] <= 1 < sizes[1]


class LogicV1:
    """Name agreement plus secondary evidence in a fitted logistic model."""

    NAME = "sw-logic-v1"

    def __init__(self, weights: Weights, rarity: Mapping[str, float]) -> None:
        self.weights = weights
        self.rarity = rarity
        self.threshold = weights.threshold
        #: the most the name features can add to the logit (each lies in [0, 1])
        self.name_ceiling = sum(max(weights.weights[k], 0.0) for k in NAME_FEATURES)

    def name_score(
        self, left: PreparedEntity, right: PreparedEntity, right_forms: Sequence[NameForm] | None
    ) -> NameScore:
        return compare_names(left.forms, right.forms if right_forms is None else right_forms,
                             self.rarity)

    def features(
        self, left: PreparedEntity, right: PreparedEntity, ns: NameScore
    ) -> tuple[dict[str, float], list[tuple[str, FeatureValue]]]:
        """Feature values for the logistic model, and the evidence to explain them."""
        values, evidence = self.secondary(left, right)
        values.update(self.name_values(left, right, ns))
        return values, evidence

    def name_values(
        self, left: PreparedEntity, right: PreparedEntity, ns: NameScore
    ) -> dict[str, float]:
        """The name features' values."""
        values: dict[str, float] = {}
        if ns.left is not None:
            low = min(ns.left_coverage, ns.right_coverage)
            if ns.note == "acronym" or "Person" in (left.schema, right.schema):
                values["name"] = ns.score
            else:  # an extra word in a company name is another company more often than not
                values["name"] = ORG_MIN_SHARE * low + (1 - ORG_MIN_SHARE) * ns.score
            values["name_min"] = low
            values["name_single_token"] = 1.0 if _is_single_token(ns) else 0.0
            values["name_conflict"] = -1.0 if ns.conflict > 0.0 else 0.0
            values["name_contained"] = 1.0 if ns.is_contained else 0.0
            if ns.right is not None:
                values["name_written"] = written_alike(ns.left.text, ns.right.text)
        return values

    def secondary(
        self, left: PreparedEntity, right: PreparedEntity
    ) -> tuple[dict[str, float], list[tuple[str, FeatureValue]]]:
        """The secondary features' values (identifiers, dates, countries...) and evidence."""
        values: dict[str, float] = {}
        evidence: list[tuple[str, FeatureValue]] = []
        for key, func in SECONDARY:
            fv = func(left, right)
            if fv is NONE or fv.value == 0.0:
                continue
            values[f"{key}_match"] = max(fv.value, 0.0)
            values[f"{key}_conflict"] = min(fv.value, 0.0)
            evidence.append((key, fv))
        return values, evidence

    def _z(self, left: PreparedEntity, right: PreparedEntity, values: Mapping[str, float]) -> float:
        has_names = bool(left.forms) and bool(right.forms)
        z = self.weights.bias if has_names else self.weights.bias_unnamed
        # summed in the weights' order, so that a score never depends on how it was reached
        return z + sum(w * values[k] for k, w in self.weights.weights.items() if k in values)

    def compare(
        self,
        left: PreparedEntity,
        right: PreparedEntity,
        right_forms: Sequence[NameForm] | None = None,
    ) -> CompareResult:
        values, evidence = self.secondary(left, right)
        ns, score = self._score(left, right, right_forms, values)
        return self._result(left, right, ns, score, evidence)

    def compare_above(
        self,
        left: PreparedEntity,
        right: PreparedEntity,
        right_forms: Sequence[NameForm] | None,
        cutoff: float,
    ) -> CompareResult | None:
        """As :meth:`compare`, but None without comparing names when the secondary evidence
        alone (a conflicting birth date, country or schema) keeps the pair under ``cutoff``
        even if the names agreed in full. The cheap features come first for that reason."""
        values, evidence = self.secondary(left, right)
        names_max = self.name_ceiling if left.forms and right.forms else 0.0
        if _sigmoid(self._z(left, right, values) + names_max) < cutoff:
            return None
        ns, score = self._score(left, right, right_forms, values)
        if score < cutoff:
            return None  # not explained: nobody sees it
        return self._result(left, right, ns, score, evidence)

    def _score(
        self,
        left: PreparedEntity,
        right: PreparedEntity,
        right_forms: Sequence[NameForm] | None,
        values: dict[str, float],
    ) -> tuple[NameScore, float]:
        """The name agreement and the score, given the secondary features' values."""
        ns = self.name_score(left, right, right_forms)
        values.update(self.name_values(left, right, ns))
        return ns, _sigmoid(self._z(left, right, values))

    def _result(
        self,
        left: PreparedEntity,
        right: PreparedEntity,
        ns: NameScore,
        score: float,
        evidence: list[tuple[str, FeatureValue]],
    ) -> CompareResult:
        return CompareResult(
            score=score,
            match=score >= self.threshold,
            explanation=self._explain_pair(ns, evidence, _unread(left, right)),
            algorithm=self.NAME,
        )

    def _explain_pair(
        self,
        ns: NameScore,
        evidence: Sequence[tuple[str, FeatureValue]],
        unread: Sequence[str],
    ) -> Explanation:
        w = self.weights.weights
        features: list[Feature] = []
        parts: list[str] = []
        if ns.left is not None and ns.right is not None:
            parts.append(_name_summary(ns))
            features.append(
                Feature("name", ns.score, w["name"], (ns.left.text,), (ns.right.text,),
                        ns.note or "aligned name tokens")
            )
        for key, fv in evidence:
            weight = w[f"{key}_match"] if fv.value > 0 else w[f"{key}_conflict"]
            features.append(Feature(key, fv.value, weight, fv.left, fv.right, fv.note))
            parts.append(fv.note)
        parts.extend(unread)
        return Explanation(summary="; ".join(parts) or "nothing to compare",
                           features=tuple(features))

    def explain(self) -> dict[str, object]:
        return {
            "name": self.NAME,
            "description": __doc__.split("\n\n")[1].replace("\n", " ") if __doc__ else "",
            "threshold": self.threshold,
            "bias": self.weights.bias,
            "features": dict(self.weights.weights),
        }


class NameBasic:
    """Baseline: the best rapidfuzz token-sort ratio between any two names, nothing else."""

    NAME = "name-basic"
    threshold = 0.85

    def compare(
        self,
        left: PreparedEntity,
        right: PreparedEntity,
        right_forms: Sequence[NameForm] | None = None,
    ) -> CompareResult:
        forms = right.forms if right_forms is None else right_forms
        best, pair = 0.0, ("", "")
        for lf in left.forms:
            for rf in forms:
                score = fuzz.token_sort_ratio(" ".join(lf.tokens), " ".join(rf.tokens)) / 100
                if score > best:
                    best, pair = score, (lf.text, rf.text)
        feature = Feature("name", best, 1.0, (pair[0],), (pair[1],), "token sort ratio")
        summary = f"name {best:.2f} {pair[0]!r}~{pair[1]!r}"
        return CompareResult(best, best >= self.threshold, Explanation(summary, (feature,)),
                             self.NAME)

    def compare_above(
        self,
        left: PreparedEntity,
        right: PreparedEntity,
        right_forms: Sequence[NameForm] | None,
        cutoff: float,
    ) -> CompareResult | None:
        result = self.compare(left, right, right_forms)
        return result if result.score >= cutoff else None

    def explain(self) -> dict[str, object]:
        return {"name": self.NAME, "description": self.__doc__ or "",
                "threshold": self.threshold, "features": {"name": 1.0}}


def default_algorithm() -> LogicV1:
    return LogicV1(load_weights(), load_rarity())
