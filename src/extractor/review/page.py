"""One report's review page: `render_report(report_dict) -> str`, a self-contained HTML document.

Every value is the report's `raw` text in a `<span class="v">`; its cell carries `data-table`, `data-row`,
`data-column`, `data-state`, `data-raw` and `data-source` (the cell's `source` as JSON) and a `title` naming the
key, the printed labels and where it stands (page / table / row / column). A cell in a failed check gets class
`fail` and the mark ✗, one in a not-assessable check `not-assessable` and ?, an inferred (split from a digit run)
or OCR value `inferred` and ≈, a template cell the report lacks `missing` and the word 未找到 — a mark and a word
for each, so colour is never the only signal.
"""
from __future__ import annotations

import json
from functools import lru_cache
from html import escape
from importlib import resources

from .layout import Key, Slot, draw

TABLE_TITLES = {"active_disclosure": "二、主动公开政府信息情况", "applications": "三、收到和处理政府信息公开申请情况",
                "review_litigation": "四、政府信息公开行政复议、行政诉讼情况"}
STATUS_WORDS = {"fail": "未通过", "not_assessable": "无法核对", "pass": "通过"}
# class, mark and word of each way a cell can stand out; the first that applies wins
MARKS = (("fail", "✗", "勾稽关系不成立"), ("not-assessable", "?", "无法核对"), ("inferred", "≈", "推断值"),
         ("missing", "—", "未找到"))
SOURCE_PARTS = (("page", "第{}页"), ("picture", "图片 {}"), ("table_index", "表{}"), ("row", "第{}行"), ("col", "第{}列"), ("paragraph", "段落{}"))


@lru_cache(maxsize=1)
def stylesheet() -> str:
    return resources.files(__package__).joinpath("style.css").read_text(encoding="utf-8")


def describe_source(source: dict) -> str:
    """Where a value stands, in words: 第3页 表1 第9行 第4列 (table, row and column counted from 0 as in `source`)."""
    parts = [fmt.format(source[k]) for k, fmt in SOURCE_PARTS if source.get(k) is not None]
    if source.get("token") is not None:
        parts.append(f"第{source['token'] + 1}个数")
    if source.get("ocr"):
        parts.append("OCR 识别")
    if source.get("inferred"):
        parts.append("识别存疑，由勾稽关系从候选读数中推断" if source.get("ocr") else "由连写数字拆分推断")
    return " ".join(parts)


def page(title: str, body: str, script: str = "") -> str:
    """An HTML document with the review stylesheet inline; nothing is loaded from elsewhere."""
    tail = f"<script>{script}</script>" if script else ""
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{stylesheet()}</style></head>'
            f"<body>{body}{tail}</body></html>")


def cell_id(key: Key) -> str:
    return "c-" + "-".join(key).replace(".", "_")


def render_report(report: dict) -> str:
    """The review page of one report (the dict of `Report.to_dict()`, i.e. the report JSON)."""
    meta = report.get("metadata", {})
    cells = {(c["table"], c["row"], c["column"]): c for rows in report.get("tables", {}).values() for c in rows}
    flagged = _flagged(report.get("checks", []))
    heading = f"{meta.get('agency') or ''} {meta.get('year') or ''} 政府信息公开工作年度报告 · 审核页".strip()
    parts = [f"<h1>{escape(heading)}</h1>", _metadata(report), _legend(), _checks(report.get("checks", [])),
             "<h2>统计表</h2>"]
    drawn: set[Key] = set()
    for table, title in TABLE_TITLES.items():
        if not report.get("tables", {}).get(table):
            parts.append(f'<h3>{escape(title)}</h3><p class="missing-table">✗ 报告中未找到此表（{table}）</p>')
            continue
        rows = draw(table, meta.get("template", "unknown"), set(cells))
        drawn.update(s.key for row in rows for s in row if s.key)
        parts.append(f'<h3>{escape(title)}</h3><table class="std" data-table="{table}">'
                     + "".join(_row(row, cells, flagged) for row in rows) + "</table>")
    parts.append(_undrawn([c for k, c in cells.items() if k not in drawn], flagged))
    parts += [_warnings(report.get("warnings", [])), _outline(report)]
    return page(heading, "".join(parts))


def _flagged(checks: list[dict]) -> dict[Key, list[dict]]:
    out: dict[Key, list[dict]] = {}
    for check in checks:
        if check["status"] != "pass":
            for ref in check["cells"]:
                out.setdefault(tuple(ref), []).append(check)
    return out


def _metadata(report: dict) -> str:
    meta, source = report.get("metadata", {}), report.get("source", {})
    period = meta.get("period") or []
    rows = [("标题", meta.get("title")), ("机关", meta.get("agency")), ("年度", meta.get("year")), ("发布日期", meta.get("published")),
            ("统计期限", " 至 ".join(p or "" for p in period) if period else None), ("模板", meta.get("template")),
            ("文件", source.get("path")), ("格式", source.get("format")), ("SHA-256", source.get("sha256"))]
    return '<dl class="meta">' + "".join(f"<dt>{k}</dt><dd>{escape(str(v)) if v not in (None, '') else '（未读出）'}</dd>"
                                         for k, v in rows) + "</dl>"


def _legend() -> str:
    return '<p class="legend">' + "".join(f'<span><span class="m {cls}">{mark}</span>{word}</span>' for cls, mark, word in MARKS) + "</p>"


