// assets/instant.js's views against the Python views (callbacks.draw), in node on every run:
// tests/test_js.py writes the payload of each language and, for hundreds of random view states
// (filters and chart options), what Python draws. Every count, share, n, label, hover, caption
// and text alternative must be equal. tests/browser/test_instant.py repeats a few in Chromium.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
require(path.join(__dirname, "..", "..", "assets", "bars.js"));  // as the page: bars.js first
const instant = require(path.join(__dirname, "..", "..", "assets", "instant.js"));

const all = JSON.parse(fs.readFileSync(process.env.BEEXPLORER_JS_CASES, "utf8")).views;

function differences(a, b, at, out) {  // tests/view_cases.py differences, JSON values
  if (out.length > 8) { return out; }
  if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    new Set([...Object.keys(a), ...Object.keys(b)]).forEach((k) => {
      if (!(k in a) || !(k in b)) { out.push(`${at}.${k}: only in ${k in a ? "python" : "browser"}`); } else { differences(a[k], b[k], `${at}.${k}`, out); }
    });
  } else if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) { out.push(`${at}: ${a.length} items (python) vs ${b.length} (browser)`); } else { a.forEach((x, i) => differences(x, b[i], `${at}[${i}]`, out)); }
  } else if (a !== b) {
    out.push(`${at}: python ${JSON.stringify(a).slice(0, 200)} vs browser ${JSON.stringify(b).slice(0, 200)}`);
  }
  return out;
}

for (const [name, minimum] of [["boundaries", 500], ["schematic", 60]]) {
  test(`the browser's views are Python's, ${name === "boundaries" ? "with the boundary file" : "with the schematic map"}`, () => {
    const {payloads, cases} = all[name];
    const found = [];
    for (const c of cases) {
      const P = JSON.parse(JSON.stringify(payloads[c.lang]));  // as fetched: a payload of its own
      const shown = JSON.parse(JSON.stringify(instant.views(P, c.state, c.opts)));
      const diffs = differences(c.expected, shown, "", []);
      if (diffs.length) { found.push(`${JSON.stringify(c.query)} ${c.lang} ${JSON.stringify(c.opts)}:\n  ${diffs.join("\n  ")}`); }
    }
    assert.ok(cases.length >= minimum, `${cases.length} states`);
    assert.equal(found.length, 0, `${found.length} of ${cases.length} states differ:\n${found.slice(0, 5).join("\n")}`);
  });
}
