"""Tasks wherever a plan writes them: rows labelled "Nhiệm vụ:" in a table of targets, an
agency's duties after its name ("Phòng A: chủ trì X; chủ trì Y"), an item of a task list that
names no agency, the articles of a plan written as a legal text ("Điều 3. Nhiệm vụ"). Asked
when they are due or who leads them, the answer says what the plan leaves out. All plan text
here is invented."""

from __future__ import annotations

from pathlib import Path

from rag.chunking import PlanChunker, heading_level
from rag.compose import AnswerComposer
from rag.index import StoredChunk
from rag.pipeline.analyse import AnalyseStage
from rag.pipeline.outline import OutlineStrategy
from rag.pipeline.types import Question
from rag.tables.answer import TableAnswerer
from rag.tables.build import PlanSource, build_store
from rag.text import expand_abbreviations
from rag.understand.tables import row_kind

COMMUNE = "Thử"

MIXED = """II. MỤC TIÊU VÀ NHIỆM VỤ

1. Dữ liệu số

| Nội dung | Năm 2027 | Chủ trì | Phối hợp | Thời hạn |
|---|---|---|---|---|
| Chỉ tiêu: thửa đất có bản đồ số | 70% | Phòng Kinh tế | Văn phòng đăng ký đất đai | Hằng năm |
| Chỉ tiêu: hộ có hộp thư điện tử | 40% | Phòng Văn hóa - Xã hội | Đoàn Thanh niên | Hằng năm |
| Nhiệm vụ: dựng bản đồ số nghĩa trang nhân dân | 01 bản đồ | Phòng Kinh tế | Các thôn | |
| Nhiệm vụ: mở lớp dạy bán hàng qua mạng cho phụ nữ | 4 lớp | | Hội Liên hiệp Phụ nữ xã | Tháng 6/2027 |
"""

DUTIES = """III. TỔ CHỨC THỰC HIỆN VÀ PHÂN CÔNG

1. Trạm Y tế xã: chủ trì cấp sổ khám bệnh điện tử cho người dân, hoàn thành trước ngày 30/5/2027; phối hợp với Công an xã xác thực người bệnh; chủ trì đặt lịch tiêm chủng trực tuyến cho trẻ em dưới 6 tuổi.

2. Phòng Kinh tế: chủ trì kéo cáp quang đến nhà văn hóa các thôn, hoàn thành trong Quý III/2027.
"""

ITEMS = """II. NHIỆM VỤ

2. Phát triển xã hội số

a) Phòng Văn hóa - Xã hội chủ trì mở lớp kỹ năng số cho người lớn tuổi ở các thôn; hoàn thành trong tháng 8/2027.

b) Đoàn Thanh niên xã chủ trì lập đội tình nguyện hướng dẫn dịch vụ công tại nhà văn hóa.

c) Tổ chức hội thi tìm hiểu về chữ ký số cho học sinh trung học cơ sở; thời gian tổ chức trong tháng 11/2027.
"""

ARTICLES = """KẾ HOẠCH
Thực hiện Nghị quyết của Hội đồng nhân dân xã về chuyển đổi số năm 2027

Điều 1. Kết quả năm 2026
   1. Xã có 4.100 người có định danh điện tử mức 2.
   2. Tồn tại: thiếu máy tính tại Bộ phận Một cửa.

Điều 2. Mục tiêu năm 2027
   1. Về chính quyền số:
      a) 70% hồ sơ nộp trực tuyến.
      b) 100% văn bản được ký số.

Điều 3. Nhiệm vụ và phân công
   1. Nhiệm vụ "Dựng bản đồ số nghĩa trang nhân dân": Phòng Kinh tế chủ trì; hoàn thành tháng 6/2027.
   2. Nhiệm vụ "Lắp loa truyền thanh thông minh": Văn phòng xã chủ trì; hoàn thành tháng 9/2027.
   3. Nhiệm vụ "Mở chợ phiên trực tuyến cho nông sản": Hợp tác xã Đồng Tiến chủ trì; hoàn thành tháng 10/2027.

Điều 4. Tổ chức thực hiện
   1. Văn phòng xã theo dõi, báo cáo định kỳ.
"""


def _answer(tmp_path: Path, plan: str, question: str):
    source = PlanSource("x", "Kế hoạch chuyển đổi số năm 2027", COMMUNE, "", plan)
    build_store([source], tmp_path / "t.sqlite")
    return TableAnswerer(tmp_path / "t.sqlite").answer(question, [COMMUNE])


def test_a_row_labelled_as_a_task_is_a_task_in_a_table_of_targets() -> None:
    assert row_kind("indicator", "Nhiệm vụ: dựng bản đồ số") == "task"
    assert row_kind("task", "Chỉ tiêu: 70% hồ sơ trực tuyến") == "indicator"
    assert row_kind("indicator", "Tỷ lệ hồ sơ trực tuyến") == "indicator"
    assert row_kind("budget", "Nhiệm vụ: dựng bản đồ số") == "budget"


def test_a_task_row_with_an_empty_deadline_cell_is_said_to_have_none(tmp_path: Path) -> None:
    found = _answer(tmp_path, MIXED, "xã Thử dựng bản đồ số nghĩa trang có hạn hoàn thành không")
    assert found is not None
    assert "không ghi thời hạn" in found.text and "nghĩa trang" in found.text


def test_a_task_row_with_a_deadline_gives_it(tmp_path: Path) -> None:
    found = _answer(tmp_path, MIXED, "xã Thử mở lớp dạy bán hàng qua mạng có hạn hoàn thành không")
    assert found is not None and "Tháng 6/2027" in found.text


