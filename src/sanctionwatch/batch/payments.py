"""``batch`` over payment messages: a folder of them (walked) or one file of many (an RJE file,
an ISO 20022 file of many transactions), one JSON line per payment, as ``screen-payment --json``
prints it, into a ``.jsonl`` output.

Resumable by file: after each input file its results are appended to the output and the file is
recorded, with the output's size then, in ``<output>.done``. A rerun skips the recorded files and
first cuts the output back to the last recorded size (the lines of a file interrupted half-way
are written again, never twice); ``restart`` starts over. An input that cannot be read (a
missing file, a malformed message) is held with the reason, as everywhere (fail closed).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson

from sanctionwatch.batch.inputs import walk_paths
from sanctionwatch.exc import InputError, PaymentError
from sanctionwatch.payments import PaymentResult, PaymentScreener, unreadable

#: file endings read as payment messages by ``batch`` (a directory always is)
MESSAGE_SUFFIXES = frozenset({".fin", ".rje", ".mt", ".xml"})


def is_message_input(path: Path) -> bool:
    """Whether ``batch`` reads this input as payment messages rather than records."""
    return path.is_dir() or path.suffix.lower() in MESSAGE_SUFFIXES


def message_paths(paths: Iterable[str]) -> Iterator[str]:
    """Named files as given, directories walked (sorted; hidden files and notes skipped)."""
    return walk_paths(paths, lambda child: child.suffix.lower() != ".md")


def read_message_file(name: str, max_bytes: int) -> bytes:
    """The bytes of a file (or stdin); PaymentError naming it when it cannot be read."""
    if name == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise PaymentError("stdin", "body", f"over the {max_bytes:,}-byte limit")
        return data
    path = Path(name)
    try:
        if path.stat().st_size > max_bytes:
            raise PaymentError(name, "file", f"{path.stat().st_size:,} bytes is over the "
                               f"{max_bytes:,}-byte limit")
        return path.read_bytes()
    except FileNotFoundError:
        raise PaymentError(name, "file", "no such file") from None
    except OSError as exc:
        raise PaymentError(name, "file", f"cannot be read ({exc.strerror or exc})") from None


def screen_file(screener: PaymentScreener, name: str) -> list[PaymentResult]:
    """A result per payment of one input (an unreadable input held)."""
    try:
        data = read_message_file(name, screener.config.max_bytes)
    except PaymentError as exc:
        return [unreadable(exc)]
    return screener.screen_bytes(data, "stdin" if name == "-" else name)


@dataclass
class PaymentBatchSummary:
    files: int = 0
    #: files done by an earlier run and skipped by this one
    resumed: int = 0
    payments: int = 0
    held: int = 0
    unreadable: int = 0

    def to_dict(self, output: Path) -> dict[str, object]:
        return {"input": "payments", "output": str(output), "files": self.files,
                "resumed_files": self.resumed, "payments": self.payments, "held": self.held,
                "passed": self.payments - self.held, "unreadable": self.unreadable}


def _resume(out: Path, done: Path, restart: bool) -> set[str]:
    """The files an earlier run finished, the output cut back to its size after the last."""
    if restart or not done.exists():
        out.unlink(missing_ok=True)
        done.unlink(missing_ok=True)
        return set()
    finished: set[str] = set()
    size = 0
    for line in done.read_text("utf-8").splitlines():
        recorded, _, name = line.partition("\t")
        if name and recorded.isdigit():
            finished.add(name)
            size = int(recorded)
    with out.open("ab") as fh:
        fh.truncate(size)
    return finished


def run_payment_batch(screener: PaymentScreener, source: Path, out: Path, restart: bool = False,
                      progress: Callable[[int, int | None], None] | None = None
                      ) -> PaymentBatchSummary:
    """Screen every payment message under ``source`` into ``out`` (JSON lines)."""
    if out.suffix.lower() not in (".jsonl", ".ndjson"):
        raise InputError(f"{out}: payment messages are written as JSON lines; use a .jsonl "
                         "output")
    if not source.exists():
        raise InputError(f"{source}: no such file or folder of payment messages")
    names = list(message_paths([str(source)]))
    done_path = out.with_name(out.name + ".done")
    finished = _resume(out, done_path, restart)
    summary = PaymentBatchSummary(files=len(names))
    with out.open("ab") as fh, done_path.open("a", encoding="utf-8") as done:
        for number, name in enumerate(names, start=1):
            if name in finished:
                summary.resumed += 1
                continue
            for result in screen_file(screener, name):
                summary.payments += 1
                summary.held += result.is_held
                summary.unreadable += result.error is not None
                fh.write(orjson.dumps(result.to_dict()) + b"\n")
            fh.flush()
            os.fsync(fh.fileno())
            done.write(f"{fh.tell()}\t{name}\n")
            done.flush()
            if progress is not None:
                progress(number, len(names))
    return summary
