"""No well-formed entity crashes the matcher: every feature it emits has a weight (checked when
the weights load), and compare() over entities drawn from the whole FollowTheMoney model gives a
score in [0, 1] or our own error, never another exception."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from ftm_strategies import ftm_entities
from hypothesis import HealthCheck, given, settings

from sanctionwatch.exc import SanctionwatchError
from sanctionwatch.match import compare, prepare
from sanctionwatch.match.features import FEATURES, NAME_FEATURES, SECONDARY
from sanctionwatch.match.logic import LogicV1, default_algorithm
from sanctionwatch.match.weights import WEIGHTS_YAML, load_weights, parse_weights


def test_every_feature_the_algorithm_emits_has_a_weight() -> None:
    weights = load_weights().weights
    emitted = {*NAME_FEATURES, *(f"{key}_{part}" for key, _ in SECONDARY
                                 for part in ("match", "conflict"))}
    assert emitted == set(FEATURES) == set(weights)
    assert {"gender_match", "gender_conflict", "residence_match"} <= set(weights)


def _raw_weights() -> dict[str, Any]:
    return {"algorithm": "sw-logic-v1", "threshold": 0.6, "bias": -6.0, "bias_unnamed": -4.0,
            "weights": dict.fromkeys(FEATURES, 1.0)}


def test_a_missing_weight_is_an_error_when_the_weights_load_naming_feature_and_file() -> None:
    raw = _raw_weights()
    del raw["weights"]["gender_match"]
    with pytest.raises(ValueError, match=rf"{WEIGHTS_YAML}: .*'gender_match'"):
        parse_weights(yaml.safe_load(yaml.safe_dump(raw)))


def test_a_weight_for_no_feature_is_an_error_too() -> None:
    raw = _raw_weights()
    raw["weights"]["shoe_size_match"] = 1.0
    with pytest.raises(ValueError, match="shoe_size_match"):
        parse_weights(raw, "custom.yml")


def test_same_gender_on_both_sides_scores_and_explains() -> None:
    # the KeyError: 'gender_match' of round 1, on a real listing (ofac-41736)
    left = {"schema": "Person", "properties": {"name": ["Ashot Mkrtychev"], "gender": ["male"]}}
    right = {"schema": "Person", "properties": {"name": ["MKRTYCHEV, Ashot"],
                                                "gender": ["Male"]}}
    result = compare(left, right)
    assert "gender matches" in result.explanation.summary
    assert [f.name for f in result.explanation.features] == ["name", "gender"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ftm_entities(), ftm_entities())
def test_any_two_entities_score_in_0_1_or_raise_our_error(
        left: dict[str, Any], right: dict[str, Any]) -> None:
    try:
        result = compare(left, right)
    except SanctionwatchError as exc:
        assert str(exc)
        return
    assert 0.0 <= result.score <= 1.0
    assert result.explanation.summary


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ftm_entities(), ftm_entities())
def test_the_features_any_pair_emits_are_the_weighted_ones(
        left: dict[str, Any], right: dict[str, Any]) -> None:
    algorithm: LogicV1 = default_algorithm()
    try:
        a, b = prepare(left), prepare(right)
    except SanctionwatchError:
        return
    values, _ = algorithm.features(a, b, algorithm.name_score(a, b, None))
    assert set(values) <= set(FEATURES)
    assert all(-1.0 <= v <= 1.0 for v in values.values())
