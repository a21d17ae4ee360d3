"""The one table reader (rag.understand.tables): every layout, any column order, and a plan in
a layout none of the bundled plans uses, answered end to end from its records."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.chunking import PlanChunker
from rag.engine import Engine
from rag.ingest import Ingestor
from rag.settings import Settings
from rag.tables.build import PlanSource, build_store
from rag.tables.store import TableStore
from rag.understand.tables import Table, find_tables, load_vocabulary


def _one(text: str) -> Table:
    (table,) = find_tables(text)
    return table


def _by_role(table: Table) -> dict[str, str]:
    return {c.role: c.header for c in table.columns if c.role}


def _row(table: Table, no: str) -> dict[str, str]:
    row = next(r for r in table.rows if r.no == no)
    return {c.role or c.header: row.cells[c.index] for c in table.columns}


# --------------------------------------------------------------------------- forms
def test_tab_table_with_wrapped_rows() -> None:
    text = (
        "Mở đầu\n"
        "TT\tNhiệm vụ\tĐơn vị chủ trì\tThời gian hoàn thành\n"
        "1\tXây dựng kho dữ liệu\tVăn phòng\tQuý II/2026\n"
        "\tdùng chung của xã\t\t\n"
        "2\tTập huấn kỹ năng số\tCông an xã\tThường xuyên\n"
    )
    table = _one(text)
    assert table.form == "tab"
    assert _by_role(table) == {
        "no": "TT",
        "indicator": "Nhiệm vụ",
        "lead": "Đơn vị chủ trì",
        "deadline": "Thời gian hoàn thành",
    }
    first = table.rows[0]
    assert table.cell(first, "indicator") == "Xây dựng kho dữ liệu dùng chung của xã"
    assert (first.line_start, first.line_end) == (3, 4)
    assert table.cell(table.rows[1], "deadline") == "Thường xuyên"
    assert table.cell(first, "partners") is None  # no partner column at all


def test_pipe_table_with_reordered_columns_and_empty_cells() -> None:
    text = (
        "| Đơn vị thực hiện | Nội dung | Kết quả 2025 | STT | Năm 2027 | Đơn vị tính | Phối hợp |\n"
        "|---|:---:|---|---|---|---|---|\n"
        "| Công an xã | Cấp tài khoản định danh mức 2 | 60% | 1 | 90% | % | |\n"
        "| Văn phòng | Hồ sơ xử lý trên môi trường mạng |  | 2 | 100% | % | Các phòng |\n"
    )
    table = _one(text)
    assert table.form == "pipe"
    roles = [c.role for c in table.columns]
    assert roles == ["lead", "indicator", "baseline", "no", "year", "unit", "partners"]
    assert table.columns[4].year == "2027" and table.columns[2].year == "2025"
    assert [r.no for r in table.rows] == ["1", "2"]
    one = _row(table, "1")
    assert one["lead"] == "Công an xã" and one["year"] == "90%" and one["partners"] == ""
    assert _row(table, "2")["baseline"] == ""


def test_html_table_with_list_cells() -> None:
    text = (
        "<table>\n<tr><th>STT</th><th>Tên chỉ tiêu</th><th>Cơ quan chủ trì</th>"
        "<th>Chỉ tiêu 2026</th></tr>\n"
        "<tr><td>1</td><td><ul><li>- Tỷ lệ A</li><li>- Tỷ lệ B</li></ul></td>"
        "<td>Phòng Kinh tế</td><td>80%</td></tr>\n"
        "<tr><td colspan='2'>Tổng cộng</td><td></td><td></td></tr>\n</table>\n"
    )
    table = _one(text)
    assert table.form == "html"
    assert _by_role(table)["year"] == "Chỉ tiêu 2026"
    (row,) = table.rows
    assert "<li>" in table.cell(row, "indicator")
    assert table.cell(row, "year") == "80%"
    assert table.total is not None
    chunk = next(c for c in PlanChunker().split("d", text) if c.kind == "row")
    assert any("Tỷ lệ B" in u and "Phòng Kinh tế" in u for u in chunk.units)


def test_pdf_flattened_table_header_on_several_lines() -> None:
    text = (
        "PHỤ LỤC\n\nSTT Nội dung công việc Sản phẩm đầu \nra\n\nCơ quan chủ \ntrì Thời hạn\n\n"
        "1 Chính quyền số\n1.1 Số hóa hồ sơ một cửa\nBiên bản nghiệm thu Tháng 9/2026\n"
        "1.2 Cập nhật cổng thông tin Thường xuyên\n"
        "STT Nội dung công việc Sản phẩm đầu \nra\n\nCơ quan chủ \ntrì Thời hạn\n"
        "2 Kinh tế số\n2.1 Mở gian hàng trực tuyến\n"
        "III. TỔ CHỨC THỰC HIỆN\nCác phòng báo cáo hằng quý.\n"
    )
    table = _one(text)
    assert table.form == "pdf" and not table.split
    assert [c.role for c in table.columns] == ["no", "indicator", "output", "lead", "deadline"]
    assert [(r.no, r.group) for r in table.rows] == [
        ("1.1", "Chính quyền số"),
        ("1.2", "Chính quyền số"),
        ("2.1", "Kinh tế số"),
    ]
    assert "Biên bản nghiệm thu" in table.cell(table.rows[0], "indicator")
    assert "STT" not in table.rows[1].text  # the repeated header is not part of a row
    assert "báo cáo" not in table.rows[-1].text  # the table ends at the next heading


def test_pdf_with_one_cell_per_line_recovers_columns() -> None:
    text = (
        "STT\nNội dung\nChủ trì\nThời hạn\n"
        "1\nSố hóa hồ sơ\nVăn phòng\nQuý IV/2026\n"
        "2\nMở gian hàng trực tuyến\nPhòng Kinh tế\nNăm 2027\n"
    )
    table = _one(text)
    assert table.form == "pdf" and table.split
    assert _row(table, "2") == {
        "no": "2",
        "indicator": "Mở gian hàng trực tuyến",
        "lead": "Phòng Kinh tế",
        "deadline": "Năm 2027",
    }


def test_header_spanning_two_lines_and_no_partner_column() -> None:
    text = (
        "STT\tTên nhiệm vụ\tĐơn vị\tNăm\n\t\tchủ trì\t2026\n1\tPhủ sóng 5G\tPhòng Kinh tế\t100%\n"
    )
    table = _one(text)
    assert [c.role for c in table.columns] == ["no", "indicator", "lead", "year"]
    assert table.columns[2].header == "Đơn vị chủ trì" and table.columns[3].year == "2026"
    assert len(table.rows) == 1 and table.index("partners") is None


def test_table_without_row_numbers_and_bad_rows_reported() -> None:
    text = (
        "| Nhiệm vụ | Chủ trì | Tiến độ |\n|---|---|---|\n"
        "| Việc một | Văn phòng | Quý I |\n| Việc hai | | |\n"
    )
    table = _one(text)
    assert [r.no for r in table.rows] == ["1", "2"]
    assert table.cell(table.rows[1], "deadline") == ""
    text = "TT\tNhiệm vụ\tChủ trì\n1\tViệc\tVăn phòng\n2\t\t\nghi thêm\t\t\n"
    bad = _one(text)
    assert [(b.line_start, b.reason) for b in bad.bad] == [
        (3, "dòng 2 không có nội dung"),
        (4, "dòng bảng không nhận dạng được"),
    ]
    chunks = PlanChunker().split("d", text)
    assert any(c.text == "ghi thêm" for c in chunks)  # unread lines stay searchable


def test_vocabulary_is_one_data_file() -> None:
    vocab = load_vocabulary()
    assert vocab.role("Cơ quan phối hợp") == "partners"
    assert vocab.role("Kinh phí năm 2026 (triệu đồng)") == "budget"
    assert vocab.role("Thực hiện 2025") == "baseline"
    assert vocab.role("Hien trang") == "baseline"  # typed without diacritics
    assert vocab.role("Căn cứ pháp lý") == "legal"
    assert vocab.role("Màu sắc") == ""


def test_unparsed_rows_reported_by_file_and_line(tmp_path: Path) -> None:
    text = "Kế hoạch năm 2026\n\nTT\tNhiệm vụ\tChủ trì\n1\tViệc A\tVăn phòng\n2\t\t\n"
    report = build_store(
        [PlanSource("x", "Kế hoạch năm 2026", "Thử", "", text, str(tmp_path / "x.txt"))],
        tmp_path / "t.sqlite",
    )
    summary = report.summary()
    assert "Dòng không đọc được trong x (x.txt)" in summary
    assert "dòng 5: dòng 2 không có nội dung" in summary


# --------------------------------------------------------------------------- end to end
PLAN = """ỦY BAN NHÂN DÂN XÃ SƠN THỦY

