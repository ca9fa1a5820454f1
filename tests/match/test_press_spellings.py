"""Name screening finds listed Russians first in the spelling of each language's press (real
OFAC listings: ofac-35096 PUTIN, Vladimir Vladimirovich; ofac-21171 PRIGOZHIN, Yevgeniy
Viktorovich; ofac-35173 SHOIGU, Sergei Kuzhugetovich; ofac-16692 SECHIN, Igor Ivanovich)."""

from __future__ import annotations

import pytest

from sanctionwatch.index import Index
from sanctionwatch.match import compare
from sanctionwatch.model import Entity
from sanctionwatch.screen import screen

CASES = [
    ("Wladimir Putin", "ofac-35096"),  # de
    ("Vladimir Poutine", "ofac-35096"),  # fr
    ("Władimir Putin", "ofac-35096"),  # pl
    ("Vladimir Poetin", "ofac-35096"),  # nl
    ("Jewgeni Prigoschin", "ofac-21171"),  # de
    ("Evgueni Prigojine", "ofac-21171"),  # fr
    ("Jewgienij Prigożyn", "ofac-21171"),  # pl
    ("Jevgenij Prigožin", "ofac-21171"),  # cs
    ("Yevgueni Prigozhin", "ofac-21171"),  # es
    ("Ievgueni Prigojin", "ofac-21171"),  # pt
    ("Sergej Schoigu", "ofac-35173"),  # de
    ("Sergueï Choïgou", "ofac-35173"),  # fr
    ("Igor Setschin", "ofac-16692"),  # de
]


@pytest.mark.parametrize(("name", "listed"), CASES)
def test_each_press_spelling_finds_the_listed_party_first(
    index: Index, name: str, listed: str
) -> None:
    query = Entity.from_ftm({"schema": "Person", "properties": {"name": [name]}})
    result = screen(index, query)
    assert result.matches, name
    assert result.matches[0].entity.id == listed, (name, result.matches[0].entity.caption)
    assert result.matches[0].is_match, (name, result.matches[0].score)


def test_a_namesake_in_another_spelling_stays_apart() -> None:
    putin = {"schema": "Person", "properties": {"name": ["PUTIN, Vladimir Vladimirovich"]}}
    tyurin = {"schema": "Person", "properties": {"name": ["Wladimir Tjurin"]}}
    assert not compare(tyurin, putin).match
