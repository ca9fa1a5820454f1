"""Synthetic customer files for the batch benchmarks: Faker customers in six locales plus
planted variants of listed names (to measure recall).

    python benchmarks/gen_customers.py --records 50000 --planted 2000 --out benchmarks/out/c.csv

Columns: ``id``, ``name``, ``birth_date``, ``nationality``, ``country``, ``planted`` (the listed
entity id a planted row varies, empty for the rest; never mapped onto a property). Output format
by extension: .csv, .parquet, .jsonl. Deterministic for a given --seed.

Planted variants of real listed persons and organisations (bundled lists), one of: the name as
listed, upper/lower case, tokens reordered, one typo (a letter replaced in a token of 5+), an
alias instead of the name, accents and punctuation stripped. Persons carry their listed birth
date and nationality when the list gives them, like a bank's KYC record would.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import orjson
from faker import Faker

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ("en_US", "ru_RU", "ko_KR", "zh_CN", "ar_AA", "de_DE")
COLUMNS = ("id", "name", "birth_date", "nationality", "country", "planted")
COUNTRY = {"en_US": "us", "ru_RU": "ru", "ko_KR": "kr", "zh_CN": "cn", "ar_AA": "ae", "de_DE": "de"}
VARIANTS = ("exact", "case", "reorder", "typo", "alias", "ascii")


def _strip(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_ = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join("".join(c if c.isalnum() else " " for c in ascii_).split())


def _typo(name: str, rng: random.Random) -> str:
    tokens = name.split()
    long = [i for i, t in enumerate(tokens) if len(t) >= 5 and t.isalpha()]
    if not long:
        return name
    i = rng.choice(long)
    token = tokens[i]
    pos = rng.randrange(1, len(token) - 1)
    letter = rng.choice("aeiourstnl")
    tokens[i] = (
        token[:pos] + (letter.upper() if token[pos].isupper() else letter) + token[pos + 1 :]
    )
    return " ".join(tokens)


def variant(name: str, aliases: tuple[str, ...], kind: str, rng: random.Random) -> str:
    if kind == "case":
        return name.upper() if rng.random() < 0.5 else name.lower()
    if kind == "reorder":
        if "," in name:  # the list's "LAST, First" as a customer file writes it
            last, _, first = name.partition(",")
            return f"{first.strip()} {last.strip()}"
        tokens = name.split()
        return " ".join(tokens[1:] + tokens[:1]) if len(tokens) > 1 else name
    if kind == "typo":
        return _typo(name, rng)
    if kind == "alias" and aliases:
        return rng.choice(aliases)
    if kind == "ascii":
        return _strip(name)
    return name


def planted_rows(
    count: int,
    rng: random.Random,
    sources: list[str] | None = None,
) -> list[dict[str, str]]:
    """Variants of listed persons and organisations with Latin-script names."""
    from sanctionwatch.settings import BUNDLED_LISTS
    from sanctionwatch.sources import load_collection

    collection = load_collection(BUNDLED_LISTS, only=sources)
    pool = [
        e
        for e in collection
        if e.schema in ("Person", "Organization", "Company")
        and e.first("name")
        and e.first("name").isascii()  # type: ignore[union-attr]
        and len(e.first("name") or "") >= 6
    ]
    pool.sort(key=lambda e: e.id)
    rows: list[dict[str, str]] = []
    for _ in range(count):
        entity = rng.choice(pool)
        name = entity.first("name") or ""
        aliases = tuple(a for a in entity.get("alias") if a.isascii() and len(a) >= 6)
        kind = rng.choice(VARIANTS)
        row = {
            "name": variant(name, aliases, kind, rng),
            "planted": entity.id,
            "birth_date": "",
            "nationality": "",
            "country": "",
        }
        if entity.schema == "Person":
            row["birth_date"] = (entity.first("birthDate") or "")[:10]
            row["nationality"] = entity.first("nationality") or ""
        else:
            row["country"] = entity.first("country") or ""
        rows.append(row)
    return rows


def faker_rows(count: int, seed: int) -> Iterator[dict[str, str]]:
    fakers = {loc: Faker(loc) for loc in LOCALES}
    for i, faker in enumerate(fakers.values()):
        faker.seed_instance(seed + i)
    rng = random.Random(seed)
    for _ in range(count):
        loc = rng.choice(LOCALES)
        faker = fakers[loc]
        is_company = rng.random() < 0.15
        yield {
            "name": faker.company() if is_company else faker.name(),
            "birth_date": ""
            if is_company
            else faker.date_of_birth(minimum_age=18, maximum_age=90).isoformat(),
            "nationality": "" if is_company else COUNTRY[loc],
            "country": COUNTRY[loc] if is_company else "",
            "planted": "",
        }


def generate(
    records: int,
    planted: int,
    seed: int,
    sources: list[str] | None = None,
) -> Iterator[dict[str, str]]:
    """records rows in all, planted of them variants of listed names, shuffled in."""
    rng = random.Random(seed)
    plants = planted_rows(min(planted, records), rng, sources)
    slots = set(rng.sample(range(records), len(plants)))
    fake = faker_rows(records - len(plants), seed)
    it = iter(plants)
    for n in range(records):
        row = next(it) if n in slots else next(fake)
        yield {"id": f"c{n + 1:08d}", **row}


def write(rows: Iterator[dict[str, str]], path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    suffix = path.suffix.lower()
    count = 0
    if suffix == ".csv":
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, COLUMNS)
            writer.writeheader()
            for row in rows:
                writer.writerow(row)
                count += 1
    elif suffix == ".jsonl":
        with path.open("wb") as fh:
            for row in rows:
                fh.write(orjson.dumps({k: v for k, v in row.items() if v}) + b"\n")
                count += 1
    elif suffix == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        data = list(rows)
        count = len(data)
        pq.write_table(pa.Table.from_pylist(data), path)
    else:
        sys.exit(f"{path}: use .csv, .jsonl or .parquet")
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--planted", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--sources", help="comma-separated source names (default: all)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "customers.csv")
    args = parser.parse_args()
    sources = args.sources.split(",") if args.sources else None
    count = write(generate(args.records, args.planted, args.seed, sources), args.out)
    print(
        orjson.dumps(
            {"records": count, "planted": min(args.planted, args.records), "out": str(args.out)}
        ).decode()
    )


if __name__ == "__main__":
    main()
