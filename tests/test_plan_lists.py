"""List questions answered at the level they ask from a plan's structure (rag.pipeline.plan_lists
through rag.pipeline.outline.OutlineStrategy): groups, tasks, one year's targets. All plan text
here is invented."""

from __future__ import annotations

from rag.compose import AnswerComposer
from rag.index import StoredChunk
from rag.pipeline.analyse import AnalyseStage
from rag.pipeline.outline import OutlineStrategy
from rag.pipeline.plan_lists import GROUPS, TARGETS, TASKS, read_list_ask
from rag.pipeline.types import Question

COMMUNE = "Bình Khê Nam"
TITLE = "Kế hoạch chuyển đổi số xã Bình Khê Nam năm 2027"


def _chunk(n: int, kind: str, section: str, text: str) -> StoredChunk:
    meta = {
        "commune": COMMUNE,
        "doc_id": "bkn",
        "title": TITLE,
        "section": section,
        "kind": kind,
        "start": n * 100,
    }
    return StoredChunk(f"c{n}", text, meta)


def _answer(question: str, chunks: list[StoredChunk]) -> str | None:
    texts = [c for c in chunks if c.meta["kind"] == "text"]
    rows = [c for c in chunks if c.meta["kind"] == "row"]
    strategy = OutlineStrategy(
        AnswerComposer(lambda _t: 1.0),
        {},
        texts={COMMUNE: texts},
        rows={COMMUNE: rows},
    )
    analysis = AnalyseStage(None, [COMMUNE]).run(Question(question))
    draft = strategy.run(analysis)
    if draft is None:
        return None
    assert len(draft.body) <= 1500 and draft.citations
    return draft.body


def test_the_level_a_question_asks() -> None:
    ask = read_list_ask("kh binh khe nam chia nhiem vu thanh may mang, la gi", [COMMUNE])
    assert ask is not None and ask.level == GROUPS and ask.noun == "mang"
    ask = read_list_ask("Bình Khê Nam có mấy nhóm giải pháp, là gì", [COMMUNE])
    assert ask is not None and ask.level == GROUPS and ask.noun == "nhom giai phap"
    ask = read_list_ask("ke hoach gom nhung nhiem vu nao", [])
    assert ask is not None and ask.level == TASKS
    ask = read_list_ask("muc tieu nam 2028 gom nhung gi", [])
    assert ask is not None and ask.level == TARGETS and ask.year == "2028"
    assert read_list_ask("chỉ tiêu năm 2028 là bao nhiêu", []) is None
    assert read_list_ask("những nhiệm vụ nào do ai chủ trì", []) is None


def test_groups_are_the_sub_headings_of_the_task_part_even_when_only_rows_sit_under_them() -> None:
    part = "PHẦN 3. NHIỆM VỤ THEO MẢNG"
    chunks = [
        _chunk(1, "text", "PHẦN 2. MỤC TIÊU", "Nâng tỷ lệ hồ sơ trực tuyến."),
        _chunk(2, "row", f"{part} › 1. Dữ liệu số", "Nhiệm vụ: Số hóa sổ địa chính; Đơn vị: thửa"),
        _chunk(3, "row", f"{part} › 2. Dịch vụ số", "Nhiệm vụ: Mở điểm nộp hồ sơ; Đơn vị: điểm"),
        _chunk(4, "row", f"{part} › 3. Kỹ năng số", "Nhiệm vụ: Lớp kỹ năng số; Đơn vị: lớp"),
    ]
    body = _answer("kh binh khe nam chia nhiem vu thanh may mang, la gi", chunks)
    assert body is not None and "có 3 mảng" in body
    for name in ("Dữ liệu số", "Dịch vụ số", "Kỹ năng số"):
        assert name in body


def test_groups_enumerated_after_the_asked_noun_in_a_sentence() -> None:
    text = (
        "Chi tiết tại Phụ lục. Xã ưu tiên bốn nhóm giải pháp: (i) đường truyền cho vùng đồi; "
        "(ii) chợ không tiền mặt; (iii) hồ sơ sức khỏe; (iv) lớp học trực tuyến."
    )
    chunks = [_chunk(1, "text", "II. NHIỆM VỤ, GIẢI PHÁP", text)]
    body = _answer("Bình Khê Nam có mấy nhóm giải pháp, là gì", chunks)
    assert body is not None and "có 4 nhóm giải pháp" in body
    assert "chợ không tiền mặt" in body and "lớp học trực tuyến" in body


