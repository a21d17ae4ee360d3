"""A list question ("… gồm những gì") is answered with the passage line that enumerates the
items, quoted whole, not with the one item its words happen to match best."""

from __future__ import annotations

import json

from rag.compose import AnswerComposer, enumeration
from rag.pipeline.analyse import DROP_WORDS
from tests.pipeline.fakes import analysis, plan_hit


class AlwaysAnswer:
    def should_answer(self, feats) -> bool:  # noqa: ARG002
        return True


LIST_LINE = (
    "- Nhà văn hóa thôn được trang bị: Loa truyền thanh: 02 bộ; Ti vi màn hình lớn: 01 chiếc; "
    "Bộ phát sóng wifi; Tủ sách điện tử: 01 tủ."
)
PASSAGE = "Kết quả năm trước đạt khá.\n" + LIST_LINE


def _hit(cid: str, text: str, units: list[str], section: str = "Hạ tầng số"):
    hit = plan_hit(cid, text, section=section)
    hit.chunk.meta["units"] = json.dumps(units, ensure_ascii=False)
    return hit


def _items_hit():
    units = [
        "Kết quả năm trước đạt khá.",
        "- Nhà văn hóa thôn được trang bị: Loa truyền thanh: 02 bộ;",
        "Ti vi màn hình lớn: 01 chiếc;",
        "Bộ phát sóng wifi;",
        "Tủ sách điện tử: 01 tủ.",
    ]
    return _hit("c1", PASSAGE, units)


def test_the_line_holding_an_item_is_the_list_when_it_has_three_items_or_more() -> None:
    assert enumeration("Bộ phát sóng wifi;", PASSAGE) == LIST_LINE
    assert enumeration("Kết quả năm trước đạt khá.", PASSAGE) == ""
    two = "Gồm hai việc: rà soát; báo cáo."
    assert enumeration("báo cáo.", two) == ""


def test_a_list_question_quotes_every_item_of_the_enumerating_line() -> None:
    other = _hit(
        "c2",
        "Nâng cấp trang thiết bị nhà văn hóa thôn theo lộ trình.",
        ["Nâng cấp trang thiết bị nhà văn hóa thôn theo lộ trình."],
        section="Nhiệm vụ",
    )
    composer = AnswerComposer(lambda _term: 1.0, decision=AlwaysAnswer())
    info = analysis("Nhà văn hóa thôn của xã Dân Tiến được trang bị những gì?").info
    composed = composer.compose(info, [other, _items_hit()], set(DROP_WORDS))
    assert not composed.refused
    first = composed.text.split("\n")[1]
    for item in ("02 bộ", "01 chiếc", "wifi", "Tủ sách điện tử"):
        assert item in first
    assert composed.text.count("Loa truyền thanh") == 1  # the list once, not once per item


def test_a_question_that_is_not_a_list_keeps_the_matching_item_only() -> None:
    composer = AnswerComposer(lambda _term: 1.0, decision=AlwaysAnswer())
    info = analysis("Xã Dân Tiến có tủ sách điện tử không?").info
    composed = composer.compose(info, [_items_hit()], set(DROP_WORDS))
    assert "Tủ sách điện tử" in composed.text
    assert not any("Loa" in line and "Tủ sách" in line for line in composed.text.split("\n"))


def test_a_question_on_two_items_of_a_list_quotes_the_whole_list() -> None:
    composer = AnswerComposer(lambda _term: 1.0, decision=AlwaysAnswer())
    info = analysis("Nhà văn hóa thôn xã Dân Tiến có mấy loa truyền thanh với ti vi?").info
    composed = composer.compose(info, [_items_hit()], set(DROP_WORDS))
    assert any("02 bộ" in ln and "01 chiếc" in ln for ln in composed.text.split("\n"))


def test_a_list_in_a_long_line_is_quoted_from_the_item_that_opens_it() -> None:
    opening = "Năm qua xã đã ban hành nhiều văn bản chỉ đạo về chuyển đổi số. " * 6 + "Cụ thể;"
    groups = "Xã đã lập các đội hỗ trợ: Đội hỗ trợ dịch vụ công;"
    line = f"{opening} {groups} Đội kỹ năng số cho người cao tuổi; Đội an toàn mạng ở thôn; Và tiếp tục rà soát."
    got = enumeration(groups, line)
    assert got.startswith(groups) and "Đội an toàn mạng ở thôn;" in got
    assert "Năm qua" not in got and len(got) <= 420
