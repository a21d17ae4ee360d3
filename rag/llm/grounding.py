"""Grounding check: every checkable claim of a generated answer must occur in the passages it cites.

Claims are numbers, percentages, dates, document numbers (57-NQ/TW, 2244/QĐ-TTg), money amounts,
agency names (Phòng …, Sở …, UBND …), web addresses and spelled-out numbers. Text is compared
after normalisation (rag.text.fold, one dash, no spaces around "/" and "-", "Ủy ban nhân dân" ->
"ubnd", verbal dates -> d/m/y, no leading zeros in dates, "80 %" -> "80%").

Attribution is per line: a claim on a line with [n] markers must occur in the passages cited on
that line; a line without markers is checked against every passage the answer cites. An answer
that cites nothing, or cites a passage it was not given, fails.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rag.text import fold, nfc, normalize
from rag.understand.values import has_lone_percent

_CITE_RE = re.compile(r"\[\s*(\d{1,3}(?:\s*[,;–-]\s*\d{1,3})*)\s*\]")
_ENUM_RE = re.compile(r"(?m)^\s*(?:\d{1,2}[.)]|[-•*+])\s+")
_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−"), "-")
_NUMTOK_RE = re.compile(r"(?<![a-z0-9])[0-9][0-9a-z]*(?:[./,%-][0-9a-z]+)*%?")
_GROUPED_RE = re.compile(r"^\d{1,3}(?:[.,]\d{3})+$")
_MONEY_RE = re.compile(
    r"(?<![a-z0-9./,-])(\d+(?:[.,]\d+)*)\s+(trieu|ty|ti|nghin|ngan|dong|vnd)(?![a-z0-9])"
)
_URL_RE = re.compile(r"(?:https?://)?(?:[a-z0-9-]+\.)+(?:gov\.vn|vn|com|net|org|io)(?:/[^\s)\]]*)?")
_AGENCY_RE = re.compile(
    r"(?<![\wÀ-ỹ])(Văn phòng|Phòng|Trung tâm|Công an|Sở|Bộ|UBND|HĐND|Ban|Đoàn|Hội|Bưu điện|Chi cục|Cục|Tổ)(?![\wÀ-ỹ])"
)
_WORD_AFTER_RE = re.compile(r"\s+([\wÀ-ỹ]+(?:-[\wÀ-ỹ]+)*)")
_PLACE_WORDS = {"xã", "huyện", "tỉnh", "phường", "thị", "thành"}
_STOP_SECOND = {
    "và",
    "chủ",
    "phối",
    "có",
    "là",
    "được",
    "thực",
    "để",
    "của",
    "với",
    "trong",
    "cho",
    "các",
    "những",
    "đã",
    "sẽ",
    "cần",
    "phải",
    "tại",
    "theo",
    "về",
    "từ",
}
_SPELLED = ("mười", "mươi", "trăm", "nghìn", "ngàn")


@dataclass
class GroundingResult:
    ok: bool
    reason: str = ""
    cited: list[int] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def canon(text: str) -> str:
    """Normalise text for claim matching (see module docstring)."""
    t = fold(nfc(text).translate(_DASHES).replace("\u00a0", " "))
    t = t.replace("uy ban nhan dan", "ubnd").replace("hoi dong nhan dan", "hdnd")
    t = re.sub(r"\s*/\s*", "/", t)
    t = re.sub(r"(?<=[a-z0-9])\s*-\s*(?=[a-z0-9])", "-", t)
    t = re.sub(r"\bngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})\b", r"\1/\2/\3", t)
    t = re.sub(r"\bthang (\d{1,2}) nam (\d{4})\b", r"thang \1/\2", t)
    t = re.sub(r"(\d)\s*(?:%|phan tram)", r"\1%", t)
    t = re.sub(
        r"(?<![0-9/])(\d{1,2})/(\d{1,2})/(\d{4})(?![0-9])",
        lambda m: f"{int(m[1])}/{int(m[2])}/{m[3]}",
        t,
    )
    t = re.sub(r"(?<![0-9/])(\d{1,2})/(\d{4})(?![0-9])", lambda m: f"{int(m[1])}/{m[2]}", t)
    t = re.sub(r"(?<![0-9.,/])0+(?=\d+/\d)|(?<=[0-9]/)0+(?=\d)", "", t)
    return " ".join(t.split())


def cited_numbers(text: str) -> list[int]:
    """Passage numbers cited with [n], [n, m] or [n-m], in order of first appearance."""
    out: list[int] = []
    for m in _CITE_RE.finditer(text):
        for part in re.split(r"\s*[,;]\s*", m.group(1)):
            if re.search(r"[–-]", part):
                a, b = (int(x) for x in re.split(r"\s*[–-]\s*", part))
                nums = list(range(a, b + 1)) if 0 <= b - a <= 20 else [a, b]
            else:
                nums = [int(part)]
            out.extend(n for n in nums if n not in out)
    return out


def _num_key(tok: str) -> str:
    tok = tok.rstrip(".,-")
    return tok.replace(".", "").replace(",", "") if _GROUPED_RE.match(tok) else tok


def _numeric_tokens(ctext: str) -> set[str]:
    return {_num_key(t) for t in _NUMTOK_RE.findall(ctext)}


_UNITS = {"ti": "ty", "ngan": "nghin", "vnd": "dong"}


def _money(ctext: str) -> list[str]:
    return [f"{_num_key(m[1])} {_UNITS.get(m[2], m[2])}" for m in _MONEY_RE.finditer(ctext)]


_COUNCILS_RE = re.compile(r"(?i)\b(?:ủy|uỷ) ban nhân dân\b|\bhội đồng nhân dân\b")


def _agencies(line: str) -> list[str]:
    """Agency mentions (original casing) -> canonical claim strings."""
    claims = []
    line = _COUNCILS_RE.sub(lambda m: "HĐND" if m[0].lower().startswith("h") else "UBND", nfc(line))
    for m in _AGENCY_RE.finditer(line):
        rest = line[m.end() :]
        w1 = _WORD_AFTER_RE.match(rest)
        if not w1:
            continue
        first = w1.group(1)
        if not (first[0].isupper() or first.lower() in _PLACE_WORDS):
            continue
        words = [m.group(1), first]
        if first[0].isupper() and not first.isupper():
            w2 = _WORD_AFTER_RE.match(rest[w1.end() :])
            if w2 and w2.group(1).lower() not in _STOP_SECOND:
                words.append(w2.group(1))
        claims.append(canon(" ".join(words)))
    return claims


def claims_of(line: str) -> list[tuple[str, str]]:
    """(kind, canonical claim) pairs found in one line of generated text."""
    line = _CITE_RE.sub(" ", line)
    ctext = canon(line)
    found: list[tuple[str, str]] = []
    for tok in _NUMTOK_RE.findall(ctext):
        tok = tok.rstrip(".,-")
        if re.search(r"[a-z]", tok) and re.search(r"[/-]", tok):
            kind = "document"
        elif "/" in tok:
            kind = "date"
        elif tok.endswith("%"):
            kind = "percent"
        else:
            kind = "number"
        found.append((kind, tok))
    found += [("money", m) for m in _money(ctext)]
    found += [("url", u.rstrip(".,/")) for u in _URL_RE.findall(ctext)]
    found += [("agency", a) for a in _agencies(line)]
    low = normalize(line).replace("phần trăm", "%")
    found += [("spelled", w) for w in _SPELLED if re.search(rf"(?<![\wÀ-ỹ]){w}(?![\wÀ-ỹ])", low)]
    return found


def _occurs(kind: str, claim: str, hay: str, hay_norm: str, hay_nums: set[str]) -> bool:
    if kind == "spelled":
        return claim in hay_norm
    if kind == "money":
        return claim in hay_nums
    if kind in ("number", "percent", "date", "document"):
        key = _num_key(claim)
        if key in hay_nums:
            return True
        if kind == "percent" and _num_key(claim[:-1]) in hay_nums and has_lone_percent(hay):
            return True  # "75%" from a value "75" in a table whose unit column says "%"
    return re.search(rf"(?<![a-z0-9]){re.escape(claim)}(?![a-z0-9])", hay) is not None


def check(text: str, passages: list[str]) -> GroundingResult:
    """Check generated text against the passage texts it was given (numbered from 1)."""
    body = text.strip()
    if not body:
        return GroundingResult(False, "empty")
    cited = cited_numbers(body)
    bad = [n for n in cited if not 1 <= n <= len(passages)]
    if bad:
        return GroundingResult(False, f"invalid_citation:{bad[0]}", cited)
    if not cited:
        return GroundingResult(False, "no_citation")
    canon_p = {n: canon(passages[n - 1]) for n in cited}
    norm_p = {n: normalize(passages[n - 1]) for n in cited}
    nums_p = {n: _numeric_tokens(canon_p[n]) | set(_money(canon_p[n])) for n in cited}
    problems: list[str] = []
    for raw in body.split("\n"):
        line = _ENUM_RE.sub("", raw)
        if not line.strip():
            continue
        scope = cited_numbers(line) or cited
        hay = " \n ".join(canon_p[n] for n in scope)
        hay_norm = " \n ".join(norm_p[n] for n in scope)
        hay_nums = set().union(*(nums_p[n] for n in scope))
        for kind, claim in claims_of(line):
            if not _occurs(kind, claim, hay, hay_norm, hay_nums):
                problems.append(f"{kind}:{claim}")
    if problems:
        return GroundingResult(False, f"ungrounded:{problems[0]}", cited, problems)
    return GroundingResult(True, "", cited)
