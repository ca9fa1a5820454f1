"""Name forms: a name reduced to comparable Latin tokens, with keys for fuzzy agreement.

One written name gives one or more :class:`NameForm`: a name in hanja gives its pinyin and its
Korean reading; a name with a bracketed part ("... (OMM)") gives the name without it and the
bracketed part. Each form holds lower-case ASCII tokens, which of them are weak (legal forms,
stop-words, particles, titles), the script the name was written in, and per token a phonetic
key (metaphone), a Korean-romanisation key and a consonant skeleton (for Arabic and Hebrew,
whose vowels romanise poorly).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import icu
import yaml
from rigour.names import replace_org_types_compare
from rigour.text import ascii_text, metaphone
from text_to_num import alpha2digit

from sanctionwatch.model.resources import read_yaml
from sanctionwatch.model.tables import DerivedTable
from sanctionwatch.names.arabic import arabic_words
from sanctionwatch.names.chinese import han_readings
from sanctionwatch.names.countries import CountryTable, country_phrases
from sanctionwatch.names.korean import (
    cyrillic_korean,
    hangul_word_readings,
    hanja_to_hangul,
    korean_key,
    press_korean_keys,
    romanize_hangul,
)
from sanctionwatch.names.romanisation import NO_KEYS, romanisation_keys
from sanctionwatch.names.text import (
    ARABIC,
    CYRILLIC,
    HAN,
    HANGUL,
    HEBREW,
    KANA,
    LATIN,
    clean_text,
    detect_script,
)

TERMS_YAML = "name_terms.yml"
_BRACKETS = re.compile(r"[(\[{]([^)\]}]*)[)\]}]")
#: apostrophes (O'Brien, Cho'ng) and the "?" transliteration leaves for an Arabic ayn
_APOSTROPHES = re.compile(r"[\'’‘`´ʼʻʿʾ?]")
_DOTTED = re.compile(r"(?<![a-z0-9])(?:[a-z]\.){2,}")
_SPLIT = re.compile(r"[^a-z0-9]+")
_NATIVE_SPLIT = re.compile(r"[\W_]+")
_VOWELS = re.compile(r"[aeiouwy]")
#: digraphs to one letter, then z to d: the Arabic letters ذ ض ظ are written d, dh or z
#: (فضل Fadl and Fazl, ذاکر Dhakir and Zakir, ظاهر Zahir and Dahir)
_DIGRAPHS = (("gh", "g"), ("kh", "k"), ("sh", "s"), ("th", "t"), ("dh", "d"), ("ph", "f"),
             ("z", "d"))
#: scripts whose romanisation loses vowels: compare them on consonant skeletons
SKELETON_SCRIPTS = frozenset({ARABIC, HEBREW})
#: scripts romanised one token per written syllable (Hangul) or character (Han, kana)
SYLLABIC_SCRIPTS = frozenset({HAN, HANGUL, KANA})
#: weak words this long are also recognised misspelt by one edit (shorter ones would take in
#: real names: "joint" ~ "point")
NEAR_WEAK_LENGTH = 6
#: how much a one-letter token (an initial, or a letter of an abbreviation written apart)
#: counts against a full token: matching and candidate search both weigh it down
INITIAL_WEIGHT = 0.35
#: endings of patronymics ("Burhanovich", "Kuzhugetovich", "Ivanovna", "Aliyev ogly"): a name
#: part the press and most records leave out (not the bare "-ich" of Kuzmich: Friedrich)
PATRONYMIC_ENDINGS = ("vich", "vna", "ichna", "ogly", "oglu", "kyzy")


@dataclass(frozen=True, slots=True)
class NameTerms:
    """The weak words of resources/name_terms.yml."""

    weak: frozenset[str]
    han_legal: tuple[str, ...]


@lru_cache(maxsize=1)
def load_terms() -> NameTerms:
    """Read resources/name_terms.yml once; a malformed file fails naming it."""
    try:
        raw = read_yaml(TERMS_YAML)
        weak = {
            str(w)
            for key in ("legal_forms", "stopwords", "particles", "honorifics")
            for w in raw[key]
        }
        han = tuple(sorted((str(w) for w in raw["han_legal"]), key=len, reverse=True))
    except (yaml.YAMLError, KeyError, TypeError) as exc:
        raise ValueError(f"{TERMS_YAML}: malformed name terms: {exc}") from exc
    return NameTerms(weak=frozenset(weak), han_legal=han)


class NameForm(NamedTuple):
    """One comparable form of a name (a named tuple: compact, and fast to unpickle)."""

    #: the name as written (cleaned), for explanations
    text: str
    tokens: tuple[str, ...]
    weak: tuple[bool, ...]
    script: str
    phonetic: tuple[str, ...]
    korean: tuple[str | None, ...]
    skeleton: tuple[str, ...]
    #: per token, its keys under each language's romanisation of Cyrillic names
    #: (names/romanisation.py): Prigozhin, Prigoschin, Prigojine share ``prigoSin``
    roman: tuple[frozenset[str], ...] = ()
    #: the name is written as an acronym ("KOMID", "... (OMM)"): it may stand for the
    #: initials of an organisation's longer name; never set for people
    is_acronym: bool = False
    #: a person's name (never an acronym, nor a corporation's short name)
    is_person: bool = False

    @property
    def strong_tokens(self) -> tuple[str, ...]:
        return tuple(t for t, w in zip(self.tokens, self.weak, strict=True) if not w)

    @property
    def acronym(self) -> str:
        """Initials of the strong tokens ('' for fewer than two)."""
        strong = self.strong_tokens
        return "".join(t[0] for t in strong) if len(strong) > 1 else ""


def deletions(token: str) -> set[str]:
    """Every string made by deleting one character of the token."""
    return {token[:i] + token[i + 1 :] for i in range(len(token))}


@lru_cache(maxsize=1)
def _near_weak() -> tuple[frozenset[str], frozenset[str]]:
    """The long weak words, and every one-deletion variant of them."""
    long = frozenset(w for w in load_terms().weak if len(w) >= NEAR_WEAK_LENGTH)
    return long, frozenset(v for w in long for v in deletions(w))


@lru_cache(maxsize=65536)
def is_weak(token: str) -> bool:
    """Whether a token says little about who is named: a weak word of name_terms.yml, or a
    long one misspelt by one edit ("COMPONY", "LIABELITY", "LIMIAED", "Maalana"), which
    customer files are full of."""
    if token in load_terms().weak:
        return True
    if len(token) < NEAR_WEAK_LENGTH:
        return False
    long, variants = _near_weak()
    return token in variants or any(d in long or d in variants for d in deletions(token))


@lru_cache(maxsize=65536)
def consonant_skeleton(token: str) -> str:
    """The consonants of a token, digraphs reduced and doubles collapsed (kym -> km)."""
    for old, new in _DIGRAPHS:
        token = token.replace(old, new)
    bare = _VOWELS.sub("", token)
    out: list[str] = []
    for char in bare:
        if not out or out[-1] != char:
            out.append(char)
    return "".join(out) or token


def tokenize(text: str) -> tuple[str, ...]:
    """Lower-case ASCII tokens of a romanised text; apostrophes vanish, hyphens split,
    dotted initials join ("A.B.C." -> "abc")."""
    text = _APOSTROPHES.sub("", text.lower())
    if "." in text:
        text = _DOTTED.sub(lambda m: m.group(0).replace(".", "") + " ", text)
    return tuple(t for t in _SPLIT.split(text) if t)


def to_ascii(text: str) -> str:
    """Latin letters without diacritics; other scripts transliterated (rigour/ICU), word by
    word: words recur across names (given names, surnames) while whole names rarely do, so
    each word is transliterated once. Whitespace comes out as single spaces."""
    if text.isascii():
        return text
    return " ".join(_ascii_word(word) for word in text.split())


@lru_cache(maxsize=65536)
def _ascii_word(word: str) -> str:
    if word.isascii():
        return word
    stripped = "".join(
        c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)
    )
    if stripped.isascii():
        return stripped
    if detect_script(word) == LATIN:
        latin = _latin_ascii().transliterate(stripped)
        if latin.isascii():
            return str(latin)
    return str(ascii_text(word))


@lru_cache(maxsize=1)
def _latin_ascii() -> icu.Transliterator:
    """ICU's Latin-ASCII folding (ø, ł, ß, æ), far faster than the any-script path."""
    return icu.Transliterator.createInstance("Latin-ASCII")


