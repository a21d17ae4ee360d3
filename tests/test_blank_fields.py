"""A field or a cell the plan fills with a placeholder ("—", "(để trống)", "chưa xác định")
states nothing: the task is read with that field empty, never with the placeholder as its
value, and a labelled task whose lead is blank is still read (with no lead)."""

from __future__ import annotations

from rag.understand.prose import blank_value, read_task


def test_placeholders_are_blank_and_values_are_not() -> None:
    for text in ("—", "-", "…", "...", "(để trống)", "Để trống", "chưa xác định", " – "):
        assert blank_value(text), text
    for text in ("Quý II/2027", "Hội Nông dân xã", "30/9/2026", "Không quá 15 ngày"):
        assert not blank_value(text), text


def test_a_labelled_task_with_a_blank_deadline_has_none() -> None:
    task = read_task(
        "Số hóa bản đồ ruộng muối của hợp tác xã. Đơn vị thực hiện: Phòng Kinh tế. "
        "Đơn vị phối hợp: Hợp tác xã muối Đông Hải. Thời gian hoàn thành: —. "
        "Kinh phí dự kiến: 35 triệu đồng."
    )
    assert task is not None
    assert task["lead"] == "Phòng Kinh tế"
    assert task["deadline"] == ""


def test_a_labelled_task_with_a_blank_lead_is_read_without_one() -> None:
    task = read_task(
        "Mở điểm hỗ trợ nộp hồ sơ trực tuyến tại nhà văn hóa ấp. Chủ trì: (để trống). "
        "Phối hợp: Bưu điện xã; Đoàn Thanh niên xã. Thời hạn: Tháng 9/2026."
    )
    assert task is not None
    assert task["lead"] == ""
    assert task["partners"] == "Bưu điện xã; Đoàn Thanh niên xã"
    assert task["deadline"] == "Tháng 9/2026"


def _budget_lines(text: str) -> list:
    from rag.understand.prose import read_prose

    lines = text.splitlines()
    return [i for i in read_prose(lines, ["3. Nhiệm vụ"] * len(lines), set(), "2026")]


def test_a_task_block_budget_label_is_the_task_budget() -> None:
    items = _budget_lines(
        "**Việc 1.** Số hóa bản đồ ruộng muối của hợp tác xã\n\n"
        "Đơn vị thực hiện: Phòng Kinh tế\n\nThời gian hoàn thành: 30/9/2026\n\n"
        "Kinh phí dự kiến: 35 triệu đồng\n\n"
        "**Việc 2.** Cập nhật sổ hộ nghèo lên phần mềm dùng chung\n\n"
        "Đơn vị thực hiện: Văn phòng xã\n\nThời gian hoàn thành: 31/10/2026\n\n"
        "Kinh phí dự kiến: lồng ghép nguồn chi thường xuyên\n\n"
        "**Việc 3.** Mở chuyên mục hỏi đáp trên trang thông tin xã\n\n"
        "Đơn vị thực hiện: Văn phòng xã\n\nKinh phí dự kiến: —\n"
    )
    budgets = {i.text.split(". ", 1)[-1]: i for i in items if i.kind == "budget"}
    first = budgets["Số hóa bản đồ ruộng muối của hợp tác xã"]
    assert first.of_task and first.amount == 35
    second = budgets["Cập nhật sổ hộ nghèo lên phần mềm dùng chung"]
    assert second.amount is None and second.amount_raw == "lồng ghép nguồn chi thường xuyên"
    assert "Mở chuyên mục hỏi đáp trên trang thông tin xã" not in budgets


def test_partners_end_where_an_ensure_verb_begins() -> None:
    task = read_task(
        "- Trạm Y tế xã chủ trì, phối hợp với Hội Chữ thập đỏ xã bảo đảm vận hành "
        "phần mềm quản lý tiêm chủng tại các thôn."
    )
    assert task is not None
    assert task["lead"] == "Trạm Y tế xã"
    assert task["partners"] == "Hội Chữ thập đỏ xã"
    assert task["task"].startswith("bảo đảm vận hành")
    assert task["deadline"] == ""


def test_an_end_column_is_the_deadline_and_a_start_column_is_not() -> None:
    from rag.understand.tables import load_vocabulary

    vocab = load_vocabulary()
    assert vocab.role("Kết thúc") == "deadline"
    assert vocab.role("Ngày kết thúc") == "deadline"
    assert vocab.role("Bắt đầu") == "start"
