"""OCR of the scanned pages of a PDF (pages without a text layer), offline, into the PDF reader's own geometry.

The PDF reader (readers/pdf.py) calls `ocr_pages` for the pages that have no text but an image; everything
after — tables joined across pages, paragraphs, then segmenter and normalizer — is the same as for a text PDF.

1. Render. pypdfium2 (installed with pdfplumber) renders the page at DPI, the resolution of the usual scan
   (150 dpi; more adds pixels but no detail to a 150 dpi image, and the recogniser's cost grows with them).
2. Geometry (readers/ocr_grid.py): red seal dropped, page deskewed, ruled tables rebuilt with their spans,
   and lines of text found inside each cell and outside the tables.
3. Recognition. Each line crop goes to the Chinese recogniser of rapidocr-onnxruntime (PP-OCRv4, its ONNX
   model shipped inside the wheel: nothing is downloaded; only that model is loaded, once per process, with
   EXTRACTOR_OCR_THREADS threads), the cells of a table side by side in strips scaled to HEIGHT (their
   labels, lines of four characters or more, in strips of their own at LABEL_HEIGHT), the other
   lines alone scaled to FREE_HEIGHT, one strip or line per call (its cost grows with the width read). Its per-character
   probabilities give the confidence of a reading: the lowest of its characters, not their mean, so that
   one unsure digit is not hidden by sure ones.
4. Doubt. A table cell that reads as digits (or nearly: a few characters, at least one digit) but is not a
   clean number, or whose confidence is below MIN_CONFIDENCE, is read again alone with only digits allowed
   (the recogniser's output restricted to 0-9 . /). If that is still unsure, the cell keeps the reading as
   text with `doubt` and its `candidates` (the readings that swap each unsure digit for the runner-up), so the
   normalizer leaves the value missing and warns, naming page and cell; a constraint solver over the template's
   arithmetic can later pick the one candidate the sums allow. Every OCR cell's source carries `ocr: true`
   and its `confidence`.

Pictures (`ocr_image`: a table pasted as an image into a .docx or a web page, see readers/pictures.py) take
the same steps 2–4 after one of their own: the picture is scaled so that its characters are TEXT_HEIGHT
pixels tall (ocr_grid.text_height), as tall as the 9-point table text of a page rendered at DPI, the size
the geometry's tolerances and the recogniser were measured on.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import product
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..errors import DIST, ExtractorError
from ..limits import current_limits
from .pdf_grid import Grid, Line, _Box

if TYPE_CHECKING:
    from . import ocr_grid

DPI = 150
MODEL = "ch_PP-OCRv4_rec_infer.onnx"  # the Chinese recogniser inside rapidocr-onnxruntime's wheel (its detector is not loaded)
MIN_CONFIDENCE = 0.6  # lowest character probability of a clean number taken without doubt (measured: see README)
RUNNER_UP = 0.05  # a digit's runner-up at least this probable makes another candidate reading
MAX_CANDIDATES = 8
HEIGHT = 32  # height a table cell's line is scaled to (the recogniser was trained at 48; 32 upscales less and costs less)
FREE_HEIGHT = 24  # the same for a line outside the tables (headings and prose: sections and metadata, no numbers)
LABEL_WIDTH = 4  # a cell line at least this many times as wide as tall is a label (4 characters or more), read at LABEL_HEIGHT
LABEL_HEIGHT = 28  # (measured: 24 loses rows whose label is misread; 28 reads them all, for 0.82 of the CPU of 32)
TEXT_HEIGHT = 18.0  # px: characters of 9-point table text at DPI (ocr_grid.text_height), what a picture is scaled to
MAX_PICTURE_PIXELS = 40_000_000  # a picture larger than this (as stored or scaled) is not read: no table needs it
MIN_PICTURE_SIDE = 2 * TEXT_HEIGHT  # …nor one narrower than two characters
GAP = 16  # white between two crops read side by side (two of the recogniser's time steps at HEIGHT)
STRIP_WIDTH = 1600  # widest line of table cells read at once (input pixels; narrower strips read worse: measured)
_CLEAN = re.compile(r"^(?:[-+]?\d+(?:\.\d+)?|/)$")
_DIGITS = "0123456789./-+"
_ONE = re.compile(r"^([（(])[-—–－]([)）])|^[-—–－](?=、)")  # 一 printed as a numbering is read as a dash


def _numbering(text: str) -> str:
    """「（-）」 and 「-、」 as 「（一）」 and 「一、」: in print the numeral 一 and a dash are the same stroke."""
    return _ONE.sub(lambda m: f"{m.group(1)}一{m.group(2)}" if m.group(1) else "一", text)


_NUMBERISH = re.compile(r"^(?=.*\d).{1,8}$|^[^\u4e00-\u9fff]{1,8}$")  # short with a digit, or without Chinese: meant for a number


class _Recogniser:
    """The PP-OCRv4 recogniser of rapidocr-onnxruntime, called on crops directly (its own text detector is not
    used: ocr_grid finds the lines)."""

    def __init__(self, threads: int):
        from importlib.util import find_spec

        spec = find_spec("rapidocr_onnxruntime")
        try:
            import onnxruntime
        except ImportError:
            spec = None
        if spec is None or not spec.submodule_search_locations:
            raise ExtractorError("missing_dependency", "this PDF has scanned pages (no text layer); reading them needs "
                                                       f"OCR: pip install '{DIST}[ocr]'")
        model = Path(spec.submodule_search_locations[0]) / "models" / MODEL
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads, options.inter_op_num_threads = threads, 1
        options.log_severity_level = 4
        self.onnx = onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        self.input = self.onnx.get_inputs()[0].name
        # the model's alphabet, with CTC's blank first and the space last, as rapidocr decodes it
        self.characters = ["blank", *self.onnx.get_modelmeta().custom_metadata_map["character"].splitlines(), " "]
        self.digits = np.array([0] + [self.characters.index(d) for d in _DIGITS])

    def logits(self, crops: list[np.ndarray], height: int, strip: bool = False) -> list[np.ndarray]:
        """Per crop, the recogniser's (time steps × characters) probabilities, each crop scaled to `height`. With
        `strip`, crops are read side by side, STRIP_WIDTH wide at most, white between them, and each gets the
        time steps over it: a lone digit is read far better in a line of its neighbours than alone (measured:
        see README). Each line goes to the recogniser alone: a batch is padded to its widest line, and the
        recogniser computes over the padding as over print."""
        import cv2

        resized = [cv2.resize(c, (max(int(np.ceil(height * c.shape[1] / max(c.shape[0], 1))), 8), height)) for c in crops]
        out: list[np.ndarray] = [np.zeros((0, len(self.characters)))] * len(crops)
        for group in _strips([image.shape[1] for image in resized], STRIP_WIDTH if strip else 0):
            parts, places, x = [], [], 0
            for i in group:
                gap = GAP if parts else GAP // 2
                parts += [np.full((height, gap, 3), 255, np.uint8), resized[i]]
                places.append((i, x + gap, x + gap + resized[i].shape[1]))
                x += gap + resized[i].shape[1]
            parts.append(np.full((height, GAP // 2, 3), 255, np.uint8))
            line = np.concatenate(parts, axis=1)
            probs = self.onnx.run(None, {self.input: (line.astype(np.float32) / 127.5 - 1.0).transpose(2, 0, 1)[None]})[0][0]
            per_step = line.shape[1] / probs.shape[0]
            for i, a, b in places:  # each crop's steps reach halfway into the white around it
                first, last = int((a - GAP // 2) // per_step), int(np.ceil((b + GAP // 2) / per_step))
                out[i] = probs[max(first, 0):max(last, first + 1)]
        return out

    def decode(self, probs: np.ndarray, digits_only: bool = False) -> tuple[str, float, list[tuple[str, ...]]]:
        """(text, confidence, per character its likely readings, best first) by greedy CTC decoding; `digits_only`
        restricts the characters to 0-9 . / (probabilities stay those of the full alphabet, so a glyph that is
        no digit keeps a low confidence)."""
        classes = self.digits if digits_only else np.arange(probs.shape[1])
        sub = probs[:, classes] if digits_only else probs
        best = sub.argmax(axis=1)
        text, confidence, options = [], 1.0, []
        for t in np.flatnonzero((best != np.r_[0, best[:-1]]) & (classes[best] != 0)):  # a new character, not blank
            k = best[t]
            top = np.argpartition(sub[t], -3)[-3:]
            ranked = [r for r in top[np.argsort(sub[t, top])[::-1]] if classes[r] != 0]
            text.append(self.characters[classes[k]])
            confidence = min(confidence, float(sub[t, k]))
            options.append(tuple(self.characters[classes[r]] for r in ranked if r == k or sub[t, r] >= RUNNER_UP))
        return "".join(text).strip(), (confidence if text else 0.0), options


def _strips(widths: list[int], limit: int) -> list[list[int]]:
    """Indices of crops of these widths grouped, in order, into lines at most `limit` wide (GAP between them)."""
    groups: list[list[int]] = []
    width = 0
    for i, w in enumerate(widths):
        if not groups or width + w + GAP > limit:
            groups.append([])
            width = 0
        groups[-1].append(i)
        width += w + GAP
    return groups


@lru_cache(maxsize=1)
def recogniser() -> _Recogniser:
    """The recogniser, loaded once per process (≈0.3 s), with EXTRACTOR_OCR_THREADS threads (default 1)."""
    return _Recogniser(max(1, int(current_limits().ocr_threads)))


def _render(pdf, index: int):
    """Page `index` of a pypdfium2 document as an RGB array at DPI."""
    return np.asarray(pdf[index].render(scale=DPI / 72).to_pil().convert("RGB"))


def blank(data: bytes, index: int) -> bool:
    """Whether page `index` of the PDF renders as (almost) empty paper: nothing to read, no OCR needed."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        image = np.asarray(pdf[index].render(scale=1, grayscale=True).to_pil().convert("L"))
    finally:
        pdf.close()
    return int((image < 100).sum()) < 20  # at 72 dpi, a line of print or a rule darkens far more pixels


