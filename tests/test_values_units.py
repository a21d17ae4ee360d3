"""Values shown with the unit of their unit column, named by the indicator column wherever it
stands; budget tables in other layouts and currency units answered from their records."""

from __future__ import annotations

import pytest

from rag.compose import AnswerComposer
from rag.engine import Engine
from rag.ingest import Ingestor
from rag.llm.grounding import check
from rag.query import analyse
from rag.settings import Settings
from rag.tables.parse import PlanParser, format_amount, money_unit
from rag.understand.values import with_unit
from tests.fakes import FakeEmbedder

# Lead agency before the indicator, a unit column, and a budget table in đồng with a source
# column and a "Tổng cộng" row: a layout none of the bundled plans has.
PLAN = """ỦY BAN NHÂN DÂN XÃ HÒA PHONG

KẾ HOẠCH
Chuyển đổi số xã Hòa Phong năm 2026

I. CHỈ TIÊU

| STT | Đơn vị chủ trì | Tên chỉ tiêu | Đơn vị tính | Năm 2026 | Năm 2027 |
|---|---|---|---|---|---|
| 1 | Trung tâm Phục vụ hành chính công xã | Tỷ lệ hồ sơ được nộp trực tuyến qua cổng dịch vụ công | % | 64 | 81 |
| 2 | Công an xã | Số tổ công nghệ số cộng đồng được kiện toàn ở các thôn | tổ | 14 | 17 |
| 3 | Phòng Kinh tế | Tỷ lệ hộ kinh doanh dùng thanh toán không tiền mặt | % | trên 55% | 70% |

II. KINH PHÍ

Nội dung\tNguồn\tSố tiền (đồng)
Mua máy quét tài liệu cho bộ phận một cửa\tNgân sách xã\t385.000.000
Tập huấn kỹ năng số cho cán bộ thôn\tNgân sách tỉnh\t142.000.000
Thuê đường truyền số liệu chuyên dùng\tXã hội hóa\t446.000.000
Tổng cộng\t\t973.000.000

III. TỔ CHỨC THỰC HIỆN

Các đơn vị triển khai theo chức năng, nhiệm vụ được giao.
"""


def test_bare_numbers_take_a_short_unit_and_nothing_else_does() -> None:
    assert with_unit("75", "%") == "75%"
    assert with_unit("14", "tổ") == "14 tổ"
    assert with_unit("1.200", "Người") == "1.200 người"
    assert with_unit("trên 55%", "%") == "trên 55%"  # the value has its own unit
    assert with_unit("Đạt", "%") == "Đạt"
    assert with_unit("75", "tỷ lệ hồ sơ trên tổng số hồ sơ") == "75"  # a description
    assert with_unit("75", "") == "75"


@pytest.mark.parametrize(
    ("header", "unit"),
    [
        ("Số tiền (đồng)", "đồng"),
        ("Kinh phí (triệu đồng)", "triệu đồng"),
        ("Dự toán (tỷ đồng)", "tỷ đồng"),
        ("Kinh phí (nghìn đồng)", "nghìn đồng"),
        ("Kinh phí", ""),
    ],
)
def test_money_unit_is_read_from_the_budget_header(header: str, unit: str) -> None:
    assert money_unit(header) == unit


def test_budget_table_with_source_column_gives_records_and_its_total() -> None:
    doc = PlanParser().parse(PLAN, "hp", "Hòa Phong", "Kế hoạch năm 2026")
    budget = [r for r in doc.records if r.kind == "budget"]
    assert [r.budget for r in budget] == [385_000_000, 142_000_000, 446_000_000]
    assert {r.budget_unit for r in budget} == {"đồng"}
    assert budget[0].source == "Ngân sách xã"
    (total,) = doc.budget_checks
    assert total.stated_raw == "973.000.000" and total.difference == 0
    assert "973.000.000" in total.quote and "Tổng cộng" in total.quote
    units = {r.indicator[:20]: r.unit for r in doc.records if r.kind == "indicator"}
    assert units["Số tổ công nghệ số c"] == "tổ"


