"""The on-screen text lane: detector post-processing, letter masks, contrast, scripts, the
lane on burned-in captions over real footage (tests/corpus/text.py), and missing parts."""

from __future__ import annotations

import numpy as np
import pytest

from corpus import text as corpus
from reelstudio.analysis.text import (TextAnalyzer, db_boxes, find_tessdata, fix_scripts, group_lines,
                                      letters_mask, wcag_contrast, OcrUnavailable)
from reelstudio.pipeline import analyze

CLIPS = ["text_sans_white", "text_serif_yellow_ru", "text_boxed", "text_full_hd"]
MIN_SIZE_AT_1080 = 44  # the default analysis picture (540 px wide) reads captions from this size up


@pytest.fixture(scope="session")
def text_clips(media_dir):
    return {c["name"]: c for c in corpus.build(media_dir / "text", only=CLIPS)}


@pytest.fixture(scope="session")
def text_results(text_clips):
    out = {}
    for name, clip in text_clips.items():
        r = analyze(clip["path"], cache=False, analyzers=[TextAnalyzer()])
        out[name] = r.lanes["text"]
    return out


# ----------------------------------------------------------------------------- pieces

def test_db_boxes_grow_each_region_back_and_drop_weak_ones():
    prob = np.zeros((40, 100), np.float32)
    prob[10:16, 10:60] = 0.9  # a text line's shrunk core
    prob[30:33, 70:90] = 0.35  # above the pixel threshold, below the box threshold
    boxes = db_boxes(prob, 0.3, 0.5, 1.6, min_height=2)
    assert len(boxes) == 1
    x0, y0, x1, y1, score = boxes[0]
    d = 50 * 6 * 1.6 / (2 * 56)
    np.testing.assert_allclose([x0, y0, x1, y1], [10 - d, 10 - d, 60 + d, 16 + d], rtol=1e-6)
    assert score == pytest.approx(0.9)


def test_words_on_a_row_and_stacked_rows_form_one_caption_but_far_text_does_not():
    lines = [(10, 100, 60, 120, 0.9), (70, 101, 130, 121, 0.9),  # two words, one row
             (30, 126, 110, 146, 0.9),  # the second row of the same caption
             (20, 10, 90, 40, 0.9)]  # a title far above
    blocks = group_lines(lines)
    assert sorted(b for b, _ in blocks) == [(10, 100, 130, 146), (20, 10, 90, 40)]
    rows = dict(blocks)[(10, 100, 130, 146)]
    assert len(rows) == 2


