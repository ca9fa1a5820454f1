"""The FollowTheMoney JSON lines parser: our exports and OpenSanctions-shaped lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from followthemoney import model as ftm_model
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanctionwatch.exc import ListParseError
from sanctionwatch.model import Entity
from sanctionwatch.model.schema import has_property
from sanctionwatch.settings import BUNDLED_LISTS
from sanctionwatch.sources.base import get_parser
from sanctionwatch.sources.ftm import parse_ftm_json
from sanctionwatch.sources.un import parse_un_xml

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "ftm" / "un_slice.ftm.json"
UN_FILE = BUNDLED_LISTS / "un" / "consolidated.xml"


def _write(tmp_path: Path, lines: list[str] | bytes) -> Path:
    path = tmp_path / "entities.ftm.json"
    if isinstance(lines, bytes):
        path.write_bytes(lines)
    else:
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _export(entities: list[Entity]) -> list[str]:
    return [json.dumps(e.to_ftm(), ensure_ascii=False) for e in entities]


def test_registered_under_its_format_name() -> None:
    assert get_parser("ftm_json") is parse_ftm_json


def test_fixture_slice() -> None:
    parsed = parse_ftm_json({"primary": FIXTURE}, "ftm", "2026-02-27")
    by_id = {e.id: e for e in parsed.entities}
    assert set(by_id) == {"un-KPe.001", "un-KPi.008", "un-IQi.001", "un-TAi.085", "un-KPe.022"}
    komid = by_id["un-KPe.001"]
    assert "KOMID" in komid.get("alias")
    assert komid.listing_date == "2009-04-24" and komid.extra["unReference"] == "KPe.001"
    # the OpenSanctions-shaped line: extra keys ignored, the source's version filled in
    shipping = by_id["un-KPe.022"]
    assert shipping.get("imoNumber") == ("5342883",)
    assert shipping.version == "2026-02-27" and shipping.datasets == ("un_sc",)


def test_the_whole_un_list_round_trips(tmp_path: Path) -> None:
    entities = parse_un_xml({"primary": UN_FILE}, "un_sc", None).entities
    path = _write(tmp_path, _export(entities))
    assert parse_ftm_json({"primary": path}, "ftm", None).entities == entities


def test_line_without_datasets_gets_the_source_dataset(tmp_path: Path) -> None:
    line = json.dumps({"id": "x1", "schema": "Person", "properties": {"name": ["Kim Jong Un"]}})
    (entity,) = parse_ftm_json({"primary": _write(tmp_path, [line])}, "mine", "2026-01-01").entities
    assert entity.datasets == ("mine",) and entity.version == "2026-01-01"


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('{"id": "a", "schema": "Spaceship", "properties": {}}', "Spaceship"),
        ('{"id": "a", "schema": "Person", "properties": {"imoNumber": ["1"]}}', "imoNumber"),
        ('{"id": "a", "schema": "Person", "properties": {"name": [1]}}', "name"),
        ('{"schema": "Person", "properties": {}}', "'id'"),
        ('["not", "an", "object"]', "JSON object"),
        ('{"id": "a", "schema": "Person"', "invalid JSON"),
    ],
)
def test_malformed_lines_name_the_line(tmp_path: Path, line: str, problem: str) -> None:
    good = '{"id": "ok", "schema": "Person", "properties": {"name": ["A"]}}'
    path = _write(tmp_path, [good, "", line])
    with pytest.raises(ListParseError) as info:
        parse_ftm_json({"primary": path}, "ftm", None)
    assert info.value.location.startswith("line 3")
    assert problem in str(info.value)


def test_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    with pytest.raises(ListParseError, match="line 2.*UTF-8"):
        parse_ftm_json({"primary": _write(tmp_path, b"\n\xff\xfe{}\n")}, "ftm", None)


_SCHEMATA = ["Person", "Organization", "Company", "Vessel", "CryptoWallet"]
_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")),
                min_size=1, max_size=10)


@st.composite
def _entities(draw: st.DrawFn) -> Entity:
    schema = draw(st.sampled_from(_SCHEMATA))
    names = sorted(p for p in ftm_model.get(schema).properties if has_property(schema, p))
    props = draw(st.dictionaries(st.sampled_from(names), st.lists(_TEXT, min_size=1, max_size=3),
                                 max_size=5))
    optional = st.none() | _TEXT
    return Entity(
        id=draw(_TEXT), schema=schema, properties={k: tuple(v) for k, v in props.items()},
        datasets=tuple(draw(st.lists(_TEXT, min_size=1, max_size=2))),
        record_id=draw(optional), version=draw(optional), listing_date=draw(optional),
        extra=draw(st.dictionaries(_TEXT, _TEXT, max_size=3)),
    )


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entities=st.lists(_entities(), max_size=5))
def test_export_then_parse_round_trips(tmp_path: Path, entities: list[Entity]) -> None:
    path = _write(tmp_path, _export(entities))
    assert parse_ftm_json({"primary": path}, "other", None).entities == entities


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=200) | st.text(max_size=200).map(lambda t: t.encode("utf-8",
                                                                                  "replace")))
def test_garbage_raises_only_our_error(tmp_path: Path, data: bytes) -> None:
    try:
        parse_ftm_json({"primary": _write(tmp_path, data)}, "ftm", None)
    except ListParseError:
        pass
