"""The type of value a question asks (money, share, count, a person's name) and the value
shapes that state it; the check that turns a draft without such a value into a refusal."""

from __future__ import annotations

import pytest

from rag.compose import Citation
from rag.pipeline.asked_check import AskedValueCheck
from rag.pipeline.asked_value import (
    COUNT,
    MONEY,
    PERCENT,
    PERSON,
    asked_value,
    has_person_name,
    has_value,
)
from rag.pipeline.refusals import Refusals
from rag.pipeline.types import (
    COMPARISON,
    DOCUMENT,
    GUIDE,
    PASSAGES,
    RECORDS,
    Analysis,
    Draft,
    Question,
)
from rag.query import analyse


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Kinh phí làm nhà văn hóa số là bao nhiêu?", MONEY),
        ("kinh phi lam nha van hoa so la bao nhieu", MONEY),
        ("Xã dự kiến chi bao nhiêu tiền cho loa thông minh?", MONEY),
        ("Dự toán (triệu đồng) cho từng hạng mục là bao nhiêu?", MONEY),
        ("Tỷ lệ hộ dùng ví điện tử phải đạt bao nhiêu?", PERCENT),
        ("phan dau bao nhieu % nguoi dan co chu ky so", PERCENT),
        ("bao nhiêu phần trăm hộ kinh doanh dùng mã QR", PERCENT),
        ("Phó chủ tịch ký văn bản này tên gì?", PERSON),
        ("ho ten nguoi ky ke hoach", PERSON),
        ("Xã có bao nhiêu tổ công nghệ số?", COUNT),
    ],
)
def test_the_form_of_a_question_tells_the_type_asked(question: str, kind: str) -> None:
    asked = asked_value(question)
    assert asked is not None and asked.kind == kind


def test_who_signed_may_be_answered_by_an_office_but_a_name_asked_may_not() -> None:
    assert asked_value("Ai ký văn bản này?").office_ok
    assert not asked_value("Người ký văn bản này tên là gì?").office_ok


@pytest.mark.parametrize(
    "question",
    [
        "Nguồn kinh phí lấy từ đâu?",
        "Ai chủ trì lắp loa thông minh?",
        "Lắp loa thông minh khi nào xong?",
        "Kế hoạch có những nhiệm vụ gì?",
    ],
)
def test_questions_that_ask_no_value_type_are_not_checked(question: str) -> None:
    assert asked_value(question) is None


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        (MONEY, "Ngân sách xã bố trí 85 triệu đồng cho loa thông minh."),
        (MONEY, "Loa thông minh; Kinh phí (triệu đồng): 85; Nguồn: ngân sách xã"),
        (MONEY, "Dự toán: 85.000.000"),
        (MONEY, "Hạng mục loa thông minh; Kinh phí: 85"),
        (PERCENT, "Tỷ lệ hộ dùng ví điện tử đạt 45%."),
        (PERCENT, "Chỉ tiêu: Hộ dùng ví điện tử; Đơn vị tính: %; Năm 2026: 45"),
        (PERSON, "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Đoàn Thị Mơ"),
        (COUNT, "Toàn xã có 14 thôn."),
    ],
)
def test_a_value_of_the_type_is_recognised(kind: str, text: str) -> None:
    assert has_value(kind, text)


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        (MONEY, "Giao Phòng Kinh tế chủ trì lắp loa thông minh trong năm 2026."),
        (MONEY, "Kinh phí thực hiện từ ngân sách xã và nguồn xã hội hóa."),
        (PERCENT, "Đẩy mạnh sử dụng ví điện tử trong hộ gia đình năm 2026."),
        (PERSON, "KT. CHỦ TỊCH PHÓ CHỦ TỊCH (văn bản không ghi tên)"),
        (PERSON, "ỦY BAN NHÂN DÂN XÃ ĐOÀN KẾT"),
        (COUNT, "Hoàn thành trước ngày 30/6/2026, năm 2027 duy trì."),
    ],
)
def test_a_text_without_a_value_of_the_type_is_not_mistaken(kind: str, text: str) -> None:
    assert not has_value(kind, text)


def test_an_office_answers_who_signed_only_when_an_office_is_accepted() -> None:
    text = "Người ký: KT. Chủ tịch, Phó Chủ tịch"
    assert has_value(PERSON, text, office_ok=True)
    assert not has_value(PERSON, text)
    assert has_person_name("Chủ tịch Lý Thị Na đã ký")


# --------------------------------------------------------------------------- the check
COMMUNES = ["Khe Mây"]


def _analysis(question: str) -> Analysis:
    info = analyse(question, COMMUNES)
    info.text_for_terms = question.replace("xã Khe Mây", "").replace("Khe Mây", "")
    return Analysis(Question(question), info)


