"""Legal bases of a plan: extraction at ingest, reference normalising, the answer strategy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rag.engine import Engine
from rag.ingest import Ingestor
from rag.pipeline.legal_basis import (
    LegalBasisStrategy,
    basis_matches,
    read_question,
    reference_key,
)
from rag.pipeline.types import LEGAL_BASIS
from rag.settings import Settings
from rag.tables.bases import extract_bases, rank_key
from tests.pipeline.fakes import analysis

# A plan in a layout none of the bundled plans uses: a "CĂN CỨ PHÁP LÝ" heading over a
# numbered list, and a body paragraph opening with "Thực hiện" that is not a basis.
NEW_LAYOUT = """ỦY BAN NHÂN DÂN XÃ HÒA LẠC TÂY

Số: 33/KH-UBND

KẾ HOẠCH
Ứng dụng công nghệ số trong quản lý xã năm 2026

CĂN CỨ PHÁP LÝ

1. Quyết định số 505/QĐ-UBND ngày 03/3/2026 của UBND tỉnh Kon Tum về kế hoạch chuyển
đổi số tỉnh năm 2026;
2. Nghị định số 42/2022/NĐ-CP ngày 24/6/2022 của Chính phủ quy định về việc cung cấp thông tin
và dịch vụ công trực tuyến;
3. Luật Chuyển đổi số số 71/2025/QH15 ngày 14/6/2025 của Quốc hội;
4. Nghị quyết số 12-NQ/ĐU ngày 05/01/2026 của Đảng ủy xã Hòa Lạc Tây về chuyển đổi số.

I. MỤC ĐÍCH, YÊU CẦU

Thực hiện Nghị quyết số 99/NQ-CP ngày 01/02/2026 của Chính phủ, các thôn rà soát hạ tầng.

