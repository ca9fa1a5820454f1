"""The UK OFSI ConList.csv parser, on a hand-written fixture in the documented 2022 format
(tests/fixtures/uk/PROVENANCE.md: no official UK file is bundled)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanctionwatch.exc import ListParseError
from sanctionwatch.model import Entity
from sanctionwatch.model.schema import has_property
from sanctionwatch.sources.base import ParsedList, get_parser
from sanctionwatch.sources.uk import parse_uk_csv

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "uk" / "ConList.csv"


@pytest.fixture(scope="module")
def uk_list() -> ParsedList:
    return parse_uk_csv({"primary": FIXTURE}, "uk_hmt", None)


@pytest.fixture(scope="module")
def uk(uk_list: ParsedList) -> dict[str, Entity]:
    return {e.id: e for e in uk_list.entities}


def _write(tmp_path: Path, data: str | bytes) -> Path:
    path = tmp_path / "ConList.csv"
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _header() -> str:
    return FIXTURE.read_text("utf-8").splitlines()[1]


def test_registered_under_its_format_name() -> None:
    assert get_parser("uk_csv") is parse_uk_csv


def test_version_groups_and_schemata(uk_list: ParsedList, uk: dict[str, Entity]) -> None:
    assert uk_list.version == "2026-02-27"
    assert {i: e.schema for i, e in uk.items()} == {
        "uk-11251": "Organization", "uk-13346": "Person", "uk-11250": "Person",
        "uk-7480": "Person", "uk-13400": "Vessel"}


def test_every_property_is_valid_for_its_schema(uk_list: ParsedList) -> None:
    assert all(has_property(e.schema, p) for e in uk_list.entities for p in e.properties)


def test_komid_rows_become_one_party(uk: dict[str, Entity]) -> None:
    komid = uk["uk-11251"]
    assert komid.get("name") == ("KOREA MINING DEVELOPMENT TRADING CORPORATION",)
    assert set(komid.get("alias")) == {"KOMID", "CHANGGWANG SINYONG CORPORATION",
                                       "EXTERNAL TECHNOLOGY GENERAL CORPORATION"}
    assert komid.get("weakAlias") == ("DPRKN MINING DEVELOPMENT TRADING COOPERATION",)
    assert komid.extra["unReference"] == "KPe.001"
    assert komid.get("address") == ("Central District, Pyongyang, North Korea",)
    assert komid.get("country") == ("kp",)
    assert komid.listing_date == "2009-04-24"


def test_person_name_parts_dates_and_documents(uk: dict[str, Entity]) -> None:
    kim = uk["uk-11250"]
    assert kim.get("name") == ("Tong My'ong KIM",)
    assert kim.get("lastName") == ("KIM",) and kim.get("firstName") == ("Tong",)
    assert set(kim.get("alias")) == {"Tong-Myong KIM", "Chin-So'k KIM"}
    assert kim.get("birthDate") == ("1964", "1962-08-28")  # 00/00/1964 and a second row's DOB
    assert kim.extra["passport:290320764"] == "kp"
    assert uk["uk-13346"].get("gender") == ("male",)  # "Gender: male" in Other Information


def test_non_latin_script_and_birth_place(uk: dict[str, Entity]) -> None:
    saddam = uk["uk-7480"]
    assert "صدام حسين التكريتي" in saddam.get("alias")
    assert saddam.get("weakAlias") == ("ABU ALI",)
    assert saddam.get("birthPlace") == ("al-Awja, near Tikrit, Iraq",)
    assert saddam.get("birthCountry") == ("iq",)


def test_ship_with_imo_number(uk: dict[str, Entity]) -> None:
    assert uk["uk-13400"].get("imoNumber") == ("7937317",)


@pytest.mark.parametrize(
    ("text", "location", "problem"),
    [
        ("", "line 1", "the file is empty"),
        ("Name 6,Group ID\n", "line 1", "Last Updated"),
        ("Last Updated,27/02/2026\n", "line 2", "no header"),
        ("Last Updated,27/02/2026\nName 1,Name 2\n", "line 2", "Group ID"),
    ],
)
def test_bad_head(tmp_path: Path, text: str, location: str, problem: str) -> None:
    with pytest.raises(ListParseError, match=problem) as info:
        parse_uk_csv({"primary": _write(tmp_path, text)}, "uk_hmt", None)
    assert info.value.location == location


def test_bad_rows_name_the_line(tmp_path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(_header() + "\n")).fieldnames or [])
    good = {h: "" for h in rows} | {"Name 6": "X", "Group Type": "Alien", "Group ID": "9"}
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=rows)
    writer.writerow(good)
    text = f"Last Updated,27/02/2026\n{_header()}\n{out.getvalue()}"
    with pytest.raises(ListParseError, match="Group Type") as info:
        parse_uk_csv({"primary": _write(tmp_path, text)}, "uk_hmt", None)
    assert info.value.location.startswith("line 3")


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=0, max_value=6000), garbage=st.binary(max_size=80),
       cells=st.lists(st.text(max_size=12), max_size=40))
def test_fuzzed_input_raises_only_our_error(tmp_path: Path, cut: int, garbage: bytes,
                                            cells: list[str]) -> None:
    row = io.StringIO()
    csv.writer(row).writerow(cells)
    head = FIXTURE.read_bytes()[:cut]
    for data in (head + garbage, head + row.getvalue().encode("utf-8", "replace")):
        try:
            parsed = parse_uk_csv({"primary": _write(tmp_path, data)}, "uk_hmt", None)
        except ListParseError:
            continue
        assert all(has_property(e.schema, p) for e in parsed.entities for p in e.properties)
