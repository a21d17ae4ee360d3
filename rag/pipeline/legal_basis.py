"""Answer strategy: a plan's legal bases (rag.tables.bases), from the table store.

Three kinds of question:
- "Kế hoạch của xã X căn cứ vào những văn bản nào?" -> the plan's bases, most important first;
- "Kế hoạch X căn cứ nghị định nào về …?" / "… Nghị quyết 57 ban hành ngày nào?" -> the
  basis of the asked type matching the question's words, or the one the question names;
- "Những xã nào căn cứ Nghị quyết 57?" -> every plan whose bases name it.

Every line shown is the document's name as the plan writes it (number, date, issuer, title),
and each is cited with the clause it came from.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from rag.compose import Citation
from rag.pipeline.types import LEGAL_BASIS, Analysis, Draft
from rag.tables.bases import bases_in_text, rank_key
from rag.tables.legal import NUMBER_RE, merge_key
from rag.text import fold

# A question about what a plan is based on.
_CUE = re.compile(
    r"\b(can cu|dua (?:tren|vao|theo)|co so phap ly|van ban phap ly|thuc hien|trien khai|"
    r"theo|dan|trich dan|xay dung)\b"
)
_LIST = re.compile(
    r"\b(?:nhung|cac) (?:van ban|can cu)\b|\bvan ban (?:phap ly )?nao\b|\bco so phap ly\b|"
    r"\bcan cu phap ly\b|\bcan cu (?:vao )?(?:nhung )?(?:gi|dau)\b"
)
# Cues that a document the plan cites is asked about, not the plan's own content.
_STRONG = re.compile(
    r"\b(can cu|dua (?:tren|vao|theo)|co so phap ly|van ban phap ly|"
    r"(?:lam|xay dung|lap|ban hanh) (?:ke hoach|kh)(?: \(ke hoach\))?(?: nay)? theo)\b"
)  # "làm KH theo nghị quyết nào": the plan itself is made after the document
_CITES = re.compile(
    r"(?<!hướng )\b(?:dẫn|trích dẫn)\b(?! (?:đến|đầu|tới|dắt))"
)  # with diacritics: "dân" is not "dẫn"
_AUTHORITY = re.compile(
    r"\bcua (?:ubnd|uy ban|hdnd|hoi dong|tinh|thanh pho|dang|ban chap hanh|ban chi dao|bo\b|"
    r"so\b|chinh phu|thu tuong|quoc hoi|van phong)"
)
_DOC_FACT = re.compile(
    r"\b(ban hanh|ngay nao|cua ai|co quan nao|la gi|ve (?:[a-z]+ )?gi|do ai|so may|so hieu)\b"
)
_WHICH_PLANS = re.compile(
    r"\b(?:xa nao|phuong nao|ke hoach nao|dia phuong nao|nhung xa|cac xa|nhung ke hoach|"
    r"cac ke hoach|noi nao|bao nhieu xa)\b"
)
# Asked document type, folded -> the type as rag.tables.legal names it ("" = any document).
_TYPES = {
    "luat": "Luật",
    "nghi dinh": "Nghị định",
    "nd": "Nghị định",
    "nghi quyet": "Nghị quyết",
    "nq": "Nghị quyết",
    "quyet dinh": "Quyết định",
    "qd": "Quyết định",
    "chi thi": "Chỉ thị",
    "thong tu": "Thông tư",
    "tt": "Thông tư",
    "cong van": "Công văn",
    "thong bao": "Thông báo",
    "chuong trinh hanh dong": "Chương trình",
    "chuong trinh": "Chương trình",
    "ke hoach hanh dong": "Kế hoạch",
    "ke hoach": "Kế hoạch",
    "kh": "Kế hoạch",
    "van ban": "",
}
_TYPE_WORDS = "|".join(sorted(_TYPES, key=len, reverse=True))
_ASK_WORD = re.compile(r"\b(?:nao|so may|so bao nhieu|gi|so hieu)\b")
_TYPE_WORD = re.compile(rf"\b({_TYPE_WORDS})\b")
_SHORT_REF = re.compile(
    rf"\b({_TYPE_WORDS})\s*(?:\([^)]*\)\s*)?(?:so\s*)?(\d{{1,5}})(?:\s*/\s*\d{{4}})?(?![\d/-])"
    r"|\b(nq|qd|nd|kh|ct|tt)(\d{1,5})(?:/\d{4})?\b"
)
_ABBREV = {"ubnd": "uy ban nhan dan", "tthc": "thu tuc hanh chinh", "cds": "chuyen doi so"}
_STOP = set(
    "can cu dua tren vao theo thuc hien trien khai dan trich xay dung cua xa phuong ke hoach "
    "kh nao so may bao nhieu gi la va ve cho duoc ban hanh ngay co quan ai mot nhung cac "
    "hieu the nam van ban phap ly co tai dia tren mà ma do".split()
)
_NAME_CHARS = 170


@dataclass(frozen=True)
class BasisQuestion:
    """What a legal-basis question asks: a list, a typed/worded match, a named document."""

    kind: str  # "list" | "match" | "named" | "which_plans"
    doc_type: str = ""  # asked type for "match" ("" = any)
    ref_key: str = ""  # merge key of a fully written number ("57|  |NQTW")
    short: tuple[str, int] | None = None  # ("Nghị quyết", 57) for "NQ 57" / "Nghị quyết 57"


def reference_key(text: str) -> tuple[str, tuple[str, int] | None]:
    """The document a text names: (merge key of a full number, (type, number) of a short one).

    "Nghị quyết số 57-NQ/TW", "57/NQ-TW" -> ("57||NQTW", None); "NQ57", "Nghị quyết 57"
    -> ("", ("Nghị quyết", 57)).
    """
    text = re.sub(r"(?<=[\dA-ZĐ])\s*([/-])\s*(?=[A-ZĐ])", r"\1", text)  # "57-NQ/ TW"
    m = NUMBER_RE.search(text.upper())  # "12/2022/tt-btttt" typed in lower case
    if m:
        number = re.sub(r"\s+", "", m.group(0))
        if not re.fullmatch(r"\d+/\d{4}", number):
            return merge_key(number).split("@")[0], None
    s = _SHORT_REF.search(fold(text))
    if s:
        word = s.group(1) or s.group(3)
        num = s.group(2) or s.group(4)
        kind = _TYPES.get(word, "Chỉ thị" if word == "ct" else "")
        return "", (kind, int(num))
    return "", None


def basis_matches(basis: dict, key: str, short: tuple[str, int] | None) -> bool:
    """Whether a stored basis is the referenced document."""
    if key:
        return fold(basis["key"].split("@")[0]).upper() == fold(key).upper()  # "nd-cp" = "NĐ-CP"
    if short and basis["number"]:
        kind, num = short
        lead = re.match(r"\d+", basis["number"])
        return bool(lead) and int(lead.group(0)) == num and (not kind or basis["type"] == kind)
    return False


def _asked_types(q: str) -> list[str]:
    """Document types asked for ("nghị định nào", "luật … số mấy"), nearest type word first.

    A type word followed by "xã"/"phường" names the plan itself ("kế hoạch của xã X là gì").
    """
    out = []
    q = re.sub(r"\b\d+(?:\s*[-/]\s*[a-z0-9]+)+", "0", q)  # "12-kh/tu": its letters are no type word
    q = re.sub(
        r"\b[a-z]{1,3}\s*(?:\([a-z ]*\))?\s*&\s*[a-z]{1,3}\b", "0", q
    )  # "Sở KH&CN" is an agency, not a plan
    for ask in _ASK_WORD.finditer(q):
        window = q[: ask.start()].split()[-7:]
        before = " ".join(window)
        found = list(_TYPE_WORD.finditer(before))
        if not found:
            continue
        last = found[-1]
        between = before[last.end() :]
        # "kế hoạch của xã X …" is the plan; "nghị quyết 57 … nào" names a document, asks else
        if re.search(r"\b(?:xa|phuong)\b|\d", between):
            continue
        out.append(last.group(1))
    return out


def read_question(text: str, communes: list[str], raw: str = "") -> BasisQuestion | None:
    """The kind of legal-basis question, or None when it is not one.

    `raw` is the question as typed: document numbers are read from it first, before
    shorthand expansion ("QĐ" -> "QĐ (quyết định)") splits them.
    """
    q = fold(text)
    for commune in communes:  # "Dân Tiến" is not "dẫn"; "kh Dân Tiến" is the commune's plan
        q = q.replace(fold(commune), " xa ")
    if not _CUE.search(q):
        return None
    key, short = reference_key(raw) if raw else ("", None)
    if not (key or short):
        key, short = reference_key(text)
    asked = _asked_types(q)
    if not communes and (key or short) and _WHICH_PLANS.search(q):
        return BasisQuestion("which_plans", ref_key=key, short=short)
    if len(communes) != 1:
        return None
    strong = bool(_STRONG.search(q) or _CITES.search(text.lower()))
    # "văn bản nào của thành phố" names whose document: a match, not the whole list
    if _LIST.search(q) and not (key or short) and not (asked and _AUTHORITY.search(q)):
        return BasisQuestion("list") if strong else None
    if asked:
        kind = _TYPES[asked[-1]]
        # "theo quyết định nào" may be the plan's own work: say it is cited, or whose it is
        if not (strong or _AUTHORITY.search(q)):
            return None
        return BasisQuestion("match", doc_type=kind)
    # "Nghị quyết 57 … ban hành ngày nào" asks about it; "KH thực hiện NQ 57 ký ngày nào"
    # asks about the plan itself
    first = bool(_TYPE_WORD.match(q.strip())) and not re.match(r"(?:ke hoach|kh)\b", q.strip())
    # a number written in full names one document: "12-KH/TU của cơ quan nào"
    if (key or short) and (strong or ((first or key) and _DOC_FACT.search(q))):
        return BasisQuestion("named", ref_key=key, short=short)
    return None


class LegalBasisStrategy:
    """Analysis -> Draft listing or matching a plan's legal bases, or None.

    `bases` returns the stored bases of one commune (None: every commune), e.g.
    rag.tables.answer.TableAnswerer.bases; it also takes a commune_id when a name several
    provinces share is asked about. `mentions` returns the registry entries one commune's plan
    names anywhere (rag.tables.answer.TableAnswerer.legal_mentions): a document a plan names
    outside its "Căn cứ" lines is answered from the plan's own sentence.
    """

    def __init__(
        self,
        bases: Callable[..., list[dict]],
        max_chars: int,
        mentions: Callable[[str], list[dict]] | None = None,
    ) -> None:
        if not callable(bases):
            raise TypeError("bases must be callable: commune | None -> list of bases")
        if mentions is not None and not callable(mentions):
            raise TypeError("mentions must be callable: commune -> list of registry entries")
        if max_chars < 300:
            raise ValueError("max_chars must be at least 300")
        self.bases = bases
        self.mentions = mentions
        self.max_chars = max_chars

    def run(self, analysis: Analysis) -> Draft | None:
        info = analysis.info
        text = analysis.question.text if not info.text else info.text
        asked = read_question(text, info.communes, analysis.question.text)
        if asked is None:
            return None
        if asked.kind == "which_plans":
            return self._which_plans(asked)
        commune = info.communes[0]
        if analysis.question.pinned_to_shared_name:  # that province's plan only
            found = self.bases(commune, analysis.question.commune_id)
        else:
            found = self.bases(commune)
        if asked.kind == "named":
            picked = [b for b in found if basis_matches(b, asked.ref_key, asked.short)]
            if picked:
                return self._draft(commune, picked[:1], "", 0)
            return self._mentioned(commune, asked, found[0]["plan_title"] if found else "")
        if asked.kind == "match":
            plan_title = found[0]["plan_title"] if found else ""
            named = self._named_in_body(commune, found, plan_title, asked.doc_type)
            picked, in_body = self._match(found, text, commune, asked.doc_type, named)
            if in_body:
                head = f"Kế hoạch của xã {commune} nhắc đến văn bản này:"
                return self._draft(commune, picked, head, 0)
            if picked:
                return self._draft(commune, picked, "", 0)
            if asked.doc_type or not found:
                return None
        if not found:
            return None
        top = sorted((b for b in found if not b["nested"]), key=rank_key)
        return self._list(commune, top)

    # ------------------------------------------------------------------ kinds
    def _match(
        self,
        found: list[dict],
        text: str,
        commune: str,
        doc_type: str,
        named: list[dict] | None = None,
    ) -> tuple[list[dict], bool]:
        """The bases of the asked type that share the most (rare) words with the question, and
        whether they are documents the plan names only in its body (`named`): such a document
        is the answer when its own words match the question better than every basis does
        ("căn cứ văn bản nào của tỉnh về việc lưu trữ" when lưu trữ is only in the body)."""
        cands = [b for b in found if not doc_type or b["type"] == doc_type]
        extra = named or []
        if not cands and not extra:
            return [], False
        q_words = _words(text) - _words(commune)
        q_pairs = _pairs(text) - _pairs(commune)
        # "của Chính phủ …" names whose document: keep the documents of that issuer
        fits = [_issuer_fits(text, b) for b in [*cands, *extra]]
        if any(fits):
            cands = [b for b, f in zip(cands, fits, strict=False) if f]
            extra = [b for b, f in zip(extra, fits[len(fits) - len(extra) :], strict=True) if f]
        pool = [*cands, *extra]
        docs = [_words(b["text"] + " " + b["title"] + " " + b["issuer"]) for b in pool]
        pairs = [_pairs(b["text"] + " " + b["title"]) for b in pool]
        df = Counter(w for d in docs for w in d)
        pf = Counter(p for d in pairs for p in d)
        n = len(pool)
        scores = [
            sum(math.log(1 + n / df[w]) for w in q_words if w in d)
            + sum(math.log(1 + n / pf[p]) for p in q_pairs if p in ps)
            for d, ps in zip(docs, pairs, strict=True)
        ]
        base_best = max(scores[: len(cands)], default=0.0)
        body_best = max(scores[len(cands) :], default=0.0)
        if body_best > base_best + 1e-9:
            return [
                b for b, s in zip(extra, scores[len(cands) :], strict=True) if s >= body_best - 1e-9
            ][:1], True
        best = base_best
        if best <= 0:
            # Nothing named: only one document of that type can be meant.
            return (cands if doc_type and len(cands) == 1 else []), False
        return [b for b, s in zip(cands, scores, strict=False) if s >= best - 1e-9][:3], False

    def _named_in_body(
        self, commune: str, found: list[dict], plan_title: str, doc_type: str
    ) -> list[dict]:
        """The documents of the asked type this plan names outside its bases, one row each
        (the fullest mention: one with a date, then the longest)."""
        keys = {b["key"] for b in found}
        best: dict[str, dict] = {}
        for r in self._mentions(commune, plan_title):
            if not r["key"] or r["key"] in keys or (doc_type and r["type"] != doc_type):
                continue
            old = best.get(r["key"])
            if old is None or (bool(r["date"]), len(r["text"])) > (
                bool(old["date"]),
                len(old["text"]),
            ):
                best[r["key"]] = r
        return list(best.values())

    def _mentions(self, commune: str, plan_title: str) -> list[dict]:
        """Every document this plan names anywhere (from the registry), one row per sentence
        that names it, with the words that name it; rows shaped like the stored bases."""
        rows = []
        for doc in self.mentions(commune) if self.mentions is not None else []:
            for cite in doc.get("citations", []):
                if cite.get("commune") != commune:
                    continue
                for b in bases_in_text(cite.get("quote", ""), int(cite.get("line") or 0)):
                    rows.append(
                        b.as_dict()
                        | {
                            "doc_id": cite.get("doc_id", ""),
                            "commune": commune,
                            "section": cite.get("section", ""),
                            "quote": cite.get("quote", ""),
                            "plan_title": plan_title,
                        }
                    )
        return rows

    def _mentioned(self, commune: str, asked: BasisQuestion, plan_title: str) -> Draft | None:
        """The named document where the plan mentions it outside its bases, with the words
        that name it (the fullest mention: one with a date first)."""
        rows = [
            r
            for r in self._mentions(commune, plan_title)
            if basis_matches(r, asked.ref_key, asked.short)
        ]
        if not rows:
            return None
        best = max(rows, key=lambda r: (bool(r["date"]), len(r["text"])))
        return self._draft(commune, [best], f"Kế hoạch của xã {commune} nhắc đến văn bản này:", 0)

    def _which_plans(self, asked: BasisQuestion) -> Draft | None:
        hits = [b for b in self.bases(None) if basis_matches(b, asked.ref_key, asked.short)]
        by_commune: dict[str, dict] = {}
        for b in sorted(hits, key=lambda b: (b["nested"], b["line"])):
            by_commune.setdefault(b["commune"], b)
        if not by_commune:
            return None
        first = next(iter(by_commune.values()))
        name = _short_name(first)
        head = f"{len(by_commune)} kế hoạch căn cứ {name}:"
        lines, cites = citing_plan_lines(
            head,
            [
                (commune, _clip(b["quote"], 200), _citation(b))
                for commune, b in sorted(by_commune.items())
            ],
            self.max_chars - 60,
        )
        return Draft(
            "\n".join(lines),
            False,
            cites,
            communes=sorted(by_commune),
            passages=cites,
            strategy=LEGAL_BASIS,
        )

    def _list(self, commune: str, bases: list[dict]) -> Draft | None:
        if not bases:
            return None
        head = f"Kế hoạch của xã {commune} căn cứ {len(bases)} văn bản sau:"
        return self._draft(commune, bases, head, len(bases))

    def _draft(self, commune: str, bases: list[dict], head: str, total: int) -> Draft:
        head = head or f"Theo kế hoạch của xã {commune}, văn bản được căn cứ là:"
        lines, cites = [head], []
        for n, b in enumerate(bases, 1):
            line = f"- {_clip(b['text'] or b['quote'], _NAME_CHARS)} [{n}]"
            rest = total - n + 1
            tail = f"- và {rest} văn bản khác." if total and rest > 1 else ""
            if len("\n".join([*lines, line])) + len(tail) + 2 > self.max_chars - 120 and cites:
                lines.append(f"- và {rest} văn bản khác.")
                break
            lines.append(line)
            cites.append(_citation(b))
        body = "\n".join(lines)
        title = bases[0].get("plan_title", "")
        source = (
            f"[1–{len(cites)}] {title[:70]} — xã {commune}"
            if len(cites) > 1
            else (f"[1] {title[:70]} — xã {commune}")
        )
        sources = [source] if len(body) + len(source) + 10 <= self.max_chars else []
        return Draft(
            body,
            False,
            cites,
            communes=[commune],
            sources=sources,
            passages=cites,
            strategy=LEGAL_BASIS,
        )


def _citation(b: dict) -> Citation:
    return Citation(
        b.get("doc_id", ""),
        b.get("plan_title", ""),
        b.get("commune", ""),
        b.get("province", ""),
        b.get("section", "") or f"dòng {b.get('line', '')}",
        b["quote"],
    )


def _short_name(b: dict) -> str:
    if b["number"]:
        return f"{b['type']} số {b['number']}".strip() if b["type"] else b["number"]
    return b["title"]


def citing_plan_lines(
    head: str, entries: list[tuple[str, str, Citation]], budget: int
) -> tuple[list[str], list[Citation]]:
    """The lines "- Xã X: «quote» [n]" under `head`, one per (commune, quote, citation), while
    the text stays within `budget` characters; then "- và N kế hoạch khác." for the rest."""
    lines, cites = [head], []
    for n, (commune, quote, cite) in enumerate(entries, 1):
        line = f"- Xã {commune}: «{quote}» [{n}]"
        if len("\n".join([*lines, line])) > budget:
            lines.append(f"- và {len(entries) - n + 1} kế hoạch khác.")
            break
        lines.append(line)
        cites.append(cite)
    return lines, cites


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;") + " …"


def _words(text: str) -> set[str]:
    folded = fold(text)
    for short, full in _ABBREV.items():
        folded = re.sub(rf"\b{short}\b", full, folded)
    return {w for w in re.findall(r"[a-z0-9]+", folded) if w not in _STOP and len(w) > 1}


def _pairs(text: str) -> set[str]:
    """Adjacent content-word pairs ("sua doi", "chinh phu"): a two-syllable word is one unit."""
    folded = fold(text)
    for short, full in _ABBREV.items():
        folded = re.sub(rf"\b{short}\b", full, folded)
    tokens = re.findall(r"[a-z0-9]+", folded)
    return {
        f"{a} {b}"
        for a, b in zip(tokens, tokens[1:], strict=False)
        if a not in _STOP and b not in _STOP and len(a) > 1 and len(b) > 1
    }


def _tokens(text: str) -> list[str]:
    folded = fold(text)
    for short, full in _ABBREV.items():
        folded = re.sub(rf"\b{short}\b", full, folded)
    return re.findall(r"[a-z0-9]+", folded)


def _issuer_fits(question: str, basis: dict) -> bool:
    """Whether the question's "của <cơ quan>" names this document's issuer: the words after
    "của" agree with the issuer for at least two words, up to the end of the issuer or of the
    question's name ("của UBND tỉnh về …" fits "UBND tỉnh Nghệ An", not "UBND xã")."""
    q = _tokens(question)
    names = [_tokens(basis.get("issuer", ""))]
    t = _tokens(basis.get("text", ""))
    names += [t[i + 1 : i + 9] for i, w in enumerate(t) if w == "cua"]
    for i, w in enumerate(q):
        if w != "cua":
            continue
        asked = q[i + 1 :]
        for name in names:
            n = 0
            while n < min(len(asked), len(name)) and asked[n] == name[n]:
                n += 1
            if n >= 2 and (n == len(name) or n == len(asked) or _name_ends(asked[n])):
                return True
    return False


def _name_ends(word: str) -> bool:
    """Whether a word after an agency's name ends it ("về", "ban hành"), not "xã"/"phường"."""
    return word in _STOP and word not in ("xa", "phuong")
