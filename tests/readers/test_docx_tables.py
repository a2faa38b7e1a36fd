"""docx tables at the w:tc level: each merged cell read once at its anchor, with its spans (readers/docx_tables.py).

Every test builds its document by hand (tests/docx_xml.py) and draws the grid it builds.
"""
from __future__ import annotations

from conftest import CORPUS, shared_file
from docx_xml import docx, p, tbl, tc, tr
from extractor.model import Cell, Message, Paragraph, Table
from extractor.readers.docx import read_docx


def read(body: str) -> tuple[list, list[Message]]:
    return read_docx(docx(body))


def read_table(body: str) -> Table:
    """The one table of a document that reads without warnings."""
    blocks, messages = read(body)
    assert messages == []
    [table] = [b for b in blocks if isinstance(b, Table)]
    return table


# 1. w:gridSpan

def test_grid_span_is_one_cell_and_the_next_cell_starts_after_it():
    # +-----+-----+-----+
    # | A (span 2)|  B  |
    # +-----+-----+-----+
    # |  C  |  D  |  E  |
    # +-----+-----+-----+
    table = read_table(tbl(3, tr(tc("A", span=2), tc("B")), tr(tc("C"), tc("D"), tc("E"))))
    assert (table.n_rows, table.n_cols) == (2, 3)
    assert table.cells == (
        Cell(0, 0, "A", col_span=2), Cell(0, 2, "B"),
        Cell(1, 0, "C"), Cell(1, 1, "D"), Cell(1, 2, "E"),
    )


# 2–4. w:vMerge

def test_vertical_merge_is_stored_once_and_the_grid_points_every_slot_to_it():
    # +-----+-----+
    # |  A  |  B  |
    # |     +-----+
    # |     |  C  |
    # |     +-----+
    # |     |  D  |
    # +-----+-----+
    table = read_table(tbl(
        2,
        tr(tc("A", vmerge="restart"), tc("B")),
        tr(tc(vmerge="continue"), tc("C")),
        tr(tc(vmerge="continue"), tc("D")),
    ))
    assert (table.n_rows, table.n_cols) == (3, 2)
    assert table.cells == (Cell(0, 0, "A", row_span=3), Cell(0, 1, "B"), Cell(1, 1, "C"), Cell(2, 1, "D"))
    assert [c for c in table.cells if c.col == 0 and c.row > 0] == []
    a = table.cells[0]
    assert [row[0] for row in table.grid()] == [a, a, a]
    assert all(row[0] is a for row in table.grid())


def test_vmerge_without_val_means_continue():
    # +-----+-----+
    # |  A  |  B  |     A: <w:vMerge w:val="restart"/>
    # |     +-----+
    # |     |  C  |     <w:vMerge/>
    # +-----+-----+
    table = read_table(tbl(
        2,
        tr(tc("A", vmerge="restart"), tc("B")),
        tr('<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>', tc("C")),
    ))
    assert table.cells == (Cell(0, 0, "A", row_span=2), Cell(0, 1, "B"), Cell(1, 1, "C"))


def test_vmerge_with_grid_span_folds_the_templates_three_by_three_corner():
    # +-----+-----+-----+-----+
    # |                 |  X  |   gridSpan 3 + vMerge restart
    # |                 +-----+
    # |     corner      |  Y  |   gridSpan 3 + vMerge continue
    # |                 +-----+
    # |                 |  Z  |   gridSpan 3 + vMerge continue
    # +-----+-----+-----+-----+
    table = read_table(tbl(
        4,
        tr(tc("corner", span=3, vmerge="restart"), tc("X")),
        tr(tc(span=3, vmerge="continue"), tc("Y")),
        tr(tc(span=3, vmerge="continue"), tc("Z")),
    ))
    assert (table.n_rows, table.n_cols) == (3, 4)
    assert table.cells == (Cell(0, 0, "corner", 3, 3), Cell(0, 3, "X"), Cell(1, 3, "Y"), Cell(2, 3, "Z"))


# 5. w:gridBefore / w:gridAfter

def test_grid_before_shifts_the_first_cell_and_grid_after_counts_in_the_width():
    # +-----+-----+ - - + - - +
    # |  A  |  B  |  gridAfter 2
    # +-----+-----+-----+ - - +
    # :     |  C  |  D  |        gridBefore 1, gridAfter 1
    # + - - +-----+-----+ - - +
    table = read_table(tbl(4, tr(tc("A"), tc("B"), after=2), tr(tc("C"), tc("D"), before=1, after=1)))
    assert (table.n_rows, table.n_cols) == (2, 4)
    assert table.cells == (Cell(0, 0, "A"), Cell(0, 1, "B"), Cell(1, 1, "C"), Cell(1, 2, "D"))


