"""A task table with one column per year, each holding that year's activity, and deadlines
written inside some year cells ("hạn chót: tháng 9/2027"): those rows have that deadline, and a
row that writes none states no deadline. All plan text here is invented."""

from __future__ import annotations

from rag.tables.parse import PlanParser

PLAN = """KẾ HOẠCH
Chuyển đổi số xã Nà Khuông năm 2027

II. NHIỆM VỤ TỪNG NĂM

| TT | Nội dung | Năm 2027 | Năm 2028 | Đơn vị chủ trì |
|---|---|---|---|---|
| 1 | Phủ sóng 4G thôn vùng cao | Lắp 3 trạm BTS; hạn chót: tháng 9/2027 | Lắp thêm 2 trạm | Phòng Kinh tế |
| 2 | Tập huấn kỹ năng số cho hội viên nông dân | Mở 6 lớp cho hội viên | Mở 6 lớp | Hội Nông dân xã |
| 3 | Số hóa hồ sơ lưu trữ | Số hóa 5.000 trang | Hoàn thành trước 30/6/2028 | Văn phòng HĐND và UBND xã |
"""


def _tasks() -> dict[str, object]:
    doc = PlanParser().parse(PLAN, "na-khuong", "Nà Khuông", "Kế hoạch năm 2027")
    return {r.indicator: r for r in doc.records if r.kind == "task"}


def test_deadlines_are_read_from_year_cells() -> None:
    tasks = _tasks()
    assert tasks["Phủ sóng 4G thôn vùng cao"].deadline.endswith("tháng 9/2027")
    assert tasks["Số hóa hồ sơ lưu trữ"].deadline.endswith("30/6/2028")
    assert all(r.has_deadline_column for r in tasks.values())
    assert tasks["Tập huấn kỹ năng số cho hội viên nông dân"].deadline == ""


def test_table_without_any_cell_deadline_keeps_no_deadline_place() -> None:
    plan = PLAN.replace("; hạn chót: tháng 9/2027", "").replace("Hoàn thành trước 30/6/2028", "X")
    doc = PlanParser().parse(plan, "na-khuong", "Nà Khuông", "Kế hoạch năm 2027")
    assert not any(r.has_deadline_column for r in doc.records if r.kind == "task")


def test_deadline_question_on_a_row_without_one_says_none(tmp_path) -> None:
    from rag.tables.answer import TableAnswerer
    from rag.tables.build import PlanSource, build_store

    build_store(
        [PlanSource("na-khuong", "Kế hoạch năm 2027", "Nà Khuông", "", PLAN)],
        tmp_path / "t.sqlite",
    )
    answerer = TableAnswerer(tmp_path / "t.sqlite")
    none = answerer.answer(
        "Nà Khuông mở lớp tập huấn kỹ năng số cho hội viên hạn khi nào", ["Nà Khuông"]
    )
    assert none is not None and "không nêu thời hạn" in none.text
    some = answerer.answer("Nà Khuông lắp trạm BTS phủ sóng 4G hạn khi nào", ["Nà Khuông"])
    assert some is not None and "9/2027" in some.text
