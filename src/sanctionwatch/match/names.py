"""Name similarity: align the tokens of two name forms and weigh what agrees.

Tokens are aligned one to one (order-free, so "LAST, First" and swapped orders agree), best
pairs first; two or three adjacent tokens may align with one (``jong un`` ~ ``jongun``). How
two tokens agree is :mod:`sanctionwatch.match.tokens`. Each side's coverage is the
rarity-weighted share of its tokens that found a partner; weak tokens (legal forms,
particles) weigh little. A one-word name may also be an acronym of a longer one (IRGC,
KOMID). The words each name leaves over tell names that disagree (both leave one) from a name
found whole in a longer one.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sanctionwatch.match.tokens import (
    align,
    discount_initials,
    joined_pairs,
    single_pairs,
)
from sanctionwatch.names import (
    INITIAL_WEIGHT,
    PATRONYMIC_ENDINGS,
    SKELETON_SCRIPTS,
    SYLLABIC_SCRIPTS,
    NameForm,
    surname_size,
)

WEAK_WEIGHT = 0.2
#: the share of its weight a patronymic keeps when the other name has none (every word of the
#: other name found elsewhere): "Alisher Usmanov" for USMANOV, Alisher Burhanovich
ABSENT_PATRONYMIC = 0.5
#: ... when every other word of both names agrees this well: spelt alike, or the same name in
#: another romanisation (ROMAN_SIM) or sound
ABSENT_AGREEMENT = 0.9
#: a corporation's short name for its long listed name (Rostec, STATE CORPORATION ROSTEC):
#: the score, how well the word must agree, how long and rare (token weight) it must be, and
#: how common (at most this weight) the long name's other strong words
SHORT_NAME_SIM = 0.85
SHORT_NAME_AGREEMENT = 0.9
SHORT_NAME_LENGTH = 5
SHORT_NAME_RARE = 0.9
SHORT_NAME_COMMON = 0.65
#: tokens on both sides together beyond which no two are tried joined (cost grows as n * m),
#: for two Latin names and where a side is in Arabic, Hebrew, Hangul or Han
JOIN_LATIN = 12
JOIN_NATIVE = 16
#: scripts that write a name's parts together (عبدالغنی, ABDUL GHANI; 丹东, DANDONG) and whose
#: listed original-script names are long
_JOINED_SCRIPTS = SKELETON_SCRIPTS | SYLLABIC_SCRIPTS
#: an unaligned token this short may be a piece of a split word
FRAGMENT_LENGTH = 5
#: how closely each word of a name must agree for the name to be found in a longer one
CONTAINED_SIM = 0.85
#: a name score when the surnames differ beside agreeing given names, or when "X bin Y"
#: meets "Y bin X" (a son and his father)
SURNAME_PENALTY = 0.6
#: the words that join a person's name to the father's ("son of", "daughter of")
LINEAGE = frozenset({"bin", "ibn", "ben", "bint", "binti", "ould", "walad"})


@dataclass(frozen=True, slots=True)
class NameScore:
    """How two name forms agree."""

    score: float
    left_coverage: float
    right_coverage: float
    left: NameForm | None
    right: NameForm | None
    note: str = ""
    #: the weighted share of strong tokens on each side aligned with nothing: names that both
    #: leave words over disagree (ABDULLAHI OSMAN MOHAMED CADDOW, ABDULLAHI MOHAMED MOHAMED
    #: CADDOW); a name whose every word is found in a longer one does not (DOST MOHAMMAD)
    left_open: float = 0.0
    right_open: float = 0.0

    @property
    def conflict(self) -> float:
        """The share of words both names leave over: the less open side's."""
        return min(self.left_open, self.right_open)

    #: every strong word of one name is found, closely (CONTAINED_SIM), in the other, which
    #: has more (DOST MOHAMMAD in DOST MOHAMMAD KHAN HAQQANI)
    is_contained: bool = False


NO_NAME = NameScore(0.0, 0.0, 0.0, None, None, "no names to compare")


