"""Quality benchmark: our engine and two baselines on the same data, in one run.

    python benchmarks/eval_quality.py [--algorithm NAME] [--quick] [--limit 10]
                                      [--no-nomenklatura] [--json PATH]

Measures, for sanctionwatch, a brute-force rapidfuzz scan and nomenklatura's logic-v2:

a. nomenklatura's 826 labelled name pairs: precision / recall / F1 at each system's threshold;
b. yente's 683 perturbed UN persons screened (name, birth date, nationality) against the whole
   bundled index: recall@1 — the true UN listing (or another listing of the same party, see
   quality/parties.py) ranked first with a positive score no other party ties; rows are mapped
   to our ``un-*`` ids by quality/unmap.py;
c. yente's 50,000 synthetic US persons (on no list): share with any match at or above the
   threshold (``--quick``: a seeded sample of 5,000);
d. our labelled pairs (benchmarks/labelled/pairs.csv, built by build_labelled.py): P / R / F1,
   overall and by script;
e. native-script checks: Kim Jong Un from Hangul, Han, Cyrillic and Arabic; Komid; Mkrtchychev.

The JSON also lists, per system, the pairs it gets wrong and the UN records it misses — what
to tune against.

Thresholds: ours is ``sanctionwatch.match.DEFAULT_THRESHOLD``; logic-v2's is its 0.7; the
rapidfuzz scan's is the one that maximises F1 on (a) — tuned in-sample, in its favour.
nomenklatura has no index here: on (b), (c) and (e) it re-scores the ``--limit`` candidates
our engine returns (the rapidfuzz scan's when the engine does not load), so its recall there
is bounded by theirs. Prints a table; writes everything to benchmarks/out/quality.json.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from quality.fixtures import OUT
from quality.harness import Harness
from quality.report import print_report, write_json
from quality.tasks import QUICK_NEGATIVES, TASKS


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--algorithm", default=None, help="our algorithm NAME (default: ours)")
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"negatives: a seeded sample of {QUICK_NEGATIVES:,} instead of 50,000",
    )
    parser.add_argument(
        "--limit",
        type=int,
        default=10,
        help="candidates per screening query (and for nomenklatura to re-score)",
    )
    parser.add_argument(
        "--no-nomenklatura",
        action="store_true",
        help="skip the logic-v2 baseline (its environment is slow to start)",
    )
    parser.add_argument(
        "--json", type=Path, default=OUT / "quality.json", help="where to write the JSON report"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    harness = Harness(args)
    results: dict[str, Any] = {
        "meta": {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "quick": args.quick,
            "limit": args.limit,
            "python": platform.python_version(),
            "machine": platform.machine(),
        },
        "systems": harness.info,
        "tasks": {},
    }
    for name, task in TASKS:
        task_started = time.perf_counter()
        harness.rank_seconds = {}
        results["tasks"][name] = task(harness)
        print(f"{name}: {time.perf_counter() - task_started:.1f} s", file=sys.stderr)
    harness.close()
    results["meta"]["seconds"] = round(time.perf_counter() - started, 1)
    print_report(results)
    write_json(results, args.json)
    print(f"JSON: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
