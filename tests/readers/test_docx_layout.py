"""What a .docx holds however it is laid out: frame tables unwrapped, tables cut into w:tbl pieces joined back,
pictures kept as Picture blocks in document order (readers/docx.py, readers/docx_tables.py).

The whole-report tests start from a 2021 report generated with known values (scripts/reportgen.py) and rewrite
its word/document.xml the way real files arrive: the body inside a frame table, each table cut one row per
w:tbl, the tables pasted as pictures. The expected cells are the generator's values, never the reader's output.
"""
from __future__ import annotations

import copy
import io
import random
import struct
import zipfile
import zlib

import pytest
from lxml import etree

import extractor
import reportgen as rg
from conftest import CORPUS, shared_file
from docx_xml import W_NS, docx, p, tbl, tc, tr
from extractor.model import Cell, Paragraph, Picture, Table
from extractor.readers.docx import picture_bytes, read_docx

W = f"{{{W_NS}}}"
SECTIONS = ["overview", "active_disclosure", "applications", "review_litigation", "problems", "other"]
TABLE_SECTIONS = ("active_disclosure", "applications", "review_litigation")


@pytest.fixture(scope="module")
def report() -> rg.SyntheticReport:
    return rg.random_report(random.Random(5), "2021")


def generated(report: rg.SyntheticReport, body=None) -> bytes:
    return rg.docx_bytes(rg.build_document(report.body if body is None else body))


def rewrite(data: bytes, change) -> bytes:
    """The package with `change(w:body)` applied to its word/document.xml."""
    source = zipfile.ZipFile(io.BytesIO(data))
    root = etree.fromstring(source.read("word/document.xml"))
    change(root.find(W + "body"))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            package.writestr(info, xml if info.filename == "word/document.xml" else source.read(info))
    return out.getvalue()


def element(tag: str, *children) -> etree._Element:
    node = etree.Element(W + tag)
    node.extend(children)
    return node


def frame(*cells: list[etree._Element]) -> etree._Element:
    """A one-column layout table, one row per cell, each cell holding `cells[i]` and the empty paragraph a cell
    must end with."""
    table = element("tbl", element("tblPr"), element("tblGrid", element("gridCol")))
    for content in cells:
        table.append(element("tr", element("tc", *content, element("p"))))
    return table


def body_children(body: etree._Element) -> list[etree._Element]:
    return [child for child in body if child.tag != W + "sectPr"]


def cells_read(data: bytes) -> tuple[extractor.Report, dict]:
    parsed = extractor.parse_bytes(data, "report.docx")
    return parsed, {(r.table, r.row, r.column): r.raw for r in parsed.records}


# (a) the body inside a layout table

def test_the_whole_report_inside_a_one_by_one_table_reads_every_cell_and_section(report):
    def wrap(body):
        sect = body.find(W + "sectPr")
        body.insert(0, frame(body_children(body)))
        assert body[-1] is sect

    parsed, cells = cells_read(rewrite(generated(report), wrap))
    assert len(report.values) == 200 and cells == report.values
    assert [s.key for s in parsed.sections] == SECTIONS
    assert parsed.metadata["title"] == report.title and parsed.metadata["year"] == report.year
    assert [s.tables for s in parsed.sections] == [(), (0,), (1,), (2,), (), ()]
    assert parsed.status == "ok"


def test_a_frame_with_one_row_per_section_reads_every_cell_and_section(report):
    def wrap(body):
        groups: list[list[etree._Element]] = [[]]
        for child in body_children(body):
            text = "".join(child.itertext()) if child.tag == W + "p" else ""
            if text[:2] in ("一、", "二、", "三、", "四、", "五、", "六、"):
                groups.append([])
            groups[-1].append(child)
        assert len(groups) == 7  # the title block, then one row per section
        body.insert(0, frame(*groups))

    parsed, cells = cells_read(rewrite(generated(report), wrap))
    assert cells == report.values
    assert [s.key for s in parsed.sections] == SECTIONS


def test_each_table_in_a_frame_of_its_own_reads_every_cell(report):
    def wrap(body):
        for table in body.findall(W + "tbl"):
            at = body.index(table)
            body.insert(at, frame([table]))

    parsed, cells = cells_read(rewrite(generated(report), wrap))
    assert cells == report.values and [s.tables for s in parsed.sections] == [(), (0,), (1,), (2,), (), ()]


# (b) each table cut one row per w:tbl

