"""Tables of a PDF rebuilt from glyph positions (rag.understand.pdf_grid): cells centred on
their row number (HTML printed to PDF), top-aligned cells (Word), a spanning group row, a
heading after the table, a table broken over two pages with its header repeated."""

from __future__ import annotations

from pathlib import Path

from rag.documents import read_pdf
from rag.understand.pdf_grid import find_grid_tables

PAGE_H = 800

# A page: (x, y from the top, text) drawn in Helvetica 10 pt, one text object per string.
Page = list[tuple[float, float, str]]


def _write_pdf(path: Path, pages: list[Page]) -> Path:
    """A minimal text PDF (no ruling lines): every string at its own position."""
    objs: list[bytes] = []
    kids = []
    font_id = 3
    n_pages = len(pages)
    for k, page in enumerate(pages):
        ops = []
        for x, y, text in page:
            safe = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"BT /F1 10 Tf {x:.1f} {PAGE_H - y:.1f} Td ({safe}) Tj ET")
        stream = "\n".join(ops).encode("latin-1")
        page_id = 4 + 2 * k
        content_id = page_id + 1
        kids.append(page_id)
        objs.append(
            (
                f"{page_id} 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 600 {PAGE_H}] "
                f"/Resources << /Font << /F1 {font_id} 0 R >> >> /Contents {content_id} 0 R >> endobj"
            ).encode()
        )
        objs.append(
            f"{content_id} 0 obj << /Length {len(stream)} >> stream\n".encode()
            + stream
            + b"\nendstream endobj"
        )
    head = [
        b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj",
        (
            f"2 0 obj << /Type /Pages /Kids [{' '.join(f'{i} 0 R' for i in kids)}] "
            f"/Count {n_pages} >> endobj"
        ).encode(),
        b"3 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
        b"/Encoding /WinAnsiEncoding >> endobj",
    ]
    body = b"%PDF-1.4\n"
    offsets = []
    for obj in head + objs:
        offsets.append(len(body))
        body += obj + b"\n"
    xref = len(body)
    body += f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        body += f"{off:010d} 00000 n \n".encode()
    body += (
        f"trailer << /Size {len(offsets) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    path.write_bytes(body)
    return path


def _header(y: float) -> Page:
    return [
        (50, y, "STT"),
        (80, y, "Nhiem vu"),
        (240, y - 6, "Don vi"),
        (240, y + 6, "chu tri"),
        (330, y, "Thoi gian"),
    ]


def test_cells_centred_on_their_row_number(tmp_path: Path) -> None:
    page: Page = [(50, 70, "2. Nhiem vu cu the"), *_header(100)]
    # row 1: a task of three lines and a deadline of two, centred on the number (y=140)
    page += [(50, 140, "1"), (80, 128, "Keo cap quang"), (80, 140, "den 5 thon")]
    page += [(80, 152, "vung sau"), (240, 140, "Phong Kinh te")]
    page += [(330, 134, "Quy III"), (330, 146, "nam 2026")]
    # row 2: two lines in the task and the lead columns
    page += [(50, 180, "2"), (80, 174, "Lap dat camera"), (80, 186, "an ninh")]
    page += [(240, 174, "Cong an xa"), (240, 186, "va thon"), (330, 180, "Thang 6/2026")]
    page += [(50, 210, "3"), (80, 210, "Tap huan ky nang so"), (240, 210, "Doan Thanh nien")]
    page += [(330, 210, "2026")]
    page += [(50, 240, "3. To chuc thuc hien")]
    page += [(50, 252, "Cac don vi trien khai ke hoach nay theo dung tien do da de ra.")]
    (table,) = find_grid_tables(_write_pdf(tmp_path / "centred.pdf", [page]))
    assert table.header == ["STT", "Nhiem vu", "Don vi chu tri", "Thoi gian"]
    assert table.rows == [
        ["1", "Keo cap quang den 5 thon vung sau", "Phong Kinh te", "Quy III nam 2026"],
        ["2", "Lap dat camera an ninh", "Cong an xa va thon", "Thang 6/2026"],
        ["3", "Tap huan ky nang so", "Doan Thanh nien", "2026"],
    ]


def test_top_aligned_rows_with_a_group_row_and_a_heading_after(tmp_path: Path) -> None:
    page: Page = [*_header(100), (50, 124, "I. HA TANG SO")]
    page += [(50, 140, "1"), (80, 140, "Nang cap mang"), (80, 152, "noi bo xa")]
    page += [(240, 140, "Van phong xa"), (330, 140, "Quy II")]
    page += [(50, 168, "2"), (80, 168, "Mua may quet"), (80, 180, "tai lieu so"), (80, 192, "hoa")]
    page += [(240, 168, "Cong an xa"), (240, 180, "Bo phan mot cua"), (330, 168, "2027")]
    page += [(50, 208, "II. XA HOI SO"), (50, 224, "3"), (80, 224, "Mo lop ky nang")]
    page += [(240, 224, "Truong hoc"), (330, 224, "Hang nam")]
    page += [(50, 256, "4. Kinh phi thuc hien"), (50, 270, "Ngan sach xa bo tri hang nam.")]
    (table,) = find_grid_tables(_write_pdf(tmp_path / "top.pdf", [page]))
    assert table.rows == [
        ["I.", "HA TANG SO", "", ""],
        ["1", "Nang cap mang noi bo xa", "Van phong xa", "Quy II"],
        ["2", "Mua may quet tai lieu so hoa", "Cong an xa Bo phan mot cua", "2027"],
        ["II.", "XA HOI SO", "", ""],
        ["3", "Mo lop ky nang", "Truong hoc", "Hang nam"],
    ]


def test_table_broken_over_pages_is_one_table(tmp_path: Path) -> None:
    first: Page = [*_header(600)]
    first += [(50, 640, "1"), (80, 640, "Cap chu ky so"), (240, 640, "Van phong xa")]
    first += [(330, 640, "Quy I")]
    first += [(50, 668, "2"), (80, 668, "Xay dung kho"), (80, 680, "du lieu dung")]
    first += [(240, 668, "Phong Kinh te"), (330, 668, "Quy IV")]
    second: Page = [*_header(60), (80, 90, "chung cua xa")]  # the rest of row 2
    second += [(50, 118, "3"), (80, 118, "Ban do so"), (240, 118, "Cong an xa")]
    second += [(330, 118, "2026")]
    second += [(50, 150, "Noi nhan: nhu tren.")]
    (table,) = find_grid_tables(_write_pdf(tmp_path / "pages.pdf", [first, second]))
    assert [r[1] for r in table.rows] == [
        "Cap chu ky so",
        "Xay dung kho du lieu dung chung cua xa",
        "Ban do so",
    ]
    assert [r[2] for r in table.rows] == ["Van phong xa", "Phong Kinh te", "Cong an xa"]


def test_read_pdf_puts_the_rebuilt_table_in_the_text(tmp_path: Path) -> None:
    page: Page = [(50, 70, "Nhiem vu cu the cua xa"), *_header(100)]
    page += [(50, 140, "1"), (80, 128, "Keo cap quang"), (80, 140, "den 5 thon")]
    page += [(80, 152, "vung sau"), (240, 140, "Phong Kinh te"), (330, 140, "Quy III")]
    page += [(50, 180, "2"), (80, 174, "Lap dat camera"), (80, 186, "an ninh")]
    page += [(240, 180, "Cong an xa"), (330, 174, "Thang 6"), (330, 186, "nam 2026")]
    text = read_pdf(_write_pdf(tmp_path / "plan.pdf", [page]))
    assert "| 1 | Keo cap quang den 5 thon vung sau | Phong Kinh te | Quy III |" in text
    assert "| 2 | Lap dat camera an ninh | Cong an xa | Thang 6 nam 2026 |" in text
    assert "Nhiem vu cu the cua xa" in text


def test_a_row_per_year_table(tmp_path: Path) -> None:
    page: Page = [(50, 100, "Nam"), (100, 94, "Truc tuyen"), (100, 106, "(%)")]
    page += [(200, 100, "Thon co wifi"), (300, 94, "Hoc sinh"), (300, 106, "so (%)")]
    page += [(50, 130, "2026"), (100, 130, "61"), (200, 130, "4"), (300, 130, "70")]
    page += [(50, 146, "2027"), (100, 146, "68"), (200, 146, "7"), (300, 146, "85")]
    page += [(50, 180, "Cac chi tieu tren duoc danh gia hang nam.")]
    (table,) = find_grid_tables(_write_pdf(tmp_path / "years.pdf", [page]))
    assert table.header == ["Nam", "Truc tuyen (%)", "Thon co wifi", "Hoc sinh so (%)"]
    assert table.rows == [["2026", "61", "4", "70"], ["2027", "68", "7", "85"]]


def test_footer_under_the_last_row_is_not_a_cell(tmp_path: Path) -> None:
    page: Page = [*_header(600)]
    page += [
        (50, 640, "1"),
        (80, 640, "Cap chu ky so"),
        (240, 640, "Van phong xa"),
        (330, 640, "Quy I"),
    ]
    page += [(50, 660, "2"), (80, 660, "Ban do so"), (240, 660, "Cong an xa"), (330, 660, "Quy II")]
    page += [(330, 785, "Trang 1")]
    (table,) = find_grid_tables(_write_pdf(tmp_path / "foot.pdf", [page]))
    assert table.rows[-1] == ["2", "Ban do so", "Cong an xa", "Quy II"]
