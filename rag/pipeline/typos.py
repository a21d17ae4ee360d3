"""Typing slips in a question, mended against the corpus's own vocabulary.

A word of four letters or more that no passage writes (in any diacritics), but that becomes a
corpus word when two neighbouring letters are swapped back or a doubled-in letter is taken out,
is read as that word: "sơn thịhn hạ" → "sơn thịnh hạ", "điện thoiạ" → "điện thoại", "bao nheiu"
→ "bao nhieu". The letters keep the marks the user typed. A changed letter is never mended (in
Vietnamese that is usually another word: "nóng" / "nông"), and neither is a word with two or more
such readings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from rag.text import fold

MIN_LETTERS = 4  # shorter words are abbreviations ("ubnd", "kh") or too close to others
_WORD_RE = re.compile(r"[^\W\d_]+")
_VOWEL_RE = re.compile(r"[aeiouy]")


def _slips_undone(word: str) -> Iterator[str]:
    """The word with two neighbouring letters swapped back, or with one letter taken out."""
    for i in range(len(word) - 1):
        if word[i] != word[i + 1]:
            yield word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    for i in range(len(word)):
        yield word[:i] + word[i + 1 :]


def mend_word(word: str, knows: Callable[[str], bool]) -> str:
    """The corpus word `word` was meant to be, or `word` itself. `knows(folded)`: whether the
    corpus writes that folded word."""
    folded = fold(word)
    if len(folded) < MIN_LETTERS or len(folded) != len(word) or not _VOWEL_RE.search(folded):
        return word
    if knows(folded):
        return word
    found: dict[str, str] = {}
    for candidate in _slips_undone(word):
        key = fold(candidate)
        if key not in found and knows(key):
            found[key] = candidate
    return next(iter(found.values())) if len(found) == 1 else word


def mend_typos(text: str, knows: Callable[[str], bool]) -> str:
    """The question with every mendable slip mended (see the module docstring)."""
    return _WORD_RE.sub(lambda m: mend_word(m.group(0), knows), text)
