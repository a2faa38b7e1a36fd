"""Command line.

    extractor FILE [--format json|csv] [-o OUT] [--strict]
    extractor batch DIR [-o OUTDIR] [--jobs N] [--format csv|parquet|jsonl] [--strict] [--resume] [--quiet]

Exit codes: 0 done; 1 a check failed under --strict; 2 the input could not be converted (one line on stderr
says why). Warnings go to stderr as `file: code: message (where)`; outputs to stdout or -o.
"""
from __future__ import annotations

import argparse
import os
import sys

from .errors import ExtractorError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="extractor", description="Convert a 政府信息公开工作年度报告 (.docx or text "
                                     "export) into the report contract's JSON or long CSV. For a folder: extractor batch DIR.")
    parser.add_argument("file", help="the report: .docx, or a plain-text export (UTF-8, GB18030 or UTF-16)")
    parser.add_argument("--format", choices=("json", "csv"), default="json", help="output format (default: json)")
    parser.add_argument("-o", "--output", metavar="OUT", help="write to this file (atomically) instead of stdout")
    parser.add_argument("--strict", action="store_true", help="exit 1 when any arithmetic check fails")
    parser.add_argument("--pretty", action="store_true", help="indent the JSON for reading")
    parser.add_argument("-q", "--quiet", action="store_true", help="do not print warnings on stderr")
    return parser


def build_batch_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="extractor batch", description="Convert every report under a folder (recursively) "
                                     "into reports.csv, cells.csv, checks.csv, warnings.csv and sections.jsonl.")
    parser.add_argument("dir", help="the folder of reports (.docx, .txt; other report types are tried and listed)")
    parser.add_argument("-o", "--output", metavar="OUTDIR", default="extractor-out", help="output folder (default: extractor-out)")
    parser.add_argument("--jobs", type=int, default=None, metavar="N", help="worker processes (default: the number of CPUs)")
    parser.add_argument("--format", choices=("csv", "parquet", "jsonl"), default="csv",
                        help="format of the cells table (default: csv; parquet needs pyarrow)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when any report has a failed check")
    parser.add_argument("--resume", action="store_true", help="reuse the conversions already in OUTDIR for unchanged files")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["batch"]:
        return _batch(build_batch_parser().parse_args(argv[1:]))
    return _single(build_parser().parse_args(argv))


def _single(args: argparse.Namespace) -> int:
    from .api import parse
    from .export import error_json, json_bytes, to_csv, write_atomic

    try:
        report = parse(args.file)
        output = to_csv(report).encode("utf-8") if args.format == "csv" else json_bytes(report, indent=1 if args.pretty else None)
        if args.output:
            write_atomic(args.output, output)
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(output)
            sys.stdout.flush()
    except ExtractorError as exc:
        print(f"extractor: {args.file}: {exc.code}: {exc.message}", file=sys.stderr)
        if args.format == "json" and not args.output:  # a JSON reader gets the error too; an -o file is never clobbered
            sys.stdout.write(error_json(args.file, exc))
        return 2
    except OSError as exc:
        print(f"extractor: {args.output or args.file}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # a bug met on this input: one line naming it (EXTRACTOR_DEBUG=1 shows the traceback)
        if os.environ.get("EXTRACTOR_DEBUG"):
            raise
        print(f"extractor: {args.file}: internal_error: {type(exc).__name__}: {exc} — please report this file", file=sys.stderr)
        return 2
    if not args.quiet:
        for message in report.warnings:
            print(f"{args.file}: {message.code}: {message.message}" + (f" ({message.where})" if message.where else ""),
                  file=sys.stderr)
    return 1 if args.strict and report.failed_checks else 0


def _batch(args: argparse.Namespace) -> int:
    from .batch import run_batch

    try:
        summary = run_batch(args.dir, args.output, jobs=args.jobs, fmt=args.format, resume=args.resume,
                            progress=not args.quiet and sys.stderr.isatty())
    except ExtractorError as exc:
        print(f"extractor batch: {args.dir}: {exc.code}: {exc.message}", file=sys.stderr)
        return 2
    print(f"{summary.line()} -> {args.output}", file=sys.stderr)
    return 1 if args.strict and summary.with_failed_checks else 0
