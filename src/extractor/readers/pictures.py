"""Tables pasted as pictures into a .docx or a web page, read by OCR when the text lacks the template's tables.

The pipeline (api.py) calls `read_pictures` only when a document holds Picture blocks and one of the three
standard tables is missing from its text, so other documents pay nothing. Each picture is then:

1. Fetched, never from the network: a .docx's image part (word/media/…; a picture linked outside the package
   is not fetched), or a web page's `<img src>` as a `data:` URI or as a local file beside the page (inside its
   folder, within the file-size limit; `http:`, `https:` and `//` addresses are not fetched).
2. Read by `ocr.ocr_image`: scaled so its characters are as tall as on a page the OCR reader reads best, then
   the same geometry, recognition and doubt as a scanned PDF page (readers/ocr.py).
3. Its ruled tables become Table blocks right after the picture (text outside them is left: a picture's
   caption repeats the text around it). Each cell's `source` names the `picture` it was read from.

Without the `ocr` extra an `ocr_unavailable` warning says what to install, and the document is left as it is
(status `no_tables`, `tables_are_images`). A picture that cannot be fetched or read gets an
`unreadable_picture` warning; the others are read.
"""
from __future__ import annotations

import base64
import binascii
import dataclasses
import re
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes

from ..errors import DIST, ExtractorError
from ..limits import current_limits
from ..model import Block, Document, Message, Paragraph, Picture, Table, where
from .pdf_grid import Grid, to_table

_REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)  # http://, https://, ftp://, //host/…
_DATA_URI = re.compile(r"^data:([^,;]*)((?:;[^,;]*)*),(.*)$", re.S | re.I)


def read_pictures(document: Document, data: bytes) -> Document:
    """The document with the ruled tables of its pictures as Table blocks, each after its picture, and a
    warning for every picture that could not be read. `data` is the file's bytes (a .docx's images are in it)."""
    if document.source.format not in ("docx", "html"):
        return _with(document, {}, [Message("unreadable_picture", f"the pictures of a {document.source.format} file are not "
                                            "read by OCR; save it as .docx to have them read", "document")])
    try:
        from .ocr import ocr_image, recogniser

        recogniser()
    except (ExtractorError, ImportError):
        return _with(document, {}, [Message("ocr_unavailable", f"the tables are pictures ({len(document.pictures)} in the "
                                            f"document); reading them needs OCR: pip install '{DIST}[ocr]'", "document")])
    found: dict[int, list[Grid]] = {}
    messages = []
    for k, picture in enumerate(document.pictures, 1):
        try:
            _, found[picture.index] = ocr_image(_fetch(document, data, picture))
        except (ValueError, ExtractorError) as exc:
            reason = exc.message if isinstance(exc, ExtractorError) else str(exc)
            messages.append(Message("unreadable_picture", f"picture {_name(picture, k)}: {reason}; not read", where(picture=k)))
    return _with(document, found, messages)


def _fetch(document: Document, data: bytes, picture: Picture) -> bytes:
    """The picture's bytes; ValueError when they are not in the document or beside it."""
    if document.source.format == "docx":
        if picture.size is None:
            raise ValueError("linked from outside the document, not fetched")
        from .docx import picture_bytes

        return picture_bytes(data, picture.part)
    src = picture.part.strip()
    uri = _DATA_URI.match(src)
    if uri:
        payload = uri.group(3)
        if ";base64" not in uri.group(2).lower():
            return unquote_to_bytes(payload)
        try:
            return base64.b64decode(re.sub(r"\s+", "", unquote(payload)), validate=False)
        except (binascii.Error, ValueError) as exc:
            raise ValueError("a data: URI that is not valid base64") from exc
    if _REMOTE.match(src) or ":" in src.split("/")[0]:
        raise ValueError("a web address, not fetched (extractor never goes on the network)")
    return _beside(Path(document.source.path), unquote(src.split("#")[0].split("?")[0]).replace("\\", "/"))


def _beside(page: Path, src: str) -> bytes:
    """A local image named by a page's <img src>: inside the page's folder only, within the file-size limit."""
    if not page.is_file():
        raise ValueError("a file beside the page, but the page was not read from a file")
    folder = page.resolve().parent
    path = (folder / src.lstrip("/")).resolve()
    if not path.is_relative_to(folder):
        raise ValueError("a file outside the page's folder, not read")
    if not path.is_file():
        raise ValueError("no such file beside the page")
    if path.stat().st_size > current_limits().max_file_mb * 2**20:
        raise ValueError("larger than the file-size limit")
    return path.read_bytes()


def _name(picture: Picture, k: int) -> str:
    """How warnings and sources name the k-th picture: its part or src, a data: URI by its type and k."""
    if picture.part.startswith("data:"):
        return f"data:{picture.part[5:100].split(',')[0].split(';')[0] or 'image'} (picture {k})"
    return picture.part


def _with(document: Document, found: dict[int, list[Grid]], messages: list[Message]) -> Document:
    """The document's blocks with the tables `found` after their pictures, every block and table renumbered."""
    blocks: list[Block] = []
    n_tables = 0
    ordinal = {p.index: k for k, p in enumerate(document.pictures, 1)}
    for block in document.blocks:
        if isinstance(block, Table):
            blocks.append(dataclasses.replace(block, index=n_tables, block=len(blocks)))
            n_tables += 1
            continue
        blocks.append(block._replace(index=len(blocks)) if isinstance(block, (Paragraph, Picture)) else block)
        for grid in found.get(block.index, []) if isinstance(block, Picture) else []:
            blocks.append(_picture_table(to_table(grid, n_tables, len(blocks)), _name(block, ordinal[block.index])))
            n_tables += 1
    return dataclasses.replace(document, blocks=tuple(blocks), messages=(*document.messages, *messages))


def _picture_table(table: Table, name: str) -> Table:
    """A table read from a picture: no page; each cell's source names the picture."""
    cells = tuple(c._replace(page=None, source=(*c.source, ("picture", name))) for c in table.cells)
    return dataclasses.replace(table, cells=cells)
