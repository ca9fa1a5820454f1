"""Text screening in the languages of European news: case endings, compounds, head words,
elisions, risk cues and the language of each document and sentence, on the bundled lists.

The sentences are written for these tests (none copies an article); the parties are named as
the lists spell them, bent the way each language bends them.
"""

from __future__ import annotations

import pytest

from sanctionwatch.exc import SanctionwatchError
from sanctionwatch.text import TextScreener, default_context_words, default_risk_terms
from sanctionwatch.text.lexicon import parse_context_words
from sanctionwatch.text.risk import find_cues
from sanctionwatch.text.tokens import tokenize
from sanctionwatch.text.wordforms import WordForms

WAGNER, PUTIN, MKRTYCHEV, KIM, SHOIGU = (
    "ofac-22543", "ofac-35096", "ofac-41736", "ofac-20157", "ofac-35173")
KIM_YO_JONG = "ofac-21444"


def found(screener: TextScreener, text: str) -> dict[str, str]:
    """Listed id -> the text of its first mention."""
    out: dict[str, str] = {}
    for mention in screener.screen_text(text).mentions:
        out.setdefault(mention.entity.id, mention.text)
    return out


@pytest.mark.parametrize(("text", "written"), [
    ("Die Truppen der Wagner-Gruppe haben die Stadt eingenommen.", "Wagner-Gruppe"),
    ("Kämpfer der Wagnergruppe sind nach Belarus gezogen.", "Wagnergruppe"),
    ("Die Wagner-Söldner sollen in Mali Waffen geschmuggelt haben.", "Wagner-Söldner"),
    ("Der Anführer der „Wagner“-Gruppe schwieg.", "Wagner“-Gruppe"),
    ("Le chef du groupe Wagner a quitté Bamako.", "groupe Wagner"),
    ("El Grupo Wagner amplió su presencia en Libia.", "Grupo Wagner"),
    ("Il gruppo Wagner ha ripiegato verso la Bielorussia.", "gruppo Wagner"),
    ("Grupa Wagnera wycofała się z części pozycji w Afryce.", "Grupa Wagnera"),
    ("Według grupy Wagnera wszystko jest w porządku.", "grupy Wagnera"),
    ("Skupina Wagner podle úřadů dodávala zbraně.", "Skupina Wagner"),
    ("Проти ЧВК «Вагнер» запроваджено нові санкції.", "ЧВК «Вагнер"),
    ("Wagner Grubu, Mali'deki askerlerini geri çekti.", "Wagner Grubu"),
])
def test_the_wagner_group_as_each_press_writes_it(
    screener: TextScreener, text: str, written: str
) -> None:
    assert found(screener, text) == {WAGNER: written}


@pytest.mark.parametrize("text", [
    "Der Dirigent spielte Wagner in Bayreuth; Richard Wagner bleibt umstritten.",
    "Die Firmengruppe Wagner & Söhne aus Augsburg spendete an die Gruppe.",
    "L'acteur Wagner Moura présentera son film; le groupe de musiciens jouera du Wagner.",
    "Rolnik Jan Wagner pomagał przy żniwach razem z grupą wolontariuszy.",
    "Die südkoreanische Eiskunstläuferin Kim Yuna gewann Gold.",
])
def test_namesakes_and_the_composer_are_not_linked(screener: TextScreener, text: str) -> None:
    assert found(screener, text) == {}


@pytest.mark.parametrize(("text", "party", "written"), [
    ("Rozmowa z prezydentem Vladimirem Putinem trwała dwie godziny.", PUTIN,
     "Vladimirem Putinem"),
    ("Minister obrony spotkał się z Kim Jong Unem w sprawie amunicji.", KIM, "Kim Jong Unem"),
    ("V Moskvě přijali Kim Jong Una kvůli dodávkám granátů.", KIM, "Kim Jong Una"),
    ("Słowacka prokuratura postawiła zarzuty Ashotowi Mkrtychevowi.", MKRTYCHEV,
     "Ashotowi Mkrtychevowi"),
    ("Slovenská policie zadržela Ashota Mkrtycheva kvůli zbraním.", MKRTYCHEV,
     "Ashota Mkrtycheva"),
    ("Les avoirs d'Ashot Mkrtychev ont été gelés.", MKRTYCHEV, "Ashot Mkrtychev"),
    ("Präsident Vladimir Putins Sprecher sagte, es gehe um Munition.", PUTIN,
     "Vladimir Putins"),
    ("Российский президент Путин заявил о санкциях.", PUTIN, "Путин"),
    ("Російський президент Путін заявив, що санкції не зупинять економіку.", PUTIN, "Путін"),
    ("Le président Putin a reçu le ministre à Moscou.", PUTIN, "Putin"),
])
def test_names_with_the_case_endings_and_elisions_of_each_language(
    screener: TextScreener, text: str, party: str, written: str
) -> None:
    assert found(screener, text) == {party: written}


def test_a_linked_person_is_found_again_under_a_case_ending(screener: TextScreener) -> None:
    text = ("Minister obrony Sergei Shoigu odwiedził Pjongjang. Z Shoiguem rozmawiano o "
            "dostawach amunicji. Rozmowa z Putinem trwała godzinę.")
    mentions = screener.screen_text(text).mentions
    assert [(m.text, m.entity.id) for m in mentions] == [
        ("Sergei Shoigu", SHOIGU), ("Shoiguem", SHOIGU)]  # Putin is never named in full


