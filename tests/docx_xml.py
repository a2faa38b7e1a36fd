"""Build minimal .docx packages in memory from hand-written WordprocessingML, for reader tests.

`docx(body)` wraps body XML (``w:`` prefix bound) into the three parts a package needs: [Content_Types].xml,
_rels/.rels pointing at word/document.xml, and word/document.xml. The small builders below return XML strings,
so a test can mix them with literal markup where the markup itself is what it tests.
"""
from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml"'
    ' ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml"'
    ' Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
    "</Relationships>"
)


def docx(body: str) -> bytes:
    """A .docx package whose w:body holds `body`."""
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _RELS)
        package.writestr("word/document.xml", document)
    return buffer.getvalue()


def p(text: str = "") -> str:
    """A paragraph with one run of `text` (spaces kept); an empty paragraph for ""."""
    if not text:
        return "<w:p/>"
    return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def _merge(tag: str, value: str | None) -> str:
    if value is None:
        return ""
    return f"<w:{tag}/>" if value == "" else f'<w:{tag} w:val="{value}"/>'


def tc(text: str = "", *, span: int = 1, vmerge: str | None = None, hmerge: str | None = None, content: str | None = None) -> str:
    """A cell holding one paragraph of `text` (or the raw `content` XML).

    `span` writes w:gridSpan; `vmerge`/`hmerge` write w:vMerge/w:hMerge with that w:val ("" for no w:val).
    """
    props = (f'<w:gridSpan w:val="{span}"/>' if span != 1 else "") + _merge("hMerge", hmerge) + _merge("vMerge", vmerge)
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{p(text) if content is None else content}</w:tc>"


def tr(*cells: str, before: int = 0, after: int = 0, deleted: bool = False) -> str:
    """A row of `cells`; `before`/`after` write w:gridBefore/w:gridAfter, `deleted` a tracked row deletion."""
    props = (
        (f'<w:gridBefore w:val="{before}"/>' if before else "")
        + (f'<w:gridAfter w:val="{after}"/>' if after else "")
        + ('<w:del w:id="900" w:author="test" w:date="2024-01-01T00:00:00Z"/>' if deleted else "")
    )
    return f"<w:tr>{f'<w:trPr>{props}</w:trPr>' if props else ''}{''.join(cells)}</w:tr>"


def tbl(cols: int, *rows: str) -> str:
    """A table with a `cols`-column w:tblGrid."""
    grid = '<w:gridCol w:w="1000"/>' * cols
    return f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>'
