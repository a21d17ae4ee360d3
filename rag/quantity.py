"""Is an asked quantity stated? "xã X có bao nhiêu hộ nghèo?" is answered only by a passage with a
number next to "hộ nghèo"; a passage that merely mentions "hộ nghèo" in a task does not state it.

`asked_phrase` finds the words a quantity question is about (the content words around "bao nhiêu",
"mấy", "tỷ lệ", "số lượng"), and `anchored` tells whether a text holds those words with a number
nearby. The composer turns this into a feature of the fitted answer-or-refuse decision.
"""

from __future__ import annotations

import re

from rag.text import fold, has_diacritics, words, words_exact

WINDOW = 3  # content words taken on each side of the quantity cue
NEAR = 8  # a number at most this many words from the phrase states it

# Quantity cues as folded word tuples; "mấy" only with its diacritics (folded it is "máy").
_CUES = [("bao", "nhieu"), ("bn",), ("ty", "le"), ("ti", "le"), ("so", "luong"), ("tong", "so")]
_EXACT_CUES = {"mấy"}
_PLAIN_MAY_NOT_BEFORE = {"tinh", "moc", "chu", "quet", "in", "lanh", "bay", "xuc", "phat", "chieu"}
# Words around a cue that say nothing about what is counted.
_NOISE = set(
    """
    ke hoach kh xa phuong thi tran thon o tai cua va cac nhung nao gi the sao khong ko co duoc
    dc cho trong den voi ve theo nay do thi ma hay hoac nhu khi hien nay tong la bao nhieu may
    bn biet hoi vay nhi a ah ad nguoi cai chiec dang da se con nam thang ngay tren duoi khoang
    tam chung minh toi em anh ban xin mot hien roi nua chua ha nhe
    """.split()
)
# Multi-word noise removed before the window is taken.
_NOISE_PHRASES = [("chi", "tieu"), ("muc", "tieu"), ("phan", "dau"), ("don", "vi"), ("hien", "tai")]
_NUMBER_RE = re.compile(r"\d")
# A clause "label: number" (up to 30 words of label, no other clause mark before the colon).
_LABELLED_RE = re.compile(
    r"(?:^|[\n;.!?])\s*([^\n;.!?:]{3,240}):\s*(?!(?:19|20)\d\d\b|\d{1,2}/\d)\d"
)  # the number is a count, not a year or a date
_YEAR_RE = re.compile(r"^(?:19|20)\d{2}$")


def _cue_spans(question: str) -> list[tuple[int, int]]:
    exact = has_diacritics(question)
    toks = words_exact(question) if exact else words(question)
    folded = [fold(t) for t in toks]
    spans = []
    for i, w in enumerate(folded):
        for cue in _CUES:
            if tuple(folded[i : i + len(cue)]) == cue:
                spans.append((i, i + len(cue)))
        if exact and toks[i].lower() in _EXACT_CUES:
            spans.append((i, i + 1))
        elif (
            not exact
            and w == "may"
            and (i + 1 >= len(folded) or folded[i + 1] not in _PLAIN_MAY_NOT_BEFORE)
        ):
            spans.append((i, i + 1))
    return spans


def asked_phrase(question: str) -> list[str]:
    """The folded content words a quantity question counts ([] when it asks no quantity).

    Pass the question without commune names."""
    folded = [fold(t) for t in words(question)]
    spans = _cue_spans(question)
    cue_at = {i for start, end in spans for i in range(start, end)}
    skip = set(cue_at)
    for i in range(len(folded)):
        for ph in _NOISE_PHRASES:
            if tuple(folded[i : i + len(ph)]) == ph:
                skip.update(range(i, i + len(ph)))
    out: list[str] = []
    for start, end in spans:
        after = _content(folded, range(end, len(folded)), cue_at, skip)
        before = _content(folded, range(start - 1, -1, -1), cue_at, skip)[::-1]
        for w in after or before:
            if w not in out:
                out.append(w)
    return out


def _content(folded: list[str], order: range, cues: set[int], skip: set[int]) -> list[str]:
    """Up to WINDOW content words walking `order`, stopping at another cue or at "là"."""
    out: list[str] = []
    for i in order:
        w = folded[i]
        if i in cues or (w == "la" and out):
            break
        if i in skip or w in _NOISE or _NUMBER_RE.search(w):
            continue
        out.append(w)
        if len(out) >= WINDOW:
            break
    return out


