"""A target table printed the other way round ("Năm | indicator | indicator", one row per
year) gives a record per indicator with a value per year, like a normal target table."""

from __future__ import annotations

from pathlib import Path

from rag.tables.answer import TableAnswerer
from rag.tables.build import PlanSource, build_store
from rag.tables.parse import PlanParser
from rag.understand.pdf_layout import rebuild_tables

TEXT = """KẾ HOẠCH số hóa giai đoạn 2027 - 2029

2. Chỉ tiêu theo năm:

| Năm | Trường học có sổ điểm điện tử | Chợ có điểm thanh toán QR | Thôn có loa thông minh |
|---|---|---|---|
| 2027 | 40% | 2 chợ | 5 thôn |
| 2028 | 65% | 3 chợ | 9 thôn |
| 2029 | 90% | 4 chợ | 12 thôn |
"""


def test_rows_of_years_become_a_record_per_indicator() -> None:
    doc = PlanParser().parse(TEXT, "x", "Thử", "Kế hoạch số hóa giai đoạn 2027 - 2029")
    by_name = {r.indicator: r.targets for r in doc.records}
    assert by_name["Trường học có sổ điểm điện tử"] == {
        "2027": "40%",
        "2028": "65%",
        "2029": "90%",
    }
    assert by_name["Thôn có loa thông minh"]["2028"] == "9 thôn"


def test_a_value_per_year_is_answered(tmp_path: Path) -> None:
    build_store(
        [PlanSource("x", "Kế hoạch số hóa giai đoạn 2027 - 2029", "Thử", "", TEXT)],
        tmp_path / "t.sqlite",
    )
    found = TableAnswerer(tmp_path / "t.sqlite").answer(
        "chỉ tiêu trường học có sổ điểm điện tử của xã Thử năm 2028 và 2029 là bao nhiêu",
        ["Thử"],
    )
    assert found is not None and "65%" in found.text and "90%" in found.text


def test_a_first_column_of_row_numbers_is_not_read_as_years() -> None:
    text = TEXT.replace("| Năm |", "| TT |").replace("| 2027 |", "| 1 |")
    doc = PlanParser().parse(text, "x", "Thử", "Kế hoạch")
    assert all(r.indicator != "Trường học có sổ điểm điện tử" for r in doc.records)


PLAIN = """2. Chỉ tiêu theo năm:
Năm Trường
học có sổ
điểm điện tử
Chợ có
điểm QR
Thôn có
loa
2027 40% 2 chợ 5 thôn
2028 65% 3 chợ 9 thôn
 Ả
Phần hai. NHIỆM VỤ"""

LAYOUT = """2. Chỉ tiêu theo năm:

Năm      Trường      Chợ có      Thôn có
         học có sổ   điểm QR     loa
         điểm điện tử
2027     40%         2 chợ       5 thôn
2028     65%         3 chợ       9 thôn

                          Ả

Phần hai. NHIỆM VỤ"""


def test_a_pdf_table_of_years_is_rebuilt_from_the_layout() -> None:
    text = rebuild_tables(PLAIN, LAYOUT)
    assert "| 2027 | 40% | 2 chợ | 5 thôn |" in text
    assert "| 2028 | 65% | 3 chợ | 9 thôn |" in text  # a mark below the table stays out
    assert "| Năm | Trường học có sổ điểm điện tử | Chợ có điểm QR | Thôn có loa |" in text
