"""The text linker's word lists, read once from ``resources/`` into typed objects.

``risk_terms.yml`` holds the risk categories and their cue words, per language;
``text_context.yml`` the roles, function words, generic organisation words and non-acronyms the
linker reads around a candidate name, in English and per language, with the ways each language
bends a name (organisation head words, compounds, case endings). Both are package data shipped
with the code (like FollowTheMoney's schema YAML): reading them is not document I/O. A broken
file fails with the file's name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from followthemoney.types import registry

from sanctionwatch.exc import SanctionwatchError
from sanctionwatch.text.tokens import token_keys

RISK_YAML = "risk_terms.yml"
CONTEXT_YAML = "text_context.yml"


@dataclass(frozen=True, slots=True)
class Cue:
    """One cue: the token keys of a word or phrase; the last may be a prefix."""

    text: str
    keys: tuple[str, ...]
    is_prefix: bool


@dataclass(frozen=True, slots=True)
class RiskCategory:
    key: str
    label: str
    cues: tuple[Cue, ...]


@dataclass(frozen=True, slots=True, eq=False)
class RiskLexicon:
    """Every risk category, and the cues indexed by their first token key."""

    categories: tuple[RiskCategory, ...]
    #: first token key (or prefix) -> (category key, cue)
    exact: Mapping[str, tuple[tuple[str, Cue], ...]]
    #: prefixes of single-token prefix cues, for "sanction*"-style cues
    prefixes: Mapping[str, tuple[tuple[str, Cue], ...]]

    def label(self, category: str) -> str:
        for item in self.categories:
            if item.key == category:
                return item.label
        return category


@dataclass(frozen=True, slots=True)
class ContextWords:
    """The word lists of every language merged (a German quote in a French article reads the
    same), and what is particular to one language kept by its code."""

    roles: frozenset[str]
    function: frozenset[str]
    generic: frozenset[str]
    designators: frozenset[str]
    not_acronyms: frozenset[str]
    #: country code -> phrases (token keys joined by spaces) that place a text in it
    countries: Mapping[str, tuple[str, ...]]
    #: an organisation head word of any language -> the English one the lists use
    heads: Mapping[str, str] = field(default_factory=dict)
    #: words for an organisation's people ("Söldner"), read as its head word "group"
    members: frozenset[str] = frozenset()
    #: endings that close a compound written as one word ("...gruppe"), longest first
    compounds: tuple[str, ...] = ()
    #: language code -> the case endings a name takes in it, longest first
    endings: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def endings_of(self, language: str) -> tuple[str, ...]:
        """The case endings of a language (none for one that does not inflect names)."""
        return self.endings.get(language, ())


def parse_risk_terms(text: str, origin: str = RISK_YAML) -> RiskLexicon:
    """Read risk categories from YAML text (see resources/risk_terms.yml for the shape)."""
    try:
        raw = yaml.safe_load(text)
        categories = tuple(
            RiskCategory(str(key), str(body["label"]),
                         tuple(dict.fromkeys(_cue(str(c)) for c in _per_language(body["cues"]))))
            for key, body in raw["categories"].items()
        )
    except (yaml.YAMLError, KeyError, TypeError, AttributeError, ValueError) as exc:
        raise SanctionwatchError(f"{origin}: bad risk term definition: {exc}") from exc
    exact: dict[str, list[tuple[str, Cue]]] = {}
    prefixes: dict[str, list[tuple[str, Cue]]] = {}
    for category in categories:
        for cue in category.cues:
            if cue.is_prefix and len(cue.keys) == 1:
                prefixes.setdefault(cue.keys[0], []).append((category.key, cue))
            else:
                exact.setdefault(cue.keys[0], []).append((category.key, cue))
    return RiskLexicon(
        categories,
        {k: tuple(v) for k, v in exact.items()},
        {k: tuple(v) for k, v in prefixes.items()},
    )


def _per_language(cues: object) -> list[object]:
    """Cues as one list, or per language code (every language's cues apply to every text)."""
    if isinstance(cues, Mapping):
        return [cue for words in cues.values() for cue in words]
    if not isinstance(cues, list):
        raise TypeError(f"cues must be a list or a mapping of languages, not {cues!r}")
    return cues


def _cue(text: str) -> Cue:
    is_prefix = text.endswith("*")
    keys = tuple(token_keys(text.rstrip("*")))
    if not keys:
        raise ValueError(f"cue {text!r} has no words")
    return Cue(text, keys, is_prefix)


def parse_context_words(text: str, origin: str = CONTEXT_YAML) -> ContextWords:
    """Read the context word lists from YAML text (English at the top level, other languages
    under ``languages``)."""
    try:
        raw = yaml.safe_load(text)
        languages: dict[str, Any] = {str(k): v for k, v in
                                                   (raw.get("languages") or {}).items()}
        sections = [raw, *languages.values()]
        lists = {
            name: frozenset(k for section in sections for word in section.get(name) or ()
                            for k in token_keys(str(word)))
            for name in ("roles", "function", "generic", "designators", "not_acronyms")
        }
        countries = {
            str(code): tuple(" ".join(token_keys(str(w))) for w in words)
            for code, words in raw["countries"].items()
        }
        heads = {_one_key(str(word)): _one_key(str(head)) for section in sections
                 for word, head in (section.get("heads") or {}).items()}
        members = frozenset(_one_key(str(w)) for s in sections for w in s.get("members") or ())
        compounds = _longest_first(_one_key(str(w)) for s in sections
                                   for w in s.get("compounds") or ())
        endings = {code: _longest_first(_one_key(str(w)) for w in body.get("endings") or ())
                   for code, body in languages.items()}
    except (yaml.YAMLError, KeyError, TypeError, AttributeError, ValueError) as exc:
        raise SanctionwatchError(f"{origin}: bad context word list: {exc}") from exc
    for code, label in registry.country.names.items():
        countries[code] = (*countries.get(code, ()), " ".join(token_keys(label)))
    return ContextWords(**lists, countries=countries, heads=heads, members=members,
                        compounds=compounds, endings={k: v for k, v in endings.items() if v})


def _one_key(word: str) -> str:
    """The token key of a word that must be one token ("Gruppe" -> "gruppe")."""
    keys = token_keys(word)
    if len(keys) != 1:
        raise ValueError(f"{word!r} is not one word")
    return keys[0]


def _longest_first(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=lambda w: (-len(w), w)))


def _resource(name: str) -> str:
    return resources.files("sanctionwatch.resources").joinpath(name).read_text("utf-8")


@lru_cache(maxsize=1)
def default_risk_terms() -> RiskLexicon:
    """The packaged risk categories."""
    return parse_risk_terms(_resource(RISK_YAML))


@lru_cache(maxsize=1)
def default_context_words() -> ContextWords:
    """The packaged context word lists."""
    return parse_context_words(_resource(CONTEXT_YAML))
