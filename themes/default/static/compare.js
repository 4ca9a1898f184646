// casebook: sortable columns for the comparison of cities (/cities/compare/). The table is
// complete without this script; with it, each column heading becomes a button that sorts the
// rows by that column (numbers as numbers, empty cells last), and says how it is sorted.
(function () {
  "use strict";
  var table = document.querySelector("table.compare");
  if (!table || !table.tBodies[0]) return;
  var body = table.tBodies[0];
  var heads = table.tHead ? table.tHead.rows[0].cells : [];
  var words = { ascending: table.dataset.ascending, descending: table.dataset.descending };

  function value(row, col, numeric) {
    var raw = row.cells[col].getAttribute("data-sort") || "";
    if (!numeric) return raw;
    return raw === "" ? null : parseFloat(raw);
  }

  function sort(col, direction) {
    var numeric = heads[col].getAttribute("data-type") === "number";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = value(a, col, numeric), y = value(b, col, numeric);
      if (x === y) return 0;
      if (x === null || x === "") return 1; // empty cells last, either way
      if (y === null || y === "") return -1;
      var order = numeric ? x - y : x.localeCompare(y);
      return direction === "ascending" ? order : -order;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    for (var i = 0; i < heads.length; i++) {
      if (i === col) heads[i].setAttribute("aria-sort", direction);
      else heads[i].removeAttribute("aria-sort");
      var state = heads[i].querySelector(".sort-state");
      if (state) state.textContent = i === col ? ", " + words[direction] : "";
    }
  }

  Array.prototype.forEach.call(heads, function (th, col) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    while (th.firstChild) button.appendChild(th.firstChild);
    var state = document.createElement("span");
    state.className = "sort-state visually-hidden";
    button.appendChild(state);
    th.appendChild(button);
    button.addEventListener("click", function () {
      var next = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
      sort(col, next);
    });
  });
})();
