"""Year coverage reads each passage in its own section, the deepest heading of its path."""

from __future__ import annotations

from rag.chunk_store import StoredChunk, commune_text
from rag.pipeline.years import own_years


def _chunk(section: str, text: str) -> StoredChunk:
    return StoredChunk(chunk_id=section, text=text, meta={"section": section})


def test_numbered_sections_under_an_unnumbered_basis_heading_count() -> None:
    # the outline hangs the numbered parts under an unnumbered "CĂN CỨ" heading
    chunks = [
        _chunk("CĂN CỨ LẬP KẾ HOẠCH", "- Quyết định số 12/QĐ-UBND định hướng đến năm 2031."),
        _chunk("CĂN CỨ LẬP KẾ HOẠCH › 1. KẾT QUẢ", "Năm 2024, xã đạt 41% hồ sơ trực tuyến."),
        _chunk("CĂN CỨ LẬP KẾ HOẠCH › 2. MỤC TIÊU", "Phủ sóng 9/9 ấp vào năm 2028."),
    ]
    years = own_years(commune_text(chunks))
    assert {"2024", "2028"} <= years
    assert "2031" not in years  # only named in a cited document
