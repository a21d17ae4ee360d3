"""PDF text layers whose word spacing pypdf misreads (a font object per accented letter, as
Chromium prints Liberation Serif / "Times New Roman"), ligatures, and the header/signature facts
of a plan printed that way: the signer beside «Nơi nhận», a dated title subject."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from rag.documents import load_document, read_pdf
from rag.pdf_text import repair_spacing, spell_ligatures_in_layout
from rag.understand.metadata import extract_facts

# ----------------------------------------------------------------------------- spacing


def test_spaces_inside_words_are_dropped_where_the_glyph_layer_joins_them() -> None:
    plain = "ỦY BAN NHÂN DÂN\nXÃ B Ắ C L Ộ C\nK Ế  HO Ạ CH\nPh ổ  c ậ p k ỹ  năng s ố"
    glyphs = "ỦY BAN NHÂN DÂN\nXÃ BẮC LỘC\nKẾ HOẠCH\nPhổ cập kỹ năng số"
    assert repair_spacing(plain, glyphs) == glyphs


def test_lines_and_order_of_the_text_layer_are_kept() -> None:
    # the glyph layer reads the table cell by cell; the text layer keeps its own lines
    plain = "1 Lắp camera t ạ i ngã ba Đồng Xuân T ổ  an ninh\nQuý II/2026"
    glyphs = "1\nLắp camera tại ngã ba\nĐồng Xuân\nTổ an ninh Quý II/2026"
    assert repair_spacing(plain, glyphs) == (
        "1 Lắp camera tại ngã ba Đồng Xuân Tổ an ninh\nQuý II/2026"
    )


def test_a_text_the_glyph_layer_agrees_with_is_unchanged() -> None:
    plain = "Nâng cấp  đường truyền\ncho 5 thôn"
    assert repair_spacing(plain, "Nâng cấp đường truyền cho 5 thôn") == plain.replace("  ", " ")
    assert repair_spacing(plain, plain) is plain
    # characters the glyph layer does not have (a footer it left out) stay as they are
    assert repair_spacing("Trang 1 / 3\nKho ả n 2", "Khoản 2") == "Trang 1 / 3\nKhoản 2"


def test_ligatures_in_a_layout_text_keep_the_columns_in_place() -> None:
    layout = (
        " 1   Điểm wiﬁ công cộng      Thôn 3      12\n 2   Mạng cáp quang          Thôn 4      20"
    )
    spelt = spell_ligatures_in_layout(layout)
    first, second = spelt.split("\n")
    assert "wifi công cộng" in first
    assert first.index("Thôn 3") == second.index("Thôn 4")
    assert first.index("12") == second.index("20")


# ----------------------------------------------------------------------------- header facts

SIDE_BY_SIDE = """ỦY BAN NHÂN DÂN
XÃ BẮC LỘC
Số: 41/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Bắc Lộc, ngày 05 tháng 5 năm 2026
KẾ HOẠCH
Phổ cập kỹ năng số cho người dân xã Bắc Lộc năm 2026
Căn cứ Kế hoạch số 77/KH-UBND ngày 02/3/2026 của UBND tỉnh Lam Hà;
I. MỤC TIÊU
1. Mở 12 lớp kỹ năng số tại các thôn.
Nơi nhận: TM. ỦY BAN NHÂN DÂN
- UBND tỉnh Lam Hà; CHỦ TỊCH
- Đảng ủy xã;
- Các thôn; Trịnh Thị Ngọc Ánh
- Lưu: VT.
"""


def test_the_signer_name_printed_beside_the_recipients_is_read() -> None:
    facts = extract_facts(SIDE_BY_SIDE)
    assert facts.signer == "TM. Ủy ban nhân dân, Chủ tịch Trịnh Thị Ngọc Ánh"
    last = SIDE_BY_SIDE.replace(
        "- Các thôn; Trịnh Thị Ngọc Ánh\n- Lưu: VT.", "- Lưu: VT, VP. Hà Văn Sơn"
    )
    assert extract_facts(last).signer_name == "Hà Văn Sơn"


def test_a_name_on_a_line_of_its_own_wins_over_one_beside_a_recipient() -> None:
    own_line = SIDE_BY_SIDE.replace("- Các thôn; Trịnh Thị Ngọc Ánh", "- TT. Hội Nông Dân") + (
        "Trịnh Thị Ngọc Ánh\n"
    )
    assert extract_facts(own_line).signer_name == "Trịnh Thị Ngọc Ánh"


def test_a_recipient_line_alone_is_no_signer_name() -> None:
    alone = SIDE_BY_SIDE.replace("- Các thôn; Trịnh Thị Ngọc Ánh", "- Các thôn;")
    facts = extract_facts(alone)
    assert facts.signer_name == ""
    assert "không thấy tên người ký" in facts.signer
    # a recipient that merely names an office is not a person
    office = alone.replace("- Đảng ủy xã;", "- Đảng ủy xã; Văn phòng")
    assert extract_facts(office).signer_name == ""


def test_a_dated_subject_running_on_to_the_body_is_the_title() -> None:
    dated = SIDE_BY_SIDE.replace(
        "Phổ cập kỹ năng số cho người dân xã Bắc Lộc năm 2026",
        "Thực hiện Nghị quyết số 09/NQ-HĐND ngày 10/01/2026 của Hội đồng nhân dân xã\n"
        "về phổ cập kỹ năng số cho người dân",
    )
    title = extract_facts(dated).title
    assert title.startswith("Kế hoạch Thực hiện Nghị quyết số 09/NQ-HĐND")
    assert title.endswith("về phổ cập kỹ năng số cho người dân")
    # a preamble sentence is still not the title
    preamble = dated.replace("cho người dân\n", "cho người dân, UBND xã ban hành:\n")
    assert extract_facts(preamble).title == "Kế hoạch"


# ----------------------------------------------------------------------------- printed PDFs

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

PLAN_HTML = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><style>
body {{ font-family: {font}; font-size: 13pt; }}
table {{ border-collapse: collapse; width: 100%; }}
.tasks td, .tasks th {{ border: 1px solid #000; padding: 3px; }}
.c {{ text-align: center; }}
</style></head><body>
<table><tr>
<td class="c"><b>ỦY BAN NHÂN DÂN<br>XÃ ĐÔNG HỢP</b><br>Số: 63/KH-UBND</td>
<td class="c"><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc</b><br>
<i>Đông Hợp, ngày 21 tháng 4 năm 2026</i></td></tr></table>
<p class="c"><b>KẾ HOẠCH<br>Triển khai chuyển đổi số xã Đông Hợp năm 2026</b></p>
<p><i>Căn cứ Kế hoạch số 118/KH-UBND ngày 15/01/2026 của UBND tỉnh Nam Lĩnh về chuyển đổi số;</i></p>
<p><b>I. MỤC ĐÍCH, YÊU CẦU</b></p>
<p>1. Phấn đấu 80% hồ sơ thủ tục hành chính được giải quyết trực tuyến toàn trình.</p>
<p><b>II. NHIỆM VỤ TRỌNG TÂM</b></p>
<table class="tasks"><tr><th>TT</th><th>Nội dung nhiệm vụ</th><th>Cơ quan chủ trì</th>
<th>Cơ quan phối hợp</th><th>Thời gian hoàn thành</th></tr>
<tr><td>1</td><td>Lắp đặt điểm phát sóng wifi miễn phí tại nhà văn hóa các thôn</td>
<td>Văn phòng HĐND và UBND xã</td><td>Viễn thông Nam Lĩnh</td><td>Tháng 7/2026</td></tr>
<tr><td>2</td><td>Tập huấn kỹ năng số cho tổ công nghệ số cộng đồng</td>
<td>Phòng Văn hóa - Xã hội</td><td>Đoàn Thanh niên xã</td><td>Quý III/2026</td></tr>
<tr><td>3</td><td>Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính</td>
<td>Bộ phận Một cửa xã</td><td>Công an xã</td><td>Tháng 11/2026</td></tr>
</table>
<p><b>III. TỔ CHỨC THỰC HIỆN</b></p>
<p>Văn phòng HĐND và UBND xã theo dõi, tổng hợp kết quả trước ngày 10/12/2026.</p>
<table>
<tr><td style="width:50%"><b><i>Nơi nhận:</i></b></td><td class="c"><b>KT. CHỦ TỊCH</b></td></tr>
<tr><td>- UBND tỉnh Nam Lĩnh;</td><td class="c"><b>PHÓ CHỦ TỊCH</b></td></tr>
<tr><td>- Đảng ủy xã;</td><td></td></tr>
<tr><td>- Lưu: VT, VP.</td><td class="c"><b>Đỗ Quang Khải</b></td></tr>
</table></body></html>"""


