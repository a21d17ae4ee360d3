"""Is the asked value stated? The TYPE of value a question asks for, read from its form, and
whether a quote holds a value of that type.

"Kinh phí … là bao nhiêu?" asks an amount of money, "… tên gì?" a person's name, "… bao nhiêu
%?" a share. An answer whose quotes hold no value of the asked type does not answer, however
well its words match the question: the plan does not state it. The recognisers look at the
shape of a value (a number with a money unit, a number with "%", a personal name written as
one), never at the words of a plan, so they hold on a plan nobody has seen.

Questions are read folded (without diacritics), so a question typed without them is read the
same; quotes are read as written (a name is a run of capitalised words).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rag.quantity import counted_word
from rag.text import fold
from rag.understand.values import has_lone_percent

MONEY = "money"
PERSON = "person"
PERCENT = "percent"
COUNT = "count"
KINDS = (MONEY, PERSON, PERCENT, COUNT)

# --------------------------------------------------------------------------- question form
_AMOUNT = r"(?:bao nhieu|bn|la may|het may|tong cong)"
_MONEY_WORD = r"(?:kinh phi|du toan|ngan sach|chi phi|tong von|von dau tu|nguon von)"
_MONEY_UNIT = r"(?:tien|trieu|ty(?! le)|ti(?! le)|nghin|ngan(?! sach)|dong|vnd)"
_MONEY_Q = re.compile(
    rf"\b(?:{_AMOUNT} {_MONEY_UNIT}\b|{_MONEY_WORD}\b.*\b{_AMOUNT}\b|{_AMOUNT} {_MONEY_WORD}\b"
    rf"|\bchi (?:het )?{_AMOUNT}\b|\({_MONEY_UNIT}(?: dong)?\))"
)
_PERCENT_Q = re.compile(
    r"(?:\b(?:bao nhieu|bn|may|la|dat|muc)\s*(?:%|phan tram\b))|\b(?:ty|ti) le\b.*\b(?:bao nhieu|bn|may)\b"
    r"|\bbao nhieu\b.*\b(?:ty|ti) le\b"
)
# A person's name is asked ("tên gì", "họ tên", "tên là gì"); "ai ký?" alone may be answered
# with an office ("Chủ tịch UBND xã"), so it asks a name or an office.
_NAME_Q = re.compile(r"\b(?:ten (?:gi|la gi|ai|nao|cua|day du)|ho (?:va )?ten|ten nguoi)\b")
_SIGNER_Q = re.compile(r"\b(?:ai ky|nguoi ky|ky boi ai|do ai ky|ky ten)\b")


@dataclass(frozen=True)
class AskedValue:
    """The type of value a question asks for; `office_ok`: an office title also answers
    ("ai ký?" answered by "Chủ tịch UBND xã")."""

    kind: str
    office_ok: bool = False
    # A count's folded unit or counted noun ("km", "trạm" of "bao nhiêu km/trạm …"): a number
    # of something else (a row number, an amount of money) does not state it.
    unit: str = ""


def asked_value(question: str, names: Sequence[str] = ()) -> AskedValue | None:
    """The type of value the question asks for, or None when its form asks none of KINDS.

    `names` (communes the question names) are not part of its form and are left out."""
    q = fold(question).replace("%", " % ")
    for name in names:
        q = re.sub(rf"(?<![a-z0-9]){re.escape(fold(name))}(?![a-z0-9])", " ", q)
    q = " ".join(q.split())
    if not q:
        return None
    if _PERCENT_Q.search(q):
        return AskedValue(PERCENT)
    if _MONEY_Q.search(q):
        return AskedValue(MONEY)
    if _NAME_Q.search(q):
        return AskedValue(PERSON)
    if _SIGNER_Q.search(q):
        return AskedValue(PERSON, office_ok=True)
    unit = counted_word(question)
    if unit is not None:
        return AskedValue(COUNT, unit=unit)
    return None


# --------------------------------------------------------------------------- value shapes
_NUM = r"\d+(?:[.,]\d+)*"
_MONEY_UNITS = r"(?:đồng|đ|vnđ|VNĐ|VND|triệu|tỷ|tỉ|nghìn|ngàn|trđ)(?![\w])(?! lệ)"
_MONEY_VALUE = re.compile(
    rf"{_NUM}\s*\(?{_MONEY_UNITS}"  # "150 triệu đồng", "150 (triệu đồng)"
    rf"|{_MONEY_UNITS}\)?\s*:\s*{_NUM}"  # "Kinh phí (triệu đồng): 150"
    r"|\b\d{1,3}(?:[.,]\d{3}){2,}\b"  # "150.000.000"
    rf"|(?:[Kk]inh phí|[Dd]ự toán|[Nn]gân sách|[Cc]hi phí|[Vv]ốn)[^:\d\n]{{0,40}}:\s*{_NUM}"  # "Kinh phí: 300"
)
# A money unit stated once for a column or a table ("Số tiền (triệu đồng)", "ĐVT: triệu đồng"):
# its numbers are amounts.
_MONEY_HEADER = re.compile(
    r"\((?:triệu |tỷ |nghìn |ngàn )?đồng\)|(?:[Đđ]ơn vị tính|ĐVT)\s*:?\s*(?:triệu |tỷ |nghìn )?đồng"
)
_PERCENT_VALUE = re.compile(rf"{_NUM}\s*(?:%|phần trăm)", re.I)
_NUMBER = re.compile(r"\d")
_NUMBER_TOKEN = re.compile(r"\d+(?:[.,/]\d+)*")
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_DATE_LIKE = re.compile(r"^\d{1,2}/\d{1,4}(?:/\d{2,4})?$")
# Common Vietnamese family names, as written: a run of capitalised words starting with one is a
# name ("Chủ" of "Chủ tịch" is not "Chu").
_SURNAMES = frozenset(
    """
    Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trịnh Mai
    Trương Lâm Hà Lương Cao Chu Quách Tôn Thái Tạ Đoàn Lữ Kiều Lưu La Lã Châu Tăng Khuất Giang
    Thạch Đàm Hàn Lại Nghiêm Tống Vương Hứa Mạc Đào Hầu Mẫn Phùng Triệu Doãn Lò Lục Vi Đồng
    """.split()
)
# A name run: capitalised words separated by single spaces only ("Sơn La; Thời gian" is two runs).
_RUN = re.compile(r"[^\W\d_][\w']*(?: [^\W\d_][\w']*)*")
NAME_WORDS = 3  # a run this long starting with a family name is a name ("Nguyễn Văn An")
# A shorter run ("Lê Thạch") is a name only right after an office or a title.
_BEFORE_SHORT_NAME = re.compile(r"(?:chủ tịch|bí thư|giám đốc|trưởng|ông|bà|đồng chí)\W*$", re.I)
_OFFICE_BEFORE_NAME = re.compile(
    r"(?:[Cc]hủ tịch|CHỦ TỊCH|[Bb]í thư|BÍ THƯ)[\s:,]+([^\W\d_][\w']*(?: [^\W\d_][\w']*){1,3})"
)
_OFFICE = re.compile(
    r"\b(?:phó )?chủ tịch\b|\bbí thư\b|\bgiám đốc\b|\btrưởng (?:ban|phòng|công an)\b", re.I
)


# Capitalised words that start the name of a body, not of a person ("Chủ tịch Hội Nông dân").
_BODY_WORDS = frozenset(
    "Ủy Uỷ Ban Hội Phòng Văn Trung Công Đảng Mặt Nhân Xã Tỉnh Huyện Thành Đoàn Sở Bộ Trạm Phó "
    "Chủ Bí Giám Trưởng Kế Người Số".split()
)


def _office_then_name(text: str) -> bool:
    """Two or more title-case words right after an office ("Phó Chủ tịch Ksor H'Bia"): a name
    whatever its family name, unless they name a body ("Chủ tịch Hội Nông dân")."""
    for m in _OFFICE_BEFORE_NAME.finditer(text):
        toks = m.group(1).split(" ")
        if not any(t in _BODY_WORDS or (t.isupper() and len(t) > 1) for t in toks):
            return True
    return False


def has_person_name(text: str) -> bool:
    """A personal name: a family name followed by more capitalised words ("Nguyễn Văn An"), in
    title case (an all-capitals heading is not a name); two words only after an office."""
    for m in _RUN.finditer(text):
        toks = m.group(0).split(" ")
        for i, tok in enumerate(toks):
            if tok not in _SURNAMES:
                continue
            run = []
            for t in toks[i:]:
                if not t[0].isupper() or (t.isupper() and len(t) > 1):
                    break
                run.append(t)
            if len(run) >= NAME_WORDS:
                return True
            before = text[: m.start()] + " ".join(toks[:i])
            if len(run) == 2 and _BEFORE_SHORT_NAME.search(before):
                return True
    return _office_then_name(text)


# Numbers that label or name something instead of counting it: list labels ("Mục 1.", "STT: 4",
# "1.6"), document symbols ("27/KH-UBND", "57-NQ/TW"), technologies ("4G", "5G").
_LABEL_NUMBERS = re.compile(
    r"\b(?:Mục|Điều|Khoản|Phần|Nhóm|Bước|STT|TT|Nhiệm vụ|Giải pháp)\s*:?\s*"
    r"(?:\d+|[IVX]+)(?:\.\d+)*"
    r"|(?:^|\n)\W*\d+(?:\.\d+)*[.)]\s"
    r"|\d+(?:[/-][A-ZĐ][\w-]*)+(?:/[A-ZĐ][\w-]*)*"
    r"|\b\d+G\b",
    re.I,
)


def _has_count(text: str) -> bool:
    """A number that counts: not an amount of money, a share, a year, a date or a label."""
    text = _MONEY_VALUE.sub(" ", text)
    return _has_amount(_LABEL_NUMBERS.sub(" ", _PERCENT_VALUE.sub(" ", text)))


def _has_amount(text: str) -> bool:
    """A number that is not a year or a date."""
    return any(not _YEAR.match(t) and not _DATE_LIKE.match(t) for t in _NUMBER_TOKEN.findall(text))


_COUNT_NUMBER = r"(?<![\w/.,])(?!(?:19|20)\d\d(?![\d.,/]))\d[\d.,/]*"
UNIT_BEFORE = 6  # a counted noun at most this many words before a number, in its clause


def counts_unit(text: str, unit: str) -> bool:
    """A number of this unit or counted noun: right before it ("12 km", "6 điểm wifi", "1.200
    lượt người", "100% khu dân cư"), the noun shortly before the number in its clause ("định
    danh doanh nghiệp cho 5/13 đơn vị"), in a label before the number ("Số trạm: 5",
    "Chiều dài (km): 12"), or stated once for the passage ("(km)", "ĐVT: km", an indicator
    "Số trạm …" whose value follows). Row numbers, technologies ("4G"), years and amounts of
    money are not numbers of anything asked."""
    clean = fold(_LABEL_NUMBERS.sub(" ", _MONEY_VALUE.sub(" ", text)))
    u = fold(unit)
    ue = re.escape(u)
    after = r"(?![a-z0-9])"
    if re.search(rf"{_COUNT_NUMBER}%?\s*(?:[a-z]+\s+)?{ue}{after}", clean):
        return True
    for m in re.finditer(rf"{_COUNT_NUMBER}(?!\s*%)", clean):
        clause = re.split(r"[;\n]|\.\s", clean[: m.start()])[-1]
        if u in re.findall(r"[a-z0-9]+", clause)[-UNIT_BEFORE:]:
            return True
    folded = fold(text)
    if re.search(rf"\({ue}\)|\b(?:don vi tinh|dvt)\s*:?\s*{ue}{after}|\bso {ue}{after}", folded):
        return _has_count(text)
    return bool(re.search(rf"\b{ue}{after}[^:;\n]{{0,80}}:\s*{_COUNT_NUMBER}", folded))


def has_value(kind: str, text: str, office_ok: bool = False, unit: str = "") -> bool:
    """Whether a quote holds a value of the kind asked (a count: of the unit asked, if any)."""
    if kind == MONEY:
        return bool(_MONEY_VALUE.search(text)) or (
            bool(_MONEY_HEADER.search(text)) and _has_amount(text)
        )
    if kind == PERCENT:
        return bool(_PERCENT_VALUE.search(text)) or (
            has_lone_percent(text) and bool(_NUMBER.search(text))
        )
    if kind == PERSON:
        return has_person_name(text) or (office_ok and bool(_OFFICE.search(text)))
    if kind == COUNT:
        return counts_unit(text, unit) if unit else _has_count(text)
    raise ValueError(f"unknown kind {kind!r}")


def states_asked(asked: AskedValue, quotes: list[str]) -> bool:
    """Whether any of the quotes holds a value of the asked type."""
    return any(has_value(asked.kind, q, asked.office_ok, asked.unit) for q in quotes)
