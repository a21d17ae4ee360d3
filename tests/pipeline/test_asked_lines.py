"""The asked-value check reads the cited lines of a passage, not the other items of its list."""

from __future__ import annotations

from rag.compose import Citation
from rag.pipeline.asked_check import AskedValueCheck
from rag.pipeline.refusals import Refusals
from rag.pipeline.types import PASSAGES, Analysis, Draft, Question
from rag.query import analyse

COMMUNES = ["Khe Mây"]
CHECK = AskedValueCheck(Refusals(COMMUNES))
RESULTS = (
    "Kết quả năm 2025:\n"
    "- 4.120 người có tài khoản định danh điện tử mức 2;\n"
    "- 48% hồ sơ thủ tục hành chính nộp trực tuyến;"
)


def _run(question: str, quote: str) -> Draft:
    cite = Citation("kh-1", "Kế hoạch", "Khe Mây", "", "I. Kết quả năm 2025", quote)
    draft = Draft(f"Theo kế hoạch của xã Khe Mây:\n• «{quote}» [1]", False, [cite])
    draft.passages = [Citation("kh-1", "Kế hoạch", "Khe Mây", "", "I. Kết quả năm 2025", RESULTS)]
    return CHECK.run(Analysis(Question(question), analyse(question, COMMUNES)), PASSAGES, draft)


def test_a_share_on_another_line_of_the_list_does_not_answer() -> None:
    out = _run(
        "Khe Mây định danh điện tử mức 2 đạt bao nhiêu %",
        "- 4.120 người có tài khoản định danh điện tử mức 2;",
    )
    assert out.refused and "tỷ lệ" in out.body


def test_a_share_on_the_cited_line_answers() -> None:
    out = _run("Khe Mây hồ sơ nộp trực tuyến đạt bao nhiêu %", "- 48% hồ sơ thủ tục hành chính")
    assert not out.refused
