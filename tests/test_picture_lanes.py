"""Black, frozen, motion and flash lanes on a clip with known defects at known frames."""

import numpy as np
import pytest

from media import write_pictures
from reelstudio.analysis.picture import PictureAnalyzer
from reelstudio.pipeline import analyze

W, H = 270, 480
FPS = 30


def _photo(name):
    import cv2
    import skimage.data

    img = getattr(skimage.data, name)()
    if img.ndim == 2:
        img = np.stack([img] * 3, axis=2)
    h, w = img.shape[:2]
    scale = max(W / w, H / h) * 1.3
    return cv2.resize(img[..., :3], (int(w * scale) + 1, int(h * scale) + 1), interpolation=cv2.INTER_AREA)


def _pan(photo, i, speed=2):
    """A moving camera over a real photo."""
    x = (i * speed) % (photo.shape[1] - W)
    y = (i * speed // 2) % (photo.shape[0] - H)
    return photo[y : y + H, x : x + W]


# frame ranges (half-open) of each part of the clip
PARTS = {
    "pan_astronaut": (0, 45),
    "black": (45, 51),
    "pan_coffee": (51, 90),
    "frozen": (90, 120),  # one picture held for a second
    "flash_5hz": (120, 165),  # white flashes 5 times a second over the pan
    "pan_chelsea": (165, 195),
    "flash_2hz": (195, 240),  # twice a second: within WCAG's three
    "end": (240, 255),
}


def _defect_pictures():
    astronaut, coffee, chelsea = _photo("astronaut"), _photo("coffee"), _photo("chelsea")
    frozen_pic = _pan(coffee, 89)
    for i in range(PARTS["end"][1]):
        if i < 45:
            img = _pan(astronaut, i)
        elif i < 51:
            img = np.zeros((H, W, 3), np.uint8)
        elif i < 90:
            img = _pan(coffee, i)
        elif i < 120:
            img = frozen_pic
        elif i < 165:
            img = _pan(chelsea, i)
            if (i - 120) % 6 < 2:  # 2 bright frames every 6: 5 flashes a second
                img = np.full_like(img, 250)
        elif i < 195:
            img = _pan(chelsea, i)
        elif i < 240:
            img = _pan(astronaut, i)
            if (i - 195) % 15 < 2:  # twice a second
                img = np.full_like(img, 250)
        else:
            img = _pan(coffee, i)
        yield img


@pytest.fixture(scope="module")
def defects_clip(tmp_path_factory):
    return write_pictures(tmp_path_factory.mktemp("pic") / "defects.mp4", _defect_pictures(), fps=FPS)


@pytest.fixture(scope="module")
def lanes(defects_clip):
    return analyze(str(defects_clip), analyzers=[PictureAnalyzer()], cache=False).lanes


def _spans(lane):
    return [(iv["start_frame"], iv["end_frame"]) for iv in lane.data["intervals"]]


def test_black_frames_exact(lanes):
    assert _spans(lanes["black"]) == [PARTS["black"]]
    iv = lanes["black"].data["intervals"][0]
    assert iv["start_s"] == pytest.approx(45 / FPS) and iv["end_s"] == pytest.approx(51 / FPS)


def test_frozen_picture_exact(lanes):
    # frame 89 is the last moving frame and already shows the held picture
    spans = _spans(lanes["frozen"])
    assert len(spans) == 1
    start, end = spans[0]
    assert abs(start - 89) <= 1 and end == 120


def test_flashing_over_three_per_second(lanes):
    spans = _spans(lanes["flashes"])
    assert len(spans) == 1, spans
    start, end = spans[0]
    assert abs(start - 120) <= 2 and abs(end - 164) <= 3
    # the 2 Hz flashes later on are allowed
    assert all(s < 195 for s, _ in spans)


def test_motion_energy_tracks_the_picture(lanes):
    motion = np.array(lanes["motion"].data["per_frame"], dtype=float)
    assert len(motion) == PARTS["end"][1]
    assert motion[95:119].max() < 0.002  # held picture
    assert motion[10:44].mean() > 0.01  # a moving camera
    assert motion[46] < 0.001  # black stays black
    assert motion[45] > motion[10:44].mean()  # the cut to black is a big change


def test_a_burst_of_black_flashes_is_flashing_not_black_frames(tmp_path):
    """Black and picture alternating 2 frames each (7.5 flashes a second) for a second over a
    pan: the black lane sees each dark phase, the checks give one flashing error and no
    black-frames flag; a real black stretch after it is still flagged."""
    from reelstudio.analysis.cuts import CutsAnalyzer

    coffee = _photo("coffee")

    def pictures():
        for i in range(120):
            img = _pan(coffee, i)
            if 30 <= i < 60 and (i - 30) % 4 < 2:
                img = np.zeros_like(img)
            if 90 <= i < 96:  # 0.2 s of black
                img = np.zeros_like(img)
            yield img

    clip = write_pictures(tmp_path / "burst.mp4", pictures(), fps=FPS)
    res = analyze(str(clip), analyzers=[PictureAnalyzer(), CutsAnalyzer()], cache=False)
    assert len(_spans(res.lanes["black"])) == 8 + 1  # each dark phase, and the real stretch
    black = [(f["start_frame"], f["end_frame"]) for f in res.flags if f["check"] == "black_frames"]
    assert black == [(90, 96)]
    flashing = [f for f in res.flags if f["check"] == "photosensitive_flashing"]
    assert len(flashing) == 1 and flashing[0]["severity"] == "error"
    assert abs(flashing[0]["start_frame"] - 30) <= 2 and abs(flashing[0]["end_frame"] - 58) <= 3


def test_black_under_a_subtitle_is_black_and_a_dark_scene_is_not(tmp_path):
    """Twelve black frames under a two-line boxed subtitle (white DejaVu Sans Bold on a dark
    box, as creators burn them in) are black: the glyphs are 4-6 % of the pixels, under the
    98 % dark-pixel rule. A dark photo (the moon, its light spread over the frame) is not."""
    import cv2
    import skimage.data
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 22)
    coffee = _photo("coffee")
    moon = cv2.resize(np.stack([skimage.data.moon()] * 3, axis=2), (W, H)) // 4  # dark, lit all over

    def subtitle(img, lines):
        im = Image.fromarray(np.ascontiguousarray(img))
        d = ImageDraw.Draw(im)
        y0 = int(H * 0.72)
        d.rectangle([20, y0 - 6, W - 20, y0 + 58], fill=(16, 16, 16))
        for k, line in enumerate(lines):
            d.text((30, y0 + k * 27), line, font=font, fill=(255, 255, 255))
        return np.asarray(im)

    def pictures():
        for i in range(150):
            if 40 <= i < 52:
                yield subtitle(np.zeros((H, W, 3), np.uint8), ["and that was the", "moment it all broke"])
            elif 90 <= i < 120:
                yield moon
            else:
                yield subtitle(_pan(coffee, i), ["here we go again", "one more time"])

    clip = write_pictures(tmp_path / "subbed_black.mp4", pictures(), fps=FPS)
    res = analyze(str(clip), analyzers=[PictureAnalyzer()], cache=False)
    assert _spans(res.lanes["black"]) == [(40, 52)]


def test_the_holds_are_kept_in_a_numpy_block_not_a_list_of_tuples(defects_clip):
    """In moving footage every frame closes a hold: the frozen lane's holds are kept as rows of
    a numpy block (24 bytes each), not a list of tuples (~130 bytes each: 28 MB for two hours
    at 30 fps); the lane reads them back as the same spans (test_frozen_picture_exact)."""
    from reelstudio.analysis.base import Blocks
    from reelstudio.media.probe import probe
    from reelstudio.media.video import iter_frames

    info = probe(str(defects_clip))
    a = PictureAnalyzer()
    a.start(info)
    req = a.frame_request(info).resolved(info)
    for frame in iter_frames(info, [req]):
        a.feed(frame.index, frame.images[req])
    holds = a._holds.holds
    assert isinstance(holds, Blocks) and holds.dtype == np.int64
    rows = holds.array()
    assert rows.shape[1] == 3 and len(rows) > 100  # the pans close a hold on most frames
    held = [(s, e) for s, e, _ in rows.tolist() if e - s >= 20]
    assert len(held) == 1 and held[0][0] <= 90 and 120 <= held[0][1] <= 122  # the held second
