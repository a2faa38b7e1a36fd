#!/usr/bin/env python3
"""Image-only PDFs of synthetic reports, as a scanner or a "图片版" export makes them: test support for the OCR reader.

`scan_pages(body)` draws a reportgen body (paragraphs and tables with true spans) onto A4 page images with
Pillow and a CJK font of the system (`fc-list :lang=zh`; Debian: fonts-noto-cjk): a table is a ruled grid,
each label wrapped inside its cell, each value centred. `degrade` makes a page look scanned: a slight rotation,
blur, a red stamp over the applications table and JPEG artefacts. `scan_pdf` wraps the pages into a PDF with
no text layer. `table_pictures` crops each table to a PNG (as a table pasted into Word or a web page as a
picture); `pictures_docx` and `pictures_html` put them where the tables stand. The numbers printed are the
body's own, so a test's expected values come from reportgen.

Usage: python scripts/scangen.py OUT_DIR [N] [SEED] writes N random reports as image-only PDFs.
"""
from __future__ import annotations

import base64
import html
import io
import random
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

import reportgen

A4 = (8.27, 11.69)  # inches
MARGIN = 1.0  # inch
TWIP = 1 / 1440  # inch


@lru_cache(maxsize=1)
def cjk_font_path() -> str | None:
    """A font file with Chinese glyphs, or None when the system has none."""
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    files = sorted(line.split(":")[0].strip() for line in out.splitlines() if line.strip())
    sans = [f for f in files if "Sans" in f and "Regular" in f] or files
    return sans[0] if sans else None


@lru_cache(maxsize=8)
def _font(px: int) -> ImageFont.FreeTypeFont:
    path = cjk_font_path()
    if path is None:
        raise RuntimeError("no CJK font on this system (apt-get install fonts-noto-cjk)")
    return ImageFont.truetype(path, px)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: float) -> list[str]:
    lines = []
    for part in text.split("\n"):
        line = ""
        for ch in part:
            if line and draw.textlength(line + ch, font=font) > width:
                lines.append(line)
                line = ""
            line += ch
        lines.append(line)
    return lines


class _Pages:
    def __init__(self, dpi: int):
        self.dpi = dpi
        self.size = (round(A4[0] * dpi), round(A4[1] * dpi))
        self.margin = round(MARGIN * dpi)
        self.pages: list[Image.Image] = []
        self.y = self.size[1]  # no page yet
        self.table_boxes: list[tuple[int, tuple[int, int, int, int]]] = []  # (page, box) of each table

    def room(self, height: int) -> ImageDraw.ImageDraw:
        if self.y + height > self.size[1] - self.margin:
            self.pages.append(Image.new("RGB", self.size, "white"))
            self.y = self.margin
        return ImageDraw.Draw(self.pages[-1])

    def paragraph(self, text: str, pt: float = 14) -> None:
        font = _font(round(pt / 72 * self.dpi))
        step = round(pt / 72 * self.dpi * 1.6)
        probe = ImageDraw.Draw(Image.new("RGB", (1, 1)))
        indent = 0 if text[:1] in "一二三四五六" or len(text) < 30 else 2 * font.size
        lines = _wrap(probe, " " * 0 + text, font, self.size[0] - 2 * self.margin - indent)
        for i, line in enumerate(lines):
            draw = self.room(step)
            draw.text((self.margin + (indent if i == 0 else 0), self.y), line, font=font, fill="black")
            self.y += step
        if not text:
            self.y += step // 2

    def table(self, spec: reportgen.Table, pt: float = 9) -> None:
        font = _font(round(pt / 72 * self.dpi))
        line_h = round(font.size * 1.35)
        scale = (self.size[0] - 2 * self.margin) / (sum(spec.grid) * TWIP * self.dpi)
        xs = [self.margin]
        for w in spec.grid:
            xs.append(xs[-1] + round(w * TWIP * self.dpi * scale))
        placed = reportgen.layout(spec)
        probe = ImageDraw.Draw(Image.new("RGB", (1, 1)))
        wrapped = {(r, c): _wrap(probe, cell.text, font, xs[c + cell.cols] - xs[c] - 8) for r, c, cell in placed}
        heights = [line_h + 8] * len(spec.rows)
        for r, c, cell in placed:  # a row is as high as its tallest single-row cell
            if cell.rows == 1:
                heights[r] = max(heights[r], len(wrapped[r, c]) * line_h + 8)
        draw = self.room(sum(heights) + 2)
        ys = [self.y]
        for h in heights:
            ys.append(ys[-1] + h)
        for r, c, cell in placed:
            x0, x1, y0, y1 = xs[c], xs[c + cell.cols], ys[r], ys[r + cell.rows]
            draw.rectangle((x0, y0, x1, y1), outline="black", width=2)
            lines = wrapped[r, c]
            top = (y0 + y1) / 2 - len(lines) * line_h / 2
            for i, line in enumerate(lines):
                width = draw.textlength(line, font=font)
                draw.text(((x0 + x1) / 2 - width / 2, top + i * line_h), line, font=font, fill="black")
        self.table_boxes.append((len(self.pages) - 1, (xs[0], ys[0], xs[-1], ys[-1])))
        self.y = ys[-1] + line_h


