"""List questions over plans of other shapes (rag.pipeline.plan_lists through
rag.pipeline.outline.OutlineStrategy): tasks whose key/value lines were run together, the
indicators of a target table without a year, groups counted, the tasks of one named group,
the tasks of a plan organised by time. All plan text here is invented."""

from __future__ import annotations

from rag.compose import AnswerComposer
from rag.index import StoredChunk
from rag.pipeline.analyse import AnalyseStage
from rag.pipeline.outline import OutlineStrategy
from rag.pipeline.plan_lists import GROUPS, PERIOD, TARGETS, TASKS, read_list_ask
from rag.pipeline.types import Question

COMMUNE = "Hòa Lạc Tây"
TITLE = "Kế hoạch chuyển đổi số xã Hòa Lạc Tây năm 2027"


def _chunk(n: int, kind: str, section: str, text: str, start: int | None = None) -> StoredChunk:
    meta = {
        "commune": COMMUNE,
        "doc_id": "hlt",
        "title": TITLE,
        "section": section,
        "kind": kind,
        "start": n * 100 if start is None else start,
    }
    return StoredChunk(f"c{n}", text, meta)


def _answer(question: str, chunks: list[StoredChunk]) -> str | None:
    strategy = OutlineStrategy(
        AnswerComposer(lambda _t: 1.0),
        {},
        texts={COMMUNE: [c for c in chunks if c.meta["kind"] == "text"]},
        rows={COMMUNE: [c for c in chunks if c.meta["kind"] == "row"]},
    )
    draft = strategy.run(AnalyseStage(None, [COMMUNE]).run(Question(question)))
    if draft is None:
        return None
    assert len(draft.body) <= 1500 and draft.citations
    return draft.body


def test_the_level_of_questions_typed_short_or_without_a_year() -> None:
    ask = read_list_ask("hoa lac tay kh co nhung nv nao", [COMMUNE])
    assert ask is not None and ask.level == TASKS and ask.noun == "nhiem vu"
    ask = read_list_ask("Hòa Lạc Tây bảng chỉ tiêu có những chỉ tiêu nào", [COMMUNE])
    assert ask is not None and ask.level == TARGETS and ask.year == ""
    ask = read_list_ask("hoa lac tay chia nhiem vu thanh bao nhieu linh vuc", [COMMUNE])
    assert ask is not None and ask.level == GROUPS
    ask = read_list_ask("Hòa Lạc Tây tháng 5 có việc gì", [COMMUNE])
    assert ask is not None and ask.level == PERIOD
    ask = read_list_ask("Hòa Lạc Tây năm 2027 có những nhiệm vụ nào", [COMMUNE])
    assert ask is not None and ask.level == TASKS  # a year is the whole plan, not a period
    assert read_list_ask("Hòa Lạc Tây có bao nhiêu nhiệm vụ", [COMMUNE]) is None


def test_tasks_whose_key_value_lines_were_run_together_across_passages() -> None:
    sec = "KẾ HOẠCH › Phần 2 — Nhiệm vụ trọng tâm"
    chunks = [
        _chunk(
            1,
            "text",
            sec,
            "Việc 1. Lập bản đồ số chợ phiên Cầu Đá Cơ quan chủ trì: Phòng Kinh tế Thời hạn:"
            " 30/5/2027 Việc 2. Mở lớp dạy bán hàng trực tuyến cho Hội Phụ nữ Phối hợp: Bưu điện"
            " xã Kinh phí: 20 triệu đồng Việc 3.",
            start=500,
        ),
        _chunk(
            2,
            "text",
            sec,
            "Gắn định danh cho sổ đỏ vùng bãi bồi Cơ quan chủ trì: Công an xã Thời hạn: Quý"
            " III/2027 (báo cáo kết quả cho Việc 2) Việc 4. Dựng trạm đo mặn Phối hợp: —",
            start=500,
        ),
    ]
    body = _answer("hoa lac tay kh co nhung nv nao", chunks)
    assert body is not None and "có 4 nhiệm vụ" in body
    for name in ("chợ phiên Cầu Đá", "Hội Phụ nữ", "vùng bãi bồi", "Dựng trạm đo mặn"):
        assert name in body
    assert "Cơ quan chủ trì" not in body and "Thời hạn" not in body and "Kinh phí" not in body


def test_the_indicators_of_a_target_table_with_no_year_asked() -> None:
    sec = "A. CHỈ TIÊU CHỦ YẾU"
    names = ("Tỷ lệ ruộng có cảm biến ẩm", "Số chợ dùng mã QR", "Số hộ có camera an ninh")
    chunks = [_chunk(1, "text", "I. TÌNH HÌNH", "Năm 2026 xã đã làm được nhiều việc.")]
    chunks += [
        _chunk(n, "row", sec, f"Chỉ tiêu: {name}; Ước 2026: {n}; Mục tiêu 2027: {n + 5}")
        for n, name in enumerate(names, 2)
    ]
    chunks.append(
        _chunk(9, "row", "B. NHIỆM VỤ", "Nhiệm vụ: Dựng trạm đo mặn; Chủ trì: Phòng Kinh tế")
    )
    body = _answer("Hòa Lạc Tây bảng chỉ tiêu có những chỉ tiêu nào", chunks)
    assert body is not None and "gồm 3 chỉ tiêu" in body
    assert all(name in body for name in names) and "trạm đo mặn" not in body


