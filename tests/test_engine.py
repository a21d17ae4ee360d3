"""Behaviour of the shared engine through its public entry point `Engine.ask`."""

from __future__ import annotations

import re

import pytest

from rag.engine import Engine, QuestionError
from rag.index import IndexError_
from rag.retriever import LangchainRetriever
from rag.settings import Settings
from tests.fakes import FakeEmbedder

NUMBER_RE = re.compile(r"(?<!\[)\b\d+(?:[.,/]\d+)*%?")


def _numbers(text: str) -> set[str]:
    text = re.sub(r"\[\d+\]", " ", text)
    text = re.sub(r"(?m)^\d+\.\s", " ", text)  # list enumerators
    text = re.sub(r"\b\d+ (chỉ tiêu|nhiệm vụ|mục|văn bản)", " ", text)  # counts of listed records
    return set(NUMBER_RE.findall(text))


def test_fact_is_answered_with_citation(engine: Engine):
    ans = engine.ask("Tỷ lệ hồ sơ trực tuyến toàn trình năm 2026 của xã Phú Trung là bao nhiêu?")
    assert not ans.refused
    assert "25%" in ans.answer
    assert ans.citations and ans.citations[0].commune == "Phú Trung"
    assert "Nguồn:" in ans.answer and len(ans.answer) <= 1500


def test_question_without_diacritics_finds_the_same_fact(engine: Engine):
    ans = engine.ask("ty le ho so truc tuyen toan trinh nam 2026 xa phu trung")
    assert not ans.refused
    assert "25%" in ans.answer


def test_commune_argument_scopes_the_answer(engine: Engine):
    ans = engine.ask("Ai chủ trì chỉ tiêu sổ sức khỏe điện tử?", commune="giao an")
    assert not ans.refused
    assert {c.commune for c in ans.citations} == {"Giao An"}
    assert "Trạm Y tế" in ans.answer


def test_unknown_commune_is_refused_without_other_communes_numbers(engine: Engine):
    ans = engine.ask("Xã Hòa Bình đặt chỉ tiêu hồ sơ trực tuyến toàn trình năm 2026 là bao nhiêu?")
    assert ans.refused
    assert "Hòa Bình" in ans.answer
    assert "%" not in ans.answer and not ans.citations


def test_unknown_commune_argument_is_refused(engine: Engine):
    ans = engine.ask("Tỷ lệ hồ sơ trực tuyến?", commune="Bến Thành")
    assert ans.refused and "Bến Thành" in ans.answer


@pytest.mark.parametrize(
    "question",
    [
        "Thời tiết Hà Nội hôm nay thế nào?",
        "Chỉ tiêu năm 2040 của xã Phú Trung là gì?",
        "Lương của Chủ tịch xã bao nhiêu?",
    ],
)
def test_unsupported_questions_are_refused_kindly(engine: Engine, question: str):
    ans = engine.ask(question)
    assert ans.refused
    assert "UBND xã" in ans.answer or "Tổ công nghệ số" in ans.answer


def test_comparison_answers_both_communes(engine: Engine):
    ans = engine.ask(
        "So sánh chỉ tiêu doanh nghiệp sử dụng hợp đồng điện tử giữa Phú Trung và Giao An"
    )
    assert not ans.refused
    assert {"Phú Trung", "Giao An"} <= {c.commune for c in ans.citations}


def test_self_contradicting_plan_gives_both_values(engine: Engine):
    ans = engine.ask(
        "Giao An đặt chỉ tiêu hộ gia đình có đường truyền Internet băng rộng bao nhiêu?"
    )
    assert not ans.refused
    assert "35%" in ans.answer and "30%" in ans.answer


def test_howto_answer_lists_steps_and_names_the_guide(engine: Engine):
    ans = engine.ask("lam sao kich hoat tai khoan dinh danh dien tu muc 2")
    assert not ans.refused
    assert "1." in ans.answer and "2." in ans.answer
    assert "Cập nhật lần cuối" in ans.answer
    assert ans.citations[0].doc_id.startswith("guide-")


def test_howto_outside_the_guides_points_to_the_portal(engine: Engine):
    ans = engine.ask("Làm sao đăng ký kết hôn trực tuyến?")
    assert ans.refused
    assert "dichvucong.gov.vn" in ans.answer


