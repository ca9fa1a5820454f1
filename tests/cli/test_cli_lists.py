"""A list is complete or it is not loaded, through the command line and the service: a missing
or cut file is an error naming it (``screen``, ``lists``, ``/readyz``), a big drop from the last
good load is refused until ``lists --allow-drop``, and every result names the lists it was
screened against. The broken list directories are linked copies of the bundled one."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from listcopy import linked_copy, replace_file, without_individuals

from sanctionwatch.cli import context, run
from sanctionwatch.settings import Settings

ALT = "ofac/companions-2025-12-24/alt.csv"


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory,
        ) -> Iterator[pytest.MonkeyPatch]:
    # one home (index cache, load record) for the complete lists of this module
    monkeypatch.setenv("SANCTIONWATCH_HOME", str(tmp_path_factory.getbasetemp() / "home-lists"))
    yield monkeypatch
    context.settings.cache_clear()
    context.index.cache_clear()


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    context.settings.cache_clear()
    context.index.cache_clear()
    code = run(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def broken(tmp_path: Path, data_dir: Path, env: pytest.MonkeyPatch) -> Path:
    """A linked copy of the bundled lists, made the data directory (with its own home)."""
    copy = linked_copy(data_dir, tmp_path / "lists")
    env.setenv("SANCTIONWATCH_DATA_DIR", str(copy))
    env.setenv("SANCTIONWATCH_HOME", str(tmp_path / "home"))
    return copy


def test_complete_lists_match_aero_caribbean_and_name_every_list(
        capsys: pytest.CaptureFixture[str], env: pytest.MonkeyPatch) -> None:
    code, out, _ = cli(capsys, "screen", "AERO-CARIBBEAN", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["matches"][0]["id"] == "ofac-36" and data["matches"][0]["match"] is True
    assert data["lists"] == [
        {"name": "ofac_sdn", "version": "2024-05-03", "records": 14965},
        {"name": "ofac_nonsdn", "version": "2026-01-08", "records": 442},
        {"name": "un_sc", "version": "2026-02-27", "records": 1003},
    ]


def test_a_missing_alias_file_stops_the_screen_instead_of_weakening_it(
        capsys: pytest.CaptureFixture[str], env: pytest.MonkeyPatch, tmp_path: Path,
        data_dir: Path) -> None:
    copy = broken(tmp_path, data_dir, env)
    (copy / ALT).unlink()
    code, out, err = cli(capsys, "screen", "AERO-CARIBBEAN", "--json")
    assert (code, out) == (1, "")
    assert err == (f"error: {copy / ALT}: the alias file of source 'ofac_sdn' is missing "
                   "(a list is loaded complete or not at all)\n")


def test_a_cut_sdn_csv_is_refused_naming_the_file(
        capsys: pytest.CaptureFixture[str], env: pytest.MonkeyPatch, tmp_path: Path,
        data_dir: Path) -> None:
    copy = broken(tmp_path, data_dir, env)
    head = b"".join((data_dir / "ofac" / "sdn.csv").read_bytes().splitlines(keepends=True)[:5000])
    path = replace_file(copy, "ofac/sdn.csv", head)
    code, out, err = cli(capsys, "screen", "Kim Jong Un")
    assert (code, out) == (1, "")
    assert err == (f"error: {path}: line 5000: no end-of-file mark (0x1A), which ends every "
                   "OFAC CSV file: the file is cut short\n")


def test_lists_shows_the_missing_un_list_and_what_did_load(
        capsys: pytest.CaptureFixture[str], env: pytest.MonkeyPatch, tmp_path: Path,
        data_dir: Path) -> None:
    copy = broken(tmp_path, data_dir, env)
    (copy / "un" / "consolidated.xml").unlink()
    code, out, err = cli(capsys, "lists", "--json")
    assert code == 1
    data = json.loads(out)
    sources = {s["name"]: s for s in data["sources"]}
    assert set(sources) == {"ofac_sdn", "ofac_nonsdn", "un_sc"}
    assert sources["ofac_sdn"]["complete"] is True and sources["ofac_sdn"]["records"] == 14965
    assert any("end-of-file mark" in c for c in sources["ofac_sdn"]["checks"])
    assert "442 records, as many as its publisher states" in " ".join(
        sources["ofac_nonsdn"]["checks"])
    un = sources["un_sc"]
    assert un["complete"] is False
    missing = f"{copy / 'un' / 'consolidated.xml'}: the primary file of source 'un_sc' is missing"
    assert un["error"].startswith(missing)
    assert data["error"].startswith(missing)
    assert err.startswith(f"error: {missing}")


def test_a_big_drop_is_refused_until_accepted(
        capsys: pytest.CaptureFixture[str], env: pytest.MonkeyPatch, tmp_path: Path,
        data_dir: Path) -> None:
    copy = broken(tmp_path, data_dir, env)
    env.setenv("SANCTIONWATCH_SOURCES", "un_sc")
    code, out, _ = cli(capsys, "lists", "--json")
    assert code == 0 and json.loads(out)["sources"][0]["records"] == 1003
    half = without_individuals((data_dir / "un" / "consolidated.xml").read_bytes(), 0.5)
    replace_file(copy, "un/consolidated.xml", half)
    code, out, err = cli(capsys, "screen", "Kim Yong Chol")
    assert (code, out) == (1, "")
    assert "source 'un_sc' has 638 records, 36% fewer than its last good load (1,003" in err
    assert err.endswith("refused (limit 20%): run 'sanctionwatch lists --allow-drop' to accept "
                        "the lists as they are\n")
    code, out, _ = cli(capsys, "lists", "--allow-drop", "--json")
    assert code == 0 and json.loads(out)["sources"][0]["records"] == 638
    code, _, _ = cli(capsys, "screen", "Kim Yong Chol")
    assert code == 0


def test_readyz_is_not_ready_and_names_the_missing_file(
        env: pytest.MonkeyPatch, tmp_path: Path, data_dir: Path) -> None:
    from sanctionwatch.cli.service import build_app

    copy = broken(tmp_path, data_dir, env)
    (copy / ALT).unlink()
    settings = Settings(data_dir=copy, home=tmp_path / "home", reload_seconds=0)
    with TestClient(build_app(settings)) as api:
        for _ in range(600):
            response = api.get("/readyz")
            if "could not be loaded" in response.json()["detail"]:
                break
            threading.Event().wait(0.05)
        assert response.status_code == 503
        detail = response.json()["detail"]
        assert "alt.csv: the alias file of source 'ofac_sdn' is missing" in detail
