"""Hostile and broken input, generated here: each gets its error code and a one-line reason, nothing else."""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

import extractor
from conftest import FIXTURES
from docx_xml import docx, p, tbl, tc, tr
from extractor.cli import main
from extractor.errors import ExtractorError
from extractor.readers import read_bytes

DOCX = FIXTURES / "docx" / "seed-2021.docx"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _document_xml(body: str, prolog: str = "") -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'


def _package(document_xml: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx("")), "r") as base, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for item in base.infolist():
            out.writestr(item.filename, document_xml if item.filename == "word/document.xml" else base.read(item))
    return buffer.getvalue()


def _zip_bomb() -> bytes:  # 50 MB of zeros inflate from ~50 KB: a ratio of about 1000
    return _package(_document_xml(p("x")) + "<!--" + " " * 50 * 2**20 + "-->")


def _entity_paragraph(name: str) -> str:  # written by hand: p() would escape the "&"
    return f"<w:p><w:r><w:t>before &{name}; after</w:t></w:r></w:p>"


def _billion_laughs() -> bytes:
    entities = '<!ENTITY a "lol">' + "".join(f'<!ENTITY {c} "{("&" + prev + ";") * 10}">' for prev, c in zip("abcdefgh", "bcdefghi"))
    return _package(_document_xml(_entity_paragraph("i"), f"<!DOCTYPE w:document [{entities}]>"))


def _external_entity() -> bytes:
    return _package(_document_xml(_entity_paragraph("secret"), '<!DOCTYPE w:document [<!ENTITY secret SYSTEM "file:///etc/hostname">]>'))


def _encrypted_ooxml() -> bytes:  # an OLE compound file holding an EncryptedPackage stream, as Word saves it
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "EncryptedPackage".encode("utf-16-le") + bytes(500)


def _truncated_docx() -> bytes:
    data = DOCX.read_bytes()
    return data[: len(data) // 2]


CASES = {
    "empty.docx": (b"", "empty_file"),
    "spaces.txt": (b"  \n\t \r\n", "empty_file"),
    "not-a-zip.docx": (b"PK\x03\x04" + bytes(100), "corrupt_zip"),
    "truncated.docx": (_truncated_docx(), "corrupt_zip"),
    "legacy.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024), "legacy_doc"),
    "encrypted.docx": (_encrypted_ooxml(), "encrypted"),
    "garbage.txt": (bytes(range(256)) * 40, "binary_file"),
    "undecodable.txt": ("一、总体情况\n".encode() + b"\x81\x20" * 50, "undecodable_text"),
    "zipped-text.docx": (_package("not xml at all <<<"), "corrupt_xml"),
    "bomb.docx": (_zip_bomb(), "zip_bomb"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_broken_file_gets_its_code_and_a_one_line_reason(tmp_path, capsys, name):
    data, code = CASES[name]
    path = tmp_path / name
    path.write_bytes(data)
    assert main([str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and f": {code}: " in captured.err
    assert json.loads(captured.out)["error"]["code"] == code
    assert path.read_bytes() == data  # inputs are never written to


def test_external_entities_are_never_fetched():
    hostname = Path("/etc/hostname").read_text(encoding="utf-8").strip() if Path("/etc/hostname").exists() else "never-there"
    [paragraph] = read_bytes(_external_entity(), "xxe.docx").paragraphs  # the reader: the page is no report
    assert paragraph.text == "before  after" and hostname not in paragraph.text  # the reference is dropped, not resolved


def test_exponential_entities_are_refused():
    with pytest.raises(ExtractorError) as err:
        extractor.parse_bytes(_billion_laughs(), "laughs.docx")
    assert err.value.code == "xml_bomb"


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setenv("EXTRACTOR_MAX_FILE_MB", "0.01")
    path = tmp_path / "big.txt"
    path.write_text("一、总体情况\n" + "正文。" * 5000, encoding="utf-8")
    with pytest.raises(ExtractorError) as err:
        extractor.parse(path)
    assert err.value.code == "too_large" and "EXTRACTOR_MAX_FILE_MB" in err.value.message


def _nested(depth: int) -> bytes:
    inner = p("最里层")
    for _ in range(depth):
        inner = tbl(1, tr(tc(content=inner)))
    return docx(p("一、总体情况") + inner)


def test_nested_tables_are_read_without_recursion():
    document = read_bytes(_nested(60), "nested.docx")  # 60 tables deep: 180 XML levels
    assert len(document.tables) == 1 and document.tables[0].cells[0].text == "最里层"


def test_tables_nested_past_the_parser_limit_are_refused_with_a_reason():
    with pytest.raises(ExtractorError) as err:
        extractor.parse_bytes(_nested(200), "nested.docx")
    assert err.value.code == "too_deeply_nested"


def test_a_document_without_standard_tables_keeps_its_sections_and_warns():
    report = extractor.parse_bytes(docx(p("某局2022年政府信息公开工作年度报告") + p("一、总体情况") + p("本年度无数据。")), "no-tables.docx")
    assert [s.title for s in report.sections] == ["总体情况"] and report.records == ()
    assert {w.code for w in report.warnings} >= {"missing_table"} or report.metadata["template"] == "unknown"
    assert report.status == "no_tables" and "no_tables_found" in {w.code for w in report.warnings}
