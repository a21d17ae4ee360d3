"""An unnumbered upper-case heading does not adopt the numbered parts of equal rank after it."""

from __future__ import annotations

from rag.chunking import PlanChunker


def _sections(text: str) -> list[str]:
    seen: list[str] = []
    for c in PlanChunker().split("doc", text):
        if c.section not in seen:
            seen.append(c.section)
    return seen


def test_upper_case_numbered_parts_are_peers_of_a_loose_caps_heading() -> None:
    text = "\n".join(
        [
            "CƠ SỞ LẬP KẾ HOẠCH",
            "- Chỉ thị số 04/CT-UBND ngày 02/02/2025 của UBND huyện.",
            "1. TÌNH HÌNH NĂM TRƯỚC",
            "Năm 2025 xã có 3 thôn dùng wifi công cộng.",
            "2. CHỈ TIÊU NĂM NAY",
            "Phủ wifi công cộng 6/6 thôn.",
        ]
    )
    sections = _sections(text)
    assert "1. TÌNH HÌNH NĂM TRƯỚC" in sections
    assert "2. CHỈ TIÊU NĂM NAY" in sections
    assert not any("CƠ SỞ" in s and "›" in s for s in sections)


def test_a_numbering_begun_before_the_caps_heading_continues_outside_it() -> None:
    text = "\n".join(
        [
            "1. Hiện trạng",
            "Xã có 5 điểm phục vụ một cửa.",
            "2. Mục tiêu",
            "Đạt 80% hồ sơ trực tuyến.",
            "GIẢI PHÁP TRỌNG TÂM",
            "Tăng cường tập huấn cho tổ công nghệ số.",
            "3. Kinh phí",
            "Tổng kinh phí 150 triệu đồng.",
        ]
    )
    assert "3. Kinh phí" in _sections(text)


def test_sentence_case_items_stay_under_their_caps_heading() -> None:
    text = "\n".join(
        [
            "TỔ CHỨC THỰC HIỆN",
            "1. Văn phòng xã",
            "Theo dõi, tổng hợp tiến độ.",
            "2. Công an xã",
            "Thu nhận hồ sơ định danh.",
        ]
    )
    sections = _sections(text)
    assert "TỔ CHỨC THỰC HIỆN › 1. Văn phòng xã" in sections
    assert "TỔ CHỨC THỰC HIỆN › 2. Công an xã" in sections


def test_numbered_parts_stay_under_a_numbered_part_heading() -> None:
    text = "\n".join(["PHẦN II. NHIỆM VỤ", "Nội dung như sau.", "1. HẠ TẦNG SỐ", "Lắp 4 trạm."])
    assert "PHẦN II. NHIỆM VỤ › 1. HẠ TẦNG SỐ" in _sections(text)


def test_numbered_parts_freed_from_a_caps_heading_stay_under_the_document_title() -> None:
    text = "\n".join(
        [
            "KẾ HOẠCH",
            "Phổ cập kỹ năng số năm 2026",
            "CƠ SỞ LẬP KẾ HOẠCH",
            "- Chỉ thị số 04/CT-UBND ngày 02/02/2025 của UBND huyện.",
            "1. TÌNH HÌNH NĂM TRƯỚC",
            "Năm 2025 xã có 3 thôn dùng wifi công cộng.",
        ]
    )
    assert "KẾ HOẠCH › 1. TÌNH HÌNH NĂM TRƯỚC" in _sections(text)


def test_sub_numbered_parts_stay_under_their_part_below_the_title() -> None:
    text = "\n".join(
        [
            "KẾ HOẠCH",
            "1. MỤC TIÊU",
            "1.1. Mục tiêu về dữ liệu",
            "Số hóa 100% hồ sơ.",
            "2. NHIỆM VỤ",
            "2.1. Danh mục nhiệm vụ",
            "Lắp camera.",
        ]
    )
    assert "KẾ HOẠCH › 2. NHIỆM VỤ › 2.1. Danh mục nhiệm vụ" in _sections(text)
