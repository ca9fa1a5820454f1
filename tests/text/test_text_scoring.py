"""A mention's score is the matching engine's: its name as written, as a query of the linked
listing's schema, compared with the listing (see sanctionwatch.text.scoring)."""

import pickle

import pytest

from sanctionwatch.match import compare
from sanctionwatch.model import Collection, Entity
from sanctionwatch.text import Gazetteer, Mention, TextScreener


def engine_score(collection: Collection, name: str, entity_id: str) -> float:
    listed = collection.get(entity_id)
    assert listed is not None
    return compare(Entity("query", listed.schema, {"name": (name,)}), listed).score


def mention_of(screener: TextScreener, text: str, entity_id: str, method: str | None = None
               ) -> Mention:
    found = [m for m in screener.screen_text(text).mentions
             if m.entity.id == entity_id and (method is None or m.method == method)]
    assert found, f"{entity_id} not linked in {text!r}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "written", "party"),
    [
        ("Treasury sanctioned Rim Yong Hyok for selling rockets.", "Rim Yong Hyok", "ofac-44294"),
        ("Russian Defence Minister Sergei Shoigu arrived in Pyongyang.", "Sergei Shoigu",
         "ofac-35173"),
        ("Treasury sanctioned Oleg Deripaska for evading sanctions.", "Oleg Deripaska",
         "ofac-24283"),
        ("KOMID shipped ballistic missile parts.", "KOMID", "ofac-9345"),
        ("Officials of North Korean arms company Komid in Syria were named.", "Komid",
         "ofac-9345"),
        ("Treasury sanctioned Ashot Mkrtchychev, a Slovak arms broker.", "Ashot Mkrtchychev",
         "ofac-41736"),
        ("Журналисты спросили о санкциях против Владимира Путина.", "Владимира Путина",
         "ofac-35096"),
    ],
)
def test_the_score_is_the_engine_score_of_the_name_as_written(
    screener: TextScreener, collection: Collection, text: str, written: str, party: str
) -> None:
    mention = mention_of(screener, text, party)
    assert mention.text == written
    assert mention.score == pytest.approx(engine_score(collection, written, party), abs=1e-9)
    assert mention.to_dict()["score"] == round(mention.score, 4)


def test_a_misspelt_name_scores_lower_than_the_exact_one(screener: TextScreener) -> None:
    exact = mention_of(screener, "Treasury sanctioned Ashot Mkrtychev, a Slovak arms broker.",
                       "ofac-41736")
    misspelt = mention_of(screener,
                          "Treasury sanctioned Ashot Mkrtchychev, a Slovak arms broker.",
                          "ofac-41736")
    assert misspelt.method == "misspelt"
    assert misspelt.score < exact.score


def test_a_partial_name_scores_as_the_full_name_it_was_resolved_to(
    screener: TextScreener,
) -> None:
    result = screener.screen_text("Treasury sanctioned Kim Jong Un over missile launches. "
                                  "Kim Jong said the sanctions were unfair.")
    by_text = {m.text: m for m in result.mentions if m.entity.id == "ofac-20157"}
    assert by_text["Kim Jong"].method == "partial"
    assert by_text["Kim Jong"].score == by_text["Kim Jong Un"].score


def test_a_weak_context_caps_the_engine_score(
    gazetteer: Gazetteer, collection: Collection
) -> None:
    # a common two-word name with no risk cue: the linker lowers it to 0.65, under the
    # default threshold, so it shows only with a lower one, and reports at most 0.65
    screener = TextScreener(gazetteer, threshold=0.0)
    mention = mention_of(screener, "Sergei Ivanov, a chess coach from Omsk, won the tournament.",
                         "ofac-16688")
    engine = engine_score(collection, "Sergei Ivanov", "ofac-16688")
    assert engine > 0.65
    assert mention.score == pytest.approx(min(engine, 0.65))
    default = TextScreener(gazetteer)
    assert not default.screen_text("Sergei Ivanov, a chess coach from Omsk, won the "
                                   "tournament.").mentions


def test_each_listing_is_prepared_once_and_not_pickled(gazetteer: Gazetteer) -> None:
    index = next(i for i, info in enumerate(gazetteer.entities) if info.id == "ofac-20157")
    assert gazetteer.prepared(index) is gazetteer.prepared(index)
    assert "KIM, Jong Un" in gazetteer.prepared(index).names
    copy = pickle.loads(pickle.dumps(gazetteer))
    assert copy._prepared == {}
    assert copy.entities[index].names == gazetteer.entities[index].names
    assert copy.prepared(index).names == gazetteer.prepared(index).names


def test_a_gazetteer_pickled_before_names_were_kept_is_refused(gazetteer: Gazetteer) -> None:
    # the CLI then rebuilds its cache rather than scoring mentions against captions alone
    state = gazetteer.__getstate__()
    del state["shape"]
    stale = Gazetteer.__new__(Gazetteer)
    with pytest.raises(ValueError, match="shape"):
        stale.__setstate__(state)
