/* The incidents table of the offline file, paged, sorted and searched here, and the rows in view
   as CSV (components/offline/rows.py declares both). The incidents a view state lists are those
   of the cube rows its filters select (beCube.aggregate marks them): every filter selects what
   the server selects, and no people attribute is needed beyond the cube's. A column's shown
   texts come in the app's sort order, so an incident's code is its sort key; a search keeps the
   rows with every word in some column (as the app's table: components/charts/table.py). */
(function (root) {
  "use strict";
  var doc = root.document;

  // --- what every part of the file's runtime writes with (sections.js, offline.js too) -------
  // a CSV cell: text a spreadsheet would run as a formula made plain (formula: the starts
  // data/export.py FORMULA_START names), quoted where it must be; numbers as they are
  function cell(value, formula) {
    var text = String(value);
    if (typeof value === "string" && formula.some(function (f) { return text.indexOf(f) === 0; })) { text = "'" + text; }
    return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }
  function el(tag, text, attrs) {
    var node = doc.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  function setText(id, value) { var node = doc.getElementById(id); if (node) { node.textContent = value; } }
  function save(name, text) {  // a file the browser downloads, made here
    var url = URL.createObjectURL(new Blob([text], {type: "text/csv;charset=utf-8"}));
    var link = el("a", null, {href: url, download: name});
    doc.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function codes(W) {  // each column's codes, decoded once per language
    if (!W.decoded) {
      W.decoded = {};
      W.lower = {};
      Object.keys(W.columns).forEach(function (f) {
        W.decoded[f] = root.beCube.column(W.columns[f].codes);
        W.lower[f] = W.columns[f].values.map(function (v) { return v.toLowerCase(); });
      });
    }
    return W.decoded;
  }

  // the incidents a state lists, in the dataset's order, and which slice each is in (1: A,
  // 2: B, 3: both); in compare mode those of either slice, each once (table.py _listed)
  function listed(P, R, state) {
    var cube = root.beCube, rowOf = R.rowOf || (R.rowOf = cube.column(R.cube_row));
    var parts = root.beCompare.slices(state);
    // each selection is an array of its own (a new one per aggregate): A's stays A's
    function marked(s) { return cube.selected(P, cube.parseState(P, s)); }
    var a = marked(parts ? parts.a : state), b = parts ? marked(parts.b) : null;
    var rows = [], which = [];
    for (var i = 0; i < rowOf.length; i++) {
      var inA = a[rowOf[i]], inB = b ? b[rowOf[i]] : 0;
      if (inA || inB) { rows.push(i); which.push(inA + 2 * inB); }
    }
    return {rows: rows, which: which, comparing: !!parts};
  }

  // positions (in list.rows) of the rows with every word of search in some column
  function searched(W, list, search) {
    var words = String(search || "").slice(0, 200).toLowerCase().split(/\s+/).filter(Boolean);
    var C = codes(W), fields = Object.keys(W.columns), out = [];
    var hits = words.map(function (word) {
      return fields.map(function (f) { return W.lower[f].map(function (v) { return v.indexOf(word) >= 0; }); });
    });
    for (var p = 0; p < list.rows.length; p++) {
      var row = list.rows[p], ok = true;
      for (var w = 0; w < hits.length && ok; w++) {
        ok = false;
        for (var k = 0; k < fields.length && !ok; k++) { ok = hits[w][k][C[fields[k]][row]]; }
      }
      if (ok) { out.push(p); }
    }
    return out;
  }

  // positions ordered by a column (stable: ties keep the dataset's order)
  function sorted(W, list, positions, sort) {
    if (!sort) { return positions; }
    var key = codes(W)[sort.field], dir = sort.dir === "desc" ? -1 : 1;
    return positions.map(function (p, i) { return [key[list.rows[p]], i, p]; })
      .sort(function (x, y) { return (x[0] - y[0]) * dir || x[1] - y[1]; })
      .map(function (x) { return x[2]; });
  }

  // the rows in view, in the table's order: [{id, cells: {field: text}, slice}]
  function order(W, list, search, sort) {
    return sorted(W, list, searched(W, list, search), sort);
  }
  function cells(W, row) {
    var C = codes(W), out = {};
    Object.keys(W.columns).forEach(function (f) { out[f] = W.columns[f].values[C[f][row]]; });
    return out;
  }
  function sliceSaid(W, which) { return W.slice[which === 3 ? "AB" : which === 2 ? "B" : "A"]; }

  // the rows in view as the app's rows.csv (data/export.py rows_in_view; compare mode: a
  // slice column first, export.compared_rows): every row the filters select, unsearched; a
  // token \x1f k \x1e is the k-th spoken column's cell, in the language shown (rows.py _spoken)
  function csv(W, R, list, formula) {
    var C = W.csv, spoken = R.csv.decoded || (R.csv.decoded = R.csv.codes.map(root.beCube.column));
    var lines = [(list.comparing ? cell(C.slice, formula) + "," : "") + C.header];
    list.rows.forEach(function (row, p) {
      var record = R.csv.records[row].replace(/\x1f(\d+)\x1e/g, function (_m, k) {
        return cell(C.values[k][spoken[k][row]], formula);
      });
      lines.push((list.comparing ? cell(sliceSaid(W, list.which[p]), formula) + "," : "") + record);
    });
    return lines.join("\n") + "\n";
  }

  // --- on the page ---------------------------------------------------------------------------
  var view = {search: "", sort: null, page: 0, list: null, W: null, formula: []};
  function fill(W, list) {  // the table's head and the page of rows shown
    var head = doc.getElementById("be-table-head"), body = doc.getElementById("be-table-body");
    var positions = order(W, list, view.search, view.sort);
    var pages = Math.max(1, Math.ceil(positions.length / W.page_size));
    view.page = Math.min(view.page, pages - 1);
    var headings = W.headings.filter(function (h) { return h[0] !== "slice" || list.comparing; });
    head.replaceChildren(el("tr"));
    headings.forEach(function (h) {
      var th = el("th", null, W.numeric.indexOf(h[0]) >= 0 ? {scope: "col", "class": "be-num"} : {scope: "col"});
      if (h[0] === "slice") { th.textContent = h[1]; } else {
        var on = view.sort && view.sort.field === h[0];
        th.setAttribute("aria-sort", on ? (view.sort.dir === "asc" ? "ascending" : "descending") : "none");
        var b = el("button", h[1] + (on ? (view.sort.dir === "asc" ? " \u25B2" : " \u25BC") : ""),
                   {type: "button", "data-sort": h[0], "class": "be-sort", title: W.sort});
        th.appendChild(b);
      }
      head.firstChild.appendChild(th);
    });
    var start = view.page * W.page_size, shown = positions.slice(start, start + W.page_size);
    body.replaceChildren.apply(body, shown.map(function (p) {
      var row = list.rows[p], text = cells(W, row), tr = el("tr");
      headings.forEach(function (h) {
        var td = el("td", h[0] === "slice" ? sliceSaid(W, list.which[p]) : text[h[0]]);
        td.setAttribute("data-field", h[0]);
        if (W.numeric.indexOf(h[0]) >= 0) { td.className = "be-num"; }
        tr.appendChild(td);
      });
      return tr;
    }));
    if (!shown.length) {
      var none = el("tr"), td = el("td", W.none, {colspan: String(headings.length)});
      none.appendChild(td);
      body.appendChild(none);
    }
    var F = root.beFormat, num = F.makeFormat(view.P.words).num;
    setText("be-table-range", positions.length ? F.format(W.range, {first: num(start + 1),
      last: num(start + shown.length), n: num(positions.length)}) : W.none);
    setText("be-table-page", F.format(W.page, {page: num(view.page + 1), pages: num(pages)}));
    [["be-table-first", view.page === 0], ["be-table-prev", view.page === 0],
     ["be-table-next", view.page >= pages - 1], ["be-table-last", view.page >= pages - 1]].forEach(function (b) {
      var node = doc.getElementById(b[0]);
      if (node) { node.disabled = b[1]; }
    });
    doc.getElementById("be-table-pager").hidden = !positions.length;  // "no rows" says it all
    view.pages = pages;
    view.count = positions.length;
  }

  // a new view state or language: the rows it lists, from the first page
  function show(P, R, W, state, formula) {
    var box = doc.getElementById("be-table");
    if (!box) { return; }
    setText("be-table-title", W.title);
    var note = doc.getElementById("be-table-note");
    if (!R) {  // the file holds no rows (too many incidents)
      note.textContent = W.too_many;
      note.hidden = false;
      ["be-table-body-box", "be-table-search", "be-rows-csv"].forEach(function (id) { doc.getElementById(id).hidden = true; });
      return;
    }
    codes(W);
    var input = doc.getElementById("be-table-search");
    input.placeholder = W.search;
    input.setAttribute("aria-label", W.search);
    setText("be-rows-csv", W.rows_csv);
    setText("be-table-first", "\u00AB");
    setText("be-table-prev", "\u2039");
    setText("be-table-next", "\u203A");
    setText("be-table-last", "\u00BB");
    [["be-table-first", W.first], ["be-table-prev", W.previous], ["be-table-next", W.next],
     ["be-table-last", W.last]].forEach(function (b) { doc.getElementById(b[0]).setAttribute("aria-label", b[1]); });
    view.P = P;
    view.R = R;
    view.formula = formula;
    view.W = W;
    view.list = listed(P, R, state);
    view.page = 0;
    fill(W, view.list);
  }
  function redraw() { if (view.list) { fill(view.W, view.list); } }

  function download() {
    if (view.list) { save(view.W.file + ".csv", csv(view.W, view.R, view.list, view.formula)); }
  }

  if (doc) {
    doc.addEventListener("input", function (e) {
      if (e.target && e.target.id === "be-table-search") { view.search = e.target.value; view.page = 0; redraw(); }
    });
    doc.addEventListener("click", function (e) {
      var t = e.target.closest ? e.target : null;
      if (!t) { return; }
      var sortBy = t.closest(".be-sort");
      if (sortBy) {  // as the app's grid: ascending, descending, then the dataset's order
        var field = sortBy.getAttribute("data-sort"), s = view.sort;
        view.sort = !s || s.field !== field ? {field: field, dir: "asc"} : s.dir === "asc" ? {field: field, dir: "desc"} : null;
        view.page = 0;
        redraw();
        var again = doc.querySelector('.be-sort[data-sort="' + field + '"]');
        if (again) { again.focus(); }
        return;
      }
      var step = {"be-table-first": -Infinity, "be-table-prev": -1, "be-table-next": 1, "be-table-last": Infinity}[t.closest("button") ? t.closest("button").id : ""];
      if (step !== undefined && view.list) {
        view.page = Math.max(0, Math.min(view.pages - 1, step === -Infinity ? 0 : step === Infinity ? view.pages - 1 : view.page + step));
        redraw();
        return;
      }
      if (t.closest("#be-rows-csv")) { download(); }
    });
  }

  var api = {cell: cell, el: el, save: save, text: setText, listed: listed, searched: searched, sorted: sorted, order: order, cells: cells, csv: csv, show: show,
             ids: function (W, list, search, sort) {  // the incident ids in the table's order (tests)
               return order(W, list, search, sort).map(function (p) { return cells(W, list.rows[p]).incident_id; });
             },
             rowsCsv: function () { return view.list ? csv(view.W, view.R, view.list, view.formula) : null; }};
  root.beOfflineTable = api;
})(typeof window !== "undefined" ? window : globalThis);
