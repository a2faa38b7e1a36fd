"""Readers: bytes of a file → the document model. The format is sniffed from the content, not the name."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..errors import ExtractorError
from ..limits import current_limits
from ..model import Document, Message, Source

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
# A web page: a doctype, <html>, or a document that opens with one of the usual first elements.
_HTML = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|meta|title|link|style|script|body|div"
                   rb"|table|p|h[1-6]|span|strong|b|font|center|section|article|ul|ol|br)[\s>/]", re.S)


def sniff(data: bytes) -> str:
    """The format of a report's bytes: docx, doc (legacy Word/WPS), pdf, html or text; or an ExtractorError
    naming what it is and what to do."""
    if not data.strip():
        raise ExtractorError("empty_file", "the file is empty; nothing to extract")
    if data.startswith(_ZIP):
        return "docx"
    if data.startswith(_OLE):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise ExtractorError("encrypted", "the Word file is password-protected; save an unprotected copy and retry")
        return "doc"
    head = data[:2048].lstrip().lower()
    for bom in (b"\xff\xfe", b"\xfe\xff"):  # a UTF-16 web page: look at its first characters
        if data.startswith(bom):
            head = data[:4096].decode("utf-16", errors="ignore").lstrip().lower().encode("utf-8")
    if head.startswith(b"%pdf") or data[:1024].find(b"%PDF-") >= 0:
        return "pdf"
    if _HTML.search(head.lstrip(b"\xef\xbb\xbf")):
        return "html"
    return "text"


# The file names each format goes by. A batch reads every file named so (and any other whose bytes are a report
# format, see batch/discover.py); a name that contradicts the content gets an `extension_mismatch` warning.
SUFFIXES = {
    "docx": (".docx", ".docm", ".dotx"),
    "doc": (".doc", ".wps", ".dot"),
    "pdf": (".pdf",),
    "html": (".html", ".htm", ".shtml", ".xhtml", ".jsp", ".asp", ".aspx", ".php"),
    "text": (".txt", ".text", ".md", ".markdown"),
}
FORMAT_OF_SUFFIX = {suffix: fmt for fmt, suffixes in SUFFIXES.items() for suffix in suffixes}


def load(path: str | Path) -> bytes:
    """The bytes of one report file, within the file-size limit: the one way every command reads a file.
    Raises ExtractorError with a one-line reason when it cannot."""
    path = Path(path)
    limit = current_limits().max_file_mb
    try:
        if path.stat().st_size > limit * 2**20:
            raise ExtractorError("too_large", f"{path} is larger than {limit:g} MB; raise EXTRACTOR_MAX_FILE_MB to read it")
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise ExtractorError("file_not_found", f"no such file: {path}") from exc
    except IsADirectoryError as exc:
        raise ExtractorError("not_a_file", f"{path} is a directory; use `extractor batch` for folders") from exc
    except OSError as exc:
        raise ExtractorError("unreadable_file", f"cannot read {path}: {exc.strerror or exc}") from exc


def read(path: str | Path) -> Document:
    """Read one report file into a Document. Raises ExtractorError with a one-line reason when it cannot."""
    return read_bytes(load(path), str(path))


def read_bytes(data: bytes, name: str = "<bytes>") -> Document:
    fmt = sniff(data)
    blocks, messages, *own = _READERS[fmt]()(data)  # a reader may hand on the file's own title and date after them
    source = Source(name, hashlib.sha256(data).hexdigest(), fmt, len(data))
    return Document(source, tuple(blocks), (*_name_contradicts(name, fmt), *messages), *own)


def _name_contradicts(name: str, fmt: str) -> list[Message]:
    suffix = Path(name).suffix.lower()
    named = FORMAT_OF_SUFFIX.get(suffix)
    if named is None or named == fmt or (named, fmt) == ("doc", "docx"):  # a .doc saved as OOXML is common and harmless
        return []
    return [Message("extension_mismatch", f"the file is named {suffix} but its content is {fmt}; it was read as {fmt}",
                    "file")]


def _docx():
    from .docx import read_docx
    return read_docx


def _text():
    from .text import read_text
    return read_text


def _doc():
    from .docx import read_docx
    from .legacy import convert_to_docx
    return lambda data: read_docx(convert_to_docx(data))


def _pdf():
    from .pdf import read_pdf
    return read_pdf


def _html():
    from .html import read_html
    return read_html


# Each reader is imported only when a file of its format arrives (lxml, pdfplumber are costly to import).
_READERS = {"docx": _docx, "text": _text, "pdf": _pdf, "html": _html, "doc": _doc}
