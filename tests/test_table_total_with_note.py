"""A budget table whose total row carries a note in brackets after its label ("Cộng (vốn tỉnh
…; vốn xã …)"): still the total row, so the plan total is answered and checked."""

from __future__ import annotations

from pathlib import Path

from rag.tables.answer import TableAnswerer
from rag.tables.build import PlanSource, build_store
from rag.understand.tables import find_tables

PLAN = """Mục 4. Kinh phí

<table>
<tr><th>STT</th><th>Nội dung</th><th>Nguồn vốn</th><th>Kinh phí (triệu đồng)</th></tr>
<tr><td>1</td><td>Mua máy chủ lưu trữ hồ sơ số</td><td>Ngân sách tỉnh</td><td>250</td></tr>
<tr><td>2</td><td>Thuê phần mềm quản lý lò giết mổ</td><td>Ngân sách xã</td><td>70</td></tr>
<tr><td>3</td><td>Tập huấn cho tổ tự quản</td><td>Ngân sách xã</td><td>30</td></tr>
<tr><td colspan="3">Cộng: (ngân sách tỉnh 250; ngân sách xã 100)</td><td>350</td></tr>
</table>
"""


def test_total_row_with_a_note_in_brackets_is_the_total() -> None:
    (table,) = find_tables(PLAN)
    assert table.total is not None and table.cell(table.total, "budget") == "350"
    assert [r.no for r in table.rows] == ["1", "2", "3"]
    assert not table.bad


def test_plan_total_and_one_source_are_answered(tmp_path: Path) -> None:
    build_store([PlanSource("x", "Kế hoạch năm 2027", "Thử", "", PLAN)], tmp_path / "t.sqlite")
    answers = TableAnswerer(tmp_path / "t.sqlite")
    total = answers.answer("Tổng kinh phí kế hoạch của xã Thử là bao nhiêu?", ["Thử"])
    assert total is not None and "350" in total.text
    own = answers.answer("Ngân sách xã Thử chi bao nhiêu cho kế hoạch?", ["Thử"])
    assert own is not None and "100" in own.text
