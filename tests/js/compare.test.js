// Compare mode in the browser (assets/instant-4-compare.js) against Python (components/charts/
// comparison.py, data/compare.py), in node on every run: tests/test_js.py writes hundreds of
// random pairs of slices (A's filters and B's `vs.` overrides, in a random language) with the key
// figures Python gives for each. Every count, share, n, interval, difference, p value, verdict,
// slice name and chip must be equal.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
require(path.join(__dirname, "..", "..", "assets", "bars.js"));  // as the page: bars.js first
require(path.join(__dirname, "..", "..", "assets", "instant.js"));
const compare = require(path.join(__dirname, "..", "..", "assets", "instant-4-compare.js"));
const format = require(path.join(__dirname, "..", "..", "assets", "instant-1-format.js"));

const all = JSON.parse(fs.readFileSync(process.env.BEEXPLORER_JS_CASES, "utf8"));

function differing(cases, payloads) {  // each case's model against Python's: what differs
  const found = [];
  for (const c of cases) {
    const P = JSON.parse(JSON.stringify(payloads[c.lang]));  // as fetched: a payload of its own
    const shown = JSON.parse(JSON.stringify(compare.model(P, format.makeFormat(P.words), c.state, c.freq, null,
                                                          {panel: c.panel, metric: c.metric})));
    try { assert.deepEqual(shown, c.expected); } catch (err) {
      found.push(`${JSON.stringify(c.state)} ${c.lang} ${c.panel}|${c.metric}:\n${String(err.message).slice(0, 1500)}`);
    }
  }
  return found;
}

test("the browser's comparisons are Python's: counts, shares, intervals, tests, words, maps", () => {
  const {cases} = all.compare;
  const found = differing(cases, all.views.boundaries.payloads);
  let tested = 0, chance = 0;
  for (const c of cases) {
    for (const r of c.expected.rows) {
      if (r.verdict && /Fisher|p = /.test(r.verdict)) { tested += 1; }
      if (r.verdict && /chance|hasard|toeval/.test(r.verdict)) { chance += 1; }
    }
  }
  assert.ok(cases.length >= 500, `${cases.length} pairs`);
  assert.ok(tested >= 100 && chance >= 50, `${tested} differences tested, ${chance} said`);
  assert.equal(found.length, 0, `${found.length} of ${cases.length} pairs differ:\n${found.slice(0, 3).join("\n")}`);
});

test("without a boundary file, the comparisons' schematic maps are Python's", () => {
  const {cases} = all.compare_schematic;
  const found = differing(cases, all.views.schematic.payloads);
  assert.ok(cases.length >= 50, `${cases.length} pairs`);
  assert.equal(found.length, 0, `${found.length} of ${cases.length} pairs differ:\n${found.slice(0, 3).join("\n")}`);
});

test("Wilson and Fisher as scipy counts them, on the issue's examples", () => {
  const w = compare.wilson(57, 62);
  assert.ok(Math.abs(w[0] - 0.8247142865138739) < 1e-12 && Math.abs(w[1] - 0.9650616530140073) < 1e-12);
  assert.ok(Math.abs(compare.fisherExact(57, 5, 4, 0) - 1.0) < 1e-12);
  assert.ok(Math.abs(compare.fisherExact(94, 9, 1, 3) - 0.004145827721916595) < 1e-12);
  assert.equal(compare.wilson(0, 0), null);
});
