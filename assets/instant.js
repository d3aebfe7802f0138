/* Instant views: a filter change redraws the key figures, chips, summary and the three main
   charts in the browser, from the incidents cube and the words components/charts/payload.py sends once
   per language (/instant/<lang>.json). Every number and sentence is formed as the Python code
   forms it (data/aggregate.py, components/charts/views.py, figures.py, alt_text.py): a parity test
   (tests/browser/test_instant.py) holds both to the same output on hundreds of filter states.
   Exports, the briefing, embeds and the table stay on the server.
   This file mounts them: the payload, the elements of ids.MAIN_VIEWS, the cards and plots, the
   clientside callback. Its parts load first (Dash loads assets in name order): instant-1-format.js,
   instant-2-cube.js, instant-3-views.js. */
(function (root) {
  "use strict";
  if (!root.beFormat && typeof require === "function") { require("./instant-1-format.js"); }  // node: as the page
  var makeFormat = root.beFormat.makeFormat, npRound = root.beFormat.npRound;
  if (!root.beCube && typeof require === "function") { require("./instant-2-cube.js"); }  // node: as the page
  var aggregate = root.beCube.aggregate, parseState = root.beCube.parseState;
  if (!root.beViews && typeof require === "function") { require("./instant-3-views.js"); }  // node: as the page
  if (!root.beCompare && typeof require === "function") { require("./instant-4-compare.js"); }  // node: as the page
  var describe = root.beViews.describe, failed = root.beViews.failed, views = root.beViews.views;

  // --- the payload, fetched once per language -------------------------------------------------
  var loads = {}, ready = {};
  function load(lang) {
    var inFile = root.beBundle && root.beBundle.payload(lang);  // the dashboard in one file
    if (inFile) { ready[lang] = inFile; return Promise.resolve(inFile); }
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
  function loaded(lang) {  // the payload, if it is here already
    if (!ready[lang] && root.beBundle) { ready[lang] = root.beBundle.payload(lang) || undefined; }
    return ready[lang] || null;
  }

  var ORDER = ["kpis", "shares", "provenance", "chips", "summary", "period", "timeline", "map",
               "mapNotice", "empty", "live", "describeShares", "describeTimeline", "describeMap",
               "compare"];

  // the outputs in ORDER; if drawing throws, every view says it failed (never the old numbers).
  // In compare mode (the state has `vs.` filters) the views are slice A's, and the comparison's
  // key figures (instant-4-compare.js) stand above them, its chips marked A and B.
  function drawn(P, filterState, opts) {
    var out;
    try {
      var C = root.beCompare, slices = C.slices(filterState), model = null, seen = {};
      if (slices) {
        var V = root.beViews;
        model = C.model(P, makeFormat(P.words), filterState, V.option(P, "freq", opts.freq), seen,
                        {panel: V.option(P, "panel", opts.panel), metric: V.option(P, "metric", opts.metric)});
      }
      out = views(P, slices ? slices.a : filterState, opts, seen.a);  // A counted once
      out.compare = null;
      if (model) {
        out.compare = C.panelNodes(P, model);
        out.chips = root.beViews.chips(P, parseState(P, slices.a), model.chips);
        out.live = model.title;
        out.timeline = model.timeline;  // both slices on one axis
        out.describeTimeline = model.describe_timeline;
        out.shares = model.shares;  // a bar per slice and type, on one scale
        out.describeShares = model.describe_shares;
        out.map = model.map;  // both slices' panels on one colour scale
        out.describeMap = model.describe_map;
        // "no incidents match" for the page only when neither slice has any (B's numbers show)
        if (!(model.empty[0] && model.empty[1])) { out.empty = {display: "none"}; }
      }
    } catch (err) {
      if (typeof console !== "undefined") { console.error("instant views failed", err); }
      out = failed(P);
      out.compare = null;
    }
    return ORDER.map(function (k) { return out[k]; });
  }

  // --- into the page: the elements of ids.MAIN_VIEWS, written here, never through Dash props --
  // (Dash drew them empty; no callback writes them, so React never touches what is put in.)
  var FIGURES = {shares: true, timeline: true, map: true};
  var STYLES = {provenance: true, empty: true};
  var LISTS = {kpis: true, chips: true};
  var refocus = null;

  // a chip, a chart's click, the Compare control: applied by assets/filters.js (in the offline
  // file, by its runtime)
  function fire(source, detail) { root.beEvent(source, detail); }

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

  var TAGS = {Section: "section", P: "p", Span: "span", H2: "h2", Table: "table", Thead: "thead",
              Tbody: "tbody", Tr: "tr", Th: "th", Td: "td", Button: "button"};
  function element(c) {  // a Dash html component (as views() forms it) -> a DOM node
    if (c === null || c === undefined) { return document.createTextNode(""); }
    if (typeof c !== "object") { return document.createTextNode(String(c)); }
    if (c.namespace === "dash_mantine_components" && c.type === "Button") { return chipButton(c); }
    var el = document.createElement(TAGS[c.type] || "div");
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
  function schematic(fig) {  // one slice's (compare mode's two keep their rows: maps.fallback_pair)
    return !!(fig.layout.xaxis2 && !fig.layout.xaxis3 && fig.data[0] && fig.data[0].type === "heatmap");
  }
  function stack(p, width) {
    var P = p.P, L = p.fig.layout, narrow = width > 0 && width < NARROW;
    if (L.meta && L.meta.stacked && narrow !== p.stacked) { return stackPair(p, width, narrow); }
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
  // compare mode's schematic (A above B): narrow, its four parts one under another as the
  // figure declares them (maps.STACKED_PAIR); wide, as the skeleton lays them out
  function stackPair(p, width, narrow) {
    var L = p.fig.layout, S = L.meta.stacked, wide = p.P.skeletons.map_compare.schematic.layout;
    Object.keys(S.x).forEach(function (k) { L[k].domain = (narrow ? S.x : {})[k] || wide[k].domain.slice(); });
    Object.keys(S.y).forEach(function (k) { L[k].domain = (narrow ? S.y : {})[k] || wide[k].domain.slice(); });
    if (narrow) { p.extra = Math.round(S.extra * Math.min(width, NARROW)); }
    L.height += narrow ? p.extra : -p.extra;
    var labels = L.annotations.filter(function (a) { return a.name === "slice"; });
    var wideLabels = wide.annotations.filter(function (a) { return a.name === "slice"; });
    labels.forEach(function (a, i) { a.y = narrow ? S.slice_y[i] : wideLabels[i].y; });
    L.annotations.forEach(function (a) {  // an empty slice's note ("empty-B"): over its own part
      var i = /^empty-[AB]$/.test(a.name) ? "AB".indexOf(a.name.charAt(6)) : -1;
      if (i >= 0) { a.y = (narrow ? S.empty_at : L.meta.empty_at)[i].y; }
    });
    L.margin.l = narrow ? 8 : wide.margin.l;
    L.margin.r = narrow ? 8 : wide.margin.r;
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

  function wireClicks(gd, name, P) {  // once per plot plotly drew: its clicks as dcc.Graph's clickData
    if (gd.beClicks || typeof gd.on !== "function") { return; }
    gd.beClicks = true;
    gd.on("plotly_click", function (e) {  // the parts we read
      var sliced = ofSliceB(name, P, (e.points || [])[0]);
      if (sliced) { fire("compare", sliced); return; }
      fire("click:" + name, {points: (e.points || []).map(function (p) {
        return {customdata: p.customdata, x: p.x, y: p.y};
      })});
    });
  }

  // Compare mode: a click on one of slice B's bars sets that filter on B (a compare event):
  // a timeline bar its period, a shares segment its connection, a commune its place. null for anything else (A's
  // bars filter A, and B with it where B does not replace that filter, as ever).
  function ofSliceB(name, P, point) {
    var data = point && point.customdata;
    if (!Array.isArray(data)) { return null; }
    if (name === "timeline" && data[0] === "B" && typeof point.x === "string") {
      return {action: "set", pairs: periodPairs(P, point.x)};
    }
    if (name === "shares" && data[5] === "B" && typeof data[0] === "string") {
      return {action: "set", pairs: [["connection", data[0]]]};
    }
    if (name === "map" && data[1] === "B" && typeof data[0] === "string") {  // a commune of B's panel
      return {action: "set", pairs: [["place", data[0]]]};
    }
    return null;
  }
  function periodPairs(P, period) {  // a year or month as from/to, within the study's months
    var first = P.months[0], last = P.months[P.months.length - 1];
    if (period.length === 4) {
      var from = period + "-01", to = period + "-12";
      return [["from", from < first ? first : from], ["to", to > last ? last : to]];
    }
    return [["from", period], ["to", period]];
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
      own.draw(gd, fig, p.width, p.fmt, function (e) {
        var sliced = ofSliceB(p.name, p.P, (e.points || [])[0]);
        if (sliced) { fire("compare", sliced); } else { fire("click:" + p.name, e); }
      });
      return null;
    }
    if (gd.beBars || gd.beMap) { gd.beBars = gd.beMap = gd.beMapState = null; gd.replaceChildren(); }
    if (!configs[box.id]) { configs[box.id] = JSON.parse(box.getAttribute("data-config") || "{}"); }
    return root.bePlotly().then(function (Plotly) {  // loaded on first need (plotly-lazy.js)
      if (gd.bePaint !== ticket) { return null; }
      return Promise.resolve(Plotly.react(gd, fig.data, fig.layout, configs[box.id])).then(function () {
        wireClicks(gd, p.name, p.P);
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

  // compare mode on screen: the comparison's key figures instead of A's cards, and the
  // Compare control's buttons that apply (start when there is none; swap and end when there is)
  var comparing = false;  // the option controls are disabled for compare mode (written once a change)
  function writeCompare(P, nodes) {
    var panel = document.getElementById("compare-panel"), kpis = document.getElementById("kpis");
    if (!panel) { return; }
    var on = !!nodes;
    if (on !== comparing && window.dash_clientside && window.dash_clientside.set_props) {
      // the chart options that do not apply to both slices (data/viewstate.py: compared)
      P.vocabulary.schema.options.forEach(function (o) {
        if (o.compared === false) { window.dash_clientside.set_props(o.control, {disabled: on}); }
      });
      var why = document.getElementById("compare-options-note");  // and why they are off
      if (why) { why.hidden = !on; }
    }
    comparing = on;
    panel.replaceChildren.apply(panel, on ? children(nodes) : []);
    panel.hidden = !on;
    if (kpis) { kpis.hidden = on; }
    [["compare-open", !on], ["compare-swap", on], ["compare-end", on]].forEach(function (b) {
      var el = document.getElementById(b[0]);
      if (el) { el.hidden = !b[1]; }
    });
    if (on) {
      // the form that started it closes: its focus goes to the comparison's own controls
      var lost = document.activeElement && document.activeElement.closest &&
        document.activeElement.closest("#compare-form");
      closeCompareForm();
      if (lost) { document.getElementById("compare-swap").focus(); }
    }
  }
  function closeCompareForm() {
    var form = document.getElementById("compare-form"), open = document.getElementById("compare-open");
    if (form) { form.hidden = true; }
    if (open) { open.setAttribute("aria-expanded", "false"); }
  }

  function write(P, key, value) {
    if (key === "compare") { writeCompare(P, value); return; }
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
    return [P.words.lang, JSON.stringify(filterState || {})].concat(P.vocabulary.schema.options.map(function (o) {
      return o.switch ? !!opts[o.param] : opts[o.param];
    })).join("\u0001");
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
    // the Compare list as it opens: a choice that would give A itself (Brussels against
    // Brussels) cannot be picked, and the first one that differs is chosen
    var offerOthers = function (select) {
      var here = new URLSearchParams(window.location.search), first = null;
      Array.prototype.forEach.call(select.options, function (option) {
        var same = JSON.parse(option.value).every(function (pair) {
          return (here.get(pair[0]) || "") === pair[1];
        });
        option.disabled = same;
        if (!same && first === null) { first = option; }
      });
      if (first && select.selectedOptions[0] && select.selectedOptions[0].disabled) {
        first.selected = true;
      }
      select.focus();
    };
    document.addEventListener("click", function (event) {  // the Compare control
      var target = event.target.closest && event.target.closest(".compare-controls button");
      if (!target) { return; }
      if (target.id === "compare-open") {
        var form = document.getElementById("compare-form"), opening = form.hidden;
        form.hidden = !opening;
        target.setAttribute("aria-expanded", opening ? "true" : "false");
        if (opening) { offerOthers(document.getElementById("compare-with")); }
      } else if (target.id === "compare-start") {
        var chosen = document.getElementById("compare-with").value;
        fire("compare", {action: "set", pairs: JSON.parse(chosen)});
      } else if (target.id === "compare-swap") {
        fire("compare", {action: "swap"});
      } else if (target.id === "compare-end") {
        fire("compare", {action: "end"});
        var open = document.getElementById("compare-open");
        if (open) { requestAnimationFrame(function () { open.focus(); }); }
      }
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
      // drawn into the page. (A chart option is applied by filters.js, which writes it to the
      // address and redraws its chart.) The state Dash holds is drawn unless filters.js drew
      // it already: a view never stays on a state the address does not say. A new state or search also has the table ask again for its
      // page (beTable.refresh); a new state (while a section is open) or a section opened or
      // closed sets the gate the server draws the sections from.
      draw: function (filterState, search, open) {
        var dc = window.dash_clientside, ctx = dc.callback_context || {};
        var args = arguments, lang = args[args.length - 1];
        var only = [], refresh = false, sections = false, held = {};
        var states = ctx.states_list || [];  // the options' controls, the gate, the language
        states.forEach(function (s, i) { if (s) { held[s.id] = args[3 + i]; } });
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
        if (refresh && window.beTable) { window.beTable.refresh(!!root.beCompare.slices(filterState)); }
        var GATE = states[states.length - 2];  // before the language
        if (sections && GATE) {
          dc.set_props(GATE.id, {data: {state: filterState || {}, open: open || []}});
        }
        if (only && !only.length) { return; }
        // the options filters.js drew last (the address's), else the controls'
        function optionsOf(Q) {
          var out = {};
          Q.vocabulary.schema.options.forEach(function (o) {
            out[o.param] = o.switch ? !!held[o.control] : held[o.control];
          });
          return lastOpts || out;
        }
        var P = loaded(lang || "en");
        if (P && only === null && shown === key(P, filterState, optionsOf(P))) { return; }  // drawn already
        if (P) { show(P, filterState, optionsOf(P), only); return; }
        return load(lang || "en").then(function (Q) { show(Q, filterState, optionsOf(Q), only); });
      }
    };
  }
})(typeof window !== "undefined" ? window : globalThis);
