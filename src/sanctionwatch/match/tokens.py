"""Token agreement: which tokens of two name forms agree, and how they align one to one.

A pair of tokens agrees by spelling (rapidfuzz OSA), by sound (metaphone), by Korean
romanisation key (``jong``/``chong``/``jeong``), by consonant skeleton (names romanised from
Arabic or Hebrew), by a Cyrillic name's romanisations, as a given name and its short form (Ted,
Theodore), or as an initial; two or three adjacent tokens may agree with one (``jong un`` ~
``jongun``, ``jc`` ~ ``jean claude``). The alignment takes the best pairs first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rapidfuzz.distance import OSA

from sanctionwatch.names import (
    SKELETON_SCRIPTS,
    SYLLABIC_SCRIPTS,
    NameForm,
    consonant_skeleton,
    korean_key,
)
from sanctionwatch.names.given import nickname_table

#: similarity of tokens that sound alike (metaphone) and share at least half their spelling
PHONETIC_SIM = 0.85
#: credit a full token gets for an initial standing in for it ("J" for "Jong")
INITIAL_CREDIT = 0.4
#: similarity of a given name and its short form (Ted, Theodore), for people's names
NICKNAME_SIM = 0.9
#: token similarity below this counts as no agreement
TOKEN_CUTOFF = 0.6
#: similarity of tokens that are one Cyrillic name romanised by two languages' conventions
ROMAN_SIM = 0.9
#: the longer of two tokens compared through their romanisation keys has at least this many
#: letters (Zhang and Shang share a key, and are two names)
ROMAN_LONG = 6


def _token_sim(left: NameForm, i: int, right: NameForm, j: int, skeleton: bool) -> float:
    """How well token i of the left form agrees with token j of the right, 0 below cutoff,
    for two tokens that differ, are longer than one letter and are not both syllables."""
    a = left.tokens[i]
    b = right.tokens[j]
    best = _similarity(a, b, score_cutoff=0.5)
    key = left.korean[i]
    if key is not None and key == right.korean[j]:
        return max(best, 0.95)
    if 0.0 < best < PHONETIC_SIM and left.phonetic[i] == right.phonetic[j]:
        best = PHONETIC_SIM  # sounds alike and is spelt half alike (Filip ~ Philip)
    if skeleton and best < 0.9 and left.skeleton[i] == right.skeleton[j]:
        best = 0.9
    if best < ROMAN_SIM:
        # one Cyrillic name as two languages romanise it (Prigoschin, Prigozhin); not for
        # short tokens, whose keys collide across unrelated names
        lkeys, rkeys = left.roman[i], right.roman[j]
        if lkeys and rkeys and max(len(a), len(b)) >= ROMAN_LONG and not lkeys.isdisjoint(rkeys):
            best = ROMAN_SIM
    return best if best >= TOKEN_CUTOFF else 0.0


_similarity = OSA.normalized_similarity
Pair = tuple[float, tuple[int, ...], tuple[int, ...]]


_NO_NICKNAMES: Mapping[str, frozenset[str]] = {}


def single_pairs(left: NameForm, right: NameForm) -> list[Pair]:
    """Every pair of one left and one right token that agrees, best first: equal tokens 1.0,
    an initial 0.9 against a token it begins, different syllables of Han, Hangul or kana
    nothing, a person's given name and its short form NICKNAME_SIM, any other two tokens as
    :func:`_token_sim` says."""
    skeleton = left.script in SKELETON_SCRIPTS or right.script in SKELETON_SCRIPTS
    syllabic = left.script == right.script and left.script in SYLLABIC_SCRIPTS
    nicknames = nickname_table() if left.is_person or right.is_person else _NO_NICKNAMES
    pairs: list[Pair] = []
    rtoks = right.tokens
    for i, a in enumerate(left.tokens):
        is_initial = len(a) == 1
        related = nicknames.get(a)
        for j, b in enumerate(rtoks):
            if a == b:
                pairs.append((1.0, (i,), (j,)))
            elif is_initial or len(b) == 1:
                if a[0] == b[0]:
                    pairs.append((0.9, (i,), (j,)))
            elif not syllabic:
                sim = _token_sim(left, i, right, j, skeleton)
                if related is not None and sim < NICKNAME_SIM and b in related:
                    sim = NICKNAME_SIM
                if sim > 0.0:
                    pairs.append((sim, (i,), (j,)))
    pairs.sort(reverse=True)
    return pairs


#: the most adjacent tokens joined into one (``plat ono vich`` ~ ``platonovich``)
JOIN_RUN = 3
#: similarity of a short token that is the initials of adjacent tokens (``jc`` ~ ``jean claude``)
RUN_INITIALS_SIM = 0.9


def joined_pairs(left: NameForm, right: NameForm, sim_left: Sequence[float],
                  sim_right: Sequence[float]) -> list[Pair]:
    """Two or three adjacent tokens of one side, joined, against one token of the other
    (``jong un`` ~ ``jongun``, ``patr ushev`` ~ ``patrushev``; by consonant skeleton for
    names romanised from Arabic: ``bd allh`` ~ ``abdullah``; syllables of Hangul or Han by
    their Korean key: ``ja yeon`` ~ ``chayon``), or their initials against a
    short token beside another one (``jc juncker`` ~ ``jean claude juncker``; "N.N." is no
    name). Only runs with a token the single pairs left unaligned, against tokens not
    already equal to one."""
    pairs: list[Pair] = []
    skeleton = left.script in SKELETON_SCRIPTS or right.script in SKELETON_SCRIPTS
    sides = ((left, right, sim_left, sim_right, False), (right, left, sim_right, sim_left, True))
    for lform, rform, lsims, rsims, flip in sides:
        if 0.0 not in lsims:
            continue
        ltoks, rtoks = lform.tokens, rform.tokens
        syllabic = lform.script in SYLLABIC_SCRIPTS
        targets = [(j, t) for j, t in enumerate(rtoks) if rsims[j] < 1.0 and not rform.weak[j]]
        firsts = {t[0] for _, t in targets}
        may_be_initials = len(rtoks) > 1
        # a run of three leaves two tokens fewer on its side: only for names of unlike sizes
        longest = JOIN_RUN if len(ltoks) != len(rtoks) else 2
        for size in range(2, min(longest, len(ltoks)) + 1):
            for i in range(len(ltoks) - size + 1):
                # a joined run and its initials begin with the run's first letter
                # (a Korean key may begin with another letter: ja ~ cha)
                if ((not skeleton and not syllabic and ltoks[i][0] not in firsts)
                        or 0.0 not in lsims[i : i + size]):
                    continue
                run = ltoks[i : i + size]
                joined = "".join(run)
                joined_skeleton = consonant_skeleton(joined) if skeleton else ""
                key = korean_key(joined) if syllabic else None
                for j, other in targets:
                    if skeleton and joined_skeleton == rform.skeleton[j]:
                        sim = 0.9
                    elif key is not None and key == rform.korean[j]:
                        sim = 0.95
                    elif (may_be_initials and len(other) == size
                          and other == "".join(t[0] for t in run)):
                        sim = RUN_INITIALS_SIM
                    elif other[0] != joined[0] or len(other) < len(joined) - 2:
                        continue
                    else:
                        sim = _similarity(joined, other, score_cutoff=0.85)
                    if sim:
                        span = tuple(range(i, i + size))
                        pairs.append((sim, (j,), span) if flip else (sim, span, (j,)))
    return pairs


def align(pairs: list[Pair], n: int, m: int) -> tuple[list[float], list[float]]:
    """Greedy one-to-one alignment, best pairs first: each token's similarity."""
    sim_left = [0.0] * n
    sim_right = [0.0] * m
    left_at, right_at = sim_left.__getitem__, sim_right.__getitem__
    for sim, lefts, rights in pairs:
        if any(map(left_at, lefts)) or any(map(right_at, rights)):
            continue
        for i in lefts:
            sim_left[i] = sim
        for j in rights:
            sim_right[j] = sim
    return sim_left, sim_right


def discount_initials(
    left: NameForm, right: NameForm, sim_left: list[float], sim_right: list[float]
) -> None:
    """A full token matched only by an initial is barely confirmed: lower its credit."""
    for side, other, sims in ((left, right, sim_left), (right, left, sim_right)):
        if min(map(len, other.tokens), default=2) > 1:  # no initials on the other side
            continue
        initials = {t for t in other.tokens if len(t) == 1}
        for i, token in enumerate(side.tokens):
            if len(token) > 1 and sims[i] == 0.9 and token[0] in initials and (
                token not in other.tokens
            ):
                sims[i] = INITIAL_CREDIT
