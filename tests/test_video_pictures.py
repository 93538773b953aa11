"""The decoder's pictures made on demand from a frame's planes (media.video.Pictures)."""

from __future__ import annotations

import subprocess

import numpy as np
import pytest

from reelstudio.media.probe import probe
from reelstudio.media.video import FrameRequest, Pictures, iter_frames


@pytest.fixture(scope="module")
def photo_clips(tmp_path_factory):
    """A real photo (scikit-image's astronaut) panning for 8 frames, 360x640, as limited-range
    yuv420p and as full-range yuvj420p H.264."""
    import skimage.data

    d = tmp_path_factory.mktemp("pictures")
    still = d / "astronaut.png"
    import cv2

    cv2.imwrite(str(still), cv2.cvtColor(skimage.data.astronaut(), cv2.COLOR_RGB2BGR))
    out = {}
    for pix_fmt in ("yuv420p", "yuvj420p"):
        path = d / f"pan_{pix_fmt}.mp4"
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-loop", "1", "-i", str(still), "-vf",
                        "scale=720:1280,crop=360:640:'t*100':'t*60'", "-frames:v", "8", "-r", "30",
                        "-c:v", "libx264", "-crf", "12", "-pix_fmt", pix_fmt, str(path)], check=True)
        out[pix_fmt] = path
    return out


def _swscale(path, width, height, pix_fmt):
    """The same pictures through swscale (PyAV reformat, area scaling: an independent path)."""
    import av

    with av.open(str(path)) as c:
        pics = []
        for f in c.decode(video=0):
            arr = f.reformat(width=width, height=height, format=pix_fmt, interpolation="AREA").to_ndarray()
            pics.append(arr[..., 0] if pix_fmt == "gray" and arr.ndim == 3 else arr)
        return pics


@pytest.mark.parametrize("pix_fmt", ["yuv420p", "yuvj420p"])
@pytest.mark.parametrize("size", [(360, 640), (208, 370), (108, 192), (48, 27)])
def test_pictures_from_planes_match_swscale(photo_clips, pix_fmt, size):
    path = photo_clips[pix_fmt]
    info = probe(path)
    w, h = size
    for kind in ("rgb24", "gray"):
        ours = [f.images[FrameRequest(w, h, kind)] for f in iter_frames(info, [FrameRequest(w, h, kind)])]
        theirs = _swscale(path, w, h, kind)
        assert len(ours) == len(theirs) == 8
        for a, b in zip(ours, theirs):
            assert a.shape == b.shape and a.dtype == np.uint8
            diff = np.abs(a.astype(int) - b.astype(int))
            # a few levels apart (swscale area-scales in fixed point, ~1.5 levels dark)
            assert diff.mean() < 3.5, (kind, diff.mean())
            assert abs(float(a.mean()) - float(b.mean())) < 2.5, kind


def test_a_picture_is_made_only_when_asked_for(photo_clips):
    info = probe(photo_clips["yuv420p"])
    small, big = FrameRequest(48, 27, "rgb24"), FrameRequest(208, 370, "rgb24")
    frames = list(iter_frames(info, [small, big]))
    first = frames[0].images
    assert isinstance(first, Pictures) and set(first) == {small.resolved(info), big.resolved(info)}
    assert first._made == {}  # nothing converted yet
    ref = first.ref(big)
    assert first._made == {}
    picture = ref()
    assert picture.shape == (370, 208, 3) and list(first._made) == [big]
    assert first[big] is picture  # made once
    with pytest.raises(KeyError):
        first[FrameRequest(10, 10, "gray")]
