"""Subject keys: which stored subjects a list change could possibly match, found without
preparing every subject's names again.

Preparing a name (normalising, transliterating) is most of what screening one subject costs,
and subjects rarely change between list updates. :class:`SubjectKeys` keeps, per subject, a hash
of every key its screening could look up in an index: each token's keys (itself, phonetic,
Korean, skeleton), its typo neighbourhood (one and, for long tokens, two deletions), joined
adjacent tokens, initials and identifiers. A subject whose keys miss every key of a (small)
index cannot get a single candidate from it; nor can one that shares only common keys with it
(Kim, Mohammad, Li) while it has a rare key of its own, since a search follows rare keys and
common ones only rank what those found (:meth:`SubjectKeys.candidates`). Screening only the
rest gives the hits of screening them all. Hash collisions only add candidates, never drop
one. Kept between runs (``save``/``load``); ``refresh`` re-keys only new or edited subjects.
"""

from __future__ import annotations

import os
import pickle
import zlib
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np
import numpy.typing as npt

from sanctionwatch.index import Index
from sanctionwatch.index.keys import (
    MIN_FUZZY_LENGTH,
    SKELETON,
    deletions,
    deletions2,
    token_keys,
)
from sanctionwatch.match import prepare
from sanctionwatch.model import Entity
from sanctionwatch.names import SKELETON_SCRIPTS
from sanctionwatch.sources.diff import content_hash

#: identifiers live in their own key space (an id never meets a name token)
_ID = "\x00id:"
#: tokens this long or longer also get their two-deletion neighbourhood (as the index does)
_LONG = 7


def _hash(key: str) -> int:
    return zlib.crc32(key.encode("utf-8"))


def subject_keys(entity: Entity) -> array[int]:
    """Sorted hashes of every key screening this subject could look up in any index (the
    keys of ``Index.search``: strong tokens, skeletons only for the scripts that use them)."""
    prepared = prepare(entity)
    keys: set[str] = set()
    for form in prepared.forms:
        strong = [i for i, weak in enumerate(form.weak) if not weak] or range(len(form.tokens))
        use_skeleton = form.script in SKELETON_SCRIPTS
        for i in strong:
            token = form.tokens[i]
            keys.update(k for k, _ in token_keys(form, i) if use_skeleton or k[0] != SKELETON)
            if len(token) >= MIN_FUZZY_LENGTH:
                keys.update(deletions(token))
            if len(token) >= _LONG:
                keys.update(deletions2(token))
        keys.update(form.tokens[a] + form.tokens[b] for a, b in pairwise(strong))
        if len(form.tokens) > 1 and len(form.acronym) >= 3:
            keys.add(form.acronym)
    keys.update(_ID + norm for _, norm, _ in prepared.ids)
    return array("I", sorted({_hash(k) for k in keys}))


def index_keys(index: Index) -> tuple[set[int], set[int]]:
    """Hashes of every key an index answers to (postings, typo neighbourhood, identifiers),
    split in two: the keys a search follows to new candidates, and the common ones (on more
    names than :data:`~sanctionwatch.index.core.COMMON_KEY` in the index the weights come
    from), which only rank candidates found otherwise."""
    rare: set[int] = set()
    common: set[int] = set()
    for key in index.postings:
        (common if index.is_common(key) else rare).add(_hash(key))
    for variant, tokens in index.neighbours.items():
        is_rare = any(not index.is_common(t) for t in tokens.split())
        (rare if is_rare else common).add(_hash(variant))
    rare.update(_hash(_ID + k) for k in index.identifiers)
    return rare, common


def _reference_rare(index: Index) -> set[int]:
    """Hashes of the rare keys of the index an index borrows its weights from (its own)."""
    counts = index.reference
    if counts is None:
        return index_keys(index)[0]
    return {_hash(k) for k, n in counts.items() if not index.is_common(k)} | {
        _hash(_ID + k) for k in index.identifiers}


@dataclass(slots=True)
class SubjectKeys:
    """Per subject (in order): its key, content hash and key hashes, stored flat."""

    subjects: list[str]
    hashes: list[str]
    #: subject i's key hashes are flat[offsets[i]:offsets[i + 1]]
    offsets: array[int]
    flat: array[int]

    @classmethod
    def build(cls, subjects: Iterable[tuple[str, Entity]],
              previous: SubjectKeys | None = None) -> SubjectKeys:
        """Key every subject, reusing ``previous`` for those whose content is unchanged."""
        known: dict[str, tuple[str, int]] = {}
        if previous is not None:
            known = {s: (h, i) for i, (s, h) in enumerate(zip(previous.subjects,
                                                               previous.hashes, strict=True))}
        out = cls([], [], array("Q", [0]), array("I"))
        for key, entity in subjects:
            digest = content_hash(entity)
            seen = known.get(key)
            if seen is not None and seen[0] == digest and previous is not None:
                start, end = previous.offsets[seen[1]], previous.offsets[seen[1] + 1]
                out.flat.extend(previous.flat[start:end])
            else:
                out.flat.extend(subject_keys(entity))
            out.subjects.append(key)
            out.hashes.append(digest)
            out.offsets.append(len(out.flat))
        return out

    def __len__(self) -> int:
        return len(self.subjects)

    def candidates(self, index: Index) -> list[str]:
        """The subjects, in order, that could get an entity of a (small) index as a candidate:
        those sharing with it a key a search follows (a rare one, or an identifier), and
        those sharing only common keys with it that have no rare key in the whole list at all
        (a search over nothing but common tokens takes every name that carries them). A
        subject with a rare key is searched by it, and the common ones only rank what it
        found: it cannot reach an entity it shares only common keys with."""
        rare, common = index_keys(index)
        if not self.flat or not (rare or common):
            return []
        chosen = self._sharing(rare)
        if common:
            only_common = self._sharing(common) & ~chosen
            if only_common.any():
                chosen |= only_common & ~self._sharing(_reference_rare(index))
        return [self.subjects[i] for i in np.flatnonzero(chosen)]

    def _sharing(self, wanted: set[int]) -> npt.NDArray[np.bool_]:
        """Per subject: whether any of its keys is in ``wanted``."""
        import pyarrow as pa
        import pyarrow.compute as pc

        out = np.zeros(len(self.subjects), dtype=np.bool_)
        if not wanted:
            return out
        flat = pa.Array.from_buffers(pa.uint32(), len(self.flat),
                                     [None, pa.py_buffer(self.flat)])
        mask = pc.is_in(flat, value_set=pa.array(sorted(wanted), type=pa.uint32()))
        positions = np.asarray(pc.indices_nonzero(mask))
        offsets = np.frombuffer(self.offsets, dtype=np.uint64)
        out[np.searchsorted(offsets, positions, side="right") - 1] = True
        return out

    def save(self, path: Path) -> None:
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL))
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> SubjectKeys | None:
        """The saved keys, or None when absent or unreadable (then: build again)."""
        try:
            loaded = pickle.loads(path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            return None
        return loaded if isinstance(loaded, cls) else None


def refresh(path: Path, subjects: Sequence[tuple[str, Entity]]) -> SubjectKeys:
    """The subject keys saved at path, brought up to date with subjects, and saved again."""
    keys = SubjectKeys.build(subjects, SubjectKeys.load(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    keys.save(path)
    return keys
