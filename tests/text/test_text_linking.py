"""Linking on real list data: the issue's cases, each in a sentence of its own."""

import pickle
from pathlib import Path

import pytest

from sanctionwatch.text import Gazetteer, TextScreener, read_documents

SEED_PARTIES = {"ofac-44294", "ofac-9345", "ofac-22543", "ofac-41736", "ofac-35173",
                "ofac-21171", "ofac-35096", "ofac-20157"}


def listings(screener: TextScreener) -> dict[str, set[str]]:
    """Cluster key -> the ids of every listing of that party."""
    out: dict[str, set[str]] = {}
    for info in screener.gazetteer.entities:
        out.setdefault(info.cluster, set()).add(info.id)
    return out


def linked(screener: TextScreener, text: str) -> set[str]:
    """Every listing id of every party found (KOMID: both its OFAC and its UN listing)."""
    by_cluster = listings(screener)
    return {i for m in screener.screen_text(text).mentions for i in by_cluster[m.entity.cluster]}


def test_the_seed_articles_name_exactly_the_eight_listed_parties(
    screener: TextScreener, seeds: list[Path]
) -> None:
    found: set[str] = set()
    for path in seeds:
        [doc] = read_documents(path.read_bytes(), path.name)
        assert not isinstance(doc, Exception)
        found |= {m.entity.cluster for m in screener.screen(doc).mentions}
    cluster_of = {info.id: info.cluster for info in screener.gazetteer.entities}
    assert found == {cluster_of[party] for party in SEED_PARTIES}
    assert "un-KPe.001" in listings(screener)[cluster_of["ofac-9345"]]


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("Treasury sanctioned Ashot Mkrtchychev, a Slovak arms broker.", "ofac-41736"),
        ("Russian Defence Minister Sergei Shoigu arrived in Pyongyang.", "ofac-35173"),
        ("Wagner Group owner Yevgeny Prigozhin denied it.", "ofac-21171"),
        ("Officials of North Korean arms company Komid in Syria were named.", "ofac-9345"),
        ("KOMID shipped ballistic missile parts.", "ofac-9345"),
        ("The IRGC seized a tanker carrying sanctioned oil.", "ofac-10391"),
        ("Kim Jong-un met Putin.", "ofac-20157"),
        ("Gim Jeong-eun visited the plant.", "ofac-20157"),
        ("북한 김정은 국무위원장이 미사일 발사를 참관했다.", "ofac-20157"),
        ("朝鲜领导人金正恩视察了导弹试射。", "ofac-20157"),
        ("Ким Чен Ын встретился с гостями.", "ofac-20157"),
        ("Журналисты спросили о санкциях против Владимира Путина.", "ofac-35096"),
        ("Министр обороны Сергей Шойгу прибыл в Пхеньян.", "ofac-35173"),
        ("The Korea Mining Development\nTrading Corporation sold shells.", "ofac-9345"),
        ("Funds moved via the JSC Sovcomflot tankers to evade the price cap.", "ofac-34741"),
        ("Rosoboronexport signed arms export contracts.", "ofac-18782"),
        ("North Korea's Ministry of National Defence praised the launch.", "un-KPe.054"),
        ("A Mahan Air Airbus landed in Caracas with drone parts.", "ofac-12927"),
    ],
)
def test_listed_parties_are_found_under_the_spellings_the_press_uses(
    screener: TextScreener, text: str, party: str
) -> None:
    assert party in linked(screener, text)


@pytest.mark.parametrize(
    "text",
    [
        "White House spokesman John Kirby said the talks were advancing. Kirby declined to say more.",
        "Figure skater Kim Yuna lit the Olympic flame. Kim won gold in Vancouver.",
        "The orchestra played Wagner's Ring cycle. Richard Wagner wrote it in Bayreuth.",
        "The Korea Development Bank lent money to shipyards in Busan.",
        "Professor Leif-Eric Easley of Ewha Womans University commented.",
        "Sergei Ivanov, a chess coach from Omsk, won the tournament.",
        "Wagner College named a new president.",
        "The UK Ministry of Defence said the patrol ended. Golden Star won the cup.",
        "The United States and the European Union agreed.",
    ],
)
def test_unlisted_people_and_firms_sharing_a_word_are_not_linked(
    screener: TextScreener, text: str
) -> None:
    assert linked(screener, text) == set()


def test_a_partial_name_links_to_the_full_name_elsewhere_in_the_document(
    screener: TextScreener,
) -> None:
    text = "Kim Jong is going to Russia. Later, Kim Jong Un met Shoigu and Vladimir Putin."
    mentions = screener.screen_text(text).mentions
    assert [(m.text, m.entity.id, m.method) for m in mentions] == [
        ("Kim Jong", "ofac-20157", "partial"),
        ("Kim Jong Un", "ofac-20157", "exact"),
        ("Vladimir Putin", "ofac-35096", "exact"),
    ]


def test_a_role_word_before_a_rare_surname_links_the_principal_not_the_relatives(
    screener: TextScreener,
) -> None:
    found = screener.screen_text("Defence Minister Shoigu joined President Putin.").mentions
    assert [m.entity.id for m in found] == ["ofac-35173", "ofac-35096"]


def test_a_mention_carries_offsets_sentence_risk_and_the_issue_json_shape(
    screener: TextScreener,
) -> None:
    text = "Markets were calm. Treasury sanctioned Rim Yong Hyok for selling rockets to Wagner."
    result = screener.screen_text(text, "doc-1")
    [mention] = [m for m in result.mentions if m.entity.id == "ofac-44294"]
    assert text[mention.start : mention.end] == mention.text == "Rim Yong Hyok"
    assert mention.sentence == ("Treasury sanctioned Rim Yong Hyok for selling rockets to "
                                "Wagner.")
    data = result.to_dict()
    assert data["document"] == "doc-1"
    [item] = [m for m in data["mentions"] if m["entity"]["id"] == "ofac-44294"]  # type: ignore[index,union-attr]
    assert set(item) >= {"text", "start", "end", "entity", "score", "risk", "sentence"}
    assert set(item["entity"]) == {"id", "caption", "schema", "datasets"}
    assert item["entity"]["datasets"] == ["ofac_sdn"]
    assert {r["category"]: r["cues"] for r in item["risk"]} == {
        "sanctions": ["sanctioned"], "arms": ["rockets"]}
    assert 0.7 <= item["score"] <= 1.0


def test_an_over_long_document_is_an_error_result_not_an_exception(
    gazetteer: Gazetteer,
) -> None:
    result = TextScreener(gazetteer, max_chars=100).screen_text("Kim Jong Un " * 20, "long")
    assert result.mentions == ()
    assert result.error == "long: 240 characters is over the 100-character limit"


def test_the_gazetteer_pickles_without_its_automaton(gazetteer: Gazetteer) -> None:
    copy = pickle.loads(pickle.dumps(gazetteer))
    assert copy._automaton is None
    assert "ofac-20157" in linked(TextScreener(copy), "Kim Jong Un spoke.")
