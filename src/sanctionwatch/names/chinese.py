"""Chinese names in Latin letters: pinyin readings from pypinyin's dictionaries.

pypinyin reads characters in context (its phrase dictionary picks 重庆 chong qing, not zhong),
one token per character. A person's name is short and starts with the surname, whose reading
often differs from the character's everyday one (曾 is zeng as a surname, ceng in words; 单 is
shan, not dan): every reading of the first character gives a form of its own.
"""

from __future__ import annotations

from sanctionwatch.names.text import HAN, char_script

#: a Han name this short (in characters) may be a person's: surname readings are tried
PERSON_LENGTH = 4
#: at most this many other readings of the surname
SURNAME_READINGS = 2


def pinyin_readings(text: str) -> list[str]:
    """The pinyin of a Han text (other characters kept), then its other surname readings."""
    # pypinyin loads its dictionaries on import (about 0.3 s): only a name in Han needs them
    from pypinyin import Style, lazy_pinyin, pinyin

    syllables = lazy_pinyin(text, style=Style.NORMAL, v_to_u=True)
    out = [" ".join(syllables)]
    chars = text.replace(" ", "")
    if not 2 <= len(chars) <= PERSON_LENGTH or any(char_script(c) != HAN for c in chars):
        return out
    readings = pinyin(text[0], style=Style.NORMAL, heteronym=True, v_to_u=True)[0]
    for reading in readings:
        if reading != syllables[0] and len(out) <= SURNAME_READINGS:
            out.append(" ".join([reading, *syllables[1:]]))
    return out