def rarity_weight(document_frequency: int) -> float:
    """The weight of a token carried by ``document_frequency`` listed names."""
    return max(0.25, min(1.0, 1.2 - 0.15 * math.log1p(document_frequency)))


def _prefixes_used(acronym: str, tokens: Sequence[str], pos: int, index: int) -> int:
    """How many leading tokens spell ``acronym[pos:]`` by their prefixes from ``index`` on
    (-1: they cannot). A function of its own, not a closure calling itself: such a closure
    is a reference cycle, garbage for the cyclic collector at every call."""
    if pos == len(acronym):
        return index
    if index >= len(tokens):
        return -1
    token = tokens[index]
    for size in range(min(len(token), len(acronym) - pos), 0, -1):
        if token[:size] == acronym[pos : pos + size]:
            used = _prefixes_used(acronym, tokens, pos + size, index + 1)
            if used >= 0:
                return used
    return -1


def _is_prefix_acronym(acronym: str, tokens: Sequence[str]) -> bool:
    """Whether ``acronym`` is made of prefixes of the leading tokens (KOMID <- KOrea MIning
    Development ...), using at least two tokens and half of them."""
    used = _prefixes_used(acronym, tokens, 0, 0)
    return used >= 2 and used * 2 >= len(tokens)


def acronym_similarity(short: NameForm, long: NameForm) -> float:
    """0.9 when a one-word name is the initials of a longer name, 0.85 for a prefix acronym;
    only for a name written as an acronym ("KOMID", "... (OMM)"), never a person's: "Ali" is
    not the initials of "Abu Lahab Ibrahim"."""
    if not short.is_acronym or len(long.strong_tokens) < 2:
        return 0.0
    word = short.tokens[0]
    if len(word) < 3 or len(word) > 10:
        return 0.0
    if word == long.acronym or word == "".join(t[0] for t in long.tokens):
        return 0.9
    if _is_prefix_acronym(word, long.strong_tokens):
        return 0.85
    return 0.0


Sims = tuple[list[float], list[float]]


def compare_forms(
    left: NameForm, right: NameForm, rarity: Mapping[str, float]
) -> NameScore:
    """The agreement of two name forms: coverage of each side and their combination, and
    the words each leaves over.

    Symmetric by construction: the pair is scored in one canonical order.
    """
    return _with_open(*_score_forms(left, right, rarity), rarity)


def _score_forms(
    left: NameForm, right: NameForm, rarity: Mapping[str, float]
) -> tuple[NameScore, Sims | None]:
    """The agreement of two forms and each token's similarity (None for an acronym or a
    short name, whose words need not align), without the words left over."""
    if (left.tokens, left.script) > (right.tokens, right.script):
        flipped, sims = _score_forms(right, left, rarity)
        return (NameScore(flipped.score, flipped.right_coverage, flipped.left_coverage, left,
                          right, flipped.note),
                None if sims is None else (sims[1], sims[0]))
    n, m = len(left.tokens), len(right.tokens)
    singles = single_pairs(left, right)
    sim_left, sim_right = align(singles, n, m)
    discount_initials(left, right, sim_left, sim_right)
    cov_left = _coverage(left, sim_left, rarity, sim_right)
    cov_right = _coverage(right, sim_right, rarity, sim_left)
    if (0.0 in sim_left or 0.0 in sim_right) and (
            n != m or _has_fragment(left, sim_left) or _has_fragment(right, sim_right)) and (
            n + m <= (JOIN_NATIVE if left.script in _JOINED_SCRIPTS
                      or right.script in _JOINED_SCRIPTS else JOIN_LATIN)):
        joined = joined_pairs(left, right, sim_left, sim_right)
        if joined:
            alt_left, alt_right = align(sorted(joined + singles, reverse=True), n, m)
            alt = (_coverage(left, alt_left, rarity, alt_right),
                   _coverage(right, alt_right, rarity, alt_left))
            if sum(alt) > cov_left + cov_right:
                cov_left, cov_right = alt
                sim_left, sim_right = alt_left, alt_right
    score = 0.5 * (cov_left + cov_right)
    acro = max(acronym_similarity(left, right), acronym_similarity(right, left))
    if acro > score:
        return NameScore(acro, acro, acro, left, right, "acronym"), None
    if score < SHORT_NAME_SIM and (
        _is_short_name(left, right, sim_left, rarity)
        or _is_short_name(right, left, sim_right, rarity)
    ):
        return NameScore(SHORT_NAME_SIM, SHORT_NAME_SIM, SHORT_NAME_SIM, left, right,
                         "short name"), None
    if score < 1.0 and _surnames_differ(left, right, sim_left, sim_right):
        note = "surnames differ"
    elif _is_lineage_swapped(left.tokens, right.tokens):
        note = "father and son"
    else:
        return NameScore(score, cov_left, cov_right, left, right), (sim_left, sim_right)
    return NameScore(score * SURNAME_PENALTY, cov_left * SURNAME_PENALTY,
                     cov_right * SURNAME_PENALTY, left, right, note), (sim_left, sim_right)


