#!/usr/bin/env bash
# Smoke-test the built app folder (outside CI: the build takes minutes):
#   1. offscreen:  QT_QPA_PLATFORM=offscreen dist/ReelStudio/ReelStudio --smoke-test
#   2. on X11:     xvfb-run ... QT_QPA_PLATFORM=xcb dist/ReelStudio/ReelStudio --smoke-test
#   3. the plain desktop entry: ReelStudio <sample reel> --screenshot gui.png (under Xvfb)
#   4. the CLI:    dist/ReelStudio/ReelStudio --cli analyze <sample reel> --json ...
# each in an emptied environment (no venv, no PYTHONPATH, HOME in a scratch folder), from /.
# Then the lanes of the smoke runs and the CLI's must be identical. Builds the app first if it is missing
# (or always with --rebuild). Pictures, JSON and logs go to packaging/build/smoke/.
#
#   packaging/smoke_test.sh [--rebuild] [--compare-source] [--no-sound]
#
# With PulseAudio installed (apt-get install pulseaudio) the X11 run plays 3 s into a private
# null sink and the recording of its monitor must not be silent; --no-sound skips that.
# --compare-source also runs the same smoke test from the source tree (python packaging/entry.py,
# with $REELSTUDIO_PYTHON or .venv/bin/python) and requires the frozen app's lanes to match it.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
APP="$HERE/dist/ReelStudio/ReelStudio"
OUT="$HERE/build/smoke"
rebuild=0 compare_source=0 check_sound=1
for arg in "$@"; do
  case "$arg" in
    --rebuild) rebuild=1 ;;
    --compare-source) compare_source=1 ;;
    --no-sound) check_sound=0 ;;
    *) echo "usage: $0 [--rebuild] [--compare-source] [--no-sound]" >&2; exit 2 ;;
  esac
done

if [ $rebuild -eq 1 ] || [ ! -x "$APP" ]; then
  "$HERE/build.sh" || { echo "smoke: the build failed" >&2; exit 1; }
fi
command -v xvfb-run >/dev/null || { echo "smoke: xvfb-run is missing (apt-get install xvfb xauth)" >&2; exit 1; }
rm -rf "$OUT"
mkdir -p "$OUT/home"
sample="$HERE/dist/ReelStudio/_internal/assets/sample_reel.mp4"
failed=0

# an emptied environment: what a user's desktop session would give the app, nothing of ours
clean_env=(env -i "PATH=/usr/bin:/bin" "HOME=$OUT/home" "LANG=C.UTF-8" "XDG_RUNTIME_DIR=$OUT/home")

run() {  # run NAME COMMAND...: the command must exit 0 and leave NAME.png
  local name=$1; shift
  local start=$SECONDS
  (cd / && timeout 900 "$@") >"$OUT/$name.log" 2>&1
  local rc=$?
  local took=$((SECONDS - start))
  if [ $rc -ne 0 ]; then
    echo "smoke: $name FAILED (exit $rc, ${took} s); last lines of $OUT/$name.log:" >&2
    tail -n 15 "$OUT/$name.log" >&2
    failed=1
    return
  fi
  if [ ! -s "$OUT/$name.png" ]; then
    echo "smoke: $name exited 0 but left no screenshot $OUT/$name.png" >&2
    failed=1
    return
  fi
  echo "smoke: $name ok (${took} s wall)"
  grep -E "smoke test passed|^saved " "$OUT/$name.log"
}

run offscreen "${clean_env[@]}" QT_QPA_PLATFORM=offscreen \
  "$APP" --smoke-test --screenshot "$OUT/offscreen.png" --json "$OUT/offscreen.json"

# sound: with PulseAudio installed, the X11 run plays into a private null sink whose monitor
# is recorded; the smoke test then must report sound, and the recording must not be silent
sound_env=() sound_args=() pa_pid="" rec_pid=""
stop_sound() {
  [ -n "$rec_pid" ] && kill "$rec_pid" 2>/dev/null && wait "$rec_pid" 2>/dev/null
  [ -n "$pa_pid" ] && kill "$pa_pid" 2>/dev/null && wait "$pa_pid" 2>/dev/null
  rec_pid="" pa_pid=""
}
trap stop_sound EXIT
if [ $check_sound -eq 0 ]; then
  echo "smoke: --no-sound: the X11 run does not check sound"
elif command -v pulseaudio >/dev/null && command -v parec >/dev/null; then
  mkdir -p "$OUT/pulse" && chmod 700 "$OUT/pulse"
  XDG_RUNTIME_DIR="$OUT/pulse" HOME="$OUT/pulse" pulseaudio -n --daemonize=no --exit-idle-time=-1 \
    -L module-native-protocol-unix -L "module-null-sink sink_name=smoke" >"$OUT/pulse.log" 2>&1 &
  pa_pid=$!
  for _ in $(seq 50); do XDG_RUNTIME_DIR="$OUT/pulse" pactl info >/dev/null 2>&1 && break; sleep 0.1; done
  XDG_RUNTIME_DIR="$OUT/pulse" parec -d smoke.monitor --format=s16le --rate=48000 --channels=2 \
    >"$OUT/sound.raw" 2>>"$OUT/pulse.log" &
  rec_pid=$!
  sound_env=("XDG_RUNTIME_DIR=$OUT/pulse") sound_args=(--require-sound)
else
  echo "smoke: pulseaudio/parec not installed: the X11 run does not check sound"
