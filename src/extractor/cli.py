"""Command line: `extractor FILE [--format json|csv] [-o OUT] [--strict]`.

Exit codes: 0 converted; 1 converted but a check failed under --strict; 2 the file could not be converted.
Warnings go to stderr as `file: code: message (where)` lines; the output goes to stdout or to -o.
"""
from __future__ import annotations

import argparse
import sys

from .errors import ExtractorError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="extractor", description="Convert a 政府信息公开工作年度报告 (.docx or text "
                                     "export) into the report contract's JSON or long CSV.")
    parser.add_argument("file", help="the report: .docx, or a plain-text export (UTF-8, GB18030 or UTF-16)")
    parser.add_argument("--format", choices=("json", "csv"), default="json", help="output format (default: json)")
    parser.add_argument("-o", "--output", metavar="OUT", help="write to this file (atomically) instead of stdout")
    parser.add_argument("--strict", action="store_true", help="exit 1 when any arithmetic check fails")
    parser.add_argument("-q", "--quiet", action="store_true", help="do not print warnings on stderr")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from .api import parse
    from .export import FORMATS, write_atomic

    try:
        report = parse(args.file)
        text = FORMATS[args.format](report)
        if args.output:
            write_atomic(args.output, text)
        else:
            sys.stdout.write(text)
    except ExtractorError as exc:
        print(f"extractor: {args.file}: {exc.code}: {exc.message}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"extractor: {args.output or args.file}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return 2
    if not args.quiet:
        for message in report.warnings:
            print(f"{args.file}: {message.code}: {message.message}" + (f" ({message.where})" if message.where else ""),
                  file=sys.stderr)
    return 1 if args.strict and report.failed_checks else 0
