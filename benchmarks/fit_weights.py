"""Fit the default matcher's weights on labelled pairs built from the bundled lists.

    python benchmarks/fit_weights.py [--data-dir DIR] [--only ofac_sdn --only un_sc]

Writes src/sanctionwatch/resources/token_rarity.yml (how many listed names carry each token)
and src/sanctionwatch/resources/match_weights.yml (a logistic regression over the features of
match/logic.py). Pairs, all from real listings:

- positives: two names of the same listed party (name and alias, not weak a.k.a.s), the query
  side keeping a random part of the party's birth date, nationality and gender (the birth date
  sometimes reduced to its year or with day and month swapped), and sometimes a typo, a dropped
  middle name or swapped order; listings of one party on two lists (cross-list links);
- negatives: for a sample of listed parties, the other listed parties the index proposes for
  their name (they share tokens), each with its own data.

Weights are bounded so that agreeing evidence can only raise the score and conflicting
evidence only lower it. The pairs are split by party: the weights are fitted on two thirds of
the parties, and the threshold (the best F1) and the calibration are measured on the pairs of
the other third, which the fit never saw. The written weights are the ones measured.

Calibration: a reliability table (ten bins of predicted score: pairs, mean score, share that
are the same party) and the expected calibration error (the pair-weighted mean gap between
score and share), printed and written to benchmarks/out/calibration.md.
"""

from __future__ import annotations

import argparse
import hashlib
import random
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from scipy.optimize import minimize

from sanctionwatch.index import build_index
from sanctionwatch.match.features import FEATURES
from sanctionwatch.match.logic import LogicV1
from sanctionwatch.match.names import rarity_weight
from sanctionwatch.match.prepared import prepare
from sanctionwatch.match.weights import load_weights
from sanctionwatch.model import Collection, Entity
from sanctionwatch.names import name_forms
from sanctionwatch.settings import BUNDLED_LISTS
from sanctionwatch.sources import load_collection

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "src" / "sanctionwatch" / "resources"
OUT = ROOT / "benchmarks" / "out"
PARTIES = {"Person", "Organization", "Company", "LegalEntity", "Vessel", "Airplane"}
SECONDARY = (
    "birthDate",
    "nationality",
    "citizenship",
    "country",
    "mainCountry",
    "gender",
    "imoNumber",
    "passportNumber",
    "position",
    "swiftBic",
    "leiCode",
    "registrationNumber",
    "taxNumber",
)
#: two names of one party this unlike are different names, not spellings of one name
MIN_ALIAS_SIMILARITY = 0.4
#: F1 within this of the best counts as equally good when choosing the threshold
TOLERANCE = 0.002
#: fixed, not fitted: the pairs hold no evidence for them
FIXED = ("schema_conflict", "properties_match", "properties_conflict", "name_written",
         "schema_match", "position_conflict")
#: a strong identifier alone decides (an IMO number names one ship); a differing nationality
#: (dual nationals) or birth date (typing errors) speaks against a strong name match but
#: cannot veto it
#: (8.5 lets a shared registry identifier alone, with names in two scripts that share nothing,
#: pass the threshold)
BOUNDS: dict[str, tuple[float | None, float | None]] = {
    "identifier_match": (8.5, None),
    "country_conflict": (0.0, 2.5),
    # a person's country of residence or business: weaker than a nationality by design
    "residence_conflict": (0.0, 1.25),
    "date_conflict": (0.0, 4.0),
}
#: sign constraints: agreeing evidence raises, conflicting lowers (feature values are <= 0)
NEGATIVE = {"name_single_token"}


def write_rarity(collection: Collection) -> dict[str, float]:
    counts: Counter[str] = Counter()
    for entity in collection:
        seen: set[str] = set()
        for name in entity.names():
            for form in name_forms(name):
                seen.update(form.tokens)
        counts.update(seen)
    common = {t: n for t, n in sorted(counts.items()) if n >= 5}
    header = (
        "# Token document frequencies over the bundled lists' names, written by\n"
        "# benchmarks/fit_weights.py: one 'token count' line per token, count = how many\n"
        "# listed parties' names carry it (tokens on fewer than 5 parties are left out: they\n"
        "# weigh fully). One block of text rather than a mapping: it loads in milliseconds.\n"
    )
    lines = "".join(f"  {token} {count}\n" for token, count in common.items())
    (RESOURCES / "token_rarity.yml").write_text(header + "tokens: |\n" + lines, encoding="utf-8")
    return {t: rarity_weight(n) for t, n in common.items()}


