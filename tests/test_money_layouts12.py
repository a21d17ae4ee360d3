"""Money and target layouts read by structure (invented plans): a two-column Word table of items
and amounts, the sources of the money asked as "nguồn vốn … từ đâu", a task's labelled budget
field under "Đơn vị thực hiện:", a named budget line whose amount is split in brackets, a count
a note restates against the target table, and target lines under a year heading."""

from __future__ import annotations

from pathlib import Path

import docx

from rag.docx_reader import read_docx
from rag.tables.answer import TableAnswerer
from rag.tables.build import PlanSource, build_store
from rag.tables.store import TableStore


def _store(tmp_path: Path, text: str, commune: str = "Bến Sỏi") -> Path:
    build_store([PlanSource("plan.txt", "Kế hoạch năm 2027", commune, "", text)], tmp_path / "t.db")
    return tmp_path / "t.db"


def _ask(tmp_path: Path, text: str, question: str, commune: str = "Bến Sỏi"):
    return TableAnswerer(_store(tmp_path, text, commune)).answer(question, [commune])


# ----------------------------------------------------------------------- Word tables
def _word_plan(tmp_path: Path) -> Path:
    d = docx.Document()
    head = d.add_table(rows=1, cols=2)
    head.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nXÃ BẾN SỎI"
    head.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    d.add_paragraph("I. NHIỆM VỤ")
    tasks = [
        ("Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn"),
        (
            "1. Lắp đặt đèn chiếu sáng thông minh tại 9 tuyến đường liên thôn",
            "Phòng Kinh tế",
            "Điện lực xã",
            "30/9/2027",
        ),
        ("2. Số hóa sổ địa chính các thôn", "Văn phòng HĐND và UBND xã", "Công an xã", "31/5/2027"),
    ]
    t = d.add_table(rows=len(tasks), cols=4)
    for i, row in enumerate(tasks):
        for j, v in enumerate(row):
            t.cell(i, j).text = v
    d.add_paragraph("II. KINH PHÍ")
    budget = [
        ("Hạng mục", "Dự toán (triệu đồng)"),
        ("Đèn chiếu sáng thông minh", "715"),
        ("Số hóa sổ địa chính", "233"),
        ("Cộng", "948"),
    ]
    b = d.add_table(rows=len(budget), cols=2)
    for i, row in enumerate(budget):
        for j, v in enumerate(row):
            b.cell(i, j).text = v
    d.add_paragraph(
        "Nguồn kinh phí: ngân sách xã bố trí 600 triệu đồng; ngân sách tỉnh hỗ trợ 348 triệu đồng."
    )
    path = tmp_path / "plan.docx"
    d.save(str(path))
    return path


def test_a_two_column_word_table_of_amounts_is_a_table_and_a_layout_table_is_not(
    tmp_path: Path,
) -> None:
    text = read_docx(_word_plan(tmp_path))
    assert "| Đèn chiếu sáng thông minh | 715 |" in text
    assert "| Cộng | 948 |" in text
    # the header beside the national motto stays two columns, not a pipe table
    assert "| ỦY BAN" not in text
    assert "ỦY BAN NHÂN DÂN     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text


def test_a_task_budget_itemised_under_a_shorter_name_in_a_word_table(tmp_path: Path) -> None:
    text = read_docx(_word_plan(tmp_path))
    found = _ask(tmp_path, text, "Bến Sỏi lắp đèn chiếu sáng thông minh tốn bao nhiêu tiền")
    assert found is not None and not found.refused
    assert "715" in found.text and "233" not in found.text


def test_where_the_money_comes_from_lists_every_source_with_its_amount(tmp_path: Path) -> None:
    text = read_docx(_word_plan(tmp_path))
    found = _ask(tmp_path, text, "nguồn vốn kế hoạch của Bến Sỏi lấy từ đâu")
    assert found is not None
    assert "600" in found.text and "348" in found.text


