"""Score entity pairs with nomenklatura (OpenSanctions' matcher), for the quality baseline.

Run with the isolated environment that ``setup_nomenklatura.sh`` builds, never with
sanctionwatch's own::

    benchmarks/.venv-nk/bin/python benchmarks/baselines/nk_score.py [--algorithm logic-v2]

Reads JSON lines on stdin, one pair each: ``{"left": FTM_ENTITY, "right": FTM_ENTITY}``
(``{"schema": ..., "properties": {prop: [values]}}``; ``left`` is the query; ``right`` may
carry its listed ``id``, the same id always for the same entity), and writes one
JSON line per pair, in order: ``{"score": float}``; a pair that followthemoney refuses (an
unknown schema, say) scores ``null`` with its ``error``. The first line written is a header
``{"algorithm": NAME, "nomenklatura": VERSION}``.
"""

from __future__ import annotations

import argparse
import json
import sys
from importlib.metadata import version
from typing import Any

from followthemoney import EntityProxy
from followthemoney.exc import InvalidData
from nomenklatura.matching import ScoringConfig, get_algorithm


def to_proxy(data: dict[str, Any], default_id: str) -> EntityProxy:
    """A followthemoney entity from our FtM dict, with ``default_id`` where it has no id.

    Ids must differ between different entities: nomenklatura caches its work per entity id
    (give every pair the ids "left" and "right" and every pair scores like the first)."""
    return EntityProxy.from_dict({**data, "id": data.get("id") or default_id})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--algorithm", default="logic-v2", help="nomenklatura algorithm NAME")
    args = parser.parse_args()
    algorithm = get_algorithm(args.algorithm)
    if algorithm is None:
        print(f"nk_score: no nomenklatura algorithm named {args.algorithm!r}", file=sys.stderr)
        return 2
    config = ScoringConfig.defaults()
    out = sys.stdout
    header = {"algorithm": algorithm.NAME, "nomenklatura": version("nomenklatura")}
    out.write(json.dumps(header) + "\n")
    out.flush()
    for number, line in enumerate(sys.stdin):
        if not line.strip():
            continue
        pair = json.loads(line)
        try:
            # the query side is always new: never reuse an id across lines
            left = to_proxy({**pair["left"], "id": None}, f"left-{number}")
            right = to_proxy(pair["right"], f"right-{number}")
            result: dict[str, Any] = {"score": algorithm.compare(left, right, config).score}
        except (InvalidData, KeyError, TypeError, ValueError) as exc:
            result = {"score": None, "error": str(exc)}
        out.write(json.dumps(result) + "\n")
        out.flush()  # the harness reads each score as it comes
    return 0


if __name__ == "__main__":
    sys.exit(main())