def _has_fragment(form: NameForm, sims: Sequence[float]) -> bool:
    """Whether a token left unaligned is short enough to be part of a split word ("Patr
    ushev"): between names of as many words, only then are words joined."""
    return any(not sim and len(token) <= FRAGMENT_LENGTH
               for token, sim in zip(form.tokens, sims, strict=True))


def _with_open(ns: NameScore, sims: Sims | None, rarity: Mapping[str, float]) -> NameScore:
    """The score with the words each side leaves over (computed for the best pair of forms
    only: it changes no score)."""
    if sims is None or ns.left is None or ns.right is None:
        return ns
    left_open, left_found = _open_words(ns.left, sims[0], rarity)
    right_open, right_found = _open_words(ns.right, sims[1], rarity)
    # "Igor Sechkin" is not contained in SECHIN, Igor Ivanovich: Sechkin only resembles Sechin
    contained = (left_found and right_open > 0.0) or (right_found and left_open > 0.0)
    return NameScore(ns.score, ns.left_coverage, ns.right_coverage, ns.left, ns.right, ns.note,
                     left_open, right_open, contained)


def _is_short_name(
    short: NameForm, long: NameForm, sims: Sequence[float], rarity: Mapping[str, float]
) -> bool:
    """Whether an organisation's name of one word is the short name of a longer one: the word
    is rare on the lists and agrees with a word of the long name whose other strong words are
    all common organisation words (Rostec for STATE CORPORATION ROSTEC; not Sberbank for
    SBERBANK EUROPE AG, where Europe names another company)."""
    if short.is_person or long.is_person:
        return False
    if len(short.tokens) != 1 or sims[0] < SHORT_NAME_AGREEMENT:
        return False  # "PMC Wagner" is not a short name: its legal form says what it is
    word = short.tokens[0]
    if len(word) < SHORT_NAME_LENGTH or rarity.get(word, 1.0) < SHORT_NAME_RARE:
        return False
    others = [t for t, weak in zip(long.tokens, long.weak, strict=True) if not weak]
    if len(others) < 2:
        return False
    common = [t for t in others if rarity.get(t, 1.0) <= SHORT_NAME_COMMON]
    return len(common) == len(others) - 1


def _lineage(tokens: Sequence[str]) -> set[tuple[str, str]]:
    """(name, father's name) on either side of each "bin", "ben", "ould"..."""
    return {
        (tokens[k - 1], tokens[k + 1])
        for k in range(1, len(tokens) - 1)
        if tokens[k] in LINEAGE and tokens[k - 1] != tokens[k + 1]
    }


def _is_lineage_swapped(left: Sequence[str], right: Sequence[str]) -> bool:
    """Whether one name's "X bin Y" is the other's "Y bin X": the son of one is the father
    of the other (SALMAN BIN MUHAMMAD, MUHAMMAD BIN SALMAN)."""
    if LINEAGE.isdisjoint(left) or LINEAGE.isdisjoint(right):
        return False
    swapped = {(father, son) for son, father in _lineage(right)}
    return not swapped.isdisjoint(_lineage(left))