@pytest.mark.parametrize("style", ["outline_white", "outline_black", "box"])
def test_letters_are_the_class_the_decoration_surrounds(style):
    """Within the caption's steady pixels (what following it leaves: letters plus outline
    or box, the moving picture dropped), the letters are found in either polarity."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(f"{corpus.FONTS}/DejaVuSans-Bold.ttf", 28)
    rng = np.random.default_rng(1)
    bg = rng.integers(60, 200, (50, 220), dtype=np.uint8)  # a busy mid-gray picture
    img = Image.fromarray(bg).convert("L")
    d = ImageDraw.Draw(img)
    truth = Image.new("L", img.size, 0)
    fill, stroke = {"outline_white": (255, 0), "outline_black": (0, 255), "box": (255, 0)}[style]
    if style == "box":
        d.rectangle([4, 4, 215, 45], fill=0)
        d.text((10, 8), "Hello", font=font, fill=fill)
    else:
        d.text((10, 8), "Hello", font=font, fill=fill, stroke_width=3, stroke_fill=stroke)
    ImageDraw.Draw(truth).text((10, 8), "Hello", font=font, fill=255)
    crop, want = np.asarray(img), np.asarray(truth) > 127
    got = letters_mask(crop, crop != bg)  # the steady pixels: letters and their decoration
    agree = (got & want).sum() / (got | want).sum()
    assert agree > 0.7, agree


def test_wcag_contrast_ratio():
    assert wcag_contrast(255, 0) == pytest.approx(21.0)
    assert wcag_contrast(100, 100) == pytest.approx(1.0)
    # #767676 on white is the classic 4.54:1
    assert wcag_contrast(0x76, 255) == pytest.approx(4.54, abs=0.01)


def test_look_alike_letters_follow_the_script_of_their_word_or_caption():
    assert fix_scripts("He забудьте подписаться") == "Не забудьте подписаться"
    assert fix_scripts("Hello world") == "Hello world"
    assert fix_scripts("Привeт всем") == "Привет всем"  # a Latin 'e' inside a Russian word
    assert fix_scripts("Hеllo") == "Hello"  # a Cyrillic 'е' inside an English word


def test_tessdata_has_english_and_russian_and_names_a_missing_language():
    assert (find_tessdata(("eng", "rus")) / "rus.traineddata").is_file()
    with pytest.raises(OcrUnavailable, match="xyz"):
        find_tessdata(("eng", "xyz"))


# ----------------------------------------------------------------------------- the lane on real footage

def test_lane_follows_the_contract(text_results, text_clips):
    lane = text_results["text_sans_white"]
    assert lane.status == "ok", lane.reason
    data = lane.to_json()
    assert "PP-OCRv4" in data["engine"] and "Tesseract" in data["engine"]
    assert data["sampled_frames"] > 0 and data["params"]["languages"] == ["eng", "rus"]
    clip = text_clips["text_sans_white"]
    fps = clip["fps"]
    for iv in data["intervals"]:
        assert set(iv) >= {"start_frame", "end_frame", "start_s", "end_s", "box", "text", "role", "lang",
                           "height_px", "lines", "contrast", "confidence", "duration_s"}
        assert 0 <= iv["start_frame"] < iv["end_frame"] <= clip["frames"]
        assert iv["start_s"] == pytest.approx(iv["start_frame"] / fps, abs=1e-6)
        assert iv["duration_s"] == pytest.approx((iv["end_frame"] - iv["start_frame"]) / fps, abs=1e-6)
        x, y, w, h = iv["box"]
        assert 0 <= x and 0 <= y and x + w <= clip["width"] + 1 and y + h <= clip["height"] + 1
        assert iv["role"] in ("subtitle", "overlay") and iv["lang"] in ("eng", "rus")
        assert 1.0 <= iv["contrast"] <= 21.0 and 0.0 <= iv["confidence"] <= 1.0
        assert iv["lines"] >= 1 and 0 < iv["height_px"] < h + 1


def test_captions_are_found_on_their_exact_frames_and_read(text_results, text_clips):
    """Interval IoU >= 0.85 and CER <= 5 % on every caption at the supported sizes (Latin
    and Cyrillic; white, yellow, boxed; sans and serif; one 1080x1920 clip); no caption
    where there is none."""
    edits = chars = 0
    ious = []
    for name, clip in text_clips.items():
        lane = text_results[name]
        assert lane.status == "ok", lane.reason
        scored = corpus.score(clip, lane.data["intervals"])
        assert not scored["false"], (name, scored["false"])
        for c in scored["captions"]:
            if c["size_at_1080"] < MIN_SIZE_AT_1080:
                continue
            ious.append(c["iou"])
            assert c["iou"] >= 0.85, (name, c)
            edits += c["edits"]
            chars += c["chars"]
    assert len(ious) >= 12
    assert edits / chars <= 0.05, edits / chars


def test_roles_lang_and_lines(text_results):
    caps = text_results["text_sans_white"].data["intervals"]
    title = [c for c in caps if c["text"] == "TOP 3 TIPS"]
    assert len(title) == 1 and title[0]["role"] == "overlay" and title[0]["lines"] == 1
    subs = [c for c in caps if c["box"][1] > 500]
    assert len(subs) >= 4 and all(c["role"] == "subtitle" for c in subs)
    assert any(c["lines"] == 2 for c in subs)
    ru = text_results["text_serif_yellow_ru"].data["intervals"]
    assert ru and all(c["lang"] == "rus" for c in ru)
    boxed = text_results["text_boxed"].data["intervals"]
    # white letters on a dark box: high contrast, whatever the picture does
    assert all(c["contrast"] > 7 for c in boxed)


# ----------------------------------------------------------------------------- missing parts

def test_missing_language_data_makes_the_lane_unavailable(text_clips):
    r = analyze(text_clips["text_boxed"]["path"], cache=False, analyzers=[TextAnalyzer(languages=("eng", "xyz"))])
    lane = r.lanes["text"]
    assert lane.status == "unavailable" and "xyz" in lane.reason


def test_missing_model_makes_the_lane_unavailable(text_clips, tmp_path, monkeypatch):
    monkeypatch.setenv("REELSTUDIO_MODELS_DIR", str(tmp_path))
    r = analyze(text_clips["text_boxed"]["path"], cache=False, analyzers=[TextAnalyzer()])
    lane = r.lanes["text"]
    assert lane.status == "unavailable" and "manifest" in lane.reason