def test_a_lone_company_name_sees_the_cue_past_a_hard_wrapped_line(
    screener: TextScreener,
) -> None:
    text = ("Der Rosneft-Chef Igor Setschin verhandelte monatelang mit Regierungsvertretern in\n"
            "Caracas. Er steht seit Jahren auf westlichen Sanktionslisten.\n")
    assert "ofac-17022" in found(screener, text)  # Rosneft: the cue is in the next sentence


@pytest.mark.parametrize(("text", "party", "written"), [
    ("Przywódca Korei Północnej Kim Dzong Un obserwował test rakiety.", KIM, "Kim Dzong Un"),
    ("Minister spotkał się z Kim Dzong Unem w Pjongjangu.", KIM, "Kim Dzong Unem"),
    ("Siostra przywódcy, Kim Jo Dzong, ostrzegła Seul.", KIM_YO_JONG, "Kim Jo Dzong"),
    ("Severokorejský vůdce Kim Čong-un sledoval test rakety.", KIM, "Kim Čong-un"),
    ("Jeho sestra Kim Jo-čong pohrozila Soulu.", KIM_YO_JONG, "Kim Jo-čong"),
    ("Machthaber Kim Dschong Un ließ erneut Raketen testen.", KIM, "Kim Dschong Un"),
])
def test_korean_names_in_the_polish_czech_and_german_press_letters(
    screener: TextScreener, text: str, party: str, written: str
) -> None:
    assert found(screener, text) == {party: written}


def test_case_endings_are_read_only_in_a_language_that_has_them(
    screener: TextScreener,
) -> None:
    forms = WordForms((k for p in screener.gazetteer.patterns for k in p.split()),
                      default_context_words())
    tokens = tokenize("Kim Jong Unem")
    polish, inflected, _ = forms.keys(tokens, [0, 0, 0], lambda _: "pl")
    english, none, _ = forms.keys(tokens, [0, 0, 0], lambda _: "en")
    assert (polish, inflected) == (["kim", "jong", "un"], {2})
    assert (english, none) == (["kim", "jong", "unem"], set())


def test_a_lower_case_role_counts_outside_english_only(screener: TextScreener) -> None:
    assert found(screener, "Le président Putin a parlé des sanctions.") == {PUTIN: "Putin"}
    assert found(screener, "The former president Putin spoke.") == {}


@pytest.mark.parametrize(("text", "category"), [
    ("Die EU verhängte neue Sanktionen.", "sanctions"),
    ("Les armes ont été livrées par bateau.", "arms"),
    ("El blanqueo de capitales pasó por Dubái.", "finance"),
    ("Le sanzioni colpiscono le banche.", "sanctions"),
    ("Nałożono sankcje na firmę.", "sanctions"),
    ("Handlował bronią z KRLD.", "arms"),
    ("Dodávala zbraně do Mali.", "arms"),
    ("Постачання зброї тривало.", "arms"),
    ("ABD yeni yaptırımlar uyguladı.", "sanctions"),
    ("Silah kaçakçılığı yaptı.", "arms"),
])
def test_risk_cues_of_each_language(text: str, category: str) -> None:
    assert category in {cue.category for cue in find_cues(tokenize(text), default_risk_terms())}


def test_the_language_of_the_document_and_of_each_mentions_sentence(
    screener: TextScreener,
) -> None:
    english = ("Treasury officials said on Monday that the new measures target the networks "
               "that supply munitions to Russia through third countries. ")
    german = "Die Wagner-Gruppe soll nach Angaben der Ermittler Waffen nach Mali geliefert haben."
    result = screener.screen_text(english * 2 + german + " Kim Jong Un watched a missile test.")
    assert result.language.code == "en"
    assert [(m.text, m.language.code) for m in result.mentions] == [
        ("Wagner-Gruppe", "de"), ("Kim Jong Un", "en")]
    data = result.to_dict()
    assert data["language"] == {"code": "en", "confidence": result.language.to_dict()[
        "confidence"]}
    assert [m["language"] for m in data["mentions"]] == ["de", "en"]  # type: ignore[index,union-attr]


def test_a_text_too_short_to_tell_is_of_unknown_language(screener: TextScreener) -> None:
    assert screener.screen_text("KOMID").language.code == "und"


def test_a_broken_language_section_names_the_file() -> None:
    with pytest.raises(SanctionwatchError, match=r"^ctx.yml: bad context word list"):
        parse_context_words("roles: []\nfunction: []\ngeneric: []\ndesignators: []\n"
                            "not_acronyms: []\ncountries: {}\nlanguages:\n  de:\n"
                            "    heads: {zwei worte: group}\n", "ctx.yml")


def test_other_languages_cues_stay_off_common_english_words() -> None:
    text = ("The municipal council drew the contour of the pagoda garden; an envious testator "
            "left a tangent note on the Gemini blanching pot. An atomic counter, a centrifugal "
            "pump, an ogive curve and the pirate flag of Uranus.")
    assert find_cues(tokenize(text), default_risk_terms()) == []
