"""Plain text copied out of a PDF: hard wraps, page numbers and running headings are undone at
load time (rag.understand.hardwrap through rag.documents.load_document)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from rag.documents import load_document
from rag.understand.hardwrap import unwrap

_PARA = (
    "Giao Hợp tác xã Thủy sản Bến Lội chủ trì xây dựng hệ thống truy xuất nguồn gốc cho sản "
    "phẩm cá khô, phối hợp với Phòng Nông nghiệp và Bưu điện văn hóa xã, hoàn thành trước ngày "
    "15/10/2027; kinh phí do hợp tác xã tự bảo đảm."
)
_OTHER = (
    "Năm 2025 xã đã lắp đặt 7 cụm loa truyền thanh thông minh và mở 3 lớp tập huấn sử dụng điện "
    "thoại thông minh cho người lớn tuổi tại các thôn vùng trũng, chi phí do người dân đóng góp "
    "một phần và phần còn lại do doanh nghiệp tài trợ."
)


def _wrapped() -> str:
    lines = ["KẾ HOẠCH THỬ NGHIỆM", ""]
    lines += textwrap.wrap(_OTHER, 66) + [""]
    lines += ["Bảng 1. Chỉ tiêu", "Chỉ tiêu\tĐơn vị\tNăm 2027", "Số cụm loa\tcụm\t12"]
    lines += ["", "- 2 -", "", "Kế hoạch thử nghiệm xã Bến Lội", ""]
    lines += ["Số lớp tập huấn\tlớp\t9", ""]
    lines += ["2. Nhiệm vụ"] + textwrap.wrap(_PARA, 66)[:2]
    lines += ["", "- 3 -", "", "Kế hoạch thử nghiệm xã Bến Lội", ""]
    lines += textwrap.wrap(_PARA, 66)[2:] + ["", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    return "\n".join(lines)


def test_wrapped_sentences_are_joined_and_page_furniture_dropped() -> None:
    text = unwrap(_wrapped())
    assert _PARA in text  # a sentence broken across lines and across a page comes back whole
    assert _OTHER in text
    assert "- 2 -" not in text and "Kế hoạch thử nghiệm xã Bến Lội" not in text
    # the tab table broken by the page stays one block of rows
    assert "Số cụm loa\tcụm\t12\nSố lớp tập huấn\tlớp\t9" in text
    # headings and short lines stay on their own lines
    assert "\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH" in text
    assert "\n2. Nhiệm vụ\n" in text


def test_fixed_width_table_lines_are_not_joined() -> None:
    table = "STT   Chỉ tiêu                 Năm 2027\n1     Số điểm phát wifi miễn phí   14\n      tại nhà văn hóa\n"
    text = unwrap(_wrapped() + "\n\n" + table)
    assert table.strip() in text


def test_text_typed_with_long_lines_is_unchanged() -> None:
    text = "\n\n".join([_PARA, _OTHER, "1. Mục tiêu", "- 2 -", _PARA])
    assert unwrap(text) == text


def test_load_document_reads_a_hard_wrapped_txt_whole(tmp_path: Path) -> None:
    path = tmp_path / "ben-loi.txt"
    path.write_text(_wrapped(), encoding="utf-8")
    doc = load_document(path)
    assert _PARA in doc.text