def _checks(checks: list[dict]) -> str:
    shown = [c for c in checks if c["status"] != "pass"]
    passed = len(checks) - len(shown)
    head = f"<h2>勾稽关系检查</h2><p>{len(checks)} 项检查：{passed} 项通过，" \
           f"{sum(c['status'] == 'fail' for c in checks)} 项未通过，{sum(c['status'] == 'not_assessable' for c in checks)} 项无法核对。</p>"
    items = []
    for check in shown:
        cls = "fail" if check["status"] == "fail" else "not-assessable"
        mark = "✗" if cls == "fail" else "?"
        links = " ".join(f'<a href="#{cell_id(tuple(ref))}"><code>{escape(ref[1])} × {escape(ref[2])}</code></a>' for ref in check["cells"])
        items.append(f'<li class="{cls}" data-rule="{escape(check["rule"])}"><span class="m {cls}">{mark}</span>'
                     f'<b>{STATUS_WORDS[check["status"]]}</b> <code>{escape(check["rule"])}</code> {escape(check["where"])}：'
                     f"{escape(_expected_actual(check))}<br>{escape(check['message'])}<br>涉及：{links}</li>")
    return head + (f'<ul class="checks">{"".join(items)}</ul>' if items else "")


def _expected_actual(check: dict) -> str:
    if check["status"] == "not_assessable":
        return "有单元格为空白、“/”、文字或缺失，不能核对"
    return f"应为 {check['expected']}，实为 {check['actual']}"


def _row(slots: list[Slot], cells: dict[Key, dict], flagged: dict[Key, list[dict]]) -> str:
    out = []
    for slot in slots:
        spans = (f' rowspan="{slot.rowspan}"' if slot.rowspan > 1 else "") + (f' colspan="{slot.colspan}"' if slot.colspan > 1 else "")
        if slot.kind == "label":
            out.append(f"<th{spans}>{escape(slot.text)}</th>")
        else:
            out.append(_value(slot.key, cells.get(slot.key), flagged.get(slot.key, []), spans))
    return "<tr>" + "".join(out) + "</tr>"


def _value(key: Key, cell: dict | None, checks: list[dict], spans: str = "") -> str:
    table, row, column = key
    source = (cell or {}).get("source", {})
    statuses = {c["status"] for c in checks}
    applies = {"fail": "fail" in statuses, "not-assessable": "not_assessable" in statuses,
               "inferred": bool(source.get("inferred") or source.get("ocr")), "missing": cell is None}
    classes = [cls for cls, _, _ in MARKS if applies[cls]]
    marks = "".join(f'<span class="m {cls}">{mark}</span>' for cls, mark, _ in MARKS if applies[cls] and cls != "missing")
    lines = [f"{table} · {row} × {column}"]
    if cell is None:
        lines.append("模板中的此单元格在报告中未找到")
        text, attrs = '<span class="state">未找到</span>', ""
    else:
        lines += [f"行：{cell['row_label']}", f"列：{cell['column_label']}", f"来源：{describe_source(source)}", f"状态：{cell['state']}"]
        text = f'<span class="v">{escape(cell["raw"])}</span>' + ('<span class="state">（空白）</span>' if cell["state"] == "empty" else "")
        attrs = (f' data-state="{cell["state"]}" data-raw="{escape(cell["raw"])}"'
                 f' data-source="{escape(json.dumps(source, ensure_ascii=False, sort_keys=True))}"')
    lines += [f"{'✗' if c['status'] == 'fail' else '?'} {c['rule']}（{c['where']}）：{_expected_actual(c)}；{c['message']}" for c in checks]
    lines += [word for cls, _, word in MARKS if applies[cls] and cls != "missing"]
    return (f'<td id="{cell_id(key)}"{spans} class="{" ".join(classes)}" data-table="{table}" data-row="{escape(row)}" '
            f'data-column="{escape(column)}"{attrs} title="{escape(chr(10).join(lines))}">{marks}{text}</td>')


def _undrawn(cells: list[dict], flagged: dict[Key, list[dict]]) -> str:
    """Cells the report has that its template's drawing has no place for (a mixed-format report)."""
    if not cells:
        return ""
    rows = "".join(f"<tr><th>{escape(c['table'])}</th><th>{escape(c['row_label'])}</th><th>{escape(c['column_label'])}</th>"
                   + _value((c["table"], c["row"], c["column"]), c, flagged.get((c["table"], c["row"], c["column"]), [])) + "</tr>"
                   for c in cells)
    return f'<h3>模板之外的单元格</h3><table class="std" data-table="other">{rows}</table>'


def _warnings(warnings: list[dict]) -> str:
    if not warnings:
        return "<h2>提示</h2><p>无。</p>"
    items = "".join(f'<li><code>{escape(w["code"])}</code> {escape(w["message"])}'
                    f'{"（位置：" + escape(w["where"]) + "）" if w.get("where") else ""}</li>' for w in warnings)
    return f'<h2>提示（{len(warnings)}）</h2><ul class="warnings">{items}</ul>'


def _outline(report: dict) -> str:
    def items(sections: list[dict]) -> str:
        out = []
        for s in sections:
            number = f"{escape(s['number'])} " if s.get("number") else ""
            key = f' <code>{escape(s["key"])}</code>' if s.get("key") else ""
            text = f"<details><summary>正文（{len(s['text'])} 字）</summary><pre>{escape(s['text'])}</pre></details>" if s.get("text") else ""
            children = f"<ol>{items(s['children'])}</ol>" if s.get("children") else ""
            out.append(f"<li>{number}{escape(s['title'])}{key}{text}{children}</li>")
        return "".join(out)

    sections = report.get("sections", [])
    return f'<h2>章节结构</h2><ol class="outline">{items(sections)}</ol>' if sections else "<h2>章节结构</h2><p>✗ 未识别出章节。</p>"
