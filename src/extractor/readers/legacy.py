"""Legacy Word .doc and WPS .wps files: converted to .docx by LibreOffice when it is installed, then read.

LibreOffice runs headless with a throw-away profile (so parallel conversions do not share one) and a time
limit, so a file that makes it hang costs at most EXTRACTOR_SOFFICE_TIMEOUT seconds (default 120).
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..errors import ExtractorError
from ..limits import current_limits

_INSTALL = ("install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer) so that extractor converts it, "
            "or save it as .docx")


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(data: bytes) -> bytes:
    """The .docx that LibreOffice makes of a legacy document. Raises `legacy_doc` naming the fix when it can't."""
    program = soffice()
    if program is None:
        raise ExtractorError("legacy_doc", f"this is a legacy Word .doc/.wps file; {_INSTALL}")
    timeout = current_limits().soffice_timeout_s
    with tempfile.TemporaryDirectory(prefix="extractor-soffice-") as work:
        source = Path(work, "report.doc")
        source.write_bytes(data)
        command = [program, f"-env:UserInstallation=file://{work}/profile", "--headless", "--norestore",
                   "--convert-to", "docx", "--outdir", work, str(source)]
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)  # its own process group: soffice forks soffice.bin
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise ExtractorError("conversion_timeout", f"LibreOffice did not convert the legacy document within {timeout:g} s; "
                                                       "raise EXTRACTOR_SOFFICE_TIMEOUT or save it as .docx") from exc
        target = Path(work, "report.docx")
        if not target.exists():
            raise ExtractorError("legacy_doc", "LibreOffice could not convert this legacy .doc/.wps file; open and save it as .docx")
        return target.read_bytes()
