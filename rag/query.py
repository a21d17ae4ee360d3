"""Understanding a question: which communes, which years, what kind of answer."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rag.text import expand_abbreviations, fold, has_diacritics, nfc

_HOWTO_RE = re.compile(
    r"\b(lam sao|lam the nao|cach (?!day)|huong dan|cac buoc|thu tuc .*(online|truc tuyen)|"
    r"bang cach nao|o dau|can (chuan bi|mang) gi|lam gi khi|(phai|gio|nen|thi) lam gi|"
    r"co the .* khong|"
    r"how to|dang ky .* (the nao|sao))\b"
)
_LIST_RE = re.compile(r"\b(nhung|cac|liet ke|bao gom|gom nhung|danh sach|nao)\b")
_YEAR_RE = re.compile(r"\b(20\d\d)\b")
_NAMED_PLACE_RE = re.compile(
    r"\b(?i:xã|phường|thị trấn|huyện|xa|phuong|thi tran)\s+"
    r"((?:[A-ZĐÀ-Ỹ][^\s,.;:?!()]*)(?:\s+[A-ZĐÀ-Ỹ][^\s,.;:?!()]*){0,3})"
)
# "Kế hoạch (này / của xã X / chuyển đổi số …) số mấy?": the plan's own number, unless the
# question names another document it cites or carries out.
_OWN_NUMBER_RE = re.compile(
    r"\b(ke hoach|van ban)\b.{0,80}?\bso (may|bao nhieu|hieu|ky hieu)\b|\bso ky hieu\b"
)
_OTHER_DOC_RE = re.compile(
    r"\b(can cu|thuc hien|trien khai|cua (ubnd|uy ban|so|tinh|bo|thanh pho|chinh phu)|"
    r"quyet dinh|nghi quyet|cong van|thong bao|phong trao|de an|chuong trinh)\b"
)
_GENERIC_CAPS = {"ubnd", "hdnd", "ban", "phong", "uy", "trung", "cong", "nq", "kh"}
_PLAN_NOUN = ("ke hoach", "kh", "van ban")
_NUMBER_ASKED = ("so may", "so bao nhieu", "so hieu", "so ky hieu")


# "kh đề án 06 …", "kế hoạch thực hiện nghị quyết 57 …": a programme named right after the plan
# noun is the plan's own description (its title), not another document asked about.
_PLAN_DESCRIBED_RE = re.compile(
    r"\b(ke hoach|kh)(?: \(ke hoach\))?(?: (?:trien khai|thuc hien))? "
    r"(?:de an|nghi quyet|quyet dinh|chuong trinh|nq|qd)(?: \([a-z ]+\))?(?: so)?(?: \d+)?\b"
)


def _names_other_doc(folded: str) -> bool:
    """The question names a document other than the plan (one it cites or carries out)."""
    return bool(_OTHER_DOC_RE.search(_PLAN_DESCRIBED_RE.sub(r"\1", folded)))


def asks_own_number(question: str) -> bool:
    """ "Kế hoạch (chuyển đổi số của xã X) số mấy?": the number of the plan itself, not of a
    document it cites or carries out."""
    folded = fold(question)
    return bool(_OWN_NUMBER_RE.search(folded) and not _names_other_doc(folded))


def without_plan_description(text: str) -> str:
    """A question on a plan's own number with the words that describe the plan dropped and
    the number asked named as the document card names it: "kế hoạch cđs năm 2026 số mấy" →
    "kế hoạch số văn bản". The plan's words name the document (its title may word them
    otherwise); they are not a topic to look for in its passages."""
    toks = text.split()
    folded = [fold(t) for t in toks]
    for k in range(len(toks)):
        for asked in _NUMBER_ASKED:
            n = len(asked.split())
            if " ".join(folded[k : k + n]) != asked:
                continue
            for j in range(k - 1, -1, -1):
                for noun in _PLAN_NOUN:
                    m = len(noun.split())
                    if j - m + 1 >= 0 and " ".join(folded[j - m + 1 : j + 1]) == noun:
                        return " ".join([*toks[: j + 1], "số văn bản", *toks[k + n :]])
            return text
    return text


@dataclass
class QueryInfo:
    text: str
    communes: list[str] = field(default_factory=list)
    unknown_places: list[str] = field(default_factory=list)
    years: list[str] = field(default_factory=list)
    howto: bool = False
    listing: bool = False
    text_for_terms: str = ""
    plain: str = ""  # the question with shorthand replaced but abbreviations kept (for scoring)
    wants_number: bool = False
    wants_date: bool = False
    wants_agency: bool = False
    wants_document: bool = False
    wants_reason: bool = False  # "vì sao", "tại sao", "lý do", "nguyên nhân"
    enumerate: bool = False  # "những … nào", "liệt kê", "kể hết": wants a whole list


def detect_communes(question: str, known: list[str]) -> list[str]:
    """Known communes named in the question, with or without diacritics, in order of mention.

    A name written with other diacritics ("tỉnh Hà" is not "Tịnh Hà", "Cẩm Hải" is not
    "Cam Hải") or right after "tỉnh"/"thành phố" (a province, not a commune) is not a mention."""
    text = f" {nfc(question)} "
    folded = f" {fold(question)} "
    same_length = len(text) == len(folded)
    found: list[tuple[int, str]] = []
    for name in known:
        m = _name_pattern(name).search(folded)
        if not m:
            continue
        if _PROVINCE_BEFORE_RE.search(folded[: m.start()]):
            continue
        if same_length:
            written = text[m.start() : m.end()]
            if has_diacritics(written) and written.lower() != nfc(name).lower():
                continue
        found.append((m.start(), name))
    return [name for _, name in sorted(found)]


_PROVINCE_BEFORE_RE = re.compile(r"(?<![a-z0-9])(tinh|thanh pho)\s+$")


@lru_cache(maxsize=16384)
def _name_pattern(name: str) -> re.Pattern[str]:
    """The folded name as a whole-word pattern, compiled once (a province has more communes
    than the `re` module's own cache holds)."""
    return re.compile(rf"(?<![a-z0-9]){re.escape(fold(name))}(?![a-z0-9])")


def analyse(question: str, known: list[str]) -> QueryInfo:
    # "NQ57", "mức2" -> "NQ 57", "mức 2" (letters glued to a number).
    spaced = re.sub(r"(?<=[^\W\d_])(?=\d)", " ", nfc(question).strip())
    plain = expand_abbreviations(spaced, spell_out=False)
    text = expand_abbreviations(plain)
    folded = fold(text)
    communes = detect_communes(text, known)
    known_keys = {fold(k) for k in known}
    unknown = []
    for m in _NAMED_PLACE_RE.finditer(text):
        # Keep the capitalised words only ("Hòa Bình đặt…" -> "Hòa Bình"): the character
        # range above also admits lower-case Vietnamese letters.
        name_words = []
        for word in m.group(1).split():
            if not word[0].isupper():
                break
            name_words.append(word)
        name = " ".join(name_words)
        if not name:
            continue
        key = fold(name)
        if key in known_keys or any(key.startswith(k) for k in known_keys):
            continue
        if key.split()[0] in _GENERIC_CAPS:
            continue
        unknown.append(name)
    return QueryInfo(
        text=text,
        plain=plain,
        communes=communes,
        unknown_places=unknown if not communes else [],
        years=_YEAR_RE.findall(text),
        howto=bool(_HOWTO_RE.search(folded)),
        listing=bool(_LIST_RE.search(folded)),
        wants_number=bool(
            re.search(r"\b(bao nhieu|may|ty le|ti le|muc|chi tieu|phan tram|dat)\b|%", folded)
        ),
        wants_date=bool(
            re.search(
                r"\b(khi nao|ngay nao|bao gio|thoi han|thoi gian|luc nao|nam nao|thang nao)\b",
                folded,
            )
        ),
        wants_reason=bool(
            re.search(
                r"\b(vi sao|tai sao|ly do|nguyen nhan|vi dau)\b|^sao\b|\bsao\b.{0,40}\bkhong\b",
                folded,
            )
        ),
        enumerate=bool(
            re.search(
                r"\b(nhung|liet ke|ke het|ke ra|ke cac|gom nhung|bao gom|danh sach|cac \w+ nao)\b",
                folded,
            )
        ),
        wants_document=bool(
            (_OWN_NUMBER_RE.search(folded) and not _names_other_doc(folded))
            or re.search(
                r"\b(ai ky|nguoi ky|ky ngay|ngay ky|ky ban hanh|ban hanh (ngay|khi|thang|nam|luc)|"
                r"thuoc tinh|tinh nao|thanh pho nao|ten van ban|ten ke hoach|ky ke hoach|do ai ky)\b",
                folded,
            )
        ),
        wants_agency=bool(
            re.search(
                r"\b(ai|don vi nao|co quan nao|phong nao|chu tri|phoi hop|phu trach)\b", folded
            )
        ),
    )