fi
run xcb "${clean_env[@]}" "${sound_env[@]}" xvfb-run -a -s "-screen 0 1920x1200x24" env QT_QPA_PLATFORM=xcb \
  "$APP" --smoke-test "${sound_args[@]}" --screenshot "$OUT/xcb.png" --json "$OUT/xcb.json"
if [ -n "$rec_pid" ]; then
  stop_sound
  python3 - "$OUT/sound.raw" <<'EOF' || failed=1
import array, math, sys

pcm = array.array("h", open(sys.argv[1], "rb").read())
block = 4800 * 2  # 0.1 s of 48 kHz stereo
peaks = [max(map(abs, pcm[i:i + block]), default=0) for i in range(0, len(pcm), block)]
loud = sum(p > 328 for p in peaks)  # blocks above -40 dBFS
top = max(peaks, default=0)
db = 20 * math.log10(top / 32768) if top else float("-inf")
print(f"smoke: the null sink recorded {len(pcm) / 96000:.1f} s, {loud / 10:.1f} s of it above -40 dBFS, "
      f"peak {db:.1f} dBFS")
if loud < 3:
    sys.exit("smoke: no sound reached the audio device during playback")
EOF
fi

# the plain desktop entry (`ReelStudio VIDEO`), through the app's own --screenshot option
run gui "${clean_env[@]}" xvfb-run -a -s "-screen 0 1920x1200x24" env QT_QPA_PLATFORM=xcb \
  "$APP" "$sample" --screenshot "$OUT/gui.png" --flag 0

start=$SECONDS
if (cd / && "${clean_env[@]}" REELSTUDIO_CACHE_DIR="$OUT/cli-cache" "$APP" --cli analyze "$sample" --json "$OUT/cli.json" --quiet) >"$OUT/cli.log" 2>&1; then
  echo "smoke: cli ok ($((SECONDS - start)) s): ReelStudio --cli analyze wrote $OUT/cli.json"
else
  echo "smoke: cli FAILED; $OUT/cli.log:" >&2
  tail -n 15 "$OUT/cli.log" >&2
  failed=1
fi

if [ $compare_source -eq 1 ]; then
  built=$(cat "$HERE/dist/ReelStudio/_internal/SOURCE_HASH" 2>/dev/null || echo unknown)
  now=$("$HERE/build.sh" --source-hash)
  if [ "$built" != "$now" ]; then
    echo "smoke: the source tree changed since the app was built ($built -> $now): its lanes may differ;" \
         "run with --rebuild for a fair comparison" >&2
  fi
  PYSRC=${REELSTUDIO_PYTHON:-$ROOT/.venv/bin/python}
  start=$SECONDS
  if (cd / && QT_QPA_PLATFORM=offscreen "$PYSRC" "$HERE/entry.py" --smoke-test \
        --screenshot "$OUT/source.png" --json "$OUT/source.json") >"$OUT/source.log" 2>&1; then
    echo "smoke: source tree ok ($((SECONDS - start)) s)"
    grep "smoke test passed" "$OUT/source.log"
  else
    echo "smoke: the source tree's own smoke test FAILED; $OUT/source.log:" >&2
    tail -n 15 "$OUT/source.log" >&2
    failed=1
  fi
fi

# the same lanes from every run (the cache was fresh in each, so each one analysed the video)
python3 - "$OUT" <<'EOF' || failed=1
import json, os, sys

out = sys.argv[1]
runs = {}
for name in ("offscreen", "xcb", "cli", "source"):
    path = os.path.join(out, f"{name}.json")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as fh:
            runs[name] = json.load(fh)
if len(runs) < 2:
    sys.exit("smoke: fewer than two analyses to compare")
# work counters, not results: once seen to differ between the frozen app and the source tree
# (21 vs 17 Tesseract calls on the sample reel) with the same captions, confidences included
COUNTERS = {"ocr_calls"}


def results(data: dict) -> dict:
    lanes = {k: {f: v for f, v in lane.items() if f not in COUNTERS} for k, lane in data["lanes"].items()}
    return {"lanes": lanes, "flags": data.get("flags"), "score": data.get("score")}


ref_name, ref = next(iter(runs.items()))
bad = []
for name, data in runs.items():
    a, b = results(ref), results(data)
    for key in ("lanes", "flags", "score"):
        if a[key] != b[key]:
            lanes = [k for k in set(a["lanes"]) | set(b["lanes"])
                     if a["lanes"].get(k) != b["lanes"].get(k)] if key == "lanes" else []
            bad.append(f"{name} differs from {ref_name} in {key} {lanes or ''}")
    for lane_name, lane in data["lanes"].items():
        for counter in COUNTERS & set(lane):
            if lane[counter] != ref["lanes"].get(lane_name, {}).get(counter):
                print(f"smoke: note: {lane_name}.{counter} {ref['lanes'][lane_name].get(counter)} in {ref_name}, "
                      f"{lane[counter]} in {name} (a work counter, not compared)")
if bad:
    sys.exit("smoke: " + "; ".join(bad))
print(f"smoke: {', '.join(runs)} agree on every lane, flag and the score "
      f"({len(ref['lanes'])} lanes, {len(ref.get('flags', []))} flags, score {ref.get('score')})")
EOF

if [ $failed -ne 0 ]; then
  echo "smoke: FAILED" >&2
  exit 1
fi
echo "smoke: all passed; screenshots $OUT/offscreen.png $OUT/xcb.png"
