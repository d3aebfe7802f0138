// assets/filters.js: random events handled as the page handles them, their states and addresses
// written for Python to check (tests/test_js.py), and how the callback's inputs are read.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const filters = require(path.join(__dirname, "..", "..", "assets", "filters.js"));

const cases = JSON.parse(fs.readFileSync(process.env.BEEXPLORER_JS_CASES, "utf8"));

test("every filter event gives a state and an address (Python checks them: the contract)", () => {
  // tests/test_js.py reads what the browser wrote for each event: Python must read every state
  // and address back as it is, and refuse an address the browser refuses in the same words
  const made = filters.makeFilters(cases.vocabulary);
  const written = cases.filters.map((c) => {
    try {
      const out = made.outputs(c.source, c.detail, c.search, c.controls, c.previous, c.lang,
                               cases.words[c.lang], c.options);
      return {search: out.search, state: out.state, error: out.error};
    } catch (err) {
      return {thrown: String(err)};
    }
  });
  fs.writeFileSync(process.env.BEEXPLORER_JS_WRITTEN, JSON.stringify(written));
  assert.ok(written.length >= 3000, `${written.length} events`);
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
