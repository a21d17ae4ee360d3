"""List answers: a "Phần thứ …" heading with its title on one line, the numbered items of a
heading, and a body sentence that enumerates what a "<verb> những <noun> nào" question asks."""

from __future__ import annotations

from rag.chunking import heading_level
from rag.index import StoredChunk
from rag.pipeline.enumeration import enumerating_sentence, read_ask
from rag.pipeline.outline import heading_name, section_items


def test_a_part_heading_with_its_title_on_one_line() -> None:
    assert heading_level("Phần thứ ba. GIẢI PHÁP TRỌNG TÂM") == 0
    assert heading_name("Phần thứ ba. GIẢI PHÁP TRỌNG TÂM") == "GIẢI PHÁP TRỌNG TÂM"


def test_numbered_items_are_the_list_of_a_heading_without_marked_items() -> None:
    meta = {"commune": "Hồ Lam", "section": "KẾ HOẠCH › Phần thứ ba. GIẢI PHÁP", "start": 0}
    text = (
        "1. Mở rộng sóng di động. Nhà mạng lắp thêm trạm tại bản Nà Sa.\n"
        "2. Đào tạo kỹ năng số. Tổ chức lớp cho hội viên phụ nữ.\n"
        "3. Bảo vệ dữ liệu. Sao lưu hồ sơ hằng tuần."
    )
    items = section_items([StoredChunk("c1", text, {**meta, "kind": "text"})], "Hồ Lam")
    got = [t for t, _ in items["Phần thứ ba. GIẢI PHÁP"]]
    assert len(got) == 3 and got[2].startswith("3. Bảo vệ dữ liệu")


def test_marked_items_win_over_numbered_ones() -> None:
    meta = {"commune": "Hồ Lam", "section": "KẾ HOẠCH › II. MỤC TIÊU", "start": 0, "kind": "text"}
    text = "1. Mục tiêu chung\n- 80% hộ dùng ví điện tử.\n- 100% thôn có wifi công cộng."
    items = section_items([StoredChunk("c1", text, meta)], "Hồ Lam")
    assert [t for t, _ in items["II. MỤC TIÊU"]] == [
        "- 80% hộ dùng ví điện tử.",
        "- 100% thôn có wifi công cộng.",
    ]


def test_a_sentence_enumerating_after_the_asked_verb_is_found() -> None:
    ask = read_ask("xa ho lam ke hoach ho tro nhung nhom nao", ["Hồ Lam"])
    assert ask is not None and ask.key == "ho tro" and ask.noun == "nhom"
    text = (
        "Kế hoạch được xây dựng cho giai đoạn 2027. Mỗi thôn thành lập một tổ, hỗ trợ "
        "thanh niên lập nghiệp, phụ nữ đơn thân và hộ cận nghèo. Việc kiểm tra do xã làm."
    )
    assert enumerating_sentence(ask, text).endswith("phụ nữ đơn thân và hộ cận nghèo")


def test_a_verb_not_followed_by_its_items_is_not_an_enumeration() -> None:
    ask = read_ask("Hồ Lam hỗ trợ những đối tượng nào", ["Hồ Lam"])
    assert ask is not None
    text = "Phòng Văn hóa hỗ trợ, phối hợp với Đoàn Thanh niên và Hội Nông dân thực hiện."
    assert enumerating_sentence(ask, text) == ""


def test_a_question_without_a_key_verb_asks_nothing() -> None:
    assert read_ask("Hồ Lam có những nhiệm vụ nào", ["Hồ Lam"]) is None


def test_a_key_typed_with_diacritics_does_not_find_another_word_of_the_same_letters() -> None:
    ask = read_ask("Hồ Lam đã lập những đội xung kích nào", ["Hồ Lam"])
    assert (
        ask is None
        or enumerating_sentence(ask, "Xã đã lắp đặt 03 camera, 02 loa và 01 màn hình.") == ""
    )
    ask = read_ask("Hồ Lam thành lập những đội nào", ["Hồ Lam"])
    assert ask is not None
    assert enumerating_sentence(ask, "Xã đã lắp đặt camera, loa và màn hình.") == ""
    assert enumerating_sentence(
        ask, "Mỗi thôn thành lập đội thanh niên, đội phụ nữ và đội an ninh."
    )


def test_a_filler_or_weak_word_before_nhung_asks_no_enumeration() -> None:
    assert read_ask("chương trình thanh niên của Hồ Lam gồm những nội dung gì", ["Hồ Lam"]) is None
    assert read_ask("Hồ Lam đẩy mạnh chuyển đổi số trong những lĩnh vực nào", ["Hồ Lam"]) is None
