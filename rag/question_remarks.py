"""Remarks a user adds about the document rather than about the topic asked.

"… rốt cuộc là bao nhiêu, 2 chỗ ghi không giống nhau": the clause that says the plan disagrees
with itself and the discourse word "rốt cuộc" name no topic; left in, their words ("chỗ", "ghi",
"giống") look like topics the plan does not mention and the question is refused. The answer
already shows both values when a plan states two, so these remarks are dropped before analysis.
"""

from __future__ import annotations

import re

from rag.text import fold

# A clause saying two statements disagree ("không giống nhau", "khác nhau", "không khớp", "vênh").
_DISAGREE_RE = re.compile(
    r"\b(?:(?:khong|ko|k|chang)\s+(?:giong|khop|trung|thong nhat)|khac nhau|lech nhau|"
    r"venh(?:\s+nhau)?|mau thuan|chenh(?:\s+lech)?\s+nhau)\b"
)
# A clause asking whether the plan says otherwise somewhere ("có chỗ nào ghi khác không",
# "nơi khác ghi khác ko"): it asks about the document, the answer shows the other statement.
_ASKS_OTHERWISE_RE = re.compile(
    r"\b(?:(?:cho|noi|phan|muc|doan|dau)\s+(?:nao\s+|khac\s+)?)(?:lai\s+)?"
    r"(?:ghi|neu|noi|viet|de)\s+khac\b"
)
# A clause that still asks for something is part of the question, not a remark.
_ASKS_RE = re.compile(r"\b(?:bao nhieu|bn|may|nao|gi|the nao|ra sao|sao|ai|khi nao|bao gio)\b")
# Discourse words meaning "in the end": no topic.
_FILLER = (("rot", "cuoc"), ("rot", "cuc"))
_CLAUSE_RE = re.compile(r"[^,;.!?]+[,;.!?]*")


def _without_filler(text: str) -> str:
    toks = text.split(" ")
    folded = [fold(t.strip(",;.!?")) for t in toks]
    out: list[str] = []
    i = 0
    while i < len(toks):
        if tuple(folded[i : i + 2]) in _FILLER:
            tail = toks[i + 1][len(toks[i + 1].rstrip(",;.!?")) :]
            if tail and out:
                out[-1] += tail
            i += 2
            continue
        out.append(toks[i])
        i += 1
    return " ".join(out)


def without_document_remarks(text: str) -> str:
    """The question without its remarks on the document: a clause saying two statements of the
    plan disagree (when another clause carries the question) and the filler "rốt cuộc"."""
    clauses = _CLAUSE_RE.findall(text)
    if len(clauses) > 1:
        kept = [
            c
            for c in clauses
            if not (_DISAGREE_RE.search(fold(c)) and not _ASKS_RE.search(fold(c)))
            and not _ASKS_OTHERWISE_RE.search(fold(c))
        ]
        if kept and len(kept) < len(clauses):
            text = "".join(kept).strip().rstrip(",;")
    cleaned = _without_filler(text)
    return re.sub(r"\s+", " ", cleaned).strip() or text
