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

# what --skip takes: the built-in analyzers' names and the speech lane's words (written out so
# that --help stays instant; tests/test_odd_inputs.py holds it to pipeline.default_analyzers),
# and any analyzer another module registered (looked up when a name is not one of these)
SKIPPABLE = {
    "cuts": "cuts", "picture": "black, frozen, motion, flashes", "faces": "faces", "text": "text",
    "loudness": "loudness, silence", "speech": "speech and its words", "words": "the speech lane's words",
    "subtitle_sync": "subtitle_sync",
}

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
    NotAvailableYet.exit_code: "the requested output cannot be made from this analysis (subtitles with no transcript)",
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
    _add_export_options(a)
    a.add_argument("--preset", choices=PRESETS, default="reels", help="target platform (default: reels)")
    a.add_argument("--no-cache", action="store_true", help="ignore and do not write the lane cache")
    a.add_argument("--skip", metavar="LANE[,LANE...]", action="append", default=[], type=_skip_list,
                   help="do not compute these lanes (repeatable): " + ", ".join(SKIPPABLE) + "; the JSON lists "
                        "them as not run and the checks needing them as n/a. Without it, a lane whose model is "
                        "missing or damaged makes the run exit 9 (after writing what it could)")
    a.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    a.add_argument("--words-model", metavar="whisper|pocketsphinx|NAME",
                   help="recognise words with this engine for this run (default: the one chosen with "
                        "`reelstudio models select`, else whisper); exit 9 if it is missing or damaged")
    a.add_argument("--words-quality", choices=("fast", "accurate"),
                   help="Whisper: fast (greedy) or accurate (beam search, ~10-20%% more CPU); default: the "
                        "stored setting (`reelstudio models quality`), else fast")
    sub.add_parser("cache-clear", help="delete every cached lane")
    e = sub.add_parser("export", help="write the PDF report, markers or subtitles from a saved analysis JSON")
    e.add_argument("analysis", metavar="ANALYSIS.json")
    e.add_argument("--pdf", metavar="OUT.pdf", help="write the PDF checklist report here")
    _add_export_options(e)
    e.add_argument("--video", metavar="VIDEO", help="where the analysed video is now (for the PDF's thumbnails)")
    c = sub.add_parser("checks", help="print the checks, their weights and the presets' numbers")
    c.add_argument("--preset", choices=PRESETS, default="reels", help="preset whose numbers to show (default: reels)")
    m = sub.add_parser("models", help="speech models: list, install from a folder or zip, select, remove")
    m.add_argument("action", choices=("list", "install", "select", "remove", "quality"))
    m.add_argument("target", nargs="?", metavar="PATH_OR_ZIP|NAME|QUALITY",
                   help="install: a Vosk model folder or zip (never downloaded); select: whisper (the default), "
                        "pocketsphinx or an installed model's name; remove: a model name; quality: fast or "
                        "accurate (Whisper's setting, stored with the user's settings)")
    m.add_argument("--name", help="install under this name (default: from the folder or zip)")
    m.add_argument("--lang", help="install: the model's language code (default: guessed from its name)")
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


def _write_chunks(path: str, chunks) -> None:
    """The text made of ``chunks`` (str) and a newline, to ``path`` ('-': standard output),
    written as the chunks come: a 2-hour analysis's JSON held whole, with its pieces, cost
    ~100 MB at the end of the run."""
    if path == "-":
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.write("\n")
        sys.stdout.flush()
        return
    from .report._io import atomic_write

    atomic_write(path, (c.encode("utf-8") for c in _then_newline(chunks)))


def _then_newline(chunks):
    yield from chunks
    yield "\n"


def _add_export_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--markers", metavar="OUT", action="append", default=[],
                   help="write the flags as NLE markers; the format follows the extension: "
                        ".fcpxml, .edl, .otio or .csv (repeatable)")
    p.add_argument("--srt", metavar="OUT.srt", help="write the transcript as SubRip subtitles")
    p.add_argument("--vtt", metavar="OUT.vtt", help="write the transcript as WebVTT subtitles")
    p.add_argument("--subtitles-from", metavar="auto|speech|captions", default="auto", type=_subtitle_source,
                   help="what --srt/--vtt are made from: 'speech' (the recognised words, cut into readable cues), "
                        "'captions' (the burned-in subtitles read off the picture; 'ocr' also works) or 'auto' "
                        "(default: the captions when they cover at least 80%% of the speech, else the speech)")
    p.add_argument("--accepted", action="store_true",
                   help="apply what the editor decided in the app for this video (stored by its content hash in the "
                        "user data folder): the transcript's corrections, and the flags accepted as intentional, "
                        "counted as resolved in the score")


