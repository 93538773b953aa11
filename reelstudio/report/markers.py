"""Flags as NLE markers: FCPXML, CMX 3600 EDL (Resolve marker comments), OpenTimelineIO, CSV.

Every marker sits on a frame of the source grid: a flag's ``start_frame`` becomes the
marker's start and ``end_frame - start_frame`` its duration in frames. Times in the files
are computed from those integers (exact rationals, timecodes), never from seconds, so a
variable-rate source still lands each marker on the same frame index in the NLE, which
plays the clip at its nominal rate.

Why not the OTIO adapters for FCPXML and EDL: otio-fcpx-xml-adapter 1.0 writes an empty
``frameDuration`` for 29.97 and 23.976 (its rate table is keyed by rounded floats) and
derives times from floats; otio-cmx3600-adapter writes Avid ``* LOC`` lines in upper
case, which Resolve does not import as markers. Both adapters read our files back in the
tests, which is where they serve best.
"""

from __future__ import annotations

import csv
import io
import os
import xml.etree.ElementTree as ET
from fractions import Fraction
from typing import Any
from urllib.parse import quote

from ..timebase import frame_to_timecode, is_drop_frame_rate, timecode_to_frame
from . import register
from ._common import SEVERITY_ORDER, flags_of, marker_label, source_name, timebase_of

# Rates NLEs offer for a timeline; a variable-rate source is conformed to the nearest.
NLE_RATES = tuple(
    Fraction(n, d) for n, d in (
        (24000, 1001), (24, 1), (25, 1), (30000, 1001), (30, 1), (48, 1), (50, 1), (60000, 1001), (60, 1),
        (120, 1),
    )
)

# Resolve's marker colours (its EDL marker export) and the OTIO marker colours, by severity
RESOLVE_COLORS = {"error": "ResolveColorRed", "warning": "ResolveColorYellow", "info": "ResolveColorBlue"}
OTIO_COLORS = {"error": "RED", "warning": "YELLOW", "info": "CYAN"}


def nle_rate(analysis: dict[str, Any]) -> Fraction:
    """The rate markers are written at: the source's own rate, or for a variable-rate source
    the nearest rate an NLE conforms it to."""
    tb = timebase_of(analysis)
    if not tb.is_vfr:
        return tb.fps
    return min(NLE_RATES, key=lambda r: abs(float(r) - float(tb.fps)))


def _one_line(text: str) -> str:
    return " ".join(str(text or "").split())


def _marker_note(flag: dict[str, Any]) -> str:
    parts = [_one_line(flag.get("message", ""))]
    if flag.get("fix"):
        parts.append("Fix: " + _one_line(flag["fix"]))
    return " ".join(p for p in parts if p)


# -- FCPXML ------------------------------------------------------------------------------
def _rational(frames: int, rate: Fraction) -> str:
    t = Fraction(frames) / rate
    if t == 0:
        return "0s"
    if t.denominator == 1:
        return f"{t.numerator}s"
    return f"{t.numerator}/{t.denominator}s"


def _file_url(path: str) -> str:
    return "file://" + quote(os.path.abspath(path)) if path else ""


@register("fcpxml")
def fcpxml(analysis: dict[str, Any], version: str = "1.9", **_: Any) -> bytes:
    """FCPXML: one project with the source as an asset-clip; flags are markers on it.

    Final Cut Pro and DaVinci Resolve (File > Import > Timeline) read it.
    """
    src = analysis.get("source") or {}
    tb = timebase_of(analysis)
    rate = nle_rate(analysis)
    frames = max(1, tb.frame_count)
    name = source_name(analysis)
    frame_duration = _rational(1, rate)

    root = ET.Element("fcpxml", {"version": version})
    res = ET.SubElement(root, "resources")
    ET.SubElement(res, "format", {
        "id": "r1", "frameDuration": frame_duration,
        "width": str(src.get("width") or 1080), "height": str(src.get("height") or 1920),
    })
    asset = ET.SubElement(res, "asset", {
        "id": "r2", "name": name, "start": "0s", "duration": _rational(frames, rate),
        "hasVideo": "1", "hasAudio": "1" if src.get("has_audio") else "0", "format": "r1",
        "src": _file_url(src.get("path") or ""),
    })
    if tuple(int(x) for x in version.split(".")) >= (1, 9):  # 1.9 moved the file URL into a media-rep child
        del asset.attrib["src"]
        ET.SubElement(asset, "media-rep", {"kind": "original-media", "src": _file_url(src.get("path") or "")})
    library = ET.SubElement(root, "library")
    event = ET.SubElement(library, "event", {"name": "ReelStudio"})
    project = ET.SubElement(event, "project", {"name": f"{os.path.splitext(name)[0]} (ReelStudio flags)"})
    sequence = ET.SubElement(project, "sequence", {
        "format": "r1", "duration": _rational(frames, rate), "tcStart": "0s",
        "tcFormat": "DF" if is_drop_frame_rate(rate) else "NDF",
    })
    spine = ET.SubElement(sequence, "spine")
    clip = ET.SubElement(spine, "asset-clip", {
        "ref": "r2", "name": name, "offset": "0s", "start": "0s", "duration": _rational(frames, rate),
        "format": "r1", "tcFormat": "DF" if is_drop_frame_rate(rate) else "NDF",
    })
    for flag in flags_of(analysis):
        start, end = flag["start_frame"], flag["end_frame"]
        ET.SubElement(clip, "marker", {
            "start": _rational(start, rate),
            "duration": _rational(end - start, rate),
            "value": marker_label(flag),
            "note": _marker_note(flag),
        })
    ET.indent(root, space="    ")
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE fcpxml>\n' + body + "\n").encode("utf-8")


