"""`troly report`: what citizens asked, what the assistant refused, what got a thumbs-down.

Reads the interaction log (data_dir/interactions.sqlite) and renders Markdown or CSV for
commune officials: this is how a commune learns what its plan or its guides fail to answer.
"""

from __future__ import annotations

import csv
import io

CSV_FIELDS = (
    "section",
    "commune",
    "question",
    "count",
    "refused",
    "thumbs_down",
    "comment",
    "time",
)
NO_COMMUNE = "(không rõ xã)"


def _cell(text: object) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _pct(part: int, total: int) -> str:
    return f"{100 * part / total:.0f}%" if total else "0%"


def _question_table(items: list[dict]) -> list[str]:
    if not items:
        return ["_Không có._", ""]
    lines = ["| # | Câu hỏi | Số lần | Từ chối | 👎 |", "|---|---|---|---|---|"]
    for i, q in enumerate(items, 1):
        lines.append(
            f"| {i} | {_cell(q['question'])} | {q['count']} | {q['refused']} | {q['thumbs_down']} |"
        )
    return [*lines, ""]


def render_markdown(rep: dict) -> str:
    total = rep["total"]
    out = [
        f"# Báo cáo hỏi đáp — {rep['days']} ngày gần nhất (từ {rep['since']})",
        "",
        f"- Tổng số câu hỏi: **{total}**",
        f"- Trợ lý từ chối trả lời: **{rep['refused']}** ({_pct(rep['refused'], total)})",
        f"- Đánh giá: 👍 {rep['feedback_up']} · 👎 {rep['feedback_down']}",
        "",
        "## Câu hỏi thường gặp",
        "",
        *_question_table(rep["top_questions"]),
        "## Câu hỏi trợ lý từ chối (tài liệu chưa có thông tin)",
        "",
        *_question_table(rep["refused_questions"]),
        "## Câu trả lời bị đánh giá 👎",
        "",
    ]
    if rep["thumbs_down"]:
        out += ["| Thời gian | Xã | Câu hỏi | Góp ý |", "|---|---|---|---|"]
        for d in rep["thumbs_down"]:
            commune = d["commune"] or NO_COMMUNE
            out.append(
                f"| {d['time']} | {_cell(commune)} | {_cell(d['question'])} | {_cell(d['comment'])} |"
            )
        out.append("")
    else:
        out += ["_Không có._", ""]
    out += ["## Theo xã", ""]
    if not rep["per_commune"]:
        out += ["_Không có._", ""]
    for c in rep["per_commune"]:
        name = f"Xã {c['commune']}" if c["commune"] else NO_COMMUNE
        out += [
            f"### {name}: {c['total']} câu hỏi, từ chối {c['refused']}, "
            f"👍 {c['feedback_up']} · 👎 {c['feedback_down']}",
            "",
            *_question_table(c["top_questions"]),
        ]
    return "\n".join(out).rstrip() + "\n"


def render_csv(rep: dict) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()

    def questions(section: str, items: list[dict], commune: str = "") -> None:
        for q in items:
            writer.writerow(
                {
                    "section": section,
                    "commune": commune,
                    "question": q["question"],
                    "count": q["count"],
                    "refused": q["refused"],
                    "thumbs_down": q["thumbs_down"],
                }
            )

    questions("top", rep["top_questions"])
    questions("refused", rep["refused_questions"])
    for d in rep["thumbs_down"]:
        writer.writerow(
            {
                "section": "thumbs_down",
                "commune": d["commune"],
                "question": d["question"],
                "count": 1,
                "thumbs_down": 1,
                "comment": d["comment"],
                "time": d["time"],
            }
        )
    for c in rep["per_commune"]:
        questions("commune", c["top_questions"], c["commune"])
    return buf.getvalue()


def render(rep: dict, fmt: str) -> str:
    if fmt == "md":
        return render_markdown(rep)
    if fmt == "csv":
        return render_csv(rep)
    raise ValueError(f"unknown format: {fmt}")
