// What each event does to the view state, in the browser that owns the events
// (assets/filters.js): controls, chart clicks, chips, a map click's drill-down and the Compare
// control, each with the address and state it must give. Python checks the states it writes
// (tests/test_js.py's contract); the page's own tests drive the same events in Chromium.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const filters = require(path.join(__dirname, "..", "..", "assets", "filters.js"));

const cases = JSON.parse(fs.readFileSync(process.env.BEEXPLORER_JS_CASES, "utf8"));
const made = filters.makeFilters(cases.vocabulary);
const MONTHS = cases.vocabulary.months;

// one event from a state (the store's), as the page sends it; its outputs
function send(source, detail, previous, controls) {
  return made.outputs(source, detail === undefined ? null : detail, "", controls || {},
                      previous || {}, "en", cases.words.en, {});
}
function address(out) { return out.search.replace(/^\?/, "").replace(/&?lang=en$/, ""); }
function click(chart, point, previous) { return send("click:" + chart, {points: [point]}, previous); }
function at(month) { return MONTHS.indexOf(month); }

test("controls set the filters they show, and nothing is written back to them", () => {
  const controls = {date: [at("2015-01"), at("2016-06")], types: ["attack"], plot: "no",
                    places: ["brussels"]};
  const out = send("controls", null, {}, controls);
  assert.equal(address(out), "from=2015-01&to=2016-06&type=attack&plot=no&place=brussels");
  assert.equal(out.error, null);
  const again = send("controls", null, out.state, controls).controls;
  cases.vocabulary.controls.forEach((c, i) => {
    if (c[0] in controls) { assert.equal(again[i], null, c[0]); }
  });
});

test("a control's value no control can hold is refused in words", () => {
  for (const [controls, said] of [
    [{types: ["raid"]}, "unknown value for “type”: “raid”"],
    [{places: ["<img>"]}, "unknown value for “place”: “<img>”"],
    [{plot: "sometimes"}, "the “plot” control sent a value it cannot hold"],
    [{networks: [1, 2]}, "the “network” control sent a value it cannot hold"],
    [{regions: ["atlantis"]}, "unknown value for “region”: “atlantis”"]]) {
    const out = send("controls", null, {}, controls);
    assert.ok(out.error.includes(said), out.error);
    assert.deepEqual(out.state, {});
  }
});

test("a click on a mark toggles the filter it stands for; a second click lifts it", () => {
  for (const [chart, point, expected] of [
    ["shares", {customdata: ["inspired", "attack", 3, 4]}, "connection=inspired"],
    ["map", {customdata: "21012"}, "place=21012"],
    ["timeline", {x: "2016"}, "from=2016-01&to=2016-12"],
    ["timeline", {x: "2014"}, "from=2014-06&to=2014-12"],  // the study's first month
    ["timeline", {x: "2016-03"}, "from=2016-03&to=2016-03"],
    ["timeline", {x: "2013"}, ""],  // a year outside the study: nothing to select
    ["timeline", {x: "2018"}, ""],
    ["networks", {customdata: "Paris cell"}, "network=Paris+cell"],
    ["citizenship", {customdata: "MA"}, "citizenship=MA"],
    ["citizenship", {customdata: "unknown"}, ""],
    ["map", {customdata: "99999"}, ""],
    ["shares", {customdata: "<script>"}, ""]]) {
    const out = click(chart, point);
    assert.equal(address(out), expected, chart + " " + JSON.stringify(point));
    if (expected) { assert.deepEqual(click(chart, point, out.state).state, {}); }
  }
});

test("a chip lifts its filter or its one value", () => {
  const previous = {type: "attack", place: "brussels", from: "2016-01"};
  assert.equal(address(send("chip", {name: "period", value: ""}, previous)), "type=attack&place=brussels");
  assert.equal(address(send("chip", {name: "places", value: "brussels"}, previous)), "from=2016-01&type=attack");
  assert.equal(address(send("chip", {name: "regions", value: "wallonia"}, {region: "flanders,wallonia"})),
               "region=flanders");
  assert.deepEqual(send("chip", {name: "foo", value: "x"}, previous).state, previous);
});

test("a map click narrows a selected group to one municipality, and back", () => {
  for (const [start, code, after, again] of [
    ["place=brussels", "21012", "place=21012&within=brussels", "place=brussels"],
    ["place=brussels,charleroi", "21004", "place=21004,charleroi&within=brussels", "place=brussels,charleroi"],
    ["place=elsewhere", "63079", "place=63079&within=elsewhere", "place=elsewhere"],
    ["place=charleroi", "21012", "place=21012,charleroi", "place=charleroi"],  // not inside
    ["", "21012", "place=21012", ""]]) {
    const previous = made.toState(made.fromQuery(start));
    const drilled = click("map", {customdata: code}, previous);
    assert.equal(address(drilled), after, start);
    assert.equal(address(click("map", {customdata: code}, drilled.state)), again, start);
  }
});