# -- EDL ---------------------------------------------------------------------------------
def _edl_text(text: str) -> str:
    # '|' separates Resolve's marker fields; an EDL is one line per field
    return _one_line(text).replace("|", "/")


@register("edl")
def edl(analysis: dict[str, Any], start_timecode: str = "01:00:00:00", **_: Any) -> bytes:
    """CMX 3600 EDL in DaVinci Resolve's marker form: one event per flag, then
    `|C:colour |M:name |D:frames` (Resolve: Timelines > Import > Timeline Markers from EDL).

    Record timecodes count from ``start_timecode`` (Resolve's timelines start at 01:00:00:00).
    """
    rate = nle_rate(analysis)
    drop = is_drop_frame_rate(rate)
    origin = timecode_to_frame(start_timecode, rate)
    title = _edl_text(os.path.splitext(source_name(analysis))[0])[:70] or "ReelStudio"
    lines = [f"TITLE: {title}", f"FCM: {'DROP FRAME' if drop else 'NON-DROP FRAME'}", ""]
    # Resolve keeps one marker per frame: flags that start on the same frame share an event;
    # each event is one frame long (as Resolve writes them), the marker's length is |D:
    by_start: dict[int, list[dict[str, Any]]] = {}
    for flag in flags_of(analysis):
        by_start.setdefault(flag["start_frame"], []).append(flag)
    for n, (start, group) in enumerate(sorted(by_start.items()), start=1):
        end = max(f["end_frame"] for f in group)
        worst = min(group, key=lambda f: SEVERITY_ORDER.get(f["severity"], 3))
        tc_in = frame_to_timecode(origin + start, rate)
        tc_out = frame_to_timecode(origin + start + 1, rate)
        lines.append(f"{n:03d}  001      V     C        {tc_in} {tc_out} {tc_in} {tc_out}  ")
        color = RESOLVE_COLORS.get(worst["severity"], "ResolveColorBlue")
        name = " + ".join(_edl_text(marker_label(f)) for f in group)
        lines.append(f" |C:{color} |M:{name} |D:{end - start}")
        for f in group:
            if f.get("fix"):
                lines.append(f"* FIX: {_edl_text(f['fix'])}")
        lines.append("")
    return ("\n".join(lines)).encode("utf-8")


# -- OpenTimelineIO ----------------------------------------------------------------------
def timeline(analysis: dict[str, Any]):
    """The analysis as an OTIO timeline: one video track, the source as one clip, flags as
    markers on it (marked ranges in frames at the NLE rate)."""
    import opentimelineio as otio

    src = analysis.get("source") or {}
    tb = timebase_of(analysis)
    rate = float(nle_rate(analysis))
    frames = max(1, tb.frame_count)
    name = source_name(analysis)

    def span(start: int, length: int):
        rt = otio.opentime.RationalTime
        return otio.opentime.TimeRange(rt(start, rate), rt(length, rate))

    tl = otio.schema.Timeline(name=f"{os.path.splitext(name)[0]} (ReelStudio flags)")
    tl.global_start_time = otio.opentime.RationalTime(0, rate)
    track = otio.schema.Track(name="V1", kind=otio.schema.TrackKind.Video)
    tl.tracks.append(track)
    ref = otio.schema.ExternalReference(target_url=_file_url(src.get("path") or ""), available_range=span(0, frames))
    clip = otio.schema.Clip(name=name, media_reference=ref, source_range=span(0, frames))
    clip.metadata["reelstudio"] = {"fps": src.get("fps"), "frame_count": tb.frame_count,
                                   "variable_frame_rate": tb.is_vfr}
    for flag in flags_of(analysis):
        start, end = flag["start_frame"], flag["end_frame"]
        marker = otio.schema.Marker(name=marker_label(flag), marked_range=span(start, end - start),
                                    color=OTIO_COLORS.get(flag["severity"], "CYAN"))
        marker.comment = _marker_note(flag)
        marker.metadata["reelstudio"] = {k: flag.get(k) for k in (
            "check", "severity", "start_frame", "end_frame", "start_s", "end_s", "message", "fix")}
        clip.markers.append(marker)
    track.append(clip)
    return tl


@register("otio")
def otio_json(analysis: dict[str, Any], **_: Any) -> bytes:
    import opentimelineio as otio

    return otio.adapters.write_to_string(timeline(analysis), "otio_json").encode("utf-8")


# -- CSV ---------------------------------------------------------------------------------
CSV_COLUMNS = ("marker", "check", "title", "severity", "start_frame", "end_frame", "duration_frames",
               "start_timecode", "end_timecode", "start_s", "end_s", "message", "fix", "accepted")


@register("csv")
def csv_markers(analysis: dict[str, Any], **_: Any) -> bytes:
    """One row per flag; timecodes from 00:00:00:00 at the NLE rate, seconds are the source's PTS."""
    tb = timebase_of(analysis)
    rate = nle_rate(analysis)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for n, flag in enumerate(flags_of(analysis), start=1):
        start, end = flag["start_frame"], flag["end_frame"]
        writer.writerow([
            n, flag.get("check", ""), flag["title"], flag["severity"], start, end, end - start,
            frame_to_timecode(start, rate), frame_to_timecode(end, rate),
            f"{tb.frame_to_seconds(start):.6f}", f"{tb.frame_to_seconds(end):.6f}",
            _one_line(flag.get("message", "")), _one_line(flag.get("fix", "")),
            "yes" if flag.get("accepted") else "",  # accepted as intentional by the editor
        ])
    return buf.getvalue().encode("utf-8")
