"""What the app holds: the screening index (given, or loaded in the background), the store,
and the service configuration. Routers reach it through :func:`get_state`."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request

from sanctionwatch.model import Collection
from sanctionwatch.service.errors import IndexNotReady
from sanctionwatch.store import Store
from sanctionwatch.text import TextScreener

if TYPE_CHECKING:
    from sanctionwatch.index import Index

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


class IndexHolder:
    """The index, or a loader run once in a background thread; ``get`` raises until ready."""

    def __init__(self, source: Index | Callable[[], Index]) -> None:
        self._index: Index | None = None
        self._loader: Callable[[], Index] | None = None
        self._error: Exception | None = None
        self._text: TextScreener | None = None
        self._lock = threading.Lock()
        if callable(source):
            self._loader = source
        else:
            self._index = source

    def start(self) -> None:
        """Begin loading in the background (no-op when the index was given or is loading)."""
        with self._lock:
            loader, self._loader = self._loader, None
        if loader is not None:
            threading.Thread(target=self._load, args=(loader,), daemon=True).start()

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


@dataclass(frozen=True, slots=True)
class ServiceState:
    index: IndexHolder
    store: Store
    config: ServiceConfig


async def get_state(request: Request) -> ServiceState:
    state: ServiceState = request.app.state.sanctionwatch
    return state


#: the app's state, as a route parameter
StateDep = Annotated[ServiceState, Depends(get_state)]
