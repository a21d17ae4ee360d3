"""Prose tasks whose lead, partners and time follow the task sentence, and the records answers
built on them (who leads, who partners, deadline or none), on an invented plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.chunking import PlanChunker
from rag.cli import main as troly
from rag.engine import Engine
from rag.query import asks_own_number, without_plan_description
from rag.settings import Settings
from rag.tables.answer import typed_content_words
from rag.tables.parse import PlanParser
from rag.understand.prose import read_task
from tests.fakes import FakeEmbedder


@pytest.mark.parametrize(
    ("sentence", "lead", "partners", "deadline"),
    [
        (
            "3. Số hóa sổ hộ tịch lưu trữ từ năm 2010. Phòng Văn hóa - Xã hội chủ trì, phối hợp "
            "với Hội Nông dân xã và Hợp tác xã Minh Phát thực hiện; hoàn thành trước ngày "
            "15/10/2026.",
            "Phòng Văn hóa - Xã hội",
            "Hội Nông dân xã và Hợp tác xã Minh Phát",
            "hoàn thành trước ngày 15/10/2026",
        ),
        (
            "Việc lắp camera giám sát tại các ngã ba do Công an xã chủ trì, phối hợp Ban quản lý "
            "chợ; hoàn thành trong tháng 7/2026.",
            "Công an xã",
            "Ban quản lý chợ",
            "hoàn thành trong tháng 7/2026",
        ),
        (
            "2. Tập huấn an toàn thông tin cho công chức. Đơn vị thực hiện: Văn phòng HĐND và "
            "UBND xã phối hợp Trung tâm Viễn thông khu vực. Thời gian: quý II/2026.",
            "Văn phòng HĐND và UBND xã",
            "Trung tâm Viễn thông khu vực",
            "quý II/2026",
        ),
        (
            "5. Mở gian hàng trực tuyến cho hợp tác xã. Đơn vị thực hiện: Phòng Kinh tế chủ trì, "
            "phối hợp Bưu điện xã và Hội Phụ nữ xã. Thời gian: từ tháng 4/2026.",
            "Phòng Kinh tế",
            "Bưu điện xã và Hội Phụ nữ xã",
            "từ tháng 4/2026",
        ),
        (
            "Nhiệm vụ 4. Cập nhật bản đồ số nghĩa trang nhân dân. Đơn vị thực hiện: Công an xã "
            "chủ trì; Đoàn Thanh niên xã và trưởng các thôn phối hợp. Thời hạn: trước ngày "
            "20/8/2026.",
            "Công an xã",
            "Đoàn Thanh niên xã và trưởng các thôn",
            "trước ngày 20/8/2026",
        ),
        (
            "6. Tổ chức hội nghị trực tuyến đến các thôn. Văn phòng HĐND và UBND xã chủ trì, "
            "phối hợp VNPT tỉnh; thực hiện từ tháng 6/2026.",
            "Văn phòng HĐND và UBND xã",
            "VNPT tỉnh",
            "thực hiện từ tháng 6/2026",
        ),
        (
            # a verb inside a name stays: "Văn phòng đăng ký đất đai"
            "Đo đạc lại bản đồ địa chính thôn Đồng Mới; Phòng Kinh tế chủ trì, phối hợp với "
            "Chi nhánh Văn phòng đăng ký đất đai, hoàn thành trong tháng 8/2026.",
            "Phòng Kinh tế",
            "Chi nhánh Văn phòng đăng ký đất đai",
            "hoàn thành trong tháng 8/2026",
        ),
    ],
)
def test_lead_partners_and_time_after_the_task_sentence(
    sentence: str, lead: str, partners: str, deadline: str
) -> None:
    task = read_task(sentence)
    assert task is not None
    assert (task["lead"], task["partners"], task["deadline"]) == (lead, partners, deadline)


# A PDF page wraps "Thời gian:" at the end of a line; its value is on the next one.
WRAPPED = """KẾ HOẠCH
Chuyển đổi số xã Bình An năm 2026
II. NHIỆM VỤ
1. Nâng cấp mạng nội bộ. Lắp bộ phát wifi tại hội trường xã, hỗ trợ
người dân tra cứu hồ sơ. Đơn vị thực hiện: Văn phòng HĐND và UBND xã. Thời gian:
từ tháng 5/2026.
2. Cấp chữ ký số cho hộ kinh doanh. Phối hợp tổ chức cung cấp dịch vụ
chữ ký số mở các đợt cấp tại thôn. Đơn vị thực hiện: Công an xã phối hợp Đoàn Thanh niên xã.
"""


def test_a_sentence_naming_the_roles_is_not_a_task() -> None:
    sentence = (
        "Phân công rõ đơn vị chủ trì, đơn vị phối hợp, thời hạn hoàn thành và sản phẩm của "
        "từng nhiệm vụ; gắn trách nhiệm người đứng đầu với kết quả thực hiện."
    )
    assert read_task(sentence) is None


def test_a_wrapped_label_value_stays_with_its_task() -> None:
    doc = PlanParser().parse(WRAPPED, "ba", "Bình An", "Kế hoạch chuyển đổi số năm 2026")
    tasks = {r.lead: r for r in doc.records if r.kind == "task"}
    assert tasks["Văn phòng HĐND và UBND"].deadline == "từ tháng 5/2026"
    assert tasks["Công an xã"].deadline == ""
    assert tasks["Công an xã"].partners_raw == "Đoàn Thanh niên xã"
    units = [u for c in PlanChunker().split("ba", WRAPPED) for u in c.units]
    assert any("Nâng cấp mạng nội bộ" in u and "từ tháng 5/2026" in u for u in units) or any(
        "Thời gian: từ tháng 5/2026" in u for u in units
    )
    assert not any(u.strip() == "từ tháng 5/2026." for u in units)


def test_own_number_question_keeps_no_plan_description() -> None:
    assert asks_own_number("kế hoạch cđs của xã Bình An số mấy")
    assert not asks_own_number("kế hoạch số mấy của UBND tỉnh được xã thực hiện")
    assert without_plan_description("kế hoạch cđs năm 2026 số mấy") == "kế hoạch số văn bản"
    assert without_plan_description("kh số bao nhiêu vậy") == "kh số văn bản vậy"
    assert without_plan_description("kế hoạch có mấy nhiệm vụ") == "kế hoạch có mấy nhiệm vụ"


def test_stop_words_typed_with_other_diacritics_are_content_words() -> None:
    typed = typed_content_words("Chợ số ở xã có sổ đỏ cho dân không")
    assert typed["cho"] == {"chợ"} and typed["so"] == {"sổ"}
    assert "o" not in typed and "co" not in typed  # "ở", "có" are the stop words themselves
    assert not typed_content_words("cho so o xa")


PLAN = """ỦY BAN NHÂN DÂN XÃ LONG THẠNH TÂY
Số: 58/KH-UBND