def cut(body: etree._Element) -> int:
    """Each table of the body cut into one w:tbl per row, the cuts alternating between nothing, an empty
    paragraph and a page break; the number of cuts a vertical merge runs across."""
    crossing, k = 0, 0
    for table in body.findall(W + "tbl"):
        head = [child for child in table if child.tag != W + "tr"]
        at = body.index(table)
        body.remove(table)
        for i, row in enumerate(table.findall(W + "tr")):
            if i:
                k += 1
                if k % 3 == 1:
                    body.insert(at, element("p"))
                    at += 1
                elif k % 3 == 2:
                    page_break = element("p", element("r", etree.Element(W + "br", {W + "type": "page"})))
                    body.insert(at, page_break)
                    at += 1
                crossing += any(v.get(W + "val") in (None, "continue") for v in row.iter(W + "vMerge"))
            body.insert(at, element("tbl", *map(copy.deepcopy, head), row))
            at += 1
    return crossing


def test_tables_cut_one_row_per_wtbl_are_joined_back_with_their_vertical_merges(report):
    crossings = []
    data = rewrite(generated(report), lambda body: crossings.append(cut(body)))
    assert crossings[0] > 20  # the applications table's stub columns run down many rows
    parsed, cells = cells_read(data)
    assert cells == report.values
    assert [s.tables for s in parsed.sections] == [(), (0,), (1,), (2,), (), ()]
    assert not [w for w in parsed.warnings if w.code == "merge_mismatch"] and parsed.status == "ok"
    whole = extractor.parse_bytes(generated(report), "whole.docx")
    assert [t.text_grid() for t in parsed.document.tables] == [t.text_grid() for t in whole.document.tables]
    assert [t.cells for t in parsed.document.tables] == [t.cells for t in whole.document.tables]


def test_a_cut_table_inside_a_frame_is_joined_too(report):
    def both(body):
        cut(body)
        body.insert(0, frame(body_children(body)))

    parsed, cells = cells_read(rewrite(generated(report), both))
    assert cells == report.values and len(parsed.document.tables) == 3


def test_a_vertical_merge_across_a_cut_is_one_cell():
    # +-----+-----+
    # |  A  |  B  |   piece 1
    # |     +-----+
    # |     |  C  |   piece 2 (after a page break): A continues
    # +-----+-----+
    page_break = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
    blocks, messages = read_docx(docx(tbl(2, tr(tc("A", vmerge="restart"), tc("B"))) + page_break
                                      + tbl(2, tr(tc(vmerge="continue"), tc("C"))) + p("后")))
    assert messages == []
    assert blocks == [Table(0, 0, 2, 2, (Cell(0, 0, "A", row_span=2), Cell(0, 1, "B"), Cell(1, 1, "C"))), Paragraph("后", 1)]


# (c) the tables as pictures

def png(width: int, height: int) -> bytes:
    """A valid grey PNG, small enough to build here."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def test_tables_pasted_as_pictures_give_no_table_and_a_picture_in_each_table_section(report):
    images = [png(40 + i, 30) for i in range(3)]
    marks = iter(range(3))
    body = [f"[picture {next(marks)}]" if isinstance(b, rg.Table) else b for b in report.body]
    document = rg.build_document(body)
    for paragraph in document.paragraphs:
        if paragraph.text.startswith("[picture "):
            i = int(paragraph.text[9])
            paragraph.text = ""
            paragraph.add_run().add_picture(io.BytesIO(images[i]))
    data = rg.docx_bytes(document)

    parsed = extractor.parse_bytes(data, "pictures.docx")
    assert parsed.document.tables == () and parsed.records == ()
    assert parsed.status == "no_tables" and "tables_are_images" in {w.code for w in parsed.warnings}
    pictures = parsed.document.pictures
    assert [len(picture_bytes(data, pic.part)) for pic in pictures] == [pic.size for pic in pictures] == list(map(len, images))
    assert [picture_bytes(data, pic.part) for pic in pictures] == images
    assert all(pic.part.startswith("word/media/") for pic in pictures)
    assert [s.key for s in parsed.sections] == SECTIONS
    held = {s.key: [parsed.document.blocks[i] for i in s.blocks] for s in parsed.sections}
    assert [[b for b in held[key] if isinstance(b, Picture)] for key in TABLE_SECTIONS] == [[pic] for pic in pictures]
    headings = [parsed.document.blocks[parsed.sections[k].blocks[0]] for k in (1, 2, 3)]
    assert [h.text[:2] for h in headings] == ["二、", "三、", "四、"]
    assert all(h.index < pic.index for h, pic in zip(headings, pictures))


def with_image(body: str, image: bytes, rels: str) -> bytes:
    """docx(body) with word/media/image1.png and the main part's relationships `rels` added."""
    out = io.BytesIO(docx(body))
    with zipfile.ZipFile(out, "a") as package:
        package.writestr("word/_rels/document.xml.rels",
                         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + rels + "</Relationships>")
        package.writestr("word/media/image1.png", image)
    return out.getvalue()


