"""Words as each language bends them, read back to the forms the lists write.

The linker searches the gazetteer over one key per token. :class:`WordForms` gives each token
the key a listed name would have in its place:

- an organisation head word of any language reads as the English one the lists use
  ("Gruppe", "groupe", "grupa", "Grubu" -> ``group``; "ЧВК", "ПВК" -> ``pmc``), and a word
  for an organisation's people after its name as its head word ("Wagner-Söldner");
- a compound written as one word splits where a known ending closes it and a listed name
  word opens it ("Wagnergruppe" -> ``wagner group``; "Gazpromkonzern" -> ``gazprom``);
- a capitalised word that is a listed name word plus a case ending of the sentence's language
  reads as the name word ("Putinem", "Wagnera" in Polish, "Putins" in German), never in a
  language that does not inflect names that way ("Ivana" in an English text stays Ivana).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sanctionwatch.text.lexicon import ContextWords
from sanctionwatch.text.tokens import LOWER, Tokens, positions_of

#: the shortest name word a case ending or a compound may be cut down to
MIN_STEM = 4
#: ... and, right after another name word, a case ending ("Kim Jong Unem")
MIN_SHORT_STEM = 2
#: the head word a word for an organisation's people stands for
MEMBERS_HEAD = "group"


@dataclass(frozen=True, slots=True)
class Bent:
    """How one capitalised word may be a bent listed name word."""

    #: the key it reads as (two words for a split compound)
    key: str
    #: the case ending taken off ("" for a compound)
    ending: str
    #: whether the word as written is a listed name word too ("Una": listed, and Un + a)
    is_listed: bool = False


#: a word not read yet (in the cache of words read)
_UNREAD = Bent("", "")


class WordForms:
    """Per-document token keys in the lists' forms (see the module docstring)."""

    def __init__(self, vocabulary: Iterable[str], context: ContextWords) -> None:
        self.vocabulary = frozenset(vocabulary)
        self.context = context
        self._endings = tuple(sorted({e for es in context.endings.values() for e in es},
                                     key=lambda e: (len(e), e)))
        self._cache: dict[str, Bent | None] = {}

    def keys(
        self,
        tokens: Tokens,
        sentences: list[int],
        language_of: Callable[[int], str] | None = None,
    ) -> tuple[list[str], set[int], dict[int, str]]:
        """The search key of every token, the positions read through a case ending, and the
        words that are listed as written but may also be a bent one (position -> the bent
        key: "Kim Jong Una" is searched for both ways). ``language_of(sentence)`` gives a
        sentence's language (without it, any language's endings apply)."""
        heads = self.context.heads
        keys = tokens.keys
        present = set(keys)
        out = list(keys) if heads.keys().isdisjoint(present) else [heads.get(k, k) for k in keys]
        inflected: set[int] = set()
        also: dict[int, str] = {}
        for key in self.context.members & present:
            for i in positions_of(keys, key):
                if i and tokens.shapes[i - 1] != LOWER:
                    out[i] = MEMBERS_HEAD
        cache = self._cache
        for key, positions in tokens.capitalised.items():
            bent = cache.get(key, _UNREAD)
            if bent is _UNREAD:
                if len(cache) > 200_000:
                    cache.clear()
                bent = cache[key] = self._read(key)
            if bent is None:
                continue
            for i in positions:
                if len(bent.key) < MIN_STEM and not (i and tokens.shapes[i - 1] != LOWER):
                    continue  # a short name word ("Unem": Un) only after another name word
                if bent.ending and language_of is not None and (
                        bent.ending not in self.context.endings_of(language_of(sentences[i]))):
                    continue
                if bent.is_listed:
                    also[i] = bent.key
                    continue
                if bent.ending:
                    inflected.add(i)
                out[i] = bent.key
        return out, inflected, also

    def _read(self, key: str) -> Bent | None:
        """How a capitalised word may be bent (None: it is a listed word as it stands, or
        no listed word bent)."""
        vocabulary = self.vocabulary
        if key in self.context.heads:
            return None
        is_listed = key in vocabulary
        for ending in self.context.compounds:
            stem = key[: -len(ending)]
            if key.endswith(ending) and len(stem) >= MIN_STEM and stem in vocabulary:
                head = self.context.heads.get(ending) or (
                    MEMBERS_HEAD if ending in self.context.members else "")
                return Bent(f"{stem} {head}" if head else stem, "", is_listed)
        for ending in self._endings:  # shortest first: the longest name word wins
            stem = key[: -len(ending)]
            if key.endswith(ending) and len(stem) >= MIN_SHORT_STEM and stem in vocabulary:
                return Bent(stem, ending, is_listed)
        return None
