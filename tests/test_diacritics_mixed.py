"""A question typed plain but for a word or two gets its plain words' marks back."""

from __future__ import annotations

from rag.diacritics import DiacriticRestorer, marked_share
from rag.pipeline.analyse import AnalyseStage
from rag.pipeline.types import Question

TEXTS = [
    "Đến cuối năm 2025 có 31/35 thôn được kéo cáp quang đến nhà văn hóa thôn.",
    "Số hộ dùng ví điện tử năm 2027 đạt 1.500 hộ.",
]


def test_share_leaves_out_names_and_abbreviations() -> None:
    assert marked_share("năm 2025 dong son bac bao nhieu thon co cap quang") < 0.2
    # the autocompleted commune name and "kh" do not count
    assert marked_share("Đông Sơn Bắc kh 2027 so ho dung vi dien tu", ["Đông Sơn Bắc"]) == 0.0
    assert marked_share("Xã Đông Sơn Bắc có bao nhiêu thôn có cáp quang?") > 0.5


def test_plain_words_are_restored_and_marked_ones_kept() -> None:
    restorer = DiacriticRestorer(TEXTS)
    out = restorer.restore("năm 2025 bao nhieu thon co cap quang", keep_marked=True)
    assert out == "năm 2025 bao nhiêu thôn có cáp quang"
    # by default a question with any mark is left as typed
    assert restorer.restore("năm 2025 bao nhieu thon") == "năm 2025 bao nhieu thon"


def test_analysis_reads_a_mostly_plain_question_as_plain() -> None:
    stage = AnalyseStage(DiacriticRestorer(TEXTS), ["Đông Sơn Bắc"])
    analysis = stage.run(Question("Đông Sơn Bắc 2027 so ho dung vi dien tu", None, None, False))
    assert "ví điện tử" in analysis.info.text
    assert analysis.info.communes == ["Đông Sơn Bắc"]
    typed = stage.run(Question("Đông Sơn Bắc năm 2027 có bao nhiêu hộ dùng ví", None, None, False))
    assert typed.info.text.startswith("Đông Sơn Bắc năm 2027 có bao nhiêu hộ")


def test_a_mistyped_tone_is_restored_from_its_pair() -> None:
    restorer = DiacriticRestorer(TEXTS + ["Tài khoản định danh điện tử mức 2 đạt 90%."])
    known = {"tài", "khoản", "định", "danh", "điện", "tử", "mức", "đạt"}

    def mistyped(word: str) -> bool:
        return word not in known

    out = restorer.restore("tỷ lệ đinh danh điện tử", mistyped=mistyped)
    assert "định danh" in out
    # a word of its own that pairs with nothing the corpus writes is kept as typed
    assert restorer.restore("mức lương cán bộ", mistyped=mistyped) == "mức lương cán bộ"


def test_a_restored_question_keeps_its_capitalised_names() -> None:
    restorer = DiacriticRestorer(TEXTS)
    out = restorer.restore("Xã Hòa Bình năm 2027 bao nhieu ho dung vi", keep_marked=True)
    assert out.startswith("Xã Hòa Bình năm 2027 bao nhiêu hộ")
