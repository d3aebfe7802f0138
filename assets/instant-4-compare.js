/* Compare mode in the browser: a view state's slice B (A with its `vs.` filters replaced), the
   95% Wilson interval, Fisher's exact test and the comparison's key figures, formed from the
   cube as components/charts/comparison.py and data/compare.py form them (the node parity run,
   tests/js/compare.test.js, holds both to the same strings on hundreds of random pairs). Pure:
   no DOM but panelNodes, which lays the model out as Dash-shaped components. */
(function (root) {
  "use strict";
  if (!root.beFormat && typeof require === "function") { require("./instant-1-format.js"); }  // node: as the page
  var cap = root.beFormat.cap, format = root.beFormat.format, plural = root.beFormat.plural, pyRound1 = root.beFormat.pyRound1;
  if (!root.beCube && typeof require === "function") { require("./instant-2-cube.js"); }  // node: as the page
  var aggregate = root.beCube.aggregate, parseState = root.beCube.parseState, periodCount = root.beCube.periodCount, periods = root.beCube.periods;
  if (!root.beViews && typeof require === "function") { require("./instant-3-views.js"); }  // node: as the page
  var describeParts = root.beViews.describeParts;

  var VS = "vs.";
  var CHANCE = 0.05, MINUS = "\u2212";

  // --- the two slices of a stored view state (compare.state_parts, compare.compare) -----------
  // {a: A's state, b: B's state, overrides: [[param, value]]}, or null when there is no B. The
  // store's overrides are canonical (the filters' order, B's values as B's address writes them).
  function slices(state) {
    var a = {}, overrides = [];
    Object.keys(state || {}).forEach(function (k) {
      if (k.indexOf(VS) === 0) { overrides.push([k.slice(VS.length), String(state[k])]); } else { a[k] = state[k]; }
    });
    if (!overrides.length) { return null; }
    var b = {}, replaced = {};
    overrides.forEach(function (o) { replaced[o[0]] = true; });
    Object.keys(a).forEach(function (k) { if (!replaced[k] && k !== "within") { b[k] = a[k]; } });
    overrides.forEach(function (o) { if (o[1] !== "") { b[o[0]] = o[1]; } });
    return {a: a, b: b, overrides: overrides};
  }

  // --- what small numbers can carry (compare.wilson, compare.fisher_exact) --------------------
  var wilson = root.beCube.wilson;
  var logFactorials = [0.0];
  function logFactorial(n) {
    while (logFactorials.length <= n) {
      logFactorials.push(logFactorials[logFactorials.length - 1] + Math.log(logFactorials.length));
    }
    return logFactorials[n];
  }
  function logChoose(n, k) { return logFactorial(n) - logFactorial(k) - logFactorial(n - k); }
  function fisherExact(a, b, c, d) {
    var row = a + b, col = a + c, total = a + b + c + d;
    if (total === 0) { return 1.0; }
    function logP(x) { return logChoose(row, x) + logChoose(total - row, col - x) - logChoose(total, col); }
    var seen = logP(a), lo = Math.max(0, col - (total - row)), hi = Math.min(row, col), p = 0;
    for (var x = lo; x <= hi; x++) {
      var lp = logP(x);
      if (lp <= seen + 1e-7) { p += Math.exp(lp); }
    }
    return Math.min(1.0, p);
  }

  function share(k, n) { return {k: k, n: n, pct: n ? pyRound1(100 * k / n) : null}; }
  function difference(sa, sb, shared) {  // compare.difference
    var points = sa.pct === null || sb.pct === null ? null : pyRound1(sb.pct - sa.pct);
    if (!sa.n || !sb.n) { return {a: sa, b: sb, points: points, p: null, why: "empty"}; }
    if (shared) { return {a: sa, b: sb, points: points, p: null, why: "overlap"}; }
    return {a: sa, b: sb, points: points, p: fisherExact(sa.k, sa.n - sa.k, sb.k, sb.n - sb.k), why: "tested"};
  }
  function pValue(fmt, p) {  // compare.p_value
    if (p < 0.001) { return "< " + fmt.num(0.001, 3); }
    return fmt.num(p, p >= 0.995 ? 1 : p >= 0.01 ? 2 : 3);
  }
  function verdict(P, fmt, d) {
    var key = d.p === null ? d.why : d.p >= CHANCE ? "chance" : "unlikely";
    // data/compare.py VERDICTS in the page's language (the payload's words.verdicts)
    return format(P.words.verdicts[key], {a: fmt.pct(d.a.pct), b: fmt.pct(d.b.pct),
                                               p: d.p === null ? "" : pValue(fmt, d.p)});
  }

  // --- each slice named from what differs (compare.names) -------------------------------------
  function sliceName(P, f, params) {
    var only = {}, has = {};
    params.forEach(function (k) { has[k] = true; if (k !== "from" && k !== "to" && f[k] !== undefined) { only[k] = f[k]; } });
    var parts = describeParts(P, only), S = P.vocabulary.schema.filters;
    function any(test) { return S.some(test); }
    if (!any(function (s) { return s.subject && has[s.param]; })) { parts = parts.slice(1); }
    if (any(function (s) { return s.where && has[s.param]; }) &&
        !any(function (s) { return s.where && only[s.param] && only[s.param].length; })) {
      parts.push(P.words.t.all_places);
    }
    if (has.from || has.to) {
      var start = f.from || P.months[0], end = f.to || P.months[P.months.length - 1];
      var whole = start.slice(0, 4) === end.slice(0, 4) && start.slice(5) === "01" && end.slice(5) === "12";
      parts.push(whole ? start.slice(0, 4) : P.words.months[start] + " \u2013 " + P.words.months[end]);
    }
    return parts.length ? cap(parts.join(", ")) : P.words.t.all_incidents;
  }

  // --- the comparison's key figures (components/charts/comparison.py panel) -------------------
  function signed(fmt, value) {
    var shown = fmt.num(Math.abs(value));
    if (shown === fmt.num(0)) { return shown; }
    return (value > 0 ? "+" : MINUS) + shown;
  }
  function shareNote(P, fmt, k, n, key) {
    return format(plural(P.words, key, n), {value: fmt.num(k), n: fmt.num(n)});
  }
  function shareCell(P, fmt, s, key) {
    return {value: fmt.pct(s.pct), note: shareNote(P, fmt, s.k, s.n, key),
            interval: root.beViews.intervalText(P, fmt, s.k, s.n),
            small: s.n > 0 && s.n < P.small_n ? "\u26a0 n < " + P.small_n : ""};
  }

  // both slices per year or month on one axis (figures.timeline_compare, comparison.timeline)
  function timeline(P, fmt, aggs, names, freq, said) {
    var V = root.beViews, fig = V.clone(P.skeletons.timeline_compare[freq]), list = periods(P, freq), peak = 0;
    aggs.forEach(function (agg, i) {
      var trace = fig.data[i], tag = "AB".charAt(i);
      var counts = list.map(function (p) { return periodCount(agg, p, "linked") + periodCount(agg, p, "inspired"); });
      trace.x = list.slice();
      trace.y = counts;
      trace.name = tag + " \u00b7 " + names[i];
      trace.text = counts.map(function (n) { return n ? fmt.num(n) : ""; });
      trace.customdata = list.map(function (p) { return [tag, p.length === 4 ? p : V.month(P, p)]; });
      peak = Math.max.apply(null, [peak].concat(counts));
    });
    var y = fig.layout.yaxis;
    y.dtick = V.integerAxis(peak);
    if (!peak) { y.range = [0, 1]; } else { delete y.range; }
    var a = aggs[0], b = aggs[1];
    return V.framed(P, fig, {reconstructed: a.reconstructed || b.reconstructed}, bothSubtitle(fmt, aggs, said),
                    a.n + b.n ? null : "no_match");
  }

  // both slices' maps on one colour scale (comparison.map_pair, maps.choropleth_pair /
  // fallback_pair): A's panel beside B's (the schematic's A above B), named, an empty slice's
  // note over its own panel
  function mapPair(P, fmt, fs, aggs, names, panel, metric, said) {
    var V = root.beViews, W = P.words, fig, empties;
    var both = aggs[0].n + aggs[1].n > 0;
    if (!P.boundaries) {
      fig = V.clone(P.skeletons.map_compare.schematic);
      var top = Math.max(V.schematicPeak(P, aggs[0]), V.schematicPeak(P, aggs[1]));
      aggs.forEach(function (a, i) { V.fillSchematic(P, fmt, fig.data[2 * i], fig.data[2 * i + 1], a, top, i ? "B" : ""); });
      var titles = fs.map(function (f) { return V.schematicTitle(P, f.province); });
      fig.layout.title.text = "<b>" + (titles[0] === titles[1] ? titles[0] : titles.join(" | ")) + "</b>";
      empties = aggs.map(function (a) { return both && !a.n ? "no_match" : null; });
    } else {
      fig = V.clone(P.skeletons.map_compare[panel + "|" + metric]);
      var per100k = metric === "per_100k";
      var drills = fs.map(function (f) { return V.mapArea(P, panel, f.province); });
      var rows = drills.map(function (d, i) { return V.choroRows(P, fmt, aggs[i], d.codes); });
      var peak = Math.max(V.choroPeak(rows[0], per100k), V.choroPeak(rows[1], per100k));
      rows.forEach(function (r, i) {
        var none = fig.data[2 * i], has = fig.data[2 * i + 1];
        if (drills[i].drilled) { none.geojson = has.geojson = P.skeletons.map["belgium|" + metric].data[1].geojson; }
        V.fillChoro(none, has, r, per100k, peak, i ? "B" : "");
      });
      var wheres = drills.map(function (d, i) { return d.drilled ? V.provincesTitle(P, fs[i].province) : P.places.panel_titles[panel]; });
      var where = wheres[0] === wheres[1] ? wheres[0] : wheres.join(" | ");
      fig.layout.title.text = "<b>" + format(W.msg["Where: {area}"], {area: root.beFormat.escapeMarkup(where)}) + "</b>";
      empties = aggs.map(function (a, i) { return both ? V.mapEmpty(a, drills[i].codes) : null; });
    }
    fig.layout.annotations.filter(function (x) { return x.name === "slice"; }).forEach(function (x, i) {
      x.text = "<b>" + "AB".charAt(i) + " \u00b7 " + root.beFormat.escapeMarkup(names[i]) + "</b>";  // over its panel
    });
    V.framed(P, fig, {reconstructed: aggs[0].reconstructed || aggs[1].reconstructed}, bothSubtitle(fmt, aggs, said),
             both ? null : "no_match");
    empties.forEach(function (key, i) {
      if (!key) { return; }
      var note = V.clone(P.frame.pair_empty[key]);
      Object.assign(note, fig.layout.meta.empty_at[i], {name: "empty-" + "AB".charAt(i)});
      fig.layout.annotations.push(note);
    });
    return fig;
  }

  // the comparison's model; seen (optional) is given slice A's aggregate, for the views to reuse
  // linked versus inspired for each slice and type, A's bar above B's (comparison.shares)
  function shares(P, fmt, aggs, said) {
    var V = root.beViews, bars = [];
    P.types.forEach(function (k) {
      ["A", "B"].forEach(function (tag, i) { bars.push({kind: k, tag: tag, agg: aggs[i]}); });
    });
    var fig = V.sharesBars(P, fmt, V.clone(P.skeletons.shares_compare), bars);
    return V.framed(P, fig, {reconstructed: aggs[0].reconstructed || aggs[1].reconstructed},
                    bothSubtitle(fmt, aggs, said), aggs[0].n + aggs[1].n ? null : "no_match");
  }
  function bothSubtitle(fmt, aggs, said) {  // comparison._caption: the title, both n
    return root.beFormat.escapeMarkup(said) + " \u00b7 n = " + fmt.num(aggs[0].n) + " / " + fmt.num(aggs[1].n);
  }
  // comparison.title: what both slices share (compare.common), then A against B
  function titleOf(P, fa, params, names) {
    var both = {};
    Object.keys(fa).forEach(function (k) { if (params.indexOf(k) < 0 && k !== "within") { both[k] = fa[k]; } });
    var parts = describeParts(P, both);
    if (!(both.type && both.type.length) && !(both.connection && both.connection.length)) { parts = parts.slice(1); }
    var versus = format(P.words.msg["{a} against {b}"], {a: names[0], b: names[1]});
    return parts.length ? cap(parts.join(", ") + " \u00b7 " + versus) : versus;  // a heading: its first capital
  }

  function model(P, fmt, state, freq, seen, where) {
    where = where || {};
    var s = slices(state);
    if (!s) { return null; }
    var fa = parseState(P, s.a), fb = parseState(P, s.b);
    var keepA = new Uint8Array(P.cube.rows), keepB = new Uint8Array(P.cube.rows);
    var a = aggregate(P, fa, keepA), b = aggregate(P, fb, keepB);
    if (seen) { seen.a = a; }
    var w = root.beCube.columns(P).w, shared = 0;
    for (var i = 0; i < keepA.length; i++) { if (keepA[i] && keepB[i]) { shared += w[i]; } }
    var params = s.overrides.map(function (o) { return o[0]; });
    var names = [sliceName(P, fa, params), sliceName(P, fb, params)];
    var T = P.words.t;
    var counts = {incidents: [a.n, b.n], arrest_actions: [a.actions, b.actions],
                  attacks: [a.n - a.actions, b.n - b.actions], people: [a.people, b.people]};
    var rows = ["incidents", "arrest_actions", "attacks", "people"].map(function (key) {
      var c = counts[key];
      return {key: key, label: cap(T[key]), a: fmt.num(c[0]), b: fmt.num(c[1]), difference: signed(fmt, c[1] - c[0])};
    });
    [["share_linked", a.linked, a.n, b.linked, b.n, "share_incidents"],
     ["share_plot", a.plots, a.actions, b.plots, b.actions, "share_actions"]].forEach(function (r) {
      var d = difference(share(r[1], r[2]), share(r[3], r[4]), shared);
      rows.push({key: r[0], label: T[r[0]], a: shareCell(P, fmt, d.a, r[5]), b: shareCell(P, fmt, d.b, r[5]),
                 difference: d.points === null ? "\u2013" : format(P.words.msg["{value} points"], {value: signed(fmt, d.points)}),
                 verdict: verdict(P, fmt, d)});
    });
    var title = titleOf(P, fa, params, names);
    return {names: names, title: title,
            rows: rows, shared: shared, empty: [!a.n, !b.n], chips: chips(P, fb, s.overrides),
            timeline: timeline(P, fmt, [a, b], names, freq || "year", title),
            describe_timeline: ["A", "B"].map(function (tag, i) {
              return tag + " \u00b7 " + names[i] + ": " + root.beViews.altTimeline(P, fmt, [a, b][i], freq || "year");
            }).join(" "),
            shares: shares(P, fmt, [a, b], title),
            map: mapPair(P, fmt, [fa, fb], [a, b], names, where.panel || "brussels", where.metric || "incidents", title),
            describe_map: ["A", "B"].map(function (tag, i) {
              return tag + " \u00b7 " + names[i] + ": " + root.beViews.altPlaces(P, fmt, [a, b][i]);
            }).join(" "),
            describe_shares: ["A", "B"].map(function (tag, i) {
              return tag + " \u00b7 " + names[i] + ": " + root.beViews.altShares(P, fmt, [a, b][i]);
            }).join(" ")};
  }

  // which of A's chips are A's alone, and B's own: one per filter B replaces (comparison.chips;
  // the chip a parameter is shown by: a month's the period's, any other filter's its own)
  function chips(P, fb, overrides) {
    var groups = {}, order = [], chipOf = {};
    P.vocabulary.schema.filters.forEach(function (s) { chipOf[s.param] = s.kind === "month" ? "period" : s.field; });
    overrides.forEach(function (o) {
      var name = chipOf[o[0]];
      if (!groups[name]) { groups[name] = []; order.push(name); }
      groups[name].push(o[0]);
    });
    return {a_only: order.slice().sort(),
            b: order.map(function (name) {
              return ["vs", groups[name].join(","), format(P.words.msg["B: {label}"], {label: sliceName(P, fb, groups[name])})];
            })};
  }

  // --- laid out: a table, one row per figure, the verdicts under it ---------------------------
  function node(type, children, props) {
    var p = {children: children};
    Object.keys(props || {}).forEach(function (k) { p[k] = props[k]; });
    return {type: type, namespace: "dash_html_components", props: p};
  }
  function cell(value) {
    if (typeof value === "string") { return [value]; }
    return [node("Span", value.value, {className: "cmp-value"}),
            node("Span", value.note, {className: "cmp-note"}),
            node("Span", value.interval, {className: "cmp-note cmp-interval"}),
            value.small ? node("Span", value.small, {className: "cmp-small"}) : null];
  }
  function panelNodes(P, m) {
    var T = P.words.msg;
    var head = node("Tr", [node("Th", T["Key figure"], {scope: "col"}),
                           node("Th", [node("Span", "A", {className: "cmp-tag"}), " ", m.names[0]], {scope: "col"}),
                           node("Th", [node("Span", "B", {className: "cmp-tag cmp-tag-b"}), " ", m.names[1]], {scope: "col"}),
                           node("Th", T["Difference (B \u2212 A)"], {scope: "col"})]);
    var body = m.rows.map(function (r) {
      // each cell names its column too: on a phone the rows stack and say it (assets/style.css;
      // the slices' names are the title's and the chips')
      return node("Tr", [node("Th", r.label, {scope: "row"}),
                         node("Td", cell(r.a), {"data-label": "A"}),
                         node("Td", cell(r.b), {"data-label": "B"}),
                         node("Td", r.difference, {"data-label": T["Difference (B \u2212 A)"]})], {"data-key": r.key});
    });
    var verdicts = m.rows.filter(function (r) { return r.verdict; }).map(function (r) {
      return node("P", format(T["{label}: {verdict}"], {label: r.label, verdict: r.verdict}), {className: "cmp-verdict"});
    });
    var empty = m.empty[1] ? [node("P", format(T["{slice}: no incidents match these filters."], {slice: m.names[1]}), {className: "cmp-empty"})] : [];
    if (m.empty[0]) { empty.unshift(node("P", format(T["{slice}: no incidents match these filters."], {slice: m.names[0]}), {className: "cmp-empty"})); }
    // its data as files (assets/downloads.js fetches /export/compare.<ext> for the page's address)
    var files = node("P", [T["Download the comparison:"]].concat(
      [["csv", "", "CSV"], ["csv", "sep=semicolon", T["CSV (; for Belgian Excel)"]], ["xlsx", "", "XLSX"]].map(function (f) {
        return node("Button", f[2], {type: "button", className: "cmp-file",
                                     id: JSON.stringify({type: "export-file", path: "/export/compare." + f[0], extra: f[1]})});
      })), {className: "cmp-files"});
    return [node("H2", m.title, {className: "cmp-title", id: "compare-title"}),
            node("Table", [node("Thead", head), node("Tbody", body)], {className: "cmp-table", "aria-labelledby": "compare-title"})]
      .concat(empty, verdicts, [files]);
  }

  var api = {difference: difference, fisherExact: fisherExact, model: model, panelNodes: panelNodes, pValue: pValue,
             share: share, sliceName: sliceName, slices: slices, verdict: verdict, wilson: wilson};
  root.beCompare = api;
  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
})(typeof window !== "undefined" ? window : globalThis);
