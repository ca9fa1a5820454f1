"""What the app holds: the screening index (given, or loaded in the background), the store,
the service configuration and the list watcher. Routers reach it through :func:`get_state`.

An :class:`IndexHolder` over a :class:`ListSource` (lists that get updated) knows which version
it loaded and swaps in a newer one on :meth:`IndexHolder.reload`: the new index is loaded while
requests go on being served by the old one, then replaces it in one assignment, so a request
sees one version or the other, never a mix. Both are in memory for the time of the swap.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Protocol, runtime_checkable

from fastapi import Depends, Request

from sanctionwatch.exc import Conflict
from sanctionwatch.model import Collection
from sanctionwatch.service.errors import IndexNotReady
from sanctionwatch.service.scoring import RequestLimits, ScoringPool
from sanctionwatch.store import Store
from sanctionwatch.text import TextScreener

if TYPE_CHECKING:
    from sanctionwatch.index import Index
    from sanctionwatch.service.watch import ListWatcher

log = logging.getLogger(__name__)

_SCREENERS: dict[int, tuple[Collection, TextScreener]] = {}
_SCREENERS_LOCK = threading.Lock()


def _text_screener(collection: Collection) -> TextScreener:
    """One text screener per loaded collection in the process (building one takes seconds)."""
    with _SCREENERS_LOCK:
        found = _SCREENERS.get(id(collection))
        if found is None or found[0] is not collection:
            if len(_SCREENERS) >= 2:
                _SCREENERS.clear()
            found = (collection, TextScreener.from_collection(collection))
            _SCREENERS[id(collection)] = found
        return found[1]


@dataclass(frozen=True, slots=True)
class ServiceConfig:
    """Service options (the CLI fills them from settings)."""

    #: whether /match, /search and /entities may be read without an API key
    open_reads: bool = False
    #: the largest request body accepted, in bytes
    max_body: int = 1_000_000
    title: str = "sanctionwatch"
    #: threshold and algorithm for screening subjects (None: the algorithm's own)
    threshold: float | None = None
    algorithm: str | None = None
    #: the share blocked owners must hold for a subject to be blocked by ownership
    ownership_threshold: float = 0.5
    #: seconds between two looks for a new list version (0: only ``POST /lists/reload``)
    reload_seconds: float = 0.0
    #: where monitoring keeps the subjects' blocking keys between list updates (None: not kept)
    monitor_dir: Path | None = None
    #: threads that score requests (per worker process), and requests that may wait for one
    #: (more get 503 at once): see service/scoring.py
    score_threads: int = 1
    score_queue: int = 32
    #: seconds a request's scoring may take, from when it is queued (then 503)
    score_seconds: float = 10.0
    #: per-request limits (413 past them): queries, values of one property, names in all
    limits: RequestLimits = field(default_factory=RequestLimits)


@runtime_checkable
class ListSource(Protocol):
    """Lists that get updated: the name of the current version (cheap: it is polled) and the
    index of a version (``sources.snapshot.ListVersions`` over the downloaded lists)."""

    def current(self) -> str: ...

    def load(self, version: str) -> Index: ...


@dataclass(frozen=True, slots=True)
class ListChange:
    """A reload that swapped in a new list version: the versions and indexes on each side."""

    previous: str | None
    version: str
    old: Index
    new: Index


class IndexHolder:
    """The index, or a loader run once in a background thread; ``get`` raises until ready.

    Over a :class:`ListSource`, the loaded version is known and :meth:`reload` swaps in a new
    one."""

    def __init__(self, source: Index | Callable[[], Index] | ListSource) -> None:
        self._index: Index | None = None
        self._loader: Callable[[], Index] | None = None
        self._source: ListSource | None = None
        self._version: str | None = None
        self._error: Exception | None = None
        self._text: TextScreener | None = None
        self._lock = threading.Lock()
        if isinstance(source, ListSource):
            self._source = source
            self._loader = self._load_current
        elif callable(source):
            self._loader = source
        else:
            self._index = source

    def start(self) -> None:
        """Begin loading in the background (no-op when the index was given or is loading)."""
        with self._lock:
            loader, self._loader = self._loader, None
        if loader is not None:
            threading.Thread(target=self._load, args=(loader,), daemon=True).start()

    def _load_current(self) -> Index:
        assert self._source is not None
        version = self._source.current()
        index = self._source.load(version)
        self._version = version
        return index

    def _load(self, loader: Callable[[], Index]) -> None:
        try:
            self._index = loader()
        except Exception as error:  # reported by get() and /readyz
            log.exception("loading the lists failed")
            self._error = error
            return
        try:  # warm the text screener too, so that the first /screen/text is quick
            self.text_screener()
        except Exception:  # the text endpoint reports it when called
            log.exception("building the text screener failed")

    def load_now(self) -> Index:
        """Load in this thread (for tests and single-shot tools)."""
        with self._lock:
            loader, self._loader = self._loader, None
        if loader is not None:
            self._load(loader)
        return self.get()

    @property
    def is_ready(self) -> bool:
        return self._index is not None

    @property
    def is_watching(self) -> bool:
        """Whether the lists may change under the service (loaded from a ListSource)."""
        return self._source is not None

    @property
    def version(self) -> str | None:
        """The name of the loaded list version (None: not known, or not loaded yet)."""
        return self._version

    def reload(self) -> ListChange | None:
        """Swap in the source's current version when it is not the loaded one: the change, or
        None when there is none. Loads in the calling thread meanwhile; a version that fails to
        load raises, and the loaded one stays. Retries a first load that failed (no change to
        report then: nothing was loaded before)."""
        source = self._source
        if source is None:
            raise Conflict("the service runs over lists it was given: nothing to reload")
        old = self._index
        if old is None:
            if self._error is not None:
                first = self._load_current()
                with self._lock:
                    self._index, self._error = first, None
            return None
        version = source.current()
        if version == self._version:
            return None
        new = source.load(version)
        text = _warm_text_screener(new.collection)
        with self._lock:
            previous = self._version
            self._index, self._text, self._version = new, text, version
        return ListChange(previous, version, old, new)

    def text_screener(self) -> TextScreener:
        """The text screener over the loaded lists, built on first use."""
        index = self.get()
        if self._text is None:
            with self._lock:
                if self._text is None:
                    self._text = _text_screener(index.collection)
        return self._text

    def get(self) -> Index:
        if self._index is not None:
            return self._index
        if self._error is not None:
            raise IndexNotReady(f"the lists could not be loaded: {self._error}")
        raise IndexNotReady("the lists are still loading; try again in a few seconds")


def _warm_text_screener(collection: Collection) -> TextScreener | None:
    """The text screener over new lists, built before they are swapped in (None: it failed,
    and the text endpoint reports it when called)."""
    try:
        return _text_screener(collection)
    except Exception:  # the lists themselves are fine: serve them
        log.exception("building the text screener failed")
        return None


@dataclass(frozen=True, slots=True)
class ServiceState:
    index: IndexHolder
    store: Store
    config: ServiceConfig
    watcher: ListWatcher
    pool: ScoringPool


async def get_state(request: Request) -> ServiceState:
    state: ServiceState = request.app.state.sanctionwatch
    return state


#: the app's state, as a route parameter
StateDep = Annotated[ServiceState, Depends(get_state)]
