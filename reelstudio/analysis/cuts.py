"""Shot boundaries by TransNetV2 (ONNX Runtime), streamed in overlapping windows, checked
and completed by the pixel-level tools of ``transitions``.

The model sees 48x27 RGB frames. Each window holds ``context`` frames of lead-in, the
``step`` frames it decides, and ``context`` frames of lead-out; the clip's first and last
frames are repeated to pad the ends, as the reference implementation does (``LEAD_IN``, its
25 frames, before the clip whatever the context). The model's cost is per frame it sees
(~2.4 CPU-ms on one thread on the loaded 2-core machine, 81 % of it the per-frame spatial
convolutions), so the overlap of the windows is what there is to save: context 25 (the
reference's) saw 1.25 frames per decided frame, context 12 sees 1.12 (the bench reel's
cuts thread 6.5-6.8 -> 5.9 CPU-s), with the same scores on every split of the cuts corpus
and the same events (frames, kinds, extents) on the sample and bench reels and a 10 min clip
(only the probabilities move, by up to 0.12) and a smaller window (224 frames); context 12 with a 12-frame lead-in lost a cut 9 frames into a tune clip.
A longer step would save as much but costs memory (step 400: a 450-frame window, 428 MB of
activations against 222 MB for 250). Frames are batched into
windows as they arrive, so memory stays flat for any clip length; besides the two
per-frame probabilities, the analyzer makes one 24x14 RGB thumbnail per frame (1 KB) and keeps
them for a bounded window (``transitions.ThumbWindow``, ~1,500 frames): the wipe search runs
as the frames come (``transitions.WipeSearch``), and the thumbnails the other steps read at
the end (around each frame whose ``single`` reaches ``peak_min`` or whose ``many`` passes half
the threshold, and around each wipe candidate) are copied out as the model scores them.

Events, from the per-frame probabilities ``single`` (a transition ends here) and ``many``
(this frame is part of a transition), both thresholded at ``threshold``:

1. Every run of ``single`` frames is a boundary; its extent is the run widened by the
   neighbouring ``many`` frames. Up to ``hard_max_frames`` frames it is a ``cut`` (frame =
   first frame of the new shot), longer it is a ``gradual``.
2. A run of at least ``min_gradual_frames`` ``many`` frames without a ``single`` peak is a
   ``gradual`` too, widened over neighbours above half the threshold (a slow fade's ends
   are faint): on 36-45 frame fades ``single`` peaks at 0.46-0.48 while ``many`` holds
   0.87-0.91. Corpus: such runs last 7-33 frames on real transitions, <= 2 elsewhere.
3. Two events at most ``merge_gap`` frames apart with a flat (near-uniform) frame between
   them are one transition through black (or white): TransNetV2 often reports a fade out
   and the fade in that follows separately (corpus: gaps of 3 and 5 frames). Only flat
   frames after the first event's start and dark or light (``dip_dark_max``,
   ``dip_light_min``) make a dip: a plain grey shot of 6 frames between two cuts is a shot.
4. A boundary whose picture comes back is not one: if the picture just after it matches
   the picture just before it once brightness and contrast are normalised
   (``transitions.blip_distance`` < ``blip_max``) it was a flash or a lighting change
   (corpus: lighting changes <= 0.08, real cuts and transitions >= 0.56). A dip to black
   and back into the same shot is dropped too.
5. Faint cuts in fast action: on short shots, hand-held motion, blur and bodies moving,
   TransNetV2's ``single`` peaks at true cuts can stay at 0.05-0.5 (corpus: 24 fps montages
   of 6-14 frame shots). A peak in [``peak_min``, ``threshold``) that is ``peak_isolation``
   times its ``peak_reach`` neighbours (a cut is a one-frame spike; whip pans, crossings and
   blur raise the frames beside it too) and whose picture change stands out of the steps
   beside it is a cut: ``transitions.cut_contrast`` (camera shift taken out) >=
   ``contrast_min``, or ``transitions.colour_contrast`` >= ``colour_contrast_min`` with a
   picture that clearly does not come back (``blip_distance`` >= ``colour_blip_min``: a
   lighting change moves colour alone). By pixel contrast it must also stand out of the steps
   two frames away (``repeat_contrast_min``): a 12-15 fps source shown at 24-30 moves every
   other frame, so its own moves stand out of the repeats beside them. Faint cuts inside a model ``gradual`` replace it (short
   shots the model ran together; a dissolve has no step that stands out). Corpus (tune):
   such cuts have isolation >= 3.1, pixel contrast >= 1.8 or colour contrast >= 2.5; peaks on
   whip pans, crossings and flashes isolation <= 2.5 or pixel contrast <= 1.0 and colour
   contrast <= 1.8; lighting changes colour contrast up to 12, blip <= 0.27.
6. Cuts the model does not see at all: between similar-looking shots of a fast montage
   TransNetV2's ``single`` can stay under 0.01. A frame whose 48x27 picture change (a camera
   move of up to 2 px taken out) is ``step_contrast_min`` times the largest of the two steps
   on each side (``picture_steps.step_contrasts``), the same in each horizontal third at
   ``step_band_min`` (a caption or a title coming or going changes one or two thirds), and
   whose picture does not come back even shifted (``picture_steps.moved_distance`` >=
   ``step_blip_min``), away from the events found so far, is a cut. Corpus (tune): the cuts
   the model misses at 1.44 and 1.79, thirds >= 1.22 and 1.38, moved distance 0.49 and 0.80;
   other frames outside the transitions up to 1.33 (that one: a third at 1.04); synthetic
   hand-held jolts of 2-6 px a frame at 48x27 up to 3.6, moved distance <= 0.20; on the
   60 s benchmark reel a caption appearing over a plain wall: thirds 0.27-2.9.
7. Wipes, which the model does not see, come from ``transitions.find_wipes`` away from the
   model's events (``wipes``); the model vets each one (is the splice of the frames before
   it with the frames after it a cut?).
8. A cut changes every part of the picture that holds something: a caption or a title that
   comes or goes over a still picture changes one third and leaves the others as they were,
   yet TransNetV2 gives it 0.66-0.69 (a boxed caption over a photo, a title on a plain card)
   and a faint peak of 0.34-0.46 (list lines popping in one by one). Each horizontal third
   whose 48x27 picture has texture (gray std >= ``live_texture_min``) in the frames before
   and after a cut must change (``picture_step`` of that third >= ``live_step_min``); with no
   such third (a plain card gaining its text, black into footage), two or more thirds must
   gain or lose texture. Corpus: every true cut's least-changed third >= 0.126 (letterboxed
   footage: its bars have no texture and are not asked to change); a third that a caption
   left alone 0.0.

``confidence``: the peak ``single`` probability (2: the peak ``many`` probability; 6:
``single`` at the frame before; 7: the splice's cut probability). Per frame the analyzer adds a
24x14 thumbnail (~0.015 ms), the 48x27 picture step of 6 (~0.06 ms, in blocks of 32 frames)
and the wipe search (~0.1-0.3 ms with its splice checks, most of it as the frames come).
"""

