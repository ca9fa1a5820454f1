"""The gazetteer: every listed name as token keys, searchable in one pass over a document.

Built once per list version from a :class:`~sanctionwatch.model.Collection`:

- an Aho-Corasick automaton (ahocorasick-rs) over the token keys of every usable name, alias,
  acronym and name variant ("Sergei Shoigu", "Shoigu Sergei Kuzhugetovich", "KOMID",
  "Korea Mining Development Trading" without its legal form);
- the name parts of every listed person, for anchor-and-verify linking of misspelt, inflected
  and partial names ("Mkrtchychev", "Путина", "President Putin");
- a fuzzy index of the rarer name tokens (every key with one character deleted), so a
  misspelt surname finds its listed spelling in a few dictionary look-ups;
- Korean name skeletons, so a name written in Hangul finds the romanised listing;
- the romanisation keys of every name word, so a name as another language's press spells it
  finds its listed spelling (see :mod:`sanctionwatch.text.romanised`).

It holds plain Python data and pickles without the automaton, which is rebuilt on load, so a
cache can keep it next to the screening index.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

import ahocorasick_rs

from sanctionwatch.match import PreparedEntity, prepare
from sanctionwatch.model import Collection, Entity
from sanctionwatch.model.schema import is_a
from sanctionwatch.names import PATRONYMIC_ENDINGS, korean_key
from sanctionwatch.text.lexicon import default_context_words
from sanctionwatch.text.romanised import roman_index
from sanctionwatch.text.tokens import token_keys

#: alias kinds, strongest first
NAME, ALIAS, WEAK, ACRONYM, INNER_ACRONYM = 0, 1, 2, 3, 4
_KIND = {"name": NAME, "alias": ALIAS, "previousName": ALIAS, "weakAlias": WEAK,
         "abbreviation": ACRONYM}
#: legal-form tokens dropped to make a second variant of an organisation name
LEGAL_FORMS = frozenset(
    ["co", "ltd", "limited", "llc", "inc", "corp", "corporation", "company", "plc", "jsc", "pjsc", "ojsc", "cjsc", "ooo", "oao", "zao", "ao", "pao", "gmbh", "ag", "sa", "sarl", "srl", "bv", "nv", "fze", "fzco", "llp", "lp", "kg", "as", "ab", "oy", "spa", "sas"]
)
#: words of the long legal forms that open Russian company names ("JOINT STOCK COMPANY X",
#: "LIMITED LIABILITY COMPANY X", "FEDERAL STATE UNITARY ENTERPRISE X")
LEADING_FORMS = frozenset(
    ["public", "private", "open", "closed", "joint", "stock", "limited", "liability", "company", "federal", "state", "unitary", "enterprise", "non", "commercial", "partnership"]
)
#: bumped when what a gazetteer holds changes: an older pickle is refused on load (2: the
#: listed names kept for the matching engine; 3: organisation head words in their English
#: form, and put first; 4: the romanisation keys of the name words)
GAZETTEER_SHAPE = 4
#: head words other languages put before an organisation's name ("groupe Wagner")
FRONTED_HEADS = frozenset({"group"})
#: a rare name token appears in at most this many listed persons' names
RARE_PERSON_TOKEN = 12
_PARTIES = ("Person", "LegalEntity", "Vessel")
#: patronymics, dropped in a second form of a name ("Sergei Kuzhugetovich Shoigu"), the short
#: ones too (Kuzmich, Ilyich): a second form without a "Friedrich" costs a pattern, no match
_PATRONYMICS = (*PATRONYMIC_ENDINGS, "ich")


@dataclass(frozen=True, slots=True)
class EntityInfo:
    """What a mention shows of its listed entity."""

    id: str
    caption: str
    schema: str
    #: datasets of every listing of the party (cross-list links included)
    datasets: tuple[str, ...]
    #: the first id of its cluster: two listings of one party share it
    cluster: str
    is_person: bool
    #: countries and nationalities (lower-case ISO codes)
    countries: tuple[str, ...]
    #: the first birth date (persons), to tell two listings of one person
    birth: str = ""
    #: how much the lists say about the party (names and positions): the better-known of
    #: two listed persons with one surname is the one a bare "President X" means
    weight: int = 0
    #: every name of the listing (name, aliases, previous and weak names, abbreviations), what
    #: the matching engine compares a mention with (empty in caches written before it was kept:
    #: the caption stands in)
    names: tuple[str, ...] = ()

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # constructor arguments pickle and load several times faster than slot state
        return (EntityInfo, (self.id, self.caption, self.schema, self.datasets, self.cluster,
                             self.is_person, self.countries, self.birth, self.weight,
                             self.names))


@dataclass
class Gazetteer:
    """Listed names as token-key patterns plus the indexes the linker reads."""

    entities: list[EntityInfo]
    #: pattern strings (token keys joined by spaces)
    patterns: list[str]
    #: per pattern its best (entity index << 3 | kind); flat ints load fast from a cache
    best_refs: list[int]
    #: patterns of several entities: pattern index -> every (entity index, kind), best first
    more_refs: dict[int, tuple[tuple[int, int], ...]]
    #: person entity index -> name variants as token-key tuples (each name, both orders)
    person_names: dict[int, tuple[tuple[str, ...], ...]]
    #: rare person-name token -> person entity indexes
    anchors: dict[str, tuple[int, ...]]
    #: a rare token with one character deleted (and the token itself) -> rare tokens
    fuzzy: dict[str, tuple[str, ...]]
    #: how many listed persons' names hold a token
    person_df: dict[str, int]
    #: how many organisation name forms hold a token ("bank": hundreds, "komid": one)
    org_df: dict[str, int]
    #: Korean name keys (tuple of syllable keys) -> person entity indexes
    korean: dict[tuple[str, ...], tuple[int, ...]]
    #: a long one-word organisation name with one character deleted (and itself) -> names
    words: dict[str, tuple[str, ...]]
    #: a romanisation key of a name word (every language's convention) -> the name words
    roman: dict[str, tuple[str, ...]]
    #: what a pickled gazetteer holds (see :data:`GAZETTEER_SHAPE`)
    shape: int = GAZETTEER_SHAPE
    _automaton: Any = field(default=None, repr=False)
    #: entity index -> the listing prepared for the matching engine, each prepared once
    _prepared: dict[int, PreparedEntity] = field(default_factory=dict, repr=False)

    @property
    def automaton(self) -> Any:
        if self._automaton is None:
            # padded with spaces, so every match starts and ends at a token boundary
            self._automaton = ahocorasick_rs.AhoCorasick(
                [f" {p} " for p in self.patterns], matchkind=ahocorasick_rs.MATCHKIND_STANDARD
            )
        return self._automaton

    def refs(self, pattern: int) -> tuple[tuple[int, int], ...]:
        """(entity index, kind) of every entity a pattern names, strongest kind first."""
        more = self.more_refs.get(pattern)
        if more is not None:
            return more
        code = self.best_refs[pattern]
        return ((code >> 3, code & 7),)

    def prepared(self, index: int) -> PreparedEntity:
        """The listed entity at ``index`` prepared for :mod:`sanctionwatch.match` (its schema
        and names: all a comparison with a name read from a text can use), prepared once."""
        found = self._prepared.get(index)
        if found is None:
            info = self.entities[index]
            entity = Entity(info.id, info.schema, {"name": info.names or (info.caption,)},
                            info.datasets)
            found = self._prepared[index] = prepare(entity)
        return found

    def __getstate__(self) -> dict[str, Any]:
        state = {k: getattr(self, k) for k in self.__dataclass_fields__
                 if k not in ("_automaton", "_prepared")}
        state["_automaton"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        if state.get("shape") != GAZETTEER_SHAPE:
            # a cache written by an older build (no listed names for the engine): refuse it,
            # so the caller rebuilds it rather than scoring mentions against captions alone
            raise ValueError(f"gazetteer of shape {state.get('shape')}, not {GAZETTEER_SHAPE}")
        self._prepared = {}
        for key, value in state.items():
            setattr(self, key, value)


def build_gazetteer(collection: Collection) -> Gazetteer:
    """Index every name of every listed party (persons, organisations, vessels)."""
    entities: list[EntityInfo] = []
    by_pattern: dict[str, dict[int, int]] = defaultdict(dict)
    person_names: dict[int, tuple[tuple[str, ...], ...]] = {}
    surnames: dict[int, set[str]] = {}
    #: "linkedTo" names: relatives and agents point at the principal
    linked = Counter(e.extra.get("linkedTo") for e in collection if e.extra.get("linkedTo"))
    for entity in collection:
        if not any(is_a(entity.schema, parent) for parent in _PARTIES):
            continue
        index = len(entities)
        entities.append(_info(entity, collection, 3 * linked.get(entity.caption, 0)))
        variants: list[tuple[str, ...]] = []
        for kind, keys in name_variants(entity):
            pattern = " ".join(keys)
            if _is_usable(entity, kind, keys):
                previous = by_pattern[pattern].get(index, 99)
                by_pattern[pattern][index] = min(previous, kind)
            if entities[index].is_person and len(keys) >= 2 and keys not in variants:
                variants.append(keys)
        if variants:
            person_names[index] = tuple(variants)
            surnames[index] = _surnames(entity)
    person_df = _person_df(person_names)
    anchors = _anchor_index(surnames, person_df)
    patterns = sorted(by_pattern)
    entities = _merge_parties(entities)
    refs = [tuple(sorted(by_pattern[p].items(), key=lambda r: r[1])) for p in patterns]
    return Gazetteer(
        entities=entities,
        patterns=patterns,
        best_refs=[(r[0][0] << 3) | r[0][1] for r in refs],
        more_refs={i: r for i, r in enumerate(refs) if len(r) > 1},
        person_names=person_names,
        anchors=anchors,
        fuzzy=_fuzzy_index(anchors),
        person_df=dict(person_df),
        org_df=_org_df(patterns, by_pattern, entities),
        korean=_korean_index(entities, person_names),
        words=_fuzzy_index(p for p in patterns if " " not in p and len(p) >= 8
                           and p.isalpha() and p.isascii()),
        roman=roman_index(k for p in patterns for k in p.split()),
    )


def _info(entity: Entity, collection: Collection, weight: int = 0) -> EntityInfo:
    cluster = collection.cluster(entity.id)
    countries = (entity.get("nationality") + entity.get("country") + entity.get("citizenship")
                 + entity.get("flag") + entity.get("jurisdiction"))
    return EntityInfo(
        id=entity.id,
        caption=entity.caption,
        schema=entity.schema,
        datasets=collection.cluster_datasets(entity.id) or entity.datasets,
        cluster=min(cluster),
        is_person=is_a(entity.schema, "Person"),
        countries=tuple(sorted(set(countries))),
        birth=entity.first("birthDate") or "",
        weight=weight + len(entity.names()) + 2 * len(entity.get("position")),
        names=entity.names(),
    )


def name_variants(entity: Entity) -> Iterable[tuple[int, tuple[str, ...]]]:
    """(kind, token keys) of every form of every name of an entity; an organisation's head
    words in the English form every language's is read as (see
    :mod:`sanctionwatch.text.wordforms`), also put first ("group wagner")."""
    is_person = is_a(entity.schema, "Person")
    heads = default_context_words().heads
    for prop in ("name", "alias", "previousName", "weakAlias", "abbreviation"):
        kind = _KIND[prop]
        for value in entity.get(prop):
            value = value.strip().strip("\"'")
            if is_person:
                surnames = tuple(k for v in entity.get("lastName") for k in token_keys(v))
                yield from ((kind, keys) for keys in person_forms(value, surnames))
                continue
            keys = tuple(heads.get(k, k) for k in token_keys(value))
            if not keys:
                continue
            is_acronym = len(keys) == 1 and value.isupper() and len(value) <= 8
            yield (ACRONYM if is_acronym else kind), keys
            if len(keys) >= 2 and keys[-1] in FRONTED_HEADS:
                yield kind, (keys[-1], *keys[:-1])  # "le groupe Wagner", "Grupa Wagnera"
            trimmed = _drop_legal_forms(keys)
            if trimmed != keys and (len(trimmed) >= 2 or (trimmed and len(trimmed[0]) >= 6)):
                yield kind, trimmed  # "Sovcomflot" for "JOINT STOCK COMPANY SOVCOMFLOT"
            for part in _parenthesised(value):
                if _is_initialism(part[0], keys):
                    yield INNER_ACRONYM, part  # "(IRGC)" in "... GUARD CORPS (IRGC)-QODS FORCE"


def person_forms(value: str, surname_keys: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """A person's name as token keys in the orders the press writes it.

    ``SHOIGU, Sergei Kuzhugetovich`` gives ``sergei kuzhugetovich shoigu``, ``sergei shoigu``
    (no patronymic), ``shoigu sergei kuzhugetovich`` and ``shoigu sergei``; ``KIM, Jong Un``
    gives ``jong un kim`` and ``kim jong un`` (no part of a given name is ever dropped).
    """
    if "," in value:
        last, _, first = value.partition(",")
        surname, given = token_keys(last), token_keys(first)
    else:
        keys = token_keys(value)
        if len(keys) < 2:
            return [tuple(keys)] if keys else []
        size = len(surname_keys)
        if size and size < len(keys) and tuple(keys[:size]) == surname_keys:
            surname, given = keys[:size], keys[size:]  # family name first ("YUN HO-JIN")
        else:
            surname, given = keys[-1:], keys[:-1]
    if not surname:
        return [tuple(given)] if given else []
    forms = [tuple(given + surname), tuple(surname + given)]
    plain = [k for k in given if not k.endswith(_PATRONYMICS)]
    if plain and len(plain) < len(given):
        forms += [(*plain, *surname), (*surname, *plain)]
    return list(dict.fromkeys(f for f in forms if f))


def _surnames(entity: Entity) -> set[str]:
    """The family-name tokens of a person (its lastName, else the part before a comma or the
    last word of each name)."""
    out = {k for v in entity.get("lastName") for k in token_keys(v)}
    for value in entity.names():
        keys = token_keys(value.partition(",")[0] if "," in value else value)
        if keys and (not out or "," in value):
            out.add(keys[-1] if "," not in value else keys[0])
            if "," in value:
                out.update(keys)
    return out


def _drop_legal_forms(keys: tuple[str, ...]) -> tuple[str, ...]:
    out = list(keys)
    while out and out[-1] in LEGAL_FORMS:
        out.pop()
    lead = 0
    while lead < len(out) and (out[lead] in LEGAL_FORMS or out[lead] in LEADING_FORMS):
        lead += 1
    if lead and {"company", "enterprise", "partnership"} & set(out[:lead]):
        out = out[lead:]  # only a whole leading form ("joint stock company"), not "open"
    return tuple(out)


def _parenthesised(value: str) -> Iterable[tuple[str, ...]]:
    start = value.find("(")
    while start >= 0:
        end = value.find(")", start)
        if end < 0:
            return
        inner = value[start + 1 : end].strip()
        if inner.isupper() and " " not in inner and 3 <= len(inner) <= 8:
            yield tuple(token_keys(inner))
        start = value.find("(", end)


def _is_initialism(acronym: str, keys: tuple[str, ...]) -> bool:
    """Whether the letters of an acronym are initials of the name's words, in order."""
    initials = iter(k[0] for k in keys if k != acronym)
    return len(acronym) >= 2 and all(letter in initials for letter in acronym)


