"""What commands share: the settings, the loaded index, and the consoles.

The first run (or the first after a list changes) parses the lists and builds the index; it
shows that on stderr as a progress bar, when stderr is a terminal.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from rich.console import Console

from sanctionwatch.settings import Settings, get_settings

if TYPE_CHECKING:
    from pathlib import Path

    from rich.progress import Progress, TaskID

    from sanctionwatch.index import Index
    from sanctionwatch.sources.snapshot import LoadPolicy

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False)

#: what the progress bar says while building the index, per stage (see snapshot.LoadProgress)
STAGES = {"parse": "parsing the lists", "index": "indexing their names",
          "cache": "writing the index cache"}


@lru_cache(maxsize=1)
def settings() -> Settings:
    return get_settings()


class BuildBar:
    """A rich progress bar on :data:`err`, fed by the index build's progress callback: one line
    per stage, the current one shown. It appears with the first call (a warm cache never calls
    it) and only on a terminal."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.progress: Progress | None = None
        self.task: TaskID | None = None
        self.stage = ""

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if not self.console.is_terminal:
            return
        if self.progress is None:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
            )

            self.progress = Progress(
                SpinnerColumn(), TextColumn("first run: {task.description}"), BarColumn(),
                MofNCompleteColumn(), TimeElapsedColumn(), console=self.console, transient=True)
            self.progress.start()
        if stage == self.stage and self.task is not None:
            self.progress.update(self.task, completed=done, total=total)
            return
        if self.task is not None:
            self.progress.update(self.task, visible=False)
        self.task = self.progress.add_task(STAGES.get(stage, stage), total=total, completed=done)
        self.stage = stage
        self.progress.refresh()

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()


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

    bar = BuildBar(err)
    try:
        return load_index(list_dir(), settings().cache_dir, load_policy(allow_drop), bar)
    finally:
        bar.close()
