"""Blocking keys: what a name form is filed under, and what a query form looks up.

Every strong token of a listed name is filed under itself, its metaphone code (``~`` prefix), its
Korean romanisation key (``^``), its consonant skeleton (``#``, looked up only for names
romanised from Arabic or Hebrew) and its keys under each language's romanisation of Cyrillic
(``%``: Prigoschin and Prigozhin meet at ``%prigoSin``; a key spelt like a token is not
filed, a query looks the token up instead: Wladimir's key ``vladimir`` finds VLADIMIR). Two adjacent tokens are also filed joined (``jong un`` under
``jongun``) and a name of several words under its initials (IRGC). Typos are found through the
vocabulary: single-character deletions of every token (a SymSpell-style neighbourhood), so a
query token within two edits of a listed token reaches it without scanning.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations, pairwise

from sanctionwatch.names import NameForm

PHONETIC, KOREAN, SKELETON, ROMAN = "~", "^", "#", "%"
#: the quality of a hit through a romanisation key
ROMAN_QUALITY = 0.9
#: tokens shorter than this get no typo neighbourhood
MIN_FUZZY_LENGTH = 4


def _strong(form: NameForm) -> list[int]:
    strong = [i for i, weak in enumerate(form.weak) if not weak]
    return strong or list(range(len(form.tokens)))


def token_keys(form: NameForm, index: int) -> Iterator[tuple[str, float]]:
    """The keys one token is filed under (for a listed name) with the quality of a hit."""
    token = form.tokens[index]
    yield token, 1.0
    phonetic = form.phonetic[index]
    if len(token) > 3 and phonetic:
        yield PHONETIC + phonetic, 0.85
    korean = form.korean[index]
    if korean is not None:
        yield KOREAN + korean, 0.95
    if len(token) > 1:
        yield SKELETON + form.skeleton[index], 0.85
    for key in form.roman[index]:
        if key != token:  # a key spelt like a listed token is found as that token
            yield ROMAN + key, ROMAN_QUALITY


def form_keys(form: NameForm, acronym: bool = True) -> set[str]:
    """Every key a listed name form is filed under (its initials too, unless a person's)."""
    keys: set[str] = set()
    strong = _strong(form)
    for i in strong:
        keys.update(key for key, _ in token_keys(form, i))
    for a, b in pairwise(strong):
        keys.add(form.tokens[a] + form.tokens[b])
    initials = form.acronym
    if acronym and len(initials) >= 3:
        keys.add(initials)
    return keys


def deletions2(token: str) -> set[str]:
    """Every string made by deleting two characters of the token (each pair of positions
    once: half the slicing of deleting one character from each one-deletion)."""
    return {token[:i] + token[i + 1 : j] + token[j + 1 :]
            for i, j in combinations(range(len(token)), 2)}
