// The main stacked bar charts (shares, timeline) drawn on screen as plain HTML from the very
// figure Python draws for exports (the parity test holds the two figures equal): its traces'
// values, labels, colours, patterns and hover text, its axes and events. A filter change sets a
// few dozen positioned elements instead of plotly's full redraw of an SVG (on a 2-core machine
// about three quarters of a filter change's main-thread time). Each segment is a button: it
// filters as plotly's click did, says its numbers to a screen reader, and the arrow keys move
// between segments (one tab stop per chart). Exports and every other chart stay with plotly.
(function (root) {
  "use strict";

  var PAD = 3;  // plotly's padding around a label inside its bar (px)

  // a bar chart of ours: stacked (the shares, horizontal; the timeline) or grouped (compare
  // mode's timeline: a bar per slice side by side in each period)
  function supports(fig) {
    var L = fig && fig.layout, data = fig && fig.data;
    return !!(L && (L.barmode === "stack" || L.barmode === "group") && data && data.length &&
              data.every(function (t) { return t.type === "bar"; }));
  }

  // plotly's markup (escaped text, <b>, <span>, <br>) -> plain text; a bare "<" is text ("n < 5")
  function unmark(text) {
    return String(text === undefined || text === null ? "" : text).replace(/<br\s*\/?>/gi, " ")
      .replace(/<\/?(b|i|em|span|sub|sup|a)\b[^>]*>/gi, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  }

  // ticks 1, 2, 5 times a power of ten apart, at least rough: whole numbers, or for a rate
  // (fractional) tenths, hundredths... too (figures.tick_step; instant.js's axes use it too)
  function tickStep(rough, fractional) {
    var scale = 1;
    while (scale * 10 < rough) { scale *= 10; }
    while (fractional && rough > 0 && rough < scale) { scale /= 10; }
    return [1, 2, 5, 10].map(function (m) { return m * scale; }).filter(function (s) { return s >= rough; })[0];
  }
  // figures.rate_axis: about five ticks, as many decimals as the step needs
  function rateAxis(maximum) {
    var step = tickStep(maximum / 5, true);
    var decimals = step >= 1 ? 0 : Math.ceil(-Math.log10(step) - 1e-9);
    return {dtick: step, tickformat: ",." + decimals + "f"};
  }

  // plotly's hovertemplate, as far as our figures use it: %{x}, %{y}, %{x:.1f},
  // %{customdata[i]}, %{fullData.name}; the <extra> part (plotly's side box) after a dash
  function hoverText(trace, j, fmt) {
    var template = trace.hovertemplate || "%{x}: %{y}";
    var extra = "";
    template = template.replace(/<extra>([\s\S]*?)<\/extra>/, function (all, inner) { extra = inner; return ""; });
    function fill(text) {
      return text.replace(/%\{([^}:]+)(?::([^}]*))?\}/g, function (all, path, spec) {
        var value;
        var m = /^customdata\[(\d+)\]$/.exec(path);
        if (m) { value = (trace.customdata[j] || [])[+m[1]]; } else if (path === "x" || path === "y") {
          value = trace[path][j];
        } else if (path === "fullData.name") { value = trace.name; } else { return all; }
        if (typeof value !== "number") { return value === undefined || value === null ? "" : String(value); }
        var digits = spec && /^\.(\d)f$/.exec(spec);
        return fmt.num(value, digits ? +digits[1] : 0);
      });
    }
    var main = unmark(fill(template)), side = unmark(fill(extra));
    return side ? side + " \u2014 " + main : main;
  }

  function contrast(color) {  // plotly's inside text colour: dark on a light bar, white on a dark
    var m = /^#([0-9a-f]{6})$/i.exec(color || "");
    if (!m) { return "#444"; }
    var v = parseInt(m[1], 16), r = v >> 16, g = (v >> 8) & 255, b = v & 255;
    return (r * 299 + g * 587 + b * 114) / 1000 >= 128 ? "#444" : "#fff";
  }

  var HATCH = "rgba(34, 34, 34, 0.55) 0 1.5px, transparent 1.5px 5px";
  function hatch(shape) {  // plotly's marker pattern as CSS stripes (also the legend's swatches)
    var lines = {"/": ["-45deg"], "\\": ["45deg"], "x": ["45deg", "-45deg"]}[shape] || [];
    return lines.map(function (angle) { return "repeating-linear-gradient(" + angle + ", " + HATCH + ")"; }).join(", ");
  }

  // Where everything goes, in px, for a plot width: pure (measure(text, size) -> px is given),
  // so node's tests check it. Stacked in trace order, hidden traces left out as in plotly;
  // grouped (barmode "group"): each shown trace its own slot of the category's bar, side by
  // side in trace order, from the axis (plotly's bargroupgap between them), a label
  // "outside" above its bar.
  function layout(fig, width, measure, fmt) {
    var L = fig.layout, data = fig.data, m = L.margin || {};
    var horizontal = data[0].orientation === "h";
    var H = L.height || 400, W = Math.max(width || 0, 120);
    var ml = m.l === undefined ? 80 : m.l, mr = m.r === undefined ? 80 : m.r;
    var mt = m.t === undefined ? 100 : m.t, mb = m.b === undefined ? 80 : m.b;
    var plot = {x: ml, y: mt, w: Math.max(W - ml - mr, 20), h: Math.max(H - mt - mb, 20)};
    var cats = (horizontal ? data[0].y : data[0].x).slice();
    var index = {};
    cats.forEach(function (c, i) { index[c] = i; });
    var shown = data.map(function (t) { return t.visible !== "legendonly" && t.visible !== false; });
    var grouped = L.barmode === "group", slots = shown.filter(Boolean).length || 1;
    var totals = cats.map(function (c, i) {
      return data.reduce(function (s, t, k) {
        var v = shown[k] ? +(horizontal ? t.x : t.y)[i] || 0 : 0;
        return grouped ? Math.max(s, v) : s + v;  // grouped: the tallest bar, not a stack
      }, 0);
    });
    var valueAxis = horizontal ? L.xaxis || {} : L.yaxis || {};
    var peak = Math.max.apply(null, [0].concat(totals));
    // grouped bars' labels stand above them: more room over the tallest (plotly's autorange)
    var range = valueAxis.range ? valueAxis.range.slice() : [0, peak > 0 ? peak * (grouped ? 1.15 : 1.05) : 1];
    var span = range[1] - range[0] || 1;
    var length = horizontal ? plot.w : plot.h;
    function along(v) { return (v - range[0]) / span * length; }
    var gap = L.bargap === undefined ? 0.2 : L.bargap;
    var band = (horizontal ? plot.h : plot.w) / Math.max(cats.length, 1), thick = band * (1 - gap);
    function across(i) { return i * band + (band - thick) / 2; }  // a bar's near edge
    var slot = thick / slots, groupGap = L.bargroupgap || 0;  // grouped: each trace's share of it

    var base = (L.font && L.font.size) || 14, minsize = (L.uniformtext && L.uniformtext.minsize) || 0;
    var segments = [];
    var floor = range[0] > 0 ? range[0] : 0, ends = cats.map(function () { return floor; });
    var order = 0;
    data.forEach(function (t, k) {
      if (!shown[k]) { return; }
      var values = horizontal ? t.x : t.y, mine = order;
      order += 1;
      cats.forEach(function (c, i) {
        var v = +values[i] || 0;
        if (!(v > 0)) { return; }
        var start = grouped ? floor : ends[i];
        var from = along(start), to = along(start + v);
        if (!grouped) { ends[i] += v; }
        var near = grouped ? across(i) + mine * slot + slot * groupGap / 2 : across(i);
        var thickness = grouped ? slot * (1 - groupGap) : thick;
        var s = horizontal ? {x: plot.x + from, y: plot.y + near, w: to - from, h: thickness} :
          {x: plot.x + near, y: plot.y + plot.h - to, w: thickness, h: to - from};
        var text = unmark(t.text && t.text[i]);
        var fit = 0, outside = t.textposition === "outside";
        if (text) {  // the size that fits the segment, at most the figure's (plotly scales down);
          // outside its bar, a label needs only the bar's width
          var tw = measure(text, base), th = base * 1.15;
          fit = base * Math.min(1, (s.w - (outside ? 0 : 2 * PAD)) / tw, outside ? 1 : (s.h - 2 * PAD) / th);
        }
        s.outside = outside;
        s.trace = k;
        s.point = i;
        s.category = c;
        // the words that name the bar, where the figure says which (meta.bar_name: the index of
        // its customdata that holds them, as the hover says it: 'Sep 2014', not '2014-09')
        var at = t.meta && t.meta.bar_name;
        s.barName = at !== undefined && t.customdata && t.customdata[i] ? t.customdata[i][at] : c;
        s.text = text;
        s.fit = fit;
        s.anchor = t.insidetextanchor || "end";  // plotly's default: at the bar's end
        s.color = t.marker && t.marker.color;
        s.pattern = t.marker && t.marker.pattern && t.marker.pattern.shape || "";
        s.name = t.name;
        s.hover = hoverText(t, i, fmt);
        s.point_data = {customdata: t.customdata && t.customdata[i], x: t.x[i], y: t.y[i]};
        segments.push(s);
      });
    });
    segments.sort(function (a, b) { return a.point - b.point || a.trace - b.trace; });  // read bar by bar
    // uniformtext "hide": every label at one size, the smallest any needs, never under minsize;
    // a label that needs smaller is left out (its hover and its button's name still say it)
    var sizes = segments.filter(function (s) { return s.text && s.fit >= minsize && s.fit > 0; })
      .map(function (s) { return s.fit; });
    var size = sizes.length ? Math.min.apply(null, sizes) : base;
    segments.forEach(function (s) { s.label = s.text && s.fit >= minsize && s.fit > 0 ? s.text : ""; });

    var ticks = [];
    var step = valueAxis.dtick || tickStep(span / 5);
    var suffix = valueAxis.ticksuffix || "";
    for (var v = Math.ceil(range[0] / step) * step; v <= range[1] + 1e-9; v += step) {
      ticks.push({at: along(v), text: fmt.num(v) + suffix});
    }
    var catAxis = horizontal ? L.yaxis || {} : L.xaxis || {}, catTicks = [];
    if (!horizontal) {
      var vals = catAxis.tickvals || cats, texts = catAxis.ticktext || vals;
      var all = [];
      vals.forEach(function (c, n) {
        if (index[c] === undefined) { return; }
        var text = String(texts[n]);
        all.push({at: across(index[c]) + thick / 2, text: text, half: measure(text, base) / 2, value: String(c)});
      });
      // labels that would touch are thinned to every k-th, the fewest left out; where the
      // ticks are months, the kept ones are a year's first
      for (var k = 1; k <= all.length; k++) {
        var phase = Math.max(0, all.slice(0, k).map(function (t) { return /-01$/.test(t.value); }).indexOf(true));
        var kept = all.filter(function (t, n) { return n % k === phase; });
        if (kept.every(function (t, n) { return !n || t.at - t.half >= kept[n - 1].at + kept[n - 1].half + 8; })) {
          catTicks = kept.map(function (t) { return {at: t.at, text: t.text}; });
          break;
        }
      }
    }
    function catX(c) {  // a category's centre; a number is a serial number (plotly: 0.5 is between the first two)
      if (typeof c === "number") { return across(c) + thick / 2; }
      return index[c] === undefined ? null : across(index[c]) + thick / 2;
    }
    var shapes = (L.shapes || []).filter(function (s) { return s.xref === "x"; }).map(function (s) {
      var x0 = catX(s.x0), x1 = catX(s.x1);
      if (x0 === null || x1 === null) { return null; }
      return {type: s.type, x: plot.x + Math.min(x0, x1), w: Math.abs(x1 - x0), y: plot.y, h: plot.h,
              color: s.type === "rect" ? s.fillcolor : s.line && s.line.color, opacity: s.opacity,
              dash: s.line && s.line.dash};
    }).filter(Boolean);
    var notes = [], empty = null;
    (L.annotations || []).forEach(function (a) {
      if (a.name === "empty-state") { empty = String(a.text).split(/<br\s*\/?>/i).map(unmark).join("\n"); return; }
      if (a.name === "foot") { return; }
      var x, y;
      if (a.xref === "paper") { x = plot.x + (a.x || 0) * plot.w; } else if (!horizontal) { x = catX(a.x); if (x === null) { return; } x += plot.x; } else { x = plot.x + along(a.x); }
      if (a.yref === "paper") { y = plot.y + (1 - (a.y || 0)) * plot.h; } else if (horizontal) {
        y = plot.y + (a.y + 0.5) * band;  // category units (the first category at the top)
      } else { y = plot.y + plot.h - along(a.y); }
      y -= a.yshift || 0;
      notes.push({x: x, y: y, text: unmark(a.text), bold: /<b>/.test(a.text || ""),
                  size: (a.font && a.font.size) || base, color: (a.font && a.font.color) || "#333",
                  xanchor: a.xanchor || "center", yanchor: a.yanchor || "middle",
                  vertical: a.textangle === -90, bg: a.bgcolor || ""});
    });
    var title = valueAxis.title && valueAxis.title.text;
    return {horizontal: horizontal, width: W, height: H, plot: plot, segments: segments, size: size,
            ticks: ticks, catTicks: catTicks, shapes: shapes, notes: notes, empty: empty,
            axisTitle: title ? unmark(title) : "", base: base,
            family: (L.font && L.font.family) || "sans-serif"};
  }

  function name(s) {  // a segment's accessible name: its bar, its series and its numbers
    var said = s.hover.indexOf(s.name) >= 0 ? s.hover : s.name + " \u2014 " + s.hover;
    var bar = unmark(String(s.barName));
    return said.indexOf(bar) >= 0 ? said : bar + ": " + said;
  }

  function el(tag, className, style) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (style) { Object.keys(style).forEach(function (k) { e.style[k] = style[k]; }); }
    return e;
  }
  function px(v) { return (Math.round(v * 10) / 10) + "px"; }

  var canvas = null;
  function measurer(family) {
    if (!canvas) { canvas = document.createElement("canvas").getContext("2d"); }
    return function (text, size) {
      canvas.font = size + "px " + family;
      return canvas.measureText(text).width;
    };
  }

  // Draw fig into gd (width: gd's width in px, known to the caller). onClick(points) as
  // plotly_click's event. The segment that had focus keeps it.
  function draw(gd, fig, width, fmt, onClick) {
    var family = (fig.layout.font && fig.layout.font.family) || "sans-serif";
    var G = layout(fig, width, measurer(family), fmt);
    var focused = document.activeElement && gd.contains(document.activeElement) &&
      document.activeElement.getAttribute("data-key");
    var rootEl = el("div", "bars " + (G.horizontal ? "bars-h" : "bars-v"),
                    {height: px(G.height), fontFamily: family, fontSize: G.base + "px"});
    rootEl.setAttribute("role", "group");
    var frag = document.createDocumentFragment();
    G.shapes.forEach(function (s) {
      var d = el("div", "bars-shape bars-" + s.type, {left: px(s.x), top: px(s.y), height: px(s.h),
                                                      width: s.type === "rect" ? px(s.w) : "0"});
      if (s.type === "rect") { d.style.background = s.color; d.style.opacity = s.opacity === undefined ? 1 : s.opacity; } else {
        d.style.borderLeft = "1px " + (s.dash === "dot" ? "dotted" : "solid") + " " + s.color;
      }
      frag.appendChild(d);
    });
    G.ticks.forEach(function (t) {  // gridlines and value labels
      var line = el("div", "bars-grid", G.horizontal ?
        {left: px(G.plot.x + t.at), top: px(G.plot.y), height: px(G.plot.h)} :
        {left: px(G.plot.x), top: px(G.plot.y + G.plot.h - t.at), width: px(G.plot.w)});
      var label = el("div", "bars-tick", G.horizontal ?
        {left: px(G.plot.x + t.at), top: px(G.plot.y + G.plot.h + 6)} :
        {right: px(G.width - G.plot.x + 6), top: px(G.plot.y + G.plot.h - t.at)});
      label.textContent = t.text;
      frag.appendChild(line);
      frag.appendChild(label);
    });
    G.catTicks.forEach(function (t) {
      var label = el("div", "bars-tick bars-cat", {left: px(G.plot.x + t.at), top: px(G.plot.y + G.plot.h + 6)});
      label.textContent = t.text;
      frag.appendChild(label);
    });
    if (G.axisTitle) {
      var at = el("div", "bars-axis-title", {left: "2px", top: px(G.plot.y + G.plot.h / 2)});
      at.textContent = G.axisTitle;
      frag.appendChild(at);
    }
    G.segments.forEach(function (s) {
      var b = el("button", "bars-seg", {left: px(s.x), top: px(s.y), width: px(s.w), height: px(s.h),
                                         backgroundColor: s.color, color: contrast(s.color),
                                         fontSize: px(G.size)});
      b.type = "button";
      var stripes = hatch(s.pattern);
      if (stripes) { b.style.backgroundImage = stripes; }
      var key = s.trace + ":" + s.point;
      b.setAttribute("data-key", key);
      b.setAttribute("data-trace", s.trace);
      b.setAttribute("data-point", s.point);
      b.setAttribute("aria-label", name(s));
      b.tabIndex = -1;
      if (s.label && s.outside) {  // above its bar (grouped bars: plotly's textposition "outside")
        var out = el("div", "bars-out", {left: px(s.x + s.w / 2), top: px(s.y - 2), fontSize: px(G.size)});
        out.textContent = s.label;
        out.setAttribute("aria-hidden", "true");  // the bar's button says it
        frag.appendChild(out);
      } else if (s.label) { b.textContent = s.label; }
      if (s.anchor !== "middle") { b.className += " bars-at-" + s.anchor; }
      b.beHover = s.hover;
      b.bePoint = s.point_data;
      frag.appendChild(b);
    });
    G.notes.forEach(function (n) {
      var d = el("div", "bars-note" + (n.vertical ? " bars-vertical" : ""),
                 {left: px(n.x), top: px(n.y), fontSize: px(n.size), color: n.color,
                  fontWeight: n.bold ? "700" : ""});
      if (n.bg) { d.style.background = n.bg; }
      var dx = n.xanchor === "left" ? "0" : n.xanchor === "right" ? "-100%" : "-50%";
      var dy = n.yanchor === "top" ? "0" : n.yanchor === "bottom" ? "-100%" : "-50%";
      d.style.transform = "translate(" + dx + ", " + dy + ")" + (n.vertical ? " rotate(180deg)" : "");
      d.textContent = n.text;
      frag.appendChild(d);
    });
    if (G.empty) {
      var e = el("div", "bars-empty", {left: px(G.plot.x + G.plot.w / 2), top: px(G.plot.y + G.plot.h / 2)});
      e.textContent = G.empty;
      frag.appendChild(e);
    }
    var tip = el("div", "bars-tip");
    tip.hidden = true;
    tip.setAttribute("role", "tooltip");
    frag.appendChild(tip);
    rootEl.appendChild(frag);
    gd.replaceChildren(rootEl);
    gd.beBars = {onClick: onClick, tip: tip, horizontal: G.horizontal};
    if (!gd.beBarsWired) { wire(gd); }
    // one tab stop: the segment that had focus (if it is still drawn), else the first
    var stop = (focused && rootEl.querySelector('[data-key="' + focused + '"]')) || rootEl.querySelector(".bars-seg");
    if (stop) {
      stop.tabIndex = 0;
      if (focused) { stop.focus(); }
    }
    return G;
  }

  function show(gd, b) {
    var tip = gd.beBars.tip;
    tip.textContent = b.beHover;
    tip.hidden = false;
    var x = parseFloat(b.style.left) + parseFloat(b.style.width) / 2, y = parseFloat(b.style.top);
    // centred on its segment, but kept inside the plot (a first bar's tip was cut at 390 px)
    var half = tip.offsetWidth / 2, width = gd.clientWidth;
    if (half && width) { x = Math.max(half, Math.min(x, Math.max(half, width - half))); }
    tip.style.left = px(x);
    tip.style.top = px(y);
  }
  function hide(gd) { if (gd.beBars) { gd.beBars.tip.hidden = true; } }

  function wire(gd) {  // once per plot element: its segments come and go with each draw
    gd.beBarsWired = true;
    function seg(e) { return e.target.closest && e.target.closest(".bars-seg"); }
    gd.addEventListener("click", function (e) {
      var b = seg(e);
      if (b && gd.beBars) { gd.beBars.onClick({points: [b.bePoint]}); }
    });
    gd.addEventListener("pointerover", function (e) { var b = seg(e); if (b) { show(gd, b); } });
    gd.addEventListener("pointerout", function (e) { if (seg(e)) { hide(gd); } });
    gd.addEventListener("focusin", function (e) { var b = seg(e); if (b) { show(gd, b); } });
    gd.addEventListener("focusout", function () { hide(gd); });
    gd.addEventListener("keydown", function (e) {  // arrows: the next segment (one tab stop)
      var b = seg(e);
      if (!b || !gd.beBars) { return; }
      var all = Array.prototype.slice.call(gd.querySelectorAll(".bars-seg"));
      var t = +b.getAttribute("data-trace"), p = +b.getAttribute("data-point");
      var h = gd.beBars.horizontal, next = null;
      var alongKeys = h ? {ArrowUp: -1, ArrowDown: 1} : {ArrowLeft: -1, ArrowRight: 1};
      var acrossKeys = h ? {ArrowLeft: -1, ArrowRight: 1} : {ArrowDown: -1, ArrowUp: 1};
      function order(x) { return [+x.getAttribute("data-point"), +x.getAttribute("data-trace")]; }
      if (e.key in alongKeys) {  // the neighbouring category's segment, the same series if it has one
        var d = alongKeys[e.key];
        var cands = all.filter(function (x) { return (+x.getAttribute("data-point") - p) * d > 0; });
        cands.sort(function (x, y) {
          var a = order(x), c = order(y);
          return Math.abs(a[0] - p) - Math.abs(c[0] - p) || Math.abs(a[1] - t) - Math.abs(c[1] - t);
        });
        next = cands[0];
      } else if (e.key in acrossKeys) {  // the next series in the same bar
        var s = acrossKeys[e.key];
        next = all.filter(function (x) {
          return +x.getAttribute("data-point") === p && (+x.getAttribute("data-trace") - t) * s > 0;
        }).sort(function (x, y) { return (+x.getAttribute("data-trace") - +y.getAttribute("data-trace")) * s; })[0];
      } else if (e.key === "Home" || e.key === "End") {
        next = e.key === "Home" ? all[0] : all[all.length - 1];
      }
      if (next) {
        e.preventDefault();
        b.tabIndex = -1;
        next.tabIndex = 0;
        next.focus();
      }
    });
  }

  var api = {supports: supports, layout: layout, draw: draw, hoverText: hoverText, hatch: hatch,
             contrast: contrast, unmark: unmark, tickStep: tickStep, rateAxis: rateAxis};
  root.beBars = api;
  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
})(typeof window !== "undefined" ? window : globalThis);
