"""Scoring off the event loop, within per-request limits and a time budget.

Screening is CPU-bound Python. Run on the event loop, one big request held every other
request of the worker, ``/healthz`` included, for as long as it took. So every endpoint that
scores (``/match``, ``/search``, ``/subjects`` and its re-screening, ``/screen/text``) hands its
work to a :class:`ScoringPool`: its threads (``ServiceConfig.score_threads``, one) and a bounded
queue in front of them (``score_queue``). The event loop only parses, routes and answers.

Why threads and not processes: the index lives in the worker's memory (hundreds of MB,
built once); a process pool would copy it or re-load it per process and could not follow a
list reload. Threads share it. They share the GIL too, but a thread holding it is made to
let go every switch interval, which the pool sets to 1 ms (:data:`SWITCH_INTERVAL`, Python's
default is 5 ms), so the event loop waits about a millisecond for its turn, not for a whole
request: /healthz p99 fell from 91-97 ms to 31-40 ms beside heavy /match bodies, with the same
scoring throughput (BENCHMARKS.md, "Heavy /match bodies"). Few threads
keep that wait short: scoring threads beyond the cores add no throughput, only turns to wait.
Processes serve the cores: ``serve --workers N``, one pool per worker.

What a caller can ask for is bounded before any work starts: :func:`check_limits` answers
413 naming the query and the limit (queries per request, values per property, names in
all). Work that cannot start because the queue is full answers 503 at once; work that runs
past its time budget (``score_seconds``, counted from when the request was queued) stops at
the next query and answers 503, both with ``Retry-After``.
"""

from __future__ import annotations

import asyncio
import sys
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

from sanctionwatch.model import Entity
from sanctionwatch.service.errors import Overloaded, RequestTooLarge
from sanctionwatch.service.schemas import MAX_QUERIES, MAX_VALUES

T = TypeVar("T")
#: how often a scoring thread holding the GIL is made to let the event loop run (seconds)
SWITCH_INTERVAL = 0.001


class Budget:
    """The time a request's scoring may take, from when it was queued."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.started = time.monotonic()

    def check(self, progress: str) -> None:
        """Overloaded (503) once the budget is spent; ``progress`` says how far it got."""
        spent = time.monotonic() - self.started
        if spent > self.seconds:
            raise Overloaded(f"the request ran out of its {self.seconds:g} s time budget "
                             f"({progress}); send fewer queries or names per request")


class ScoringPool:
    """A bounded thread pool for scoring, with a queue limit and a time budget per request."""

    def __init__(self, threads: int, queue: int, seconds: float) -> None:
        self.threads = threads
        self.limit = threads + queue
        self.seconds = seconds
        self._executor = ThreadPoolExecutor(threads, thread_name_prefix="sanctionwatch-score")
        sys.setswitchinterval(SWITCH_INTERVAL)
        self._lock = threading.Lock()
        self._pending = 0

    @property
    def pending(self) -> int:
        """Requests running or waiting for a thread."""
        return self._pending

    async def run(self, work: Callable[[Budget], T]) -> T:
        """``work(budget)`` on a scoring thread; Overloaded (503) when the queue is full."""
        with self._lock:
            if self._pending >= self.limit:
                raise Overloaded(f"the service is busy: {self._pending} requests are being "
                                 f"scored or waiting; retry shortly")
            self._pending += 1
        budget = Budget(self.seconds)
        try:
            future = self._executor.submit(_started, work, budget)
            return await asyncio.wrap_future(future)
        finally:
            with self._lock:
                self._pending -= 1


def _started(work: Callable[[Budget], T], budget: Budget) -> T:
    budget.check("it waited that long for a scoring thread")
    return work(budget)


@dataclass(frozen=True, slots=True)
class RequestLimits:
    """What one request may ask to score. Names cost the time (each is compared with its
    candidates; about 1 ms a name here), the other values little."""

    queries: int = MAX_QUERIES
    values: int = MAX_VALUES
    names: int = 250


def check_limits(queries: Mapping[str, Entity], limits: RequestLimits) -> None:
    """RequestTooLarge (413) when the queries ask for more than one request may."""
    if len(queries) > limits.queries:
        raise RequestTooLarge(f"{len(queries)} queries in one request; at most {limits.queries}")
    names = 0
    for key, query in queries.items():
        for prop, values in query.properties.items():
            if len(values) > limits.values:
                raise RequestTooLarge(f"query {key!r}: {prop} has {len(values)} values; at "
                                      f"most {limits.values} per property")
        names += len(query.names())
    if names > limits.names:
        raise RequestTooLarge(f"{names} names in one request; at most {limits.names} in all "
                              f"queries together: split it into smaller requests")
