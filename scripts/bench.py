#!/usr/bin/env python3
"""Benchmark: extractor against a floor measured in the same run, on generated realistic reports.

    python scripts/bench.py [--n 200] [--jobs 2] [--keep DIR]

Generates N 2021/2019-format reports (≈10 KB of prose, three tables with true merges) as .docx and as
flattened text (scripts/reportgen.py), then measures, single process:
  floor (docx)   unzip + lxml iterparse of word/document.xml collecting the table grids
  floor (text)   reading and decoding the text file
  page text      the same reports as a crawler's page text (body on one line, cells run together)
  web page       a 100 KB government page (tests/fixtures/html/seed-2021.html with its article twice, 1,650
                 elements): read into the document model, then end to end; floor: lxml parsing the same bytes
  extractor      parse → sections → tables → cells → checks → JSON, per file
and `extractor batch` over the whole folder with --jobs 1 and --jobs N: docs/s and the peak RSS of the
batch's process tree (sampled), with RSS at each quarter of the run to show it stays flat.
Figures are printed as ratios against the floor, so they compare across machines.

    python scripts/bench.py --similar 100000    copy-paste detection (extractor.similar) over N generated narratives,
                                                1% of them planted copies; floor: folding and shingling every text once
    python scripts/bench.py --index 10000       the review index of N reports: rendering it, and headless Chromium
                                                loading it and sorting it (floor: Chromium loading an empty page)
Each of these runs alone (the extraction benchmark above is skipped).

    python scripts/bench.py --n 500 --baseline /tmp/base/src [--rounds 3]

compares `extractor batch` of this tree against an older checkout's (its src folder: `git archive e8b6939 src |
tar -x -C /tmp/base`) on the same 2N generated files: the two run in turn, `--rounds` times each, with --jobs N;
it reports each one's median throughput, the ratio, and the CPU seconds of the main process and of the
workers (their sum over the batch), so a slowdown can be placed.

    python scripts/bench.py --ocr 3 [--seed 13]

measures instead the OCR of N image-only reports (scripts/scangen.py, 150 dpi, a red seal), each converted by
`extractor` in a fresh process: CPU seconds (user + system) per file and per page, for the whole scan and for
a PDF of its table pages only (also net of the start-up, measured alone), wall time and the peak RSS of a
conversion, and the share of the printed cells read right; the floor is rendering the same pages with
pypdfium2 at the reader's DPI.

    python scripts/bench.py --pictures 3

measures the OCR of N .docx reports whose three tables are pasted as PNG pictures (scripts/scangen.py, drawn
at 150 dpi), each converted in a fresh process: CPU seconds per file and per picture, and peak RSS; the floor
is decoding the same pictures with Pillow.
"""
from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))
import reportgen  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def generate(folder: Path, n: int) -> tuple[list[Path], list[Path], list[Path]]:
    """N reports as .docx and text (under in/, which the batch runs over), and as page text (under page/)."""
    rng = random.Random(2021)
    docx, text, page = [], [], []
    for i in range(n):
        report = reportgen.random_report(rng)
        d, t = folder / "in" / "docx" / f"{i:05d}.docx", folder / "in" / "text" / f"{i:05d}.txt"
        g = folder / "page" / f"{i:05d}.txt"
        for path in (d, t, g):
            path.parent.mkdir(parents=True, exist_ok=True)
        report.write_docx(d)
        report.write_text(t)
        g.write_text(report.page_text(random.Random(i), spaces=0.3, nbsp=0.1), encoding="utf-8")
        docx.append(d)
        text.append(t)
        page.append(g)
    return docx, text, page


def floor_docx(path: Path) -> list:
    with zipfile.ZipFile(path) as package:
        xml = package.read("word/document.xml")
    grids = []
    for _, tbl in etree.iterparse(io.BytesIO(xml), tag=W + "tbl"):
        grids.append([["".join(tc.itertext()) for tc in tr.iter(W + "tc")] for tr in tbl.iter(W + "tr")])
    return grids


def floor_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def extract(path: Path) -> bytes:
    from extractor import parse
    from extractor.export import json_bytes

    return json_bytes(parse(path))  # what `extractor FILE` writes


def big_page() -> bytes:
    """The seed's government page with its article printed twice: 100 KB, 1,650 elements."""
    data = (Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "html" / "seed-2021.html").read_bytes()
    start, end = data.index(b'<div class="Custom_UnionStyle">'), data.index(b"</div></div>")
    return data[:end] + data[start:end] + data[end:]


