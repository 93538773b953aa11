"""The analysis in a child process (no Qt here): the window's event loop never waits on it.

A thread only would share the interpreter lock with the window, and a native call that
holds it (a model, a decoder) would freeze the picture and the playback for a second or
more. The child runs ``pipeline.run`` and sends plain messages on a queue:

``("progress", stage, done, total)``, ``("lanes", {name: lane JSON})``,
``("result", AnalysisResult, JSON dict)``, ``("failed", class name, message, traceback)``,
``("cancelled",)``.
"""

from __future__ import annotations

import inspect
import traceback

from ..session import rescored  # noqa: F401 - moved to the Qt-free session; kept importable here


def supported_kwargs(func, wanted: dict) -> dict:
    """The subset of ``wanted`` that ``func`` accepts (the pipeline grows options over time)."""
    params = inspect.signature(func).parameters
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
        return dict(wanted)
    return {k: v for k, v in wanted.items() if k in params}


def analyzers_for(options: dict) -> list:
    """The analyzers the settings ask for: the OCR languages reach the text lane, the speech
    model and quality the speech lane (the settings' analysis_options; ``pipeline.run`` has
    no keyword for them, and they were once filtered out on the way, so the text lane always
    read with its default languages whatever was ticked)."""
    from ..pipeline import default_analyzers

    langs = tuple(options.get("ocr_languages") or ()) or None
    return default_analyzers(words_model=options.get("asr_model") or "auto", words_quality=options.get("words_quality"),
                             ocr_languages=langs)


def evaluated(result, preset: str | None):
    """``result`` with the checks run for ``preset`` (the pipeline may already have run them)."""
    if preset and hasattr(result, "evaluated") and getattr(result, "preset", None) != preset:
        return result.evaluated(preset)
    return result


def analyse(path: str, options: dict, send, cancel) -> None:
    """Run the pipeline on ``path``, reporting through ``send(message)``; ``cancel`` has ``is_set()``."""
    from ..errors import Cancelled, ReelStudioError
    from ..pipeline import run

    sent: set[str] = set()
    gen = None
    try:
        gen = run(path, **supported_kwargs(run, {**options, "cancel": cancel, "analyzers": analyzers_for(options)}))
        while True:
            if cancel.is_set():
                raise Cancelled("analysis cancelled")
            try:
                p = next(gen)
            except StopIteration as stop:
                result = stop.value
                break
            send(("progress", p.stage, int(p.done), int(p.total)))
            lanes = getattr(p, "lanes", None) or {}
            fresh = {name: lane.to_json() for name, lane in lanes.items() if name not in sent}
            if fresh:
                sent.update(fresh)
                send(("lanes", fresh))
        result = evaluated(result, options.get("preset"))
        send(("result", result, result.to_json()))
    except Cancelled:
        send(("cancelled",))
    except ReelStudioError as exc:
        send(("failed", exc.__class__.__name__, str(exc), ""))
    except Exception as exc:  # noqa: BLE001 - a bug in a lane reaches the user as a dialog
        send(("failed", exc.__class__.__name__, f"{exc.__class__.__name__}: {exc}", traceback.format_exc()))
    finally:
        if gen is not None:
            gen.close()  # stops the decode and audio threads; writes nothing to the cache


def child_main(path: str, options: dict, queue, cancel) -> None:
    """Entry point of the child process."""
    try:
        analyse(path, options, queue.put, cancel)
    finally:
        queue.close()
        queue.join_thread()  # every message is flushed before the process ends
