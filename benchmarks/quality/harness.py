"""The harness: the systems under test and the lists, loaded once, and running a task on each.

A system that fails to load or to run a task is reported ``n/a`` with the reason; the others
go on.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from quality.fixtures import LISTS, OUT, FtmDict
from quality.parties import Parties, cross_list_links
from quality.report import NA
from quality.systems import Engine, NkProcess, Nomenklatura, Ranked, Ranker, RapidfuzzScan, System

if TYPE_CHECKING:
    from sanctionwatch.model import Collection


class Harness:
    """The loaded systems and lists, and the runs of each task over every system."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.systems: dict[str, System] = {}
        self.info: dict[str, dict[str, Any]] = {}
        self.collection: Collection | None = None
        #: seconds each system spent ranking in the last rank_all call
        self.rank_seconds: dict[str, float] = {}
        self._load_engine()
        self.parties: Parties | None = None
        if self.collection is not None:
            self.parties = Parties(self.collection, cross_list_links(self.collection))
        rapidfuzz = RapidfuzzScan(self.collection)
        self._add("rapidfuzz", rapidfuzz, note="token_sort_ratio after rigour ascii_text")
        self._candidate_key = "sanctionwatch" if "sanctionwatch" in self.systems else "rapidfuzz"
        if not args.no_nomenklatura:
            self._load_nomenklatura()

    def _add(self, key: str, system: System, note: str = "") -> None:
        self.systems[key] = system
        self.info[key] = {"label": system.label, "threshold": system.threshold, "note": note}

    def _load_engine(self) -> None:
        try:
            from sanctionwatch.sources.snapshot import load_index

            started = time.perf_counter()
            index = load_index(LISTS, OUT / "index-cache")
            engine = Engine(index, self.args.algorithm)
        except Exception as exc:  # noqa: BLE001 - any failure is reported, baselines still run
            self.info["sanctionwatch"] = {"label": "sanctionwatch", "note": f"{NA}: {exc!r}"}
            self.collection = _load_collection()
            return
        self.collection = index.collection
        self._add(
            "sanctionwatch", engine, note=f"index loaded in {time.perf_counter() - started:.1f} s"
        )

    def _load_nomenklatura(self) -> None:
        try:
            nk = NkProcess()
        except (FileNotFoundError, OSError, ValueError) as exc:
            self.info["nomenklatura"] = {"label": "nomenklatura logic-v2", "note": f"{NA}: {exc}"}
            return
        self._add(
            "nomenklatura",
            Nomenklatura(nk, self.collection),
            note=f"threshold 0.7; on screening tasks it re-scores the top {self.args.limit} "
            f"candidates of {self.info[self._candidate_key]['label']}",
        )

    def for_each(self, task: Callable[[str, System], dict[str, Any]]) -> dict[str, Any]:
        """Run a task on every system; a failing system gets ``{"n/a": reason}``."""
        out: dict[str, Any] = {}
        for key, system in self.systems.items():
            started = time.perf_counter()
            try:
                out[key] = task(key, system)
            except Exception as exc:  # noqa: BLE001 - one system failing must not stop the others
                out[key] = {NA: repr(exc)}
            if isinstance(out[key], dict):
                seconds = time.perf_counter() - started + self.rank_seconds.get(key, 0.0)
                out[key]["seconds"] = round(seconds, 2)
        for key, info in self.info.items():
            out.setdefault(key, {NA: info["note"]})
        return out

    def rank_all(self, queries: Sequence[FtmDict]) -> dict[str, list[Ranked] | str]:
        """Each system's ranking for the queries (nomenklatura re-ranks the candidates);
        a system that cannot rank gets the reason instead."""
        ranked: dict[str, list[Ranked] | str] = {}
        for key, system in self.systems.items():
            started = time.perf_counter()
            try:
                if isinstance(system, Ranker):
                    ranked[key] = system.rank(queries, self.args.limit)
                elif isinstance(system, Nomenklatura):
                    candidates = ranked.get(self._candidate_key)
                    ranked[key] = (
                        system.rerank(queries, candidates)
                        if isinstance(candidates, list)
                        else f"no candidates: {candidates}"
                    )
            except Exception as exc:  # noqa: BLE001 - reported per system
                ranked[key] = repr(exc)
            self.rank_seconds[key] = round(time.perf_counter() - started, 2)
        return ranked

    def close(self) -> None:
        nk = self.systems.get("nomenklatura")
        if isinstance(nk, Nomenklatura):
            nk.close()

    def accepted(self, ids: frozenset[str]) -> frozenset[str]:
        """The ids and every other listing of the same parties."""
        return self.parties.expand(ids) if self.parties is not None else ids


def _load_collection() -> Collection | None:
    try:
        from sanctionwatch.sources import load_collection

        return load_collection(LISTS)
    except Exception:  # noqa: BLE001 - without lists only the pair tasks run
        return None