def test_vertical_merge_lines_up_across_grid_before():
    # +-----+-----+
    # |  A  |  B  |   B: vMerge restart
    # +-----+     +
    # :     |     |   gridBefore 1, vMerge continue
    # + - - +-----+
    table = read_table(tbl(2, tr(tc("A"), tc("B", vmerge="restart")), tr(tc(vmerge="continue"), before=1)))
    assert table.cells == (Cell(0, 0, "A"), Cell(0, 1, "B", row_span=2))


# 6. Cell text

def test_line_breaks_and_paragraphs_in_a_cell_become_newlines():
    # +--------------------+
    # | 第一行 <br/> 第二行 |
    # | 第三段              |   (second w:p)
    # +--------------------+
    content = "<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t></w:r></w:p>" + p("第三段")
    table = read_table(tbl(1, tr(tc(content=content))))
    assert table.cells == (Cell(0, 0, "第一行\n第二行\n第三段"),)


def test_text_box_text_in_a_cell_is_read_once():
    # +--------------------+
    # | 正文 [text box: 框] |   w:txbxContent inside a run of the cell's paragraph
    # +--------------------+
    content = (
        "<w:p><w:r><w:t>正文</w:t></w:r><w:r><w:pict>"
        '<v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>'
        + p("框")
        + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
    )
    [cell] = read_table(tbl(1, tr(tc(content=content)))).cells
    assert "正文" in cell.text
    assert cell.text.count("框") == 1
def test_full_width_spaces_are_kept_as_the_cell_text():
    # +-----+------------+
    # | 规章 | \u3000\u3000 |
    # +-----+------------+
    table = read_table(tbl(2, tr(tc("规章"), tc("\u3000\u3000"))))
    assert table.cells == (Cell(0, 0, "规章"), Cell(0, 1, "\u3000\u3000"))


# 7–8. Tracked changes

def test_deleted_row_is_skipped_and_the_next_row_takes_its_index():
    # +-----+-----+
    # |  A  |  B  |   row 0
    # +-----+-----+
    # |  X  |  Y  |   w:trPr/w:del: not read
    # +-----+-----+
    # |  C  |  D  |   row 1
    # +-----+-----+
    table = read_table(tbl(2, tr(tc("A"), tc("B")), tr(tc("X"), tc("Y"), deleted=True), tr(tc("C"), tc("D"))))
    assert (table.n_rows, table.n_cols) == (2, 2)
    assert table.cells == (Cell(0, 0, "A"), Cell(0, 1, "B"), Cell(1, 0, "C"), Cell(1, 1, "D"))


def test_vertical_merge_continues_across_a_deleted_row():
    # +-----+-----+
    # |  A  |  B  |   row 0, A: vMerge restart
    # |     +-----+
    # |     |  X  |   deleted row (A continues): not read
    # |     +-----+
    # |     |  C  |   row 1, A continues
    # +-----+-----+
    table = read_table(tbl(
        2,
        tr(tc("A", vmerge="restart"), tc("B")),
        tr(tc(vmerge="continue"), tc("X"), deleted=True),
        tr(tc(vmerge="continue"), tc("C")),
    ))
    assert table.n_rows == 2
    assert table.cells == (Cell(0, 0, "A", row_span=2), Cell(0, 1, "B"), Cell(1, 1, "C"))


def test_tracked_insertion_is_kept_and_deleted_text_is_not():
    # +--------------------------------+
    # | 保留 <ins>插入</ins> <del>删除</del> |
    # +--------------------------------+
    content = (
        "<w:p><w:r><w:t>保留</w:t></w:r>"
        '<w:ins w:id="1" w:author="test"><w:r><w:t>插入</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="test"><w:r><w:delText>删除</w:delText></w:r></w:del></w:p>'
    )
    table = read_table(tbl(1, tr(tc(content=content))))
    assert table.cells == (Cell(0, 0, "保留插入"),)


# 9. Content controls (w:sdt)

def test_table_inside_a_content_control_is_read_in_document_order():
    # 前
    # <w:sdt> +-----+
    #         |  A  |
    #         +-----+
    # 后
    blocks, messages = read(p("前") + f"<w:sdt><w:sdtPr/><w:sdtContent>{tbl(1, tr(tc('A')))}</w:sdtContent></w:sdt>" + p("后"))
    assert messages == []
    assert blocks == [Paragraph("前", 0), Table(0, 1, 1, 1, (Cell(0, 0, "A"),)), Paragraph("后", 2)]


def test_cells_wrapped_in_a_cell_level_content_control_are_read():
    # +-----------+-----+
    # | <sdt> A   |  B  |
    # +-----------+-----+
    sdt_cell = f"<w:sdt><w:sdtPr/><w:sdtContent>{tc('A')}</w:sdtContent></w:sdt>"
    table = read_table(tbl(2, tr(sdt_cell, tc("B"))))
    assert table.cells == (Cell(0, 0, "A"), Cell(0, 1, "B"))