def anchored(phrase: list[str], text: str, record: bool = False) -> bool:
    """The text holds words of the phrase with a number (not a year) within NEAR words; in a
    table row (`record`) anywhere in the row."""
    toks = words(text)
    wanted = set(phrase)
    numbers = [i for i, t in enumerate(toks) if _NUMBER_RE.search(t) and not _YEAR_RE.match(t)]
    if not numbers:
        return False
    hits = [i for i, t in enumerate(toks) if t in wanted]
    # Two phrase words (or the only one) must be near the same number.
    need = min(2, len(wanted))
    if record:
        return len({toks[i] for i in hits}) >= need
    for m in _LABELLED_RE.finditer(text):
        # "Số hộ … có tài khoản … đến hết năm 2026: 1.200 hộ": the number states its label
        if len(wanted & set(words(m.group(1)))) >= need:
            return True
    for n in numbers:
        near = {toks[i] for i in hits if abs(i - n) <= NEAR}
        if len(near) >= need:
            return True
    return False


# What may follow a count cue without naming a thing counted: a share, an amount of money or
# a value that a target states ("đạt bao nhiêu", "bao nhiêu %"). "phần trăm" is named by its
# first word: folded, its "trăm" would also be "trạm" (a station is counted).
_NOT_COUNTED = {*"phan ty ti le muc dat la vay nhi a ah tien trieu dong kinh phi ngan sach".split()}
_COUNT_CUES = [("bao", "nhieu"), ("bn",), ("so", "luong"), ("tong", "so")]
# "số mấy", "ngày mấy", "thứ mấy": which one (a plan's number, a date), not how many.
_WHICH = {"so", "ngay", "thang", "thu", "lan", "gio", "phong", "tang"}


def asks_count(question: str) -> bool:
    """The question counts things it names right after the cue ("có bao nhiêu hộ nghèo", "mấy
    thôn", "số lượng doanh nghiệp"), as opposed to a share or a target's value ("bao nhiêu %",
    "tỷ lệ … đạt bao nhiêu"). Such a question is answered only by a number next to those words.

    Pass the question without commune names."""
    return counted_word(question) is not None


def counted_word(question: str) -> str | None:
    """The folded word right after a count cue: what is counted, or its unit ("trạm", "km",
    "hộ" of "bao nhiêu km cáp quang"); None when the question counts nothing (see asks_count)."""
    if "%" in question:
        return None
    exact = has_diacritics(question)
    for clause in _CLAUSE_END_RE.split(question):  # "… bao nhiêu, Đại Đồng …": not counted
        found = _counted_in(clause, exact)
        if found is not None:
            return found
    return None


# Punctuation that ends a clause (a decimal point or a date's dot is followed by a digit).
_CLAUSE_END_RE = re.compile(r"[,;:?!.](?!\d)")


def _counted_in(clause: str, exact: bool) -> str | None:
    toks = words_exact(clause) if exact else words(clause)
    folded = [fold(t) for t in toks]
    for i in range(len(folded)):
        cue_end = 0
        for cue in _COUNT_CUES:
            if tuple(folded[i : i + len(cue)]) == cue:
                cue_end = i + len(cue)
        if exact and toks[i].lower() in _EXACT_CUES and (i == 0 or folded[i - 1] not in _WHICH):
            cue_end = i + 1
        if not cue_end or cue_end >= len(folded):
            continue
        nxt = folded[cue_end]
        if nxt in _NOT_COUNTED or _NUMBER_RE.search(nxt):
            continue
        if nxt in _NOISE and not (exact and _folds_into_noise(toks[cue_end])):
            continue
        return nxt
    return None


# Noise words whose folded letters are also a thing counted: the noise word only as written
# here ("mấy" is a cue, "máy" a machine; "bạn" is the reader, "bản" a village).
_NOISE_AS_WRITTEN = {"may": {"mấy", "may"}, "ban": {"bạn", "ban"}, "con": {"còn", "con"}}


def _folds_into_noise(word: str) -> bool:
    """A marked word that only its folded letters make a noise word ("máy", "bản")."""
    written = _NOISE_AS_WRITTEN.get(fold(word))
    return written is not None and word.lower() not in written
