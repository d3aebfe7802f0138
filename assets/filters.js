/* The filter state in the browser: controls, chips, reset, chart clicks and the URL (also back and
   forward) each give the next state, written to the store, the URL and the controls, with no
   request to the server. A port of components/state.py and data/filters.py (Filters.from_query,
   checked, drill, toggle, to_query): tests/js/filters.test.js holds it to the Python functions on
   thousands of random events, including URLs no control writes and their error messages. The
   server still validates every state it is sent (the sections, the table, exports). */
(function (root) {
  "use strict";

  // the view state's declaration (data/viewstate.py schema(), in the vocabulary): the filters'
  // URL parameters and fields in the order the URL shows them, the chart options, the page's own
  // the inputs of the filter callback, in order (components/dashboard/callbacks.py checks them)
  var CONTROLS = ["date", "types", "connections", "links", "plot", "networks", "places",
                  "provinces", "citizenships"];
  // the chart options' controls, after the clicks (components/state.py OPTION_CONTROLS)
  var OPTION_CONTROLS = ["freq", "by", "events", "panel", "metric"];
  // the sections' charts (dcc.Graph) whose clicks are inputs; a main chart's click or a chip's
  // comes as the filter-event store's data (instant.js draws them)
  var CLICKS = ["networks", "networks", "networks", "citizenship", "citizenship"];

  function FilterError(message) { this.message = message; }

  // --- Python's text semantics, where a URL can reach them -----------------------------------
  // Python's str.strip() strips these (str.isspace), control characters among them
  // eslint-disable-next-line no-control-regex
  var SPACE = /^[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;
  function strip(text) { return text.replace(SPACE, ""); }
  var DIGITS = /^\p{Nd}+$/u;
  var MONTH = /^\p{Nd}{4}-(0[1-9]|1[0-2])$/u;

  function compare(a, b) {  // Python's order of str: by code point
    var i = 0, j = 0;
    while (i < a.length && j < b.length) {
      var x = a.codePointAt(i), y = b.codePointAt(j);
      if (x !== y) { return x < y ? -1 : 1; }
      i += x > 0xffff ? 2 : 1; j += y > 0xffff ? 2 : 1;
    }
    return (a.length - i) - (b.length - j) > 0 ? 1 : (a.length - i) - (b.length - j) < 0 ? -1 : 0;
  }
  function sorted(values) { return values.slice().sort(compare); }
  function unique(values) {
    var seen = {}, out = [];
    values.forEach(function (v) { if (!Object.prototype.hasOwnProperty.call(seen, v)) { seen[v] = 1; out.push(v); } });
    return sorted(out);
  }
  function has(values, v) { return values.indexOf(v) >= 0; }

  var PRINTABLE_NOT = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
  function repr(text) {  // Python's repr of a str
    var quote = text.indexOf("'") >= 0 && text.indexOf('"') < 0 ? '"' : "'";
    var out = "";
    for (var ch of text) {
      var c = ch.codePointAt(0);
      if (ch === quote || ch === "\\") { out += "\\" + ch; } else if (ch === "\t") { out += "\\t"; } else if (ch === "\n") { out += "\\n"; } else if (ch === "\r") { out += "\\r"; } else if (ch !== " " && PRINTABLE_NOT.test(ch)) {
        var hex = c.toString(16);
        out += c < 0x100 ? "\\x" + ("0" + hex).slice(-2) : c < 0x10000 ? "\\u" + ("000" + hex).slice(-4)
          : "\\U" + ("0000000" + hex).slice(-8);
      } else { out += ch; }
    }
    return quote + out + quote;
  }

  function truthy(value) {  // Python's truth of a JSON value
    if (Array.isArray(value)) { return value.length > 0; }
    if (value && typeof value === "object") { return Object.keys(value).length > 0; }
    return !!value;
  }

  function pyStr(value) {  // str() of a JSON value, as far as the filters can see it
    if (value === null || value === undefined) { return "None"; }
    if (value === true) { return "True"; }
    if (value === false) { return "False"; }
    if (typeof value === "object") { return Array.isArray(value) ? "[…]" : "{…}"; }
    return String(value);
  }

  function unquote(text) {  // urllib.parse.unquote_plus: UTF-8, malformed bytes replaced
    text = text.replace(/\+/g, " ");
    if (text.indexOf("%") < 0) { return text; }
    return text.replace(/(%[0-9a-fA-F]{2})+/g, function (run) {
      var bytes = new Uint8Array(run.length / 3);
      for (var i = 0; i < bytes.length; i++) { bytes[i] = parseInt(run.substr(3 * i + 1, 2), 16); }
      return new TextDecoder("utf-8").decode(bytes);
    });
  }
  function parseQuery(query, blanks) {  // urllib.parse.parse_qsl
    var out = [];
    query.split("&").forEach(function (pair) {
      if (!pair) { return; }
      var cut = pair.indexOf("=");
      if (cut < 0) { if (blanks) { out.push([unquote(pair), ""]); } return; }
      var value = pair.slice(cut + 1);
      if (value.length || blanks) { out.push([unquote(pair.slice(0, cut)), unquote(value)]); }
    });
    return out;
  }
  function quote(text) {  // urllib.parse.quote_plus(text, safe=",")
    return encodeURIComponent(text).replace(/[!'()*]/g, function (c) {
      return "%" + c.charCodeAt(0).toString(16).toUpperCase();
    }).replace(/%2C/g, ",").replace(/%20/g, "+");
  }

  // --- the filter state (data/filters.py) ------------------------------------------------------
  function copy(f, changes) {
    var out = {};
    Object.keys(f).forEach(function (k) { out[k] = f[k]; });
    Object.keys(changes || {}).forEach(function (k) { out[k] = changes[k]; });
    return out;
  }

  function makeFilters(V) {
    // V: the vocabulary (components/instant.py vocabulary()): codebook values, networks, places,
    // the place groups and their municipalities, the months
    var grouped = {};
    Object.keys(V.groups).forEach(function (g) { V.groups[g].forEach(function (c) { grouped[c] = true; }); });
    var allowed = V.allowed;  // what each set filter may name (data/filters.py allowed_values)
    var lookup = {};
    Object.keys(allowed).forEach(function (k) {
      lookup[k] = {};
      allowed[k].forEach(function (v) { lookup[k][v] = true; });
    });
    var MONTHS = V.months;
    var S = V.schema, PARAMS = S.filters, FIELD = {}, OPTION = {}, PAGE = {};
    PARAMS.forEach(function (p) { FIELD[p[0]] = p[1]; });
    S.options.forEach(function (o) { OPTION[o.param] = o; });
    S.page.forEach(function (name) { PAGE[name] = true; });
    function own(map, key) { return Object.prototype.hasOwnProperty.call(map, key); }
    // the set filters' fields and their controls (components/state.py SET_CONTROLS)
    var SETS = V.set_controls.map(function (p) { return p[0]; }), SET_PARAM = {};
    V.set_controls.forEach(function (p) { SET_PARAM[p[0]] = p[1]; });
    function empty() {  // every filter unset: a set filter empty, any other null
      var f = {};
      PARAMS.forEach(function (p) { f[p[1]] = SETS.indexOf(p[1]) >= 0 ? [] : null; });
      return f;
    }

    function inGroup(code, group) {
      if (group === "elsewhere") { return DIGITS.test(code) && !grouped[code]; }
      return Object.prototype.hasOwnProperty.call(V.groups, group) && has(V.groups[group], code);
    }

    function parse(key, values) {
      if (key === "from" || key === "to") {
        if (values.length !== 1 || !MONTH.test(values[0])) {
          throw new FilterError(repr(key) + " must be one month as YYYY-MM, got " + repr(values.join(",")));
        }
        return values[0];
      }
      if (key === "within") {
        if (values.length !== 1 || !has(V.place_groups, values[0])) {
          throw new FilterError("'within' must be one of " + V.place_groups.join(", ") + ", got " +
                                repr(values.join(",")));
        }
        return values[0];
      }
      if (key === "plot") {
        if (values.length !== 1 || (values[0] !== "yes" && values[0] !== "no")) {
          throw new FilterError("'plot' must be yes or no, got " + repr(values.join(",")));
        }
        return values[0] === "yes";
      }
      var bad = values.filter(function (v) { return !Object.prototype.hasOwnProperty.call(lookup[key], v); });
      if (bad.length) { throw new FilterError("unknown value for " + repr(key) + ": " + repr(bad[0])); }
      return unique(values);
    }

    function checked(f) {
      if (f.start && f.end && compare(f.start, f.end) > 0) {
        throw new FilterError("'from' (" + f.start + ") is after 'to' (" + f.end + ")");
      }
      if (f.within && !f.places.some(function (p) { return inGroup(p, f.within); })) {
        return copy(f, {within: null});
      }
      return f;
    }

    function fromPairs(pairs) {
      var keys = [], values = {};
      pairs.forEach(function (pair) {
        var key = pair[0];
        if (!Object.prototype.hasOwnProperty.call(FIELD, key)) {
          throw new FilterError("unknown filter parameter " + repr(key));
        }
        if (!Object.prototype.hasOwnProperty.call(values, key)) { keys.push(key); values[key] = []; }
        pyStr(pair[1]).split(",").forEach(function (v) { v = strip(v); if (v) { values[key].push(v); } });
      });
      var f = empty();
      keys.forEach(function (key) { f[FIELD[key]] = parse(key, values[key]); });
      return checked(f);
    }

    function fromQuery(query) {  // a query string or a mapping (the store's state)
      if (typeof query === "string") { return fromPairs(parseQuery(query.replace(/^\?+/, ""), false)); }
      if (query && typeof query === "object" && !Array.isArray(query)) {
        var pairs = [];
        Object.keys(query).forEach(function (k) {
          var vs = query[k];
          (Array.isArray(vs) ? vs : [vs]).forEach(function (v) { pairs.push([k, v]); });
        });
        return fromPairs(pairs);
      }
      throw new FilterError("a filter state must be a query string or a mapping, not " +
                            (Array.isArray(query) ? "list" : query === null ? "NoneType" : typeof query));
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

    function toQuery(f) {
      var pairs = [];
      PARAMS.forEach(function (p) {
        var value = f[p[1]];
        if (value === null || value === undefined || (Array.isArray(value) && !value.length)) { return; }
        var text = value === true ? "yes" : value === false ? "no" : Array.isArray(value) ? sorted(value).join(",") : value;
        pairs.push(quote(p[0]) + "=" + quote(text));
      });
      return pairs.join("&");
    }

    function toState(f) {
      var out = {};
      parseQuery(toQuery(f), false).forEach(function (pair) { out[pair[0]] = pair[1]; });
      return out;
    }

    // --- controls, clicks and chips (components/state.py) --------------------------------------
    function monthRange(value) {
      var last = MONTHS.length - 1;
      if (!Array.isArray(value) || value.length !== 2) { return [0, last]; }
      var ints = [];
      for (var i = 0; i < 2; i++) {
        var v = value[i], n;
        if (typeof v === "number" || typeof v === "boolean") { n = Math.trunc(Number(v)); } else if (typeof v === "string" && /^\s*[+-]?\d+(_\d+)*\s*$/.test(v)) { n = parseInt(v.replace(/_/g, ""), 10); } else { return [0, last]; }
        if (!isFinite(n)) { return [0, last]; }
        ints.push(n);
      }
      ints.sort(function (a, b) { return a - b; });
      return [Math.max(ints[0], 0), Math.min(ints[1], last)];
    }

    function month(i) {  // MONTHS[i] as Python indexes a list (from the end if negative)
      var j = i < 0 ? MONTHS.length + i : i;
      if (j < 0 || j >= MONTHS.length) { throw new Error("list index out of range"); }
      return MONTHS[j];
    }

    function fromControls(values) {
      values = values && typeof values === "object" && !Array.isArray(values) ? values : {};
      var query = {};
      var range = monthRange(values.date);
      if (range[0] > 0) { query.from = [month(range[0])]; }
      if (range[1] < MONTHS.length - 1) { query.to = [month(range[1])]; }
      SETS.forEach(function (name) {
        var chosen = values[name];
        if (!truthy(chosen)) { chosen = []; }
        if (!Array.isArray(chosen) || !chosen.every(function (v) { return typeof v === "string"; })) {
          chosen = [pyStr(chosen)];
        }
        if (chosen.length) { query[SET_PARAM[name]] = chosen; }
      });
      var plot = values.plot;
      if (plot === "yes" || plot === "no") { query.plot = [plot]; } else if (plot !== null && plot !== undefined && plot !== "any") { query.plot = [pyStr(plot)]; }
      return fromQuery(query);
    }

    function toControls(f) {
      var out = {};
      SETS.forEach(function (name) { out[name] = sorted(f[name]); });
      var start = MONTHS.indexOf(f.start), end = MONTHS.indexOf(f.end);
      out.date = [start >= 0 ? start : 0, end >= 0 ? end : MONTHS.length - 1];
      out.plot = f.plot === null ? "any" : f.plot ? "yes" : "no";
      return out;
    }

    function togglePeriod(f, period) {
      var start, end;
      if (period.length === 4 && DIGITS.test(period)) {
        start = compare(period + "-01", MONTHS[0]) >= 0 ? period + "-01" : MONTHS[0];
        end = compare(period + "-12", MONTHS[MONTHS.length - 1]) <= 0 ? period + "-12" : MONTHS[MONTHS.length - 1];
      } else if (has(MONTHS, period)) {
        start = end = period;
      } else {
        return f;
      }
      if (f.start === start && f.end === end) { return copy(f, {start: null, end: null}); }
      return copy(f, {start: start, end: end});
    }

    function fromClick(source, click, f) {
      var points = click && typeof click === "object" && !Array.isArray(click) ? click.points : null;
      var point = Array.isArray(points) && points.length ? points[0] : null;
      if (!point || typeof point !== "object" || Array.isArray(point)) { return f; }
      var data = point.customdata;
      var value = Array.isArray(data) && data.length ? data[0] : data;
      var text = typeof value === "string";
      if (source === "shares" && (value === "linked" || value === "inspired")) { return toggle(f, "connections", value); }
      if (source === "map" && text && has(V.places, value)) { return checked(drill(f, value)); }
      if (source === "citizenship" && text && has(V.countries, value)) { return toggle(f, "citizenships", value); }
      if (source === "networks" && text && has(V.networks, value)) { return toggle(f, "networks", value); }
      if (source === "timeline") {
        var x = Object.prototype.hasOwnProperty.call(point, "x") ? point.x : "";
        return togglePeriod(f, Array.from(pyStr(x)).slice(0, 20).join(""));
      }
      return f;
    }

    function remove(f, name, value) {
      if (name === "period") { return copy(f, {start: null, end: null}); }
      if (name === "plot") { return copy(f, {plot: null}); }
      if (name === "within" && f.within) {
        var kept = f.places.filter(function (p) { return !inGroup(p, f.within); });
        return copy(f, {places: unique(kept.concat([f.within])), within: null});
      }
      if (typeof name !== "string" || SETS.indexOf(name) < 0 || typeof value !== "string") { return f; }
      var changes = {};
      changes[name] = value ? f[name].filter(function (v) { return v !== value; }) : [];
      return copy(f, changes);
    }

    // the URL's filters alone: without the page's language and the chart options
    function withoutView(search) {  // state.without_view
      return parseQuery(search.replace(/^\?+/, ""), true)
        .filter(function (pair) { return !own(PAGE, pair[0]) && !own(OPTION, pair[0]); })
        .map(function (pair) { return quote(pair[0]) + "=" + quote(pair[1]); }).join("&");
    }

    // --- the chart options (data/viewstate.py) ---------------------------------------------------
    function optionsOf(values) {  // viewstate.options_of: a value no option has is the default
      values = values && typeof values === "object" && !Array.isArray(values) ? values : {};
      var out = {};
      S.options.forEach(function (o) {
        var value = values[o.param];
        if (o.param === "events" && typeof value === "boolean") { value = value ? "1" : "0"; }
        out[o.param] = typeof value === "string" && has(o.choices, value) ? value : o.choices[0];
      });
      return out;
    }
    function optionsIn(search) {  // state.options_in: FilterError for a value no option has
      var out = optionsOf({}), seen = {};
      parseQuery(search.replace(/^\?+/, ""), false).forEach(function (pair) {
        var key = pair[0], raw = pair[1];
        if (own(PAGE, key) || !own(OPTION, key)) { return; }
        var value = strip(raw), choices = OPTION[key].choices;
        if (!has(choices, value)) {
          throw new FilterError(repr(key) + " must be one of " + choices.join(", ") + ", got " + repr(raw));
        }
        if (own(seen, key) && seen[key] !== value) {
          throw new FilterError(repr(key) + " is given twice: " + repr(seen[key]) + " and " + repr(value));
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
    function optionControls(opts) {  // state.option_controls: the events switch is a bool
      var out = {};
      Object.keys(opts).forEach(function (k) { out[k] = k === "events" ? opts[k] === "1" : opts[k]; });
      return out;
    }

    function next(source, detail, search, controls, previous) {  // state.next_filters
      var prev = previous && typeof previous === "object" && !Array.isArray(previous) ? previous : {};
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
      if (source === "chip" && detail && typeof detail === "object" && !Array.isArray(detail)) {
        return remove(g, detail.name, detail.value);
      }
      if (source.indexOf("click:") === 0) { return fromClick(source.slice(6), detail, g); }
      return g;
    }

    function normal(value) {
      return Array.isArray(value) && value.every(function (v) { return typeof v === "string"; }) ? sorted(value) : value;
    }
    function same(a, b) {  // Python's == on JSON values
      if (typeof a === "boolean") { a = Number(a); }
      if (typeof b === "boolean") { b = Number(b); }
      if (Array.isArray(a) || Array.isArray(b)) {
        return Array.isArray(a) && Array.isArray(b) && a.length === b.length &&
          a.every(function (v, i) { return same(v, b[i]); });
      }
      if (a && b && typeof a === "object" && typeof b === "object") {
        var ka = Object.keys(a), kb = Object.keys(b);
        return ka.length === kb.length && ka.every(function (k) {
          return Object.prototype.hasOwnProperty.call(b, k) && same(a[k], b[k]);
        });
      }
      return a === b || (a === undefined && b === null) || (a === null && b === undefined);
    }

    // The outputs of one event (state.filter_outputs): the store's state, the URL's query, each
    // control's value (null: it already shows the state) and the error, if the state was refused.
    function outputs(source, detail, search, controls, previous, lang, W, options) {
      var f, opts, error = null, shown = optionsOf(options);
      try {
        f = next(source, detail, search, controls, previous);
        opts = source === "url" ? optionsIn(typeof search === "string" ? search : "") : shown;
      } catch (err) {
        if (!(err instanceof FilterError)) { throw err; }
        f = empty();
        opts = optionsOf({});
        error = W.msg["Ignored an invalid filter: {error}"].replace("{error}", function () { return err.message; });
      }
      var values = toControls(f), optionValues = optionControls(opts);
      options = options && typeof options === "object" && !Array.isArray(options) ? options : {};
      var search_ = [toQuery(f), optionsQuery(opts), "lang=" + lang].filter(function (p) { return p; }).join("&");
      return {state: toState(f), search: "?" + search_,
              controls: CONTROLS.map(function (name) {
                return same(values[name], normal((controls || {})[name])) ? null : values[name];
              }),
              options: opts,
              option_controls: OPTION_CONTROLS.map(function (name) {
                return same(optionValues[name], options[name]) ? null : optionValues[name];
              }),
              error: error};
    }

    return {fromQuery: fromQuery, toQuery: toQuery, optionsQuery: optionsQuery, toState: toState, next: next, outputs: outputs,
            checked: checked, drill: drill};
  }

  // Which of the callback's inputs an event is read from (its index in ctx.inputs_list; 0 is
  // the URL). The URL wins over anything triggered with it: under load Dash can hand one call
  // both the address Back or Forward went to and a control's echo of the state before; read as
  // a control change, that echo put the old state back and pushed it over the new address.
  function triggerIndex(ctx) {
    var inputs = ctx.inputs_list || [], trigger = ctx.triggered_id, index = -1;
    var url = inputs[0] && inputs[0].id;
    if (trigger === undefined || trigger === null) { return 0; }
    if ((ctx.triggered || []).some(function (t) { return String(t.prop_id) === url + ".search"; })) {
      return 0;
    }
    if (typeof trigger !== "object") {
      inputs.forEach(function (input, i) { if (input && input.id === trigger) { index = i; } });
    }
    return index;
  }

  var api = {makeFilters: makeFilters, triggerIndex: triggerIndex, FilterError: FilterError, CONTROLS: CONTROLS, CLICKS: CLICKS,
             OPTION_CONTROLS: OPTION_CONTROLS,
             repr: repr, unquote: unquote, parseQuery: parseQuery, quote: quote};
  root.beFilters = api;
  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
  if (typeof window !== "undefined") {
    var made = {};
    window.dash_clientside = window.dash_clientside || {};
    window.dash_clientside.filters = {
      // Inputs: URL search, the 8 controls, reset, empty reset, the filter event (a chip or a
      // main chart clicked), the sections' 5 chart clicks, the 5 chart options; State: the
      // previous state, the page's language. Outputs: the state, the URL and the error
      // (FILTER_OUTPUTS); a control that must show another value is set apart (writeControls).
      // A chart option changes the address and redraws its chart only.
      // The main views are drawn for the new state in the same pass
      // (instant.js show); once Dash has written the store, instant.js's draw makes sure they
      // show that state (the one the URL says), drawing again only if it is another.
      update: function () {
        var args = Array.prototype.slice.call(arguments);
        var dc = window.dash_clientside, ctx = dc.callback_context || {};
        var lang = args[args.length - 1] || "en", previous = args[args.length - 2];
        var search = args[0], controls = {}, options = {};
        CONTROLS.forEach(function (name, i) { controls[name] = args[1 + i]; });
        var EVENT = 1 + CONTROLS.length + 2, OPTIONS = EVENT + 1 + CLICKS.length;
        var clicks = args.slice(EVENT + 1, EVENT + 1 + CLICKS.length);
        OPTION_CONTROLS.forEach(function (name, i) { options[name] = args[OPTIONS + i]; });
        var source = "none", detail = null, index = triggerIndex(ctx), only;
        if (index === 0) {
          source = "url";
          echoes(ctx, controls, options);  // a control's echo that came with it is spent all the same
        } else if (index >= 1 && index <= CONTROLS.length) {
          source = "controls";
          if (echoes(ctx, controls, options)) { throw dc.PreventUpdate; }  // a value this callback wrote
        } else if (index === CONTROLS.length + 1 || index === CONTROLS.length + 2) {
          source = "reset";
        } else if (index === EVENT) {
          var event = args[EVENT];
          if (!event || typeof event !== "object" || typeof event.source !== "string") { throw dc.PreventUpdate; }
          source = event.source; detail = event.detail;
          if (source !== "chip" && ["click:shares", "click:timeline", "click:map"].indexOf(source) < 0) {
            throw dc.PreventUpdate;
          }
        } else if (index >= OPTIONS) {  // a chart option: the address says it, its chart redrawn
          source = "options";
          if (echoes(ctx, controls, options)) { throw dc.PreventUpdate; }
        } else if (index > EVENT) {
          source = "click:" + CLICKS[index - EVENT - 1];
          detail = clicks[index - EVENT - 1];
        }
        function run(P) {
          var W = P.words, out;
          try {
            made[lang] = made[lang] || makeFilters(P.vocabulary);
            out = made[lang].outputs(source, detail, search, controls, previous, lang, W, options);
            if (source === "options") { only = root.beInstant.chartsOf(P.vocabulary.schema, ctx.triggered); }
          } catch (err) {  // the views keep matching the state they show: change nothing else
            if (window.console) { window.console.error("filter update failed", err); }
            return [dc.no_update, dc.no_update, error(alert(W.t.filter_failed, W.t.view_failed))];
          }
          // the address already says it (back, forward, a canonical link): not written again, so a
          // late write can never push this state over a newer one the browser went to meanwhile
          var address = out.search === search ? dc.no_update : out.search;
          var o = out.options;
          // drawn now, in this event (no wait for Dash to write the outputs); instant.js's draw
          // checks the state Dash writes and draws it again only if it is another one
          root.beInstant.show(P, out.state, {freq: o.freq, by: o.by, events: o.events === "1",
                                             panel: o.panel, metric: o.metric}, only);
          writeControls(ctx, out.controls, out.option_controls);
          // an option leaves the filter state as it is: the store is not written again
          var state = source === "options" ? dc.no_update : out.state;
          return [state, address, error(out.error === null ? null : alert(out.error, W.msg["Invalid filter"]))];
        }
        var ready = root.beInstant.loaded(lang);
        return ready ? run(ready) : root.beInstant.load(lang).then(run);
      }
    };
  }
  // The controls are not outputs of the filter callback: Dash would mark all eight as loading
  // and render each of them twice per event (~35 ms here), though they rarely change. A control
  // that must show another value (after a URL, reset, chip or click) is set on its own; the
  // callback it triggers in turn (the control is an input) is recognised and skipped.
  var echo = {};  // control id -> the value this callback set on it, until its event comes back
  function controlIds(ctx) {  // the filter controls', then the chart options' (by their inputs)
    var inputs = ctx.inputs_list || [], first = 1 + CONTROLS.length + 3 + CLICKS.length;
    return CONTROLS.map(function (name, i) { return inputs[1 + i] && inputs[1 + i].id; })
      .concat(OPTION_CONTROLS.map(function (name, i) { return inputs[first + i] && inputs[first + i].id; }));
  }
  function writeControls(ctx, values, optionValues) {
    var ids = controlIds(ctx);
    values.concat(optionValues).forEach(function (value, i) {
      if (value === null || !ids[i]) { return; }
      echo[ids[i]] = JSON.stringify(value);
      var prop = i >= CONTROLS.length && OPTION_CONTROLS[i - CONTROLS.length] === "events" ? "checked" : "value";
      var props = {};
      props[prop] = value;
      window.dash_clientside.set_props(ids[i], props);
    });
  }
  function echoes(ctx, controls, options) {  // every control that triggered shows a value we set
    var ids = controlIds(ctx), triggered = ctx.triggered || [];
    var values = CONTROLS.map(function (name) { return controls[name]; })
      .concat(OPTION_CONTROLS.map(function (name) { return options[name]; }));
    function idOf(t) { return String(t.prop_id).replace(/\.(value|checked)$/, ""); }
    var all = triggered.length > 0 && triggered.every(function (t) {
      var id = idOf(t), i = ids.indexOf(id);
      return i >= 0 && echo[id] !== undefined && echo[id] === JSON.stringify(values[i]);
    });
    triggered.forEach(function (t) { delete echo[idOf(t)]; });
    return all;
  }
  var written = null;  // the error slot as last written: an empty slot is not emptied again
  function error(value) {
    var dc = window.dash_clientside;
    if (value === null && written === null) { return dc.no_update; }
    written = value;
    return value;
  }
  function alert(text, title) {
    return {type: "Alert", namespace: "dash_mantine_components",
            props: {children: text, color: "red", title: title}};
  }
})(typeof window !== "undefined" ? window : globalThis);
