"""The PDF checklist report an editor hands a client.

Page one: the score and the checklist (pass / warn / fail, one line why). Then every
flagged moment with a thumbnail of its frame, its timecode, message and fix. Last, the
lanes on a timeline.

fpdf2 writes it: pure Python, embeds subsets of TrueType fonts (a report carries only
the glyphs it uses) and switches to a fallback font per character, so Latin, Cyrillic
and CJK mix in one line with the bundled DejaVu Sans + Droid Sans Fallback.
"""

from __future__ import annotations

import datetime as _dt
import os
from typing import Any

from .. import __version__
from ..severity import BAND_RGB, SEVERITY_RGB, SEVERITY_WORD, STATUS_RGB, counts as severity_counts
from ..errors import ReelStudioError
from ..timebase import frame_to_timecode
from . import register
from ._common import check_title, flags_of, source_name, timebase_of
from .fonts import font_path

INK = (33, 37, 41)
MUTED = (110, 117, 125)
RULE = (222, 226, 230)
TEXT_TOP = 6.5  # mm from a flagged moment's card top to its text column (under the badge row)
PRESET_NAMES = {"reels": "Instagram Reels", "tiktok": "TikTok", "shorts": "YouTube Shorts"}


def _band_rgb(score: float | None) -> tuple[int, int, int]:
    from ..scoring import band_of

    return BAND_RGB[None if score is None else band_of(round(score))]


def thumbnails_for(analysis: dict[str, Any], frames: list[int], video: str | None,
                   notes: list[str]) -> dict[int, Any]:
    """Thumbnails of ``frames`` from ``video`` (default: the analysed file), or {} with a note why not."""
    from .thumbs import grab_frames

    src = analysis.get("source") or {}
    path = video or src.get("path")
    if not frames:
        return {}
    if not path:
        notes.append("no thumbnails: the analysis does not name its video")
        return {}
    if not os.path.exists(path):
        notes.append(f"no thumbnails: the video {path} is gone")
        return {}
    try:
        from ..media.probe import probe

        info = probe(path)
        # a file read with problems may decode fewer frames than the probe lists
        short = bool(src.get("warnings")) and info.frame_count > int(src.get("frame_count") or 0)
        if src.get("frame_count") and info.frame_count != int(src["frame_count"]) and not short:
            notes.append(f"no thumbnails: {path} has {info.frame_count} frames, the analysis {src['frame_count']}; "
                         "the file changed since it was analysed")
            return {}
        return grab_frames(path, frames, height=360)
    except ReelStudioError as exc:
        notes.append(f"no thumbnails: {exc}")
        return {}


