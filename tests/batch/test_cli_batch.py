"""``sanctionwatch batch`` / ``lists update`` / ``lists diff`` through the CLI's error policy:
exit codes and the exact error lines. Lists: the bundled UN list only (quick to index)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
from batchdata import UN_XML, serve, un_edited

from sanctionwatch.cli import context
from sanctionwatch.cli.app import run
from sanctionwatch.settings import BUNDLED_LISTS

DATA_DIR = BUNDLED_LISTS


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    lists = tmp_path / "lists-un"
    (lists / "un").mkdir(parents=True)
    (lists / "un" / "consolidated.xml").symlink_to(DATA_DIR / "un" / "consolidated.xml")
    monkeypatch.setenv("SANCTIONWATCH_DATA_DIR", str(lists))
    monkeypatch.setenv("SANCTIONWATCH_SOURCES", "un_sc")
    monkeypatch.setenv("SANCTIONWATCH_HOME", str(tmp_path / "home"))
    context.settings.cache_clear()
    context.index.cache_clear()
    yield tmp_path / "home"
    context.settings.cache_clear()
    context.index.cache_clear()


def test_batch_writes_rows_and_prints_the_summary(
        home: Path, customers: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "hits.csv"
    code = run(["batch", str(customers), "--out", str(out), "--workers", "0", "--no-progress",
                "--map", "name=name", "--map", "birth_date=birthDate", "--map", "id=id"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    summary = orjson.loads(captured.out)
    assert (summary["read"], summary["rejected"], summary["engine"]) == (13, 1, "local")
    assert out.read_text(encoding="utf-8").startswith("record,entity_id,caption,score,")
    assert "c1,un-CDi.001," in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(("args", "error"), [
    (["--map", "name"], "error: --map 'name': expected column=property\n"),
    (["--map", "name=shoeSize"], ("error: --map: 'shoeSize' is not a FollowTheMoney property of "
                                 "a party (e.g. name, alias, birthDate, nationality, country, "
                                 "idNumber, imoNumber)\n")),
    (["--engine", "dask"], "error: unknown batch engine 'dask'; known: local, spark\n"),
    (["--threshold", "1.5"], "error: --threshold: 1.5 is not between 0 and 1\n"),
])
def test_bad_options_exit_2_with_one_line(
        home: Path, customers: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        args: list[str], error: str) -> None:
    code = run(["batch", str(customers), "--out", str(tmp_path / "o.jsonl"), "--no-progress",
                *args])
    assert code == 2
    assert capsys.readouterr().err == error


def test_a_missing_input_exits_2(home: Path, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    code = run(["batch", str(tmp_path / "nope.csv"), "--out", str(tmp_path / "o.jsonl")])
    assert code == 2
    assert capsys.readouterr().err == f"error: {tmp_path / 'nope.csv'}: input file not found\n"


@pytest.fixture
def server() -> Iterator[str]:
    routes = {"/html.xml": ("text/html", UN_XML.read_bytes()),
              "/renamed.xml": ("application/xml", un_edited())}
    with serve(routes) as url:
        yield url


def test_lists_update_then_diff(home: Path, server: str,
                                capsys: pytest.CaptureFixture[str]) -> None:
    code = run(["lists", "update", "--source", "un_sc", "--url", f"primary={server}/html.xml"])
    captured = capsys.readouterr()
    assert code == 1
    assert orjson.loads(captured.out)["status"] == "rejected"
    assert "content type 'text/html'" in captured.err
    code = run(["lists", "update", "--source", "un_sc", "--url",
                f"primary={server}/renamed.xml", "--force"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert orjson.loads(captured.out)["status"] == "updated"
    assert run(["lists", "diff", "--source", "un_sc"]) == 0
    diff = orjson.loads(capsys.readouterr().out)
    assert diff == {"source": "un_sc",
                    "counts": {"added": 0, "removed": 1, "changed": 1, "unchanged": 1001}}
    version = orjson.loads((home / "lists" / "un_sc" / "current.json").read_bytes())["version"]
    old, new = home.parent / "lists-un", home / "lists" / "un_sc" / version
    assert run(["lists", "diff", str(old), str(new), "--full"]) == 0
    full = orjson.loads(capsys.readouterr().out)
    assert [c["id"] for c in full["changed"]] == ["un-CDi.001"]
    assert run(["lists", "diff", str(home)]) == 2
    assert capsys.readouterr().err == "error: give both OLD and NEW list directories, or neither\n"


def test_monitor_alerts_a_stored_subject_on_a_changed_entry(
        home: Path, server: str, capsys: pytest.CaptureFixture[str]) -> None:
    from sanctionwatch.model import Entity
    from sanctionwatch.store import Role, add_subject, add_user, list_alerts, open_store

    assert run(["monitor", "--workers", "0"]) == 0
    assert orjson.loads(capsys.readouterr().out)["status"] == "nothing to do"
    home.mkdir(parents=True, exist_ok=True)
    store = open_store(context.settings().database)
    analyst = add_user(store, "ana", Role.ANALYST)[0]
    add_subject(store, Entity("s", "Person", {"name": ("Eric Badegge",)}), analyst)
    add_subject(store, Entity("s", "Person", {"name": ("Jane Smith",)}), analyst)
    assert run(["lists", "update", "--source", "un_sc", "--url",
                f"primary={server}/renamed.xml"]) == 0
    capsys.readouterr()
    assert run(["monitor", "--workers", "0"]) == 0
    report = orjson.loads(capsys.readouterr().out)
    assert report["changes"] == {"un_sc": {"added": 0, "removed": 1, "changed": 1,
                                           "unchanged": 1001}}
    assert (report["subjects"], report["updated_entities"], len(report["alerts"])) == (2, 1, 1)
    version = report["version"]
    assert version == (home / "lists" / "active").resolve().name
    alerts, total = list_alerts(store)
    assert total == 1 and alerts[0].subject_caption == "Eric Badegge"
    # once per list version: the service, or this command again, does not redo it
    assert run(["monitor", "--workers", "0"]) == 0
    assert orjson.loads(capsys.readouterr().out) == {"status": "already monitored",
                                                     "version": version}
    assert run(["monitor", "--threshold", "2"]) == 2
    assert capsys.readouterr().err == "error: --threshold: 2.0 is not between 0 and 1\n"
    store.close()
