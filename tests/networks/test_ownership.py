"""The 50% rule: blocked shares directly and through chains; bad input is a clear error."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sanctionwatch.exc import InputError
from sanctionwatch.networks.ownership import Holding, blocked_ownership, read_holdings


def _own(owner: str, asset: str, percent: str | None, ownership_id: str = "") -> dict[str, object]:
    props: dict[str, list[str]] = {"owner": [owner], "asset": [asset]}
    if percent is not None:
        props["percentage"] = [percent]
    return {"id": ownership_id or f"{owner}>{asset}", "schema": "Ownership", "properties": props}


PARTIES = ("customer", "holding", "a", "b", "c", "listed1", "listed2")


def test_two_listed_owners_of_30_and_25_percent_block() -> None:
    holdings = read_holdings([_own("listed1", "customer", "30"),
                              _own("listed2", "customer", "25%"),
                              _own("a", "customer", "45")], PARTIES)
    result = blocked_ownership(holdings, {"listed1", "listed2"})["customer"]
    assert result.blocked and result.blocked_share == pytest.approx(0.55)
    assert result.chains == (("listed1", "customer"), ("listed2", "customer"))


def test_forty_percent_alone_is_an_alert_not_a_block() -> None:
    holdings = read_holdings([_own("listed1", "customer", "40"), _own("a", "customer", "60")],
                             PARTIES)
    result = blocked_ownership(holdings, {"listed1"})["customer"]
    assert not result.blocked and result.blocked_share == pytest.approx(0.4)
    assert result.to_dict()["blocked"] is False
    # the line is a setting
    assert blocked_ownership(holdings, {"listed1"}, threshold=0.25)["customer"].blocked


def test_a_holding_blocked_by_ownership_blocks_what_it_owns() -> None:
    holdings = read_holdings([_own("listed1", "holding", "60"), _own("a", "holding", "40"),
                              _own("holding", "customer", "50"), _own("b", "customer", "50")],
                             PARTIES)
    results = blocked_ownership(holdings, {"listed1"})
    assert results["holding"].blocked
    assert results["customer"].blocked
    assert results["customer"].chains == (("listed1", "holding", "customer"),)


def test_a_cycle_terminates() -> None:
    holdings = read_holdings([_own("a", "b", "50"), _own("b", "a", "50"),
                              _own("listed1", "a", "50")], PARTIES)
    results = blocked_ownership(holdings, {"listed1"})
    assert results["a"].blocked and results["b"].blocked
    assert results["a"].blocked_share == 1.0
    assert results["b"].chains == (("listed1", "a", "b"),)


def test_missing_and_excessive_percentages_are_stated_assumptions() -> None:
    holdings = read_holdings([_own("listed1", "customer", None), _own("a", "customer", "80"),
                              _own("b", "customer", "70")], PARTIES)
    result = blocked_ownership(holdings, {"listed1"})["customer"]
    assert result.blocked_share == 0.0 and not result.blocked
    assert any("not stated" in n for n in result.notes)
    assert any("150%" in n for n in result.notes)


@pytest.mark.parametrize(("ownership", "message"), [
    (_own("listed1", "customer", "130"), "over 100%"),
    (_own("listed1", "customer", "a third"), "not a number"),
    (_own("nobody", "customer", "30"), "'nobody' is not the id of a party"),
    ({"id": "x", "properties": {"owner": ["a"]}}, "give its asset"),
])
def test_bad_ownerships_are_errors_naming_them(ownership: dict[str, object],
                                               message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_holdings([ownership], PARTIES)


_IDS = st.sampled_from(["p0", "p1", "p2", "p3", "p4", "p5"])
_HOLDINGS = st.lists(st.tuples(_IDS, _IDS, st.one_of(st.none(), st.floats(0, 1))), max_size=14)


@given(_HOLDINGS, st.sets(_IDS, max_size=3), st.randoms(use_true_random=False))
def test_blocked_share_lies_in_0_1_and_never_depends_on_input_order(
        raw: list[tuple[str, str, float | None]], listed: set[str], rnd: object) -> None:
    holdings = [Holding(f"o{i}", owner, asset, share)
                for i, (owner, asset, share) in enumerate(raw)]
    results = blocked_ownership(holdings, listed)
    shuffled = list(holdings)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert blocked_ownership(shuffled, listed) == results
    for result in results.values():
        assert 0.0 <= result.blocked_share <= 1.0
        assert result.blocked == (result.blocked_share >= 0.5)
        for chain in result.chains:
            assert chain[0] in listed and chain[-1] == result.asset
