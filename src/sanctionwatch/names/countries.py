"""Countries inside organisation names: one token however the country is written.

"Foreign Trade Bank of the DPRK", "... of the Democratic People's Republic of Korea", "North
Korean ..." and "Korea, North" name one country; "Islamic Republic of Iran" and "Iranian" one
other. The names come from rigour's territory data (the data behind FollowTheMoney's country
type: official and short names, abbreviations, names in other languages); each is replaced in a
name's tokens by one canonical token, the territory's short name written as one word
(``northkorea``, ``iran``), so every spelling of the country agrees as one token.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from rigour._core import territories_jsonl
from rigour.data import iter_jsonl_text

#: a one-word country name shorter than this is left alone (codes: "AL", "SA", "CO")
MIN_SINGLE = 4
#: the longest country name looked for, in tokens
MAX_PHRASE = 7
#: a country phrase's tokens -> the country's canonical token
Phrases = Mapping[tuple[str, ...], str]


@dataclass(frozen=True, slots=True)
class CountryTable:
    """The phrases of :func:`country_phrases` and the tokens they start with (a name with none
    of those tokens names no country: most names are passed through at one set look-up)."""

    phrases: Phrases
    starts: frozenset[str]

    @classmethod
    def of(cls, phrases: Phrases) -> CountryTable:
        return cls(phrases, frozenset(phrase[0] for phrase in phrases))

    def canonical(self, tokens: tuple[str, ...]) -> tuple[str, ...]:
        """:func:`canonical_countries` of the tokens over this table."""
        if self.starts.isdisjoint(tokens):
            return tokens
        return canonical_countries(tokens, self.phrases)


def country_phrases(
    tokenize: Callable[[str], tuple[str, ...]],
) -> dict[tuple[str, ...], str]:
    """Tokens of every name of every country -> the country's canonical token (``tokenize``:
    how names are cut into comparable tokens)."""
    table: dict[tuple[str, ...], str] = {}
    for data in iter_jsonl_text(territories_jsonl()):
        if not data.get("is_ftm"):
            continue
        canonical = "".join(tokenize(str(data["name"])))
        strong = [data["name"], data.get("full_name", ""), *data.get("names_strong", [])]
        for name, is_strong in (*((n, True) for n in strong),
                                *((n, False) for n in data.get("names_weak", []))):
            tokens = tokenize(str(name))
            if not tokens or len(tokens) > MAX_PHRASE or not "".join(tokens).isalpha():
                continue
            # one word: the country's own names, and adjectives made from its name (Iranian,
            # Chinese); other one-word names in other languages may be people's ("Adora")
            if len(tokens) == 1 and (len(tokens[0]) < MIN_SINGLE or not (
                    is_strong or tokens[0][:MIN_SINGLE] == canonical[:MIN_SINGLE])):
                continue
            table.setdefault(tokens, canonical)
    return table


def canonical_countries(tokens: Sequence[str], table: Phrases) -> tuple[str, ...]:
    """The tokens with every country name in them (longest first) replaced by its token."""
    out: list[str] = []
    i, size = 0, len(tokens)
    while i < size:
        for length in range(min(MAX_PHRASE, size - i), 0, -1):
            found = table.get(tuple(tokens[i : i + length]))
            if found is not None:
                out.append(found)
                i += length
                break
        else:
            out.append(tokens[i])
            i += 1
    return tuple(out)
