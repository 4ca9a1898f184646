// casebook search: loads search-index.json once and filters it in the browser.
// No requests to other hosts; works under any base path (the index URL comes from the page).
(function () {
  "use strict";
  var results = document.getElementById("search-results");
  var input = document.getElementById("q");
  if (!results || !input) return;
  var indexUrl = results.getAttribute("data-index");
  var index = null;

  function norm(s) {
    return (s || "").toString().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function el(tag, text, attrs) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    return e;
  }

  function score(fields, terms) {
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var best = 0;
      for (var f = 0; f < fields.length; f++) {
        var at = fields[f][0].indexOf(terms[i]);
        if (at >= 0) best = Math.max(best, fields[f][1] + (at === 0 ? 1 : 0));
      }
      if (best === 0) return 0;
      total += best;
    }
    return total;
  }

  function run(query) {
    var terms = norm(query).split(/\s+/).filter(Boolean);
    results.textContent = "";
    if (!terms.length) return;
    var cities = [], studies = [];
    index.cities.forEach(function (c) {
      var s = score([[norm(c.n + " " + c.a.join(" ")), 5], [norm(c.k), 2]], terms);
      if (s) cities.push([s, c]);
    });
    index.studies.forEach(function (st) {
      var s = score([[norm(st.t), 4], [norm(st.c.join(" ") + " " + st.a.join(" ")), 4], [norm(st.k), 2], [norm(st.g.join(" ")), 3], [norm(st.s), 1]], terms);
      if (s) studies.push([s, st]);
    });
    var by = function (a, b) { return b[0] - a[0]; };
    cities.sort(by);
    studies.sort(by);
    var total = cities.length + studies.length;
    results.appendChild(el("p", total === 0 ? "Nothing matches “" + query + "”." : total + " results for “" + query + "”."));
    if (cities.length) {
      results.appendChild(el("h2", "Cities"));
      var ul = el("ol");
      cities.slice(0, 50).forEach(function (p) {
        var li = el("li");
        li.appendChild(el("a", p[1].n, { href: p[1].u }));
        li.appendChild(document.createTextNode(", " + p[1].k + " (" + p[1].m + " case studies)"));
        ul.appendChild(li);
      });
      results.appendChild(ul);
    }
    if (studies.length) {
      results.appendChild(el("h2", "Case studies"));
      var ol = el("ol");
      studies.slice(0, 100).forEach(function (p) {
        var li = el("li");
        li.appendChild(el("a", p[1].t, { href: p[1].u }));
        li.appendChild(document.createTextNode(" · " + p[1].c.join(", ") + ", " + p[1].k + " · " + p[1].d));
        ol.appendChild(li);
      });
      results.appendChild(ol);
    }
  }

  var query = new URLSearchParams(window.location.search).get("q") || "";
  input.value = query;
  fetch(indexUrl)
    .then(function (r) { return r.json(); })
    .then(function (data) {
      index = data;
      run(input.value);
      input.addEventListener("input", function () { run(input.value); });
    })
    .catch(function () {
      results.textContent = "The search index could not be loaded.";
    });
})();
