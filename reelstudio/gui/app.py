"""The desktop app: ``reelstudio-gui [VIDEO]`` or ``python -m reelstudio.gui [VIDEO]``.

A global excepthook turns any uncaught exception into an error dialog and a log entry in
the user log folder (``resources.log_dir()``); the app keeps running.
"""

from __future__ import annotations

import argparse
import datetime
import logging
import sys
import traceback

log = logging.getLogger(__name__)

LOG_FILE = "reelstudio-gui.log"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="reelstudio-gui", description="ReelStudio desktop app.")
    p.add_argument("video", nargs="?", metavar="VIDEO", help="a video to open and analyse")
    p.add_argument("--screenshot", metavar="OUT.png",
                   help="open VIDEO, wait for the analysis, save a picture of the window and quit")
    p.add_argument("--seek", type=int, default=None, metavar="FRAME", help="with --screenshot: show this frame")
    p.add_argument("--flag", type=int, default=None, metavar="N", help="with --screenshot: select flag N")
    p.add_argument("--check", default=None, metavar="ID", help="with --screenshot: select this check's flags")
    p.add_argument("--tab", choices=("checklist", "transcript"), default="checklist",
                   help="with --screenshot: the side panel's tab to show")
    p.add_argument("--size", default="1600x1000", metavar="WxH", help="window size (default 1600x1000)")
    return p


def log_path():
    from ..resources import log_dir

    return log_dir() / LOG_FILE


def log_exception(exc_type, exc, tb) -> str:
    """Append a traceback to the GUI log; returns the text (for the dialog's details)."""
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    try:
        path = log_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(f"--- {datetime.datetime.now().isoformat(timespec='seconds')}\n{text}\n")
    except OSError:
        pass
    return text


def install_excepthook(window_getter) -> None:
    """Uncaught exceptions in Qt slots become a dialog on the main window, never a crash."""

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        details = log_exception(exc_type, exc, tb)
        window = window_getter()
        if window is not None:
            window.show_error("Unexpected error",
                              f"{exc_type.__name__}: {exc}\n\nThe details are in {log_path()}.", details)
        else:
            sys.__excepthook__(exc_type, exc, tb)

    sys.excepthook = hook


def make_app(argv: list[str] | None = None):
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("ReelStudio")
    app.setOrganizationName("ReelStudio")
    return app


def main(argv: list[str] | None = None) -> int:
    import multiprocessing

    multiprocessing.freeze_support()  # a frozen app starts its analysis process through this binary
    args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    app = make_app()
    import pyqtgraph as pg

    pg.setConfigOptions(antialias=True)
    from .main_window import MainWindow

    window = MainWindow()
    install_excepthook(lambda: window)
    try:
        w, h = (int(v) for v in args.size.lower().split("x"))
        window.resize(w, h)
    except ValueError:
        pass
    window.show()
    if args.screenshot:
        code = _screenshot(app, window, args)
    else:
        if args.video:
            window.open_file(args.video)
        code = app.exec()
    _teardown(window)
    return code


def _teardown(window) -> None:
    """Close and free the window while Qt is still whole, not in the interpreter's final sweep."""
    import gc

    from PySide6.QtWidgets import QApplication

    window.close()  # cancels and joins the analysis threads
    window.deleteLater()
    QApplication.processEvents()
    gc.collect()


def _screenshot(app, window, args) -> int:
    """Open, analyse, pose and save the window: for the README and for looking at the layout."""
    from PySide6.QtCore import QTimer

    if not args.video or not window.open_file(args.video):
        print("reelstudio-gui: --screenshot needs a VIDEO that opens", file=sys.stderr)
        return 2
    outcome = []

    def pose_and_save(result: str) -> None:
        outcome.append(result)
        if args.check is not None and window.analysis:
            window.checklist.activate_check(args.check)
        elif args.flag is not None and window.analysis and window.analysis.get("flags"):
            window.checklist.activate_flag(min(args.flag, len(window.analysis["flags"]) - 1))
        elif args.seek is not None:
            window.seek(args.seek)
        if args.tab == "transcript":
            window.side.setCurrentWidget(window.transcript)
        QTimer.singleShot(800, save)

    def save() -> None:
        import os

        os.makedirs(os.path.dirname(os.path.abspath(args.screenshot)), exist_ok=True)
        if window.grab().save(args.screenshot):
            print(f"saved {args.screenshot} ({outcome[0]})")
        else:
            print(f"reelstudio-gui: cannot write {args.screenshot}", file=sys.stderr)
            outcome[0] = "unsaved"
        app.quit()

    window.analysisFinished.connect(pose_and_save)
    app.exec()
    return 0 if outcome and outcome[0] == "result" else 1


if __name__ == "__main__":
    sys.exit(main())
