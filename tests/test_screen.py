"""screen(): listed parties found by any spelling on the real bundled lists, each explained.

The index is built once for this module from the session ``collection`` fixture.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanctionwatch.exc import QueryError
from sanctionwatch.index import Index, build_index
from sanctionwatch.match import DEFAULT_ALGORITHM, DEFAULT_THRESHOLD, prepare
from sanctionwatch.model import Collection, Entity
from sanctionwatch.screen import ScreeningConfig, screen


@pytest.fixture(scope="module")
def index(collection: Collection) -> Index:
    return build_index(collection)


def query(name: str, schema: str = "Thing", **props: str) -> Entity:
    return Entity("query", schema, {"name": (name,), **{k: (v,) for k, v in props.items()}})


def first(index: Index, name: str, schema: str = "Thing", **props: str) -> str:
    result = screen(index, query(name, schema, **props))
    assert result.matches, name
    return result.matches[0].entity.id


def test_default_config() -> None:
    config = ScreeningConfig()
    assert config.threshold == DEFAULT_THRESHOLD
    assert config.limit == 10
    assert config.algorithm == DEFAULT_ALGORITHM


def test_rim_yong_hyok_ranks_ofac_44294_first(index: Index) -> None:
    assert first(index, "Rim Yong Hyok") == "ofac-44294"


def test_komid_ranks_komid_first_with_all_its_listings(index: Index) -> None:
    result = screen(index, query("KOMID"))
    top = result.matches[0]
    assert top.entity.id in {"ofac-9345", "un-KPe.001"}
    assert top.is_match
    assert {m.entity.id for m in result.matches[:2]} == {"ofac-9345", "un-KPe.001"}
    assert first(index, "Korea Mining Development Trading Corporation") in {
        "ofac-9345", "un-KPe.001"}


@pytest.mark.parametrize("name", ["Kim Jong Un", "김정은", "金正恩", "Ким Чен Ын", "كيم جونغ أون"])
def test_kim_jong_un_in_four_scripts(index: Index, name: str) -> None:
    result = screen(index, query(name, "Person"))
    assert result.matches[0].entity.id == "ofac-20157"
    assert result.matches[0].is_match


def test_mkrtchychev_finds_mkrtychev_with_an_explanation(index: Index) -> None:
    result = screen(index, query("Mkrtchychev Ashot", "Person", birthDate="1966-05-07"))
    top = result.matches[0]
    assert top.entity.id == "ofac-41736"
    assert top.is_match
    assert "birth date matches" in top.explanation.summary
    assert {f.name for f in top.explanation.features} >= {"name", "date"}
    assert "ofac_sdn" in top.datasets


def test_a_conflicting_birth_date_lowers_the_score(index: Index) -> None:
    plain = screen(index, query("Ashot Mkrtychev", "Person")).matches[0]
    other = screen(index, query("Ashot Mkrtychev", "Person", birthDate="1990-01-01")).matches[0]
    assert other.entity.id == plain.entity.id == "ofac-41736"
    assert other.score < plain.score


def test_an_id_number_of_any_kind_finds_the_party(index: Index) -> None:
    result = screen(index, Entity("query", "Thing", {"idNumber": ("BD3843329",)}))
    assert result.matches[0].entity.id == "ofac-41736"


def test_cluster_datasets_and_linked_listings(index: Index) -> None:
    linked = next(e for e in index.collection if len(index.collection.cluster(e.id)) > 1)
    result = screen(index, query(linked.caption, linked.schema))
    match = next(m for m in result.matches if m.entity.id == linked.id)
    assert set(match.linked) == set(index.collection.cluster(linked.id)[1:])
    assert match.datasets == index.collection.cluster_datasets(linked.id)


def test_a_person_query_never_returns_a_vessel(index: Index) -> None:
    vessel = next(e for e in index.collection if e.schema == "Vessel")
    result = screen(index, query(vessel.caption, "Person"))
    assert all(m.entity.schema != "Vessel" for m in result.matches)


def test_limit_threshold_and_ranking(index: Index) -> None:
    result = screen(index, query("Mohammed Ali"), ScreeningConfig(threshold=0.99, limit=3))
    assert len(result.matches) <= 3
    assert all(not m.is_match for m in result.matches if m.score < 0.99)
    scores = [m.score for m in result.matches]
    assert scores == sorted(scores, reverse=True)


def test_bad_queries_are_refused(index: Index) -> None:
    with pytest.raises(QueryError, match="name or an identifier"):
        screen(index, Entity("query", "Person", {"birthDate": ("1966",)}))
    with pytest.raises(QueryError, match="limit"):
        screen(index, query("KOMID"), ScreeningConfig(limit=0))


HOMOGLYPHS = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "A": "А", "E": "Е",
              "O": "О", "K": "К", "M": "М", "H": "Н", "T": "Т", "B": "В", "I": "Ι"}
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
LISTED = [("RIM, Yong Hyok", "ofac-44294"), ("MKRTYCHEV, Ashot", "ofac-41736"),
          ("KIM, Jong Un", "ofac-20157"), ("ISLAMIC REVOLUTIONARY GUARD CORPS", "ofac-10391")]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(LISTED), st.data())
def test_a_listed_name_with_homoglyphs_or_invisible_characters_is_still_found(
    index: Index, listed: tuple[str, str], data: st.DataObject
) -> None:
    name, entity_id = listed
    chars = []
    for char in name:
        if char in HOMOGLYPHS and data.draw(st.booleans()):
            char = HOMOGLYPHS[char]
        chars.append(char)
        if data.draw(st.integers(0, 4)) == 0:
            chars.append(data.draw(st.sampled_from(INVISIBLE)))
    disguised = "".join(chars)
    assert entity_id in [m.entity.id for m in screen(index, query(disguised)).matches[:3]]


def _customers(index: Index) -> list[Entity]:
    """Customer-like queries: listed names (every 97th entity), cut, reordered and misspelt,
    with the listed, a different or no birth date; and Faker names on no list."""
    from faker import Faker

    out: list[Entity] = []
    entities = sorted(index.collection.entities.values(), key=lambda e: e.id)
    for n, entity in enumerate(entities[::97]):
        tokens = (entity.caption or "").split()
        if not tokens:
            continue
        variants = [" ".join(reversed(tokens)), " ".join(tokens[:2]),
                    " ".join(t[:-1] + "x" if len(t) > 4 else t for t in tokens)]
        born = entity.first("birthDate")
        for k, name in enumerate(variants):
            props: dict[str, tuple[str, ...]] = {"name": (name,)}
            if born and k == 1:
                props["birthDate"] = (born,)
            elif k == 2:
                props["birthDate"] = ("1961-03-0" + str(n % 9 + 1),)
            out.append(Entity(f"q{n}-{k}", "Thing", props))
    for locale in ("en_US", "ru_RU", "ko_KR", "zh_CN", "ar_AA", "de_DE"):
        fake = Faker(locale)
        fake.seed_instance(11)
        out.extend(Entity(f"{locale}-{i}", "Person", {"name": (fake.name(),),
                                                      "birthDate": (fake.date(),)})
                   for i in range(40))
    return out


def test_asking_only_for_matches_gives_the_same_matches(index: Index) -> None:
    """min_score=threshold lets the algorithm skip candidates whose birth date, country or
    schema already rule them out: the matches themselves must not change."""
    everything = ScreeningConfig()
    matches_only = ScreeningConfig(min_score=DEFAULT_THRESHOLD)
    found = 0
    for customer in _customers(index):
        if not prepare(customer).forms:  # a cut name of legal forms only ("JOINT STOCK")
            for config in (everything, matches_only):
                with pytest.raises(QueryError, match="no distinctive word"):
                    screen(index, customer, config)
            continue
        full = [(m.entity.id, m.score) for m in screen(index, customer, everything).matches
                if m.is_match]
        fast = screen(index, customer, matches_only).matches
        assert all(m.score >= DEFAULT_THRESHOLD for m in fast), customer
        assert [(m.entity.id, m.score) for m in fast] == full, customer
        found += bool(full)
    assert found > 100  # the variants of listed names do match


def test_min_score_is_checked(index: Index) -> None:
    with pytest.raises(QueryError, match="min_score"):
        screen(index, query("Kim Jong Un"), ScreeningConfig(min_score=1.5))


def test_an_abbreviation_written_letter_by_letter_does_not_outweigh_the_name(
    index: Index,
) -> None:
    """Listed as "GENETICA IMPORT-EXPORT S.P.R. DE R.L. DE C.V."; a customer file writes the
    legal form as loose letters. Single letters weigh as initials in the candidate search, so
    the distinctive words still carry the query to it."""
    result = screen(index, query("GENETICA IMPORT EXPORT S P R DE R L DE C V", country="mx"))
    assert result.matches[0].entity.id == "ofac-12195"
    assert result.matches[0].is_match


def test_screening_does_not_import_followthemoney() -> None:
    """Importing followthemoney takes over a second; the screening path (model, index, match,
    screen, the index cache) must not pay it, so a one-shot CLI call starts quickly."""
    import subprocess
    import sys

    code = ("import sys\nimport sanctionwatch.screen, sanctionwatch.sources.snapshot\n"
            "print('followthemoney' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(("name", "listed"), [
    ("LIMITED LIABELITY COMPANY PROMTEKHNOLOGIYA", "ofac-36999"),
    ("LIABILITY COMPANY ONSINT LIMITED", "ofac-47946"),
])
def test_a_misspelt_or_reordered_legal_form_still_matches(
        index: Index, name: str, listed: str) -> None:
    """Customer files misspell and reorder legal forms; the distinctive word decides."""
    result = screen(index, query(name, "Organization", country="ru"))
    assert result.matches[0].entity.id == listed
    assert result.matches[0].is_match
