"""The FCDO UK Sanctions List XML, on a hand-written file in the documented shape."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctionwatch.exc import ListParseError
from sanctionwatch.sources.uk_fcdo import parse_fcdo_xml

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "uk" / "UK-Sanctions-List.xml"


def test_designations_become_entities() -> None:
    parsed = parse_fcdo_xml({"primary": FIXTURE}, "uk_fcdo", None)
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
    assert person.get("birthDate") == ("1961", "1962-11-05")
    assert person.get("nationality") == ("kp",) and person.get("gender") == ("male",)
    assert "연정남" in person.get("alias")
    assert entities["ukfcdo-RUS1800"].get("imoNumber") == ("9187629",)


def test_a_designation_without_a_type_is_an_error_naming_it(tmp_path: Path) -> None:
    bad = tmp_path / "UK-Sanctions-List.xml"
    bad.write_text("<Designations><Designation><UniqueID>X1</UniqueID><Names><Name>"
                   "<Name6>A</Name6></Name></Names></Designation></Designations>",
                   encoding="utf-8")
    with pytest.raises(ListParseError, match="X1.*IndividualEntityShip"):
        parse_fcdo_xml({"primary": bad}, "uk_fcdo", None)
