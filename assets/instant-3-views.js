/* Every main view from one filter state: key figures, chips, summary, text alternatives and the
   three main charts, each the Python skeleton (components/charts/figures.py) with its numbers put
   in, formed as components/charts/views.py and alt_text.py form them (the parity run in node,
   tests/js/views.test.js, holds both to the same output). Pure: no DOM. */
(function (root) {
  "use strict";
  if (!root.beFormat && typeof require === "function") { require("./instant-1-format.js"); }  // node: as the page
  var cap = root.beFormat.cap, escapeMarkup = root.beFormat.escapeMarkup, format = root.beFormat.format, incidentsCount = root.beFormat.incidentsCount, makeFormat = root.beFormat.makeFormat, npRound = root.beFormat.npRound, plural = root.beFormat.plural, sorted = root.beFormat.sorted;
  if (!root.beCube && typeof require === "function") { require("./instant-2-cube.js"); }  // node: as the page
  var aggregate = root.beCube.aggregate, byPlace = root.beCube.byPlace, parseState = root.beCube.parseState, periodCount = root.beCube.periodCount, periods = root.beCube.periods;

  // --- sentences ------------------------------------------------------------------------------
  function month(P, period) { return P.words.months[period]; }
  function periodLabel(P, f) {
    return month(P, f.from || P.months[0]) + " \u2013 " + month(P, f.to || P.months[P.months.length - 1]);
  }

  function describe(P, f) { return describeParts(P, f).join(", "); }
  function describeParts(P, f) {  // filters._describe_parts, from each filter's declaration
    var W = P.words, T = W.t, parts = [], S = P.vocabulary.schema.filters;
    var subject = S.filter(function (s) { return s.subject; }).map(function (s) { return f[s.param] || []; });
    var types = subject[0], conns = subject[1];
    var noun = types.length === 1 ? types[0] + "s" : "incidents", said = T[noun];
    if (conns.length === 1) { said = T[conns[0] + "_" + noun]; }
    parts.push(types.length || conns.length ? cap(said) : T.all_incidents);
    S.forEach(function (s) {
      var value = f[s.param], words = P.filter_words[s.param];
      if (s.subject || s.kind === "month" || s.kind === "one" || !value || !value.length) { return; }
      if (s.kind === "flag") { parts.push(words.summary[value]); return; }
      var named = sorted(value).map(function (v) { return nameOf(words.names, v); }).join(s.joiner);
      parts.push(words.prefix ? words.prefix + " " + named : named);
    });
    if (f.from || f.to) { parts.push(periodLabel(P, f)); }
    return parts;
  }
  function nameOf(names, value) { var n = names[value]; return n === undefined ? value : n; }

  // marks (compare mode, beCompare.model's chips): A's chips for a filter B replaces say "A: ",
  // B's own follow ("B: Antwerp"; removing one gives B A's filter again)
  function chips(P, f, marks) {  // state.chips: the sets' values, the flags, the period, the way back
    var W = P.words, out = [], S = P.vocabulary.schema.filters;
    function label(s, value) { var w = P.filter_words[s.param]; return nameOf(w.chip || w.names, value); }
    S.forEach(function (s) {
      if (s.kind === "set") { sorted(f[s.param] || []).forEach(function (v) { out.push([s.field, v, label(s, v)]); }); }
    });
    S.forEach(function (s) { if (s.kind === "flag" && f[s.param]) { out.push([s.field, "", P.filter_words[s.param].chip[f[s.param]]]); } });
    if (f.from || f.to) { out.push(["period", "", periodLabel(P, f)]); }
    S.forEach(function (s) { if (s.kind === "one" && f[s.param]) { out.push([s.field, f[s.param], "\u21a9 " + label(s, f[s.param])]); } });
    if (marks) {
      out = out.map(function (c) {
        return marks.a_only.indexOf(c[0]) >= 0 ? [c[0], c[1], format(W.msg["A: {label}"], {label: c[2]})] : c;
      }).concat(marks.b);
    }
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

  // "95% interval 82%–97%" for k of n (compare.interval_text), "" when n is 0
  function intervalText(P, fmt, k, n) {
    var w = root.beCube.wilson(k, n);
    return w === null ? "" : format(P.words.msg["95% interval {low}\u2013{high}"],
                                    {low: fmt.pct(100 * w[0]), high: fmt.pct(100 * w[1])});
  }

  function shareNote(P, fmt, value, n, key) {
    return format(plural(P.words, key, n), {value: fmt.num(value), n: fmt.num(n)});
  }

  function kpis(P, fmt, a) {
    var T = P.words.t;
    // unrounded, as aggregate._pct: the card rounds it once (18 of 103: "17%", not 17.5 -> "18%")
    function pctOf(part, whole) { return whole ? 100 * part / whole : null; }
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
          share: " (" + fmt.pct(100 * linked / total) + "; " + intervalText(P, fmt, linked, total) + ")",
          inspired: fmt.num(inspired)}));
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
    var names = P.filter_words.place.chip, total = 0;
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
    // its lines unwrapped, as figures._frame keeps them (an export wraps them wider: widen)
    layout.meta = Object.assign({}, layout.meta, {foot: F.lines[which]});
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
    var fig = sharesBars(P, fmt, clone(P.skeletons.shares), P.types.map(function (k) { return {kind: k, tag: "", agg: a}; }));
    return framed(P, fig, a, subtitle(P, fmt, f, a.n), a.n ? null : "no_match");
  }

  // the shares' bars into their skeleton (figures.shares): each bar an incident type of an
  // aggregate, its tag ("A", "B": compare mode, a bar per slice and type) before its name
  function sharesBars(P, fmt, fig, bars) {
    var W = P.words;
    bars.forEach(function (b) {
      b.total = (b.agg.byType[b.kind + "|linked"] || 0) + (b.agg.byType[b.kind + "|inspired"] || 0);
      b.label = (b.tag ? b.tag + " \u00b7 " : "") + cap(W.t[b.kind + "s"]) + " (n = " + fmt.num(b.total) + ")" +
        (b.total > 0 && b.total < P.small_n ? " \u26a0 n < " + P.small_n : "");
    });
    ["linked", "inspired"].forEach(function (conn, i) {
      var trace = fig.data[i];
      trace.y = bars.map(function (b) { return b.label; });
      var counts = bars.map(function (b) { return b.agg.byType[b.kind + "|" + conn] || 0; });
      var shares = counts.map(function (n, j) { return bars[j].total > 0 ? npRound(100 * n / bars[j].total, 1) : 0; });
      trace.x = shares;
      trace.text = counts.map(function (n, j) { return n ? W.t[conn] + " " + fmt.pct(shares[j]) + " (" + fmt.num(n) + ")" : ""; });
      trace.customdata = counts.map(function (n, j) {
        var b = bars[j], data = [conn, b.kind, n, b.total, intervalText(P, fmt, n, b.total)];
        return b.tag ? data.concat([b.tag]) : data;
      });
    });
    bars.forEach(function (b, i) { fig.layout.annotations[i].text = "<b>" + b.label + "</b>"; });
    return fig;
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

  function provincesTitle(P, provinces) {  // filters.provinces_named: the summary, the map's title
    var names = P.filter_words.province.names;
    return sorted(provinces).map(function (p) { return nameOf(names, p); }).join(" + ");
  }

  // a panel's communes with what each shows (maps._choro_area): its count, rate and hover
  function choroRows(P, fmt, a, area) {
    var W = P.words;
    return area.map(function (code) {
      var n = a.byPlace[code];
      var pop = P.places.population[code];
      var rate = n === undefined || !(pop > 0) ? null : npRound(100000 * n / pop, 2);
      var hover = "<b>" + P.places.hover[code] + "</b><br>" + incidentsCount(P, fmt, n || 0) +
        (rate === null ? "" : " \u00b7 " + format(W.msg["{value} per 100,000"], {value: fmt.num(rate, 1)}) +
          // a rate on a handful of incidents: flagged, as a share on few is (maps._choro_traces)
          (n > 0 && n < P.small_n ? " \u26a0 n < " + P.small_n : ""));
      return {code: code, n: n || 0, rate: rate, hover: hover};
    });
  }
  function choroPeak(rows, per100k) {  // maps._peak: the largest value shaded, else 1
    var z = rows.filter(function (r) { return r.n > 0; }).map(function (r) { return per100k ? r.rate : r.n; });
    return z.length ? Math.max.apply(null, z) : 1.0;
  }
  // rows into a panel's two traces (maps._choro_traces): at 0 neutral, the others on the colour
  // scale 0..top; a tag ("B") marks each commune's customdata with its slice
  function fillChoro(none, has, rows, per100k, top, tag) {
    function marked(code) { return tag ? [code, tag] : code; }
    var zero = rows.filter(function (r) { return !(r.n > 0); });
    var some = rows.filter(function (r) { return r.n > 0; });
    none.locations = zero.map(function (r) { return r.code; });
    none.z = zero.map(function () { return 0; });
    none.text = zero.map(function (r) { return r.hover; });
    none.customdata = none.locations.map(marked);
    has.locations = some.map(function (r) { return r.code; });
    has.z = some.map(function (r) { return per100k ? r.rate : r.n; });
    has.zmax = Math.max(top, 1.0);
    has.text = some.map(function (r) { return r.hover; });
    has.customdata = has.locations.map(marked);
    if (!has.colorbar) { return; }  // compare mode's B: A's bar is the scale of both
    if (per100k) { Object.assign(has.colorbar, root.beBars.rateAxis(top)); } else { has.colorbar.dtick = integerAxis(top); }
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
    var per100k = metric === "per_100k", rows = choroRows(P, fmt, a, area);
    fillChoro(none, has, rows, per100k, choroPeak(rows, per100k), "");
    return framed(P, fig, a, subtitle(P, fmt, f, a.n), mapEmpty(a, area));
  }
  function mapEmpty(a, area) {  // none at all, or none in the panel's communes
    if (!a.n) { return "no_match"; }
    return area.some(function (c) { return a.byPlace[c] > 0; }) ? null : "no_match_in_panel";
  }

  // the schematic map (no boundary file), as figures.fallback_map draws it: Brussels' communes
  // as a grid of tiles (a heatmap), the other places as dots on longitude and latitude
  function schematicFigure(P, fmt, f, a) {
    var fig = clone(P.skeletons.map["brussels|incidents"]);
    fillSchematic(P, fmt, fig.data[0], fig.data[1], a, null, "");
    if (f.province && f.province.length) {  // it filters, but cannot zoom in: the title says so
      fig.layout.title.text = "<b>" + schematicTitle(P, f.province) + "</b>";
    }
    return framed(P, fig, a, subtitle(P, fmt, f, a.n), a.n ? null : "no_match");
  }
  function schematicTitle(P, provinces) {  // maps._schematic_title
    if (!provinces || !provinces.length) { return P.words.msg["Where (schematic: no boundary file loaded)"]; }
    return format(P.words.msg["Where: {area} (schematic: zooming in needs the boundary file)"],
                  {area: escapeMarkup(provincesTitle(P, provinces))});
  }
  // a slice into the schematic's heatmap and dots (maps._schematic): the tiles on 0..top (their
  // own peak without one); a tag ("B") marks each place's customdata with its slice
  function fillSchematic(P, fmt, grid, dots, a, top, tag) {
    var S = P.places.schematic;
    function marked(code) { return tag ? [code, tag] : code; }
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
    var peak = 0;
    tiles.forEach(function (r) {
      var row = r.tile[1], col = r.tile[0];
      grid.z[row][col] = r.n;
      grid.text[row][col] = escapeMarkup(r.name).replace(/\n/g, "<br>") + "<br>" + fmt.num(r.n);
      grid.hovertext[row][col] = said(r);
      grid.customdata[row][col] = marked(r.code);
      peak = Math.max(peak, r.n);
    });
    grid.zmax = Math.max(top === null ? peak : top, 1.0);
    dots.x = towns.map(function (r) { return r.lonlat[0]; });
    dots.y = towns.map(function (r) { return r.lonlat[1]; });
    dots.text = towns.map(function (r) { return escapeMarkup(r.name) + " " + fmt.num(r.n); });
    dots.textposition = towns.map(function (r) { return r.label; });
    dots.hovertext = towns.map(said);
    dots.customdata = towns.map(function (r) { return marked(r.code); });
    dots.marker.size = towns.map(function (r) { return 8 + 4 * Math.sqrt(r.n); });
    dots.marker.color = towns.map(function (r) { return P.town_colours[r.n ? 0 : 1]; });
  }
  function schematicPeak(P, a) {  // the tiles' largest count (maps.fallback_pair's top)
    var S = P.places.schematic, peak = 0;
    Object.keys(S).forEach(function (c) { if (S[c].tile) { peak = Math.max(peak, a.byPlace[c] || 0); } });
    return peak;
  }

  // --- every main view from one filter state --------------------------------------------------
  // a chart option's value, else its default: the choices data/viewstate.py declares (the payload's
  // vocabulary.schema), the first the default, as viewstate.as_chart_options
  function option(P, name, value) {
    var choices = P.vocabulary.schema.options.filter(function (o) { return o.param === name; })[0].choices;
    return choices.indexOf(value) >= 0 ? value : choices[0];
  }

  // pre: the state's aggregate when the caller has it already (compare mode's slice A)
  function views(P, filterState, opts, pre) {
    var f = parseState(P, filterState), fmt = makeFormat(P.words), a = pre || aggregate(P, f);
    var freq = option(P, "freq", opts.freq), by = option(P, "by", opts.by);
    var panel = option(P, "panel", opts.panel), metric = option(P, "metric", opts.metric);
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


  var api = {choroPeak: choroPeak, choroRows: choroRows, fillChoro: fillChoro, fillSchematic: fillSchematic, mapEmpty: mapEmpty, schematicPeak: schematicPeak, schematicTitle: schematicTitle, altPlaces: altPlaces, altShares: altShares, altTimeline: altTimeline, chips: chips, clone: clone, describe: describe, describeParts: describeParts, intervalText: intervalText, sharesBars: sharesBars, div: div, failed: failed, framed: framed, integerAxis: integerAxis, keyRoom: keyRoom, kpis: kpis, mapArea: mapArea, mapFigure: mapFigure, month: month, option: option, periodLabel: periodLabel, provincesTitle: provincesTitle, schematicFigure: schematicFigure, shareNote: shareNote, sharesFigure: sharesFigure, subtitle: subtitle, timelineFigure: timelineFigure, views: views};
  root.beViews = api;
  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
})(typeof window !== "undefined" ? window : globalThis);
