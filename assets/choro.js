// The main map on screen (boundary file present) drawn as plain SVG from the very figure Python
// draws for exports: the same two traces (communes at 0 in grey, the others on the figure's
// colour scale, z, zmax), the same hover text, colour bar and notes. The GeoJSON is fetched once
// per panel and each commune's outline is projected once per size (Mercator, fitted to the
// panel's communes as plotly's fitbounds "locations"); a filter change only sets fills, where
// plotly projected and drew every outline again (most of a change's time on a 2-core machine).
// Each commune is a button for the keyboard and a screen reader (arrow keys move, Enter
// filters); exports and the schematic map (no boundary file) stay with plotly.
(function (root) {
  "use strict";

  var NS = "http://www.w3.org/2000/svg";
  var BAR = {gap: 16, thick: 14, room: 78};  // the colour bar beside the plot (px)
  // compare mode's two panels stack under NARROW px of plot, the chart taller by STACKED times
  // its width; LABEL px over each panel for its slice's name
  var NARROW = 480, STACKED = 0.9, LABEL = 24;

  // one panel (two traces: communes at 0, the others), or compare mode's two (four traces,
  // B's on "geo2": maps.choropleth_pair), each with its outlines by URL
  function supports(fig) {
    var d = fig && fig.data;
    return !!(d && (d.length === 2 || d.length === 4) && d.every(function (t) {
      return t.type === "choropleth" && typeof t.geojson === "string";
    }));
  }
  // each panel's traces, its outlines' URL and its box as a share of the plot (the geo's domain)
  function panels(fig) {
    var L = fig.layout || {}, out = [];
    for (var i = 0; i < fig.data.length; i += 2) {
      var geo = L[i ? "geo" + (i / 2 + 1) : "geo"] || {}, dom = geo.domain || {};
      out.push({none: fig.data[i], has: fig.data[i + 1], url: fig.data[i + 1].geojson || fig.data[i].geojson,
                x: dom.x || [0, 1], y: dom.y || [0, 1]});
    }
    return out;
  }

  var geo = {};  // url -> {features: {id: geometry}, promise}
  function load(url) {
    var inFile = root.beBundle && root.beBundle.features(url);  // the dashboard in one file
    if (inFile) { return {features: inFile, promise: Promise.resolve(inFile)}; }
    if (!geo[url]) {
      geo[url] = {features: null};
      geo[url].promise = fetch(url, {credentials: "same-origin"}).then(function (r) {
        if (!r.ok) { throw new Error("map boundaries: " + r.status); }
        return r.json();
      }).then(function (doc) {
        var out = {};
        doc.features.forEach(function (f) { out[f.id] = f.geometry; });
        geo[url].features = out;
        return out;
      });
      geo[url].promise.catch(function () { delete geo[url]; });
    }
    return geo[url];
  }

  function mercator(p) {  // lon/lat degrees -> plane (y up)
    var lat = Math.max(-85, Math.min(85, p[1]));
    return [p[0] * Math.PI / 180, Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360))];
  }
  function rings(g) {
    return g.type === "Polygon" ? g.coordinates : g.type === "MultiPolygon" ?
      [].concat.apply([], g.coordinates) : [];
  }

  // each commune's outline as an SVG path, fitted into box {x, y, w, h}: pure (node tests it)
  function project(features, codes, box) {
    var projected = {}, x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    codes.forEach(function (c) {
      if (!features[c]) { return; }
      projected[c] = rings(features[c]).map(function (ring) {
        return ring.map(function (p) {
          var q = mercator(p);
          if (q[0] < x0) { x0 = q[0]; } if (q[0] > x1) { x1 = q[0]; }
          if (q[1] < y0) { y0 = q[1]; } if (q[1] > y1) { y1 = q[1]; }
          return q;
        });
      });
    });
    var k = Math.min(box.w / ((x1 - x0) || 1), box.h / ((y1 - y0) || 1));
    var ox = box.x + (box.w - k * (x1 - x0)) / 2, oy = box.y + (box.h - k * (y1 - y0)) / 2;
    var paths = {};
    Object.keys(projected).forEach(function (c) {
      paths[c] = projected[c].map(function (ring) {
        return "M" + ring.map(function (q) {
          return (ox + k * (q[0] - x0)).toFixed(1) + "," + (oy + k * (y1 - q[1])).toFixed(1);
        }).join("L") + "Z";
      }).join("");
    });
    return paths;
  }

  function rgb(color) {
    var m = /^#([0-9a-f]{6})$/i.exec(color);
    if (m) { var v = parseInt(m[1], 16); return [v >> 16, (v >> 8) & 255, v & 255]; }
    m = /^rgba?\(([^)]+)\)$/.exec(color);
    return m ? m[1].split(",").slice(0, 3).map(Number) : [128, 128, 128];
  }
  // z on the trace's colour scale (zmin..zmax), interpolated in RGB as plotly does
  function colour(scale, zmin, zmax, z) {
    var t = zmax > zmin ? Math.max(0, Math.min(1, (z - zmin) / (zmax - zmin))) : 0;
    for (var i = 1; i < scale.length; i++) {
      if (t <= scale[i][0] || i === scale.length - 1) {
        var a = scale[i - 1], b = scale[i], f = b[0] > a[0] ? (t - a[0]) / (b[0] - a[0]) : 0;
        var ca = rgb(a[1]), cb = rgb(b[1]);
        return "rgb(" + [0, 1, 2].map(function (j) { return Math.round(ca[j] + f * (cb[j] - ca[j])); }).join(", ") + ")";
      }
    }
    return scale[0][1];
  }

  // what each commune shows and says, the colour bar's ticks: pure (node tests it)
  function shading(fig, fmt) {
    var has = fig.data[1], places = [];
    fig.data.forEach(function (t, j) {
      var k = j % 2;  // each panel's communes at 0, then its others
      (t.locations || []).forEach(function (code, i) {
        var z = t.z[i];
        places.push({code: code, panel: (j - k) / 2, z: z, fill: k ? colour(t.colorscale, t.zmin || 0, t.zmax, z) :
          colour(t.colorscale, 0, 1, 0), text: t.text && t.text[i], shaded: !!k,
                     customdata: t.customdata ? t.customdata[i] : code});
      });
    });
    // the figure's own ticks (figures.rate_axis / integer axis), as plotly draws them in exports
    var bar = has.colorbar || {}, zmax = has.zmax || 1;
    var step = bar.dtick || root.beBars.rateAxis(zmax).dtick;
    var decimals = +((/\.(\d+)f$/.exec(bar.tickformat || "") || [0, 0])[1]);
    var ticks = [];
    for (var n = 0; n * step <= zmax + 1e-9; n++) {  // n * step: no creeping sum (0.1 + 0.2)
      ticks.push({at: n * step / zmax, text: fmt.num(n * step, decimals)});
    }
    var scale = (has.colorscale || []).map(function (s) { return [s[0], s[1]]; });
    return {places: places, ticks: ticks, scale: scale,
            title: bar.title && bar.title.text ? root.beBars.unmark(bar.title.text) : "",
            line: (has.marker && has.marker.line) || {color: "white", width: 0.6}};
  }

  function lines(text) {  // a hover's markup -> its lines
    return String(text || "").split(/<br\s*\/?>/i).map(root.beBars.unmark);
  }

  function svg(tag, attrs) {
    var e = document.createElementNS(NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }

  // Draw fig into gd (width in px, known to the caller); onClick(points) as plotly_click's event
  function draw(gd, fig, width, fmt, onClick) {
    var parts = panels(fig), loads = parts.map(function (p) { return load(p.url); });
    gd.beMap = {fig: fig, onClick: onClick};
    if (!loads.every(function (G) { return G.features; })) {  // the outlines come once: drawn then, if this is still the figure to draw
      // meanwhile no other panel's map under this one's title: the plot is empty, and says so
      gd.replaceChildren();
      gd.beMapState = null;
      gd.setAttribute("aria-busy", "true");
      Promise.all(loads.map(function (G) { return G.promise; })).then(function () {
        if (gd.beMap && gd.beMap.fig === fig) { draw(gd, fig, width, fmt, onClick); }
      });
      return;
    }
    gd.removeAttribute("aria-busy");
    var L = fig.layout, m = L.margin || {}, H = L.height || 450, W = Math.max(width || 0, 160);
    var S = shading(fig, fmt);
    var plotW = Math.max(W - (m.l || 0) - (m.r || 0) - BAR.room, 40);
    // compare mode in a narrow card (a phone): B's panel under A's, each as wide as the plot
    var stacked = parts.length > 1 && plotW < NARROW;
    if (stacked) { H += Math.round(plotW * STACKED); }
    var plot = {x: m.l || 0, y: m.t || 0, w: plotW, h: Math.max(H - (m.t || 0) - (m.b || 0), 40)};
    // each panel's box within the plot, as its geo's domain places it (stacked: one per row,
    // under its slice's name)
    var boxes = parts.map(function (p, i) {
      if (stacked) {
        var row = plot.h / parts.length;
        return {x: plot.x, y: plot.y + i * row + LABEL, w: plot.w, h: row - LABEL};
      }
      return {x: plot.x + p.x[0] * plot.w, y: plot.y + (1 - p.y[1]) * plot.h,
              w: (p.x[1] - p.x[0]) * plot.w, h: (p.y[1] - p.y[0]) * plot.h};
    });
    var codes = parts.map(function (p, k) {
      return S.places.filter(function (q) { return q.panel === k; }).map(function (q) { return q.code; }).sort();
    });
    var key = parts.map(function (p, k) { return p.url + "|" + codes[k].join(","); }).join("|") + "|" + W + "|" + H;
    var state = gd.beMapState;
    if (!state || state.key !== key) {  // the outlines, made once for these panels and size
      var rootEl = document.createElement("div");
      rootEl.className = "choro";
      rootEl.style.height = H + "px";
      var map = svg("svg", {width: W, height: H, "class": "choro-svg", role: "group"});
      var shapes = {};
      parts.forEach(function (part, k) {
        var paths = project(loads[k].features, codes[k], boxes[k]);
        codes[k].forEach(function (c) {
          if (!paths[c]) { return; }
          var p = svg("path", {d: paths[c], "class": "choro-place", "data-code": c, tabindex: "-1",
                               role: "button", stroke: S.line.color, "stroke-width": S.line.width});
          map.appendChild(p);
          shapes[k + "|" + c] = p;
        });
      });
      var scale = document.createElement("div");
      scale.className = "choro-bar";
      var tip = document.createElement("div");
      tip.className = "bars-tip choro-tip";
      tip.hidden = true;
      tip.setAttribute("role", "tooltip");
      rootEl.appendChild(map);
      rootEl.appendChild(scale);
      // compare mode: each slice's name over its panel (the figure's "slice" notes)
      (L.annotations || []).filter(function (a) { return a.name === "slice"; }).forEach(function (a, i) {
        var label = document.createElement("div"), box = boxes[i] || boxes[0];
        label.className = "choro-slice";
        label.textContent = lines(a.text).join(" ");
        label.style.left = box.x + "px";
        label.style.bottom = (H - box.y) + "px";
        label.style.maxWidth = box.w + "px";
        if (a.font && a.font.color) { label.style.color = a.font.color; }
        rootEl.appendChild(label);
      });
      var notes = [];
      rootEl.appendChild(tip);
      gd.replaceChildren(rootEl);
      state = gd.beMapState = {key: key, shapes: shapes, scale: scale, tip: tip, notes: notes, svg: map, root: rootEl};
      if (!gd.beMapWired) { wire(gd); }
    }
    var first = null;
    S.places.forEach(function (p) {  // the change itself: fills and words
      var e = state.shapes[p.panel + "|" + p.code];
      if (!e) { return; }
      e.setAttribute("fill", p.fill);
      e.classList.toggle("choro-some", p.shaded);  // on the colour scale (at least one incident)
      e.beText = lines(p.text);
      e.bePoint = {customdata: p.customdata};
      e.setAttribute("aria-label", (parts.length > 1 ? "AB".charAt(p.panel) + " \u00b7 " : "") + e.beText.join(": "));
      if (first === null) { first = e; }
    });
    if (!state.svg.querySelector('[tabindex="0"]') && first) { first.setAttribute("tabindex", "0"); }
    state.scale.hidden = !S.places.some(function (p) { return p.shaded; });  // as plotly: no scale for nothing
    drawScale(state.scale, S, plot, W);
    // "no incidents": the chart's own note, or compare mode's over an empty slice's panel
    state.notes.forEach(function (n) { n.remove(); });
    state.notes.length = 0;
    (L.annotations || []).filter(function (a) { return a.name === "empty-state" || /^empty-[AB]$/.test(a.name); }).forEach(function (a) {
      var note = document.createElement("div"), slice = /^empty-[AB]$/.test(a.name) ? "AB".indexOf(a.name.charAt(6)) : -1;
      var box = slice >= 0 && boxes[slice] ? boxes[slice] : plot;  // over its own panel
      note.className = "bars-empty";
      note.textContent = lines(a.text).join("\n");
      note.style.left = (box.x + box.w / 2) + "px";
      note.style.top = (box.y + box.h / 2) + "px";
      state.root.insertBefore(note, state.tip);
      state.notes.push(note);
    });
  }

  function drawScale(el, S, plot, width) {
    var key = JSON.stringify([S.scale, S.ticks, S.title, plot, width]);
    if (el.beKey === key) { return; }
    el.beKey = key;
    el.style.left = (plot.x + plot.w + BAR.gap) + "px";
    el.style.top = plot.y + "px";
    el.style.height = plot.h + "px";
    var ramp = document.createElement("div");
    ramp.className = "choro-ramp";
    ramp.style.width = BAR.thick + "px";
    ramp.style.background = "linear-gradient(to top, " + S.scale.map(function (s) {
      return s[1] + " " + (100 * s[0]) + "%";
    }).join(", ") + ")";
    var parts = [ramp];
    S.ticks.forEach(function (t) {
      var tick = document.createElement("div");
      tick.className = "choro-tick";
      tick.style.bottom = (100 * t.at) + "%";
      tick.style.left = (BAR.thick + 4) + "px";
      tick.textContent = t.text;
      parts.push(tick);
    });
    var title = document.createElement("div");
    title.className = "choro-title";
    // a long title ("pour 100 000 hab.") wraps within the card instead of running past its
    // edge, never inside a number; where its lines need more room than the plot leaves above,
    // the bar starts lower
    title.textContent = S.title.replace(/(\d) (?=\d)/g, "$1\u00a0");
    title.style.maxWidth = Math.max(width - (plot.x + plot.w + BAR.gap) - 4, BAR.thick) + "px";
    parts.unshift(title);
    el.replaceChildren.apply(el, parts);
    var over = title.offsetHeight + 6 - plot.y;
    if (over > 0) {
      el.style.top = (plot.y + over) + "px";
      el.style.height = Math.max(plot.h - over, 40) + "px";
    }
  }

  function readingOrder(state) {  // each panel's communes top to bottom (12 px bands), left to right
    if (!state.order) {
      var boxes = Object.keys(state.shapes).map(function (c) {
        var b = state.shapes[c].getBBox();
        return [state.shapes[c], b.y + b.height / 2, b.x + b.width / 2, +c.split("|")[0]];
      });
      boxes.sort(function (a, b) { return a[3] - b[3] || Math.round(a[1] / 12) - Math.round(b[1] / 12) || a[2] - b[2]; });
      state.order = boxes.map(function (b) { return b[0]; });
    }
    return state.order;
  }

  function wire(gd) {
    gd.beMapWired = true;
    function place(e) { return e.target.closest && e.target.closest(".choro-place"); }
    function show(p) {
      var st = gd.beMapState;
      if (!st || !p.beText) { return; }
      st.tip.textContent = p.beText.join("\n");
      st.tip.hidden = false;
      var box = p.getBBox();
      st.tip.style.left = (box.x + box.width / 2) + "px";
      st.tip.style.top = box.y + "px";
    }
    function hide() { if (gd.beMapState) { gd.beMapState.tip.hidden = true; } }
    gd.addEventListener("click", function (e) {
      var p = place(e);
      if (p && gd.beMap && p.bePoint) { gd.beMap.onClick({points: [p.bePoint]}); }
    });
    gd.addEventListener("pointerover", function (e) { var p = place(e); if (p) { show(p); } });
    gd.addEventListener("pointerout", function (e) { if (place(e)) { hide(); } });
    gd.addEventListener("focusin", function (e) { var p = place(e); if (p) { show(p); } });
    gd.addEventListener("focusout", hide);
    gd.addEventListener("keydown", function (e) {
      var p = place(e);
      if (!p) { return; }
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        if (gd.beMap && p.bePoint) { gd.beMap.onClick({points: [p.bePoint]}); }
        return;
      }
      // arrows: the next commune in reading order (top to bottom, left to right)
      var order = readingOrder(gd.beMapState), i = order.indexOf(p), next = null;
      if (e.key === "ArrowRight" || e.key === "ArrowDown") { next = order[i + 1]; }
      if (e.key === "ArrowLeft" || e.key === "ArrowUp") { next = order[i - 1]; }
      if (e.key === "Home") { next = order[0]; }
      if (e.key === "End") { next = order[order.length - 1]; }
      if (next) {
        e.preventDefault();
        p.setAttribute("tabindex", "-1");
        next.setAttribute("tabindex", "0");
        next.focus();
      }
    });
  }

  var api = {supports: supports, draw: draw, project: project, shading: shading, colour: colour, load: load};
  root.beMap = api;
  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
})(typeof window !== "undefined" ? window : globalThis);
