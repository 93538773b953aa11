"""Colour of a box of a picture, made from the frame's kept planes (media.video.Pictures.colour):
what the text lane measures a caption's contrast on, without an RGB picture of every frame."""

from __future__ import annotations

import subprocess

import numpy as np
import pytest

from reelstudio.media.probe import probe
from reelstudio.media.video import FrameRequest, iter_frames


@pytest.fixture(scope="module")
def clips(tmp_path_factory):
    """A real photo (scikit-image's astronaut), 360x640 H.264: untagged (BT.601, as swscale
    converts it), turned 90/180/270 degrees by the container's display matrix, and converted
    with the BT.709 matrix and tagged so."""
    import cv2
    import skimage.data

    d = tmp_path_factory.mktemp("colour")
    still = d / "astronaut.png"
    cv2.imwrite(str(still), cv2.cvtColor(skimage.data.astronaut(), cv2.COLOR_RGB2BGR))
    enc = ["-frames:v", "2", "-r", "30", "-c:v", "libx264", "-crf", "12", "-pix_fmt", "yuv420p"]
    out = {"plain": d / "plain.mp4", "bt709": d / "bt709.mp4"}
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-loop", "1", "-i", str(still), "-vf", "scale=360:640",
                    *enc, str(out["plain"])], check=True)
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-loop", "1", "-i", str(still), "-vf",
                    "scale=360:640:out_color_matrix=bt709", *enc, "-colorspace", "bt709", "-color_primaries",
                    "bt709", "-color_trc", "bt709", str(out["bt709"])], check=True)
    for r in (90, 180, 270):
        out[r] = d / f"turned{r}.mp4"
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(out["plain"]), "-c", "copy",
                        "-metadata:s:v", f"rotate={r}", str(out[r])], check=True)
    return out, cv2.resize(cv2.cvtColor(cv2.imread(str(still)), cv2.COLOR_BGR2RGB), (360, 640),
                           interpolation=cv2.INTER_AREA)


def _first(path, requests):
    info = probe(path)
    requests = [r.resolved(info) for r in requests]
    return info, requests, next(iter(iter_frames(info, requests)))


