// Browser checks of sites built by casebook, in Debian's headless Chromium driven by playwright-core:
// - axe-core, WCAG 2.1 A and AA rules, on every kind of page, at 1280 px and at 375 px;
// - an end-to-end walk: home -> city -> case study, the skip link, a footnote and its back-link,
//   the search page, and full-page screenshots of a case study (target/screenshots/);
// - no console errors, page errors or failed requests on any page visited.
//
// Run by tests/web/run.sh, which builds the sites and passes them in:
//   SITES="name=dir=basepath,..."  (for example "example=/x/public=/,corpus=/y/public=/cases/")

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const SHOTS = path.join(ROOT, "target", "screenshots");
const WIDTHS = [1280, 375];
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

const sites = Object.fromEntries(
  (process.env.SITES || "")
    .split(",")
    .filter(Boolean)
    .map((spec) => {
      const [name, dir, base] = spec.split("=");
      return [name, { dir, base }];
    }),
);

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css",
  ".js": "text/javascript",
  ".json": "application/json",
  ".xml": "application/xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".svg": "image/svg+xml",
};

/** A static host serving `dir` under `base`, as a real host would (404.html for what is missing). */
function serve(dir, base) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://localhost");
    let rel = decodeURIComponent(url.pathname);
    if (!rel.startsWith(base)) {
      res.writeHead(404).end("outside the base path");
      return;
    }
    rel = rel.slice(base.length);
    let file = path.join(dir, rel);
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file)) {
      res.writeHead(404, { "content-type": TYPES[".html"] });
      res.end(fs.readFileSync(path.join(dir, "404.html")));
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

let browser;
const servers = {};
const counts = { pagesAxe: 0, axeRules: new Set(), axeRuns: 0, visited: 0 };

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  for (const [name, site] of Object.entries(sites)) {
    const server = await serve(site.dir, site.base);
    servers[name] = `http://127.0.0.1:${server.address().port}${site.base}`;
    site.server = server;
  }
  fs.mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  for (const site of Object.values(sites)) site.server?.close();
  console.log(
    `browser checks: ${counts.axeRuns} axe runs over ${counts.pagesAxe} pages (${counts.axeRules.size} distinct WCAG 2.1 A/AA rules), ${counts.visited} page loads watched for console errors`,
  );
});

/** A page that fails the test on any console error, page error or failed request (and on any
 * request to another host; `files`: the site is opened from disk, file:// requests are its own). */
async function watchedPage(width, files = false, colorScheme = "light") {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  // A load that the next navigation cuts short (the favicon, when a walk moves on quickly) is
  // aborted by the browser, not failed by the site: every other failure counts.
  page.on("requestfailed", (r) => {
    const why = r.failure()?.errorText || "";
    if (why !== "net::ERR_ABORTED") problems.push(`request failed: ${r.url()} ${why}`);
  });
  page.on("request", (r) => {
    const own = r.url().startsWith("http://127.0.0.1:") || (files && r.url().startsWith("file://"));
    if (!own) problems.push(`request to another host: ${r.url()}`);
  });
  page.on("load", () => counts.visited++);
  return { page, problems, close: () => context.close() };
}

