"""Speech words and subtitle alignment: word error rate against CPU time.

    .venv/bin/python bench/bench_speech_words.py

On the five LibriVox utterances of the pocketsphinx 5.1.1 sdist (their transcripts are the
truth), each utterance decoded on its own as the speech lane decodes VAD spans: pocketsphinx's
defaults against the shipped settings (reelstudio/analysis/asr.py PS_WORDS) and a few
neighbours, best of 3 CPU times of the decoding thread; then the forced aligner on every
utterance with its transcript. Budget: words + alignment <= ~4 CPU-s per 60 s of speech.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "tests"))

from corpus import speech as corpus  # noqa: E402
from reelstudio.analysis.asr import PS_WORDS, Aligner, PocketsphinxWords  # noqa: E402

SETTINGS = {
    "pocketsphinx defaults": {"ds": 1, "maxhmmpf": 30000, "maxwpf": -1, "wbeam": 7e-29, "pl_weight": 3.0,
                              "fwdflat": True, "bestpath": True},
    "shipped (PS_WORDS)": {},
    "shipped, pl_weight 3": {"pl_weight": 3.0},
    "shipped, pl_weight 6": {"pl_weight": 6.0},
    "shipped, maxhmmpf 1000": {"maxhmmpf": 1000},
    "shipped, topn 2": {"topn": 2},
    "shipped, ds 3": {"ds": 3},
}


def main() -> None:
    media = HERE / ".media"
    media.mkdir(exist_ok=True)
    sdist = media / "pocketsphinx-5.1.1.tar.gz"
    if not sdist.exists():
        sdist = corpus.fetch_sdist(media)
    utts = list(corpus.librivox(sdist).values())
    pcm = [(u.pcm * 32767).astype("int16") for u in utts]
    speech_s = sum(p.size for p in pcm) / corpus.RATE
    print(f"{len(utts)} utterances, {speech_s:.1f} s of speech; PS_WORDS = {PS_WORDS}")
    print(f"{'settings':28s} {'WER':>6s} {'load s':>7s} {'CPU s / 60 s speech':>20s}")
    for label, extra in SETTINGS.items():
        engine = PocketsphinxWords(**extra)
        t0 = time.thread_time()
        engine.load()
        load = time.thread_time() - t0
        best = float("inf")
        for _ in range(3):
            t0 = time.thread_time()
            hyps = [[w.text for w in engine.recognize(p)] for p in pcm]
            best = min(best, time.thread_time() - t0)
        errors = sum(corpus.word_error_rate(u.text.split(), h)[0] for u, h in zip(utts, hyps))
        total = sum(len(u.text.split()) for u in utts)
        print(f"{label:28s} {errors / total:6.3f} {load:7.2f} {60 * best / speech_s:20.2f}")
    aligner = Aligner()
    t0 = time.thread_time()
    aligner.load()
    load = time.thread_time() - t0
    best = float("inf")
    for _ in range(3):
        t0 = time.thread_time()
        for u, p in zip(utts, pcm):
            # the subtitle sync aligns each caption over its speech plus 0.6 s either side
            aligner.align(p, [w for w in u.text.split() if aligner.known(w)])
        best = min(best, time.thread_time() - t0)
    print(f"{'forced alignment':28s} {'':6s} {load:7.2f} {60 * best / speech_s:20.2f}")


if __name__ == "__main__":
    main()
