"""The command line: output formats, atomic -o, one-line errors with exit 2, help on every option."""
from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest

from conftest import FIXTURES
from extractor.cli import build_parser, main

DOCX = FIXTURES / "docx" / "seed-2021.docx"


def test_json_on_stdout_by_default(capsys):
    assert main([str(DOCX)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["metadata"]["agency"] == "江岸区人民政府二七街道办事处" and len(report["tables"]["applications"]) == 175


def test_long_csv_has_the_contract_columns_and_one_row_per_cell(capsys):
    assert main([str(DOCX), "--format", "csv", "--quiet"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert list(rows[0]) == ["source_file", "agency", "year", "template", "table_key", "row_key", "column_key", "value", "state", "raw",
                             "row_label", "column_label"]
    assert len(rows) == 200
    total = next(r for r in rows if (r["table_key"], r["row_key"], r["column_key"]) == ("applications", "results.total", "total"))
    assert (total["value"], total["state"], total["year"], total["template"]) == ("2", "numeric", "2021", "2021")


def test_output_file_is_written_whole(tmp_path, capsys):
    out = tmp_path / "r.json"
    assert main([str(DOCX), "-o", str(out), "-q"]) == 0
    assert capsys.readouterr().out == ""
    assert json.loads(out.read_text(encoding="utf-8"))["schema_version"] == "3"  # 3: wide.csv's cell columns fold dots too
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


def _corrupt_zip(path):
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 40)


def _legacy_doc(path):
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)


def _not_a_word_zip(path):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "hi")


@pytest.mark.parametrize(("make", "code"), [
    (lambda p: None, "file_not_found"),
    (lambda p: p.write_bytes(b""), "empty_file"),
    (_corrupt_zip, "corrupt_zip"),
    (_legacy_doc, "legacy_doc"),
    (_not_a_word_zip, "not_docx"),
])
def test_unreadable_input_gives_one_line_and_exit_2(tmp_path, capsys, make, code):
    path = tmp_path / "report.docx"
    make(path)
    assert main([str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f": {code}: " in err


def test_every_option_has_help():
    for action in build_parser()._actions:
        assert action.help, action.dest


def test_a_bug_met_on_an_input_is_one_line_and_exit_2(tmp_path, capsys, monkeypatch):
    import extractor.api

    def broken(path):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(extractor.api, "parse", broken)
    assert main([str(DOCX)]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_help_lists_the_subcommands_and_every_input_format(capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--help"])
    out = capsys.readouterr().out
    assert "convert" in out and "batch" in out
    assert all(fmt in out for fmt in (".docx", ".doc", ".pdf", ".html", ".txt", ".md"))


def test_version_names_the_distribution(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("extractor 0.1.0 (zfxxgk-extractor)")


def test_convert_is_the_default_command(capsys):
    assert main(["convert", str(DOCX), "-q"]) == 0
    explicit = capsys.readouterr().out
    assert main([str(DOCX), "-q"]) == 0
    assert capsys.readouterr().out == explicit


def test_a_wrong_option_is_one_line_and_exit_2(capsys):
    assert main([str(DOCX), "--format", "xml"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--format" in err


def test_review_and_diff_from_the_command_line(tmp_path, capsys):
    from conftest import CORPUS, shared_file

    old, new = shared_file(CORPUS / "hzq-2023.pdf"), shared_file(CORPUS / "hzq-2024.pdf")
    assert main(["review", str(old), "-o", str(tmp_path / "page.html")]) == 0
    page = (tmp_path / "page.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "✗" in page  # hzq-2023 prints a 行政复议 row that does not add up
    assert main([str(new), "-q", "-o", str(tmp_path / "new.json")]) == 0
    assert main(["diff", str(old), str(tmp_path / "new.json")]) == 0  # a report file against extractor's JSON of one
    out = capsys.readouterr().out
    assert "administrative_licensing × decisions: 550 → 9487" in out and "JUMP (growth)" in out  # read off the two PDFs
    (tmp_path / "other.json").write_text('{"a": 1}', encoding="utf-8")
    assert main(["diff", str(old), str(tmp_path / "other.json")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and ": corrupt_json: " in err
