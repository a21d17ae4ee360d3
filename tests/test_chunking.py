from rag.chunking import PlanChunker
from tests.conftest import SEEDS


def _chunks(name: str):
    path = next(SEEDS.glob(f"{name}_*.txt"))
    text = path.read_text(encoding="utf-8")
    return text, PlanChunker().split(name, text)


def test_phu_trung_appendix_rows_are_whole_and_carry_headers():
    text, chunks = _chunks("001")
    rows = [c for c in chunks if c.kind == "row"]
    assert len(rows) == 23  # the 23 DTI indicators
    for row in rows:
        assert "Chỉ số:" in row.text and "Cơ quan chủ trì:" in row.text
        assert row.section.startswith("PHỤ LỤC")
    row45 = next(r for r in rows if "STT: 4.5;" in r.text)
    assert "Tỷ lệ hồ sơ trực tuyến toàn trình" in row45.text
    assert "Năm 2026: 25%" in row45.text and "Đến năm 2030: 90%" in row45.text
    # A row wrapped over two source lines (4.3) is one chunk whose span covers both lines.
    row43 = next(r for r in rows if "STT: 4.3;" in r.text)
    assert "thủ tục hành chính có đủ điều kiện" in row43.text
    assert "chính có đủ điều kiện" in text[row43.start : row43.end]


def test_dai_dong_pdf_wraps_are_joined_into_sentences():
    _, chunks = _chunks("002")
    joined = " ".join(c.text for c in chunks)
    assert "chính quyền số xã Đại Đồng tổng thể, toàn diện." in joined
    assert "Kế hoạch số 348/KH-UBND ngày 14/5/2025" in joined
    assert "Đại \n" not in joined


def test_every_chunk_has_section_and_span():
    for name in ("000", "001", "002", "003", "004"):
        text, chunks = _chunks(name)
        for c in chunks:
            assert 0 <= c.start < c.end <= len(text)
            assert c.units


def test_giao_an_html_list_cells_become_units_with_lead():
    _, chunks = _chunks("004")
    rows = [c for c in chunks if c.kind == "row" and "Cơ quan chủ trì" in c.text]
    units = [u for r in rows for u in r.units]
    assert any("Sổ sức khỏe điện tử" in u and "Trạm Y tế" in u for u in units)
    budget_total = [c for c in chunks if c.kind == "row" and "844" in c.text]
    assert budget_total
