"""Budget layouts: a budget table whose header names only sources (a first row of labels over
rows of amounts), amounts given per task point by cross-reference ("Nhiệm vụ tại điểm 2: …"),
a "Nguồn kinh phí: …" line splitting the total by source, and questions on whether the plan's
totals agree."""

from __future__ import annotations

from pathlib import Path

from rag.tables.answer import TableAnswerer
from rag.tables.build import PlanSource, build_store
from rag.understand.tables import find_tables

SOURCES_TABLE = """KẾ HOẠCH ỨNG DỤNG CÔNG NGHỆ SỐ XÃ BẾN ĐÁ NĂM 2027

I. Việc cần làm

1. Trang bị loa thông minh cho 8 tổ dân phố. Chủ trì: Văn phòng xã. Hoàn thành trước 30/6/2027.
2. Xây dựng bản đồ số vùng nuôi hàu. Chủ trì: Tổ Kinh tế xã. Hoàn thành trước 30/9/2027.

II. Dự trù kinh phí (đơn vị: triệu đồng)

| Hạng mục | Vốn xã | Vốn huyện hỗ trợ | Đóng góp doanh nghiệp | Cộng |
|---|---|---|---|---|
| Loa thông minh | 12 | 30 | 0 | 42 |
| Bản đồ số vùng nuôi hàu | 8 | 0 | 55 | 63 |
| **Tổng** | **20** | **30** | **55** | **105** |
"""


def _answerer(tmp_path: Path, text: str, commune: str = "Bến Đá") -> TableAnswerer:
    build_store([PlanSource("x", "Kế hoạch năm 2027", commune, "", text)], tmp_path / "t.sqlite")
    return TableAnswerer(tmp_path / "t.sqlite")


def test_a_first_row_of_labels_over_amounts_is_the_header() -> None:
    table = next(t for t in find_tables(SOURCES_TABLE) if t.form == "pipe")
    assert [c.header for c in table.columns][:2] == ["Hạng mục", "Vốn xã"]
    assert table.index("budget") == 4  # "Cộng": the column the others add up to
    assert [c.role for c in table.columns].count("budget_part") == 3
    assert len(table.rows) == 2 and table.total is not None


def test_a_first_row_over_text_rows_is_not_taken_for_a_header() -> None:
    text = "| Việc | Ai làm | Khi nào |\n|---|---|---|\n| Loa | Văn phòng | Quý II |\n| Hàu | Tổ KT | Quý III |\n"
    table = find_tables(text)[0]
    assert not table.has_header


def test_the_total_of_the_source_table_is_answered(tmp_path: Path) -> None:
    found = _answerer(tmp_path, SOURCES_TABLE).answer("tổng kp xã Bến Đá", ["Bến Đá"])
    assert found is not None and not found.refused
    assert "105 triệu đồng" in found.text


def test_a_source_column_is_answered_with_its_total_row(tmp_path: Path) -> None:
    found = _answerer(tmp_path, SOURCES_TABLE).answer(
        "doanh nghiệp góp bao nhiêu cho kế hoạch xã Bến Đá", ["Bến Đá"]
    )
    assert found is not None and not found.refused
    assert "55 triệu đồng" in found.text and "Đóng góp doanh nghiệp" in found.text
    assert "«Tổng»" in found.text  # the total row it was read from
    assert any("Đóng góp doanh nghiệp: 55" in c.quote for c in found.citations)


def test_an_item_of_the_source_table_shows_its_shares(tmp_path: Path) -> None:
    found = _answerer(tmp_path, SOURCES_TABLE).answer(
        "loa thông minh xã Bến Đá kinh phí bao nhiêu", ["Bến Đá"]
    )
    assert found is not None and "42 triệu đồng" in found.text
    assert "Vốn huyện hỗ trợ: 30" in found.text


POINTS = """KẾ HOẠCH CHUYỂN ĐỔI SỐ XÃ SUỐI LAU NĂM 2027

II. NHIỆM VỤ

1. Lắp màn hình tra cứu thủ tục tại bộ phận một cửa; hoàn thành trong Quý I/2027.
2. Số hóa hồ sơ địa chính các thửa đất nông nghiệp; hoàn thành trước ngày 31/10/2027.
3. Mở lớp dạy kỹ năng số cho phụ nữ các bản.

III. KINH PHÍ

Tổng kinh phí dự kiến năm 2027: 300 triệu đồng, phân bổ theo nhiệm vụ tại mục II như sau:
- Nhiệm vụ tại điểm 1: 90 triệu đồng;
- Nhiệm vụ tại điểm 2: 210 triệu đồng.
Nguồn kinh phí: ngân sách xã là 120 triệu đồng; vốn sự nghiệp tỉnh cấp là 180 triệu đồng.

IV. TỔ CHỨC THỰC HIỆN

1. Giao Văn phòng xã chủ trì thực hiện nhiệm vụ tại điểm 1 mục II.
2. Giao Tổ Địa chính chủ trì thực hiện nhiệm vụ tại điểm 2 mục II.
"""


