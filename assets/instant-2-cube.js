/* The incidents cube of /instant/<lang>.json (components/charts/payload.py): the filter state read
   from the store, each filter's test over the cube's typed columns, and the aggregates the views
   need (data/aggregate.py's counts). Pure: node tests it against Python's aggregates. */
(function (root) {
  "use strict";

  // --- the filter state (the store holds the URL's parameters, values comma-joined) ---------
  // by each filter's kind (data/spec.py, in the payload): a set's values as a list, any other one
  function specs(P) { return P.vocabulary.schema.filters; }
  function parseState(P, filterState) {
    var f = {}, kind = {};
    specs(P).forEach(function (s) { kind[s.param] = s.kind; });
    Object.keys(filterState || {}).forEach(function (key) {
      var value = String(filterState[key]);
      f[key] = kind[key] === "set" ? value.split(",").filter(function (v) { return v; }) : value;
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

  // one filter's test of a cube value, by its match rule (data/spec.py; data/filters.py _test)
  function testOf(P, s, value) {
    var has = function (v) { return value.indexOf(v) >= 0; };
    switch (s.match) {
      case "from": return function (m) { return m >= value; };
      case "to": return function (m) { return m <= value; };
      case "flag": return function (x) { return x === (value === "yes" ? 1 : 0); };
      case "in": return has;
      case "any_of": case "people": return anyOf(value);
      case "place": return placeTest(P, value);
      case "province": return function (code) {
        var p = P.places.province_of[code];
        return has(s.table ? s.table[p] : p);
      };
    }
    throw new Error("no match rule " + s.match + " (filter " + s.param + ")");
  }
  // the filters f sets, as one test per cube column: [column, one byte per dictionary value]
  function tests(P, f) {
    var C = columns(P), D = P.cube.dict, byKey = {};
    specs(P).forEach(function (s) {
      var value = f[s.param];
      if (!s.match || value === undefined || value === null || (Array.isArray(value) && !value.length)) { return; }
      var ok = lookup(D[s.cube] || [0, 1], testOf(P, s, value)), was = byKey[s.cube];
      byKey[s.cube] = was ? was.map(function (x, i) { return x && ok[i]; }) : ok;
    });
    return Object.keys(byKey).map(function (k) { return [C[k], byKey[k]]; });
  }

  // the cube's columns as typed arrays, decoded once per payload (components/charts/payload.py _column)
  var ARRAYS = {u8: Uint8Array, u16: Uint16Array, u32: Uint32Array};
  function column(c) {
    if (!c || typeof c.data !== "string") { return c; }  // already an array
    var text = atob(c.data), bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) { bytes[i] = text.charCodeAt(i); }
    return new ARRAYS[c.dtype](bytes.buffer, 0, bytes.length / ARRAYS[c.dtype].BYTES_PER_ELEMENT);
  }
  function columns(P) {
    if (!P.cube.cols) {
      var cols = {};
      Object.keys(P.cube).forEach(function (k) { if (k !== "rows" && k !== "dict") { cols[k] = column(P.cube[k]); } });
      P.cube.cols = cols;
    }
    return P.cube.cols;
  }

  // the counts of the rows f selects; keep (optional, one byte a row) marks which they are.
  // The last selection is kept (selected(): the sections and the table of the same state)
  var last = {cube: null, key: null, keep: null};
  function aggregate(P, f, keep) {
    var C = columns(P), D = P.cube.dict, n = P.cube.rows;
    keep = keep || new Uint8Array(n);
    last = {cube: P.cube, key: JSON.stringify(f), keep: keep};
    var T = tests(P, f), nT = T.length;
    var action = D.t.indexOf("arrest_action"), linked = D.c.indexOf("linked");
    var nt = D.t.length, nc = D.c.length;
    // counts by code in flat typed arrays (no strings in the loop), named after it
    var byTC = new Float64Array(nt * nc), byMT = new Float64Array(D.m.length * nt);
    var byMC = new Float64Array(D.m.length * nc), byG = new Float64Array(D.g.length);
    var seenG = new Uint8Array(D.g.length), seenM = new Uint8Array(D.m.length);
    var total = 0, actions = 0, linkedN = 0, plots = 0, people = 0, reconstructed = false;
    var cm = C.m, ct = C.t, cc = C.c, cp = C.p, cg = C.g;
    var cs = C.s, cw = C.w, ck = C.k;
    rows: for (var i = 0; i < n; i++) {
      for (var j = 0; j < nT; j++) { if (!T[j][1][T[j][0][i]]) { continue rows; } }
      keep[i] = 1;
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

  // which cube rows f selects (one byte a row), from the last aggregate when it was f's
  function selected(P, f) {
    if (last.cube !== P.cube || last.key !== JSON.stringify(f)) { aggregate(P, f); }
    return last.keep;
  }

  // a declared aggregate (components/charts/payload.py AGGREGATES) of the rows f selects:
  // {total: the `count` of the rows `where` keeps, tied: of those with a `by` value,
  //  groups: [{key, count, first, last}], pairs: [{a, b, count}]}
  function grouped(P, f, spec) {
    var C = columns(P), D = P.cube.dict, keep = selected(P, f);
    var tests = Object.keys(spec.where || {}).map(function (col) {
      return [C[col], lookup(D[col], function (v) { return spec.where[col].indexOf(v) >= 0; })];
    });
    var by = C[spec.by], values = D[spec.by], count = C[spec.count], span = C[spec.span];
    var groups = {}, pairs = {}, out = {total: 0, tied: 0};
    for (var i = 0; i < P.cube.rows; i++) {
      if (!keep[i] || tests.some(function (t) { return !t[1][t[0][i]]; })) { continue; }
      var w = count[i], names = values[by[i]], when = D[spec.span][span[i]];
      out.total += w;
      if (!names.length) { continue; }
      out.tied += w;
      names.forEach(function (name, k) {
        var g = groups[name] || (groups[name] = {key: name, count: 0, first: when, last: when});
        g.count += w;
        if (when < g.first) { g.first = when; }
        if (when > g.last) { g.last = when; }
        for (var j = k + 1; j < names.length; j++) {
          var a = name < names[j] ? name : names[j], b = name < names[j] ? names[j] : name;
          var key = JSON.stringify([a, b]);
          (pairs[key] || (pairs[key] = {a: a, b: b, count: 0})).count += w;
        }
      });
    }
    function ordered(list, fields) {
      return list.sort(function (x, y) {
        for (var k = 0; k < fields.length; k++) {
          var desc = fields[k].charAt(0) === "-", name = desc ? fields[k].slice(1) : fields[k];
          var p = x[name], q = y[name], c = p < q ? -1 : p > q ? 1 : 0;
          if (c) { return desc ? -c : c; }
        }
        return 0;
      });
    }
    out.groups = ordered(Object.keys(groups).map(function (k) { return groups[k]; }), spec.order.groups);
    out.pairs = ordered(Object.keys(pairs).map(function (k) { return pairs[k]; }), spec.order.pairs);
    return out;
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


  // the 95% Wilson score interval of k in n, as fractions (data/compare.py wilson); null if n is 0
  function wilson(k, n) {
    if (n <= 0) { return null; }
    var z = 1.959963984540054, p = k / n;
    var centre = (p + z * z / (2 * n)) / (1 + z * z / n);
    var half = z / (1 + z * z / n) * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n));
    return [Math.max(0.0, centre - half), Math.min(1.0, centre + half)];
  }

  var api = {wilson: wilson, aggregate: aggregate, grouped: grouped, selected: selected, anyOf: anyOf, byPlace: byPlace, column: column, columns: columns, lookup: lookup, parseState: parseState, periodCount: periodCount, periods: periods, placeTest: placeTest};
  root.beCube = api;
  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
})(typeof window !== "undefined" ? window : globalThis);