def perturb_name(name: str, rng: random.Random) -> str:
    tokens = name.replace(",", " ").split()
    roll = rng.random()
    if roll < 0.25 and len(tokens) > 1:
        rng.shuffle(tokens)
    elif roll < 0.45 and len(tokens) > 2:
        tokens.pop(rng.randrange(1, len(tokens) - 1))
    elif roll < 0.7:
        i = rng.randrange(len(tokens))
        word = tokens[i]
        if len(word) > 4:
            j = rng.randrange(1, len(word) - 1)
            tokens[i] = (
                word[:j] + word[j + 1 :]
                if rng.random() < 0.5
                else (word[:j] + rng.choice("aeiourn") + word[j:])
            )
    return " ".join(tokens)


def query_side(entity: Entity, name: str, rng: random.Random) -> Entity:
    props: dict[str, tuple[str, ...]] = {"name": (name,)}
    for prop in SECONDARY:
        values = entity.get(prop)
        if values and rng.random() < 0.45:
            value = values[0]
            if prop == "birthDate" and len(value) == 10:
                roll = rng.random()
                if roll < 0.2:
                    value = value[:4]
                elif roll < 0.35 and int(value[8:10]) <= 12:
                    value = f"{value[:4]}-{value[8:10]}-{value[5:7]}"
            props[prop] = (value,)
    schema = entity.schema if rng.random() < 0.7 else "LegalEntity"
    if entity.schema == "Person" and schema == "LegalEntity":
        schema = "Person"
    return Entity(id=f"q-{entity.id}", schema=schema, properties=props)


def with_names(entity: Entity, names: tuple[str, ...]) -> Entity:
    props = {k: v for k, v in entity.properties.items() if k not in ("name", "alias")}
    props["name"] = names
    return replace(entity, properties=props)


def make_pairs(collection: Collection, rng: random.Random) -> list[tuple[Entity, Entity, int]]:
    pairs: list[tuple[Entity, Entity, int]] = []
    index = build_index(collection)
    parties = [e for e in collection if e.schema in PARTIES and e.get("name")]
    for entity in parties:
        names = [*entity.get("name"), *entity.get("alias")]
        if len(names) > 1:
            a, b = rng.sample(names, 2)
            pairs.append((query_side(entity, a, rng), with_names(entity, (b,)), 1))
        if rng.random() < 0.5:
            name = perturb_name(names[0], rng)
            pairs.append((query_side(entity, name, rng), entity, 1))
    for link in collection.links:
        left, right = collection.get(link.left), collection.get(link.right)
        if left is not None and right is not None and left.names() and right.names():
            pairs.append((left, right, 1))
    for entity in rng.sample(parties, min(len(parties), 6000)):
        name = rng.choice(entity.names())
        if rng.random() < 0.3:
            name = perturb_name(name, rng)
        query = query_side(entity, name, rng)
        cluster = set(collection.cluster(entity.id))
        found = index.search(name_forms(name), (), 6)
        others = [index.entity_ids[c.entity] for c in found]
        for other in [o for o in others if o not in cluster][:3]:
            pairs.append((query, collection.entities[other], 0))
    return pairs


def _party(entity: Entity) -> str:
    return entity.id.removeprefix("q-")


def is_held_out(left: Entity, right: Entity) -> bool:
    """A third of the parties, by a hash of their ids: a pair is held out when either side is
    one of them, so no held-out party is seen by the fit."""
    return any(int(hashlib.sha256(_party(e).encode()).hexdigest()[:8], 16) % 3 == 0
               for e in (left, right))


def feature_matrix(
    algorithm: LogicV1, pairs: list[tuple[Entity, Entity, int]]
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    rows, labels, held = [], [], []
    for left, right, label in pairs:
        lp, rp = prepare(left), prepare(right)
        values, _ = algorithm.features(lp, rp, algorithm.name_score(lp, rp, None))
        if label and values.get("name", 0.0) < MIN_ALIAS_SIMILARITY and left.id.startswith("q-"):
            continue  # an alias that shares nothing with the name: no spelling to learn from
        rows.append([values.get(f, 0.0) for f in FEATURES])
        labels.append(label)
        held.append(is_held_out(left, right))
    return np.array(rows), np.array(labels, dtype=float), np.array(held, dtype=bool)


def fit(x: np.ndarray[Any, Any], y: np.ndarray[Any, Any], l2: float = 0.5) -> np.ndarray[Any, Any]:
    """Bounded L2-regularised logistic regression; returns [bias, *weights]."""
    design = np.hstack([np.ones((len(x), 1)), x])

    def loss(w: np.ndarray[Any, Any]) -> tuple[float, np.ndarray[Any, Any]]:
        z = design @ w
        p = 1 / (1 + np.exp(-z))
        eps = 1e-12
        nll = -np.sum(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)) / len(y)
        reg = l2 * np.sum(w[1:] ** 2) / len(y)
        grad = design.T @ (p - y) / len(y)
        grad[1:] += 2 * l2 * w[1:] / len(y)
        return nll + reg, grad

    # fixed features are left out of the fit (weight 0) and written with their set value
    bounds = [(None, None)] + [
        (0.0, 0.0) if f in FIXED else BOUNDS.get(f, (None, 0.0) if f in NEGATIVE else (0.0, None))
        for f in FEATURES
    ]
    start = np.zeros(len(FEATURES) + 1)
    result = minimize(loss, start, jac=True, method="L-BFGS-B", bounds=bounds)
    return np.asarray(result.x)


