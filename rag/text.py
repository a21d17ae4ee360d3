"""Vietnamese text normalisation used for matching (never for display)."""

from __future__ import annotations

import re
import unicodedata

# Old-style tone placement -> new style ("hoà" -> "hòa", "thuỷ" -> "thủy").
_TONE_PAIRS = {
    "oà": "òa",
    "oá": "óa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oè": "òe",
    "oé": "óe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
    "uỳ": "ùy",
    "uý": "úy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}
_TONE_RE = re.compile(
    r"(?<!q)(?:" + "|".join(map(re.escape, _TONE_PAIRS)) + r")(?![a-zàáảãạăằắẳẵặâầấẩẫậđ])"
)
_WORD_RE = re.compile(r"[0-9a-zđ]+(?:[.,][0-9]+)*")
_HTML_TAG_RE = re.compile(r"<[^>]+>")

# Joins the headings of a passage's section path ("I. MỤC TIÊU › 1. Mục tiêu chung").
SECTION_SEP = " › "


def nfc(text: str) -> str:
    """Return text in Unicode NFC form."""
    return unicodedata.normalize("NFC", text)


def normalize(text: str) -> str:
    """NFC, lower case, one tone-placement style, collapsed whitespace."""
    text = nfc(text).lower()
    text = _TONE_RE.sub(lambda m: _TONE_PAIRS[m.group(0)], text)
    return " ".join(text.split())


class _MarkStripper(dict):
    """`str.translate` table that deletes combining marks (category Mn), filled as met.

    Only code points below 0x2000 (Latin, combining marks, Vietnamese letters) are remembered,
    so odd input cannot grow the table without bound.
    """

    def __missing__(self, code: int) -> int | None:
        value = None if unicodedata.category(chr(code)) == "Mn" else code
        if code < 0x2000:
            self[code] = value
        return value


_STRIP_MARKS = _MarkStripper()


def fold(text: str) -> str:
    """Normalise and strip diacritics ("Đăng ký" -> "dang ky")."""
    text = normalize(text).replace("đ", "d")
    return unicodedata.normalize("NFD", text).translate(_STRIP_MARKS)


def has_diacritics(text: str) -> bool:
    """True when the text carries any Vietnamese diacritic."""
    lowered = nfc(text).lower()
    return lowered != fold(lowered)


def words(text: str) -> list[str]:
    """Diacritics-free word tokens (numbers keep their inner separators: 80,1 / 12.100)."""
    return _WORD_RE.findall(fold(strip_markup(text)))


_EXACT_RE = re.compile(r"[^\W_]+(?:[.,][0-9]+)*")


def words_exact(text: str) -> list[str]:
    """Word tokens that keep diacritics (normalised tone placement): "lương" != "lượng"."""
    return _EXACT_RE.findall(normalize(strip_markup(text)))


def strip_markup(text: str) -> str:
    """Remove HTML tags, markdown emphasis and heading markers."""
    text = _HTML_TAG_RE.sub(" ", text)
    text = text.replace("***", "").replace("**", "")
    text = re.sub(r"(?m)^\s*#{1,6}\s*", "", text)
    return text


STOPWORDS = frozenset(
    """
    la cua va cac nhung nao gi bao nhieu the nao sao khong co duoc cho trong tai den voi
    ve theo nay do thi ma hay hoac nhu tren duoi ra vao mot hai ai o khi nam xa
    toi minh ban em anh chi oi a a nhe vay ha hoi can biet muon xin vui long giup
    """.split()
)


def content_words(text: str) -> list[str]:
    """Folded tokens without question/stop words."""
    return [w for w in words(text) if w not in STOPWORDS]


# Chat shorthand and loanwords: replaced by the plans' wording.
_SLANG = {
    "online": "trực tuyến",
    "onl": "trực tuyến",
    "ntn": "như thế nào",
    "tk": "tài khoản",
    "ko": "không",
    "k": "không",
    "kg": "không",
    "dc": "được",
    "đc": "được",
    "vs": "với",
    "j": "gì",
    "bn": "bao nhiêu",
    "vb": "văn bản",
    "sđt": "số điện thoại",
    "sdt": "số điện thoại",
    "đt": "điện thoại",
    "app": "ứng dụng",
    "smartphone": "điện thoại thông minh",
    "deadline": "thời hạn",
    # everyday words for the plans' wording
    "xài": "dùng",
    "tới": "đến",
}
# Administrative abbreviations the plans also use: the long form is added, the short one kept.
_ABBREVIATIONS = {
    "dvc": "dịch vụ công",
    "dvctt": "dịch vụ công trực tuyến",
    "cđs": "chuyển đổi số",
    "cds": "chuyển đổi số",
    "kh": "kế hoạch",
    "hs": "hồ sơ",
    "tthc": "thủ tục hành chính",
    "hcc": "hành chính công",
    "qđ": "quyết định",
    "qd": "quyết định",
    "nq": "nghị quyết",
    "cq": "cơ quan",
    "nsnn": "ngân sách nhà nước",
    "bhyt": "bảo hiểm y tế",
    "cccd": "căn cước công dân",
    "sp": "sản phẩm",
    "htx": "hợp tác xã",
    "tmđt": "thương mại điện tử",
    "tmdt": "thương mại điện tử",
    "cntt": "công nghệ thông tin",
    "attt": "an toàn thông tin",
    "ttđt": "thông tin điện tử",
    "ttdt": "thông tin điện tử",
    "dtts": "dân tộc thiểu số",
}


def abbreviation_forms(token: str) -> str | None:
    """The long form of an administrative abbreviation ("tthc" -> "thủ tục hành chính")."""
    return _ABBREVIATIONS.get(normalize(token))


def expand_abbreviations(text: str, spell_out: bool = True) -> str:
    """Replace chat shorthand ("ntn", "online"); with spell_out, add the long form of
    administrative abbreviations ("TTHC (thủ tục hành chính)") for retrieval."""

    def repl(m: re.Match[str]) -> str:
        word = m.group(0)
        key = normalize(word)
        if key in _SLANG:
            return _SLANG[key]
        if spell_out and key in _ABBREVIATIONS:
            return f"{word} ({_ABBREVIATIONS[key]})"
        return word

    # a word inside a document number ("12-KH/TU", "749/QĐ-TTg") stays as written
    return re.sub(r"(?<![-/])[^\W_]+(?![-/][^\W_])", repl, text)


def terms(text: str) -> list[str]:
    """Index terms: folded unigrams plus adjacent bigrams (Vietnamese words are often two syllables)."""
    toks = words(text)
    return toks + [f"{a}_{b}" for a, b in zip(toks, toks[1:], strict=False)]
