"""The FCDO UK Sanctions List XML, on a hand-written file in the documented shape."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctionwatch.exc import ListParseError
from sanctionwatch.sources.base import ParsedList
from sanctionwatch.sources.uk_fcdo import parse_fcdo_csv, parse_fcdo_xml

UK = Path(__file__).resolve().parents[1] / "fixtures" / "uk"


def _parse(fmt: str) -> ParsedList:
    if fmt == "xml":
        return parse_fcdo_xml({"primary": UK / "UK-Sanctions-List.xml"}, "uk_fcdo", None)
    return parse_fcdo_csv({"primary": UK / "UK-Sanctions-List.csv"}, "uk_fcdo", None)


@pytest.mark.parametrize("fmt", ["xml", "csv"])
def test_designations_become_entities(fmt: str) -> None:
    parsed = _parse(fmt)
    assert parsed.version == "2026-02-27"
    entities = {e.id: e for e in parsed.entities}
    komid = entities["ukfcdo-DPR0001"]
    assert komid.schema == "Organization"
    assert komid.caption == "KOREA MINING DEVELOPMENT TRADING CORPORATION"  # the primary name
    assert set(komid.get("alias")) == {"KOMID", "CHANGGWANG SINYONG CORPORATION"}
    assert komid.extra == {"unReference": "KPe.001", "ofsiGroupId": "10892"}
    assert komid.listing_date == "2009-04-27"
    assert komid.get("country") == ("kp",)
    person = entities["ukfcdo-DPR0123"]
    assert person.caption == "Cho'ng Nam YO'N" and person.get("lastName") == ("YO'N",)
    assert person.get("birthDate")[0] == "1961"
    assert person.get("nationality") == ("kp",) and person.get("gender") == ("male",)
    assert "연정남" in person.get("alias")
    assert entities["ukfcdo-RUS1800"].get("imoNumber") == ("9187629",)


def test_xml_and_csv_give_the_same_entities() -> None:
    xml = {e.id: e for e in _parse("xml").entities}
    csv = {e.id: e for e in _parse("csv").entities}
    assert set(xml) == set(csv)
    for key, entity in xml.items():
        for prop in ("name", "alias", "country", "nationality", "imoNumber", "position"):
            assert set(entity.get(prop)) == set(csv[key].get(prop)), (key, prop)


def test_a_designation_without_a_type_is_an_error_naming_it(tmp_path: Path) -> None:
    bad = tmp_path / "UK-Sanctions-List.xml"
    bad.write_text("<Designations><Designation><UniqueID>X1</UniqueID><Names><Name>"
                   "<Name6>A</Name6></Name></Names></Designation></Designations>",
                   encoding="utf-8")
    with pytest.raises(ListParseError, match="X1.*IndividualEntityShip"):
        parse_fcdo_xml({"primary": bad}, "uk_fcdo", None)