Năm 2026, 85% hồ sơ thủ tục hành chính được xử lý trực tuyến.
"""


# ---------------------------------------------------------------- the normaliser
@pytest.mark.parametrize(
    "written", ["Nghị quyết số 57-NQ/TW", "57/NQ-TW", "NQ 57-NQ/TW ngày 22/12/2024", "57-NQ/ TW"]
)
def test_full_references_share_one_key(written: str) -> None:
    key, short = reference_key(written)
    assert short is None
    assert key == reference_key("57-NQ/TW")[0]
    assert key != reference_key("57/NQ-CP")[0]


@pytest.mark.parametrize("written", ["NQ57", "NQ 57", "Nghị quyết 57", "nghi quyet so 57"])
def test_short_references_name_type_and_number(written: str) -> None:
    assert reference_key(written) == ("", ("Nghị quyết", 57))


def test_short_and_full_references_match_the_same_stored_basis() -> None:
    stored = {"key": "57||NQTW", "number": "57-NQ/TW", "type": "Nghị quyết"}
    other = {"key": "57||NQCP", "number": "57/NQ-CP", "type": "Quyết định"}
    for text in ("NQ57", "Nghị quyết số 57-NQ/TW", "57/NQ-TW"):
        key, short = reference_key(text)
        assert basis_matches(stored, key, short)
    assert not basis_matches(other, *reference_key("NQ57"))


# ---------------------------------------------------------------- extraction
def test_numbered_bases_under_a_heading_are_read_and_the_body_is_not() -> None:
    bases = extract_bases(NEW_LAYOUT)
    numbers = [b.number for b in bases]
    assert numbers == ["505/QĐ-UBND", "42/2022/NĐ-CP", "71/2025/QH15", "12-NQ/ĐU"]
    law = bases[2]
    assert (law.type, law.date, law.title) == ("Luật", "14/06/2025", "Luật Chuyển đổi số")
    decree = bases[1]
    assert decree.text.startswith("Nghị định số 42/2022/NĐ-CP ngày 24/6/2022 của Chính phủ")
    assert "dịch vụ công trực tuyến" in decree.text  # a wrapped line reads on
    assert (
        decree.line
        == NEW_LAYOUT.split("\n").index(
            "2. Nghị định số 42/2022/NĐ-CP ngày 24/6/2022 của Chính phủ quy định về việc cung cấp thông tin"
        )
        + 1
    )


def test_rank_puts_laws_and_national_documents_before_provincial_and_commune_ones() -> None:
    ranked = [b.number for b in sorted(extract_bases(NEW_LAYOUT), key=rank_key)]
    assert ranked == ["71/2025/QH15", "42/2022/NĐ-CP", "505/QĐ-UBND", "12-NQ/ĐU"]


def test_opening_paragraph_html_and_markdown_variants() -> None:
    text = (
        "<h2>KẾ HOẠCH</h2>\n<p>Phát triển dữ liệu số năm 2026</p>\n\n"
        "<p>Căn cứ Chỉ thị số 07/CT-TTg ngày 14/3/2025 của Thủ tướng Chính phủ về Đề án 06;</p>\n"
        "Thực hiện Kế hoạch số 318/KH-UBND ngày 20/01/2026 của Ủy ban nhân dân tỉnh về chuyển "
        "đổi số; Kế hoạch số 77-KH/TU ngày 02/02/2026 của Tỉnh ủy về thực hiện Nghị quyết số "
        "57-NQ/TW, Ủy ban nhân dân xã ban hành Kế hoạch như sau:\n\n"
        "## II. Nhiệm vụ\n\n"
        "- Căn cứ vào các chỉ tiêu được giao, các thôn triển khai thực hiện.\n"
        "Thực hiện Quyết định số 11/QĐ-UBND ngày 02/01/2026 về kiểm tra.\n"
    )
    bases = extract_bases(text)
    top = [(b.type, b.number) for b in bases if not b.nested]
    assert top == [
        ("Chỉ thị", "07/CT-TTg"),
        ("Kế hoạch", "318/KH-UBND"),
        ("Kế hoạch", "77-KH/TU"),
    ]
    nested = [b for b in bases if b.nested]
    assert [b.number for b in nested] == ["57-NQ/TW"]
    assert bases[2].title == "về thực hiện Nghị quyết số 57-NQ/TW"  # not "…, Ủy ban nhân dân xã"


# ---------------------------------------------------------------- the strategy with fakes
def _rows(commune: str = "Dân Tiến") -> list[dict]:
    out = []
    for b in extract_bases(NEW_LAYOUT):
        out.append(
            {
                **b.as_dict(),
                "commune": commune,
                "doc_id": f"kh-{commune}",
                "plan_title": "Kế hoạch thử",
                "province": "",
                "section": "CĂN CỨ PHÁP LÝ",
            }
        )
    return out


class FakeBases:
    def __init__(self, rows: list[dict]) -> None:
        self.rows = rows

    def __call__(self, commune: str | None) -> list[dict]:
        return [r for r in self.rows if commune is None or r["commune"] == commune]


def test_list_is_ranked_cited_and_shortened_with_a_count() -> None:
    strategy = LegalBasisStrategy(FakeBases(_rows()), max_chars=1500)
    draft = strategy.run(analysis("Kế hoạch của xã Dân Tiến căn cứ vào những văn bản nào?"))
    assert draft is not None and draft.strategy == LEGAL_BASIS
    body = draft.body
    assert body.index("71/2025/QH15") < body.index("42/2022/NĐ-CP") < body.index("505/QĐ-UBND")
    assert [c.quote.split(" ")[0] for c in draft.citations] == ["Luật", "Nghị", "Quyết", "Nghị"]
    assert all(c.commune == "Dân Tiến" for c in draft.citations)

    short = LegalBasisStrategy(FakeBases(_rows()), max_chars=450)
    cut = short.run(analysis("Cơ sở pháp lý của kế hoạch xã Dân Tiến là gì?"))
    assert cut is not None and "văn bản khác" in cut.body
    assert len(cut.body) <= 450
    assert "71/2025/QH15" in cut.body  # the most important stays


def test_match_by_type_and_title_words() -> None:
    strategy = LegalBasisStrategy(FakeBases(_rows()), max_chars=1500)
    draft = strategy.run(
        analysis("Kế hoạch xã Dân Tiến căn cứ nghị định nào về dịch vụ công trực tuyến?")
    )
    assert draft is not None
    assert "42/2022/NĐ-CP" in draft.body and "505/QĐ-UBND" not in draft.body
    # no basis of the asked type: the strategy steps aside for the passages
    assert strategy.run(analysis("Dân Tiến căn cứ thông tư nào về an toàn thông tin?")) is None


def test_named_document_and_plans_citing_it() -> None:
    rows = _rows("Dân Tiến") + [r for r in _rows("Giao An") if r["number"] != "42/2022/NĐ-CP"]
    strategy = LegalBasisStrategy(FakeBases(rows), max_chars=1500)
    named = strategy.run(analysis("Quyết định 505/QĐ-UBND mà Giao An căn cứ ban hành ngày nào?"))
    assert named is not None and "03/3/2026" in named.body
    which = strategy.run(analysis("Những xã nào căn cứ Nghị định 42/2022/NĐ-CP?"))
    assert which is not None
    assert [c.commune for c in which.citations] == ["Dân Tiến"]
    both = strategy.run(analysis("Kế hoạch nào dẫn Quyết định 505?"))
    assert both is not None and sorted(both.communes) == ["Dân Tiến", "Giao An"]


def test_questions_that_are_not_about_legal_bases() -> None:
    assert read_question("Xã Dân Tiến đạt bao nhiêu tài khoản định danh?", ["Dân Tiến"]) is None
    assert read_question("Kế hoạch của xã Dân Tiến là kế hoạch số mấy?", ["Dân Tiến"]) is None
    one = ["Dân Tiến"]
    assert read_question("Thực hiện Nghị quyết 57, xã Dân Tiến đặt mục tiêu gì?", one) is None
    assert read_question("Xã Dân Tiến thực hiện chương trình nào cho nông dân?", one) is None
    assert read_question("Xã Dân Tiến có những văn bản nào hướng dẫn VNeID?", one) is None
    assert read_question("KH thực hiện NQ 57 của xã Dân Tiến ký ngày nào?", one) is None
    assert read_question("Dân Tiến thành lập Tổ công nghệ theo quyết định số mấy?", one) is None
    assert read_question("Dân Tiến báo cáo việc thực hiện NQ 57 trên hệ thống nào?", one) is None
    named = read_question("Nghị quyết 57-NQ/TW mà xã Dân Tiến triển khai ban hành ngày nào?", one)
    assert named is not None and named.kind == "named"
    asked = read_question("Xã Dân Tiến thực hiện kế hoạch nào của UBND tỉnh?", one)
    assert asked is not None and asked.doc_type == "Kế hoạch"
    with pytest.raises(TypeError):
        LegalBasisStrategy("not callable", 1500)  # type: ignore[arg-type]


# ---------------------------------------------------------------- end to end
def test_engine_lists_bundled_plan_bases_not_its_closing_paragraph(engine: Engine) -> None:
    ans = engine.ask("Kế hoạch của xã Tiên Minh căn cứ vào những văn bản pháp lý nào?")
    assert not ans.refused
    for number in ("57-NQ/TW", "49/KH-UBND", "2920/VP-VX", "193/2025/QH15"):
        assert number in ans.answer
    assert "Trên đây" not in ans.answer
    assert {c.commune for c in ans.citations} == {"Tiên Minh"}
    assert len(ans.answer) <= 1500

    which = engine.ask("nhung xa nao can cu NQ57")
    assert {c.commune for c in which.citations} == {
        "Dân Tiến",
        "Phú Trung",
        "Đại Đồng",
        "Tiên Minh",
        "Giao An",
    }


def test_engine_answers_from_a_plan_in_a_new_layout(
    ingested_dir: Path, fake_embedder, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(ingested_dir, data)
    plan = tmp_path / "plans" / "hoa-lac-tay-kh33-2026.txt"
    plan.parent.mkdir()
    plan.write_text(NEW_LAYOUT, encoding="utf-8")
    Ingestor(Settings(data_dir=data), embedder=fake_embedder).run(
        plan,
        overrides={
            "commune": "Hòa Lạc Tây",
            "province": "tỉnh Kon Tum",
            "doc_type": "plan",
            "title": "Kế hoạch ứng dụng công nghệ số xã Hòa Lạc Tây năm 2026",
        },
        progress=False,
    )
    engine = Engine(Settings(data_dir=data), embedder=fake_embedder)

    listed = engine.ask("Kế hoạch của xã Hòa Lạc Tây căn cứ vào những văn bản nào?")
    assert listed.answer.index("71/2025/QH15") < listed.answer.index("505/QĐ-UBND")
    assert "12-NQ/ĐU" in listed.answer and "99/NQ-CP" not in listed.answer
    assert {c.commune for c in listed.citations} == {"Hòa Lạc Tây"}

    decree = engine.ask("Xã Hòa Lạc Tây căn cứ nghị định nào về dịch vụ công trực tuyến?")
    assert "42/2022/NĐ-CP" in decree.answer and "24/6/2022" in decree.answer

    which = engine.ask("Những xã nào căn cứ Luật số 71/2025/QH15?")
    assert {c.commune for c in which.citations} == {"Hòa Lạc Tây"}

    # named in the body only, not a basis: answered from the plan's own sentence
    body = engine.ask("Nghị quyết 99/NQ-CP mà xã Hòa Lạc Tây dẫn ban hành ngày nào?")
    assert body.answer.startswith("Kế hoạch của xã Hòa Lạc Tây nhắc đến văn bản này")
    assert "01/02/2026" in body.answer and "Chính phủ" in body.answer
    assert {c.commune for c in body.citations} == {"Hòa Lạc Tây"}


def test_a_document_named_outside_the_bases_is_answered_from_the_plans_own_sentence() -> None:
    # "Hòa Lạc Tây" names a party plan only in its body; the registry keeps that sentence.
    sentence = (
        "Các thôn tập trung thực hiện Nghị quyết số 12-NQ/ĐU và Chương trình hành động "
        "số 31-CTr/HU ngày 09/9/2025 của Ban Thường vụ Huyện ủy, bảo đảm đúng lộ trình"
    )
    registry = [
        {
            "number": "31-CTr/HU",
            "type": "Chương trình",
            "citations": [
                {"doc_id": "kh-Dân Tiến", "commune": "Dân Tiến", "section": "II", "quote": sentence}
            ],
        }
    ]
    strategy = LegalBasisStrategy(FakeBases(_rows()), 1500, lambda commune: registry)
    for question in (
        "Chương trình hành động 31-CTr/HU mà Dân Tiến dẫn do ai ban hành, ngày nào?",
        "xa dan tien thuc hien ctr 31-CTr/HU cua co quan nao",
    ):
        draft = strategy.run(analysis(question))
        assert draft is not None, question
        assert "09/9/2025" in draft.body and "Ban Thường vụ Huyện ủy" in draft.body
        assert "12-NQ/ĐU" not in draft.body  # only the named document's words
        assert draft.citations[0].quote == sentence
    # a number no sentence of this plan names is not answered from the registry
    assert strategy.run(analysis("Dân Tiến dẫn kế hoạch 77-KH/TU ban hành ngày nào?")) is None


def test_abbreviations_inside_a_document_number_are_not_spelled_out() -> None:
    from rag.text import expand_abbreviations

    out = expand_abbreviations("kh 12-KH/TU và QĐ 749/QĐ-TTg")
    assert "12-KH/TU" in out and "749/QĐ-TTg" in out
    assert out.startswith("kh (kế hoạch)") and "QĐ (quyết định) 749" in out