def test_groups_from_a_record_column_named_by_the_noun_with_wrapped_cells_joined() -> None:
    sec = "III. NHIỆM VỤ"
    chunks = [
        _chunk(1, "row", sec, "Mảng: 1. Dữ liệu; Nhiệm vụ: Số hóa sổ bộ thuế"),
        _chunk(2, "row", sec, "Mảng: 2. Thanh toán; Nhiệm vụ: Chợ không tiền mặt"),
        _chunk(3, "row", sec, "Mảng: không dùng tiền mặt; Nhiệm vụ: Quầy QR"),
        _chunk(4, "row", sec, "Mảng: 3. Kỹ năng; Nhiệm vụ: Lớp học buổi tối"),
        _chunk(5, "row", sec, "Mảng: Tổng cộng; Kinh phí (triệu đồng): 90"),
    ]
    body = _answer("binh khe nam chia nhiem vu theo may mang, ke ra", chunks)
    assert body is not None and "có 3 mảng" in body
    assert "Thanh toán không dùng tiền mặt" in body and "Tổng cộng" not in body


def test_tasks_are_the_name_column_of_the_appendix_rows_when_the_question_names_it() -> None:
    rows = [
        _chunk(n, "row", "PHỤ LỤC. DANH MỤC NHIỆM VỤ", f"STT: {n}; Nội dung: {name}; Kinh phí: 10")
        for n, name in enumerate(("Trạm sạc xe điện", "Bản đồ ruộng muối", "Lớp tin học"), 2)
    ]
    rows.append(_chunk(9, "row", "PHỤ LỤC. DANH MỤC NHIỆM VỤ", "Nội dung: Tổng cộng; Kinh phí: 30"))
    chunks = [_chunk(1, "text", "4. Nhiệm vụ và giải pháp", "Các nhiệm vụ tại Phụ lục."), *rows]
    body = _answer("phụ lục kh Bình Khê Nam gồm những nhiệm vụ nào", chunks)
    assert body is not None and "có 3 nhiệm vụ" in body
    assert "Bản đồ ruộng muối" in body and "Tổng cộng" not in body


def test_labelled_tasks_are_listed_without_their_assignment_and_all_fit() -> None:
    lines = [
        f"Nhiệm vụ {n}. Việc số {n} của xã về một chủ đề khá dài để thử cắt ngắn câu chữ cho vừa"
        f" — Chủ trì: Phòng Kinh tế; Thời gian: Quý {n % 4 + 1}/2027."
        for n in range(1, 15)
    ]
    chunks = [_chunk(1, "text", "Phần III — Nhiệm vụ", "\n".join(lines))]
    body = _answer("kh binh khe nam co nhung nhiem vu gi ke ra", chunks)
    assert body is not None and "có 14 nhiệm vụ" in body
    assert "Việc số 14" in body and "Chủ trì" not in body


def test_a_heading_that_continues_the_numbered_items_of_its_parent_is_an_item() -> None:
    sec = "KẾ HOẠCH › (ảnh chụp, trang 1) II. NHIỆM VỤ"
    chunks = [
        _chunk(1, "text", sec, "1. Lắp loa thông minh.\n2. Mở lớp kỹ năng số.\n3. Số hóa hồ sơ."),
        _chunk(
            2, "text", "KẾ HOẠCH › II. NHIỆM VỤ › 4. Dựng bản đồ số đồi chè", "5. Trạm phát sóng."
        ),
    ]
    body = _answer("kh binh khe nam gom nhung nhiem vu gi", chunks)
    assert body is not None and "có 5 nhiệm vụ" in body
    assert "Dựng bản đồ số đồi chè" in body and "Trạm phát sóng" in body


def test_the_targets_of_the_asked_year_only() -> None:
    text = (
        "- Năm 2027:\n- 70% hồ sơ nộp trực tuyến;\n- 3 chợ không tiền mặt.\n"
        "- Năm 2028:\n- 85% hồ sơ nộp trực tuyến;\n- 900 hộ có sổ sức khỏe."
    )
    chunks = [_chunk(1, "text", "Phần II — Mục tiêu theo năm", text)]
    body = _answer("binh khe nam muc tieu nam 2028 gom nhung gi", chunks)
    assert body is not None and "85%" in body and "900 hộ" in body
    assert "70%" not in body


def test_the_targets_of_a_heading_that_names_the_year() -> None:
    text = "1. Tỷ lệ hồ sơ trực tuyến đạt 66%.\n2. Có 1.200 hộ dùng ví điện tử."
    chunks = [_chunk(1, "text", "(bản chụp, trang 2) III. CHỈ TIÊU NĂM 2027", text)]
    body = _answer("binh khe nam chi tieu 2027 gom nhung gi", chunks)
    assert body is not None and "66%" in body and "1.200 hộ" in body


