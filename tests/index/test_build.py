"""Candidate search on the real bundled lists: found by any spelling, never by a scan."""

from __future__ import annotations

import pickle

from sanctionwatch.index import Index
from sanctionwatch.names import name_forms
from sanctionwatch.names.identifiers import normalize_id


def ids(index: Index, name: str, limit: int = 5) -> list[str]:
    return [index.entity_ids[c.entity] for c in index.search(name_forms(name), (), limit)]


def test_every_entity_and_name_is_indexed(index: Index) -> None:
    assert len(index.entity_ids) == len(index.collection)
    assert index.collection.get("ofac-41736") is not None
    assert len(index.forms) >= sum(1 for e in index.collection if e.names())


def test_a_misspelt_surname_finds_the_listing(index: Index) -> None:
    assert ids(index, "Mkrtchychev Ashot")[0] == "ofac-41736"
    assert "ofac-41736" in ids(index, "Mkrtchychev")


def test_kim_jong_un_from_four_scripts(index: Index) -> None:
    for name in ("김정은", "金正恩", "Ким Чен Ын", "كيم جونغ أون"):
        assert "ofac-20157" in ids(index, name), name


def test_acronyms_find_the_long_name(index: Index) -> None:
    assert {"ofac-9345", "un-KPe.001"} <= set(ids(index, "Komid"))
    assert "ofac-10391" in ids(index, "IRGC")
    assert "ofac-10391" in ids(index, "Islamic Revolutionary Guard Corps")


def test_identifiers_are_looked_up_exactly(index: Index) -> None:
    passport = normalize_id("BD 3843329")
    found = index.search((), {passport}, 5)
    assert [index.entity_ids[c.entity] for c in found] == ["ofac-41736"]
    assert index.search((), {"NOSUCHID123"}, 5) == []


def test_common_tokens_weigh_less_than_rare_ones(index: Index) -> None:
    assert index.idf("kim") < index.idf("mkrtychev")
    assert index.idf("trading") < index.idf("komid")


def test_search_returns_at_most_limit_candidates(index: Index) -> None:
    assert len(index.search(name_forms("Mohammed Ali"), (), 7)) == 7


def test_the_index_pickles(index: Index) -> None:
    clone = pickle.loads(pickle.dumps(index))
    assert clone.entity_ids == index.entity_ids
    assert ids(clone, "Rim Yong Hyok") == ids(index, "Rim Yong Hyok")


def test_a_minimum_share_drops_exactly_the_names_under_it(index: Index) -> None:
    """With ``min_share`` the search stops starting names the remaining token weight cannot
    lift to it: the same candidates as a full search cut at that share."""
    from faker import Faker

    names = ["Mkrtchychev Ashot", "Kim Jong", "KOMID", "Ali Hassan Mohammed", "Lee Min Su",
             "Korea Mining Development", "GENETICA IMPORT EXPORT S P R DE R L DE C V"]
    for locale in ("en_US", "ru_RU", "ko_KR", "ar_AA"):
        fake = Faker(locale)
        fake.seed_instance(3)
        names.extend(fake.name() for _ in range(25))
    checked = 0
    for name in names:
        forms = name_forms(name)
        full = [(c.entity, round(c.score, 9)) for c in index.search(forms, (), 10_000)
                if c.score >= 0.5]
        pruned = [(c.entity, round(c.score, 9))
                  for c in index.search(forms, (), 10_000, min_share=0.5)]
        assert sorted(pruned) == sorted(full), name
        checked += bool(full)
    assert checked > 20


def test_an_index_of_one_entity_still_finds_it() -> None:
    """Every token of a one-entity index is on every name: its weight must not drop to zero
    (the plain log(N / n)), or a small index (a list update's delta) would find nothing."""
    from sanctionwatch.index import build_index
    from sanctionwatch.model import Collection, Entity

    listed = Entity("x1", "Person", {"name": ("Kim Jong Un",)}, datasets=("t",))
    small = build_index(Collection(entities={"x1": listed}, sources=()))
    assert ids(small, "Kim Jong Un") == ["x1"]
    assert ids(small, "Kim Jong") == ["x1"]


def test_native_script_organisations_and_hong_kong_names_find_their_listing(index: Index) -> None:
    # real listings: NAMCHONGANG TRADING CORPORATION (ofac-11532, un-KPe.004), CHONGCH'AL
    # CH'ONGGUK (ofac-12210), LEE, Ka Chiu (ofac-29250), TSANG, Kwok-wai (ofac-29246), SHEN
    # ZHONG INTERNATIONAL SHIPPING (un-KPe.073)
    for name, listed in (("남천강무역회사", {"ofac-11532", "un-KPe.004"}),
                         ("정찰총국", {"ofac-12210"}), ("偵察總局", {"ofac-12210"}),
                         ("李家超", {"ofac-29250"}), ("曾國衞", {"ofac-29246"}),
                         ("沈忠國際海運有限公司", {"un-KPe.073"})):
        assert ids(index, name)[0] in listed, name
