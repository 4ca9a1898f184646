#!/usr/bin/env bash
# The web quality stage. Builds the example site and a larger generated site published under a
# subpath (/cases/), then checks both with:
#   1. casebook's own link checker (every internal href/src and #fragment resolves),
#   2. the Nu HTML Checker (vnu): zero errors on every page,
#   3. headless Chromium: axe-core WCAG 2.1 AA at 1280 and 375 px, an end-to-end walk, screenshots.
# Installs what it needs on a fresh machine (Java, Chromium, node modules). Exits non-zero on any
# failure. Screenshots go to target/screenshots/.
#
#   bash tests/web/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
started=$(date +%s)

need_apt=()
command -v java >/dev/null || need_apt+=(default-jre-headless)
command -v chromium >/dev/null || need_apt+=(chromium)
command -v jing >/dev/null || need_apt+=(jing)
command -v xmllint >/dev/null || need_apt+=(libxml2-utils)
command -v pdftoppm >/dev/null || need_apt+=(poppler-utils)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== installing ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
if [ ! -d tests/web/node_modules/playwright-core ] || [ tests/web/package-lock.json -nt tests/web/node_modules ]; then
  echo "== installing node modules"
  npm ci --prefix tests/web --no-audit --no-fund --loglevel=error
fi

echo "== building the sites"
cargo build --release -q
cargo build --release -q --example gen-corpus
work="$PWD/target/web"
rm -rf "$work"
mkdir -p "$work"
./target/release/casebook build --output "$work/example"
./target/release/examples/gen-corpus --studies 300 --cities 80 --seed 7 "$work/corpus-src" >/dev/null
./target/release/casebook build --root "$work/corpus-src" --output "$work/corpus"

./target/release/casebook build --relative --output "$work/example-relative"
# The example with an address withdrawn on purpose, for the withdrawn page (a test fixture: the
# example's own content withdraws nothing).
mkdir -p "$work/retired-src"
cp -r content site.yaml themes "$work/retired-src/"
printf 'retired:\n  /case-studies/withdrawn/: "Withdrawn: a test of the page left at a retired address."\n' >> "$work/retired-src/site.yaml"
./target/release/casebook build --root "$work/retired-src" --output "$work/retired"

echo "== link check"
./target/release/casebook check --output "$work/example"
./target/release/casebook check --output "$work/example-relative"
./target/release/casebook check --root "$work/corpus-src" --output "$work/corpus"

echo "== Nu HTML Checker"
pages=$(find "$work/example" "$work/example-relative" "$work/corpus" -name '*.html' | wc -l)
java -jar tests/web/node_modules/vnu-jar/build/dist/vnu.jar --errors-only --skip-non-html "$work/example" "$work/example-relative" "$work/corpus" "$work/retired/case-studies/withdrawn"
echo "vnu: $pages pages validated, 0 errors"

echo "== feeds and sitemaps against their schemas"
# Atom: the RELAX NG schema of RFC 4287 (tests/data/schemas/atom.rnc) with jing. Sitemaps: the
# sitemaps.org schema shipped by the npm package `sitemap`, with xmllint; a site of more than 50,000
# pages checks the parts of a split sitemap too.
atom_rnc=tests/data/schemas/atom.rnc
# A site in several languages lists each page's alternates as <xhtml:link>: sitemaps.org's schema
# takes elements of other namespaces only when they have a schema, so ours is imported beside it.
sitemap_xsd="$work/sitemap-with-alternates.xsd"
cat > "$sitemap_xsd" <<XSD
<?xml version="1.0" encoding="UTF-8"?>
<schema xmlns="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">
  <import namespace="http://www.sitemaps.org/schemas/sitemap/0.9" schemaLocation="$PWD/tests/web/node_modules/sitemap/schema/sitemap.xsd"/>
  <import namespace="http://www.w3.org/1999/xhtml" schemaLocation="$PWD/tests/data/schemas/xhtml-link.xsd"/>
