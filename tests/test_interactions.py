"""The interaction log: masking, feedback, retention, concurrency, report."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from rag.interactions import InteractionLog, mask_pii


class Clock:
    def __init__(self, now: float = 1_750_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def _record(log: InteractionLog, answer_id: str, question: str = "Câu hỏi?", **kw) -> None:
    args = {
        "answer_id": answer_id,
        "question": question,
        "commune": None,
        "refused": False,
        "latency_ms": 12.5,
        "doc_ids": ["doc-a"],
        "channel": "api",
    }
    args.update(kw)
    log.record(**args)


def _raw_text(path: Path) -> str:
    """Every stored question and comment, read straight from the file."""
    con = sqlite3.connect(path)
    try:
        rows = con.execute("SELECT question, IFNULL(comment, '') FROM interactions").fetchall()
    finally:
        con.close()
    return "\n".join(q + "\n" + c for q, c in rows)


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Số CCCD của tôi là 001203012345 thì làm sao?", "001203012345"),
        ("CCCD 0012 0301 2345", "0012 0301 2345"),
        ("Gọi tôi 0912345678 nhé", "0912345678"),
        ("sđt +84 912 345 678", "912 345 678"),
        ("số 091.234.5678", "091.234.5678"),
        ("(+84)912345678", "912345678"),
        ("máy bàn 024 3825 1234", "3825 1234"),
        ("email nguyen.van.a@gmail.com ạ", "nguyen.van.a@gmail.com"),
    ],
)
def test_pii_is_masked(text: str, secret: str) -> None:
    masked = mask_pii(text)
    assert secret not in masked
    assert "[" in masked


@pytest.mark.parametrize(
    "text",
    [
        "Kinh phí 1.200.000.000 đồng năm 2025 đạt 80%",
        "Tỷ lệ 95,5% hộ gia đình, chỉ tiêu 2026",
        "Mã hồ sơ 12345",
    ],
)
def test_ordinary_numbers_are_kept(text: str) -> None:
    assert mask_pii(text) == text


def test_pii_never_reaches_the_file(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite"
    log = InteractionLog(path)
    _record(log, "a1", "CCCD 001203012345, điện thoại 0912345678, thư a@b.vn")
    assert log.add_feedback("a1", "down", "gọi lại cho tôi +84 912 345 678 hoặc x.y@z.com")
    log.close()
    raw = _raw_text(path)
    for secret in ("001203012345", "0912345678", "a@b.vn", "912 345 678", "x.y@z.com"):
        assert secret not in raw
    assert "[số CCCD]" in raw and "[số điện thoại]" in raw and "[email]" in raw


def test_feedback_known_and_unknown(tmp_path: Path) -> None:
    log = InteractionLog(tmp_path / "log.sqlite")
    _record(log, "a1")
    assert log.add_feedback("a1", "up") is True
    assert log.add_feedback("nope", "up") is False
    with pytest.raises(ValueError):
        log.add_feedback("a1", "meh")
    assert log.rows()[0]["rating"] == "up"


def test_retention_purges_old_rows(tmp_path: Path) -> None:
    clock = Clock()
    log = InteractionLog(tmp_path / "log.sqlite", retention_days=30, clock=clock)
    _record(log, "old")
    clock.now += 29 * 86400
    _record(log, "kept")
    assert log.purge() == 0
    clock.now += 2 * 86400
    assert log.purge() == 1
    _record(log, "new")
    assert [r["answer_id"] for r in log.rows()] == ["new", "kept"]


def test_reopen_purges_on_start(tmp_path: Path) -> None:
    clock = Clock()
    log = InteractionLog(tmp_path / "log.sqlite", retention_days=2, clock=clock)
    _record(log, "old")
    log.close()
    clock.now += 3 * 86400
    again = InteractionLog(tmp_path / "log.sqlite", retention_days=2, clock=clock)
    assert again.count() == 0


def test_delete_user(tmp_path: Path) -> None:
    log = InteractionLog(tmp_path / "log.sqlite")
    _record(log, "a1", user_key="tg:1")
    _record(log, "a2", user_key="tg:1")
    _record(log, "a3", user_key="tg:2")
    assert log.delete_user("tg:1") == 2
    assert [r["answer_id"] for r in log.rows()] == ["a3"]


def test_bad_arguments(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        InteractionLog(tmp_path / "log.sqlite", retention_days=0)
    with pytest.raises(TypeError):
        InteractionLog(tmp_path / "log.sqlite", retention_days="90")  # type: ignore[arg-type]


def test_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    log = InteractionLog(tmp_path / "log.sqlite")
    threads_n, per_thread = 16, 50
    errors: list[BaseException] = []

    def work(t: int) -> None:
        try:
            for i in range(per_thread):
                _record(log, f"t{t}-{i}", f"câu hỏi {i}", commune="Phú Trung")
                if i % 5 == 0:
                    log.add_feedback(f"t{t}-{i}", "down")
        except BaseException as exc:  # noqa: BLE001 - surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(t,)) for t in range(threads_n)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors
    assert log.count() == threads_n * per_thread
    assert sum(r["rating"] == "down" for r in log.rows()) == threads_n * (per_thread // 5)


def test_two_connections_same_file(tmp_path: Path) -> None:
    """Two log objects (as in two worker processes) write to one file without loss."""
    a = InteractionLog(tmp_path / "log.sqlite")
    b = InteractionLog(tmp_path / "log.sqlite")

    def work(log: InteractionLog, prefix: str) -> None:
        for i in range(100):
            _record(log, f"{prefix}{i}")

    ts = [threading.Thread(target=work, args=(x, p)) for x, p in ((a, "a"), (b, "b"))]
    for th in ts:
        th.start()
    for th in ts:
        th.join()
    assert a.count() == 200


def test_report_groups_questions(tmp_path: Path) -> None:
    log = InteractionLog(tmp_path / "log.sqlite")
    _record(log, "1", "Kinh phí của xã Phú Trung?", commune="Phú Trung")
    _record(log, "2", "kinh phi cua xa phu trung", commune="Phú Trung")
    _record(log, "3", "Thời tiết mai thế nào?", refused=True, doc_ids=[])
    log.add_feedback("1", "down", "thiếu số liệu")
    rep = log.report(30)
    assert rep["total"] == 3 and rep["refused"] == 1 and rep["feedback_down"] == 1
    assert rep["top_questions"][0]["count"] == 2
    assert rep["refused_questions"][0]["question"] == "Thời tiết mai thế nào?"
    assert rep["thumbs_down"][0]["comment"] == "thiếu số liệu"
    communes = {c["commune"]: c for c in rep["per_commune"]}
    assert communes["Phú Trung"]["total"] == 2 and communes[""]["refused"] == 1


def _seed(data_dir: Path) -> None:
    log = InteractionLog(data_dir / "interactions.sqlite")
    _record(log, "1", "Kinh phí của xã Phú Trung?", commune="Phú Trung")
    _record(log, "2", "kinh phi cua xa phu trung", commune="Phú Trung")
    _record(log, "3", "Thời tiết mai thế nào | gọi 0912345678?", refused=True, doc_ids=[])
    log.add_feedback("1", "down", "thiếu số liệu")
    log.close()


def test_report_cli_markdown(tmp_path: Path, monkeypatch, capsys) -> None:
    from rag.cli import main

    data = tmp_path / "data"
    monkeypatch.setenv("TROLY_DATA_DIR", str(data))
    _seed(data)
    assert main(["report", "--days", "30"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Báo cáo hỏi đáp — 30 ngày")
    assert "Tổng số câu hỏi: **3**" in out
    assert "| 1 | Kinh phí của xã Phú Trung? | 2 | 0 | 1 |" in out
    assert "Thời tiết mai thế nào \\| gọi [số điện thoại]?" in out
    assert "thiếu số liệu" in out and "### Xã Phú Trung: 2 câu hỏi" in out
    assert "0912345678" not in out


def test_report_cli_csv(tmp_path: Path, monkeypatch, capsys) -> None:
    import csv

    from rag.cli import main

    data = tmp_path / "data"
    monkeypatch.setenv("TROLY_DATA_DIR", str(data))
    _seed(data)
    assert main(["report", "--format", "csv", "--days", "7"]) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    sections = [r["section"] for r in rows]
    assert sections.count("top") == 2 and sections.count("refused") == 1
    down = next(r for r in rows if r["section"] == "thumbs_down")
    assert down["comment"] == "thiếu số liệu" and down["commune"] == "Phú Trung"
    assert {r["commune"] for r in rows if r["section"] == "commune"} == {"Phú Trung", ""}


def test_report_cli_empty_and_bad_days(tmp_path: Path, monkeypatch, capsys) -> None:
    from rag.cli import main

    monkeypatch.setenv("TROLY_DATA_DIR", str(tmp_path / "data"))
    assert main(["report"]) == 0
    assert "Tổng số câu hỏi: **0**" in capsys.readouterr().out
    assert main(["report", "--days", "0"]) == 2
