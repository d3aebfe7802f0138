// assets/filters.js against the Python filter code (components/state.py, data/filters.py):
// tests/test_js.py writes random events with the outputs Python gives for each.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const filters = require(path.join(__dirname, "..", "..", "assets", "filters.js"));

const cases = JSON.parse(fs.readFileSync(process.env.BEEXPLORER_JS_CASES, "utf8"));

test("every filter event gives the state, URL, controls and error Python gives", () => {
  const made = filters.makeFilters(cases.vocabulary);
  let compared = 0;
  for (const c of cases.filters) {
    const label = JSON.stringify({source: c.source, detail: c.detail, search: c.search,
                                  controls: c.controls, previous: c.previous, options: c.options});
    if (c.expected.failed) {  // Python's callback fails (e.g. a slider index off the end)
      assert.throws(() => made.outputs(c.source, c.detail, c.search, c.controls, c.previous,
                                       c.lang, cases.words[c.lang], c.options), label);
    } else {
      const out = made.outputs(c.source, c.detail, c.search, c.controls, c.previous, c.lang,
                               cases.words[c.lang], c.options);
      assert.deepEqual(out, c.expected, label);
    }
    compared += 1;
  }
  assert.ok(compared >= 3000, `${compared} events`);
});

test("every input of the filter callback is known to the browser by its id", () => {
  const roles = filters.rolesOf({vocabulary: cases.vocabulary, clicks: cases.clicks});
  for (const id of cases.filterInputs.ids) { assert.ok(roles[id], id); }
  assert.deepEqual(cases.filterInputs.controls.map((id) => roles[id][0]),
                   cases.filterInputs.controls.map(() => "control"));
});

test("the browser reads and writes addresses as Python does (URLSearchParams, form_quote)", () => {
  for (const [query, expected] of cases.addresses) { assert.deepEqual(filters.pairs(query), expected, query); }
  for (const [text, expected] of cases.quotes) { assert.equal(filters.quote(text), expected, text); }
});

test("an event is read from the URL whenever the URL is among its triggers", () => {
  const roles = filters.rolesOf({vocabulary: cases.vocabulary, clicks: cases.clicks});
  const ctx = (triggered) => ({triggered_id: triggered.length ? triggered[0].split(".")[0] : null,
                               triggered: triggered.map((p) => ({prop_id: p}))});
  const role = (triggered) => filters.triggerRole(ctx(triggered), roles);
  assert.deepEqual(role([]), ["url"]);  // the first call: the address the page opened at
  assert.deepEqual(role(["url.search"]), ["url"]);
  assert.deepEqual(role(["filter-type.value"]), ["control", "types"]);
  assert.deepEqual(role(["reset-filters.n_clicks"]), ["reset"]);
  // Back went to a new address while a control's echo of the state before was pending: seen
  // under load as one call with both (the echo first); read as the control, it undid the Back
  assert.deepEqual(role(["filter-type.value", "url.search"]), ["url"]);
  assert.deepEqual(role(["filter-date.value", "filter-type.value"]), ["control", "date"]);
});
