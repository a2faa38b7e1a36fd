#!/usr/bin/env python3
"""Synthetic 政府信息公开工作年度报告: realistic reports in both template formats, as .docx and as text.

A report is a *body*: a list, in document order, of paragraphs (str) and tables (`Table` specs laid out
like HTML colspan/rowspan). The body renders two ways:

* `build_document` / `write_docx` / `docx_bytes`: a python-docx document whose tables have true merges,
  exactly like the official blank template (one w:tc per horizontal span with w:gridSpan; vertical spans
  as w:vMerge="restart" over empty w:vMerge="continue" cells; a "\\n" in a label is a w:br);
* `to_text` / `write_text`: the flattened text of the seed export (shared/seed/000_*.txt): one line per
  paragraph; in a table one line per w:tc starting with a TAB (an empty vMerge continuation included), a
  cell's further lines (after a line break) without TAB, one blank line after every table row.

The three statistical tables are built from *values*, a mapping (table, row key, column key) → printed text
using the keys of the report contract (shared/spec/report-contract.md): `applications_table`,
`review_table`, `active_table`. `random_values` makes arithmetically consistent values, `report_body`
a whole report around them with ≈10 KB of plausible prose, `random_report` all of it from one
`random.Random`. Everything is deterministic for a given seed, and docx output is byte-reproducible.

Speed: python-docx's merge() is slow (≈0.1 s for the applications table), so `add_table` merges each
distinct table *shape* once, in a scratch document, and afterwards deep-copies that empty skeleton's XML and
writes the texts into it. Copy-and-fill gives exactly the XML that merging in place gives.

Usage: python scripts/reportgen.py OUT_DIR [N] [SEED] writes N random reports as .docx and .txt.
"""
from __future__ import annotations

import copy
import html
import io
import random
import sys
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.pkgwriter import PackageWriter
from docx.oxml.ns import qn
from docx.shared import Twips
from docx.table import Table as DocxTable
from docx.table import _Cell

# --- Layout specs ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """A table cell spanning `cols` grid columns and `rows` table rows.

    A plain string in a table row stands for a 1x1 cell.
    """

    text: str
    cols: int = 1
    rows: int = 1


@dataclass(frozen=True)
class Table:
    """A table laid out like HTML colspan/rowspan: each row lists the cells that start in it,
    left to right; grid slots already covered by a cell from a row above are skipped."""

    grid: tuple[int, ...]  # w:gridCol widths in twips, copied from the template
    rows: list[list[Cell | str]]


Block = str | Table
Values = Mapping[tuple[str, str, str], str]


def layout(table: Table) -> list[tuple[int, int, Cell]]:
    """(row, column, cell) of every cell's top-left grid slot; the cells must tile the grid."""
    width, height = len(table.grid), len(table.rows)
    covered: set[tuple[int, int]] = set()
    placed = []
    for r, row in enumerate(table.rows):
        c = 0
        for item in row:
            cell = item if isinstance(item, Cell) else Cell(item)
            while (r, c) in covered:
                c += 1
            slots = {(r + dr, c + dc) for dr in range(cell.rows) for dc in range(cell.cols)}
            if c + cell.cols > width or r + cell.rows > height or slots & covered:
                raise ValueError(f"cell {cell.text!r} in row {r} does not fit the grid")
            covered |= slots
            placed.append((r, c, cell))
            c += cell.cols
    uncovered = {(r, c) for r in range(height) for c in range(width)} - covered
    if uncovered:
        raise ValueError(f"grid slots without a cell: {sorted(uncovered)}")
    return placed


def tc_rows(table: Table) -> list[list[str]]:
    """The text of every w:tc, row by row, as Word stores them: a vertically merged cell also has an
    empty continuation w:tc (as wide as the cell) in each row below its first."""
    starts = {(r, c): cell for r, c, cell in layout(table)}
    spanning: dict[int, Cell] = {}  # grid column → the last cell starting there that spans rows
    rows = []
    for r in range(len(table.rows)):
        texts, c = [], 0
        while c < len(table.grid):
            if (r, c) in starts:
                cell = starts[r, c]
                texts.append(cell.text)
                if cell.rows > 1:
                    spanning[c] = cell
            else:  # layout() checked the tiling, so a cell from above starts in this column
                cell = spanning[c]
                texts.append("")
            c += cell.cols
        rows.append(texts)
    return rows


# --- Text: the seed export's flattened style ---------------------------------------------------


def table_lines(table: Table) -> list[str]:
    """A table as lines: a TAB line per w:tc (extra lines of a cell without TAB), a blank line per row."""
    lines = []
    for texts in tc_rows(table):
        lines.extend("\t" + text for text in texts)
        lines.append("")
    return lines


def to_text(body: Iterable[Block]) -> str:
    """The body flattened like the seed export (lines joined by "\\n", no final newline)."""
    lines: list[str] = []
    for block in body:
        if isinstance(block, Table):
            lines.extend(table_lines(block))
        else:
            lines.append(block)
    return "\n".join(lines)


