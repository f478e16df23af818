/* clausekit report: the drill-down table of clauses (search, sort, filter) and the links from
   charts and tables to it. Plain JavaScript, no library, nothing fetched: the data is the JSON
   block #clause-data inside the page. A mark or a row links to "#clauses?theme=...&year=...";
   the table reads its filters from that address. */
(function () {
  "use strict";
  var block = document.getElementById("clause-data");
  if (!block) { return; }
  var data = JSON.parse(block.textContent);
  var cols = data.columns;
  var at = {};
  cols.forEach(function (c, i) { at[c] = i; });
  var rows = data.rows;
  var FILTERS = ["theme", "function", "doc", "year", "body", "part"];
  var state = { sort: null, desc: false, shown: 100 };
  var table = document.getElementById("clause-table");
  var tbody = table.querySelector("tbody");
  var count = document.getElementById("f-count");
  var more = document.getElementById("f-more");
  var search = document.getElementById("f-q");

  function fold(s) {
    return String(s == null ? "" : s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var folded = rows.map(function (r) { return fold(r[at.text] + " " + r[at.label]); });

  function select(name) { return document.getElementById("f-" + name); }

  function ensureOption(sel, value) {
    if (value === "" || !sel) { return; }
    for (var i = 0; i < sel.options.length; i++) { if (sel.options[i].value === value) { return; } }
    var o = document.createElement("option");
    o.value = value; o.textContent = value;
    sel.appendChild(o);
  }

  function matches(r, i, f, words) {
    if (f.theme) {
      var themes = r[at.themes] ? r[at.themes].split(";") : [];
      if (f.theme === "(any)" ? themes.length === 0
          : f.theme === "(none)" ? themes.length > 0
          : themes.indexOf(f.theme) < 0) { return false; }
    }
    if (f.function && r[at["function"]] !== f.function) { return false; }
    if (f.doc && r[at.doc_id] !== f.doc) { return false; }
    if (f.year && String(r[at.year]) !== f.year) { return false; }
    if (f.body && r[at.body] !== f.body) { return false; }
    if (f.part && r[at.part] !== f.part) { return false; }
    for (var k = 0; k < words.length; k++) { if (folded[i].indexOf(words[k]) < 0) { return false; } }
    return true;
  }

  function current() {
    var f = {};
    FILTERS.forEach(function (name) { var s = select(name); f[name] = s ? s.value : ""; });
    return f;
  }

  function cell(tr, text, cls) {
    var td = document.createElement("td");
    td.textContent = text == null ? "–" : text;
    if (cls) { td.className = cls; }
    tr.appendChild(td);
    return td;
  }

  function render() {
    var f = current();
    var words = fold(search.value).split(/\s+/).filter(Boolean);
    var hits = [];
    for (var i = 0; i < rows.length; i++) { if (matches(rows[i], i, f, words)) { hits.push(rows[i]); } }
    if (state.sort !== null) {
      var k = at[state.sort], sign = state.desc ? -1 : 1;
      hits.sort(function (a, b) {
        var x = a[k], y = b[k];
        if (x === y) { return 0; }
        if (x === null) { return 1; }
        if (y === null) { return -1; }
        return (typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "fr")) * sign;
      });
    }
    tbody.textContent = "";
    var frag = document.createDocumentFragment();
    hits.slice(0, state.shown).forEach(function (r) {
      var tr = document.createElement("tr");
      var doc = cell(tr, "");
      var a = document.createElement("a");
      a.href = "#" + data.anchors[r[at.doc_id]];
      a.textContent = r[at.label];
      doc.appendChild(a);
      cell(tr, r[at.year], "num");
      cell(tr, r[at.number] || (r[at.index] + 1), "num");
      cell(tr, r[at.part]);
      cell(tr, r[at["function"]]);
      cell(tr, r[at.function_confidence] == null ? null : r[at.function_confidence].toFixed(2), "num");
      cell(tr, (r[at.themes] || "").split(";").join(" "), "themes");
      cell(tr, r[at.theme_score] == null ? null : r[at.theme_score].toFixed(2), "num");
      cell(tr, r[at.text], "text");
      frag.appendChild(tr);
    });
    tbody.appendChild(frag);
    count.textContent = hits.length + " clause" + (hits.length === 1 ? "" : "s") +
      (hits.length > state.shown ? " (" + state.shown + " affichées / shown)" : "");
    more.hidden = hits.length <= state.shown;
    table.setAttribute("data-rows", String(Math.min(hits.length, state.shown)));
    table.setAttribute("data-matches", String(hits.length));
  }

  function fromHash() {
    if ((location.hash || "").indexOf("#clauses?") !== 0) { return false; }
    var params = new URLSearchParams(location.hash.slice("#clauses?".length));
    FILTERS.forEach(function (name) {
      var s = select(name), v = params.get(name) || "";
      if (!s) { return; }
      ensureOption(s, v);
      s.value = v;
    });
    search.value = params.get("q") || "";
    state.shown = 100;
    render();
    var section = document.getElementById("clauses");
    if (section && section.scrollIntoView) { section.scrollIntoView(); }
    return true;
  }

  FILTERS.forEach(function (name) {
    var s = select(name);
    if (s) { s.addEventListener("change", function () { state.shown = 100; render(); }); }
  });
  search.addEventListener("input", function () { state.shown = 100; render(); });
  more.addEventListener("click", function () { state.shown += 200; render(); });
  document.getElementById("f-reset").addEventListener("click", function () {
    FILTERS.forEach(function (name) { var s = select(name); if (s) { s.value = ""; } });
    search.value = ""; state.sort = null; state.shown = 100;
    render();
  });
  Array.prototype.forEach.call(table.querySelectorAll("th[data-key]"), function (th) {
    th.addEventListener("click", function () {
      var key = th.getAttribute("data-key");
      state.desc = state.sort === key ? !state.desc : false;
      state.sort = key;
      Array.prototype.forEach.call(table.querySelectorAll("th[data-key]"), function (o) { o.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", state.desc ? "descending" : "ascending");
      render();
    });
  });
  window.addEventListener("hashchange", fromHash);
  if (!fromHash()) {
    // Opened without a filter: start on the clauses that carry a theme, the section's subject.
    var anyTheme = rows.some(function (r) { return r[at.themes]; });
    if (anyTheme) { select("theme").value = "(any)"; }
    render();
  }
})();
