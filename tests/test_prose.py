"""Plans written in prose: task / target / budget / result sentences become plan records and the
records strategy answers "ai chủ trì", "hoàn thành khi nào", "năm 2026 đạt bao nhiêu", "tổng
kinh phí" from them, citing the sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.cli import main as troly
from rag.engine import Engine
from rag.settings import Settings
from rag.tables.parse import PlanParser
from rag.understand.prose import read_task, values_in
from tests.fakes import FakeEmbedder


# ----------------------------------------------------------------------------- sentences
@pytest.mark.parametrize(
    ("sentence", "lead", "partners", "deadline", "task_words"),
    [
        (
            "Giao Phòng Kinh tế chủ trì, phối hợp với Viettel Hà Tĩnh khảo sát, lắp đặt trạm "
            "phát sóng tại thôn Đồng Xe, hoàn thành trước ngày 30/9/2026.",
            "Phòng Kinh tế",
            "Viettel Hà Tĩnh",
            "hoàn thành trước ngày 30/9/2026",
            "lắp đặt trạm phát sóng",
        ),
        (
            "2.3. Tổ chức hội thi tìm hiểu kỹ năng số cho học sinh; Đoàn Thanh niên xã chủ trì.",
            "Đoàn Thanh niên xã",
            "",
            "",
            "hội thi tìm hiểu kỹ năng số",
        ),
        (
            "- Số hóa sổ địa chính đang lưu trữ; Phòng Kinh tế chủ trì, phối hợp Chi nhánh "
            "Văn phòng đăng ký đất đai, hoàn thành trong tháng 8/2026.",
            "Phòng Kinh tế",
            "Chi nhánh Văn phòng đăng ký đất đai",
            "hoàn thành trong tháng 8/2026",
            "Số hóa sổ địa chính",
        ),
        (
            "Công an xã chủ trì, phối hợp Trưởng thôn tổ chức cấp căn cước lưu động, thực hiện "
            "từ ngày 01/6 đến ngày 31/8/2026.",
            "Công an xã",
            "Trưởng thôn",
            "thực hiện từ ngày 01/6 đến ngày 31/8/2026",
            "cấp căn cước lưu động",
        ),
        (
            "Ban hành quy chế hoạt động của Tổ công nghệ số cộng đồng trong Quý I/2026. "
            "Văn phòng HĐND và UBND xã chủ trì.",
            "Văn phòng HĐND và UBND xã",
            "",
            "trong Quý I/2026",
            "quy chế hoạt động",
        ),
    ],
)
def test_task_sentences_in_several_phrasings(
    sentence: str, lead: str, partners: str, deadline: str, task_words: str
) -> None:
    task = read_task(sentence)
    assert task is not None
    assert task["lead"] == lead
    assert task["partners"] == partners
    assert task["deadline"] == deadline
    assert task_words in task["task"]
    assert "chủ trì" not in task["task"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Các nhiệm vụ phải gắn với trách nhiệm; mỗi nhiệm vụ có một đơn vị chủ trì và thời hạn.",
        "Phòng Kinh tế chủ trì.",  # no task named
        "Tỷ lệ hồ sơ trực tuyến toàn trình đạt 70%.",  # no lead at all
    ],
)
def test_sentences_without_an_agency_and_a_task_are_not_tasks(sentence: str) -> None:
    assert read_task(sentence) is None


def test_values_keep_their_units_and_leave_years_out() -> None:
    text = (
        "Năm 2025 toàn xã có 5.870 người được kích hoạt, đạt 68,9% số người từ 14 tuổi; "
        "doanh thu ước đạt 1,2 tỷ đồng."
    )
    assert values_in(text) == ["5.870 người", "68,9%", "1,2 tỷ đồng"]


# ----------------------------------------------------------------------------- a plan
PROSE_PLAN = """ỦY BAN NHÂN DÂN XÃ HÒA LỘC
Số: 21/KH-UBND

KẾ HOẠCH
Chuyển đổi số xã Hòa Lộc năm 2026

I. KẾT QUẢ NĂM 2025

Trong năm 2025, toàn xã có 3.412 người được kích hoạt tài khoản định danh điện tử mức độ 2, đạt 64,5% số người từ 14 tuổi trở lên. Xã đã thành lập 7 Tổ Công nghệ số cộng đồng với 42 thành viên.

II. NHIỆM VỤ

Phấn đấu đến hết năm 2026, tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến toàn trình đạt 72%.

Giao Phòng Kinh tế chủ trì, phối hợp với VNPT Nghệ An khảo sát, lắp đặt trạm phát sóng di động tại bản Khe Rạn, hoàn thành trước ngày 30/9/2026.

Giao Công an xã chủ trì, phối hợp với Ban Chỉ huy Quân sự xã xây dựng phương án bảo đảm an toàn thông tin mạng cho hệ thống máy tính của UBND xã.

Tổ chức hội thi tìm hiểu kỹ năng số cho học sinh các trường trên địa bàn; Đoàn Thanh niên xã chủ trì.

III. KINH PHÍ