def test_groups_counted_including_one_a_reader_merged_into_the_table_header() -> None:
    part = "IV. CÁC NHIỆM VỤ"
    chunks = [
        _chunk(1, "row", part, "STT: 1; Nội dung 1. Nông nghiệp số: Cảm biến ẩm; Chủ trì: HTX"),
        _chunk(2, "text", f"{part} › 2. Du lịch số", "3 Bản đồ số làng gốm Phòng Văn hóa"),
        _chunk(3, "text", f"{part} › 3. An ninh số", "4 Camera ngã ba chợ Công an xã"),
    ]
    body = _answer("hoa lac tay chia nhiem vu thanh bao nhieu linh vuc", chunks)
    assert body is not None and "có 3" in body
    for name in ("Nông nghiệp số", "Du lịch số", "An ninh số"):
        assert name in body


def test_the_tasks_of_the_group_the_question_names() -> None:
    part = "III. NHIỆM VỤ"
    chunks = [
        _chunk(
            1, "text", f"{part} › a) Mảng nông nghiệp số", "- Cảm biến ẩm\n- Nhật ký đồng ruộng"
        ),
        _chunk(
            2, "text", f"{part} › b) Mảng du lịch số", "- Bản đồ số làng gốm\n- Vé tham quan QR"
        ),
    ]
    body = _answer("Hòa Lạc Tây các việc thuộc mảng du lịch số gồm gì", chunks)
    assert body is not None and "Bản đồ số làng gốm" in body and "Vé tham quan QR" in body
    assert "Cảm biến ẩm" not in body
    # no list under it: its passage is quoted whole
    chunks[1] = _chunk(2, "text", f"{part} › b) Mảng du lịch số", "5 Bản đồ làng gốm 6 Vé QR")
    body = _answer("hoa lac tay cac viec thuoc mang du lich so gom gi", chunks)
    assert body is not None and "Vé QR" in body and "Cảm biến" not in body


def test_the_tasks_of_a_plan_organised_by_time() -> None:
    part = "KẾ HOẠCH › II. TIẾN ĐỘ"
    chunks = [
        _chunk(1, "text", f"{part} › Tháng 1–3", "+ Rà soát sổ hộ tịch\n+ Lập nhóm Zalo thôn"),
        _chunk(2, "text", f"{part} › Tháng 4–6", "+ Dựng trạm đo mặn\n+ Mở lớp bán hàng mạng"),
        _chunk(3, "text", f"{part} › 6 tháng cuối năm 2027", "+ Gắn QR chợ\n+ Tổng kết năm"),
    ]
    body = _answer("hoa lac tay quy 2 lam nhung viec gi", chunks)
    assert body is not None and "quý II/2027" in body
    assert "trạm đo mặn" in body and "bán hàng mạng" in body
    assert "sổ hộ tịch" not in body and "Gắn QR" not in body
    body = _answer("Hòa Lạc Tây 6 tháng cuối năm có những nhiệm vụ nào", chunks)
    assert body is not None and "Gắn QR chợ" in body and "trạm đo mặn" not in body
    body = _answer("Hòa Lạc Tây tháng 5 có việc gì", chunks)
    assert body is None or "trạm đo mặn" not in body  # a quarter's tasks are not all of May's


def test_no_period_list_from_a_plan_not_organised_by_time() -> None:
    chunks = [
        _chunk(1, "text", "II. NHIỆM VỤ", "- Dựng trạm đo mặn, quý II/2027\n- Gắn QR chợ"),
    ]
    assert _answer("hoa lac tay quy 2 lam nhung viec gi", chunks) is None


def test_unmarked_task_lines_each_followed_by_their_fields() -> None:
    text = (
        "Dựng trạm đo mặn ở cửa sông. Chủ trì: Phòng Kinh tế. Thời hạn: 30/6/2027.\n"
        "Mở lớp dạy bán hàng trực tuyến. Phối hợp: Bưu điện xã.\n"
        "Ghi chú: việc gắn QR chợ sẽ giao sau.\n"
        "Gắn định danh cho sổ đỏ vùng bãi bồi. Chủ trì: Công an xã."
    )
    chunks = [_chunk(1, "text", "KẾ HOẠCH › III. NHIỆM VỤ VÀ PHÂN CÔNG", text)]
    body = _answer("kh Hòa Lạc Tây gồm những nv gì", chunks)
    assert body is not None and "có 3 nhiệm vụ" in body
    assert "trạm đo mặn ở cửa sông" in body and "vùng bãi bồi" in body
    assert "Chủ trì" not in body and "gắn QR chợ" not in body


def test_targets_written_one_a_line_without_markers() -> None:
    text = (
        "95% hộ có đường truyền cáp quang.\n"
        "Tối thiểu 40 hộ bán nông sản trên sàn thương mại điện tử.\n"
        "100% trường học có wifi."
    )
    chunks = [
        _chunk(1, "text", "KẾ HOẠCH › 2. Chỉ tiêu năm 2027", text),
        _chunk(2, "text", "KẾ HOẠCH › 3. Nhiệm vụ", "- Dựng trạm đo mặn\n- Gắn QR chợ"),
    ]
    body = _answer("Hòa Lạc Tây kh 2027 đặt ra những chỉ tiêu gì", chunks)
    assert body is not None and "sàn thương mại điện tử" in body and "trường học" in body
    assert "trạm đo mặn" not in body
    # no year asked, the commune typed by its initials: the items of the goals heading
    chunks[0] = _chunk(1, "text", "KẾ HOẠCH › II. Mục tiêu", "1. Phủ cáp quang\n2. Chợ dùng QR")
    body = _answer("hlt kh Hòa Lạc Tây có những mục tiêu gì", chunks)
    assert body is not None and "có 2 mục tiêu" in body and "Chợ dùng QR" in body
