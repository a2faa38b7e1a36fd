"""OCR reader: image-only PDFs drawn here from template-built reports (scripts/scangen.py: rotated, blurred,
JPEG-compressed, a red seal over the applications table), scored against the values reportgen printed."""
from __future__ import annotations

import random
import sys

import numpy as np
import pytest

pytest.importorskip("pdfplumber", reason="the PDF reader needs pdfplumber (pip install 'extractor[pdf]')")
cv2 = pytest.importorskip("cv2", reason="the OCR reader needs its extra (pip install 'extractor[ocr]')")

from PIL import Image, ImageDraw  # noqa: E402

import extractor  # noqa: E402
import reportgen  # noqa: E402
import scangen  # noqa: E402
from extractor.errors import DIST, ExtractorError  # noqa: E402
from extractor.readers import ocr, ocr_grid  # noqa: E402


def _needs_ocr():
    pytest.importorskip("rapidocr_onnxruntime", reason="the OCR reader needs its extra (pip install 'extractor[ocr]')")
    if scangen.cjk_font_path() is None:
        pytest.skip("no CJK font to draw test pages with (apt-get install fonts-noto-cjk)")


def test_grid_with_spans_is_rebuilt_from_rules_of_a_skewed_page_under_a_red_seal():
    # 4 columns × 3 rows; the top-left cell spans two rows, the top-right one two columns.
    page = Image.new("RGB", (900, 600), "white")
    draw = ImageDraw.Draw(page)
    xs, ys = [100, 300, 450, 600, 750], [100, 160, 220, 280]
    for y in ys:
        draw.line((xs[0] if y in (ys[0], ys[-1], ys[2]) else xs[1], y, xs[-1], y), fill="black", width=2)
    for x in xs:
        draw.line((x, ys[0], x, ys[-1]) if x != xs[-2] else (x, ys[1], x, ys[-1]), fill="black", width=2)
    scangen.stamp(page, (520, 190), 90) if scangen.cjk_font_path() else None
    page = page.rotate(1.5, resample=Image.Resampling.BICUBIC, fillcolor="white")
    gray = ocr_grid.paper(np.asarray(page))
    angle = ocr_grid.skew(gray)
    assert abs(angle + 1.5) <= 0.1  # rotated back by the angle it was turned
    binary = ocr_grid.ink(ocr_grid.deskew(gray, angle))
    (table,) = ocr_grid.tables(*ocr_grid.rules(binary, 150), 150)
    spans = {(c.row, c.col): (c.row_span, c.col_span) for c in table.cells}
    assert (table.n_rows, table.n_cols) == (3, 4)
    assert spans == {(0, 0): (2, 1), (0, 1): (1, 1), (0, 2): (1, 2), (1, 1): (1, 1), (1, 2): (1, 1), (1, 3): (1, 1),
                     (2, 0): (1, 1), (2, 1): (1, 1), (2, 2): (1, 1), (2, 3): (1, 1)}


@pytest.fixture(scope="module")
def scanned():
    """A 2021- and a 2019-format report whose table pages are scanned (the pages that matter; the rest is tested
    on text)."""
    _needs_ocr()
    out = []
    for seed, template in ((9, "2021"), (4, "2019")):
        report = reportgen.random_report(random.Random(seed), template)
        out.append((report, extractor.parse_bytes(scangen.scan_pdf(report, seed=seed, only_tables=True), "scan.pdf")))
    return out


def test_scanned_tables_are_read_with_no_wrong_number_left_unflagged(scanned):
    right, wrong, cells = [], [], 0
    for report, parsed in scanned:
        got = {(r.table, r.row, r.column): r for r in parsed.records}
        right += [k for k, v in report.values.items() if k in got and got[k].raw == v and not got[k].source.get("doubt")]
        wrong += [(k, v, got[k].raw) for k, v in report.values.items()
                  if k in got and got[k].raw != v and not got[k].source.get("doubt")]
        cells += len(report.values)
        assert all(r.source["ocr"] is True and 0 <= r.source["confidence"] <= 1 and r.source["page"] for r in parsed.records)
        assert [c for c in parsed.checks if c["status"] == "fail"] == []
    assert wrong == []
    assert len(right) >= 0.99 * cells  # 398 of 398: a lone 0 read at confidence 0.47 is settled by the sums


def test_a_doubtful_cell_holds_no_number_and_is_warned_about_with_its_page(scanned):
    for _, parsed in scanned:
        doubtful = [r for r in parsed.records if r.source.get("doubt")]
        warned = [w for w in parsed.warnings if w.code == "ocr_doubt"]
        assert all(r.value is None and r.state == "text" for r in doubtful)
        assert len(warned) == len(doubtful)
        assert all(w.message.startswith("page ") and "column" in w.where for w in warned)


def test_red_ink_is_lifted_from_the_page_and_faint_gray_print_is_kept():
    # Gray print (R = G = B) as faint as a blurred minus sign, a red seal's ring as it comes out of blur and
    # JPEG (red channel ≈ 200, the others low), black print under the seal, white paper.
    rgb = np.array([[[140, 140, 140], [200, 60, 50], [30, 10, 10], [255, 255, 255]]], np.uint8)
    faint, seal, under, paper = ocr_grid.paper(rgb)[0]
    assert (seal, paper) == (255, 255)
    assert faint == 140 and under < 60


def test_the_recogniser_is_loaded_once_with_the_threads_of_EXTRACTOR_OCR_THREADS(monkeypatch):
    _needs_ocr()
    ocr.recogniser.cache_clear()
    monkeypatch.setenv("EXTRACTOR_OCR_THREADS", "2")
    try:
        engine = ocr.recogniser()
        assert ocr.recogniser() is engine
        assert engine.onnx.get_session_options().intra_op_num_threads == 2
        assert engine.characters[0] == "blank" and all(d in engine.characters for d in "0123456789")
    finally:
        ocr.recogniser.cache_clear()
    monkeypatch.delenv("EXTRACTOR_OCR_THREADS")
    assert ocr.recogniser().onnx.get_session_options().intra_op_num_threads == 1


def test_a_doubtful_digit_the_arithmetic_settles_is_right_inferred_and_warned_about(scanned):
    settled = 0
    for report, parsed in scanned:
        inferred = [r for r in parsed.records if r.source.get("inferred")]
        said = [w for w in parsed.warnings if w.code == "ocr_inferred"]
        assert len(said) == len(inferred)
        assert all(r.raw == report.values[(r.table, r.row, r.column)] and r.raw in r.source["candidates"] for r in inferred)
        assert all(r.source["ocr"] is True and "doubt" not in r.source for r in inferred)
        assert all(w.message.startswith("page ") and "column" in w.where for w in said)
        settled += len(inferred)
    assert settled  # on these scans: a lone 0 read at confidence 0.47, its column's sums leave only 0


def test_without_the_extra_a_scan_names_what_to_install(monkeypatch):
    if scangen.cjk_font_path() is None:
        pytest.skip("no CJK font to draw test pages with (apt-get install fonts-noto-cjk)")
    page = Image.new("RGB", (620, 877), "white")
    ImageDraw.Draw(page).text((60, 60), "政府信息公开工作年度报告", font=scangen._font(24), fill="black")
    data = scangen.pdf_of([page], 75)
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)  # import fails as if it were not installed
    ocr.recogniser.cache_clear()
    try:
        with pytest.raises(ExtractorError) as error:
            extractor.parse_bytes(data, "scan.pdf")
    finally:
        ocr.recogniser.cache_clear()
    assert (error.value.code, f"pip install '{DIST}[ocr]'" in error.value.message) == ("missing_dependency", True)
