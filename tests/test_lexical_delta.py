"""The lexical index's delta: documents added after the base are found and scored on the base's
scale, removed rows are never returned, commune filters hold across base and delta."""

from __future__ import annotations

from rag.lexical import LexicalDoc, LexicalIndex
from rag.lexical_delta import Delta, LayeredLexical

BASE = [
    LexicalDoc("Tỷ lệ hồ sơ trực tuyến toàn trình đạt 80%", "xa-a-tinh-x"),
    LexicalDoc("Phủ sóng di động 4G đến các thôn", "xa-a-tinh-x"),
    LexicalDoc("Tỷ lệ hồ sơ trực tuyến toàn trình đạt 60%", "xa-b-tinh-y"),
    LexicalDoc("Hướng dẫn kích hoạt VNeID mức 2", "", "guide"),
] * 5  # enough documents for meaningful idf


def _layered(removed: list[int], added: list[LexicalDoc]) -> tuple[LayeredLexical, list[int]]:
    base = LexicalIndex.build(BASE)
    delta = Delta(first_row=base.n)
    delta.remove_rows(removed)
    rows = []
    for doc in added:
        rows.append(delta.next_row)
        delta.add(delta.next_row, doc)
    return LayeredLexical(base, delta), rows


def test_added_documents_score_like_a_rebuilt_index() -> None:
    new = LexicalDoc("Tỷ lệ hồ sơ trực tuyến toàn trình đạt 95%", "xa-c-tinh-z")
    layered, (row,) = _layered([], [new])
    got = dict(layered.scores("hồ sơ trực tuyến toàn trình"))
    rebuilt = LexicalIndex.build([*BASE, new])
    want = dict(rebuilt.scores("hồ sơ trực tuyến toàn trình"))
    assert row == len(BASE) and row in got
    # Same scale as the base (base idf, base mean length): within a few percent of a rebuild.
    assert abs(got[row] - want[row]) / want[row] < 0.1


def test_removed_rows_and_other_communes_are_never_returned() -> None:
    new = LexicalDoc("Tỷ lệ hồ sơ trực tuyến toàn trình đạt 95%", "xa-c-tinh-z")
    layered, (row,) = _layered([0, 4], [new])
    ids = {i for i, _ in layered.scores("hồ sơ trực tuyến")}
    assert 0 not in ids and 4 not in ids and row in ids and 8 in ids
    only_c = layered.allowed(["xa-c-tinh-z"], None)
    assert only_c.tolist() == [row]
    assert {i for i, _ in layered.scores("hồ sơ trực tuyến", only_c)} == {row}
    only_a = layered.allowed(["xa-a-tinh-x"], {"plan"})
    assert 0 not in only_a.tolist() and 4 not in only_a.tolist() and 8 in only_a.tolist()
    assert layered.allowed(None, {"guide"}).tolist() == [3, 7, 11, 15, 19]


def test_a_delta_survives_saving(tmp_path) -> None:
    delta = Delta(first_row=20)
    delta.add(20, LexicalDoc("Chuyển đổi số", "xa-c"))
    delta.remove_rows([3])
    delta.save(tmp_path / "delta.json")
    again = Delta.load(tmp_path / "delta.json")
    assert again.removed == [3] and again.next_row == 21 and again.docs[0]["commune"] == "xa-c"
