/* Instant views: a filter change redraws the key figures, chips, summary and the three main
   charts in the browser, from the incidents cube and the words components/web/instant.py sends once
   per language (/instant/<lang>.json). Every number and sentence is formed as the Python code
   forms it (data/aggregate.py, components/charts/views.py, figures.py, alt_text.py): a parity test
   (tests/browser/test_instant.py) holds both to the same output on hundreds of filter states.
   Exports, the briefing, embeds and the table stay on the server. */
(function (root) {
  "use strict";

  // --- numbers, as Babel writes them (CLDR patterns, half-even on the shortest decimal) ------
  function decimalParts(value, shift) {
    // value >= 0 as digit strings [integer, fraction], the point moved right by shift
    var m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
    var all = m[1] + (m[2] || "");
    var point = m[1].length + (m[3] ? +m[3] : 0) + shift;
    while (point < 1) { all = "0" + all; point += 1; }
    while (all.length < point) { all += "0"; }
    return [all.slice(0, point), all.slice(point)];
  }

  function increment(digits) {
    var out = digits.split(""), i = out.length - 1;
    while (i >= 0) {
      if (out[i] === "9") { out[i] = "0"; i -= 1; } else { out[i] = String(+out[i] + 1); break; }
    }
    return (i < 0 ? "1" : "") + out.join("");
  }

  function roundDigits(value, shift, digits) {
    var parts = decimalParts(value, shift);
    var kept = parts[0] + (parts[1] + "0".repeat(digits)).slice(0, digits);
    var rest = parts[1].slice(digits);
    var first = rest.charAt(0), up = first > "5";
    if (first === "5") { up = /[1-9]/.test(rest.slice(1)) || +kept.charAt(kept.length - 1) % 2 === 1; }
    if (up) { kept = increment(kept); }
    var integer = kept.slice(0, kept.length - digits).replace(/^0+(?=\d)/, "") || "0";
    return [integer, kept.slice(kept.length - digits)];
  }

  function group(integer, sep) {
    return integer.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  }

  function makeFormat(words) {
    function num(value, digits) {
      digits = digits || 0;
      if (value < 0) { return "-" + num(-value, digits); }
      var r = roundDigits(value, 0, digits);
      return group(r[0], words.group) + (digits ? words.decimal + r[1] : "");
    }
    function pct(value) {
      if (value === null || value === undefined || value !== value) { return "\u2013"; }
      var r = roundDigits(value / 100, 2, 0);
      return group(r[0], words.group) + words.percent;
    }
    return {num: num, pct: pct};
  }

  function rint(x) {  // numpy's rint: halves to even
    var r = Math.round(x);
    if (Math.abs(x % 1) === 0.5) { r = 2 * Math.round(x / 2); }
    return r;
  }
  function npRound(x, digits) {  // pandas Series.round: numpy around
    var scale = Math.pow(10, digits);
    return rint(x * scale) / scale;
  }
  function pyRound1(x) {  // Python round(x, 1): no float is ever a tie at one decimal
    return +x.toFixed(1);
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : all;
    });
  }
  function cap(text) { return text.charAt(0).toUpperCase() + text.slice(1); }
  function escapeMarkup(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }
  function plural(words, key, n) { return words.plural[key][n === 0 ? 0 : n === 1 ? 1 : 2]; }
  // "1 incident", "2 incidents" (as figures.incidents_count)
  function incidentsCount(P, fmt, n) { return format(plural(P.words, "summary", n), {n: fmt.num(n)}); }
  function sorted(values) { return values.slice().sort(function (a, b) { return a < b ? -1 : a > b ? 1 : 0; }); }

  // --- the filter state (the store holds the URL's parameters, values comma-joined) ---------
  function parseState(filterState) {
    var f = {};
    Object.keys(filterState || {}).forEach(function (key) {
      var value = String(filterState[key]);
      f[key] = (key === "from" || key === "to" || key === "plot" || key === "within") ? value :
        value.split(",").filter(function (v) { return v; });
    });
    return f;
  }

  // --- selection and aggregation over the cube ------------------------------------------------
  function lookup(values, test) {
    var out = new Uint8Array(values.length);
    for (var i = 0; i < values.length; i++) { out[i] = test(values[i]) ? 1 : 0; }
    return out;
  }
  function anyOf(chosen) {
    var set = {};
    chosen.forEach(function (v) { set[v] = true; });
    return function (list) { return list.some(function (v) { return set[v]; }); };
  }

  function placeTest(P, places) {
    var codes = {}, groups = P.places.groups, grouped = {};
    Object.keys(groups).forEach(function (g) { groups[g].forEach(function (c) { grouped[c] = true; }); });
    places.forEach(function (p) {
      if (groups[p]) { groups[p].forEach(function (c) { codes[c] = true; }); }
      if (/^\d+$/.test(p)) { codes[p] = true; }
    });
    var elsewhere = places.indexOf("elsewhere") >= 0;
    return function (code) { return codes[code] || (elsewhere && !grouped[code]); };
  }

  // the cube's columns as typed arrays, decoded once per payload (components/web/instant.py _column)
  var ARRAYS = {u8: Uint8Array, u16: Uint16Array, u32: Uint32Array};
  function column(c) {
    if (!c || typeof c.data !== "string") { return c; }  // already an array
    var text = atob(c.data), bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) { bytes[i] = text.charCodeAt(i); }
    return new ARRAYS[c.dtype](bytes.buffer, 0, bytes.length / ARRAYS[c.dtype].BYTES_PER_ELEMENT);
  }
  var COLUMNS = ["m", "t", "c", "l", "p", "g", "n", "z", "s", "w", "k"];
  function columns(P) {
    if (!P.cube.cols) {
      var cols = {};
      COLUMNS.forEach(function (k) { cols[k] = column(P.cube[k]); });
      P.cube.cols = cols;
    }
    return P.cube.cols;
  }

  function aggregate(P, f) {
    var C = columns(P), D = P.cube.dict, n = P.cube.rows;
    var okM = lookup(D.m, function (m) { return (!f.from || m >= f.from) && (!f.to || m <= f.to); });
    var inSet = function (chosen) { return function (v) { return !chosen || !chosen.length || chosen.indexOf(v) >= 0; }; };
    var okT = lookup(D.t, inSet(f.type)), okC = lookup(D.c, inSet(f.connection));
    var okL = lookup(D.l, inSet(f.link));
    var okN = f.network && f.network.length ? lookup(D.n, anyOf(f.network)) : null;
    var okG = f.place && f.place.length ? lookup(D.g, placeTest(P, f.place)) : null;
    if (f.province && f.province.length) {  // both hold: the place and the province
      var inProvince = lookup(D.g, function (code) { return f.province.indexOf(P.places.province_of[code]) >= 0; });
      okG = okG ? okG.map(function (ok, i) { return ok && inProvince[i]; }) : inProvince;
    }
    var okZ = f.citizenship && f.citizenship.length ? lookup(D.z, anyOf(f.citizenship)) : null;
    var plot = f.plot === "yes" ? 1 : f.plot === "no" ? 0 : -1;
    var action = D.t.indexOf("arrest_action"), linked = D.c.indexOf("linked");
    var nt = D.t.length, nc = D.c.length;
    // counts by code in flat typed arrays (no strings in the loop), named after it
    var byTC = new Float64Array(nt * nc), byMT = new Float64Array(D.m.length * nt);
    var byMC = new Float64Array(D.m.length * nc), byG = new Float64Array(D.g.length);
    var seenG = new Uint8Array(D.g.length), seenM = new Uint8Array(D.m.length);
    var total = 0, actions = 0, linkedN = 0, plots = 0, people = 0, reconstructed = false;
    var cm = C.m, ct = C.t, cc = C.c, cl = C.l, cp = C.p, cg = C.g, cn = C.n, cz = C.z;
    var cs = C.s, cw = C.w, ck = C.k;
    for (var i = 0; i < n; i++) {
      if (!okM[cm[i]] || !okT[ct[i]] || !okC[cc[i]] || !okL[cl[i]]) { continue; }
      if (plot >= 0 && cp[i] !== plot) { continue; }
      if ((okN && !okN[cn[i]]) || (okG && !okG[cg[i]]) || (okZ && !okZ[cz[i]])) { continue; }
      var w = cw[i], t = ct[i], c = cc[i], m = cm[i], g = cg[i];
      total += w;
      people += ck[i];
      if (t === action) { actions += w; if (cp[i] === 1) { plots += w; } }
      if (c === linked) { linkedN += w; }
      if (cs[i] === 1) { reconstructed = true; }
      byTC[t * nc + c] += w;
      byMT[m * nt + t] += w;
      byMC[m * nc + c] += w;
      byG[g] += w;
      seenG[g] = 1;
      seenM[m] = 1;
    }
    var a = {n: total, actions: actions, linked: linkedN, plots: plots, people: people,
             reconstructed: reconstructed, byType: {}, byMonth: {}, byPlace: {}};
    for (var ti = 0; ti < nt; ti++) {
      for (var ci = 0; ci < nc; ci++) {
        if (byTC[ti * nc + ci]) { a.byType[D.t[ti] + "|" + D.c[ci]] = byTC[ti * nc + ci]; }
      }
    }
    for (var mi = 0; mi < D.m.length; mi++) {
      if (!seenM[mi]) { continue; }
      var mm = a.byMonth[D.m[mi]] = {};
      for (ti = 0; ti < nt; ti++) { if (byMT[mi * nt + ti]) { mm[D.t[ti]] = byMT[mi * nt + ti]; } }
      for (ci = 0; ci < nc; ci++) { if (byMC[mi * nc + ci]) { mm[D.c[ci]] = byMC[mi * nc + ci]; } }
    }
    for (var gi = 0; gi < D.g.length; gi++) { if (seenG[gi]) { a.byPlace[D.g[gi]] = byG[gi]; } }
    return a;
  }

  function periods(P, freq) {
    if (freq === "month") { return P.months.slice(); }
    var years = [];
    P.months.forEach(function (m) { if (years.indexOf(m.slice(0, 4)) < 0) { years.push(m.slice(0, 4)); } });
    return years;
  }
  function periodCount(a, period, key) {
    var total = 0;
    Object.keys(a.byMonth).forEach(function (m) {
      if (m === period || m.slice(0, 4) === period) { total += a.byMonth[m][key] || 0; }
    });
    return total;
  }
  function byPlace(a) {  // aggregate.by_municipality's order: most incidents first, then code
    return Object.keys(a.byPlace).map(function (code) { return [code, a.byPlace[code]]; })
      .sort(function (x, y) { return y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0); });
  }

  // --- sentences ------------------------------------------------------------------------------
  function month(P, period) { return P.words.months[period]; }
  function periodLabel(P, f) {
    return month(P, f.from || P.months[0]) + " \u2013 " + month(P, f.to || P.months[P.months.length - 1]);
  }

  function describe(P, f) {
    var W = P.words, T = W.t, parts = [];
    var types = f.type || [], conns = f.connection || [];
    var noun = types.length === 1 ? types[0] + "s" : "incidents", subject = T[noun];
    if (conns.length === 1) { subject = T[conns[0] + "_" + noun]; }
    parts.push(types.length || conns.length ? cap(subject) : T.all_incidents);
    if (f.link && f.link.length) { parts.push(sorted(f.link).map(function (x) { return T[x]; }).join(" / ")); }
    if (f.plot) { parts.push(T[f.plot === "yes" ? "with_plot" : "without_plot"]); }
    if (f.network && f.network.length) { parts.push(sorted(f.network).join(" + ")); }
    if (f.place && f.place.length) {
      parts.push(sorted(f.place).map(function (p) {
        var name = P.places.describe[p];
        return name === undefined ? p : name;
      }).join(" + "));
    }
    if (f.province && f.province.length) {
      parts.push(sorted(f.province).map(function (p) { return P.places.provinces[p]; }).join(" + "));
    }
    if (f.citizenship && f.citizenship.length) {
      parts.push(T.citizens + " " + sorted(f.citizenship).map(function (c) { return W.countries[c] || c; }).join(" + "));
    }
    if (f.from || f.to) { parts.push(periodLabel(P, f)); }
    return parts.join(", ");
  }

  function chips(P, f) {
    var W = P.words, out = [];
    function label(name, value) {
      if (name === "places") { var n = P.places.chip[value]; return n === undefined ? value : n; }
      if (name === "provinces") { return P.places.provinces[value]; }
      if (name === "types" || name === "connections" || name === "links") { return W.t[value] || value; }
      return value;
    }
    [["types", "type"], ["connections", "connection"], ["links", "link"], ["networks", "network"],
     ["places", "place"], ["provinces", "province"], ["citizenships", "citizenship"]].forEach(function (pair) {
      sorted(f[pair[1]] || []).forEach(function (v) { out.push([pair[0], v, label(pair[0], v)]); });
    });
    if (f.plot) { out.push(["plot", "", W.msg[f.plot === "yes" ? "with a plot" : "without a plot"]]); }
    if (f.from || f.to) { out.push(["period", "", periodLabel(P, f)]); }
    if (f.within) { out.push(["within", f.within, "\u21a9 " + label("places", f.within)]); }
    return out.map(function (c) {
      return {type: "Button", namespace: "dash_mantine_components", props: {
        children: c[2] + " \u2715", id: {type: "chip", name: c[0], value: c[1]},
        size: "compact-sm", variant: "light", radius: "xl",
        "aria-label": format(W.msg["Remove filter: {label}"], {label: c[2]})}};
    });
  }

  function div(children, props) {
    var p = {children: children};
    Object.keys(props || {}).forEach(function (k) { p[k] = props[k]; });
    return {type: "Div", namespace: "dash_html_components", props: p};
  }

  function shareNote(P, fmt, value, n, key) {
    return format(plural(P.words, key, n), {value: fmt.num(value), n: fmt.num(n)});
  }

  function kpis(P, fmt, a) {
    var T = P.words.t;
    function pctOf(part, whole) { return whole ? pyRound1(100 * part / whole) : null; }
    function card(id, label, value, note) {
      note = note || "";
      return div([div(label, {className: "kpi-label"}), div(value, {className: "kpi-value"}),
                  div(note, {className: "kpi-note"})],
                 {id: id, className: "kpi", role: "group",
                  "aria-label": label + ": " + value + (note ? " (" + note + ")" : "")});
    }
    return [
      card("kpi-incidents", cap(T.incidents), fmt.num(a.n)),
      card("kpi-arrest-actions", cap(T.arrest_actions), fmt.num(a.actions)),
      card("kpi-attacks", cap(T.attacks), fmt.num(a.n - a.actions)),
      card("kpi-people", T.people, fmt.num(a.people), T.people_note),
      card("kpi-linked", T.share_linked, fmt.pct(pctOf(a.linked, a.n)),
           shareNote(P, fmt, a.linked, a.n, "share_incidents")),
      card("kpi-plot", T.share_plot, fmt.pct(pctOf(a.plots, a.actions)),
           shareNote(P, fmt, a.plots, a.actions, "share_actions")),
    ];
  }

  // text alternatives (components/charts/alt_text.py)
  function altShares(P, fmt, a) {
    var W = P.words, parts = [];
    ["arrest_action", "attack"].forEach(function (kind) {
      var linked = a.byType[kind + "|linked"] || 0, inspired = a.byType[kind + "|inspired"] || 0;
      var total = linked + inspired, noun = W.t[kind + "s"];
      if (total) {
        parts.push(format(W.msg["of {total} {noun}, {linked}{share} were linked and {inspired} inspired"], {
          total: fmt.num(total), noun: noun, linked: fmt.num(linked),
          share: " (" + fmt.pct(100 * linked / total) + ")", inspired: fmt.num(inspired)}));
      } else {
        parts.push(format(W.msg["no {noun}"], {noun: noun}));
      }
    });
    return cap(parts.join("; ")) + ".";
  }

  function altTimeline(P, fmt, a, freq) {
    var W = P.words, list = periods(P, freq);
    var totals = list.map(function (p) { return periodCount(a, p, "linked") + periodCount(a, p, "inspired"); });
    var total = totals.reduce(function (x, y) { return x + y; }, 0);
    if (!total) { return W.msg["No incidents in any period."]; }
    var most = Math.max.apply(null, totals), peak = list[totals.indexOf(most)];
    if (freq === "year") {
      return format(W.msg["Incidents per year: {listed}; {total} in all, most in {peak} ({most})."], {
        listed: list.map(function (p, i) { return p + ": " + fmt.num(totals[i]); }).join(", "),
        total: fmt.num(total), peak: peak, most: fmt.num(most)});
    }
    return format(W.msg["Incidents per month: {with_any} of {months} months with at least one; {total} in all, most in {peak} ({most})."], {
      with_any: fmt.num(totals.filter(function (x) { return x > 0; }).length),
      months: fmt.num(list.length), total: fmt.num(total), peak: month(P, peak), most: fmt.num(most)});
  }

  function altPlaces(P, fmt, a) {
    var W = P.words, table = byPlace(a);
    if (!table.length) { return W.msg["No incidents in any municipality."]; }
    var names = P.places.chip, total = 0;
    table.forEach(function (r) { total += r[1]; });
    var top = table.slice(0, 3).map(function (r) {
      return (names[r[0]] === undefined ? r[0] : names[r[0]]) + " (" + fmt.num(r[1]) + ")";
    }).join(", ");
    return format(plural(W, "alt_places", table.length), {n: fmt.num(total), m: fmt.num(table.length), top: top});
  }

  // --- charts: the Python skeleton of the options shown, its numbers replaced ----------------
  function clone(x) { return JSON.parse(JSON.stringify(x)); }

  function framed(P, fig, a, subtitleText, empty) {
    var F = P.frame, layout = fig.layout;
    layout.title.subtitle.text = subtitleText;
    var kept = (layout.annotations || []).filter(function (x) { return x.name !== "foot" && x.name !== "empty-state"; });
    var which = a.reconstructed ? "provenance" : "plain";
    var foot = clone(F.foot[which]);
    var key = kept.filter(function (x) { return x.name === "key"; })[0];
    var room = key ? keyRoom(key.text) : 0;  // the foot under the key, as figures._frame puts it
    foot.yshift -= room;
    kept.push(foot);
    if (empty) { kept.push(clone(F.empty[empty])); }
    layout.annotations = kept;
    layout.margin.b = F.margin_b[which] + room;
    return fig;
  }

  function keyRoom(text) { return 6 + 16 * String(text).split(/<br>/).length; }  // figures.key_room

  function subtitle(P, fmt, f, n) {
    return escapeMarkup(describe(P, f)) + " \u00b7 " + format(plural(P.words, "caption_n", n), {n: fmt.num(n)});
  }

  // at most about six whole-number ticks, 1, 2, 5 times a power of ten apart (as figures.tick_step)
  function integerAxis(peak) { return root.beBars.tickStep(peak / 6); }

  function sharesFigure(P, fmt, f, a) {
    var W = P.words, fig = clone(P.skeletons.shares), types = P.types;
    var totals = {}, labels = {};
    types.forEach(function (k) {
      totals[k] = (a.byType[k + "|linked"] || 0) + (a.byType[k + "|inspired"] || 0);
      labels[k] = cap(W.t[k + "s"]) + " (n = " + fmt.num(totals[k]) + ")" +
        (totals[k] > 0 && totals[k] < P.small_n ? " \u26a0 n < " + P.small_n : "");
    });
    ["linked", "inspired"].forEach(function (conn, i) {
      var trace = fig.data[i];
      trace.y = types.map(function (k) { return labels[k]; });
      var counts = types.map(function (k) { return a.byType[k + "|" + conn] || 0; });
      var shares = counts.map(function (n, j) { return totals[types[j]] > 0 ? npRound(100 * n / totals[types[j]], 1) : 0; });
      trace.x = shares;
      trace.text = counts.map(function (n, j) { return n ? W.t[conn] + " " + fmt.pct(shares[j]) + " (" + fmt.num(n) + ")" : ""; });
      trace.customdata = counts.map(function (n, j) { return [conn, types[j], n, totals[types[j]]]; });
    });
    types.forEach(function (k, i) { fig.layout.annotations[i].text = "<b>" + labels[k] + "</b>"; });
    return framed(P, fig, a, subtitle(P, fmt, f, a.n), a.n ? null : "no_match");
  }

  function timelineFigure(P, fmt, f, a, freq, by, events) {
    var fig = clone(P.skeletons.timeline[freq + "|" + by + "|" + (events ? 1 : 0)]);
    var list = periods(P, freq);
    var totals = list.map(function (p) {
      return by === "connection" ? periodCount(a, p, "linked") + periodCount(a, p, "inspired") :
        periodCount(a, p, "arrest_action") + periodCount(a, p, "attack");
    });
    fig.data.forEach(function (trace) {
      var key = trace.customdata[0][0];
      var counts = list.map(function (p) { return periodCount(a, p, key); });
      trace.x = list.slice();
      trace.y = counts;
      trace.text = counts.map(function (n) { return n ? fmt.num(n) : ""; });
      trace.customdata = counts.map(function (n, i) {  // the period as the axis says it
        return [key, totals[i], list[i].length === 4 ? list[i] : month(P, list[i])];
      });
    });
    var peak = Math.max.apply(null, totals);
    var y = fig.layout.yaxis;
    y.dtick = integerAxis(peak);
    // with events on, the axis reaches above the bars, for their marks (figures.EVENT_ROOM)
    if (!peak) { y.range = [0, 1]; } else if (events) { y.range = [0, peak * P.frame.event_room]; } else { delete y.range; }
    return framed(P, fig, a, subtitle(P, fmt, f, a.n), a.n ? null : "no_match");
  }

  // places.map_area: the panel's municipalities within the provinces filtered on; where the
  // panel holds none of them, the provinces' own (drilled down: the map zooms to them)
  function mapArea(P, panel, provinces) {
    var shown = P.places.panels[panel];
    if (!provinces || !provinces.length) { return {codes: shown, drilled: false}; }
    function within(c) { return provinces.indexOf(P.places.province_of[c]) >= 0; }
    var inside = shown.filter(within);
    if (inside.length && inside.length === shown.length) { return {codes: shown, drilled: false}; }
    return {codes: inside.length ? inside : P.places.panels.belgium.filter(within), drilled: true};
  }

  function provincesTitle(P, provinces) {  // figures.provinces_title
    return sorted(provinces).map(function (p) { return P.places.provinces[p]; }).join(" + ");
  }

  function mapFigure(P, fmt, f, a, panel, metric) {
    if (!P.boundaries) { return schematicFigure(P, fmt, f, a); }
    var W = P.words, fig = clone(P.skeletons.map[panel + "|" + metric]);
    var drill = mapArea(P, panel, f.province);
    var area = drill.codes, none = fig.data[0], has = fig.data[1];
    if (drill.drilled) {  // the whole country's outlines, fitted to the provinces' communes
      none.geojson = has.geojson = P.skeletons.map["belgium|" + metric].data[1].geojson;
      fig.layout.title.text = "<b>" + format(W.msg["Where: {area}"], {area: escapeMarkup(provincesTitle(P, f.province))}) + "</b>";
    }
    var per100k = metric === "per_100k";
    var rows = area.map(function (code) {
      var n = a.byPlace[code];
      var pop = P.places.population[code];
      var rate = n === undefined || !(pop > 0) ? null : npRound(100000 * n / pop, 2);
      var hover = "<b>" + P.places.hover[code] + "</b><br>" + incidentsCount(P, fmt, n || 0) +
        (rate === null ? "" : " \u00b7 " + format(W.msg["{value} per 100,000"], {value: fmt.num(rate, 1)}));
      return {code: code, n: n || 0, rate: rate, hover: hover};
    });
    var zero = rows.filter(function (r) { return !(r.n > 0); });
    var some = rows.filter(function (r) { return r.n > 0; });
    none.locations = zero.map(function (r) { return r.code; });
    none.z = zero.map(function () { return 0; });
    none.text = zero.map(function (r) { return r.hover; });
    none.customdata = none.locations.slice();
    var z = some.map(function (r) { return per100k ? r.rate : r.n; });
    var top = z.length ? Math.max.apply(null, z) : 1.0;
    has.locations = some.map(function (r) { return r.code; });
    has.z = z;
    has.zmax = Math.max(top, 1.0);
    has.text = some.map(function (r) { return r.hover; });
    has.customdata = has.locations.slice();
    if (per100k) { Object.assign(has.colorbar, root.beBars.rateAxis(top)); } else { has.colorbar.dtick = integerAxis(top); }
    var empty = a.n ? null : "no_match";
    if (a.n && !area.some(function (c) { return a.byPlace[c] > 0; })) {
      empty = "no_match_in_panel";
    }
    return framed(P, fig, a, subtitle(P, fmt, f, a.n), empty);
  }

  // the schematic map (no boundary file), as figures.fallback_map draws it: Brussels' communes
  // as a grid of tiles (a heatmap), the other places as dots on longitude and latitude
  function schematicFigure(P, fmt, f, a) {
    var fig = clone(P.skeletons.map["brussels|incidents"]), S = P.places.schematic;
    // every place of the gazetteer (none there: at 0); a code it does not know has no place here
    var rows = sorted(Object.keys(S)).map(function (c) {
      var p = S[c];
      return {code: c, names: p.names, name: p.map_name, label: p.label, tile: p.tile,
              lonlat: p.lonlat, n: a.byPlace[c] || 0};
    });
    function said(r) {
      return "<b>" + escapeMarkup(r.names) + "</b><br>" + incidentsCount(P, fmt, r.n);
    }
    var tiles = rows.filter(function (r) { return r.tile; });
    var towns = rows.filter(function (r) { return !r.tile; });
    var grid = fig.data[0], dots = fig.data[1], top = 0;
    tiles.forEach(function (r) {
      var row = r.tile[1], col = r.tile[0];
      grid.z[row][col] = r.n;
      grid.text[row][col] = escapeMarkup(r.name).replace(/\n/g, "<br>") + "<br>" + fmt.num(r.n);
      grid.hovertext[row][col] = said(r);
      grid.customdata[row][col] = r.code;
      top = Math.max(top, r.n);
    });
    grid.zmax = Math.max(top, 1.0);
    dots.x = towns.map(function (r) { return r.lonlat[0]; });
    dots.y = towns.map(function (r) { return r.lonlat[1]; });
    dots.text = towns.map(function (r) { return escapeMarkup(r.name) + " " + fmt.num(r.n); });
    dots.textposition = towns.map(function (r) { return r.label; });
    dots.hovertext = towns.map(said);
    dots.customdata = towns.map(function (r) { return r.code; });
    dots.marker.size = towns.map(function (r) { return 8 + 4 * Math.sqrt(r.n); });
    dots.marker.color = towns.map(function (r) { return P.town_colours[r.n ? 0 : 1]; });
    if (f.province && f.province.length) {  // it filters, but cannot zoom in: the title says so
      fig.layout.title.text = "<b>" + format(P.words.msg["Where: {area} (schematic: zooming in needs the boundary file)"],
                                             {area: escapeMarkup(provincesTitle(P, f.province))}) + "</b>";
    }
    return framed(P, fig, a, subtitle(P, fmt, f, a.n), a.n ? null : "no_match");
  }

  // --- every main view from one filter state --------------------------------------------------
  var OPTIONS = {freq: ["year", "month"], by: ["connection", "incident_type"],
                 panel: ["brussels", "charleroi", "antwerp", "belgium"], metric: ["incidents", "per_100k"]};
  function option(name, value) { return OPTIONS[name].indexOf(value) >= 0 ? value : OPTIONS[name][0]; }

  function views(P, filterState, opts) {
    var f = parseState(filterState), fmt = makeFormat(P.words), a = aggregate(P, f);
    var freq = option("freq", opts.freq), by = option("by", opts.by);
    var panel = option("panel", opts.panel), metric = option("metric", opts.metric);
    var summary = describe(P, f) + " \u00b7 " + incidentsCount(P, fmt, a.n);
    var hidden = {display: "none"};
    return {
      kpis: kpis(P, fmt, a), shares: sharesFigure(P, fmt, f, a),
      provenance: a.reconstructed ? {} : hidden, chips: chips(P, f), summary: summary,
      period: periodLabel(P, f), timeline: timelineFigure(P, fmt, f, a, freq, by, !!opts.events),
      map: mapFigure(P, fmt, f, a, panel, metric), mapNotice: P.map_notice,
      empty: a.n ? hidden : {}, live: summary,
      describeShares: altShares(P, fmt, a), describeTimeline: altTimeline(P, fmt, a, freq),
      describeMap: altPlaces(P, fmt, a),
    };
  }

  function failed(P) {
    var T = P.words.t, hidden = {display: "none"};
    return {kpis: [div(T.view_failed_hint, {className: "kpi-failed", role: "alert"})],
            shares: clone(P.failed), provenance: hidden, chips: [], summary: T.view_failed,
            period: "", timeline: clone(P.failed), map: clone(P.failed), mapNotice: "",
            empty: hidden, live: T.view_failed, describeShares: T.view_failed,
            describeTimeline: T.view_failed, describeMap: T.view_failed};
  }

  // --- the payload, fetched once per language -------------------------------------------------
  var loads = {}, ready = {};
  function load(lang) {
    if (!loads[lang]) {
      loads[lang] = fetch("/instant/" + encodeURIComponent(lang) + ".json", {credentials: "same-origin"})
        .then(function (r) {
          if (!r.ok) { throw new Error("instant views: " + r.status); }
          return r.json();
        }).then(function (P) { ready[lang] = P; return P; });
      loads[lang].catch(function () { delete loads[lang]; });
    }
    return loads[lang];
  }
  function loaded(lang) { return ready[lang] || null; }  // the payload, if it is here already

  var ORDER = ["kpis", "shares", "provenance", "chips", "summary", "period", "timeline", "map",
               "mapNotice", "empty", "live", "describeShares", "describeTimeline", "describeMap"];

  // the outputs in ORDER; if drawing throws, every view says it failed (never the old numbers)
  function drawn(P, filterState, opts) {
    var out;
    try {
      out = views(P, filterState, opts);
    } catch (err) {
      if (typeof console !== "undefined") { console.error("instant views failed", err); }
      out = failed(P);
    }
    return ORDER.map(function (k) { return out[k]; });
  }

  // --- into the page: the elements of ids.MAIN_VIEWS, written here, never through Dash props --
  // (Dash drew them empty; no callback writes them, so React never touches what is put in.)
  var FIGURES = {shares: true, timeline: true, map: true};
  var STYLES = {provenance: true, empty: true};
  var LISTS = {kpis: true, chips: true};
  var events = 0, refocus = null;

  function fire(source, detail) {  // a chip or chart click: an input of the filter callback
    var dc = window.dash_clientside;
    events += 1;
    dc.set_props("filter-event", {data: {source: source, detail: detail, n: events}});
  }

  function chipButton(c) {  // a chip as views() forms it (a Mantine Button) -> a plain button
    var b = document.createElement("button");
    b.type = "button";
    b.className = "chip";
    b.textContent = c.props.children;
    b.setAttribute("aria-label", c.props["aria-label"]);
    b.setAttribute("data-name", c.props.id.name);
    b.setAttribute("data-value", c.props.id.value);
    return b;
  }

  function element(c) {  // a Dash html component (as views() forms it) -> a DOM node
    if (c === null || c === undefined) { return document.createTextNode(""); }
    if (typeof c !== "object") { return document.createTextNode(String(c)); }
    if (c.namespace === "dash_mantine_components" && c.type === "Button") { return chipButton(c); }
    var el = document.createElement(c.type === "Section" ? "section" : c.type === "P" ? "p" :
                                    c.type === "Span" ? "span" : "div");
    Object.keys(c.props).forEach(function (k) {
      var v = c.props[k];
      if (k === "children") { return; }
      if (k === "className") { el.className = v; } else if (k === "id") { el.id = v; } else { el.setAttribute(k, v); }
    });
    children(c.props.children).forEach(function (child) { el.appendChild(child); });
    return el;
  }
  function children(value) {
    return (Array.isArray(value) ? value : [value]).map(element);
  }

  // On screen a chart's title, subtitle and source lines are the card's own text around the plot:
  // they wrap at any width (a phone, a projector's zoom), headings are headings, and plotly
  // measures none of them on every change (about a quarter of its time). The figure itself is
  // the one Python draws (the parity test holds the two equal); exports draw it whole.
  // plotly's legend above, or (the card's buttons instead) room for the top tick label's upper
  // half, which automargin would otherwise push for, drawing the chart twice (a top tick just
  // under the plot's top: 30,000 of 30,980 at 100,000 incidents); axis labels under
  var SCREEN_MARGIN = {t: 36, tNoLegend: 18, b: 40};

  // A bar chart's legend is the card's own row of toggle buttons: reachable by keyboard, read
  // as "pressed" or not, and one thing fewer for plotly to lay out on every change. A button
  // hides or shows its series (plotly's legend click), for this chart, until the page reloads.
  function legendItems(fig) {
    if (fig.layout.showlegend === false) { return []; }
    return fig.data.filter(function (trace) {
      return trace.type === "bar" && trace.showlegend !== false && trace.name &&
        trace.marker && typeof trace.marker.color === "string";
    }).map(function (trace) {
      return {name: trace.name, color: trace.marker.color,
              shape: (trace.marker.pattern && trace.marker.pattern.shape) || ""};
    });
  }
  function swatch(item) {  // the series' colour and pattern, as its bars show them
    var box = document.createElement("span");
    box.className = "legend-swatch";
    box.style.backgroundColor = item.color;
    box.style.backgroundImage = root.beBars.hatch(item.shape);
    return box;
  }
  function drawLegend(p, items) {
    var key = JSON.stringify(items);
    if (p.legendKey === key) { return; }  // the same buttons: kept (and any focus on one)
    p.legendKey = key;
    p.legend.replaceChildren.apply(p.legend, items.map(function (item) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "legend-item";
      button.setAttribute("data-series", item.name);
      button.setAttribute("aria-pressed", p.hidden[item.name] ? "false" : "true");
      button.appendChild(swatch(item));
      button.appendChild(document.createTextNode(item.name));
      return button;
    }));
    p.legend.hidden = !items.length;
  }
  function applyHidden(p, fig) {  // the series hidden with the card's buttons stay hidden
    fig.data.forEach(function (trace) {
      if (trace.type === "bar") { trace.visible = p.hidden[trace.name] ? "legendonly" : true; }
    });
  }
  function unmark(text) { return root.beBars.unmark(text); }  // plotly's markup -> plain text
  function footLines(P, foot) {
    if (!foot) { return []; }
    var F = P.frame;
    var which = ["provenance", "plain"].filter(function (k) { return F.foot[k].text === foot.text; })[0];
    if (which && F.lines) { return F.lines[which].map(unmark); }
    return foot.text.split(/<br\s*\/?>/i).map(unmark);
  }
  function onScreen(P, fig) {  // fig's plot for plotly, and the words the card shows around it
    var L = fig.layout, title = L.title || {}, foot = null, key = null;
    L.annotations = (L.annotations || []).filter(function (a) {
      if (a.name === "foot") { foot = a; return false; }
      if (a.name === "key") { key = a; return false; }  // the card's text, wrapping at its width
      return true;
    });
    var words = {title: unmark(title.text), subtitle: unmark(title.subtitle && title.subtitle.text),
                 foot: footLines(P, foot), legend: legendItems(fig),
                 key: key ? unmark(String(key.text).replace(/<br>/g, " ")) : ""};
    L.title = {text: ""};
    if (words.legend.length) { L.showlegend = false; }  // the card's own buttons (below)
    roomForTicks(L, fig.data);
    if (L.margin && L.height) {  // the plot keeps its height; the words leave the figure
      var t = words.legend.length ? SCREEN_MARGIN.tNoLegend : SCREEN_MARGIN.t;
      var b = foot ? SCREEN_MARGIN.b : L.margin.b;
      L.height -= (L.margin.t - t) + (L.margin.b - b);
      L.margin.t = t;
      L.margin.b = b;
    }
    return words;
  }
  // The schematic map in a card under 900 px (a phone; a projector at 1024 px): Brussels'
  // tiles above the rest of the country, each as wide as the card, the chart taller by
  // STACKED times the card's width. Wider, side by side as figures.fallback_map draws them
  // (the skeleton's domains).
  var NARROW = 900, STACKED = 0.42;
  function schematic(fig) {
    return !!(fig.layout.xaxis2 && fig.data[0] && fig.data[0].type === "heatmap");
  }
  function stack(p, width) {
    var P = p.P, L = p.fig.layout, narrow = width > 0 && width < NARROW;
    if (!schematic(p.fig) || narrow === p.stacked) { return false; }
    var skeleton = P.skeletons.map["brussels|incidents"], wide = skeleton.layout;
    L.xaxis.domain = narrow ? [0, 1] : wide.xaxis.domain.slice();
    L.xaxis2.domain = narrow ? [0, 1] : wide.xaxis2.domain.slice();
    L.yaxis.domain = narrow ? [0.5, 0.94] : [0, 1];
    L.yaxis2.domain = narrow ? [0, 0.42] : [0, 1];
    if (narrow) { p.extra = Math.round(STACKED * Math.min(width, NARROW)); }
    L.height += narrow ? p.extra : -p.extra;
    (L.annotations || []).forEach(function (a) {  // "no incidents": over the places, not the headings
      if (a.name === "empty-state") { a.y = narrow ? 0.22 : P.frame.empty.no_match.y; }
    });
    L.margin.l = narrow ? 8 : wide.margin.l;  // the tiles as wide as a phone allows
    L.margin.r = narrow ? 8 : wide.margin.r;
    p.fig.data[1].textfont.size = narrow ? 10 : skeleton.data[1].textfont.size;
    p.stacked = narrow;
    return true;
  }
  // A stacked bar chart's left margin wide enough for its widest y tick label, measured in the
  // figure's font: plotly's automargin would otherwise draw the chart twice whenever the labels
  // outgrow the frame's 55 px (4-digit counts: 100,000 incidents), ~10 ms a change. Automargin
  // stays on: if a label is wider still, plotly makes room as before.
  var measure = null;
  function roomForTicks(L, data) {
    var y = L.yaxis;
    if (!y || !y.dtick || !L.margin || L.barmode !== "stack") { return; }
    var peak = 0;
    (data[0] && data[0].y || []).forEach(function (v, i) {
      var total = 0;
      data.forEach(function (t) { total += (t.y && +t.y[i]) || 0; });
      peak = Math.max(peak, total);
    });
    var top = Math.ceil(peak * 1.1 / y.dtick) * y.dtick;  // past the autorange's padding
    if (!measure) { measure = document.createElement("canvas").getContext("2d"); }
    var font = (L.font && L.font.size || 14) + "px " + (L.font && L.font.family || "sans-serif");
    measure.font = font;
    var label = String(top).replace(/\B(?=(\d{3})+(?!\d))/g, ",");  // the widest form of it
    var needed = Math.ceil(measure.measureText(label).width) + (y.title ? 40 : 16);
    L.margin.l = Math.max(L.margin.l || 0, needed);
  }
  function setText(el, text) { if (el.textContent !== text) { el.textContent = text; } }

  function parts(box) {  // the card's heading, plot and foot, made once
    if (box.beParts) { return box.beParts; }
    var head = document.createElement("div"), title = document.createElement("h2");
    var subtitle = document.createElement("p"), gd = document.createElement("div");
    var foot = document.createElement("p"), legend = document.createElement("div");
    head.className = "chart-head";
    title.className = "chart-title";
    title.id = box.id + "-title";
    subtitle.className = "chart-subtitle";
    gd.className = "chart-plot";
    foot.className = "chart-foot";
    legend.className = "chart-legend";
    legend.hidden = true;
    head.appendChild(title);
    head.appendChild(subtitle);
    head.appendChild(legend);
    box.replaceChildren(head, gd, foot);
    box.beParts = {title: title, subtitle: subtitle, gd: gd, foot: foot, legend: legend,
                   hidden: {}, legendKey: null, fig: null, P: null, stacked: false};
    return box.beParts;
  }

  var configs = {};
  function graph(P, box, name, fig) {
    var created = !box.beParts, p = parts(box), gd = p.gd;
    var words = onScreen(P, fig);
    setText(p.title, words.title);
    setText(p.subtitle, words.subtitle);
    drawLegend(p, words.legend);
    applyHidden(p, fig);
    p.fig = fig;
    p.P = P;
    p.stacked = false;  // a new figure: drawn side by side, stacked below if the card is narrow
    stack(p, box.clientWidth);
    if (p.foot.textContent !== words.key + words.foot.join("")) {  // the key first, in larger type
      p.foot.replaceChildren.apply(p.foot, (words.key ? [words.key] : []).concat(words.foot).map(function (line, i) {
        var span = document.createElement("span");
        span.textContent = line;
        if (words.key && i === 0) { span.className = "chart-key"; }
        return span;
      }));
    }
    if (created) {
      if (typeof ResizeObserver !== "undefined") {  // the card's width changed: fit it again
        var width = 0, pending = false;
        new ResizeObserver(function () {
          if (pending || !box.clientWidth || box.clientWidth === width) { return; }
          pending = true;
          requestAnimationFrame(function () {
            pending = false;
            width = box.clientWidth;
            if (gd.beBars || gd.beMap) {  // laid out again for the new width
              p.width = gd.clientWidth;
              paint(p, box);
              return;
            }
            if (!gd._fullLayout) { return; }
            if (p.fig && stack(p, width)) {  // the schematic map, restacked
              window.Plotly.react(gd, p.fig.data, p.fig.layout, configs[box.id]);
            } else {
              window.Plotly.Plots.resize(gd);
            }
          });
        }).observe(box);
      }
    }
    p.name = name;
    var drawing = paint(p, box);
    // the plot says for which state it is drawn (its subtitle): a test or bench can tell a plot
    // that shows the state its card says from one still on an older one
    gd.setAttribute("data-drawn-for", words.subtitle);
    return drawing;
  }

  function wireClicks(gd, name) {  // once per plot plotly drew: its clicks as dcc.Graph's clickData
    if (gd.beClicks || typeof gd.on !== "function") { return; }
    gd.beClicks = true;
    gd.on("plotly_click", function (e) {  // the parts we read
      fire("click:" + name, {points: (e.points || []).map(function (p) {
        return {customdata: p.customdata, x: p.x, y: p.y};
      })});
    });
  }

  // p.fig into the card's plot: a stacked bar chart as HTML (bars.js), the map with boundaries
  // as SVG (choro.js), any other (the schematic map, a failed view) with plotly
  function paint(p, box) {
    var gd = p.gd, fig = p.fig;
    var own = [root.beBars, root.beMap].filter(function (r) { return r && r.supports(fig); })[0];
    var ticket = gd.bePaint = (gd.bePaint || 0) + 1;  // a later paint wins over a slow load
    if (gd.hasAttribute("data-failed")) { gd.removeAttribute("data-failed"); gd.replaceChildren(); }
    if (own) {
      if (gd._fullLayout) { window.Plotly.purge(gd); gd.replaceChildren(); gd.beClicks = false; }
      if (!p.width) { p.width = gd.clientWidth; }
      if (!p.fmt || p.fmtFor !== p.P) { p.fmt = makeFormat(p.P.words); p.fmtFor = p.P; }
      own.draw(gd, fig, p.width, p.fmt, function (e) { fire("click:" + p.name, e); });
      return null;
    }
    if (gd.beBars || gd.beMap) { gd.beBars = gd.beMap = gd.beMapState = null; gd.replaceChildren(); }
    if (!configs[box.id]) { configs[box.id] = JSON.parse(box.getAttribute("data-config") || "{}"); }
    return root.bePlotly().then(function (Plotly) {  // loaded on first need (plotly-lazy.js)
      if (gd.bePaint !== ticket) { return null; }
      return Promise.resolve(Plotly.react(gd, fig.data, fig.layout, configs[box.id])).then(function () {
        wireClicks(gd, p.name);
      });
    }).catch(function (err) {  // plotly.js could not be loaded: a failed view, said in words
      if (typeof console !== "undefined") { console.error("chart could not be drawn", err); }
      if (gd.bePaint !== ticket) { return null; }
      var T = p.P.words.t, note = document.createElement("div");
      note.className = "chart-failed";
      note.setAttribute("role", "alert");
      note.textContent = T.view_failed + " " + T.view_failed_hint;
      gd.replaceChildren(note);
      gd.setAttribute("data-failed", "1");
      return null;
    });
  }

  function toggleSeries(button) {  // a legend button: its series hidden or shown again
    var box = button.closest(".dash-graph"), p = box && box.beParts;
    if (!p || !p.fig) { return; }
    var name = button.getAttribute("data-series"), hide = !p.hidden[name];
    if (hide) { p.hidden[name] = true; } else { delete p.hidden[name]; }
    button.setAttribute("aria-pressed", hide ? "false" : "true");
    applyHidden(p, p.fig);
    paint(p, box);
  }

  function write(P, key, value) {
    var el = document.getElementById(P.targets[key]);
    if (!el) { return; }
    if (FIGURES[key]) { graph(P, el, key, value); } else if (STYLES[key]) {
      el.style.display = value && value.display === "none" ? "none" : "";
    } else if (LISTS[key]) {
      el.replaceChildren.apply(el, children(value));
      if (key === "chips" && refocus !== null) {  // a removed chip had focus: keep it in the row
        var left = el.querySelectorAll(".chip");
        var next = left.length ? left[Math.min(refocus, left.length - 1)] : document.getElementById("reset-filters");
        refocus = null;
        if (next) { next.focus(); }
      }
    } else {
      setText(el, value);
    }
  }

  // the views for a state drawn into the page (only: the keys to draw; else all of them)
  function show(P, filterState, opts, only) {
    var started = performance.now(), out = drawn(P, filterState, opts);
    // only the charts of a changed option: the rest already shows this state and its options
    shown = key(P, filterState, opts);
    lastOpts = opts;
    var figures = [];
    ORDER.forEach(function (key, i) {
      if (only && only.indexOf(key) < 0) { return; }
      if (FIGURES[key]) { figures.push([key, out[i]]); } else { write(P, key, out[i]); }
    });
    figures.forEach(function (f) { write(P, f[0], f[1]); });  // the words first, then the charts
    window.__instantMs = performance.now() - started;
  }

  var shown = null, lastOpts = null;  // what show() last drew: payload, state, options
  function key(P, filterState, opts) {
    return [P.words.lang, JSON.stringify(filterState || {}), opts.freq, opts.by, !!opts.events, opts.panel,
            opts.metric].join("\u0001");
  }

  var TIMELINE = ["timeline", "describeTimeline"], MAP = ["map", "mapNotice", "describeMap"];
  var CHART_KEYS = {timeline: TIMELINE, map: MAP};
  // the views a chart option redraws: its chart's (data/viewstate.py says which chart), for the
  // option controls that triggered (an event Dash gives them by their ids, 'timeline-freq.value')
  function chartsOf(schema, triggered) {
    var keys = [];
    (triggered || []).forEach(function (t) {
      var id = String(t.prop_id).split(".")[0];
      schema.options.forEach(function (o) {
        if (id === o.control) { keys = keys.concat(CHART_KEYS[o.chart].filter(function (k) { return keys.indexOf(k) < 0; })); }
      });
    });
    return keys.length ? keys : null;
  }

  var api = {views: views, onScreen: onScreen, drawn: drawn, failed: failed, aggregate: aggregate, describe: describe, parseState: parseState,
             makeFormat: makeFormat, npRound: npRound, load: load, loaded: loaded, show: show, ORDER: ORDER,
             chartsOf: chartsOf};
  root.beInstant = api;
  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
  if (typeof window !== "undefined") {
    document.addEventListener("click", function (event) {  // a chart's legend button
      var button = event.target.closest && event.target.closest(".chart-legend .legend-item");
      if (button) { toggleSeries(button); }
    });
    document.addEventListener("click", function (event) {  // a chip: remove its filter
      var chip = event.target.closest && event.target.closest("#active-filters .chip");
      if (!chip) { return; }
      if (document.activeElement === chip) {  // its place in the row, for the focus to stay there
        refocus = Array.prototype.indexOf.call(chip.parentNode.querySelectorAll(".chip"), chip);
      }
      fire("chip", {name: chip.getAttribute("data-name"), value: chip.getAttribute("data-value")});
    });
    window.dash_clientside = window.dash_clientside || {};
    window.dash_clientside.instant = {
      // Inputs: the filter state, the table's search, the open sections; State: the timeline
      // and map options, the sections' gate, the page's language. No outputs: the views are
      // drawn into the page. (A chart option is an input of filters.update, which writes it to
      // the address and redraws its chart.) The state Dash has written (with the URL, in one
      // update) is drawn unless filters.update drew it already: a view never stays on a state
      // the address does not say. A new state or search also has the table ask again for its
      // page (beTable.refresh); a new state (while a section is open) or a section opened or
      // closed sets the gate the server draws the sections from.
      draw: function (filterState, search, open, freq, by, events, panel, metric, gate, lang) {
        var dc = window.dash_clientside, ctx = dc.callback_context || {};
        var only = [], refresh = false, sections = false;
        var inputs = (ctx.inputs_list || []).map(function (i) { return i && i.id + "."; });
        var STATE = inputs[0], SEARCH = inputs[1], OPEN = inputs[2];  // components/dashboard/callbacks.py's order
        (ctx.triggered || []).forEach(function (t) {
          var id = String(t.prop_id);
          if (id.indexOf(STATE) === 0) {
            only = null; refresh = true; sections = sections || !!(open && open.length); return;
          }
          if (id.indexOf(SEARCH) === 0) { refresh = true; return; }
          if (id.indexOf(OPEN) === 0) { sections = true; }
        });
        if (refresh && window.beTable) { window.beTable.refresh(); }
        var states = ctx.states_list || [], GATE = states[5];  // after the 5 options
        if (sections && GATE) {
          dc.set_props(GATE.id, {data: {state: filterState || {}, open: open || []}});
        }
        if (only && !only.length) { return; }
        // the options filters.update drew last (the address's), else the controls'
        var opts = lastOpts || {freq: freq, by: by, events: events, panel: panel, metric: metric};
        var P = loaded(lang || "en");
        if (P && only === null && shown === key(P, filterState, opts)) { return; }  // drawn already
        if (P) { show(P, filterState, opts, only); return; }
        return load(lang || "en").then(function (Q) { show(Q, filterState, opts, only); });
      }
    };
  }
})(typeof window !== "undefined" ? window : globalThis);