def _romanize(text: str, script: str, numbers: bool) -> list[str]:
    if script == ARABIC:
        return [to_ascii(arabic_words(text))]
    if script == HANGUL:
        return [romanize_hangul(text), *hangul_word_readings(text)]
    if script == HAN:
        out = [to_ascii(reading) for reading in han_readings(text)]
        reading = hanja_to_hangul(text)
        if reading is not None:
            out.extend([romanize_hangul(reading), *hangul_word_readings(reading)])
        return out
    if script == LATIN and numbers:
        return [numbers_as_digits(to_ascii(text))]
    return [to_ascii(text)]


#: a lone "o" or "oh", which text2num reads as a zero
_ZERO_WORD = re.compile(r"(\b(?:o|oh)\b)", re.IGNORECASE)


def numbers_as_digits(text: str) -> str:
    """English numbers written as words in digits ("Brigade Forty-Four" -> "Brigade 44",
    "First International" -> "1st International"; text2num), so that both spellings agree.
    A lone "o" or "oh" is a letter or a word, never a zero (text2num reads "o o" as 00): the
    text is converted between them."""
    return "".join(part if _ZERO_WORD.fullmatch(part) else str(alpha2digit(part, "en", 0))
                   for part in _ZERO_WORD.split(text))


#: a word rigour reads as a legal form and this long is one, never a name
_LONG_LEGAL_FORM = 5