async function axeCheck(page, label) {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
    AXE_TAGS,
  );
  counts.axeRuns++;
  for (const group of ["passes", "violations", "incomplete", "inapplicable"]) {
    for (const rule of result[group] || []) counts.axeRules.add(rule.id);
  }
  const details = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("\n    ")}`,
  );
  assert.deepEqual(details, [], `${label}: accessibility violations`);
}

// Every kind of page, per site: [label, path relative to the base].
const PAGES = {
  example: [
    ["home", ""],
    ["case study", "case-studies/khon-kaen-citizen-awareness/"],
    ["multi-city case study", "case-studies/thailand-private-smart-city-partnerships/"],
    ["case study list", "case-studies/"],
    ["city", "cities/khon-kaen/"],
    ["city list", "cities/"],
    ["city comparison", "cities/compare/"],
    ["coverage report", "report/"],
    ["country", "countries/thailand/"],
    ["country list", "countries/"],
    ["topic", "topics/smart-city/"],
    ["topic list", "topics/"],
    ["free page", "about/"],
    ["search", "search/?q=phuket"],
    ["404", "no/such/page/"],
    // Every kind of page in Thai, and the Indonesian page.
    ["Thai home", "th/"],
    ["Thai case study", "th/case-studies/khon-kaen-citizen-awareness/"],
    ["Thai case study list", "th/case-studies/"],
    ["Thai city", "th/cities/khon-kaen/"],
    ["Thai city list", "th/cities/"],
    ["Thai city comparison", "th/cities/compare/"],
    ["Thai country", "th/countries/thailand/"],
    ["Thai country list", "th/countries/"],
    ["Thai topic", "th/topics/smart-city/"],
    ["Thai topic list", "th/topics/"],
    ["Thai free page", "th/about/"],
    ["Thai search", "th/search/?q=%E0%B8%82%E0%B8%AD%E0%B8%99%E0%B9%81%E0%B8%81%E0%B9%88%E0%B8%99"],
    ["Indonesian free page", "id/about/"],
  ],
  // The relative build, served under a subpath: links to folders end in index.html.
  relative: [
    ["home", "index.html"],
    ["case study", "case-studies/khon-kaen-citizen-awareness/index.html"],
    ["case study list", "case-studies/index.html"],
    ["city", "cities/khon-kaen/index.html"],
    ["city comparison", "cities/compare/index.html"],
    ["coverage report", "report/index.html"],
    ["country", "countries/thailand/index.html"],
    ["topic list", "topics/index.html"],
    ["search with filters", "search/index.html?q=smart&country=thailand&year=2023"],
    ["free page", "about/index.html"],
  ],
  // The example with an address withdrawn on purpose (`retired:`).
  retired: [["withdrawn page", "case-studies/withdrawn/"]],
  corpus: [
    ["home", ""],
    ["case study", "case-studies/study-000007/"],
    ["case study list, page 2", "case-studies/page/2/"],
    ["city", null],
    ["country", null],
    ["topic", "topics/mobility/"],
    ["404", "no/such/page/"],
  ],
};

/** The first link under `selector` on `url`, for pages whose slugs the generator chose. */
async function firstLink(page, url, selector) {
  await page.goto(url);
  return page.$eval(selector, (a) => a.getAttribute("href"));
}

// Every width in the light scheme, and the example's pages in the dark scheme too.
const AXE_RUNS = Object.keys(PAGES).flatMap((siteName) => [
  ...WIDTHS.map((width) => [siteName, width, "light"]),
  ...(siteName === "example" ? WIDTHS.map((width) => [siteName, width, "dark"]) : []),
]);
for (const [siteName, width, scheme] of AXE_RUNS) {
  const pages = PAGES[siteName];
  {
    test(`${siteName}: no WCAG 2.1 AA violations at ${width} px (${scheme}) on every kind of page`, { skip: !sites[siteName] }, async () => {
      const { page, problems, close } = await watchedPage(width, false, scheme);
      const origin = new URL(servers[siteName]).origin;
      for (const [label, rel] of pages) {
        let url;
        if (rel === null) {
          const list = label === "city" ? "cities/" : "countries/";
          url = origin + (await firstLink(page, servers[siteName] + list, "main li a"));
        } else {
          url = servers[siteName] + rel;
        }
        const before = problems.length;
        await page.goto(url);
        await page.waitForLoadState("networkidle");
        if (label === "404") {
          // The not-found page is served with status 404, which Chromium logs as an error.
          const expected = problems.slice(before).filter((p) => p.includes("status of 404"));
          assert.equal(expected.length, 1, `${url} is served with status 404`);
          problems.splice(before, problems.length - before, ...problems.slice(before).filter((p) => !p.includes("status of 404")));
        }
        await axeCheck(page, `${siteName} ${label} at ${width}px, ${scheme} (${url})`);
        if (width === WIDTHS[0] && scheme === "light") counts.pagesAxe++;
      }
      await close();
      assert.deepEqual(problems, [], `${siteName} at ${width}px`);
    });
  }
}

test("end to end: home -> city -> case study, skip link, footnotes, screenshots", { skip: !sites.example }, async () => {
  const base = servers.example;
  const { page, problems, close } = await watchedPage(1280);
  await page.goto(base);
  assert.equal(await page.locator("h1").count(), 1);

  // Follow a city link from the home page.
  const city = page.locator("#places-heading ~ .columns a").filter({ hasText: "Khon Kaen" });
  await city.click();
  await page.waitForURL(/\/cities\/khon-kaen\/$/);
  assert.match(await page.locator("h1").innerText(), /^Khon Kaen, Thailand/);

  // Follow a case study link from the city page.
  await page.locator("#city-studies + .study-list a", { hasText: "Citizen Awareness" }).click();
  await page.waitForURL(/\/case-studies\/khon-kaen-citizen-awareness\/$/);
  assert.match(await page.title(), /^Khon Kaen, Thailand \| Citizen Awareness of the Smart City/);

  // The skip link is the first thing Tab reaches, and it moves focus to <main>.
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.className), "skip-link");
  assert.equal(await page.evaluate(() => getComputedStyle(document.activeElement).top), "0px", "the skip link shows when focused");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "main");

  // A footnote reference leads to its note, and the note's back-link leads back.
  await page.locator("sup.footnote-ref a").first().click();
  await page.waitForURL(/#fn-1$/);
  assert.ok(await page.locator("#fn-1").isVisible());
  assert.ok(await page.locator("#fn-1").evaluate((el) => el.getBoundingClientRect().top < window.innerHeight));
  await page.locator("#fn-1 a.footnote-backref").click();
  await page.waitForURL(/#fnref-1$/);
  await page.waitForFunction(() => {
    const r = document.getElementById("fnref-1").getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight;
  }, null, { timeout: 5000 });

  // City names in the text lead to their pages.
  await page.goto(base + "case-studies/thailand-private-smart-city-partnerships/");
  await page.locator("a.mention", { hasText: "Busan" }).click();
  await page.waitForURL(/\/cities\/busan\/$/);
  assert.equal(await page.locator("#partners + ul a").innerText(), "Phuket");

  // Search finds cities by an alias and lists studies.
  await page.goto(base + "search/?q=kon%20kaen");
  await page.locator("#search-results a", { hasText: "Khon Kaen" }).first().waitFor();
  // The city (by its alias) and both studies about it.
  await page.locator(".search-cities li").first().waitFor();
  assert.equal(await page.locator(".search-cities li").count(), 1);
  assert.equal(await page.locator(".search-result").count(), 2);
  // Snippets load after the results; wait for them before leaving (a load cut short is an error).
  await page.waitForFunction(() => [...document.querySelectorAll(".snippet")].every((p) => p.textContent));

  // The comparison of cities: sortable by any column with its heading; on a phone the table
  // scrolls inside its own box and the page does not.
  await page.goto(base + "cities/compare/");
  const firstColumn = () => page.locator("table.compare tbody th").allInnerTexts();
  assert.deepEqual(await firstColumn(), ["Busan", "Chiang Mai", "Khon Kaen", "Phuket"]);
  await page.locator("table.compare thead th button", { hasText: "City" }).click();
  assert.equal(await page.locator("table.compare thead th").first().getAttribute("aria-sort"), "ascending");
  await page.locator("table.compare thead th button", { hasText: "City" }).click();
  assert.equal(await page.locator("table.compare thead th").first().getAttribute("aria-sort"), "descending");
  assert.deepEqual(await firstColumn(), ["Phuket", "Khon Kaen", "Chiang Mai", "Busan"]);
  // By population, descending: the city with a value first, cities without one last.
  const population = page.locator("table.compare thead th button", { hasText: "Population" }).first();
  await population.click();
  await population.click();
  assert.equal((await firstColumn())[0], "Khon Kaen");
  await page.setViewportSize({ width: 375, height: 900 });
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth - window.innerWidth,
    box: document.querySelector(".compare-wrap").scrollWidth - document.querySelector(".compare-wrap").clientWidth,
  }));
  assert.ok(widths.page <= 0, `the page is ${widths.page}px wider than the phone`);
  assert.ok(widths.box > 0, "the table scrolls inside its box");
  await page.setViewportSize({ width: 1280, height: 900 });

  // Full-page screenshots of a case study, desktop and phone.
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(base + "case-studies/khon-kaen-citizen-awareness/");
    const file = path.join(SHOTS, `case-study-${width}.png`);
    await page.screenshot({ path: file, fullPage: true });
    assert.ok(fs.statSync(file).size > 10_000, `${file} looks empty`);
    // Nothing is wider than the screen: the page does not scroll sideways on a phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than a ${width}px screen`);
  }
  await close();
  assert.deepEqual(problems, []);
});

