"""The batch's review index: `render_index(rows) -> str`, one self-contained page with a row per report.

`rows` are dicts with `agency`, `year`, `format`, `status`, `failed_checks`, `warnings` and `href` (the report's
review page, relative to the index); `path` (the input file) is shown when given. The table is written out in
full, so it reads without script; a small inline script (index.js) sorts it by any column and filters it by
text and status, keeping the view in the URL hash (`#sort=failed_checks&dir=desc&q=财政&status=partial`).
"""
from __future__ import annotations

from functools import lru_cache
from html import escape
from importlib import resources

from .page import page

# (key, heading, type): the columns of the index, in order
COLUMNS = (("agency", "机关", "text"), ("year", "年度", "number"), ("format", "格式", "text"), ("status", "状态", "text"),
           ("failed_checks", "未通过检查", "number"), ("warnings", "提示", "number"), ("path", "文件", "text"))
STATUSES = ("ok", "partial", "failed", "skipped")


@lru_cache(maxsize=1)
def script() -> str:
    return resources.files(__package__).joinpath("index.js").read_text(encoding="utf-8")


def render_index(rows: list[dict]) -> str:
    """The index page of a batch's review pages."""
    head = "".join(f'<th data-key="{key}" data-type="{kind}" aria-sort="none"><button type="button">{title}</button></th>'
                   for key, title, kind in COLUMNS)
    body = "".join(_row(r) for r in rows)
    options = "".join(f'<option value="{s}">{s}</option>' for s in STATUSES)
    controls = (f'<p><label>筛选 <input id="q" type="search" placeholder="机关、年度、文件…"></label> '
                f'<label>状态 <select id="status"><option value="">全部</option>{options}</select></label> '
                f'<span id="count" role="status">{len(rows)} 份报告</span></p>')
    table = f'<table class="std index" id="reports"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    return page("年度报告审核索引", f"<h1>年度报告审核索引（{len(rows)} 份）</h1>{controls}{table}", script())


def _row(row: dict) -> str:
    cells = []
    for key, _, _ in COLUMNS:
        value = row.get(key)
        text = "" if value is None else str(value)
        shown = escape(text)
        if key == "agency" and row.get("href"):
            shown = f'<a href="{escape(row["href"])}">{shown or "（未读出机关）"}</a>'
        elif key == "failed_checks" and value:
            shown = f"✗ {shown}"
        cells.append(f'<td data-sort="{escape(text)}">{shown}</td>')
    return f'<tr data-status="{escape(str(row.get("status") or ""))}">{"".join(cells)}</tr>'
