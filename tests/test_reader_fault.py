"""A reader flaw met on one file is that file's failure, not the whole ingest's: the other
plans are ingested and reported; and a header whose date sits on a key line ("Ngày ban
hành: 18/03/2026", as web exports print it) is read, not a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

import rag.documents
from rag.ingest import Ingestor
from rag.settings import Settings
from rag.understand.metadata import extract_facts
from tests.fakes import FakeEmbedder
from tests.test_ingest_understand import NEW_PLAN

KEY_LINE_HEADER = """Số hiệu: 27/KH-UBND
Ngày ban hành: 09/04/2026
Ngày hiệu lực: 09/04/2026
Cơ quan ban hành: UBND xã Bình Kiều Thượng

### KẾ HOẠCH
Chuyển đổi số xã Bình Kiều Thượng năm 2026

### I. MỤC TIÊU
1. 85% hồ sơ thủ tục hành chính được tiếp nhận trực tuyến.
"""


def test_a_date_on_a_key_line_is_read() -> None:
    facts = extract_facts(KEY_LINE_HEADER)
    assert facts.date is not None and "9/4/2026" in facts.date
    assert facts.commune == "Bình Kiều Thượng"


def test_a_reader_flaw_fails_one_file_and_the_others_are_ingested(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "kh-tan-lap.txt").write_text(NEW_PLAN, encoding="utf-8")
    (folder / "kh-loi.txt").write_text(KEY_LINE_HEADER + "\nDÒNG GÂY LỖI\n", encoding="utf-8")
    real = rag.documents.extract_facts

    def flawed(text: str):  # a reader bug that only this file's text triggers
        if "DÒNG GÂY LỖI" in text:
            raise AttributeError("'NoneType' object has no attribute 'start'")
        return real(text)

    monkeypatch.setattr(rag.documents, "extract_facts", flawed)
    settings = Settings(data_dir=tmp_path / "data")
    report = Ingestor(settings, embedder=FakeEmbedder()).run(folder, progress=False)
    assert [name for name, _ in report.failed] == ["kh-loi.txt"]
    assert "lỗi khi đọc tệp" in report.failed[0][1]
    assert any("tan-lap" in doc for doc in report.added)
