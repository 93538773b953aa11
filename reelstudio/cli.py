"""Command line: `reelstudio analyze VIDEO [--json OUT.json] [--pdf OUT.pdf] [--preset ...]`.

The only place that exits. Errors become one line on stderr and the exit code of their
type (see reelstudio/errors.py); progress goes to stderr.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from . import __version__
from .errors import (
    CorruptMedia, EmptyInput, InputNotFound, InputUnreadable, ModelError, NotAVideo,
    NotAvailableYet, NoVideoStream, OutputError, ReelStudioError,
)

PRESETS = ("reels", "tiktok", "shorts")

EXIT_CODES = {
    0: "success",
    1: "internal error (a bug: please report it with the file)",
    2: "bad command line",
    InputNotFound.exit_code: "the input path does not exist",
    InputUnreadable.exit_code: "the input path cannot be read (permissions, a folder, ...)",
    EmptyInput.exit_code: "the input file is empty",
    NotAVideo.exit_code: "the input is not a media file FFmpeg can read",
    NoVideoStream.exit_code: "the input has no video stream (audio-only, ...)",
    CorruptMedia.exit_code: "the input is truncated or damaged",
    ModelError.exit_code: "a bundled model is missing or damaged",
    OutputError.exit_code: "an output file cannot be written",
    NotAvailableYet.exit_code: "the requested output is not in this build",
    130: "cancelled (Ctrl+C)",
}


def _parser() -> argparse.ArgumentParser:
    codes = "\n".join(f"  {k:>3}  {v}" for k, v in sorted(EXIT_CODES.items()))
    p = argparse.ArgumentParser(
        prog="reelstudio",
        description="Offline pre-publish checks for short vertical video.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=f"exit codes:\n{codes}",
    )
    p.add_argument("--version", action="version", version=f"reelstudio {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    a = sub.add_parser("analyze", help="analyse a video and write the analysis JSON",
                       formatter_class=argparse.RawDescriptionHelpFormatter, epilog=f"exit codes:\n{codes}")
    a.add_argument("video", metavar="VIDEO")
    a.add_argument("--json", metavar="OUT.json", help="write the analysis JSON here ('-' for standard output)")
    a.add_argument("--pdf", metavar="OUT.pdf", help="write the PDF checklist report here")
    a.add_argument("--preset", choices=PRESETS, default="reels", help="target platform (default: reels)")
    a.add_argument("--no-cache", action="store_true", help="ignore and do not write the lane cache")
    a.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    sub.add_parser("cache-clear", help="delete every cached lane")
    return p


class _ProgressBar:
    def __init__(self, enabled: bool):
        self.enabled = enabled and sys.stderr.isatty() or os.environ.get("REELSTUDIO_PROGRESS") == "1"
        self.enabled = self.enabled if enabled else False
        self.last = 0.0

    def __call__(self, p) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last < 0.1 and p.stage != "finish":
            return
        self.last = now
        width = 30
        filled = int(width * min(1.0, p.fraction))
        sys.stderr.write(f"\r{p.stage:<6} [{'#' * filled}{'.' * (width - filled)}] {p.done}/{p.total}   ")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")
            sys.stderr.flush()


def _write_text(path: str, text: str) -> None:
    if path == "-":
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
        return
    tmp = f"{path}.tmp-{os.getpid()}"
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None


def _analyze(args) -> int:
    from .pipeline import analyze

    if args.pdf:
        raise NotAvailableYet("--pdf: the PDF checklist report is not in this build yet")
    for out in (args.json,):
        if out and out != "-" and os.path.realpath(out) == os.path.realpath(args.video):
            raise OutputError(f"{out}: refusing to overwrite the input video with the JSON")
    bar = _ProgressBar(not args.quiet)
    try:
        result = analyze(args.video, on_progress=bar, cache=not args.no_cache)
    finally:
        bar.close()
    text = result.dumps(indent=2)
    if args.json:
        _write_text(args.json, text)
    else:
        src = result.source
        print(f"{src.path}: {src.width}x{src.height} {float(src.fps):.3f} fps, {src.frame_count} frames, "
              f"{src.duration_s:.2f} s; use --json OUT.json for the full analysis")
    return 0


def _log_crash() -> str:
    import traceback

    from .resources import log_dir

    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "crash.log"
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')} reelstudio {__version__}\n")
            fh.write(traceback.format_exc())
        return str(path)
    except OSError:
        return "no log written"


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command is None:
        _parser().print_help()
        return 2
    try:
        if args.command == "analyze":
            return _analyze(args)
        if args.command == "cache-clear":
            from .cache import LaneCache

            print(f"removed {LaneCache().clear()} cached lanes")
            return 0
    except ReelStudioError as exc:
        sys.stderr.write(f"reelstudio: error: {exc}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("reelstudio: cancelled\n")
        return 130
    except MemoryError:
        sys.stderr.write("reelstudio: error: out of memory\n")
        return 1
    except Exception as exc:  # noqa: BLE001 - a bug still gets one line; the traceback goes to the log
        log = _log_crash()
        sys.stderr.write(f"reelstudio: error: internal error {exc.__class__.__name__}: {exc} (details: {log})\n")
        return 1
    return 2


def entry() -> None:
    sys.exit(main())


if __name__ == "__main__":
    entry()