class _Report:
    def __init__(self, analysis: dict[str, Any]):
        from fpdf import FPDF

        self.a = analysis
        self.tb = timebase_of(analysis)
        name = source_name(analysis)
        version = (analysis.get("generator") or {}).get("version", __version__)

        class Doc(FPDF):
            def footer(doc) -> None:  # noqa: N805 - fpdf2's hook
                doc.set_y(-12)
                doc.set_font("dejavu", "", 7.5)
                doc.set_text_color(*MUTED)
                doc.cell(0, 5, f"ReelStudio {version}  ·  {name}", align="L")
                doc.set_x(doc.l_margin)
                doc.cell(0, 5, f"page {doc.page_no()} of {{nb}}", align="R")

        pdf = Doc(orientation="P", unit="mm", format="A4")
        pdf.add_font("dejavu", "", font_path("regular"))
        pdf.add_font("dejavu", "B", font_path("bold"))
        pdf.add_font("droidfallback", "", font_path("cjk"))
        pdf.set_fallback_fonts(["droidfallback"], exact_match=False)
        pdf.set_margins(15, 15, 15)
        pdf.set_auto_page_break(True, margin=16)
        pdf.set_title(f"ReelStudio report: {name}")
        pdf.set_creator(f"ReelStudio {version}")
        pdf.set_creation_date(_dt.datetime.now(_dt.timezone.utc))
        self.pdf = pdf

    # -- small pieces -----------------------------------------------------------------
    def font(self, size: float, bold: bool = False, color=INK) -> None:
        self.pdf.set_font("dejavu", "B" if bold else "", size)
        self.pdf.set_text_color(*color)

    def badge(self, x: float, y: float, w: float, h: float, word: str, rgb) -> None:
        pdf = self.pdf
        pdf.set_fill_color(*rgb)
        pdf.rect(x, y, w, h, style="F", round_corners=True, corner_radius=1.2)
        self.font(7, True, (255, 255, 255))
        pdf.set_xy(x, y)
        pdf.cell(w, h, word, align="C")

    def heading(self, text: str, size: float = 14) -> None:
        self.font(size, True)
        self.pdf.cell(0, 9, text, new_x="LMARGIN", new_y="NEXT")
        y = self.pdf.get_y()
        self.pdf.set_draw_color(*RULE)
        self.pdf.line(self.pdf.l_margin, y, self.pdf.w - self.pdf.r_margin, y)
        self.pdf.ln(2.5)

    def timecode(self, frame: int) -> str:
        return frame_to_timecode(int(frame), self.tb.fps)

    # -- page one ---------------------------------------------------------------------
    def cover(self, notes: list[str]) -> None:
        pdf, a = self.pdf, self.a
        src = a.get("source") or {}
        pdf.add_page()
        self.font(9, True, MUTED)
        pdf.cell(0, 5, "REELSTUDIO  ·  PRE-PUBLISH REPORT", new_x="LMARGIN", new_y="NEXT")
        self.font(18, True)
        pdf.multi_cell(0, 9, source_name(a), new_x="LMARGIN", new_y="NEXT")
        fps = float(self.tb.fps)
        spec = [f"{src.get('width')}×{src.get('height')}", f"{fps:.3f}".rstrip("0").rstrip(".") + " fps"
                + (" (variable)" if src.get("variable_frame_rate") else ""),
                f"{float(src.get('duration_s') or 0):.2f} s", f"{src.get('frame_count')} frames"]
        codecs = "/".join(c for c in (src.get("video_codec"), src.get("audio_codec")) if c)
        if codecs:
            spec.append(codecs)
        preset = a.get("preset")
        if preset:
            spec.append("target: " + PRESET_NAMES.get(preset, preset))
        self.font(9.5, False, MUTED)
        pdf.multi_cell(0, 5, "  ·  ".join(spec), new_x="LMARGIN", new_y="NEXT")
        pdf.cell(0, 5, "Report made " + _dt.datetime.now().strftime("%Y-%m-%d %H:%M"), new_x="LMARGIN", new_y="NEXT")
        warnings = src.get("warnings") or []
        if warnings:  # the analysis covers what could be read: said before the score
            pdf.ln(2)
            self.font(10, True, STATUS_RGB["fail"])
            pdf.multi_cell(0, 5.5, "The file was not read whole: this report covers what could be read.",
                           new_x="LMARGIN", new_y="NEXT")
            self.font(9, False, STATUS_RGB["fail"])
            for warning in warnings:
                pdf.multi_cell(0, 4.5, "• " + str(warning), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
        self.score_block()
        for note in notes:
            self.font(8.5, False, STATUS_RGB["warn"])
            pdf.multi_cell(0, 4.5, "Note: " + note, new_x="LMARGIN", new_y="NEXT")
        self.checklist()

    def score_block(self) -> None:
        """The score badge, its band and the flag counts; the score's note under them."""
        pdf, a = self.pdf, self.a
        score = a.get("score")
        y = pdf.get_y()
        rgb = _band_rgb(score)
        pdf.set_fill_color(*rgb)
        pdf.rect(pdf.l_margin, y, 44, 30, style="F", round_corners=True, corner_radius=3)
        self.font(30 if score is not None else 16, True, (255, 255, 255))
        pdf.set_xy(pdf.l_margin, y + 3)
        pdf.cell(44, 16, str(round(score)) if score is not None else "n/a", align="C")
        self.font(8, False, (255, 255, 255))
        pdf.set_xy(pdf.l_margin, y + 20)
        label = "score out of 100"
        if a.get("score_complete") is False:
            label = f"incomplete: at most {a.get('score_max')}"
        elif a.get("score_gates"):
            label = "capped: critical failure"
        pdf.cell(44, 5, label, align="C")

        x = pdf.l_margin + 50
        flags = flags_of(a)
        counts = severity_counts(flags)
        if score is None:
            band = "Score unavailable"
        else:
            band = a.get("band") or ("good" if score >= 90 else "needs work" if score >= 50 else "poor")
        pdf.set_xy(x, y + 1)
        self.font(13, True)
        pdf.cell(0, 7, str(band).capitalize(), new_x="LMARGIN", new_y="NEXT")
        pdf.set_x(x)
        self.font(9.5, False, MUTED)
        if score is None:
            why = a.get("score_reason") or "the checks did not run"
            pdf.multi_cell(pdf.w - pdf.r_margin - x, 5, why, new_x="LMARGIN", new_y="NEXT")
        else:
            version = a.get("score_version")
            pdf.cell(0, 5, "90–100 good · 50–89 needs work · 0–49 poor" + (f" · score v{version}" if version else ""),
                     new_x="LMARGIN", new_y="NEXT")
        pdf.set_x(x)
        self.font(10, False)
        pdf.cell(0, 6, f"{len(flags)} flagged moment{'s' if len(flags) != 1 else ''}: {counts['error']} error, "
                       f"{counts['warning']} warning, {counts['info']} info", new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(y + 36)
        if a.get("score_note"):  # incomplete or capped: said right under the score, in the fail colour
            self.font(9, True, STATUS_RGB["fail"])
            pdf.multi_cell(0, 4.8, str(a["score_note"]), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)

    def checklist(self) -> None:
        pdf, a = self.pdf, self.a
        pdf.ln(2)
        self.heading("Checklist")
        items = a.get("checklist") or []
        if not items:
            self.font(10, False, MUTED)
            pdf.multi_cell(0, 5, "No checks in this analysis: " + (a.get("score_reason") or "the checks did not run."),
                           new_x="LMARGIN", new_y="NEXT")
            return
        order = {"fail": 0, "warn": 1, "pass": 2, "n/a": 3}
        items = sorted(items, key=lambda c: (order.get(c.get("status"), 4), -(c.get("weight") or 0)))
        w_badge, w_name, w_pts = 14, 60, 17
        w_detail = pdf.w - pdf.l_margin - pdf.r_margin - w_badge - w_name - w_pts - 6
        self.font(7.5, True, MUTED)
        pdf.set_x(pdf.l_margin + w_badge + 2)
        pdf.cell(w_name, 5, "CHECK")
        pdf.cell(w_pts, 5, "POINTS", align="R")
        pdf.set_x(pdf.get_x() + 4)
        pdf.cell(w_detail, 5, "WHY", new_x="LMARGIN", new_y="NEXT")
        line_h, pad = 4.2, 1.1
        for i, c in enumerate(items):
            # the title and the reason wrap in their columns (a row grows), never cut off: "Text
            # under the platform's butt..." told the editor less than the check says
            title = " ".join(str(c.get("title") or check_title(c.get("check", ""))).split())
            detail = " ".join(str(c.get("detail") or "").split())
            if c.get("accepted"):
                detail = f"{c['accepted']} accepted as intentional. {detail}"
            n_lines = max(1, round(self._measure(title, 9, True, w_name - 1, line_h) / line_h),
                          round(self._measure(detail, 8.5, False, w_detail, line_h) / line_h))
            row_h = max(6.4, n_lines * line_h + 2 * pad)
            if pdf.will_page_break(row_h):
                pdf.add_page()
            y = pdf.get_y()
            if i % 2 == 0:
                pdf.set_fill_color(246, 247, 249)
                pdf.rect(pdf.l_margin, y, pdf.w - pdf.l_margin - pdf.r_margin, row_h, style="F")
            status = c.get("status") or "n/a"
            self.badge(pdf.l_margin + 0.5, y + 1.2, w_badge - 1, 4.0, status.upper(),
                       STATUS_RGB.get(status, STATUS_RGB["n/a"]))
            x_name = pdf.l_margin + w_badge + 2
            pdf.set_xy(x_name, y + pad)
            self.font(9, True)
            pdf.multi_cell(w_name - 1, line_h, title, align="L")
            self.font(8.5, False, MUTED)
            pts, weight = c.get("points"), c.get("weight")
            if c.get("incomplete"):  # could not run: it counts as 0 of its weight
                pts, status = 0.0, "counted"
            pdf.set_xy(x_name + w_name, y + pad)
            pdf.cell(w_pts, line_h, "—" if status == "n/a" or pts is None else f"{pts:.1f} / {weight:g}"
                     if isinstance(pts, (int, float)) and isinstance(weight, (int, float)) else str(pts), align="R")
            pdf.set_xy(x_name + w_name + w_pts + 4, y + pad)
            self.font(8.5, False)
            pdf.multi_cell(w_detail, line_h, detail, align="L")
            pdf.set_xy(pdf.l_margin, y + row_h)

    # -- flagged moments --------------------------------------------------------------
    def moments(self, thumbs: dict[int, Any]) -> None:
        from PIL import Image

        pdf = self.pdf
        flags = flags_of(self.a)
        pdf.add_page()
        self.heading(f"Flagged moments ({len(flags)})")
        if not flags:
            self.font(10, False, MUTED)
            pdf.multi_cell(0, 5, "Nothing was flagged.", new_x="LMARGIN", new_y="NEXT")
            return
        src = self.a.get("source") or {}
        aspect = (src.get("width") or 9) / (src.get("height") or 16)
        th_h = 44.0 if aspect <= 1 else 30.0
        th_w = th_h * aspect
        text_x = pdf.l_margin + th_w + 5
        text_w = pdf.w - pdf.r_margin - text_x
        for n, f in enumerate(flags, start=1):
            # height of the text column, measured before drawing, to keep a card on one page
            lines = self._card_lines(f)
            text_h = sum(self._measure(text, size, bold, text_w, lh) for text, size, bold, _c, lh in lines)
            # (the text column starts under the badge row, TEXT_TOP below the card's top: a
            # message and fix of five lines ran past the rule under the card)
            card_h = max(th_h, TEXT_TOP + text_h) + 6
            if pdf.will_page_break(card_h):
                pdf.add_page()
            y = pdf.get_y()
            img = thumbs.get(f["start_frame"])
            if img is not None:
                pdf.image(Image.fromarray(img), x=pdf.l_margin, y=y, w=th_w, h=th_h)
                pdf.set_draw_color(*RULE)
                pdf.rect(pdf.l_margin, y, th_w, th_h)
            else:
                pdf.set_fill_color(236, 238, 241)
                pdf.rect(pdf.l_margin, y, th_w, th_h, style="F")
                self.font(7, False, MUTED)
                pdf.set_xy(pdf.l_margin, y + th_h / 2 - 2)
                pdf.cell(th_w, 4, "no thumbnail", align="C")
            sev = f["severity"]
            if f.get("accepted"):  # accepted as intentional: resolved in the score, still listed
                self.badge(text_x, y + 0.5, 19, 4.6, "ACCEPTED", MUTED)
            else:
                self.badge(text_x, y + 0.5, 19, 4.6, SEVERITY_WORD.get(sev, sev.upper()),
                           SEVERITY_RGB.get(sev, MUTED))
            pdf.set_xy(text_x + 21, y)
            self.font(7.5, False, MUTED)
            pdf.cell(0, 5.6, f"#{n}")
            pdf.set_xy(text_x, y + TEXT_TOP)
            for text, size, bold, color, lh in lines:
                self.font(size, bold, color)
                pdf.set_x(text_x)
                pdf.multi_cell(text_w, lh, text, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.set_y(y + card_h - 3)
            pdf.set_draw_color(*RULE)
            pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
            pdf.ln(3)

    def _card_lines(self, f: dict[str, Any]):
        start, end = f["start_frame"], f["end_frame"]
        secs = self.tb.frame_to_seconds(end) - self.tb.frame_to_seconds(start)
        when = (f"{self.timecode(start)} – {self.timecode(end)}   ({secs:.2f} s, frames {start}–{end - 1})"
                if end - start > 1 else f"{self.timecode(start)}   (frame {start})")
        lines = [(f["title"], 11.5, True, INK, 5.6), (when, 8.5, False, MUTED, 4.6)]
        if f.get("accepted"):
            lines.append((f"Accepted as intentional by the editor ({f['severity']}); counts as resolved in the score.",
                          8.5, False, MUTED, 4.6))
        if f.get("message"):
            lines.append((" ".join(str(f["message"]).split()), 9.5, False, INK, 4.8))
        if f.get("fix"):
            lines.append(("Fix: " + " ".join(str(f["fix"]).split()), 9.5, True, (30, 110, 60), 4.8))
        inst = f.get("instances") or []
        if inst:
            at = ", ".join(self.timecode(i["start_frame"]) for i in inst[:8]) + (", …" if len(inst) > 8 else "")
            lines.append((f"{len(inst)} instances, at {at}", 8.5, False, MUTED, 4.4))
        return lines

    def _measure(self, text: str, size: float, bold: bool, width: float, lh: float) -> float:
        self.font(size, bold)
        rows = self.pdf.multi_cell(width, lh, text, align="L", dry_run=True, output="LINES")
        return len(rows) * lh

    # -- timeline ---------------------------------------------------------------------
    def timeline(self) -> None:
        from .timeline_image import LANE_TITLES, render_timeline

        pdf = self.pdf
        pdf.add_page(orientation="L")
        self.heading("Timeline")
        img = render_timeline(self.a, width=2400, row_height=76, label_width=300, scale=1.5)
        w = pdf.w - pdf.l_margin - pdf.r_margin
        h = w * img.height / img.width
        pdf.image(img, x=pdf.l_margin, y=pdf.get_y(), w=w, h=h)
        pdf.set_y(pdf.get_y() + h + 4)
        self.font(8.5, False, MUTED)
        x = pdf.l_margin
        for sev in ("error", "warning", "info"):
            pdf.set_fill_color(*SEVERITY_RGB[sev])
            pdf.rect(x, pdf.get_y() + 1, 6, 3, style="F")
            pdf.set_x(x + 7)
            pdf.cell(22, 5, sev)
            x += 30
        pdf.ln(7)
        lanes = self.a.get("lanes") or {}
        explain = {
            "cuts": "black ticks: cuts; grey: gradual transitions", "speech": "voice activity",
            "loudness": "short-term loudness (3 s window), −40 to −5 LUFS",
            "motion": "mean luma change per frame", "text": "dark: subtitles, light: overlays",
            "faces": "largest face height / frame height",
        }
        parts = [f"{LANE_TITLES.get(k, k)}: {v}" for k, v in explain.items() if k in lanes]
        pdf.multi_cell(0, 4.5, "   ·   ".join(parts), new_x="LMARGIN", new_y="NEXT")

    def bytes(self) -> bytes:
        return bytes(self.pdf.output())


@register("pdf")
def pdf_report(analysis: dict[str, Any], video: str | None = None, thumbnails: bool = True,
               notes: list[str] | None = None, **_: Any) -> bytes:
    """The report as PDF bytes. ``video`` overrides the analysed file's path for thumbnails;
    ``notes`` (a list) receives why thumbnails are missing, for the caller to show too."""
    notes = notes if notes is not None else []
    frames = sorted({f["start_frame"] for f in flags_of(analysis)})
    thumbs = thumbnails_for(analysis, frames, video, notes) if thumbnails else {}
    r = _Report(analysis)
    r.cover(notes)
    r.moments(thumbs)
    r.timeline()
    return r.bytes()