def _is_usable(entity: Entity, kind: int, keys: tuple[str, ...]) -> bool:
    """Whether a name form may be searched for as a whole in free text."""
    if not keys or not any(k.isalpha() or not k.isascii() for k in keys):
        return False
    if len(keys) == 1:
        key = keys[0]
        # a lone person name ("Lotus", "Terminator") is never enough; organisations only
        # by acronym or a distinctive single word, checked again in context by the linker
        if is_a(entity.schema, "Person") or is_a(entity.schema, "Vessel"):
            return False
        return len(key) >= 3 and (key.isascii() or len(key) >= 2)
    return not (is_a(entity.schema, "Vessel") and len("".join(keys)) < 8)


def _person_df(person_names: dict[int, tuple[tuple[str, ...], ...]]) -> Counter[str]:
    df: Counter[str] = Counter()
    for variants in person_names.values():
        df.update({k for keys in variants for k in keys})
    return df


def _anchor_index(surnames: dict[int, set[str]], person_df: Counter[str]
                  ) -> dict[str, tuple[int, ...]]:
    """Rare surnames (borne by few listed persons) -> the persons bearing them."""
    anchors: dict[str, set[int]] = defaultdict(set)
    for index, family in surnames.items():
        for key in family:
            if len(key) >= 4 and person_df[key] <= RARE_PERSON_TOKEN and key.isalpha():
                anchors[key].add(index)
    return {k: tuple(sorted(v)) for k, v in anchors.items()}


