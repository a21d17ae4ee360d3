"""A commune located by its province ("A, tỉnh B"), and plan tables keyed by commune_id.

The province named right after a commune says where the commune is: the question is neither
about the province's own targets (a scope refusal) nor about the province's name (a topic
word the answer must contain). Table records are stored per commune_id, so a commune name that
several provinces share still gets table answers, each from its own province's plan; a store
written before the ids existed gets them without losing a row.
"""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from rag.communes import commune_id
from rag.engine import Engine
from rag.ingest import Ingestor
from rag.settings import Settings
from rag.tables.answer import TableAnswerer
from rag.tables.store import PLAN_TABLES, needs_migration
from tests.test_scale_bench import _bench_module

pytestmark = pytest.mark.slow

SHARED = "Krông Hơ"
BUDGET_Q = "Tổng dự toán kinh phí chuyển đổi số năm 2026 của xã {} là bao nhiêu?"


@pytest.fixture(scope="module")
def located(tmp_path_factory: pytest.TempPathFactory, fake_embedder) -> Engine:
    """Bundled plans renamed: three unique communes, and one name in two provinces (the Gia
    Lai one has a budget table, the Sơn La one another plan)."""
    bench = _bench_module()
    templates = bench.load_templates()
    by_commune = {t.commune: i for i, t in enumerate(templates)}
    communes = [
        bench.Commune("Minh Hạ", "tỉnh Thái Nguyên", "Thái Nguyên", by_commune["Dân Tiến"], "l-0"),
        bench.Commune("Thuận Điền", "tỉnh Đồng Tháp", "Đồng Tháp", by_commune["Phú Trung"], "l-1"),
        bench.Commune("Xuân Đào", "tỉnh Điện Biên", "Điện Biên", by_commune["Giao An"], "l-2"),
        bench.Commune(SHARED, "tỉnh Gia Lai", "Gia Lai", by_commune["Giao An"], "s-0"),
        bench.Commune(SHARED, "tỉnh Sơn La", "Sơn La", by_commune["Dân Tiến"], "s-1"),
    ]
    root = tmp_path_factory.mktemp("located")
    bench.write_corpus(root / "corpus", communes, templates)
    settings = Settings(data_dir=root / "data", corpus_dir=root / "corpus")
    Ingestor(settings, embedder=fake_embedder).run(progress=False)
    return Engine(settings, embedder=fake_embedder)


def _places(answer) -> set[tuple[str, str]]:
    return {(c.commune, c.province) for c in answer.citations}


@pytest.mark.parametrize(
    ("question", "commune", "fact"),
    [
        (
            "Xuân Đào, tỉnh Điện Biên đặt chỉ tiêu bao nhiêu % cơ sở ăn uống, bán lẻ triển khai "
            "hóa đơn điện tử khởi tạo từ máy tính tiền?",
            ("Xuân Đào", "tỉnh Điện Biên"),
            "50%",
        ),
        (
            "Thuận Điền, tỉnh Đồng Tháp đặt mục tiêu tỷ lệ phủ sóng 5G trên dân số năm 2026 là "
            "bao nhiêu %?",
            ("Thuận Điền", "tỉnh Đồng Tháp"),
            "60%",
        ),
        (
            "xã Minh Hạ, tỉnh Thái Nguyên còn bao nhiêu xóm bị lõm sóng, không có sóng 4G vậy?",
            ("Minh Hạ", "tỉnh Thái Nguyên"),
            "08/36",
        ),
        (
            "xa minh ha thuoc tinh thai nguyen con bao nhieu xom bi lom song, khong co song 4G?",
            ("Minh Hạ", "tỉnh Thái Nguyên"),
            "08/36",
        ),
    ],
)
def test_a_province_after_the_commune_locates_it(located: Engine, question, commune, fact):
    answer = located.ask(question)
    assert not answer.refused, (answer.reason, answer.answer)
    assert _places(answer) == {commune}
    assert fact in answer.answer


def test_the_targets_of_a_province_are_still_out_of_scope(located: Engine):
    answer = located.ask("Chỉ tiêu của tỉnh Điện Biên về hóa đơn điện tử năm 2026 là bao nhiêu?")
    assert answer.refused and answer.reason == "scope"


def test_a_shared_name_gets_table_answers_from_the_province_asked(located: Engine):
    unique = located.ask(BUDGET_Q.format("Xuân Đào"))
    assert unique.answer.startswith("Tổng dự toán kinh phí trong kế hoạch của xã Xuân Đào là 844")
    gia_lai = located.ask(BUDGET_Q.format(f"{SHARED}, tỉnh Gia Lai"))
    # The same table answer as for a unique name, from the Gia Lai plan only.
    assert gia_lai.answer.startswith(f"Tổng dự toán kinh phí trong kế hoạch của xã {SHARED} là 844")
    assert _places(gia_lai) == {(SHARED, "tỉnh Gia Lai")}
    son_la = located.ask(BUDGET_Q.format(f"{SHARED}, tỉnh Sơn La"))
    assert "844" not in son_la.answer  # the Gia Lai plan's total is not Sơn La's
    assert (SHARED, "tỉnh Gia Lai") not in _places(son_la)


def _drop_ids(path: Path) -> dict[str, int]:
    """Turn a store into one written before commune ids; its row counts per table."""
    with closing(sqlite3.connect(path)) as con:
        con.execute("DROP INDEX IF EXISTS records_commune_id")
        for table in PLAN_TABLES:
            con.execute(f"ALTER TABLE {table} DROP COLUMN commune_id")
        con.commit()
        return {t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in PLAN_TABLES}


def test_an_older_store_gets_commune_ids_and_keeps_every_row(located: Engine, tmp_path: Path):
    old = tmp_path / "tables.sqlite"
    shutil.copyfile(Path(located.settings.data_dir) / "tables.sqlite", old)
    counts = _drop_ids(old)
    assert needs_migration(old) and counts["records"] > 0
    tables = TableAnswerer(old)
    question = BUDGET_Q.format(f"{SHARED}, tỉnh Gia Lai")
    found = tables.answer(question, [SHARED], commune_id=commune_id(SHARED, "tỉnh Gia Lai"))
    assert found is not None and "844" in found.text
    assert {c.province for c in found.citations} == {"tỉnh Gia Lai"}
    assert not needs_migration(old)
    with closing(sqlite3.connect(old)) as con:
        after = {t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in PLAN_TABLES}
        missing = con.execute("SELECT COUNT(*) FROM records WHERE commune_id IS NULL").fetchone()
    assert after == counts and missing[0] == 0
    other = tables.answer(question, [SHARED], commune_id=commune_id(SHARED, "tỉnh Sơn La"))
    assert other is None or "844" not in other.text
