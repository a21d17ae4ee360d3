"""Target lists under a part heading ("CHƯƠNG II. MỤC TIÊU CỤ THỂ") without a year per line,
a task whose own words set a target for the same indicator with another value (both values
shown), a hyphenated word typed whole in the question, and a funding source asked with "bao
nhiêu"."""

from __future__ import annotations

from pathlib import Path

from rag.tables.answer import TableAnswerer
from rag.tables.build import PlanSource, build_store
from rag.tables.parse import PlanParser

PLAN = """CHƯƠNG I. CĂN CỨ

Căn cứ tình hình thực tế của xã.

CHƯƠNG II. MỤC TIÊU CỤ THỂ

1) Về dịch vụ công:
+ Tỷ lệ hộ gia đình nộp hồ sơ đất đai qua mạng đạt 35%.
+ Tỷ lệ thôn có bảng tin điện tử đạt 60%.

2) Về xã hội số:
+ Tỷ lệ người cao tuổi biết dùng điện thoại thông minh đạt 20%.

CHƯƠNG III. VIỆC LÀM CỤ THỂ

Việc 1. Hướng dẫn nộp hồ sơ đất đai qua mạng
Mở lớp hướng dẫn tại nhà văn hóa các thôn, phấn đấu 40% hộ gia đình nộp hồ sơ đất đai qua mạng trong năm 2027.
+ Bộ phận chủ trì: Tổ Địa chính xã.
+ Thời hạn: tháng 9/2027.

CHƯƠNG IV. KINH PHÍ

Tổng kinh phí thực hiện là 500 triệu đồng, gồm:
a) Mở hộp thư e-mail công vụ cho cán bộ thôn: 20 triệu đồng;
b) Mua bảng tin điện tử cho các thôn: 180 triệu đồng;
c) Doanh nghiệp bưu chính tài trợ: 300 triệu đồng (lắp tủ nhận hồ sơ tự động).
"""

MIXED = """PHẦN II. MỤC TIÊU VÀ NHIỆM VỤ NĂM 2027

- Sửa chữa đường truyền Internet của trụ sở xã; Văn phòng xã chủ trì, hoàn thành trong tháng 5/2027.
"""


def _answerer(tmp_path: Path, text: str = PLAN) -> TableAnswerer:
    build_store([PlanSource("x", "Kế hoạch năm 2027", "Ba Lá", "", text)], tmp_path / "t.sqlite")
    return TableAnswerer(tmp_path / "t.sqlite")


def test_list_under_a_part_heading_gives_targets_of_the_plan_year() -> None:
    doc = PlanParser().parse(PLAN, "x", "Ba Lá", "Kế hoạch năm 2027")
    targets = {r.indicator: r.targets for r in doc.records if r.kind == "target"}
    # the numbered label between the bullet groups names its group, it does not end a target
    assert targets["1) Về dịch vụ công: Tỷ lệ thôn có bảng tin điện tử đạt 60%."] == {"2027": "60%"}
    assert len(targets) == 4  # three listed, one set inside a task


def test_task_target_that_contradicts_the_list_shows_both(tmp_path: Path) -> None:
    found = _answerer(tmp_path).answer(
        "Năm 2027 xã Ba Lá đặt mục tiêu bao nhiêu % hộ nộp hồ sơ đất đai qua mạng?", ["Ba Lá"]
    )
    assert found is not None
    assert "35%" in found.text and "40%" in found.text
    assert len(found.citations) == 2


def test_hyphenated_word_typed_whole_finds_the_budget_line(tmp_path: Path) -> None:
    found = _answerer(tmp_path).answer("Xã Ba Lá chi bao nhiêu tiền cho hộp thư email?", ["Ba Lá"])
    assert found is not None and "20 triệu đồng" in found.text


def test_a_funding_source_asked_with_how_much(tmp_path: Path) -> None:
    found = _answerer(tmp_path).answer("Doanh nghiệp góp bao nhiêu cho xã Ba Lá?", ["Ba Lá"])
    assert found is not None
    assert "300 triệu đồng" in found.text and "tủ nhận hồ sơ" in found.text


def test_a_part_that_holds_targets_and_tasks_keeps_its_tasks() -> None:
    doc = PlanParser().parse(MIXED, "x", "Ba Lá", "Kế hoạch năm 2027")
    assert [r.kind for r in doc.records] == ["task"]
