"""Plain-text reports: encodings, line endings, export artefacts and tables flattened into TAB lines."""
from __future__ import annotations

import pytest

from extractor.errors import ExtractorError
from extractor.model import Paragraph, Table
from extractor.readers import read_bytes
from extractor.readers.text import decode, read_text

# A two-row table in the export style: "商业" / "企业" is one cell printed over two lines.
FLAT = "标题\n\t自然人\n\t商业\n企业\n\n\t1\n\t2\n\n\n一、总体情况\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be"])
def test_every_supported_encoding_decodes_to_the_same_text(encoding):
    text = "二七街道2021年政府信息公开工作年度报告\n一、总体情况\n“三安全一稳定”\n"
    data = text.encode(encoding)
    assert decode(data) == text


def test_crlf_and_lone_cr_become_newlines():
    blocks, _ = read_text("一、总体情况\r\n正文\r二、主动公开政府信息情况\r\n".encode())
    assert [b.text for b in blocks] == ["一、总体情况", "正文", "二、主动公开政府信息情况"]


def test_bookmark_artefacts_are_dropped():
    blocks, _ = read_text("[bookmark: _GoBack]认真梳理行政服务事项".encode())
    assert blocks == [Paragraph("认真梳理行政服务事项", 0)]


def test_flattened_table_rows_cells_and_continuation_lines():
    blocks, _ = read_text(FLAT.encode())
    assert [type(b) for b in blocks] == [Paragraph, Table, Paragraph]
    table = blocks[1]
    assert (table.n_rows, table.n_cols) == (2, 2)
    assert [c.text for c in table.cells] == ["自然人", "商业\n企业", "1", "2"]
    assert (table.index, table.block) == (0, 1)


def test_two_blank_lines_end_a_table():
    blocks, _ = read_text(b"\ta\n\tb\n\n\n\tc\n\td\n")
    assert [b.n_rows for b in blocks] == [1, 1]


def test_undecodable_bytes_are_refused_with_a_reason():
    with pytest.raises(ExtractorError) as err:
        decode(b"\x81\x30\x81" * 3 + b"\xff\xfe\xfd" * 10)
    assert err.value.code in ("undecodable_text", "binary_file")


def test_binary_garbage_is_not_text():
    with pytest.raises(ExtractorError) as err:
        read_bytes(bytes(range(1, 32)) * 20, "garbage.txt")
    assert err.value.code == "binary_file"


def test_a_byte_order_mark_over_truncated_text_is_a_one_line_error():
    with pytest.raises(ExtractorError) as caught:
        read_bytes(b"\xfe\xff\x00\x00\x00")  # UTF-16 BOM, then an odd byte out
    assert caught.value.code == "undecodable_text"
