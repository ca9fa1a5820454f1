"""Arabic names, written apart as their Latin spellings are before transliteration.

The Latin lists write the article apart (الحصري, AL-HASRI) and the "Abd al-" of a compound
too (عبدالرحيم, ABD AL RAHIM, ABDUL RAHIM); the tatweel (ـ), a stretch of the line, is no letter.
"""

from __future__ import annotations

_TATWEEL = "\u0640"
_ALLAH = frozenset({"الله", "اللہ"})
_ABD_AL = "عبدال"


def _split_article(text: str) -> str:
    """Write the Arabic article apart ("الحصري" -> "ال حصري"), as Latin spellings do
    (AL-HASRI), also after the "عبد" of a compound written as one word ("عبدالرحيم" ->
    "عبد ال رحيم", ABD AL RAHIM, ABDUL RAHIM); "الله" (Allah) stays whole ("عبد الله")."""
    words = []
    for word in text.split():
        if word.startswith(_ABD_AL) and len(word) > len(_ABD_AL) + 1:
            words.append(_ABD_AL[:3])
            word = word[3:]
        if word.startswith("ال") and len(word) > 3 and word not in _ALLAH:
            word = "ال " + word[2:]
        words.append(word)
    return " ".join(words)


def arabic_words(text: str) -> str:
    """An Arabic name without tatweel, its article and "Abd al-" compounds written apart."""
    return _split_article(text.replace(_TATWEEL, ""))
