"""Which writing system a name is written in, as the labelled set and its report name them."""

from __future__ import annotations

import unicodedata
from collections import Counter

#: The scripts the labelled set is broken down by; anything else counts as "Other".
SCRIPTS: tuple[str, ...] = ("Latin", "Cyrillic", "Arabic", "Hangul", "Han", "Other")

_PREFIXES: tuple[tuple[str, str], ...] = (
    ("LATIN", "Latin"),
    ("CYRILLIC", "Cyrillic"),
    ("ARABIC", "Arabic"),
    ("HANGUL", "Hangul"),
    ("CJK", "Han"),
)


def script_of(text: str) -> str:
    """The writing system of most letters in ``text`` (``Latin`` when it has none)."""
    counts: Counter[str] = Counter()
    for char in text:
        if not char.isalpha():
            continue
        name = unicodedata.name(char, "")
        counts[next((s for p, s in _PREFIXES if name.startswith(p)), "Other")] += 1
    if not counts:
        return "Latin"
    return counts.most_common(1)[0][0]


def pair_script(name1: str, name2: str) -> str:
    """A pair's script: the non-Latin one of its two names, else Latin."""
    scripts = [script_of(name1), script_of(name2)]
    return next((s for s in scripts if s != "Latin"), "Latin")