KẾ HOẠCH
Chuyển đổi số xã Sơn Thủy giai đoạn 2026 - 2027

I. MỤC ĐÍCH, YÊU CẦU
Đưa hoạt động của chính quyền xã lên môi trường số, phục vụ người dân tốt hơn.

II. NHIỆM VỤ CỤ THỂ
Các nhiệm vụ được giao theo bảng sau:

| Đơn vị thực hiện | Nội dung nhiệm vụ | STT | Thời hạn hoàn thành | Chỉ tiêu 2026 | Chỉ tiêu 2027 | Phối hợp |
|---|---|---|---|---|---|---|
| Văn phòng UBND xã | Số hóa hồ sơ lưu trữ của xã | 1 | Quý IV/2026 | 50% | 100% | Công an xã |
| Trạm Y tế xã | Tỷ lệ người dân có hồ sơ sức khỏe điện tử | 2 | Tháng 12/2027 | 70% | 95% | |
| Phòng Kinh tế | Mở gian hàng nông sản trên sàn thương mại điện tử | 3 | | 10 hộ | 25 hộ | Hội Nông dân xã |

III. TỔ CHỨC THỰC HIỆN
Các đơn vị báo cáo kết quả về Văn phòng UBND xã trước ngày 15 hằng tháng.
"""


@pytest.fixture(scope="module")
def son_thuy(tmp_path_factory: pytest.TempPathFactory, fake_embedder) -> Engine:
    root = tmp_path_factory.mktemp("son-thuy")
    plans = root / "corpus" / "plans"
    plans.mkdir(parents=True)
    (plans / "son-thuy.txt").write_text(PLAN, encoding="utf-8")
    (plans / "manifest.yaml").write_text(
        "documents:\n  - file: son-thuy.txt\n    doc_id: son-thuy-cds\n"
        '    title: "Kế hoạch Chuyển đổi số xã Sơn Thủy giai đoạn 2026 - 2027"\n'
        '    commune: "Sơn Thủy"\n    province: "tỉnh Thử Nghiệm"\n    doc_type: plan\n',
        encoding="utf-8",
    )
    settings = Settings(data_dir=root / "data", corpus_dir=root / "corpus")
    Ingestor(settings, embedder=fake_embedder).run(progress=False)
    return Engine(settings, embedder=fake_embedder)


def test_new_layout_records(son_thuy: Engine) -> None:
    store = TableStore(Path(son_thuy.settings.data_dir) / "tables.sqlite")
    recs = {r["row_no"]: r for r in store.records("Sơn Thủy")}
    assert set(recs) == {"1", "2", "3"}
    assert recs["1"]["lead"] == "Văn phòng HĐND và UBND" and recs["1"]["partners"]
    assert recs["2"]["targets"] == {"2026": "70%", "2027": "95%"}
    assert recs["1"]["deadline"] == "Quý IV/2026" and recs["3"]["deadline"] == ""
    assert recs["3"]["has_deadline_column"]
    assert recs["2"]["line_start"] == 15 and "Tháng 12/2027" in recs["2"]["quote"]


def test_new_layout_answers_who_leads(son_thuy: Engine) -> None:
    ans = son_thuy.ask("Ai chủ trì việc số hóa hồ sơ lưu trữ ở xã Sơn Thủy?")
    assert not ans.refused
    assert "Văn phòng UBND xã" in ans.answer
    assert "Văn phòng UBND xã" in ans.citations[0].quote


def test_new_layout_answers_target_of_year(son_thuy: Engine) -> None:
    ans = son_thuy.ask(
        "Năm 2027 tỷ lệ người dân có hồ sơ sức khỏe điện tử của xã Sơn Thủy đạt bao nhiêu?"
    )
    assert "95%" in ans.answer and "95%" in ans.citations[0].quote


def test_new_layout_answers_deadlines(son_thuy: Engine) -> None:
    ans = son_thuy.ask("xa son thuy so hoa ho so luu tru hoan thanh khi nao")
    assert "Quý IV/2026" in ans.answer and "Quý IV/2026" in ans.citations[0].quote
    none = son_thuy.ask(
        "Nhiệm vụ mở gian hàng nông sản trên sàn thương mại điện tử của xã Sơn Thủy hoàn thành khi nào?"
    )
    assert "không ghi thời hạn" in none.answer
    assert "gian hàng nông sản" in none.citations[0].quote


def test_header_reprinted_on_a_new_page_is_not_a_row() -> None:
    table = _one(
        "| Nhiệm vụ | Chủ trì | Thời hạn |\n|---|---|---|\n| Việc một | Văn phòng | Quý I |\n"
        "| Nhiệm vụ | Chủ trì | Thời hạn |\n"
        "| Kết quả khảo sát | Phòng chủ trì | Hoàn thành quý II |\n"
    )
    assert [table.cell(r, "indicator") for r in table.rows] == ["Việc một", "Kết quả khảo sát"]
    assert [r.no for r in table.rows] == ["1", "2"]
