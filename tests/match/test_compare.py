"""compare(): FollowTheMoney dicts of any schema in, a calibrated, explained score out.

Names and facts are real listings: ofac-41736 MKRTYCHEV, Ashot (born 1966-05-07, Slovak
passports), ofac-20157 KIM, Jong Un, ofac-9345 / un-KPe.001 KOMID, ofac-10391 IRGC.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sanctionwatch
from sanctionwatch.exc import QueryError
from sanctionwatch.match import (
    ALGORITHMS,
    DEFAULT_ALGORITHM,
    DEFAULT_THRESHOLD,
    compare,
    get_algorithm,
)
from sanctionwatch.model import Entity


def person(name: str, **props: str) -> dict[str, Any]:
    properties = {"name": [name], **{k: [v] for k, v in props.items()}}
    return {"schema": "Person", "properties": properties}


def org(name: str, **props: str) -> dict[str, Any]:
    properties = {"name": [name], **{k: [v] for k, v in props.items()}}
    return {"schema": "Organization", "properties": properties}


MKRTYCHEV = person("MKRTYCHEV, Ashot", birthDate="1966-05-07", nationality="sk")


def test_public_compare_is_the_match_compare() -> None:
    assert sanctionwatch.compare is compare


def test_mkrtchychev_matches_mkrtychev_and_explains_why() -> None:
    result = compare(person("MKRTCHYCHEV Ashot"), MKRTYCHEV)
    assert result.match
    assert 0.0 < result.score < 1.0
    assert result.algorithm == DEFAULT_ALGORITHM
    assert result.explanation.summary.startswith("name 0.")
    assert "'MKRTCHYCHEV Ashot'~'MKRTYCHEV, Ashot'" in result.explanation.summary
    name = result.explanation.features[0]
    assert name.name == "name"
    assert name.query_values == ("MKRTCHYCHEV Ashot",)
    assert name.candidate_values == ("MKRTYCHEV, Ashot",)
    assert name.weight > 0


@pytest.mark.parametrize("variant", ["김정은", "金正恩", "Ким Чен Ын", "كيم جونغ أون",
                                     "Kim Chong-un", "Gim Jeong-eun", "Jong Un KIM"])
def test_kim_jong_un_in_every_script_and_romanisation(variant: str) -> None:
    assert compare(person(variant), person("KIM, Jong Un")).match


def test_a_different_kim_does_not_match() -> None:
    assert not compare(person("Kim Yong Chol"), person("KIM, Jong Un")).match
    assert not compare(person("Kim"), person("KIM, Jong Un")).match


def test_acronyms_both_ways() -> None:
    komid = org("KOREA MINING DEVELOPMENT TRADING CORPORATION")
    assert compare(org("KOMID"), komid).match
    assert compare(komid, org("KOMID")).match
    assert compare(org("IRGC"), org("ISLAMIC REVOLUTIONARY GUARD CORPS")).match


def test_acronyms_only_between_organisations_and_only_written_as_acronyms() -> None:
    irgc = org("ISLAMIC REVOLUTIONARY GUARD CORPS")
    assert compare(org("IRGC"), irgc).explanation.summary.endswith("(acronym)")
    # a person's name is never an acronym, nor a word written as a word
    for query in (person("IRGC"), org("Irgc")):
        assert "(acronym)" not in compare(query, irgc).explanation.summary
    assert "(acronym)" not in compare(person("ALI"), person("Abu Lahab Ibrahim")).explanation.summary


def test_legal_forms_weigh_little() -> None:
    assert compare(org("Acme Co Ltd"), org("ACME CORPORATION")).match
    assert not compare(org("Acme Trading Co Ltd"), org("Zenith Trading Co Ltd")).match


def test_day_month_swapped_birth_date_still_matches() -> None:
    result = compare(person("Ashot Mkrtychev", birthDate="1966-07-05"), MKRTYCHEV)
    assert result.match
    assert "swapped" in result.explanation.summary


def test_matching_birth_date_raises_and_conflicting_lowers_the_score() -> None:
    bare = compare(person("Ashot Mkrtychev"), MKRTYCHEV).score
    same = compare(person("Ashot Mkrtychev", birthDate="1966-05-07"), MKRTYCHEV).score
    year = compare(person("Ashot Mkrtychev", birthDate="1966"), MKRTYCHEV).score
    other = compare(person("Ashot Mkrtychev", birthDate="1980-01-01"), MKRTYCHEV)
    assert same > year > bare > other.score
    assert same < 1.0
    assert "conflicts" in other.explanation.summary
    date = next(f for f in other.explanation.features if f.name == "date")
    assert date.value < 0 and date.query_values == ("1980-01-01",)


def test_an_imo_number_decides_a_vessel() -> None:
    listed = {"schema": "Vessel", "properties": {"name": ["CHON MA SAN"],
                                                  "imoNumber": ["IMO 8660313"]}}
    renamed = {"schema": "Vessel", "properties": {"name": ["WISDOM STAR"],
                                                   "imoNumber": ["8660313"]}}
    # another ship's number (a valid one: a number whose check digit fails is no evidence)
    other = {"schema": "Vessel", "properties": {"name": ["CHON MA SAN"],
                                                 "imoNumber": ["9187629"]}}
    assert compare(renamed, listed).score > compare(other, listed).score
    assert not compare(other, listed).match
    assert "imoNumber" in compare(renamed, listed).explanation.summary


def test_a_query_id_number_matches_any_identifier_kind() -> None:
    query = person("Ashot Mkrtychev", idNumber="BD 3843329")
    listed = person("MKRTYCHEV, Ashot", passportNumber="BD3843329")
    assert "matches" in compare(query, listed).explanation.summary


def test_person_never_matches_a_vessel() -> None:
    vessel = {"schema": "Vessel", "properties": {"name": ["ASHOT MKRTYCHEV"]}}
    assert not compare(person("Ashot Mkrtychev"), vessel).match


def test_relationship_schemata_compare_on_their_own_properties() -> None:
    own = {"schema": "Ownership", "properties": {"owner": ["ofac-9345"], "asset": ["x"],
                                                 "percentage": ["51"]}}
    same = {"schema": "Ownership", "properties": {"owner": ["ofac-9345"], "asset": ["x"]}}
    other = {"schema": "Ownership", "properties": {"owner": ["ofac-1"], "asset": ["y"]}}
    assert compare(own, same).match
    assert not compare(own, other).match
    family = {"schema": "Family", "properties": {"person": ["a"], "relative": ["b"]}}
    assert compare(family, family).match


def test_entities_and_dicts_are_both_accepted() -> None:
    entity = Entity("ofac-41736", "Person", {"name": ("MKRTYCHEV, Ashot",)})
    assert compare(entity, person("Ashot Mkrtychev")).match


def test_registry_by_name() -> None:
    assert DEFAULT_ALGORITHM in ALGORITHMS
    assert 0.0 < DEFAULT_THRESHOLD < 1.0
    for name, algorithm in ALGORITHMS.items():
        assert algorithm.NAME == name
        assert get_algorithm(name) is algorithm
        assert algorithm.explain()["name"] == name
        assert compare(MKRTYCHEV, MKRTYCHEV, algorithm=name).score > 0.5
    with pytest.raises(QueryError, match="unknown"):
        get_algorithm("nope")


NAMES = st.sampled_from([
    "MKRTYCHEV, Ashot", "KIM, Jong Un", "김정은", "Ким Чен Ын", "KOMID", "Rim Yong Hyok",
    "KOREA MINING DEVELOPMENT TRADING CORPORATION", "Abdul Hai", "AL-'AJMI, 'Ali Hasan 'Ali",
]) | st.text(min_size=1, max_size=25)
DATES = st.sampled_from(["", "1966", "1966-05-07", "1966-07-05", "1970-01-01"])
SCHEMATA = st.sampled_from(["Person", "Organization", "Company", "LegalEntity", "Vessel"])


def _entity(name: str, date: str, schema: str) -> dict[str, Any]:
    props: dict[str, list[str]] = {"name": [name]}
    if date:
        props["birthDate"] = [date]
    return {"schema": schema, "properties": props}


@settings(max_examples=150, deadline=None)
@given(NAMES, DATES, SCHEMATA, NAMES, DATES, SCHEMATA)
def test_scores_lie_in_the_unit_interval_and_compare_is_symmetric(
    n1: str, d1: str, s1: str, n2: str, d2: str, s2: str
) -> None:
    left, right = _entity(n1, d1, s1), _entity(n2, d2, s2)
    forward, backward = compare(left, right), compare(right, left)
    assert 0.0 <= forward.score <= 1.0
    assert forward.score == backward.score


COUNTRIES = st.sampled_from(["", "kp", "ru", "sk"])


@settings(max_examples=300, deadline=None)
@given(NAMES, DATES, COUNTRIES, SCHEMATA, NAMES, DATES, COUNTRIES, SCHEMATA,
       st.sampled_from([0.0, 0.3, DEFAULT_THRESHOLD, 0.9]))
def test_compare_above_skips_only_pairs_under_the_cutoff(
    n1: str, d1: str, c1: str, s1: str, n2: str, d2: str, c2: str, s2: str, cutoff: float
) -> None:
    """compare_above gives compare's very result, or None exactly when that scores under the
    cutoff (it may decide so from the cheap evidence alone)."""
    from sanctionwatch.match import prepare

    def entity(name: str, date: str, country: str, schema: str) -> dict[str, Any]:
        found = _entity(name, date, schema)
        if country:
            found["properties"]["country"] = [country]
        return found

    left = prepare(entity(n1, d1, c1, s1))
    right = prepare(entity(n2, d2, c2, s2))
    for algorithm in ALGORITHMS.values():
        full = algorithm.compare(left, right)
        above = algorithm.compare_above(left, right, None, cutoff)
        assert above == (full if full.score >= cutoff else None)


def test_a_conflicting_birth_date_rules_a_pair_out_without_comparing_names(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from sanctionwatch.match import prepare

    logic = get_algorithm(DEFAULT_ALGORITHM)
    left = prepare(person("MKRTYCHEV, Ashot", birthDate="1966-05-07"))
    right = prepare(person("MKRTYCHEV, Ashot", birthDate="1981-11-30"))
    assert logic.compare(left, right).score < DEFAULT_THRESHOLD
    with monkeypatch.context() as patch:
        patch.setattr(logic, "name_score", lambda *_: pytest.fail("names were compared"))
        assert logic.compare_above(left, right, None, DEFAULT_THRESHOLD) is None
    same = prepare(person("MKRTYCHEV, Ashot", birthDate="1966-05-07"))
    assert logic.compare_above(left, same, None, DEFAULT_THRESHOLD) == logic.compare(left, same)


def test_another_surname_beside_the_same_given_names_does_not_match() -> None:
    # real listings: KIM, Yong Chol and KIM, Chol Sam (OFAC, DPRK programme)
    for query, listed in (("Pak Yong Chol", "KIM, Yong Chol"), ("Yong Chol Ri", "KIM, Yong Chol"),
                          ("Choe Sam Chol", "KIM, Chol Sam"), ("박영철", "KIM, Yong Chol")):
        result = compare(person(query, nationality="kp"), person(listed, nationality="kp"))
        assert not result.match, (query, result.score)
    # the same surname in another order still matches
    assert compare(person("Yong Chol Kim"), person("KIM, Yong Chol")).match


def test_a_corporations_short_name_matches_its_long_listed_name() -> None:
    # real listings: ofac-17260 STATE CORPORATION ROSTEC; SBERBANK EUROPE AG (OFAC)
    assert compare(org("Rostec"), org("STATE CORPORATION ROSTEC")).match
    # conservative: another distinctive word in the long name is another company
    assert not compare(org("Sberbank"), org("SBERBANK EUROPE AG")).match
    # never for a common word
    assert not compare(org("Trading"), org("ASIA ENERGY GENERAL TRADING (LLC)")).match


def test_the_short_name_rule_is_not_for_people() -> None:
    from sanctionwatch.match import compare_names
    from sanctionwatch.match.weights import load_rarity
    from sanctionwatch.names import entity_name_forms

    def forms(name: str, is_person: bool) -> list[Any]:
        return entity_name_forms([name], is_person)

    rarity = load_rarity()
    as_org = compare_names(forms("Rostec", False), forms("STATE CORPORATION ROSTEC", False), rarity)
    assert as_org.note == "short name"
    as_person = compare_names(forms("Putin", True), forms("PUTIN, Vladimir Vladimirovich", True),
                              rarity)
    assert as_person.note != "short name"


def test_a_listed_one_word_name_with_its_legal_form_is_no_short_name() -> None:
    # ofac-22543 PRIVATE MILITARY COMPANY 'WAGNER' against a look-alike company
    assert not compare(org("Wagner Industries GmbH"), org("PRIVATE MILITARY COMPANY 'WAGNER'")).match


@pytest.mark.parametrize(("native", "listed"), [
    ("남천강무역회사", "NAMCHONGANG TRADING CORPORATION"),  # written without spaces
    ("단천상업은행", "TANCHON COMMERCIAL BANK"),
    ("조선대성은행", "CHOSON TAESONG UNHAENG"),  # the generic words romanised, not translated
    ("高麗航空", "AIR KORYO"),  # hanja read in Korean, then cut into words
    ("沈忠國際海運有限公司", "SHEN ZHONG INTERNATIONAL SHIPPING"),
])
def test_native_script_organisation_names_alert_on_their_listing(native: str, listed: str
                                                                 ) -> None:
    assert compare(org(native), org(listed)).score >= DEFAULT_THRESHOLD


def test_a_generic_word_alone_does_not_make_two_organisations_one() -> None:
    # real listings: two DPRK trading corporations and two DPRK banks
    assert compare(org("남천강무역회사"), org("KOREA TANGUN TRADING CORPORATION")).score < 0.5
    assert compare(org("단천상업은행"), org("DAEDONG CREDIT BANK")).score < 0.5


@pytest.mark.parametrize(("native", "listed"), [
    ("李家超", "LEE, Ka Chiu"), ("曾國衞", "TSANG, Kwok-wai"), ("鄧炳強", "TANG, Ping-keung"),
])
def test_hong_kong_names_alert_in_their_cantonese_spelling(native: str, listed: str) -> None:
    assert compare(person(native), person(listed)).score >= DEFAULT_THRESHOLD
