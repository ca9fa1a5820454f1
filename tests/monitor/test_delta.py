"""Delta re-screening in-process: stored subjects against only what a real UN update changed
(``listupdate.py``: KIM YONG CHOL listed, KIM KWANG-IL delisted, ERIC BADEGE's birth date)."""

from __future__ import annotations

from pathlib import Path

from listupdate import ADDED, CHANGED, REMOVED, SUBJECTS, ListUpdate, person

from sanctionwatch.index import Index
from sanctionwatch.monitor import SubjectKeys, rescreen_delta, screen_in_process
from sanctionwatch.monitor.delta import delta_index, to_match
from sanctionwatch.monitor.subjects import refresh
from sanctionwatch.screen import ScreeningConfig

CONFIG = ScreeningConfig()


def test_the_update_is_one_added_one_removed_one_changed(un_update: ListUpdate) -> None:
    diff = un_update.diff
    assert [e.id for e in diff.added] == [ADDED]
    assert [e.id for e in diff.removed] == [REMOVED]
    assert [(c.new.id, c.fields) for c in diff.changed] == [(CHANGED, ("birthDate",))]


def test_delta_rescreening_finds_only_the_updated_entities(un_update: ListUpdate) -> None:
    subjects = list(SUBJECTS.items())
    result = rescreen_delta(subjects, un_update.diff.updated(), un_update.new_index,
                            screen_in_process, config=CONFIG)
    assert {(h.subject, h.entity_id) for h in result.hits} == {("badege", CHANGED),
                                                               ("kim_yong", ADDED)}
    assert (result.subjects, result.screened, result.entities) == (4, 4, 2)
    match = to_match(result.hits[0], un_update.new)
    assert match.entity is un_update.new.entities[CHANGED]
    assert match.datasets == ("un_sc",) and match.explanation.features


def test_nothing_updated_screens_nothing(un_update: ListUpdate) -> None:
    result = rescreen_delta([("a", SUBJECTS["badege"])], [], un_update.new_index, screen_in_process,
                            config=CONFIG)
    assert (result.hits, result.screened, result.subjects) == ((), 0, 1)


def test_a_subject_that_cannot_be_screened_is_rejected_with_its_reason(
        un_update: ListUpdate) -> None:
    nameless = person("")
    result = rescreen_delta([("nameless", nameless), ("kim_yong", SUBJECTS["kim_yong"])],
                            un_update.diff.updated(), un_update.new_index, screen_in_process,
                            config=CONFIG)
    assert result.rejected == (("nameless", "query: give a name or an identifier to screen"),)
    assert result.screened == 1 and [h.subject for h in result.hits] == ["kim_yong"]


def test_subject_keys_screen_only_candidates_with_the_same_hits(
        un_update: ListUpdate, tmp_path: Path) -> None:
    updated, new = un_update.diff.updated(), un_update.new_index
    subjects = list(SUBJECTS.items())
    subjects += [(f"other{i}", person(name)) for i, name in enumerate(
        ["Ирина Петрова", "王伟", "Hans Müller", "محمد علي", "Erik Badeg", "김영철"])]
    path = tmp_path / "keys.pkl"
    keys = refresh(path, subjects)
    assert len(keys) == len(subjects)
    everyone = rescreen_delta(subjects, updated, new, screen_in_process, config=CONFIG)
    filtered = rescreen_delta(subjects, updated, new, screen_in_process, config=CONFIG,
                              keys=keys)
    assert filtered.hits == everyone.hits
    assert filtered.screened < everyone.screened == len(subjects)
    small = delta_index(updated, new)
    assert small is not None
    candidates = keys.candidates(small)
    for subject in ("badege", "kim_yong", "other4", "other5"):  # typo and Hangul included
        assert subject in candidates
    assert "other0" not in candidates
    edited = [(k, person("Jane Smyth") if k == "smith" else e) for k, e in subjects]
    again = refresh(path, edited)
    assert again.hashes != keys.hashes and again.subjects == keys.subjects
    fresh = SubjectKeys.build(edited)  # reusing the unchanged subjects' slots is invisible
    assert (again.flat, again.key_offsets, again.slot_offsets, again.slot_form) == (
        fresh.flat, fresh.key_offsets, fresh.slot_offsets, fresh.slot_form)
    assert [again.vocabulary[t] for t in again.slot_token] == [
        fresh.vocabulary[t] for t in fresh.slot_token]
    assert SubjectKeys.load(path) is not None
    path.write_bytes(b"not a pickle")
    assert SubjectKeys.load(path) is None


def test_subjects_sharing_too_little_of_their_name_with_the_change_are_not_screened(
        index: Index) -> None:
    """Against the whole bundled list "ali" and "muhammad" are common (on hundreds of names):
    a search only proposes a name when the query tokens hitting it carry half the query's
    token weight, so "Ali Hassan Wardak" cannot reach HAMSHO, Ali Muhammad through "Ali"
    alone, while "Muhammad Ali", all of whose weight is shared, can and is screened."""
    from faker import Faker

    hamsho = index.collection.entities["ofac-29070"]
    subjects = [("wardak", person("Ali Hassan Wardak")),
                ("common", person("Muhammad Ali")),
                ("hamsho", person("Hamsho Ali", "1998-11-03")),
                ("typo", person("Ali Muhammad Hamshoo"))]
    fake = Faker("ar_AA")
    fake.seed_instance(5)
    subjects += [(f"ar{i}", person(fake.name())) for i in range(150)]
    small = delta_index([hamsho], index)
    assert small is not None
    keys = SubjectKeys.build(subjects)
    candidates = keys.candidates(small)
    assert {"common", "hamsho", "typo"} <= set(candidates)
    assert "wardak" not in candidates
    assert len(candidates) < len(subjects) / 2
    everyone = rescreen_delta(subjects, [hamsho], index, screen_in_process, config=CONFIG)
    chosen = rescreen_delta(subjects, [hamsho], index, screen_in_process, config=CONFIG,
                            keys=keys)
    assert chosen.hits == everyone.hits
    assert {h.subject for h in chosen.hits} >= {"hamsho", "typo"}
