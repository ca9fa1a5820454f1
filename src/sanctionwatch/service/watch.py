"""The service watches the lists on its own: a new version is loaded, swapped in and monitored.

``sanctionwatch lists update`` swaps new list versions into the data directory; every process
of the service notices (:class:`ListWatcher` polls every ``reload_seconds``, and
``POST /lists/reload`` checks at once), loads the new index in the background while requests
are served by the old one, swaps it in (:meth:`IndexHolder.reload`), and diffs the old and the
new collection. Then it re-screens the stored subjects against the change, in-process, as the
store user ``monitor`` (:func:`~sanctionwatch.monitor.monitor_version`): with several workers
every one of them reloads, but the version is claimed in the store first, so exactly one
monitors it. The last reload's outcome is kept for ``GET /lists``; the monitoring runs are in
the store, for every worker to show.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from sanctionwatch.exc import Conflict
from sanctionwatch.monitor import monitor_version, screen_in_process
from sanctionwatch.service.state import IndexHolder, ListChange, ServiceConfig
from sanctionwatch.sources.diff import diff_collections
from sanctionwatch.store import MonitorRun, Store
from sanctionwatch.store.screening import screening_config

log = logging.getLogger(__name__)

UNCHANGED, RELOADED, FAILED = "unchanged", "reloaded", "failed"
#: the file under ``ServiceConfig.monitor_dir`` keeping the subjects' blocking keys
KEYS_FILE = "subject-keys.pkl"


@dataclass(frozen=True, slots=True)
class ReloadOutcome:
    """One look for a new list version: ``unchanged``, ``reloaded`` or ``failed``."""

    status: str
    #: the version serving requests after the look
    version: str | None
    #: the version it replaced (reloaded only)
    previous: str | None
    at: datetime
    seconds: float
    #: added / removed / changed / unchanged entities (reloaded only)
    changes: dict[str, int] | None = None
    #: this process's monitoring run of the new version (None: another process claimed it)
    monitor: MonitorRun | None = None
    #: why loading the new version, or monitoring it, failed
    error: str | None = None


class ListWatcher:
    """Looks for a new list version now (:meth:`check`) or every few seconds (:meth:`start`)."""

    def __init__(self, holder: IndexHolder, store: Store, config: ServiceConfig) -> None:
        self.holder = holder
        self.store = store
        self.config = config
        #: who claims monitoring runs: this process
        self.runner = f"{socket.gethostname()}:{os.getpid()}"
        #: the last look that reloaded or failed (unchanged ones are not kept)
        self.last: ReloadOutcome | None = None
        self.checked_at: datetime | None = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def check(self) -> ReloadOutcome:
        """Reload and monitor when a new list version is current; one look at a time.
        Conflict when the service was given fixed lists."""
        if not self.holder.is_watching:
            raise Conflict("the service runs over lists it was given: nothing to reload")
        with self._lock:
            started = time.perf_counter()
            self.checked_at = at = datetime.now(UTC)
            try:
                change = self.holder.reload()
            except Exception as exc:  # a version that cannot be used: keep serving the old one
                log.exception("lists: loading the new version failed")
                outcome = ReloadOutcome(FAILED, self.holder.version, None, at,
                                        _since(started), error=f"{type(exc).__name__}: {exc}")
            else:
                if change is None:
                    return ReloadOutcome(UNCHANGED, self.holder.version, None, at,
                                         _since(started))
                outcome = self._monitor(change, at, started)
            self.last = outcome
            return outcome

    def _monitor(self, change: ListChange, at: datetime, started: float) -> ReloadOutcome:
        diff = diff_collections(change.old.collection, change.new.collection)
        log.info("lists: version %s swapped in (was %s): %s", change.version, change.previous,
                 diff.counts())
        cfg = self.config
        keys = cfg.monitor_dir / KEYS_FILE if cfg.monitor_dir is not None else None
        try:
            run = monitor_version(self.store, change.version, change.previous, diff,
                                  change.new, screen_in_process,
                                  config=screening_config(cfg.threshold, cfg.algorithm),
                                  runner=self.runner, keys_path=keys)
        except Exception as exc:  # recorded on the run; the new lists stay in service
            log.exception("lists: monitoring version %s failed", change.version)
            return ReloadOutcome(RELOADED, change.version, change.previous, at, _since(started),
                                 diff.counts(), error=f"monitoring failed: {exc}")
        if run is None:
            log.info("lists: version %s is monitored by another process", change.version)
        else:
            log.info("lists: monitored version %s: %s", change.version, run.report)
        return ReloadOutcome(RELOADED, change.version, change.previous, at, _since(started),
                             diff.counts(), run)

    def start(self) -> None:
        """Look every ``reload_seconds`` in a background thread (off at 0, or over fixed lists)."""
        if self.config.reload_seconds <= 0 or not self.holder.is_watching or self._thread:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._poll, name="sanctionwatch-lists",
                                        daemon=True)
        self._thread.start()

    def _poll(self) -> None:
        while not self._stop.wait(self.config.reload_seconds):
            self.check()

    def stop(self, wait: float = 10.0) -> None:
        """Stop looking; waits up to ``wait`` seconds for a look under way."""
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(wait)


def _since(started: float) -> float:
    return round(time.perf_counter() - started, 3)
