"""A count a plan states twice with different values (a target table's row and a note in the
text), counts that must not be compared (money, two sentences), and the year of values listed
under a year line ("- Năm 2027:")."""

from __future__ import annotations

from pathlib import Path

from rag.tables.answer import TableAnswerer
from rag.tables.build import PlanSource, build_store
from rag.tables.parse import PlanParser
from rag.tables.statements import plan_statement_conflicts

COUNTS = """KẾ HOẠCH CHUYỂN ĐỔI SỐ XÃ ĐỒI CÁT NĂM 2027

II. CHỈ TIÊU

| Chỉ tiêu | Đơn vị | Năm 2027 | Năm 2028 |
| --- | --- | --- | --- |
| Bến thuyền có wifi miễn phí | bến | 9 | 12 |
| Hộ nuôi ong bán hàng qua mạng | hộ | 140 | 200 |

Lưu ý: số bến thuyền có wifi miễn phí năm 2027 thực tế chỉ là 7 bến thuyền.

III. KINH PHÍ

Lắp wifi bến thuyền: 90 triệu đồng.

Tập huấn bán hàng qua mạng: 40 triệu đồng.

Tổng kinh phí: 130 triệu đồng.
"""


def _conflicts(text: str, title: str) -> list[tuple]:
    doc = PlanParser().parse(text, "x", "Đồi Cát", title)
    return plan_statement_conflicts(text, doc.sections, doc.records, title, doc.plan_year)


def test_a_count_in_a_target_table_and_another_in_the_text_conflict() -> None:
    found = _conflicts(COUNTS, "Kế hoạch năm 2027")
    assert [(a.value, b.value) for a, b, _ in found] in ([("9 bến", "7 bến")], [("7 bến", "9 bến")])


def test_the_target_answer_shows_both_counts(tmp_path: Path) -> None:
    build_store(
        [PlanSource("x", "Kế hoạch năm 2027", "Đồi Cát", "", COUNTS)], tmp_path / "t.sqlite"
    )
    found = TableAnswerer(tmp_path / "t.sqlite").answer(
        "năm 2027 xã Đồi Cát có bao nhiêu bến thuyền có wifi miễn phí", ["Đồi Cát"]
    )
    assert found is not None and "9" in found.text and "7 bến" in found.text


def test_amounts_of_money_and_two_sentences_are_not_compared() -> None:
    text = COUNTS.replace(
        "Lưu ý: số bến thuyền có wifi miễn phí năm 2027 thực tế chỉ là 7 bến thuyền.", ""
    )
    text += "\nNăm 2027 lắp wifi cho 5 bến thuyền ở bãi ngang.\nNăm 2027 lắp wifi cho 4 bến thuyền ở cửa lạch.\n"
    assert _conflicts(text, "Kế hoạch năm 2027") == []


YEAR_LISTS = """KẾ HOẠCH CHUYỂN ĐỔI SỐ XÃ ĐỒI CÁT GIAI ĐOẠN 2026 - 2028

I. Mục tiêu theo năm

- Năm 2026:
  - Hồ sơ thủ tục hành chính nộp trực tuyến đạt 60%;
- Năm 2027:
  - Hồ sơ thủ tục hành chính nộp trực tuyến đạt 75%;

II. Tổ chức thực hiện

Phấn đấu năm 2027 hồ sơ thủ tục hành chính nộp trực tuyến đạt 80%.
"""


def test_values_listed_under_a_year_line_are_that_years() -> None:
    found = _conflicts(YEAR_LISTS, "Kế hoạch giai đoạn 2026 - 2028")
    # 60% is for 2026, not against 75% of 2027; 75% and 80% (both 2027) conflict
    assert [(a.year, {a.value, b.value}) for a, b, _ in found] == [("2027", {"75%", "80%"})]