def write_text(body: Iterable[Block], path: str | Path) -> None:
    """Write `to_text(body)` as UTF-8."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(to_text(body), encoding="utf-8")


# --- Page text: a crawler's get_text() of the report's web page ----------------------------------

CRAWLER_HEADER = ("标题: {title}", "发布时间: {published} 09:00", "文号: ", "发布机构: {agency}", "栏目: 政府信息公开年报",
                  "==================== 正文 ====================")


def _is_value(text: str) -> bool:
    return _number(text) is not None


def to_page_text(body: Iterable[Block], *, header: Mapping[str, str] | None = None, rng: random.Random | None = None,
                 spaces: float = 0.0, nbsp: float = 0.0, chrome: str = "") -> str:
    """The body as a crawler's page text: every paragraph and every cell's text run together on one line
    (a row's numbers concatenated with no separator: "380030041"), after the crawler's header lines when
    `header` holds title, published and agency, and after site `chrome` ("当前位置：首页…").

    With `rng`: a space between two of a row's numbers with probability `spaces` (never inside a number), and
    "&nbsp;" inside a label of four or more characters with probability `nbsp` (三、本年度办&nbsp;理结果)."""
    pieces: list[str] = []
    for block in body:
        if not isinstance(block, Table):
            pieces.append(block)
            continue
        for texts in tc_rows(block):
            previous_value = False
            for text in (t.replace("\n", "") for t in texts):
                value = _is_value(text)
                if value and previous_value and rng is not None and rng.random() < spaces:
                    pieces.append(" ")
                if not value and len(text) >= 4 and rng is not None and rng.random() < nbsp:
                    cut = rng.randint(1, len(text) - 1)
                    text = text[:cut] + "&nbsp;" + text[cut:]
                pieces.append(text)
                previous_value = value or (previous_value and not text)
    lines = [line.format(**header) for line in CRAWLER_HEADER] if header else []
    return "\n".join([*lines, chrome + "".join(pieces)])


# --- Web page: the report as its government site serves it ---------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}_政府信息公开年报</title></head>
<body><div class="nav">当前位置：首页 &gt; 政务公开 &gt; 政府信息公开年报</div>
<div class="article"><h1>{title}</h1><div class="info">发布时间：{published} 来源：{agency}</div>
<div class="content">{content}</div></div>
<div class="footer">版权所有：{agency} 网站标识码：0000000000</div></body></html>"""


def to_html(body: Iterable[Block], *, title: str, published: str, agency: str) -> str:
    """The body as a web page: a <p> per paragraph, a <table> per table with its rowspan/colspan, inside the
    site's chrome (navigation, title, publication line, footer)."""
    parts = []
    for block in body:
        if not isinstance(block, Table):
            parts.append(f"<p>{html.escape(block)}</p>")
            continue
        rows: list[list[str]] = [[] for _ in block.rows]
        for r, _, cell in layout(block):
            span = (f' colspan="{cell.cols}"' if cell.cols > 1 else "") + (f' rowspan="{cell.rows}"' if cell.rows > 1 else "")
            rows[r].append(f"<td{span}>{html.escape(cell.text).replace(chr(10), '<br>')}</td>")
        parts.append("<table border=\"1\">" + "".join(f"<tr>{''.join(row)}</tr>" for row in rows) + "</table>")
    return PAGE.format(title=html.escape(title), published=published, agency=html.escape(agency), content="\n".join(parts))


# --- Word: python-docx with true merges --------------------------------------------------------


def fill_cell(cell: _Cell, text: str) -> None:
    """Put `text` in the cell's (single, empty) paragraph; each "\\n" becomes a w:br."""
    first, *more = text.split("\n")
    run = cell.paragraphs[0].add_run(first)
    for line in more:
        run.add_break()
        run.add_text(line)


def new_document(*, title: str = "", author: str = "", comments: str = "", created: datetime = datetime(2000, 1, 1)) -> DocxDocument:
    """An empty A4 document with the template's margins and fixed core properties."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Twips(11906), Twips(16838)
    section.top_margin = section.bottom_margin = Twips(1440)
    section.left_margin = section.right_margin = Twips(1800)
    properties = document.core_properties
    properties.title, properties.author, properties.comments = title, author, comments
    properties.created = properties.modified = created
    return document


def _merged_table(document: DocxDocument, spec: Table) -> DocxTable:
    """Append `spec`'s grid to `document` as a bordered, centred table with every merge done, all empty."""
    table = document.add_table(rows=len(spec.rows), cols=len(spec.grid))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, spec.grid):
        column.width = Twips(width)
    for row in table.rows:
        for cell, width in zip(row.cells, spec.grid):
            cell.width = Twips(width)  # merging adds up the widths of the merged cells
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    # Merge while every cell is still empty, so python-docx has no text to move around.
    for r, c, cell in layout(spec):
        if cell.rows > 1 or cell.cols > 1:
            table.cell(r, c).merge(table.cell(r + cell.rows - 1, c + cell.cols - 1))
    # python-docx writes a continuation as a bare <w:vMerge/>; the template spells it out.
    for v_merge in table._tbl.iter(qn("w:vMerge")):
        if v_merge.get(qn("w:val")) is None:
            v_merge.set(qn("w:val"), "continue")
    return table