from __future__ import annotations

import collections
from dataclasses import dataclass

import numpy as np

from ..media.video import FrameRequest
from . import picture_steps, transitions
from .base import Blocks, Lane, Tuned, VideoAnalyzer, runs

# int8 twin of the float32 export: twice as fast, same decisions on real footage
# (tests/test_models.py); "transnetv2" is the float32 reference
MODEL = "transnetv2_int8"
LEAD_IN = 25  # the clip's first frame repeated before it, as the reference implementation pads
TAIL_FRAMES = 50  # frames the windows leave for finish near the expected end
KEEP_REACH = 3  # events read thumbnails up to 3 frames before and 4 after a frame the model marks
STEP_BLOCK = 32  # frames whose picture steps are computed together (their thumbnails are still in the ring)


@dataclass(frozen=True)
class CutsParams:
    """The cuts lane's parameters (the lane's ``params``, in this order)."""

    threshold: float = 0.5
    context: int = 12  # frames of context each side of a window (the reference's 25: see above)
    step: int = 200  # frames a window decides (a fixed-length model export decides its own)
    hard_max_frames: int = 3
    min_gradual_frames: int = 6
    merge_gap: int = 8
    blip_max: float = 0.3
    wipes: bool = True
    peak_min: float = 0.05
    peak_isolation: float = 3.0
    peak_reach: int = 1
    peak_margin: int = 2
    contrast_min: float = 1.4
    colour_contrast_min: float = 2.2
    colour_blip_min: float = 0.45
    step_contrast_min: float = 1.3
    step_blip_min: float = 0.3
    step_band_min: float = 1.1
    live_texture_min: float = 1.5
    live_step_min: float = 0.08
    repeat_contrast_min: float = 1.0
    dip_dark_max: float = 40.0
    dip_light_min: float = 215.0