def page_timings(page: bytes, rounds: int = 20) -> tuple[tuple[float, float], ...]:
    """(median, p95) ms of lxml parsing the page (the floor), of the HTML reader, and of the page to JSON."""
    from lxml import html as lxml_html

    from extractor import parse_bytes
    from extractor.export import json_bytes
    from extractor.readers.html import read_html

    steps = (lambda _: lxml_html.document_fromstring(page), lambda _: read_html(page),
             lambda _: json_bytes(parse_bytes(page, "page.html")))
    return tuple(_stats(timings(step, [None] * rounds)) for step in steps)


def timings(fn, paths: list) -> list[float]:
    for path in paths[:5]:  # warm caches and imports
        fn(path)
    out = []
    for path in paths:
        start = time.perf_counter()
        fn(path)
        out.append((time.perf_counter() - start) * 1000)
    return out


def _tree_rss(pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, ValueError, IndexError):
                continue
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        stack.extend(children.get(p, []))
        try:
            with open(f"/proc/{p}/statm") as f:
                total += int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            continue
    return total


# Runs the batch in-process and writes (CPU seconds of this process, of its workers) to the file argv[1].
_CPU_SPLIT = ("import resource, sys\nfrom extractor.cli import main\ncode = main(sys.argv[2:])\n"
              "own, workers = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))\n"
              "open(sys.argv[1], 'w').write(f'{own.ru_utime + own.ru_stime} {workers.ru_utime + workers.ru_stime}')\n"
              "sys.exit(code)")