/** The search page's state as a reader sees it. */
async function searchState(page) {
  return page.evaluate(() => ({
    query: document.getElementById("q").value,
    status: document.getElementById("search-status").innerText,
    results: [...document.querySelectorAll(".search-result h3")].map((h) => h.innerText),
    checked: [...document.querySelectorAll("#search-facets input:checked")].map((i) => `${i.name}=${i.value}`),
    counts: Object.fromEntries(
      [...document.querySelectorAll("#search-facets label")].map((l) => [
        `${l.querySelector("input").name}=${l.querySelector("input").value}`,
        l.querySelector(".count").innerText,
      ]),
    ),
  }));
}

/** Types `query` into the search page and waits until the status shows `status`. */
async function search(page, query, status) {
  await page.fill("#q", query);
  await page.waitForFunction((want) => document.getElementById("search-status").innerText === want, status, { timeout: 10000 });
}

async function toggleFilter(page, name, value, status) {
  await page.locator(`#search-facets input[name="${name}"][value="${value}"]`).check();
  await page.waitForFunction((want) => document.getElementById("search-status").innerText === want, status, { timeout: 10000 });
}

// The relative build of the example, over HTTP under a subpath and opened from disk: full-text
// search, an alias, facet filters with counts, following a result and coming back to the search.
const RELATIVE_WAYS = [
  ["over HTTP under a subpath", () => servers.relative, false],
  ["from file://", () => `file://${sites.relative.dir}/`, true],
];
for (const [how, baseOf, files] of RELATIVE_WAYS) {
  test(`search works ${how} (relative links)`, { skip: !sites.relative }, async () => {
    const base = baseOf();
    const { page, problems, close } = await watchedPage(1280, files);
    await page.goto(base + "index.html");
    // The search box of every page leads to the search page.
    await page.fill("#site-search", "Chulalongkorn");
    await page.press("#site-search", "Enter");
    await page.waitForURL(/search\/index\.html\?q=Chulalongkorn$/);
    await page.waitForFunction(() => document.getElementById("search-status").innerText === "1 case study", null, { timeout: 10000 });

    // A word written only in a section's text: the study, with a snippet from that section.
    let state = await searchState(page);
    assert.deepEqual(state.results, ["Citizen Awareness of the Smart City"]);
    const snippet = page.locator(".search-result .snippet").first();
    await snippet.locator("mark").first().waitFor();
    assert.equal(await snippet.locator("mark").first().innerText(), "Chulalongkorn");
    assert.equal(await snippet.locator("a").first().innerText(), "Background");
    assert.match(await snippet.locator("a").first().getAttribute("href"), /khon-kaen-citizen-awareness\/index\.html#background$/);

    // A misspelt city name, as the news article writes it: the city and both of its studies.
    await search(page, "Kon Kaen", "2 case studies");
    state = await searchState(page);
    assert.deepEqual(await page.locator(".search-cities a").allInnerTexts(), ["Khon Kaen"]);
    assert.deepEqual(state.results.sort(), ["Citizen Awareness of the Smart City", "Private Smart City Partnerships"]);
    assert.equal(state.counts["country=thailand"], "(2)");
    assert.equal(state.counts["year=2023"], "(1)");
    assert.equal(state.counts["year=2026"], "(1)");
    // Typing keeps the query in the URL.
    assert.match(page.url(), /\?q=Kon\+Kaen$/);

    // A country filter, then a year filter: the results narrow, and each facet's counts follow
    // the other filters (the year counts stay, the country count drops to the chosen year).
    await toggleFilter(page, "country", "thailand", "2 case studies");
    await toggleFilter(page, "year", "2023", "1 case study");
    state = await searchState(page);
    assert.deepEqual(state.results, ["Citizen Awareness of the Smart City"]);
    assert.deepEqual(state.checked.sort(), ["country=thailand", "year=2023"]);
    assert.equal(state.counts["country=thailand"], "(1)");
    assert.equal(state.counts["year=2026"], "(1)");
    assert.match(page.url(), /\?q=Kon\+Kaen&country=thailand&year=2023$/);
    const before = state;

    // Follow the result, then come back: the same search, filters and results.
    await page.locator(".search-result h3 a").first().click();
    await page.waitForURL(/case-studies\/khon-kaen-citizen-awareness\/index\.html$/);
    assert.match(await page.locator("h1").innerText(), /Citizen Awareness of the Smart City/);
    await page.goBack();
    await page.waitForFunction(() => document.getElementById("search-status").innerText === "1 case study", null, { timeout: 10000 });
    assert.deepEqual(await searchState(page), before);

    // The back button also undoes a filter.
    await page.goBack();
    await page.waitForFunction(() => document.getElementById("search-status").innerText === "2 case studies", null, { timeout: 10000 });
    assert.deepEqual((await searchState(page)).checked, ["country=thailand"]);
    await close();
    assert.deepEqual(problems, []);
  });
}

// An old address (`redirect_from:`) sends the reader on to the study's page at once, with the
// fragment it was opened with: over HTTP (absolute links) and from disk (relative links).
const OLD_ADDRESS = "portfolio/khon-kaen-citizen-awareness/";
const MOVED_TO = /case-studies\/khon-kaen-citizen-awareness\/(index\.html)?#results-and-solutions-learned$/;
for (const [how, urlOf, files] of [
  ["over HTTP", () => servers.example + OLD_ADDRESS, false],
  ["from file://", () => `file://${sites.relative.dir}/${OLD_ADDRESS}index.html`, true],
]) {
  test(`an old address opened ${how} with a fragment lands on the new page at that fragment`, { skip: !sites.example || !sites.relative }, async () => {
    const { page, problems, close } = await watchedPage(1280, files);
    await page.goto(urlOf() + "#results-and-solutions-learned");
    await page.waitForURL(MOVED_TO);
    assert.match(await page.locator("h1").innerText(), /Citizen Awareness of the Smart City/);
    const target = page.locator("#results-and-solutions-learned");
    assert.equal(await target.count(), 1);
    await page.waitForFunction(() => document.getElementById("results-and-solutions-learned").getBoundingClientRect().top < window.innerHeight);
    // The page left at the old address is replaced, not kept in the history: the new tab's
    // blank page, then the study.
    assert.equal(await page.evaluate(() => history.length), 2);
    await close();
    assert.deepEqual(problems, []);
  });
}

test("the page at an old address has no WCAG 2.1 AA violations", { skip: !sites.example }, async () => {
  for (const width of WIDTHS) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    // Held on the old address: the way on answers 204 No Content, which leaves the browser on the
    // page it is on, so axe reads the page itself.
    await page.route("**/case-studies/khon-kaen-citizen-awareness/**", (route) => route.fulfill({ status: 204 }));
    await page.goto(servers.example + OLD_ADDRESS, { waitUntil: "commit" });
    await page.locator("main a#moved").waitFor();
    await page.waitForTimeout(300);
    assert.match(page.url(), /portfolio\/khon-kaen-citizen-awareness\/$/);
    assert.equal(await page.locator("main a#moved").count(), 1);
    await axeCheck(page, `old address at ${width}px`);
    if (width === WIDTHS[0]) counts.pagesAxe++;
    await context.close();
  }
});

