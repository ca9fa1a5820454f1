"""Persons: rare listed surnames anchor a name, the words around them are verified against the
listed given names; partial names and role words reuse a person linked elsewhere.

- **anchor** — a rare listed surname, exact or inflected ("Путина"), with the neighbouring
  capitalised words verified against the listed given names ("Yevgeny" ~ "Yevgeniy"); an
  unlisted extra given name ("John" in "John Kirby") rejects it.
- **romanised** — the same with words spelt in another language's romanisation ("Jewgeni
  Prigoschin", "Evgueni Prigojine"): a word read as the listed word
  (:mod:`sanctionwatch.text.romanised`) counts as it, the surname as an anchor.
- **misspelt** — the same with one word spelt differently ("Ashot Mkrtchychev"); the linker
  keeps it only with a risk cue nearby ("Alexander Shtyrov" in a list of contributors is not
  the listed Alexander Shatrov).
- **partial** — a surname or the first name parts ("Putin", "Kim Jong") of a person linked
  elsewhere in the same document, also with a case ending ("Putina", "Putins").
- **role** — a rare listed surname right after a role word ("President Putin"), when one
  listing is clearly the party meant (relatives point at the principal).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from itertools import compress
from operator import ne

from rapidfuzz.distance import JaroWinkler

from sanctionwatch.text.candidates import MIN_TOKEN_SIMILARITY, Link, fuzzy_lookup, joins
from sanctionwatch.text.gazetteer import RARE_PERSON_TOKEN, Gazetteer
from sanctionwatch.text.lexicon import ContextWords
from sanctionwatch.text.romanised import ROMAN_SIMILARITY, Reading
from sanctionwatch.text.tokens import LOWER, TITLE, UPPER, Tokens

#: how many capitalised words either side of a surname may belong to the name
_WINDOW = 3
#: languages that capitalise every noun, so a capitalised word before a name may be none
NOUNS_CAPITALISED = frozenset({"de", "lb"})
#: letters that transliterations of one given name disagree on
_VOWELS = re.compile("[aeiouyjh]")


class PersonFinder:
    """Anchor-and-verify, partial and role-word links of listed persons."""

    def __init__(self, gazetteer: Gazetteer, context: ContextWords) -> None:
        self.gazetteer = gazetteer
        self.context = context
        self._not_name = context.roles | context.function
        #: token key -> the listed surnames it may be: (exactly, misspelt or inflected)
        self._anchor_cache: dict[str, tuple[list[str], list[str]]] = {}

    def anchored(self, tokens: Tokens, sentences: list[int],
                 language_of: Callable[[int], str] | None = None,
                 readings: dict[int, Reading] | None = None) -> Iterable[Link]:
        """Persons anchored on a rare listed surname, as written or as a word romanised from
        it (``readings``: position -> the listed words a word may be romanised from)."""
        gaz = self.gazetteer
        readings = readings or {}
        cache = self._anchor_cache
        for key, positions in tokens.capitalised.items():
            if len(key) < 4 or key in self._not_name:
                continue
            tiers = cache.get(key)
            if tiers is None:
                tiers = cache[key] = _anchor_tokens(gaz, key)
                if len(cache) > 200_000:
                    cache.clear()
            if tiers[0] or tiers[1]:
                yield from self._anchored_at(tokens, sentences, positions, tiers, language_of,
                                             readings)
        for i, reading in readings.items():
            romanised = [w for w in reading.words if w in gaz.anchors and w != tokens.keys[i]]
            if romanised and tokens.keys[i] not in self._not_name:
                yield from self._anchored_at(tokens, sentences, [i], (romanised, []),
                                             language_of, readings)

    def _anchored_at(
        self,
        tokens: Tokens,
        sentences: list[int],
        positions: list[int],
        tiers: tuple[list[str], list[str]],
        language_of: Callable[[int], str] | None,
        readings: dict[int, Reading],
    ) -> Iterable[Link]:
        gaz = self.gazetteer
        for i in positions:
            window = self._name_window(tokens, sentences, i)
            if (len(window) > 2 and window[0] < i and language_of is not None
                    and language_of(sentences[i]) in NOUNS_CAPITALISED
                    and tokens.keys[window[0]] not in gaz.person_df):
                window = window[1:]  # "Söldnerführer Jewgeni Prigoschin": a noun, no name
            if len(window) < 2:
                continue
            for anchors in tiers:  # the exact surname first, misspellings only if it fails
                found = False
                for anchor in anchors:
                    for entity in gaz.anchors[anchor]:
                        link = self._verify_person(tokens, window, i, anchor, entity,
                                                   readings)
                        if link is not None:
                            found = True
                            yield link
                if found:
                    break

    def _name_window(self, tokens: Tokens, sentences: list[int], i: int) -> list[int]:
        window = [i]
        for step in (-1, 1):
            j = i
            while abs(j - i) < _WINDOW:
                k = j + step
                if k < 0 or k >= len(tokens.keys) or sentences[k] != sentences[i]:
                    break
                if not joins(tokens.gap(min(j, k), max(j, k))):
                    break
                if tokens.shapes[k] == LOWER or tokens.keys[k] in self._not_name:
                    break
                window.append(k)
                j = k
        return sorted(window)

    def _verify_person(
        self, tokens: Tokens, window: list[int], i: int, anchor: str, entity: int,
        readings: dict[int, Reading],
    ) -> Link | None:
        """The listed person whose surname anchors the window, if the window's other words
        are that person's given names (one long middle name or patronymic may be left out;
        an unlisted word in the window rejects it). A word romanised from the listed one
        counts as it (``romanised``), and one read through a case ending too is scored by
        the matching engine as the listed word (see :func:`_read_as`)."""
        best: Link | None = None
        for variant in self.gazetteer.person_names.get(entity, ()):
            if anchor not in variant:
                continue
            found = _match_variant(tokens, window, i, anchor, variant, readings)
            if found is None:
                continue
            used, sims, missing, loose, romanised = found
            if len(used) < 2 or len(used) != len(window):
                continue  # no given name, or an unlisted name in the window
            if loose > 1:
                continue  # "Alexander Shtyrov" is not "Aliaksandr Shatrou": one word may differ
            if missing and not _may_omit(variant, missing):
                continue
            score = 0.55 + 0.4 * (sum(sims) / len(sims)) ** 2 - 0.03 * len(missing)
            if best is None or score > best.score:
                method = "misspelt" if loose else "romanised" if romanised else "anchor"
                best = Link(min(used), max(used), entity, round(score, 4), method,
                            _read_as(tokens, readings, used))
        return best

    def partials(self, tokens: Tokens, kept: list[Link], keys: list[str],
                 lower_roles: Callable[[int], bool] | None = None) -> Iterable[Link]:
        """Short forms of the persons linked in full; ``keys`` are the tokens' search keys, so
        an inflected surname ("Putina", "Putins") counts as the surname. ``lower_roles(i)``:
        whether a role word before token ``i`` may be written in lower case ("le président
        Poutine", "prezydent Putin"; in English only "President Putin" counts)."""
        gaz = self.gazetteer
        partials: dict[tuple[str, ...], set[int]] = defaultdict(set)
        for link in kept:
            info = gaz.entities[link.entity]
            if not info.is_person or link.score < 0.7 or link.method == "partial":
                continue
            written = tuple(keys[link.first : link.last + 1])
            for part in _parts(written, gaz.person_df):
                partials[part].add(link.entity)
        covered = {i for link in kept for i in range(link.first, link.last + 1)}
        by_first: dict[str, list[tuple[tuple[str, ...], set[int]]]] = defaultdict(list)
        for part, entities in partials.items():
            if len(entities) == 1:
                by_first[part[0]].append((part, entities))
        positions = _capitalised(tokens, keys)
        for first_key, parts in by_first.items():
            for i in positions.get(first_key, ()):
                if i in covered:
                    continue
                for part, entities in parts:
                    if tuple(keys[i : i + len(part)]) != part:
                        continue
                    last = i + len(part) - 1
                    if any(tokens.shapes[j] == LOWER for j in range(i, last + 1)):
                        continue
                    yield Link(i, last, next(iter(entities)), 0.85, "partial")
        yield from self._role_surnames(tokens, covered, positions, lower_roles)

    def _role_surnames(self, tokens: Tokens, covered: set[int],
                       positions: dict[str, list[int]],
                       lower_roles: Callable[[int], bool] | None) -> Iterable[Link]:
        gaz = self.gazetteer
        for key, at in positions.items():
            if key in gaz.anchors:
                yield from self._role_surnames_at(tokens, covered, key, at, lower_roles)

    def _role_surnames_at(
        self, tokens: Tokens, covered: set[int], key: str, positions: list[int],
        lower_roles: Callable[[int], bool] | None,
    ) -> Iterable[Link]:
        gaz = self.gazetteer
        for i in positions:
            if i == 0 or i in covered or tokens.shapes[i] != TITLE:
                continue
            if tokens.keys[i - 1] not in self.context.roles:
                continue
            if tokens.shapes[i - 1] == LOWER and (lower_roles is None or not lower_roles(i)):
                continue
            if (i + 1 < len(tokens.keys) and tokens.shapes[i + 1] in (TITLE, UPPER)
                    and not tokens.gap(i, i + 1).strip()):
                continue  # "President Putin Smith": the surname is not alone
            ranked = sorted(gaz.anchors[key], key=lambda e: -gaz.entities[e].weight)
            top = gaz.entities[ranked[0]]
            others = [gaz.entities[e] for e in ranked[1:]]
            if all(o.cluster == top.cluster or o.weight < top.weight for o in others):
                yield Link(i, i, ranked[0], 0.8 if not others else 0.75, "role")


def _capitalised(tokens: Tokens, keys: list[str]) -> dict[str, list[int]]:
    """Search key -> positions of the tokens not written in lower case (the tokens'
    own index where no key was read differently)."""
    changed = [i for i in compress(range(len(keys)), map(ne, keys, tokens.keys))
               if tokens.shapes[i]]
    if not changed:
        return tokens.capitalised
    out = {k: list(v) for k, v in tokens.capitalised.items()}
    for i in changed:
        out.setdefault(keys[i], []).append(i)
    for positions in out.values():
        positions.sort()
    return out


def _match_variant(
    tokens: Tokens, window: list[int], i: int, anchor: str, variant: tuple[str, ...],
    readings: dict[int, Reading],
) -> tuple[dict[int, str], list[float], list[int], int, bool]:
    """The window's words paired with a listed name's (position -> listed word), their
    similarities, the listed words left unpaired, how many pairs are neither the same word,
    a form of it nor a romanisation of it, and whether one is a romanisation."""
    used = {i: anchor}
    sims = [_similarity(tokens, readings, i, anchor)]
    missing: list[int] = []
    romanised = _is_read_as(tokens, readings, i, anchor)
    loose = 0 if romanised or _is_form_of(tokens.keys[i], anchor) else 1
    for position, other in enumerate(variant):
        if other == anchor:
            continue
        scored = [(_similarity(tokens, readings, j, other), j) for j in window if j not in used]
        sim, j = max(scored, default=(0.0, -1))
        if sim < MIN_TOKEN_SIMILARITY:
            missing.append(position)
            continue
        used[j] = other
        sims.append(sim)
        read = _is_read_as(tokens, readings, j, other)
        romanised = romanised or read
        loose += 0 if read or _is_form_of(tokens.keys[j], other, is_given=True) else 1
    return used, sims, missing, loose, romanised


def _read_as(tokens: Tokens, readings: dict[int, Reading], used: dict[int, str]) -> str:
    """The name as the matching engine is to read it: empty (as written) unless a word is a
    romanisation read through a case ending ("Jewgienijem Prigożynem"), which the engine could
    not read; then the listed word for each such word, the others as written."""
    bent = {j for j, listed in used.items()
            if j in readings and readings[j].inflected and _is_read_as(tokens, readings, j, listed)}
    if not bent:
        return ""
    return " ".join(used[j] if j in bent else tokens.surface(j, j) for j in sorted(used))


def _is_read_as(tokens: Tokens, readings: dict[int, Reading], i: int, listed: str) -> bool:
    """Whether the word at ``i`` is a romanisation of the listed word other than the word
    itself or an inflected form of it."""
    reading = readings.get(i)
    written = tokens.keys[i]
    return (reading is not None and listed in reading.words and not written.startswith(listed)
            and not _is_form_of(written, listed))


def _similarity(tokens: Tokens, readings: dict[int, Reading], i: int, listed: str) -> float:
    """How alike the word at ``i`` and a listed word are: their Jaro-Winkler similarity, at
    least :data:`ROMAN_SIMILARITY` when it is a romanisation of the listed word."""
    sim = JaroWinkler.normalized_similarity(tokens.keys[i], listed)
    if sim >= ROMAN_SIMILARITY or i not in readings:
        return sim
    return ROMAN_SIMILARITY if _is_read_as(tokens, readings, i, listed) else sim


def _is_form_of(written: str, listed: str, is_given: bool = False) -> bool:
    """Whether a written word is the listed word or an inflected form of it (a changed or
    added ending of up to two letters: "Putina", "Vladimira", "Deripaskoy"); for a given
    name also a transliteration with the same consonants ("Yevgeny", "Evgeniy", "Yevgeniy";
    "Dmitry", "Dmitriy")."""
    if written == listed:
        return True
    stem = listed[:-1] if len(listed) > 4 else listed
    if written.startswith(stem) and len(written) - len(stem) <= 3:
        return True
    if not is_given:
        return False
    skeleton = _VOWELS.sub("", written)
    return len(skeleton) >= 2 and skeleton == _VOWELS.sub("", listed)


def _may_omit(variant: tuple[str, ...], missing: list[int]) -> bool:
    """Whether the press may leave these name parts out: one long middle part (a second
    given name or a patronymic), never the first or last word, never a short Korean or
    Chinese syllable ("Rim Yong" is not "Rim Yong Hyok")."""
    return (len(missing) == 1 and 0 < missing[0] < len(variant) - 1
            and len(variant[missing[0]]) >= 5)


def _anchor_tokens(gaz: Gazetteer, key: str) -> tuple[list[str], list[str]]:
    """The listed surnames a written word may be: (exactly, as a misspelling or inflection)."""
    exact = [key] if key in gaz.anchors else []
    if len(key) < 5 or not key.isalpha() or (not exact and key in gaz.person_df):
        return exact, []  # a spelling some listed person bears is not a misspelling
    return exact, [t for t in fuzzy_lookup(gaz.fuzzy, key) if t != key]


def _parts(written: tuple[str, ...], person_df: dict[str, int]) -> Iterable[tuple[str, ...]]:
    """Short forms of a written full name: its rare surname alone, its leading parts."""
    if len(written) < 2:
        return
    for key in (written[0], written[-1]):
        if len(key) >= 4 and person_df.get(key, 0) <= RARE_PERSON_TOKEN:
            yield (key,)
    if len(written) >= 3:
        yield written[:-1]
