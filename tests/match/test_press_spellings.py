"""Name screening finds listed Russians and Koreans first in the spelling of each language's
press (real OFAC listings: ofac-35096 PUTIN, Vladimir Vladimirovich; ofac-21171 PRIGOZHIN,
Yevgeniy Viktorovich; ofac-35173 SHOIGU, Sergei Kuzhugetovich; ofac-16692 SECHIN, Igor
Ivanovich; ofac-35233 LAVROV, Sergei Viktorovich; ofac-36407 MEDVEDEV, Dmitry Anatolievich;
ofac-20157 KIM, Jong Un; ofac-21444 KIM, Yo Jong; ofac-35283 USMANOV, Alisher Burhanovich). The spellings are the ones each press uses for them; text screening
reads the same ones (tests/text/test_text_romanised.py)."""

from __future__ import annotations

import pytest

from sanctionwatch.index import Index
from sanctionwatch.match import compare
from sanctionwatch.model import Entity
from sanctionwatch.names import name_forms
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
    ("Igor Setchine", "ofac-16692"),  # fr
    ("Igor Sieczin", "ofac-16692"),  # pl
    ("Igor Sečin", "ofac-16692"),  # cs
    ("Vladímir Putin", "ofac-35096"),  # es
    ("Evgenij Prigozhin", "ofac-21171"),  # it
    ("Yevgeni Prigojin", "ofac-21171"),  # tr
    ("Jevgeni Prigozjin", "ofac-21171"),  # nl
    ("Siergiej Szojgu", "ofac-35173"),  # pl
    ("Sergej Šojgu", "ofac-35173"),  # cs
    ("Serguéi Shoigú", "ofac-35173"),  # es
    ("Sergey Şoygu", "ofac-35173"),  # tr
    ("Sergej Sjojgoe", "ofac-35173"),  # nl
    ("Sergej Lawrow", "ofac-35233"),  # de
    ("Sergueï Lavrov", "ofac-35233"),  # fr
    ("Siergiej Ławrow", "ofac-35233"),  # pl
    ("Dmitri Medwedew", "ofac-36407"),  # de
    ("Dmitrij Miedwiediew", "ofac-36407"),  # pl
    ("Kim Jong-un", "ofac-20157"),  # de, fr, es, it, tr
    ("Ким Чен Ын", "ofac-20157"),  # ru
    ("Kim Dzong Un", "ofac-20157"),  # pl
    ("Kim Dżong Un", "ofac-20157"),  # pl
    ("Kim Čong-un", "ofac-20157"),  # cs
    ("Kim Dschong Un", "ofac-20157"),  # de (older press)
    ("Kim Jo Dzong", "ofac-21444"),  # pl: j is the English y
    ("Kim Jo-čong", "ofac-21444"),  # cs
    ("Alischer Usmanow", "ofac-35283"),  # de: no patronymic, both words romanised apart
    ("Alicher Ousmanov", "ofac-35283"),  # fr
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


def test_a_press_spelling_of_korean_is_read_only_where_its_letters_say_so() -> None:
    def keys(name: str) -> tuple[str | None, ...]:
        return name_forms(name)[0].korean

    assert keys("Kim Jo Dzong") == keys("Kim Yo Jong")  # Polish: dz is j, so j is y
    assert keys("Kim Jo-čong") == keys("Kim Yo Jong")  # Czech
    assert keys("Jo Myong Rok") != keys("Yo Myong Rok")  # English: Jo is Cho
    assert keys("Jan Agha Ahmadzai")[0] == keys("Jan")[0]  # dz, but in no Korean syllable


def test_an_absent_patronymic_costs_less_than_a_different_one() -> None:
    usmanov = {"schema": "Person", "properties": {"name": ["USMANOV, Alisher Burhanovich"]}}

    def score(name: str) -> float:
        return compare({"schema": "Person", "properties": {"name": [name]}}, usmanov).score

    absent, different = score("Alisher Usmanov"), score("Alisher Petrovich Usmanov")
    assert absent > different
    assert score("Alisher Burhanovich Usmanov") > absent
    friedrich = {"schema": "Person", "properties": {"name": ["MUELLER, Hans Friedrich"]}}
    hans = {"schema": "Person", "properties": {"name": ["Hans Mueller"]}}
    assert compare(hans, friedrich).score < absent  # a middle name, not a patronymic
