"""The evaluation data (copied under benchmarks/data/, see its PROVENANCE.md) and their readers.

Everything is turned into FollowTheMoney entity dicts (``{"schema", "properties"}``), the one
form every system under test takes.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from followthemoney.types import registry

from sanctionwatch.settings import BUNDLED_LISTS

BENCHMARKS = Path(__file__).resolve().parent.parent
REPO = BENCHMARKS.parent
FIXTURES = BENCHMARKS / "data" / "eval-fixtures"
NAME_PAIRS = FIXTURES / "nomenklatura-name-bench" / "cases.csv"
LOGICV2_FROZEN = FIXTURES / "nomenklatura-name-bench" / "logicv2-frozen.csv"
UN_TREATED = FIXTURES / "yente-candidate-generation" / "positives_un_treated.csv"
UN_UNTREATED = FIXTURES / "yente-candidate-generation" / "positives_un_untreated.csv"
NEGATIVES = FIXTURES / "yente-candidate-generation" / "negatives_us.csv"
LABELLED = BENCHMARKS / "labelled" / "pairs.csv"
LISTS = BUNDLED_LISTS
OUT = BENCHMARKS / "out"

FtmDict = dict[str, Any]


@dataclass(frozen=True, slots=True)
class NamePair:
    """Two names of one schema and whether they name the same party."""

    schema: str
    name1: str
    name2: str
    is_match: bool
    script: str = "Latin"
    origin: str = ""

    def entities(self) -> tuple[FtmDict, FtmDict]:
        return name_entity(self.schema, self.name1), name_entity(self.schema, self.name2)


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """One row of yente's person fixtures (UN positives, synthetic negatives)."""

    full_name: str
    birth_date: str
    nationality: str

    def query(self) -> FtmDict:
        """The screening query: name, birth date and nationality where present."""
        props: dict[str, list[str]] = {"name": [self.full_name]}
        if self.birth_date:
            props["birthDate"] = [self.birth_date]
        country = registry.country.clean(self.nationality) if self.nationality else None
        if country:
            props["nationality"] = [country]
        return {"schema": "Person", "properties": props}


def name_entity(schema: str, name: str) -> FtmDict:
    """An entity that is nothing but a name."""
    return {"schema": schema, "properties": {"name": [name]}}


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh)


def _bool(value: str, path: Path) -> bool:
    lowered = value.strip().lower()
    if lowered not in ("true", "false"):
        raise ValueError(f"{path}: is_match must be true or false, got {value!r}")
    return lowered == "true"


def read_name_pairs(path: Path) -> list[NamePair]:
    """Labelled name pairs: nomenklatura's cases.csv or our pairs.csv (which adds script and
    origin; cases.csv pairs are Latin, their origin is the case group)."""
    return [
        NamePair(
            schema=row["schema"],
            name1=row["name1"],
            name2=row["name2"],
            is_match=_bool(row["is_match"], path),
            script=row.get("script") or "Latin",
            origin=row.get("origin") or row.get("case_group") or "",
        )
        for row in _rows(path)
    ]


def write_name_pairs(pairs: Iterable[NamePair], path: Path) -> None:
    """Write pairs in our pairs.csv form, sorted by script, origin and names (stable diffs)."""
    ordered = sorted(pairs, key=lambda p: (p.script, p.origin, p.name1, p.name2))
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["schema", "name1", "name2", "is_match", "script", "origin"])
        for p in ordered:
            match = "true" if p.is_match else "false"
            writer.writerow([p.schema, p.name1, p.name2, match, p.script, p.origin])


def read_frozen_scores(path: Path) -> dict[tuple[str, str, str], float]:
    """nomenklatura's frozen logic-v2 scores by (schema, name1, name2)."""
    return {(r["schema"], r["name1"], r["name2"]): float(r["score"]) for r in _rows(path)}


def read_persons(path: Path, sample: int | None = None, seed: int = 7) -> list[PersonRecord]:
    """yente's person rows, all or a seeded random sample of ``sample`` rows (order kept)."""
    rows = [
        PersonRecord(
            full_name=row["full_name"].strip(),
            birth_date=row["date_of_birth"].strip(),
            nationality=row["nationality"].strip(),
        )
        for row in _rows(path)
    ]
    if sample is None or sample >= len(rows):
        return rows
    keep = sorted(random.Random(seed).sample(range(len(rows)), sample))
    return [rows[i] for i in keep]
