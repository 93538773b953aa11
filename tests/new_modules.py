"""A new lane and a new check, each one module and nothing else, as a newcomer adds them.

``installed(tmp_path)`` writes the two modules into a temporary folder, puts that folder on
the ``__path__`` of ``reelstudio.analysis`` and ``reelstudio.checks`` (as if the files were
dropped into those packages: no other file is touched), and takes them out again afterwards.
The lane ``bright`` marks the stretches brighter than the clip's mean; the check
``too_bright`` flags them.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import numpy as np

LANE_MODULE = '''
"""The bright lane: stretches of the clip brighter than its mean (a lane a test adds)."""

import numpy as np

from ..media.video import FrameRequest
from . import register
from .base import Lane, VideoAnalyzer, runs


@register
class BrightAnalyzer(VideoAnalyzer):
    name = "bright"

    def frame_request(self, info):
        return FrameRequest(32, 0, "gray")

    def start(self, info):
        super().start(info)
        self.means = []

    def feed(self, index, image):
        self.means.append(float(np.mean(image)))

    def finish(self, frame_times):
        m = np.asarray(self.means)
        pairs = runs(m > m.mean())
        return [Lane("bright", {"intervals": [{"start_frame": s, "end_frame": e} for s, e in pairs],
                                "events": [{"frame": s} for s, _ in pairs]})]
'''

CHECK_MODULE = '''
"""Too bright: a check a test adds."""

from .base import REGISTRY, Context, Outcome, check, fmt_s, interval_frames


@check("too_bright", title="Too bright", weight=4, lanes=("bright",), measure="seconds of bright picture",
       points=((0.0, 1.0), (1.0, 0.0)))
def too_bright(ctx: Context) -> Outcome:
    """Stretches brighter than the clip's mean."""
    flags, total = [], 0.0
    for item in ctx.lane("bright")["intervals"]:
        s, e = interval_frames(ctx, item)
        seconds = ctx.seconds(e) - ctx.seconds(s)
        total += seconds
        flags.append(ctx.flag("too_bright", "warning", s, e, f"{fmt_s(seconds)} of bright picture", "darken it"))
    return Outcome(REGISTRY["too_bright"].curve(total), f"{fmt_s(total)} bright", flags)
'''

DARK, BRIGHT = 15, 15  # the clip: 15 dark frames, 15 bright, 15 dark


def bright_clip(path: Path) -> Path:
    from media import write_pictures

    dark = np.full((64, 36, 3), 20, np.uint8)
    light = np.full((64, 36, 3), 230, np.uint8)
    return write_pictures(path, [dark] * DARK + [light] * BRIGHT + [dark] * DARK)


@contextlib.contextmanager
def installed(folder: Path):
    import reelstudio.analysis as analysis
    import reelstudio.checks as checks
    from reelstudio.checks.base import REGISTRY

    lane_dir, check_dir = folder / "lane_pkg", folder / "check_pkg"
    lane_dir.mkdir(parents=True)
    check_dir.mkdir(parents=True)
    (lane_dir / "bright.py").write_text(LANE_MODULE)
    (check_dir / "too_bright.py").write_text(CHECK_MODULE)
    analysis.__path__.append(str(lane_dir))
    checks.__path__.append(str(check_dir))
    try:
        yield
    finally:
        analysis.__path__.remove(str(lane_dir))
        checks.__path__.remove(str(check_dir))
        analysis.REGISTRY.pop("bright", None)
        REGISTRY.pop("too_bright", None)
        sys.modules.pop("reelstudio.analysis.bright", None)
        sys.modules.pop("reelstudio.checks.too_bright", None)