def ocr_pages(data: bytes, numbers: list[int]) -> tuple[list[Line], list[Grid]]:
    """Lines of text outside tables and ruled tables of the given 1-based pages, in PDF points."""
    import pypdfium2

    engine = recogniser()
    pdf = pypdfium2.PdfDocument(data)
    lines: list[Line] = []
    grids: list[Grid] = []
    try:
        for number in numbers:
            page_lines, page_grids = _read_page(engine, _render(pdf, number - 1), number)
            lines += page_lines
            grids += page_grids
    finally:
        pdf.close()
    return lines, grids


def ocr_image(data: bytes, number: int = 1) -> tuple[list[Line], list[Grid]]:
    """Lines of text outside tables and ruled tables of a picture (PNG, JPEG, GIF, BMP, TIFF … as Pillow reads
    them), in points of a page `number` scanned at DPI. Raises ValueError for bytes that are no picture
    Pillow can read, or a picture without text or too large to read."""
    import cv2

    from . import ocr_grid

    engine = recogniser()
    rgb = _decode(data)
    height = ocr_grid.text_height(ocr_grid.ink(ocr_grid.paper(rgb)))
    if height is None:
        raise ValueError("no text in it")
    scale = TEXT_HEIGHT / height
    if min(rgb.shape[:2]) * scale < MIN_PICTURE_SIDE:
        raise ValueError(f"too small to hold a table ({rgb.shape[1]}×{rgb.shape[0]} pixels, characters {height:.0f} pixels tall)")
    if rgb.shape[0] * rgb.shape[1] * scale * scale > MAX_PICTURE_PIXELS:
        raise ValueError(f"too large ({rgb.shape[1]}×{rgb.shape[0]} pixels with characters {height:.0f} pixels tall)")
    if abs(scale - 1) > 0.05:
        interpolation = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
        rgb = cv2.resize(rgb, None, fx=scale, fy=scale, interpolation=interpolation)
    return _read_page(engine, np.ascontiguousarray(rgb), number)


