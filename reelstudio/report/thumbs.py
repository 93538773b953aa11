"""Pictures of chosen frames, by index on the source grid, for the report's thumbnails.

One forward pass over the file: frames are visited in order; a target more than
``seek_gap_s`` ahead is reached by a keyframe seek, then decoded forward to the exact
frame, matched by its presentation time. The file is opened for reading only.
"""

from __future__ import annotations

import os
from typing import Iterable

import numpy as np

from ..errors import CorruptMedia


def grab_frames(path: str | os.PathLike, frames: Iterable[int], height: int = 320,
                seek_gap_s: float = 2.0) -> dict[int, np.ndarray]:
    """{frame index: RGB picture (height x width x 3, uint8, display orientation)}.

    Frames outside the clip are left out. Raises the probe's typed errors for a missing
    or unreadable file.
    """
    import av

    from ..media.probe import open_container, pick_video_stream, probe
    from ..media.video import _to_display

    info = probe(path)
    tb_grid = info.timebase
    targets = sorted({int(f) for f in frames if 0 <= int(f) < info.frame_count})
    if not targets:
        return {}
    height = max(2, int(height))
    width = max(2, round(height * info.width / info.height))
    turned = info.rotation in (90, 270)
    out_w, out_h = (height, width) if turned else (width, height)
    # a decoded frame is the target when its time is within a quarter of the smallest frame step
    if tb_grid.is_vfr:
        steps = np.diff(np.asarray(tb_grid.frame_times))
        tol = 0.25 * float(steps[steps > 0].min()) if np.any(steps > 0) else 0.25 / float(info.fps)
    else:
        tol = 0.25 / float(info.fps)

    found: dict[int, np.ndarray] = {}
    container = open_container(os.fspath(path))
    try:
        stream = pick_video_stream(container)
        stream.thread_type = "AUTO"
        time_base = stream.time_base
        decoder = None
        pending = None  # a decoded frame past its target, kept for the next target
        last_t = None  # time of the last decoded frame, from frame 0

        def seek(seconds: float):
            pts = int((seconds + info.start_s) / time_base) if time_base else 0
            container.seek(max(0, pts), stream=stream, backward=True, any_frame=False)
            return container.decode(stream)

        for target in targets:
            want = tb_grid.frame_to_seconds(target)
            retried = False
            if decoder is None or last_t is None or want < last_t - tol or want - last_t > seek_gap_s:
                decoder, pending, last_t = seek(want), None, None
            while True:
                frame = pending if pending is not None else next(decoder, None)
                pending = None
                if frame is None:
                    break
                if frame.pts is None:
                    continue
                t = float(frame.pts * time_base) - info.start_s
                if t > want + tol and last_t is None and not retried:
                    # the seek landed past the target: start from well before it
                    decoder, retried = seek(want - 10.0), True
                    continue
                last_t = t
                if t < want - tol:
                    continue
                if t <= want + tol:
                    img = frame.reformat(width=out_w, height=out_h, format="rgb24").to_ndarray()
                    found[target] = _to_display(img, info.rotation)
                else:
                    pending = frame  # the target is missing; this frame may be the next one
                break
    except av.error.FFmpegError as exc:
        raise CorruptMedia(f"{path}: cannot decode frames for thumbnails ({exc})") from None
    finally:
        container.close()
    return found