Tổng kinh phí thực hiện Kế hoạch dự kiến là 640 triệu đồng, trong đó: ngân sách xã bố trí 290 triệu đồng cho mua sắm máy tính và tập huấn; doanh nghiệp viễn thông đầu tư 350 triệu đồng cho hạ tầng phát sóng.

Nơi nhận:
- UBND tỉnh;
- Lưu: VT.
"""


def test_prose_plan_gives_records_without_duplicating_a_table_task() -> None:
    with_table = PROSE_PLAN.replace(
        "III. KINH PHÍ",
        "Bảng nhiệm vụ\n\nTT\tNội dung nhiệm vụ\tĐơn vị chủ trì\tThời gian hoàn thành\n"
        "1\tTổ chức hội thi tìm hiểu kỹ năng số cho học sinh các trường\tĐoàn Thanh niên xã"
        "\tQuý III/2026\n\nIII. KINH PHÍ",
    )
    doc = PlanParser().parse(with_table, "hl", "Hòa Lộc", "Kế hoạch chuyển đổi số năm 2026")
    prose = [r for r in doc.records if r.origin == "prose"]
    tasks = [r for r in prose if r.kind == "task"]
    assert {r.lead for r in tasks} == {"Phòng Kinh tế", "Công an xã"}
    assert sum("hội thi" in r.indicator for r in doc.records if r.kind == "task") == 1
    results = [r for r in prose if r.kind == "result"]
    assert results and all(r.year == "2025" for r in results)
    assert [r.budget for r in prose if r.kind == "budget"] == [290.0, 350.0]
    check = doc.budget_checks[0]
    assert (check.stated_total, check.computed_total, check.unit) == (640.0, 640.0, "triệu đồng")
    assert "640 triệu đồng" in check.quote


@pytest.fixture
def prose_engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Engine:
    monkeypatch.setattr("rag.ingest.make_embedder", lambda _model: FakeEmbedder())
    plan = tmp_path / "kh-hoa-loc.txt"
    plan.write_text(PROSE_PLAN, encoding="utf-8")
    assert troly(["ingest", str(plan), "--quiet"]) == 0
    return Engine(Settings(), embedder=FakeEmbedder())


def _ask(engine: Engine, question: str) -> tuple[str, list[str]]:
    answer = engine.ask(question)
    assert not answer.refused, answer.answer
    return answer.answer, [c.quote for c in answer.citations]


def test_engine_answers_prose_plan_from_its_sentences(prose_engine: Engine) -> None:
    text, quotes = _ask(
        prose_engine, "Ở xã Hòa Lộc ai chủ trì lắp đặt trạm phát sóng, phối hợp với ai?"
    )
    assert "Phòng Kinh tế" in text and "VNPT Nghệ An" in text
    assert any("VNPT Nghệ An" in q for q in quotes)

    text, quotes = _ask(
        prose_engine, "Hòa Lộc lắp đặt trạm phát sóng bản Khe Rạn phải xong trước ngày nào?"
    )
    assert "30/9/2026" in text
    assert any("30/9/2026" in q for q in quotes)

    text, quotes = _ask(
        prose_engine,
        "Hòa Lộc: phương án bảo đảm an toàn thông tin mạng cho máy tính UBND xã hoàn thành khi nào?",
    )
    assert "không nêu thời hạn" in text
    assert any("an toàn thông tin mạng" in q for q in quotes)

    text, _ = _ask(
        prose_engine, "hội thi tìm hiểu kỹ năng số cho học sinh ở Hòa Lộc do ai chủ trì?"
    )
    assert "Đoàn Thanh niên" in text

    text, quotes = _ask(
        prose_engine,
        "Năm 2026 xã Hòa Lộc đặt chỉ tiêu hồ sơ thủ tục hành chính trực tuyến toàn trình bao nhiêu?",
    )
    assert "72%" in text and any("72%" in q for q in quotes)

    text, quotes = _ask(
        prose_engine, "Tổng kinh phí kế hoạch năm 2026 của xã Hòa Lộc là bao nhiêu?"
    )
    assert "640" in text and any("640 triệu đồng" in q for q in quotes)

    text, quotes = _ask(
        prose_engine, "năm 2025 Hòa Lộc có bao nhiêu người được kích hoạt định danh điện tử mức 2?"
    )
    assert "3.412" in text and any("3.412" in q for q in quotes)


@pytest.mark.parametrize(
    ("sentence", "partners"),
    [
        (
            "3. Cập nhật bản đồ số các tuyến đường liên thôn. Phòng Kinh tế chủ trì, "
            "Hội Nông dân xã phối hợp; hoàn thành trong tháng 9/2026.",
            "Hội Nông dân xã",
        ),
        (
            "4. Mở lớp tập huấn bán hàng trực tuyến cho hộ sản xuất. Phòng Kinh tế chủ trì; "
            "Bưu điện văn hóa xã, Đoàn Thanh niên xã phối hợp.",
            "Bưu điện văn hóa xã, Đoàn Thanh niên xã",
        ),
    ],
)
def test_partners_named_before_the_cue(sentence: str, partners: str) -> None:
    task = read_task(sentence)
    assert task is not None and task["lead"] == "Phòng Kinh tế"
    assert task["partners"] == partners
    assert "phối hợp" not in task["task"]
