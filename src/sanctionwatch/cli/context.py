"""What commands share: the settings, the loaded index, and the consoles."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from rich.console import Console

from sanctionwatch.settings import Settings, get_settings

if TYPE_CHECKING:
    from pathlib import Path

    from sanctionwatch.index import Index
    from sanctionwatch.sources.snapshot import LoadPolicy

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False)


@lru_cache(maxsize=1)
def settings() -> Settings:
    return get_settings()


def list_dir() -> Path:
    """The directory the current lists are read from (updated ones, else the bundled)."""
    from sanctionwatch.sources.fetch import ListStore

    cfg = settings()
    return ListStore(cfg.home, cfg.data_dir).data_dir()


def load_policy(allow_drop: bool = False, cfg: Settings | None = None) -> LoadPolicy:
    """The sources to load (settings) and the record of the last good loads under home."""
    from sanctionwatch.sources.snapshot import LoadPolicy

    cfg = cfg or settings()
    return LoadPolicy(sources=cfg.source_names, history=cfg.load_history, allow_drop=allow_drop)


@lru_cache(maxsize=1)
def index(allow_drop: bool = False) -> Index:
    """The screening index over the current lists (built once, then read from the cache):
    every source complete, none far smaller than its last good load unless ``allow_drop``."""
    from sanctionwatch.sources.snapshot import load_index

    return load_index(list_dir(), settings().cache_dir, load_policy(allow_drop))
