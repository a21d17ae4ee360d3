"""Legal cards (rag.legal_cards): loading, reference normalisation, the legal_card answer
strategy through the engine, and GET /v1/legal-bases/{number}."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from rag.engine import Engine
from rag.ingest import Ingestor
from rag.legal_cards import (
    CardError,
    LegalLibrary,
    Reference,
    key_matches,
    load_card,
    load_cards,
    read_reference,
)
from rag.settings import BUNDLED_CORPUS, Settings

CARDS = BUNDLED_CORPUS / "legal"


# ------------------------------------------------------------------ references
@pytest.mark.parametrize(
    "text",
    [
        "NQ57",
        "nq 57",
        "57/NQ-TW",
        "57-NQ/TW",
        "Nghị quyết số 57-NQ/TW",
        "nghi quyet 57",
        "Nghị quyết 57 là gì?",
        "57-nq/tw",
        "Nghị quyết số 57- NQ/ TW",
    ],
)
def test_every_spelling_of_57_names_the_same_document(text: str) -> None:
    ref = read_reference(text)
    assert ref, text
    assert key_matches(ref, "57-NQ/TW", "Nghị quyết")
    assert not key_matches(ref, "71/NQ-CP", "Nghị quyết")


def test_numbers_typed_without_diacritics_match_the_card() -> None:
    assert key_matches(read_reference("nghi dinh 69/2024/nd-cp"), "69/2024/NĐ-CP", "Nghị định")
    assert key_matches(read_reference("ND 69"), "69/2024/NĐ-CP", "Nghị định")
    assert not key_matches(read_reference("ND 69"), "69/2024/NĐ-CP", "Quyết định")


def test_a_year_is_not_a_document_number() -> None:
    assert not read_reference("Kế hoạch 2026 của xã có gì mới?")
    assert read_reference("Quyết định 2244") == Reference(kind="Quyết định", num=2244)


# ------------------------------------------------------------------ cards
def test_bundled_cards_are_valid_and_reviewed() -> None:
    cards = load_cards(CARDS)
    assert len(cards) >= 15
    for card in cards:
        assert card.source_url.startswith("http"), card.path
        assert card.last_reviewed, card.path
        assert card.section("tom tat")[1], card.path


def _write(tmp_path: Path, front: str, body: str = "## Tóm tắt\nMột đoạn.\n") -> Path:
    path = tmp_path / "the-card.md"
    path.write_text(f"---\n{front}\n---\n{body}", encoding="utf-8")
    return path


GOOD = (CARDS / "nq-57-nq-tw-2024.md").read_text(encoding="utf-8").split("---\n")[1].strip()


@pytest.mark.parametrize(
    ("front", "said"),
    [
        ("title: [unclosed", "YAML"),
        (GOOD.replace("signed: 22/12/2024", "signed: hôm qua"), "signed"),
        ("\n".join(x for x in GOOD.split("\n") if not x.startswith("source_url")), "source_url"),
        (
            re.sub(r"(?m)^source_url: .*$", "source_url: http://blog.example.com", GOOD),
            "source_url",
        ),
    ],
)
def test_a_bad_card_fails_with_its_file_name(tmp_path: Path, front: str, said: str) -> None:
    with pytest.raises(CardError) as err:
        load_card(_write(tmp_path, front))
    assert "the-card.md" in str(err.value)
    assert said in str(err.value)


def test_a_card_without_sections_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CardError, match="the-card.md"):
        load_card(_write(tmp_path, GOOD, "Chỉ một đoạn văn.\n"))


def test_library_links_a_card_to_its_registry_entry_by_number() -> None:
    registry = [
        {"number": "57-NQ/TW", "type": "Nghị quyết", "citations": [{"commune": "B", "line": 3}]},
        {"number": "85/2016/NĐ-CP", "type": "Nghị định", "date": "", "citations": []},
        {"number": "08/KH-UBND", "type": "Kế hoạch", "citations": []},
    ]
    lib = LegalLibrary(load_cards(CARDS), lambda: registry)
    found = lib.resolve("NQ57 đặt mục tiêu gì?")
    assert found.card is not None and found.registry is registry[0]
    assert [c["commune"] for c in lib.citing(found)] == ["B"]
    no_card = lib.resolve("nghi dinh 85/2016/nd-cp")
    assert no_card.card is None and no_card.registry is registry[1]
    assert lib.resolve("Kế hoạch 08/KH-UBND") is None  # a province's plan is not national
    assert lib.resolve("Luat Can cuoc la gi").card.number == "26/2023/QH15"


# ------------------------------------------------------------------ through the engine
def test_cards_are_ingested_as_legal_documents_not_communes(engine: Engine) -> None:
    legal = [c for c in engine.chunks if c.meta.get("doc_type") == "legal"]
    assert legal and all(not c.meta.get("commune") for c in legal)
    assert len(engine.legal.cards) >= 15
    assert "" not in engine.communes


@pytest.mark.parametrize(
    ("question", "facts"),
    [
        ("Nghị quyết 57-NQ/TW đặt mục tiêu gì đến năm 2030?", ["30% GDP", "Cập nhật lần cuối"]),
        ("nghi quyet 57 ban hanh khi nao", ["22/12/2024", "Bộ Chính trị"]),
        ("Đề án 06 là gì?", ["06/01/2022", "Cập nhật lần cuối"]),
    ],
)
def test_a_question_naming_a_document_is_answered_from_its_card(
    engine: Engine, question: str, facts: list[str]
) -> None:
    answer = engine.ask(question)
    assert not answer.refused
    for fact in facts:
        assert fact in answer.answer, answer.answer
    assert answer.citations[0].doc_id.startswith("legal-")


def test_which_plans_cite_a_document_comes_from_the_registry(engine: Engine) -> None:
    answer = engine.ask("Những kế hoạch nào căn cứ Quyết định 749/QĐ-TTg?")
    assert {"Dân Tiến", "Giao An"} <= {c.commune for c in answer.citations}


def test_a_document_without_a_card_gets_the_registry_and_the_portal(engine: Engine) -> None:
    answer = engine.ask("Nghị định 85/2016/NĐ-CP là gì?")
    assert "vbpl.vn" in answer.answer and "Chưa có thẻ" in answer.answer
    assert [c.commune for c in answer.citations if c.commune] == ["Phú Trung"]
    # the date the plan leaves out comes from the reviewed facts file, cited as such
    facts = [c for c in answer.citations if c.doc_id == "legal-registry-facts"]
    assert "01/07/2016" in answer.answer and facts and "01/07/2016" in facts[0].quote


def test_a_bad_card_fails_the_ingest_naming_the_file(tmp_path: Path, fake_embedder) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(BUNDLED_CORPUS, corpus)
    bad = corpus / "legal" / "zz-bad.md"
    bad.write_text(
        "---\ndoc_id: legal-bad\ndoc_type: legal\n---\n## Tóm tắt\nx\n", encoding="utf-8"
    )
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=corpus)
    report = Ingestor(settings, embedder=fake_embedder).run(progress=False)
    assert [name for name, _ in report.failed] == ["zz-bad.md"]
    assert "zz-bad.md" in report.failed[0][1]


# ------------------------------------------------------------------ API
@pytest.fixture(scope="module")
def client(ingested_dir: Path, engine: Engine) -> TestClient:
    return TestClient(create_app(Settings(data_dir=ingested_dir), engine=engine))


@pytest.mark.parametrize("number", ["57-NQ/TW", "57/NQ-TW", "NQ57", "nghi quyet 57"])
def test_api_returns_the_card_and_citing_plans(client: TestClient, number: str) -> None:
    resp = client.get(f"/v1/legal-bases/{number}")
    assert resp.status_code == 200
    data = resp.json()
    assert data["card"]["number"] == "57-NQ/TW"
    assert data["card"]["last_reviewed"]
    assert len(data["citing_plans"]) >= 3


def test_api_document_without_card_has_registry_only(client: TestClient) -> None:
    data = client.get("/v1/legal-bases/85/2016/NĐ-CP").json()
    assert data["card"] is None and data["registry"]["number"] == "85/2016/NĐ-CP"


def test_api_unknown_document_is_a_vietnamese_404(client: TestClient) -> None:
    resp = client.get("/v1/legal-bases/999/QĐ-TTg")
    assert resp.status_code == 404
    assert resp.json()["error"]["code"] == "unknown_legal_basis"
    assert "Không có văn bản" in resp.json()["error"]["message"]


def test_web_page_link_by_card_id_resolves(client: TestClient) -> None:
    data = client.get("/v1/legal-bases/legal-06-qd-ttg").json()
    assert data["card"]["number"] == "06/QĐ-TTg"
    assert "legal-" in (Path(__file__).parent.parent / "api/static/app.js").read_text()


def test_registry_gaps_are_filled_from_the_card_only() -> None:
    from rag.legal_cards import fill_from_cards

    rows = [
        {"number": "20/2023/QH15", "type": "", "issuer": "", "date": "22/06/2023", "title": ""},
        {"number": "85/2016/NĐ-CP", "type": "Nghị định", "issuer": "", "date": "", "title": ""},
    ]
    filled = fill_from_cards(rows, load_cards(CARDS))
    assert filled[0]["type"] == "Luật" and filled[0]["issuer"] == "Quốc hội"
    assert "Giao dịch điện tử" in filled[0]["title"] and filled[0]["card"]
    assert filled[1] == rows[1]  # no card: nothing invented
