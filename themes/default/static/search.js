// casebook search: full-text search with facet filters, run in the reader's browser.
//
// The index is a set of classic scripts (search/catalog.js, search/terms/N.js,
// search/text/N.js) that call the functions of `window.casebookSearch` below; classic scripts
// load from any host, any folder and from a disk (file://), where fetch() is refused. The
// catalog lists every study and the facets; term parts are loaded for the words typed, text
// parts for the snippets of the results shown. The query and the filters live in the page's
// URL (?q=...&country=...), so a search can be shared and the back button returns to it.
// Every text a reader sees comes from the page (the theme's strings).
(function () {
  "use strict";
  var app = document.getElementById("search-app");
  var form = document.getElementById("search-form");
  var input = document.getElementById("q");
  var statusLine = document.getElementById("search-status");
  var facetBox = document.getElementById("search-facets");
  var results = document.getElementById("search-results");
  if (!app || !form || !input || !statusLine || !facetBox || !results) return;

  var PAGE = 20; // results shown at a time
  var FACET_SHORT = 8; // values of a facet shown before "Show all"
  var FACETS = ["country", "topic", "city", "year"];
  var strings = app.dataset;

  function say(key, count) {
    return (strings[key] || "").replace("{count}", count === undefined ? "" : count.toLocaleString(document.documentElement.lang || undefined));
  }

  // --- The same terms as the index (src/render/data/search/tokens.rs): decomposed, lower-case,
  // the marks of Latin letters dropped (and Đ Ł Ø Ħ unstroked), other scripts' marks kept with
  // their letter; runs of unspaced scripts (Thai, Chinese...) as pairs of clusters.
  var UNSPACED = "\u0E00-\u0EFF\u1000-\u109F\u1780-\u17FF\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF";
  var RUNS = new RegExp("[" + UNSPACED + "]+|[^" + UNSPACED + "]+", "g");
  var IS_UNSPACED = new RegExp("^[" + UNSPACED + "]");
  var WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;
  var MARK = /\p{M}/u;
  var ALNUM = /[\p{L}\p{N}]/u;
  var LATIN = /[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]/;
  var STROKED = { "\u0110": "d", "\u0111": "d", "\u0189": "d", "\u0141": "l", "\u0142": "l", "\u00D8": "o", "\u00F8": "o", "\u0126": "h", "\u0127": "h" };

  function fold(s) {
    var out = "";
    var last = ""; // what the last character was: "latin", "other" (a letter or digit), ""
    var chars = Array.from(s.normalize("NFKD"));
    for (var i = 0; i < chars.length; i++) {
      var c = chars[i];
      if (MARK.test(c)) {
        if (last === "other") out += c;
        continue;
      }
      c = STROKED[c] || c;
      last = !ALNUM.test(c) ? "" : LATIN.test(c) ? "latin" : "other";
      out += c.toLowerCase();
    }
    return out;
  }

  function terms(text) {
    var out = [];
    (fold(text).match(WORD) || []).forEach(function (word) {
      (word.match(RUNS) || []).forEach(function (run) {
        if (IS_UNSPACED.test(run)) {
          var clusters = [];
          Array.from(run).forEach(function (c) {
            if (MARK.test(c) && clusters.length) clusters[clusters.length - 1] += c;
            else clusters.push(c);
          });
          if (clusters.length === 1) out.push(run);
          for (var i = 0; i + 1 < clusters.length; i++) out.push(clusters[i] + clusters[i + 1]);
        } else if (Array.from(run).length <= 40) {
          out.push(run);
        }
      });
    });
    return out.filter(function (t, i) { return out.indexOf(t) === i; });
  }

  // --- Loading the index's scripts.
  var catalog = null;
  var termParts = {}; // key + "/" + part number -> {terms: [...], lists: [...]}
  var indexes = null; // the term indexes a query reads (see termIndexes)
  var textOf = {}; // study number -> {summary, sections}
  var loading = {}; // url -> [callbacks]

  window.casebookSearch = {
    catalog: function (c) { catalog = c; },
    // Part `n` of the terms of the index `key` (a language): term, postings, term, postings...
    terms: function (key, n, flat) {
      var part = { terms: [], lists: [] };
      for (var i = 0; i + 1 < flat.length; i += 2) {
        part.terms.push(flat[i]);
        part.lists.push(flat[i + 1]);
      }
      termParts[key + "/" + n] = part;
    },
    // The texts of the studies `ids`, in order.
    text: function (ids, texts) {
      ids.forEach(function (id, i) { textOf[id] = texts[i]; });
    }
  };

  // The part that holds study `id`'s text: this language's own (`texts.own` lists its studies,
  // in order), or, for a study not written in it, the default language's (`shared.texts`).
  function textUrl(id) {
    var t = catalog.texts;
    if (!t.own) return t.urls[Math.floor(id / t.per)];
    var lo = 0, hi = t.own.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (t.own[mid] < id) lo = mid + 1; else hi = mid;
    }
    if (t.own[lo] === id) return t.urls[Math.floor(lo / t.per)];
    var shared = catalog.shared.texts;
    return shared.urls[Math.floor(id / shared.per)];
  }

  function load(url, done) {
    if (loading[url] === true) return done(true);
    if (loading[url]) return loading[url].push(done);
    loading[url] = [done];
    var script = document.createElement("script");
    script.src = url;
    script.async = true;
    function finish(ok) {
      var waiting = loading[url];
      loading[url] = ok ? true : undefined;
      waiting.forEach(function (f) { f(ok); });
    }
    script.onload = function () { finish(true); };
    script.onerror = function () { finish(false); };
    document.head.appendChild(script);
  }

  function loadAll(urls, done) {
    var left = urls.length, ok = true;
    if (!left) return done(true);
    urls.forEach(function (u) {
      load(u, function (fine) { ok = ok && fine; if (--left === 0) done(ok); });
    });
  }

  // The term indexes a query reads: this language's, and, in a language other than the default,
  // the default language's for the studies not written in this one (`skip`: those that are),
  // whose text is the same there; this language's terms hold their cities' names.
  function termIndexes() {
    var list = [{ parts: catalog.terms, skip: null }];
    if (catalog.shared && catalog.shared.terms) {
      list.push({ parts: catalog.shared.terms, skip: new Set(catalog.texts.own || []) });
    }
    return list;
  }

  // The part of an index's terms that holds `term`: the last whose first term is not after it.
  function partOf(parts, term) {
    var first = parts.first, lo = 0, hi = first.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (first[mid] <= term) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  // Parts of an index holding the terms that start with `prefix`.
  function partsFor(parts, prefix) {
    var found = [];
    for (var p = partOf(parts, prefix), last = partOf(parts, prefix + "\uffff"); p <= last; p++) found.push(p);
    return found;
  }

  // --- Matching: study id -> score for one query term (every index term it begins).
  function matchTerm(q) {
    var scores = new Map();
    indexes.forEach(function (index) {
      partsFor(index.parts, q).forEach(function (p) {
        var part = termParts[index.parts.key + "/" + p];
        if (!part) return;
        var list = part.terms, lo = 0, hi = list.length;
        while (lo < hi) { var mid = (lo + hi) >> 1; if (list[mid] < q) lo = mid + 1; else hi = mid; }
        for (var i = lo; i < list.length && list[i].lastIndexOf(q, 0) === 0; i++) {
          var exact = list[i] === q ? 2 : 1, pairs = part.lists[i], study = 0;
          for (var k = 0; k < pairs.length; k += 2) {
            study += pairs[k];
            if (index.skip && index.skip.has(study)) continue;
            var s = pairs[k + 1] * exact;
            if ((scores.get(study) || 0) < s) scores.set(study, s);
          }
        }
      });
    });
    return scores;
  }

  // Studies matching every query term, with their summed scores; null without a query.
  function matchQuery(qterms) {
    if (!qterms.length) return null;
    var total = null;
    qterms.forEach(function (q) {
      var scores = matchTerm(q), next = new Map();
      if (total === null) { total = scores; return; }
      total.forEach(function (s, id) { if (scores.has(id)) next.set(id, s + scores.get(id)); });
      total = next;
    });
    return total;
  }

  // --- State, kept in the URL.
  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    var state = { q: params.get("q") || "", filters: {}, shown: PAGE };
    FACETS.forEach(function (f) { state.filters[f] = params.getAll(f); });
    return state;
  }

  function writeUrl(state, push) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    FACETS.forEach(function (f) { state.filters[f].forEach(function (v) { params.append(f, v); }); });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    if (url === window.location.pathname + window.location.search + window.location.hash) return;
    try {
      (push ? history.pushState : history.replaceState).call(history, null, "", url);
    } catch (e) { /* some browsers refuse history changes on file:// pages */ }
  }

  // The value of facet `f` for study row `s`: a list of keys (slugs, years).
  function facetValues(f, s) {
    switch (f) {
      case "country": return [catalog.countries[s[4]][1]];
      case "topic": return s[6].map(function (t) { return catalog.topics[t][1]; });
      case "city": return s[5].map(function (c) { return catalog.cities[c][1]; });
      default: return [String(s[3])];
    }
  }

  function facetLabels(f) {
    var labels = {};
    if (f === "country") catalog.countries.forEach(function (k) { labels[k[1]] = k[0]; });
    if (f === "topic") catalog.topics.forEach(function (t) { labels[t[1]] = t[0]; });
    if (f === "city") catalog.cities.forEach(function (c) { labels[c[1]] = c[0]; });
    return labels;
  }

  var state = readUrl();
  var expanded = {}; // facets whose every value is shown
  var labels = {};

  function run() {
    if (!indexes) return; // the catalog is still loading: its arrival runs the query
    var qterms = terms(state.q);
    var need = [];
    qterms.forEach(function (q) {
      indexes.forEach(function (index) {
        partsFor(index.parts, q).forEach(function (p) { need.push(index.parts.urls[p]); });
      });
    });
    loadAll(need, function (ok) {
      if (!ok) return failed();
      show(qterms);
    });
  }

  function show(qterms) {
    var matched = matchQuery(qterms);
    var rows = catalog.studies;
    var chosen = {};
    FACETS.forEach(function (f) { chosen[f] = state.filters[f]; });
    var counts = {};
    FACETS.forEach(function (f) { counts[f] = {}; });
    var hits = [];
    for (var id = 0; id < rows.length; id++) {
      if (matched && !matched.has(id)) continue;
      var values = {}, failing = [];
      FACETS.forEach(function (f) {
        values[f] = facetValues(f, rows[id]);
        var want = chosen[f];
        if (want.length && !values[f].some(function (v) { return want.indexOf(v) >= 0; })) failing.push(f);
      });
      // A facet's counts follow the query and the other facets' filters (OR within a facet,
      // AND across them), so each count is what choosing that value would give.
      FACETS.forEach(function (f) {
        if (failing.length === 0 || (failing.length === 1 && failing[0] === f)) {
          values[f].forEach(function (v) { counts[f][v] = (counts[f][v] || 0) + 1; });
        }
      });
      if (!failing.length) hits.push(id);
    }
    if (matched) hits.sort(function (a, b) { return matched.get(b) - matched.get(a) || a - b; });
    renderFacets(counts);
    renderResults(hits, qterms);
  }

  function renderFacets(counts) {
    facetBox.textContent = "";
    facetBox.appendChild(el("h2", strings.filters, { class: "visually-hidden" }));
    FACETS.forEach(function (f) {
      labels[f] = labels[f] || facetLabels(f);
      var chosen = state.filters[f];
      var keys = Object.keys(counts[f]);
      chosen.forEach(function (v) { if (keys.indexOf(v) < 0) keys.push(v); });
      if (!keys.length) return;
      keys.sort(f === "year"
        ? function (a, b) { return b - a; }
        : function (a, b) { return (counts[f][b] || 0) - (counts[f][a] || 0) || label(f, a).localeCompare(label(f, b)); });
      var all = expanded[f] || keys.length <= FACET_SHORT + 2;
      var box = el("fieldset");
      box.appendChild(el("legend", strings["facet" + f.charAt(0).toUpperCase() + f.slice(1)]));
      var ul = el("ul");
      keys.forEach(function (v, i) {
        if (!all && i >= FACET_SHORT && chosen.indexOf(v) < 0) return;
        var li = el("li"), lab = el("label");
        var check = el("input", null, { type: "checkbox", name: f, value: v });
        check.checked = chosen.indexOf(v) >= 0;
        check.addEventListener("change", function () {
          var list = state.filters[f];
          if (check.checked) list.push(v); else list.splice(list.indexOf(v), 1);
          state.shown = PAGE;
          writeUrl(state, true);
          run();
        });
        lab.appendChild(check);
        lab.appendChild(el("span", label(f, v)));
        lab.appendChild(el("span", "(" + (counts[f][v] || 0).toLocaleString(document.documentElement.lang || undefined) + ")", { class: "count" }));
        li.appendChild(lab);
        ul.appendChild(li);
      });
      box.appendChild(ul);
      if (keys.length > FACET_SHORT + 2) {
        var toggle = el("button", expanded[f] ? strings.showFewer : say("showAll", keys.length), { type: "button", "aria-expanded": expanded[f] ? "true" : "false" });
        toggle.addEventListener("click", function () { expanded[f] = !expanded[f]; run(); });
        box.appendChild(toggle);
      }
      facetBox.appendChild(box);
    });
    if (FACETS.some(function (f) { return state.filters[f].length; })) {
      var clear = el("button", strings.clear, { type: "button" });
      clear.addEventListener("click", function () {
        FACETS.forEach(function (f) { state.filters[f] = []; });
        writeUrl(state, true);
        run();
      });
      facetBox.appendChild(clear);
    }
  }

  function label(f, v) {
    return (labels[f] && labels[f][v]) || v;
  }

  function renderResults(hits, qterms) {
    results.textContent = "";
    statusLine.textContent = hits.length === 0 ? strings.nothing
      : hits.length === 1 ? strings.countOne : say("count", hits.length);
    var cities = qterms.length ? matchCities(qterms) : [];
    if (cities.length) {
      results.appendChild(el("h2", strings.cities));
      var ul = el("ul", null, { class: "search-cities" });
      cities.slice(0, 10).forEach(function (c) {
        var li = el("li");
        li.appendChild(marked("a", c[0], qterms, { href: c[3] }));
        li.appendChild(document.createTextNode(", " + catalog.countries[c[2]][0] + " "));
        li.appendChild(el("span", "(" + say(c[5] === 1 ? "countOne" : "count", c[5]) + ")", { class: "count" }));
        ul.appendChild(li);
      });
      results.appendChild(ul);
    }
    if (!hits.length) return;
    results.appendChild(el("h2", strings.studies));
    var ol = el("ol");
    var waiting = {};
    hits.slice(0, state.shown).forEach(function (id) {
      var s = catalog.studies[id];
      var li = el("li", null, { class: "search-result" });
      var h = el("h3");
      h.appendChild(marked("a", s[0], qterms, { href: s[1] }));
      li.appendChild(h);
      var where = s[5].map(function (c) { return catalog.cities[c][0]; }).join(", ");
      li.appendChild(el("p", where + ", " + catalog.countries[s[4]][0] + " · " + s[2], { class: "meta" }));
      var snippet = el("p", null, { class: "snippet" });
      li.appendChild(snippet);
      ol.appendChild(li);
      var url = textUrl(id);
      (waiting[url] = waiting[url] || []).push([id, snippet]);
    });
    results.appendChild(ol);
    Object.keys(waiting).forEach(function (url) {
      load(url, function (ok) {
        if (!ok) return;
        waiting[url].forEach(function (w) {
          if (textOf[w[0]]) fillSnippet(w[1], textOf[w[0]], catalog.studies[w[0]][1], qterms);
        });
      });
    });
    if (hits.length > state.shown) {
      var more = el("button", strings.more, { type: "button" });
      more.addEventListener("click", function () {
        var first = state.shown;
        state.shown += PAGE;
        show(qterms);
        var next = results.querySelectorAll(".search-result a")[first];
        if (next) next.focus();
      });
      results.appendChild(more);
    }
  }

  // Cities whose name, other spellings or country hold every query term.
  function matchCities(qterms) {
    return catalog.cities.filter(function (c) {
      var words = terms([c[0]].concat(c[4], [catalog.countries[c[2]][0]]).join(" "));
      return qterms.every(function (q) { return words.some(function (w) { return w.lastIndexOf(q, 0) === 0; }); });
    }).sort(function (a, b) { return b[5] - a[5]; });
  }

  // --- Snippets: the first place in the study's text (sections, then the summary) where a query
  // term occurs, a few words either side, the words found marked.
  var SNIPPET_WORDS = 32;

  function fillSnippet(p, text, url, qterms) {
    if (!text) return;
    // A section first (its name then links to it), the summary if no section has the words.
    var summary = ["", "", text.summary];
    var places = text.sections.concat([summary]);
    var best = null;
    for (var i = 0; i < places.length && !best && qterms.length; i++) {
      var at = firstHit(places[i][2], qterms);
      if (at >= 0) best = [places[i], at];
    }
    if (!best) best = [summary, 0];
    var place = best[0], words = wordSpans(place[2]);
    var first = Math.max(0, best[1] - 8), last = Math.min(words.length, first + SNIPPET_WORDS);
    if (place[0]) {
      p.appendChild(el("a", place[0], { href: url.split("#")[0] + "#" + place[1] }));
      p.appendChild(document.createTextNode(": "));
    }
    if (!words.length) return;
    var from = words[first].start, to = words[last - 1].end;
    p.appendChild(marked("span", (first > 0 ? "… " : "") + place[2].slice(from, to) + (last < words.length ? " …" : ""), qterms));
  }

  function wordSpans(text) {
    var spans = [], m, re = /[\p{L}\p{N}\p{M}]+/gu;
    while ((m = re.exec(text))) spans.push({ start: m.index, end: m.index + m[0].length, word: m[0] });
    return spans;
  }

  // Whether a word of the text is one the query looks for (or, in an unspaced script, holds it).
  function wordMatches(word, qterms) {
    var folded = fold(word);
    if (IS_UNSPACED.test(folded)) {
      var pairs = terms(folded);
      return qterms.some(function (q) { return IS_UNSPACED.test(q) && pairs.indexOf(q) >= 0; });
    }
    return qterms.some(function (q) { return folded.lastIndexOf(q, 0) === 0; });
  }

  function firstHit(text, qterms) {
    var words = wordSpans(text);
    for (var i = 0; i < words.length; i++) if (wordMatches(words[i].word, qterms)) return i;
    return -1;
  }

  // An element holding `text` with the words the query found in <mark>.
  function marked(tag, text, qterms, attrs) {
    var e = el(tag, null, attrs), last = 0;
    wordSpans(text).forEach(function (w) {
      if (!qterms.length || !wordMatches(w.word, qterms)) return;
      e.appendChild(document.createTextNode(text.slice(last, w.start)));
      e.appendChild(el("mark", text.slice(w.start, w.end)));
      last = w.end;
    });
    e.appendChild(document.createTextNode(text.slice(last)));
    return e;
  }

  function el(tag, text, attrs) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    return e;
  }

  function failed() {
    statusLine.textContent = strings.failed;
  }

  // --- Wiring.
  var typing = null;
  input.value = state.q;
  input.addEventListener("input", function () {
    clearTimeout(typing);
    typing = setTimeout(function () {
      state.q = input.value;
      state.shown = PAGE;
      writeUrl(state, false);
      run();
    }, 120);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(typing);
    state.q = input.value;
    state.shown = PAGE;
    writeUrl(state, true);
    run();
  });
  window.addEventListener("popstate", function () {
    state = readUrl();
    input.value = state.q;
    if (indexes) run();
  });

  statusLine.textContent = strings.loading;
  load(app.getAttribute("data-index"), function (ok) {
    if (!ok || !catalog) return failed();
    indexes = termIndexes();
    run();
  });
})();
