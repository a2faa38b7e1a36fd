"""PDF reader: the real reports in ../shared/corpus (values read by eye from the rendered pages), a PDF printed
from our .docx fixture, and small PDFs written here by hand (ruled tables, page breaks, scans, damage)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import extractor
from conftest import CORPUS, FIXTURES, shared_file
from extractor.errors import ExtractorError
from extractor.model import Cell, Paragraph, Table
from extractor.readers import read
from extractor.readers.pdf import read_pdf
from extractor.readers.pdf_grid import tidy

pytest.importorskip("pdfplumber", reason="the PDF reader needs pdfplumber (pip install 'extractor[pdf]')")

# --- expected values, read from the pages rendered with `pdftoppm -png -r 130` --------------------------------

APPLICANTS = ("natural_person", "legal_person.commercial", "legal_person.research", "legal_person.social_welfare",
              "legal_person.legal_service", "legal_person.other", "total")
REVIEW = [(row, col) for row in ("review", "litigation.direct", "litigation.after_review")
          for col in ("upheld", "corrected", "other", "pending", "total")]
ACTIVE = [("regulations", "issued"), ("regulations", "repealed"), ("regulations", "in_force"),
          ("normative_documents", "issued"), ("normative_documents", "repealed"), ("normative_documents", "in_force"),
          ("administrative_licensing", "decisions"), ("administrative_penalty", "decisions"),
          ("administrative_coercion", "decisions"), ("administrative_fees", "fee_amount")]
RESULT_ROWS = ["new_received", "carried_over", "results.granted", "results.partially_granted",
               *(f"results.withheld.{k}" for k in ("state_secret", "prohibited_by_law", "security_stability", "third_party_rights",
                                                   "internal_affairs", "process_information", "enforcement_files", "query_matters")),
               *(f"results.unavailable.{k}" for k in ("not_held", "needs_creation", "unclear")),
               *(f"results.not_processed.{k}" for k in ("complaint", "repeated", "publication", "excessive", "confirmation"))]
OTHER_2021 = ["results.other.no_correction", "results.other.unpaid_fee", "results.other.other"]
TAIL = ["results.total", "carried_forward"]


def person_row(n: int) -> tuple[int, ...]:
    """A row where only natural persons applied: n, five zeros, total n."""
    return (n, 0, 0, 0, 0, 0, n)


def expected(active: tuple, applications: list[tuple], rows: list[str], review: tuple) -> dict:
    out = {("active_disclosure", *key): v for key, v in zip(ACTIVE, active, strict=True)}
    for row, values in zip(rows, applications, strict=True):
        out.update({("applications", row, col): v for col, v in zip(APPLICANTS, values, strict=True)})
    out.update({("review_litigation", *key): v for key, v in zip(REVIEW, review, strict=True)})
    return out


# hzq prints （六）其他处理 as one row (2019 style), read under the key results.other.
HZQ_ROWS = RESULT_ROWS + ["results.other"] + TAIL
EXPECTED = {
    "hzq-2023.pdf": expected(
        (0, 0, 0, 0, 5, 5, 550, 4119, 195, 7730.28),
        [person_row(21), person_row(0), person_row(0), person_row(4),
         person_row(1), person_row(0), person_row(0), person_row(0), person_row(0), person_row(1), person_row(1), person_row(0),
         person_row(10), person_row(3), person_row(0),
         person_row(1), person_row(0), person_row(0), person_row(0), person_row(0),
         person_row(0), person_row(21), person_row(0)],
        HZQ_ROWS, (10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0)),  # the review row as printed: it does not add up
    "hzq-2024.pdf": expected(
        (0, 0, 0, 3, 0, 8, 9487, 2776, 84, 7545),
        [person_row(95), person_row(0), person_row(50), person_row(9),
         person_row(0), person_row(0), person_row(1), person_row(0), person_row(0), person_row(1), person_row(1), person_row(0),
         person_row(31), person_row(1), person_row(0),
         person_row(1), person_row(0), person_row(0), person_row(0), person_row(0),
         person_row(0), person_row(95), person_row(0)],
        HZQ_ROWS, (1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3)),
    "huaian-2024.pdf": expected(
        (1, 0, 11, 8, 26, 66, 447228, 3985758, 88283, 96171.6),
        [(3001, 53, 0, 0, 61, 4, 3119), person_row(34), (1288, 21, 0, 0, 50, 3, 1362), (447, 7, 0, 0, 0, 0, 454),
         person_row(2), (30, 1, 0, 0, 0, 0, 31), person_row(5), person_row(6), (7, 1, 0, 0, 0, 0, 8), person_row(12),
         person_row(9), person_row(105),
         (746, 12, 0, 0, 10, 1, 769), person_row(11), person_row(1),
         (56, 6, 0, 0, 0, 0, 62), person_row(25), person_row(0), person_row(0), person_row(1),
         (67, 3, 0, 0, 1, 0, 71), person_row(6), (108, 2, 0, 0, 0, 0, 110),
         (2932, 53, 0, 0, 61, 4, 3050), person_row(103)],
        RESULT_ROWS + OTHER_2021 + TAIL, (72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20)),
}
AGENCY = {"hzq-2023.pdf": ("洪泽区人民政府", 2023), "hzq-2024.pdf": ("淮安市洪泽区人民政府", 2024),
          "huaian-2024.pdf": ("淮安市人民政府", 2024)}
# Pages a few cells are printed on (tables run across pages).
PAGES = {"hzq-2023.pdf": {("active_disclosure", "administrative_licensing", "decisions"): 2,
                          ("active_disclosure", "administrative_penalty", "decisions"): 3,
                          ("applications", "results.unavailable.not_held", "total"): 3,
                          ("applications", "results.unavailable.unclear", "total"): 4,
                          ("review_litigation", "review", "upheld"): 4},
         "huaian-2024.pdf": {("active_disclosure", "administrative_licensing", "decisions"): 3,
                             ("active_disclosure", "administrative_penalty", "decisions"): 4,
                             ("applications", "results.unavailable.not_held", "natural_person"): 4,
                             ("applications", "results.unavailable.needs_creation", "natural_person"): 5,
                             ("review_litigation", "litigation.after_review", "total"): 5}}
SECTIONS = ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况",
            "存在的主要问题及改进情况", "其他需要报告的事项"]


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def corpus_report(request):
    return request.param, extractor.parse(shared_file(CORPUS / request.param))


def test_corpus_pdf_cells_are_the_printed_values(corpus_report):
    name, report = corpus_report
    assert {(r.table, r.row, r.column): r.value for r in report.records} == EXPECTED[name]


def test_corpus_pdf_metadata_sections_and_format(corpus_report):
    name, report = corpus_report
    assert (report.metadata["agency"], report.metadata["year"], report.metadata["template"]) == (*AGENCY[name], "2021")
    assert [s.title for s in report.sections] == SECTIONS
    assert report.document.source.format == "pdf"
    assert len(report.document.tables) == 3  # each table joined across its page breaks


def test_corpus_pdf_cells_carry_their_page(corpus_report):
    name, report = corpus_report
    assert all(isinstance(r.source.get("page"), int) for r in report.records)
    pages = {(r.table, r.row, r.column): r.source["page"] for r in report.records}
    assert {key: pages[key] for key in PAGES.get(name, {})} == PAGES.get(name, {})


def test_page_break_label_is_rejoined_into_one_spanning_cell():
    """huaian-2024 prints 「（四）无」 at the foot of page 4 and 「法提供」 atop page 5, both ruled."""
    document = read(shared_file(CORPUS / "huaian-2024.pdf"))
    cell = next(c for c in document.tables[1].cells if c.text.startswith("（四）"))
    assert (cell.text, cell.row_span, cell.col_span, cell.page) == ("（四）无\n法提供", 3, 1, 4)


# --- a PDF printed from the .docx fixture ------------------------------------------------------------------------


def _shape(table: Table) -> tuple:
    return table.n_rows, table.n_cols, [(c.row, c.col, c.row_span, c.col_span, "".join(c.text.split())) for c in table.cells]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed to print the .docx as PDF")
def test_pdf_printed_from_docx_has_the_docx_tables(tmp_path: Path):
    source = FIXTURES / "docx" / "seed-2021.docx"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=120)
    pdf = extractor.parse(tmp_path / "seed-2021.pdf")
    if "政府信息公开" not in "".join(p.text for p in pdf.document.paragraphs):
        pytest.skip("LibreOffice printed the Chinese text without a Chinese font (install fonts-wqy-microhei)")
    docx = extractor.parse(source)
    assert [_shape(t) for t in pdf.document.tables] == [_shape(t) for t in docx.document.tables]
    assert {(r.table, r.row, r.column): r.value for r in pdf.records} == {(r.table, r.row, r.column): r.value for r in docx.records}


# --- hand-written PDFs -------------------------------------------------------------------------------------------

_RESOURCES = (b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] >>",
         b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /DW 1000 /FontDescriptor 5 0 R "
         b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> >>",
         b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 4 /FontBBox [0 -120 1000 880] /ItalicAngle 0 "
         b"/Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>",
         b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>"
         b"\nstream\n\x80\nendstream")


def make_pdf(*pages: bytes, trailer: bytes = b"") -> bytes:
    """An A4 PDF whose pages have these content streams, with a Chinese font F1 (12 pt glyphs, no embedding:
    UniGB-UCS2-H maps it to Unicode) and a one-pixel image Im0."""
    first = 3 + len(_RESOURCES)
    kids = " ".join(f"{first + 2 * i} 0 R" for i in range(len(pages))).encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages)), *_RESOURCES]
    for i, content in enumerate(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources "
                       b"<< /Font << /F1 3 0 R >> /XObject << /Im0 6 0 R >> >> >>" % (first + 2 * i + 1))
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n%s" % (len(objects) + 1, b"".join(b"%010d 00000 n \n" % o for o in offsets))
    return bytes(out + b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, xref))


def text(x: float, top: float, string: str) -> bytes:
    """12 pt text whose line box starts `top` points below the top of the page."""
    return b"BT /F1 12 Tf %g %g Td <%s> Tj ET\n" % (x, 842 - top - 10.5, string.encode("utf-16-be").hex().encode())


def rule(x0: float, top0: float, x1: float, top1: float) -> bytes:
    return b"%g %g m %g %g l S\n" % (x0, 842 - top0, x1, 842 - top1)


def grid(xs: list[float], tops: list[float]) -> bytes:
    """Every rule of a plain grid."""
    return b"".join([rule(xs[0], t, xs[-1], t) for t in tops] + [rule(x, tops[0], x, tops[-1]) for x in xs])


def test_ruled_table_cells_get_true_spans_and_white_backgrounds_are_no_table():
    page = (text(72, 80, "二、主动公开政府信息情况")
            + rule(72, 100, 372, 100) + rule(172, 130, 372, 130) + rule(72, 160, 372, 160) + rule(72, 190, 372, 190)
            + rule(72, 100, 72, 190) + rule(172, 100, 172, 190) + rule(272, 130, 272, 190) + rule(372, 100, 372, 190)
            + text(80, 108, "信息内容") + text(180, 108, "申请人") + text(180, 138, "自然人") + text(280, 138, "总计")
            + text(80, 168, "规章") + text(180, 168, "2") + text(280, 168, "10 1")
            + b"1 1 1 rg 72 600 300 20 re f 0 g\n" + text(72, 224, "三、结束"))  # a white box painted behind text
    blocks, messages = read_pdf(make_pdf(page))
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Table", "Paragraph"] and messages == []
    assert blocks[1] == Table(0, 1, 3, 3, (
        Cell(0, 0, "信息内容", 2, 1, 1), Cell(0, 1, "申请人", 1, 2, 1), Cell(1, 1, "自然人", 1, 1, 1), Cell(1, 2, "总计", 1, 1, 1),
        Cell(2, 0, "规章", 1, 1, 1), Cell(2, 1, "2", 1, 1, 1), Cell(2, 2, "10 1", 1, 1, 1)))


def test_table_across_a_page_break_is_one_table_without_its_repeated_header_or_page_numbers():
    page1 = (text(72, 80, "一、总体情况") + grid([72, 172, 372], [700, 730, 760]) + text(80, 708, "信息内容")
             + text(180, 708, "本年处理决定数量") + text(80, 738, "行政许可") + text(180, 738, "5") + text(290, 800, "- 1 -"))
    page2 = (grid([72, 172, 372], [80, 110, 140]) + text(80, 88, "信息内容") + text(180, 88, "本年处理决定数量")
             + text(80, 118, "行政处罚") + text(180, 118, "7") + text(72, 200, "二、其他") + text(290, 800, "第2页"))
    blocks, _ = read_pdf(make_pdf(page1, page2))
    assert [b.text for b in blocks if isinstance(b, Paragraph)] == ["一、总体情况", "二、其他"]
    (table,) = [b for b in blocks if isinstance(b, Table)]
    assert [(c.row, c.col, c.text, c.page) for c in table.cells] == [
        (0, 0, "信息内容", 1), (0, 1, "本年处理决定数量", 1), (1, 0, "行政许可", 1), (1, 1, "5", 1), (2, 0, "行政处罚", 2), (2, 1, "7", 2)]


def test_wrapped_lines_join_into_paragraphs_without_spaces_between_chinese_characters():
    lines = [(96, "2023 年，本机关坚持公开"), (72, "政务工作规范有序推进，取得了实效"), (72, "各项工作的成效明显提升，群众满意"),
             (72, "度提高。"), (96, "（一）主动公开情况")]  # 12 pt glyphs: full lines end together at x = 264
    blocks, _ = read_pdf(make_pdf(b"".join(text(x, 100 + 20 * i, s) for i, (x, s) in enumerate(lines))))
    assert [b.text for b in blocks] == ["2023年，本机关坚持公开政务工作规范有序推进，取得了实效各项工作的成效明显提升，群众满意度提高。",
                                        "（一）主动公开情况"]


def test_tidy_drops_layout_spaces_next_to_chinese_but_keeps_them_between_latin_words_and_numbers():
    assert tidy("2023 年  12 月 ， 电 话 ： 0517-87222589") == "2023年12月，电话：0517-87222589"
    assert tidy("PDF text layer 10 1") == "PDF text layer 10 1"


def test_template_rows_printed_without_rules_are_warned_and_kept_as_paragraphs():
    page = (text(72, 100, "二、主动公开政府信息情况") + text(72, 130, "行政许可") + text(200, 130, "550")
            + text(72, 150, "行政处罚") + text(200, 150, "4119"))  # values in a column of their own, no rules
    blocks, messages = read_pdf(make_pdf(page))
    assert [b.text for b in blocks] == ["二、主动公开政府信息情况", "行政许可 550", "行政处罚 4119"]
    assert [(m.code, m.where) for m in messages] == [("pdf_table_not_ruled", "page 1")]


def test_scanned_pdf_without_text_layer_is_refused():
    with pytest.raises(ExtractorError) as error:
        read_pdf(make_pdf(b"q 500 0 0 700 50 70 cm /Im0 Do Q\n", b"q 500 0 0 700 50 70 cm /Im0 Do Q\n" + text(290, 800, "2")))
    assert error.value.code == "no_text_layer"


@pytest.mark.parametrize("data", [b"%PDF-1.7\n" + b"garbage " * 64, make_pdf(text(72, 100, "总体情况"))[:300]], ids=["garbage", "truncated"])
def test_damaged_pdf_is_corrupt_pdf(data):
    with pytest.raises(ExtractorError) as error:
        read_pdf(data)
    assert error.value.code == "corrupt_pdf"


def test_password_protected_pdf_is_encrypted():
    lock = b"/Encrypt << /Filter /Standard /V 1 /R 2 /P -4 /O <%s> /U <%s> >> /ID [<%s> <%s>] " % (
        b"11" * 32, b"22" * 32, b"33" * 16, b"33" * 16)
    with pytest.raises(ExtractorError) as error:
        read_pdf(make_pdf(text(72, 100, "总体情况"), trailer=lock))
    assert error.value.code == "encrypted"


def test_missing_pdfplumber_names_the_distribution_to_reinstall(monkeypatch):
    monkeypatch.setitem(sys.modules, "pdfplumber", None)  # import fails as if it were not installed
    with pytest.raises(ExtractorError) as error:
        read_pdf(make_pdf(text(72, 100, "总体情况")))
    assert (error.value.code, "pip install --force-reinstall zfxxgk-extractor" in error.value.message) == ("missing_dependency", True)


def test_unruled_template_rows_are_then_read_by_the_line_reader():
    page = (text(72, 100, "二、主动公开政府信息情况") + text(72, 130, "行政许可") + text(200, 130, "550")
            + text(72, 150, "行政处罚") + text(200, 150, "4119"))
    report = extractor.parse_bytes(make_pdf(page), "unruled.pdf")
    assert {(r.row, r.column): r.value for r in report.records} == {
        ("administrative_licensing", "decisions"): 550, ("administrative_penalty", "decisions"): 4119}