def test_an_amount_given_per_task_point_is_the_tasks(tmp_path: Path) -> None:
    found = _answerer(tmp_path, POINTS, "Suối Lau").answer(
        "số hóa hồ sơ địa chính xã Suối Lau kinh phí bao nhiêu", ["Suối Lau"]
    )
    assert found is not None and not found.refused
    assert "210 triệu đồng" in found.text and "địa chính" in found.text


def test_the_sources_line_answers_where_the_money_comes_from(tmp_path: Path) -> None:
    found = _answerer(tmp_path, POINTS, "Suối Lau").answer(
        "kinh phí kế hoạch xã Suối Lau lấy từ nguồn nào", ["Suối Lau"]
    )
    assert found is not None and not found.refused
    assert "ngân sách xã" in found.text and "120 triệu đồng" in found.text
    assert "vốn sự nghiệp tỉnh" in found.text


def test_the_sources_are_not_counted_as_more_items(tmp_path: Path) -> None:
    found = _answerer(tmp_path, POINTS, "Suối Lau").answer(
        "tổng kinh phí xã Suối Lau", ["Suối Lau"]
    )
    assert found is not None and "300 triệu đồng" in found.text
    assert "lệch" not in found.text  # the two points add up to the total; the sources do not count


RESTATED = """KẾ HOẠCH SỐ HÓA XÃ GÒ MUỐI NĂM 2027

3. Kinh phí

Tổng kinh phí thực hiện là 700 triệu đồng (chi tiết tại Phụ lục).

PHỤ LỤC

| STT | Nội dung | Chủ trì | Kinh phí (triệu đồng) |
|---|---|---|---|
| 1 | Số hóa sổ hộ tịch | Tư pháp xã | 300 |
| 2 | Camera an ninh | Công an xã | 470 |
| | **Tổng cộng** | | **770** |
"""


def test_asking_whether_the_totals_agree_shows_both(tmp_path: Path) -> None:
    found = _answerer(tmp_path, RESTATED, "Gò Muối").answer(
        "kinh phí xã Gò Muối phần kinh phí và phụ lục có khớp nhau không", ["Gò Muối"]
    )
    assert found is not None and not found.refused
    assert "700" in found.text and "770" in found.text


NAMED_LINES = """KẾ HOẠCH CHUYỂN ĐỔI SỐ XÃ NÚI THÉP NĂM 2027

I. Nhiệm vụ

1. Mở rộng sóng di động tới bản Nà Khoang. Chủ trì: Phòng Kinh tế xã. Hoàn thành Quý III/2027.

II. KINH PHÍ

Mở rộng sóng di động bản Nà Khoang: 0 đồng (nhà mạng tự bỏ vốn).

Mua máy chủ lưu trữ hồ sơ: 180 triệu đồng.

Tập huấn chữ ký số cho cán bộ: 20 triệu đồng.

Tổng kinh phí thực hiện: 200 triệu đồng; nguồn: ngân sách huyện 150 triệu đồng, ngân sách xã 50 triệu đồng.
"""


def test_unmarked_name_colon_amount_lines_are_budget_lines(tmp_path: Path) -> None:
    answerer = _answerer(tmp_path, NAMED_LINES, "Núi Thép")
    found = answerer.answer("mua máy chủ lưu trữ xã Núi Thép tốn bao nhiêu", ["Núi Thép"])
    assert found is not None and "180 triệu đồng" in found.text
    free = answerer.answer("mở rộng sóng di động Núi Thép tốn bao nhiêu ngân sách", ["Núi Thép"])
    assert free is not None and not free.refused
    assert "0 đồng" in free.text and "tự bỏ vốn" in free.text


def test_the_closing_total_line_keeps_its_sources(tmp_path: Path) -> None:
    answerer = _answerer(tmp_path, NAMED_LINES, "Núi Thép")
    total = answerer.answer("tổng kinh phí xã Núi Thép", ["Núi Thép"])
    assert total is not None and "200 triệu đồng" in total.text
    assert "lệch" not in total.text  # 0 + 180 + 20: the sources are not items
    source = answerer.answer("ngân sách huyện hỗ trợ Núi Thép bao nhiêu", ["Núi Thép"])
    assert source is not None and "150 triệu đồng" in source.text
