"""The frozen app's script: what ``dist/ReelStudio/ReelStudio`` runs.

    ReelStudio [VIDEO] [--size WxH] ...    the desktop app (reelstudio.gui.app.main)
    ReelStudio --cli ARGS...               the command line: ``ReelStudio --cli analyze VIDEO --json -``
    ReelStudio --smoke-test [VIDEO]        start the real main window, analyse VIDEO (default: the
                                           bundled sample reel), check lanes, checklist and score,
                                           save a screenshot, print a summary; exit 0, or non-zero
                                           with the reason

It also runs from a source checkout (``python packaging/entry.py --smoke-test``), which is how
the frozen app's summary is compared with the source tree's.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import traceback
from fractions import Fraction


def _gui(argv: list[str]) -> int:
    from reelstudio.gui.app import main

    return main(argv)


def _cli(argv: list[str]) -> int:
    from reelstudio.cli import main

    return main(argv)


class SmokeFailure(Exception):
    """What the smoke test found wrong (one line, printed before exiting non-zero)."""


def _smoke_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="ReelStudio --smoke-test",
                                description="Start the main window, analyse a video, check and screenshot it.")
    p.add_argument("video", nargs="?", help="the video to open (default: the bundled sample reel)")
    p.add_argument("--screenshot", default="reelstudio-smoke.png", metavar="OUT.png",
                   help="where the window's picture goes (default: ./reelstudio-smoke.png)")
    p.add_argument("--json", default=None, metavar="OUT.json", help="also write the analysis JSON the window holds")
    p.add_argument("--timeout", type=float, default=900.0, metavar="S", help="give up after S seconds (default 900)")
    p.add_argument("--allow-unavailable", action="store_true",
                   help="do not fail when a lane is unavailable (a video without sound, say)")
    p.add_argument("--export-dir", default=None, metavar="DIR",
                   help="where the exports of every format go (default: a temporary folder)")
    p.add_argument("--require-sound", action="store_true",
                   help="fail unless playback reaches an audio output (default: report it only)")
    p.add_argument("--size", default="1600x1000", metavar="WxH", help="window size (default 1600x1000)")
    return p


def _isolate_user_folders() -> str:
    """A fresh cache (every lane really runs) and settings/log folders that are not the user's."""
    root = tempfile.mkdtemp(prefix="reelstudio-smoke-")
    for var, sub in (("REELSTUDIO_CACHE_DIR", "cache"), ("REELSTUDIO_DATA_DIR", "data"), ("REELSTUDIO_LOG_DIR", "log")):
        os.environ[var] = os.path.join(root, sub)
    return root


def _check_models() -> list[str]:
    """Every model of the manifest, found and sha256-checked: 'name (MB)' each."""
    from reelstudio.errors import ReelStudioError
    from reelstudio.resources import manifest, model_path

    try:
        entries = manifest()
        found = []
        for name in sorted(entries):
            path = model_path(name)  # raises ModelError unless the file matches its sha256
            found.append(f"{name} ({path.stat().st_size / 1e6:.1f} MB)")
    except ReelStudioError as exc:
        raise SmokeFailure(f"models: {exc}") from None
    if not found:
        raise SmokeFailure("models: the manifest lists no model")
    return found


def _export_targets(folder: str) -> dict[str, str]:
    """Format name -> output path, one per format the report registry lists."""
    from reelstudio.report import FORMATS

    return {name: os.path.join(folder, f"smoke{fmt.extensions[0]}") for name, fmt in FORMATS.items()}


def _check_exports(state: dict, formats: dict[str, str]) -> list[str]:
    bad = [f"{fmt}: {msg}" for fmt, msg in state["exports"].items() if msg != "ok"]
    bad += [f"{fmt}: never finished" for fmt in formats if fmt not in state["exports"]]
    for fmt, path in formats.items():
        if fmt in state["exports"] and state["exports"][fmt] == "ok" and not os.path.getsize(path):
            bad.append(f"{fmt}: {path} is empty")
    if "pdf" in formats and not bad:
        with open(formats["pdf"], "rb") as fh:
            if fh.read(5) != b"%PDF-":
                bad.append(f"pdf: {formats['pdf']} is not a PDF")
    if bad:
        raise SmokeFailure("exports failed: " + "; ".join(bad))
    return [f"{fmt} ({os.path.getsize(path) // 1024 or 1} KB)" for fmt, path in formats.items()]


