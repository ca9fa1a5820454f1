"""Text screening reads listed names as each language's press romanises them, through the
names layer's romanisation keys (see sanctionwatch.text.romanised), on the bundled lists.

The spellings are those the press of each language uses for these people (German Duden
transcription, the French, Polish, Czech, Spanish, Italian, Portuguese, Turkish and Dutch
conventions, Ukrainian and Russian Cyrillic); the sentences around them are written for these
tests. Real OFAC listings: ofac-21171 PRIGOZHIN, Yevgeniy Viktorovich; ofac-35096 PUTIN,
Vladimir Vladimirovich; ofac-35173 SHOIGU, Sergei Kuzhugetovich; ofac-35233 LAVROV, Sergei
Viktorovich; ofac-16692 SECHIN, Igor Ivanovich; ofac-36407 MEDVEDEV, Dmitry Anatolievich;
ofac-22543 the Wagner Group; ofac-20157 KIM, Jong Un.
"""

from __future__ import annotations

import pytest

from sanctionwatch.text import Gazetteer, TextScreener, default_context_words
from sanctionwatch.text.romanised import Reading, RomanReader, read_romanised, roman_index
from sanctionwatch.text.tokens import tokenize

PRIGOZHIN, PUTIN, SHOIGU, LAVROV, SECHIN, MEDVEDEV, WAGNER, KIM = (
    "ofac-21171", "ofac-35096", "ofac-35173", "ofac-35233", "ofac-16692", "ofac-36407",
    "ofac-22543", "ofac-20157")

PRESS = [
    # (language, sentence, listed party, the mention as written)
    ("de", "Söldnerchef Jewgeni Prigoschin hat sich wieder gezeigt.", PRIGOZHIN,
     "Jewgeni Prigoschin"),
    ("de", "Kremlchef Wladimir Putin hatte ihn des Verrats bezichtigt.", PUTIN, "Wladimir Putin"),
    ("de", "Außenminister Sergej Lawrow traf seinen Amtskollegen in Ankara.", LAVROV,
     "Sergej Lawrow"),
    ("de", "Der Rosneft-Chef Igor Setschin steht seit Jahren unter Sanktionen.", SECHIN,
     "Igor Setschin"),
    ("de", "Der frühere Präsident Dmitri Medwedew drohte erneut mit Atomwaffen.", MEDVEDEV,
     "Dmitri Medwedew"),
    ("fr", "Evgueni Prigojine est mort dans l'accident de son avion.", PRIGOZHIN,
     "Evgueni Prigojine"),
    ("fr", "Le président Vladimir Poutine a présenté ses condoléances.", PUTIN,
     "Vladimir Poutine"),
    ("fr", "Le ministre Sergueï Lavrov a rencontré son homologue.", LAVROV, "Sergueï Lavrov"),
    ("fr", "Le patron de Rosneft, Igor Setchine, reste sous sanctions.", SECHIN, "Igor Setchine"),
    ("pl", "Putin spotkał się z Jewgienijem Prigożynem pięć dni po buncie.", PRIGOZHIN,
     "Jewgienijem Prigożynem"),
    ("pl", "Minister obrony Siergiej Szojgu przyleciał do Pjongjangu.", SHOIGU,
     "Siergiej Szojgu"),
    ("pl", "Szef dyplomacji Siergiej Ławrow spotkał się z kolegą.", LAVROV, "Siergiej Ławrow"),
    ("pl", "Prezes Rosnieftu Igor Sieczin jest objęty sankcjami.", SECHIN, "Igor Sieczin"),
    ("pl", "Były prezydent Dmitrij Miedwiediew znów groził użyciem broni.", MEDVEDEV,
     "Dmitrij Miedwiediew"),
    ("cs", "Ministr obrany Sergej Šojgu přiletěl do Pchjongjangu.", SHOIGU, "Sergej Šojgu"),
    ("cs", "Šéf Rosněfti Igor Sečin je pod sankcemi.", SECHIN, "Igor Sečin"),
    ("es", "El jefe de Wagner, Yevgueni Prigozhin, murió en el accidente.", PRIGOZHIN,
     "Yevgueni Prigozhin"),
    ("it", "Il capo della Wagner Evgenij Prigozhin è morto nello schianto.", PRIGOZHIN,
     "Evgenij Prigozhin"),
    ("pt", "O líder do grupo, Ievgueni Prigojin, morreu no acidente.", PRIGOZHIN,
     "Ievgueni Prigojin"),
    ("tr", "Savunma Bakanı Sergey Şoygu Pyongyang'a geldi.", SHOIGU, "Sergey Şoygu"),
    ("nl", "De Russische president Vladimir Poetin sprak gisteren.", PUTIN, "Vladimir Poetin"),
    ("uk", "Група Вагнера відмовилася від контрактів з міністерством.", WAGNER, "Група Вагнера"),
    ("uk", "Шойгу прибув до Пхеньяна, де зустрівся з Кім Чен Ином.", KIM, "Кім Чен Ином"),
    ("ru", "Шойгу встретился в Пхеньяне с Ким Чен Ыном.", KIM, "Ким Чен Ыном"),
]


