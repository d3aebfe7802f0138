/* The sections below the main charts in the offline file (components/offline/sections.py):
   the networks of the view state, computed here by the aggregate the payload declares
   (beCube.grouped over AGGREGATES.networks), one table per slice; and the people of all
   incidents as the app shows them, with its disclosure control (written by Python). */
(function (root) {
  "use strict";
  var doc = root.document;

  var el = root.beOfflineTable.el;  // table.js, loaded first
  // a table: numeric, the columns of numbers (set right, heading too); compact: as wide as
  // its content
  function table(headings, rows, numeric, compact) {
    var t = el("table", null, {"class": "be-table" + (compact ? " be-compact" : "")});
    var head = el("thead"), tr = el("tr");
    headings.forEach(function (h, i) {
      tr.appendChild(el("th", root.beFormat.cap(h), numeric.indexOf(i) >= 0 ? {scope: "col", "class": "be-num"} : {scope: "col"}));
    });
    head.appendChild(tr);
    t.appendChild(head);
    var body = el("tbody");
    rows.forEach(function (r) {
      var row = el("tr");
      r.forEach(function (cell, i) {
        var td = el("td");
        if (cell && cell.nodeType) { td.appendChild(cell); } else { td.textContent = cell; }
        if (numeric.indexOf(i) >= 0) { td.className = "be-num"; }
        row.appendChild(td);
      });
      body.appendChild(row);
    });
    t.appendChild(body);
    return t;
  }

  // one slice's networks: the caption as the app's (views.network_figures) and the table
  function networks(P, N, f, label) {
    var fmt = root.beFormat.makeFormat(P.words), V = root.beViews;
    var g = root.beCube.grouped(P, f, P.aggregates.networks);
    var links = g.groups.reduce(function (s, x) { return s + x.count; }, 0);
    var box = el("div", null, {"class": "be-section-part"});
    var said = root.beFormat.format(N.subtitle, {where: V.describe(P, f), tied: fmt.num(g.tied), links: fmt.num(links)});
    box.appendChild(el("p", (label ? label + " \u00b7 " : "") + said, {"class": "be-subtitle"}));
    if (!g.groups.length) {
      box.appendChild(el("p", N.no_network_match, {"class": "be-empty"}));
      return box;
    }
    var top = g.groups[0].count;
    var rows = g.groups.map(function (x) {
      var bar = el("span", null, {"class": "be-bar"}), cell = el("span", null, {"class": "be-bar-cell"});
      bar.style.width = (10 * x.count / top).toFixed(2) + "em";
      cell.appendChild(bar);
      cell.appendChild(el("span", fmt.num(x.count)));
      var partners = g.pairs.filter(function (p) { return p.a === x.key || p.b === x.key; })
        .map(function (p) { return (p.a === x.key ? p.b : p.a) + " (" + fmt.num(p.count) + ")"; });
      return [x.key, cell, V.month(P, x.first) + (x.last !== x.first ? " \u2013 " + V.month(P, x.last) : ""), partners.join(", ")];
    });
    var scroll = el("div", null, {"class": "be-table-scroll"});
    scroll.appendChild(table([N.network, root.beFormat.cap(N.arrest_actions), N.active, N["with"]], rows, []));
    box.appendChild(scroll);
    return box;
  }

  function show(P, words, state) {
    var N = words.networks, box = doc.getElementById("be-networks");
    if (box) {
      var cube = root.beCube, parts = root.beCompare.slices(state);
      var slices = parts ? [["A", parts.a], ["B", parts.b]] : [["", state]];
      doc.getElementById("be-networks-title").textContent = N.chart_networks;
      box.replaceChildren.apply(box, slices.map(function (s) { return networks(P, N, cube.parseState(P, s[1]), s[0]); }));
    }
    var people = doc.getElementById("be-people"), W = words.people;
    if (people && people.getAttribute("data-lang") !== P.words.lang) {
      people.setAttribute("data-lang", P.words.lang);
      doc.getElementById("be-people-title").textContent = W.title;
      var parts_ = [el("p", W.note, {"class": "be-note"}), el("p", W.summary)];
      W.tables.forEach(function (t) {
        var part = el("div", null, {"class": "be-section-part"});
        part.appendChild(el("h3", t.title));
        part.appendChild(el("p", root.beFormat.cap(t.base), {"class": "be-subtitle"}));
        part.appendChild(table(t.headings, t.rows, t.numeric, true));
        parts_.push(part);
      });
      people.replaceChildren.apply(people, parts_);
    }
  }

  root.beOfflineSections = {show: show, networks: function (P, f) { return root.beCube.grouped(P, f, P.aggregates.networks); }};
})(typeof window !== "undefined" ? window : globalThis);
