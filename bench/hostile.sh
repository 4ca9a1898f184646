#!/usr/bin/env bash
# Hostile input must not be slow: times `casebook build` on inputs built to hit a slow path, and
# measures how much it prints, with the current binary and (if OLD is given) an earlier one.
#
#   bash bench/hostile.sh                                # current binary, 3 runs each
#   OLD=/path/to/casebook RUNS=3 bash bench/hostile.sh   # an earlier build beside it
#   TIMEOUT=120 ...                                      # seconds before a run is cut off
#
# Each case is a site of one study (plus the example's site.yaml settings) in $BENCH_DIR
# (default /dev/shm/casebook-hostile):
#
#   headings      5,000 identical `## Same` headings (ids must be made in linear time)
#   nesting       front matter nested 20,000 flow levels deep (refused before parsing)
#   keys          10,000 unknown front-matter keys, a warning each (lines indexed once)
#   links         20,000 broken links in one body, an error each
#   long-line     one broken link at the end of a 50 MB line (the quote is a window)
#   alias-bomb    the "billion laughs" YAML alias bomb
#   raw-html      10,000 raw HTML blocks, the last one left open (found by halving)
#
# Prints, per case and binary: the median wall time, the exit code and the bytes printed on
# stderr. Runs alternate between the binaries. A run cut off by the timeout shows `>TIMEOUT`.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
timeout_s=${TIMEOUT:-120}
work=${BENCH_DIR:-/dev/shm/casebook-hostile}
cargo build --release -q
new=$PWD/target/release/casebook
old=${OLD:-}
rm -rf "$work"
mkdir -p "$work"

front='title: Hostile
date: 2023-01-01
city: Phuket
country: Thailand'

python3 - "$work" "$front" <<'EOF'
import os, sys
work, front = sys.argv[1], sys.argv[2]
def study(name, extra, body):
    d = os.path.join(work, name)
    os.makedirs(os.path.join(d, "content", "case-studies"), exist_ok=True)
    with open(os.path.join(d, "site.yaml"), "w") as f:
        f.write("title: Hostile\nbase_url: https://example.org/\n")
    with open(os.path.join(d, "content", "case-studies", "a.md"), "w") as f:
        f.write("---\n" + front + "\n" + extra + "---\n" + body)
study("headings", "", "## Same\n\ntext\n\n" * 5000)
study("nesting", "deep: " + "[" * 20000 + "]" * 20000 + "\n", "x\n")
study("keys", "".join(f"key{i}: {i}\n" for i in range(10000)), "x\n")
study("links", "", "".join(f"[l{i}](missing-{i}.md)\n" for i in range(20000)))
study("long-line", "", "word " * (50 * 1024 * 1024 // 5) + "[broken](missing.md)\n")
bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
for i, (name, prev) in enumerate(zip("bcdefghi", "abcdefgh")):
    bomb += f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]\n"
study("alias-bomb", bomb, "x\n")
study("raw-html", "", "<div>\nblock\n</div>\n\n" * 9999 + "<div title=\"open\n")
EOF

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# run BINARY CASE: prints "seconds exit stderr-bytes"
run() {
  local bin=$1 dir=$work/$2 start end code
  rm -rf "$dir/public"
  start=$(date +%s.%N)
  set +e
  (cd "$dir" && timeout "$timeout_s" "$bin" build > /dev/null 2> "$dir/stderr")
  code=$?
  set -e
  end=$(date +%s.%N)
  if [ "$code" = 124 ]; then
    echo ">$timeout_s $code $(stat -c %s "$dir/stderr")"
  else
    echo "$(printf "%.3f" "$(echo "$end - $start" | bc)") $code $(stat -c %s "$dir/stderr")"
  fi
}

bins="new"
[ -n "$old" ] && bins="old new"
printf '%-11s %-4s %9s %5s %14s\n' case bin "wall s" exit "stderr bytes"
for c in headings nesting keys links long-line alias-bomb raw-html; do
  declare -A times=() codes=() sizes=() cut=()
  for ((r = 0; r < runs; r++)); do
    for b in $bins; do
      # A binary that could not finish a case in time is not run on it again.
      [ -n "${cut[$b]:-}" ] && continue
      bin=$new
      [ "$b" = old ] && bin=$old
      read -r t code size < <(run "$bin" "$c")
      times[$b]+="$t "
      codes[$b]=$code
      sizes[$b]=$size
      if [[ "$t" == ">"* ]]; then cut[$b]=1; fi
    done
  done
  for b in $bins; do
    ts=${times[$b]:-}
    if [[ "$ts" == *">"* ]]; then
      m=">$timeout_s"
    elif [ -z "$ts" ]; then
      m="-"
    else
      m=$(echo "$ts" | tr ' ' '\n' | grep -v '^$' | median)
    fi
    printf '%-11s %-4s %9s %5s %14s\n' "$c" "$b" "$m" "${codes[$b]:--}" "${sizes[$b]:--}"
  done
  unset times codes sizes cut
done
