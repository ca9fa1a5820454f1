"""Subject keys: which stored subjects a list change could possibly match, found without
preparing every subject's names again.

Preparing a name (normalising, transliterating) is most of what screening one subject costs,
and subjects rarely change between list updates. :class:`SubjectKeys` keeps, per subject and
per strong token of each of its name forms (a *slot*), the token and a hash of every key its
screening could look up for it in an index: the token's keys (itself, phonetic, Korean,
skeleton), its typo neighbourhood (one and, for long tokens, two deletions) and the token
joined with the next one; plus a slot for the name's initials and one for its identifiers.

:meth:`SubjectKeys.candidates` mirrors the bound of ``Index.search``: a name becomes a
candidate only when the query tokens that hit it carry at least ``min_share`` of the query's
token weight (each token weighed by its rarity in the whole list). A subject whose slots that
share a key with the change's small index cannot carry that share -- one common syllable of
three, Kim of "Kim Min Su" -- cannot get one of its entities as a candidate, so it is not
screened; a shared initialism or identifier always is. The weights are reckoned at each
change from the list as it is then; hash collisions only add candidates, never drop one. Kept
between runs (``save``/``load``); ``refresh`` re-keys only new or edited subjects.
"""

from __future__ import annotations

import os
import pickle
import zlib
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from sanctionwatch.index import Index
from sanctionwatch.index.core import typo_quality
from sanctionwatch.index.keys import (
    MIN_FUZZY_LENGTH,
    SKELETON,
    deletions2,
    token_keys,
)
from sanctionwatch.match import prepare
from sanctionwatch.model import Entity
from sanctionwatch.names import SKELETON_SCRIPTS
from sanctionwatch.names.forms import deletions
from sanctionwatch.screen import ABSOLUTE_FLOOR
from sanctionwatch.sources.diff import content_hash

#: identifiers live in their own key space (an id never meets a name token)
_ID = "\x00id:"
#: the token of the slots that qualify a subject whenever hit: its identifiers, its initials
_ALWAYS = "\x00"
#: tokens this long or longer also get their two-deletion neighbourhood (as the index does)
_LONG = 7
#: the share of its weight a subject's hit slots must carry, a little under the search's
#: floor: the weights of tokens unknown to the list are estimated
MIN_SHARE = ABSOLUTE_FLOOR * 0.9

#: a subject's forms are numbered within this many bits
_FORM_BITS = 20
#: what a joined pair is worth in the search (%)
_JOINED = 95
#: the quality code of a typo-neighbourhood key: worth 0.95 x the similarity of the two tokens
_TYPO = 1
#: one subject's slots: (form number, token, key hash -> the best quality of a hit on it, %)
Slot = tuple[int, str, dict[int, int]]


def _hash(key: str) -> int:
    return zlib.crc32(key.encode("utf-8"))


def subject_slots(entity: Entity) -> list[Slot]:
    """Per strong token of each name form (the tokens ``Index.search`` looks up), every key
    screening could look up for it in any index; skeletons only for the scripts that use them.
    A joined pair counts for its first token, as in the search."""
    prepared = prepare(entity)
    slots: list[Slot] = []
    for number, form in enumerate(prepared.forms):
        strong = [i for i, weak in enumerate(form.weak) if not weak] or list(
            range(len(form.tokens)))
        use_skeleton = form.script in SKELETON_SCRIPTS
        for pos, i in enumerate(strong):
            token = form.tokens[i]
            near = set(deletions(token)) if len(token) >= MIN_FUZZY_LENGTH else set()
            if len(token) >= _LONG:
                near.update(deletions2(token))
            keys = {_hash(k): _TYPO for k in near}
            if pos + 1 < len(strong):
                keys[_hash(token + form.tokens[strong[pos + 1]])] = _JOINED
            for key, quality in token_keys(form, i):
                if use_skeleton or key[0] != SKELETON:
                    digest = _hash(key)
                    keys[digest] = max(keys.get(digest, 0), round(quality * 100))
            slots.append((number, token, keys))
        if len(form.tokens) > 1 and len(form.acronym) >= 3:
            slots.append((number, _ALWAYS, {_hash(form.acronym): 100}))
    if prepared.ids:
        slots.append((-1, _ALWAYS, {_hash(_ID + norm): 100 for _, norm, _ in prepared.ids}))
    return slots


def _ranges(starts: npt.NDArray[np.int64], lengths: npt.NDArray[np.int64]
            ) -> npt.NDArray[np.int64]:
    """The ranges starts[i] .. starts[i] + lengths[i], one after the other."""
    return np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(lengths.sum())


