"""HTML of the officials' dashboard (/admin): the login form and the dashboard itself.

Every logged text is escaped. Charts are SVG drawn on the server (rag.charts) and embedded as
data: images, so the page needs no script and no inline style (CSP `style-src 'self'`); each
chart has a text alternative and its numbers in a table beside it.
"""

from __future__ import annotations

from datetime import timedelta
from html import escape
from urllib.parse import urlencode

from rag.charts import DANGER, PRIMARY, SECONDARY, Series, bar_chart, data_uri
from rag.dashboard import Dashboard, QuestionGroup

TITLE = "Bảng theo dõi hỏi đáp — cán bộ xã"
CHART_LABEL_CHARS = 48


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _page(title: str, body: str) -> str:
    return (
        "<!doctype html>\n"
        '<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>{_e(title)}</title>\n"
        '<link rel="icon" href="data:,">\n'
        '<link rel="stylesheet" href="/static/admin.css">\n'
        f"</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def login_html(error: str = "") -> str:
    alert = f'<p class="alert" role="alert" id="login-error">{_e(error)}</p>\n' if error else ""
    described = ' aria-describedby="login-error"' if error else ""
    body = f"""<main class="login">
<h1>{_e(TITLE)}</h1>
<p>Trang này dành cho cán bộ UBND xã. Nhập khóa quản trị để xem thống kê câu hỏi của người dân.</p>
{alert}<form method="post" action="/admin/login" class="login-form">
<label for="key">Khóa quản trị</label>
<input id="key" name="key" type="password" autocomplete="current-password" required{described}>
<button type="submit">Đăng nhập</button>
</form>
<p><a href="/">Về trang hỏi đáp</a></p>
</main>"""
    return _page("Đăng nhập — " + TITLE, body)


def _short(text: str, limit: int = CHART_LABEL_CHARS) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _img(svg: str, alt: str) -> str:
    return f'<img class="chart" src="{data_uri(svg)}" alt="{_e(alt)}">'


def _table(caption: str, headers: list[str], rows: list[list[object]], numeric: set[int]) -> str:
    if not rows:
        return '<p class="empty">Không có dữ liệu trong khoảng này.</p>'
    head = "".join(f'<th scope="col">{_e(h)}</th>' for h in headers)
    body = []
    for row in rows:
        cells = "".join(
            f'<td class="num">{_e(v)}</td>' if i in numeric else f"<td>{_e(v)}</td>"
            for i, v in enumerate(row)
        )
        body.append(f"<tr>{cells}</tr>")
    return (
        f'<div class="table-wrap" role="region" aria-label="Bảng: {_e(caption)}" tabindex="0">'
        f"<table><caption>{_e(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def _filters(dash: Dashboard) -> str:
    flt = dash.filter
    options = ['<option value="">Tất cả các xã</option>']
    names = list(dash.communes)
    if flt.commune and flt.commune not in names:
        names.insert(0, flt.commune)
    for name in names:
        selected = " selected" if name == flt.commune else ""
        options.append(f'<option value="{_e(name)}"{selected}>{_e(name)}</option>')
    return f"""<form method="get" action="/admin" class="filters" aria-label="Bộ lọc">
<div class="field"><label for="from">Từ ngày</label>
<input id="from" name="from" type="date" value="{flt.start.isoformat()}"></div>
<div class="field"><label for="to">Đến ngày</label>
<input id="to" name="to" type="date" value="{flt.end.isoformat()}"></div>
<div class="field"><label for="commune">Xã</label>
<select id="commune" name="commune">{"".join(options)}</select></div>
<button type="submit">Xem</button>
</form>
<p class="presets">Nhanh: {_presets(flt)}</p>"""


def _presets(flt) -> str:
    links = []
    for days in (7, 30, 90):
        params = {
            "from": (flt.end - timedelta(days=days - 1)).isoformat(),
            "to": flt.end.isoformat(),
        }
        if flt.commune:
            params["commune"] = flt.commune
        links.append(f'<a href="/admin?{_e(urlencode(params))}">{days} ngày</a>')
    return " · ".join(links)


def _query(dash: Dashboard) -> str:
    flt = dash.filter
    params = {"from": flt.start.isoformat(), "to": flt.end.isoformat()}
    if flt.commune:
        params["commune"] = flt.commune
    return urlencode(params)


def _pct(part: int, total: int) -> str:
    return f"{100 * part / total:.0f}%" if total else "0%"


def _cards(dash: Dashboard) -> str:
    lat = dash.latency_ms
    items = [
        ("Tổng số câu hỏi", str(dash.total)),
        ("Đã trả lời", f"{dash.answered} ({_pct(dash.answered, dash.total)})"),
        ("Từ chối", f"{dash.refused} ({_pct(dash.refused, dash.total)})"),
        ("Đánh giá hữu ích / chưa hữu ích", f"{dash.feedback_up} / {dash.feedback_down}"),
        ("Độ trễ trung vị (p50)", f"{lat['p50']:.0f} ms" if lat else "—"),
    ]
    cells = "".join(f"<div><dt>{_e(k)}</dt><dd>{_e(v)}</dd></div>" for k, v in items)
    return f'<dl class="cards">{cells}</dl>'


def _per_day(dash: Dashboard) -> str:
    labels = [d.day[5:] for d in dash.per_day]
    svg = bar_chart(
        labels,
        [
            Series("Đã trả lời", [d.answered for d in dash.per_day], PRIMARY),
            Series("Từ chối", [d.refused for d in dash.per_day], DANGER),
        ],
        title="Số câu hỏi mỗi ngày",
        ylabel="Số câu hỏi",
        stacked=True,
    )
    alt = "Số câu hỏi mỗi ngày: " + "; ".join(
        f"{d.day}: {d.answered} trả lời, {d.refused} từ chối" for d in dash.per_day
    )
    rows = [[d.day, d.answered, d.refused, d.answered + d.refused] for d in dash.per_day]
    table = _table(
        "Số câu hỏi theo ngày", ["Ngày", "Đã trả lời", "Từ chối", "Tổng"], rows, {1, 2, 3}
    )
    return _section(
        "per-day", "Số câu hỏi mỗi ngày", _img(svg, alt) + _details(table, "Bảng số liệu theo ngày")
    )


def _details(inner: str, summary: str) -> str:
    return f"<details><summary>{_e(summary)}</summary>{inner}</details>"


def _section(ident: str, title: str, inner: str) -> str:
    return (
        f'<section id="{ident}" aria-labelledby="{ident}-h">'
        f'<h2 id="{ident}-h">{_e(title)}</h2>{inner}</section>'
    )


def _refusals(dash: Dashboard) -> str:
    intro = (
        f"<p>Đã trả lời <strong>{dash.answered}</strong> câu, từ chối "
        f"<strong>{dash.refused}</strong> câu ({_pct(dash.refused, dash.total)}). "
        "Từ chối nghĩa là tài liệu của xã chưa có thông tin để trả lời.</p>"
    )
    if not dash.refusal_reasons:
        return _section("refusals", "Trả lời và từ chối", intro)
    reasons = dash.refusal_reasons
    svg = bar_chart(
        [_short(r.label, 36) for r in reasons],
        [Series("Số lần", [r.count for r in reasons], DANGER)],
        title="Lý do từ chối",
        ylabel="Số lần",
        horizontal=True,
    )
    alt = "Lý do từ chối: " + "; ".join(f"{r.label}: {r.count}" for r in reasons)
    table = _table("Lý do từ chối", ["Lý do", "Số lần"], [[r.label, r.count] for r in reasons], {1})
    return _section("refusals", "Trả lời và từ chối", intro + _img(svg, alt) + table)


def _groups_table(caption: str, groups: list[QuestionGroup]) -> str:
    rows = [
        [g.question, g.count, "; ".join(g.variants) or "—", ", ".join(g.communes) or "—"]
        for g in groups
    ]
    return _table(caption, ["Câu hỏi", "Số lần", "Cách hỏi tương tự", "Xã"], rows, {1})


def _unanswered(dash: Dashboard) -> str:
    how = (
        f"Các câu hỏi giống nhau về ý nghĩa được gộp bằng mô hình {dash.grouped_with}."
        if dash.grouped_with
        else "Các câu hỏi cùng cách viết (không kể dấu) được gộp lại."
    )
    intro = f"<p>{_e(how)} Số điện thoại, số CCCD và email đã được che.</p>"
    chart = ""
    top = dash.unanswered[:10]
    if top:
        svg = bar_chart(
            [_short(g.question) for g in top],
            [Series("Số lần hỏi", [g.count for g in top], SECONDARY)],
            title="Câu hỏi chưa trả lời được (nhiều nhất)",
            ylabel="Số lần hỏi",
            horizontal=True,
        )
        alt = "Câu hỏi chưa trả lời được: " + "; ".join(f"{g.question}: {g.count}" for g in top)
        chart = _img(svg, alt)
    table = _groups_table("Câu hỏi chưa trả lời được", dash.unanswered)
    return _section("unanswered", "Câu hỏi chưa trả lời được", intro + chart + table)


def _howto(dash: Dashboard) -> str:
    intro = (
        "<p>Người dân hỏi cách làm các thủ tục này nhưng chưa có hướng dẫn nào trả lời được.</p>"
    )
    table = _groups_table("Thủ tục chưa có hướng dẫn", dash.uncovered_howto)
    return _section("howto", "Thủ tục được hỏi nhưng chưa có hướng dẫn", intro + table)


def _thumbs_down(dash: Dashboard) -> str:
    if not dash.thumbs_down:
        return _section(
            "thumbs-down",
            "Câu trả lời bị đánh giá chưa hữu ích",
            '<p class="empty">Không có đánh giá chưa hữu ích trong khoảng này.</p>',
        )
    items = []
    for t in dash.thumbs_down:
        comment = (
            f'<p class="comment"><strong>Góp ý:</strong> {_e(t.comment)}</p>' if t.comment else ""
        )
        answer = t.answer or "(không lưu nội dung câu trả lời)"
        items.append(
            f'<li class="rated"><p class="meta">{_e(t.time)} · {_e(t.commune or "không rõ xã")}</p>'
            f"<p><strong>Câu hỏi:</strong> {_e(t.question)}</p>"
            f"<details><summary>Câu trả lời của trợ lý</summary>"
            f'<p class="answer">{_e(answer)}</p></details>{comment}</li>'
        )
    return _section(
        "thumbs-down",
        "Câu trả lời bị đánh giá chưa hữu ích",
        f'<ul class="rated-list">{"".join(items)}</ul>',
    )


def _latency(dash: Dashboard) -> str:
    lat = dash.latency_ms
    if not lat:
        return _section("latency", "Thời gian trả lời", '<p class="empty">Chưa có dữ liệu.</p>')
    names = list(lat)
    svg = bar_chart(
        names,
        [Series("Mili giây", [lat[n] for n in names], PRIMARY)],
        title="Thời gian trả lời (bách phân vị, ms)",
        ylabel="ms",
        height=3.0,
    )
    alt = "Thời gian trả lời: " + "; ".join(f"{n}: {lat[n]:.0f} ms" for n in names)
    table = _table(
        "Thời gian trả lời",
        ["Bách phân vị", "Mili giây"],
        [[n, f"{lat[n]:.0f}"] for n in names],
        {1},
    )
    return _section("latency", "Thời gian trả lời", _img(svg, alt) + table)


def dashboard_html(dash: Dashboard) -> str:
    flt = dash.filter
    scope = f"xã {flt.commune}" if flt.commune else "tất cả các xã"
    query = _e(_query(dash))
    body = f"""<header class="top">
<h1>{_e(TITLE)}</h1>
<form method="post" action="/admin/logout"><button type="submit" class="link">Đăng xuất</button></form>
</header>
<main>
{_filters(dash)}
<p class="scope">Từ {flt.start.strftime("%d/%m/%Y")} đến {flt.end.strftime("%d/%m/%Y")}, {_e(scope)}.</p>
<p class="exports">Tải về: <a href="/admin/export.csv?{query}">CSV</a> · <a href="/admin/export.xlsx?{query}">Excel (XLSX)</a></p>
{_cards(dash)}
{_per_day(dash)}
{_refusals(dash)}
{_unanswered(dash)}
{_howto(dash)}
{_thumbs_down(dash)}
{_latency(dash)}
</main>"""
    return _page(TITLE, body)
