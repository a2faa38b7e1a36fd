"""The JSON Schema shipped in the package validates what extractor really writes, for every reader and outcome."""
from __future__ import annotations

import json

import jsonschema
import pytest

from conftest import CORPUS, FIXTURES, SEED, shared_file
from extractor.cli import main


def _validator(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


REPORTS = [FIXTURES / "docx" / "seed-2021.docx", FIXTURES / "html" / "seed-2021.html", SEED, CORPUS / "hzq-2023.pdf",
           CORPUS / "huaian-2024.pdf", CORPUS / "template2021-blank.docx", *sorted((CORPUS / "page-text").glob("*.txt"))]


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_every_report_json_validates(capsys, path):
    validator = _validator(capsys)
    assert main([str(shared_file(path)), "-q"]) == 0
    report = json.loads(capsys.readouterr().out)
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(report)]
    assert not errors, errors[:5]


def test_the_error_json_validates(capsys, tmp_path):
    validator = _validator(capsys)
    (tmp_path / "empty.docx").write_bytes(b"")
    assert main([str(tmp_path / "empty.docx")]) == 2
    validator.validate(json.loads(capsys.readouterr().out))


def test_the_schema_refuses_a_blank_read_as_zero(capsys):
    validator = _validator(capsys)
    assert main([str(FIXTURES / "docx" / "seed-2021.docx"), "-q"]) == 0
    report = json.loads(capsys.readouterr().out)
    cell = next(c for c in report["tables"]["applications"] if c["state"] == "zero")
    cell["state"] = "empty"  # a blank with a number would be made up
    assert not validator.is_valid(report)