def _legal_forms_generic(tokens: tuple[str, ...], weak_words: frozenset[str]) -> tuple[str, ...]:
    """Legal forms reduced to rigour's generic ones (``co ltd`` -> ``llc``, ``OOO`` -> ``llc``,
    ``Aktiengesellschaft`` -> ``jsc``), but only where what disappears is a legal form: a short
    word rigour also reads as one in some language (the Korean surname KU, the pinyin YU) stays
    as it is; a long one (``aktiengesellschaft``, ``spolka``) is no one's name."""
    # the tokens, not the text: "0_AS" and "0 AS" must read alike (idempotent forms)
    replaced = tokenize(replace_org_types_compare(" ".join(tokens), generic=True))
    if replaced == tokens:
        return tokens
    gone = [t for t in tokens if t not in replaced]
    if len(gone) >= 2 or all(t in weak_words or len(t) >= _LONG_LEGAL_FORM for t in gone):
        return replaced
    return tokens


def _native_tokens(piece: str, tokens: tuple[str, ...]) -> tuple[str, ...]:
    """The tokens as written, diacritics and Cyrillic kept (ż, č, ж tell sounds apart that
    ASCII merges), where they line up with the ASCII tokens; else the ASCII tokens."""
    native = tuple(t for t in _NATIVE_SPLIT.split(_APOSTROPHES.sub("", piece.lower())) if t)
    return native if len(native) == len(tokens) else tokens


#: the country phrases name forms read (:mod:`~sanctionwatch.names.countries`): about a second
#: to build, transliterating rigour's names of every country in every script
COUNTRIES = DerivedTable(
    "country_phrases",
    lambda: CountryTable.of(country_phrases(lambda name: tokenize(to_ascii(name)))))


TokenRecord = tuple[bool, str, str | None, str, frozenset[str]]


@lru_cache(maxsize=65536)
def _token_record(token: str, native: str, kind: str) -> TokenRecord:
    """What a name form holds per token, in one cached look-up: whether it is weak, its
    phonetic, Korean and skeleton keys, and the romanisation keys of the token as written
    (``native``) for a name in Latin or Cyrillic (``kind``; "" for other scripts)."""
    weak = is_weak(token)
    korean = korean_key(cyrillic_korean(token) if kind == CYRILLIC else token)
    phonetic = metaphone(token) if len(token) > 2 and token.isalpha() else token
    roman = romanisation_keys(native) if kind and not weak else NO_KEYS
    return weak, phonetic, korean, consonant_skeleton(token), roman


def _make_form(
    text: str, latin: str, script: str, is_acronym: bool = False, piece: str = ""
) -> NameForm | None:
    """The form of one romanisation; None when nothing but weak words is left (a bracketed
    "(LLC)", a name "Co Ltd"): such a form would agree with every listed name of that form."""
    lowered = _APOSTROPHES.sub("", latin.lower())
    if "." in lowered:
        lowered = _DOTTED.sub(lambda m: m.group(0).replace(".", "") + " ", lowered)
    weak_words = load_terms().weak
    tokens = _legal_forms_generic(tokenize(lowered), weak_words)
    tokens = COUNTRIES.get().canonical(tokens)
    if not tokens:
        return None
    kind = script if script in (LATIN, CYRILLIC) else ""
    native = _native_tokens(piece, tokens) if piece else tokens
    if kind:
        records = [_token_record(t, n, kind) for t, n in zip(tokens, native, strict=True)]
    else:
        records = [_token_record(t, t, kind) for t in tokens]
    weak, phonetic, korean, skeleton, roman = zip(*records, strict=True)
    if all(weak):
        return None
    if script != CYRILLIC:  # a press's letters for Korean ("Kim Jo Dzong") read first
        korean = press_korean_keys(native) or korean
    return NameForm(
        text=text,
        tokens=tokens,
        weak=weak,
        script=script,
        phonetic=phonetic,
        korean=korean,
        skeleton=skeleton,
        roman=roman,
        is_acronym=is_acronym and len(tokens) == 1,
    )