@dataclass(frozen=True, slots=True)
class IndexKeys:
    """Every key an index answers to, as rows sorted by hash: its postings, its typo
    neighbourhood (a one-deletion variant -> the names of the tokens it comes from) and its
    identifiers (name -1: an identifier decides on its own); each row with the listed token
    it reaches (an index into ``tokens``), for typo hits to be weighed by similarity."""

    hashes: npt.NDArray[np.uint32]
    names: npt.NDArray[np.int64]
    token: npt.NDArray[np.int64]
    #: whether the row is a typo-neighbourhood one (a hit there is a typo hit, however close)
    is_typo: npt.NDArray[np.bool_]
    tokens: list[str]

    @classmethod
    def of(cls, index: Index) -> IndexKeys:
        rows: set[tuple[int, int, int, int]] = set()
        tokens: dict[str, int] = {}
        for key in index.postings:
            digest, word = _hash(key), tokens.setdefault(key, len(tokens))
            rows.update((digest, name, word, 0) for name in index.posting(key))
        for variant, listed in index.neighbours.items():
            digest = _hash(variant)
            for t in listed.split():
                word = tokens.setdefault(t, len(tokens))
                rows.update((digest, name, word, 1) for name in index.posting(t))
        rows.update((_hash(_ID + k), -1, -1, 0) for k in index.identifiers)
        table = np.array(sorted(rows), dtype=np.int64).reshape(-1, 4)
        return cls(table[:, 0].astype(np.uint32), table[:, 1], table[:, 2],
                   table[:, 3].astype(np.bool_), list(tokens))


