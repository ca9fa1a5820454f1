"""The systems under test, behind one interface: score pairs, rank the listed parties for a query.

- :class:`Engine`: sanctionwatch itself (``compare`` for pairs, ``screen`` against the index).
- :class:`RapidfuzzScan`: the naive baseline; ``token_sort_ratio`` of the query name against
  every name of every listed party after rigour's ``ascii_text``, no index, no secondary data.
- :class:`Nomenklatura`: OpenSanctions' logic-v2, run in its own environment
  (``benchmarks/.venv-nk``, see ``baselines/setup_nomenklatura.sh``) through
  ``baselines/nk_score.py``. It has no index here, so it re-ranks the candidates another
  system returns (ours when it loads, else the rapidfuzz scan): its recall is bounded by
  theirs.
"""

from __future__ import annotations

import json
import subprocess
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process
from rigour.text import ascii_text

from quality.fixtures import BENCHMARKS, FtmDict

if TYPE_CHECKING:
    from sanctionwatch.model import Collection

#: (entity id, score), best first
Ranked = list[tuple[str, float]]
Pair = tuple[FtmDict, FtmDict]

NK_PYTHON = BENCHMARKS / ".venv-nk" / "bin" / "python"
NK_SCRIPT = BENCHMARKS / "baselines" / "nk_score.py"
NK_THRESHOLD = 0.7


class System(Protocol):
    """What every system under test offers the harness: pair scores at its own threshold."""

    @property
    def label(self) -> str: ...

    @property
    def threshold(self) -> float: ...

    def score_pairs(self, pairs: Sequence[Pair]) -> list[float]: ...


@runtime_checkable
class Ranker(System, Protocol):
    """A system that can also screen: rank the listed parties for each query."""

    def rank(self, queries: Sequence[FtmDict], limit: int) -> list[Ranked]: ...


def first_name(entity: FtmDict) -> str:
    names: list[str] = entity["properties"].get("name", [])
    return names[0] if names else ""


class Engine:
    """sanctionwatch through its public interfaces (imported on first use)."""

    def __init__(self, index: Any, algorithm: str | None) -> None:
        from sanctionwatch import compare
        from sanctionwatch.match import DEFAULT_THRESHOLD, get_algorithm
        from sanctionwatch.model import Entity
        from sanctionwatch.screen import ScreeningConfig, screen

        chosen = get_algorithm(algorithm)  # an unknown name fails here, once
        self._index = index
        self._compare = compare
        self._screen = screen
        self._config = ScreeningConfig
        self._entity = Entity
        self.algorithm: str = chosen.NAME
        # the default algorithm's threshold is DEFAULT_THRESHOLD; another one brings its own
        self._threshold = float(getattr(chosen, "threshold", DEFAULT_THRESHOLD))

    @property
    def label(self) -> str:
        return f"sanctionwatch {self.algorithm}"

    @property
    def threshold(self) -> float:
        return self._threshold

    def score_pairs(self, pairs: Sequence[Pair]) -> list[float]:
        return [
            float(self._compare(left, right, algorithm=self.algorithm).score)
            for left, right in pairs
        ]

    def rank(self, queries: Sequence[FtmDict], limit: int) -> list[Ranked]:
        # threshold 0: every candidate comes back with its score; the harness applies ours
        config = self._config(threshold=0.0, limit=limit, algorithm=self.algorithm)
        out: list[Ranked] = []
        for query in queries:
            result = self._screen(self._index, self._entity.from_ftm(query), config)
            out.append([(m.entity.id, float(m.score)) for m in result.matches])
        return out


def _prepare(name: str) -> str:
    return str(default_process(ascii_text(name)))


