from pathlib import Path

from sanctionwatch.text import TextScreener, read_documents
from sanctionwatch.text.stories import group_stories


def screen_all(screener: TextScreener, paths: list[Path]) -> list:  # type: ignore[type-arg]
    results = []
    for path in paths:
        for doc in read_documents(path.read_bytes(), path.name):
            if not isinstance(doc, Exception):
                results.append(screener.screen(doc))
    return results


def test_seed_articles_form_one_story_and_unrelated_articles_do_not_join_it(
    screener: TextScreener, seeds: list[Path], examples: Path
) -> None:
    unrelated = [examples / "2024-01-20-crypto-heist.txt", examples / "2024-03-12-iran-tankers.txt",
                 examples / "2023-10-02-culture.txt"]
    stories = group_stories(screen_all(screener, seeds + unrelated))
    by_doc = {d.document.id: s.id for s in stories for d in s.documents}
    assert by_doc[seeds[0].name] == by_doc[seeds[1].name]
    for path in unrelated:
        assert by_doc[path.name] != by_doc[seeds[0].name]
    assert len(stories) == 4


def test_a_syndicated_html_copy_and_a_russian_rewrite_join_their_story(
    screener: TextScreener, examples: Path
) -> None:
    stories = group_stories(screen_all(screener, sorted(examples.glob("*"))))
    [summit] = [s for s in stories if len(s.documents) > 1]
    assert sorted(d.document.id for d in summit.documents) == [
        "2023-09-06-arms-talks-syndicated.html", "2023-09-06-arms-talks.txt",
        "2023-09-07-ru-summit.txt"]
    assert summit.reasons == ("copy", "related")
    assert {p.id for p, n in summit.parties if n == 3} == {"ofac-20157", "ofac-35096",
                                                           "ofac-35173"}
    assert summit.to_dict()["dates"] == ["2023-09-06", "2023-09-07"]