def _skip_list(value: str) -> list[str]:
    names = [n.strip() for n in value.split(",") if n.strip()]
    unknown = [n for n in names if n not in SKIPPABLE]
    if unknown:  # an analyzer a module registered (imported only now: --help stays instant)
        from reelstudio import analysis

        added = [cls.name for cls in analysis.registered()]
        unknown = [n for n in unknown if n not in added]
    else:
        added = []
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"cannot skip {', '.join(unknown) or 'nothing'}: "
                                         f"choose from {', '.join([*SKIPPABLE, *added])}")
    return names


def _model_error(failures: dict[str, list[str]], written: str) -> ModelError:
    """One line: which lanes, which file, where the rest went, and the two ways out."""
    said = "; ".join(f"{', '.join(names)}: {reason}" for reason, names in failures.items())
    names = ",".join(dict.fromkeys(n for group in failures.values() for n in group))
    return ModelError(f"a model is missing or damaged, so these lanes are unavailable: {said}. {written}"
                      f"Reinstall ReelStudio (or run scripts/setup.sh) to restore the models, "
                      f"or leave the lanes out with --skip {names}")


def _subtitle_source(value: str) -> str:
    from .report.subtitles import normalise_source

    try:
        return normalise_source(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _report_outputs(args, *inputs: str | None) -> list[tuple[str, str]]:
    """(path, format) of every report and export asked for, checked before any work starts:
    a target that cannot be written fails now, not after the analysis of a long video."""
    from .report import format_for_path
    from .report._io import check_writable

    outs = [(args.pdf, "pdf")] if args.pdf else []
    outs += [(m, format_for_path(m, kind="markers")) for m in args.markers]
    outs += [(path, fmt) for path, fmt in ((args.srt, "srt"), (args.vtt, "vtt")) if path]
    for path, _fmt in outs:
        if path == "-":
            raise OutputError("reports and exports are files; only --json can go to standard output")
        if any(src and os.path.realpath(path) == os.path.realpath(src) for src in inputs):
            raise OutputError(f"{path}: refusing to overwrite the input")
        check_writable(path)
    return outs


def _write_reports(analysis: dict, outputs: list[tuple[str, str]], video: str | None = None,
                   subtitles_from: str = "auto") -> None:
    """Write every output; one that cannot be made from this analysis (subtitles with no
    transcript) is not written and does not stop the others: its error is raised at the end."""
    from .report import FORMATS, write

    missing: NotAvailableYet | None = None
    for path, fmt in outputs:
        notes: list[str] = []
        options = {"source": subtitles_from} if FORMATS[fmt].kind == "subtitles" else {}
        try:
            write(analysis, path, fmt, video=video, notes=notes, **options)
        except NotAvailableYet as exc:
            missing = missing or NotAvailableYet(f"{path} not written: {exc}")
            continue
        for note in notes:
            sys.stderr.write(f"reelstudio: {path}: {note}\n")
    if missing is not None:
        raise missing


def _export(args) -> int:
    import json

    from .media.probe import check_path

    check_path(args.analysis)
    outputs = _report_outputs(args, args.analysis, args.video)
    if not outputs:
        raise OutputError("nothing to write: give --pdf, --markers, --srt or --vtt")
    try:
        with open(args.analysis, encoding="utf-8") as fh:
            analysis = json.load(fh)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputUnreadable(f"{args.analysis}: not a ReelStudio analysis JSON ({exc})") from None
    if not isinstance(analysis, dict) or "source" not in analysis or "lanes" not in analysis:
        raise InputUnreadable(f"{args.analysis}: not a ReelStudio analysis JSON (no source or lanes)")
    if analysis.get("schema_version") != 1:
        raise InputUnreadable(f"{args.analysis}: analysis schema version {analysis.get('schema_version')!r}, "
                              "this build reads version 1")
    from .lanes import LaneSchemaError, validate_analysis

    try:
        validate_analysis(analysis)
    except LaneSchemaError as exc:  # a renamed or missing field would export as "nothing found"
        raise InputUnreadable(f"{args.analysis}: not a ReelStudio analysis JSON ({exc})") from None
    src = (analysis.get("source") or {}).get("path")
    if src:
        outputs = _report_outputs(args, args.analysis, args.video, src)
    if args.accepted:
        video = args.video or src
        if not video or not os.path.isfile(video):
            raise InputNotFound(f"--accepted needs the analysed video to find its accepted flags: "
                                f"{video or 'no path in the analysis'} (give --video PATH)")
        analysis = _editor(analysis, video)
    _write_reports(analysis, outputs, video=args.video, subtitles_from=args.subtitles_from)
    return 0


def _editor(analysis: dict, video: str) -> dict:
    """The editor's decisions stored in the app for ``video``: transcript corrections, then
    accepted flags (reelstudio/accepted.py); what was applied is said on stderr."""
    from .accepted import apply_editor

    analysis, missed = apply_editor(analysis, video)
    if analysis.get("accepted_flags"):
        sys.stderr.write(f"reelstudio: accepted: {analysis['accepted_flags']['note']}\n")
    edited = sum(int((analysis["lanes"].get(k) or {}).get("edited") or 0) for k in ("speech", "text"))
    if edited:
        sys.stderr.write(f"reelstudio: corrections: {edited} of the transcript's words and captions read as the "
                         "editor corrected them in the app\n")
    if missed:
        sys.stderr.write(f"reelstudio: warning: {missed} of the editor's stored decisions (corrections, accepted "
                         "flags) no longer match a word, caption or flag of this analysis and were not applied\n")
    return analysis


def _analyze(args) -> int:
    import json

    from .pipeline import analyze, default_analyzers

    outputs = _report_outputs(args, args.video)
    if args.json and args.json != "-":  # checked before decoding, as the reports are
        from .report._io import check_writable

        if os.path.realpath(args.json) == os.path.realpath(args.video):
            raise OutputError(f"{args.json}: refusing to overwrite the input video with the JSON")
        check_writable(args.json)
    if args.words_model:  # asked for by name: a missing model stops here, before decoding
        from .analysis.asr import words_engine

        words_engine(args.words_model, args.words_quality).load()
    skip = {n for names in args.skip for n in names}
    bar = _ProgressBar(not args.quiet)
    try:
        result = analyze(args.video, on_progress=bar, cache=not args.no_cache, preset=args.preset,
                         analyzers=default_analyzers(args.words_model or "auto", args.words_quality,
                                                     words="words" not in skip),
                         skip=skip - {"words"})
    finally:
        bar.close()
    for warning in result.source.warnings:  # analysed as far as it goes: say what was not whole
        sys.stderr.write(f"reelstudio: warning: {args.video}: {warning}\n")
    if result.score_note:  # a score that is incomplete or capped says so whatever the output
        sys.stderr.write(f"reelstudio: score: {result.score_note}\n")
    analysis = result.to_json()
    if args.accepted:  # the editor's accepted flags, marked and re-scored (reelstudio/accepted.py)
        analysis = _editor(analysis, args.video)
    if args.json:  # first: an export that cannot be made (exit 11) still leaves the analysis
        encoder = json.JSONEncoder(indent=2, ensure_ascii=False, allow_nan=False)
        _write_chunks(args.json, encoder.iterencode(analysis))
    else:
        src = result.source
        print(f"{src.path}: {src.width}x{src.height} {float(src.fps):.3f} fps, {src.frame_count} frames, "
              f"{src.duration_s:.2f} s; use --json OUT.json for the full analysis")
        if analysis.get("score") is not None:
            print(f"score {analysis['score']}/100 ({analysis.get('band')}) for {result.preset}, "
                  f"{len(analysis['flags'])} flags")
    from .result import model_failures

    failures = model_failures(analysis["lanes"])
    try:
        _write_reports(analysis, outputs, subtitles_from=args.subtitles_from)
    except NotAvailableYet as exc:
        if not failures:
            raise
        sys.stderr.write(f"reelstudio: {exc}\n")  # said beside the model error, its cause
    if failures:  # everything that could be written is written; the run still failed
        written = f"The other lanes are in {args.json}. " if args.json and args.json != "-" else ""
        raise _model_error(failures, written)
    return 0


def _models(args) -> int:
    from . import speech_models

    if args.action == "list":
        chosen = speech_models.selected()
        print(f"{'*' if chosen is None else ' '} whisper  (Whisper base, installed by the set-up; "
              f"quality {speech_models.quality()}; language detected per video)")
        print(f"{'*' if chosen == 'pocketsphinx' else ' '} pocketsphinx  (bundled, English only)")
        for m in speech_models.list_models():
            print(f"{'*' if m.name == chosen else ' '} {m.name}  {m.engine} {m.language or '?'} "
                  f"{m.size_bytes / 1e6:.0f} MB  {m.status}")
        return 0
    if args.action == "quality":
        if args.target not in speech_models.QUALITIES:
            sys.stderr.write("reelstudio: error: models quality needs fast or accurate\n")
            return 2
        speech_models.set_quality(args.target)
        print(f"Whisper quality: {args.target}")
        return 0
    if not args.target:
        sys.stderr.write(f"reelstudio: error: models {args.action} needs a {'path' if args.action == 'install' else 'name'}\n")
        return 2
    if args.action == "install":
        m = speech_models.install(args.target, name=args.name, language=args.lang)
        print(f"installed {m.name} ({m.engine}, {m.language or 'language unknown'}) in {m.path}; "
              f"use it with: reelstudio models select {m.name}")
    elif args.action == "select":
        target = "pocketsphinx" if args.target == "none" else args.target  # 'none': the old spelling
        speech_models.select(target)
        print(f"words are recognised by {target}")
    else:
        speech_models.remove(args.target)
        print(f"removed {args.target}")
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
        if args.command == "export":
            return _export(args)
        if args.command == "checks":
            from .checks import preset_table, weight_table

            print(weight_table())
            print()
            print(preset_table(args.preset))
            return 0
        if args.command == "models":
            return _models(args)
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
    except BrokenPipeError:  # the reader left early (`reelstudio checks | head`): not a crash
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
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
