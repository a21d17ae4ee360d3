"""Legal questions typed casually (eval/dev_legal2.jsonl): short numbers with a year, a plan's
bases asked by whose document they are, a card asked by topic, and the reviewed facts that
fill the registry where the plans leave a field out."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.legal_cards import (
    CardError,
    LegalLibrary,
    Reference,
    fill_from_facts,
    load_card,
    load_cards,
    load_registry_facts,
    read_reference,
)
from rag.pipeline.legal_basis import read_question, reference_key
from rag.settings import BUNDLED_CORPUS

CARDS = BUNDLED_CORPUS / "legal"


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        ("TT 12/2022 cua bo TTTT la gi", Reference(kind="Thông tư", num=12, year="2022")),
        ("nghi dinh 13/2023 la gi", Reference(kind="Nghị định", num=13, year="2023")),
        ("nd13/2023", Reference(kind="Nghị định", num=13, year="2023")),
        ("ND 13 la gi", Reference(kind="Nghị định", num=13)),
    ],
)
def test_short_numbers_keep_their_year(text: str, ref: Reference) -> None:
    assert read_reference(text) == ref


def test_a_full_number_typed_in_lower_case_is_read_for_a_plan() -> None:
    assert reference_key("thong tu 12/2022/tt-btttt quy dinh gi") == ("12|2022|TTBTTTT", None)
    assert reference_key("Căn cứ NĐ 85/2016 của Chính phủ")[1] == ("Nghị định", 85)


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("xa Tien Minh dua vao van ban nao de lam ke hoach", "list"),
        ("KH cua xa Tien Minh thuc hien theo van ban nao cua thanh pho", "match"),
        ("binh son thuong lam KH theo nghi quyet nao", "match"),
        ("KH nay cua Giao An thuc hien theo QĐ nao cua Thu tuong", "match"),
    ],
)
def test_casual_basis_questions_are_read(question: str, kind: str) -> None:
    commune = next(c for c in ("Tiên Minh", "Bình Sơn Thượng", "Giao An") if _named(c, question))
    asked = read_question(question, [commune], question)
    assert asked is not None and asked.kind == kind


def test_a_task_done_by_a_document_is_not_a_basis_question() -> None:
    # "thực hiện theo" alone, no authority and no "căn cứ": the plan's own work
    assert read_question("Giao An thuc hien theo quyet dinh nao", ["Giao An"]) is None


def _named(commune: str, text: str) -> bool:
    from rag.text import fold

    return fold(commune) in fold(text)


@pytest.fixture(scope="module")
def library() -> LegalLibrary:
    return LegalLibrary(load_cards(CARDS), list)


@pytest.mark.parametrize(
    ("question", "number"),
    [
        ("van ban nao quy dinh ve dinh danh dien tu", "69/2024/NĐ-CP"),
        ("luật nào quy định về bảo vệ dữ liệu cá nhân", "91/2025/QH15"),
        ("luat nao quy dinh ve giao dich dien tu", "20/2023/QH15"),
    ],
)
def test_a_card_is_found_by_its_topic(library: LegalLibrary, question: str, number: str) -> None:
    found = library.resolve_question(question)
    assert found is not None and found.card.number == number


@pytest.mark.parametrize(
    "question",
    [
        "văn bản nào quy định về giá lúa",
        "xã Dân Tiến có bao nhiêu hộ dân",  # not a "which document" question
        "văn bản nào",
    ],
)
def test_no_card_without_a_clear_topic_match(library: LegalLibrary, question: str) -> None:
    assert library.by_topic(question) is None


def test_a_document_no_longer_in_force_answers_only_when_none_in_force_does(
    library: LegalLibrary,
) -> None:
    # Nghị định 13/2023 is out of force: "văn bản nào" gets the law in force instead …
    assert library.by_topic("văn bản nào về bảo vệ dữ liệu cá nhân").card.number == "91/2025/QH15"
    # … but "nghị định nào" has no decree in force on it: the old one, whose card says so
    old = library.by_topic("nghị định nào về bảo vệ dữ liệu cá nhân").card
    assert old.number == "13/2023/NĐ-CP" and old.status.startswith("Hết hiệu lực")


def test_a_card_off_the_portal_needs_a_source_note(tmp_path: Path) -> None:
    text = (CARDS / "qd-749-qd-ttg-2020.md").read_text(encoding="utf-8")
    off = text.replace(
        "source_url: https://vanban.chinhphu.vn/?pageid=27160&docid=200163",
        "source_url: https://sct.dongnai.gov.vn/tin",
    )
    assert off != text
    (tmp_path / "the-card.md").write_text(off, encoding="utf-8")
    with pytest.raises(CardError, match="source_note"):
        load_card(tmp_path / "the-card.md")
    noted = off.replace(
        "source_url: https://sct.dongnai.gov.vn/tin",
        'source_url: https://sct.dongnai.gov.vn/tin\nsource_note: "chưa tìm được trang chính thức"',
    )
    (tmp_path / "the-card.md").write_text(noted, encoding="utf-8")
    card = load_card(tmp_path / "the-card.md")
    assert not card.on_portal and card.source_note


def test_bundled_cards_on_a_portal_or_explained() -> None:
    for card in load_cards(CARDS):
        assert card.on_portal or card.source_note, card.path
        assert card.last_reviewed >= "2026-12-02", card.path


def test_reviewed_facts_fill_only_what_the_plans_left_out(tmp_path: Path) -> None:
    path = tmp_path / "registry_facts.yaml"
    path.write_text(
        "last_reviewed: 2026-12-02\nreviewer: R\ndocuments:\n"
        "  - number: 85/2016/NĐ-CP\n    issuer: Chính phủ\n    date: 01/07/2016\n"
        "    title: về an toàn\n    source_url: https://vbpl.vn/TW/Pages/x.aspx?ItemID=1\n",
        encoding="utf-8",
    )
    facts = load_registry_facts(path)
    rows = [
        {"number": "85/2016/NĐ-CP", "issuer": "Chính phủ", "date": "", "title": ""},
        {"number": "13/2023/NĐ-CP", "issuer": "", "date": "", "title": ""},
    ]
    filled = fill_from_facts(rows, facts)
    assert filled[0]["date"] == "01/07/2016" and filled[0]["title"] == "về an toàn"
    assert set(filled[0]["reviewed"]["fields"]) == {"date", "title"}  # issuer was the plan's
    assert filled[1] is rows[1]
    lib = LegalLibrary([], lambda: rows, facts)
    assert lib.resolve("ND 85/2016 la gi").registry["date"] == "01/07/2016"


def test_a_bad_facts_file_names_the_entry(tmp_path: Path) -> None:
    path = tmp_path / "registry_facts.yaml"
    path.write_text(
        "last_reviewed: 2026-12-02\nreviewer: R\ndocuments:\n"
        "  - number: 85/2016/NĐ-CP\n    date: hôm qua\n    source_url: https://vbpl.vn\n",
        encoding="utf-8",
    )
    with pytest.raises(CardError, match="85/2016"):
        load_registry_facts(path)
    assert load_registry_facts(tmp_path / "none.yaml") == []


def test_bundled_facts_file_loads() -> None:
    facts = load_registry_facts(CARDS / "registry_facts.yaml")
    assert {f.number for f in facts} >= {"85/2016/NĐ-CP", "12/2022/TT-BTTTT"}
