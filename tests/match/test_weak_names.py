"""Screening the bundled lists with names that are nothing but weak words or short given
names: none may alert through a legal form or an acronym (real listings: ofac-15696 ASIA
ENERGY GENERAL TRADING (LLC), ofac-11621 INTRA CHEM TRADING GMBH, HEBEI ATUN TRADING CO.)."""

from __future__ import annotations

import pytest

from sanctionwatch.exc import QueryError
from sanctionwatch.index import Index
from sanctionwatch.model import Entity
from sanctionwatch.screen import screen


def query(schema: str, name: str) -> Entity:
    return Entity.from_ftm({"schema": schema, "properties": {"name": [name]}})


def test_a_legal_form_in_brackets_is_no_name(index: Index) -> None:
    result = screen(index, query("Company", "Acme Trading (LLC)"))
    assert not any(m.is_match for m in result.matches)
    assert all(m.score < 0.5 for m in result.matches)


@pytest.mark.parametrize("name", ["Co Ltd", "GmbH", "Inc", "LLC"])
def test_a_name_of_legal_forms_only_is_refused(index: Index, name: str) -> None:
    with pytest.raises(QueryError, match="distinctive"):
        screen(index, query("Company", name))


@pytest.mark.parametrize("name", ["Ali", "Isa", "Ida", "ALI"])
def test_a_given_name_never_matches_as_an_acronym(index: Index, name: str) -> None:
    for match in screen(index, query("Person", name)).matches:
        assert "(acronym)" not in match.explanation.summary, match.explanation.summary


def test_putin_in_arabic_is_not_hebei_atun(index: Index) -> None:
    result = screen(index, query("Person", "بوتين"))
    hebei = [m for m in result.matches if "HEBEI" in m.entity.caption]
    assert not any(m.is_match for m in hebei)
    assert not any("(acronym)" in m.explanation.summary for m in result.matches)
