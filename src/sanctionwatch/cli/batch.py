"""``batch``, ``lists update``, ``lists diff`` and ``monitor``: screening at scale.

Registered on the shared app and its ``lists`` group. Each command parses
its options, calls the pure function in :mod:`sanctionwatch.batch` or
:mod:`sanctionwatch.sources`, prints a JSON summary on stdout and progress on stderr.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import orjson
import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from sanctionwatch.cli import context
from sanctionwatch.cli.app import app
from sanctionwatch.cli.lists import lists_app
from sanctionwatch.exc import InputError, UpdateRejected


def list_store() -> Any:
    """The downloaded lists over the bundled snapshot (see sources.fetch.ListStore)."""
    from sanctionwatch.sources.fetch import ListStore

    cfg = context.settings()
    return ListStore(cfg.home, cfg.data_dir)


def _echo_json(data: object) -> None:
    typer.echo(orjson.dumps(data).decode())


class _Bar:
    """A rich progress bar on stderr with rate and ETA, fed by the batch flow's callback."""

    def __init__(self, enabled: bool) -> None:
        self.progress = Progress(
            TextColumn("screening"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
            TextColumn("{task.fields[rate]} rec/s"), TimeElapsedColumn(), TextColumn("ETA"),
            TimeRemainingColumn(), console=context.err, disable=not enabled,
        )
        self.task = self.progress.add_task("batch", total=None, rate="-")

    def __call__(self, done: int, total: int | None) -> None:
        speed = self.progress.tasks[0].speed
        self.progress.update(self.task, completed=done, total=total,
                             rate=f"{speed:,.0f}" if speed else "-")


def _check_threshold(threshold: float | None) -> None:
    if threshold is not None and not 0.0 <= threshold <= 1.0:
        raise InputError(f"--threshold: {threshold} is not between 0 and 1")


def batch_command(
    input_path: Annotated[Path, typer.Argument(metavar="INPUT", help=(
        "CSV, Parquet or JSONL; or payment messages: a folder, or an .fin/.rje/.mt/.xml file."))],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output: .jsonl, .csv or .parquet.")],
    engine: Annotated[str, typer.Option(help="local (worker processes) or spark.")] = "local",
    workers: Annotated[int | None, typer.Option(help="Worker processes (default: cores).")] = None,
    master: Annotated[str | None, typer.Option(help="Spark master URL (spark engine).")] = None,
    mapping: Annotated[list[str] | None, typer.Option(
        "--map", help="column=property (repeatable); id and schema are targets too.")] = None,
    id_column: Annotated[str | None, typer.Option(help="Column with each record's id.")] = None,
    schema: Annotated[str, typer.Option(help="Query schema (Thing = any party).")] = "Thing",
    threshold: Annotated[float | None, typer.Option(help="Lowest score to report.")] = None,
    algorithm: Annotated[str | None, typer.Option(help="Matching algorithm NAME.")] = None,
    limit: Annotated[int, typer.Option(help="Matches kept per record at most.")] = 10,
    chunk_size: Annotated[int, typer.Option(help="Records per chunk/checkpoint.")] = 1000,
    rejects: Annotated[Path | None, typer.Option(help="Rejects file (JSONL).")] = None,
    restart: Annotated[bool, typer.Option(help="Discard checkpoints of an earlier run.")] = False,
    progress: Annotated[bool, typer.Option(help="Show a progress bar on stderr.")] = True,
) -> None:
    """Screen every record of a file; one output row per (record, match >= threshold).
    Payment messages (a folder, or a file of them): one JSON line per payment."""
    _check_threshold(threshold)
    if _is_message_input(input_path):
        _payment_batch(input_path, out, threshold, restart, progress)
        return
    from sanctionwatch.batch import BatchJob, InputFile, get_engine, run_batch
    from sanctionwatch.batch.inputs import id_column_of
    from sanctionwatch.batch.plan import (
        NAME_TARGETS,
        check_target,
        default_mapping,
        parse_mapping,
    )
    from sanctionwatch.match import DEFAULT_ALGORITHM, DEFAULT_THRESHOLD
    from sanctionwatch.model.schema import check_schema

    source = InputFile.open(input_path)
    columns = source.columns()
    pairs = parse_mapping(mapping or []) or default_mapping(columns)
    if not any(target in NAME_TARGETS for _, target in pairs):
        raise InputError(f"{input_path}: no column maps to name; use --map COLUMN=name")
    id_col = id_column or id_column_of(pairs)
    if id_col is None and "id" in columns:
        id_col = "id"
    for _, target in pairs:
        check_target(target)
    job = BatchJob(
        input=InputFile(source.path, source.format, id_col), output=out,
        algorithm=algorithm or DEFAULT_ALGORITHM,
        threshold=DEFAULT_THRESHOLD if threshold is None else threshold, limit=limit,
        mapping=pairs, schema=check_schema(schema), chunk_size=chunk_size, rejects=rejects,
        ownership_threshold=context.settings().ownership_threshold,
    )
    options: dict[str, Any] = {"workers": workers}
    if engine == "spark":
        options["master"] = master
    runner = get_engine(engine, **options)
    bar = _Bar(progress)
    try:
        with bar.progress:
            summary = run_batch(job, runner, context.index, progress=bar, restart=restart)
    finally:
        runner.close()
    _echo_json(summary.to_dict())


def _is_message_input(path: Path) -> bool:
    from sanctionwatch.batch.payments import is_message_input

    return is_message_input(path)


def _payment_batch(source: Path, out: Path, threshold: float | None, restart: bool,
                   progress: bool) -> None:
    """``batch`` over payment messages: screen-payment --json into a resumable output."""
    from sanctionwatch.batch.payments import run_payment_batch
    from sanctionwatch.cli.text import load_gazetteer
    from sanctionwatch.match import DEFAULT_THRESHOLD
    from sanctionwatch.payments import PaymentConfig, PaymentScreener
    from sanctionwatch.text import TextScreener

    screener = PaymentScreener(context.index(), TextScreener(load_gazetteer()), config=(
        PaymentConfig(threshold=DEFAULT_THRESHOLD if threshold is None else threshold)))
    bar = _Bar(progress)
    with bar.progress:
        summary = run_payment_batch(screener, source, out, restart=restart, progress=bar)
    _echo_json(summary.to_dict(out))


def update_command(
    source: Annotated[list[str] | None, typer.Option(
        "--source", help="Source NAME (repeatable; default: every source with URLs).")] = None,
    url: Annotated[list[str] | None, typer.Option(
        help="role=URL overriding a download URL (with one --source).")] = None,
    force: Annotated[bool, typer.Option(help="Accept a version that lost >20% records.")] = False,
    timeout: Annotated[float, typer.Option(help="Seconds to connect / between reads.")] = 30.0,
) -> None:
    """Download the official lists, check them, and swap them in atomically."""
    from sanctionwatch.sources import load_specs
    from sanctionwatch.sources.fetch import FetchPolicy, make_client, update_source
    from sanctionwatch.sources.history import LoadHistory

    specs = load_specs()
    known = {s.name: s for s in specs}
    wanted = source or [s.name for s in specs if s.urls]
    for name in wanted:
        if name not in known:
            raise InputError(f"--source {name!r}: unknown; known: {', '.join(sorted(known))}")
    overrides: dict[str, str] = {}
    for pair in url or []:
        role, sep, value = pair.partition("=")
        if not sep or not value:
            raise InputError(f"--url {pair!r}: expected role=URL")
        overrides[role.strip()] = value.strip()
    if overrides and len(wanted) != 1:
        raise InputError("--url needs exactly one --source")
    policy = FetchPolicy(timeout=timeout)
    store = list_store()
    failed = 0
    with make_client(policy) as client:
        for name in wanted:
            try:
                result = update_source(known[name], store, specs, client, policy, force=force,
                                       urls=overrides)
                if force and result.status == "updated":  # the drop it forced is accepted
                    LoadHistory(context.settings().load_history).forget([name])
                _echo_json(result.to_dict())
            except UpdateRejected as exc:
                failed += 1
                _echo_json({"source": name, "status": "rejected", "reason": str(exc)})
                context.err.print(f"rejected: {exc}", markup=False, highlight=False)
    if failed:
        raise SystemExit(1)


def diff_command(
    old: Annotated[Path | None, typer.Argument(help="Old list directory.")] = None,
    new: Annotated[Path | None, typer.Argument(help="New list directory.")] = None,
    source: Annotated[list[str] | None, typer.Option("--source", help="Only these.")] = None,
    full: Annotated[bool, typer.Option(help="Every entity, not just counts.")] = False,
) -> None:
    """Added, removed and changed entities: OLD vs NEW, or each source's last update."""
    from sanctionwatch.sources.diff import CollectionDiff

    if (old is None) != (new is None):
        raise InputError("give both OLD and NEW list directories, or neither")
    for part in _diffs(old, new, source):
        name, diff = part
        assert isinstance(diff, CollectionDiff)
        data = diff.to_dict() if full else {"counts": diff.counts()}
        _echo_json({"source": name, **data})


def _diffs(old: Path | None, new: Path | None, only: list[str] | None) -> list[tuple[str, Any]]:
    from sanctionwatch.sources import load_specs
    from sanctionwatch.sources.catalog import load_collection
    from sanctionwatch.sources.diff import diff_collections

    names = only or context.settings().source_names
    specs = [s for s in load_specs() if not names or s.name in names]
    if old is not None and new is not None:
        for path in (old, new):
            if not path.is_dir():
                raise InputError(f"{path}: not a list directory")
        before = load_collection(old, specs, names)
        after = load_collection(new, specs, names)
        return [("*", diff_collections(before, after))]
    store = list_store()
    out: list[tuple[str, Any]] = []
    for spec in specs:
        previous = store.previous_dir(spec.name)
        if previous is None or not spec.is_available(previous):
            continue
        before = load_collection(previous, [spec])
        after = load_collection(store.source_dir(spec.name), [spec])
        out.append((spec.name, diff_collections(before, after)))
    return out


def monitor_command(
    engine: Annotated[str, typer.Option(help="local or spark.")] = "local",
    workers: Annotated[int | None, typer.Option(help="Worker processes.")] = None,
    threshold: Annotated[float | None, typer.Option(help="Lowest score to alert.")] = None,
    algorithm: Annotated[str | None, typer.Option(help="Matching algorithm NAME.")] = None,
) -> None:
    """Re-screen stored subjects against what the last list updates changed (once per list
    version: a version the service or an earlier run monitored is not done again)."""
    import os

    from sanctionwatch.batch import get_engine
    from sanctionwatch.batch.delta import EngineScreener
    from sanctionwatch.monitor import monitor_version
    from sanctionwatch.sources.diff import CollectionDiff
    from sanctionwatch.store import open_store
    from sanctionwatch.store.screening import screening_config

    _check_threshold(threshold)
    changes = _diffs(None, None, None)
    if not changes:
        _echo_json({"status": "nothing to do", "reason": "no list was updated"})
        return
    merged = CollectionDiff(
        added=tuple(e for _, d in changes for e in d.added),
        removed=tuple(e for _, d in changes for e in d.removed),
        changed=tuple(c for _, d in changes for c in d.changed),
    )
    cfg = context.settings()
    cfg.home.mkdir(parents=True, exist_ok=True)  # the default SQLite database lives there
    version = list_store().active_version()
    store = open_store(cfg.database)
    runner = get_engine(engine, workers=workers)
    try:
        run = monitor_version(
            store, version, None, merged, context.index(),
            EngineScreener(runner, cfg.home / "monitor"),
            config=screening_config(threshold, algorithm), runner=f"cli:{os.getpid()}",
            keys_path=cfg.home / "monitor" / "subject-keys.pkl")
    finally:
        runner.close()
        store.close()
    if run is None:
        _echo_json({"status": "already monitored", "version": version})
        return
    _echo_json({"version": version, **(run.report or {}),
                "changes": {n: d.counts() for n, d in changes}})


app.command("batch")(batch_command)
app.command("monitor")(monitor_command)
lists_app.command("update")(update_command)
lists_app.command("diff")(diff_command)


if __name__ == "__main__":  # spark-submit [options] .../sanctionwatch/cli/batch.py INPUT --out OUT
    import sys

    from sanctionwatch.cli import run

    sys.exit(run(["batch", "--engine", "spark", *sys.argv[1:]]))