KẾ HOẠCH
Phát triển xã hội số và kinh tế số xã Long Thạnh Tây năm 2026

I. NHIỆM VỤ

1. Mở lớp hướng dẫn kỹ năng số cho nông dân tại nhà văn hóa ấp. Phòng Văn hóa - Xã hội chủ trì, phối hợp với Hội Nông dân xã và Hội Cựu chiến binh xã thực hiện; hoàn thành trước ngày 30/9/2026.

2. Xây dựng mô hình chợ 4.0 tại chợ Long Thạnh, thanh toán không dùng tiền mặt cho tiểu thương. Hội Liên hiệp Phụ nữ xã chủ trì, phối hợp với Ban quản lý chợ. Kế hoạch không ấn định mốc thời gian cho nhiệm vụ này.

3. Vận động hộ kinh doanh ven quốc lộ đăng ký bán hàng trên sàn thương mại điện tử. Đoàn Thanh niên xã chủ trì; thực hiện trong năm 2026.

II. DANH MỤC THIẾT BỊ

| TT | Nội dung | Đơn vị chủ trì | Thời hạn | Kinh phí (triệu đồng) |
|---|---|---|---|---|
| 1 | Mua máy quét tài liệu cho bộ phận một cửa | Văn phòng HĐND và UBND xã | Quý II/2026 | 60 |
| 2 | Trang bị loa truyền thanh thông minh cho các ấp | Phòng Văn hóa - Xã hội | | 90 |
"""


@pytest.fixture
def plan_engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Engine:
    monkeypatch.setattr("rag.ingest.make_embedder", lambda _model: FakeEmbedder())
    plan = tmp_path / "kh-long-thanh-tay.md"
    plan.write_text(PLAN, encoding="utf-8")
    assert troly(["ingest", str(plan), "--quiet"]) == 0
    return Engine(Settings(), embedder=FakeEmbedder())


def test_records_answer_partners_doers_and_missing_deadlines(plan_engine: Engine) -> None:
    answer = plan_engine.ask("Long Thạnh Tây lớp kỹ năng số cho nông dân phối hợp với những ai")
    assert "Hội Nông dân xã và Hội Cựu chiến binh xã" in answer.answer
    assert "thực hiện" not in answer.answer.split("phối hợp:")[-1].split("[")[0]

    answer = plan_engine.ask(
        "ở Long Thạnh Tây ai vận động hộ kinh doanh bán hàng trên sàn thương mại điện tử"
    )
    assert "Đoàn Thanh niên xã" in answer.answer

    answer = plan_engine.ask("Chợ 4.0 ở Long Thạnh Tây phải xong trước ngày nào?")
    assert "không nêu thời hạn" in answer.answer
    assert any("chợ 4.0" in c.quote for c in answer.citations)

    answer = plan_engine.ask("Long Thạnh Tây trang bị loa truyền thanh thông minh có thời hạn ko")
    assert "không ghi thời hạn" in answer.answer

    answer = plan_engine.ask("long thanh tay ke hoach cds so may")
    assert "58/KH-UBND" in answer.answer
