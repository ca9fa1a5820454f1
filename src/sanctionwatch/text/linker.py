"""Find listed parties in tokenised text and link each mention to its listing.

Each way a mention is found is verified in context before it counts:

1. **exact** (here) — the automaton finds a listed name's token keys ("Kim Jong Un", "Wagner
   Group", "KOMID"). Checked: the words are written as a name (capitalised); the name is not
   part of a longer unlisted name ("John Kirby", "Korea Development Bank"); a lone word or
   acronym is written as one, has a risk cue nearby and is never also written in lower case
   in the document; an acronym names one party only; a name made only of common words
   ("Ministry of Defence", "Golden Star") needs its country in the document; a common
   two-word personal name ("Sergei Ivanov") needs a risk cue nearby.
   Each token is searched for in the lists' form of it (:mod:`sanctionwatch.text.wordforms`):
   "die Wagner-Gruppe", "le groupe Wagner", "Wagnergruppe", "Grupa Wagnera" read as the
   listed "Wagner Group"; such a name read through a case ending is ``inflected``. A word
   romanised another way than the lists' (:mod:`sanctionwatch.text.romanised`: "Вагнера",
   "Prigoschin") is searched for as the one listed word it stands for: ``romanised`` (in a
   name of two words or more only: "Cisco" is not the acronym ZISCO).
2. **fuzzy** (here) — a long one-word organisation name spelt another way ("Rosoboronexport").
3. **anchor**, **partial**, **role** — persons, see :mod:`sanctionwatch.text.persons`.
4. **korean** — Korean names in any script, see :mod:`sanctionwatch.text.korean`.

Overlapping candidates keep the longest, then the best scored. A link's ``score`` is the linker's
context confidence, which these rules and the screener's threshold read; the score a mention
reports is the matching engine's (see :mod:`sanctionwatch.text.scoring`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import replace
from itertools import accumulate
from operator import add

from rapidfuzz.distance import JaroWinkler

from sanctionwatch.text.candidates import Link, fuzzy_lookup, joins, resolve
from sanctionwatch.text.gazetteer import (
    ACRONYM,
    ALIAS,
    INNER_ACRONYM,
    LEGAL_FORMS,
    NAME,
    WEAK,
    Gazetteer,
)
from sanctionwatch.text.korean import KoreanFinder
from sanctionwatch.text.lexicon import ContextWords
from sanctionwatch.text.persons import PersonFinder
from sanctionwatch.text.romanised import RomanReader, read_romanised
from sanctionwatch.text.tokens import (
    LOWER,
    TITLE,
    UNCASED,
    UPPER,
    Tokens,
    sentence_numbers,
)
from sanctionwatch.text.wordforms import WordForms

#: languages whose press capitalises a role before a name ("President Putin") and writes
#: it in lower case otherwise ("the president said")
CAPITALISED_ROLES = frozenset({"en", "und"})
#: base confidence by alias kind (name, alias, weak alias, acronym)
_KIND_SCORE = {NAME: 0.95, ALIAS: 0.93, WEAK: 0.85, ACRONYM: 0.9, INNER_ACRONYM: 0.85}
_TITLE_ACRONYM_SCORE = 0.85
#: a person token this common ("kim", "ali") makes a two-token name too weak on its own
COMMON_PERSON_TOKEN = 40
#: articles and particles that make a two-word personal name a nickname or a phrase
_PARTICLES = frozenset({"el", "la", "le", "al", "the", "de", "del", "da", "di", "van", "von"})
#: an organisation name token this common ("ministry", "star", "bank") is no evidence alone
GENERIC_ORG_TOKEN = 10
#: a two-word name whose surname and given name are this common needs a risk cue nearby
COMMON_SURNAME, COMMON_GIVEN_NAME = 10, 30


class Linker:
    """Finds and verifies mentions of listed parties in one document's tokens."""

    def __init__(self, gazetteer: Gazetteer, context: ContextWords) -> None:
        self.gazetteer = gazetteer
        self.context = context
        self._not_name = context.roles | context.function
        #: first word of a phrase naming a country -> (phrase, country code)
        self._country_words: dict[str, list[tuple[str, str]]] = {}
        for code, phrases in context.countries.items():
            for phrase in phrases:
                if phrase:
                    self._country_words.setdefault(phrase.split()[0], []).append((phrase, code))
        #: words before an organisation's name that keep it the same organisation
        self._not_org = self._not_name | context.generic | {
            p for phrases in context.countries.values() for p in phrases if " " not in p}
        #: a compound ending in one of these before an organisation's name is a word for it
        #: ("Staatskonzern Rosneft", "Hackergruppe Lazarus"), not part of it
        self._org_word_endings = tuple(w for w in (*context.compounds, *context.heads)
                                       if len(w) >= 5)
        self.forms = WordForms((k for p in gazetteer.patterns for k in p.split()), context)
        self._lower_cache: tuple[Tokens | None, set[str]] = (None, set())
        self._pattern_ids: dict[str, int] = {}
        self._word_cache: dict[str, list[str]] = {}
        self.romanised = RomanReader(gazetteer.roman, context)
        self.persons = PersonFinder(gazetteer, context)
        self.korean = KoreanFinder(gazetteer, self._extends, context)

    def link(
        self,
        tokens: Tokens,
        sentence_starts: list[int],
        cue_sentences: set[int],
        language_of: Callable[[int], str] | None = None,
    ) -> list[Link]:
        """Every verified mention, in text order (``language_of(sentence)``: the language of
        a sentence, which decides the case endings read; without it every language's)."""
        sentences = sentence_numbers(sentence_starts, tokens.starts)
        hay, inflected, also = self.forms.keys(tokens, sentences, language_of)
        readings = self.romanised.read(tokens, sentences, language_of)
        romanised, others = read_romanised(tokens.keys, hay, inflected, readings,
                                           self.forms.vocabulary)
        candidates = list(self._exact(tokens, sentences, cue_sentences, hay,
                                      inflected | romanised, romanised=romanised))
        if also:  # listed words that may also be bent ones: only the matches through them
            bent = [also.get(i, key) for i, key in enumerate(hay)]
            candidates.extend(link for link in self._exact(
                tokens, sentences, cue_sentences, bent, inflected | also.keys(), also.keys())
                if link.method == "inflected")
        for other in others:  # words romanised from several listed words: each in turn
            keys = [other.get(i, key) for i, key in enumerate(hay)]
            read = romanised | other.keys()
            candidates.extend(self._exact(tokens, sentences, cue_sentences, keys,
                                          inflected | read, other.keys(), read))
        candidates.extend(self.persons.anchored(tokens, sentences, language_of, readings))
        candidates.extend(self.korean.find(tokens, sentences, language_of))
        kept = [self._common_name(link, tokens, sentences, cue_sentences)
                for link in resolve(candidates)]
        kept = self._acronyms_checked(self._country_checked(kept, tokens), tokens)
        lower_roles = None if language_of is None else (
            lambda i: language_of(sentences[i]) not in CAPITALISED_ROLES)
        kept.extend(self.persons.partials(tokens, kept, hay, lower_roles))
        return sorted(resolve(kept), key=lambda link: link.first)

    # -- 1. exact names --------------------------------------------------------------------

    def _exact(
        self, tokens: Tokens, sentences: list[int], cue_sentences: set[int], keys: list[str],
        inflected: set[int], only: Collection[int] = (), romanised: Collection[int] = (),
    ) -> Iterable[Link]:
        """Listed names in the search keys (``only``: just the matches through these
        positions, and no misspelt words; ``inflected``: the positions read through a case
        ending or a romanisation, ``romanised`` the latter)."""
        if not keys:
            return
        # the haystack is " k0 k1 ... kn ": token i starts after the space at bounds[i] and
        # a match of it ends just after the space at bounds[i + 1] (a split compound's key
        # holds a space: a match inside it starts or ends at no token boundary)
        bounds = [0, *map(add, accumulate(map(len, keys)), range(1, len(keys) + 1))]
        starts = dict(zip(bounds, range(len(keys)), strict=False))
        ends = dict(zip([b + 1 for b in bounds[1:]], range(len(keys)), strict=True))
        haystack = f" {' '.join(keys)} "
        gaz = self.gazetteer
        for pattern, start, end in gaz.automaton.find_matches_as_indexes(haystack, overlapping=True):
            first, last = starts.get(start), ends.get(end)
            if first is None or last is None:
                continue
            if only and not any(first <= i <= last for i in only):
                continue
            if first == last and first in romanised:
                continue  # a lone word read through a romanisation ("Cisco" as ZISCO): no name
            best = self._verify_exact(tokens, sentences, cue_sentences, first, last, pattern)
            if best is None:
                continue
            read_as = gaz.patterns[pattern]
            if inflected.intersection(range(first, last + 1)):
                method = ("romanised" if any(first <= i <= last for i in romanised)
                          else "inflected")
                best = Link(first, last, best.entity, best.score - 0.05, method, read_as)
            elif read_as != " ".join(tokens.keys[first : last + 1]):
                best = Link(first, last, best.entity, best.score, best.method, read_as)
            yield best
        if not only:
            yield from self._misspelt_words(tokens, sentences, cue_sentences)

    def _misspelt_words(
        self, tokens: Tokens, sentences: list[int], cue_sentences: set[int]
    ) -> Iterable[Link]:
        """One-word organisation names spelt another way ("Rosoboronexport")."""
        gaz = self.gazetteer
        index = {p: n for n, p in enumerate(gaz.patterns)} if not self._pattern_ids else None
        if index is not None:
            self._pattern_ids = index
        cache = self._word_cache
        for key, positions in tokens.capitalised.items():
            if len(key) < 8 or key in self._pattern_ids:
                continue
            words = cache.get(key)
            if words is None:
                words = cache[key] = fuzzy_lookup(gaz.words, key)
                if len(cache) > 200_000:
                    cache.clear()
            for i in positions if words else ():
                yield from self._misspelt_at(tokens, sentences, cue_sentences, i, words)

    def _misspelt_at(
        self, tokens: Tokens, sentences: list[int], cue_sentences: set[int], i: int,
        words: list[str],
    ) -> Iterable[Link]:
        key = tokens.keys[i]
        if key in self._lower_words(tokens):
            return  # the document also writes it as a common word ("services")
        for word in words:
            if word[:2] != key[:2] or JaroWinkler.normalized_similarity(key, word) < 0.9:
                continue
            link = self._verify_exact(tokens, sentences, cue_sentences, i, i,
                                      self._pattern_ids[word])
            if link is not None:
                sim = JaroWinkler.normalized_similarity(key, word)
                yield Link(i, i, link.entity, round(link.score * sim, 4), "fuzzy")

    def _verify_exact(
        self,
        tokens: Tokens,
        sentences: list[int],
        cue_sentences: set[int],
        first: int,
        last: int,
        pattern: int,
    ) -> Link | None:
        refs = self.gazetteer.refs(pattern)
        if not all(joins(tokens.gap(i, i + 1)) for i in range(first, last)):
            return None  # punctuation inside the span: two names in a list, not one name
        entity, kind = refs[0]
        clusters = {self.gazetteer.entities[e].cluster for e, k in refs if k == kind}
        info = self.gazetteer.entities[entity]
        if not self._is_written_as_name(tokens, first, last, info.is_person):
            return None
        is_one_word = first == last and " " not in self.gazetteer.patterns[pattern]
        if is_one_word and not self._is_lone_word_name(tokens, sentences, cue_sentences, first):
            return None
        if is_one_word and len(clusters) > 1:
            return None  # an acronym of several listed parties
        if self._extends(tokens, sentences, first, last, info.is_person):
            return None
        score = _KIND_SCORE.get(kind, 0.85)
        if info.is_person and last - first == 1:
            df = self.gazetteer.person_df
            if min(df.get(k, 0) for k in tokens.keys[first : last + 1]) > COMMON_PERSON_TOKEN:
                score = 0.6  # "Kim Chol", "Ali Hassan": too common to stand alone
        if kind >= ACRONYM and tokens.shapes[first] == TITLE:
            score = _TITLE_ACRONYM_SCORE  # "Komid" rather than "KOMID"
        if len(clusters) > 1:
            score -= 0.05
        return Link(first, last, entity, score, "acronym" if kind >= ACRONYM else "exact")

    def _is_written_as_name(self, tokens: Tokens, first: int, last: int, is_person: bool
                            ) -> bool:
        """Every word of a person's name capitalised; every word of an organisation's name
        but function words ("of", "the") and generic ones ("group") capitalised, and not
        only those ("The base URL" is not "THE BASE")."""
        content = 0
        for i in range(first, last + 1):
            key, shape = tokens.keys[i], tokens.shapes[i]
            if is_person:
                if shape == LOWER:
                    return False
                continue
            if key in self.context.function or key in self.context.generic:
                continue
            if shape == LOWER:
                return False
            content += 1
        return is_person or content > 0

    def _common_name(
        self, link: Link, tokens: Tokens, sentences: list[int], cue_sentences: set[int]
    ) -> Link:
        """A two-word name that many people bear ("Sergei Ivanov"), or a name spelt unlike
        its listing ("Mkrtchychev"), needs a risk cue nearby."""
        sentence = sentences[link.first]
        if link.method == "misspelt" and not cue_sentences & {sentence - 1, sentence,
                                                              sentence + 1}:
            return replace(link, score=min(link.score, 0.6))
        if link.last - link.first != 1 or not self.gazetteer.entities[link.entity].is_person:
            return link
        words = tokens.keys[link.first : link.last + 1]
        df = sorted(self.gazetteer.person_df.get(k, 0) for k in words)
        has_particle = any(k in self.context.function or k in _PARTICLES for k in words)
        if not has_particle and (df[0] < COMMON_SURNAME or df[1] < COMMON_GIVEN_NAME):
            return link  # "El Capitan" (a nickname) needs a cue as much as "Sergei Ivanov"
        if cue_sentences & {sentence - 1, sentence, sentence + 1}:
            return link
        return replace(link, score=min(link.score, 0.65))

    def _country_checked(self, links: list[Link], tokens: Tokens) -> list[Link]:
        """An organisation named only in common words ("Ministry of Defence", "Golden Star")
        stays linked only when the document is about its country: the country's name or a
        word for it, or another party of that country linked on a distinctive name."""
        generic = [link for link in links if self._is_generic(link, tokens)]
        if not generic:
            return links
        haystack = f" {' '.join(tokens.keys)} "
        present = {code for key in set(tokens.keys) & self._country_words.keys()
                   for phrase, code in self._country_words[key] if f" {phrase} " in haystack}
        for link in links:
            if link not in generic and link.score >= 0.7:
                present.update(self.gazetteer.entities[link.entity].countries)
        out: list[Link] = []
        for link in links:
            countries = self.gazetteer.entities[link.entity].countries
            if link in generic and countries and not present & set(countries):
                link = replace(link, score=min(link.score, 0.6))
            out.append(link)
        return out

    def _acronyms_checked(self, links: list[Link], tokens: Tokens) -> list[Link]:
        """A short acronym ("SSL", "PCP", "MIT") stays linked only when its party is also named
        in full in the document; longer ones ("KOMID", "IRGC") stand alone."""
        named = {self.gazetteer.entities[link.entity].cluster for link in links
                 if link.method != "acronym" and link.score >= 0.7}
        out: list[Link] = []
        for link in links:
            short = link.method == "acronym" and len(tokens.keys[link.first]) <= 3
            if short and self.gazetteer.entities[link.entity].cluster not in named:
                link = replace(link, score=min(link.score, 0.6))
            out.append(link)
        return out

    def _is_generic(self, link: Link, tokens: Tokens) -> bool:
        if self.gazetteer.entities[link.entity].is_person:
            return False
        words = [k for k in tokens.keys[link.first : link.last + 1]
                 if k not in self.context.function and k not in LEGAL_FORMS]
        if link.first == link.last and len(words[0] if words else "") <= 3:
            return True  # a three-letter acronym means many things: "SSL", "AIG"
        org_df = self.gazetteer.org_df
        return len(words) <= 3 and all(org_df.get(k, 0) >= GENERIC_ORG_TOKEN for k in words)

    def _is_lone_word_name(
        self, tokens: Tokens, sentences: list[int], cue_sentences: set[int], i: int
    ) -> bool:
        key, shape = tokens.keys[i], tokens.shapes[i]
        if key in self.context.not_acronyms or key in self._not_name or key.isdigit():
            return False
        near_cue = bool(cue_sentences & {sentences[i] - 1, sentences[i], sentences[i] + 1})
        if shape in (UPPER, UNCASED):
            return len(key) >= 3 and near_cue  # "KOMID", never "MIT license" or "SSL"
        if shape != TITLE or len(key) < 5:
            return False
        if (i == 0 or sentences[i - 1] != sentences[i]) and len(key) < 7:
            return False  # capitalised because it starts the sentence
        if key in self._lower_words(tokens):
            return False  # the document also writes it as a common word
        return near_cue

    def _extends(
        self, tokens: Tokens, sentences: list[int], first: int, last: int, is_person: bool
    ) -> bool:
        """Whether a capitalised unlisted word continues the name (a different party).

        For a person, the word must be a name someone on the lists bears ("John" before
        "Kirby"); for an organisation, any capitalised word before it but generic ones, and
        after it a word that names another organisation ("Bank", "Trading"). An all-capitals
        headline says nothing either way.
        """
        allowed = self._not_name if is_person else self._not_org
        person_df = self.gazetteer.person_df
        for i, j in ((first - 1, first), (last + 1, last)):
            if i < 0 or i >= len(tokens.keys) or sentences[i] != sentences[j]:
                continue
            gap = tokens.gap(min(i, j), max(i, j))
            if not joins(gap) or "\n" in gap or "s" in gap:
                continue  # punctuation, a line break or a possessive ("Korea's Ministry")
            shape, key = tokens.shapes[i], tokens.keys[i]
            if shape not in (TITLE, UPPER) or key in allowed:
                continue
            if not is_person and i < first and key.endswith(self._org_word_endings):
                continue
            if shape == UPPER and all(tokens.shapes[k] == UPPER for k in range(first, last + 1)):
                continue
            if i < first and (i == 0 or sentences[i - 1] != sentences[i]):
                continue  # a capitalised sentence opener
            if is_person and key not in person_df:
                continue
            if not is_person and i > last > first and key not in self.context.designators:
                continue  # "a Mahan Air Airbus", but "Korea Development Bank", "United States"
            return True
        return False

    def _lower_words(self, tokens: Tokens) -> set[str]:
        if self._lower_cache[0] is not tokens:
            words = {k for k, s in zip(tokens.keys, tokens.shapes, strict=True) if s == LOWER}
            self._lower_cache = (tokens, words)
        return self._lower_cache[1]

__all__ = ["Link", "Linker"]