def _print_pdf(tmp_path: Path, font: str) -> Path:
    if not CHROMIUM:
        pytest.skip("chromium is needed to print the HTML plan to PDF")
    html = tmp_path / "kh-dong-hop.html"
    html.write_text(PLAN_HTML.format(font=font), encoding="utf-8")
    pdf = tmp_path / "kh-dong-hop.pdf"
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            str(html),
        ],  # fmt: skip
        capture_output=True,
        timeout=120,
        check=False,
    )
    if not pdf.exists():
        pytest.skip("chromium could not print to PDF here")
    return pdf


@pytest.mark.slow
@pytest.mark.parametrize("font", ['"Times New Roman"', '"Liberation Serif"', '"DejaVu Serif"'])
def test_a_plan_printed_in_a_serif_font_reads_whole_words(tmp_path: Path, font: str) -> None:
    text = read_pdf(_print_pdf(tmp_path, font))
    assert "XÃ ĐÔNG HỢP" in text
    assert "Triển khai chuyển đổi số xã Đông Hợp năm 2026" in text
    assert "wifi" in text
    assert (
        "| 2 | Tập huấn kỹ năng số cho tổ công nghệ số cộng đồng | Phòng Văn hóa - Xã hội |" in text
    )

    doc = load_document(_print_pdf(tmp_path, font))
    assert doc.commune == "Đông Hợp"
    assert doc.province == "tỉnh Nam Lĩnh"
    assert doc.number == "63/KH-UBND"
    assert doc.date.startswith("ngày 21 tháng 4 năm 2026")
    assert doc.signer == "KT. Chủ tịch, Phó Chủ tịch Đỗ Quang Khải"
    assert doc.title == "Kế hoạch Triển khai chuyển đổi số xã Đông Hợp năm 2026"