def test_direct_answer_names_the_indicator_column_and_shows_the_unit() -> None:
    row = (
        "TT: 1; Đơn vị chủ trì: Trung tâm Phục vụ hành chính công xã; Tên chỉ tiêu: Tỷ lệ hồ sơ "
        "được nộp trực tuyến; Đơn vị tính: %; Năm 2026: 64; Năm 2027: 81"
    )
    info = analyse("Tỷ lệ hồ sơ được nộp trực tuyến năm 2026 là bao nhiêu?", ["Hòa Phong"])
    short = AnswerComposer.direct_answer(info, row)
    assert short.startswith("Tỷ lệ hồ sơ được nộp trực tuyến — ")
    assert "Năm 2026: 64%" in short and "Trung tâm" not in short
    quote = AnswerComposer.quote_showing(info, row, "Tỷ lệ hồ sơ được nộp trực tuyến")
    assert "Năm 2026: 64" in quote and "Đơn vị tính: %" in quote
    assert check(f"{short} [1]", [quote]).ok


def test_a_percent_needs_a_unit_column_in_the_cited_passage() -> None:
    assert check("Năm 2026: 64% [1]", ["Tên chỉ tiêu: X; Đơn vị tính: %; Năm 2026: 64"]).ok
    assert not check("Năm 2026: 64% [1]", ["Tên chỉ tiêu: X; Đơn vị tính: hộ; Năm 2026: 64"]).ok
    assert not check("Năm 2026: 65% [1]", ["Tên chỉ tiêu: X; Đơn vị tính: %; Năm 2026: 64"]).ok


@pytest.fixture(scope="module")
def plan_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root = tmp_path_factory.mktemp("values")
    plan = root / "plans" / "hoa-phong-kh-2026.txt"
    plan.parent.mkdir()
    plan.write_text(PLAN, encoding="utf-8")
    settings = Settings(data_dir=root / "data")
    Ingestor(settings, embedder=FakeEmbedder()).run(plan, progress=False)
    return Engine(settings, embedder=FakeEmbedder())


def _cited(ans) -> str:
    return " ".join(c.quote for c in ans.citations)


def test_engine_shows_a_target_with_the_unit_of_its_column(plan_engine: Engine) -> None:
    ans = plan_engine.ask(
        "Tỷ lệ hồ sơ được nộp trực tuyến qua cổng dịch vụ công năm 2026 của xã Hòa Phong "
        "là bao nhiêu?"
    )
    assert not ans.refused
    first = ans.answer.split("\n")[0]
    assert "64%" in first and "Tỷ lệ hồ sơ được nộp trực tuyến" in first
    assert "64" in _cited(ans)


def test_engine_answers_the_budget_total_in_dong_with_its_quote(plan_engine: Engine) -> None:
    ans = plan_engine.ask("Tổng dự toán kinh phí của xã Hòa Phong là bao nhiêu?")
    assert not ans.refused
    assert "973.000.000 đồng" in ans.answer.split("\n")[0]
    assert any("973.000.000" in c.quote and "Tổng cộng" in c.quote for c in ans.citations)


def test_engine_lists_the_budget_items_with_amounts(plan_engine: Engine) -> None:
    ans = plan_engine.ask("Kinh phí của xã Hòa Phong gồm những hạng mục nào?")
    assert not ans.refused
    for item, amount in (
        ("Mua máy quét tài liệu", "385.000.000"),
        ("Tập huấn kỹ năng số", "142.000.000"),
        ("Thuê đường truyền số liệu", "446.000.000"),
    ):
        line = next(ln for ln in ans.answer.splitlines() if item in ln)
        assert amount in line
        assert amount in _cited(ans)


@pytest.mark.parametrize(
    ("value", "text"), [(1110.0, "1.110"), (973_000_000.0, "973.000.000"), (12.5, "12,5")]
)
def test_amounts_are_written_the_vietnamese_way(value: float, text: str) -> None:
    assert format_amount(value) == text