def test_a_task_row_with_partners_only_names_no_lead(tmp_path: Path) -> None:
    found = _answer(tmp_path, MIXED, "mở lớp dạy bán hàng qua mạng xã Thử đơn vị nào chủ trì")
    assert found is not None
    assert "không nêu đơn vị chủ trì" in found.text
    assert "Hội Liên hiệp Phụ nữ" in found.text


def test_each_duty_of_an_agency_has_its_own_deadline(tmp_path: Path) -> None:
    found = _answer(tmp_path, DUTIES, "xã Thử đặt lịch tiêm chủng trực tuyến có thời hạn không")
    assert found is not None
    assert "không nêu thời hạn" in found.text and "30/5/2027" not in found.text
    found = _answer(tmp_path, DUTIES, "xã Thử cấp sổ khám bệnh điện tử khi nào xong")
    assert found is not None and "30/5/2027" in found.text
    who = _answer(tmp_path, DUTIES, "ai chủ trì đặt lịch tiêm chủng trực tuyến ở xã Thử")
    assert who is not None and "Trạm Y tế" in who.text


def test_an_item_naming_no_agency_in_a_list_of_led_tasks_has_no_lead(tmp_path: Path) -> None:
    found = _answer(tmp_path, ITEMS, "hội thi tìm hiểu chữ ký số xã Thử do đơn vị nào chủ trì")
    assert found is not None and "không nêu đơn vị chủ trì" in found.text
    led = _answer(tmp_path, ITEMS, "ai chủ trì lập đội tình nguyện hướng dẫn dịch vụ công xã Thử")
    assert led is not None and "Đoàn Thanh niên" in led.text


def test_an_article_title_is_a_heading_but_an_article_sentence_is_not() -> None:
    assert heading_level("Điều 3. Nhiệm vụ và phân công") == 1
    assert heading_level("Điều 2. Kế hoạch này có hiệu lực kể từ ngày ký.") is None


def test_the_tasks_of_a_plan_written_as_articles(tmp_path: Path) -> None:
    chunks = [
        StoredChunk(
            c.chunk_id,
            c.text,
            {
                "commune": COMMUNE,
                "doc_id": "x",
                "title": "Kế hoạch",
                "section": c.section,
                "kind": c.kind,
                "start": c.start,
            },
        )
        for c in PlanChunker().split("x", ARTICLES)
    ]
    strategy = OutlineStrategy(
        AnswerComposer(lambda _t: 1.0),
        {},
        texts={COMMUNE: [c for c in chunks if c.meta["kind"] == "text"]},
        rows={COMMUNE: [c for c in chunks if c.meta["kind"] == "row"]},
    )
    analysis = AnalyseStage(None, [COMMUNE]).run(Question("kh xã Thử gồm những nhiệm vụ nào"))
    draft = strategy.run(analysis)
    assert draft is not None
    for task in ("nghĩa trang", "loa truyền thanh", "chợ phiên"):
        assert task in draft.body
    assert "báo cáo định kỳ" not in draft.body and "ký số" not in draft.body


def test_everyday_words_read_as_the_plans_wording() -> None:
    text = expand_abbreviations("bao nhiêu hộ xài smartphone, họp tới các thôn")
    assert "dùng điện thoại thông minh" in text and "đến các thôn" in text


LABELLED = """3. NHIỆM VỤ

Nhiệm vụ 1. Bản đồ số nghĩa trang
Dựng bản đồ số nghĩa trang nhân dân của xã, gắn mã QR cho từng khu mộ.
Chủ trì: Phòng Kinh tế. Phối hợp: Ban quản trang xã; Hội Cựu chiến binh xã. Thời hạn: 30/8/2027.

Nhiệm vụ 2. Bản tin song ngữ
Làm bản tin song ngữ hướng dẫn dịch vụ công, đăng trên nhóm Zalo các thôn.
Phối hợp: Đoàn Thanh niên xã; Hội Liên hiệp Phụ nữ xã. Thời hạn: Quý III/2027.
"""


def test_a_labelled_partner_list_keeps_every_partner(tmp_path: Path) -> None:
    found = _answer(tmp_path, LABELLED, "bản đồ số nghĩa trang xã Thử phối hợp với những ai")
    assert found is not None
    assert "Ban quản trang" in found.text and "Hội Cựu chiến binh" in found.text


def test_a_numbered_task_naming_partners_only_has_no_lead(tmp_path: Path) -> None:
    found = _answer(tmp_path, LABELLED, "bản tin song ngữ xã Thử do đơn vị nào chủ trì")
    assert found is not None and "không nêu đơn vị chủ trì" in found.text
    due = _answer(tmp_path, LABELLED, "xã Thử làm bản tin song ngữ xong ngày nào")
    assert due is not None and "Quý III/2027" in due.text


def test_a_due_date_question_about_a_commune_asks_its_plan_before_the_guides() -> None:
    from rag.pipeline.route import RouteStage
    from rag.pipeline.types import GUIDE, RECORDS

    stage = RouteStage({COMMUNE: "Kế hoạch năm 2027"}, records_available=True)
    due = AnalyseStage(None, [COMMUNE]).run(
        Question("xã Thử hướng dẫn người dân cài ứng dụng VNeID có thời hạn không")
    )
    order = stage.run(due).strategies
    assert order.index(RECORDS) < order.index(GUIDE)
    how = AnalyseStage(None, [COMMUNE]).run(Question("xã Thử hướng dẫn cài ứng dụng VNeID"))
    order = stage.run(how).strategies
    assert GUIDE in order and (RECORDS not in order or order.index(GUIDE) < order.index(RECORDS))
