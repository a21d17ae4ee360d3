"""`troly ingest` of a new plan with no flags: its own text gives commune, province, number,
date and signer; `troly ask` answers them; a plan without a commune is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.cli import main as troly
from rag.index import ChromaIndex
from rag.settings import Settings
from tests.fakes import FakeEmbedder

# Layout unlike the bundled plans: province line above the commune, number and motto after,
# upper-case title, signature block with "(Đã ký)" and blank lines before the name.
NEW_PLAN = """TỈNH QUẢNG TRỊ
ỦY BAN NHÂN DÂN XÃ TÂN LẬP
-------
Số: 132/KH-UBND

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Tân Lập, ngày 08 tháng 9 năm 2025

KẾ HOẠCH
PHÁT TRIỂN CHÍNH QUYỀN SỐ XÃ TÂN LẬP NĂM 2026

Thực hiện Kế hoạch số 88/KH-UBND ngày 20/8/2025 của UBND tỉnh Quảng Trị.

I. MỤC TIÊU

1. Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến toàn trình đạt 85% trong năm 2026.

2. Phòng Văn hóa - Xã hội chủ trì mở 6 lớp bình dân học vụ số cho người dân các thôn.

Nơi nhận:
- UBND tỉnh Quảng Trị;
- Lưu: VT.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

(Đã ký)


Hồ Thị Mai
"""

NO_COMMUNE = """KẾ HOẠCH
Phát triển kinh tế số năm 2026

I. MỤC TIÊU
Tỷ lệ hộ kinh doanh dùng thanh toán không dùng tiền mặt đạt 70%.
"""


@pytest.fixture
def fake_models(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("rag.ingest.make_embedder", lambda _model: FakeEmbedder())
    monkeypatch.setattr("rag.engine.make_embedder", lambda _model: FakeEmbedder())


def _stored(data: Path) -> dict[str, dict]:
    chunks, _ = ChromaIndex.from_settings(Settings(data_dir=data)).load_all()
    return {c.meta["doc_id"]: c.meta for c in chunks}


def test_new_plan_without_flags_gets_its_facts_and_answers_them(
    tmp_path: Path, capsys, fake_models
) -> None:
    plan = tmp_path / "kh-cds.txt"
    plan.write_text(NEW_PLAN, encoding="utf-8")
    assert troly(["ingest", str(plan), "--quiet"]) == 0
    out = capsys.readouterr().out
    said = next(line for line in out.splitlines() if "kh-cds.txt" in line)
    assert "xã Tân Lập, tỉnh Quảng Trị, số 132/KH-UBND, ngày 8 tháng 9 năm 2025" in said
    assert "Hồ Thị Mai" in said

    meta = next(iter(_stored(Settings().data_dir).values()))
    assert meta["commune"] == "Tân Lập"
    assert meta["province"] == "tỉnh Quảng Trị"
    assert meta["number"] == "132/KH-UBND"
    assert meta["date"].startswith("ngày 8 tháng 9 năm 2025")
    assert meta["signer"] == "KT. Chủ tịch, Phó Chủ tịch Hồ Thị Mai"
    assert meta["title"] == "Kế hoạch phát triển chính quyền số xã Tân Lập năm 2026"

    assert troly(["ask", "Kế hoạch của xã Tân Lập số mấy, ban hành ngày nào, ai ký?"]) == 0
    answer = capsys.readouterr().out
    direct = answer.split("\n")[0]
    for value in ("132/KH-UBND", "8 tháng 9 năm 2025", "Hồ Thị Mai"):
        assert value in direct
    quotes = [ln for ln in answer.splitlines() if ln.startswith("•")]
    assert any(all(v in q for v in ("132/KH-UBND", "Hồ Thị Mai")) for q in quotes)

    assert troly(["ask", "xa Tan Lap thuoc tinh nao?"]) == 0
    assert "tỉnh Quảng Trị" in capsys.readouterr().out.split("\n")[0]


def test_flags_and_sidecar_override_what_the_text_says(tmp_path: Path, capsys, fake_models) -> None:
    plan = tmp_path / "kh.txt"
    plan.write_text(NEW_PLAN, encoding="utf-8")
    (tmp_path / "kh.yaml").write_text("signer: Chủ tịch Lê Văn Khác\n", encoding="utf-8")
    assert troly(["ingest", str(plan), "--province", "tỉnh Khác", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "thay bằng siêu dữ liệu đã cho: tỉnh, người ký" in out
    meta = next(iter(_stored(Settings().data_dir).values()))
    assert meta["province"] == "tỉnh Khác"
    assert meta["signer"] == "Chủ tịch Lê Văn Khác"
    assert meta["commune"] == "Tân Lập" and meta["number"] == "132/KH-UBND"


def test_plan_without_commune_is_refused_and_the_index_is_unchanged(
    tmp_path: Path, capsys, fake_models
) -> None:
    good = tmp_path / "first" / "kh.txt"
    good.parent.mkdir()
    good.write_text(NEW_PLAN, encoding="utf-8")
    assert troly(["ingest", str(good), "--quiet"]) == 0
    data = Settings().data_dir
    before = _stored(data)
    capsys.readouterr()

    bad = tmp_path / "kh-khong-ro-xa.txt"
    bad.write_text(NO_COMMUNE, encoding="utf-8")
    assert troly(["ingest", str(bad), "--quiet"]) == 1
    out = capsys.readouterr().out
    assert "kh-khong-ro-xa.txt: không tìm thấy tên xã" in out
    assert "--commune" in out
    assert _stored(data) == before

    # Given the commune, the same file goes in.
    assert troly(["ingest", str(bad), "--commune", "Bình An", "--quiet"]) == 0
    assert {m["commune"] for m in _stored(data).values()} == {"Tân Lập", "Bình An"}


def test_in_a_folder_the_plan_without_commune_fails_alone(
    tmp_path: Path, capsys, fake_models
) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(NEW_PLAN, encoding="utf-8")
    (folder / "b.txt").write_text(NO_COMMUNE, encoding="utf-8")
    (folder / "huong-dan.md").write_text(
        "---\ndoc_type: guide\ntitle: Hướng dẫn cài VNeID\n---\n## Bước 1\nTải ứng dụng.\n",
        encoding="utf-8",
    )
    assert troly(["ingest", str(folder), "--quiet"]) == 1
    out = capsys.readouterr().out
    assert "b.txt: không tìm thấy tên xã" in out
    assert "Thêm mới / added: 2" in out  # the plan with a commune and the guide
    assert {m.get("doc_type") for m in _stored(Settings().data_dir).values()} == {"plan", "guide"}