def test_rows_wrapped_in_a_row_level_content_control_are_read():
    # +-----+
    # |  A  |
    # +-----+
    # |  B  |   <w:sdt> around the w:tr
    # +-----+
    table = read_table(tbl(1, tr(tc("A")), f"<w:sdt><w:sdtPr/><w:sdtContent>{tr(tc('B'))}</w:sdtContent></w:sdt>"))
    assert table.cells == (Cell(0, 0, "A"), Cell(1, 0, "B"))


# 10. Merges that do not line up

def test_vmerge_continue_that_does_not_line_up_is_its_own_cell_with_a_warning():
    # +-----+-----+
    # | A (span 2)|   vMerge restart, gridSpan 2
    # +-----+-----+
    # |  B  |  C  |   B: vMerge continue, but spans 1 column
    # +-----+-----+
    blocks, messages = read(tbl(2, tr(tc("A", span=2, vmerge="restart")), tr(tc("B", vmerge="continue"), tc("C"))))
    [table] = blocks
    assert table.cells == (Cell(0, 0, "A", col_span=2), Cell(1, 0, "B"), Cell(1, 1, "C"))
    assert [m.code for m in messages] == ["merge_mismatch"]
    assert "row 1, column 0" in messages[0].where


# 11. Legacy w:hMerge

def test_legacy_hmerge_folds_into_one_cell():
    # +-----+-----+-----+
    # | A (hMerge)|  B  |   hMerge restart, hMerge continue
    # +-----+-----+-----+
    # |  C  |  D  |  E  |
    # +-----+-----+-----+
    table = read_table(tbl(
        3,
        tr(tc("A", hmerge="restart"), tc(hmerge="continue"), tc("B")),
        tr(tc("C"), tc("D"), tc("E")),
    ))
    assert (table.n_rows, table.n_cols) == (2, 3)
    assert table.cells == (
        Cell(0, 0, "A", col_span=2), Cell(0, 2, "B"),
        Cell(1, 0, "C"), Cell(1, 1, "D"), Cell(1, 2, "E"),
    )


def test_legacy_hmerge_and_vmerge_together_fold_into_one_block():
    # +-----+-----+-----+
    # |           |  B  |   both slots: hMerge restart/continue + vMerge restart
    # |  A (2x2)  +-----+
    # |           |  C  |   both slots: hMerge restart/continue + vMerge continue
    # +-----+-----+-----+
    table = read_table(tbl(
        3,
        tr(tc("A", hmerge="restart", vmerge="restart"), tc(hmerge="continue", vmerge="restart"), tc("B")),
        tr(tc(hmerge="restart", vmerge="continue"), tc(hmerge="continue", vmerge="continue"), tc("C")),
    ))
    assert table.cells == (Cell(0, 0, "A", 2, 2), Cell(0, 2, "B"), Cell(1, 2, "C"))


# 12. Nested tables

def test_nested_table_text_belongs_to_the_outer_cell():
    # +----------------------+-----+
    # | 外                    |  B  |
    # | +-----+-----+        |     |
    # | | 内1 | 内2 |        |     |
    # | +-----+-----+        |     |
    # | (empty w:p)          |     |   a cell must end with a paragraph
    # +----------------------+-----+
    inner = tbl(2, tr(tc("内1"), tc("内2")))
    blocks, messages = read(tbl(2, tr(tc(content=p("外") + inner + p()), tc("B"))))
    assert messages == []
    [table] = blocks
    assert (table.n_rows, table.n_cols) == (1, 2)
    assert table.cells == (Cell(0, 0, "外\n内1\n内2\n"), Cell(0, 1, "B"))


# 14. The official 2021 template

def test_official_template_reads_with_its_merges():
    blocks, messages = read_docx(shared_file(CORPUS / "template2021-blank.docx").read_bytes())
    assert messages == []
    tables = [b for b in blocks if isinstance(b, Table)]
    assert [(t.n_rows, t.n_cols) for t in tables] == [(14, 4), (28, 10), (4, 15)]
    assert [len(t.cells) for t in tables] == [30, 215, 34]

    active, applications, review = tables
    anchors = {(c.row, c.col): c for c in applications.cells}
    assert (anchors[0, 0].row_span, anchors[0, 0].col_span) == (3, 3)
    assert anchors[5, 0].text == "三、本年度办理结果"
    assert anchors[5, 0].row_span == 22
    assert anchors[0, 3].text == "申请人情况"
    assert anchors[0, 3].col_span == 7

    review_anchors = {(c.row, c.col): c for c in review.cells}
    assert review_anchors[0, 5].text == "行政诉讼"
    assert review_anchors[0, 5].col_span == 10