</schema>
XSD
./target/release/examples/gen-corpus --studies 42000 --cities 8400 --seed 3 "$work/big-src" >/dev/null
./target/release/casebook build -q --root "$work/big-src" --output "$work/big"
mapfile -t feeds < <(find "$work/example" "$work/example-relative" "$work/corpus" -name atom.xml | sort)
if ! jing_out=$(jing -c "$atom_rnc" "${feeds[@]}" 2>&1); then
  echo "$jing_out" | grep -v "^\[warning\]"; echo "a feed is not valid Atom"; exit 1
fi
[ -f "$work/big/sitemaps/2.xml" ] || { echo "the 50,000-page site has no split sitemap"; exit 1; }
grep -q "<sitemapindex" "$work/big/sitemap.xml" || { echo "the split sitemap has no index"; exit 1; }
sitemaps=("$work/example/sitemap.xml" "$work/example-relative/sitemap.xml" "$work/corpus/sitemap.xml" "$work"/big/sitemaps/*.xml)
xmllint --noout --schema "$sitemap_xsd" "${sitemaps[@]}"
echo "feeds: ${#feeds[@]} valid Atom (RFC 4287); sitemaps: ${#sitemaps[@]} valid (sitemaps.org schema)"
rm -rf "$work/big-src" "$work/big"

echo "== planted faults are caught (each check must fail on a broken copy)"
cp -r "$work/example" "$work/planted"
planted_page="case-studies/khon-kaen-citizen-awareness/index.html"
sed -i 's|</main>|<img src="/favicon.svg"><p id="main">again</p><a href="/cities/nowhere/">gone</a></main>|' "$work/planted/$planted_page"
if ./target/release/casebook check --output "$work/planted" > "$work/planted-links.txt" 2>&1; then
  echo "the link check missed the planted faults"; exit 1
fi
grep -q "points to no file" "$work/planted-links.txt" && grep -q "is used more than once" "$work/planted-links.txt" \
  || { cat "$work/planted-links.txt"; echo "the link check missed a planted fault"; exit 1; }
if java -jar tests/web/node_modules/vnu-jar/build/dist/vnu.jar --errors-only "$work/planted/$planted_page" > "$work/planted-vnu.txt" 2>&1; then
  echo "vnu missed the planted faults"; exit 1
fi
grep -q "must have an .alt. attribute" "$work/planted-vnu.txt" && grep -q "Duplicate ID" "$work/planted-vnu.txt" \
  || { cat "$work/planted-vnu.txt"; echo "vnu missed a planted fault"; exit 1; }
sed 's#<id>#<identifier>#; s#</id>#</identifier>#' "$work/example/atom.xml" > "$work/planted/atom.xml"
if jing -c "$atom_rnc" "$work/planted/atom.xml" >/dev/null 2>&1; then echo "jing missed a feed without an id"; exit 1; fi
sed 's#<loc>#<location>#; s#</loc>#</location>#' "$work/example/sitemap.xml" > "$work/planted/sitemap.xml"
if xmllint --noout --schema "$sitemap_xsd" "$work/planted/sitemap.xml" 2>/dev/null; then echo "xmllint missed a sitemap without loc"; exit 1; fi
sed 's# hreflang="th"##' "$work/example/sitemap.xml" > "$work/planted/sitemap.xml"
if xmllint --noout --schema "$sitemap_xsd" "$work/planted/sitemap.xml" 2>/dev/null; then echo "xmllint missed an alternate without hreflang"; exit 1; fi
echo "link check, vnu, jing and xmllint catch a broken link, a duplicate id, an image without alt text, a feed without an id, a sitemap without loc and an alternate without hreflang"

echo "== browser checks (axe-core, end to end, casebook serve)"
mkdir -p "$work/serve-site"
cp -r content site.yaml themes "$work/serve-site/"
SITES="example=$work/example=/,retired=$work/retired=/,corpus=$work/corpus=/cases/,planted=$work/planted=/,relative=$work/example-relative=/mirror/casebook/" \
SERVE_ROOT="$work/serve-site" CASEBOOK="$PWD/target/release/casebook" \
  node --test --test-reporter=spec tests/web/browser.test.mjs

echo "== web checks passed in $(( $(date +%s) - started )) s"
