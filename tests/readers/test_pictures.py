"""Tables pasted as pictures (readers/pictures.py, ocr.ocr_image): a .docx and a web page built from template
reports whose three tables are PNG pictures drawn by scripts/scangen.py, scored against the values reportgen
printed; and the pictures that cannot be read."""
from __future__ import annotations

import random
import sys

import pytest

pytest.importorskip("docx", reason="reportgen needs python-docx (pip install 'extractor[test]')")

import extractor  # noqa: E402
import reportgen  # noqa: E402
import scangen  # noqa: E402
from extractor.errors import DIST  # noqa: E402
from extractor.readers import ocr  # noqa: E402


def _needs_ocr():
    pytest.importorskip("rapidocr_onnxruntime", reason="the OCR reader needs its extra (pip install 'extractor[ocr]')")
    if scangen.cjk_font_path() is None:
        pytest.skip("no CJK font to draw test pictures with (apt-get install fonts-noto-cjk)")


def _score(report, parsed) -> tuple[list, list]:
    """(cells read right, cells read as another value without a flag)."""
    got = {(r.table, r.row, r.column): r for r in parsed.records}
    right = [k for k, v in report.values.items() if k in got and got[k].raw == v and not got[k].source.get("doubt")]
    wrong = [(k, v, got[k].raw) for k, v in report.values.items()
             if k in got and got[k].raw != v and not got[k].source.get("doubt")]
    return right, wrong


def test_a_docx_whose_tables_are_pictures_is_read_by_ocr():
    _needs_ocr()
    report = reportgen.random_report(random.Random(21), "2021")
    # drawn at 150 dpi and enlarged 1.6×: characters far taller than the page pipeline reads, scaled back first
    pictures = scangen.table_pictures(report, scale=1.6)
    parsed = extractor.parse_bytes(scangen.pictures_docx(report, pictures), "pictures.docx")
    right, wrong = _score(report, parsed)
    assert wrong == [] and len(right) >= 0.99 * len(report.values)
    assert parsed.status == "ok" and [c for c in parsed.checks if c["status"] == "fail"] == []
    assert {r.source["picture"] for r in parsed.records} == {f"word/media/image{i}.png" for i in (1, 2, 3)}
    assert all(r.source["ocr"] is True and "page" not in r.source for r in parsed.records)
    assert "tables_are_images" not in {w.code for w in parsed.warnings}


def test_a_web_page_whose_tables_are_img_data_uris_and_files_beside_it_is_read_by_ocr(tmp_path):
    _needs_ocr()
    report = reportgen.random_report(random.Random(22), "2019")
    first, second, third = scangen.table_pictures(report, dpi=200)
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "表3.png").write_bytes(third)
    page = tmp_path / "report.html"
    page.write_text(scangen.pictures_html(report, [scangen.data_uri(first), scangen.data_uri(second), "images/%E8%A1%A83.png"]),
                    encoding="utf-8")
    parsed = extractor.parse(page)
    right, wrong = _score(report, parsed)
    assert wrong == [] and len(right) >= 0.99 * len(report.values)
    assert parsed.status == "ok" and [c for c in parsed.checks if c["status"] == "fail"] == []
    pictures = {r.table: r.source["picture"] for r in parsed.records}
    assert pictures == {"active_disclosure": "data:image/png (picture 1)", "applications": "data:image/png (picture 2)",
                        "review_litigation": "images/%E8%A1%A83.png"}


def test_pictures_that_cannot_be_read_are_warned_about_and_never_fetched(tmp_path):
    _needs_ocr()
    report = reportgen.random_report(random.Random(23), "2021")
    (tmp_path / "secret.png").write_bytes(scangen.table_pictures(report)[0])
    (tmp_path / "site").mkdir()
    page = tmp_path / "site" / "report.html"
    sources = ["http://example.invalid/t1.png", "../secret.png", "data:image/png;base64,bm90IGEgcGljdHVyZQ=="]
    page.write_text(scangen.pictures_html(report, sources), encoding="utf-8")
    parsed = extractor.parse(page)
    said = {w.where: w.message for w in parsed.warnings if w.code == "unreadable_picture"}
    assert set(said) == {"picture 1", "picture 2", "picture 3"}
    assert "not fetched" in said["picture 1"] and "outside the page's folder" in said["picture 2"]
    assert "data:image/png (picture 3)" in said["picture 3"]
    assert parsed.status == "no_tables" and "tables_are_images" in {w.code for w in parsed.warnings}


def test_without_the_extra_pictures_say_what_to_install(monkeypatch):
    report = reportgen.random_report(random.Random(24), "2021")
    data = scangen.pictures_docx(report, [_png()] * 3)
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)  # import fails as if it were not installed
    ocr.recogniser.cache_clear()
    try:
        parsed = extractor.parse_bytes(data, "pictures.docx")
    finally:
        ocr.recogniser.cache_clear()
    [unavailable] = [w for w in parsed.warnings if w.code == "ocr_unavailable"]
    assert f"pip install '{DIST}[ocr]'" in unavailable.message
    assert parsed.status == "no_tables" and "tables_are_images" in {w.code for w in parsed.warnings}


def _png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), "white").save(buffer, "PNG")
    return buffer.getvalue()
