"""``screen-text`` and ``stories``: exit codes, exact error lines, the JSON line shapes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import sanctionwatch.cli.text as text_cli
from sanctionwatch.cli import run
from sanctionwatch.text import Gazetteer


@pytest.fixture(autouse=True)
def use_gazetteer(monkeypatch: pytest.MonkeyPatch, gazetteer: Gazetteer) -> None:
    # the gazetteer built once per session, instead of the one cached for the settings' lists
    monkeypatch.setattr(text_cli, "load_gazetteer", lambda: gazetteer)


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict[str, object]],
                                                                  str]:
    code = run(list(args))
    captured = capsys.readouterr()
    lines = [json.loads(line) for line in captured.out.splitlines() if line.startswith("{")]
    return code, lines, captured.err


def test_screen_text_json_gives_one_line_per_document(
    capsys: pytest.CaptureFixture[str], examples: Path, tmp_path: Path
) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes((examples / "wire.jsonl").read_bytes() + b'{"id": "x", "body": 42}\n')
    code, lines, err = cli(capsys, "screen-text", str(examples / "2023-09-06-arms-talks.txt"),
                           str(feed), "--json")
    assert [line["document"] for line in lines] == [
        str(examples / "2023-09-06-arms-talks.txt"), "wire-0001", "wire-0002", f"{feed}:3"]
    first = lines[0]
    assert first["date"] == "2023-09-06"
    assert {m["entity"]["id"] for m in first["mentions"]} == {  # type: ignore[union-attr,index]
        "ofac-35173", "ofac-20157", "ofac-35096", "ofac-41736"}
    assert lines[3]["error"] == f"{feed}:3: expected an object with a string 'body'"
    assert err == f"error: {feed}:3: expected an object with a string 'body'\n"
    assert code == 2


def test_screen_text_on_the_examples_succeeds(
    capsys: pytest.CaptureFixture[str], examples: Path
) -> None:
    code, lines, err = cli(capsys, "screen-text", str(examples), "--json")
    assert (code, err) == (0, "")
    assert len(lines) == 8
    by_id = {line["document"]: line for line in lines}
    assert by_id[str(examples / "2023-10-02-culture.txt")]["mentions"] == []


def test_bad_documents_get_one_error_each_and_the_rest_are_screened(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text("Treasury sanctioned KOMID for arms sales.", "utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary\x00" * 10)
    (tmp_path / "c.txt").write_bytes(b"Kim Jong Un " * 200)
    code, lines, err = cli(capsys, "screen-text", str(tmp_path), str(tmp_path / "missing.txt"),
                           "--json", "--max-bytes", "1000")
    assert [(line["document"], bool(line["mentions"])) for line in lines] == [
        (str(tmp_path / "a.txt"), True), (str(tmp_path / "b.txt"), False),
        (str(tmp_path / "c.txt"), False), (str(tmp_path / "missing.txt"), False)]
    assert err.splitlines() == [
        f"error: {tmp_path / 'b.txt'}: binary content (NUL bytes), not text",
        f"error: {tmp_path / 'c.txt'}: 2,400 bytes is over the 1,000-byte limit",
        f"error: {tmp_path / 'missing.txt'}: no such file",
    ]
    assert code == 2


def test_screen_text_reads_standard_input_and_prints_a_readable_view(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    stdin = tmp_path / "stdin.txt"
    stdin.write_text("Russian Defence Minister Sergei Shoigu visited Pyongyang to buy shells.")
    with stdin.open("rb") as handle:
        monkeypatch.setattr("sys.stdin", type("In", (), {"buffer": handle})())
        code = run(["screen-text", "-"])
    out = capsys.readouterr().out
    assert code == 0
    assert "SHOIGU, Sergei Kuzhugetovich" in out
    assert "ofac-35173" in out
    assert "language en" in out


def test_screen_text_json_tells_the_language_of_documents_and_mentions(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    article = tmp_path / "artykul.txt"
    article.write_text("Słowacka prokuratura postawiła zarzuty Ashotowi Mkrtychevowi, który "
                       "według śledczych handlował bronią z Koreą Północną.", "utf-8")
    code, [line], err = cli(capsys, "screen-text", str(article), "--json")
    assert (code, err) == (0, "")
    assert line["language"]["code"] == "pl"  # type: ignore[index]
    assert [(m["text"], m["entity"]["id"], m["method"], m["language"])  # type: ignore[index]
            for m in line["mentions"]] == [  # type: ignore[union-attr]
        ("Ashotowi Mkrtychevowi", "ofac-41736", "inflected", "pl")]


def test_stories_groups_the_example_articles(
    capsys: pytest.CaptureFixture[str], examples: Path
) -> None:
    code, lines, _ = cli(capsys, "stories", str(examples), "--json")
    assert code == 0
    sizes = sorted(len(line["documents"]) for line in lines)  # type: ignore[arg-type]
    assert sizes == [1, 1, 1, 1, 1, 3]
    [summit] = [line for line in lines if len(line["documents"]) == 3]  # type: ignore[arg-type]
    assert summit["dates"] == ["2023-09-06", "2023-09-07"]
    assert set(summit) == {"story", "dates", "documents", "parties", "reasons"}


def test_stories_needs_a_directory(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code = run(["stories", str(tmp_path / "nope")])
    assert code == 2
    assert capsys.readouterr().err == f"error: {tmp_path / 'nope'}: not a directory\n"