_SKELETONS: dict[tuple, tuple] = {}  # table shape → (empty merged w:tbl, w:tc index in its row per placed cell)
_SCRATCH: list[DocxDocument] = []


def _skeleton(spec: Table, placed: list[tuple[int, int, Cell]]) -> tuple:
    shape = (spec.grid, len(spec.rows), tuple((r, c, cell.rows, cell.cols) for r, c, cell in placed))
    if shape not in _SKELETONS:
        if not _SCRATCH:
            _SCRATCH.append(new_document())
        tbl = _merged_table(_SCRATCH[0], spec)._tbl
        index = {}  # (row, grid column) → index of the w:tc that starts there among its row's w:tc
        for r, tr in enumerate(tbl.tr_lst):
            column = 0
            for i, tc in enumerate(tr.tc_lst):
                index[r, column] = i
                column += tc.grid_span
        _SKELETONS[shape] = (tbl, [index[r, c] for r, c, _ in placed])
    return _SKELETONS[shape]


def _fill_tc(tc, text: str) -> None:
    """fill_cell on the bare w:tc, without python-docx's proxies (≈5x faster; the same XML: one w:r, a
    w:t per line, w:br between lines, xml:space="preserve" on a line with outer spaces)."""
    if "\t" in text or "\r" in text:  # python-docx turns these into w:tab / w:br: let it
        fill_cell(_Cell(tc, None), text)
        return
    paragraph = tc.find(qn("w:p"))
    run = paragraph.makeelement(qn("w:r"), {})
    paragraph.append(run)
    for i, line in enumerate(text.split("\n")):
        if i:
            run.append(run.makeelement(qn("w:br"), {}))
        if line or i:  # python-docx writes no w:t for an empty first line
            t = run.makeelement(qn("w:t"), {})
            t.text = line
            if line.strip() != line:
                t.set(qn("xml:space"), "preserve")
            run.append(t)


def add_table(document: DocxDocument, spec: Table) -> DocxTable:
    """Append `spec` as a bordered, centred table with the template's grid and merges."""
    placed = layout(spec)
    skeleton, tc_index = _skeleton(spec, placed)
    tbl = copy.deepcopy(skeleton)
    document.element.body._insert_tbl(tbl)
    trs = [tr.findall(qn("w:tc")) for tr in tbl.iterchildren(qn("w:tr"))]
    for (r, _, cell), i in zip(placed, tc_index):
        _fill_tc(trs[r][i], cell.text)
    return DocxTable(tbl, document._body)


def build_document(body: Iterable[Block], **properties) -> DocxDocument:
    """A document holding `body`: one paragraph per str, one table per Table (see `new_document`)."""
    document = new_document(**properties)
    for block in body:
        if isinstance(block, Table):
            add_table(document, block)
        else:
            document.add_paragraph(block)
    return document


class _FixedTimeZip:
    """python-docx's physical package writer, but with fixed zip timestamps (so: reproducible bytes)."""

    def __init__(self, file: io.BytesIO) -> None:
        self._zip = zipfile.ZipFile(file, "w")

    def write(self, pack_uri, blob: bytes) -> None:
        member = zipfile.ZipInfo(pack_uri.membername, date_time=(1980, 1, 1, 0, 0, 0))
        member.compress_type = zipfile.ZIP_DEFLATED
        self._zip.writestr(member, blob)

    def close(self) -> None:
        self._zip.close()