# ----------------------------------------------------------------------- prose budgets
KEY_VALUE = """### 2. Nhiệm vụ

**Nhiệm vụ 1.** Lắp đặt hệ thống loa thông minh tại 7 thôn

Đơn vị thực hiện: Phòng Văn hóa - Xã hội

Đơn vị phối hợp: Bưu điện xã

Thời gian hoàn thành: 31/8/2027

Kinh phí dự kiến: 320 triệu đồng

**Nhiệm vụ 2.** Cập nhật dữ liệu hộ nghèo lên phần mềm quản lý

Đơn vị thực hiện: Công an xã

Thời gian hoàn thành: 30/6/2027

Kinh phí dự kiến: lồng ghép trong chi thường xuyên của đơn vị

### 3. Kinh phí

Tổng kinh phí dự kiến: 320 triệu đồng. Nguồn: ngân sách xã 200 triệu đồng; ngân sách tỉnh hỗ trợ 120 triệu đồng.
"""


def test_a_task_budget_field_under_a_doer_label_is_the_task_budget(tmp_path: Path) -> None:
    found = _ask(tmp_path, KEY_VALUE, "Bến Sỏi loa thông minh tốn bn tiền")
    assert found is not None and not found.refused
    assert "320" in found.text


def test_a_task_budget_field_without_an_amount_is_quoted(tmp_path: Path) -> None:
    found = _ask(tmp_path, KEY_VALUE, "Bến Sỏi cập nhật dữ liệu hộ nghèo kinh phí bao nhiêu")
    assert found is not None
    assert "chi thường xuyên" in found.text


def test_the_total_under_the_next_heading_is_not_a_field_of_the_last_task(tmp_path: Path) -> None:
    store = TableStore(_store(tmp_path, KEY_VALUE))
    checks = store.budget_checks("Bến Sỏi")
    assert any(c["stated_total"] == 320.0 for c in checks)
    sources = [r for r in store.records("Bến Sỏi") if r["kind"] == "budget_source"]
    assert {r["budget"] for r in sources} == {200.0, 120.0}


SPLIT_LINE = """IV. KINH PHÍ

Tổng kinh phí dự kiến: 530 triệu đồng, trong đó:
Phủ sóng 4G bản Nà Lừa: 380 triệu đồng (nhà mạng đầu tư 290 triệu đồng, ngân sách xã 90 triệu đồng).
Tập huấn kỹ năng số cho thanh niên: 150 triệu đồng.

V. TỔ CHỨC THỰC HIỆN

Các đơn vị triển khai theo Kế hoạch.
"""


def test_a_named_budget_line_split_in_brackets_is_one_line_with_its_parts(tmp_path: Path) -> None:
    found = _ask(tmp_path, SPLIT_LINE, "Bến Sỏi phủ sóng 4G hết bao nhiêu, ai chi")
    assert found is not None and not found.refused
    assert all(v in found.text for v in ("380", "290", "90"))
    store = TableStore(tmp_path / "t.db")
    check = store.budget_checks("Bến Sỏi")[0]
    assert check["computed_total"] == 530.0 and check["rows"] == 2


# ----------------------------------------------------------------------- contradictions
COUNTS = """II. CHỈ TIÊU

| Chỉ tiêu | Năm 2027 | Năm 2028 |
|---|---|---|
| Số bến thuyền có camera giám sát | 12 bến | 20 bến |
| Tỷ lệ hộ dùng nước sạch | 80% | 90% |

Lưu ý: chỉ tiêu bến thuyền có camera giám sát năm 2027 theo đề án của Ban quản lý cảng cá là 15 bến.

III. NHIỆM VỤ

- Phòng Kinh tế chủ trì lắp đặt camera giám sát tại 4 bến thuyền, hoàn thành trước ngày 30/6/2027.
"""