def _decode(data: bytes) -> np.ndarray:
    """The picture as RGB on white paper (transparency composited); ValueError when Pillow cannot read it or it
    is larger than MAX_PICTURE_PIXELS (told by its header, before decoding)."""
    import io

    from PIL import Image

    try:
        picture = Image.open(io.BytesIO(data))
        too_large = picture.width * picture.height > MAX_PICTURE_PIXELS
        if not too_large:
            picture.load()
            if picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info:
                rgba = picture.convert("RGBA")
                picture = Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba)
            rgb = np.asarray(picture.convert("RGB"))
    except Exception as exc:  # Pillow's decoders raise many types on damaged input; all mean the same to the user
        raise ValueError(f"not a picture that can be read ({type(exc).__name__})") from exc
    if too_large:
        raise ValueError(f"too large ({picture.width}×{picture.height} pixels)")
    return rgb


def _read_page(engine: _Recogniser, rgb: np.ndarray, number: int) -> tuple[list[Line], list[Grid]]:
    import cv2

    from . import ocr_grid

    gray = ocr_grid.paper(rgb)
    gray = ocr_grid.deskew(gray, ocr_grid.skew(gray))
    binary = ocr_grid.ink(gray)
    horizontal, vertical = ocr_grid.rules(binary, DPI)
    text_ink = binary & ~cv2.dilate(horizontal | vertical, np.ones((5, 5), np.uint8))
    tables = ocr_grid.tables(horizontal, vertical, DPI)
    free = text_ink.copy()
    for table in tables:
        x0, y0, x1, y1 = table.box
        free[y0:y1 + 1, x0:x1 + 1] = 0
    free_boxes = ocr_grid.text_lines(free, (0, 0, free.shape[1], free.shape[0]))
    cell_boxes = [[ocr_grid.text_lines(text_ink, cell.box) for cell in table.cells] for table in tables]

    def read(boxes: list, height: int, strip: bool) -> list:
        crops = [cv2.cvtColor(ocr_grid.crop(gray, b), cv2.COLOR_GRAY2BGR) for b in boxes]
        return engine.logits(crops, height, strip)

    free_reads = iter(engine.decode(p) for p in read(free_boxes, FREE_HEIGHT, False))
    readings = iter(_cell_reads(read, [b for table in cell_boxes for cell in table for b in cell]))
    scale = 72 / DPI
    lines = []
    for x0, y0, x1, y1 in free_boxes:
        text = _numbering(next(free_reads)[0])
        if text:
            lines.append(Line(number, y0 * scale, y1 * scale, x0 * scale, x1 * scale, (y1 - y0) * scale / 0.9, text))
    grids = [_grid(engine, gray, table, cells, readings, number, scale) for table, cells in zip(tables, cell_boxes)]
    return lines, grids