def best_threshold(p: np.ndarray[Any, Any], y: np.ndarray[Any, Any]) -> tuple[float, float]:
    """The highest threshold whose F1 is within TOLERANCE of the best: among equally good
    thresholds, the one that raises fewer alerts."""
    scores = []
    for t in np.arange(0.3, 0.96, 0.01):
        pred = p >= t
        tp = float(np.sum(pred & (y == 1)))
        precision = tp / max(float(np.sum(pred)), 1.0)
        recall = tp / max(float(np.sum(y == 1)), 1.0)
        scores.append((round(float(t), 2), 2 * precision * recall / max(precision + recall, 1e-9)))
    top = max(f1 for _, f1 in scores)
    return max((t, f1) for t, f1 in scores if f1 >= top - TOLERANCE)


def calibration(p: np.ndarray[Any, Any], y: np.ndarray[Any, Any], bins: int = 10
                ) -> tuple[str, float]:
    """A reliability table (markdown) of scores against outcomes, and the expected
    calibration error: sum over bins of (pairs in bin / pairs) * |share positive - mean score|."""
    lines = ["| score bin | pairs | mean score | same party |", "|---|---:|---:|---:|"]
    ece = 0.0
    edges = np.linspace(0.0, 1.0, bins + 1)
    for i in range(bins):
        low, high = edges[i], edges[i + 1]
        inside = (p >= low) & ((p < high) if i < bins - 1 else (p <= high))
        n = int(inside.sum())
        if n == 0:
            lines.append(f"| {low:.1f}-{high:.1f} | 0 | | |")
            continue
        mean, share = float(p[inside].mean()), float(y[inside].mean())
        ece += n / len(p) * abs(share - mean)
        lines.append(f"| {low:.1f}-{high:.1f} | {n} | {mean:.3f} | {share:.3f} |")
    return "\n".join(lines), ece


def write_weights(w: np.ndarray[Any, Any], threshold: float, n: int, f1: float) -> None:
    old = load_weights()
    header = (
        "# Weights of the default matching algorithm (match/logic.py), a logistic regression:\n"
        "#\n"
        "#   score = 1 / (1 + exp(-(bias + sum(weight * feature))))\n"
        "#\n"
        "# Feature values lie in [-1, 1]: '_match' features carry the agreeing part of a\n"
        "# feature (weight >= 0), '_conflict' ones the conflicting part as a negative value\n"
        "# (weight >= 0, so conflicts only lower the score). Written by\n"
        f"# `python benchmarks/fit_weights.py` from {n} labelled pairs built from the bundled\n"
        f"# lists (fitted on two thirds of the parties); F1 at the threshold on the pairs of\n"
        f"# the other third: {f1:.3f}.\n"
    )
    data = {
        "algorithm": old.algorithm,
        "threshold": threshold,
        "bias": round(float(w[0]), 3),
        "bias_unnamed": old.bias_unnamed,
        "weights": {f: round(float(v), 3) for f, v in zip(FEATURES, w[1:], strict=True)},
    }
    for key in FIXED:
        data["weights"][key] = old.weights[key]
    body = yaml.safe_dump(data, sort_keys=False)
    (RESOURCES / "match_weights.yml").write_text(header + body, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=BUNDLED_LISTS)
    parser.add_argument("--only", action="append")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    collection = load_collection(args.data_dir, only=args.only)
    rarity = write_rarity(collection)
    algorithm = LogicV1(load_weights(), rarity)
    rng = random.Random(args.seed)
    pairs = make_pairs(collection, rng)
    rng.shuffle(pairs)
    x, y, held = feature_matrix(algorithm, pairs)
    w = fit(x[~held], y[~held])
    p = 1 / (1 + np.exp(-(w[0] + x[held] @ w[1:])))
    threshold, f1 = best_threshold(p, y[held])
    write_weights(w, threshold, int((~held).sum()), f1)
    table, ece = calibration(p, y[held])
    report = (f"Held-out pairs (parties the fit never saw): {int(held.sum())} "
              f"(positives {int(y[held].sum())}); threshold {threshold}; F1 {f1:.3f}; "
              f"expected calibration error {ece:.4f}\n\n{table}\n")
    OUT.mkdir(exist_ok=True)
    (OUT / "calibration.md").write_text(report, encoding="utf-8")
    print(f"fitted on {int((~held).sum())} pairs (positives {int(y[~held].sum())})")
    print(report)
    for name, value in zip(("bias", *FEATURES), w, strict=True):
        print(f"  {name:22s} {value:8.3f}")

if __name__ == "__main__":
    main()