def test_the_targets_of_the_asked_year_from_a_target_table() -> None:
    sec = "II. CHỈ TIÊU"
    chunks = [
        _chunk(
            1, "row", sec, "Chỉ tiêu: Hộ dùng ví điện tử; Đơn vị: hộ; Năm 2027: 700; Năm 2028: 950"
        ),
        _chunk(2, "row", sec, "Chỉ tiêu: Thôn có wifi; Đơn vị: thôn; Năm 2027: 4; Năm 2028: 9"),
        _chunk(3, "row", sec, "Chỉ tiêu: Tổng cộng; Năm 2027: 704"),
    ]
    body = _answer("binh khe nam chi tieu nam 2028 gom nhung gi", chunks)
    assert body is not None and "Hộ dùng ví điện tử: 950 hộ" in body and "Thôn có wifi: 9" in body
    assert "700" not in body and "Tổng cộng" not in body


def test_tasks_of_a_table_written_inline_with_semicolons() -> None:
    text = (
        "STT;Nội dung;Chủ trì;Thời hạn;Kinh phí (triệu đồng) 1;Mở quầy giao dịch số;Bưu điện;"
        "Tháng 5/2027;40 2;Lắp loa truyền thanh IP;;Quý III/2027;85 3;Dạy dùng ví điện tử;"
        "Đoàn Thanh niên;Tháng 8/2027;12"
    )
    chunks = [
        _chunk(1, "text", "KẾ HOẠCH › 3. NHIỆM VỤ › 3.1. Bảng nhiệm vụ", "Bảng dưới đây:"),
        _chunk(2, "text", "KẾ HOẠCH › 3. NHIỆM VỤ › 3.1. Bảng nhiệm vụ", text),
        _chunk(3, "text", "KẾ HOẠCH › 3. NHIỆM VỤ › 3.2. Ghi chú", "Nhiệm vụ 2 chưa giao."),
    ]
    body = _answer("kh binh khe nam gom nhung nhiem vu nao", chunks)
    assert body is not None and "có 3 nhiệm vụ" in body
    assert "Lắp loa truyền thanh IP" in body and "Dạy dùng ví điện tử" in body
    assert "Bưu điện" not in body


def test_a_question_narrowing_the_list_is_not_answered_with_the_whole_list() -> None:
    lines = [f"Nhiệm vụ {n}. Việc số {n} — Chủ trì: Phòng Kinh tế." for n in range(1, 5)]
    chunks = [_chunk(1, "text", "III. NHIỆM VỤ", "\n".join(lines))]
    assert _answer("kh binh khe nam gom nhung nhiem vu nao", chunks) is not None
    assert _answer("Trạm Y tế xã Bình Khê Nam có những nhiệm vụ gì", chunks) is None
    text = "III. NHIỆM VỤ › 1. Dữ liệu"
    more = [
        *chunks,
        _chunk(2, "text", text, "Số hóa."),
        _chunk(3, "text", text[:12] + "2. Mạng", "Wifi."),
    ]
    assert _answer("Bình Khê Nam hỗ trợ những nhóm đối tượng nào", more) is None


def test_year_markers_with_their_targets_on_the_same_line_under_another_target_noun() -> None:
    text = "- Năm 2027: 70% hồ sơ nộp trực tuyến.\n- Năm 2028: 85% hồ sơ; 900 hộ có sổ sức khỏe."
    more = "- Năm 2028: 12 thôn có loa thông minh."
    chunks = [
        _chunk(1, "text", "II. MỤC TIÊU", text),
        _chunk(2, "text", "II. MỤC TIÊU", more),
    ]
    body = _answer("binh khe nam chi tieu nam 2028 gom nhung gi", chunks)
    assert body is not None and "900 hộ" in body and "12 thôn" in body and "70%" not in body


def test_a_count_that_also_asks_the_names() -> None:
    ask = read_list_ask("Bình Khê Nam có bao nhiêu nhiệm vụ, kể tên", [COMMUNE])
    assert ask is not None and ask.level == TASKS
    assert read_list_ask("Bình Khê Nam có bao nhiêu nhiệm vụ", [COMMUNE]) is None


def test_tasks_written_as_sub_headings_with_prose_under_them() -> None:
    sec = "KẾ HOẠCH › III. NHIỆM VỤ"
    chunks = [
        _chunk(1, "text", f"{sec} › 1. Phủ sóng vùng đồi", "Nhà mạng lắp thêm hai trạm."),
        _chunk(2, "text", f"{sec} › 2. Chợ không tiền mặt", "Ban quản lý chợ in mã QR."),
        _chunk(3, "text", f"{sec} › 3. Sổ sức khỏe điện tử", "Trạm y tế hướng dẫn người dân."),
    ]
    body = _answer("kh binh khe nam gom nhung nhiem vu gi", chunks)
    assert body is not None and "có 3 nhiệm vụ" in body
    assert "Chợ không tiền mặt" in body and "Sổ sức khỏe điện tử" in body
