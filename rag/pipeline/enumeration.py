"""A body sentence that enumerates what a "<verb> những <noun> nào" question asks.

"Kế hoạch ưu tiên những đối tượng nào?" is answered by the sentence "…, ưu tiên người cao tuổi,
người khuyết tật và hộ nghèo." even though it never says "đối tượng": the noun only names the
kind of the items; the key is the verb phrase right before "những/các", followed in the
sentence by two or more items (joined by "," or "và").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.text import fold, nfc

# "<key words> những|các <noun…> nào|gì" (folded question).
_ASK_RE = re.compile(
    r"(?P<key>(?:[a-z0-9]+ ){1,4})(?:nhung|cac|nhom) (?P<noun>(?:[a-z]+ ){0,3}?[a-z]+) (?:nao|gi)\b"
)
# Words around the key phrase that say nothing of it.
_FILLER = frozenset(
    "ke hoach kh cua xa phuong co la se da dang duoc de ra dat trong nay do thi va cho biet hay"
    " ve voi tai o".split()
)
# Words a key phrase may not end with: it would match any sentence ("có", "gồm", "là").
_WEAK_KEYS = frozenset("gom bao gom nhu sau co la".split())
_SENTENCE_RE = re.compile(r"[^.;!?\n]+")
_MIN_KEY_SYLLABLES = 2
_MAX_ITEM_WORDS = 12


@dataclass(frozen=True)
class EnumerationAsk:
    """What a list question names: its key phrase (folded) and the kind of items."""

    key: str
    noun: str
    typed: str = ""  # the key as typed, when typed with diacritics


def read_ask(question: str, drop: list[str] | tuple[str, ...] = ()) -> EnumerationAsk | None:
    """The key phrase and noun of "<key> những <noun> nào", or None. `drop`: names (communes)
    to remove first."""
    folded = fold(question)
    for name in drop:
        folded = re.sub(rf"\b(?:xa |phuong )?{re.escape(fold(name))}\b", " ", folded)
    folded = " ".join(re.findall(r"[a-z0-9]+", folded)) + " "
    m = _ASK_RE.search(folded)
    if m is None:
        return None
    # The key is the run of words right before "những": a filler or a weak word there
    # ("… gồm những", "… trong những lĩnh vực") means the verb does not take the items.
    words: list[str] = []
    for w in reversed(m.group("key").split()):
        if w in _FILLER or w in _WEAK_KEYS:
            break
        words.insert(0, w)
    if len(words) < _MIN_KEY_SYLLABLES:
        return None
    key = words[-3:]
    return EnumerationAsk(" ".join(key), m.group("noun"), _as_typed(question, key))


def _as_typed(question: str, key: list[str]) -> str:
    """The key phrase as the question typed it (lower case, with its diacritics), or "" when it
    was typed without them: "lập" must not find "lắp", while "lap" may mean either."""
    typed = re.findall(r"[^\W_]+", nfc(question).lower())
    folded = [fold(t) for t in typed]
    for i in range(len(folded) - len(key), -1, -1):
        if folded[i : i + len(key)] == key:
            words = typed[i : i + len(key)]
            return " ".join(words) if any(w != f for w, f in zip(words, key, strict=True)) else ""
    return ""


def enumerating_sentence(ask: EnumerationAsk, text: str) -> str:
    """The sentence of `text` where the key phrase is followed directly by two or more items
    ("ưu tiên A, B và C"), from the key phrase on; "" when there is none."""
    key = ask.key
    for m in _SENTENCE_RE.finditer(text):
        sentence = " ".join(m.group(0).split())
        folded = fold(sentence)
        if len(folded) != len(sentence):
            continue
        at = re.search(rf"(?<![a-z0-9]){re.escape(key)}(?![a-z0-9])", folded)
        if at is None:
            continue
        if ask.typed and sentence[at.start() : at.end()].lower() != ask.typed:
            continue  # same letters, other word ("lắp đặt" for "lập")
        rest = sentence[at.end() :].strip()
        if not rest or not rest[0].isalnum():
            continue  # "chủ trì, phối hợp …": the phrase is not followed by its items
        items = [p for p in re.split(r",\s*|\s+và\s+|\s+hoặc\s+", rest) if p.strip()]
        if len(items) < 2 or any(len(p.split()) > _MAX_ITEM_WORDS for p in items):
            continue
        return sentence
    return ""
