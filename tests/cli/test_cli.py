"""The command line: exit codes, exact error lines and the JSON shapes the README documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sanctionwatch.cli import context, run


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_lists_json_names_versions_counts(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "lists", "--json")
    assert code == 0
    sources = {s["name"]: s for s in json.loads(out)["sources"]}
    assert set(sources) == {"ofac_sdn", "ofac_nonsdn", "un_sc"}
    sdn = sources["ofac_sdn"]
    assert sdn["version"] == "2024-05-03"
    assert sdn["path"].endswith("ofac/sdn.csv")
    assert sdn["counts"]["Person"] == 6854
    assert sdn["counts"]["Vessel"] == 851
    assert sdn["counts"]["Airplane"] == 376
    assert sources["un_sc"]["version"].startswith("2026-02-27")
    assert sources["un_sc"]["counts"]["Person"] == 730
    assert sources["ofac_nonsdn"]["version"] == "2026-01-08"
    for s in sources.values():
        assert s["total"] == sum(s["counts"].values())


def test_screen_ranks_rim_yong_hyok_first(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "screen", "Rim Yong Hyok", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["query"]["properties"]["name"] == ["Rim Yong Hyok"]
    first = data["matches"][0]
    assert first["id"] == "ofac-44294"
    assert first["match"] is True
    assert set(first) >= {"id", "caption", "schema", "datasets", "score", "match", "explanation"}
    assert first["explanation"]["summary"]


def test_screen_komid_ranks_komid_first(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "screen", "KOMID", "--json")
    assert code == 0
    first = json.loads(out)["matches"][0]
    assert first["id"] in {"ofac-9345", "un-KPe.001"}
    assert first["caption"].upper() == "KOREA MINING DEVELOPMENT TRADING CORPORATION"
    assert {"ofac_sdn", "un_sc"} <= set(first["datasets"])  # every list the party is on


def test_screen_shows_the_datasets_of_the_whole_cluster(
        capsys: pytest.CaptureFixture[str]) -> None:
    # UN KPi.055 (born 1969-11-07) and OFAC's HAN, Jang Su (1969-11-08): one party
    code, out, _ = cli(capsys, "screen", "Han Jang Su", "--json")
    assert code == 0
    first = json.loads(out)["matches"][0]
    assert first["id"] in {"un-KPi.055", "ofac-21749"}
    assert first["datasets"] == ["ofac_sdn", "un_sc"]


def test_bad_birth_date_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "screen", "Rim Yong Hyok", "--birth-date", "04/03/1972")
    assert code == 2
    assert out == ""
    assert err == (
        "error: --birth-date: '04/03/1972' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)\n"
    )


def test_unknown_option_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "screen", "x", "--frobnicate", "red")
    assert code == 2
    assert err == "error: No such option: --frobnicate\n"


def test_unknown_schema_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "screen", "x", "--schema", "Spaceship")
    assert code == 2
    assert err.startswith("error: schema 'Spaceship' is not a FollowTheMoney schema")


def test_input_csv_streams_in_order_and_reports_bad_rows(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    src = tmp_path / "people.csv"
    src.write_text(
        "id,schema,name,birthDate\n"
        "a,Person,Ashot Mkrtchychev,1966-05-07\n"
        "b,Person,,\n"
        "c,Organization,Korea Mining Development Trading Corp,\n"
        "d,Person,Someone,07.05.1966\n"
        "e,Person,Someone Else,circa 1966\n",
        encoding="utf-8",
    )
    code, out, err = cli(capsys, "screen", "--input", str(src))
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["id"] for line in lines] == ["a", "b", "c", "d", "e"]
    assert lines[0]["matches"][0]["id"] == "ofac-41736"
    assert lines[1]["error"].startswith(f"{src}: record b: no name")
    assert lines[2]["matches"][0]["id"] in {"ofac-9345", "un-KPe.001"}
    # a date as Europe writes it is read; one that cannot be read is not compared, not an error
    assert "error" not in lines[3] and "error" not in lines[4]
    assert code == 2
    assert err == f"error: {src}: 1 record(s) could not be screened (see output)\n"


def test_input_jsonl_of_ftm_entities(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    src = tmp_path / "q.jsonl"
    rows = [
        {"id": "v1", "schema": "Person", "properties": {"name": ["Kim Jong Un"]}},
        {"id": "v2", "schema": "Person", "properties": {"name": ["Шойгу Сергей"]}},
    ]
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\nnot json\n",
                   encoding="utf-8")
    code, out, _ = cli(capsys, "screen", "--input", str(src))
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines[0]["id"] == "v1" and lines[0]["matches"][0]["id"] == "ofac-20157"
    assert lines[1]["matches"][0]["id"] == "ofac-35173"
    assert lines[2]["id"] == "3" and "line 3: bad JSON" in lines[2]["error"]
    assert code == 2


def test_input_goes_on_after_a_row_it_cannot_screen(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    src = tmp_path / "people.csv"
    src.write_text("id,name\na,Kim Jong Un\nb,---\nc,Rim Yong Hyok\n", encoding="utf-8")
    code, out, err = cli(capsys, "screen", "--input", str(src))
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["id"] for line in lines] == ["a", "b", "c"]
    assert lines[0]["matches"][0]["id"] == "ofac-20157"
    assert lines[1] == {"id": "b", "error": f"{src}: record b: query: give a name or an "
                                           "identifier to screen"}
    assert lines[2]["matches"][0]["id"] == "ofac-44294"
    assert code == 2
    assert err == f"error: {src}: 1 record(s) could not be screened (see output)\n"


def test_input_reads_flat_json_lines_with_fields_first_seen_late(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    src = tmp_path / "q.jsonl"
    rows = [{"id": "1", "name": "Kim Jong Un"}, {"id": "2", "name": "Rim Yong Hyok"},
            {"id": "3", "schema": "Vessel", "name": "Chong Chon Gang", "imoNumber": "7937317"},
            {"id": "4", "alias": "Korea Mining Development Trading Corporation"}]
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    code, out, _ = cli(capsys, "screen", "--input", str(src))
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert lines[2]["query"]["properties"]["imoNumber"] == ["7937317"]
    assert lines[2]["matches"][0]["id"] == "ofac-17069"
    assert lines[3]["matches"][0]["id"] in {"ofac-9345", "un-KPe.001"}


def test_input_column_that_is_no_property_is_one_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    src = tmp_path / "people.csv"
    src.write_text("id,name,shoe_size\na,Kim Jong Un,44\n", encoding="utf-8")
    code, out, err = cli(capsys, "screen", "--input", str(src))
    assert (code, out) == (2, "")
    assert err == (f"error: {src}: 'shoe_size' are not FollowTheMoney properties (columns: "
                   "property names, id and schema)\n")


def test_export_ftm_writes_every_entity(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                        collection: object) -> None:
    target = tmp_path / "all.ftm.json"
    code, _, _ = cli(capsys, "export", "--format", "ftm", "--output", str(target))
    assert code == 0
    lines = target.read_text(encoding="utf-8").splitlines()
    relations = collection.relations  # type: ignore[attr-defined]
    assert len(lines) == len(collection) + len(relations)  # type: ignore[arg-type]
    first = json.loads(lines[0])
    assert set(first) >= {"id", "schema", "properties", "datasets"}
    # then the stated relationships, as FtM relationship entities
    links = [json.loads(line) for line in lines[len(collection):]]  # type: ignore[arg-type]
    rim = [r for r in links if r["properties"].get("subject") == ["ofac-44294"]]
    assert rim[0]["schema"] == "UnknownLink" and rim[0]["properties"]["object"] == ["ofac-21171"]


def test_no_lists_is_an_error_not_an_empty_screen(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SANCTIONWATCH_DATA_DIR", str(tmp_path))
    context.settings.cache_clear()
    context.index.cache_clear()
    try:
        code, out, err = cli(capsys, "screen", "Kim Jong Un")
    finally:
        context.index.cache_clear()
    assert code == 1
    assert out == ""
    assert err == f"error: {tmp_path}: no sanctions list found to load\n"


def test_unknown_command_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "scren", "x")
    assert code == 2
    assert err.startswith("error: No such command 'scren'")
    assert err.count("\n") == 1


def test_a_bad_setting_is_one_line_naming_the_variable(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SANCTIONWATCH_RELOAD_SECONDS", "-1")
    context.settings.cache_clear()
    code, out, err = cli(capsys, "screen", "Kim Jong Un")
    assert code == 2 and out == ""
    assert err == ("error: SANCTIONWATCH_RELOAD_SECONDS: Input should be greater than or equal "
                   "to 0\n")


def test_settings_read_the_environment_in_any_case_and_arguments_win(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from sanctionwatch.settings import Settings, get_settings

    monkeypatch.setenv("sanctionwatch_open_reads", "yes")
    monkeypatch.setenv("SANCTIONWATCH_RELOAD_SECONDS", "5")
    monkeypatch.setenv("SANCTIONWATCH_NOT_A_SETTING", "x")
    settings = get_settings()
    assert settings.open_reads is True and settings.reload_seconds == 5.0
    assert Settings(reload_seconds=0, home=tmp_path).reload_seconds == 0.0
    assert Settings(home=tmp_path).cache_dir == tmp_path / "cache"


def _jsonl(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _party(key: str, schema: str, name: str) -> dict[str, object]:
    return {"id": key, "schema": schema, "properties": {"name": [name]}}


def _owns(key: str, owner: str, asset: str, percent: str) -> dict[str, object]:
    return {"id": key, "schema": "Ownership",
            "properties": {"owner": [owner], "asset": [asset], "percentage": [percent]}}


def test_screen_input_blocks_a_customer_owned_through_a_listed_party_s_holding(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "customers.jsonl", [
        _party("komid", "Organization", "Korea Mining Development Trading Corporation"),
        _party("holding", "Company", "Pyongyang Example Holdings Ltd"),
        _party("customer", "Company", "Example Trading Ltd"),
        _party("minor", "Company", "Other Example Works Ltd"),
        _owns("o1", "komid", "holding", "60"), _owns("o2", "holding", "customer", "50%"),
        _owns("o3", "komid", "minor", "40"),
    ])
    code, out, _ = cli(capsys, "screen", "--input", str(source), "--limit", "1")
    assert code == 0
    lines = {d["id"]: d for d in map(json.loads, out.splitlines())}
    assert set(lines) == {"komid", "holding", "customer", "minor"}  # ownerships are not screened
    assert lines["komid"]["matches"][0]["match"]
    customer = lines["customer"]
    assert customer["status"] == "blocked by ownership"
    assert customer["ownership"]["chains"] == [["komid", "holding", "customer"]]
    assert lines["minor"]["status"] == "alert: listed owner"
    assert lines["minor"]["ownership"]["blocked"] is False


def test_screen_input_ownership_of_an_unknown_party_is_an_error(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "customers.jsonl", [
        _party("customer", "Company", "Example Trading Ltd"),
        _owns("o1", "nobody", "customer", "60"),
    ])
    code, _, err = cli(capsys, "screen", "--input", str(source))
    assert code != 0
    assert "'nobody' is not the id of a party" in err and "customers.jsonl" in err