class RapidfuzzScan:
    """Brute force: every name of every listed party, rapidfuzz ``token_sort_ratio``."""

    CHUNK = 256

    def __init__(self, collection: Collection | None, threshold: float = 0.9) -> None:
        """Scan every name of ``collection`` (pairs only when it is None)."""
        self._ids: list[str] = []
        self._schemata: list[str] = []
        names: list[str] = []
        starts: list[int] = []
        for entity in collection if collection is not None else ():
            prepared = [p for p in (_prepare(n) for n in entity.names()) if p]
            if not prepared:
                continue
            self._ids.append(entity.id)
            self._schemata.append(entity.schema)
            starts.append(len(names))
            names.extend(prepared)
        self._names = names
        self._starts = np.array(starts, dtype=np.intp)
        self._threshold = threshold
        self._masks: dict[str, np.ndarray] = {}

    @property
    def label(self) -> str:
        return "rapidfuzz scan"

    @property
    def threshold(self) -> float:
        return self._threshold

    @threshold.setter
    def threshold(self, value: float) -> None:
        self._threshold = value

    def score_pairs(self, pairs: Sequence[Pair]) -> list[float]:
        return [
            fuzz.token_sort_ratio(_prepare(first_name(a)), _prepare(first_name(b))) / 100.0
            for a, b in pairs
        ]

    def _mask(self, schema: str) -> np.ndarray:
        from sanctionwatch.model.schema import can_match

        if schema not in self._masks:
            wanted = {s: can_match(schema, s) for s in set(self._schemata)}
            self._masks[schema] = np.array([wanted[s] for s in self._schemata], dtype=bool)
        return self._masks[schema]

    def rank(self, queries: Sequence[FtmDict], limit: int) -> list[Ranked]:
        if not self._names:
            raise RuntimeError("no lists loaded to scan")
        out: list[Ranked] = [[] for _ in queries]
        by_schema: dict[str, list[int]] = {}
        for i, query in enumerate(queries):
            by_schema.setdefault(query["schema"], []).append(i)
        for schema, positions in by_schema.items():
            mask = self._mask(schema)
            for start in range(0, len(positions), self.CHUNK):
                chunk = positions[start : start + self.CHUNK]
                names = [_prepare(first_name(queries[i])) for i in chunk]
                scores = process.cdist(
                    names, self._names, scorer=fuzz.token_sort_ratio, dtype=np.uint8, workers=-1
                )
                per_entity = np.maximum.reduceat(scores, self._starts, axis=1)
                per_entity[:, ~mask] = 0
                for row, i in zip(per_entity, chunk, strict=True):
                    top = np.argpartition(row, -limit)[-limit:]
                    top = top[np.argsort(row[top])[::-1]]
                    out[i] = [(self._ids[j], float(row[j]) / 100.0) for j in top if row[j] > 0]
        return out


class NkProcess:
    """One long-lived ``nk_score.py`` process in nomenklatura's own environment."""

    def __init__(self, python: Path = NK_PYTHON, script: Path = NK_SCRIPT) -> None:
        if not python.is_file():
            raise FileNotFoundError(
                f"{python}: nomenklatura environment missing; run "
                "benchmarks/baselines/setup_nomenklatura.sh"
            )
        self._proc = subprocess.Popen(
            [str(python), str(script)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        assert self._proc.stdin is not None and self._proc.stdout is not None
        self._stdin = self._proc.stdin
        self._stdout = self._proc.stdout
        self.header: dict[str, Any] = json.loads(self._stdout.readline())

    def _write(self, pairs: Iterable[Pair]) -> None:
        for left, right in pairs:
            self._stdin.write(json.dumps({"left": left, "right": right}) + "\n")
        self._stdin.flush()

    def score(self, pairs: Sequence[Pair]) -> list[float]:
        """Scores in order; a pair nomenklatura refuses scores 0."""
        writer = threading.Thread(target=self._write, args=(pairs,), daemon=True)
        writer.start()
        scores = []
        for _ in pairs:
            line = self._stdout.readline()
            if not line:
                raise RuntimeError(f"nk_score.py stopped (exit {self._proc.poll()})")
            scores.append(float(json.loads(line)["score"] or 0.0))
        writer.join()
        return scores

    def close(self) -> None:
        self._stdin.close()
        self._proc.wait(timeout=60)


def entity_ftm(collection: Collection, entity_id: str) -> FtmDict:
    """A listed entity as the plain FtM dict nomenklatura reads."""
    entity = collection.entities[entity_id]
    return {
        "id": entity.id,
        "schema": entity.schema,
        "properties": {k: list(v) for k, v in entity.properties.items() if v},
    }


class Nomenklatura:
    """logic-v2 on pairs; on screening tasks it re-scores another system's candidates."""

    def __init__(self, nk: NkProcess, collection: Collection | None) -> None:
        self._nk = nk
        self._collection = collection

    @property
    def label(self) -> str:
        header = self._nk.header
        return f"nomenklatura {header.get('algorithm')} {header.get('nomenklatura')}"

    @property
    def threshold(self) -> float:
        return NK_THRESHOLD

    def score_pairs(self, pairs: Sequence[Pair]) -> list[float]:
        return self._nk.score(pairs)

    def close(self) -> None:
        self._nk.close()

    def rerank(self, queries: Sequence[FtmDict], candidates: Sequence[Ranked]) -> list[Ranked]:
        """Each query's candidates (found by another system) ordered by logic-v2's score."""
        if self._collection is None:
            raise RuntimeError("no lists loaded to read the candidates from")
        collection = self._collection
        pairs = [
            (query, entity_ftm(collection, entity_id))
            for query, ranked in zip(queries, candidates, strict=True)
            for entity_id, _ in ranked
        ]
        scores = iter(self._nk.score(pairs))
        out: list[Ranked] = []
        for ranked in candidates:
            rescored = [(entity_id, next(scores)) for entity_id, _ in ranked]
            out.append(sorted(rescored, key=lambda item: -item[1]))
        return out