// Languages: the switcher leads from a study to its Thai translation and back, names but does not
// link a language the study is not written in, and the Thai search page finds the city by its Thai
// name and by its English one, with the Thai study among the results.
test("languages: switch a study to Thai and back, and search in Thai", { skip: !sites.example }, async () => {
  const base = servers.example;
  const { page, problems, close } = await watchedPage(1280);
  await page.goto(base + "case-studies/khon-kaen-citizen-awareness/");
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.equal(await page.locator(".language-switcher .unavailable[lang=id]").count(), 1);
  // Keyboard: the switcher's Thai link is reachable and followed with Enter.
  const thai = page.locator(".language-switcher a[lang=th]");
  await thai.focus();
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/th\/case-studies\/khon-kaen-citizen-awareness\/$/);
  assert.equal(await page.getAttribute("html", "lang"), "th");
  assert.match(await page.locator("h1").innerText(), /การรับรู้ของประชาชนต่อเมืองอัจฉริยะ/);
  assert.equal(await page.locator("time").first().innerText(), "5 กรกฎาคม 2566");
  await page.locator(".language-switcher a[lang=en]").click();
  await page.waitForURL(/\/case-studies\/khon-kaen-citizen-awareness\/$/);
  assert.equal(await page.getAttribute("html", "lang"), "en");

  for (const query of ["ขอนแก่น", "Khon Kaen"]) {
    await page.goto(base + "th/search/?q=" + encodeURIComponent(query));
    await page.locator(".search-cities a").first().waitFor({ timeout: 10000 });
    assert.deepEqual(await page.locator(".search-cities a").allInnerTexts(), ["ขอนแก่น"], query);
    const results = await page.locator(".search-result h3").allInnerTexts();
    // The Thai study, and the untranslated one by its city's Thai name in the Thai terms.
    assert.deepEqual(results.sort(), ["Private Smart City Partnerships", "การรับรู้ของประชาชนต่อเมืองอัจฉริยะ"], query);
    // Every result gets its snippet: a Thai study's from the Thai parts, an untranslated one's
    // from the English parts.
    await page.waitForFunction(() => [...document.querySelectorAll(".snippet")].every((p) => p.textContent));
    // The search page speaks Thai.
    assert.match(await page.locator("#search-status").innerText(), /กรณีศึกษา/);
  }
  // A word of the untranslated study's text is found through the English terms; a word only the
  // English text of the translated study has is not, as its Thai page does not show it.
  await page.goto(base + "th/search/?q=Busan");
  await page.locator(".search-result h3").first().waitFor({ timeout: 10000 });
  assert.deepEqual(await page.locator(".search-result h3").allInnerTexts(), ["Private Smart City Partnerships"]);
  await page.waitForFunction(() => [...document.querySelectorAll(".snippet")].every((p) => p.textContent));
  await page.goto(base + "th/search/?q=Chulalongkorn");
  const nothing = await page.getAttribute("#search-app", "data-nothing");
  await page.waitForFunction((want) => document.getElementById("search-status").innerText === want, nothing, { timeout: 10000 });
  assert.equal(await page.locator(".search-result").count(), 0);
  await close();
  assert.deepEqual(problems, []);
});

