"""How close any reader of the DECODED video can come to the captions corpus's true contrast
(issue 12): the truth's own measurement, with the TRUE glyph and surround masks, on the
decoded frames instead of the composited ones.

    .venv/bin/python bench/contrast_floor.py [--split tune|heldout|fresh|fresh3|fresh4|fresh5|fresh6|fresh7|all] [--only NAME ...] [-v]

The corpus (tests/corpus/captions_styles.py) measures ``contrast`` before encoding. Here the
same masks (``_looks`` / ``_masks``: fill eroded 1 px; outline pixels, else 2-4 px from the
fill) and the same frames (up to 16, evenly over the caption's full-size looks) are read
from the clip as ReelStudio's decoder gives it (``iter_frames``), four ways:

* ``rgb``: the decoded RGB at the source size, WCAG luminance per pixel: the floor, the error
  left by the encoder alone (CRF 20, 4:2:0 chroma);
* ``gray``: the decoded gray (the luma range-mapped, what the text lane receives) read as an
  sRGB gray level, at the source size: what dropping the chroma costs (yellow);
* ``rgb@lane`` / ``gray@lane``: the same at the text lane's analysis size (shorter side 540),
  the masks taken down with it (an analysis pixel counts when it lies wholly inside the
  source mask): what the lane's smaller picture costs;
* ``mixed@lane``: at the lane's size, the gray's luminance for nearly neutral pixels and the
  RGB's for coloured ones (what the lane measures since text v12, on the colour it keeps
  beside each kept crop: the 4:2:0 chroma's noise round white and black letters left out,
  yellow seen as yellow). The lane's colour comes from planes kept at its own size, chroma
  at half that: thin coloured strokes lose more of their chroma than here.

Per split, over the captions the issue targets (outlined, boxed and plain, >= 2 % of the
height, as bench/eval_captions.py), and over all captions: mean and max |error| against
``contrast``, the share within 0.5, and how many land on the wrong side of 4.5:1 (the
contrast check's line). ``-v`` lists the captions any way puts off by > 0.5.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "tests"))

from corpus import captions_styles as corpus  # noqa: E402

MEDIA = HERE / ".media" / "captions_styles"
MIN_PCT = 2.0
KINDS = ("outline", "box", "plain")
LINE = 4.5  # the text_low_contrast check's WCAG AA line
WAYS = ("rgb", "gray", "rgb@lane", "gray@lane", "mixed@lane")
NEUTRAL = 32  # mixed: a pixel whose channels differ by less than this counts as gray (its luma)


def _lum_gray(gray: np.ndarray) -> np.ndarray:
    return corpus._LIN[gray]


def _down(mask: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """A full-frame source mask at the analysis size: the pixels wholly inside it."""
    import cv2

    if (mask.shape[1], mask.shape[0]) == size:
        return mask
    return cv2.resize(mask.astype(np.float32), size, interpolation=cv2.INTER_AREA) >= 0.999


def measure(clip: dict) -> list[dict]:
    """The four ways' contrast per truth caption of ``clip`` (a corpus truth entry)."""
    from reelstudio.analysis.text import TextAnalyzer
    from reelstudio.media.probe import probe
    from reelstudio.media.video import FrameRequest, iter_frames

    spec = corpus.clips(clip["split"])[clip["name"]]
    w, h = spec.w, spec.h
    looks = [corpus._looks(c, spec.split, w, h) for c in spec.captions]
    # the frames the truth measures (as corpus.render picks them)
    measure_at: dict[int, list[tuple[int, int]]] = {}
    for ci, ls in enumerate(looks):
        fr = [k for (a, b, _, full) in ls if full for k in range(a, b)]
        for k in sorted(set(np.linspace(0, len(fr) - 1, min(16, len(fr))).round().astype(int).tolist())):
            li = next(j for j, (a, b, _, _) in enumerate(ls) if a <= fr[k] < b)
            measure_at.setdefault(fr[k], []).append((ci, li))
    info = probe(clip["path"])
    aw, ah = TextAnalyzer()._size(info)
    reqs = {"rgb": FrameRequest(w, h, "rgb24"), "gray": FrameRequest(w, h, "gray"),
            "rgb@lane": FrameRequest(aw, ah, "rgb24"), "gray@lane": FrameRequest(aw, ah, "gray")}
    ways = {**reqs, "mixed@lane": None}
    masks: dict[tuple[int, int], dict] = {}

    def masks_of(ci: int, li: int) -> dict:
        if (ci, li) not in masks:
            lk = looks[ci][li][2]
            core, ring = corpus._masks(spec.captions[ci], lk)
            full_core, full_ring = np.zeros((h, w), bool), np.zeros((h, w), bool)
            full_core[lk.sl], full_ring[lk.sl] = core, ring
            lane_core, lane_ring = _down(full_core, (aw, ah)), _down(full_ring, (aw, ah))
            masks[(ci, li)] = {"rgb": (full_core, full_ring), "gray": (full_core, full_ring),
                               "rgb@lane": (lane_core, lane_ring), "gray@lane": (lane_core, lane_ring),
                               "mixed@lane": (lane_core, lane_ring)}
        return masks[(ci, li)]

    samples: list[dict[str, list]] = [{way: [] for way in WAYS} for _ in spec.captions]
    for frame in iter_frames(info, list(reqs.values())):
        for ci, li in measure_at.get(frame.index, []):
            mk = masks_of(ci, li)
            for way, req in ways.items():
                core, ring = mk[way]
                if not core.any() or not ring.any():
                    continue
                if way == "mixed@lane":
                    rgb, gray = frame.images[reqs["rgb@lane"]], frame.images[reqs["gray@lane"]]
                    coloured = (rgb.max(axis=2).astype(int) - rgb.min(axis=2)) >= NEUTRAL
                    lum = np.where(coloured, corpus._lum(rgb), _lum_gray(gray))
                    samples[ci][way].append((float(np.median(lum[core])), float(np.median(lum[ring]))))
                    continue
                img = frame.images[req]
                lum = corpus._lum if img.ndim == 3 else _lum_gray
                samples[ci][way].append((float(np.median(lum(img[core]))), float(np.median(lum(img[ring])))))
    out = []
    for truth, smp in zip(clip["captions"], samples):
        row = {k: truth[k] for k in ("text", "start_frame", "end_frame", "style", "kind", "colour", "size_pct",
                                      "contrast", "contrast_luma")}
        for way in WAYS:
            s = smp[way]
            row[way] = corpus._ratio(float(np.median([x[0] for x in s])), float(np.median([x[1] for x in s]))) \
                if s else None
        out.append(row)
    return out