def _org_df(patterns: list[str], by_pattern: dict[str, dict[int, int]],
            entities: list[EntityInfo]) -> dict[str, int]:
    df: Counter[str] = Counter()
    for pattern in patterns:
        if not all(entities[e].is_person for e in by_pattern[pattern]):
            df.update(set(pattern.split()))
    return dict(df)


def _fuzzy_index(words: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Each word of length >= 5, and each of its one-deletion variants -> the words."""
    index: dict[str, set[str]] = defaultdict(set)
    for token in words:
        if len(token) < 5:
            continue
        index[token].add(token)
        for i in range(len(token)):
            index[token[:i] + token[i + 1 :]].add(token)
    return {k: tuple(sorted(v)) for k, v in index.items()}


def _korean_index(
    entities: list[EntityInfo], person_names: dict[int, tuple[tuple[str, ...], ...]]
) -> dict[tuple[str, ...], tuple[int, ...]]:
    index: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for i, variants in person_names.items():
        if not {"kp", "kr"} & set(entities[i].countries):
            continue
        for keys in variants:
            if 2 <= len(keys) <= 4 and all(k.isascii() for k in keys):
                parts = [korean_key(k) for k in keys]
                skeleton = tuple(p for p in parts if p)
                if len(skeleton) == len(parts):
                    index[skeleton].add(i)
    return {k: tuple(sorted(v)) for k, v in index.items()}


def _merge_parties(entities: list[EntityInfo]) -> list[EntityInfo]:
    """Give listings of one party one cluster key, also where the lists' links missed it:
    organisations with the same name, persons with the same name and birth date."""
    first: dict[tuple[object, ...], str] = {}
    out: list[EntityInfo] = []
    for info in entities:
        key = (info.is_person, " ".join(token_keys(info.caption)), info.birth if info.is_person
               else "")
        if info.is_person and not info.birth:
            out.append(info)
            continue
        cluster = first.setdefault(key, info.cluster)
        out.append(replace(info, cluster=min(cluster, info.cluster)) if cluster != info.cluster
                   else info)
    return out