test("the drill-down's chip leads back, and other filters keep the way back", () => {
  const drilled = {place: "21012", within: "brussels"};
  assert.equal(address(send("chip", {name: "within", value: "brussels"}, drilled)), "place=brussels");
  const shown = {date: [0, MONTHS.length - 1], places: ["21012"], plot: "any"};
  assert.equal(address(send("controls", null, drilled, {...shown, types: ["attack"]})),
               "type=attack&place=21012&within=brussels");
  assert.equal(address(send("controls", null, drilled, {...shown, places: []})), "");
});

test("the Compare control starts, changes, swaps and ends a comparison", () => {
  const start = {place: "brussels"};
  const b = send("compare", {action: "set", pairs: [["place", "antwerp"]]}, start);
  assert.equal(b.search, "?place=brussels&vs.place=antwerp&lang=en");
  const year = send("compare", {action: "set", pairs: [["from", "2016-01"], ["to", "2016-12"]]}, b.state);
  assert.equal(year.search, "?place=brussels&vs.from=2016-01&vs.to=2016-12&vs.place=antwerp&lang=en");
  assert.deepEqual(send("compare", {action: "swap"}, b.state).state, {place: "antwerp", "vs.place": "brussels"});
  assert.deepEqual(send("chip", {name: "vs", value: "from,to"}, year.state).state, b.state);
  assert.deepEqual(send("compare", {action: "end"}, b.state).state, {place: "brussels"});
  assert.deepEqual(send("reset", null, b.state).state, {});
  // A's filters change, B keeps its own: a click on 'linked' applies to both slices
  assert.deepEqual(click("shares", {customdata: ["linked"]}, b.state).state,
                   {connection: "linked", place: "brussels", "vs.place": "antwerp"});
  for (const junk of [null, {action: "set", pairs: "x"}, {action: "fly"}]) {
    assert.deepEqual(send("compare", junk, b.state).state, b.state);
  }
  const regions = send("compare", {action: "set", pairs: [["region", "wallonia"]]}, {region: "flanders"});
  assert.equal(regions.search, "?region=flanders&vs.region=wallonia&lang=en");
});

test("a click on slice B's mark sets B's filter and leaves A's", () => {
  const previous = {place: "brussels", "vs.place": "antwerp"};
  const onB = click("citizenship", {customdata: ["BE", "B"]}, previous);
  assert.equal(onB.search, "?place=brussels&vs.place=antwerp&vs.citizenship=BE&lang=en");
  assert.equal(click("citizenship", {customdata: ["BE", "B"]}, onB.state).search,
               "?place=brussels&vs.place=antwerp&lang=en");  // clicked again: B's filter off
  assert.equal(click("citizenship", {customdata: "BE"}, previous).search,
               "?place=brussels&citizenship=BE&vs.place=antwerp&lang=en");
});

test("any JSON in any argument is an answer, never a failure", () => {
  let seed = 7;
  function random() { seed = (seed * 16807) % 2147483647; return (seed - 1) / 2147483646; }
  function pick(list) { return list[Math.floor(random() * list.length)]; }
  function json(depth) {
    const roll = random();
    if (depth > 2 || roll < 0.5) {
      return pick([null, true, false, 0, -1, 2.5, 1e9, "", "x", "attack", "brussels", "2016-01",
                   "vs.place", "\u0000", "😀", [], {}]);
    }
    if (roll < 0.75) { return [json(depth + 1), json(depth + 1)]; }
    const out = {};
    for (let i = 0; i < 3; i++) {
      out[pick(["points", "customdata", "x", "name", "value", "action", "pairs", "type", "place",
                "vs.type", "date", "types", "plot", "regions"])] = json(depth + 1);
    }
    return out;
  }
  const sources = ["url", "controls", "reset", "chip", "click:shares", "click:map",
                   "click:timeline", "click:networks", "compare", "options", "none"];
  for (let i = 0; i < 2000; i++) {
    const lang = pick(["en", "fr", "nl"]);
    const out = made.outputs(pick(sources), json(0), pick([json(0), "?type=attack", ""]), json(0),
                             json(0), lang, cases.words[lang], json(0));
    assert.equal(typeof out.search, "string");
    assert.ok(out.error === null || typeof out.error === "string");
  }
});