def summary(rows: list[dict], way: str) -> str:
    got = [(r[way], r["contrast"]) for r in rows if r[way] is not None]
    if not got:
        return f"  {way:10s} -"
    err = np.array([abs(a - b) for a, b in got])
    wrong = sum((a < LINE) != (b < LINE) for a, b in got)
    return (f"  {way:10s} n {len(got):3d}  mean |err| {err.mean():.2f}  median {np.median(err):.2f}  "
            f"max {err.max():.2f}  within 0.5 {np.mean(err <= 0.5):.2f}  wrong side of {LINE}:1 {wrong}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=corpus.SPLITS + ("all",), default="tune")
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--media", default=str(MEDIA))
    ap.add_argument("--verbose", "-v", action="store_true")
    args = ap.parse_args()
    clips = corpus.build(args.media, split=args.split, only=args.only)
    rows = []
    for clip in clips:
        for r in measure(clip):
            rows.append({**r, "clip": clip["name"], "split": clip["split"]})
        print(f"  {clip['name']}: {len(clip['captions'])} captions", flush=True)
    for sp in corpus.SPLITS:
        part = [r for r in rows if r["split"] == sp]
        if not part:
            continue
        target = [r for r in part if r["kind"] in KINDS and r["size_pct"] >= MIN_PCT]
        print(f"\n==== split {sp}: {len(part)} captions; outlined/boxed/plain >= {MIN_PCT:g} %: {len(target)}")
        for way in WAYS:
            print(summary(target, way))
        print(" all captions:")
        for way in WAYS:
            print(summary(part, way))
        if args.verbose:
            for r in part:
                if any(r[w] is not None and abs(r[w] - r["contrast"]) > 0.5 for w in WAYS):
                    print(f"   {r['clip']} [{r['start_frame']},{r['end_frame']}) {r['style']} {r['colour']} "
                          f"{r['size_pct']}%  true {r['contrast']}  " + "  ".join(
                              f"{w} {r[w]:.2f}" for w in WAYS if r[w] is not None))


if __name__ == "__main__":
    main()
