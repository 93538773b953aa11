"""Caption roles and sync offsets end to end: burned-in captions read by the real text lane,
real speech recognised by the real words lane, over English (a sentence said twice) and
Russian (the Asterisk prompts), captions on time, late and early, and titles nobody speaks.

The videos come from tests/corpus/captions.py's ``ci_subset`` (tuning material); the
held-out figures are bench/eval_subsync_set.py's.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from corpus import captions as corpus_captions
from corpus import speech as corpus_speech

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import eval_subsync_set  # noqa: E402  (the evaluation's own matching and bookkeeping)

TOL_S = 0.15


@pytest.fixture(scope="module")
def videos(tmp_path_factory):
    sdist = corpus_speech.fetch_sdist(tmp_path_factory.mktemp("pocketsphinx"))
    return corpus_captions.ci_subset(tmp_path_factory.mktemp("captions"), sdist)


@pytest.mark.parametrize("which", ["ci-en", "ci-ru"])
def test_roles_and_offsets(videos, which):
    video = next(v for v in videos if v.name == which)
    result = eval_subsync_set.evaluate(video)
    assert result["status"] == {"text": "ok", "speech": "ok", "subtitle_sync": "ok"}, result["status"]
    assert result["language"] == which[-2:]
    rows = result["rows"]
    read = [r for r in rows if r["read"] is not None]
    for r in rows:
        c = r["truth"]
        print(f"\n{which} {c.start_s:6.2f} {c.role:8s} {c.kind:17s} read {r['role']!s:8s} "
              f"offset {r.get('offset')!s:>7} true {c.true_offset_start_s!s:>6}  {c.text!r}")
    # the text lane reads all but at most one caption here; every one it reads gets its role
    assert len(read) >= len(rows) - 1
    assert all(r["role_ok"] for r in read), [(r["truth"].text, r["role"]) for r in read if not r["role_ok"]]
    subs = [r for r in read if r["truth"].role == "subtitle"]
    within = [r for r in subs if r["offset_err"] is not None and abs(r["offset_err"]) <= TOL_S]
    print(f"{which}: {len(within)}/{len(subs)} read subtitles within {TOL_S} s of their true offset")
    # English: word times from forced alignment; Russian: Whisper's own, inside the voice activity
    assert len(within) >= len(subs) - (0 if which == "ci-en" else 1)
