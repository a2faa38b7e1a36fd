"""Legacy .doc/.wps: converted through LibreOffice when present, a one-line fix otherwise, never a hang."""
from __future__ import annotations

import shutil
import subprocess

import pytest

import extractor
from conftest import FIXTURES
from extractor.errors import ExtractorError

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024)


def test_without_libreoffice_the_error_names_the_fix(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(ExtractorError) as err:
        extractor.parse_bytes(OLE, "old.doc")
    assert err.value.code == "legacy_doc" and "apt-get install libreoffice-writer" in err.value.message


def test_a_conversion_that_hangs_is_stopped(tmp_path, monkeypatch):
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nexec /bin/sleep 30\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("EXTRACTOR_SOFFICE_TIMEOUT", "0.5")
    with pytest.raises(ExtractorError) as err:
        extractor.parse_bytes(OLE, "old.doc")
    assert err.value.code == "conversion_timeout"


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice is not installed")
def test_a_real_doc_converts_to_the_same_cells(tmp_path, seed_docx_report):
    program = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run([program, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "doc",
                    "--outdir", str(tmp_path), str(FIXTURES / "docx" / "seed-2021.docx")], check=True, timeout=180,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    report = extractor.parse(tmp_path / "seed-2021.doc")
    assert {(r.table, r.row, r.column): r.value for r in report.records} == {
        (r.table, r.row, r.column): r.value for r in seed_docx_report.records}
    assert report.document.source.format == "doc"