IMAGE_REL = ('<Relationship Id="rId7" Target="media/image1.png"'
             ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"/>')
VML = ('<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:imagedata r:id="rId7"'
       ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></v:shape></w:pict></w:r></w:p>')


def test_a_vml_picture_and_a_picture_in_a_frame_cell_are_blocks_in_order():
    image = png(8, 8)
    framed = tbl(1, tr(tc(content=VML)))  # a frame holding nothing but the picture
    data = with_image(p("二、主动公开政府信息情况") + VML + p("三、收到和处理政府信息公开申请情况") + framed + p("四"), image, IMAGE_REL)
    blocks, messages = read_docx(data)
    assert messages == []
    assert blocks == [Paragraph("二、主动公开政府信息情况", 0), Paragraph("", 1), Picture(2, "word/media/image1.png", len(image)),
                      Paragraph("三、收到和处理政府信息公开申请情况", 3), Paragraph("", 4), Picture(5, "word/media/image1.png", len(image)),
                      Paragraph("四", 6)]


def test_a_picture_inside_a_data_table_follows_the_table():
    image = png(8, 8)
    data = with_image(tbl(2, tr(tc("项目"), tc(content=VML)), tr(tc("A"), tc("1"))) + p("后"), image, IMAGE_REL)
    blocks, _ = read_docx(data)
    assert [type(b).__name__ for b in blocks] == ["Table", "Picture", "Paragraph"]
    assert blocks[1] == Picture(1, "word/media/image1.png", len(image)) and blocks[2] == Paragraph("后", 2)


def test_picture_bytes_of_a_part_the_package_lacks_is_a_one_line_error():
    with pytest.raises(extractor.ExtractorError) as err:
        picture_bytes(docx(p("正文")), "word/media/image9.png")
    assert err.value.code == "corrupt_zip" and "image9.png" in err.value.message


# (d) what must stay as it is

def test_data_tables_next_to_each_other_are_not_joined_unless_they_continue_one_grid():
    # +---+---+   a 2-column table, an empty paragraph, a 3-column table: two tables
    # | A | B |   +---+---+---+
    # +---+---+   | C | D | E |
    #             +---+---+---+
    blocks, _ = read_docx(docx(tbl(2, tr(tc("A"), tc("B"))) + p() + tbl(3, tr(tc("C"), tc("D"), tc("E")))))
    assert [type(b).__name__ for b in blocks] == ["Table", "Paragraph", "Table"]
    # the same grid with a heading between them: two tables
    blocks, _ = read_docx(docx(tbl(2, tr(tc("A"), tc("B"))) + p("表二") + tbl(2, tr(tc("C"), tc("D")))))
    assert [type(b).__name__ for b in blocks] == ["Table", "Paragraph", "Table"]
    # the same grid, opening with the first table's header row again: a table of its own
    header = tr(tc("项目"), tc("数量"))
    blocks, _ = read_docx(docx(tbl(2, header, tr(tc("甲"), tc("1"))) + p() + tbl(2, header, tr(tc("乙"), tc("2")))))
    assert [type(b).__name__ for b in blocks] == ["Table", "Paragraph", "Table"]
    assert blocks[2].cells == (Cell(0, 0, "项目"), Cell(0, 1, "数量"), Cell(1, 0, "乙"), Cell(1, 1, "2"))


def test_the_generated_reports_data_tables_are_neither_unwrapped_nor_joined(report):
    parsed = extractor.parse_bytes(generated(report), "plain.docx")
    assert [(t.n_rows, t.n_cols) for t in parsed.document.tables] == [(14, 4), (28, 10), (4, 15)]  # as the template prints them
    assert parsed.document.pictures == ()


def test_a_one_column_table_of_short_entries_stays_a_table():
    # +------+
    # | 名称  |
    # | 甲   |   two short paragraphs in one column: data, not a frame
    # +------+
    blocks, _ = read_docx(docx(tbl(1, tr(tc("名称")), tr(tc("甲")))))
    assert blocks == [Table(0, 0, 2, 1, (Cell(0, 0, "名称"), Cell(1, 0, "甲")))]


def test_the_blank_official_template_still_reads_its_three_tables():
    blocks, _ = read_docx(shared_file(CORPUS / "template2021-blank.docx").read_bytes())
    assert [(b.n_rows, b.n_cols) for b in blocks if isinstance(b, Table)] == [(14, 4), (28, 10), (4, 15)]  # as the template prints them
    assert not [b for b in blocks if isinstance(b, Picture)]