// Screenshots of the pages readers look at most, in both colour schemes and at both widths, and
// of a study as printed (the PDF Chromium prints, turned into an image by pdftoppm).
test("screenshots: light and dark, desktop and phone, and a printed study", { skip: !sites.example }, async () => {
  const base = servers.example;
  const shots = [
    ["case-study", "case-studies/khon-kaen-citizen-awareness/"],
    ["city", "cities/khon-kaen/"],
    ["cities", "cities/"],
    ["compare", "cities/compare/"],
    ["report", "report/"],
  ];
  for (const scheme of ["light", "dark"]) {
    for (const width of WIDTHS) {
      const { page, problems, close } = await watchedPage(width, false, scheme);
      for (const [name, rel] of shots) {
        await page.goto(base + rel);
        const file = path.join(SHOTS, `${name}-${width}-${scheme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        assert.ok(fs.statSync(file).size > 10_000, `${file} looks empty`);
      }
      // The scheme is applied: the page's background follows it.
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(background, scheme === "dark" ? "rgb(18, 23, 28)" : "rgb(255, 255, 255)");
      await close();
      assert.deepEqual(problems, []);
    }
  }

  // Print: no navigation or search, the fast facts kept, external links' addresses written out.
  const { page, close } = await watchedPage(1280);
  await page.goto(base + "case-studies/khon-kaen-citizen-awareness/");
  await page.emulateMedia({ media: "print" });
  const printed = await page.evaluate(() => ({
    header: getComputedStyle(document.querySelector(".site-header")).display,
    search: getComputedStyle(document.querySelector(".search-form")).display,
    facts: getComputedStyle(document.querySelector(".fast-facts")).display,
    factsBreak: getComputedStyle(document.querySelector(".fast-facts")).breakInside,
    noteBreak: getComputedStyle(document.querySelector(".footnotes li")).breakInside,
    external: getComputedStyle(document.querySelector('main a[href^="http"]'), "::after").content,
  }));
  assert.equal(printed.header, "none");
  assert.equal(printed.search, "none");
  assert.notEqual(printed.facts, "none");
  assert.equal(printed.factsBreak, "avoid");
  assert.equal(printed.noteBreak, "avoid");
  assert.match(printed.external, /https?:\/\//);
  const pdf = path.join(SHOTS, "case-study-print.pdf");
  await page.pdf({ path: pdf, format: "A4", printBackground: true });
  await close();
  const { execFileSync } = await import("node:child_process");
  execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", pdf, path.join(SHOTS, "case-study-print")]);
  const image = fs.readdirSync(SHOTS).find((f) => f.startsWith("case-study-print") && f.endsWith(".png"));
  assert.ok(image, "the first printed page was rendered to an image");
  assert.ok(fs.statSync(path.join(SHOTS, image)).size > 10_000, `${image} looks empty`);
});

test("axe catches a planted image without alt text", { skip: !sites.planted }, async () => {
  const { page, close } = await watchedPage(1280);
  await page.goto(servers.planted + "case-studies/khon-kaen-citizen-awareness/");
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }),
    AXE_TAGS,
  );
  const ids = result.violations.map((v) => v.id);
  assert.ok(ids.includes("image-alt"), `axe reported ${JSON.stringify(ids)}`);
  await close();
});

// `casebook serve` in a real browser: an edit on disk shows without a manual reload, a broken
// edit shows the overlay and fixing it clears it, and a stylesheet change applies in place.
test("serve: live reload, error overlay and stylesheet swap in the browser", { skip: !process.env.SERVE_ROOT }, async () => {
  const { spawn } = await import("node:child_process");
  const root = process.env.SERVE_ROOT;
  const server = spawn(process.env.CASEBOOK, ["serve", "--port", "0", "--root", root], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    const url = await new Promise((resolve, reject) => {
      let out = "";
      server.stdout.on("data", (chunk) => {
        out += chunk;
        const m = out.match(/http:\/\/\S+/);
        if (m) resolve(m[0]);
      });
      server.on("exit", () => reject(new Error(`serve exited: ${out}`)));
    });
    const study = path.join(root, "content/case-studies/khon-kaen-citizen-awareness.md");
    const original = fs.readFileSync(study, "utf8");
    const { page, problems, close } = await watchedPage(1280);
    await page.goto(url + "case-studies/khon-kaen-citizen-awareness/");
    await page.evaluate(() => (window.__notReloaded = true));

    fs.writeFileSync(study, original + "\nA sentence written while the page was open.\n");
    await page.waitForFunction(() => document.body.innerText.includes("A sentence written while the page was open."), null, { timeout: 10000 });

    fs.writeFileSync(study, original.replace(/^date: .*$/m, "date: 2023-02-30"));
    const overlay = page.locator("#casebook-problems");
    await overlay.waitFor({ state: "visible", timeout: 10000 });
    const shown = await overlay.innerText();
    assert.match(shown, /content\/case-studies\/khon-kaen-citizen-awareness\.md:\d+:\d+/);
    assert.match(shown, /2023-02-30/);
    assert.ok(await page.evaluate(() => document.body.innerText.includes("A sentence written while the page was open.")), "the last good page stays");

    fs.writeFileSync(study, original);
    await overlay.waitFor({ state: "detached", timeout: 10000 });
    await page.waitForFunction(() => !document.body.innerText.includes("A sentence written while the page was open."), null, { timeout: 10000 });

    // A stylesheet edit swaps the stylesheet without reloading the page.
    await page.evaluate(() => (window.__notReloaded = true));
    const css = path.join(root, "themes/default/static/style.css");
    fs.writeFileSync(css, fs.readFileSync(css, "utf8") + "\nbody { outline: 7px solid rgb(1, 2, 3); }\n");
    await page.waitForFunction(() => getComputedStyle(document.body).outlineWidth === "7px", null, { timeout: 10000 });
    assert.equal(await page.evaluate(() => window.__notReloaded), true, "the page was not reloaded");
    await close();
    // (A reload that a second one overtakes is aborted by the browser: watchedPage lets it be.)
    assert.deepEqual(problems, []);
  } finally {
    server.kill();
  }
});