def _surnames_differ(
    left: NameForm, right: NameForm, sim_left: Sequence[float], sim_right: Sequence[float]
) -> bool:
    """Whether the given names agree and the surnames do not: a known surname of one side
    (written "SURNAME, Given", or the first syllable of a Han or Hangul name) is aligned with
    nothing while the other side also has a strong token left over (Park Jong Chol against
    KIM, Jong Chol: two people)."""
    if 0.0 not in sim_left or 0.0 not in sim_right:
        return False  # a side has every token aligned
    sizes = (surname_size(left), surname_size(right))
    if not any(sizes):
        return False  # neither name says which words are its surname
    left_open = [i for i, sim in enumerate(sim_left) if not sim and not left.weak[i]]
    right_open = [j for j, sim in enumerate(sim_right) if not sim and not right.weak[j]]
    if not left_open or not right_open:
        return False
    for form, size, open_ in ((left, sizes[0], left_open), (right, sizes[1], right_open)):
        strong = [k for k in range(size) if not form.weak[k]]
        if strong and all(k in open_ for k in strong):
            return True
    return False


def _coverage(form: NameForm, sims: Sequence[float], rarity: Mapping[str, float],
              other_sims: Sequence[float]) -> float:
    """The weighted share of the form's tokens found: rare tokens weigh most, common ones
    less, weak ones and initials little, and a patronymic the other name leaves out half."""
    total = matched = 0.0
    absent = _absent_patronymic(form, sims, other_sims)
    get = rarity.get
    for i, (token, is_weak, sim) in enumerate(zip(form.tokens, form.weak, sims, strict=True)):
        if is_weak:
            weight = WEAK_WEIGHT
        elif len(token) == 1:
            weight = INITIAL_WEIGHT
        else:
            weight = get(token, 1.0) * (ABSENT_PATRONYMIC if i == absent else 1.0)
        total += weight
        matched += weight * sim
    return matched / total if total else 0.0


def _open_words(form: NameForm, sims: Sequence[float], rarity: Mapping[str, float]
                ) -> tuple[float, bool]:
    """The weighted share of the form's strong words aligned with nothing, and whether every
    one of them agrees closely (CONTAINED_SIM) with a word of the other name."""
    total = open_ = 0.0
    is_found = True
    for token, is_weak, sim in zip(form.tokens, form.weak, sims, strict=True):
        if is_weak:
            continue
        weight = INITIAL_WEIGHT if len(token) == 1 else rarity.get(token, 1.0)
        total += weight
        if sim < CONTAINED_SIM:
            is_found = False
            if not sim:
                open_ += weight
    return (open_ / total if total else 0.0), is_found


def _absent_patronymic(form: NameForm, sims: Sequence[float], other_sims: Sequence[float]
                       ) -> int:
    """The position of the form's patronymic that the other name leaves out, else -1: the one
    word of a name of three or more not found, not the first (a "MIKLASHEVICH, Petr" surname),
    every other word of both names agreeing closely (the other name two words or more): it is
    absent, not different. "Igor Sechkin" is not SECHIN, Igor Ivanovich short of his
    patronymic: Sechkin only resembles Sechin."""
    if len(form.tokens) < 3 or len(other_sims) < 2 or min(other_sims) < ABSENT_AGREEMENT:
        return -1
    missing = [i for i, sim in enumerate(sims) if not sim]
    if len(missing) != 1 or missing[0] == 0:
        return -1
    if min(sim for sim in sims if sim) < ABSENT_AGREEMENT:
        return -1
    return missing[0] if form.tokens[missing[0]].endswith(PATRONYMIC_ENDINGS) else -1


def compare_names(
    left: Sequence[NameForm], right: Sequence[NameForm], rarity: Mapping[str, float]
) -> NameScore:
    """The best agreement between any form of the left names and any of the right."""
    best, best_sims = NO_NAME, None
    for lform in left:
        for rform in right:
            result, sims = _score_forms(lform, rform, rarity)
            if result.score > best.score:
                best, best_sims = result, sims
                if best.score >= 1.0:
                    return _with_open(best, best_sims, rarity)
    return _with_open(best, best_sims, rarity)