def docx_bytes(document: DocxDocument) -> bytes:
    """The document as .docx bytes with fixed zip timestamps, so that every run gives the same bytes.

    This is python-docx's Document.save with another physical writer: saving and then rewriting the zip
    with fixed timestamps gives the same bytes, but compresses everything twice (half the time of a report).
    """
    package = document.part.package
    for part in package.parts:
        part.before_marshal()
    buffer = io.BytesIO()
    writer = _FixedTimeZip(buffer)
    PackageWriter._write_content_types_stream(writer, package.parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    PackageWriter._write_parts(writer, package.parts)
    writer.close()
    return buffer.getvalue()


def save_reproducibly(document: DocxDocument, path: str | Path) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(docx_bytes(document))


def write_docx(body: Iterable[Block], path: str | Path, **properties) -> None:
    """Write `body` as a reproducible .docx (`properties`: title, author, comments, created)."""
    save_reproducibly(build_document(body, **properties), path)


# --- The three statistical tables, from values -------------------------------------------------

APPLICANTS = (  # applications column key, printed label under 申请人情况 (法人或其他组织 for legal_person.*)
    ("natural_person", "自然人"),
    ("legal_person.commercial", "商业\n企业"),
    ("legal_person.research", "科研\n机构"),
    ("legal_person.social_welfare", "社会公益组织"),
    ("legal_person.legal_service", "法律服务机构"),
    ("legal_person.other", "其他"),
)
LEGAL_PERSONS = tuple(key for key, _ in APPLICANTS[1:])
APPLICATION_COLUMNS = (*(key for key, _ in APPLICANTS), "total")

OTHER_2021 = (
    ("results.other.no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("results.other.unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("results.other.other", "3.其他"),
)


def _results(other: tuple[str | None, tuple[tuple[str, str], ...]]) -> tuple:
    """The rows under 三、本年度办理结果: (group label or None, ((row key, label), ...)). Without a group,
    the label spans both label columns."""
    return (
        (None, (("results.granted", "（一）予以公开"),)),
        (None, (("results.partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),)),
        ("（三）不予公开", (
            ("results.withheld.state_secret", "1.属于国家秘密"),
            ("results.withheld.prohibited_by_law", "2.其他法律行政法规禁止公开"),
            ("results.withheld.security_stability", "3.危及“三安全一稳定”"),
            ("results.withheld.third_party_rights", "4.保护第三方合法权益"),
            ("results.withheld.internal_affairs", "5.属于三类内部事务信息"),
            ("results.withheld.process_information", "6.属于四类过程性信息"),
            ("results.withheld.enforcement_files", "7.属于行政执法案卷"),
            ("results.withheld.query_matters", "8.属于行政查询事项"),
        )),
        ("（四）无法提供", (
            ("results.unavailable.not_held", "1.本机关不掌握相关政府信息"),
            ("results.unavailable.needs_creation", "2.没有现成信息需要另行制作"),
            ("results.unavailable.unclear", "3.补正后申请内容仍不明确"),
        )),
        ("（五）不予处理", (
            ("results.not_processed.complaint", "1.信访举报投诉类申请"),
            ("results.not_processed.repeated", "2.重复申请"),
            ("results.not_processed.publication", "3.要求提供公开出版物"),
            ("results.not_processed.excessive", "4.无正当理由大量反复申请"),
            ("results.not_processed.confirmation", "5.要求行政机关确认或重新出具已获取信息"),
        )),
        other,
        (None, (("results.total", "（七）总计"),)),
    )


RESULTS = {
    "2021": _results(("（六）其他处理", OTHER_2021)),
    "2019": _results((None, (("results.other", "（六）其他处理"),))),
}


def result_leaves(template: str) -> list[str]:
    """Row keys of the result leaves (the rows that add up to results.total)."""
    return [key for _, rows in RESULTS[template] for key, _ in rows if key != "results.total"]


def application_rows(template: str) -> list[str]:
    return ["new_received", "carried_over", *result_leaves(template), "results.total", "carried_forward"]


REVIEW_ROWS = ("review", "litigation.direct", "litigation.after_review")
REVIEW_OUTCOMES = (("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"), ("pending", "尚未审结"), ("total", "总计"))

# 主动公开: per template, blocks of (item heading, header row, ((row key, label), ...), column keys, spans of
# the value cells). The header and the value cells of a row share the spans; 4 grid columns in all.
ACTIVE = {
    "2021": (
        ("第二十条第（一）项", ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
         (("regulations", "规章"), ("normative_documents", "行政规范性文件")), ("issued", "repealed", "in_force"), (1, 1, 1)),
        ("第二十条第（五）项", ("信息内容", "本年处理决定数量"),
         (("administrative_licensing", "行政许可"),), ("decisions",), (3,)),
        ("第二十条第（六）项", ("信息内容", "本年处理决定数量"),
         (("administrative_penalty", "行政处罚"), ("administrative_coercion", "行政强制")), ("decisions",), (3,)),
        ("第二十条第（八）项", ("信息内容", "本年收费金额（单位：万元）"),
         (("administrative_fees", "行政事业性收费"),), ("fee_amount",), (3,)),
    ),
    "2019": (
        ("第二十条第（一）项", ("信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"),
         (("regulations", "规章"), ("normative_documents", "规范性文件")), ("new_made", "new_published", "total_published"), (1, 1, 1)),
        ("第二十条第（五）项", ("信息内容", "上一年项目数量", "本年增/减", "处理决定数量"),
         (("administrative_licensing", "行政许可"), ("other_external_services", "其他对外管理服务事项")),
         ("prior_year_items", "change", "decisions"), (1, 1, 1)),
        ("第二十条第（六）项", ("信息内容", "上一年项目数量", "本年增/减", "处理决定数量"),
         (("administrative_penalty", "行政处罚"), ("administrative_coercion", "行政强制")), ("prior_year_items", "change", "decisions"), (1, 1, 1)),
        ("第二十条第（八）项", ("信息内容", "上一年项目数量", "本年增/减"),
         (("administrative_fees", "行政事业性收费"),), ("prior_year_items", "change"), (1, 2)),
        ("第二十条第（九）项", ("信息内容", "采购项目数量", "采购总金额"),
         (("centralized_procurement", "政府集中采购"),), ("procurement_items", "procurement_amount"), (1, 2)),
    ),
}

APPLICATIONS_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
SUBTOTAL_LABEL = "法人或其他组织小计"


def _relabel(labels: Mapping[str, str] | None):
    """label → its variant in `labels` (matched as printed, or with its line breaks removed)."""
    labels = labels or {}
    return lambda text: labels.get(text, labels.get(text.replace("\n", ""), text))


def _number(text: str) -> int | float | None:
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return None


def _subtotal(values: Values, row: str, default: str) -> str:
    given = values.get(("applications", row, "legal_person.subtotal"))
    if given is not None:
        return given
    numbers = [_number(values.get(("applications", row, key), default)) for key in LEGAL_PERSONS]
    total = sum(n for n in numbers if n is not None)
    return f"{total:g}" if isinstance(total, float) else str(total)


def applications_table(values: Values, template: str, *, extra_subtotal: bool = False,
                       labels: Mapping[str, str] | None = None, default: str = "0") -> Table:
    """收到和处理政府信息公开申请情况, laid out like the official template of `template` ("2019"/"2021").

    `extra_subtotal` adds a 法人或其他组织小计 column after 其他 (values[("applications", row,
    "legal_person.subtotal")], or the sum of the five legal-person columns); `labels` maps printed
    labels to variants ({"商业企业": "企业", "总计": "合计"}); a missing value prints `default`.
    """
    label = _relabel(labels)
    legal_headers = [label(text) for _, text in APPLICANTS[1:]] + ([label(SUBTOTAL_LABEL)] if extra_subtotal else [])
    n_values = len(APPLICATION_COLUMNS) + extra_subtotal
    grid = (754, 921, 3271 - 685 * extra_subtotal, *(685,) * n_values)

    def cells(row: str) -> list[str]:
        line = [values.get(("applications", row, key), default) for key in APPLICATION_COLUMNS]
        if extra_subtotal:
            line.insert(len(APPLICANTS), _subtotal(values, row, default))
        return line

    rows: list[list[Cell | str]] = [
        [Cell(label(APPLICATIONS_NOTE), cols=3, rows=3), Cell(label("申请人情况"), cols=n_values)],
        [Cell(label("自然人"), rows=2), Cell(label("法人或其他组织"), cols=len(legal_headers)), Cell(label("总计"), rows=2)],
        legal_headers,
        [Cell(label("一、本年新收政府信息公开申请数量"), cols=3), *cells("new_received")],
        [Cell(label("二、上年结转政府信息公开申请数量"), cols=3), *cells("carried_over")],
    ]
    results = RESULTS[template]
    n_results = sum(len(leaves) for _, leaves in results)
    for group, leaves in results:
        for i, (key, text) in enumerate(leaves):
            row: list[Cell | str] = [Cell(label("三、本年度办理结果"), rows=n_results)] if key == "results.granted" else []
            if group is None:
                row.append(Cell(label(text), cols=2))
            else:
                row += [Cell(label(group), rows=len(leaves))] if i == 0 else []
                row.append(label(text))
            rows.append(row + cells(key))
    rows.append([Cell(label("四、结转下年度继续办理"), cols=3), *cells("carried_forward")])
    return Table(grid=grid, rows=rows)


def review_table(values: Values, *, labels: Mapping[str, str] | None = None, default: str = "0") -> Table:
    """政府信息公开行政复议、行政诉讼情况 (15 grid columns; the same in both templates)."""
    label = _relabel(labels)
    outcomes = [label(text) for _, text in REVIEW_OUTCOMES]
    return Table(
        grid=(649,) * 7 + (650,) * 8,
        rows=[
            [Cell(label("行政复议"), cols=5), Cell(label("行政诉讼"), cols=10)],
            [*(Cell(text, rows=2) for text in outcomes), Cell(label("未经复议直接起诉"), cols=5), Cell(label("复议后起诉"), cols=5)],
            [*outcomes, *outcomes],
            [values.get(("review_litigation", row, key), default) for row in REVIEW_ROWS for key, _ in REVIEW_OUTCOMES],
        ],
    )


def active_table(values: Values, template: str, *, labels: Mapping[str, str] | None = None, default: str = "0") -> Table:
    """主动公开政府信息情况 of `template` (4 grid columns; the blocks of ACTIVE)."""
    label = _relabel(labels)
    rows: list[list[Cell | str]] = []
    for item, header, items, columns, spans in ACTIVE[template]:
        rows.append([Cell(label(item), cols=4)])
        rows.append([label(header[0]), *(Cell(label(text), cols=span) for text, span in zip(header[1:], spans))])
        for key, text in items:
            printed = [values.get(("active_disclosure", key, column), default) for column in columns]
            rows.append([label(text), *(Cell(value, cols=span) for value, span in zip(printed, spans))])
    return Table(grid=(2435,) * 4, rows=rows)


# --- Consistent random values ------------------------------------------------------------------


def _count(rng: random.Random, scale: int, p_zero: float = 0.6) -> int:
    """A small count: often zero, otherwise roughly exponential with mean `scale`."""
    return 0 if rng.random() < p_zero else 1 + int(rng.expovariate(1 / scale))


def random_values(template: str, rng: random.Random) -> dict[tuple[str, str, str], str]:
    """Values for all three tables, consistent by construction.

    applications, per applicant column: results.total = sum of the result leaves and new_received +
    carried_over = results.total + carried_forward; the total column is the sum of the applicant columns.
    review_litigation: each row's total is the sum of its four outcomes. Many cells are zero.
    """
    values: dict[tuple[str, str, str], str] = {}
    leaves = result_leaves(template)
    busy = rng.random()  # from an office that gets no applications (busy < 0.1) to a busy bureau
    totals = dict.fromkeys(application_rows(template), 0)
    for column, _ in APPLICANTS:
        natural = column == "natural_person"
        scale = 0 if busy < 0.1 or not (natural or rng.random() < 0.4) else 1 + int((60 if natural else 6) * busy ** 2)
        counts = {key: _count(rng, scale, 0.6 if natural else 0.85) if scale else 0 for key in leaves}
        counts["results.granted"] += _count(rng, scale, 0.3) if scale else 0
        counts["results.total"] = sum(counts[key] for key in leaves)
        counts["carried_forward"] = _count(rng, max(1, scale // 5), 0.8) if scale else 0
        counts["carried_over"] = min(_count(rng, max(1, scale // 5), 0.8), counts["results.total"] + counts["carried_forward"])
        counts["new_received"] = counts["results.total"] + counts["carried_forward"] - counts["carried_over"]
        for row, n in counts.items():
            values["applications", row, column] = str(n)
            totals[row] += n
    for row, n in totals.items():
        values["applications", row, "total"] = str(n)

    for row in REVIEW_ROWS:
        outcomes = [_count(rng, 2, 0.8) for _ in REVIEW_OUTCOMES[:-1]]
        for (key, _), n in zip(REVIEW_OUTCOMES, [*outcomes, sum(outcomes)]):
            values["review_litigation", row, key] = str(n)

    for _, _, items, columns, _ in ACTIVE[template]:
        for key, _ in items:
            for column, text in _active_cells(rng, template, key, columns).items():
                values["active_disclosure", key, column] = text
    return values


def _active_cells(rng: random.Random, template: str, row: str, columns: tuple[str, ...]) -> dict[str, str]:
    if template == "2021":
        if row in ("regulations", "normative_documents"):
            issued, repealed = _count(rng, 4, 0.5), _count(rng, 2, 0.7)
            return {"issued": str(issued), "repealed": str(repealed), "in_force": str(issued + _count(rng, 20, 0.3))}
        if row == "administrative_fees":
            return {"fee_amount": "0" if rng.random() < 0.6 else f"{rng.uniform(0.5, 900):.2f}"}
        return {"decisions": str(_count(rng, 150, 0.4))}
    if row in ("regulations", "normative_documents"):
        made = _count(rng, 4, 0.5)
        published = min(made, _count(rng, 4, 0.3))
        return {"new_made": str(made), "new_published": str(published), "total_published": str(published + _count(rng, 20, 0.3))}
    if row == "centralized_procurement":
        items = _count(rng, 15, 0.5)
        return {"procurement_items": str(items), "procurement_amount": f"{rng.uniform(5, 3000):.2f}" if items else "0"}
    cells = {"prior_year_items": str(_count(rng, 30, 0.4)), "change": str(rng.choice((0, 0, 0, 1, 2, -1, -3)))}
    if "decisions" in columns:
        cells["decisions"] = str(_count(rng, 150, 0.4))
    return cells


# --- Prose -------------------------------------------------------------------------------------

OPENERS = ("全年，", "一年来，", "报告期内，", "同时，", "此外，", "与此同时，", "")
ACTORS = ("我单位", "我局", "本机关", "各科室", "办公室", "政务公开工作领导小组", "相关业务科室")
ACTIONS = (
    "认真贯彻落实《中华人民共和国政府信息公开条例》", "坚持以公开为常态、不公开为例外", "进一步完善政务公开工作机制",
    "严格落实信息发布“三审三校”制度", "持续加强政府信息公开保密审查", "扎实推进基层政务公开标准化规范化建设",
    "及时调整充实政务公开工作领导小组", "定期组织政务公开业务培训", "不断优化政府信息公开申请办理流程",
    "主动做好重要政策解读", "加强政府网站和政务新媒体日常监管", "强化政府信息公开工作考核",
)
AIMS = (
    "切实保障人民群众的知情权、参与权、表达权和监督权", "推动政务公开工作提质增效", "确保各项工作任务落到实处",
    "不断提升政府工作透明度", "进一步增强政府公信力和执行力", "为经济社会高质量发展营造良好环境",
    "做到应公开尽公开", "有效回应社会关切", "提高群众满意度和获得感",
)
DETAILS = (  # {n}: a count drawn from the range; {part}: at most n; {many}: 10–40 times n
    ("通过政府门户网站、政务新媒体、公开栏等渠道及时发布各类信息{n}条", (30, 3000)),
    ("全年召开专题会议{n}次，研究部署政务公开重点工作", (2, 12)),
    ("组织开展业务培训{n}场次，参训人员{many}人次", (1, 10)),
    ("对{n}件规范性文件开展清理评估，结果已向社会公布", (1, 40)),
    ("发布政策解读材料{n}篇，其中图文解读{part}篇", (3, 120)),
    ("在线回复网民留言{n}条，按期办结率100%", (5, 800)),
    ("更新完善政府信息公开指南和目录{n}项", (1, 30)),
    ("开展保密审查{n}次，未发生失泄密事件", (10, 400)),
)
SUBSECTIONS = (
    ("（一）主动公开", ("财政预决算", "重大建设项目", "公共资源配置", "社会公益事业", "权责清单")),
    ("（二）依申请公开", ("申请受理", "答复审核", "登记归档", "法律顾问把关")),
    ("（三）政府信息管理", ("公文公开属性源头认定", "信息发布审核", "规范性文件动态管理", "政府信息公开目录")),
    ("（四）政府信息公开平台建设", ("政府门户网站", "政务新媒体", "政务服务大厅", "政务公开专区")),
)
PROBLEMS = (
    "一是政策解读的形式还不够丰富，图解、视频等解读占比较低；二是基层工作人员业务能力有待进一步提升。",
    "一是信息公开的及时性有待加强；二是公开内容与群众需求的契合度还不够高。",
    "一是政务新媒体互动回应不够及时；二是部分栏目内容更新频率偏低。",
)


def sentence(rng: random.Random, topic: str | None = None) -> str:
    """One sentence of plausible administrative prose, sometimes about `topic`."""
    action = rng.choice(ACTIONS)
    if topic is not None and rng.random() < 0.3:
        action = f"围绕{topic}工作，{action}"
    detail = ""
    if rng.random() < 0.5:
        text, (low, high) = rng.choice(DETAILS)
        n = rng.randint(low, high)
        detail = "，" + text.format(n=n, part=rng.randint(1, n), many=n * rng.randint(10, 40))
    return f"{rng.choice(OPENERS)}{rng.choice(ACTORS)}{action}{detail}，{rng.choice(AIMS)}。"


def paragraph(rng: random.Random, topic: str | None = None, sentences: tuple[int, int] = (2, 4)) -> str:
    return "".join(sentence(rng, topic) for _ in range(rng.randint(*sentences)))


def summary_sentence(values: Values, year: int) -> str:
    """A narrative sentence quoting the applications table's new_received and results.total totals."""
    received = values.get(("applications", "new_received", "total"), "0")
    handled = values.get(("applications", "results.total", "total"), "0")
    return f"{year}年，本机关共收到政府信息公开申请{received}件，办理{handled}件，均在法定期限内予以答复。"


# --- A whole report ----------------------------------------------------------------------------


def report_title(agency: str, year: int) -> str:
    return f"{agency}{year}年政府信息公开工作年度报告"


def report_body(template: str, values: Values, *, agency: str, year: int, published: date,
                narrative: str | None = None, rng: random.Random | None = None, padding: bool = True,
                extra_subtotal: bool = False, labels: Mapping[str, str] | None = None) -> list[Block]:
    """A whole report in document order, with the tables of `template` built from `values`.

    `narrative`: a sentence printed before the applications table (see summary_sentence), none if None.
    `padding`: 2–4 paragraphs of prose per sub-section (≈10 KB of text in all), else one short paragraph;
    the prose comes from `rng` (by default seeded from agency and year). `extra_subtotal` and `labels`
    go to applications_table (`labels` to all three tables).
    """
    rng = rng or random.Random(f"{agency}{year}")
    many = (2, 4) if padding else (1, 1)
    sentences = (2, 4) if padding else (1, 1)

    def prose(topic: str | None = None) -> list[str]:
        return [paragraph(rng, topic, sentences) for _ in range(rng.randint(*many))]

    body: list[Block] = [
        report_title(agency, year),
        "",
        "一、总体情况",
        f"{year}年，{agency}{rng.choice(ACTIONS)}，{rng.choice(AIMS)}。"
        f"本报告由{agency}编制，所列数据的统计时限为{year}年1月1日至{year}年12月31日。",
    ]
    for heading, topics in SUBSECTIONS:
        body += [heading, *prose(rng.choice(topics))]
    body += [
        "二、主动公开政府信息情况",
        active_table(values, template, labels=labels),
        "",
        "三、收到和处理政府信息公开申请情况",
        *([narrative] if narrative is not None else []),
        applications_table(values, template, extra_subtotal=extra_subtotal, labels=labels),
        "",
        "四、政府信息公开行政复议、行政诉讼情况",
        review_table(values, labels=labels),
        "",
        "五、存在的主要问题及改进情况",
        rng.choice(PROBLEMS),
        *prose(),
        "六、其他需要报告的事项",
        f"本机关{year}年度未收取信息处理费。" if rng.random() < 0.8 else "无。",
        "",
        agency,
        f"{published.year}年{published.month}月{published.day}日",
    ]
    return body


CITIES = ("江岸区", "武昌区", "洪山区", "淮安市", "清江浦区", "余杭区", "西湖区", "南山区", "天河区", "金水区")
OFFICES = ("人民政府办公室", "发展和改革局", "财政局", "教育局", "民政局", "自然资源和规划局", "生态环境局",
           "住房和城乡建设局", "交通运输局", "卫生健康委员会", "市场监督管理局", "人民政府二七街道办事处",
           "人民政府新华街道办事处", "城市管理执法局", "应急管理局", "司法局")


@dataclass(frozen=True)
class SyntheticReport:
    template: str
    agency: str
    year: int
    published: date
    values: dict[tuple[str, str, str], str]
    body: list[Block]

    @property
    def title(self) -> str:
        return report_title(self.agency, self.year)

    def write_docx(self, path: str | Path) -> None:
        write_docx(self.body, path, title=self.title, author=self.agency,
                   created=datetime(self.published.year, self.published.month, self.published.day))

    def write_text(self, path: str | Path) -> None:
        write_text(self.body, path)

    def html(self) -> str:
        """The report as its web page (see to_html)."""
        return to_html(self.body, title=self.title, published=self.published.isoformat(), agency=self.agency)

    def page_text(self, rng: random.Random | None = None, **noise) -> str:
        """The report as a crawler's page text (see to_page_text), with its crawler header and site chrome."""
        header = {"title": self.title, "published": self.published.isoformat(), "agency": self.agency}
        return to_page_text(self.body, header=header, rng=rng, chrome="当前位置：首页 > 政务公开 > 政府信息公开年报 ", **noise)


def random_report(rng: random.Random, template: str | None = None) -> SyntheticReport:
    """A random agency's report for a year that used `template` (2019 format: 2019–2020 reports)."""
    template = template or rng.choice(("2019", "2021"))
    year = rng.choice((2019, 2020)) if template == "2019" else rng.randint(2021, 2024)
    agency = rng.choice(CITIES) + rng.choice(OFFICES)
    published = date(year + 1, 1, rng.randint(10, 31))
    values = random_values(template, rng)
    body = report_body(template, values, agency=agency, year=year, published=published,
                       narrative=summary_sentence(values, year), rng=rng)
    return SyntheticReport(template, agency, year, published, values, body)


# --- Narratives for copy-paste detection ---------------------------------------------------------

OPENING = "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和上级有关要求，{agency}编制本报告。"
NAME_CHARS = "东南西北中华安康宁泰和平永兴隆昌盛福瑞祥丰裕富民新城乡湖山河溪桥园林港湾星辰光明锦绣金银玉龙凤云海"
SPECIFICS = ("完成{name}项目信息公开{n}项", "在{name}社区设立政务公开专区", "联合{name}街道开展“政府开放日”活动",
             "对{name}片区{n}个重点领域信息进行梳理", "{name}路改造工程征收补偿信息全部公开", "{name}学校招生政策解读{n}篇")


def narrative_sentence(rng: random.Random) -> str:
    """A sentence of the generic prose with a clause only this agency would print (a place, a project)."""
    name = "".join(rng.choice(NAME_CHARS) for _ in range(rng.randint(2, 4)))
    specific = rng.choice(SPECIFICS).format(name=name, n=rng.randint(2, 90))
    return sentence(rng).replace("，", f"，{specific}，", 1)


def random_narrative(rng: random.Random, agency: str, sentences: tuple[int, int] = (12, 24)) -> dict[str, str]:
    """The narrative sections (overview, problems, other) of one report: the standard opening, then prose."""
    def prose(n: int) -> str:
        return "".join(narrative_sentence(rng) for _ in range(n))

    return {"overview": OPENING.format(agency=agency) + prose(rng.randint(*sentences)),
            "problems": rng.choice(PROBLEMS) + prose(rng.randint(3, 6)),
            "other": "本机关未收取信息处理费。" + (prose(2) if rng.random() < 0.5 else "")}


def main(argv: list[str]) -> None:
    out, n, seed = Path(argv[0]), int(argv[1]) if len(argv) > 1 else 10, int(argv[2]) if len(argv) > 2 else 0
    rng = random.Random(seed)
    for i in range(n):
        report = random_report(rng)
        report.write_docx(out / f"{i:05d}-{report.template}.docx")
        report.write_text(out / f"{i:05d}-{report.template}.txt")
    print(f"wrote {n} reports (.docx and .txt) to {out}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__.rsplit("Usage: ", 1)[1])
    main(sys.argv[1:])
