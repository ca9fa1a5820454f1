"""The measures, one task each: name pairs, labelled pairs, UN recall, negatives, checks.

Each task reads its data, runs every system of the :class:`~quality.harness.Harness` and
returns a JSON-ready dict with ``by_system`` results.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from quality.fixtures import (
    LABELLED,
    LOGICV2_FROZEN,
    NAME_PAIRS,
    NEGATIVES,
    UN_TREATED,
    UN_UNTREATED,
    NamePair,
    name_entity,
    read_frozen_scores,
    read_name_pairs,
    read_persons,
)
from quality.harness import Harness
from quality.metrics import Confusion, best_threshold, confusion, rate
from quality.report import NA
from quality.systems import Nomenklatura, Ranked, RapidfuzzScan, System
from quality.unmap import map_un_records

QUICK_NEGATIVES = 5000
#: (label, schema, query name, acceptable entity ids)
NATIVE_CHECKS: tuple[tuple[str, str, str, frozenset[str]], ...] = (
    ("Kim Jong Un, Hangul", "Person", "김정은", frozenset({"ofac-20157"})),
    ("Kim Jong Un, Han", "Person", "金正恩", frozenset({"ofac-20157"})),
    ("Kim Jong Un, Cyrillic", "Person", "Ким Чен Ын", frozenset({"ofac-20157"})),
    ("Kim Jong Un, Arabic", "Person", "كيم جونغ أون", frozenset({"ofac-20157"})),
    ("KOMID", "LegalEntity", "Komid", frozenset({"ofac-9345", "un-KPe.001"})),
    ("Mkrtychev, misspelt", "Person", "Mkrtchychev", frozenset({"ofac-41736"})),
)


def is_top(ranked: Ranked, accepted: frozenset[str]) -> bool:
    """Whether the ranking puts the party first: a positive top score that no other party
    shares (a tie between the party and a stranger, or a zero, is no answer)."""
    if not ranked or ranked[0][1] <= 0.0:
        return False
    best = ranked[0][1]
    return all(entity_id in accepted for entity_id, score in ranked if score >= best)


def evaluate_pairs(system: System, pairs: Sequence[NamePair]) -> tuple[list[float], Confusion]:
    scores = system.score_pairs([p.entities() for p in pairs])
    return scores, confusion(scores, [p.is_match for p in pairs], system.threshold)


def mistakes(
    scores: Sequence[float], pairs: Sequence[NamePair], threshold: float
) -> list[dict[str, Any]]:
    """The pairs a system gets wrong at its threshold (for tuning; in the JSON only)."""
    return [
        {
            "schema": p.schema,
            "name1": p.name1,
            "name2": p.name2,
            "is_match": p.is_match,
            "score": round(s, 4),
            "script": p.script,
            "origin": p.origin,
        }
        for s, p in zip(scores, pairs, strict=True)
        if (s >= threshold) != p.is_match
    ]


def subsets(
    scores: Sequence[float],
    pairs: Sequence[NamePair],
    threshold: float,
    group: Callable[[NamePair], str],
) -> dict[str, dict[str, float | int]]:
    """Counts per group of pairs (by script, by origin)."""
    groups: dict[str, tuple[list[float], list[bool]]] = {}
    for score, pair in zip(scores, pairs, strict=True):
        group_scores, labels = groups.setdefault(group(pair), ([], []))
        group_scores.append(score)
        labels.append(pair.is_match)
    return {
        name: confusion(group_scores, labels, threshold).to_dict()
        for name, (group_scores, labels) in sorted(groups.items())
    }


def task_name_pairs(harness: Harness) -> dict[str, Any]:
    pairs = read_name_pairs(NAME_PAIRS)
    rapidfuzz = harness.systems["rapidfuzz"]
    assert isinstance(rapidfuzz, RapidfuzzScan)
    scores = rapidfuzz.score_pairs([p.entities() for p in pairs])
    rapidfuzz.threshold, _ = best_threshold(scores, [p.is_match for p in pairs])
    harness.info["rapidfuzz"]["threshold"] = rapidfuzz.threshold
    frozen = read_frozen_scores(LOGICV2_FROZEN)

    def run(_: str, system: System) -> dict[str, Any]:
        scores, counts = evaluate_pairs(system, pairs)
        out: dict[str, Any] = counts.to_dict()
        out["mistakes"] = mistakes(scores, pairs, system.threshold)
        if isinstance(system, Nomenklatura):
            # is the baseline run as upstream runs it? compare with its frozen scores
            known = [
                (s, frozen[p.schema, p.name1, p.name2])
                for s, p in zip(scores, pairs, strict=True)
                if (p.schema, p.name1, p.name2) in frozen
            ]
            same = sum(1 for s, f in known if abs(s - f) <= 0.01)
            out["frozen_reference"] = {"pairs": len(known), "within_0.01": same}
        return out

    return {"n": len(pairs), "by_system": harness.for_each(run)}


def task_labelled(harness: Harness) -> dict[str, Any]:
    if not LABELLED.is_file():
        return {"n": 0, "note": f"{LABELLED} missing: run benchmarks/build_labelled.py"}
    pairs = read_name_pairs(LABELLED)
    scripts = sorted({p.script for p in pairs})

    def run(_: str, system: System) -> dict[str, Any]:
        scores, overall = evaluate_pairs(system, pairs)
        by_origin = subsets(scores, pairs, system.threshold, lambda p: f"origin:{p.origin}")
        by_script = subsets(scores, pairs, system.threshold, lambda p: p.script)
        wrong = mistakes(scores, pairs, system.threshold)
        return {"all": overall.to_dict(), **by_script, **by_origin, "mistakes": wrong}

    counts = {s: sum(1 for p in pairs if p.script == s) for s in scripts}
    return {"n": len(pairs), "counts": counts, "by_system": harness.for_each(run)}


def task_un_recall(harness: Harness) -> dict[str, Any]:
    """A hit is the party ranked first: its UN listing or any listing of its cluster (the
    collection's cross-list links, e.g. its OFAC listing, plus ``parties.cross_list_links``);
    ``recall_at_1_listing`` counts the UN listing itself only, for comparison."""
    if harness.collection is None:
        return {"note": "no lists loaded"}
    untreated = read_persons(UN_UNTREATED)
    treated = read_persons(UN_TREATED)
    mapping = map_un_records(harness.collection, untreated)
    rows = [(t, m, harness.accepted(m))
            for t, m in zip(treated, mapping.targets, strict=True) if m]
    ranked = harness.rank_all([t.query() for t, _, _ in rows])

    def run(key: str, system: System) -> dict[str, Any]:
        result = ranked[key]
        if isinstance(result, str):
            return {NA: result}
        hits = [is_top(r, targets) for r, (_, _, targets) in zip(result, rows, strict=True)]
        own = [is_top(r, listing) for r, (_, listing, _) in zip(result, rows, strict=True)]
        alerted = [h and r[0][1] >= system.threshold for h, r in zip(hits, result, strict=True)]
        found = [any(i in targets for i, _ in r)
                 for r, (_, _, targets) in zip(result, rows, strict=True)]
        misses = [
            {"query": t.query()["properties"], "expected": sorted(targets), "ranked": r[:3]}
            for hit, r, (t, _, targets) in zip(hits, result, rows, strict=True)
            if not hit
        ]
        return {
            "misses": misses,
            "n": len(rows),
            "hits": sum(hits),
            "recall_at_1": round(rate(sum(hits), len(rows)), 4),
            "hits_listing": sum(own),
            "recall_at_1_listing": round(rate(sum(own), len(rows)), 4),
            "hits_alerted": sum(alerted),
            "recall_at_1_alerted": round(rate(sum(alerted), len(rows)), 4),
            f"recall_at_{harness.args.limit}": round(rate(sum(found), len(rows)), 4),
        }

    return {
        "rows": len(untreated),
        "mapping": mapping.to_dict(),
        "by_system": harness.for_each(run),
    }


def task_negatives(harness: Harness) -> dict[str, Any]:
    sample = QUICK_NEGATIVES if harness.args.quick else None
    persons = read_persons(NEGATIVES, sample=sample)
    ranked = harness.rank_all([p.query() for p in persons])

    def run(key: str, system: System) -> dict[str, Any]:
        result = ranked[key]
        if isinstance(result, str):
            return {NA: result}
        alerts = sum(1 for r in result if r and r[0][1] >= system.threshold)
        return {
            "n": len(result),
            "alerts": alerts,
            "false_alert_rate": round(rate(alerts, len(result)), 4),
        }

    return {"n": len(persons), "sampled": sample is not None, "by_system": harness.for_each(run)}


def task_native_checks(harness: Harness) -> dict[str, Any]:
    queries = [name_entity(schema, name) for _, schema, name, _ in NATIVE_CHECKS]
    ranked = harness.rank_all(queries)

    def run(key: str, system: System) -> dict[str, Any]:
        result = ranked[key]
        if isinstance(result, str):
            return {NA: result}
        checks = []
        for (label, _, name, expected), r in zip(NATIVE_CHECKS, result, strict=True):
            top, score = r[0] if r else (None, 0.0)
            ok = is_top(r, harness.accepted(expected))
            checks.append(
                {
                    "check": label,
                    "query": name,
                    "expected": sorted(expected),
                    "top": top,
                    "score": round(score, 4),
                    "ok": ok,
                    "alerted": ok and score >= system.threshold,
                }
            )
        return {
            "passed": sum(c["ok"] for c in checks),
            "alerted": sum(c["alerted"] for c in checks),
            "total": len(checks),
            "checks": checks,
        }

    return {"by_system": harness.for_each(run)}


TASKS: tuple[tuple[str, Callable[[Harness], dict[str, Any]]], ...] = (
    ("name_pairs", task_name_pairs),  # first: it tunes the rapidfuzz threshold
    ("labelled", task_labelled),
    ("un_recall", task_un_recall),
    ("negatives", task_negatives),
    ("native_checks", task_native_checks),
)
