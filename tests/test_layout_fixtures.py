"""Plans in layouts none of the bundled plans use (tests/fixtures): targets as nested year
bullets, and a table of indicators flattened to one line per row with the values at the end.
Read into records and answered from them."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.tables.answer import TableAnswerer
from rag.tables.build import PlanSource, build_store
from rag.tables.parse import PlanParser, Record
from rag.understand.tables import find_tables

FIXTURES = Path(__file__).with_name("fixtures")
NESTED = (FIXTURES / "plan_nested_targets.md").read_text(encoding="utf-8")
VALUES = (FIXTURES / "plan_value_table.txt").read_text(encoding="utf-8")


def _records(text: str, commune: str) -> list[Record]:
    return PlanParser().parse(text, "x", commune, text.split("\n")[0]).records


def _by_name(records: list[Record], start: str) -> Record:
    return next(r for r in records if r.indicator.startswith(start))


# --------------------------------------------------------------------------- nested bullets
def test_year_bullets_under_a_label_are_one_indicator() -> None:
    recs = _records(NESTED, "Đông Hưng Gia")
    online = _by_name(recs, "Tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến")
    assert online.targets == {"2026": "64%", "2028": "88%"}
    assert online.line_start == 15 and online.line_end == 17
    wifi = _by_name(recs, "Số điểm phát wifi")
    assert wifi.targets == {"2026": "14 điểm", "2028": "30 điểm"}
    # No record is left holding only "Năm 2026: …" without its indicator.
    assert not [r for r in recs if r.indicator.lower().startswith("năm 20")]


def test_children_without_years_keep_their_label() -> None:
    recs = _records(NESTED, "Đông Hưng Gia")
    skills = [r for r in recs if r.indicator.startswith("Nhóm chỉ tiêu về kỹ năng số")]
    assert len(skills) == 2
    assert any("bồi dưỡng kỹ năng số" in r.indicator for r in skills)
    signed = _by_name(recs, "Tỷ lệ văn bản đi được ký số")
    assert signed.targets == {"2026": "100%"}


# --------------------------------------------------------------------------- value tables
def test_one_line_rows_with_values_at_the_end() -> None:
    (table,) = find_tables(VALUES)
    assert table.form == "flat" and table.split
    roles = [c.role for c in table.columns]
    assert roles[:2] == ["indicator", "unit"] and roles.count("year") == 2
    assert "baseline" in roles
    assert len(table.rows) == 4
    first = table.rows[0]
    # The name wrapped below its values belongs to the same row.
    assert first.cells[0].endswith("công dân đủ điều kiện")
    assert first.line_start == 8 and first.line_end == 9
    assert first.cells[1] == "%"


def test_value_table_records_by_year_and_unit() -> None:
    recs = _records(VALUES, "Sông Cầu Thượng")
    dd = _by_name(recs, "Tỷ lệ người dân có tài khoản định danh")
    assert dd.targets == {"2026": "85", "2030": "100"} and dd.unit == "%"
    assert dd.baseline == "71"
    villages = _by_name(recs, "Số thôn có nhóm thông tin trực tuyến")
    assert villages.targets["2026"] == "18/18" and villages.unit == "thôn"
    shops = _by_name(recs, "Số hộ sản xuất bán hàng")
    assert shops.targets == {"2026": "65"}  # "-": no value for 2030
    assert shops.unit == "hộ"


def test_a_sentence_is_not_a_value_table() -> None:
    text = "Chỉ tiêu năm 2026 và năm 2030 được giao như sau\nTỷ lệ hồ sơ trực tuyến đạt 2026\n"
    assert find_tables(text) == []


@pytest.fixture(scope="module")
def answerer(tmp_path_factory: pytest.TempPathFactory) -> TableAnswerer:
    root = tmp_path_factory.mktemp("layouts")
    plans = [
        PlanSource("dhg", NESTED.split("\n")[8].strip("*"), "Đông Hưng Gia", "", NESTED),
        PlanSource("sct", VALUES.split("\n")[4], "Sông Cầu Thượng", "", VALUES),
    ]
    build_store(plans, root / "tables.sqlite")
    return TableAnswerer(root / "tables.sqlite")


def test_answers_a_year_from_nested_bullets(answerer: TableAnswerer) -> None:
    ans = answerer.answer(
        "Năm 2028 tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến của xã Đông Hưng Gia là bao nhiêu?",
        ["Đông Hưng Gia"],
    )
    assert ans is not None and "88%" in ans.text
    assert "88%" in ans.citations[0].quote


def test_answers_a_year_from_a_value_table(answerer: TableAnswerer) -> None:
    ans = answerer.answer(
        "Định hướng năm 2030 tỷ lệ hồ sơ được số hóa khi tiếp nhận của xã Sông Cầu Thượng là bao nhiêu?",
        ["Sông Cầu Thượng"],
    )
    assert ans is not None and "100%" in ans.text
    assert "100" in ans.citations[0].quote


# --------------------------------------------------------------------------- fixed width
FIXED = (FIXTURES / "plan_fixed_width.txt").read_text(encoding="utf-8")


def test_fixed_width_tables_by_column_positions() -> None:
    tables = find_tables(FIXED)
    assert [t.form for t in tables] == ["fixed", "fixed"]
    targets, budget = tables
    assert [c.role for c in targets.columns] == ["no", "indicator", "year", "year", "lead"]
    wrapped = next(r for r in targets.rows if r.no == "2")
    assert wrapped.cells[1] == "Tỷ lệ hộ dùng ví điện tử, tài khoản thanh toán"
    assert (wrapped.line_start, wrapped.line_end) == (19, 20)
    # The header wrapped onto a second line ("(triệu đồng)") stays in the header.
    assert budget.columns[-1].header == "Kinh phí (triệu đồng)"
    assert [r.cells[-1] for r in budget.rows] == ["80", "25"]
    assert budget.total is not None


def test_prose_after_a_fixed_width_table_is_not_swallowed() -> None:
    recs = _records(FIXED, "Hưng Phú Đông")
    task = next(r for r in recs if r.kind == "task" and r.origin == "prose")
    # The item typed with a first-line indent is a task sentence, not a heading.
    assert "Tân Quy, Bến Gỗ và Cồn Tròn" in task.indicator
    assert task.partners == ["Đoàn Thanh niên"]  # the agency map's name for it
    assert task.deadline == "hoàn thành trước ngày 30/9/2026"


def test_general_target_that_contradicts_the_table_is_kept() -> None:
    from rag.tables.conflicts import find_conflicts

    recs = _records(FIXED, "Hưng Phú Đông")
    (conflict,) = find_conflicts(recs)
    values = {conflict.a.targets["2026"], conflict.b.targets["2026"]}
    assert values == {"70%", "65%"}


def test_budget_breakdown_running_on_after_a_semicolon() -> None:
    text = (
        "Kế hoạch năm 2026\nIV. KINH PHÍ\nTổng kinh phí năm 2026 là 95 triệu đồng, trong đó: "
        "ngân sách xã 60 triệu đồng;\nngân sách tỉnh hỗ trợ 30 triệu đồng (cho camera); "
        "nguồn xã hội hóa 5 triệu đồng.\n"
    )
    recs = [r for r in _records(text, "Thử") if r.kind == "budget"]
    assert [r.budget for r in recs] == [60.0, 30.0, 5.0]
    assert "ngân sách tỉnh" in recs[1].indicator


def test_a_past_year_column_is_the_baseline() -> None:
    recs = _records(FIXED, "Hưng Phú Đông")
    online = _by_name(recs, "Tỷ lệ hồ sơ nộp trực tuyến")
    assert online.targets == {"2026": "70%"}
    assert (online.baseline, online.baseline_year) == ("48%", "2025")