@dataclass(slots=True)
class SubjectKeys:
    """Per subject (in order): its key and content hash, its slots and their key hashes, all
    stored flat (compact: a million subjects take some 200 MB)."""

    subjects: list[str]
    hashes: list[str]
    #: slot s's key hashes are flat[key_offsets[s]:key_offsets[s + 1]]
    key_offsets: array[int]
    flat: array[int]
    #: the best quality of a hit on each key (percent)
    flat_quality: array[int]
    #: subject i's slots are slot_offsets[i]:slot_offsets[i + 1]; each slot's token (as an
    #: index into vocabulary) and its form number (+1: identifiers are form 0)
    slot_offsets: array[int]
    slot_token: array[int]
    slot_form: array[int]
    vocabulary: list[str]

    @classmethod
    def build(cls, subjects: Iterable[tuple[str, Entity]],
              previous: SubjectKeys | None = None) -> SubjectKeys:
        """Key every subject, reusing ``previous`` for those whose content is unchanged."""
        known: dict[str, tuple[str, int]] = {}
        if previous is not None:
            known = {s: (h, i) for i, (s, h) in enumerate(zip(previous.subjects,
                                                               previous.hashes, strict=True))}
        out = cls([], [], array("Q", [0]), array("I"), array("B"), array("Q", [0]),
                  array("I"), array("I"), [])
        words: dict[str, int] = {}
        for key, entity in subjects:
            digest = content_hash(entity)
            seen = known.get(key)
            if seen is not None and seen[0] == digest and previous is not None:
                out._append(previous._slots(seen[1]), words)
            else:
                out._append(subject_slots(entity), words)
            out.subjects.append(key)
            out.hashes.append(digest)
        return out

    def _append(self, slots: Sequence[Slot], words: dict[str, int]) -> None:
        for number, token, keys in slots:
            word = words.setdefault(token, len(words))
            if word == len(self.vocabulary):
                self.vocabulary.append(token)
            self.slot_token.append(word)
            self.slot_form.append(number + 1)
            ordered = sorted(keys.items())
            self.flat.extend(k for k, _ in ordered)
            self.flat_quality.extend(q for _, q in ordered)
            self.key_offsets.append(len(self.flat))
        self.slot_offsets.append(len(self.slot_token))

    def _slots(self, i: int) -> list[Slot]:
        """Subject i's slots as :func:`subject_slots` gave them."""
        return [(self.slot_form[s] - 1, self.vocabulary[self.slot_token[s]],
                 {self.flat[at]: self.flat_quality[at]
                  for at in range(self.key_offsets[s], self.key_offsets[s + 1])})
                for s in range(self.slot_offsets[i], self.slot_offsets[i + 1])]

    def __len__(self) -> int:
        return len(self.subjects)

    def candidates(self, index: Index, min_share: float = MIN_SHARE) -> list[str]:
        """The subjects, in order, that could get an entity of a (small) index as a candidate:
        those with a name form whose slots sharing a key with one listed name carry
        ``min_share`` of the form's token weight (weighed as ``index`` weighs tokens: by their
        rarity in the whole list, when it borrows that), or that share an identifier or their
        initials with it."""
        keyed = IndexKeys.of(index)
        if not len(keyed.hashes) or not self.flat:
            return []
        hit_slots, hit_names, quality = self._hits(keyed)
        slot_offsets = np.frombuffer(self.slot_offsets, dtype=np.uint64).astype(np.int64)
        touched = np.unique(np.searchsorted(slot_offsets, hit_slots, side="right") - 1)
        # every slot of the subjects touched: their weights make up each form's total
        lengths = slot_offsets[touched + 1] - slot_offsets[touched]
        slots = _ranges(slot_offsets[touched], lengths)
        forms = np.frombuffer(self.slot_form, dtype=np.uint32)[slots]
        groups, group_of = np.unique((np.repeat(touched, lengths) << _FORM_BITS) + forms,
                                     return_inverse=True)
        weights = self._weights(index, slots)
        total = np.bincount(group_of, weights=np.where(np.isinf(weights), 0.0, weights))
        # per (slot, name) once, at its best quality: a slot's weight counts towards each
        # name it hits, as far as the hit goes
        best = np.argsort(-quality, kind="stable")
        _, first = np.unique(np.stack([hit_slots[best], hit_names[best]]), axis=1,
                             return_index=True)
        pick = best[first]
        where = np.searchsorted(slots, hit_slots[pick])
        pairs, pair_of = np.unique(np.stack([group_of[where], hit_names[pick]]), axis=1,
                                   return_inverse=True)
        share = quality[pick] / 100.0
        credit = np.zeros(len(pick))
        is_hit = share > 0  # (an identifier's weight is inf: never multiply it by 0)
        credit[is_hit] = weights[where][is_hit] * share[is_hit]
        found = np.bincount(pair_of.ravel(), weights=credit)
        pair_group = pairs[0]
        chosen = np.unique(groups[pair_group[found >= min_share * total[pair_group]]]
                           >> _FORM_BITS)
        return [self.subjects[i] for i in chosen]

    def _hits(self, keyed: IndexKeys) -> tuple[
            npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64]]:
        """Every (slot, listed name) a key of the subjects reaches, and the hit's quality (%)."""
        import pyarrow as pa
        import pyarrow.compute as pc

        flat = np.frombuffer(self.flat, dtype=np.uint32)
        mask = pc.is_in(pa.array(flat), value_set=pa.array(np.unique(keyed.hashes)))
        positions = np.asarray(pc.indices_nonzero(mask)).astype(np.int64)
        low = np.searchsorted(keyed.hashes, flat[positions], side="left")
        counts = np.searchsorted(keyed.hashes, flat[positions], side="right") - low
        rows = _ranges(low, counts)
        key_offsets = np.frombuffer(self.key_offsets, dtype=np.uint64).astype(np.int64)
        slots = np.repeat(np.searchsorted(key_offsets, positions, side="right") - 1, counts)
        quality = np.repeat(np.frombuffer(self.flat_quality, dtype=np.uint8)[positions],
                            counts).astype(np.float64)
        typo = (quality == _TYPO) | keyed.is_typo[rows]
        quality[typo] = self._typo_quality(keyed, slots[typo], rows[typo])
        return slots, keyed.names[rows], quality

    def _typo_quality(self, keyed: IndexKeys, slots: npt.NDArray[np.int64],
                      rows: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        """The quality (%) of hits through the typo neighbourhood: the search's, from the
        similarity of the subject's token and the listed one (a shared deletion alone may be
        two edits apart)."""
        pairs = np.stack([np.frombuffer(self.slot_token, dtype=np.uint32)[slots].astype(
            np.int64), keyed.token[rows]])
        unique, inverse = np.unique(pairs, axis=1, return_inverse=True)
        table = np.array([100.0 * typo_quality(self.vocabulary[a], keyed.tokens[b])
                          for a, b in unique.T.tolist()], dtype=np.float64)
        return np.asarray(table[inverse.ravel()], dtype=np.float64)

    def _weights(self, index: Index, slots: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        """Each slot's token weight as the index's search would reckon it (inf: always)."""
        tokens = np.frombuffer(self.slot_token, dtype=np.uint32)[slots]
        words, inverse = np.unique(tokens, return_inverse=True)
        table = np.array([np.inf if self.vocabulary[w] == _ALWAYS
                          else index.token_weight(self.vocabulary[w]) for w in words])
        return np.asarray(table[inverse], dtype=np.float64)

    def save(self, path: Path) -> None:
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL))
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> SubjectKeys | None:
        """The saved keys, or None when absent or unreadable (then: build again)."""
        try:
            loaded = pickle.loads(path.read_bytes())
            if not isinstance(loaded, cls) or len(loaded.slot_offsets) != len(loaded) + 1:
                return None  # not ours, or from an older layout
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
            return None
        return loaded


def refresh(path: Path, subjects: Sequence[tuple[str, Entity]]) -> SubjectKeys:
    """The subject keys saved at path, brought up to date with subjects, and saved again."""
    keys = SubjectKeys.build(subjects, SubjectKeys.load(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    keys.save(path)
    return keys