def _check_ocr() -> str:
    """Tesseract (tesserocr + its language data) reads English and Russian rendered with the report font."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    from reelstudio.analysis.text import Reader
    from reelstudio.report.fonts import font_path

    font = ImageFont.truetype(font_path("regular"), 40)
    read = []
    for langs, line in ((("eng",), "Frame accurate checks"), (("rus",), "Проверка субтитров")):
        img = Image.new("L", (760, 90), 255)
        ImageDraw.Draw(img).text((20, 20), line, font=font, fill=0)
        reader = Reader(langs)
        try:
            text, conf, _boxes = reader.read(np.asarray(img))
        finally:
            reader.close()
        if " ".join(text.split()) != line:
            raise SmokeFailure(f"OCR ({'+'.join(langs)}) read {text.strip()!r}, not {line!r}")
        read.append(f"{'+'.join(langs)} {conf:.2f}")
    return f"Tesseract {reader.version} read both test lines (confidence {', '.join(read)})"


def _check_player_sound(video: str) -> str:
    """The player's own PCM decoder (PyAV, 48 kHz s16 stereo) gives audible sound from 1 s on."""
    import numpy as np

    from reelstudio.gui.audio_out import decode_pcm
    from reelstudio.media.probe import probe

    info = probe(video)
    if not info.has_audio:
        return "no sound track"
    pcm = bytearray()
    chunks = decode_pcm(info, 1.0)
    try:
        for chunk in chunks:
            pcm += chunk
            if len(pcm) >= 48000 * 4:
                break
    except Exception as exc:  # noqa: BLE001 - the player swallows this (plays silent): say it here
        raise SmokeFailure(f"the player's sound decoder fails: {exc.__class__.__name__}: {exc}") from None
    finally:
        chunks.close()  # closes the container
    samples = np.frombuffer(bytes(pcm[: len(pcm) // 2 * 2]), dtype="<i2")
    peak = int(np.abs(samples.astype(np.int32)).max()) if samples.size else 0
    db = 20 * np.log10(peak / 32768) if peak else float("-inf")
    if db < -40:
        raise SmokeFailure(f"the player's sound decoder gives {samples.size // 2} silent frames (peak {db:.1f} dBFS)")
    return f"player sound decodes ({samples.size // 2 / 48000:.1f} s, peak {db:.1f} dBFS)"


def _check_vosk() -> str:
    """libvosk.so loads (words from a user-installed Vosk model need it)."""
    try:
        import vosk

        vosk.SetLogLevel(-1)
    except Exception as exc:  # noqa: BLE001 - cffi raises OSError, AttributeError, ...
        raise SmokeFailure(f"vosk cannot load libvosk: {exc.__class__.__name__}: {exc}") from None
    return "libvosk loads"


def _screenshot_colours(path: str) -> int:
    """Distinct colours in a 64x40 thumbnail of the saved picture (a blank window has 1 or 2)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    img = QImage(path)
    if img.isNull():
        raise SmokeFailure(f"screenshot {path} cannot be read back")
    small = img.scaled(64, 40, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.FastTransformation)
    return len({small.pixel(x, y) for x in range(small.width()) for y in range(small.height())})


def _run_window(args, video: str) -> tuple[object, dict]:
    """Open ``video`` in the real main window and run its event loop until the analysis ends."""
    from PySide6.QtCore import QTimer

    from reelstudio.gui.app import make_app
    from reelstudio.gui.main_window import MainWindow
    from reelstudio.gui.settings import Settings

    app = make_app([sys.argv[0]])
    import pyqtgraph as pg

    pg.setConfigOptions(antialias=True)
    window = MainWindow(settings=Settings())
    state: dict = {"outcome": None, "errors": [], "saved": False, "exports": {}}
    formats = _export_targets(args.export_dir)

    def hook(exc_type, exc, tb):  # an exception in a slot fails the test instead of opening a dialog
        state["errors"].append("".join(traceback.format_exception(exc_type, exc, tb)).strip())
        app.quit()

    sys.excepthook = hook
    window.errorShown.connect(lambda title, text: state["errors"].append(f"{title}: {text}"))
    try:
        w, h = (int(v) for v in args.size.lower().split("x"))
    except ValueError:
        raise SmokeFailure(f"--size {args.size!r} is not WxH") from None
    window.resize(w, h)
    window.show()

    def save() -> None:
        state["saved"] = window.grab().save(args.screenshot)
        app.quit()

    def pose() -> None:
        window.seek(min(45, max(window.player.frame_count() - 1, 0)))  # a frame with a face and a caption
        QTimer.singleShot(1000, save)  # let the player paint the frame and the timeline settle

    def play() -> None:  # three seconds of real playback: frames advance, sound if a device exists
        fps = float(Fraction(window.analysis["source"]["fps"])) if window.analysis else 30.0
        window.seek(int(round(fps)))  # from 1 s on: the sample reel speaks there
        state["play_from"] = (window.player.current_frame(), time.monotonic())
        window.player.play()
        QTimer.singleShot(3000, stop_playing)

    def stop_playing() -> None:
        state["sound"] = window.player.audio_status()  # while playing: 'sound: ...' or 'silent: why'
        audio = getattr(window.player, "audio", None)
        if state["sound"].startswith("sound") and audio is not None and not audio.is_running():
            state["sound"] += ", but the player had stopped the sound before the end"
        window.player.pause()
        start, at = state["play_from"]
        state["played"] = (window.player.current_frame() - start, time.monotonic() - at)
        pose()

    def exported(fmt: str, error: str = "") -> None:
        state["exports"][fmt] = error or "ok"
        if len(state["exports"]) == len(formats):
            play()

    def finished(outcome: str) -> None:
        state["outcome"] = outcome
        if outcome != "result" or not formats:
            play() if outcome == "result" else pose()
            return
        for fmt, path in formats.items():  # every export format, through the window's own export path
            worker = window.export_to(path, fmt)
            worker.done.connect(lambda _p, f=fmt: exported(f))
            worker.failed.connect(lambda message, _d, f=fmt: exported(f, message))

    def timeout() -> None:
        state["outcome"] = f"timeout after {args.timeout:.0f} s"
        app.quit()

    window.analysisFinished.connect(finished)
    QTimer.singleShot(int(args.timeout * 1000), timeout)
    if not window.open_file(video):
        window.close()
        raise SmokeFailure(f"the window cannot open {video}: {'; '.join(state['errors']) or 'no reason given'}")
    app.exec()
    return window, state


def smoke_test(argv: list[str]) -> int:
    args = _smoke_parser().parse_args(argv)
    t0 = time.monotonic()
    scratch = _isolate_user_folders()
    args.export_dir = os.path.abspath(args.export_dir or os.path.join(scratch, "exports"))
    os.makedirs(args.export_dir, exist_ok=True)
    try:
        from reelstudio.resources import assets_dir, models_dir, sample_reel

        frozen = bool(getattr(sys, "frozen", False))
        models = _check_models()
        video = os.path.abspath(args.video) if args.video else str(sample_reel())
        if not os.path.isfile(video):
            raise SmokeFailure(f"no video at {video}" + ("" if args.video else f" (assets folder {assets_dir()})"))
        args.screenshot = os.path.abspath(args.screenshot)
        os.makedirs(os.path.dirname(args.screenshot), exist_ok=True)
        if os.path.exists(args.screenshot):
            os.remove(args.screenshot)

        window, state = _run_window(args, video)
        if state["errors"]:
            raise SmokeFailure("the window reported an error: " + " | ".join(state["errors"]))
        if state["outcome"] != "result":
            raise SmokeFailure(f"the analysis ended with '{state['outcome']}', not a result")
        data = window.analysis
        lanes = data.get("lanes", {}) if data else {}
        if not lanes:
            raise SmokeFailure("the finished analysis has no lanes")
        statuses = {name: lane.get("status", "ok") for name, lane in lanes.items()}
        missing_rows = [k for k in window.timeline.plots if k in lanes and statuses[k] == "ok"
                        and not window.timeline.lane_items(k)]
        if missing_rows:
            raise SmokeFailure(f"timeline rows drawn empty for lanes that are ok: {', '.join(missing_rows)}")
        unavailable = {k: lanes[k].get("reason", "") for k, s in statuses.items() if s != "ok"}
        if unavailable and not args.allow_unavailable:
            raise SmokeFailure("lanes not available: " + "; ".join(f"{k}: {r}" for k, r in unavailable.items()))
        score = data.get("score")
        if score is None:
            raise SmokeFailure(f"no score ({data.get('score_status', 'missing')})")
        checks = window.checklist.check_rows()
        if not checks:
            raise SmokeFailure("the checklist is empty")
        if not state["saved"] or not os.path.isfile(args.screenshot):
            raise SmokeFailure(f"the screenshot {args.screenshot} was not written")
        colours = _screenshot_colours(args.screenshot)
        if colours < 8:
            raise SmokeFailure(f"the screenshot looks blank ({colours} colours in a thumbnail)")
        exports = _check_exports(state, _export_targets(args.export_dir))
        frames_played, play_s = state.get("played", (0, 0.0))
        if frames_played <= 0:
            raise SmokeFailure(f"playback did not advance ({frames_played} frames in {play_s:.1f} s)")
        sound = state.get("sound", "")
        if args.require_sound and (not sound.startswith("sound") or "stopped" in sound):
            raise SmokeFailure(f"no sound during playback ({sound})")
        player_sound = _check_player_sound(video)
        ocr = _check_ocr()
        vosk = _check_vosk()
        if args.json:
            import json

            with open(args.json, "w", encoding="utf-8") as fh:
                json.dump(data, fh, indent=1)
        window.close()
    except SmokeFailure as exc:
        print(f"ReelStudio smoke test FAILED after {time.monotonic() - t0:.1f} s: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - a crash is a failure with its traceback
        traceback.print_exc()
        print(f"ReelStudio smoke test FAILED after {time.monotonic() - t0:.1f} s: "
              f"{exc.__class__.__name__}: {exc}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(scratch, ignore_errors=True)  # the fresh cache, settings, log (and default exports)

    def events(lane: dict) -> str:
        items = lane.get("events", lane.get("intervals"))
        return f" ({len(items)})" if isinstance(items, list) else ""

    src = data["source"]
    lane_text = ", ".join(f"{k} {s}{events(lanes[k]) if s == 'ok' else ''}" for k, s in statuses.items())
    from PySide6.QtGui import QGuiApplication

    tess = os.environ.get("TESSDATA_PREFIX", "(system)")
    print(f"ReelStudio smoke test passed ({'frozen app' if frozen else 'source tree'}, Qt platform "
          f"{QGuiApplication.platformName()}): {len(models)} models found in {models_dir()} with sha256 ok "
          f"[{', '.join(models)}]; tessdata {tess}; opened {os.path.basename(video)} "
          f"({src['width']}x{src['height']}, {src['frame_count']} frames, {src.get('fps', '?')} fps); "
          f"lanes: {lane_text}; checklist {len(checks)} checks, {len(data.get('flags', []))} flags, "
          f"score {score}; speech words {len(lanes.get('speech', {}).get('words', []) or [])}; "
          f"playback {frames_played} frames in {play_s:.1f} s ({sound}); {player_sound}; exports {', '.join(exports)}; {ocr}; {vosk}; screenshot {args.screenshot} ({os.path.getsize(args.screenshot) // 1024} KB, "
          f"{colours} colours in a thumbnail); elapsed {time.monotonic() - t0:.1f} s.")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--cli"]:
        return _cli(argv[1:])
    if argv[:1] == ["--smoke-test"]:
        return smoke_test(argv[1:])
    if argv[:1] in (["--help"], ["-h"]):
        print(__doc__.split("\n\n")[1])
    return _gui(argv)


if __name__ == "__main__":
    import multiprocessing

    # the window's analysis runs in a spawned child: in the frozen app that child is this
    # executable again, with multiprocessing's own arguments, handled (and exited) here
    multiprocessing.freeze_support()
    sys.exit(main())
