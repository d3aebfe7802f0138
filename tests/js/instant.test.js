// Unit tests of assets/instant.js with node's own test runner (run by tests/test_js.py, which
// writes the expected forms from Babel and Python into BEEXPLORER_JS_CASES).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
require(path.join(__dirname, "..", "..", "assets", "bars.js"));  // as the page: bars.js first
const instant = require(path.join(__dirname, "..", "..", "assets", "instant.js"));

const cases = JSON.parse(fs.readFileSync(process.env.BEEXPLORER_JS_CASES, "utf8"));

test("numbers and percentages are written exactly as Babel writes them", () => {
  for (const lang of Object.keys(cases.numbers)) {
    const fmt = instant.makeFormat(cases.words[lang]);
    for (const [value, digits, expected] of cases.numbers[lang].num) {
      assert.equal(fmt.num(value, digits), expected, `num(${value}, ${digits}) in ${lang}`);
    }
    for (const [value, expected] of cases.numbers[lang].pct) {
      assert.equal(fmt.pct(value), expected, `pct(${value}) in ${lang}`);
    }
  }
});

test("shares round as pandas rounds them (halves to even)", () => {
  for (const [value, digits, expected] of cases.rounding) {
    assert.equal(instant.npRound(value, digits), expected, `round(${value}, ${digits})`);
  }
});

test("the cube's counts are the Python key figures for each state", () => {
  for (const c of cases.states) {
    const a = instant.aggregate(cases.payload, instant.parseState(cases.payload, c.state));
    assert.deepEqual([a.n, a.actions, a.linked, a.plots, a.people, a.reconstructed], c.expected,
                     JSON.stringify(c.state));
  }
});

test("the filter summary is the Python one", () => {
  for (const c of cases.states) {
    const P = {...cases.payload, words: cases.words.en};
    assert.equal(instant.describe(P, instant.parseState(P, c.state)), c.describe);
  }
});
