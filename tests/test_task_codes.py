"""A budget annex that names its tasks only by their code ("Ký hiệu: DA-3") borrows the task's
name from the table that gave the code, so a question about the task (or typing its code)
finds its amount and source. All plan text here is invented."""

from __future__ import annotations

from rag.tables.parse import PlanParser
from rag.understand.task_codes import code_key

PLAN = """KẾ HOẠCH
Chuyển đổi số xã Khe Lau năm 2027

II. CÁC ĐỀ ÁN

| Ký hiệu | Tên đề án | Đơn vị chủ trì | Thời hạn |
|---|---|---|---|
| DA-1 | Lắp đặt loa truyền thanh thông minh ở 9 thôn | Phòng Văn hóa - Xã hội | Quý III/2027 |
| DA-2 | Số hóa sổ hộ tịch giai đoạn 1995-2015 | Văn phòng HĐND và UBND xã | 30/11/2027 |
| DA-3 | Bản đồ số các vườn cam đặc sản | Phòng Kinh tế | 31/12/2027 |

III. DỰ TOÁN (đơn vị: triệu đồng)

| Ký hiệu | Năm 2027 | Năm 2028 | Tổng | Nguồn |
|---|---|---|---|---|
| DA-1 | 120 | 35 | 155 | Ngân sách huyện |
| DA-3 | 40 | 18 | 58 | Vốn sự nghiệp khoa học |
"""


def _parse():
    return PlanParser().parse(PLAN, "khe-lau", "Khe Lau", "Kế hoạch năm 2027")


def test_code_key_accepts_codes_only() -> None:
    assert code_key("DA-3") == code_key("da3") == "da3"
    assert code_key(" NV05 ") == "nv05"
    assert code_key("2027") == ""
    assert code_key("Phòng Kinh tế") == ""


def test_budget_rows_keyed_by_code_take_the_task_name() -> None:
    doc = _parse()
    budgets = [r for r in doc.records if r.kind == "budget"]
    named = {r.indicator: (r.budget, r.source) for r in budgets}
    assert named == {
        "Lắp đặt loa truyền thanh thông minh ở 9 thôn (DA-1)": (155, "Ngân sách huyện"),
        "Bản đồ số các vườn cam đặc sản (DA-3)": (58, "Vốn sự nghiệp khoa học"),
    }
    assert not [u for u in doc.unparsed if "DA-" in u.raw]


def test_unknown_code_stays_unparsed() -> None:
    plan = PLAN.replace("| DA-3 | 40 |", "| DA-9 | 40 |")
    doc = PlanParser().parse(plan, "khe-lau", "Khe Lau", "Kế hoạch năm 2027")
    assert [u for u in doc.unparsed if "DA-9" in u.raw]


def test_question_typing_the_code_gets_the_amount_and_source(tmp_path) -> None:
    from rag.tables.answer import TableAnswerer
    from rag.tables.build import PlanSource, build_store

    build_store(
        [PlanSource("khe-lau", "Kế hoạch năm 2027", "Khe Lau", "", PLAN)],
        tmp_path / "t.sqlite",
    )
    found = TableAnswerer(tmp_path / "t.sqlite").answer(
        "khe lau DA-3 ban do so vuon cam kinh phi bao nhieu nguon nao", ["Khe Lau"]
    )
    assert found is not None
    assert "58" in found.text and "sự nghiệp khoa học" in found.text