QUESTIONS = [
    "Dân Tiến đã kích hoạt bao nhiêu tài khoản định danh mức độ 2?",
    "Tổng kinh phí chuyển đổi số năm 2026 của Giao An là bao nhiêu?",
    "Nghị quyết 57-NQ/TW ban hành ngày nào?",
    "Đại Đồng đặt mục tiêu bao nhiêu phần trăm người dân có tài khoản ngân hàng?",
    "Tiên Minh giao ai số hóa hồ sơ?",
    "Phòng Kinh tế xã Phú Trung chủ trì những chỉ tiêu nào?",
]


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_number_in_an_answer_comes_from_a_cited_passage(engine: Engine, question: str):
    ans = engine.ask(question)
    assert len(ans.answer) <= 1500
    if ans.refused:
        assert not _numbers(ans.answer)
        return
    quoted = " ".join(c.quote for c in ans.citations)
    body = ans.answer.split("\nNguồn:")[0]
    # "75%" may show a value "75" with the unit of its table's unit column ("Đơn vị tính: %").
    unit_pct = re.search(r"(?<![0-9%\s])\s*%", quoted) is not None
    missing = {
        n
        for n in _numbers(body)
        if n not in quoted and not (n.endswith("%") and unit_pct and n[:-1] in quoted)
    }
    assert not missing, f"numbers not in cited passages: {missing}"


@pytest.mark.parametrize("bad", ["", "   ", "x" * 1001, "abc\x00def", None, 42])
def test_bad_questions_raise_a_vietnamese_error(engine: Engine, bad):
    with pytest.raises(QuestionError) as err:
        engine.ask(bad)  # type: ignore[arg-type]
    assert any(ch in str(err.value) for ch in "ăâđêôơưáàạảã")


def test_langchain_retriever_returns_documents_with_metadata(engine: Engine):
    retriever = LangchainRetriever(hybrid=engine.retriever, k=3, commune="Phú Trung")
    docs = retriever.invoke("tỷ lệ hồ sơ trực tuyến toàn trình")
    assert 0 < len(docs) <= 3
    for doc in docs:
        assert doc.metadata["commune"] == "Phú Trung"
        assert {"doc_id", "title", "province", "section", "start", "end"} <= set(doc.metadata)


def test_querying_with_a_different_embedder_is_refused(ingested_dir):
    with pytest.raises(IndexError_) as err:
        Engine(Settings(data_dir=ingested_dir), embedder=FakeEmbedder(dim=128))
    assert "troly ingest" in str(err.value)


def test_missing_index_says_to_ingest(tmp_path):
    with pytest.raises(IndexError_) as err:
        Engine(Settings(data_dir=tmp_path / "empty"), embedder=FakeEmbedder())
    assert "troly ingest" in str(err.value)


def test_outline_question_lists_the_sections_it_names(engine: Engine):
    ans = engine.ask("Kế hoạch của xã Tiên Minh giao những đơn vị nào tổ chức thực hiện?")
    assert not ans.refused
    assert (
        "Ban Chỉ huy Quân sự xã" in ans.answer
        and "Đội Quản lý điện khu vực Tiên Minh" in ans.answer
    )
    assert ans.citations[0].section == "III. TỔ CHỨC THỰC HIỆN"


def test_chat_shorthand_and_glued_numbers_are_understood(engine: Engine):
    ans = engine.ask(
        "xa phu trung ty le ho so truc tuyen toan trinh nam2026 la bn %, ai chu tri vay"
    )
    assert not ans.refused
    assert "25%" in ans.answer


def test_diacritics_are_restored_from_the_corpus_vocabulary():
    from rag.diacritics import DiacriticRestorer

    restorer = DiacriticRestorer(
        ["95% dân số trưởng thành có điện thoại thông minh", "điện thoại di động"]
    )
    assert restorer.restore("dan so truong thanh co dien thoai thong minh") == (
        "dân số trưởng thành có điện thoại thông minh"
    )
    assert restorer.restore("bao nhieu") == "bao nhiêu"
    assert restorer.restore("đã có dấu") == "đã có dấu"  # typed with diacritics: untouched
