"""Derived tables: built once on first use, or handed in (what the index cache does)."""

from __future__ import annotations

import itertools

import pytest

from sanctionwatch.model.tables import DerivedTable, built_tables, use_tables

_names = (f"test-table-{n}" for n in itertools.count())


def test_a_table_is_built_on_first_use_only_and_then_listed_as_built() -> None:
    calls: list[int] = []
    table = DerivedTable(next(_names), lambda: calls.append(1) or {"a": len(calls)})
    assert table.name not in built_tables()
    assert table.get() == {"a": 1}
    assert table.get() == {"a": 1}
    assert calls == [1]
    assert built_tables()[table.name] == {"a": 1}


def test_a_table_handed_in_is_used_instead_of_building_it() -> None:
    def fail() -> dict[str, int]:
        raise AssertionError("built although handed in")

    table = DerivedTable(next(_names), fail)
    use_tables({table.name: {"b": 2}, "no-such-table": {"ignored": 0}})
    assert table.get() == {"b": 2}


def test_two_tables_cannot_share_a_name() -> None:
    name = next(_names)
    DerivedTable(name, dict)
    with pytest.raises(ValueError, match=name):
        DerivedTable(name, dict)


def test_the_core_s_tables_are_registered_and_each_built_on_use() -> None:
    from sanctionwatch.model.values import COUNTRY_NAMES, country_code
    from sanctionwatch.names import name_forms
    from sanctionwatch.names.forms import COUNTRIES

    assert country_code("Korea, North") == "kp"
    assert name_forms("Foreign Trade Bank of the DPRK")[0].tokens[-1] == "northkorea"
    tables = built_tables()
    assert tables[COUNTRY_NAMES.name] is COUNTRY_NAMES.get()
    assert tables[COUNTRIES.name] is COUNTRIES.get()
