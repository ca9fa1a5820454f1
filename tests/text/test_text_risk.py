from sanctionwatch.text import default_risk_terms, parse_risk_terms
from sanctionwatch.text.risk import find_cues
from sanctionwatch.text.tokens import tokenize


def test_cues_match_words_prefixes_and_phrases_in_any_script() -> None:
    text = ("The Treasury sanctioned the broker for ship to ship transfers of artillery shells. "
            "Россия обходит санкции.")
    cues = find_cues(tokenize(text), default_risk_terms())
    found = {(c.category, c.text.lower()) for c in cues}
    assert ("sanctions", "sanctioned") in found
    assert ("evasion_shipping", "ship to ship") in found
    assert ("arms", "artillery") in found
    assert ("sanctions", "санкции") in found


def test_every_category_of_the_issue_has_cues() -> None:
    keys = {c.key for c in default_risk_terms().categories}
    assert keys == {"sanctions", "arms", "proliferation", "evasion_shipping", "finance", "cyber",
                    "corruption", "terrorism"}


def test_a_broken_risk_file_names_itself() -> None:
    try:
        parse_risk_terms("categories: [1, 2]", "my_terms.yml")
    except Exception as exc:  # noqa: BLE001 - the type is checked below
        assert type(exc).__name__ == "SanctionwatchError"
        assert str(exc).startswith("my_terms.yml: bad risk term definition")
    else:
        raise AssertionError("no error")