@pytest.mark.parametrize("clip", ["plain", 90, 180, 270])
@pytest.mark.parametrize("scale", [1.0, 0.75, 0.5])
def test_a_box_in_colour_is_that_box_of_the_rgb_picture(clips, clip, scale):
    """The box of a gray request, in colour, is the same box of an RGB picture of that size
    (the planes converted whole, BT.601 like swscale): turned as the display turns it, and at
    a size the planes are scaled to (kept larger by a second, full-size request)."""
    paths, _ = clips
    info = probe(paths[clip])
    w = round(info.width * scale)
    gray, rgb, full = FrameRequest(w, 0, "gray"), FrameRequest(w, 0, "rgb24"), FrameRequest(0, 0, "gray")
    info, (gray, rgb, _), frame = _first(paths[clip], [gray, rgb, full])
    box = (11, 37, gray.width - 23, gray.height // 2 + 7)
    got = frame.images.colour(gray, box)
    want = frame.images[rgb][box[1]:box[3], box[0]:box[2]]
    assert got.shape == want.shape and got.dtype == np.uint8
    diff = np.abs(got.astype(int) - want.astype(int))
    # the same planes; at 0.75 the box is found in the larger planes by a bilinear step
    assert diff.mean() < (1.2 if scale != 0.75 else 3.5), diff.mean()
    assert frame.images.ref(gray).colour(box).shape == want.shape


def test_the_matrix_is_the_one_the_source_is_tagged_with(clips):
    """A BT.709-tagged clip converted by the BT.709 matrix is close to the photo it was made
    from; converted by BT.601 (what an untagged clip gets, and swscale's default) it is not."""
    paths, photo = clips
    _, (gray, rgb), frame = _first(paths["bt709"], [FrameRequest(360, 640, "gray"), FrameRequest(360, 640, "rgb24")])
    ours = frame.images.colour(gray, (0, 0, 360, 640))
    err = np.abs(ours.astype(int) - photo.astype(int)).mean()
    err601 = np.abs(frame.images[rgb].astype(int) - photo.astype(int)).mean()
    assert err < 2.6 and err601 > err + 1.0, (err, err601)
    # untagged: BT.601 (the photo's own error, the encoder's)
    _, (gray, _), frame = _first(paths["plain"], [FrameRequest(360, 640, "gray"), FrameRequest(360, 640, "rgb24")])
    assert np.abs(frame.images.colour(gray, (0, 0, 360, 640)).astype(int) - photo.astype(int)).mean() < 2.6


def test_a_neutral_pixel_in_colour_is_its_gray_level(clips):
    """Gray pixels (equal R, G, B in the photo's gray version) come out at the gray picture's
    level: contrast counts neutral pixels by the gray and coloured ones by their colour, on
    one scale."""
    paths, _ = clips
    _, (gray,), frame = _first(paths["plain"], [FrameRequest(180, 320, "gray")])
    col = frame.images.colour(gray, (0, 0, 180, 320))
    g = frame.images[gray]
    neutral = (col.max(axis=2).astype(int) - col.min(axis=2)) <= 2
    assert neutral.sum() > 500
    assert np.abs(col[neutral].mean(axis=1) - g[neutral]).mean() < 1.5


@pytest.mark.parametrize("k", [1, 2])
def test_thin_coloured_strokes_keep_their_colour_where_the_frame_is_kept_at_half_size(tmp_path, k):
    """A 720x1280 frame kept at 360x640 (the text lane's share of a 1080x1920 reel: a 2:1
    reduction) keeps its chroma planes as they are: yellow strokes 4 px wide over black, 2 px
    at the kept size, stay yellow in Pictures.colour. From the half-size planes the RGB
    pictures are made from, each chroma sample spans two strokes' width of picture and they
    came out half as saturated: yellow letters over a box read 12.5-14.5:1 for 15.6."""
    import cv2

    frame = np.zeros((1280, 720, 3), np.uint8)
    for x in range(40, 680, 16):
        frame[200:1000, x:x + 4] = (255, 221, 0)  # RGB yellow, as the captions corpus draws it
    if k == 2:  # the same at 1440x2560, kept at a quarter (its chroma taken down one 2:1 step)
        frame = cv2.resize(frame, (1440, 2560), interpolation=cv2.INTER_NEAREST)
    png = tmp_path / "stripes.png"
    cv2.imwrite(str(png), cv2.cvtColor(frame, cv2.COLOR_RGB2BGR))
    path = tmp_path / "stripes.mp4"
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-loop", "1", "-i", str(png), "-frames:v", "2", "-r", "30",
                    "-c:v", "libx264", "-crf", "12", "-pix_fmt", "yuv420p", str(path)], check=True)
    _, (gray,), made = _first(path, [FrameRequest(360, 640, "gray")])
    rgb = made.images.colour(gray, (0, 0, 360, 640)).astype(int)
    stripes = np.zeros((640, 360), bool)
    for x in range(40, 680, 16):
        stripes[110:490, x // 2:x // 2 + 2] = True  # the strokes at the kept size, clear of their ends
    blue = np.median(rgb[..., 2][stripes])
    red_green = np.median(rgb[..., 0][stripes] - rgb[..., 1][stripes])
    assert blue < 20, blue  # 3 here (yellow: 0); from the half-size planes 54
    assert red_green > 30, red_green  # 35 (yellow: 34); from the half-size planes 26


@pytest.mark.parametrize("clip", ["plain", 90, 180, 270])
def test_a_box_at_full_size_is_that_box_of_the_full_size_picture(clips, clip):
    """A reduced picture asked for with every other frame kept whole (FrameRequest.fine_every,
    what the text lane measures a downscaled source's contrast on): fine gives a box of it at
    the source's own size, that box of the full-size gray picture turned as the display turns
    it, its colour that box of the full-size RGB picture; the frames not kept have none."""
    paths, _ = clips
    info = probe(paths[clip])
    half = FrameRequest(info.width // 2, 0, "gray", fine_every=2).resolved(info)
    box = (11, 37, half.width - 23, half.height // 2 + 7)
    first, second = [f.images for f in iter_frames(info, [half])]
    assert first.fine(half, box) is None
    crop = second.ref(half).fine(box)
    gray, rgb = crop.gray(), crop.rgb()
    assert crop.scale == 2.0
    full_g, full_rgb = FrameRequest(0, 0, "gray").resolved(info), FrameRequest(0, 0, "rgb24").resolved(info)
    whole = list(iter_frames(info, [full_g, full_rgb]))[1].images
    want = whole[full_g][2 * box[1]:2 * box[3], 2 * box[0]:2 * box[2]]
    assert gray.shape == want.shape and np.abs(gray.astype(int) - want.astype(int)).max() <= 1
    want_rgb = whole[full_rgb][2 * box[1]:2 * box[3], 2 * box[0]:2 * box[2]]
    assert rgb.shape == want_rgb.shape and np.abs(rgb.astype(int) - want_rgb.astype(int)).mean() < 1.2
    # a picture the size of the source keeps nothing more
    same = FrameRequest(0, 0, "gray", fine_every=2).resolved(info)
    assert list(iter_frames(info, [same]))[1].images.fine(same, box) is None