def test_a_count_restated_by_a_note_shows_both_values(tmp_path: Path) -> None:
    store = TableStore(_store(tmp_path, COUNTS))
    pairs = {frozenset((c["a"]["value"], c["b"]["value"])) for c in store.conflicts("Bến Sỏi")}
    assert frozenset(("12 bến", "15 bến")) in pairs
    # a task that installs part of the target is not a restatement of it
    assert not any("4 bến" in p for pair in pairs for p in pair)
    found = TableAnswerer(tmp_path / "t.db").answer(
        "Bến Sỏi chỉ tiêu bến thuyền có camera năm 2027", ["Bến Sỏi"]
    )
    assert found is not None and "12" in found.text and "15" in found.text


# ----------------------------------------------------------------------- year headings
YEAR_HEADINGS = """C. MỤC TIÊU NĂM 2027 VÀ ĐỊNH HƯỚNG 2028
a) Đến hết năm 2027:
Tỷ lệ hộ sản xuất dùng nhật ký điện tử đạt 40%; năm 2028 đạt 55%.
Ít nhất 260 hộ trồng cam có tem truy xuất điện tử;
năm 2028 đạt 410 hộ.
Có ít nhất 3 hợp tác xã bán hàng qua sàn thương mại điện tử.

D. NHIỆM VỤ
1. Phòng Kinh tế chủ trì tập huấn cho các hợp tác xã, hoàn thành trước ngày 30/10/2027.
"""


def test_targets_under_a_year_heading_are_for_that_year_and_the_later_year_named(
    tmp_path: Path,
) -> None:
    answerer = TableAnswerer(_store(tmp_path, YEAR_HEADINGS))
    later = answerer.answer("Bến Sỏi năm 2028 bao nhiêu hộ trồng cam có tem truy xuất", ["Bến Sỏi"])
    assert later is not None and "410" in later.text and "260 hộ»" not in later.text
    both = answerer.answer(
        "Bến Sỏi tỷ lệ hộ sản xuất dùng nhật ký điện tử năm 2027 và 2028", ["Bến Sỏi"]
    )
    assert both is not None and "40%" in both.text and "55%" in both.text
    store = TableStore(tmp_path / "t.db")
    coop = [r for r in store.records("Bến Sỏi") if "hợp tác xã bán hàng" in r["indicator"]]
    assert coop and coop[0]["targets"] == {"2027": "3 hợp tác xã"}


# ----------------------------------------------------------------------- comparisons
def test_a_comparison_written_with_vs_asks_each_commune_alone() -> None:
    from rag.pipeline.comparison import question_for

    q = "số hộ dùng ví điện tử năm 2027 Bến Sỏi vs Nà Lừa"
    mine = question_for(q, "Bến Sỏi", ["Nà Lừa"], True)
    theirs = question_for(q, "Nà Lừa", ["Bến Sỏi"], True)
    assert "vs" not in mine.split() and "nà lừa" not in mine.lower()
    assert "vs" not in theirs.split() and "bến sỏi" not in theirs.lower()
    assert "2027" in mine and "2027" in theirs


TOPIC_LINES = """3. Nhiệm vụ

Xây dựng 4 mô hình chăn nuôi số có cảm biến chuồng trại tại thôn Gò Mít; giao Phòng Kinh tế thực hiện, hoàn thành trong quý III/2027. Giao Công an xã chủ trì cấp chữ ký số cho 30 cán bộ, hoàn thành trong quý II/2027.

4. Kinh phí thực hiện

| STT | Nội dung | Kinh phí (triệu đồng) |
|---|---|---|
| 1 | Chăn nuôi số | 275 |
| 2 | Chữ ký số cá nhân | 90 |
| | Tổng cộng | 365 |
"""


def test_a_task_asked_in_other_words_gets_the_budget_line_of_that_task(tmp_path: Path) -> None:
    found = _ask(
        tmp_path,
        TOPIC_LINES,
        "mô hình chăn nuôi thông minh có cảm biến ở Bến Sỏi tốn bao nhiêu tiền",
    )
    assert found is not None and not found.refused
    assert "275" in found.text and "90 " not in found.text