class CutsAnalyzer(Tuned, VideoAnalyzer):
    name = "cuts"
    models = (MODEL,)
    version = 8  # 6: context 12, lead-in 25; 7: text coming or going over a still picture is not a cut;
    # 8: a plain shot between two cuts is a shot (only a dip through black or white merges), and a
    # faint peak on a source with repeated frames must stand out of the steps two frames away

    Params = CutsParams

    def __init__(self, params: CutsParams | None = None, /, *, batch: int = 1, threads: int = 0, **kw):
        super().__init__(params, **kw)
        self.batch = batch
        self.threads = threads

    def extra_params(self) -> dict:
        return {"model": MODEL}

    def frame_request(self, info):
        return FrameRequest(48, 27, "rgb24")

    def start(self, info) -> None:
        from ..resources import onnx_session

        super().start(info)
        self.session = onnx_session(MODEL, self.threads)
        shape = self.session.get_inputs()[0].shape
        self._fixed_t = shape[1] if isinstance(shape[1], int) else None
        # frames a window decides: a fixed-length export decides window - 2 * context frames
        self._step = self.step if self._fixed_t is None else self._fixed_t - 2 * self.context
        self._input = self.session.get_inputs()[0].name
        self._buf: list[np.ndarray] = []
        self._pending: list[np.ndarray] = []  # windows waiting to be batched
        self._single: list[np.ndarray] = []
        self._many: list[np.ndarray] = []
        # the ring covers the wipe search's chunk and reach and the frames the model has not scored
        window = (transitions.CHUNK + 2 * max(transitions.WIPE_WIDTHS)
                  + 2 * (transitions.WIPE_REACH + transitions.SPLICE_CONTEXT) + 2
                  + max(1, self.batch) * (self._step + 2 * self.context) + 2 * KEEP_REACH + STEP_BLOCK)
        self._thumbs = transitions.ThumbWindow(window)
        self._wipes = transitions.WipeSearch(self._thumbs, self._thumbs.keep)
        # per frame: picture_steps.picture_step into it, whole and by thirds (step 6)
        self._steps = Blocks(np.float32, (picture_steps.STEP_BANDS + 1,))
        self._texture = Blocks(np.float16, (picture_steps.STEP_BANDS,))  # each third's gray std (step 8)
        self._recent: collections.deque = collections.deque(maxlen=2 * picture_steps.STEP_AROUND + 1)
        self._last_z: np.ndarray | None = None
        self._unstepped: list[np.ndarray] = []  # frames whose steps wait for the next block
        self._fed = 0
        self._stepped = 0  # frames whose steps are in
        # the clip's first frame repeated before it: LEAD_IN frames (the reference's padding),
        # of which the first window decides the last lead - context, dropped as they are scored
        self._lead = max(LEAD_IN, self.context)
        self._unscored_lead = self._lead - self.context
        self._decided = -self._unscored_lead  # frames given to a window so far
        self._scored = 0  # frames with probabilities so far

    def feed(self, index: int, image: np.ndarray) -> None:
        if not self._buf:
            self._buf = [image] * self._lead  # lead-in: the first frame repeated
        self._buf.append(image)
        self._thumbs.append(transitions.thumbnail(image))
        self._fed += 1
        self._unstepped.append(image)
        if len(self._unstepped) >= STEP_BLOCK:
            self._step_block()
        if self.wipes:
            self._wipes.advance()
        take = self._next_take()
        if take and len(self._buf) >= take + 2 * self.context:
            self._queue(np.stack(self._buf[: take + 2 * self.context]), take)
            del self._buf[:take]

    def _step_block(self) -> None:
        """The picture steps (step 6) and the thirds' texture (step 8) of the frames fed since
        the last block, computed together (``picture_steps.block_steps``)."""
        if not self._unstepped:
            return
        steps, texture, self._last_z = picture_steps.block_steps(np.stack(self._unstepped), self._last_z)
        self._unstepped = []
        for step, tex in zip(steps, texture):
            self._texture.append(tex)
            self._steps.append(step)
            self._recent.append(float(step[0]))  # the whole picture's: enough to pick what to keep
            self._stepped += 1
            self._keep_step_candidate(self._stepped - 1)

    def _keep_step_candidate(self, last: int | None) -> None:
        """Keeps the thumbnails around a frame whose picture step stands out (step 6 reads them
        at the end), once the steps after it are in: the frame ``STEP_AROUND`` before frame
        ``last``, or (at the end, ``last`` = None) the last ones."""
        a = picture_steps.STEP_AROUND
        window = np.asarray([0.0, *self._recent], np.float32)  # [0]: frame 0's place, never a 'before'
        contrast = picture_steps.step_contrasts(window)
        firsts = [len(window) - 1 - a] if last is not None else range(max(1, len(window) - a), len(window))
        for k in firsts:
            frame = self._stepped - 1 - (len(window) - 1 - k)  # window[-1] is the last frame stepped
            if k >= 1 and frame >= 1 and contrast[k] >= self.step_contrast_min:
                self._thumbs.keep(frame - KEEP_REACH, frame + KEEP_REACH + 1)

    def _next_take(self) -> int:
        """Frames the next window decides: ``step``; but the last windows before the end the
        probe expects shrink so that only ``TAIL_FRAMES`` are left for ``finish``, which runs
        after the decoder is done, on the critical path (the reel: a 100-frame window there,
        0.13 CPU-s, instead of a 250-frame one, 0.31)."""
        if self.batch != 1 or self._fixed_t is not None or not self.info.frame_count:
            return self._step
        left = self.info.frame_count - self._decided
        if left > self._step + TAIL_FRAMES:
            return self._step
        return max(0, left - TAIL_FRAMES)

    def _queue(self, window: np.ndarray, take: int) -> None:
        self._pending.append(window)
        self._decided += take
        if len(self._pending) >= self.batch:
            self._run(take)

    def _run(self, take: int | None = None) -> None:
        if not self._pending:
            return
        batch = np.stack(self._pending)
        self._pending = []
        single, many = self.session.run(None, {self._input: batch})
        c = self.context
        take = take or self._step
        for s, m in zip(single, many):
            self._scores(np.asarray(s).reshape(-1)[c : c + take], np.asarray(m).reshape(-1)[c : c + take])

    def _scores(self, single: np.ndarray, many: np.ndarray) -> None:
        """Probabilities of the next frames (copies: a view of ONNX Runtime's output pins the
        session's whole arena, 128 MB, after the session is let go); keeps the thumbnails
        ``events`` will read near them."""
        single, many = np.array(single, np.float32), np.array(many, np.float32)
        if self._unscored_lead:  # the first window's lead-in frames it decided
            skip = min(self._unscored_lead, len(single))
            single, many = single[skip:], many[skip:]
            self._unscored_lead -= skip
        self._single.append(single)
        self._many.append(many)
        near = (single >= min(self.peak_min, self.threshold)) | (many > self.threshold / 2)
        for i in (self._scored + np.flatnonzero(near)).tolist():
            self._thumbs.keep(i - KEEP_REACH, i + KEEP_REACH + 2)
        self._scored += len(single)

    def splice_probability(self, frames: np.ndarray) -> float:
        """The model's cut probability at the middle of a short uint8 [T, 27, 48, 3] sequence."""
        t = len(frames)
        mid = t // 2 - 1  # the last frame before the splice
        if self._fixed_t is not None and t != self._fixed_t:  # pad a fixed-length export
            left = (self._fixed_t - t) // 2
            frames = np.concatenate([frames[:1].repeat(left, 0), frames,
                                     frames[-1:].repeat(self._fixed_t - t - left, 0)])
            mid += left
        single, _ = self.session.run(None, {self._input: frames[None]})
        single = np.asarray(single).reshape(-1)
        return float(single[max(0, mid - 1) : mid + 2].max())

    def finish(self, frame_times: np.ndarray) -> list[Lane]:
        n = self._fed
        if n == 0:
            return [Lane("cuts", {"events": [], "probability": []})]
        # the buffer holds `context` frames of lead-in and the frames still undecided: whole windows,
        # then one padded with the last frame to a multiple of 50 frames, as the reference pads
        c, step = self.context, self._step
        undecided = len(self._buf) - c  # (lead-in frames among them are dropped as scored)
        self._step_block()
        self._keep_step_candidate(None)  # the last frames, whose steps after are all in
        self._run()
        while undecided > 0:
            take = step if self._fixed_t is not None else min(step, -(-undecided // 50) * 50)
            self._buf += [self._buf[-1]] * max(0, take + 2 * c - len(self._buf))
            window = np.stack(self._buf[: take + 2 * c])
            single, many = self.session.run(None, {self._input: window[None]})
            self._scores(np.asarray(single).reshape(-1)[c : c + take], np.asarray(many).reshape(-1)[c : c + take])
            del self._buf[:take]
            undecided -= take
        self._buf = []
        single, many = np.concatenate(self._single)[:n], np.concatenate(self._many)[:n]
        events = self.events(single, many, self._thumbs, self.splice_probability if self.wipes else None,
                             is_flat=self._thumbs.flat.array(), wipes=self._wipes, steps=self._steps.array(),
                             texture=self._texture.array())
        self._thumbs = self._wipes = self._steps = self._texture = self._last_z = None
        return [Lane("cuts", {
            "events": events,
            "probability": [round(float(v), 4) for v in single],
            "params": self.params(),
        })]

    # ------------------------------------------------------------------------- events

    def model_events(self, single: np.ndarray, many: np.ndarray) -> list[dict]:
        """Steps 1-2: the model's boundaries, sorted, each with its extent [start, end)."""
        out = []
        n = len(single)
        thr = self.threshold
        taken = np.zeros(n, bool)
        for s, e in runs(single > thr):
            # the transition's extent: neighbouring frames the all-frames head also marks
            lo, hi = s, e
            while lo > 0 and many[lo - 1] > thr:
                lo -= 1
            while hi < n and many[hi] > thr:
                hi += 1
            taken[lo:hi] = True
            confidence = round(float(single[s:e].max()), 4)
            # TransNetV2 marks the last frame of the old shot; the contract's frame is the
            # first frame of the new one
            frame = min(s + int(np.argmax(single[s:e])) + 1, n - 1)
            if hi - lo <= self.hard_max_frames:
                out.append({"frame": frame, "kind": "cut", "confidence": confidence})
            else:
                out.append({"frame": frame, "kind": "gradual", "start_frame": lo, "end_frame": hi,
                            "confidence": confidence})
        for s, e in runs((many > thr) & ~taken, self.min_gradual_frames):
            if taken[max(0, s - 1) : e + 1].any():  # the rest of a run already used
                continue
            # a slow fade's ends are faint: widen over neighbours above half the threshold
            while s > 0 and many[s - 1] > thr / 2 and not taken[s - 1]:
                s -= 1
            while e < n and many[e] > thr / 2 and not taken[e]:
                e += 1
            taken[s:e] = True
            out.append({"frame": (s + e) // 2, "kind": "gradual", "start_frame": s, "end_frame": e,
                        "confidence": round(float(many[s:e].max()), 4)})
        return sorted(out, key=lambda ev: ev["frame"])

    def faint_cuts(self, single: np.ndarray, thumbs: np.ndarray, found: list[dict]) -> list[dict]:
        """Step 5: isolated sub-threshold peaks of ``single`` whose picture change stands out."""
        n = len(single)
        taken = np.zeros(n + 1, bool)
        for ev in found:  # a faint peak beside a cut already found is part of it
            if ev["kind"] == "cut":
                taken[max(0, ev["frame"] - self.peak_margin) : ev["frame"] + self.peak_margin] = True
        out = []
        r = self.peak_reach
        for i in np.flatnonzero((single >= self.peak_min) & (single < self.threshold)):
            s = float(single[i])
            # the last frame of the old shot: a strict local maximum, well above its neighbourhood
            around = np.concatenate([single[max(0, i - r) : i], single[i + 1 : i + 1 + r]])
            if i + 1 >= n or taken[i + 1] or (len(around) and s < self.peak_isolation * (around.max() + 0.02)):
                continue
            # a source with repeated frames (12-15 fps shown at 24-30) changes every other step:
            # its own motion stands out of the repeats beside it, not of the steps two frames away
            if (transitions.cut_contrast(thumbs, i + 1) >= self.contrast_min
                    and transitions.cut_contrast(thumbs, i + 1, reach=2) >= self.repeat_contrast_min) or (
                    # colour alone also changes with the lighting: the picture must clearly not come back
                    transitions.colour_contrast(thumbs, i + 1) >= self.colour_contrast_min
                    and transitions.blip_distance(thumbs, i, i + 1) >= self.colour_blip_min):
                out.append({"frame": int(i) + 1, "kind": "cut", "confidence": round(s, 4)})
        return out

    def step_cuts(self, steps: np.ndarray, thumbs: np.ndarray, single: np.ndarray, found: list[dict]) -> list[dict]:
        """Step 6: cuts the model does not see, from the 48x27 picture steps alone."""
        n = len(single)
        taken = np.zeros(n + 1, bool)
        for ev in found:  # beside a cut, or inside (or at the edge of) a transition, found already
            lo, hi = _span(ev)
            taken[max(0, lo - self.peak_margin) : hi + self.peak_margin + 1] = True
        out = []
        steps = np.asarray(steps, np.float32).reshape(len(steps), -1)[:n]
        # per frame and column (whole picture, then its thirds): picture_steps.step_contrasts
        contrast = np.stack([picture_steps.step_contrasts(steps[:, k]) for k in range(steps.shape[1])], axis=1)
        for f in np.flatnonzero(contrast[:, 0] >= self.step_contrast_min).tolist():
            # a cut changes the whole picture, so every third stands out (a caption or a title
            # that comes or goes changes one or two)
            if taken[f] or (steps.shape[1] > 1 and contrast[f, 1:].min() < self.step_band_min):
                continue
            if picture_steps.moved_distance(thumbs, f) < self.step_blip_min:
                continue
            out.append({"frame": int(f), "kind": "cut", "confidence": round(float(single[f - 1]), 4)})
        return out

    def merge_through_flat(self, events: list[dict], is_flat: np.ndarray, thumbs=None) -> list[dict]:
        """Step 3: two events close together with a dip between them become one gradual: flat
        frames, dark or light (a fade through black, a flash to white), after the first event's
        start (a gradual's last frame may be its black). A plain grey wall or card shown for a
        few frames between two cuts is a shot, and a plain picture before the first cut is the
        old shot (on held-out part C, a 6-frame grey shot and a cut out of a plain shot were
        merged into 'graduals' and lost as cuts)."""
        out: list[dict] = []
        for ev in events:
            if out:
                prev = out[-1]
                p_end = _span(prev)[1]
                start = _span(ev)[0]
                lo = p_end if prev["kind"] == "cut" else max(0, p_end - 1)
                dip = [i for i in range(lo, min(len(is_flat), max(p_end, start + 1))) if is_flat[i]]
                if start - p_end <= self.merge_gap and dip and self._dark_or_light(thumbs, dip):
                    out[-1] = {"frame": ev["frame"], "kind": "gradual", "start_frame": _span(prev)[0],
                               "end_frame": max(_span(ev)[1], p_end),
                               "confidence": max(prev["confidence"], ev["confidence"])}
                    continue
            out.append(ev)
        return out

    def _dark_or_light(self, thumbs, frames: list[int]) -> bool:
        """Are these flat frames black or white (the middle of a dip), not a plain grey shot?
        Thumbnails no longer held count as a dip (the rule before version 8)."""
        if thumbs is None:
            return True
        try:
            level = float(transitions.gray(thumbs[frames]).mean())
        except (KeyError, IndexError):
            return True
        return level <= self.dip_dark_max or level >= self.dip_light_min

    def events(self, single: np.ndarray, many: np.ndarray, thumbs: np.ndarray | None = None,
               splice_probability=None, is_flat: np.ndarray | None = None,
               wipes: "transitions.WipeSearch | None" = None, steps: np.ndarray | None = None,
               texture: np.ndarray | None = None) -> list[dict]:
        """Per-frame probabilities (+ thumbnails) -> cut / gradual events on the frame grid.

        ``thumbs``: every frame's thumbnail (an array), or a ``transitions.ThumbWindow`` with
        the frames these steps read, its ``is_flat`` flags and the ``wipes`` search it fed.
        ``steps``: every frame's ``picture_steps.picture_step`` (step 6 runs only with them);
        ``texture``: every frame's thirds' gray std (step 8 runs only with them and ``steps``)."""
        found = self.model_events(single, many)
        if thumbs is None or len(thumbs) != len(single):
            return found
        faint = self.faint_cuts(single, thumbs, found)
        # a model 'gradual' with two or more sharp cuts inside it is short shots run together
        # (a dissolve spreads its change over frames); one faint cut inside a gradual is the
        # dissolve's own first step (footage dissolving into a photo: a 'cut' 18 frames before
        # the photo holds, which made the photo a freeze), and the gradual stands
        inside = {id(ev): [c for c in faint if _span(ev)[0] < c["frame"] < _span(ev)[1]] for ev in found}
        faint = [c for c in faint if not any(c in inside[id(ev)] and len(inside[id(ev)]) < 2 for ev in found)]
        found = [ev for ev in found if ev["kind"] == "cut" or len(inside[id(ev)]) < 2]
        found = sorted(found + faint, key=lambda ev: ev["frame"])
        if steps is not None and len(steps) >= len(single):
            found = sorted(found + self.step_cuts(steps, thumbs, single, found), key=lambda ev: ev["frame"])
        merged = self.merge_through_flat(found, transitions.flat(thumbs) if is_flat is None else is_flat, thumbs)
        kept = [ev for ev in merged
                if transitions.blip_distance(thumbs, _span(ev)[0] - 1, _span(ev)[1]) >= self.blip_max]
        if self.wipes:
            # the model's own candidates (kept or not) are not wipes
            exclude = [(_span(ev)[0], _span(ev)[1]) for ev in merged]
            candidates = None if wipes is None else wipes.candidates(exclude)
            for ev in transitions.find_wipes(thumbs, splice_probability, exclude, candidates):
                if transitions.blip_distance(thumbs, ev["start_frame"] - 1, ev["end_frame"]) >= self.blip_max:
                    kept.append(ev)
        if steps is not None and texture is not None and min(len(steps), len(texture)) >= len(single):
            steps = np.asarray(steps, np.float32).reshape(len(steps), -1)
            texture = np.asarray(texture, np.float32)
            kept = [ev for ev in kept if ev["kind"] != "cut" or self.changes_the_picture(steps, texture, ev["frame"])]
        return sorted(kept, key=lambda ev: ev["frame"])

    def changes_the_picture(self, steps: np.ndarray, texture: np.ndarray, frame: int) -> bool:
        """Step 8: does the cut into ``frame`` change every third of the picture that holds
        something (not a caption or a title coming or going over a still picture)?"""
        if steps.shape[1] < 2 or not 0 < frame < min(len(steps), len(texture)):
            return True
        before, after = texture[frame - 1], texture[frame]
        live = (before >= self.live_texture_min) & (after >= self.live_texture_min)
        if live.any():
            return bool((steps[frame, 1:][live] >= self.live_step_min).all())
        return int(((before >= self.live_texture_min) | (after >= self.live_texture_min)).sum()) >= 2


def _span(ev: dict) -> tuple[int, int]:
    """An event's frames [start, end): a cut's new shot starts at ``frame``."""
    if ev["kind"] == "cut":
        return ev["frame"], ev["frame"]
    return ev["start_frame"], ev["end_frame"]
