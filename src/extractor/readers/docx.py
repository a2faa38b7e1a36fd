"""Read a .docx (WordprocessingML) into the document model, straight from the XML with lxml.

Why not python-docx: its `row.cells` repeats a merged cell at every grid slot it covers, and building its
proxy objects costs an order of magnitude more than parsing the XML. We read `w:tbl` at the `w:tc` level
(docx_tables.py) and paragraphs by walking the body in document order, descending into content controls and
into the cells of layout tables; a table cut into consecutive w:tbl pieces is read as one (the rules for both
are in docx_tables.py).

Pictures. Wherever a paragraph shows an image (DrawingML `a:blip` r:embed/r:link, VML `v:imagedata` r:id — an
embedded object's preview included) a Picture block follows the paragraph, naming the image's package part
(resolved through the main part's relationships) and its size; pictures in a data table's cells follow the
table. The pixels are not read here: `picture_bytes` fetches them by part name. Documents without pictures pay
nothing for this: the document's bytes are searched for the two element names before any paragraph is.
"""
from __future__ import annotations

import io
import posixpath
import zipfile
import zlib

from lxml import etree

from ..errors import ExtractorError
from ..model import Block, Message, Paragraph, Picture
from .docx_numbering import ListNumbering
from .docx_tables import continues, is_layout, read_table
from .ooxml import BLIP, IMAGE_REFS, IMAGEDATA, MC_FALLBACK, PARSER, TRANSPARENT, W, paragraph_text, read_part, relationships

_REL_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_PKG_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_P, _TBL = W + "p", W + "tbl"
# Walked through: content controls, and the rows and cells of layout tables (data tables are read whole).
_WALKED = TRANSPARENT | {W + "tr", W + "tc"}
_DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, KeyError, OSError, ValueError, RuntimeError, NotImplementedError)

Images = dict[str, tuple[str, int | None]]  # relationship id → (part name or link, bytes in the package)


def read_docx(data: bytes) -> tuple[list[Block], list[Message]]:
    """Blocks (paragraphs, tables and pictures, in reading order) of a .docx given as bytes.

    Raises ExtractorError `not_docx` when the zip has no main document part, `corrupt_zip` when it cannot be read.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            main_part = _main_part_name(package)
            xml = read_part(package, main_part)
            numbering = ListNumbering.from_package(package, main_part, xml)  # None: nothing is auto-numbered
            images = _images(package, main_part) if b"blip" in xml or b"imagedata" in xml else None
    except _DAMAGED as exc:
        raise ExtractorError("corrupt_zip", f"the .docx package is damaged ({exc}); re-download or re-save the file") from exc
    try:
        root = etree.fromstring(xml, PARSER)
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
    return _Body(numbering, images).read(body)


def _main_part_name(package: zipfile.ZipFile) -> str:
    names = set(package.namelist())
    if "_rels/.rels" in names:
        rels = etree.fromstring(read_part(package, "_rels/.rels"), PARSER)
        for rel in rels.iter(_PKG_RELS):
            if rel.get("Type") == _REL_OFFICE_DOCUMENT:
                target = posixpath.normpath(rel.get("Target", "").lstrip("/"))
                if target in names:
                    return target
    if "word/document.xml" in names:
        return "word/document.xml"
    raise ExtractorError("not_docx", "the zip holds no Word document (no word/document.xml); is this really a .docx?")


def picture_bytes(data: bytes, part: str) -> bytes:
    """The image of a Picture read from the .docx `data`, by its `part` name (word/media/image1.png)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return read_part(package, part)
    except _DAMAGED as exc:
        raise ExtractorError("corrupt_zip", f"the .docx package holds no readable {part} ({exc})") from exc


def _images(package: zipfile.ZipFile, main_part: str) -> Images:
    names = {info.filename: info.file_size for info in package.infolist()}
    return {rid: (rel.target, None if rel.external else names.get(rel.target))
            for rid, rel in relationships(package, main_part).items() if rel.kind == "image"}


class _Body:
    """The body walk's output. A data table is held back (as its w:tbl pieces, with the empty paragraphs after
    them) until the next non-empty block shows whether another piece continues it."""

    def __init__(self, numbering: ListNumbering | None, images: Images | None):
        self.numbering, self.images = numbering, images
        self.blocks: list[Block] = []
        self.messages: list[Message] = []
        self.n_tables = 0
        self.pieces: list[etree._Element] = []
        self.held: list[str] = []  # texts of the empty paragraphs after the pieces

    def read(self, body: etree._Element) -> tuple[list[Block], list[Message]]:
        stack = [iter(body)]
        while stack:  # iterative walk: content controls and layout tables may nest deeply
            element = next(stack[-1], None)
            if element is None:
                stack.pop()
            elif element.tag == _P:
                self.paragraph(element)
            elif element.tag == _TBL:
                if is_layout(element, self.images is not None):
                    stack.append(iter(element))
                elif self.pieces and continues(self.pieces, element):
                    self.pieces.append(element)
                    self.held.clear()  # the breaks between two pieces are inside the table
                else:
                    self.flush()
                    self.pieces.append(element)
            elif element.tag in _WALKED and not _deleted_row(element):
                stack.append(iter(element))
        self.flush()
        return self.blocks, self.messages

    def paragraph(self, p: etree._Element) -> None:
        text = paragraph_text(p)
        # Word's automatic list label ("一、", "（一）", "1. ") as displayed, separator included (see
        # ListNumbering.label). Counters advance for body paragraphs only: numbered paragraphs inside
        # data tables (read with block_text) are not counted and get no label.
        label = self.numbering.label(p) if self.numbering is not None else None
        text = label + text if label else text
        pictures = self.pictures(p)
        if self.pieces and not pictures and not text.strip():
            self.held.append(text)
            return
        self.flush()
        self.blocks.append(Paragraph(text, len(self.blocks)))
        self.add(pictures)

    def flush(self) -> None:
        if not self.pieces:
            return
        table, messages = read_table(self.pieces, self.n_tables, len(self.blocks))
        self.blocks.append(table)
        self.messages.extend(messages)
        self.n_tables += 1
        if self.images is not None:
            self.add([found for piece in self.pieces for found in self.pictures(piece)])
        self.blocks.extend(Paragraph(text, len(self.blocks) + i) for i, text in enumerate(self.held))
        self.pieces, self.held = [], []

    def pictures(self, element: etree._Element) -> list[tuple[str, int | None]]:
        """(part, size) of each image shown inside `element`, in document order."""
        if self.images is None:
            return []
        found = []
        for node in element.iter(BLIP, IMAGEDATA):
            rid = next((node.get(ref) for ref in IMAGE_REFS if node.get(ref)), None)
            if rid in self.images:
                found.append(self.images[rid])
        return found

    def add(self, pictures: list[tuple[str, int | None]]) -> None:
        self.blocks.extend(Picture(len(self.blocks) + i, part, size) for i, (part, size) in enumerate(pictures))


def _deleted_row(element: etree._Element) -> bool:
    """A tracked row deletion (w:trPr/w:del) in a layout table: not shown, so not read."""
    return element.tag == W + "tr" and element.find(f"{W}trPr/{W}del") is not None
