#!/usr/bin/env bash
# Set up, then run ReelStudio on the bundled sample reel (or on the video given).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
video="${1:-assets/sample_reel.mp4}"
mkdir -p out
.venv/bin/reelstudio analyze "$video" --json out/sample_reel.json
echo "analysis written to out/sample_reel.json" >&2
.venv/bin/python - <<'PY'
import json
doc = json.load(open("out/sample_reel.json"))
s = doc["source"]
print(f"{s['path']}: {s['width']}x{s['height']} @ {s['fps']} fps, {s['frame_count']} frames")
for name, lane in doc["lanes"].items():
    if lane["status"] != "ok":
        print(f"  {name:9} unavailable: {lane['reason']}")
        continue
    if "events" in lane:
        print(f"  {name:9} " + ", ".join(f"{e['kind']} @ {e['frame']}" for e in lane["events"]))
    elif "integrated_lufs" in lane:
        print(f"  {name:9} {lane['integrated_lufs']} LUFS, true peak {lane['true_peak_dbtp']} dBTP, LRA {lane['lra_lu']} LU")
    elif "intervals" in lane:
        spans = [f"{i['start_frame']}-{i['end_frame']}" if 'start_frame' in i else f"{i['start_s']}-{i['end_s']}s" for i in lane["intervals"]]
        print(f"  {name:9} {', '.join(spans) or 'none'}")
PY
