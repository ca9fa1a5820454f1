"""Diffs between two versions of the real UN list: one copy edited the way publishers do
(an entry delisted, a name corrected), compared through the same loader the CLI uses."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from sanctionwatch.model import Collection
from sanctionwatch.settings import BUNDLED_LISTS
from sanctionwatch.sources import load_collection
from sanctionwatch.sources.diff import content_hash, diff_collections, diff_entities
from sanctionwatch.store.hashing import entity_hash

DATA_DIR = BUNDLED_LISTS
UN_XML = DATA_DIR / "un" / "consolidated.xml"


@pytest.fixture(scope="module")
def un() -> Collection:
    return load_collection(DATA_DIR, only=["un_sc"])


def test_the_same_list_has_no_changes(un: Collection) -> None:
    diff = diff_collections(un, un)
    assert diff.is_empty
    assert diff.counts() == {"added": 0, "removed": 0, "changed": 0, "unchanged": len(un)}


def test_a_delisted_and_a_corrected_entry_show_as_removed_and_changed(
        un: Collection, tmp_path: Path) -> None:
    text = UN_XML.read_text(encoding="utf-8")
    start = text.index("<INDIVIDUAL>", text.index("<REFERENCE_NUMBER>CDi.001") - 400)
    # delist the second individual; correct the first one's surname
    second = text.index("<INDIVIDUAL>", start + 1)
    end = text.index("</INDIVIDUAL>", second) + len("</INDIVIDUAL>")
    edited = text[:second] + text[end:]
    edited = edited.replace("<SECOND_NAME>BADEGE</SECOND_NAME>",
                            "<SECOND_NAME>BADEGGE</SECOND_NAME>", 1)
    (tmp_path / "un").mkdir()
    (tmp_path / "un" / "consolidated.xml").write_text(edited, encoding="utf-8")
    new = load_collection(tmp_path, only=["un_sc"])
    diff = diff_collections(un, new)
    assert diff.counts() == {"added": 0, "removed": 1, "changed": 1, "unchanged": len(un) - 2}
    assert diff.changed[0].new.id == "un-CDi.001"
    assert "name" in diff.changed[0].fields
    assert diff.changed[0].to_dict()["new"]["name"] == ["ERIC BADEGGE"]
    assert [e.id for e in diff.updated()] == ["un-CDi.001"]
    back = diff_collections(new, un)
    assert [e.id for e in back.added] == [e.id for e in diff.removed]


def test_the_hash_ignores_value_order_and_the_list_date_but_not_content(
        un: Collection) -> None:
    kim = next(e for e in un if len(e.get("alias")) > 1)
    shuffled = replace(kim, properties={**kim.properties,
                                        "alias": tuple(reversed(kim.get("alias")))},
                       version="2099-01-01")
    assert content_hash(shuffled) == content_hash(kim)
    renamed = replace(kim, properties={**kim.properties, "name": ("Someone Else",)})
    assert content_hash(renamed) != content_hash(kim)
    relisted = replace(kim, datasets=(*kim.datasets, "ofac_sdn"))
    assert content_hash(relisted) != content_hash(kim)


def test_the_hash_is_the_one_the_store_keeps_on_alerted_matches(un: Collection) -> None:
    for entity in list(un)[:50]:
        assert content_hash(entity) == entity_hash(entity)


def test_added_entities_are_sorted_by_id(un: Collection) -> None:
    entities = dict(list(un.entities.items())[:10])
    diff = diff_entities({}, entities)
    assert [e.id for e in diff.added] == sorted(entities)
    assert diff.to_dict()["counts"]["added"] == 10
