"""Plan tables as data: parsed from the bundled seeds, queried via store, API, CLI, answerer."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from rag.cli import main as cli_main
from rag.settings import Settings
from rag.tables.answer import TableAnswerer
from rag.tables.build import PlanSource, build_store, rebuild_from_index
from rag.tables.store import TableStore


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory, engine) -> Path:
    data = tmp_path_factory.mktemp("tables")
    report = rebuild_from_index(Settings(data_dir=data), out=None, chunks=engine.chunks)
    assert len(report.documents) == 5
    return data


@pytest.fixture(scope="module")
def store(store_dir: Path) -> TableStore:
    return TableStore(store_dir / "tables.sqlite")


def test_phu_trung_23_indicators_all_with_lead(store: TableStore) -> None:
    recs = store.records("Phú Trung", kinds=("indicator",))
    assert len(recs) == 23
    assert all(r["leads"] for r in recs)
    kinh_te = store.records("Phú Trung", lead="P. Kinh tế")
    assert [r["row_no"] for r in kinh_te] == ["4.7", "5.1", "5.2"]
    assert store.records("Phú Trung", lead="phòng KT") == kinh_te


def test_toan_trinh_targets_by_year(store: TableStore) -> None:
    recs = store.records("Phú Trung", q="ho so truc tuyen toan trinh", kinds=("indicator",))
    (rec,) = [r for r in recs if r["indicator"] == "Tỷ lệ hồ sơ trực tuyến toàn trình"]
    assert rec["targets"] == {"2026": "25%", "2030": "90%"}
    assert rec["lead"] == "Trung tâm Hành chính công xã"
    assert "Trung tâm Phục vụ HCC tỉnh" in rec["partners_raw"]  # original text kept


def test_wrapped_row_is_joined(store: TableStore) -> None:
    recs = store.records("Phú Trung", q="pho cap ky nang so", kinds=("indicator",))
    (rec,) = [r for r in recs if r["row_no"] == "2.4"]
    assert rec["lead"] == "Công an xã"
    assert "có sử dụng điện thoại thông minh" in rec["targets"]["2026"]
    assert (rec["line_start"], rec["line_end"]) == (176, 178)


def test_giao_an_appendix_indicators_carry_lead(store: TableStore) -> None:
    recs = [r for r in store.records("Giao An", kinds=("indicator",))]
    assert len(recs) >= 25 and all(r["leads"] for r in recs)
    ocop = [r for r in recs if "OCOP" in r["indicator"]]
    assert ocop and ocop[0]["lead"] == "Phòng Kinh tế"
    assert any("80% người dân và doanh nghiệp" in r["indicator"] for r in recs)  # wrapped <ul>


def test_budget_adds_up_to_844(store: TableStore) -> None:
    (check,) = store.budget_checks("Giao An")
    assert check["stated_total"] == 844 and check["computed_total"] == 844
    assert check["difference"] == 0 and check["rows"] == 10
    kiosk = store.records("Giao An", q="KIOSK")
    assert kiosk[0]["budget"] == 300 and kiosk[0]["budget_unit"] == "triệu đồng"


def test_budget_difference_is_reported(tmp_path: Path) -> None:
    text = (
        "Phụ lục 2: Dự toán kinh phí\n\nSTT\tNhiệm vụ\tĐơn vị chủ trì thực hiện\t"
        "Kinh phí dự kiến (ĐVT: triệu đồng)\n1.1\tViệc A\tPhòng Kinh tế\t40\n"
        "1.2\tViệc B\tP. Kinh tế\t10\n\t<b>Tổng</b>\t\t<b>60</b>\n"
    )
    report = build_store(
        [PlanSource("x", "Kế hoạch năm 2026", "Thử", "", text)], tmp_path / "t.sqlite"
    )
    (check,) = report.budget_checks
    assert check["difference"] == -10
    assert "CHÊNH LỆCH" in report.summary()


def test_legal_registry_57(store: TableStore) -> None:
    (doc,) = [d for d in store.legal_bases("57-NQ/TW") if d["number"] == "57-NQ/TW"]
    assert doc["date"] == "22/12/2024"
    assert doc["issuer"] == "Bộ Chính trị"
    assert doc["type"] == "Nghị quyết"
    assert doc["cited_by_communes"] == sorted(
        ["Dân Tiến", "Phú Trung", "Đại Đồng", "Tiên Minh", "Giao An"]
    )
    assert all({"doc_id", "section", "quote"} <= set(c) for c in doc["citations"])
    numbers = {d["number"] for d in store.legal_bases()}
    assert {"71/NQ-CP", "749/QĐ-TTg", "942/QĐ-TTg", "411/QĐ-TTg", "2244/QĐ-TTg"} <= numbers


def test_conflicts_giao_an(store: TableStore) -> None:
    pairs = {frozenset((c["a"]["value"], c["b"]["value"])) for c in store.conflicts("Giao An")}
    assert frozenset(("trên 30%", "35%")) in pairs
    assert frozenset(("đạt trên 30%", "đạt trên 20%")) in pairs
    assert frozenset(("100%", "80%")) in pairs
    assert store.conflicts("Phú Trung") == []


def test_unparsed_rows_are_counted_not_dropped(store: TableStore) -> None:
    docs = {d["commune"]: d for d in store.documents()}
    assert docs["Đại Đồng"]["unparsed"] == 22
    assert docs["Dân Tiến"]["unparsed"] == 1
    (empty,) = store.unparsed("dan-tien-cds-2026")
    assert empty["line_start"] == 384
    dai_dong = store.records("Đại Đồng", kinds=("task",))
    # 22 rows of the task table + 2 duties the closing section gives under its agency's heading
    assert len(dai_dong) == 24 and all(r["indicator"] for r in dai_dong)


def test_api_targets_and_legal(ingested_dir: Path, engine) -> None:
    client = TestClient(create_app(Settings(data_dir=ingested_dir), engine=engine))
    r = client.get("/v1/targets", params={"commune": "phu trung", "lead": "Phòng Kinh tế"})
    assert r.status_code == 200
    items = r.json()["items"]
    assert len(items) == 3 and {"indicator", "lead", "partners", "targets", "quote"} <= set(
        items[0]
    )
    r = client.get("/v1/targets", params={"commune": "Phú Trung", "year": "2026", "q": "5G"})
    assert r.json()["items"][0]["targets"]["2026"] == "60%"
    r = client.get("/v1/legal-bases", params={"q": "57-NQ/TW"})
    assert any(d["date"] == "22/12/2024" for d in r.json()["items"])
    r = client.get("/v1/targets", params={"commune": "Hà Nội"})
    assert r.status_code == 404 and "Hà Nội" in r.json()["error"]["message"]
    r = client.get("/v1/targets", params={"year": "hai nghìn"})
    assert r.status_code == 422 and r.json()["error"]["message"]
    r = client.get("/v1/legal-bases", params={"q": "x" * 500})
    assert r.status_code == 422


def test_cli_targets_xlsx_and_conflicts(
    store_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys
) -> None:
    from openpyxl import load_workbook

    monkeypatch.setenv("TROLY_DATA_DIR", str(store_dir))
    from rag.settings import get_settings

    get_settings.cache_clear()
    out = tmp_path / "chi_tieu.xlsx"
    assert cli_main(["targets", "--lead", "Công an xã", "--format", "xlsx", "--out", str(out)]) == 0
    wb = load_workbook(out)
    assert "Phú Trung" in wb.sheetnames
    assert wb["Phú Trung"]["D1"].value == "Chỉ tiêu / nhiệm vụ"
    assert cli_main(["conflicts", "--commune", "Giao An"]) == 0
    assert "35%" in capsys.readouterr().out
    assert cli_main(["targets", "--commune", "Atlantis"]) == 2


def test_answerer_lists_and_refuses(store_dir: Path) -> None:
    ans = TableAnswerer(store_dir / "tables.sqlite")
    a = ans.answer("Phòng Kinh tế chủ trì những chỉ tiêu nào?", ["Phú Trung"])
    assert a is not None and "3 chỉ tiêu" in a.text and len(a.citations) == 3
    assert all(c.commune == "Phú Trung" and c.quote for c in a.citations)
    a = ans.answer("tong kinh phi nam 2026 la bao nhieu, chi cho nhung gi", ["Giao An"])
    assert a is not None and "844" in a.text and len(a.text) <= 1200
    a = ans.answer("Có bao nhiêu chỉ tiêu do Công an xã chủ trì", ["Phú Trung"])
    assert a is not None and "2 chỉ tiêu" in a.text
    # Not a table question, unknown subject, or no commune: leave it to the passage engine.
    assert ans.answer("Kế hoạch do ai ký ban hành?", ["Phú Trung"]) is None
    assert ans.answer("Ai chủ trì việc nuôi cá cảnh?", ["Phú Trung"]) is None
    assert ans.answer("Phòng Kinh tế chủ trì những chỉ tiêu nào?", []) is None
