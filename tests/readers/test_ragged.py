"""Flattened text tables get back the spans of the Word tables they came from.

The seed's three tables were exported from Word documents laid out like the official template; rebuilt from
their TAB lines, they must have exactly the template's merged cells (read from template2021-blank.docx).
"""
from __future__ import annotations

from conftest import CORPUS, shared_file
from extractor.readers import read
from extractor.readers.ragged import align


def _layout(table):
    return [(c.row, c.col, c.row_span, c.col_span) for c in table.cells]


def test_seed_tables_have_the_official_templates_merges(seed_path):
    seed = read(seed_path).tables
    template = read(shared_file(CORPUS / "template2021-blank.docx")).tables
    assert [(t.n_rows, t.n_cols) for t in seed] == [(t.n_rows, t.n_cols) for t in template]
    for rebuilt, official in zip(seed, template):
        assert _layout(rebuilt) == _layout(official)


def test_value_under_a_wide_header_stays_as_wide():
    # +------+--------------------+        rows as exported:
    # | 信息内容 | 本年处理决定数量 (3 cols) |   信息内容 | 本年处理决定数量
    # | 行政许可 | 5          (3 cols) |   行政许可 | 5
    # | 规章   | 1  | 2  | 3         |
    _, width, cells = align([["信息内容", "本年处理决定数量"], ["行政许可", "5"], ["规章", "1", "2", "3"]])
    assert width == 4
    assert [(c.text, c.col, c.col_span) for c in cells[:4]] == [("信息内容", 0, 1), ("本年处理决定数量", 1, 3), ("行政许可", 0, 1), ("5", 1, 3)]


def test_last_label_widens_to_meet_the_values():
    # | 三、办理结果 | （一）予以公开 (2) | 1 | 2 |
    # | (merged)   | （三）不予公开 | 1.国家秘密 | 0 | 0 |
    _, _, cells = align([["三、办理结果", "（一）予以公开", "1", "2"], ["", "（三）不予公开", "1.国家秘密", "0", "0"]])
    assert [(c.text, c.row, c.col, c.row_span, c.col_span) for c in cells[:2]] == [("三、办理结果", 0, 0, 2, 1), ("（一）予以公开", 0, 1, 1, 2)]


def test_blank_values_stay_cells_and_are_never_merged_upwards():
    _, _, cells = align([["一、新收", "1", "2"], ["二、结转", "", ""]])
    assert [(c.text, c.row, c.col) for c in cells if c.row == 1] == [("二、结转", 1, 0), ("", 1, 1), ("", 1, 2)]