def _cell_reads(read, boxes: list) -> list:
    """Per cell line, in order, its probabilities: labels (lines LABEL_WIDTH times as wide as tall or more: no
    number of a report is) in strips of their own at LABEL_HEIGHT, the rest (numbers, short headings) in strips
    at HEIGHT. A label read as a number is read again alone at HEIGHT like any cell (_settle)."""
    wide = [x1 - x0 >= LABEL_WIDTH * (y1 - y0) for x0, y0, x1, y1 in boxes]
    labels = iter(read([b for b, w in zip(boxes, wide) if w], LABEL_HEIGHT, True))
    rest = iter(read([b for b, w in zip(boxes, wide) if not w], HEIGHT, True))
    return [next(labels) if w else next(rest) for w in wide]


def _grid(engine: _Recogniser, gray, table: ocr_grid.PageGrid, cell_boxes, readings, number: int, scale: float) -> Grid:
    from . import ocr_grid

    boxes = []
    for cell, lines in zip(table.cells, cell_boxes):
        probs = [next(readings) for _ in lines]
        reads = [engine.decode(p) for p in probs]
        text = _numbering("\n".join(t for t, _, _ in reads if t))
        source: tuple = ()
        if reads:
            confidence = min(c for _, c, _ in reads)
            source = (("ocr", True), ("confidence", round(confidence, 3)))
            numberish = not text or _NUMBERISH.match(text.replace("\n", " "))  # ink read as nothing is unsure too
            if numberish and (not _CLEAN.match(text) or confidence < MIN_CONFIDENCE):
                crop = ocr_grid.crop(gray, lines[0]) if len(lines) == 1 else None
                text, source = _settle(engine, crop, probs[0] if len(lines) == 1 else None, text, confidence)
        boxes.append(_Box(table.xs[cell.col] * scale, table.xs[cell.col + cell.col_span] * scale, cell.row, cell.row_span, text,
                          number, False, False, source))
    return Grid(number, number, table.box[1] * scale, table.box[3] * scale, [x * scale for x in table.xs], table.n_rows, boxes)


def _settle(engine: _Recogniser, crop: np.ndarray | None, probs: np.ndarray | None, first: str, confidence: float) -> tuple[str, tuple]:
    """A cell meant to hold a number but not read for sure, read again alone (binarized, digits only). The first
    reading is confirmed when the second gives the same clean number, sure; otherwise it stays as text, in
    doubt, with the candidate readings its digits allow. A second reading that differs is never taken: read
    alone, a digit under a seal is confidently misread (measured: a 0 read as 9 at 0.96)."""
    import cv2

    from . import ocr_grid

    doubt = (("ocr", True), ("confidence", round(confidence, 3)), ("doubt", True))
    if crop is None or probs is None:  # several lines in a cell meant for one number
        return first, (*doubt, ("candidates", ()))
    alone = cv2.copyMakeBorder(ocr_grid.ink(crop) ^ 255, 6, 6, 6, 6, cv2.BORDER_CONSTANT, value=255)
    text, again, _ = engine.decode(engine.logits([cv2.cvtColor(alone, cv2.COLOR_GRAY2BGR)], HEIGHT)[0], digits_only=True)
    if text == first and _CLEAN.match(text) and again >= MIN_CONFIDENCE:
        return text, (("ocr", True), ("confidence", round(again, 3)), ("reread", True))
    _, _, options = engine.decode(probs, digits_only=True)
    candidates = [c for c in ("".join(p) for p in product(*options)) if _CLEAN.match(c)][:MAX_CANDIDATES]
    return first, (*doubt, ("candidates", tuple(candidates)))
