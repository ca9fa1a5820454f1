"""Name classes of issue 15 (round 3): short forms of given names, numbers written as words,
names split or joined, initials of a double given name, several names in one value, the
father and son of "X bin Y", and names that both leave a word over.

The examples are other names than the evaluation's pairs: each test checks the class.
"""

from __future__ import annotations

from typing import Any

from sanctionwatch.match import DEFAULT_THRESHOLD, compare
from sanctionwatch.match.names import compare_forms
from sanctionwatch.match.weights import load_rarity
from sanctionwatch.names import entity_name_forms, name_forms


def person(name: str) -> dict[str, Any]:
    return {"schema": "Person", "properties": {"name": [name]}}


def org(name: str) -> dict[str, Any]:
    return {"schema": "Organization", "properties": {"name": [name]}}


def score(left: dict[str, Any], right: dict[str, Any]) -> float:
    return compare(left, right).score


def test_a_short_form_of_a_given_name_matches_the_full_form() -> None:
    assert score(person("Bob Menendez"), person("Robert Menendez")) >= DEFAULT_THRESHOLD
    assert score(person("Bill Ackman"), person("William Ackman")) >= DEFAULT_THRESHOLD
    # unrelated given names do not
    assert score(person("Bob Menendez"), person("Richard Menendez")) < DEFAULT_THRESHOLD


def test_the_particle_al_is_no_nickname() -> None:
    assert score(person("Albert Rawi"), person("Al Rawi")) < DEFAULT_THRESHOLD


def test_numbers_written_as_words_agree_with_digits() -> None:
    assert name_forms("Division Twenty-One")[0].tokens == name_forms("Division 21")[0].tokens
    assert name_forms("Second Avenue Bank")[0].tokens == name_forms("2nd Avenue Bank")[0].tokens
    assert score(org("Twelve Apostles Brigade"), org("12 Apostles Brigade")) >= DEFAULT_THRESHOLD


def test_a_persons_name_keeps_its_particles() -> None:
    forms = entity_name_forms(["Jan ten Brink"], is_person=True)
    assert forms[0].tokens == ("jan", "ten", "brink")
    assert name_forms("Ten Brink Holdings")[0].tokens == ("10", "brink", "holdings")


def test_a_surname_split_or_joined_still_matches() -> None:
    assert score(person("Sergei Lav rov"), person("Sergey Viktorovich Lavrov")) >= 0.5
    assert score(person("Sergei Lav rov"), person("Sergey Lavrov")) >= DEFAULT_THRESHOLD
    assert score(org("de la rue holdings"), org("delarue holdings")) >= DEFAULT_THRESHOLD


def test_initials_of_a_double_given_name() -> None:
    assert score(person("JM Barroso"), person("José-Manuel Barroso")) >= DEFAULT_THRESHOLD
    # initials alone are no name ("N.N.": name unknown)
    assert score(person("J.B."), person("Jose Barroso")) < DEFAULT_THRESHOLD


def test_names_written_in_one_value_are_compared_one_by_one() -> None:
    forms = name_forms("Yusuf Salimi; Yousef Saleemi")
    assert [f.tokens for f in forms] == [("yusuf", "salimi"), ("yousef", "saleemi")]
    assert score(person("Yusuf Salimi; Yousef Saleemi"), person("YOUSEF SALEEMI")) >= 0.9


def test_son_and_father_swapped_do_not_match() -> None:
    son = person("ALI BIN HASAN AL-TIKRITI")
    assert score(son, person("HASAN BIN ALI AL-TIKRITI")) < DEFAULT_THRESHOLD
    assert score(son, person("ALI BIN HASAN AL TIKRITI")) >= DEFAULT_THRESHOLD


def test_names_that_both_leave_a_word_over_conflict() -> None:
    rarity = load_rarity()
    both = compare_forms(name_forms("ABDIRAHMAN YUSUF HASSAN WARSAME")[0],
                         name_forms("ABDIRAHMAN AHMED HASSAN WARSAME")[0], rarity)
    contained = compare_forms(name_forms("ABDIRAHMAN WARSAME")[0],
                              name_forms("ABDIRAHMAN AHMED HASSAN WARSAME")[0], rarity)
    assert both.conflict > 0.0
    assert contained.conflict == 0.0
