"""Convert a folder tree of reports into one tidy dataset, in parallel, resumably.

| module | job |
|---|---|
| `discover.py` | which files are read, and why the others are skipped |
| `worker.py` | one file → its part (OUTDIR/.parts/<sha256>.json) and an Outcome |
| `pool.py` | worker processes: input order, time limit, memory bound, Ctrl-C, no orphans |
| `index.py` | every file's outcome on disk: agency ids, duplicates by bytes or content, consecutive years |
| `settle.py` | reports whose run-together 主动公开 digits last year's report settles, converted again with its numbers |
| `assemble.py` | index + parts → reports, cells, checks, failed_checks, warnings, wide, diffs, sections, agencies |
| `wide.py` | one row per report-year and its indicators |
| `supervise.py` | diffs.csv, review pages, similar.csv |
| `progress.py` | the progress line |

Each converted report is first written as a part, then the outputs are assembled from the parts in input-path
order and renamed into place at the end. So a batch that is killed or interrupted leaves its finished parts and
no half-written output; `--resume` reuses the parts of files whose bytes did not change, and the outputs come
out the same as from an uninterrupted run. A report present twice under different names is converted once,
and the same report in another format is kept once (index.py); reports.csv lists every path. One batch at a
time may write to an OUTDIR (a lock file in .parts, released by
the system however the process ends).
"""
from __future__ import annotations

import os
from functools import partial
from pathlib import Path

from ..agencies import read_crosswalk
from ..errors import ExtractorError
from ..export import TABLE_FORMATS
from ..export.xlsx import check_available
from ..limits import current_limits
from . import pool
from .assemble import Summary, write_outputs
from .discover import discover
from .progress import Progress
from .worker import Outcome, convert_file, failed

__all__ = ["run_batch", "discover", "convert_file", "Outcome", "Progress", "Summary", "Interrupted"]


class Interrupted(Exception):
    """Ctrl-C (or SIGTERM) stopped the batch: `done` of `total` files were converted and their parts kept."""

    def __init__(self, done: int, total: int):
        super().__init__(f"interrupted after {done} of {total} files; rerun with --resume")
        self.done, self.total = done, total


def run_batch(root: str | Path, outdir: str | Path, *, jobs: int | None = None, fmt: str = "csv", resume: bool = False,
              progress: bool = False, agencies: str | Path | None = None, bom: bool = False, xlsx: bool = False,
              review: bool = False, similar: bool = False) -> Summary:
    """Convert every report under `root` into the tidy outputs in `outdir` (see the module docstring)."""
    root, outdir = Path(root), Path(outdir)
    if not root.is_dir():
        raise ExtractorError("not_a_directory", f"{root} is not a folder")
    if jobs is not None and jobs < 1:
        raise ExtractorError("bad_argument", f"--jobs must be 1 or more, not {jobs}")
    TABLE_FORMATS[fmt].require()
    if xlsx:
        check_available()
    limits = current_limits()
    crosswalk = read_crosswalk(agencies) if agencies else None
    with _exclusive(outdir):
        parts = outdir / ".parts"
        inputs, skipped = discover(root, outdir)
        paths = [str(p) for p in inputs]
        work = partial(convert_file, parts=str(parts), resume=resume, review=review)
        converted = pool.run(paths, work, failed, jobs=jobs or os.cpu_count() or 1, timeout=limits.file_timeout_s,
                             memory_mb=limits.worker_memory_mb)
        bar = Progress(len(paths), progress)
        summary = Summary()
        try:
            return write_outputs(bar.track(converted), [(str(p), why) for p, why in skipped], parts, outdir, fmt, summary, crosswalk,
                                 bom=bom, xlsx=xlsx, review=review, similar=similar)
        except KeyboardInterrupt:
            raise Interrupted(summary.seen, len(paths)) from None
        finally:
            converted.close()  # stops the workers at once, whatever ended the loop
            bar.close()


class _exclusive:
    """Hold OUTDIR/.parts/.lock for the batch's lifetime; a second batch on the same OUTDIR refuses at once."""

    def __init__(self, outdir: Path):
        self.outdir = outdir

    def __enter__(self):
        try:
            (self.outdir / ".parts").mkdir(parents=True, exist_ok=True)
            self.handle = open(self.outdir / ".parts" / ".lock", "a+", encoding="utf-8")
        except OSError as exc:
            raise ExtractorError("outdir_unwritable", f"cannot write to {self.outdir}: {exc.strerror or exc}; "
                                 "choose another folder with -o") from exc
        try:
            import fcntl
        except ImportError:  # no advisory locks on this platform
            return self
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            self.handle.seek(0)
            owner = self.handle.read().strip() or "another process"
            self.handle.close()
            raise ExtractorError("outdir_busy", f"another extractor batch ({owner}) is writing to {self.outdir}; "
                                 "wait for it to finish or choose another -o") from exc
        self.handle.seek(0)
        self.handle.truncate()
        self.handle.write(f"pid {os.getpid()}")
        self.handle.flush()
        return self

    def __exit__(self, *exc_info):
        self.handle.close()  # closing releases the lock; the file stays (removing it would race a newcomer)