def found(screener: TextScreener, text: str) -> dict[str, tuple[str, str]]:
    """Listed id -> (the text, the method) of its first mention."""
    out: dict[str, tuple[str, str]] = {}
    for mention in screener.screen_text(text).mentions:
        out.setdefault(mention.entity.id, (mention.text, mention.method))
    return out


@pytest.mark.parametrize(("language", "text", "party", "written"), PRESS,
                         ids=[f"{p[0]}-{p[3]}" for p in PRESS])
def test_each_press_romanisation_links_the_listed_party(
    screener: TextScreener, language: str, text: str, party: str, written: str
) -> None:
    links = found(screener, text)
    assert party in links, (language, text, links)
    assert links[party][0] == written


def test_a_romanised_name_says_so_and_scores_as_a_name(screener: TextScreener) -> None:
    mention = next(m for m in screener.screen_text(
        "Władimir Putin spotkał się z Jewgienijem Prigożynem pięć dni po buncie.").mentions
        if m.entity.id == PRIGOZHIN)
    assert mention.method == "romanised"
    # bent and romanised: the engine is given the listed words, not the case endings
    assert mention.score >= 0.8


@pytest.mark.parametrize("text", [
    "Der Boxer Wladimir Klitschko sprach mit Präsident Wolodymyr Selenskyj.",
    "Michail Gorbatschow und Alexei Nawalny wurden erwähnt, ebenso Garri Kasparow.",
    "Der Dirigent Jewgeni Swetlanow und der Pianist Igor Levit spielten.",
    "Der Bäcker Jewgeni Prigorow aus Köln backt Brot.",
    "Prezydent Wołodymyr Zełenski rozmawiał z Witalijem Kliczką.",
    "Rolnik Sergiusz Szojgało z Podlasia zebrał plony.",
    "Le champion Garry Kasparov et l'opposant Alexeï Navalny ont parlé.",
    # a lone word is never read through a romanisation (the sweep of unrelated documents
    # found "Cisco" read as ZISCO, "setAAD" as SETAD)
    "Call decipher.setAAD() before update(); CISCO and Cisco routers use it for sanctions.",
])
def test_unlisted_russians_in_press_spelling_are_not_linked(
    screener: TextScreener, text: str
) -> None:
    assert found(screener, text) == {}


def test_the_gazetteer_files_each_name_word_under_every_conventions_key(
    gazetteer: Gazetteer,
) -> None:
    assert "prigozhin" in gazetteer.roman["prigoSin"]
    assert "wagner" in gazetteer.roman["vagner"]  # Вагнер, the German w read as в
    small = roman_index(["prigozhin", "putin", "kim"])
    assert small["prigoSin"] == ("prigozhin",) and small["putin"] == ("putin",)
    assert "kim" not in {w for words in small.values() for w in words}  # too short to key


def reading(reader: RomanReader, text: str, language: str) -> dict[str, Reading]:
    tokens = tokenize(text)
    readings = reader.read(tokens, [0] * len(tokens), lambda _: language)
    return {tokens.keys[i]: r for i, r in readings.items()}


def test_a_word_is_read_in_its_sentences_convention(gazetteer: Gazetteer) -> None:
    reader = RomanReader(gazetteer.roman, default_context_words())
    assert "putin" in reading(reader, "Vladimir Poutine", "fr")["poutine"].words
    assert "poutine" not in reading(reader, "Vladimir Poutine", "de")  # ou is no у in German
    bent = reading(reader, "Група Вагнера", "uk")["vagnera"]
    assert "wagner" in bent.words and bent.inflected  # Вагнер + the Ukrainian ending -а
    assert "vagnera" not in reading(reader, "Група Вагнера", "fr")  # no case endings in French


def test_only_a_word_read_as_one_listed_word_is_rewritten() -> None:
    vocabulary = {"vagner", "wagner", "group", "prigozhin"}
    keys = ["jewgeni", "prigoschin"]
    readings = {0: Reading(("evgeniy", "yevgeniy"), False), 1: Reading(("prigozhin",), False)}
    changed, others = read_romanised(["jewgeni", "prigoschin"], keys, set(), readings,
                                     vocabulary)
    assert changed == {1} and keys == ["jewgeni", "prigozhin"]
    assert others == [{0: "evgeniy"}, {0: "yevgeniy"}]  # each reading in its own pass
    # a word listed as written stays itself; a word read as a head word stays one
    keys = ["group", "wagner"]
    readings = {0: Reading(("group", "grupp"), True), 1: Reading(("vagner", "wagner"), False)}
    assert read_romanised(["grupa", "wagner"], keys, set(), readings, vocabulary) == (set(), [])
    # a word read through a case ending as one listed word may also be another
    keys = ["group", "vagner"]
    readings = {1: Reading(("vagner", "wagner"), True)}
    assert read_romanised(["grupa", "vagnera"], keys, {1}, readings, vocabulary) == (
        set(), [{1: "wagner"}])
