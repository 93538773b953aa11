"""Subtitle sync on the benchmark reel: measured speech times of each burned-in subtitle
against the truth it was made from.

    .venv/bin/python bench/eval_subsync.py

The reel (bench/media.py ``reel_60s``) carries LibriVox narration over a music bed and
subtitles cut from the sdist's word timings (cues of up to 5 words, each shown exactly while
its words are spoken), plus a title that is never spoken. Runs the real text lane (OCR),
speech lane and subtitle sync; matches each read caption to its cue by frames and prints
the error of the measured speech start and end (target: within +-0.15 s), how many cues
were placed, and the CPU the words and the alignment took.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import media  # noqa: E402
from reelstudio.analysis.speech import SpeechActivityAnalyzer  # noqa: E402
from reelstudio.analysis.subsync import SubtitleSyncAnalyzer  # noqa: E402
from reelstudio.analysis.text import TextAnalyzer  # noqa: E402
from reelstudio.pipeline import analyze  # noqa: E402


def cues(srt: Path) -> list[tuple[float, float, str]]:
    def sec(t):
        h, m, s = t.replace(",", ".").split(":")
        return int(h) * 3600 + int(m) * 60 + float(s)

    out = []
    for block in srt.read_text(encoding="utf-8").strip().split("\n\n"):
        lines = block.splitlines()
        a, b = re.match(r"(\S+) --> (\S+)", lines[1]).groups()
        out.append((sec(a), sec(b), " ".join(lines[2:])))
    return out


def main() -> None:
    path = media.reel_60s()
    truth = cues(media.MEDIA / "reel_subtitles.srt")
    speech, sync = SpeechActivityAnalyzer(), SubtitleSyncAnalyzer()
    result = analyze(str(path), analyzers=[TextAnalyzer(), speech, sync], cache=False)
    fps = float(result.source.fps)
    read = result.lanes["text"].data["intervals"]
    subs = result.lanes["subtitle_sync"].data["subtitles"]
    errors, placed, unplaced, title = [], 0, [], None
    for a, b, text in truth:
        hits = [k for k, r in enumerate(read) if abs(r["start_s"] - a) < 1.5 / fps and r["role"] != "overlay"
                or abs(r["start_s"] - a) < 1.5 / fps and subs[k]["speech_start_s"] is None]
        if not hits:
            unplaced.append((text, "not read by the text lane"))
            continue
        s = subs[hits[0]]
        if s.get("piece_of") is not None:  # a piece of a caption read in pieces: its entry is there
            s = subs[s["piece_of"]]
        if s["speech_start_s"] is None:
            unplaced.append((text, s.get("reason")))
            continue
        placed += 1
        errors += [s["speech_start_s"] - a, s["speech_end_s"] - b]
        if max(abs(errors[-1]), abs(errors[-2])) > 0.15:
            print(f"  off by more than 0.15 s: {text!r} (read {s['text']!r}): start {errors[-2]:+.3f} s, "
                  f"end {errors[-1]:+.3f} s, {s['matched_words']}/{s['total_words']} words heard")
    for k, r in enumerate(read):
        if "DASHWOODS" in r["text"].upper():
            title = (r["role"], subs[k]["speech_start_s"])
    err = np.abs(errors)
    speech_s = sum(i["end_s"] - i["start_s"] for i in result.lanes["speech"].data["intervals"])
    print(f"{placed}/{len(truth)} subtitles placed; speech start/end error: mean {err.mean():.3f} s, "
          f"median {np.median(err):.3f} s, 95th percentile {np.percentile(err, 95):.3f} s, max {err.max():.3f} s; "
          f"{(err <= 0.15).mean():.1%} of edges within 0.15 s")
    for text, why in unplaced:
        print(f"  unplaced: {text!r}: {why}")
    print(f"title 'THE DASHWOODS': role {title[0] if title else '-'}, speech {title[1] if title else '-'}")
    print(f"words: {speech.words_seconds:.2f} CPU s for {speech_s:.1f} s of speech "
          f"({60 * speech.words_seconds / speech_s:.2f} per 60 s); subtitle sync: "
          f"{sync.cpu_seconds:.2f} CPU s ({60 * sync.cpu_seconds / speech_s:.2f} per 60 s of speech) for {len(subs)} "
          f"captions")


if __name__ == "__main__":
    main()
