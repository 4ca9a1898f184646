#!/usr/bin/env bash
# Benchmark: the cost of linking city mentions against the size of the text and the number of
# cities. Generates corpora (cached under $BENCH_DIR), builds each $RUNS times with `build -v`
# and prints the median time of the mention step, from casebook's own per-step timings.
#
#   bash bench/mentions.sh            # RUNS=5, BENCH_DIR=/dev/shm/casebook-bench
#
# Linear cost shows as a constant "ms per MB" down the first block (text grows, cities fixed);
# independence from the number of cities shows as a constant time in the second block.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
work=${BENCH_DIR:-/dev/shm/casebook-bench}
mkdir -p "$work"
cargo build --release -q --example gen-corpus
cargo build --release -q
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; median of $runs runs"
printf '%8s %8s %9s %8s %11s %10s\n' studies cities "text MB" links "median ms" "ms per MB"
for spec in "2500 2000" "5000 2000" "10000 2000" "20000 2000" "-" "10000 200" "10000 2000" "10000 20000"; do
  if [ "$spec" = "-" ]; then echo "-- same text, more cities:"; continue; fi
  read -r studies cities <<<"$spec"
  dir="$work/m-$studies-$cities"
  [ -f "$dir/site.yaml" ] || ./target/release/examples/gen-corpus --studies "$studies" --cities "$cities" "$dir" >/dev/null
  rm -rf "$work/out"
  for _ in $(seq "$runs"); do
    ./target/release/casebook build -r "$dir" -o "$work/out" -v | grep '^resolve:'
  done | sed -E 's/.*mentions ([0-9.]+) ms \(([0-9.]+) MB of text, ([0-9]+) city links.*/\1 \2 \3/' \
       | sort -n | awk -v s="$studies" -v c="$cities" '
           { ms[NR] = $1; mb = $2; links = $3 }
           END { m = ms[int((NR + 1) / 2)]; printf "%8d %8d %9.1f %8d %11.1f %10.2f\n", s, c, mb, links, m, m / mb }'
done
