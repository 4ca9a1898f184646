#!/usr/bin/env bash
# The search index's size, raw and gzipped (gzip -6, as hosts serve it), for the example site and
# the generated corpus of 10,000 studies, and the time its terms take to build (median of RUNS
# builds, from `build -v`).
#
#   bash bench/search-size.sh            # RUNS=5 SIZE=10000
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
size=${SIZE:-10000}
work=${BENCH_DIR:-/dev/shm/casebook-bench}
mkdir -p "$work"
cargo build --release -q
cargo build --release -q --example gen-corpus
casebook=$PWD/target/release/casebook
src="$work/corpus-$size"
if [ ! -f "$src/casebook/site.yaml" ]; then
  rm -rf "$src"
  ./target/release/examples/gen-corpus --studies "$size" --cities $((size / 5)) --hugo "$src/hugo" "$src/casebook" >/dev/null
fi

gz() { gzip -6 -c "$1" | wc -c; }
kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1000 }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

report() { # NAME OUTPUT_DIR
  local name=$1 out=$2 raw=0 zipped=0 largest=0 largest_gz=0 n=0
  for f in "$out"/search/terms/*.js; do
    local r z; r=$(wc -c < "$f"); z=$(gz "$f")
    raw=$((raw + r)); zipped=$((zipped + z)); n=$((n + 1))
    if [ "$z" -gt "$largest_gz" ]; then largest=$r; largest_gz=$z; fi
  done
  local traw tgz tn
  traw=$(cat "$out"/search/text/*.js | wc -c); tn=$(ls "$out"/search/text | wc -l)
  tgz=$(for f in "$out"/search/text/*.js; do gz "$f"; done | awk '{ s += $1 } END { print s }')
  local craw cgz
  craw=$(wc -c < "$out/search/catalog.js"); cgz=$(gz "$out/search/catalog.js")
  echo "| $name | catalog | 1 | $(kb "$craw") | $(kb "$cgz") |"
  echo "| $name | terms | $n | $(kb "$raw") (largest $(kb "$largest")) | $(kb "$zipped") (largest $(kb "$largest_gz")) |"
  echo "| $name | text | $tn | $(kb "$traw") ($(kb $((traw / tn))) each) | $(kb "$tgz") ($(kb $((tgz / tn))) each) |"
  echo "| $name | before the first results of a one-word query, at most | | $(kb $((craw + largest))) | $(kb $((cgz + largest_gz))) |"
}

echo "| site | file | files | raw | gzipped |"
echo "| --- | --- | --- | --- | --- |"
rm -rf "$work/search-example" "$work/search-corpus"
"$casebook" build -q --output "$work/search-example"
report example "$work/search-example"
times=()
for _ in $(seq "$runs"); do
  rm -rf "$work/search-corpus"
  times+=("$("$casebook" build -v --root "$src/casebook" --output "$work/search-corpus" | sed -n 's/^search index: .* built in \([0-9.]*\) ms.*/\1/p')")
done
report "$size studies" "$work/search-corpus"
echo
echo "terms of $size studies built in $(printf '%s\n' "${times[@]}" | median) ms (median of $runs builds; $(grep -o '[0-9]* terms, [0-9]* term-study pairs' <("$casebook" build -v --root "$src/casebook" --output "$work/search-corpus")))"
