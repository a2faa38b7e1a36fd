"""Property tests: random bytes, random flattened text and random grids never crash a reader, and no number
printed in a table disappears silently — it is in a cell record or named in a warning."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import extractor
from docx_xml import docx, p, tbl, tc, tr
from extractor.errors import ExtractorError
from extractor.readers import read_bytes
from extractor.readers.ragged import align
from extractor.readers.text import read_text

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CELL_TEXT = st.one_of(st.integers(0, 99999).map(str), st.sampled_from(["", "/", "—", "自然人", "总计", "（一）予以公开", "商业\n企业"]),
                      st.text(alphabet="一二三四五六七八九十、（）.12 商业企业总计其他", max_size=12))


@SETTINGS
@given(st.binary(max_size=3000))
def test_random_bytes_either_read_or_raise_a_documented_error(data):
    try:
        read_bytes(data, "random")
    except ExtractorError as exc:
        assert exc.code and exc.message and "\n" not in exc.message


@SETTINGS
@given(st.lists(st.lists(CELL_TEXT, min_size=1, max_size=12), min_size=1, max_size=20))
def test_ragged_rows_become_a_tiling_grid_that_keeps_every_text(rows):
    n_rows, n_cols, cells = align(rows)
    covered = set()
    for cell in cells:
        slots = {(r, c) for r in range(cell.row, cell.row + cell.row_span) for c in range(cell.col, cell.col + cell.col_span)}
        assert not slots & covered and all(0 <= r < n_rows and 0 <= c < n_cols for r, c in slots)
        covered |= slots
    assert sorted(t for row in rows for t in row if t.strip()) == sorted(c.text for c in cells if c.text.strip())


@SETTINGS
@given(st.lists(st.one_of(st.lists(CELL_TEXT, min_size=1, max_size=9).map(lambda cells: "\n".join("\t" + c for c in cells) + "\n"),
                          st.sampled_from(["\n", "\n\n", "一、总体情况\n", "正文 2021年\n", "\r\n"])), max_size=40))
def test_random_flattened_text_reads_without_error(chunks):
    text = "".join(chunks)
    try:
        read_text(text.encode("utf-8"))
    except ExtractorError as exc:
        assert exc.code in ("binary_file", "undecodable_text")


ROW_LABELS = ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（一）予以公开", "3.其他", "（七）总计",
              "四、结转下年度继续办理", "五、未知的一行", "行政许可", "规章"]
HEADER = tr(tc("", vmerge="restart"), tc("自然人", vmerge="restart"), tc("法人或其他组织", span=5), tc("总计", vmerge="restart")) + tr(
    tc(vmerge="continue"), tc(vmerge="continue"), *[tc(x) for x in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")],
    tc(vmerge="continue"))


@st.composite
def grids(draw):
    """A 收到和处理 table with random rows: known or unknown labels, numbers, blanks, '/', missing or extra cells."""
    rows, numbers = [], []
    for _ in range(draw(st.integers(1, 8))):
        label = draw(st.sampled_from(ROW_LABELS))
        values = draw(st.lists(st.one_of(st.integers(100, 99999).map(str), st.sampled_from(["", "/", "0"])), min_size=5, max_size=9))
        numbers += [v for v in values if v.isdigit() and v != "0"]
        rows.append(tr(tc(label), *[tc(v) for v in values]))
    return "".join(rows), numbers


@SETTINGS
@given(grids())
def test_every_number_in_a_random_table_is_read_or_named_in_a_warning(grid):
    rows, numbers = grid
    report = extractor.parse_bytes(docx(p("三、收到和处理政府信息公开申请情况") + tbl(10, HEADER, rows)), "random.docx")
    read = {r.raw for r in report.records}
    warned = " ".join(w.message for w in report.warnings)
    lost = [n for n in numbers if n not in read and n not in warned]
    assert not lost, (lost, [w.as_dict() for w in report.warnings])
