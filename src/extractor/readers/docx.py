"""Read a .docx (WordprocessingML) into the document model, straight from the XML with lxml.

Why not python-docx: its `row.cells` repeats a merged cell at every grid slot it covers, and building its
proxy objects costs an order of magnitude more than parsing the XML. We read `w:tbl` at the `w:tc` level
(tables.py) and paragraphs by walking the body in document order, descending into content controls.
"""
from __future__ import annotations

import io
import posixpath
import zipfile
import zlib

from lxml import etree

from ..errors import ExtractorError
from ..model import Block, Message, Paragraph
from .docx_numbering import ListNumbering
from .docx_tables import read_table
from .ooxml import MC_FALLBACK, TRANSPARENT, W, paragraph_text, read_part

_REL_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_PKG_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def read_docx(data: bytes) -> tuple[list[Block], list[Message]]:
    """Blocks (paragraphs and tables, in reading order) of a .docx given as bytes.

    Raises ExtractorError `not_docx` when the zip has no main document part, `corrupt_zip` when it cannot be read.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            main_part = _main_part_name(package)
            xml = read_part(package, main_part)
            numbering = ListNumbering.from_package(package, main_part, xml)  # None: nothing is auto-numbered
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, OSError, ValueError, RuntimeError, NotImplementedError) as exc:
        raise ExtractorError("corrupt_zip", f"the .docx package is damaged ({exc}); re-download or re-save the file") from exc
    try:
        root = etree.fromstring(xml, _PARSER)
    except etree.XMLSyntaxError as exc:
        if "depth" in str(exc):  # libxml2 stops at 256 levels: tables nested that deep are not a report
            raise ExtractorError("too_deeply_nested", "the document nests elements more than 256 levels deep (tables inside "
                                                      "tables); refused as a safety limit") from exc
        if "amplification" in str(exc):  # entities that expand into gigabytes ("billion laughs")
            raise ExtractorError("xml_bomb", "the document declares entities that expand exponentially; refused") from exc
        raise ExtractorError("corrupt_xml", f"word/document.xml is not well-formed XML ({exc}); re-save the file in Word") from exc
    body = root.find(W + "body")
    if body is None:
        raise ExtractorError("not_docx", "the package has no document body; is this a Word document?")
    # The Fallback repeats its Choice's text; moveFrom is the old place of moved (tracked) text.
    etree.strip_elements(body, MC_FALLBACK, W + "moveFrom", with_tail=False)
    return _read_body(body, numbering)


def _main_part_name(package: zipfile.ZipFile) -> str:
    names = set(package.namelist())
    if "_rels/.rels" in names:
        rels = etree.fromstring(read_part(package, "_rels/.rels"), _PARSER)
        for rel in rels.iter(_PKG_RELS):
            if rel.get("Type") == _REL_OFFICE_DOCUMENT:
                target = posixpath.normpath(rel.get("Target", "").lstrip("/"))
                if target in names:
                    return target
    if "word/document.xml" in names:
        return "word/document.xml"
    raise ExtractorError("not_docx", "the zip holds no Word document (no word/document.xml); is this really a .docx?")


def _read_body(body: etree._Element, numbering: ListNumbering | None = None) -> tuple[list[Block], list[Message]]:
    blocks: list[Block] = []
    messages: list[Message] = []
    n_tables = 0
    stack = [iter(body)]
    while stack:  # iterative walk: content controls may nest deeply
        element = next(stack[-1], None)
        if element is None:
            stack.pop()
            continue
        tag = element.tag
        if tag == W + "p":
            text = paragraph_text(element)
            # Word's automatic list label ("一、", "（一）", "1. ") as displayed, separator included (see
            # ListNumbering.label). Counters advance for body paragraphs only: numbered paragraphs inside
            # tables (read with block_text) are not counted and get no label.
            label = numbering.label(element) if numbering is not None else None
            blocks.append(Paragraph(label + text if label else text, len(blocks)))
        elif tag == W + "tbl":
            table, table_messages = read_table(element, n_tables, len(blocks))
            blocks.append(table)
            messages.extend(table_messages)
            n_tables += 1
        elif tag in TRANSPARENT:
            stack.append(iter(element))
    return blocks, messages