def _pieces(text: str) -> list[str]:
    """Names written in one value apart ("Husain Salimi; Hosain Salimi" -> each); a bracketed
    acronym is a name of its own ("X (OMM)" -> X, OMM); other bracketed parts ("Bank of
    China (Hong Kong)", "X (LLC)") stay in the name."""
    if ";" in text:
        return [p for part in text.split(";") for p in _pieces(part.strip()) if p]
    inner = [m.strip() for m in _BRACKETS.findall(text) if _is_acronym(m.strip())]
    if not inner:
        return [text]
    outer = _BRACKETS.sub(lambda m: " " if _is_acronym(m.group(1).strip()) else m.group(0), text)
    return [p for p in (outer.strip(), *inner) if p]


def _is_acronym(text: str) -> bool:
    """Whether a text is written as an acronym: 2 to 10 capitals (dots aside), not a weak
    word ("LLC", "GMBH")."""
    letters = text.replace(".", "")
    return (
        2 <= len(letters) <= 10
        and letters.isalnum()
        and letters.isupper()
        and not is_weak(letters.lower())
    )


@lru_cache(maxsize=65536)
def name_forms(name: str) -> tuple[NameForm, ...]:
    """Every comparable form of a written name (empty for a name with no letters or digits),
    its English number words in digits."""
    return _build_forms(name, True)


def _build_forms(name: str, numbers: bool) -> tuple[NameForm, ...]:
    """The forms of a name, its number words in digits where ``numbers`` (not for people's
    names: the particle of "Jan ten Brink" is no number)."""
    text = clean_text(name)
    forms: list[NameForm] = []
    seen: set[tuple[str, ...]] = set()
    for piece in _pieces(text) or [text]:
        script = detect_script(piece)
        if script == CYRILLIC:  # ЧВК, ГУП, ПАО read where they cannot be a surname
            piece = replace_org_types_compare(piece.lower(), generic=True)
        elif not piece.isascii():
            for legal in load_terms().han_legal:
                piece = piece.replace(legal, " ltd ")
        is_acronym = _is_acronym(piece)
        for latin in _romanize(piece, script, numbers):
            form = _make_form(text, latin, script, is_acronym, piece)
            if form is not None and form.tokens not in seen:
                seen.add(form.tokens)
                forms.append(form)
    return tuple(forms)


def entity_name_forms(names: Iterable[str], is_person: bool = False) -> list[NameForm]:
    """The distinct forms of an entity's names, a person's marked as such."""
    forms: list[NameForm] = []
    seen: set[tuple[tuple[str, ...], str]] = set()
    for name in names:
        for form in _person_forms(name) if is_person else name_forms(name):
            if (form.tokens, form.script) in seen:
                continue
            seen.add((form.tokens, form.script))
            forms.append(form)
    return forms


@lru_cache(maxsize=65536)
def _person_forms(name: str) -> tuple[NameForm, ...]:
    return tuple(f._replace(is_acronym=False, is_person=True) for f in _build_forms(name, False))


@lru_cache(maxsize=65536)
def _written_surname(text: str, size: int) -> int:
    """Tokens before the comma of "SURNAME, Given" (0 if the tokens are not ``size`` long:
    brackets or legal forms changed them, positions no longer line up)."""
    before, comma, after = text.partition(",")
    if not comma or "," in after:
        return 0
    surname, given = tokenize(to_ascii(before)), tokenize(to_ascii(after))
    if len(surname) + len(given) != size:
        return 0
    return len(surname) if 1 <= len(surname) <= 2 and 1 <= len(given) <= 3 else 0


def surname_size(form: NameForm) -> int:
    """How many leading tokens of a person's name form are the surname, where the name says
    so: written "SURNAME, Given Names" (the lists' habit), or the first syllable of a name in
    Han or Hangul (a person's: an organisation's first syllable is no surname); 0 where it
    does not."""
    if form.script in (HAN, HANGUL):
        return 1 if form.is_person and len(form.tokens) > 1 else 0
    return _written_surname(form.text, len(form.tokens)) if "," in form.text else 0


def normalize_name(name: str) -> str:
    """The tokens of a name's first form joined by spaces (idempotent)."""
    forms = name_forms(name)
    return " ".join(forms[0].tokens) if forms else ""