def _draft(quote: str, strategy: str = PASSAGES, body: str = "") -> Draft:
    cite = Citation(
        "kh-1", "Kế hoạch chuyển đổi số xã Khe Mây", "Khe Mây", "", "IV. Kinh phí", quote
    )
    return Draft(body or f"Theo kế hoạch của xã Khe Mây:\n• «{quote}» [1]", False, [cite])


CHECK = AskedValueCheck(Refusals(COMMUNES))


def test_a_passage_answer_without_the_asked_amount_becomes_a_refusal_citing_it() -> None:
    quote = "Kinh phí thực hiện từ ngân sách xã và nguồn xã hội hóa."
    out = CHECK.run(
        _analysis("Kinh phí lắp loa ở xã Khe Mây là bao nhiêu?"), PASSAGES, _draft(quote)
    )
    assert out.refused
    assert "không nêu" in out.body
    assert out.citations and quote in out.citations[0].quote  # the related passage, cited
    assert "[1]" in out.body and out.sources


def test_a_passage_answer_with_the_asked_amount_stands() -> None:
    draft = _draft("Ngân sách xã bố trí 85 triệu đồng cho lắp loa.")
    out = CHECK.run(_analysis("Kinh phí lắp loa ở xã Khe Mây là bao nhiêu?"), PASSAGES, draft)
    assert out is draft


def test_a_name_asked_of_a_document_that_leaves_it_blank_is_refused() -> None:
    quote = "Người ký ban hành: KT. Chủ tịch, Phó Chủ tịch (văn bản không ghi tên)."
    out = CHECK.run(
        _analysis("Phó chủ tịch ký kế hoạch xã Khe Mây tên gì?"), DOCUMENT, _draft(quote)
    )
    assert out.refused


def test_a_record_answer_is_refused_only_when_its_own_value_is_a_blank() -> None:
    q = _analysis("Họ tên người ký kế hoạch xã Khe Mây?")
    blank = _draft("x", RECORDS, body="Người ký: Phó Chủ tịch (văn bản không ghi tên). [1]")
    assert CHECK.run(q, RECORDS, blank).refused
    named = _draft("x", RECORDS, body="Người ký: Phó Chủ tịch Đoàn Thị Mơ. [1]")
    assert not CHECK.run(q, RECORDS, named).refused
    money = _analysis("Kinh phí lắp loa ở xã Khe Mây là bao nhiêu?")
    stated = _draft("Loa; 85", RECORDS, body="Lắp loa: kinh phí 85 triệu đồng. [1]")
    assert CHECK.run(money, RECORDS, stated) is stated  # a record that carries it: untouched


@pytest.mark.parametrize("strategy", [GUIDE, COMPARISON])
def test_other_strategies_are_not_checked(strategy: str) -> None:
    draft = _draft("Giao Phòng Kinh tế chủ trì lắp loa.")
    out = CHECK.run(_analysis("Kinh phí lắp loa ở xã Khe Mây là bao nhiêu?"), strategy, draft)
    assert out is draft


def test_numbers_under_a_money_column_header_are_amounts() -> None:
    flattened = "Nguồn vốn Nội dung chi Số tiền (triệu đồng) Ngân sách xã Loa thông minh 85"
    assert has_value(MONEY, flattened)
    assert not has_value(MONEY, "Số tiền (triệu đồng) do ngân sách xã bố trí năm 2026")


@pytest.mark.parametrize(
    "text",
    [
        "b) Lắp loa thông minh tại nhà văn hóa: 85 triệu đồng;",
        "Mục 2. Lắp loa thông minh tại các bản vùng cao",
        "Nhóm: Hạ tầng số; STT: 2.3; Nhiệm vụ: lắp loa thông minh",
        "Theo Kế hoạch số 118/KH-UBND, phủ sóng 5G",
        "Tỷ lệ bản có loa thông minh đạt 60%",
    ],
)
def test_labels_amounts_and_shares_do_not_count_things(text: str) -> None:
    assert not has_value(COUNT, text)
    assert has_value(COUNT, text + "; toàn xã lắp 23 loa")


def test_a_value_trimmed_out_of_the_quote_but_in_the_cited_passage_is_stated() -> None:
    whole = (
        "Lắp loa thông minh tại các bản vùng cao. Dự kiến kinh phí 85 triệu đồng từ ngân sách xã."
    )
    draft = _draft("Lắp loa thông minh tại các bản vùng cao.")
    draft.passages = [Citation("kh-1", "Kế hoạch", "Khe Mây", "", "IV. Kinh phí", whole)]
    out = CHECK.run(_analysis("Kinh phí lắp loa ở xã Khe Mây là bao nhiêu?"), PASSAGES, draft)
    assert out is draft
    other = Citation("kh-1", "Kế hoạch", "Khe Mây", "", "V. Khác", whole)  # another passage
    draft.passages = [other]
    assert CHECK.run(
        _analysis("Kinh phí lắp loa ở xã Khe Mây là bao nhiêu?"), PASSAGES, draft
    ).refused
