"""HM Treasury's consolidated list of 2014-04-02 (sanctionsconlist.csv, the format OFSI's
ConList.csv grew from), read from ../shared/data/lists/uk (its PROVENANCE.md there): a real
file, too old to bundle, so a test fixture."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import pytest

from sanctionwatch.model import Entity
from sanctionwatch.sources.uk import parse_uk_csv

#: ../shared beside the checkout (tests/conftest.py's SHARED)
SHARED = Path(__file__).resolve().parents[3] / "shared"
FILE = SHARED / "data" / "lists" / "uk" / "ofsi-2014-04-02" / "sanctionsconlist.csv"
#: as PROVENANCE.md states it
SHA256 = "e189205e5dc220c9e43e792cf987fba8e1fa75e990905d0966de1b96a02d23bb"

pytestmark = pytest.mark.skipif(not SHARED.is_dir(), reason="no ../shared checkout")


@pytest.fixture(scope="module")
def parsed() -> tuple[str | None, dict[str, Entity]]:
    assert hashlib.sha256(Path(FILE).read_bytes()).hexdigest() == SHA256
    result = parse_uk_csv({"primary": FILE}, "uk_hmt", None)
    return result.version, {e.id: e for e in result.entities}


def test_counts_are_those_provenance_states(parsed: tuple[str | None, dict[str, Entity]]) -> None:
    version, entities = parsed
    assert version == "2014-04-02"
    assert len(entities) == 2297
    assert Counter(e.schema for e in entities.values()) == {"Person": 1337, "Organization": 960}


def test_the_prime_alias_is_the_name(parsed: tuple[str | None, dict[str, Entity]]) -> None:
    komid = parsed[1]["uk-10892"]
    assert komid.caption == "KOREA MINING DEVELOPMENT TRADING CORPORATION"
    assert set(komid.get("alias")) == {"KOMID", "CHANGGWANG SINYONG CORPORATION",
                                       "EXTERNAL TECHNOLOGY GENERAL CORPORATION",
                                       "DPRKN MINING DEVELOPMENT TRADING COOPERATION"}
    assert komid.listing_date == "2009-04-27"
    assert komid.get("address")[0].startswith("Central District")


def test_every_party_is_named_by_its_prime_alias(
        parsed: tuple[str | None, dict[str, Entity]]) -> None:
    # 3,080 Prime Alias rows, repeated per date of birth and address: each group's name is
    # one of them, never an AKA or FKA
    import csv
    import io

    text = Path(FILE).read_bytes().decode("cp1252")
    primes: dict[str, set[str]] = {}
    for row in csv.DictReader(io.StringIO(text.split("\r\n", 1)[1], newline="")):
        if row["Alias Type"] == "Prime Alias":
            parts = (row[f"Name {i}"].strip() for i in range(1, 7))
            name = " ".join(p for p in parts if p)
            primes.setdefault(row["Group ID"], set()).add(name)
    named = [e for e in parsed[1].values() if e.record_id in primes]
    assert len(named) == len(primes) > 2200
    assert all(_plain(e.caption) in {_plain(p) for p in primes[str(e.record_id)]}
               for e in named)


def _plain(name: str) -> str:
    """A name as the parser cleans it: spaces collapsed, quotes stripped."""
    return " ".join(name.replace("'", "").replace('"', "").split())
