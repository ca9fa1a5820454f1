"""The public surfaces of names, index, match and screen are pinned."""

from __future__ import annotations

import sanctionwatch.index
import sanctionwatch.match
import sanctionwatch.names
import sanctionwatch.screen


def test_names_exports() -> None:
    assert set(sanctionwatch.names.__all__) == {
        "INITIAL_WEIGHT", "PATRONYMIC_ENDINGS", "SKELETON_SCRIPTS", "SYLLABIC_SCRIPTS", "NameForm", "clean_text", "consonant_skeleton",
        "detect_script", "entity_name_forms", "hanja_to_hangul", "korean_key", "name_forms",
        "normalize_name", "romanize_hangul", "surname_size", "tokenize",
    }


def test_index_exports() -> None:
    assert set(sanctionwatch.index.__all__) == {"Candidate", "Index", "build_index"}


def test_match_exports() -> None:
    assert {"ALGORITHMS", "DEFAULT_ALGORITHM", "DEFAULT_THRESHOLD", "compare",
            "get_algorithm", "prepare"} <= set(sanctionwatch.match.__all__)


def test_screen_exports() -> None:
    assert set(sanctionwatch.screen.__all__) == {
        "ScreeningConfig", "prepared_entity", "screen", "warm_index"}


def test_every_export_exists() -> None:
    for module in (sanctionwatch.names, sanctionwatch.index, sanctionwatch.match,
                   sanctionwatch.screen):
        for name in module.__all__:
            assert hasattr(module, name), (module.__name__, name)
