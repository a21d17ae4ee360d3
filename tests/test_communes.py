"""Commune identity = commune + province: stable ids, paged listing, "which province?" answers."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from rag.communes import CommuneDirectory, CommuneRef, commune_id
from rag.engine import Engine
from rag.ingest import Ingestor
from rag.settings import Settings
from tests.test_scale_bench import _bench_module

SHARED = "Krông Hơ"


def test_commune_id_is_a_stable_slug_of_commune_and_province():
    assert commune_id("Tân Phú", "tỉnh Đồng Nai") == "tan-phu-tinh-dong-nai"
    assert commune_id("Tân Phú", "tỉnh Đồng Nai") != commune_id("Tân Phú", "tỉnh Gia Lai")


def test_directory_pages_and_filters():
    refs = [CommuneRef(commune_id(f"Xã {i:03d}", p), f"Xã {i:03d}", p) for i in range(300)
            for p in (["tỉnh Gia Lai"] if i % 3 else ["tỉnh Sơn La"])]  # fmt: skip
    directory = CommuneDirectory(refs)
    total, page = directory.page(limit=10, offset=20)
    assert total == 300 and [r.name for r in page] == [f"Xã {i:03d}" for i in range(20, 30)]
    total, page = directory.page(province="son la", limit=5)
    assert total == 100 and all(r.province == "tỉnh Sơn La" for r in page) and len(page) == 5
    total, page = directory.page(q="xa 01")  # "xã" is dropped: 001, 010-019, 101, 201
    assert total == 13
    assert not directory.has_shared_names


@pytest.fixture(scope="module")
def shared_engine(tmp_path_factory: pytest.TempPathFactory, fake_embedder) -> Engine:
    """Three plans: two communes named alike in two provinces, one unique name."""
    bench = _bench_module()
    templates = bench.load_templates()
    communes = [
        bench.Commune(SHARED, "tỉnh Gia Lai", "Gia Lai", 0, "shared-0"),
        bench.Commune(SHARED, "tỉnh Sơn La", "Sơn La", 1, "shared-1"),
        bench.Commune("Ea Tiêu Mới", "tỉnh Đắk Lắk", "Đắk Lắk", 2, "unique-2"),
    ]
    root = tmp_path_factory.mktemp("shared")
    bench.write_corpus(root / "corpus", communes, templates)
    settings = Settings(data_dir=root / "data", corpus_dir=root / "corpus")
    Ingestor(settings, embedder=fake_embedder).run(progress=False)
    return Engine(settings, embedder=fake_embedder)


def test_a_shared_name_gets_a_which_province_answer(shared_engine: Engine):
    answer = shared_engine.ask(f"Kế hoạch chuyển đổi số của xã {SHARED} có những chỉ tiêu gì?")
    assert answer.reason == "which_province" and "tỉnh nào" in answer.answer
    assert "Gia Lai" in answer.answer and "Sơn La" in answer.answer
    # Naming the province, or a unique commune, gets an answer, not the question back.
    named = shared_engine.ask(f"Kế hoạch chuyển đổi số của xã {SHARED} tỉnh Sơn La có chỉ tiêu gì?")
    assert named.reason != "which_province"
    unique = shared_engine.ask("Kế hoạch chuyển đổi số của xã Ea Tiêu Mới có chỉ tiêu gì?")
    assert unique.reason != "which_province"


def test_api_accepts_commune_id_and_pages_communes(shared_engine: Engine, tmp_path: Path):
    app = create_app(Settings(data_dir=tmp_path / "unused"), engine=shared_engine)
    client = TestClient(app)
    body = client.get("/v1/communes", params={"limit": 2}).json()
    assert body["total"] == 3 and len(body["communes"]) == 2 and body["limit"] == 2
    body = client.get("/v1/communes", params={"q": "krong ho", "province": "Sơn La"}).json()
    assert body["total"] == 1
    ref = body["communes"][0]
    assert ref["commune_id"] == commune_id(SHARED, "tỉnh Sơn La") and ref["documents"]
    question = "Kế hoạch chuyển đổi số có những chỉ tiêu gì?"
    resp = client.post("/v1/ask", json={"question": question, "commune": SHARED})
    assert resp.status_code == 200 and "tỉnh nào" in resp.json()["answer"]
    resp = client.post("/v1/ask", json={"question": question, "commune_id": ref["commune_id"]})
    assert resp.status_code == 200 and "tỉnh nào" not in resp.json()["answer"]
    resp = client.post("/v1/ask", json={"question": question, "commune_id": "khong-co-xa-nay"})
    assert resp.status_code == 422 and "mã" in resp.json()["error"]["message"]
    assert client.get("/v1/communes", params={"limit": 0}).status_code == 422


def test_shared_names_are_found_typed_without_diacritics():
    refs = [
        CommuneRef(commune_id("Tân Phú", p), "Tân Phú", p) for p in ("tỉnh Gia Lai", "tỉnh Sơn La")
    ] + [CommuneRef(commune_id("Phú Mỹ", "tỉnh Gia Lai"), "Phú Mỹ", "tỉnh Gia Lai")]
    directory = CommuneDirectory(refs)
    assert directory.has_shared_names
    assert directory.shared_names_in("ke hoach xa tan phu nam 2026?") == ["Tân Phú"]
    assert directory.shared_names_in("Kế hoạch xã Phú Mỹ") == []
    assert directory.shared_names_in("tân phúc") == []
    assert len(directory.ambiguous("xã Tân Phú", "kế hoạch xã Tân Phú")) == 2
    assert directory.ambiguous("Tân Phú", "kế hoạch xã Tân Phú, Gia Lai") == []
    assert directory.ambiguous("Tân Phú", "xã Tân Phú tỉnh Sơn La?") == []
    # A document without a province does not make a second commune of the same name.
    lone = CommuneDirectory([refs[2], CommuneRef(commune_id("Phú Mỹ", ""), "Phú Mỹ", "")])
    assert not lone.has_shared_names and lone.ambiguous("Phú Mỹ", "xã Phú Mỹ") == []


def test_retrieval_stays_in_the_commune_of_the_province_asked(shared_engine: Engine):
    """Two communes share a name: naming the province, or passing the commune_id, cites only
    the plan of that province's commune."""
    for province in ("Sơn La", "Gia Lai"):
        answer = shared_engine.ask(
            f"Mục tiêu chuyển đổi số đến năm 2030 của xã {SHARED} tỉnh {province} là gì?"
        )
        assert answer.citations
        assert {c.province for c in answer.citations} == {f"tỉnh {province}"}
        ref = next(r for r in shared_engine.directory.named(SHARED) if province in r.province)
        by_id = shared_engine.ask(
            "Mục tiêu chuyển đổi số đến năm 2030 là gì?", commune_id=ref.commune_id
        )
        assert by_id.citations
        assert {c.province for c in by_id.citations} == {f"tỉnh {province}"}
