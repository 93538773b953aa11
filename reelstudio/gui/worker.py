"""Analysis off the GUI thread: a QThread that runs the pipeline in a child process.

The child (reelstudio/gui/analysis_process.py) sends progress, finished lanes and the
result on a queue; this thread turns them into Qt signals, queued to the GUI thread.
``cancel()`` sets the child's cancel event (the pipeline stops at its next frame); a child
that does not stop within ``KILL_AFTER_S`` is terminated. Every outcome ends in exactly
one of ``resultReady``, ``failed`` or ``cancelled``.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue as queue_mod
import threading
import time

from PySide6.QtCore import QThread, Signal

from .analysis_process import child_main

log = logging.getLogger(__name__)

KILL_AFTER_S = 10.0


class AnalysisWorker(QThread):
    progress = Signal(str, int, int)       # stage, done, total
    lanesReady = Signal(object)            # {lane name: lane JSON dict} finished since the last report
    resultReady = Signal(object, object)   # AnalysisResult, its JSON dict
    failed = Signal(str, str, str)         # error class name, one-line message, traceback ('' for expected errors)
    cancelled = Signal()

    def __init__(self, path: str, options: dict | None = None, parent=None):
        super().__init__(parent)
        self.path = path
        self.options = dict(options or {})
        self._cancel_requested = threading.Event()
        self.outcome: str | None = None  # 'result', 'failed' or 'cancelled' once the thread ends

    def cancel(self) -> None:
        self._cancel_requested.set()

    def is_cancelling(self) -> bool:
        return self._cancel_requested.is_set()

    def run(self) -> None:  # the thread body
        ctx = multiprocessing.get_context("spawn")  # a clean interpreter: no Qt state, no forked threads
        messages = ctx.Queue()
        cancel = ctx.Event()
        child = ctx.Process(target=child_main, args=(self.path, self.options, messages, cancel),
                            name="reelstudio-analysis", daemon=True)
        try:
            child.start()
        except OSError as exc:
            self._finish("failed", ("failed", "OSError", f"cannot start the analysis: {exc}", ""))
            return
        cancelled_at = None
        try:
            while True:
                if self._cancel_requested.is_set() and cancelled_at is None:
                    cancel.set()
                    cancelled_at = time.monotonic()
                if cancelled_at is not None and time.monotonic() - cancelled_at > KILL_AFTER_S:
                    child.terminate()
                    self._finish("cancelled", ("cancelled",))
                    return
                try:
                    msg = messages.get(timeout=0.05)
                except queue_mod.Empty:
                    if not child.is_alive():
                        try:  # the last messages may still be in the pipe
                            msg = messages.get(timeout=0.5)
                        except queue_mod.Empty:
                            if cancelled_at is not None:
                                self._finish("cancelled", ("cancelled",))
                            else:
                                self._finish("failed", ("failed", "ChildProcessError",
                                                        f"the analysis process ended unexpectedly "
                                                        f"(exit code {child.exitcode})", ""))
                            return
                    else:
                        continue
                kind = msg[0]
                if kind == "progress":
                    self.progress.emit(*msg[1:])
                elif kind == "lanes":
                    self.lanesReady.emit(msg[1])
                else:
                    self._finish({"result": "result", "cancelled": "cancelled"}.get(kind, "failed"), msg)
                    return
        finally:
            child.join(timeout=KILL_AFTER_S)
            if child.is_alive():
                child.terminate()
                child.join(timeout=5)
            messages.close()
            messages.cancel_join_thread()

    def _finish(self, outcome: str, msg: tuple) -> None:
        self.outcome = outcome
        if outcome == "result":
            self.resultReady.emit(msg[1], msg[2])
        elif outcome == "cancelled":
            self.cancelled.emit()
        else:
            self.failed.emit(msg[1], msg[2], msg[3])
