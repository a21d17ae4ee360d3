"""Put diacritics back on a question typed without them, using the corpus's own vocabulary.

"dan so truong thanh co dien thoai thong minh" -> "dân số trưởng thành có điện thoại thông minh".
Each folded word pair is mapped to its most frequent written form in the corpus, falling back to
the most frequent form of the single word; unknown words are left as typed.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping

from rag.text import fold, has_diacritics, words_exact

_TOKEN_RE = re.compile(r"[^\W_]+(?:[.,][0-9]+)*|\s+|[^\w\s]")


# Question words rarely appear in plans; give them their usual written form.
_QUESTION_PHRASES = (
    "bao nhiêu; như thế nào; thế nào; làm sao; làm thế nào; ở đâu; khi nào; bao giờ; vì sao; tại sao; "
    "có không; được không; cần gì; mang theo gì; là gì; là ai; ai; mấy; những gì; bằng cách nào; "
    "bao nhiêu tiền; mất bao lâu; có phải; nhận ở đâu; cần mang theo; hỏi; cho hỏi; giúp tôi"
)


def restore_tables(
    texts: list[str],
) -> tuple[dict[str, str], dict[tuple[str, str], tuple[tuple[str, str], int]]]:
    """(folded word -> most frequent written form, folded word pair -> (most frequent written
    pair, number of occurrences of the folded pair)) over the texts."""
    texts = list(texts) + [_QUESTION_PHRASES] * 200
    uni: dict[str, Counter[str]] = defaultdict(Counter)
    bi: dict[tuple[str, str], Counter[tuple[str, str]]] = defaultdict(Counter)
    # Count over the whole corpus first (C speed), then fold each distinct word once.
    # Counter keeps first-seen order, so ties in most_common resolve as in a single pass.
    words: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for text in texts:
        toks = words_exact(text)
        words.update(toks)
        pairs.update(zip(toks, toks[1:], strict=False))
    folded = {t: fold(t) for t in words}
    for t, n in words.items():
        uni[folded[t]][t] += n
    for (a, b), n in pairs.items():
        bi[(folded[a], folded[b])][(a, b)] += n
    return (
        {k: c.most_common(1)[0][0] for k, c in uni.items()},
        {k: (c.most_common(1)[0][0], sum(c.values())) for k, c in bi.items()},
    )


class DiacriticRestorer:
    """From texts, or (`from_tables`) from tables with a mapping's `get`, e.g. the ones stored at
    ingest (rag.corpus_views)."""

    def __init__(self, texts: list[str]) -> None:
        self._uni, self._bi = restore_tables(texts)

    @classmethod
    def from_tables(cls, uni: Mapping, bi: Mapping) -> DiacriticRestorer:
        restorer = cls.__new__(cls)
        restorer._uni, restorer._bi = uni, bi
        return restorer

    def knows(self, folded: str) -> bool:
        """Whether the corpus writes this folded word (in any diacritics)."""
        return self._uni.get(folded) is not None

    def restore(
        self,
        question: str,
        keep_marked: bool = False,
        mistyped: Callable[[str], bool] | None = None,
    ) -> str:
        """The question with diacritics restored; a question that has any is returned unchanged,
        unless `keep_marked`: then its words typed without marks are restored and the marked
        ones kept (a question typed plain but for a word or two, see `marked_share`).
        `mistyped`: a marked word it returns True for (a form the corpus never writes, as a
        mistyped tone: "đinh danh") is restored too, when it pairs with a neighbour as the
        corpus writes the two."""
        plain_too = keep_marked or not has_diacritics(question)
        lowered = question.lower()
        if not plain_too and not (
            mistyped and any(mistyped(w) for w in _TOKEN_RE.findall(lowered) if has_diacritics(w))
        ):
            return question
        pieces = _TOKEN_RE.findall(question.lower())
        idx = [i for i, p in enumerate(pieces) if p.strip() and p[0].isalnum()]
        keys = [fold(pieces[i]) for i in idx]
        chosen: list[str | None] = [None] * len(idx)
        weight = [0] * len(idx)
        for n in range(len(idx) - 1):
            hit = self._bi.get((keys[n], keys[n + 1]))
            if hit is None:
                continue
            (a, b), count = hit
            for pos, form in ((n, a), (n + 1, b)):
                if count > weight[pos]:
                    chosen[pos], weight[pos] = form, count
        for n, key in enumerate(keys):
            if chosen[n] is None:
                chosen[n] = self._uni.get(key, pieces[idx[n]])
        # A question typed with marks keeps the case of the words it does not restore (a
        # capitalised name stays one); a plain one is read in lower case, as before.
        typed = _TOKEN_RE.findall(question) if has_diacritics(question) else None
        if typed is not None and len(typed) != len(pieces):
            typed = None
        for n, i in enumerate(idx):
            marked = has_diacritics(pieces[i])
            if plain_too and not marked:
                pieces[i] = chosen[n] or pieces[i]
            elif marked and weight[n] and mistyped and mistyped(pieces[i]):
                # only as one of a pair the corpus writes: a word of its own ("lương") stays
                pieces[i] = chosen[n] or pieces[i]
            elif typed is not None:
                pieces[i] = typed[i]
        return "".join(pieces)


_LETTERS_RE = re.compile(r"[^\W\d_]+")
_VOWEL_RE = re.compile(r"[aeiouy]")


def marked_share(question: str, names: list[str] | tuple[str, ...] = ()) -> float:
    """Share of a question's words typed with diacritics, leaving out the names given (a commune
    name may be filled in by a phone's autocomplete) and abbreviations (words without a vowel:
    "kh", "tmđt", which carry no marks). 1.0 when no word is left."""
    folded = fold(question.lower())
    text = question.lower()
    for name in names:
        key = fold(name.lower())
        if not key:
            continue
        for m in re.finditer(rf"(?<![a-z0-9]){re.escape(key)}(?![a-z0-9])", folded):
            if len(folded) == len(text):  # same offsets: blank the name out
                text = text[: m.start()] + " " * (m.end() - m.start()) + text[m.end() :]
    toks = [t for t in _LETTERS_RE.findall(text) if _VOWEL_RE.search(fold(t))]
    if not toks:
        return 1.0
    return sum(has_diacritics(t) for t in toks) / len(toks)