def scan_pages(body, dpi: int = 150) -> tuple[list[Image.Image], list[tuple[int, tuple[int, int, int, int]]]]:
    """The body drawn on clean A4 pages at `dpi`, and (page index, pixel box) of each table."""
    pages = _Pages(dpi)
    for block in body:
        if isinstance(block, reportgen.Table):
            pages.table(block)
        else:
            pages.paragraph(block)
    return pages.pages, pages.table_boxes


def stamp(page: Image.Image, centre: tuple[int, int], radius: int) -> None:
    """A red official seal (ring, star, text) over `centre`, inked over the print (multiplied, as ink on paper)."""
    layer = Image.new("RGB", page.size, "white")
    draw = ImageDraw.Draw(layer)
    x, y = centre
    red = (225, 45, 40)
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), outline=red, width=max(3, radius // 14))
    draw.regular_polygon((x, y, radius // 3), 5, fill=red)
    font = _font(max(10, radius // 4))
    draw.text((x - radius * 0.7, y + radius * 0.35), "政务公开专用章", font=font, fill=red)
    page.paste(ImageChops.multiply(page, layer))


def degrade(page: Image.Image, rng: random.Random, *, angle: float | None = None, quality: int = 60) -> Image.Image:
    """A clean page made to look scanned: rotated by `angle` degrees (random within ±1.5), blurred, JPEG-compressed."""
    angle = rng.uniform(-1.5, 1.5) if angle is None else angle
    page = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor="white", expand=False)
    page = page.filter(ImageFilter.GaussianBlur(0.6))
    buffer = io.BytesIO()
    page.save(buffer, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")


def scan_pdf(report: reportgen.SyntheticReport, *, dpi: int = 150, seed: int = 0, only_tables: bool = False) -> bytes:
    """The report as an image-only PDF: every page (or only the pages holding a table) scanned at `dpi`, a red
    stamp over the applications table."""
    rng = random.Random(seed)
    pages, boxes = scan_pages(report.body, dpi)
    page_of_applications, (x0, y0, x1, y1) = boxes[1]
    stamp(pages[page_of_applications], (int(x0 + (x1 - x0) * 0.7), int(y0 + (y1 - y0) * 0.45)), dpi * 3 // 4)
    keep = sorted({p for p, _ in boxes}) if only_tables else range(len(pages))
    return pdf_of([degrade(pages[i], rng) for i in keep], dpi)


def pdf_of(pages: list[Image.Image], dpi: int) -> bytes:
    """A PDF of page images at `dpi`, without a text layer."""
    buffer = io.BytesIO()
    pages[0].save(buffer, "PDF", resolution=dpi, save_all=True, append_images=pages[1:])
    return buffer.getvalue()


def table_pictures(report: reportgen.SyntheticReport, *, dpi: int = 150, scale: float = 1.0) -> list[bytes]:
    """Each table of the report drawn at `dpi`, cropped with a margin of paper, resized by `scale`, as PNG bytes."""
    pages, boxes = scan_pages(report.body, dpi)
    out = []
    for page, (x0, y0, x1, y1) in boxes:
        pad = dpi // 10
        picture = pages[page].crop((x0 - pad, y0 - pad, x1 + pad, y1 + pad))
        if scale != 1.0:
            picture = picture.resize((round(picture.width * scale), round(picture.height * scale)), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        picture.save(buffer, "PNG")
        out.append(buffer.getvalue())
    return out


def pictures_docx(report: reportgen.SyntheticReport, pictures: list[bytes]) -> bytes:
    """The report as a .docx whose paragraphs are text and whose tables are the given pictures (in order)."""
    from docx.shared import Inches

    document = reportgen.new_document(title=report.title)
    tables = iter(pictures)
    for block in report.body:
        if isinstance(block, reportgen.Table):
            document.add_picture(io.BytesIO(next(tables)), width=Inches(A4[0] - 2 * MARGIN))
        else:
            document.add_paragraph(block)
    return reportgen.docx_bytes(document)


def pictures_html(report: reportgen.SyntheticReport, sources: list[str]) -> str:
    """The report as a web page whose tables are <img> with the given `src`s (file names or data: URIs)."""
    tables = iter(sources)
    parts = [f"<html><head><meta charset='utf-8'><title>{html.escape(report.title)}</title></head><body><div class='content'>"]
    for block in report.body:
        if isinstance(block, reportgen.Table):
            parts.append(f"<p><img src='{next(tables)}' width='600'></p>")
        else:
            parts.append(f"<p>{html.escape(block)}</p>")
    return "".join(parts) + "</div></body></html>"


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def main(argv: list[str]) -> None:
    out, n, seed = Path(argv[0]), int(argv[1]) if len(argv) > 1 else 3, int(argv[2]) if len(argv) > 2 else 0
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    for i in range(n):
        report = reportgen.random_report(rng)
        (out / f"{i:03d}-{report.template}.pdf").write_bytes(scan_pdf(report, seed=i))
    print(f"wrote {n} image-only reports to {out}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__.rsplit("Usage: ", 1)[1])
    main(sys.argv[1:])
