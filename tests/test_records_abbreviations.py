"""A question that types an administrative abbreviation ("CNTT", "TTHC") matches the record
whose name prints the words in full."""

from __future__ import annotations

from pathlib import Path

from rag.tables.answer import TableAnswerer
from rag.tables.build import PlanSource, build_store

PLAN = """Điều 2. Nhiệm vụ

| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Thời hạn |
|---|---|---|---|
| 1 | Nâng cấp hạ tầng công nghệ thông tin của bộ phận một cửa | Văn phòng xã | 15/7/2027 |
| 2 | Niêm yết thủ tục hành chính tại nhà văn hóa các thôn | Tổ Tư pháp xã | 30/9/2027 |
| 3 | Lắp đặt màn hình tra cứu tại trụ sở | Văn phòng xã | 31/12/2027 |
"""


def test_abbreviation_in_the_question_matches_the_words_of_the_record(tmp_path: Path) -> None:
    build_store([PlanSource("x", "Kế hoạch năm 2027", "Thử", "", PLAN)], tmp_path / "t.sqlite")
    answers = TableAnswerer(tmp_path / "t.sqlite")
    found = answers.answer("Xã Thử nâng cấp CNTT hạn chót khi nào?", ["Thử"])
    assert found is not None and "15/7/2027" in found.text
    found = answers.answer("Xã Thử niêm yết TTHC xong khi nào?", ["Thử"])
    assert found is not None and "30/9/2027" in found.text