def _compiled() -> dict[str, str]:
    """The environment with byte-code read from __pycache__ (as an installed package has it), not compiled anew by
    every run: PYTHONDONTWRITEBYTECODE would otherwise charge each batch for compiling every module."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def batch(folder: Path, jobs: int, out: Path, src: Path | None = None) -> dict:
    """One `extractor batch` run over `folder` (of the package under `src`, else this tree's): wall seconds, peak
    RSS of its process tree, RSS by quarter, CPU seconds of the main process and of the workers."""
    shutil.rmtree(out, ignore_errors=True)
    cpu_file = out.with_name(out.name + ".cpu")
    command = [sys.executable, "-c", _CPU_SPLIT, str(cpu_file), "batch", str(folder), "-o", str(out), "--jobs", str(jobs),
               "--quiet"]
    env = {**_compiled(), "PYTHONPATH": str(src or Path(__file__).resolve().parent.parent / "src")}
    start = time.perf_counter()
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=env)
    samples: list[tuple[float, int]] = []

    def sample() -> None:
        while process.poll() is None:
            samples.append((time.perf_counter() - start, _tree_rss(process.pid)))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, err = process.communicate()
    elapsed = time.perf_counter() - start
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"batch failed: {err}")
    quarters = [max((rss for t, rss in samples if t <= elapsed * q / 4), default=0) for q in (1, 2, 3, 4)]
    main_cpu, workers_cpu = map(float, cpu_file.read_text().split())
    return {"seconds": elapsed, "peak_mb": max((r for _, r in samples), default=0) / 2**20,
            "quarters_mb": [q / 2**20 for q in quarters], "summary": err.strip().splitlines()[-1],
            "main_cpu": main_cpu, "workers_cpu": workers_cpu}


def bench_baseline(folder: Path, files: int, jobs: int, baseline: Path, rounds: int) -> None:
    """This tree's batch against `baseline`'s on the same files, run in turn: median docs/s, ratio, CPU split."""
    runs: dict[str, list[dict]] = {"baseline": [], "this tree": []}
    for src in (baseline, Path(__file__).resolve().parent.parent / "src"):  # byte-code compiled once, before timing
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(src)], env=_compiled(), check=True)
    for r in range(rounds):
        for label, src in (("baseline", baseline), ("this tree", None)):
            runs[label].append(batch(folder / "in", jobs, folder / f"out-{label.replace(' ', '-')}-{r}", src))
    print(f"\nbatch over {files} files, --jobs {jobs}, {rounds} runs each in turn (baseline: {baseline})")
    rate, cpu = {}, {}
    for label, done in runs.items():
        rate[label] = statistics.median(files / run["seconds"] for run in done)
        main_cpu, workers_cpu = (statistics.median(run[k] for run in done) for k in ("main_cpu", "workers_cpu"))
        cpu[label] = statistics.median(run["main_cpu"] + run["workers_cpu"] for run in done)
        each = ", ".join(f"{files / run['seconds']:.1f}" for run in done)
        print(f"  {label:9s} {rate[label]:7.1f} docs/s (runs: {each})  "
              f"CPU: main {main_cpu:6.1f} s, workers {workers_cpu:6.1f} s  peak RSS {max(run['peak_mb'] for run in done):6.1f} MB")
    print(f"  throughput of this tree ÷ baseline: {rate['this tree'] / rate['baseline']:.3f} (wall clock); "
          f"{cpu['baseline'] / cpu['this tree']:.3f} (CPU seconds of main + workers, less noisy on a shared machine)")


def _stats(ms: list[float]) -> tuple[float, float]:
    ordered = sorted(ms)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def bench_similar(n: int) -> None:
    import numpy as np

    from extractor.similar import Narrative, find_similar, fold, shingles

    rng = random.Random(14)
    t0 = time.perf_counter()
    items = [Narrative(f"r{i}", f"agency{i}", 2023, reportgen.random_narrative(rng, f"某地某局{i}")) for i in range(n)]
    planted = set()
    for i in range(0, n // 100):
        source = items[rng.randrange(len(items))]
        items.append(Narrative(f"copy{i}", f"copier{i}", 2024, dict(source.sections)))
        planted.add((source.id, f"copy{i}"))
    chars = sum(len(t) for item in items for t in item.sections.values())
    print(f"generated {len(items)} narratives ({chars / len(items):.0f} characters each) in {time.perf_counter() - t0:.1f}s")
    t0, c0 = time.perf_counter(), time.process_time()
    for item in items:
        for text in item.sections.values():
            np.unique(shingles(fold(text)[0], 5))
    floor, floor_cpu = time.perf_counter() - t0, time.process_time() - c0
    t0, c0 = time.perf_counter(), time.process_time()
    pairs = find_similar(items)
    took, cpu = time.perf_counter() - t0, time.process_time() - c0
    found = {(p.a, p.b) for p in pairs} | {(p.b, p.a) for p in pairs}
    print(f"  floor: fold + shingle every text once  {floor:8.1f} s wall {floor_cpu:8.1f} s CPU")
    print(f"  find_similar                           {took:8.1f} s wall {cpu:8.1f} s CPU ({cpu / 60:.1f} CPU min, "
          f"{cpu / floor_cpu:.2f}× floor, {1000 * cpu / len(items):.2f} CPU ms/report)")
    copies = {source: {c for s, c in planted if s == source} for source, _ in planted}
    related = {(x, y) for source, group in copies.items() for x in (source, *group) for y in (source, *group) if x != y}
    print(f"  {len(pairs)} rows (report pair × section), {len({(p.a, p.b) for p in pairs})} pairs; planted copies found: "
          f"{len(planted & found)}/{len(planted)}; unrelated pairs: {len({(p.a, p.b) for p in pairs} - related)}")


def bench_index(n: int) -> None:
    import re

    from extractor.review import render_index

    chromium = shutil.which("chromium")
    if not chromium:
        raise SystemExit("--index needs chromium (apt-get install -y chromium)")
    rng = random.Random(5)
    rows = [{"agency": f"{rng.choice(reportgen.CITIES)}{rng.choice(reportgen.OFFICES)}", "year": rng.randint(2019, 2024),
             "format": rng.choice(("docx", "pdf", "html", "text")), "status": rng.choice(("ok", "partial", "failed")),
             "failed_checks": rng.randint(0, 12), "warnings": rng.randint(0, 40), "href": f"r/{i}.html", "path": f"in/{i:06d}.docx"}
            for i in range(n)]
    with tempfile.TemporaryDirectory() as folder:
        t0 = time.perf_counter()
        page = Path(folder) / "index.html"
        page.write_text(render_index(rows), encoding="utf-8")
        rendered, size = time.perf_counter() - t0, page.stat().st_size
        blank = Path(folder) / "blank.html"
        blank.write_text("<!DOCTYPE html><title>x</title>", encoding="utf-8")

        def load(path: Path, fragment: str = "") -> tuple[float, str]:
            start = time.perf_counter()
            dom = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                  "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={folder}/p",
                                  "--dump-dom", path.as_uri() + fragment], capture_output=True, text=True, check=True).stdout
            return time.perf_counter() - start, dom

        floor, _ = load(blank)
        plain, _ = load(page)
        sorted_, dom = load(page, "#sort=failed_checks&dir=desc&status=partial")
        in_page = re.search(r'data-sort-ms="([\d.]+)" data-filter-ms="([\d.]+)" data-ready="1" data-ready-ms="(\d+)"', dom)
    print(f"index of {n} reports: {size / 2**20:.1f} MB rendered in {rendered:.2f}s")
    print(f"  floor: chromium loads an empty page   {floor:6.2f} s")
    print(f"  load the index                        {plain:6.2f} s  (+{plain - floor:.2f} s over the floor)")
    print(f"  load, sort by failed checks, filter   {sorted_:6.2f} s  (+{sorted_ - floor:.2f} s; in the page: sort "
          f"{in_page.group(1) if in_page else '?'} ms, filter and redraw {in_page.group(2) if in_page else '?'} ms, "
          f"navigation to sorted view {in_page.group(3) if in_page else '?'} ms)")


def _cpu_run(args: list[str]) -> tuple[float, float, bytes]:
    """(CPU seconds, peak RSS in MB, stdout) of a child process running `args`."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(args, check=True, stdout=subprocess.PIPE).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, after.ru_maxrss / 1024, out


_RENDER = "import pypdfium2, sys; [p.render(scale={dpi} / 72).to_pil() for p in pypdfium2.PdfDocument(sys.argv[1])]"
_LOAD = "from extractor.readers.ocr import recogniser; recogniser()"


def _score(report, output: bytes) -> tuple[int, int, int]:
    """(right, in doubt, wrong without a flag) of the report's printed values in `extractor`'s JSON output."""
    import json

    cells = {(c["table"], c["row"], c["column"]): c for cells in json.loads(output)["tables"].values() for c in cells}
    right = doubt = wrong = 0
    for key, value in report.values.items():
        cell = cells.get(key)
        if cell is None or cell["source"].get("doubt"):
            doubt += 1  # missing or left without a value: not wrong, not right
        elif cell["raw"] == value:
            right += 1
        else:
            wrong += 1
    return right, doubt, wrong


def bench_ocr(folder: Path, n: int, seed: int) -> None:
    import pypdfium2

    import scangen
    from extractor.readers.ocr import DPI

    rng = random.Random(seed)
    rows: dict[str, list] = {"whole scan": [], "table pages": []}
    score = [0, 0, 0]
    start_cpu, _, _ = _cpu_run([sys.executable, "-c", _LOAD])
    for i in range(n):
        report = reportgen.random_report(rng)
        for kind, only in (("whole scan", False), ("table pages", True)):
            path = folder / kind.split()[0] / f"{i:03d}.pdf"
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(scangen.scan_pdf(report, seed=i, only_tables=only))
            pages = len(pypdfium2.PdfDocument(str(path)))
            floor, _, _ = _cpu_run([sys.executable, "-c", _RENDER.format(dpi=DPI), str(path)])
            t0 = time.perf_counter()
            cpu, rss, out = _cpu_run([sys.executable, "-m", "extractor", str(path), "--quiet"])
            rows[kind].append((pages, cpu, floor, rss, time.perf_counter() - t0))
            if only:
                score = [a + b for a, b in zip(score, _score(report, out))]
    print(f"OCR of {n} image-only reports at {DPI} dpi, one fresh process per file "
          f"(start-up: imports and loading the recogniser, {start_cpu:.2f} CPU s)")
    for kind, runs in rows.items():
        pages = sum(r[0] for r in runs)
        cpu, floor = sum(r[1] for r in runs), sum(r[2] for r in runs)
        print(f"  {kind:12s} {cpu / len(runs):6.2f} CPU s/file  {cpu / pages:5.2f} CPU s/page  "
              f"({(cpu - start_cpu * len(runs)) / pages:5.2f} after start-up; {pages / len(runs):.0f} pages/file)  "
              f"÷ render floor {cpu / floor:5.1f}×  wall {max(r[4] for r in runs):5.1f} s at most  "
              f"peak RSS {max(r[3] for r in runs):5.0f} MB")
    pages = sum(r[0] for r in rows["table pages"])
    cpu, _, _ = _cpu_run([sys.executable, "-m", "extractor", "batch", str(folder / "table"), "-o", str(folder / "out"),
                          "--jobs", "1", "--quiet"])
    print(f"  table pages in one batch worker (--jobs 1: imports and the recogniser once, then every file): "
          f"{cpu / pages:5.2f} CPU s/page")
    right, doubt, wrong = score
    total = right + doubt + wrong
    print(f"  cells of the table pages: {right}/{total} right ({100 * right / total:.1f} %), {doubt} left in doubt, "
          f"{wrong} wrong without a flag")


_DECODE = ("import sys, zipfile; from PIL import Image; z = zipfile.ZipFile(sys.argv[1]); "
           "[Image.open(z.open(n)).convert('RGB') for n in z.namelist() if n.startswith('word/media/')]")


def bench_pictures(folder: Path, n: int) -> None:
    import scangen

    rng = random.Random(17)
    runs = []
    for i in range(n):
        report = reportgen.random_report(rng)
        pictures = scangen.table_pictures(report)
        path = folder / f"{i:03d}-pictures.docx"
        path.write_bytes(scangen.pictures_docx(report, pictures))
        floor, _, _ = _cpu_run([sys.executable, "-c", _DECODE, str(path)])
        cpu, rss, _ = _cpu_run([sys.executable, "-m", "extractor", str(path), "--quiet"])
        runs.append((len(pictures), cpu, floor, rss))
    count, cpu, floor = sum(r[0] for r in runs), sum(r[1] for r in runs), sum(r[2] for r in runs)
    print(f"OCR of {n} .docx reports whose tables are pictures, one fresh process per file")
    print(f"  {cpu / n:6.2f} CPU s/file  {cpu / count:5.2f} CPU s/picture  (÷ decode floor {cpu / floor:5.1f}×)  "
          f"peak RSS {max(r[3] for r in runs):5.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=200, help="reports to generate per format (default 200)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for the parallel batch (default 2)")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument("--similar", type=int, metavar="N", help="benchmark copy-paste detection over N narratives instead")
    parser.add_argument("--index", type=int, metavar="N", help="benchmark the review index of N reports instead")
    parser.add_argument("--ocr", type=int, metavar="N", help="measure the OCR of N image-only reports instead")
    parser.add_argument("--seed", type=int, default=13, help="seed of the reports --ocr generates (default 13)")
    parser.add_argument("--pictures", type=int, metavar="N", help="measure the OCR of N .docx whose tables are pictures instead")
    parser.add_argument("--baseline", type=Path, metavar="SRC", help="compare the batch against this older checkout's src folder")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each batch with --baseline (default 3)")
    args = parser.parse_args()
    if args.similar or args.index:
        if args.similar:
            bench_similar(args.similar)
        if args.index:
            bench_index(args.index)
        return
    folder = args.keep or Path(tempfile.mkdtemp(prefix="extractor-bench-"))
    try:
        if args.ocr or args.pictures:
            folder.mkdir(parents=True, exist_ok=True)
            return bench_ocr(folder, args.ocr, args.seed) if args.ocr else bench_pictures(folder, args.pictures)
        t0 = time.perf_counter()
        docx, text, page = generate(folder, args.n)
        print(f"generated {args.n} .docx + {args.n} .txt reports in {time.perf_counter() - t0:.1f}s under {folder}")
        if args.baseline:
            return bench_baseline(folder, 2 * args.n, args.jobs, args.baseline, args.rounds)
        floor_d, floor_t = _stats(timings(floor_docx, docx)), _stats(timings(floor_text, text))
        ext_d, ext_t, ext_p = _stats(timings(extract, docx)), _stats(timings(extract, text)), _stats(timings(extract, page))
        print("\nsingle process, ms/doc            median      p95   median ÷ docx floor")
        for name, (median, p95) in (("floor: unzip + lxml iterparse", floor_d), ("floor: read text", floor_t),
                                    ("extractor .docx → JSON", ext_d), ("extractor text → JSON", ext_t),
                                    ("extractor page text → JSON", ext_p)):
            print(f"  {name:30s} {median:8.2f} {p95:8.2f}   {median / floor_d[0]:6.2f}×")
        lxml_floor, reader, whole = page_timings(big_page())
        print("\n100 KB web page, ms                median      p95   median ÷ lxml parse")
        for name, (median, p95) in (("floor: lxml parse", lxml_floor), ("HTML reader → Document", reader),
                                    ("extractor page → JSON", whole)):
            print(f"  {name:30s} {median:8.2f} {p95:8.2f}   {median / lxml_floor[0]:6.2f}×")
        print(f"\nbatch over {2 * args.n} files (.docx and text)")
        one = batch(folder / "in", 1, folder / "out-1")
        many = batch(folder / "in", args.jobs, folder / f"out-{args.jobs}")
        for label, run in (("--jobs 1", one), (f"--jobs {args.jobs}", many)):
            rate = 2 * args.n / run["seconds"]
            print(f"  {label:9s} {rate:7.1f} docs/s  {1000 / rate:6.2f} ms/doc  peak RSS {run['peak_mb']:6.1f} MB "
                  f"(by quarter: {', '.join(f'{q:.0f}' for q in run['quarters_mb'])} MB)  [{run['summary']}]")
        print(f"  speed-up with --jobs {args.jobs}: {one['seconds'] / many['seconds']:.2f}×")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
