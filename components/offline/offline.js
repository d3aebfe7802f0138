/* The dashboard in one file (python app.py bundle; components/offline/bundle.py): no server,
   no network. The views are the app's own (instant.js draws them from the same payload, filters.js
   turns every event into the next view state); this runtime only stands where the server and
   Dash stand in the app: it reads the payloads and map outlines written into the file, keeps
   the view state in the address's fragment (#type=attack&lang=fr: the app's query, read by the
   same schema-driven code), so Back, Forward and a bookmark work, and routes the views' events
   (a chip, a click on a chart) through filters.js as the app's filter callback does. */
(function (root) {
  "use strict";
  var doc = root.document;

  function inline(id) {  // a JSON document written into the file (not executed), or a static
    // site's data file (data/<id>.<hash>.js, loaded before this script: window.beDocs)
    if (root.beDocs && id in root.beDocs) { return root.beDocs[id]; }
    var el = doc.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  var bundle = inline("be-bundle");  // {langs, geo_urls, dataset, version, sha256, made, words, scenes}
  // this page: {lang} in one file; a static site's page also names each language's page
  // (pages: it holds its own language's payload only) and, for an embed, the dashboard's
  var here = inline("be-page") || {};
  Object.keys(here).forEach(function (k) { bundle[k] = here[k]; });
  if (bundle.auto) {  // made with no language named: the reader's browser's, where the file has it
    var asked = (root.navigator && (root.navigator.languages || [root.navigator.language])) || [];
    bundle.lang = asked.map(function (l) { return String(l || "").slice(0, 2).toLowerCase(); })
      .filter(function (l) { return bundle.langs.indexOf(l) >= 0; })[0] || bundle.lang;
  }
  var payloads = {};
  var geo = null, cube = null;
  root.beBundle = {
    // instant.js's payload for lang, from the file (null: not in it)
    payload: function (lang) {
      if (!(lang in payloads)) {
        payloads[lang] = inline("be-payload-" + lang);
        if (payloads[lang]) { payloads[lang].cube = cube || (cube = inline("be-cube")); }  // one for all
      }
      return payloads[lang];
    },
    // choro.js's outlines for a map URL: every panel's communes are the whole country's
    features: function (url) {
      if (bundle.geo_urls.indexOf(url) < 0) { return null; }
      if (!geo) {
        geo = {};
        var doc_ = inline("be-geo");
        (doc_ ? doc_.features : []).forEach(function (f) { geo[f.id] = f.geometry; });
      }
      return geo;
    }
  };

  var state = {}, options = {}, lang = bundle.lang, F = null, P = null, rowsDoc;
  function listed() {  // the table's rows (null: the file holds none)
    if (rowsDoc === undefined) { rowsDoc = inline("be-rows"); }
    return rowsDoc;
  }

  function fragment() { return String(root.location.hash || "").replace(/^#/, ""); }
  function langOf(search) {
    var found = valuesOf(search, "lang").filter(function (l) { return bundle.langs.indexOf(l) >= 0; });
    return found.length ? found[found.length - 1] : null;
  }

  // the address's fragment read as the app reads its query (filters.js outputs, source "url")
  function apply() {
    var search = fragment(), n = +(valuesOf(search, SCENE)[0] || 0);
    lang = langOf(search) || lang;
    P = root.beBundle.payload(lang);
    if (!P && bundle.pages && bundle.pages[lang] && lang !== bundle.lang) {  // its own page
      root.location.replace(bundle.pages[lang] + "#" + search);
      return;
    }
    F = root.beFilters.makeFilters(P.vocabulary);
    var out = F.outputs("url", null, "?" + view(search), {}, state, lang, P.words, options);
    state = out.state;
    options = out.options;
    doc.documentElement.lang = lang;
    error(out.error);
    page();
    // the chart options as the app's controls give them to the views (a switch: a bool)
    root.beInstant.show(P, state, F.optionControls(options));
    root.beOfflineSections.show(P, bundle.words[lang], state);
    root.beOfflineTable.show(P, listed(), bundle.words[lang].table, state, bundle.formula);
    var canonical = out.search.replace(/^\?/, ""), S = bundle.scenes;
    // a scene of the story while the view is still its own (a filter changed: no longer)
    var k = n >= 1 && n <= S.length && S[n - 1].query === withParam(canonical, "lang", "") ? n - 1 : -1;
    if (k >= 0) { canonical += "&" + SCENE + "=" + n; }
    if (canonical !== search) {  // the canonical form, in place: Back does not come back here
      root.history.replaceState(null, "", "#" + canonical);
    }
    scene(k);
    var open = doc.getElementById("be-open");  // an embed: the dashboard, on this view
    if (open) { open.href = (bundle.dashboard || "") + "#" + canonical; }
  }
  // the fragment's view state: the file's own page parameter (the scene) left out
  function view(search) { return withParam(search, SCENE, ""); }

  // --- the briefing story: a scene is a view (its address); on one, its title and caption -----
  var at = -1, SCENE = "scene";  // the scene shown (-1: none); its fragment parameter
  function scene(k) {
    var B = bundle.words[lang], S = bundle.scenes;
    at = k;
    var box = doc.getElementById("be-scene");
    text("be-brief-start", B.start);
    if (!box) { return; }
    box.hidden = at < 0;
    if (at < 0) { return; }
    var s = S[at];
    text("be-scene-counter", root.beFormat.format(B.scene_of, {n: at + 1, total: S.length}));
    text("be-scene-title", s.title[lang]);
    text("be-scene-caption", s.caption[lang]);
    text("be-scene-prev", "\u2190 " + B.previous);
    text("be-scene-next", B.next + " \u2192");
    text("be-scene-keys", B.keys);
    doc.getElementById("be-scene-prev").disabled = at === 0;
    doc.getElementById("be-scene-next").disabled = at === S.length - 1;
  }
  function toScene(i) {
    var S = bundle.scenes;
    if (i < 0 || i >= S.length) { return; }
    go([S[i].query, "lang=" + lang, SCENE + "=" + (i + 1)].filter(Boolean).join("&"));
    // no hover label left from the last scene; the chart brought up under the scene's caption,
    // which stays on screen above it (sticky)
    if (root.Plotly && root.Plotly.Fx) {
      doc.querySelectorAll(".js-plotly-plot").forEach(function (g) { root.Plotly.Fx.unhover(g); });
    }
    var chart = doc.getElementById(S[i].chart), box = doc.getElementById("be-scene");
    if (chart && chart.scrollIntoView) {
      setTimeout(function () {
        chart.style.scrollMarginTop = ((box && box.offsetHeight) || 0) + 8 + "px";
        chart.scrollIntoView({block: "start"});
      }, 50);
    }
  }

  // an event of the views (a chip, a chart click, a compare control): the next state, as the app's
  // filter callback forms it, written to the fragment (a new history entry)
  function event(source, detail) {
    var out = F.outputs(source, detail, "?" + view(fragment()), {}, state, lang, P.words, options);
    go(out.search.replace(/^\?/, ""));
  }
  function go(search) {
    if (search === fragment()) { return; }
    root.location.hash = search;  // hashchange: apply()
  }

  function error(text) {
    var el = doc.getElementById("filter-error");
    if (el) { el.textContent = text || ""; el.hidden = !text; }
  }

  // --- the page's own words and controls, in the language shown ------------------------------
  var text = root.beOfflineTable.text;  // table.js, loaded first
  function page() {
    var W = P.words, T = W.t, B = bundle.words[lang];
    doc.title = T.title;
    text("be-title", T.title);
    text("be-notice", B.notice);
    text("be-about", root.beFormat.format(B.about, Object.assign({}, bundle, {dataset: B.dataset})));
    text("be-cite", B.cite);
    text("be-cannot", B.cannot);
    text("be-filters-title", B.filters);
    var comparing = Object.keys(state).some(function (k) { return k.indexOf("vs.") === 0; });
    doc.querySelectorAll(".be-csv").forEach(function (b) {  // slice A's data: not while comparing
      b.textContent = B.csv.csv;
      b.setAttribute("aria-label", B.csv.csv_label);
      b.hidden = comparing;
    });
    text("reset-filters", B.reset);
    doc.querySelectorAll("[data-be-lang]").forEach(function (a) {
      var code = a.getAttribute("data-be-lang");
      a.setAttribute("aria-current", code === lang ? "true" : "false");
      a.href = (bundle.pages && code !== lang ? bundle.pages[code] : "") + "#" + withParam(fragment(), "lang", code);
    });
    text("be-open", B.open);
    controls();
    compareControl();
  }

  // the Compare control (the dashboard's, in this language): instant.js sends its events and
  // shows the buttons that apply
  var compareLang = null;
  function compareControl() {
    var C = bundle.words[lang].compare, select = doc.getElementById("compare-with");
    if (!select || compareLang === lang) { return; }
    compareLang = lang;
    text("compare-open", C.open);
    text("be-compare-with-label", C["with"]);
    text("compare-start", C.start);
    text("compare-swap", C.swap);
    text("compare-end", C.end);
    select.replaceChildren.apply(select, C.choices.map(function (group) {
      var g = doc.createElement("optgroup");
      g.label = group[0];
      group[1].forEach(function (choice) {
        var o = doc.createElement("option");
        o.value = JSON.stringify(choice[1]);
        o.textContent = choice[0];
        g.appendChild(o);
      });
      return g;
    }));
  }

  // a parameter of the fragment set (value "" removes it)
  function withParam(search, name, value) {
    var pairs = search.split("&").filter(function (p) { return p && p.split("=")[0] !== name; });
    if (value) { pairs.push(name + "=" + root.beFilters.quote(value)); }
    return pairs.join("&");
  }
  function valuesOf(search, name) {  // a parameter's values, read as filters.js reads addresses
    var out = [];
    root.beFilters.pairs(search).forEach(function (p) {
      if (p[0] === name) { p[1].split(",").forEach(function (v) { if (v) { out.push(v); } }); }
    });
    return out;
  }

  // the filters a reader sets here: the dashboard's controls as Python declares them
  // (components/charts/controls.py: each one's name and choices in this language): buttons
  // that toggle a value in the address; a list for the municipalities and citizenships; the
  // period as whole years or a first and last month; then each chart option
  var builtFor = null;  // the language the controls were made in
  function controls() {
    var box = doc.getElementById("be-controls");
    if (!box) { return; }
    if (builtFor !== lang) { build(box); }
    mark(box, fragment());
  }
  function build(box) {  // once per language: each control, its state set by mark()
    builtFor = lang;
    var B = bundle.words[lang], groups = [], more = [];
    var years = [];
    P.months.forEach(function (m) { var y = m.slice(0, 4); if (years.indexOf(y) < 0) { years.push(y); } });
    B.controls.forEach(function (c) {
      if (c.control === "range") {
        groups.push(group("year", B.year, years.map(function (y) { return [y, y]; }), "year"));
        groups.push(period(c));
        return;
      }
      var into = c.more ? more : groups;
      if (c.control === "segmented") {  // a flag: one of any, yes, no
        into.push(group(c.param, c.label, c.choices, "one", "", "any"));
      } else if (c.list) {
        into.push(list(c, B.add));
      } else {
        into.push(group(c.param, c.label, c.choices, "", c.group));
      }
    });
    // the filters used less often: folded away unless one of them is set (or it was opened)
    var details = fold("be-more", B.more);
    more.forEach(function (g) { details.appendChild(g); });
    groups.push(details);
    // the chart options (the app's controls' words): one choice each; the events a switch;
    // folded away too (opened when one is not its default)
    var options = fold("be-options", B.chart_options);
    P.vocabulary.schema.options.forEach(function (o) {
      if ((o.param === "panel" || o.param === "metric") && !P.boundaries) { return; }  // the schematic map has neither
      var said = B.options[o.param];
      options.appendChild(group(o.param, said[0], o.switch ? [["1", said[0]]] : said[1],
                                "option", "", o.switch ? "" : o.choices[0]));
    });
    groups.push(options);
    // the control that had the focus keeps it (a new language: the controls are made anew)
    var had = doc.activeElement && box.contains(doc.activeElement) ? doc.activeElement : null;
    box.replaceChildren.apply(box, groups);
    if (had) {
      var same = Array.prototype.filter.call(box.querySelectorAll(had.tagName), function (el) {
        return el.getAttribute("data-param") === had.getAttribute("data-param") &&
          el.getAttribute("data-value") === had.getAttribute("data-value");
      })[0];
      if (same) { same.focus(); }
    }
  }
  var opened = {};  // which folds the reader opened (kept across languages)
  function fold(name, title) {
    var details = doc.createElement("details"), summary = doc.createElement("summary");
    details.className = "be-fold " + name;
    details.open = !!opened[name];
    details.addEventListener("toggle", function () { opened[name] = details.open; });
    summary.textContent = title;
    details.appendChild(summary);
    return details;
  }
  // the controls' state for the view in the address: buttons pressed, lists' choices ticked,
  // the period's ends; "More filters" opens when one of its filters is set
  function mark(box, search) {
    Array.prototype.forEach.call(box.querySelectorAll(".be-toggle"), function (b) {
      var param = b.getAttribute("data-param"), kind = b.getAttribute("data-kind");
      var chosen = kind === "year" ? yearOf(search) : valuesOf(search, param);
      if (!chosen.length && b.hasAttribute("data-default")) { chosen = [b.getAttribute("data-default")]; }
      var on = chosen.indexOf(b.getAttribute("data-value")) >= 0 ? "true" : "false";
      if (b.getAttribute("aria-pressed") !== on) { b.setAttribute("aria-pressed", on); }
    });
    Array.prototype.forEach.call(box.querySelectorAll(".be-list"), function (select) {
      var chosen = valuesOf(search, select.getAttribute("data-param"));
      Array.prototype.forEach.call(select.options, function (o) {
        if (!o.value) { return; }
        var text = (chosen.indexOf(o.value) >= 0 ? "\u2713 " : "") + o.getAttribute("data-label");
        if (o.textContent !== text) { o.textContent = text; }
      });
      select.value = "";
    });
    Array.prototype.forEach.call(box.querySelectorAll(".be-period-end"), function (select) {
      var end = select.getAttribute("data-param");
      select.value = valuesOf(search, end)[0] || (end === "to" ? P.months[P.months.length - 1] : P.months[0]);
    });
    var details = box.querySelector(".be-more"), options = box.querySelector(".be-options");
    if (details && bundle.words[lang].controls.some(function (c) { return c.more && valuesOf(search, c.param).length; })) { details.open = true; }
    if (options && P.vocabulary.schema.options.some(function (o) { return valuesOf(search, o.param).length; })) { options.open = true; }
  }
  function labelled(param, name, id) {
    var g = doc.createElement("div"), label = doc.createElement("span");
    g.className = "be-control";
    g.setAttribute("role", "group");
    label.className = "be-control-label";
    label.textContent = name;
    label.id = "be-control-" + id;
    g.setAttribute("aria-labelledby", label.id);
    g.appendChild(label);
    return g;
  }
  // a row of buttons; kind: "option" (a chart option), "one" (one value or none), "year";
  // fallback: the choice pressed when the address has none (an option's default, "any")
  function group(param, name, choices, kind, id, fallback) {
    var g = labelled(param, name, (param + (id ? "-" + id : "")).replace(/\W/g, "-"));
    choices.forEach(function (choice) {
      var b = doc.createElement("button");
      b.type = "button";
      b.className = "be-toggle";
      b.textContent = choice[1];
      b.setAttribute("data-param", param);
      if (kind) { b.setAttribute("data-kind", kind); }
      if (kind === "option") { b.setAttribute("data-option", "1"); }
      if (kind === "one") { b.setAttribute("data-one", "1"); }
      if (fallback) { b.setAttribute("data-default", fallback); }
      b.setAttribute("data-value", choice[0]);
      b.setAttribute("aria-pressed", "false");
      g.appendChild(b);
    });
    return g;
  }
  function list(c, add) {  // many choices: a list whose choice toggles it (✓: in the view)
    var g = labelled(c.param, c.label, c.param + "-list"), select = doc.createElement("select");
    select.className = "be-list";
    select.setAttribute("data-param", c.param);
    select.setAttribute("aria-labelledby", "be-control-" + c.param + "-list");
    var first = doc.createElement("option");
    first.value = "";
    first.textContent = add;
    select.appendChild(first);
    c.choices.forEach(function (choice) {
      var o = doc.createElement("option");
      o.value = choice[0];
      o.textContent = choice[1];
      o.setAttribute("data-label", choice[1]);
      select.appendChild(o);
    });
    g.appendChild(select);
    return g;
  }
  function period(c) {  // the first and last month
    var g = labelled("period", c.label, "period"), ends = ["from", "to"];
    ends.forEach(function (end, i) {
      var label = doc.createElement("label"), select = doc.createElement("select");
      label.textContent = c.ends[i] + " ";
      select.className = "be-period-end";
      select.setAttribute("data-param", end);
      c.choices.forEach(function (choice) {
        var o = doc.createElement("option");
        o.value = choice[0];
        o.textContent = choice[1];
        select.appendChild(o);
      });
      label.appendChild(select);
      g.appendChild(label);
    });
    return g;
  }
  function yearOf(search) {  // the year the period is, if it is one whole year
    var from = valuesOf(search, "from")[0], to = valuesOf(search, "to")[0];
    if (!from || !to || from.slice(0, 4) !== to.slice(0, 4)) { return []; }
    var y = from.slice(0, 4), months = P.months.filter(function (m) { return m.slice(0, 4) === y; });
    return from === months[0] && to === months[months.length - 1] ? [y] : [];
  }
  function choose(param, value) {  // a chart option: this choice (a switch: on or off)
    var o = P.vocabulary.schema.options.filter(function (x) { return x.param === param; })[0];
    if (o && o.switch) { value = valuesOf(fragment(), param)[0] === "1" ? "" : "1"; }
    go(withParam(fragment(), param, value));
  }
  function toggle(param, value) {
    var search = fragment();
    if (param === "year") {
      var months = P.months.filter(function (m) { return m.slice(0, 4) === value; });
      var on = yearOf(search)[0] === value;
      search = withParam(withParam(search, "from", on ? "" : months[0]), "to", on ? "" : months[months.length - 1]);
      go(search);
      return;
    }
    var values = valuesOf(search, param), at = values.indexOf(value);
    if (at >= 0) { values.splice(at, 1); } else { values.push(value); }
    go(withParam(search, param, values.join(",")));
  }

  // --- a chart's data as CSV, made here (data.export chart_data's columns; formula-safe) -----
  function table(chart) {
    var C = bundle.words[lang].csv, H = C.headings, V = C.values, cube = root.beCube;
    var a = cube.aggregate(P, cube.parseState(P, state));
    function share(n, total) { return total ? root.beInstant.npRound(100 * n / total, 1).toFixed(1) : ""; }
    if (chart === "chart-shares") {
      var rows = [[H["incident type"], H.connection, H.incidents, H["incidents of this type"], H["share (%)"], H["fewer than 5 (flag)"]]];
      P.types.forEach(function (k) {
        var total = P.connections.reduce(function (s, c) { return s + (a.byType[k + "|" + c] || 0); }, 0);
        P.connections.forEach(function (c) {
          var n = a.byType[k + "|" + c] || 0;
          rows.push([V[k], V[c], n, total, share(n, total), total < P.small_n ? "True" : "False"]);
        });
      });
      return rows;
    }
    if (chart === "chart-timeline") {
      var by = options.by === "incident_type" ? "incident_type" : "connection";
      var keys = by === "connection" ? P.connections : P.types;
      var out = [[H.period, H[by === "connection" ? "connection" : "incident type"], H.incidents, H["incidents in the period"], H["share (%)"]]];
      cube.periods(P, options.freq === "month" ? "month" : "year").forEach(function (p) {
        var counts = keys.map(function (k) { return cube.periodCount(a, p, k); });
        var total = counts.reduce(function (s, n) { return s + n; }, 0);
        keys.forEach(function (k, i) { out.push([p, V[k], counts[i], total, share(counts[i], total)]); });
      });
      return out;
    }
    var places = Object.keys(a.byPlace).filter(function (c) { return a.byPlace[c] > 0; });
    places.sort(function (x, y) { return a.byPlace[y] - a.byPlace[x] || (x < y ? -1 : x > y ? 1 : 0); });
    return [[H["NIS code"], H.municipality, H.incidents]].concat(places.map(function (c) {
      return [c, P.places.table[c] || c, a.byPlace[c]];
    }));
  }
  function csv(rows) {
    return rows.map(function (row) {
      return row.map(function (v) { return root.beOfflineTable.cell(v, bundle.formula); }).join(",");
    }).join("\n") + "\n";
  }
  function download(chart) { root.beOfflineTable.save(bundle.words[lang].files[chart] + ".csv", csv(table(chart))); }
  root.beOffline = {table: table, csv: csv, state: function () { return state; }, lang: function () { return lang; }};

  // --- the Dash API the views call, stood in for --------------------------------------------
  root.dash_clientside = root.dash_clientside || {};
  root.dash_clientside.set_props = function () {};  // no Dash: nothing follows the views
  root.beEvent = event;

  doc.addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest(".be-toggle");
    if (b && b.getAttribute("data-option")) { choose(b.getAttribute("data-param"), b.getAttribute("data-value")); return; }
    if (b && b.getAttribute("data-one")) {  // one value, or none ("any")
      var v = b.getAttribute("data-value");
      go(withParam(fragment(), b.getAttribute("data-param"), v === "any" ? "" : v));
      return;
    }
    if (b) { toggle(b.getAttribute("data-param"), b.getAttribute("data-value")); return; }
    if (e.target.closest && e.target.closest("#reset-filters")) { go("lang=" + lang); }
    if (e.target.closest && e.target.closest("#be-brief-start")) { toScene(0); }
    var file = e.target.closest && e.target.closest(".be-csv");
    if (file) { download(file.getAttribute("data-chart")); }
    if (e.target.closest && e.target.closest("#be-scene-prev")) { toScene(at - 1); }
    if (e.target.closest && e.target.closest("#be-scene-next")) { toScene(at + 1); }
  });
  // on a scene, a clicker's keys step through the story (as briefing mode's)
  doc.addEventListener("keydown", function (e) {
    if (at < 0 || e.altKey || e.ctrlKey || e.metaKey) { return; }
    var t = e.target, tag = t && t.tagName;
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA" || (t && t.closest && t.closest(".choro, .bars"))) { return; }
    var step = {ArrowRight: 1, PageDown: 1, " ": 1, ArrowLeft: -1, PageUp: -1}[e.key];
    if (e.key === " " && tag === "BUTTON") { return; }  // Space presses the focused button
    if (step) { e.preventDefault(); toScene(at + step); }
  });
  doc.addEventListener("change", function (e) {  // a list's choice, a period's end
    var t = e.target;
    if (t.classList.contains("be-list") && t.value) { toggle(t.getAttribute("data-param"), t.value); }
    if (t.classList.contains("be-period-end")) {
      var end = t.getAttribute("data-param"), whole = end === "from" ? P.months[0] : P.months[P.months.length - 1];
      go(withParam(fragment(), end, t.value === whole ? "" : t.value));
    }
  });
  root.addEventListener("hashchange", apply);
  if (doc.readyState === "loading") { doc.addEventListener("DOMContentLoaded", apply); } else { apply(); }
})(window);
