"""What commands share: the settings, the loaded index, and the consoles."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from rich.console import Console

from sanctionwatch.settings import Settings, get_settings

if TYPE_CHECKING:
    from sanctionwatch.index import Index

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False)


@lru_cache(maxsize=1)
def settings() -> Settings:
    return get_settings()


@lru_cache(maxsize=1)
def index() -> Index:
    """The screening index over the current lists (built once, then read from the cache)."""
    from sanctionwatch.sources.fetch import ListStore
    from sanctionwatch.sources.snapshot import load_index

    cfg = settings()
    return load_index(ListStore(cfg.home, cfg.data_dir).data_dir(), cfg.cache_dir)
