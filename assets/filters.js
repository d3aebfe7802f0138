/* The view state in the browser: controls, chips, reset, chart clicks, chart options and the URL
   (also back and forward) each give the next state, written to the store, the URL and the
   controls, with no request to the server. What a state may hold comes from Python's declaration
   in the payload (data/viewstate.py, data/filters.py allowed_values, components/state.py
   SET_CONTROLS); addresses are read and written with the browser's own URLSearchParams, values
   sorted by its own string order, errors said from the catalogues' templates by code.
   tests/js/filters.test.js holds the transitions to components/state.py on thousands of random
   events, including URLs no control writes and their error messages. The server still
   validates every state it is sent (the sections, the table, exports). */
(function (root) {
  "use strict";

  // a refused value: an error code and its parameters (data/filters.py ERRORS); its words are
  // the catalogue's template in the page's language (W.msg), as the server says it
  function FilterError(code, params) { this.code = code; this.params = params || {}; }
  function said(err, V, W) {
    return W.msg[V.errors[err.code]].replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(err.params, key) ? err.params[key] : all;
    });
  }

  // --- addresses, as the web reads and writes forms (data/filters.py form_quote) --------------
  // an address's parameters, a blank value left out (parse_qsl's rule) unless keepBlank
  // (parse_qsl's keep_blank_values: B's `vs.place=` lifts A's place filter)
  function pairs(query, keepBlank) {
    var out = [];
    new URLSearchParams(query.replace(/^\?+/, "")).forEach(function (value, key) {
      if (value !== "" || keepBlank) { out.push([key, value]); }
    });
    return out;
  }
  var VS = "vs.";  // slice B's filters in an address (data/compare.py)
  function quote(text) { return new URLSearchParams([["", text]]).toString().slice(1); }
  // what a value is trimmed of (data/filters.py SPACE); digits and months in ASCII
  var SPACE = /^[ \t\n\r\f\v]+|[ \t\n\r\f\v]+$/g;
  function trim(text) { return text.replace(SPACE, ""); }
  var DIGITS = /^[0-9]+$/, MONTH = /^[0-9]{4}-(0[1-9]|1[0-2])$/;
  // the canonical order: the browser's own string order (by UTF-16 code units), which Python
  // sorts by too (data/filters.py canonical_order)
  function sorted(values) { return values.slice().sort(); }
  function unique(values) { return sorted(values.filter(function (v, i) { return values.indexOf(v) === i; })); }
  function has(values, v) { return values.indexOf(v) >= 0; }
  function isObject(v) { return !!v && typeof v === "object" && !Array.isArray(v); }
  function copy(f, changes) {
    var out = {};
    Object.keys(f).forEach(function (k) { out[k] = f[k]; });
    Object.keys(changes || {}).forEach(function (k) { out[k] = changes[k]; });
    return out;
  }

  function makeFilters(V) {
    // V: the vocabulary (components/state.py vocabulary()): what each filter may name, the view
    // state's declaration, the place groups and their municipalities, the months, the errors
    var grouped = {};
    Object.keys(V.groups).forEach(function (g) { V.groups[g].forEach(function (c) { grouped[c] = true; }); });
    var allowed = V.allowed;  // what each set filter may name (data/filters.py allowed_values)
    var lookup = {};
    Object.keys(allowed).forEach(function (k) {
      lookup[k] = {};
      allowed[k].forEach(function (v) { lookup[k][v] = true; });
    });
    var MONTHS = V.months;
    // the filters as data/spec.py declares them: kind, field, what they test and their control
    var S = V.schema, SPECS = S.filters, SPEC = {}, FIELD = {}, OPTION = {}, PAGE = {};
    SPECS.forEach(function (s) { SPEC[s.param] = s; FIELD[s.param] = s.field; });
    S.options.forEach(function (o) { OPTION[o.param] = o; });
    S.page.forEach(function (name) { PAGE[name] = true; });
    function own(map, key) { return Object.prototype.hasOwnProperty.call(map, key); }
    function specOf(field) { return SPECS.filter(function (s) { return s.field === field; })[0]; }
    function empty() {  // every filter unset: a set filter empty, any other null
      var f = {};
      SPECS.forEach(function (s) { f[s.field] = s.kind === "set" ? [] : null; });
      return f;
    }

    function inGroup(code, group) {
      if (group === "elsewhere") { return DIGITS.test(code) && !grouped[code]; }
      return own(V.groups, group) && has(V.groups[group], code);
    }

    function parse(key, values) {  // data/filters.py _parse, by the filter's kind
      var kind = SPEC[key].kind;
      if (kind === "month") {
        if (values.length !== 1 || !MONTH.test(values[0])) {
          throw new FilterError("one_month", {param: key, value: values.join(",")});
        }
        return values[0];
      }
      if (kind === "one" || kind === "flag") {
        var choices = allowed[key];
        if (values.length !== 1 || !has(choices, values[0])) {
          throw new FilterError("one_of", {param: key, choices: choices.join(", "), value: values.join(",")});
        }
        return kind === "one" ? values[0] : values[0] === "yes";
      }
      var bad = values.filter(function (v) { return !own(lookup[key], v); });
      if (bad.length) { throw new FilterError("unknown_value", {param: key, value: bad[0]}); }
      return unique(values);
    }

    function checked(f) {
      if (f.start && f.end && f.start > f.end) {
        throw new FilterError("from_after_to", {start: f.start, end: f.end});
      }
      if (f.within && !f.places.some(function (p) { return inGroup(p, f.within); })) {
        return copy(f, {within: null});
      }
      return f;
    }

    function fromPairs(list) {
      var keys = [], values = {};
      list.forEach(function (pair) {
        var key = pair[0], raw = pair[1];
        if (typeof key !== "string" || typeof raw !== "string") { throw new FilterError("bad_state"); }
        if (!own(FIELD, key)) { throw new FilterError("unknown_parameter", {param: key}); }
        if (!own(values, key)) { keys.push(key); values[key] = []; }
        raw.split(",").forEach(function (v) { v = trim(v); if (v) { values[key].push(v); } });
      });
      var f = empty();
      keys.forEach(function (key) { f[FIELD[key]] = parse(key, values[key]); });
      return checked(f);
    }

    function fromQuery(query) {  // a query string or a mapping (the store's state)
      if (typeof query === "string") { return fromPairs(pairs(query)); }
      if (isObject(query)) {
        var list = [];
        Object.keys(query).forEach(function (k) {
          var vs = query[k];
          (Array.isArray(vs) ? vs : [vs]).forEach(function (v) { list.push([k, v]); });
        });
        return fromPairs(list);
      }
      throw new FilterError("bad_state");
    }

    function toggle(f, name, value) {
      var now = f[name], changes = {};
      changes[name] = has(now, value) ? now.filter(function (v) { return v !== value; }) : unique(now.concat([value]));
      return copy(f, changes);
    }

    function drill(f, code) {
      if (has(f.places, code) && f.within && inGroup(code, f.within)) {
        return copy(f, {places: unique(f.places.filter(function (p) { return p !== code; }).concat([f.within])),
                        within: null});
      }
      var holder = sorted(f.places).filter(function (g) { return has(V.place_groups, g) && inGroup(code, g); })[0];
      if (holder && !has(f.places, code)) {
        return copy(f, {places: unique(f.places.filter(function (p) { return p !== holder; }).concat([code])),
                        within: holder});
      }
      return toggle(f, "places", code);
    }

    function toQuery(f) {  // data/filters.py to_query: the canonical form
      var out = [];
      SPECS.forEach(function (s) {
        var value = f[s.field];
        if (value === null || value === undefined || (Array.isArray(value) && !value.length)) { return; }
        var text = value === true ? "yes" : value === false ? "no" :
          Array.isArray(value) ? sorted(value).map(quote).join(",") : quote(value);
        out.push(quote(s.param) + "=" + text);
      });
      return out.join("&");
    }

    function toState(f) {
      var out = {};
      pairs(toQuery(f)).forEach(function (pair) { out[pair[0]] = pair[1]; });
      return out;
    }

    // --- two slices (data/compare.py): B is A with its `vs.` filters replaced -----------------
    function splitVs(list) {  // compare.split: B's pairs, prefix removed; a `vs.` on no filter refused
      var out = [];
      list.forEach(function (pair) {
        if (pair[0].indexOf(VS) !== 0) { return; }
        var name = pair[0].slice(VS.length);
        if (!own(FIELD, name) || !SPEC[name].compared) {
          throw new FilterError("unknown_parameter", {param: pair[0]});
        }
        out.push([name, pair[1]]);
      });
      return out;
    }
    function compareOf(a, vs) {  // compare.compare: {a, b, overrides} or null
      if (!vs.length) { return null; }
      var given = {}, names = [];
      vs.forEach(function (pair) {
        if (!own(given, pair[0])) { given[pair[0]] = []; names.push(pair[0]); }
        pair[1].split(",").forEach(function (v) { v = trim(v); if (v) { given[pair[0]].push(v); } });
      });
      var alone = {};
      names.forEach(function (k) { if (given[k].length) { alone[k] = given[k]; } });
      try { fromQuery(alone); } catch (err) {  // each override alone first: the error names vs.
        if (err instanceof FilterError && own(err.params, "param")) { err.params.param = VS + err.params.param; }
        throw err;
      }
      var mixed = {};
      pairs(toQuery(a)).forEach(function (pair) {
        if (!own(given, pair[0]) && SPEC[pair[0]].compared) { mixed[pair[0]] = pair[1]; }
      });
      names.forEach(function (k) { if (given[k].length) { mixed[k] = given[k].join(","); } });
      var b = fromQuery(mixed), written = {};
      pairs(toQuery(b)).forEach(function (pair) { written[pair[0]] = pair[1]; });
      var overrides = SPECS.filter(function (s) { return own(given, s.param); }).map(function (s) {
        return [s.param, own(written, s.param) ? written[s.param] : ""];
      });
      return {a: a, b: b, overrides: overrides};
    }
    function canonical(a, vs) {  // compare.canonical: the overrides that change nothing dropped
      splitVs(vs.map(function (pair) { return [VS + pair[0], pair[1]]; }));
      var c = compareOf(a, vs);
      if (!c) { return null; }
      var mine = {};
      pairs(toQuery(a)).forEach(function (pair) { mine[pair[0]] = pair[1]; });
      var kept = c.overrides.filter(function (o) { return (own(mine, o[0]) ? mine[o[0]] : "") !== o[1]; });
      return kept.length ? {a: c.a, b: c.b, overrides: kept} : null;
    }
    function stateParts(state) {  // compare.state_parts: A's own and B's pairs
      var mine = {}, vs = [];
      Object.keys(state).forEach(function (k) {
        if (k.indexOf(VS) === 0) { vs.push([k.slice(VS.length), typeof state[k] === "string" ? state[k] : ""]); } else { mine[k] = state[k]; }
      });
      return {mine: mine, vs: vs};
    }
    function swapped(c) {  // Comparison.swapped: B as A, the overrides what A had
      var mine = {};
      pairs(toQuery(c.a)).forEach(function (pair) { mine[pair[0]] = pair[1]; });
      return c.overrides.map(function (o) { return [o[0], own(mine, o[0]) ? mine[o[0]] : ""]; });
    }
    function vsQuery(c) {  // Comparison.query: the `vs.` part of the canonical address
      return c ? c.overrides.map(function (o) { return quote(VS + o[0]) + "=" + quote(o[1]); }).join("&") : "";
    }

    // --- controls, clicks and chips (components/state.py) --------------------------------------
    function isNumber(v) { return typeof v === "number"; }
    function monthRange(value) {  // state._month_range: two numbers, each kept in the months
      var last = MONTHS.length - 1;
      if (!Array.isArray(value) || value.length !== 2 || !value.every(isNumber)) { return [0, last]; }
      return value.map(function (v) { return Math.max(0, Math.min(last, Math.trunc(v))); })
        .sort(function (a, b) { return a - b; });
    }

    function fromControls(values) {  // state.from_controls: each control in the panel's order
      values = isObject(values) ? values : {};
      var query = {};
      V.controls.forEach(function (control) {
        var name = control[0], params = control[1], chosen = values[name], kind = SPEC[params[0]].kind;
        if (kind === "month") {  // the slider's two months; an end at the study's own sets nothing
          var range = monthRange(chosen);
          if (range[0] > 0) { query[params[0]] = [MONTHS[range[0]]]; }
          if (range[1] < MONTHS.length - 1) { query[params[1]] = [MONTHS[range[1]]]; }
          return;
        }
        if (kind === "flag") {
          if (chosen === "yes" || chosen === "no") { query[params[0]] = [chosen]; } else if (chosen !== null && chosen !== undefined && chosen !== "any") {
            throw new FilterError("bad_control", {param: params[0]});
          }
          return;
        }
        if (chosen === null || chosen === undefined || chosen === "") { chosen = []; } else if (typeof chosen === "string") { chosen = [chosen]; } else if (!Array.isArray(chosen) || !chosen.every(function (v) { return typeof v === "string"; })) {
          throw new FilterError("bad_control", {param: params[0]});
        }
        if (chosen.length) { query[params[0]] = chosen; }
      });
      return fromQuery(query);
    }

    function toControls(f) {  // state.to_controls
      var out = {};
      V.controls.forEach(function (control) {
        var name = control[0], s = SPEC[control[1][0]], value = f[s.field];
        if (s.kind === "month") {
          var start = MONTHS.indexOf(f.start), end = MONTHS.indexOf(f.end);
          out[name] = [start >= 0 ? start : 0, end >= 0 ? end : MONTHS.length - 1];
        } else if (s.kind === "flag") {
          out[name] = value === null ? "any" : value ? "yes" : "no";
        } else {
          out[name] = sorted(value);
        }
      });
      return out;
    }

    function togglePeriod(f, period) {
      var start, end;
      if (period.length === 4 && DIGITS.test(period)) {
        start = period + "-01" >= MONTHS[0] ? period + "-01" : MONTHS[0];
        end = period + "-12" <= MONTHS[MONTHS.length - 1] ? period + "-12" : MONTHS[MONTHS.length - 1];
      } else if (has(MONTHS, period)) {
        start = end = period;
      } else {
        return f;
      }
      if (start > end) { return f; }  // a year outside the study: no period to show
      if (f.start === start && f.end === end) { return copy(f, {start: null, end: null}); }
      return copy(f, {start: start, end: end});
    }

    function fromClick(source, click, f) {
      var points = isObject(click) ? click.points : null;
      var point = Array.isArray(points) && points.length ? points[0] : null;
      if (!isObject(point)) { return f; }
      var data = point.customdata;
      var value = Array.isArray(data) && data.length ? data[0] : data;
      var text = typeof value === "string";
      var s = SPECS.filter(function (x) { return x.click && x.click === source; })[0];
      if (s && text) {  // a municipality: a group that holds it narrows to it
        if (s.match === "place") { return has(V.places, value) ? checked(drill(f, value)) : f; }
        return own(lookup[s.param], value) ? toggle(f, s.field, value) : f;
      }
      if (source === "timeline") {  // the category axis's period, as text
        return typeof point.x === "string" ? togglePeriod(f, point.x) : f;
      }
      return f;
    }

    function remove(f, name, value) {  // state.remove: one chip's filter (or value) lifted
      if (name === "period") { return copy(f, {start: null, end: null}); }
      var s = typeof name === "string" ? specOf(name) : undefined, changes = {};
      if (!s || s.kind === "month") { return f; }
      if (s.kind === "flag") { changes[s.field] = null; return copy(f, changes); }
      if (s.kind === "one") {  // back to the group the map click narrowed from
        if (!f.within) { return f; }
        var kept = f.places.filter(function (p) { return !inGroup(p, f.within); });
        return copy(f, {places: unique(kept.concat([f.within])), within: null});
      }
      if (typeof value !== "string") { return f; }
      changes[name] = value ? f[name].filter(function (v) { return v !== value; }) : [];
      return copy(f, changes);
    }

    // the URL's filters alone: without the page's language and the chart options
    function withoutView(search) {  // state.without_view: each parameter's values, in order
      var out = {};
      pairs(search).forEach(function (pair) {
        if (own(PAGE, pair[0]) || own(OPTION, pair[0]) || pair[0].indexOf(VS) === 0) { return; }
        (out[pair[0]] = own(out, pair[0]) ? out[pair[0]] : []).push(pair[1]);
      });
      return out;
    }

    // --- the chart options (data/viewstate.py) ---------------------------------------------------
    function optionsOf(values) {  // viewstate.options_of: a value no option has is the default
      values = isObject(values) ? values : {};
      var out = {};
      S.options.forEach(function (o) {
        var value = values[o.param];
        if (o.switch && typeof value === "boolean") { value = value ? "1" : "0"; }
        out[o.param] = typeof value === "string" && has(o.choices, value) ? value : o.choices[0];
      });
      return out;
    }
    function optionsIn(search) {  // state.options_in: FilterError for a value no option has
      var out = optionsOf({}), seen = {};
      pairs(search).forEach(function (pair) {
        var key = pair[0], raw = pair[1];
        if (own(PAGE, key) || !own(OPTION, key)) { return; }
        var value = trim(raw), choices = OPTION[key].choices;
        if (!has(choices, value)) {
          throw new FilterError("one_of", {param: key, choices: choices.join(", "), value: raw});
        }
        if (own(seen, key) && seen[key] !== value) {
          throw new FilterError("given_twice", {param: key, first: seen[key], second: value});
        }
        seen[key] = out[key] = value;
      });
      return out;
    }
    function optionsQuery(options) {  // viewstate.options_query: defaults left out
      var opts = optionsOf(options);
      return S.options.filter(function (o) { return opts[o.param] !== o.choices[0]; })
        .map(function (o) { return quote(o.param) + "=" + quote(opts[o.param]); }).join("&");
    }
    function optionControls(opts) {  // viewstate.as_chart_options: a switch is a bool
      var out = {};
      Object.keys(opts).forEach(function (k) { out[k] = OPTION[k].switch ? opts[k] === "1" : opts[k]; });
      return out;
    }

    // state.next_view: slice A and the comparison after one event
    function nextView(source, detail, search, controls, previous) {
      var parts = isObject(previous) ? stateParts(previous) : {mine: previous, vs: []}, f;
      if (source === "url") {
        var vs = splitVs(pairs(typeof search === "string" ? search : "", true));
        f = next(source, detail, search, controls, parts.mine);
        return {f: f, c: canonical(f, vs)};
      }
      if (source === "reset") { return {f: empty(), c: null}; }
      if (source === "compare" || (source === "chip" && isObject(detail) && detail.name === "vs")) {
        var a = fromQuery(isObject(previous) ? parts.mine : {});
        return compared(source, detail, a, canonical(a, parts.vs));
      }
      if (source.indexOf("click:") === 0 && parts.vs.length && ofSliceB(detail)) {
        var fa = fromQuery(isObject(previous) ? parts.mine : {}), c = canonical(fa, parts.vs);
        if (c) {  // a click on slice B's mark (a section's) sets that filter on B
          var b = {};
          pairs(toQuery(fromClick(source.slice(6), detail, c.b))).forEach(function (p) { b[p[0]] = p[1]; });
          return {f: fa, c: canonical(fa, SPECS.filter(function (s) { return s.compared; }).map(function (s) {
            return [s.param, own(b, s.param) ? b[s.param] : ""];
          }))};
        }
      }
      f = next(source, detail, search, controls, parts.mine);
      return {f: f, c: canonical(f, parts.vs)};
    }
    function ofSliceB(click) {  // state.of_slice_b: a mark's customdata [value, "B"]
      var points = isObject(click) ? click.points : null;
      var point = Array.isArray(points) && points.length ? points[0] : null;
      var data = isObject(point) ? point.customdata : null;
      return Array.isArray(data) && data.length === 2 && data[1] === "B";
    }
    function compared(source, detail, a, c) {  // state._compared
      detail = isObject(detail) ? detail : {};
      var overrides = c ? c.overrides.slice() : [];
      function without(name) { return overrides.filter(function (o) { return o[0] !== name; }); }
      if (source === "chip") {
        if (typeof detail.value === "string") { detail.value.split(",").forEach(function (name) { overrides = without(name); }); }
        return {f: a, c: canonical(a, overrides)};
      }
      if (detail.action === "end") { return {f: a, c: null}; }
      if (detail.action === "swap") { return c ? {f: c.b, c: canonical(c.b, swapped(c))} : {f: a, c: null}; }
      var set = detail.pairs;
      if (detail.action !== "set" || !Array.isArray(set) || !set.every(function (p) {
        return Array.isArray(p) && p.length === 2 && typeof p[0] === "string" && typeof p[1] === "string";
      })) {
        return {f: a, c: c};
      }
      set.forEach(function (p) {
        var at = overrides.map(function (o) { return o[0]; }).indexOf(p[0]);
        if (at >= 0) { overrides[at] = [p[0], p[1]]; } else { overrides.push([p[0], p[1]]); }
      });
      return {f: a, c: canonical(a, overrides)};
    }

    function next(source, detail, search, controls, previous) {  // state.next_filters
      var prev = isObject(previous) ? previous : {};
      if (source === "url") { return fromQuery(withoutView(typeof search === "string" ? search : "")); }
      if (source === "controls") {
        var f = fromControls(controls), before;
        try { before = fromQuery(prev); } catch (err) {
          if (err instanceof FilterError) { return f; }
          throw err;
        }
        return checked(copy(f, {within: before.within}));
      }
      if (source === "reset") { return empty(); }
      var g = fromQuery(prev);
      if (source === "chip" && isObject(detail)) {
        return remove(g, detail.name, detail.value);
      }
      if (source.indexOf("click:") === 0) { return fromClick(source.slice(6), detail, g); }
      return g;
    }

    // state.shows: a control already shows wanted (the same strings in any order, the same two
    // numbers, the same text or switch): then it is not written again
    function shows(control, wanted) {
      if (typeof wanted === "boolean" || typeof wanted === "string") { return control === wanted; }
      if (!Array.isArray(control) || control.length !== wanted.length) { return false; }
      if (wanted.every(function (v) { return typeof v === "string"; })) {
        var texts = control.every(function (v) { return typeof v === "string"; });
        return texts && sorted(control).every(function (v, i) { return v === wanted[i]; });
      }
      return control.every(isNumber) && control.every(function (v, i) { return v === wanted[i]; });
    }

    // The outputs of one event (state.filter_outputs): the store's state, the URL's query, each
    // control's value (null: it already shows the state) and the error, if the state was refused.
    function outputs(source, detail, search, controls, previous, lang, W, options) {
      var f, c = null, opts, error = null, shown = optionsOf(options);
      try {
        var view = nextView(source, detail, search, controls, previous);
        f = view.f;
        c = view.c;
        opts = source === "url" ? optionsIn(typeof search === "string" ? search : "") : shown;
      } catch (err) {
        if (!(err instanceof FilterError)) { throw err; }
        f = empty();
        c = null;
        opts = optionsOf({});
        error = W.msg["Ignored an invalid filter: {error}"].replace("{error}", function () { return said(err, V, W); });
      }
      var values = toControls(f), optionValues = optionControls(opts);
      options = isObject(options) ? options : {};
      var search_ = [toQuery(f), vsQuery(c), optionsQuery(opts), "lang=" + lang].filter(function (p) { return p; }).join("&");
      var state = toState(f);
      (c ? c.overrides : []).forEach(function (o) { state[VS + o[0]] = o[1]; });
      return {state: state, search: "?" + search_,
              controls: V.controls.map(function (control) {
                var name = control[0];
                return shows(isObject(controls) ? controls[name] : undefined, values[name]) ? null : values[name];
              }),
              options: opts,
              option_controls: S.options.map(function (o) {
                var name = o.param;
                return shows(options[name], optionValues[name]) ? null : optionValues[name];
              }),
              // what every control and option shows once these are written
              shown: {controls: values, options: optionValues},
              error: error};
    }

    return {optionControls: optionControls, fromQuery: fromQuery, toQuery: toQuery, optionsQuery: optionsQuery, toState: toState, next: next, outputs: outputs,
            checked: checked, drill: drill, nextView: nextView, stateParts: stateParts};
  }

  // Each of the filter callback's inputs by its id, as the payload names them (the address,
  // each control, the resets, the sections' charts, the chart options)
  function rolesOf(P) {
    var V = P.vocabulary, I = V.inputs, roles = {};
    roles[I.url] = ["url"];
    V.controls.forEach(function (c) { roles[c[2]] = ["control", c[0]]; });
    I.reset.forEach(function (id) { roles[id] = ["reset"]; });
    Object.keys(P.clicks).forEach(function (id) { roles[id] = ["click", P.clicks[id]]; });
    V.schema.options.forEach(function (o) { roles[o.control] = ["option", o.param]; });
    return roles;
  }
  // What an event is read from: the URL wins over anything triggered with it. Under load Dash
  // can hand one call both the address Back or Forward went to and a control's echo of the state
  // before; read as a control change, that echo put the old state back over the new address.
  // (A callback with no outputs is given no triggered_id: the triggers' ids are read.)
  function idOf(trigger) { return String(trigger && trigger.prop_id).replace(/\.[^.]*$/, ""); }
  function triggerRole(ctx, roles) {
    var ids = (ctx.triggered || []).map(idOf).filter(function (id) { return id; });
    if (!ids.length) { return ["url"]; }  // the first call
    if (ids.some(function (id) { return roles[id] && roles[id][0] === "url"; })) { return ["url"]; }
    return roles[ids[0]] || ["none"];
  }

  var api = {makeFilters: makeFilters, rolesOf: rolesOf, triggerRole: triggerRole, FilterError: FilterError,
             pairs: pairs, quote: quote};
  root.beFilters = api;
  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
  if (typeof window !== "undefined") {
    // The view state the page shows, as apply() last wrote it: the store's state, the address,
    // what each control and option shows, the language. null until the filter callback's first
    // call: the offline file makes none (its runtime routes the events), so nothing here acts.
    var made = {}, now = null, written = null;  // written: the error slot as last set (an empty
    // slot is not emptied again)

    // One event, applied in the browser, in the event's own task: the next state is drawn
    // first, then the address written (history: Back and Forward), the controls that must show
    // another value set, and Dash told last (the address's component, the store the table and
    // the open sections follow, the error slot). An event that changes nothing writes nothing.
    function apply(P, lang, source, detail, given) {
      given = given || {};
      var W = P.words, F = made[lang] = made[lang] || makeFilters(P.vocabulary), I = P.vocabulary.inputs;
      var controls = given.controls || (now ? now.controls : {});
      var options = given.options || (now ? now.options : {});
      var search = given.search === undefined ? window.location.search : given.search, out;
      try {
        out = F.outputs(source, detail, search, controls, now ? now.state : {}, lang, W, options);
      } catch (err) {  // the views keep matching the state they show: change nothing else
        if (window.console) { window.console.error("filter update failed", err); }
        written = alert(W.t.filter_failed, W.t.view_failed);
        tell(I.error, {children: written});
        return;
      }
      var same = now !== null && now.lang === lang && now.search === out.search;
      now = {state: out.state, search: out.search, controls: out.shown.controls, options: out.shown.options, lang: lang};
      writeControls(P, out.controls, out.option_controls);
      if (!same) {
        var only = source === "options" ? root.beInstant.chartsOf(P.vocabulary.schema, given.triggered) : undefined;
        root.beInstant.show(P, out.state, F.optionControls(out.options), only);
        if (out.search !== window.location.search) {  // a link read is put right, not stacked
          window.history[source === "url" ? "replaceState" : "pushState"](
            {}, "", window.location.pathname + out.search + window.location.hash);
        }
        if (source !== "options") { tell(I.store, {data: out.state}); }  // an option leaves it
      }
      var error = out.error === null ? null : alert(out.error, W.msg["Invalid filter"]);
      if (error !== null || written !== null) { written = error; tell(I.error, {children: error}); }
    }
    // Dash is told once the page has painted what apply() drew: each component's latest props,
    // in the order first given (Dash's own dispatch costs ~100 ms a change here)
    var told = null;
    root.beFilters.telling = function () { return told !== null; };  // Dash not yet told (bench/)
    function tell(id, props) {
      if (told === null) {
        told = {};
        window.requestAnimationFrame(function () {
          setTimeout(function () {
            var all = told;
            told = null;
            Object.keys(all).forEach(function (k) { window.dash_clientside.set_props(k, all[k]); });
          }, 0);
        });
      }
      told[id] = Object.assign(told[id] || {}, props);
    }
    function live() { return now && root.beInstant.loaded(now.lang); }  // the payload, once applying
    // a chip, a main chart's click, the Compare control (assets/instant.js); the offline file's
    // runtime stands its own in for it
    root.beEvent = function (source, detail) {
      var P = live();
      if (P) { apply(P, now.lang, source, detail); }
    };
    // The controls Mantine draws as native inputs (a segmented control's radios, a switch) and
    // the resets are applied as the browser reports them: the click is kept from React (Mantine
    // would hand it to Dash, whose dispatch takes ~50 ms here before anything is painted), and
    // Dash is told the control's new value with the rest, once the page has painted.
    document.addEventListener("click", function (event) {
      var P = live(), t = event.target, el = t, roles = P ? rolesOf(P) : {};
      if (P && t.closest && t.closest(P.vocabulary.inputs.reset.map(function (id) { return "#" + id; }).join(","))) {
        apply(P, now.lang, "reset");
        return;
      }
      if (!P || t.tagName !== "INPUT" || (t.type !== "radio" && t.type !== "checkbox")) { return; }
      while (el && !(el.id && roles[el.id])) { el = el.parentElement; }
      var role = el && roles[el.id];
      if (!role || (role[0] !== "control" && role[0] !== "option")) { return; }
      event.stopPropagation();
      var kind = role[0] + "s", changed = copy(now[kind]), value = t.type === "checkbox" ? t.checked : t.value;
      changed[role[1]] = value;
      var given = {triggered: [{prop_id: el.id + ".value"}]};
      given[kind] = changed;
      apply(P, now.lang, kind === "controls" ? "controls" : "options", null, given);
      tell(el.id, t.type === "checkbox" ? {checked: value} : {value: value});
    }, true);
    // Back, Forward and a link of the page (dcc.Link): the address Dash's component is not
    // told (it reads the address itself as it changes; its own call, if any, finds it applied)
    ["popstate", "_dashprivate_pushstate"].forEach(function (name) {
      window.addEventListener(name, function () {
        var P = live();
        if (P) { apply(P, now.lang, "url"); }
      });
    });

    // The controls are not outputs of the filter callback: Dash would mark all of them as loading
    // and render each of them twice per event (~35 ms here), though they rarely change. A control
    // that must show another value (after a URL, reset, chip or click) is set on its own.
    function writeControls(P, values, optionValues) {
      var options = P.vocabulary.schema.options;
      values.concat(optionValues).forEach(function (value, i) {
        var option = i >= values.length ? options[i - values.length] : null;
        var id = option ? option.control : P.vocabulary.controls[i][2];
        if (value === null || !id) { return; }
        var props = {};
        props[option && typeof value === "boolean" ? "checked" : "value"] = value;
        tell(id, props);
      });
    }
    function alert(text, title) {
      return {type: "Alert", namespace: "dash_mantine_components",
              props: {children: text, color: "red", title: title}};
    }

    window.dash_clientside = window.dash_clientside || {};
    window.dash_clientside.filters = {
      // Inputs (each known by its id, rolesOf): the URL, the filter controls, the resets, the
      // sections' chart clicks, the chart options; State: the page's language. No outputs:
      // apply() writes what an event changes. What the page applied already (a control's
      // change it saw first, a value it set, the address it wrote) is recognised and skipped.
      update: function () {
        var args = arguments, ctx = window.dash_clientside.callback_context || {};
        var lang = args[args.length - 1] || "en";
        function run(P) {
          var roles = rolesOf(P), read = {url: null, control: {}, option: {}, click: {}};
          (ctx.inputs_list || []).forEach(function (input, i) {
            var role = input && roles[input.id];
            if (!role || role[0] === "reset") { return; }
            if (role[0] === "url") { read.url = args[i]; } else { read[role[0]][role[0] === "click" ? input.id : role[1]] = args[i]; }
          });
          var role = triggerRole(ctx, roles), triggered = ctx.triggered || [];
          function shown(kind, values) {  // every triggered control shows what the page applied
            return now !== null && triggered.every(function (t) {
              var r = roles[idOf(t)];
              return r && r[0] === kind && JSON.stringify(values[r[1]]) === JSON.stringify(now[kind + "s"][r[1]]);
            });
          }
          var given = {search: read.url, controls: read.control, options: read.option, triggered: triggered};
          if (role[0] === "url") {
            if (!(now !== null && now.lang === lang && read.url === now.search)) { apply(P, lang, "url", null, given); }
          } else if (role[0] === "control") {
            if (!shown("control", read.control)) { apply(P, lang, "controls", null, given); }
          } else if (role[0] === "option") {
            if (!shown("option", read.option)) { apply(P, lang, "options", null, given); }
          } else if (role[0] === "reset") {
            apply(P, lang, "reset");
          } else if (role[0] === "click") {
            apply(P, lang, "click:" + role[1], read.click[idOf(triggered[0])]);
          }
        }
        var ready = root.beInstant.loaded(lang);
        if (ready) { run(ready); return; }
        return root.beInstant.load(lang).then(run);
      }
    };
  }
})(typeof window !== "undefined" ? window : globalThis);
