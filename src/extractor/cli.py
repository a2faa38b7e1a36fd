"""Command line.

    extractor [convert] FILE [--format json|csv] [-o OUT] [--strict] [--pretty] [--quiet]
    extractor batch DIR [-o OUTDIR] [--jobs N] [--format csv|parquet|jsonl] [--strict] [--resume] [--quiet]

Exit codes: 0 done; 1 a check failed under --strict; 2 the input could not be converted or the arguments are
wrong (one line on stderr says why); 130 interrupted. Warnings and failed checks go to stderr; outputs to
stdout or -o. No traceback reaches a user (EXTRACTOR_DEBUG=1 shows one for a bug).
"""
from __future__ import annotations

import argparse
import signal
import sys
from collections import Counter

from . import __version__
from .errors import DIST, ExtractorError, as_error
from .export import REPORT_FORMATS, TABLE_FORMATS

FORMATS = ".docx/.docm, .doc/.wps (with LibreOffice), .pdf, web pages (.html/.htm), plain text and Markdown (.txt/.md)"
WARNINGS_PER_CODE = 20  # on stderr, per file; the JSON keeps them all
COMMANDS = ("convert", "batch", "review", "diff", "agencies", "schema")


class _Parser(argparse.ArgumentParser):
    """argparse, with a wrong argument reported in one line (and exit 2) instead of usage text."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="extractor", description="Turn 政府信息公开工作年度报告 into checked, analysis-ready data. "
                     f"Reads {FORMATS}; the format is sniffed from the content.",
                     epilog="`extractor FILE` is short for `extractor convert FILE`. Exit codes: 0 done, 1 a check failed "
                     "under --strict, 2 unreadable input or wrong arguments, 130 interrupted.")
    parser.add_argument("--version", action="version", version=f"extractor {__version__} ({DIST})", help="print the version")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser,
                                     help="convert (the default: extractor FILE), batch, review, diff, agencies or schema")
    _convert_arguments(commands.add_parser("convert", help="convert one report into the contract's JSON or long CSV",
                                           description=f"Convert one report ({FORMATS}) into the report contract's JSON "
                                           "or long CSV."))
    _batch_arguments(commands.add_parser("batch", help="convert every report under a folder into tidy tables",
                                         description="Convert every report under a folder (recursively) into reports.csv, "
                                         "cells.csv, checks.csv, warnings.csv and sections.jsonl."))
    review = commands.add_parser("review", help="one self-contained HTML page to check a report by eye",
                                 description="Write one self-contained HTML page (no network) of a report: its tables drawn as "
                                 "the template draws them, every value with its source, failed checks on their cells.")
    review.add_argument("report", help=f"the report ({FORMATS}) or its extractor JSON")
    review.add_argument("-o", "--output", metavar="PAGE", help="write the page here (atomically) instead of stdout")
    diff = commands.add_parser("diff", help="compare two years of one agency cell by cell and sentence by sentence",
                               description="Every cell that changed, implausible jumps, the cross-year relations, and per "
                               "section the text kept, added and removed.")
    diff.add_argument("old", help="the earlier year's report (any format, or its extractor JSON)")
    diff.add_argument("new", help="the later year's report")
    diff.add_argument("--format", choices=("text", "json", "html"), default="text", help="output format (default: text)")
    diff.add_argument("--factor", type=float, default=5.0, help="flag a count growing or shrinking more than this many times (default 5)")
    diff.add_argument("--floor", type=float, default=10.0, help="… when both values are at least this (default 10)")
    diff.add_argument("-o", "--output", metavar="OUT", help="write here (atomically) instead of stdout")
    agencies = commands.add_parser("agencies", help="list every agency name a batch saw, with its id and the merges not made",
                                   description="Print OUTDIR/agencies.csv as a crosswalk (name,agency_id,region_code,…) ready to "
                                   "edit and pass back with `extractor batch --agencies FILE`; names with candidates list them.")
    agencies.add_argument("outdir", help="the output folder of an `extractor batch` run")
    commands.add_parser("schema", help="print the JSON Schema of the report JSON",
                        description="Print the JSON Schema (draft 2020-12) that every report JSON and error JSON validates against.")
    return parser


def _convert_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help=f"the report: {FORMATS}")
    parser.add_argument("--format", choices=tuple(REPORT_FORMATS), default="json", help="output format (default: json)")
    parser.add_argument("-o", "--output", metavar="OUT", help="write to this file (atomically) instead of stdout")
    parser.add_argument("--strict", action="store_true", help="exit 1 when any arithmetic check fails")
    parser.add_argument("--pretty", action="store_true", help="indent the JSON for reading")
    parser.add_argument("-q", "--quiet", action="store_true", help="do not print warnings and failed checks on stderr")


def _batch_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", help="the folder of reports (every readable report under it, recursively)")
    parser.add_argument("-o", "--output", metavar="OUTDIR", default="extractor-out", help="output folder (default: extractor-out)")
    parser.add_argument("--jobs", type=_positive, default=None, metavar="N", help="worker processes (default: the number of CPUs)")
    parser.add_argument("--format", choices=tuple(TABLE_FORMATS), default="csv",
                        help="format of the cells table (default: csv; parquet needs pyarrow)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when any report has a failed check")
    parser.add_argument("--resume", action="store_true", help="reuse the conversions already in OUTDIR for unchanged files")
    parser.add_argument("--bom", action="store_true", help="write the CSVs with a UTF-8 BOM, so that Chinese-locale Excel opens them")
    parser.add_argument("--xlsx", action="store_true", help="also write panel.xlsx (reports, wide, failed_checks); needs openpyxl")
    parser.add_argument("--review", action="store_true", help="also write review/index.html and a review page per report")
    parser.add_argument("--similar", action="store_true", help="also write similar.csv: reports whose narrative is near-identical")
    parser.add_argument("--agencies", metavar="FILE", help="a crosswalk CSV name,agency_id[,region_code] that decides agency ids")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of 1 or more, not {text!r}")
    return value


def build_batch_parser() -> argparse.ArgumentParser:
    """The `extractor batch` parser alone (its options and their help)."""
    parser = _Parser(prog="extractor batch")
    _batch_arguments(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version"):
        argv = ["convert", *argv]
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    if args.command is None:
        build_parser().print_help(sys.stderr)
        return 2
    if args.command in ("review", "diff"):
        return _supervise(args)
    if args.command == "agencies":
        return _agencies(args.outdir)
    if args.command == "schema":
        from .report import json_schema

        sys.stdout.write(json_schema())
        return 0
    return _batch(args) if args.command == "batch" else _single(args)


def _single(args: argparse.Namespace) -> int:
    from .api import parse
    from .export import error_json, write_atomic

    try:
        report = parse(args.file)
        output = REPORT_FORMATS[args.format](report, pretty=args.pretty)
        if args.output:
            write_atomic(args.output, output)
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(output)
            sys.stdout.flush()
    except OSError as exc:  # reading goes through readers.load, which raises ExtractorError: this is the output
        print(f"extractor: {args.output or args.file}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"extractor: {args.file}: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the file's reason, or a bug met on it: one line
        error = as_error(exc)
        print(f"extractor: {args.file}: {error.code}: {error.message}", file=sys.stderr)
        if args.format == "json" and not args.output:  # a JSON reader gets the error too; an -o file is never clobbered
            sys.stdout.write(error_json(args.file, error))
        return 2
    if not args.quiet:
        for line in _said(args.file, report):
            print(line, file=sys.stderr)
    return 1 if args.strict and report.failed_checks else 0


def _said(path: str, report) -> list[str]:
    """What stderr tells of a converted report: its status when not ok, each warning (at most WARNINGS_PER_CODE
    of one code, then a count), and each failed check with expected vs actual."""
    lines = [] if report.status == "ok" else [f"{path}: status {report.status}"]
    shown: Counter = Counter()
    for message in report.warnings:
        shown[message.code] += 1
        if shown[message.code] <= WARNINGS_PER_CODE:
            lines.append(f"{path}: {message.code}: {message.message}" + (f" ({message.where})" if message.where else ""))
    lines += [f"{path}: … and {n - WARNINGS_PER_CODE} more {code}" for code, n in shown.items() if n > WARNINGS_PER_CODE]
    lines += [f"{path}: check failed: {c.rule} ({c.where}): expected {c.expected}, printed {c.actual} — {c.message}"
              for c in report.failed_checks]
    return lines


def _batch(args: argparse.Namespace) -> int:
    from .batch import Interrupted, run_batch

    previous = signal.signal(signal.SIGTERM, _interrupt)  # a service manager's stop ends the batch like Ctrl-C
    try:
        summary = run_batch(args.dir, args.output, jobs=args.jobs, fmt=args.format, resume=args.resume,
                            progress=not args.quiet and sys.stderr.isatty(), agencies=args.agencies,
                            bom=args.bom, xlsx=args.xlsx, review=args.review, similar=args.similar)
    except ExtractorError as exc:
        print(f"extractor batch: {args.dir}: {exc.code}: {exc.message}", file=sys.stderr)
        return 2
    except Interrupted as exc:
        print(f"extractor batch: {exc}", file=sys.stderr)
        return 130
    except KeyboardInterrupt:  # before any file was handed out
        print("extractor batch: interrupted before converting; rerun the same command", file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"extractor batch: {args.output}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # a bug in the batch itself (a file's bugs are listed in reports.csv)
        error = as_error(exc)
        print(f"extractor batch: {error.code}: {error.message}", file=sys.stderr)
        return 2
    finally:
        signal.signal(signal.SIGTERM, previous)
    if summary.skipped_names:
        more = summary.skipped - len(summary.skipped_names)
        print(f"skipped {summary.skipped} file(s) that are not reports: " + ", ".join(summary.skipped_names)
              + (f" … and {more} more" if more else "") + " (reasons in reports.csv)", file=sys.stderr)
    for path, n in summary.checks_failed_in[:WARNINGS_PER_CODE]:
        print(f"{path}: {n} failed check(s) (see checks.csv)", file=sys.stderr)
    if len(summary.checks_failed_in) > WARNINGS_PER_CODE:
        print(f"… and {len(summary.checks_failed_in) - WARNINGS_PER_CODE} more reports with failed checks", file=sys.stderr)
    print(f"{summary.line()} -> {args.output}", file=sys.stderr)
    return 1 if args.strict and summary.with_failed_checks else 0


def _supervise(args: argparse.Namespace) -> int:
    """`extractor review` and `extractor diff`: read the report(s), write the page or the comparison."""
    from .export import write_atomic

    path = args.report if args.command == "review" else args.old
    try:
        if args.command == "review":
            from .review import render_report

            output = render_report(_report_dict(args.report))
        else:
            from . import diff

            old = _report_dict(args.old)
            path = args.new
            changes = diff.diff_reports(old, _report_dict(args.new), factor=args.factor, floor=args.floor)
            output = {"text": diff.to_text, "json": diff.to_json, "html": diff.to_html}[args.format](changes)
        if args.output:
            write_atomic(args.output, output)
        else:
            sys.stdout.write(output if output.endswith("\n") else output + "\n")
    except OSError as exc:
        print(f"extractor {args.command}: {args.output}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        error = as_error(exc)
        print(f"extractor {args.command}: {path}: {error.code}: {error.message}", file=sys.stderr)
        return 2
    return 0


def _report_dict(path: str) -> dict:
    """A report's JSON dict: converted now, or read back from extractor's own JSON output."""
    from .api import parse
    from .readers import load

    if path.endswith(".json"):
        import json

        try:
            report = json.loads(load(path))
        except ValueError as exc:
            raise ExtractorError("corrupt_json", f"{path} is not extractor's report JSON: {exc}") from exc
        if isinstance(report, dict) and "tables" in report and "schema_version" in report:
            return report
        raise ExtractorError("corrupt_json", f"{path} is JSON but not extractor's report JSON; give the report itself")
    return parse(path).to_dict()


def _agencies(outdir: str) -> int:
    from pathlib import Path

    listing = Path(outdir) / "agencies.csv"
    try:
        text = listing.read_text(encoding="utf-8")
    except OSError:
        print(f"extractor agencies: {outdir}: no agencies.csv here; run `extractor batch DIR -o {outdir}` first", file=sys.stderr)
        return 2
    sys.stdout.write(text)
    return 0


def _interrupt(signum, frame):
    raise KeyboardInterrupt
